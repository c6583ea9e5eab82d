/*
 * looks.c: the user's looks and what arrived since (looks.h).
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/looks.h"
#include "db/sql.h"
#include "db/store.h"
#include "db/store_db.h"
#include "core/banned.h"

char *store_now(struct store *s)
{
	sqlite3_stmt *st = NULL;
	char *now = NULL;

	if (sqlite3_prepare_v2(store_db(s), "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", -1, &st, NULL) ==
		SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		now = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return now;
}

enum vt_status store_look(struct store *s, const char *what, const char *at, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	enum vt_status ret = VT_OK;

	if (store_readonly(s))
		return VT_OK;
	if (sqlite3_prepare_v2(db,
			       "INSERT OR REPLACE INTO looks VALUES (?1, coalesce(?2, "
			       "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
			       -1, &st, NULL) != SQLITE_OK) {
		ret = sql_fail(db, diag, _("recording what was looked at"));
		goto out;
	}
	sqlite3_bind_text(st, 1, what, -1, SQLITE_STATIC);
	if (at)
		sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = sql_fail(db, diag, _("recording what was looked at"));
out:
	sqlite3_finalize(st);
	return ret;
}

enum vt_status store_arrivals(struct store *s, struct arrivals *out, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	struct strbuf sb = STRBUF_INIT;
	enum vt_status ret = VT_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	/* One row per meeting with new cases, newest first. */
	if (sqlite3_prepare_v2(
		db,
		"SELECT m.body, m.start_date, count(*) FROM cases c JOIN meetings m ON m.id = c.meeting_id"
		" JOIN arrivals a ON a.case_key = c.case_key"
		" WHERE a.at > coalesce((SELECT at FROM looks WHERE what = '" LOOK_ARCHIVE "'), '')"
		" GROUP BY m.id ORDER BY m.start_date DESC, m.id DESC",
		-1, &st, NULL) != SQLITE_OK) {
		ret = sql_fail(db, diag, _("reading what arrived"));
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_text(st, 0);
		const char *date = (const char *)sqlite3_column_text(st, 1);

		if (out->meetings < 2) {
			strbuf_addf(&sb, "%s%s ", sb.len ? ", " : "", body ? body : "?");
			date_human(&sb, date, NULL, true);
		}
		out->meetings++;
		out->cases += (size_t)sqlite3_column_int64(st, 2);
	}
	if (rc != SQLITE_DONE) {
		ret = sql_fail(db, diag, _("reading what arrived"));
		goto out;
	}
	if (sb.len)
		out->meetings_text = strbuf_detach(&sb, NULL);
out:
	sqlite3_finalize(st);
	strbuf_release(&sb);
	return ret;
}

void arrivals_release(struct arrivals *a)
{
	free(a->meetings_text);
	a->meetings_text = NULL;
}
