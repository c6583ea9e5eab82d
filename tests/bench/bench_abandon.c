/*
 * bench_abandon.c: how fast the UI's background searcher drops a stale
 * query (a program that prints figures, not a test).
 *
 * For each slow query of a fixed mix: time it alone; time a quick query
 * alone; then start the slow one, send the quick one 2 ms later (the next
 * keystroke) and time until the quick one's result is ready. What that
 * costs beyond the quick query alone is the abandonment latency: how long
 * the stale query held the worker after it was told to stop.
 *
 * usage: bench_abandon DATABASE [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tui/searcher.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Runs `text` as request `gen` and waits for it; returns milliseconds. */
static double timed(struct searcher *s, const char *text, unsigned long gen)
{
	struct searcher_result r;
	double t0 = now_ms();

	searcher_request(s, text, false, 20, gen);
	searcher_wait(s, &r);
	case_rows_free(r.rows, r.nrows);
	return now_ms() - t0;
}

int main(int argc, char **argv)
{
	static const char *const slow[] = {"helse*", "hel*", "helse", "/[a-z]+sjon\\b/",
					   "/API[- ]?(håndtering|forvaltning)/"};
	static const char *const quick = "presenter:aksnes";
	const struct timespec gap = {0, 2000000};
	struct searcher *s;
	struct vt_diag diag;
	unsigned long gen = 0;
	int runs = argc > 2 ? atoi(argv[2]) : 30, i;
	double *lat;
	size_t q;

	if (argc < 2 || runs < 1) {
		fprintf(stderr, "usage: bench_abandon DATABASE [RUNS]\n");
		return 2;
	}
	if (searcher_new(argv[1], &s, &diag) != VT_OK) {
		fprintf(stderr, "bench_abandon: %s\n", diag.msg);
		return 1;
	}
	lat = calloc((size_t)runs, sizeof(*lat));
	printf("abandoning a stale query for the next keystroke: median and worst of %d runs, ms\n", runs);
	printf("%-40s %8s %8s %10s %10s\n", "slow query", "alone", "quick", "abandon", "worst");
	for (q = 0; q < sizeof(slow) / sizeof(slow[0]); q++) {
		double alone, quick_alone = 1e9;

		alone = timed(s, slow[q], ++gen);
		for (i = 0; i < 5; i++) {
			double t = timed(s, quick, ++gen);
			quick_alone = t < quick_alone ? t : quick_alone;
		}
		for (i = 0; i < runs; i++) {
			struct searcher_result r;
			double t0;

			searcher_request(s, slow[q], false, 20, ++gen);
			nanosleep(&gap, NULL);
			t0 = now_ms();
			searcher_request(s, quick, false, 20, ++gen);
			searcher_wait(s, &r);
			case_rows_free(r.rows, r.nrows);
			lat[i] = now_ms() - t0 - quick_alone;
			if (lat[i] < 0)
				lat[i] = 0;
		}
		qsort(lat, (size_t)runs, sizeof(*lat), cmp_double);
		printf("%-40s %8.1f %8.1f %10.1f %10.1f\n", slow[q], alone, quick_alone, lat[runs / 2],
		       lat[runs - 1]);
	}
	printf("alone: the slow query run to the end; quick: '%s' alone (best of 5);\n", quick);
	printf("abandon: time to the quick query's result minus 'quick' (budget: 20 ms).\n");
	free(lat);
	searcher_free(s);
	return 0;
}
