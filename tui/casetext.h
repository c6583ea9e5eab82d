/*
 * casetext.h: a case as the UI shows it, in the case view and beside the
 * result list: loaded once (the case, its meeting's fields, its tags and
 * notes, its topic's history), laid out as often as the width changes.
 */
#ifndef VEDTAK_CASETEXT_H
#define VEDTAK_CASETEXT_H

#include <stddef.h>

struct deck;
struct note;
struct store;
struct matcher;
struct view;

struct history_row;

struct case_text {
	struct deck *deck; /* the case's meeting with the one case */
	char *key;
	char *tags;
	struct note *notes;
	size_t nnotes;
	struct history_row *history; /* the cases of its topic, oldest first (db/topics.h) */
	size_t nhistory;	     /* 1 when the case is a topic of its own */
};

/* Loads case `case_id` of meeting `meeting_id`; NULL with `error` filled when it cannot. */
struct case_text *case_text_load(struct store *s, long meeting_id, long case_id, char *error, size_t size);
/* Loads the tags, notes and topic again. */
void case_text_reload(struct store *s, struct case_text *ct);
void case_text_free(struct case_text *ct); /* NULL is fine */

/* Lays the case out in `v` at `width` cells, the query's hits (`m`, may be NULL) marked. */
void case_text_layout(const struct case_text *ct, struct matcher *m, struct view *v, int width);

#endif
