/*
 * stats.h: what the archive, or the cases a query finds, is made of: cases
 * per year by decision type, by body, by the presenters' organisations,
 * time on the agenda per topic, and outcomes where minutes exist. The
 * figures behind `vedtak stats` and the UI's charts (tui/charts.h). A row
 * labelled "" holds the cases with none: no organisation named, no
 * outcome recorded.
 */
#ifndef VEDTAK_STATS_H
#define VEDTAK_STATS_H

#include <stddef.h>

#include "core/status.h"

struct store;
struct query;

/* One bar: a label and its figures. */
struct stat_row {
	char *label;
	long by_type[4]; /* years: cases by enum decision_type (0: no type) */
	long value;	 /* cases; minutes for topics */
	long cases;	 /* topics: how many of the topic's cases are counted */
	/* Bodies: the name the body went by last when it was another, and its first meeting so named. */
	char *later_name, *later_from;
};

struct stat_chart {
	struct stat_row *rows;
	size_t n;
};

enum { STATS_YEARS, STATS_BODIES, STATS_ORGS, STATS_TOPICS, STATS_OUTCOMES, STATS_CHARTS };

/* The most rows an organisation or topic chart keeps: the largest. */
#define STATS_TOP 10

struct stats {
	size_t ncases;
	struct stat_chart chart[STATS_CHARTS];
};

/*
 * Fills `out` for the cases `q` finds (q NULL or empty: every case). A
 * case's time on the agenda runs from its start to the next item's on the
 * same day; the last item of a day has none. Free with stats_release().
 */
enum vt_status store_stats(struct store *s, struct query *q, struct stats *out, struct vt_diag *diag);
void stats_release(struct stats *st);

#endif
