/*
 * store_db.h: the store's SQLite handle, for the other files of db/ only.
 */
#ifndef VEDTAK_STORE_DB_H
#define VEDTAK_STORE_DB_H

#include <sqlite3.h>

struct store;
sqlite3 *store_db(struct store *s);
struct case_signature;
/* Keeps case `case_id`'s signature (core/topics.h) for the grouping. */
bool store_put_signature(struct store *s, long case_id, const struct case_signature *sig);
/* The curated list of equivalent names, or NULL (store_set_equivalents). */
const struct equivalents *store_equivalents(struct store *s);

#endif
