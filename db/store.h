/*
 * store.h: the SQLite store of imported meetings. Every SQL statement of the
 * program lives in db/; callers see meetings and cases as core structs.
 *
 * All functions return a vt_status and fill `diag` (may be NULL) on failure.
 */
#ifndef VEDTAK_STORE_H
#define VEDTAK_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"
#include "core/status.h"
#include "core/strbuf.h"

struct store;

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 21

/*
 * Opens (creating if needed, unless `readonly`) the database at `path` and
 * brings its schema up to date. A database from a newer vedtak is refused
 * with VT_ERR_SCHEMA and left untouched. Free with store_close().
 */
enum vt_status store_open(const char *path, bool readonly, struct store **out, struct vt_diag *diag);
/*
 * A write that waits for another process's write waits as long as it takes;
 * after a second `fn(arg)` is called once, so that the caller can say so.
 * store_open_waiting() tells `fn` from the open on: the open's own writes
 * (the journal's setup, a migration) may wait too.
 */
void store_on_wait(struct store *s, void (*fn)(void *), void *arg);
enum vt_status store_open_waiting(const char *path, bool readonly, void (*fn)(void *), void *arg,
				  struct store **out, struct vt_diag *diag);

void store_close(struct store *s); /* NULL is fine */

enum import_outcome {
	IMPORT_NEW,	  /* a meeting not seen before */
	IMPORT_REPLACED,  /* a changed version of a deck imported before */
	IMPORT_UNCHANGED, /* the same bytes were imported before */
	IMPORT_JOINED,	  /* another document of a meeting imported before */
};

/*
 * Saves document `d` (read by document_read(), whose `text` it keeps) in
 * one transaction, or in the open batch's (below). A document of a meeting already in the store (the same
 * body and date, or number) joins it: the meeting is built again from all
 * its documents (meeting_merge()), and a document imported before under
 * the same name is replaced, so a re-import replaces only what that
 * document gave. Cases keep their stable keys, so what users attached to
 * them stays. A file of the same name but from another folder and of
 * another meeting is another document: d->source is then renamed after
 * its folder ("2021-09/referat.txt"). On any error nothing is written
 * (and an open batch is rolled back). *same_as (may be NULL)
 * receives, for IMPORT_UNCHANGED, the source name under which these bytes
 * were imported (caller frees). `warnings` (may be NULL) gets one line
 * "LINE<TAB>message" for each disagreement between documents.
 */
enum vt_status store_import_deck(struct store *s, struct deck *d, const char *text, size_t text_len,
				 enum import_outcome *outcome, char **same_as, struct strbuf *warnings,
				 struct vt_diag *diag);

/*
 * What the store derives from case `c`'s text at import: the abbreviations
 * it defines and where its slides begin (db/rank.h), and with `spots` its
 * columns' tokens for the index (core/words.h), two to three bytes for a
 * byte of text, and in spots[0..2] the spots of its title, decision and
 * slides for topic_case_sign() (core/topics.h), noted as their words are
 * formed. The importer makes it in its parser's thread (as
 * deck_case.lexicon), so that the store's thread only writes it; made from
 * the same fields by the same function, it is what the store would make,
 * and the tokenizer takes the tokens only for the very texts they were
 * made of. Caller frees (case_lexicon_free()).
 */
struct wordizer;
struct topic_spots;
struct case_lexicon *store_case_lexicon(struct wordizer *wz, const struct deck_case *c,
					struct topic_spots *spots);

/*
 * A batch: the store_import_deck() calls between store_batch_begin() and
 * store_batch_commit() share one transaction, and their cases are indexed
 * at the commit, which makes a bulk import a third faster. Each document
 * is still whole or absent, but none is kept until the commit: the caller
 * reports them then, and keeps their decks alive till then (their cases'
 * tokens are indexed at the commit). A store_import_deck() that fails
 * inside a batch rolls back the whole batch (so does a commit that fails);
 * the caller imports its documents again, each in its own transaction, to
 * keep the good ones. store_close() rolls back a batch left open.
 */
enum vt_status store_batch_begin(struct store *s, struct vt_diag *diag);
enum vt_status store_batch_commit(struct store *s, struct vt_diag *diag);

/*
 * After a run of imports: when the run indexed a quarter of the archive's
 * cases or more (a bulk load), merges each full-text index into one
 * segment, so that a word is one lookup instead of one per segment; after
 * a smaller run FTS5's own merging is left to keep up.
 */
enum vt_status store_settle_index(struct store *s, struct vt_diag *diag);

/*
 * Before store_settle_index(), when the run leaves nothing else to write
 * that changes which cases hold a word: starts reading the frequent words'
 * sets it will write on a thread of their own, so that the reading runs
 * beside the merge and whatever the caller writes meanwhile (the topics).
 */
void store_settle_begin(struct store *s);

/* Ids of all meetings, newest first. Caller frees *ids. */
enum vt_status store_meeting_ids(struct store *s, long **ids, size_t *n, struct vt_diag *diag);

/* Loads meeting `id` with everything imported for it. Caller frees *out with deck_free(). */
enum vt_status store_load_meeting(struct store *s, long id, struct deck **out, struct vt_diag *diag);

/*
 * Loads one case (id `case_id` of meeting `meeting_id`) with its presenters
 * and slides, in a deck holding the meeting's fields and that case only.
 */
enum vt_status store_load_case(struct store *s, long meeting_id, long case_id, struct deck **out,
			       struct vt_diag *diag);

/* A meeting as the start screen lists it. Strings are owned by the array. */
struct meeting_row {
	long id;
	char *body, *venue, *start_date, *end_date, *source;
	int ncases;
};

/*
 * Meetings newest first, from the `offset`th, at most `limit` of them (0:
 * all), so that a long list is read a page at a time. Free with
 * meeting_rows_free().
 */
enum vt_status store_meeting_rows(struct store *s, size_t offset, size_t limit, struct meeting_row **v,
				  size_t *n, struct vt_diag *diag);

/* Whether the store holds no meeting yet. */
enum vt_status store_is_empty(struct store *s, bool *empty, struct vt_diag *diag);
void meeting_rows_free(struct meeting_row *v, size_t n);

/* A case as a result list shows it: no slides. */
struct case_row {
	long id, meeting_id;
	int position;
	char *number, *title, *date, *body, *presenters; /* presenters joined by ", " */
	char *key, *tags;				 /* the stable key; tags joined by " ", or NULL */
	enum decision_type type;
};

/* The rows for case ids `ids` (in that order). Free with case_rows_free(). */
enum vt_status store_case_rows(struct store *s, const long *ids, size_t n, struct case_row **v,
			       struct vt_diag *diag);
void case_rows_free(struct case_row *v, size_t n);

/* A presenter and how many cases they presented. */
struct person_row {
	char *name;
	int ncases;
};

/* Every presenter, most cases first. Free with person_rows_free(). */
enum vt_status store_person_rows(struct store *s, struct person_row **v, size_t *n, struct vt_diag *diag);
void person_rows_free(struct person_row *v, size_t n);

/*
 * Checks the database: SQLite's integrity check and the full-text index's.
 * Fills `report` with what is wrong; VT_OK means all is well.
 */
enum vt_status store_check(struct store *s, struct strbuf *report, struct vt_diag *diag);

/* True if the store was opened read-only. */
bool store_readonly(const struct store *s);

struct case_ref {
	long meeting_id;
	int position;
};

/* Every case with number `number` ("11/21"), oldest meeting first. Caller frees *v. */
enum vt_status store_find_cases(struct store *s, const char *number, struct case_ref **v, size_t *n,
				struct vt_diag *diag);

/*
 * Stops a running store_search() from another thread (it then fails), and
 * every later one until store_interrupt_clear(): the caller clears it when
 * it starts the search that should run.
 */
void store_interrupt(struct store *s);
void store_interrupt_clear(struct store *s);
bool store_interrupted(struct store *s);

/*
 * From now on a write that waits for another process's lock gives up at
 * once, and fails as "database is locked": an import asked to stop
 * (tui/importer.c). Only an atomic store: a signal handler may call it.
 */
void store_stop_waiting(struct store *s);

/*
 * SQLite's data_version: it changes when another connection (another
 * vedtak) commits a change, so that a reader knows to read again. -1 when
 * it cannot be read.
 */
long long store_data_version(struct store *s);

/*
 * Sets the curated list of equivalent names search expands words with
 * (core/equiv.h; assets/terms.txt). On a malformed list fails with
 * VT_ERR_FORMAT, diag->line set, and keeps the list it had.
 */
enum vt_status store_set_equivalents(struct store *s, const char *text, size_t n, struct vt_diag *diag);

#endif
