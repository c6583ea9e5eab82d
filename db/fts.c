/*
 * fts.c: the FTS5 tokenizer and the regex SQL function.
 *
 * Documents are tokenized with core's words_each(): each word gives its
 * exact form, and at the same position its folded form ("~drofting") and
 * its stem ("=vedtak") where they differ. Queries are not tokenized again:
 * db/search.c builds every query token itself with the same rules, so in
 * query mode the tokenizer passes each space-separated token through.
 */
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "query.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"
#include "words.h"
#include "banned.h"

struct tokenizer {
	struct wordizer *wz;
	struct strbuf tok;
};

struct tokenize_ctx {
	struct tokenizer *t;
	void *fts_ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
};

static int tok_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct tokenizer *t = xcalloc(1, sizeof(*t));

	(void)user;
	(void)argv;
	(void)argc;
	t->wz = wordizer_new();
	strbuf_init(&t->tok, 80);
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
	struct tokenizer *t = (struct tokenizer *)p;

	wordizer_free(t->wz);
	strbuf_release(&t->tok);
	free(t);
}

static int marked(struct tokenize_ctx *c, int flags, char mark, const char *form, const struct word *w)
{
	struct strbuf *sb = &c->t->tok;

	strbuf_reset(sb);
	strbuf_addch(sb, mark);
	strbuf_addstr(sb, form);
	return c->xToken(c->fts_ctx, flags, sb->buf, (int)sb->len, (int)w->start, (int)w->end);
}

static int on_word(void *arg, const struct word *w)
{
	struct tokenize_ctx *c = arg;
	int rc, flags = w->part ? FTS5_TOKEN_COLOCATED : 0;

	rc = c->xToken(c->fts_ctx, flags, w->exact, (int)strlen(w->exact), (int)w->start, (int)w->end);
	if (rc == SQLITE_OK && w->folded)
		rc = marked(c, FTS5_TOKEN_COLOCATED, WORD_FOLDED_MARK, w->folded, w);
	if (rc == SQLITE_OK && strcmp(w->stem, w->exact))
		rc = marked(c, FTS5_TOKEN_COLOCATED, WORD_STEM_MARK, w->stem, w);
	return rc;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
			int (*xToken)(void *, int, const char *, int, int, int))
{
	struct tokenize_ctx c = { (struct tokenizer *)p, ctx, xToken };
	int i = 0;

	if (!(flags & FTS5_TOKENIZE_QUERY) || (flags & FTS5_TOKENIZE_AUX))
		return words_each(c.t->wz, text, (size_t)n, on_word, &c);
	/* Query tokens come ready-made from search.c: pass them through. */
	while (i < n) {
		int start, rc;

		while (i < n && text[i] == ' ')
			i++;
		start = i;
		while (i < n && text[i] != ' ')
			i++;
		if (i > start && (rc = xToken(ctx, 0, text + start, i - start, start, i)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static void regexp_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct regex *re = sqlite3_value_pointer(argv[0], FTS_REGEX_POINTER);
	const char *text = (const char *)sqlite3_value_text(argv[1]);
	size_t s, e;
	int rc;

	(void)argc;
	if (!re) {
		sqlite3_result_error(ctx, "vedtak_regexp: no compiled pattern", -1);
		return;
	}
	if (!text) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	rc = regex_match(re, text, (size_t)sqlite3_value_bytes(argv[1]), 0, &s, &e);
	if (rc < 0)
		sqlite3_result_error(ctx, "pattern too expensive: it hit PCRE2's match or depth limit", -1);
	else
		sqlite3_result_int(ctx, rc);
}

/* vedtak_fold(text): lower case with ö as ø (core's utf8_fold); vedtak_fold_ascii: æøå spelled out. */
static void fold_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	struct strbuf sb = STRBUF_INIT;

	(void)argc;
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	utf8_fold(&sb, text, (size_t)sqlite3_value_bytes(argv[0]));
	if (sqlite3_user_data(ctx)) {
		struct strbuf a = STRBUF_INIT;
		size_t i;

		for (i = 0; i < sb.len; i++) {
			unsigned char c = (unsigned char)sb.buf[i], d = i + 1 < sb.len ? (unsigned char)sb.buf[i + 1] : 0;
			if (c == 0xC3 && (d == 0xB8 || d == 0xA5 || d == 0xA6)) {
				strbuf_addstr(&a, d == 0xB8 ? "o" : d == 0xA5 ? "a" : "ae");
				i++;
			} else {
				strbuf_addch(&a, (char)c);
			}
		}
		strbuf_release(&sb);
		sb = a;
	}
	sqlite3_result_text(ctx, sb.buf, (int)sb.len, SQLITE_TRANSIENT);
	strbuf_release(&sb);
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

enum vt_status fts_register(sqlite3 *db, struct vt_diag *diag)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = fts5_api_of(db);

	if (!api)
		return vt_fail(diag, VT_ERR_DB, 0, "this SQLite has no FTS5");
	if (api->xCreateTokenizer(api, "vedtak", NULL, &tok, NULL) != SQLITE_OK)
		return vt_fail(diag, VT_ERR_DB, 0, "cannot register the vedtak tokenizer: %s", sqlite3_errmsg(db));
	if (sqlite3_create_function(db, "vedtak_regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, regexp_func,
				    NULL, NULL) != SQLITE_OK)
		return vt_fail(diag, VT_ERR_DB, 0, "cannot register vedtak_regexp: %s", sqlite3_errmsg(db));
	if (sqlite3_create_function(db, "vedtak_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fold_func, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "vedtak_fold_ascii", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)1,
				    fold_func, NULL, NULL) != SQLITE_OK)
		return vt_fail(diag, VT_ERR_DB, 0, "cannot register vedtak_fold: %s", sqlite3_errmsg(db));
	return VT_OK;
}
