/*
 * patterns.c: the cases a regular expression matches, found in one pass
 * over the texts of the cases that can match (internal to db/).
 *
 * A search with a pattern counts its cases and then reads its page; both
 * used to run the pattern on every row through an SQL function. Here it
 * runs once per search, straight over the rows, and the query keeps only
 * the ids. Before that, the pattern's required literals (core/literals.h)
 * narrow the cases through the vocabulary (schema 8): a word of a literal,
 * of three letters or more, lies inside one word of any text the pattern
 * matches, and the tokenizer gives that word in the same folding (lower
 * case, ö as ø), so only the cases with one of the vocabulary's words
 * containing each such piece can match.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/fts.h"
#include "db/patterns.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

/* A piece in more than this many words is not worth a posting list each: it narrows nothing. */
#define NARROW_TERMS_MAX 512

struct narrowing {
	sqlite3 *db;
	struct strbuf *match; /* the pieces' words, an FTS5 expression */
	char **seen;	      /* the pieces so far */
	size_t nseen, seen_alloc;
	size_t pieces;
	bool impossible; /* a piece is in no word: only a cut word may hold it */
};

static int narrow_piece(void *arg, const struct word *w)
{
	struct narrowing *nw = arg;
	struct strbuf like = STRBUF_INIT, ors = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t nterms = 0, len = strlen(w->exact), i;
	int rc;

	/* Trigrams need three letters; a word near WORD_MAX may be cut in the index. */
	if (utf8_chars(w->exact, len) < 3 || len + 4 > WORD_MAX || len + 1 < FTS_TERM_MIN)
		return 0;
	for (i = 0; i < nw->nseen; i++)
		if (!strcmp(nw->seen[i], w->exact))
			return 0; /* a piece twice narrows nothing more */
	ALLOC_GROW(nw->seen, nw->nseen + 1, nw->seen_alloc);
	nw->seen[nw->nseen++] = xstrdup(w->exact);
	/* The vocabulary has no word shorter than FTS_TERM_MIN: one that short is the piece itself. */
	if (len < FTS_TERM_MIN) {
		fts_token(&ors, 0, w->exact);
		nterms++;
	}
	strbuf_addf(&like, "%%%s%%", w->exact);
	if (sqlite3_prepare_v2(nw->db, "SELECT word FROM vocab WHERE word LIKE ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, like.buf, (int)like.len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && nterms <= NARROW_TERMS_MAX) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		/* LIKE folds ASCII letters only, and the words are in lower case already. */
		if (!t || !strstr(t, w->exact))
			continue;
		strbuf_addstr(&ors, nterms++ ? " OR " : "");
		fts_token(&ors, 0, t);
	}
	if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || nterms > NARROW_TERMS_MAX)
		goto out; /* no narrowing by this piece: the pattern runs on every case the others leave */
	if (!nterms) {
		nw->impossible = true;
		goto out;
	}
	strbuf_addstr(nw->match, nw->pieces++ ? " AND (" : "(");
	strbuf_add(nw->match, ors.buf, ors.len);
	strbuf_addch(nw->match, ')');
out:
	sqlite3_finalize(st);
	strbuf_release(&like);
	strbuf_release(&ors);
	return 0;
}

#define IN_CANDIDATES "IN (SELECT value FROM json_each(?1))"

/* The texts a pattern is run on, by the field it was given. */
struct text_scan {
	const char *all;  /* every row: the case id, then the texts */
	const char *some; /* those of the cases in the JSON array ?1 */
	int columns;	  /* how many texts */
};

static const struct text_scan scan_titles_decisions = {
    "SELECT id, title, agenda_title, proposed_decision, recorded_decision FROM cases",
    "SELECT id, title, agenda_title, proposed_decision, recorded_decision FROM cases WHERE id " IN_CANDIDATES,
    4};
static const struct text_scan scan_titles = {
    "SELECT id, title, agenda_title FROM cases",
    "SELECT id, title, agenda_title FROM cases WHERE id " IN_CANDIDATES, 2};
/* The proposed and the recorded decision, as the index's decision column has them. */
static const struct text_scan scan_decisions = {
    "SELECT id, proposed_decision, recorded_decision FROM cases",
    "SELECT id, proposed_decision, recorded_decision FROM cases WHERE id " IN_CANDIDATES, 2};
static const struct text_scan scan_presenters = {
    "SELECT case_id, name, organization FROM case_presenters",
    "SELECT case_id, name, organization FROM case_presenters WHERE case_id " IN_CANDIDATES, 2};
/* Every slide in storage order; some cases' by the index on (meeting_id, case_id). */
static const struct text_scan scan_slides = {
    "SELECT case_id, text FROM slides WHERE case_id IS NOT NULL",
    "SELECT c.id, s.text FROM cases c JOIN slides s ON s.meeting_id = c.meeting_id AND s.case_id = c.id"
    " WHERE c.id " IN_CANDIDATES,
    1};

struct found {
	uint8_t *bits; /* by case id */
	sqlite3_int64 max;
};

static bool found_has(const struct found *f, sqlite3_int64 id)
{
	return id < 0 || id > f->max || (f->bits[id >> 3] >> (id & 7)) & 1;
}

/* Runs the pattern on the rows of `st` (case id, texts) until one matches or they end. */
static enum pattern_result match_rows(sqlite3_stmt *st, int columns, struct regex *re, struct found *f,
				      int *sqlite_rc)
{
	int rc, i;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);

		if (found_has(f, id)) /* found already, or a case this search cannot show */
			continue;
		for (i = 1; i <= columns; i++) {
			const char *text = (const char *)sqlite3_column_text(st, i);
			size_t start, end;
			int m;

			if (!text)
				continue;
			m = regex_match(re, text, (size_t)sqlite3_column_bytes(st, i), 0, &start, &end);
			if (m < 0)
				return PATTERN_TOO_EXPENSIVE;
			if (m) {
				f->bits[id >> 3] |= (uint8_t)(1u << (id & 7));
				break;
			}
		}
	}
	if (rc != SQLITE_DONE) {
		*sqlite_rc = rc;
		return PATTERN_SQL_ERROR;
	}
	return PATTERN_DONE;
}

/* The pattern over `n` kinds of text: every row of each in storage order, or those of the cases in `cand`
 * (JSON). */
static enum pattern_result run_scans(sqlite3 *db, const struct text_scan *const *scans, size_t n,
				     const char *cand, struct regex *re, struct found *f, int *sqlite_rc)
{
	sqlite3_stmt *st = NULL;
	enum pattern_result ret = PATTERN_DONE;
	size_t i;

	for (i = 0; i < n && ret == PATTERN_DONE; i++) {
		if (sqlite3_prepare_v2(db, cand ? scans[i]->some : scans[i]->all, -1, &st, NULL) !=
		    SQLITE_OK) {
			*sqlite_rc = sqlite3_errcode(db);
			return PATTERN_SQL_ERROR;
		}
		if (cand)
			sqlite3_bind_text(st, 1, cand, -1, SQLITE_STATIC);
		ret = match_rows(st, scans[i]->columns, re, f, sqlite_rc);
		sqlite3_finalize(st);
		st = NULL;
	}
	return ret;
}

/*
 * The cases the pattern can match, as a JSON array in *cand: those with a
 * word of each piece (`match`, "" for no piece; `impossible`: a piece is
 * in no word), or with a word the tokenizer cut, and within `within` when
 * given. False, with *sqlite_rc, on an error.
 */
static bool candidates(sqlite3 *db, const char *match, bool impossible, const char *within,
		       struct strbuf *cand, int *sqlite_rc)
{
	struct strbuf expr = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	bool ok = false;
	int rc = SQLITE_DONE;

	/* With pieces: words the tokenizer cut at WORD_MAX (long_words) may hide any in their lost end. */
	if (impossible || *match) {
		if (sqlite3_prepare_v2(db, "SELECT word FROM long_words", -1, &st, NULL) != SQLITE_OK)
			goto out;
		if (!impossible)
			strbuf_addf(&expr, "(%s)", match);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			strbuf_addstr(&expr, expr.len ? " OR " : "");
			fts_token(&expr, 0, (const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
		st = NULL;
		if (rc != SQLITE_DONE)
			goto out;
		if (!expr.len) { /* a piece no word holds: no case */
			strbuf_addstr(cand, "[]");
			ok = true;
			goto out;
		}
	}
	strbuf_addch(cand, '[');
	if (expr.len) {
		if (sqlite3_prepare_v2(db,
				       within ? "SELECT value FROM json_each(?2) WHERE value IN"
						" (SELECT rowid FROM case_fts WHERE case_fts MATCH ?1)"
					      : "SELECT rowid FROM case_fts WHERE case_fts MATCH ?1",
				       -1, &st, NULL) != SQLITE_OK)
			goto out;
		sqlite3_bind_text(st, 1, expr.buf, (int)expr.len, SQLITE_STATIC);
	} else if (sqlite3_prepare_v2(db, "SELECT value FROM json_each(?2)", -1, &st, NULL) != SQLITE_OK) {
		goto out;
	}
	if (within)
		sqlite3_bind_text(st, 2, within, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strbuf_addf(cand, cand->len > 1 ? ",%lld" : "%lld", (long long)sqlite3_column_int64(st, 0));
	strbuf_addch(cand, ']');
	ok = rc == SQLITE_DONE;
out:
	if (!ok)
		*sqlite_rc = sqlite3_errcode(db);
	sqlite3_finalize(st);
	strbuf_release(&expr);
	return ok;
}

enum pattern_result pattern_cases(sqlite3 *db, struct wordizer *wz, struct regex *re, enum qfield field,
				  const char *within, struct strbuf *ids, int *sqlite_rc)
{
	const char *const *lit = regex_literals(re);
	struct strbuf match = STRBUF_INIT, cand = STRBUF_INIT;
	struct narrowing nw = {db, &match, NULL, 0, 0, 0, false};
	struct found f = {NULL, -1};
	const struct text_scan *scans[3] = {NULL, NULL, NULL};
	enum pattern_result ret = PATTERN_DONE;
	sqlite3_stmt *st = NULL;
	size_t i, nscans = 0;
	sqlite3_int64 id;

	*sqlite_rc = SQLITE_OK;
	strbuf_addch(ids, '[');
	for (i = 0; lit && lit[i] && !nw.impossible; i++)
		words_each(wz, lit[i], strlen(lit[i]), narrow_piece, &nw);
	if ((nw.pieces || nw.impossible || within) &&
	    !candidates(db, match.buf, nw.impossible, within, &cand, sqlite_rc)) {
		ret = PATTERN_SQL_ERROR;
		goto out;
	}
	if (sqlite3_prepare_v2(db, "SELECT max(id) FROM cases", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		*sqlite_rc = sqlite3_errcode(db);
		ret = PATTERN_SQL_ERROR;
		goto out;
	}
	f.max = sqlite3_column_int64(st, 0);
	f.bits = xcalloc((size_t)(f.max >> 3) + 1, 1);
	if (field == QF_ANY) {
		scans[nscans++] = &scan_titles_decisions;
		scans[nscans++] = &scan_presenters;
	} else if (field == QF_TITLE) {
		scans[nscans++] = &scan_titles;
	} else if (field == QF_DECISION) {
		scans[nscans++] = &scan_decisions;
	}
	if (field == QF_ANY || field == QF_SLIDE)
		scans[nscans++] = &scan_slides;
	ret = run_scans(db, scans, nscans, cand.len ? cand.buf : NULL, re, &f, sqlite_rc);
	for (id = 0; ret == PATTERN_DONE && id <= f.max; id++)
		if ((f.bits[id >> 3] >> (id & 7)) & 1)
			strbuf_addf(ids, ids->len > 1 ? ",%lld" : "%lld", (long long)id);
out:
	strbuf_addch(ids, ']');
	sqlite3_finalize(st);
	strbuf_release(&match);
	strbuf_release(&cand);
	for (i = 0; i < nw.nseen; i++)
		free(nw.seen[i]);
	free(nw.seen);
	free(f.bits);
	return ret;
}
