/*
 * test_schema.c: a new database takes every step of the schema in one
 * transaction (db/schema.c), an older one a step at a time. Both must end
 * with the same tables, indexes, triggers and settings, row for row, or a
 * new archive and an upgraded one would behave differently.
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

#define STR_(x) #x
#define STR(x)	STR_(x)

static sqlite3 *open_registered(void)
{
	struct vt_diag diag;
	sqlite3 *db = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK || fts_register(db, NULL, &diag) != VT_OK ||
	    rank_register(db, &diag) != VT_OK || termsets_register(db, &diag) != VT_OK) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* The schema's objects and the settings the steps write, a line each, in a fixed order. */
static char *describe(sqlite3 *db)
{
	static const char *const queries[] = {
	    "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') FROM sqlite_schema"
	    " ORDER BY type, name",
	    /* but this machine's name for sync, drawn at random for each database */
	    "SELECT key || '=' || value FROM meta WHERE key <> 'machine' ORDER BY key",
	    "SELECT 'case_fts ' || k || '=' || v FROM case_fts_config ORDER BY k",
	    "SELECT 'user_version ' || user_version FROM pragma_user_version",
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		sqlite3_stmt *st = NULL;

		if (sqlite3_prepare_v2(db, queries[i], -1, &st, NULL) != SQLITE_OK) {
			strbuf_addf(&sb, "cannot read: %s\n", sqlite3_errmsg(db));
			continue;
		}
		while (sqlite3_step(st) == SQLITE_ROW)
			strbuf_addf(&sb, "%s\n", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	return strbuf_detach(&sb, NULL);
}

int main(void)
{
	struct vt_diag diag;
	sqlite3 *fresh = open_registered(), *stepped = open_registered();
	char *a = NULL, *b = NULL;
	bool same;
	int v;

	ok(fresh && stepped, "two databases open with vedtak's functions");
	if (!fresh || !stepped)
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
	same = !strcmp(a, b) && strstr(a, "CREATE VIRTUAL TABLE case_fts") &&
	       strstr(a, "user_version " STR(STORE_SCHEMA_VERSION));
	ok(same, "the same schema either way");
	if (!same)
		printf("# at once:\n%s# a step at a time:\n%s", a, b);
out:
	free(a);
	free(b);
	sqlite3_close(fresh);
	sqlite3_close(stepped);
	return done_testing();
}
