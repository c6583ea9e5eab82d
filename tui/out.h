/*
 * out.h: the one writer for what commands print to a terminal or a pipe.
 * Everything printed may hold text from outside (deck text, file names,
 * notes, names from a sync file), so every call passes its whole output
 * through core/termsafe.h: no escape sequence, control character or
 * bidirectional override from the data reaches the user's terminal. The
 * program's own escape sequences (colours, clearing the progress line) go
 * through out_control(), and exports (data, not text for a person) are
 * written as they are by their own writers.
 */
#ifndef VEDTAK_OUT_H
#define VEDTAK_OUT_H

#include <stddef.h>
#include <stdio.h>

/* printf, made safe for a terminal. */
int out_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* fputs and fwrite, made safe. */
void out_puts(FILE *f, const char *s);
void out_write(FILE *f, const char *s, size_t n);
/* The program's own control sequences (a literal of ours, never data). */
void out_control(FILE *f, const char *seq);

#endif
