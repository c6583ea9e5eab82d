/*
 * schema.h: creating and migrating the database schema (internal to db/).
 */
#ifndef VEDTAK_SCHEMA_H
#define VEDTAK_SCHEMA_H

#include <sqlite3.h>
#include <stdbool.h>

#include "status.h"

/*
 * Brings the schema of `db` to `target` one version at a time, each step in
 * its own transaction. Refuses a newer database (VT_ERR_SCHEMA) and, if
 * `readonly`, one that needs migrating.
 */
enum vt_status schema_migrate(sqlite3 *db, int target, bool readonly, struct vt_diag *diag);

#endif
