/*
 * outside.h: a search of the meetings' text outside their cases (a deck's
 * title, members and break slides, a notice's unnumbered Eventuelt), for
 * a query that no case answers: "Jøsendal", named only on a slide of new
 * members, is found there (schema 20, outside_fts).
 *
 * Only the query's words, "phrases" and prefix* under AND, OR and NOT are
 * searched, as written (letters as typed, case folded): a field, a
 * pattern or a NOT alone asks about cases, and finds nothing here.
 */
#ifndef VEDTAK_OUTSIDE_H
#define VEDTAK_OUTSIDE_H

#include <stddef.h>

#include "core/query.h"
#include "core/snippet.h"
#include "core/status.h"

struct store;

/* A meeting whose text outside its cases has the query's words. */
struct outside_hit {
	long meeting_id;
	char *date;	  /* its first day, ISO, or NULL */
	char *body;	  /* or NULL */
	char *source;	  /* its first document */
	char *snippet;	  /* the words in their context on one line, "…" where text is left out */
	struct hit *hits; /* the query's words in it, byte offsets */
	size_t nhits;
};

/*
 * The meetings whose text outside their cases `q` finds, newest first, the
 * first `limit` of them (0: all) in *hits, how many there are in *total;
 * none when `q` asks about more than words. VT_ERR_DB when SQLite fails.
 */
enum vt_status store_search_outside(struct store *s, const struct query *q, size_t limit,
				    struct outside_hit **hits, size_t *nhits, size_t *total,
				    struct vt_diag *diag);
void outside_hits_free(struct outside_hit *v, size_t n);

#endif
