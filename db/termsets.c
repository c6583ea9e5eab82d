/*
 * termsets.c: the cases of the index's frequent words as bitmaps
 * (termsets.h).
 *
 * Counting a common word is decoding its postings: `helse` at 1 GB stands
 * for some 100 forms and longer words with 1.6 million postings, 100 ms on
 * two cores however they are read. A word in a sixty-fourth of the cases
 * or more is kept as the set of its cases instead, made when a bulk import
 * settles the index (store_settle_index) and by the migration to schema
 * 12. A set is a bitmap ('B', then bit i of byte i / 8 for case i: 20 KB
 * at 163,000 cases) or, when that is shorter, the gaps between its ids
 * ('L', then each gap as a varint: seven bits a byte, low first, the top
 * bit set on all but the last). Such bitmaps go stale in two ways, and a
 * search reads those cases from the index itself:
 *   - cases imported after them have ids above term_sets_upto;
 *   - cases deleted after them (a re-import) are listed in term_sets_stale,
 *     and their ids may come back for new cases.
 * With more than STALE_MAX such ids in a read, the bitmaps are not used.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/caseset.h"
#include "db/fts.h"
#include "db/gaps.h"
#include "db/rank.h"
#include "db/store_db.h"
#include "db/termsets.h"
#include "core/i18n.h"
#include "db/sql.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/banned.h"

/* Beyond this many deleted cases among a read's, the index is read instead (one query each). */
#define STALE_MAX 64
/* Ids above this are not kept in a bitmap (an id from a damaged table must not allocate gigabytes). */
#define BITS_MAX_ID (INT64_C(1) << 31)

struct bits_acc {
	unsigned char *b;
	size_t len, cap;
};

static void bits_add(struct bits_acc *a, sqlite3_int64 id)
{
	size_t byte;

	if (id < 0 || id > BITS_MAX_ID)
		return;
	byte = (size_t)(id >> 3);
	if (byte >= a->cap) {
		size_t cap = a->cap ? a->cap : 4096;

		while (cap <= byte)
			cap *= 2;
		a->b = xrealloc(a->b, cap);
		memset(a->b + a->cap, 0, cap - a->cap);
		a->cap = cap;
	}
	a->b[byte] |= (unsigned char)(1u << (id & 7));
	if (byte + 1 > a->len)
		a->len = byte + 1;
}

static void bits_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct bits_acc *a = sqlite3_aggregate_context(ctx, sizeof(*a));

	(void)argc;
	if (a)
		bits_add(a, sqlite3_value_int64(argv[0]));
}

/* The set of a's ids (NULL: none) in out, as vedtak_bits() gives it. */
static void bits_encode(const struct bits_acc *a, struct strbuf *out)
{
	uint64_t last = 0, id;
	size_t byte;

	strbuf_addch(out, 'L');
	for (byte = 0; a && byte < a->len && out->len <= a->len; byte++)
		for (id = byte * 8; a->b[byte] && id < byte * 8 + 8; id++)
			if ((a->b[byte] >> (id & 7)) & 1) {
				gaps_add(out, id - last);
				last = id;
			}
	if (a && out->len > a->len) { /* the bitmap is shorter */
		strbuf_reset(out);
		strbuf_addch(out, 'B');
		strbuf_add(out, a->b, a->len);
	}
}

static void bits_final(sqlite3_context *ctx)
{
	struct bits_acc *a = sqlite3_aggregate_context(ctx, 0);
	struct strbuf out = STRBUF_INIT;

	bits_encode(a, &out);
	sqlite3_result_blob(ctx, out.buf, (int)out.len, SQLITE_TRANSIENT);
	strbuf_release(&out);
	if (a)
		free(a->b);
}

/* vedtak_bits_count(bits): how many cases a set (vedtak_bits()) holds; 0 for NULL. */
static void bits_count_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *b = sqlite3_value_blob(argv[0]);
	int n = sqlite3_value_bytes(argv[0]), i;
	sqlite3_int64 count = 0;

	(void)argc;
	for (i = 1; b && i < n; i++)
		count += b[0] == 'B' ? __builtin_popcount(b[i]) : !(b[i] & 0x80);
	sqlite3_result_int64(ctx, count);
}

/* One row of term_sets (col NULL) or strong_sets. */
struct termsets_row {
	char *term, *col;
	void *bits; /* NULL: the row's bits were NULL */
	int nbits;
};

struct termsets_rows {
	struct termsets_row *v;
	size_t n, alloc, nwords; /* the first nwords are term_sets' */
	sqlite3_int64 upto;
};

void termsets_rows_free(struct termsets_rows *rows)
{
	size_t i;

	if (!rows)
		return;
	for (i = 0; i < rows->n; i++) {
		free(rows->v[i].term);
		free(rows->v[i].col);
		free(rows->v[i].bits);
	}
	free(rows->v);
	free(rows);
}

/* The rows of `sql`: a term, a column when `with_col`, then the bits. */
static int read_rows(sqlite3 *db, const char *sql, bool with_col, struct termsets_rows *rows)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct termsets_row *r;
		int b = with_col ? 2 : 1;

		ALLOC_GROW(rows->v, rows->n + 1, rows->alloc);
		r = &rows->v[rows->n++];
		memset(r, 0, sizeof(*r));
		r->term = xstrdup((const char *)sqlite3_column_text(st, 0));
		if (with_col)
			r->col = xstrdup((const char *)sqlite3_column_text(st, 1));
		if (sqlite3_column_type(st, b) != SQLITE_NULL) {
			r->nbits = sqlite3_column_bytes(st, b);
			r->bits = xmalloc((size_t)r->nbits + 1);
			memcpy(r->bits, sqlite3_column_blob(st, b), (size_t)r->nbits);
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The term's cases from its noted rows (fts.h) into a; how many. */
static long long add_noted(struct bits_acc *a, const struct fts_common *c)
{
	uint64_t id = 0, gap;
	size_t i = 0;
	long long count = 0;

	while (gaps_next((const unsigned char *)c->gaps, c->ngaps, &i, &gap)) {
		id += gap;
		bits_add(a, (sqlite3_int64)id);
		count++;
	}
	return count;
}

/*
 * The rows of term_sets for the terms common[0..n), those in `min` cases
 * or more: each term's cases read as TERMSETS_WORDS does, without the
 * count of every word's cases; for a term whose cases the import noted
 * (fts.h), only those before them are read from the index. Reading every
 * case of 2,400 words from an index in pieces took the end of a 105 MB
 * import 0.9 s of a core, longer than the merge beside it.
 */
static int read_common(sqlite3 *db, const struct fts_common *common, size_t n, long long min,
		       struct termsets_rows *rows)
{
	sqlite3_stmt *st = NULL, *before = NULL;
	int rc = sqlite3_prepare_v2(db,
				    "SELECT vedtak_bits(rowid), count(*) FROM case_fts"
				    "  WHERE case_fts MATCH '\"' || replace(?1, '\"', '\"\"') || '\"'",
				    -1, &st, NULL);
	struct strbuf bits = STRBUF_INIT;
	size_t i;

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    db,
		    "SELECT rowid FROM case_fts WHERE case_fts MATCH '\"' || replace(?1, '\"', "
		    "'\"\"') || '\"' AND rowid < ?2",
		    -1, &before, NULL);
	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		const struct fts_common *c = &common[i];
		struct bits_acc a = {NULL, 0, 0};
		long long count = 0;
		struct termsets_row *r;

		strbuf_reset(&bits);
		if (c->from == LLONG_MAX) {
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, c->term, -1, SQLITE_STATIC);
			if ((rc = sqlite3_step(st)) != SQLITE_ROW)
				break;
			rc = SQLITE_OK;
			count = sqlite3_column_int64(st, 1);
			strbuf_add(&bits, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
		} else {
			sqlite3_reset(before);
			sqlite3_bind_text(before, 1, c->term, -1, SQLITE_STATIC);
			sqlite3_bind_int64(before, 2, c->from);
			while ((rc = sqlite3_step(before)) == SQLITE_ROW) {
				bits_add(&a, sqlite3_column_int64(before, 0));
				count++;
			}
			if (rc != SQLITE_DONE) {
				free(a.b);
				break;
			}
			rc = SQLITE_OK;
			count += add_noted(&a, c);
			bits_encode(&a, &bits);
			free(a.b);
		}
		if (count < min)
			continue; /* counted in a row deleted since */
		ALLOC_GROW(rows->v, rows->n + 1, rows->alloc);
		r = &rows->v[rows->n++];
		memset(r, 0, sizeof(*r));
		r->term = xstrdup(c->term);
		r->nbits = (int)bits.len;
		r->bits = xmalloc(bits.len + 1);
		memcpy(r->bits, bits.buf, bits.len);
	}
	strbuf_release(&bits);
	sqlite3_finalize(st);
	sqlite3_finalize(before);
	return rc;
}

int termsets_read(sqlite3 *db, bool stemless, bool foldless, const struct fts_common *common, size_t ncommon,
		  long long min, struct termsets_rows **out)
{
	struct termsets_rows *rows = xcalloc(1, sizeof(*rows));
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_exec(db, TERMSETS_VOCAB, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = common ? read_common(db, common, ncommon, min, rows)
			    : read_rows(db, TERMSETS_WORDS, false, rows);
	if (rc == SQLITE_OK && !common && stemless)
		rc = read_rows(db, TERMSETS_STEMS, false, rows);
	if (rc == SQLITE_OK && !common && foldless)
		rc = read_rows(db, TERMSETS_FOLDS, false, rows);
	rows->nwords = rows->n;
	if (rc == SQLITE_OK)
		rc = read_rows(db, TERMSETS_STRONG, true, rows);
	if (rc == SQLITE_OK && (rc = sqlite3_prepare_v2(db, TERMSETS_UPTO, -1, &st, NULL)) == SQLITE_OK &&
	    (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows->upto = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, TERMSETS_VOCAB_DROP, NULL, NULL, NULL);
	else
		sqlite3_exec(db, TERMSETS_VOCAB_DROP, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		termsets_rows_free(rows);
		rows = NULL;
	}
	*out = rows;
	return rc;
}

int termsets_write(sqlite3 *db, const struct termsets_rows *rows)
{
	sqlite3_stmt *words = NULL, *strong = NULL, *upto = NULL;
	size_t i;
	int rc =
	    sqlite3_exec(db, "DELETE FROM term_sets; DELETE FROM term_sets_stale; DELETE FROM strong_sets;",
			 NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO term_sets(term, bits) VALUES (?1, ?3)", -1, &words,
					NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO strong_sets(term, col, bits) VALUES (?1, ?2, ?3)",
					-1, &strong, NULL);
	for (i = 0; rc == SQLITE_OK && i < rows->n; i++) {
		const struct termsets_row *r = &rows->v[i];
		sqlite3_stmt *st = i < rows->nwords ? words : strong;

		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, r->term, -1, SQLITE_STATIC);
		if (r->col)
			sqlite3_bind_text(st, 2, r->col, -1, SQLITE_STATIC);
		if (r->bits)
			sqlite3_bind_blob(st, 3, r->bits, r->nbits, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 3);
		if ((rc = sqlite3_step(st)) == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	if (rc == SQLITE_OK &&
	    (rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta VALUES ('term_sets_upto', ?1)", -1,
				     &upto, NULL)) == SQLITE_OK) {
		sqlite3_bind_int64(upto, 1, rows->upto);
		if ((rc = sqlite3_step(upto)) == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(words);
	sqlite3_finalize(strong);
	sqlite3_finalize(upto);
	return rc;
}

/*
 * vedtak_term_set_min(cases): how many cases a word must be in to have a
 * set: a sixty-fourth of them, and at least 1,000 (below that, reading the
 * index costs about a millisecond). VEDTAK_TEST_TERM_SETS=1 lowers
 * the floor to one case, so that the tests' small archives have sets.
 */
long long termsets_min(long long cases)
{
	const char *test = getenv("VEDTAK_TEST_TERM_SETS");
	long long min = (cases + 63) / 64, floor = test && !strcmp(test, "1") ? 1 : 1000;

	return min > floor ? min : floor;
}

static void set_min_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int64(ctx, termsets_min(sqlite3_value_int64(argv[0])));
}

enum vt_status termsets_register(sqlite3 *db, struct vt_diag *diag)
{
	if (sqlite3_create_function(db, "vedtak_bits", 1, SQLITE_UTF8, NULL, NULL, bits_step, bits_final) !=
		SQLITE_OK ||
	    sqlite3_create_function(db, "vedtak_term_set_min", 1, SQLITE_UTF8, NULL, set_min_func, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "vedtak_bits_count", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    bits_count_func, NULL, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("cannot register vedtak_bits"));
	return VT_OK;
}

/* One alternative of an OR: its text, and the word when it is one quoted token, or a prefix ("tok"*). */
struct alt {
	const char *text;
	size_t len;
	char *term, *prefix;
};

struct alts {
	struct alt *v;
	size_t n, alloc;
};

static void alts_release(struct alts *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].term);
		free(a->v[i].prefix);
	}
	free(a->v);
}

/* Past the quoted string at p (doubled quotes inside), or NULL when it does not end before e. */
static const char *past_quoted(const char *p, const char *e)
{
	for (p++; p < e; p++) {
		if (*p != '"')
			continue;
		if (p + 1 < e && p[1] == '"')
			p++;
		else
			return p + 1;
	}
	return NULL;
}

/* The token of a whole alternative `"tok"` (no spaces: one token, not a phrase), or NULL. */
static char *single_token(const char *s, size_t len)
{
	const char *end = len >= 2 && *s == '"' ? past_quoted(s, s + len) : NULL, *p;
	struct strbuf t = STRBUF_INIT;

	if (end != s + len)
		return NULL;
	for (p = s + 1; p < end - 1; p++) {
		if (*p == ' ') {
			strbuf_release(&t);
			return NULL;
		}
		strbuf_addch(&t, *p);
		if (*p == '"')
			p++; /* the second of a doubled quote */
	}
	if (!t.len) {
		strbuf_release(&t);
		return NULL;
	}
	return strbuf_detach(&t, NULL);
}

/* The position of the parenthesis that closes the one at s, or NULL. */
static const char *closing(const char *s, const char *e)
{
	int depth = 0;

	while (s < e) {
		if (*s == '"') {
			if (!(s = past_quoted(s, e)))
				return NULL;
			continue;
		}
		if (*s == '(')
			depth++;
		else if (*s == ')' && --depth == 0)
			return s;
		s++;
	}
	return NULL;
}

static void alt_add(struct alts *a, const char *s, const char *e)
{
	if (e < s)
		e = s; /* " OR " at the very end */
	while (s < e && *s == ' ')
		s++;
	while (e > s && e[-1] == ' ')
		e--;
	ALLOC_GROW(a->v, a->n + 1, a->alloc);
	a->v[a->n].text = s;
	a->v[a->n].len = (size_t)(e - s);
	a->v[a->n].term = single_token(s, (size_t)(e - s));
	a->v[a->n].prefix = NULL;
	if (!a->v[a->n].term && e > s && e[-1] == '*') {
		const char *q = e - 1;

		while (q > s && q[-1] == ' ')
			q--;
		a->v[a->n].prefix = single_token(s, (size_t)(q - s));
	}
	a->n++;
}

/*
 * expr split at its top-level ORs, inside the parentheses around all of
 * it. OR binds least in FTS5, so the alternatives joined again by OR in
 * any grouping mean what expr means. False for a quote or parenthesis
 * left open.
 */
/* Takes the spaces and the parentheses around the whole of *s..*e off. */
static void strip_outer(const char **s, const char **e)
{
	for (;;) {
		while (*s < *e && **s == ' ')
			(*s)++;
		while (*e > *s && (*e)[-1] == ' ')
			(*e)--;
		if (*s < *e && **s == '(' && closing(*s, *e) == *e - 1)
			(*s)++, (*e)--;
		else
			break;
	}
}

/*
 * Calls part() with each piece of s..e that `sep` (" OR ", " AND ",
 * " NOT ") joins at its top level, outside quotes and parentheses, once those
 * around the whole of it are taken off. *others (when not NULL) tells
 * whether another joiner stands at that level too. False for a quote or
 * parenthesis left open.
 */
static bool split_top(const char *s, const char *e, const char *sep,
		      void (*part)(void *arg, const char *s, const char *e), void *arg, bool *others)
{
	const char *p, *start;
	size_t len = strlen(sep);
	int depth = 0;

	strip_outer(&s, &e);
	for (p = start = s; p < e;) {
		if (*p == '"') {
			if (!(p = past_quoted(p, e)))
				return false;
		} else if (*p == '(' || *p == ')') {
			depth += *p == '(' ? 1 : -1;
			p++;
		} else if (!depth && !strncmp(p, sep, len)) {
			part(arg, start, p);
			p = start = p + len;
		} else {
			if (others && !depth)
				*others |= !strncmp(p, " OR ", 4) || !strncmp(p, " AND ", 5) ||
					   !strncmp(p, " NOT ", 5);
			p++;
		}
	}
	if (depth)
		return false;
	part(arg, start, e);
	return true;
}

static void alt_part(void *arg, const char *s, const char *e)
{
	alt_add(arg, s, e);
}

static bool split_or(const char *expr, struct alts *a)
{
	return split_top(expr, expr + strlen(expr), " OR ", alt_part, a, NULL);
}

/*
 * The last case id the sets tell of: term_sets_upto, or LONG_MAX when
 * neither index has a case above it, so that no read of the index asks
 * for the cases above it (an OR of 111 words seeks each word's postings
 * to their end: `helse` at 1 GB 11 ms of its 20). -1 when no sets were
 * made (or the schema has none).
 */
static long sets_upto(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	long upto = -1;

	if (sqlite3_prepare_v2(
		db,
		"SELECT CAST(value AS INTEGER), max(coalesce((SELECT max(id) FROM case_fts_docsize), 0),"
		" coalesce((SELECT max(id) FROM strong_fts_docsize), 0))"
		" FROM meta WHERE key = 'term_sets_upto'",
		-1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		upto = (long)sqlite3_column_int64(st, 0);
		if (upto >= 0 && sqlite3_column_int64(st, 1) <= upto)
			upto = LONG_MAX;
	}
	sqlite3_finalize(st);
	return upto;
}

bool termsets_in_column(sqlite3 *db, const char *tok, const char *col)
{
	struct strbuf expr = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	long upto = sets_upto(db), after = 0;
	bool may = true;

	/* The word's sets: max(col = ?2) is NULL without any, 1 with the column's. */
	if (upto >= 0 &&
	    sqlite3_prepare_v2(db, "SELECT max(col = ?2) FROM strong_sets WHERE term = ?1", -1, &st, NULL) ==
		SQLITE_OK &&
	    sqlite3_bind_text(st, 1, tok, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		if (sqlite3_column_int(st, 0))
			goto out;
		after = upto; /* in none of the cases the sets cover */
	}
	sqlite3_finalize(st);
	st = NULL;
	/* Else the index: a word in no case there reads its whole posting list, all columns'. */
	strbuf_addf(&expr, "{%s} : ", col);
	fts_token(&expr, 0, tok);
	if (sqlite3_prepare_v2(db,
			       "SELECT 1 FROM strong_fts WHERE strong_fts MATCH ?1 AND rowid > ?2 LIMIT 1",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, expr.buf, (int)expr.len, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_bind_int64(st, 2, after) == SQLITE_OK)
		may = sqlite3_step(st) != SQLITE_DONE;
out:
	sqlite3_finalize(st);
	strbuf_release(&expr);
	return may;
}

/* ORs the set in blob b (nb bytes, see above) into set, from lo to hi. A damaged one adds less. */
static void or_bits(struct caseset *set, const unsigned char *b, size_t nb, long lo, long hi)
{
	size_t w, wlo = (size_t)lo / 64, whi = (size_t)hi / 64, k;

	if (!nb)
		return;
	if (*b == 'L') {
		uint64_t id = 0, gap;
		size_t i = 1;

		while (gaps_next(b, nb, &i, &gap)) {
			if ((id += gap) > (uint64_t)hi)
				break;
			if (id >= (uint64_t)lo && id / 64 < set->nwords)
				set->bits[id / 64] |= UINT64_C(1) << (id % 64);
		}
		return;
	}
	if (*b != 'B')
		return;
	b++;
	nb--;
	for (w = wlo; w <= whi && w < set->nwords && w * 8 < nb; w++) {
		uint64_t v = 0;

		for (k = 0; k < 8 && w * 8 + k < nb; k++)
			v |= (uint64_t)b[w * 8 + k] << (8 * k);
		if (w == wlo)
			v &= ~UINT64_C(0) << (lo % 64);
		if (w == whi && hi % 64 != 63)
			v &= (UINT64_C(1) << (hi % 64 + 1)) - 1;
		set->bits[w] |= v;
	}
}

/*
 * The deleted cases from lo to hi, which the sets still speak for, into
 * stale[] (STALE_MAX at most): SQLITE_OK, SQLITE_ROW when there are more,
 * or the error.
 */
static int stale_ids(sqlite3 *db, long lo, long hi, long *stale, size_t *n)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*n = 0;
	if ((rc = sqlite3_prepare_v2(db, "SELECT id FROM term_sets_stale WHERE id BETWEEN ?1 AND ?2", -1, &st,
				     NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < STALE_MAX)
		stale[(*n)++] = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Clears the stale ids in set. */
static void drop_stale(struct caseset *set, const long *stale, size_t nstale)
{
	size_t i;

	for (i = 0; i < nstale; i++)
		if ((size_t)stale[i] / 64 < set->nwords)
			set->bits[stale[i] / 64] &= ~(UINT64_C(1) << (stale[i] % 64));
}

/*
 * Reads `expr` from the index (strong_fts with `strong`) for what the sets
 * cannot tell: the cases from lo to hi imported after them (above upto),
 * and those deleted since (stale, ascending), a run of consecutive ids at
 * a time (a re-imported meeting's cases are one run).
 */
static int read_unknown(struct store *store, bool strong, const char *expr, long lo, long hi, long upto,
			const long *stale, size_t n, struct caseset *set)
{
	int (*read)(struct store *, const char *, long, long, struct caseset *) =
	    strong ? caseset_add_strong_match : caseset_add_match;
	size_t i = 0, j;
	int rc = upto < hi ? read(store, expr, upto + 1 > lo ? upto + 1 : lo, hi, set) : SQLITE_OK;

	while (i < n && rc == SQLITE_OK) {
		for (j = i + 1; j < n && stale[j] == stale[j - 1] + 1; j++)
			;
		rc = read(store, expr, stale[i], stale[j - 1], set);
		i = j;
	}
	return rc;
}

static const char *const strong_cols[] = {"title", "decision", "people"};

/*
 * Whether expr is a word in one strong column, "{title} : (...)" with the
 * filter holding all that follows (of `{title} : "a" OR "b"`, b is in any
 * column): its column's index in strong_cols (*col) and the words' part.
 */
static const char *column_word(const char *expr, size_t *col)
{
	const char *close = *expr == '{' ? strchr(expr, '}') : NULL, *end = expr + strlen(expr);

	if (!close || strncmp(close, "} : (", 5) || closing(close + 4, end) != end - 1)
		return NULL;
	for (*col = 0; *col < ARRAY_SIZE(strong_cols); (*col)++)
		if (strlen(strong_cols[*col]) == (size_t)(close - expr - 1) &&
		    !strncmp(expr + 1, strong_cols[*col], strlen(strong_cols[*col])))
			return close + 4;
	return NULL;
}

bool termsets_cover(struct store *store, const char *expr)
{
	sqlite3 *db = store_db(store);
	struct alts a = {0};
	sqlite3_stmt *st = NULL;
	bool covered = false;
	size_t i;

	/* Read from strong_fts and its sets (add_column_word()), not stepped through with others. */
	if (column_word(expr, &i))
		return true;
	if (sets_upto(db) < 0 || !split_or(expr, &a) ||
	    sqlite3_prepare_v2(db, "SELECT 1 FROM term_sets WHERE term = ?1", -1, &st, NULL) != SQLITE_OK)
		goto out;
	for (i = 0; i < a.n && !covered; i++) {
		if (!a.v[i].term)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, a.v[i].term, -1, SQLITE_STATIC);
		covered = sqlite3_step(st) == SQLITE_ROW;
	}
out:
	sqlite3_finalize(st);
	alts_release(&a);
	return covered;
}

static int add_column_word(struct store *store, const char *expr, long lo, long hi, struct caseset *set,
			   bool *done);

int termsets_add_match(struct store *store, const char *expr, long lo, long hi, struct caseset *set,
		       bool *done)
{
	sqlite3 *db = store_db(store);
	struct alts a = {0};
	struct strbuf covered = STRBUF_INIT, rest = STRBUF_INIT;
	struct caseset from_bits = {0};
	sqlite3_stmt *st = NULL;
	long upto = sets_upto(db), stale[STALE_MAX];
	size_t i, nstale = 0;
	int rc = SQLITE_OK;

	if ((rc = add_column_word(store, expr, lo, hi, set, done)) != SQLITE_OK || *done)
		return rc;
	if (upto < 0 || lo > hi || !split_or(expr, &a))
		goto out;
	if ((rc = stale_ids(db, lo, upto < hi ? upto : hi, stale, &nstale)) != SQLITE_OK) {
		if (rc == SQLITE_ROW) /* too many: the index, read as a whole, costs less */
			rc = SQLITE_OK;
		goto out;
	}
	if (sqlite3_prepare_v2(db, "SELECT bits FROM term_sets WHERE term = ?1", -1, &st, NULL) != SQLITE_OK)
		goto out;
	caseset_init(&from_bits, set->nwords * 64 - 1);
	for (i = 0; i < a.n; i++) {
		struct strbuf *to = &rest;

		if (a.v[i].term) {
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, a.v[i].term, -1, SQLITE_STATIC);
			if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				if (lo <= upto)
					or_bits(&from_bits, sqlite3_column_blob(st, 0),
						(size_t)sqlite3_column_bytes(st, 0), lo,
						upto < hi ? upto : hi);
				to = &covered;
			} else if (rc != SQLITE_DONE) {
				goto out;
			}
			rc = SQLITE_OK;
		}
		strbuf_addstr(to, to->len ? " OR " : "");
		strbuf_add(to, a.v[i].text, a.v[i].len);
	}
	if (!covered.len)
		goto out;
	drop_stale(&from_bits, stale, nstale);
	caseset_or(set, &from_bits);
	*done = true;
	if ((rc = read_unknown(store, false, covered.buf, lo, hi, upto, stale, nstale, set)) != SQLITE_OK)
		goto out;
	if (rest.len)
		rc = caseset_add_match(store, rest.buf, lo, hi, set);
out:
	sqlite3_finalize(st);
	caseset_release(&from_bits);
	strbuf_release(&covered);
	strbuf_release(&rest);
	alts_release(&a);
	return rc;
}

char **termsets_tokens(const char *expr, size_t *n)
{
	struct alts a = {0};
	char **v = NULL;
	size_t i;

	*n = 0;
	if (split_or(expr, &a)) {
		for (i = 0; i < a.n && (a.v[i].term || a.v[i].prefix); i++)
			;
		if (i == a.n) {
			v = xcalloc(a.n + 1, sizeof(*v));
			for (i = 0; i < a.n; i++) {
				v[i] = a.v[i].term ? a.v[i].term : xasprintf("%s*", a.v[i].prefix);
				a.v[i].term = NULL;
			}
			*n = a.n;
		}
	}
	alts_release(&a);
	return v;
}

/* What the column reads of one ranking share, read once. */
struct strong_read {
	struct store *store;
	long lo, hi, upto; /* upto -1: no sets to use */
	long stale[STALE_MAX];
	size_t nstale;
	sqlite3_stmt *lookup; /* a word's sets in strong_sets */
};

/*
 * Adds to `set` the cases from r->lo to r->hi whose column `col` of
 * strong_fts has the token `tok` (or, "tok*", a word that begins with it:
 * from the index): from strong_sets when the word has sets there (none
 * for the column: none in it), and the index where those cannot tell, as
 * for termsets_add_match; else from the index.
 */
static int add_strong(struct strong_read *r, const char *tok, const char *col, struct caseset *set)
{
	struct strbuf expr = STRBUF_INIT;
	struct caseset from_bits = {0};
	size_t len = strlen(tok);
	long top = r->upto < r->hi ? r->upto : r->hi;
	int rc = SQLITE_OK;
	bool prefix = len && tok[len - 1] == '*', from_set = false;

	strbuf_addf(&expr, "{%s} : ", col);
	if (prefix) { /* FTS5 merges its words: no set */
		char *word = xstrndup(tok, len - 1);

		fts_token(&expr, 0, word);
		strbuf_addstr(&expr, " *");
		free(word);
	} else {
		fts_token(&expr, 0, tok);
	}
	if (r->upto >= 0 && !prefix) {
		sqlite3_reset(r->lookup);
		sqlite3_bind_text(r->lookup, 1, tok, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->lookup, 2, col, -1, SQLITE_STATIC);
		/* The word has sets: its column's, or none when it is not in that column. */
		if ((rc = sqlite3_step(r->lookup)) == SQLITE_ROW) {
			if (sqlite3_column_int(r->lookup, 0)) {
				caseset_init(&from_bits, set->nwords * 64 - 1);
				if (r->lo <= top)
					or_bits(&from_bits, sqlite3_column_blob(r->lookup, 1),
						(size_t)sqlite3_column_bytes(r->lookup, 1), r->lo, top);
				drop_stale(&from_bits, r->stale, r->nstale);
				caseset_or(set, &from_bits);
			}
			from_set = true;
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			goto out;
		rc = SQLITE_OK;
	}
	if (!from_set) {
		rc = caseset_add_strong_match(r->store, expr.buf, r->lo, r->hi, set);
		goto out;
	}
	rc = read_unknown(r->store, true, expr.buf, r->lo, r->hi, r->upto, r->stale, r->nstale, set);
out:
	caseset_release(&from_bits);
	strbuf_release(&expr);
	return rc;
}

/*
 * Readies r (its store, lo and hi set) for add_strong(): the sets' extent,
 * the cases deleted since they were made, and the lookup of a word's
 * sets; r->upto -1 where only the index can answer. SQLite's result code.
 */
static int strong_read_begin(struct strong_read *r)
{
	sqlite3 *db = store_db(r->store);
	int rc;

	if ((r->upto = sets_upto(db)) < 0)
		return SQLITE_OK;
	rc = stale_ids(db, r->lo, r->upto < r->hi ? r->upto : r->hi, r->stale, &r->nstale);
	if (rc == SQLITE_ROW)
		r->upto = -1; /* too many deleted cases: the index alone */
	if (rc != SQLITE_OK)
		return rc == SQLITE_ROW ? SQLITE_OK : rc;
	if (sqlite3_prepare_v2(
		db, "SELECT col = ?2, bits FROM strong_sets WHERE term = ?1 ORDER BY col = ?2 DESC", -1,
		&r->lookup, NULL) != SQLITE_OK)
		r->upto = -1;
	return SQLITE_OK;
}

/*
 * A word in one of the strong columns ("{title} : (...)", as search
 * writes title: and decision:), read from strong_sets and strong_fts,
 * whose postings hold those columns only: case_fts's hold every column's,
 * and reading a common word's there for one column (`title:helse` at 1
 * GB) took 200 ms. Both indexes have the same text and tokens in those
 * columns. *done false, nothing added, when expr is no such word.
 */
static int add_column_word(struct store *store, const char *expr, long lo, long hi, struct caseset *set,
			   bool *done)
{
	struct strong_read r = {store, lo, hi, -1, {0}, 0, NULL};
	const char *words;
	char **tok = NULL;
	size_t n = 0, i, c = 0;
	int rc = SQLITE_OK;

	*done = false;
	if (lo > hi || !(words = column_word(expr, &c)) || !(tok = termsets_tokens(words, &n)) || !n)
		goto out;
	if ((rc = strong_read_begin(&r)) != SQLITE_OK)
		goto out;
	for (i = 0; i < n && rc == SQLITE_OK; i++)
		rc = add_strong(&r, tok[i], strong_cols[c], set);
	*done = rc == SQLITE_OK;
out:
	sqlite3_finalize(r.lookup);
	for (i = 0; i < n; i++)
		free(tok[i]);
	free(tok);
	return rc;
}

/*
 * The hint of termsets_score_strong() as a tree: its words, and the
 * operators that join them. FTS5 binds AND tighter than OR; a level of
 * the hint that mixes them, where its parentheses would not say how they
 * bind, is not read, nor a NOT (gen_hint() in search.c writes none: a
 * query's NOT does not rank).
 */
struct hint_node {
	char op;    /* 'w': the word tok; 'o', 'a': its kids joined by OR or AND */
	size_t tok; /* in the words, in the order they are written */
	struct hint_node *kids;
	size_t nkids, alloc;
};

struct hint_words {
	char **v;
	/* per word, the strong columns it is looked for in: bit 0 title, 1 decision, 2 people */
	unsigned *cols;
	size_t n, alloc, cols_alloc;
};

/*
 * The columns of a filter "{title decision} : " at the start of s..e
 * (spaces and parentheses around the whole taken off), as bits, and what
 * it filters (*rest..*end); 0 when s..e has none, ~0u when it names a
 * column that is not a strong one.
 */
static unsigned column_filter(const char *s, const char *e, const char **rest, const char **end)
{
	const char *close, *p;
	unsigned bits = 0;
	size_t c, len;

	strip_outer(&s, &e);
	if (s >= e || *s != '{' || !(close = memchr(s, '}', (size_t)(e - s))) || e - close < 4 ||
	    strncmp(close, "} : ", 4))
		return 0;
	for (p = s + 1; p < close; p += len) {
		while (p < close && *p == ' ')
			p++;
		for (len = 0; p + len < close && p[len] != ' '; len++)
			;
		for (c = 0; len && c < ARRAY_SIZE(strong_cols) &&
			    (strlen(strong_cols[c]) != len || strncmp(p, strong_cols[c], len));
		     c++)
			;
		if (len && c == ARRAY_SIZE(strong_cols))
			return ~0u;
		if (len)
			bits |= 1u << c;
	}
	*rest = close + 4;
	*end = e;
	return bits ? bits : ~0u;
}

struct ranges {
	const char **v; /* start and end of each */
	size_t n, alloc;
};

static void range_part(void *arg, const char *s, const char *e)
{
	struct ranges *r = arg;

	ALLOC_GROW(r->v, r->n + 2, r->alloc);
	r->v[r->n++] = s;
	r->v[r->n++] = e;
}

static void hint_free(struct hint_node *n)
{
	size_t i;

	for (i = 0; i < n->nkids; i++)
		hint_free(&n->kids[i]);
	free(n->kids);
}

static bool hint_parse(const char *s, const char *e, int depth, unsigned cols, struct hint_node *n,
		       struct hint_words *w)
{
	static const char *const seps[] = {" OR ", " AND ", " NOT "};
	struct ranges r = {NULL, 0, 0};
	bool ok = depth < 32, others = false;
	size_t k, i, m = 0;
	const char *rest = NULL, *end = NULL;
	unsigned filter;
	char *text, **t;

	memset(n, 0, sizeof(*n));
	for (k = 0; ok && k < ARRAY_SIZE(seps); k++) {
		r.n = 0;
		others = false;
		ok = split_top(s, e, seps[k], range_part, &r, &others);
		if (ok && r.n > 2)
			break;
	}
	/* A level that mixes operators, or a NOT. */
	if (!ok || (k < ARRAY_SIZE(seps) && others) || k == 2) {
		free(r.v);
		return false;
	}
	if (k < ARRAY_SIZE(seps)) {
		n->op = "oa"[k];
		for (i = 0; ok && i < r.n; i += 2) {
			ALLOC_GROW(n->kids, n->nkids + 1, n->alloc);
			ok = hint_parse(r.v[i], r.v[i + 1], depth + 1, cols, &n->kids[n->nkids++], w);
		}
		free(r.v);
		return ok;
	}
	free(r.v);
	/* A column filter: the columns its words are looked for in (one within another is not read). */
	filter = column_filter(s, e, &rest, &end);
	if (filter == ~0u || (filter && cols != 7))
		return false;
	if (filter)
		return hint_parse(rest, end, depth + 1, filter, n, w);
	/* A single word or prefix, as termsets_tokens() reads it. */
	text = xstrndup(s, (size_t)(e - s));
	t = termsets_tokens(text, &m);
	free(text);
	if (t && m == 1) {
		n->op = 'w';
		n->tok = w->n;
		ALLOC_GROW(w->v, w->n + 1, w->alloc);
		ALLOC_GROW(w->cols, w->n + 1, w->cols_alloc);
		w->cols[w->n] = cols;
		w->v[w->n++] = t[0];
		t[0] = NULL;
	}
	for (i = 0; t && i < m; i++)
		free(t[i]);
	free(t);
	return n->op == 'w';
}

/* Adds to *set (initialised) the cases node n matches, given each word's (in any column) in `word`. */
static void hint_cases(const struct hint_node *n, const struct caseset *word, struct caseset *set)
{
	struct caseset all = {0}, kid = {0};
	size_t upper = set->nwords * 64 - 1, i;

	if (n->op == 'w' || n->op == 'o') {
		if (n->op == 'w')
			caseset_or(set, &word[n->tok]);
		for (i = 0; i < n->nkids; i++)
			hint_cases(&n->kids[i], word, set);
		return;
	}
	caseset_init(&all, upper);
	hint_cases(&n->kids[0], word, &all);
	for (i = 1; i < n->nkids; i++) {
		caseset_init(&kid, upper);
		hint_cases(&n->kids[i], word, &kid);
		caseset_and(&all, &kid);
		caseset_release(&kid);
	}
	caseset_or(set, &all);
	caseset_release(&all);
}

/*
 * Each query word's cases per strong column and form (termsets_score_strong()):
 * by[(group * 3 + column) * FORM_COUNT + form].
 */
static struct caseset *word_sets(struct caseset *by, int group, size_t col)
{
	return &by[((size_t)group * 3 + col) * FORM_COUNT];
}

/* What each word of the hint gives a case's score (termsets_score_strong()). */
struct weighing {
	const struct caseset *word; /* per word, in any column */
	const struct caseset *col;  /* per word and column: word * 3 + column */
	const int *groups, *forms;
	struct caseset *by; /* word_sets() */
};

/*
 * Adds to the sets of the query words the cases where each word of node
 * n counts, within `mask`: vedtak_rank reads the instances of the words
 * FTS5 has on the row, those whose every operand on the way up matches
 * it (of "(helse AND digital) OR samhandling", helse only where digital
 * is too).
 */
static void hint_weigh(const struct hint_node *n, const struct caseset *mask, const struct weighing *wg)
{
	struct caseset here = {0}, self = {0};
	size_t upper = mask->nwords * 64 - 1, i, c;

	caseset_init(&here, upper);
	caseset_or(&here, mask);
	caseset_init(&self, upper);
	hint_cases(n, wg->word, &self);
	caseset_and(&here, &self);
	caseset_release(&self);
	if (n->op == 'w') {
		for (c = 0; c < 3; c++) {
			struct caseset *to = &word_sets(wg->by, wg->groups[n->tok], c)[wg->forms[n->tok]];

			caseset_init(&self, upper);
			caseset_or(&self, &wg->col[n->tok * 3 + c]);
			caseset_and(&self, &here);
			caseset_or(to, &self);
			caseset_release(&self);
		}
	}
	for (i = 0; i < n->nkids; i++)
		hint_weigh(&n->kids[i], &here, wg);
	caseset_release(&here);
}

/*
 * A case's value in termsets_score_strong() depends only on the best
 * form of each word in each column: the memo keeps the value's cases for
 * each such signature (in base FORM_COUNT + 1, three digits a word: up to
 * SIG_GROUPS_MAX words fit in 64 bits), so that a value is computed once.
 */
#define SIG_GROUPS_MAX 8
#define MEMO_SLOTS     1024
struct value_memo {
	uint64_t key[MEMO_SLOTS]; /* the signature + 1; 0: empty */
	size_t value[MEMO_SLOTS]; /* its index in the values (their array moves as it grows) */
	size_t n;
};

/* The index of sig's value, or -1. */
static long value_memo(const struct value_memo *m, uint64_t sig, bool fits)
{
	size_t at = (size_t)((sig * UINT64_C(0x9E3779B97F4A7C15)) >> 54) % MEMO_SLOTS;

	if (!fits)
		return -1;
	for (; m->key[at]; at = (at + 1) % MEMO_SLOTS)
		if (m->key[at] == sig + 1)
			return (long)m->value[at];
	return -1;
}

/* Keeps sig's cases while the memo is at most half full (beyond, values are computed again). */
static void value_memo_put(struct value_memo *m, uint64_t sig, size_t value, bool fits)
{
	size_t at = (size_t)((sig * UINT64_C(0x9E3779B97F4A7C15)) >> 54) % MEMO_SLOTS;

	if (!fits || m->n >= MEMO_SLOTS / 2)
		return;
	while (m->key[at])
		at = (at + 1) % MEMO_SLOTS;
	m->key[at] = sig + 1;
	m->value[at] = value;
	m->n++;
}

int termsets_score_strong(struct store *store, const struct caseset *found, const char *plan,
			  const char *hint, struct strong_values *out, bool *done)
{
	struct strong_read r = {store, 0, 0, -1, {0}, 0, NULL};
	struct hint_node root = {0};
	struct hint_words words = {NULL, NULL, 0, 0, 0};
	struct caseset *by = NULL, *word = NULL, *col = NULL, matched = {0};
	sqlite3 *db = store_db(store);
	size_t upper = found->nwords * 64 - 1, i, c, f, k;
	int *groups = NULL, *forms = NULL, *best = NULL, ngroups = 0, rc = SQLITE_OK;
	double(*w)[3] = NULL;
	uint64_t *bw = NULL;
	struct value_memo memo = {{0}, {0}, 0};
	bool ok = hint_parse(hint, hint + strlen(hint), 0, 7, &root, &words);

	*done = false;
	groups = xcalloc(words.n + 1, sizeof(*groups));
	forms = xcalloc(words.n + 1, sizeof(*forms));
	ok = ok && words.n && rank_plan_groups(plan, groups, forms, words.n);
	for (i = 0; ok && i < words.n; i++)
		ngroups = groups[i] + 1 > ngroups ? groups[i] + 1 : ngroups;
	/* Only where the sets can say much: with none made, rank_func over the rows costs less. */
	if (!ok || sets_upto(db) < 0 || !caseset_bounds(found, &r.lo, &r.hi) ||
	    (rc = strong_read_begin(&r)) != SQLITE_OK)
		goto out;
	/* Each word's cases per column, and in any column. */
	by = xcalloc((size_t)ngroups * 3 * FORM_COUNT, sizeof(*by));
	for (k = 0; k < (size_t)ngroups * 3 * FORM_COUNT; k++)
		caseset_init(&by[k], upper);
	word = xcalloc(words.n, sizeof(*word));
	col = xcalloc(words.n * 3, sizeof(*col));
	for (i = 0; i < words.n && rc == SQLITE_OK; i++) {
		caseset_init(&word[i], upper);
		for (c = 0; c < 3 && rc == SQLITE_OK; c++) {
			caseset_init(&col[i * 3 + c], upper);
			if (words.cols[i] & (1u << c))
				rc = add_strong(&r, words.v[i], strong_cols[c], &col[i * 3 + c]);
			caseset_or(&word[i], &col[i * 3 + c]);
		}
	}
	if (rc != SQLITE_OK)
		goto out;
	/* The rows the hint matches, which vedtak_rank scores, and what each word gives them. */
	caseset_init(&matched, upper);
	hint_cases(&root, word, &matched);
	{
		struct weighing wg = {word, col, groups, forms, by};

		hint_weigh(&root, &matched, &wg);
	}
	w = xcalloc((size_t)ngroups, sizeof(*w));
	best = xcalloc((size_t)ngroups, sizeof(*best));
	bw = xcalloc((size_t)ngroups * 3 * FORM_COUNT, sizeof(*bw));
	/* 64 cases at a time: each word's forms per column as bits, then each case's best. */
	for (k = 0; k < found->nwords && k < matched.nwords; k++) {
		uint64_t x = found->bits[k] & matched.bits[k];

		for (i = 0; x && i < (size_t)ngroups * 3 * FORM_COUNT; i++)
			bw[i] = by[i].bits[k];
		for (; x; x &= x - 1) {
			unsigned bit = (unsigned)__builtin_ctzll(x);
			uint64_t sig = 0;
			long v;

			/* Per column the best form's weight, as vedtak_rank takes the best of a row's
			 * instances. */
			for (i = 0; i < (size_t)ngroups; i++) {
				w[i][0] = w[i][1] = w[i][2] = 0;
				best[i] = FORM_COUNT;
				for (c = 0; c < 3; c++) {
					const uint64_t *forms_bits = &bw[(i * 3 + c) * FORM_COUNT];

					for (f = 0; f < FORM_COUNT && !(forms_bits[f] >> bit & 1); f++)
						;
					sig = sig * (FORM_COUNT + 1) + f;
					if (f < FORM_COUNT) {
						w[i][c] = rank_form_weight((int)f);
						best[i] = (int)f < best[i] ? (int)f : best[i];
					}
				}
			}
			if ((v = value_memo(&memo, sig, ngroups <= SIG_GROUPS_MAX)) < 0) {
				v = strong_values_of(out, rank_strong_value(w, best, (size_t)ngroups),
						     upper) -
				    out->cases;
				value_memo_put(&memo, sig, (size_t)v, ngroups <= SIG_GROUPS_MAX);
			}
			out->cases[v].bits[k] |= UINT64_C(1) << bit;
		}
	}
	*done = true;
out:
	sqlite3_finalize(r.lookup);
	for (k = 0; by && k < (size_t)ngroups * 3 * FORM_COUNT; k++)
		caseset_release(&by[k]);
	free(by);
	for (i = 0; word && i < words.n; i++)
		caseset_release(&word[i]);
	free(word);
	for (i = 0; col && i < words.n * 3; i++)
		caseset_release(&col[i]);
	free(col);
	caseset_release(&matched);
	for (i = 0; i < words.n; i++)
		free(words.v[i]);
	free(words.v);
	free(words.cols);
	hint_free(&root);
	free(groups);
	free(forms);
	free(w);
	free(best);
	free(bw);
	return rc;
}
