/*
 * searcher.h: searching in the background for the UI. A worker thread with
 * its own read-only connection runs the newest query; a newer query
 * interrupts the one running (sqlite3_interrupt), so that typing never
 * waits for a stale search.
 */
#ifndef VEDTAK_SEARCHER_H
#define VEDTAK_SEARCHER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "db/store.h"

struct searcher;

struct query;
struct store;

struct searcher_result {
	unsigned long gen;     /* which request this answers */
	struct case_row *rows; /* owned by the receiver after a poll */
	size_t nrows, total;
	char error[512]; /* non-empty: the search failed */
	struct query *q; /* the query as searched: words read as facets, misspellings mended */
	char note[512];	 /* how the query was read (search_result_describe), or "" */
	char *highlight; /* the names expansions found, a line each, for the matcher; NULL for none */
	bool relaxed;	 /* no case had every word: the rows have most of them */
};

/*
 * Searches `q` (read and mended in place, see store_search) on `store` in
 * this thread, filling r (which the caller has zeroed). The worker runs
 * this; the UI too when no worker could be started.
 */
void searcher_search(struct store *store, struct query *q, bool by_date, size_t limit,
		     struct searcher_result *r);

/* Opens a second connection to the database at `path` and starts the worker. */
enum vt_status searcher_new(const char *path, struct searcher **out, struct vt_diag *diag);
void searcher_free(struct searcher *s); /* NULL is fine; stops the worker */

/* Searches `text` next, interrupting a search that is running. */
void searcher_request(struct searcher *s, const char *text, bool by_date, size_t limit, unsigned long gen);

/* If the newest request has finished, hands over its result and returns true. */
bool searcher_poll(struct searcher *s, struct searcher_result *out);

/* Waits for the newest request (the tests' scripted keys want every result). */
void searcher_wait(struct searcher *s, struct searcher_result *out);

#endif
