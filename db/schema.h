/*
 * schema.h: creating and migrating the database schema (internal to db/).
 */
#ifndef VEDTAK_SCHEMA_H
#define VEDTAK_SCHEMA_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/status.h"

/*
 * Brings the schema of `db` to `target` one version at a time, each step in
 * its own transaction (a new database: every step in one), after
 * schema_check(). Refuses, if `readonly`, a database that needs migrating.
 */
enum vt_status schema_migrate(sqlite3 *db, int target, bool readonly, struct vt_diag *diag);

/*
 * Whether `db` may be opened as vedtak's, checked before anything is
 * written to it: an empty database or a vedtak database of at most
 * `target`. A newer one (VT_ERR_SCHEMA) and another program's SQLite file
 * (VT_ERR_FORMAT) are refused and left byte for byte as they were.
 */
enum vt_status schema_check(sqlite3 *db, const char *path, int target, struct vt_diag *diag);

#endif
