/*
 * store_db.h: the store's SQLite handle, for the other files of db/ only.
 */
#ifndef VEDTAK_STORE_DB_H
#define VEDTAK_STORE_DB_H

#include <sqlite3.h>

struct store;
sqlite3 *store_db(struct store *s);

/*
 * How many words the table `words` has had: a word is never deleted, and
 * each new one goes into `vocab` too, whose rowids only grow. The last
 * rowid is one seek; count(*) over `words` read every row (6 ms at 1 GB,
 * for each pattern narrowed by words).
 */
#define STORE_WORDS_MADE "coalesce((SELECT max(id) FROM vocab_content), 0)"
/*
 * A second connection to the same database, read-only, with vedtak's
 * tokenizer and functions, for a search to read half of a large index
 * read on the second core; opened on first use, closed with the store.
 * NULL when there is none (a database in memory, or it could not be opened).
 */
sqlite3 *store_helper_db(struct store *s);

/*
 * A read over a range of ids that may be split in two (store_read_halves()):
 * `read` adds what ids lo to hi give, read on db, to what the caller's
 * struct around it holds; `forget` drops all it added.
 */
struct range_read {
	int (*read)(struct range_read *r, sqlite3 *db, long lo, long hi);
	void (*forget)(struct range_read *r);
	int rc; /* of the second's read */
};
/*
 * Runs first->read over ids lo to hi on the store's connection. When its
 * first eighth (or 64th, for a long read) shows the rest to be long
 * work, the rest is split: one
 * half here, the other with second->read on the second connection
 * (store_helper_db()), in a thread of its own; a second half the helper
 * could not read is read again here. A read that returns SQLITE_ABORT
 * has found what ends the whole of it (a pattern too expensive): the
 * other half is stopped, and not read again. Returns SQLite's result
 * code.
 */
int store_read_halves(struct store *s, long lo, long hi, struct range_read *first, struct range_read *second);

/*
 * A new read-only connection to the store's database, for a thread of
 * the caller's to read on (the caller closes it); NULL when the database
 * is in memory or cannot be opened so.
 */
sqlite3 *store_reader_open(struct store *s);

struct timespec;
/* The deadline (CLOCK_MONOTONIC) of the search now running, or NULL for none: the helper's
 * reads stop there, as the main connection's do. */
void store_set_deadline(struct store *s, const struct timespec *at);
struct case_signature;
/* Whether the archive's index holds the quiet parts of words (schema 19; read at open). */
bool store_quiet_parts(struct store *s);
/* Keeps case `case_id`'s signature (core/topics.h) for the grouping. */
bool store_put_signature(struct store *s, long case_id, const struct case_signature *sig);
/* The curated list of equivalent names, or NULL (store_set_equivalents). */
const struct equivalents *store_equivalents(struct store *s);

#endif
