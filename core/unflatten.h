/*
 * unflatten.h: text where each page of a notice or minutes sits on one long
 * line (what web "transcripts" of PDFs look like: column spacing lost,
 * page numbers and footers run into the text) laid out again as lines, so
 * that the readers of papers.h find the header, the agenda and the cases.
 */
#ifndef VEDTAK_UNFLATTEN_H
#define VEDTAK_UNFLATTEN_H

#include <stdbool.h>

#include "core/lines.h"
#include "core/strbuf.h"

/* True if `dl` looks flattened: a few lines, most of them very long. */
bool unflatten_needed(const struct deck_lines *dl);

/*
 * True if `dl` is a notice's or minutes' text as pdftotext gives it without
 * -layout: every cell of a table on a line of its own (the agenda's header
 * a column name a line) and no line laid out in columns.
 */
bool unflatten_cells_needed(const struct deck_lines *dl);

/*
 * True if `dl` has an agenda whose header and rows are lines with single
 * spaces between their cells ("Sak Tittel Ansvarlig Tid Type", then
 * "20/2021 Godkjenning av innkalling Bjørn Eriksen 12:00 Godkjenning"),
 * in a text otherwise laid out.
 */
bool unflatten_rows_needed(const struct deck_lines *dl);

/*
 * Appends to `out` the text of `dl` with such agendas' headers and rows
 * laid out in columns, as pdftotext -layout would have; every other line as
 * it was, and each line where it was.
 */
void unflatten_rows(const struct deck_lines *dl, struct strbuf *out);

/*
 * Appends to `out` the text of `dl` with each page's lines joined into one
 * line (pages end at a form feed or a page number line, "side 2"): the
 * flattened form that unflatten() lays out again.
 */
void unflatten_join_pages(const struct deck_lines *dl, struct strbuf *out);

/*
 * Appends to `out` the text of `dl` laid out again: a line for each header
 * label, attendance entry, agenda row (its cells put under the columns of
 * the table header), case heading and decision label; page footers removed;
 * a form feed between pages, so pages keep their numbers.
 */
void unflatten(const struct deck_lines *dl, struct strbuf *out);

#endif
