/*
 * dates.h: Norwegian dates as decks write them: "21. april 2021",
 * "21. – 22. april 2021", "31. august – 1. september 2022", "24.04.2024".
 */
#ifndef VEDTAK_DATES_H
#define VEDTAK_DATES_H

#include <stdbool.h>
#include <stddef.h>

struct date_range {
	int y1, m1, d1;
	int y2, m2, d2; /* equal to the start for a single date */
	size_t at, len; /* where the match lies in the input */
};

/*
 * Finds the first full date or date range in `s` (length n). A range whose
 * first part leaves out month or year takes them from the second part.
 * Returns false if there is none.
 */
bool date_find(const char *s, size_t n, struct date_range *out);

/* Moves a date by `days` (any sign), across months and years. */
void date_add_days(int *y, int *m, int *d, int days);

/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void date_format(int y, int m, int d, char out[11]);

/* Month number for a Norwegian month name or abbreviation at `s`; sets *len. 0 if none. */
int date_month(const char *s, size_t n, size_t *len);

/* The bytes of a weekday's name at the start of s ("onsdag", "Torsdag"), 0 for none. */
size_t date_weekday(const char *s, size_t n);

struct strbuf;

/*
 * Appends a meeting's dates ("YYYY-MM-DD" each; `end` NULL or equal for one
 * day) to `sb` for people to read, in the user's language: the patterns
 * and month names come from the message catalogue. English keeps ISO 8601
 * ("2021-04-21", "2021-04-21–22"), readable alike in Britain and America;
 * Norwegian writes "21. april 2021", "21.–22. april 2021". `compact` asks
 * for the fixed-width form of a column ("2021-04-21", "21.04.2021"). A
 * range leaves out of one side what both share: the month and year of a
 * day-first pattern, the year and month of a year-first one. No start
 * gives "date unknown".
 */
void date_human(struct strbuf *sb, const char *start, const char *end, bool compact);

/*
 * A stored time ("2026-12-03T07:50:10.640Z", UTC) as a person reads it,
 * in local time: "2026-12-03 08:50". Anything else is copied as it is.
 */
void date_time_local(const char *iso, char *out, size_t size);

#endif
