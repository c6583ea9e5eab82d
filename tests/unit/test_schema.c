/*
 * test_schema.c: a new database takes every step of the schema in one
 * transaction (db/schema.c), an older one a step at a time. Both must end
 * with the same schema and the same rows in every table, or a new archive
 * and an upgraded one would behave differently; and a step that fails in
 * a new database must leave it empty and be named.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/strbuf.h"
#include "db/fts.h"
#include "db/rank.h"
#include "db/schema.h"
#include "db/store.h"
#include "db/termsets.h"
#include "tap.h"

/* `sets`: with the functions of the frequent words' sets, which step 13 calls. */
static sqlite3 *open_registered(bool sets)
{
	struct vt_diag diag;
	sqlite3 *db = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK || fts_register(db, NULL, &diag) != VT_OK ||
	    rank_register(db, &diag) != VT_OK || (sets && termsets_register(db, &diag) != VT_OK)) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* Appends the rows of `sql`, a line each, a blob in hexadecimal; false if it fails. */
static bool dump(sqlite3 *db, const char *sql, const char *table, struct strbuf *sb)
{
	sqlite3_stmt *st = NULL;
	int i, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);

		strbuf_addf(sb, "%s:", table);
		/* This machine's name for sync is drawn at random: only that it is there. */
		if (!strcmp(table, "meta") && first && !strcmp(first, "machine")) {
			strbuf_addstr(sb, " machine (drawn)\n");
			continue;
		}
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *blob = sqlite3_column_blob(st, i);
			int k, n = sqlite3_column_bytes(st, i);

			if (sqlite3_column_type(st, i) == SQLITE_NULL) {
				strbuf_addstr(sb, " NULL");
			} else if (sqlite3_column_type(st, i) == SQLITE_BLOB) {
				strbuf_addstr(sb, " X'");
				for (k = 0; k < n; k++)
					strbuf_addf(sb, "%02X", blob[k]);
				strbuf_addch(sb, '\'');
			} else {
				strbuf_addf(sb, " %s", (const char *)sqlite3_column_text(st, i));
			}
		}
		strbuf_addch(sb, '\n');
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

/* The schema, the version and every ordinary table's rows (FTS5's shadow tables among them). */
static char *describe(sqlite3 *db)
{
	struct strbuf sb = STRBUF_INIT, sql = STRBUF_INIT;
	sqlite3_stmt *tables = NULL;

	if (!dump(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name", "schema",
		  &sb) ||
	    !dump(db, "SELECT user_version FROM pragma_user_version", "version", &sb) ||
	    sqlite3_prepare_v2(db,
			       "SELECT name FROM sqlite_schema"
			       " WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
			       -1, &tables, NULL) != SQLITE_OK) {
		strbuf_addf(&sb, "cannot read: %s\n", sqlite3_errmsg(db));
		goto out;
	}
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		sqlite3_stmt *all = NULL;
		int i, ncols = 0;

		strbuf_reset(&sql);
		strbuf_addf(&sql, "SELECT * FROM \"%s\"", name);
		if (sqlite3_prepare_v2(db, sql.buf, -1, &all, NULL) == SQLITE_OK)
			ncols = sqlite3_column_count(all);
		sqlite3_finalize(all);
		/* Ordered by every column: the same rows in the same order either way. */
		strbuf_addstr(&sql, " ORDER BY ");
		for (i = 1; i <= ncols; i++)
			strbuf_addf(&sql, "%s%d", i > 1 ? ", " : "", i);
		if (!dump(db, sql.buf, name, &sb))
			strbuf_addf(&sb, "%s: cannot read: %s\n", name, sqlite3_errmsg(db));
	}
out:
	sqlite3_finalize(tables);
	strbuf_release(&sql);
	return strbuf_detach(&sb, NULL);
}

static long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int main(void)
{
	struct vt_diag diag;
	sqlite3 *fresh = open_registered(true), *stepped = open_registered(true),
		*failing = open_registered(false);
	char *a = NULL, *b = NULL;
	bool same;
	int v;

	ok(fresh && stepped && failing, "three databases open with vedtak's functions");
	if (!fresh || !stepped || !failing)
		goto out;
	ok(schema_migrate(fresh, STORE_SCHEMA_VERSION, false, &diag) == VT_OK,
	   "a new database: every step at once");
	/* Version 1 first, then each further step in a transaction of its own, as an old archive takes them.
	 */
	for (v = 1; v <= STORE_SCHEMA_VERSION; v++)
		if (schema_migrate(stepped, v, false, &diag) != VT_OK)
			break;
	ok(v > STORE_SCHEMA_VERSION, "the same steps one at a time");
	a = describe(fresh);
	b = describe(stepped);
	same = !strcmp(a, b) && !strstr(a, "cannot read") && strstr(a, "CREATE VIRTUAL TABLE case_fts") &&
	       strstr(a, "meta: machine (drawn)") && strstr(a, "case_fts_config: hashsize 33554432");
	ok(same, "the same schema and rows either way");
	if (!same)
		printf("# at once:\n%s# a step at a time:\n%s", a, b);
	is_int(count(fresh, "SELECT user_version FROM pragma_user_version"), STORE_SCHEMA_VERSION,
	       "at the newest version");

	/* Without the sets' functions, step 13 fails: a new database stays empty, and the step is named. */
	ok(schema_migrate(failing, STORE_SCHEMA_VERSION, false, &diag) != VT_OK, "a failing step fails");
	ok(strstr(diag.msg, "version 13") != NULL, "the failing step is named: %s", diag.msg);
	is_int(count(failing, "SELECT user_version FROM pragma_user_version"), 0, "the version is still 0");
	is_int(count(failing, "SELECT count(*) FROM sqlite_schema"), 0, "and the database is empty");
out:
	free(a);
	free(b);
	sqlite3_close(fresh);
	sqlite3_close(stepped);
	sqlite3_close(failing);
	return done_testing();
}
