/*
 * fts.h: vedtak's full-text pieces inside SQLite (internal to db/): the FTS5
 * tokenizer "vedtak" (see core/words.h for the forms it indexes) and the
 * SQL functions vedtak_regexp(pattern, text), vedtak_fold(text) and
 * vedtak_fold_ascii(text).
 */
#ifndef VEDTAK_FTS_H
#define VEDTAK_FTS_H

#include <sqlite3.h>

#include "status.h"

/* The pointer type name for binding a struct regex * (sqlite3_bind_pointer). */
#define FTS_REGEX_POINTER "vedtak_regex"

/* Registers the tokenizer and the function on `db`; before any schema work. */
enum vt_status fts_register(sqlite3 *db, struct vt_diag *diag);

#endif
