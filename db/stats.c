/*
 * stats.c: the figures of stats.h, by SQL over the cases a query found.
 * The found ids reach SQL as one JSON array (json_each), so that every
 * chart is one statement whatever the query was.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/deck.h"
#include "core/i18n.h"
#include "core/names.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/search.h"
#include "db/sql.h"
#include "db/stats.h"
#include "db/store.h"
#include "db/store_db.h"
#include "db/topics.h"
#include "core/banned.h"

/* The cases of the query, as the statements below read them. */
/* The cases of the query, as the statements below read them; NULL: every case. */
#define FOUND " (?1 IS NULL OR c.id IN (SELECT value FROM json_each(?1)))"

/* Each chart: rows of (label, decision type or NULL, value, cases). */
static const char *const chart_sql[STATS_CHARTS] = {
    [STATS_YEARS] = "SELECT c.year, c.decision_type, count(*), 0 FROM cases c WHERE" FOUND
		    " GROUP BY c.year, c.decision_type ORDER BY c.year",
    [STATS_BODIES] = "SELECT m.body, NULL, count(*), 0 FROM cases c JOIN meetings m ON m.id = c.meeting_id"
		     " WHERE" FOUND " GROUP BY m.body ORDER BY count(*) DESC, m.body",
    /* The cases with no organisation named come last, so that the chart shows what it leaves out. */
    [STATS_ORGS] = "SELECT p.organization, NULL, count(DISTINCT c.id), 0, 0 FROM cases c"
		   " JOIN case_presenters p ON p.case_id = c.id WHERE" FOUND " AND p.organization IS NOT NULL"
		   " GROUP BY p.organization"
		   " UNION ALL SELECT '', NULL, n, 0, 1 FROM (SELECT count(*) AS n FROM cases c WHERE" FOUND
		   " AND NOT EXISTS (SELECT 1 FROM case_presenters p WHERE p.case_id = c.id"
		   " AND p.organization IS NOT NULL)) WHERE n > 0"
		   " ORDER BY 5, 3 DESC, 1",
    /* A case's time runs to the next item of its meeting's day; one over four hours is a misread time. */
    [STATS_TOPICS] =
	"WITH timed AS (SELECT c.id, (strftime('%s', '2000-01-01 ' || lead(c.time) OVER w)"
	"   - strftime('%s', '2000-01-01 ' || c.time)) / 60 AS minutes FROM cases c WHERE c.time IS NOT NULL"
	"   WINDOW w AS (PARTITION BY c.meeting_id, coalesce(c.day, 1) ORDER BY c.time))"
	" SELECT (SELECT coalesce(f.title, f.agenda_title) FROM cases f WHERE f.id = t.topic), NULL,"
	"   sum(timed.minutes), count(*) FROM cases c JOIN timed ON timed.id = c.id"
	"   JOIN case_topics t ON t.case_id = c.id"
	" WHERE" FOUND " AND timed.minutes BETWEEN 1 AND 240 AND NOT t.standing"
	" GROUP BY t.topic ORDER BY 3 DESC, 1",
    /* Outcomes only of meetings with minutes: elsewhere none is known. */
    [STATS_OUTCOMES] = "SELECT coalesce(c.outcome, ''), NULL, count(*), 0 FROM cases c WHERE" FOUND
		       " AND EXISTS (SELECT 1 FROM documents d WHERE d.meeting_id = c.meeting_id"
		       " AND d.kind = 'minutes') GROUP BY 1 ORDER BY 3 DESC",
};

/* The ids of the cases `q` finds as a JSON array in *json, or *json empty for every case. */
static enum vt_status found_ids(struct store *s, struct query *q, struct strbuf *json, size_t *n,
				struct vt_diag *diag)
{
	/* "stats type:drøfting 2022" is about the year 2022, not the cases that mention it. */
	struct search_opts o = {.facets_only = true};
	struct search_result r = {0};
	enum vt_status st = VT_OK;
	size_t i;

	if (!q || !q->root) {
		sqlite3 *db = store_db(s);
		sqlite3_stmt *all = NULL;

		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM cases", -1, &all, NULL) != SQLITE_OK ||
		    sqlite3_step(all) != SQLITE_ROW)
			st = sql_fail(db, diag, _("counting"));
		else
			*n = (size_t)sqlite3_column_int64(all, 0);
		sqlite3_finalize(all);
		return st;
	}
	if ((st = store_search(s, q, &o, &r, diag)) == VT_OK) {
		strbuf_addch(json, '[');
		for (i = 0; i < r.nhits; i++)
			strbuf_addf(json, "%s%ld", i ? "," : "", r.hits[i].case_id);
		strbuf_addch(json, ']');
		*n = r.nhits;
	}
	search_result_release(&r);
	return st;
}

/*
 * The names a body went by, learned from its meetings' headings ("Møte i
 * Nasjonalt e-helseråd"): the last one other than its normalised name,
 * with the date it was first used, so that a chart says the body was
 * renamed and when.
 */
static bool learn_name(sqlite3 *db, struct stat_row *r)
{
	sqlite3_stmt *st = NULL;
	char *current = NULL;
	int rc = SQLITE_ERROR;

	if (sqlite3_prepare_v2(
		db,
		"SELECT heading, start_date FROM meetings WHERE body = ?1 AND start_date IS NOT NULL"
		" ORDER BY start_date",
		-1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, r->label, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *name = body_written((const char *)sqlite3_column_text(st, 0), r->label);

		/* A new name, and not the one it had: a rename from this meeting on. */
		if (name && (!current || strcasecmp(name, current))) {
			free(r->later_name);
			free(r->later_from);
			r->later_name = xstrdup(name);
			r->later_from = xstrdup((const char *)sqlite3_column_text(st, 1));
		}
		free(current);
		current = name;
	}
out:
	free(current);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

/* A new row, or (merge: a year's rows by type) the last one when it has this label. */
static struct stat_row *row_for(struct stat_chart *c, const char *label, bool merge, size_t *alloc)
{
	if (merge && c->n && !strcmp(c->rows[c->n - 1].label, label))
		return &c->rows[c->n - 1];
	ALLOC_GROW(c->rows, c->n + 1, *alloc);
	memset(&c->rows[c->n], 0, sizeof(c->rows[c->n]));
	c->rows[c->n].label = xstrdup(label);
	return &c->rows[c->n++];
}

enum vt_status store_stats(struct store *s, struct query *q, struct stats *out, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	struct strbuf ids = STRBUF_INIT;
	enum vt_status st;
	int k;

	memset(out, 0, sizeof(*out));
	if ((st = store_update_topics(s, NULL, diag)) != VT_OK ||
	    (st = found_ids(s, q, &ids, &out->ncases, diag)) != VT_OK)
		goto out;
	for (k = 0; k < STATS_CHARTS; k++) {
		sqlite3_stmt *stmt = NULL;
		size_t alloc = 0;
		int rc;

		if (sqlite3_prepare_v2(db, chart_sql[k], -1, &stmt, NULL) != SQLITE_OK) {
			st = sql_fail(db, diag, _("counting"));
			goto out;
		}
		if (ids.len)
			sqlite3_bind_text(stmt, 1, ids.buf, (int)ids.len, SQLITE_STATIC);
		else
			sqlite3_bind_null(stmt, 1);
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			const unsigned char *label = sqlite3_column_text(stmt, 0);
			struct stat_chart *c = &out->chart[k];
			struct stat_row *r;
			long v = (long)sqlite3_column_int64(stmt, 2);

			/* The largest organisations and topics: a chart of two hundred bars says nothing. */
			if ((k == STATS_ORGS || k == STATS_TOPICS) && c->n >= STATS_TOP && label && *label)
				continue;
			r = row_for(c, label ? (const char *)label : "?", k == STATS_YEARS, &alloc);
			r->value += v;
			r->cases += (long)sqlite3_column_int64(stmt, 3);
			if (k == STATS_YEARS)
				r->by_type[decision_type_parse((const char *)sqlite3_column_text(stmt, 1))] +=
				    v;
		}
		sqlite3_finalize(stmt);
		if (rc != SQLITE_DONE) {
			st = sql_fail(db, diag, _("counting"));
			goto out;
		}
	}
	for (k = 0; (size_t)k < out->chart[STATS_BODIES].n; k++)
		if (!learn_name(db, &out->chart[STATS_BODIES].rows[k])) {
			st = sql_fail(db, diag, _("counting"));
			goto out;
		}
out:
	strbuf_release(&ids);
	if (st != VT_OK)
		stats_release(out);
	return st;
}

void stats_release(struct stats *st)
{
	size_t i;
	int k;

	for (k = 0; k < STATS_CHARTS; k++) {
		for (i = 0; i < st->chart[k].n; i++) {
			free(st->chart[k].rows[i].label);
			free(st->chart[k].rows[i].later_name);
			free(st->chart[k].rows[i].later_from);
		}
		free(st->chart[k].rows);
		st->chart[k].rows = NULL;
		st->chart[k].n = 0;
	}
}
