/*
 * caseset.h: sets of cases as bitmaps of their ids (internal to db/), and
 * the first page of a search read from such a set: a query's words are
 * answered from the full-text index without touching the cases table
 * until the page needs its few rows.
 */
#ifndef VEDTAK_CASESET_H
#define VEDTAK_CASESET_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/search.h"

struct store;
struct caseset {
	uint64_t *bits;
	size_t nwords; /* ids 0 to 64 nwords - 1 can be members */
};

/* An empty set for the ids 0 to `upper`; caseset_release() frees it. */
void caseset_init(struct caseset *s, size_t upper);
void caseset_release(struct caseset *s);
bool caseset_has(const struct caseset *s, long id);
/* The first member after `id` (-1: from the start), or -1 when there is none. */
long caseset_next(const struct caseset *s, long id);
size_t caseset_count(const struct caseset *s);
/* The first and last member; false when the set is empty. */
bool caseset_bounds(const struct caseset *s, long *lo, long *hi);
/* a becomes a ∩ b, a ∪ b, or a without b; both have the same upper bound. */
void caseset_and(struct caseset *a, const struct caseset *b);
void caseset_or(struct caseset *a, const struct caseset *b);
void caseset_and_not(struct caseset *a, const struct caseset *b);

/* Adds one to counts[id] for each member id below n (up to 255). */
void caseset_count_into(const struct caseset *s, unsigned char *counts, size_t n);

/* Adds the id in the first column of each row `st` gives; SQLite's result code (SQLITE_OK at its end). */
int caseset_add_rows(sqlite3_stmt *st, struct caseset *s);

/*
 * Adds the cases from `lo` to `hi` whose case_fts entry matches the FTS5
 * expression `expr` in the store's index (ids above the set's bound are
 * left out). A wide range is read in two halves at once, the second on
 * the store's second connection (store_helper_db) in a thread of its own;
 * so is the scoring of caseset_page and caseset_page_most. Returns
 * SQLite's result code: SQLITE_OK, or the failure (SQLITE_INTERRUPT when
 * the connection's progress handler stopped it).
 */
int caseset_add_match(struct store *store, const char *expr, long lo, long hi, struct caseset *s);
/* The same over strong_fts (title, decision and presenters). */
int caseset_add_strong_match(struct store *store, const char *expr, long lo, long hi, struct caseset *s);

/*
 * What vedtak_rank gives the strong matches (termsets_score_strong()):
 * each distinct value, and the cases of found that have it. A query's
 * words in three columns give few values, and one value is often
 * thousands of cases, which the page then takes newest first: the page
 * reads the values, not a list of every match (`helse` at 1 GB: 136,000).
 */
struct strong_values {
	double *v;
	struct caseset *cases;
	size_t n, alloc;
};

/* The cases of value v in sv: a new empty set for the ids 0 to `upper` when v is new. */
struct caseset *strong_values_of(struct strong_values *sv, double v, size_t upper);
void strong_values_release(struct strong_values *sv);

/*
 * Appends to r->hits the first `limit` cases of `found` in search.h's
 * order for a query of words alone (and filters; not relaxed):
 * with `hint` NULL, newest first (meeting date, then agenda position,
 * then id); otherwise the cases whose title, decision or presenters match
 * `hint` (an FTS5 expression over strong_fts, read with vedtak_rank and
 * `plan`) by tier and aboutness, then the rest newest first, and last
 * those found only by a compound's parts. The same order as store_search's
 * SQL for such a query, without sorting every match: only the cases that
 * can reach the page are put in date order, by looking each up or by
 * walking the meetings down their date index when they are many; with
 * `clustered` (matches of a year or dates, which may lie far down that
 * walk), a walk gives up after the steps the lookups would cost. With
 * `given`, the strong matches and their values are those
 * (termsets_score_strong), not read. Returns SQLite's result code.
 */
int caseset_page(struct store *store, const struct caseset *found, const char *plan, const char *hint,
		 size_t limit, bool clustered, const struct strong_values *given, struct search_result *r);

/*
 * The same in groups: those with the highest words[id] first (how many of
 * the words a case has, see caseset_count_into, or 1 + how many of the
 * facets its words were read as; read only for the members of `found`),
 * each such group in caseset_page's order, with `given` (of all of
 * `found`) as there.
 */
int caseset_page_most(struct store *store, const struct caseset *found, const unsigned char *words,
		      const char *plan, const char *hint, size_t limit, bool clustered,
		      const struct strong_values *given, struct search_result *r);

#endif
