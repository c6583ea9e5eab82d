/*
 * export.h: the formats people open: CSV for spreadsheets (one row per
 * case), JSON Lines for scripts (one object per case), and iCalendar for
 * the meetings calendar. Each writes into a strbuf; the caller prints.
 */
#ifndef VEDTAK_EXPORT_H
#define VEDTAK_EXPORT_H

#include "core/deck.h"
#include "core/strbuf.h"

/*
 * CSV (RFC 4180): a UTF-8 byte-order mark (so that spreadsheets read æøå
 * right), CRLF line ends, every field quoted. export_csv_begin() writes the
 * mark and the header row. `tags` is the case's tags joined by ", ".
 */
/*
 * Whether a spreadsheet would read cell text `v` as a formula (=, +, -, @,
 * tab or carriage return first, or =, +, - or @ after spaces): such a cell
 * gets a ' before it, as OWASP advises against CSV injection.
 */
bool export_formula_like(const char *v);

void export_csv_begin(struct strbuf *sb);
void export_csv_case(struct strbuf *sb, const struct deck *d, const struct deck_case *c, const char *tags);

/* One JSON object on one line for the case, with its meeting's fields. */
void export_jsonl_case(struct strbuf *sb, const struct deck *d, const struct deck_case *c, const char *tags);

/*
 * iCalendar (RFC 5545): one all-day event per meeting, its cases in the
 * description; CRLF line ends, lines folded at 75 octets.
 */
void export_ics_begin(struct strbuf *sb);
void export_ics_meeting(struct strbuf *sb, const struct deck *d);
void export_ics_end(struct strbuf *sb);

#endif
