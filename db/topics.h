/*
 * topics.h: the archive's topics (core/topics.h) kept in the database, and
 * a topic's history: its cases across meetings and bodies in date order.
 * Topics are made again, whole, after any import changed the cases: an
 * import marks them stale in its own transaction, and
 * store_update_topics() (at the end of an import, or before anything that
 * reads them) brings them up to date in one.
 */
#ifndef VEDTAK_DB_TOPICS_H
#define VEDTAK_DB_TOPICS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"
#include "core/status.h"

struct store;

/*
 * Makes the topics again when an import changed the cases since they
 * were made. A read-only store keeps the ones it has (*stale, which may be
 * NULL, then says so), and fails with VT_ERR_READONLY when it has none.
 */
enum vt_status store_update_topics(struct store *s, bool *stale, struct vt_diag *diag);

/*
 * The same at the end of an import, in two steps around the index's merge
 * (store_settle_index()), so that the cases are grouped on a thread of
 * their own while the connection merges: the signatures are made and the
 * cases read in one transaction, the topics written in another. When
 * another connection committed in between, the topics are made again as
 * store_update_topics() does. *out is NULL when there is nothing to
 * write; store_topics_regroup_end() takes it (NULL is fine).
 */
struct topics_regroup;
enum vt_status store_topics_regroup_begin(struct store *s, struct topics_regroup **out, struct vt_diag *diag);
enum vt_status store_topics_regroup_end(struct store *s, struct topics_regroup *r, struct vt_diag *diag);
/* Ends it with nothing written (an import asked to stop): the next import groups the cases. */
void store_topics_regroup_abandon(struct topics_regroup *r);

/* A case of a history. Strings are owned by the array. */
struct history_row {
	long topic, case_id, meeting_id;
	char *start_date, *end_date, *body, *number, *title, *key;
	char *body_written; /* the body's name in that meeting when it went by another (names.h), or NULL */
	char *decision;	    /* the recorded decision, else the proposed one, or NULL */
	bool recorded;
	bool standing; /* a standing item: a topic of its own */
	enum decision_type type;
};

/*
 * The histories of the cases numbered `number` ("11/21"; one per body
 * that used the number) or keyed so ("NUFA|11/21|1"), or, when number
 * is NULL, of case `case_id`, or,
 * when that is negative too, of every topic of more than one case: every
 * case of those topics, topic by topic, oldest first.
 */
enum vt_status store_topic_history(struct store *s, const char *number, long case_id, struct history_row **v,
				   size_t *n, struct vt_diag *diag);
void history_rows_free(struct history_row *v, size_t n);

/* The body as that meeting called it ("?" when unknown): a history goes on through a rename. */
const char *history_row_body(const struct history_row *r);

/* How many bytes of the row's decision its first line has: what a history has room for. */
size_t history_row_decision_line(const struct history_row *r);

#endif
