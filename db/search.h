/*
 * search.h: running a compiled query (core/query.h) against the store.
 *
 * Reading the query. Plain words that name a facet (a year, a decision
 * type, a body, a presenter's surname, a presenting organisation) find
 * the cases of that facet as well as the cases that contain them, and the
 * former come first (core/query.h, query_read_facets). A word also finds
 * its folded and inflected forms, longer words that begin or end with it,
 * its other names (the abbreviations the documents define, both ways, and
 * assets/terms.txt), and, a compound, its two parts anywhere in the case.
 * When no case has every word, words joined by punctuation ("fhir/api")
 * are taken apart, and a word no case has is replaced by the nearest word
 * of the archive where that is sure (see README); when still none has
 * them all, the answer is the cases with most of the words of the
 * top-level AND.
 *
 * Order by relevance: first the number of words a case has (only when not
 * every word could be met), then the number of facet words it satisfies,
 * then whether it has every word in some form other than a compound's
 * parts (so those come below the compound itself), then its aboutness,
 * then the newer meeting. Aboutness sums, over the
 * query's words w,
 *   4 T + 3 D + 1 P + 2 H + 3 S/N + 2 min(1, log2(1 + S) / 4)
 * where T, D, P, H are the best form weight of w in the title, the
 * decision (proposed or recorded), the presenters and the slides' title
 * lines; S sums the best weight of w over the case's N slides (S/N the
 * share of the slides that treat it). Form weights (db/rank.h): as typed
 * 1, folded or inflected 0.85, another name 0.8, inside a longer word 0.5,
 * a compound's parts near each other 0.4. Above RANK_ALL_MAX matches only title,
 * decision and presenters are scored (from their own index, strong_fts, schema 9),
 * the rest follow newest first.
 */
#ifndef VEDTAK_SEARCH_H
#define VEDTAK_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/query.h"
#include "core/status.h"
#include "core/strbuf.h"

struct store;

struct search_opts {
	size_t limit;	  /* 0: no limit */
	bool by_date;	  /* newest first instead of by relevance */
	bool count_only;  /* fill total, no hits */
	long deadline_ms; /* 0: none; else the query is stopped after this long */
	bool explain;	  /* fill search_result.explain */
	bool literal;	  /* words are only text: no facets, other names, compound parts, corrections */
	bool mend;	  /* a query that finds nothing may be mended (corrected, fewer words) */
	/* Only cases that arrived since saved search `since_look` was last opened (db/looks.h). */
	const char *since_look;
	/* A word read as a year, date, type, body or case finds that facet only, not the word too. */
	bool facets_only;
};

struct search_hit {
	long case_id, meeting_id;
	int position;  /* of the case in its meeting */
	int tier;      /* 0 every word as typed, 1 some only folded or inflected, 3 some only by a
			* compound's parts, 2 some only otherwise (another name, inside a word) */
	double score;  /* aboutness: higher is better */
	int preferred; /* how many facet words the case satisfies */
};

struct search_result {
	struct search_hit *hits;
	size_t nhits, alloc;
	size_t total; /* every match, not only the first `limit` */
	/* How the query was read, for the user; NULL when there is nothing to say. */
	char *reading;	 /* "2022 as year:2022, NUIT as body:NUIT" */
	char *corrected; /* "kjernjournal → kjernejournal" */
	bool loose;	 /* words joined by punctuation ("fhir/api") were searched apart */
	bool relaxed;	 /* no case had every word: these have most of them */
	char *missing;	 /* with relaxed: the words no case has, "a, b" */
	char *explain;	 /* with explain: "sfm → sentral forskrivningsmodul; ..." */
	/* The names expansions found, a line each, for snippets (matcher_add_words()), or NULL. */
	char *highlight;
};

/*
 * Runs `q`, reading its plain words as described above (which sets their
 * read_as, and may correct their text). Fails with VT_ERR_USAGE when a pattern was too expensive or the
 * deadline passed (diag says which), VT_ERR_DB otherwise.
 */
enum vt_status store_search(struct store *s, struct query *q, const struct search_opts *o,
			    struct search_result *out, struct vt_diag *diag);
void search_result_release(struct search_result *r);

/*
 * How the query was read, on one line for a status bar or a terminal:
 * "read 2022 as year:2022 · searched instead: kjernjournal → kjernejournal".
 * Appends nothing when there is nothing to say.
 */
void search_result_describe(const struct search_result *r, struct strbuf *sb);

#endif
