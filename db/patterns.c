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
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/fts.h"
#include "db/patterns.h"
#include "db/store_db.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

/* A piece in more than this many words is not worth a posting list each: it narrows nothing. */
#define NARROW_TERMS_MAX 512

/* A whole word of the literals, and what stands between it and the one before. */
struct lit_word {
	char *exact;
	enum literal_gap before; /* LITERAL_APART for the first, or after anything */
	bool narrowed;		 /* by where it stands beside the one before or after */
};

struct lit_words {
	struct lit_word *v;
	size_t n, alloc;
	enum literal_gap next; /* for the next word collected */
};

static int collect_word(void *arg, const struct word *w)
{
	struct lit_words *lw = arg;

	if (w->part)
		return 0;
	ALLOC_GROW(lw->v, lw->n + 1, lw->alloc);
	lw->v[lw->n].exact = xstrdup(w->exact);
	lw->v[lw->n].before = lw->next;
	lw->v[lw->n++].narrowed = false;
	/* Two words of one run are next to each other: one joiner between them would make them one. */
	lw->next = LITERAL_SPACED;
	return 0;
}

struct narrowing {
	sqlite3 *db;
	struct strbuf *match; /* an FTS5 expression: every case a match can be in */
	char **seen;	      /* the pieces so far */
	size_t nseen, seen_alloc;
	size_t pieces;
	bool impossible; /* a piece is in no word: only a cut word may hold it */
};

/* Trigrams need three letters; a word near WORD_MAX may be cut in the index. */
static bool narrows(const char *exact, size_t len)
{
	return utf8_chars(exact, len) >= 3 && len + 4 <= WORD_MAX && len + 1 >= FTS_TERM_MIN;
}

/*
 * The archive's words that contain `piece`, or with `ending` end with it,
 * each as an FTS5 token followed by `then`, joined by OR into *ors. How
 * many; -1 for more than NARROW_TERMS_MAX or an error.
 */
static long piece_words(sqlite3 *db, const char *piece, bool ending, const char *then, struct strbuf *ors)
{
	struct strbuf like = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t len = strlen(piece);
	long nterms = 0;
	int rc = SQLITE_ERROR;

	/* The vocabulary has no word shorter than FTS_TERM_MIN: one that short is the piece itself. */
	if (len < FTS_TERM_MIN) {
		fts_token(ors, 0, piece);
		strbuf_addstr(ors, then);
		nterms++;
	}
	strbuf_addf(&like, ending ? "%%%s" : "%%%s%%", piece);
	if (sqlite3_prepare_v2(db, "SELECT word FROM vocab WHERE word LIKE ?1", -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, like.buf, (int)like.len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && nterms <= NARROW_TERMS_MAX) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t tlen = t ? strlen(t) : 0;

		/* LIKE folds ASCII letters only, and the words are in lower case already. */
		if (!t ||
		    !(ending ? tlen >= len && !strcmp(t + tlen - len, piece) : strstr(t, piece) != NULL))
			continue;
		strbuf_addstr(ors, nterms++ ? " OR " : "");
		fts_token(ors, 0, t);
		strbuf_addstr(ors, then);
	}
out:
	sqlite3_finalize(st);
	strbuf_release(&like);
	return (rc != SQLITE_ROW && rc != SQLITE_DONE) || nterms > NARROW_TERMS_MAX ? -1 : nterms;
}

/*
 * The lines, from `from` to `to` (each a word and its line end) of
 * `lines`, where a word pattern finds a place: each one's start and
 * length, up to NARROW_TERMS_MAX + 1 of them. Run on one half of the
 * words on each core (pattern_words()): it writes nothing the other half
 * reads.
 */
struct word_scan {
	struct regex *re;
	const char *lines;
	size_t from, to;
	size_t (*hits)[2];
	size_t n, alloc;
	bool failed; /* the pattern too expensive in one word alone */
};

static void *scan_words(void *arg)
{
	struct word_scan *ws = arg;
	size_t at = ws->from, start, end;
	int m;

	while (at < ws->to && ws->n <= NARROW_TERMS_MAX && !ws->failed) {
		const char *line = ws->lines + at, *nl;

		if (!(m = regex_match(ws->re, ws->lines, ws->to, at, &start, &end)))
			break;
		/* A match holds no line end: it lies in the line it starts in, at `at` or after. */
		if (m > 0)
			for (line = ws->lines + start; line > ws->lines + at && line[-1] != '\n';)
				line--;
		nl = memchr(line, '\n', ws->to - (size_t)(line - ws->lines));
		at = (size_t)(nl - ws->lines) + 1;
		/* Too expensive over many words at once: the next one alone. */
		if (m < 0 && !(m = regex_match(ws->re, line, (size_t)(nl - line), 0, &start, &end)))
			continue;
		if (m < 0) {
			ws->failed = true;
			break;
		}
		ALLOC_GROW(ws->hits, ws->n + 1, ws->alloc);
		ws->hits[ws->n][0] = (size_t)(line - ws->lines);
		ws->hits[ws->n++][1] = (size_t)(nl - line);
	}
	return NULL;
}

/* Words are matched on two cores from this many bytes of them (the 1 GB archive has 1.7 MB). */
#define WORDS_HALVES_MIN (256 * 1024)

/*
 * A pattern whose every match lies inside one word (regex_word()): the
 * archive's words where its word pattern finds a place, and the cut words
 * whose whole form it finds one in or that do not know theirs, joined by
 * OR into *ors. The words are matched as one text, a word a line, a hit
 * at a time, each half of them on a core of its own (1.7 MB of words at
 * 1 GB: 27 ms on one core of a slow machine). How many; -1 for more than NARROW_TERMS_MAX, for a word
 * the pattern is too expensive in (so it will be in a text: every text is
 * read, as before, to find out), or for an error.
 */
static long pattern_words(sqlite3 *db, struct regex *word, struct strbuf *ors)
{
	struct strbuf lines = STRBUF_INIT;
	sqlite3_stmt *listed = NULL, *st = NULL;
	const char *text = NULL;
	size_t len = 0, start, end;
	long nterms = 0;
	int rc, m;

	/* At once where word_lines lists them all (schema 19), matched where SQLite holds it (1.7 MB
	 * at 1 GB); else a row at a time. */
	if (sqlite3_prepare_v2(db, "SELECT lines FROM word_lines WHERE n = " STORE_WORDS_MADE, -1, &listed,
			       NULL) != SQLITE_OK)
		goto fail;
	if ((rc = sqlite3_step(listed)) == SQLITE_ROW) {
		text = (const char *)sqlite3_column_text(listed, 0);
		len = text ? (size_t)sqlite3_column_bytes(listed, 0) : 0;
		text = text ? text : "";
	} else if (rc == SQLITE_DONE) {
		if (sqlite3_prepare_v2(db, "SELECT word FROM words", -1, &st, NULL) != SQLITE_OK)
			goto fail;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *w = (const char *)sqlite3_column_text(st, 0);

			if (w) {
				strbuf_add(&lines, w, (size_t)sqlite3_column_bytes(st, 0));
				strbuf_addch(&lines, '\n');
			}
		}
		sqlite3_finalize(st);
		st = NULL;
		if (rc != SQLITE_DONE)
			goto fail;
	} else {
		goto fail;
	}
	/* Every line ends, in a list made wrong too. */
	if (text && len && text[len - 1] != '\n') {
		strbuf_add(&lines, text, len);
		text = NULL;
	}
	if (!text) {
		if (lines.len && lines.buf[lines.len - 1] != '\n')
			strbuf_addch(&lines, '\n');
		text = lines.buf;
		len = lines.len;
	}
	{
		struct word_scan half[2] = {{word, text, 0, len, NULL, 0, 0, false},
					    {NULL, text, len, len, NULL, 0, 0, false}};
		const char *mid =
		    len >= WORDS_HALVES_MIN ? memchr(text + len / 2, '\n', len - len / 2) : NULL;
		pthread_t tid;
		bool two = false;
		size_t h, i;

		/* The second half on a thread of its own, with a twin of the pattern. */
		if (mid && (half[1].re = regex_twin(word))) {
			half[0].to = half[1].from = (size_t)(mid - text) + 1;
			two = !pthread_create(&tid, NULL, scan_words, &half[1]);
			if (!two)
				half[0].to = len;
		}
		scan_words(&half[0]);
		if (two)
			pthread_join(tid, NULL);
		regex_twin_free(half[1].re);
		for (h = 0; h < 2; h++) {
			for (i = 0; i < half[h].n && nterms <= NARROW_TERMS_MAX && !half[0].failed &&
				    !half[1].failed;
			     i++) {
				char *w = xstrndup(text + half[h].hits[i][0], half[h].hits[i][1]);

				strbuf_addstr(ors, nterms++ ? " OR " : "");
				fts_token(ors, 0, w);
				free(w);
			}
			free(half[h].hits);
		}
		if (half[0].failed || half[1].failed)
			goto fail;
	}
	if (sqlite3_prepare_v2(db, "SELECT word, whole FROM cut_words", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while (nterms <= NARROW_TERMS_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *whole = (const char *)sqlite3_column_text(st, 1);
		int wn = sqlite3_column_bytes(st, 1);

		if (whole && wn) {
			if (!(m = regex_match(word, whole, (size_t)wn, 0, &start, &end)))
				continue;
			if (m < 0)
				goto fail;
		}
		strbuf_addstr(ors, nterms++ ? " OR " : "");
		fts_token(ors, 0, (const char *)sqlite3_column_text(st, 0));
	}
	if (nterms <= NARROW_TERMS_MAX && rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	sqlite3_finalize(listed);
	strbuf_release(&lines);
	return nterms <= NARROW_TERMS_MAX ? nterms : -1;
fail:
	sqlite3_finalize(st);
	sqlite3_finalize(listed);
	strbuf_release(&lines);
	return -1;
}

/* Adds `ors` (nterms of them) to the narrowing as one more condition; none: no word can match. */
static void narrow_by(struct narrowing *nw, const struct strbuf *ors, long nterms)
{
	if (!nterms) {
		nw->impossible = true;
		return;
	}
	strbuf_addstr(nw->match, nw->pieces++ ? " AND (" : "(");
	strbuf_add(nw->match, ors->buf, ors->len);
	strbuf_addch(nw->match, ')');
}

/* A word of the literals that lies inside one word of the text. */
static void narrow_piece(struct narrowing *nw, const char *exact)
{
	struct strbuf ors = STRBUF_INIT;
	size_t i;
	long nterms;

	if (!narrows(exact, strlen(exact)))
		return;
	for (i = 0; i < nw->nseen; i++)
		if (!strcmp(nw->seen[i], exact))
			return; /* a piece twice narrows nothing more */
	ALLOC_GROW(nw->seen, nw->nseen + 1, nw->seen_alloc);
	nw->seen[nw->nseen++] = xstrdup(exact);
	/* Too many: no narrowing by this piece, the pattern runs on every case the others leave. */
	if ((nterms = piece_words(nw->db, exact, false, "", &ors)) >= 0)
		narrow_by(nw, &ors, nterms);
	strbuf_release(&ors);
}

/*
 * Two words of the literals with only a gap that ends words between them
 * (a spaced one; a joinable one may also join them): the first ends a
 * word of the text and the second begins the next word, a phrase in the
 * index, or the two are inside one word, where the hyphen or apostrophe
 * the index drops joined them. True when that narrowed the cases.
 */
static bool narrow_pair(struct narrowing *nw, const struct lit_word *a, const struct lit_word *b)
{
	struct strbuf ors = STRBUF_INIT, then = STRBUF_INIT;
	size_t la = strlen(a->exact), lb = strlen(b->exact);
	long nterms = -1, joined = 0;
	char *both = NULL;

	if (!narrows(a->exact, la) || !narrows(b->exact, lb))
		goto out;
	strbuf_addstr(&then, " + ");
	fts_token(&then, 0, b->exact);
	strbuf_addstr(&then, " *");
	if ((nterms = piece_words(nw->db, a->exact, true, then.buf, &ors)) < 0)
		goto out;
	if (b->before == LITERAL_JOINABLE) {
		both = xasprintf("%s%s", a->exact, b->exact);
		if (!narrows(both, la + lb)) {
			nterms = -1;
			goto out;
		}
		if (nterms)
			strbuf_addstr(&ors, " OR ");
		if ((joined = piece_words(nw->db, both, false, "", &ors)) < 0) {
			nterms = -1;
			goto out;
		}
		if (nterms && !joined)
			strbuf_setlen(&ors, ors.len - 4);
	}
	narrow_by(nw, &ors, nterms + joined);
out:
	free(both);
	strbuf_release(&ors);
	strbuf_release(&then);
	return nterms >= 0;
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
/* Every slide (scan_all_slides()); some cases' by the index on (meeting_id, case_id). */
static const struct text_scan scan_slides = {
    NULL,
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

/*
 * Every case's slides, read as a range of their ids so that the reading
 * may be split over both cores (store_read_halves()): a pattern no
 * literal narrows reads all of them, 1.7 s on one core at 1 GB of decks.
 * Each half matches with a regex of its own and marks its own cases.
 */
struct slides_half {
	struct range_read rr; /* first: a half is its range_read */
	struct regex *re;
	struct found f;
	enum pattern_result ret;
};

static int slides_read(struct range_read *rr, sqlite3 *db, long lo, long hi)
{
	struct slides_half *h = (struct slides_half *)rr;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
	    db, "SELECT case_id, text FROM slides WHERE id BETWEEN ?1 AND ?2 AND case_id IS NOT NULL", -1,
	    &st, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, lo);
		sqlite3_bind_int64(st, 2, hi);
		h->ret = match_rows(st, scan_slides.columns, h->re, &h->f, &rc);
		/* Too expensive in one text is too expensive: the other half need not go on. */
		if (h->ret == PATTERN_TOO_EXPENSIVE)
			rc = SQLITE_ABORT;
	}
	sqlite3_finalize(st);
	return rc;
}

static void slides_forget(struct range_read *rr)
{
	struct slides_half *h = (struct slides_half *)rr;

	memset(h->f.bits, 0, (size_t)(h->f.max >> 3) + 1);
}

static enum pattern_result scan_all_slides(struct store *store, struct regex *re, struct found *f,
					   int *sqlite_rc)
{
	sqlite3 *db = store_db(store);
	struct slides_half first = {{slides_read, slides_forget, SQLITE_OK}, re, *f, PATTERN_DONE},
			   second = {{slides_read, slides_forget, SQLITE_OK},
				     regex_twin(re),
				     {NULL, f->max},
				     PATTERN_DONE};
	sqlite3_stmt *st = NULL;
	/* Each its own subquery: SQLite reads a lone min() or max() at an end of the rowids, and
	 * the two together from the whole of an index (0.2 s at 1 GB). */
	int rc = sqlite3_prepare_v2(db, "SELECT (SELECT min(id) FROM slides), (SELECT max(id) FROM slides)",
				    -1, &st, NULL);
	size_t i;

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		long lo = (long)sqlite3_column_int64(st, 0), hi = (long)sqlite3_column_int64(st, 1);

		sqlite3_finalize(st);
		st = NULL;
		/* Cases found already in other texts need not be matched again. */
		second.f.bits = xmalloc((size_t)(f->max >> 3) + 1);
		memcpy(second.f.bits, f->bits, (size_t)(f->max >> 3) + 1);
		/* No memory for a second regex: all on this connection. */
		rc = second.re ? store_read_halves(store, lo, hi, &first.rr, &second.rr)
			       : slides_read(&first.rr, db, lo, hi);
		for (i = 0; i <= (size_t)(f->max >> 3); i++)
			f->bits[i] |= second.f.bits[i];
	}
	sqlite3_finalize(st);
	regex_twin_free(second.re);
	free(second.f.bits);
	if (first.ret == PATTERN_TOO_EXPENSIVE || second.ret == PATTERN_TOO_EXPENSIVE)
		return PATTERN_TOO_EXPENSIVE;
	if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*sqlite_rc = rc;
		return PATTERN_SQL_ERROR;
	}
	return PATTERN_DONE;
}

/* The pattern over `n` kinds of text: every row of each in storage order, or those of the cases in `cand`
 * (JSON). */
static enum pattern_result run_scans(struct store *store, const struct text_scan *const *scans, size_t n,
				     const char *cand, struct regex *re, struct found *f, int *sqlite_rc)
{
	sqlite3 *db = store_db(store);
	sqlite3_stmt *st = NULL;
	enum pattern_result ret = PATTERN_DONE;
	size_t i;

	for (i = 0; i < n && ret == PATTERN_DONE; i++) {
		if (!cand && scans[i] == &scan_slides) {
			ret = scan_all_slides(store, re, f, sqlite_rc);
			continue;
		}
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

/* Whether a cut word's whole form holds one of the literals' words that narrow ('': not known). */
static bool cut_may_hold(const char *whole, const struct lit_words *lw)
{
	size_t i;

	if (!*whole)
		return true;
	for (i = 0; i < lw->n; i++)
		if (narrows(lw->v[i].exact, strlen(lw->v[i].exact)) && strstr(whole, lw->v[i].exact))
			return true;
	return false;
}

/*
 * The cases the pattern can match, as a JSON array in *cand: those with a
 * word of each piece (`match`, "" for no piece; `impossible`: a piece is
 * in no word), or with a word the tokenizer cut whose whole form holds a
 * word of the literals (which the index may have lost), and within
 * `within` when given. False, with *sqlite_rc, on an error.
 */
static bool candidates(sqlite3 *db, const char *match, bool impossible, const struct lit_words *lw,
		       const char *within, struct strbuf *cand, int *sqlite_rc)
{
	struct strbuf expr = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	bool ok = false;
	int rc = SQLITE_DONE;

	if (impossible || *match) {
		if (sqlite3_prepare_v2(db, "SELECT word, whole FROM cut_words", -1, &st, NULL) != SQLITE_OK)
			goto out;
		if (!impossible)
			strbuf_addf(&expr, "(%s)", match);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (!cut_may_hold((const char *)sqlite3_column_text(st, 1), lw))
				continue;
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

enum pattern_result pattern_cases(struct store *store, struct wordizer *wz, struct regex *re,
				  enum qfield field, const char *within, struct strbuf *ids, int *sqlite_rc)
{
	sqlite3 *db = store_db(store);
	const enum literal_gap *gaps = NULL;
	const char *const *lit = regex_literals(re, &gaps);
	struct strbuf match = STRBUF_INIT, cand = STRBUF_INIT;
	struct narrowing nw = {db, &match, NULL, 0, 0, 0, false};
	struct lit_words lw = {NULL, 0, 0, LITERAL_APART};
	struct found f = {NULL, -1};
	const struct text_scan *scans[3] = {NULL, NULL, NULL};
	enum pattern_result ret = PATTERN_DONE;
	sqlite3_stmt *st = NULL;
	size_t i, nscans = 0, before;
	sqlite3_int64 id;

	*sqlite_rc = SQLITE_OK;
	strbuf_addch(ids, '[');
	for (i = 0, before = 0; lit && lit[i]; i++) {
		size_t first = lw.n;

		/* Characters around the gap, where the runs end or begin, are ones that end words too. */
		lw.next = i && before < first && gaps ? gaps[i] : LITERAL_APART;
		before = first;
		words_each(wz, lit[i], strlen(lit[i]), collect_word, &lw);
	}
	for (i = 1; i < lw.n && !nw.impossible; i++)
		if (lw.v[i].before != LITERAL_APART && narrow_pair(&nw, &lw.v[i - 1], &lw.v[i]))
			lw.v[i - 1].narrowed = lw.v[i].narrowed = true;
	for (i = 0; i < lw.n && !nw.impossible; i++)
		if (!lw.v[i].narrowed)
			narrow_piece(&nw, lw.v[i].exact);
	/* No literal narrowed it: where the pattern keeps inside words, the words it can be in. A
	 * match as short as the words the vocabulary leaves out could be in one of them. */
	if (!nw.pieces && !nw.impossible && regex_word(re, false) && regex_min_chars(re) >= FTS_TERM_MIN) {
		struct strbuf ors = STRBUF_INIT;
		long nterms = pattern_words(db, regex_word(re, store_quiet_parts(store)), &ors);

		if (nterms >= 0)
			narrow_by(&nw, &ors, nterms);
		strbuf_release(&ors);
	}
	if ((nw.pieces || nw.impossible || within) &&
	    !candidates(db, match.buf, nw.impossible, &lw, within, &cand, sqlite_rc)) {
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
	ret = run_scans(store, scans, nscans, cand.len ? cand.buf : NULL, re, &f, sqlite_rc);
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
	for (i = 0; i < lw.n; i++)
		free(lw.v[i].exact);
	free(lw.v);
	free(f.bits);
	return ret;
}
