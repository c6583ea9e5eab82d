/*
 * meeting.h: one meeting from all of its documents. The notice gives the
 * agenda, the types, the presenters and the proposals; the deck its
 * slides; the minutes the attendance, the decisions made and what became
 * of each case. Each value keeps the document it came from.
 */
#ifndef VEDTAK_MEETING_H
#define VEDTAK_MEETING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"

/*
 * True if document `a` and meeting or document `b` are the same meeting:
 * the same body and start date, or the same body and meeting number.
 */
bool meeting_same(const struct deck *a, const struct deck *b);

/*
 * Merges `docs` (in the order they were imported; each read from one
 * document) into a new deck that the caller frees: what each value is
 * taken from does not depend on the import order. The meeting's source is
 * the first document imported; its docs list names every document.
 * Disagreements (title, type) of `news`, the document being imported (one
 * of `docs`), with the others become warnings of the result, whose line is
 * the case's line in `news`.
 */
struct deck *meeting_merge(struct deck *const *docs, size_t n, const struct deck *news);

#endif
