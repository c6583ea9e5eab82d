/*
 * tags.h: what users attach to cases (tags, notes) and their saved
 * searches, all kept as a journal of operations with unique ids, and the
 * sync files two machines exchange (see the README for the merge rules).
 * Keyed by the case's stable key (core/deck.h: deck_case_key), never by a
 * row id, so imports never touch them. Every write fails with
 * VT_ERR_READONLY on a read-only store.
 */
#ifndef VEDTAK_TAGS_H
#define VEDTAK_TAGS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/query.h"
#include "core/status.h"
#include "core/strbuf.h"

struct store;

struct tag_change {
	const char *tag; /* normalised (tag_normalise) */
	bool add;
};

/*
 * Adds and removes tags on every case `q` matches, in one transaction
 * recorded as one batch (one undo step). *changed counts the cases whose
 * tags changed.
 */
enum vt_status store_tag_query(struct store *s, struct query *q, const struct tag_change *ch, size_t nch,
			       const char *author, size_t *changed, struct vt_diag *diag);

/* The same for the cases with stable keys `keys` (repeats are fine). */
enum vt_status store_tag_keys(struct store *s, char **keys, size_t nkeys, const struct tag_change *ch,
			      size_t nch, const char *author, size_t *changed, struct vt_diag *diag);

/* What store_tag_undo() would revert: the batch, when it was made, its changes and how many cases. */
struct undo_info {
	char *batch;   /* which batch: what store_tag_undo() is asked to undo */
	char *when;    /* the batch's first change, as ops store times */
	char *changes; /* "+fhir -old" */
	size_t ncases;
};

/* Fills *out (release with undo_info_release) with this machine's last tag batch; VT_ERR_NOT_FOUND when none.
 */
enum vt_status store_tag_undo_peek(struct store *s, struct undo_info *out, struct vt_diag *diag);
void undo_info_release(struct undo_info *u);

/*
 * Reverts this machine's last tag batch not reverted yet. *changed counts
 * the cases; *when (caller frees) says when that batch was made. With
 * `batch` (from store_tag_undo_peek), only that batch: when another has
 * come since, nothing is undone and VT_ERR_NOT_FOUND says so.
 */
enum vt_status store_tag_undo(struct store *s, const char *author, const char *batch, size_t *changed,
			      char **when, struct vt_diag *diag);

struct tag_count {
	char *tag;
	int cases;
	int orphans; /* of those, cases no longer in any imported deck */
};

/* Every tag in use, by name. Free with tag_counts_free(). */
enum vt_status store_tag_counts(struct store *s, struct tag_count **v, size_t *n, struct vt_diag *diag);
void tag_counts_free(struct tag_count *v, size_t n);

/* The tags on the case with key `key`, by name, joined by ", " (caller frees; "" for none). */
enum vt_status store_case_tags(struct store *s, const char *key, char **tags, struct vt_diag *diag);

/* The stable keys of the cases numbered `number` ("11/21"), each once. Free with the strings. */
enum vt_status store_case_keys(struct store *s, const char *number, char ***keys, size_t *n,
			       struct vt_diag *diag);

/* Adds a note to a case; `replaces` is the id of the note it edits, or NULL. */
enum vt_status store_note_add(struct store *s, const char *key, const char *text, const char *replaces,
			      const char *author, struct vt_diag *diag);

struct note {
	char *id, *author, *at, *text, *replaces;
};

/*
 * The case's notes, oldest first, without those an edit replaced. Free with
 * notes_free(). VT_ERR_NOT_FOUND when no case has the key and nothing was
 * ever attached to it (a slip in the key).
 */
enum vt_status store_case_notes(struct store *s, const char *key, struct note **v, size_t *n,
				struct vt_diag *diag);
void notes_free(struct note *v, size_t n);

/* Saved searches: set (add or change), remove, list by name. */
enum vt_status store_saved_set(struct store *s, const char *name, const char *query, const char *author,
			       struct vt_diag *diag);
enum vt_status store_saved_rm(struct store *s, const char *name, const char *author, struct vt_diag *diag);

struct saved {
	char *name, *query;
};

enum vt_status store_saved_list(struct store *s, struct saved **v, size_t *n, struct vt_diag *diag);
void saved_free(struct saved *v, size_t n);

/*
 * Appends to `out` a sync file with every operation this store has that it
 * has not sent to `peer` (all of them for a new peer, or with peer NULL).
 * *nops says how many; *upto is the position to record with
 * store_sync_sent() once the file is safely written, and not before.
 */
enum vt_status store_sync_export(struct store *s, const char *peer, struct strbuf *out, size_t *nops,
				 long long *upto, struct vt_diag *diag);
enum vt_status store_sync_sent(struct store *s, const char *peer, long long upto, struct vt_diag *diag);

struct sync_counts {
	size_t applied; /* operations new here; the others were already known */
	size_t pending; /* of those, on cases not imported here yet: they wait for their case */
};

/*
 * Applies a sync file, in one transaction. A file that is corrupt,
 * truncated, foreign, this machine's own, or that breaks any rule local
 * input meets (core/syncfile.h) is refused whole (VT_ERR_FORMAT, diag->line
 * at fault) and changes nothing. With `peer`, the file's machine is
 * remembered as that peer's, so that exports to it leave out what came
 * from it.
 */
enum vt_status store_sync_import(struct store *s, const char *data, size_t len, const char *peer,
				 struct sync_counts *n, struct vt_diag *diag);

#endif
