/*
 * members.h: the member-change slides at the start of a deck: new members
 * ("Line Andreassen Sæle fra FHI. Hun erstatter Peter Holmes.") and
 * substitutes ("Tove Sørensen Helse Nord IKT stiller dag 2 for Randi Brendberg.").
 */
#ifndef VEDTAK_MEMBERS_H
#define VEDTAK_MEMBERS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"
#include "core/lines.h"

/* True for a line that opens the member-change slides. */
bool members_header_line(const char *s, size_t n);

/* Parses member changes from lines [from, to) into d->members. */
void members_parse(struct deck *d, const struct deck_lines *dl, size_t from, size_t to);

/*
 * Splits one member-change item (already joined into one line) into `m`'s
 * person, organisation, replaced person and note. Exposed for tests.
 */
void members_split_item(struct member_change *m, const char *text);

#endif
