/*
 * agenda.h: the agenda table of a deck: case rows (number, title,
 * presenters, organisation, time, type) and break rows ("Pause 11:25"),
 * grouped by day, as they come out of a PDF export broken across lines.
 */
#ifndef VEDTAK_AGENDA_H
#define VEDTAK_AGENDA_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"
#include "core/lines.h"

/* True for a table header or agenda title ("Sak Agenda NUFA Presenterer saken Tid Sakstype"). */
bool agenda_header_line(const char *s, size_t n);

/*
 * Parses agenda rows from lines [from, to) into d->agenda. Without a header
 * (`headed` false) only rows that carry a time or a type count, so that a
 * stray case number in a sentence is not taken for a row.
 */
void agenda_parse(struct deck *d, const struct deck_lines *dl, size_t from, size_t to, bool headed);

/*
 * Splits a row's text lines (title, presenters and organisation run
 * together) into title, presenter names and organisation. Exposed for tests.
 * `lines` are trimmed strings. Results are malloc'ed (caller frees);
 * `names` gets the names joined by ", " or NULL.
 */
void agenda_split_row(const char *const *lines, size_t nlines, char **title, char **names, char **org);

#endif
