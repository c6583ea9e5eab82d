/*
 * search.h: running a compiled query (core/query.h) against the store.
 *
 * Order of results by relevance: first the tier, then bm25 over the case's
 * columns with weights title 10, proposed decision 5, presenters 3, slides
 * 1, then the newer meeting. Tier 0: every word matched as typed (with its
 * æøå); tier 1: some word matched only folded ("drofting" for "drøfting")
 * or inflected ("vedtaket" for "vedtak"); tier 2: some word matched only
 * inside a longer word ("strategi" in "e-helsestrategi").
 */
#ifndef VEDTAK_SEARCH_H
#define VEDTAK_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/query.h"
#include "core/status.h"

struct store;

struct search_opts {
	size_t limit;	  /* 0: no limit */
	bool by_date;	  /* newest first instead of by relevance */
	bool count_only;  /* fill total, no hits */
	long deadline_ms; /* 0: none; else the query is stopped after this long */
};

struct search_hit {
	long case_id, meeting_id;
	int position; /* of the case in its meeting */
	int tier;
	double score; /* bm25: lower is better */
};

struct search_result {
	struct search_hit *hits;
	size_t nhits, alloc;
	size_t total; /* every match, not only the first `limit` */
};

/*
 * Runs `q`. Fails with VT_ERR_USAGE when a pattern was too expensive or the
 * deadline passed (diag says which), VT_ERR_DB otherwise.
 */
enum vt_status store_search(struct store *s, const struct query *q, const struct search_opts *o,
			    struct search_result *out, struct vt_diag *diag);
void search_result_release(struct search_result *r);

#endif
