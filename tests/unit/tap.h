/*
 * tap.h: a minimal Test Anything Protocol harness for the unit tests
 * (meson runs them with protocol 'tap'). Header-only: each test program
 * includes it once.
 */
#ifndef VEDTAK_TAP_H
#define VEDTAK_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

__attribute__((format(printf, 4, 5))) static int tap_ok(int pass, const char *file, int line, const char *fmt,
							...)
{
	va_list ap;

	tap_n++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return pass;
}

#define is_str(got, want, ...)                                                                               \
	do {                                                                                                 \
		const char *g_ = (got), *w_ = (want);                                                        \
		if (!tap_ok((g_ == NULL && w_ == NULL) || (g_ && w_ && !strcmp(g_, w_)), __FILE__, __LINE__, \
			    __VA_ARGS__))                                                                    \
			printf("#   got:  %s%s%s\n#   want: %s%s%s\n", g_ ? "'" : "", g_ ? g_ : "NULL",      \
			       g_ ? "'" : "", w_ ? "'" : "", w_ ? w_ : "NULL", w_ ? "'" : "");               \
	} while (0)

#define is_int(got, want, ...)                                                                               \
	do {                                                                                                 \
		long g_ = (long)(got), w_ = (long)(want);                                                    \
		if (!tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__))                                      \
			printf("#   got:  %ld\n#   want: %ld\n", g_, w_);                                    \
	} while (0)

static int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
