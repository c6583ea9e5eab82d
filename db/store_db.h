/*
 * store_db.h: the store's SQLite handle, for the other files of db/ only.
 */
#ifndef VEDTAK_STORE_DB_H
#define VEDTAK_STORE_DB_H

#include <sqlite3.h>

struct store;
sqlite3 *store_db(struct store *s);
/*
 * A second connection to the same database, read-only, with vedtak's
 * tokenizer and functions, for a search to read half of a large index
 * read on the second core; opened on first use, closed with the store.
 * NULL when there is none (a database in memory, or it could not be opened).
 */
sqlite3 *store_helper_db(struct store *s);
struct timespec;
/* The deadline (CLOCK_MONOTONIC) of the search now running, or NULL for none: the helper's
 * reads stop there, as the main connection's do. */
void store_set_deadline(struct store *s, const struct timespec *at);
struct case_signature;
/* Keeps case `case_id`'s signature (core/topics.h) for the grouping. */
bool store_put_signature(struct store *s, long case_id, const struct case_signature *sig);
/* The curated list of equivalent names, or NULL (store_set_equivalents). */
const struct equivalents *store_equivalents(struct store *s);

#endif
