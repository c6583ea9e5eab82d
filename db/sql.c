/*
 * sql.c: SQLite errors and transactions, one way for all of db/.
 */
#include "db/sql.h"
#include "core/banned.h"

enum vt_status sql_fail(sqlite3 *db, struct vt_diag *diag, const char *what)
{
	return vt_fail(diag, VT_ERR_DB, 0, "%s: %s", what, sqlite3_errmsg(db));
}

enum vt_status sql_begin(sqlite3 *db, bool write, const char *what, struct vt_diag *diag)
{
	if (sqlite3_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return sql_fail(db, diag, what);
	return VT_OK;
}

enum vt_status sql_end(sqlite3 *db, enum vt_status st, const char *what, struct vt_diag *diag)
{
	if (st == VT_OK && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		st = sql_fail(db, diag, what);
	/* After a failed COMMIT the transaction is still open: roll it back too. */
	if (st != VT_OK && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return st;
}
