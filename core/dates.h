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

#endif
