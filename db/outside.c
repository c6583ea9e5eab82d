/*
 * outside.c: the search of the meetings' text outside their cases
 * (outside.h): the query's words as an FTS5 expression over outside_fts.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "db/outside.h"
#include "db/sql.h"
#include "db/store_db.h"
#include "core/banned.h"

/* s as an FTS5 string: in double quotes, each one in it doubled; SQLite's tokenizer reads it as a phrase. */
static void fts_string(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

/* Whether SQLite's tokenizer finds a token in s: a letter or digit ("–" alone gives none). */
static bool has_token(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k && (utf8_is_letter(cp) || utf8_is_digit(cp)))
			return true;
		i += k ? k : 1;
	}
	return false;
}

/* What a node gives: an expression, nothing to look for (a word of punctuation), or a question of more
 * than words (a field, a pattern, a NOT on its own). */
enum part { PART_SOME, PART_NONE, PART_BEYOND };

static enum part expression(const struct qnode *n, struct strbuf *sb);

/*
 * Appends the operands of v that are NOTs (with `negated`: the node under
 * each) or the others, each in parentheses, joined by `op`; how many were
 * appended, or -1 when one asks about more than words.
 */
static int operands(const struct qnode **v, size_t nv, bool negated, const char *op, struct strbuf *sb)
{
	size_t i, undo;
	int some = 0;

	for (i = 0; i < nv; i++) {
		if ((v[i]->kind == Q_NOT) != negated)
			continue;
		undo = sb->len;
		strbuf_addstr(sb, some ? op : "");
		strbuf_addch(sb, '(');
		switch (expression(negated ? v[i]->a : v[i], sb)) {
		case PART_SOME:
			strbuf_addch(sb, ')');
			some++;
			break;
		case PART_NONE:
			strbuf_setlen(sb, undo);
			break;
		case PART_BEYOND:
			return -1;
		}
	}
	return some;
}

/*
 * Appends n as an FTS5 expression. A chain of one operator is written flat
 * (FTS5's parser refuses a few dozen levels of parentheses, and a query
 * may have 200 words); the NOTs of an AND become one "a AND b NOT (c OR
 * d)", as FTS5's NOT takes two sides.
 */
static enum part expression(const struct qnode *n, struct strbuf *sb)
{
	const struct qnode **v = NULL;
	size_t nv = 0, alloc = 0, at = sb->len, i;
	enum part ret = PART_BEYOND;
	int pos, neg;

	switch (n->kind) {
	case Q_TERM:
		if (n->field != QF_ANY || n->term == QT_REGEX || !n->text)
			return PART_BEYOND;
		if (!has_token(n->text))
			return PART_NONE;
		fts_string(sb, n->text);
		if (n->term == QT_PREFIX)
			strbuf_addstr(sb, " *");
		return PART_SOME;
	case Q_AND:
		query_chain_operands(n, Q_AND, &v, &nv, &alloc);
		if ((pos = operands(v, nv, false, " AND ", sb)) < 0)
			break;
		if (!pos) {
			/* Only NOTs, or only words of punctuation: nothing to find them by. */
			ret = PART_NONE;
			for (i = 0; i < nv; i++)
				if (v[i]->kind == Q_NOT)
					ret = PART_BEYOND;
			break;
		}
		strbuf_addstr(sb, " NOT (");
		if ((neg = operands(v, nv, true, " OR ", sb)) < 0)
			break;
		if (neg)
			strbuf_addch(sb, ')');
		else
			strbuf_setlen(sb, sb->len - strlen(" NOT ("));
		ret = PART_SOME;
		break;
	case Q_OR:
		query_chain_operands(n, Q_OR, &v, &nv, &alloc);
		for (i = 0; i < nv; i++)
			if (v[i]->kind == Q_NOT)
				goto out; /* "a OR -b": all but b, which is no question of words */
		pos = operands(v, nv, false, " OR ", sb);
		ret = pos < 0 ? PART_BEYOND : pos ? PART_SOME : PART_NONE;
		break;
	case Q_NOT:
	case Q_FILTER:
		break;
	}
out:
	if (ret != PART_SOME)
		strbuf_setlen(sb, at);
	free(v);
	return ret;
}

/* FTS5's marks around each word found in a snippet: control bytes, which a document holds
 * hardly ever (one would only misplace a highlight) and no terminal is shown (core/termsafe.h). */
#define MARK_OPEN  "\x01"
#define MARK_CLOSE "\x02"

/*
 * Hit h's snippet from FTS5's text with its marks: the marks taken out as
 * the hits' offsets, every run of white space one space (the text's lines
 * and blank lines between its pieces), as a case's snippets are.
 */
static void snippet_read(struct outside_hit *h, const char *marked)
{
	struct strbuf sb = STRBUF_INIT;
	size_t alloc = 0, open = 0;
	bool space = false;
	const char *p;

	for (p = marked ? marked : ""; *p; p++) {
		if (*p == MARK_OPEN[0]) {
			/* The space before the word is the text's, not the hit's. */
			if (space && sb.len)
				strbuf_addch(&sb, ' ');
			space = false;
			open = sb.len;
		} else if (*p == MARK_CLOSE[0]) {
			if (sb.len > open) {
				ALLOC_GROW(h->hits, h->nhits + 1, alloc);
				h->hits[h->nhits++] = (struct hit){.start = open, .end = sb.len};
			}
		} else if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = true;
		} else {
			if (space && sb.len)
				strbuf_addch(&sb, ' ');
			space = false;
			strbuf_addch(&sb, *p);
		}
	}
	h->snippet = strbuf_detach(&sb, NULL);
}

/* *st, finalized, made again as `sql` with the expression bound to ?1; false when SQLite fails. */
static bool match_stmt(sqlite3 *db, const char *sql, const struct strbuf *expr, sqlite3_stmt **st)
{
	sqlite3_finalize(*st);
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return false;
	return sqlite3_bind_text(*st, 1, expr->buf, (int)expr->len, SQLITE_STATIC) == SQLITE_OK;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

enum vt_status store_search_outside(struct store *s, const struct query *q, size_t limit,
				    struct outside_hit **hits, size_t *nhits, size_t *total,
				    struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	struct strbuf expr = STRBUF_INIT;
	enum vt_status ret = VT_OK;
	size_t alloc = 0, i;
	int rc;

	*hits = NULL;
	*nhits = *total = 0;
	if (!q->root || expression(q->root, &expr) != PART_SOME)
		goto out;
	if (!match_stmt(db, "SELECT count(*) FROM outside_fts WHERE outside_fts MATCH ?1", &expr, &st) ||
	    sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	*total = (size_t)sqlite3_column_int64(st, 0);
	if (!*total)
		goto out;
	/* The page first, then each one's snippet: a snippet is the row's whole text read and
	 * tokenized, and made in the sorting query it was made for every match (5,800 meetings of
	 * a two-word query at 1 GB: 46 ms, against 7 for the page and its snippets apart). */
	if (!match_stmt(
		db,
		"SELECT m.id, m.start_date, m.body, m.source"
		" FROM outside_fts JOIN meetings m ON m.id = outside_fts.rowid"
		" WHERE outside_fts MATCH ?1 ORDER BY m.start_date DESC NULLS LAST, m.id DESC LIMIT ?2",
		&expr, &st))
		goto fail;
	sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct outside_hit *h;

		ALLOC_GROW(*hits, *nhits + 1, alloc);
		h = &(*hits)[(*nhits)++];
		*h = (struct outside_hit){.meeting_id = (long)sqlite3_column_int64(st, 0),
					  .date = col_dup(st, 1),
					  .body = col_dup(st, 2),
					  .source = col_dup(st, 3)};
	}
	if (rc != SQLITE_DONE || !match_stmt(db,
					     "SELECT snippet(outside_fts, 0, '" MARK_OPEN "', '" MARK_CLOSE
					     "', '\xe2\x80\xa6', 16)"
					     " FROM outside_fts WHERE outside_fts MATCH ?1 AND rowid = ?2",
					     &expr, &st))
		goto fail;
	for (i = 0; i < *nhits; i++) {
		sqlite3_bind_int64(st, 2, (*hits)[i].meeting_id);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			snippet_read(&(*hits)[i], (const char *)sqlite3_column_text(st, 0));
		else if (rc != SQLITE_DONE)
			goto fail;
		sqlite3_reset(st);
	}
	goto out;
fail:
	ret = sql_fail(db, diag, _("searching the text outside the cases"));
	outside_hits_free(*hits, *nhits);
	*hits = NULL;
	*nhits = *total = 0;
out:
	sqlite3_finalize(st);
	strbuf_release(&expr);
	return ret;
}

void outside_hits_free(struct outside_hit *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].date);
		free(v[i].body);
		free(v[i].source);
		free(v[i].snippet);
		free(v[i].hits);
	}
	free(v);
}
