/*
 * sql.h: the one way db/ reports SQLite errors and runs transactions.
 * Every failure becomes VT_ERR_DB with "WHAT: SQLite's message" in the
 * diagnostics; a transaction is begun with sql_begin() and always ended
 * with sql_end(), which commits on success and rolls back otherwise.
 */
#ifndef VEDTAK_SQL_H
#define VEDTAK_SQL_H

#include <stdbool.h>
#include <stddef.h>
#include <sqlite3.h>

#include "core/status.h"

/* VT_ERR_DB, with `what` (what was being done) and SQLite's last message. */
enum vt_status sql_fail(sqlite3 *db, struct vt_diag *diag, const char *what);

/*
 * Begins a transaction: BEGIN IMMEDIATE when `write` (the write lock at
 * once, so that a busy database is waited for here and not half-way),
 * else a read transaction (one snapshot for several statements).
 */
enum vt_status sql_begin(sqlite3 *db, bool write, const char *what, struct vt_diag *diag);

/*
 * Ends the transaction sql_begin() began: commits when `st` is VT_OK
 * (a failed commit is reported as `what`), else rolls back. Returns the
 * outcome: `st`, or the commit's failure.
 */
enum vt_status sql_end(sqlite3 *db, enum vt_status st, const char *what, struct vt_diag *diag);

#endif
