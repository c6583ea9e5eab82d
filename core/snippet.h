/*
 * snippet.h: where a query hits a case's text, and short passages around
 * the hits for result lists ("… ta med seg [innspill] gitt i møtet …").
 */
#ifndef VEDTAK_SNIPPET_H
#define VEDTAK_SNIPPET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"
#include "core/query.h"

struct matcher;

/* A matcher for `q`'s positive terms (words, prefixes, phrases, patterns). */
struct matcher *matcher_new(const struct query *q);
void matcher_free(struct matcher *m); /* NULL is fine */
/*
 * Also finds the names in `text`, one a line (NULL is fine): what a
 * query's expansions found. A name of several words hits only where they
 * stand together, as a phrase of the query does. Their hits are marked
 * `extra`, and passages with the query's own hits come first.
 */
void matcher_add_words(struct matcher *m, const char *text);

struct hit {
	size_t start, end; /* bytes */
	bool extra;	   /* found only by matcher_add_words()' words */
};

/*
 * Finds the hits in `text` (length n, valid UTF-8), in order, appending to *v (grown with
 * ALLOC_GROW); returns how many it added, or -1 if a pattern was too
 * expensive.
 */
long matcher_hits(struct matcher *m, const char *text, size_t n, struct hit **v, size_t *nv, size_t *alloc);

struct snippet {
	const char *where; /* "title", "decision", "presenters" or "slide" (static) */
	int slide;	   /* 1-based slide number, for "slide" */
	char *page;	   /* the slide's page label ("Side 17") or NULL */
	char *text;	   /* the passage, whitespace runs as one space, "…" where cut */
	struct hit *hits;  /* offsets in `text` */
	size_t nhits;
};

/*
 * Up to `max` passages of case `c`, the parts with the most hits first
 * (title and decision before slides on ties). Returns how many it wrote to
 * `out`; release each with snippet_release().
 */
size_t snippets_make(struct matcher *m, const struct deck_case *c, size_t max, struct snippet *out);
void snippet_release(struct snippet *s);

/* A snippet's `where` for people, in the user's language ("title" as "tittel"). */
const char *snippet_where_name(const char *where);

#endif
