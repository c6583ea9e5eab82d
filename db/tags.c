/*
 * tags.c: tags, notes and saved searches as a journal of operations, and
 * the sync files that carry operations between machines.
 *
 * Merge rules (also in the README): a tag is on a case while one of its
 * 'tag' operations has no 'untag' naming it, so concurrent additions all
 * count and a removal only cancels the additions it saw; notes are only
 * ever added (an edit is a new note naming the one it replaces), so two
 * edits of one note keep both; a saved search is what its latest 'save' or
 * 'unsave' says. Operations have unique ids and are applied at most once,
 * so files can be applied twice and in any order, and machines converge.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/search.h"
#include "core/i18n.h"
#include "db/store.h"
#include "db/sql.h"
#include "db/store_db.h"
#include "core/syncfile.h"
#include "db/tags.h"
#include "core/userdata.h"
#include "core/util.h"
#include "core/banned.h"

static enum vt_status writable(struct store *s, struct vt_diag *diag)
{
	return store_readonly(s) ? vt_fail(diag, VT_ERR_READONLY, 0,
					   _("the database is open read-only; tags, notes and saved searches "
					     "cannot be changed"))
				 : VT_OK;
}

/* Who writes is checked as a sync file's author will be on every peer: else the peer refuses the file. */
static enum vt_status author_ok(const char *author, struct vt_diag *diag)
{
	const char *why = userdata_author_problem(author);

	return why ? vt_fail(diag, VT_ERR_USAGE, 0, _("the author: %s"), why) : VT_OK;
}

static enum vt_status begin(struct store *s, struct vt_diag *diag)
{
	enum vt_status st = writable(s, diag);

	if (st != VT_OK)
		return st;
	return sql_begin(store_db(s), true, _("starting a change"), diag);
}

static enum vt_status finish(struct store *s, enum vt_status st, struct vt_diag *diag)
{
	return sql_end(store_db(s), st, _("saving the change"), diag);
}

static char *new_id(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	char *id = NULL;

	if (sqlite3_prepare_v2(db, "SELECT lower(hex(randomblob(8)))", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		id = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return id ? id : xstrdup("0");
}

struct op {
	const char *batch, *kind, *case_key, *tag, *ref, *name, *text, *author;
};

static bool insert_op(sqlite3 *db, const struct op *o)
{
	static const char sql[] =
	    "INSERT INTO ops(id, batch, kind, case_key, tag, ref, name, text, author, at) VALUES"
	    " ((SELECT value FROM meta WHERE key = 'machine') || '-' || lower(hex(randomblob(8))),"
	    " ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
	const char *v[8] = {o->batch, o->kind, o->case_key, o->tag, o->ref, o->name, o->text, o->author};
	sqlite3_stmt *st = NULL;
	bool ok;
	int i;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	for (i = 0; i < 8; i++)
		sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

/* The 'tag' operations still in force for (key, tag); caller frees the array and ids. */
static bool live_tag_ops(sqlite3 *db, const char *key, const char *tag, char ***ids, size_t *n)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT id FROM ops a WHERE a.kind = 'tag' AND a.case_key = ?1 AND a.tag = ?2"
			       " AND NOT EXISTS (SELECT 1 FROM ops r WHERE r.kind = 'untag' AND r.ref = a.id"
			       " AND r.case_key = a.case_key AND r.tag = a.tag)",
			       -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tag, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*ids, *n + 1, alloc);
		(*ids)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

static void free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Applies one change to one case key; *changed is set if the case's tags changed. */
static bool apply_change(sqlite3 *db, const char *batch, const char *key, const struct tag_change *c,
			 const char *author, const char *undo_name, bool *changed)
{
	char **ids;
	size_t n, i;
	bool ok;
	struct op o = {batch, NULL, key, c->tag, NULL, undo_name, NULL, author};

	if (!live_tag_ops(db, key, c->tag, &ids, &n))
		return false;
	ok = true;
	if (c->add && !n) {
		o.kind = "tag";
		ok = insert_op(db, &o);
		*changed = true;
	} else if (!c->add) {
		o.kind = "untag";
		for (i = 0; i < n && ok; i++) {
			o.ref = ids[i];
			ok = insert_op(db, &o);
			*changed = true;
		}
	}
	free_strings(ids, n);
	return ok;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum vt_status store_tag_query(struct store *s, struct query *q, const struct tag_change *ch, size_t nch,
			       const char *author, size_t *changed, struct vt_diag *diag)
{
	struct search_opts o = {.by_date = true};
	struct search_result res = {0};
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	char **keys = NULL;
	size_t nkeys = 0, i;
	enum vt_status ret;

	*changed = 0;
	if ((ret = author_ok(author, diag)) != VT_OK || (ret = writable(s, diag)) != VT_OK ||
	    (ret = store_search(s, q, &o, &res, diag)) != VT_OK)
		return ret;
	/* The stable keys of the matching cases, each once. */
	keys = xcalloc(res.nhits + 1, sizeof(*keys));
	if (sqlite3_prepare_v2(db, "SELECT case_key FROM cases WHERE id = ?1", -1, &st, NULL) != SQLITE_OK) {
		ret = sql_fail(db, diag, _("tagging"));
		goto out;
	}
	for (i = 0; i < res.nhits; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, res.hits[i].case_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			keys[nkeys++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	ret = store_tag_keys(s, keys, nkeys, ch, nch, author, changed, diag);
out:
	free_strings(keys, nkeys);
	search_result_release(&res);
	return ret;
}

enum vt_status store_tag_keys(struct store *s, char **keys, size_t nkeys, const struct tag_change *ch,
			      size_t nch, const char *author, size_t *changed, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	char *batch = NULL;
	enum vt_status ret;
	size_t i, k;

	*changed = 0;
	qsort(keys, nkeys, sizeof(*keys), cmp_str);
	if ((ret = author_ok(author, diag)) != VT_OK || (ret = begin(s, diag)) != VT_OK)
		return ret;
	batch = new_id(db);
	for (i = 0; i < nkeys && ret == VT_OK; i++) {
		bool case_changed = false;

		if (i && !strcmp(keys[i], keys[i - 1]))
			continue;
		for (k = 0; k < nch && ret == VT_OK; k++)
			if (!apply_change(db, batch, keys[i], &ch[k], author, NULL, &case_changed))
				ret = sql_fail(db, diag, _("tagging"));
		*changed += case_changed;
	}
	ret = finish(s, ret, diag);
	if (ret != VT_OK)
		*changed = 0;
	free(batch);
	return ret;
}

/* This machine's newest tag batch that is neither an undo nor undone, and when it began. */
#define LAST_TAG_BATCH                                                                                       \
	"SELECT batch, min(at) FROM ops WHERE kind IN ('tag', 'untag')"                                      \
	" AND id LIKE (SELECT value FROM meta WHERE key = 'machine') || '-%'"                                \
	" AND (name IS NULL OR name NOT LIKE 'undo %')"                                                      \
	" AND batch NOT IN (SELECT substr(name, 6) FROM ops WHERE name LIKE 'undo %')"                       \
	" GROUP BY batch ORDER BY max(seq) DESC LIMIT 1"

/* Finds LAST_TAG_BATCH: *batch and *when (the caller frees both); VT_ERR_NOT_FOUND when there is none. */
static enum vt_status last_tag_batch(sqlite3 *db, char **batch, char **when, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	enum vt_status ret = VT_OK;
	int rc;

	if (sqlite3_prepare_v2(db, LAST_TAG_BATCH, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("undoing"));
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*batch = xstrdup((const char *)sqlite3_column_text(st, 0));
		*when = xstrdup((const char *)sqlite3_column_text(st, 1));
	} else {
		ret = rc == SQLITE_DONE ? vt_fail(diag, VT_ERR_NOT_FOUND, 0, _("nothing to undo"))
					: sql_fail(db, diag, _("undoing"));
	}
	sqlite3_finalize(st);
	return ret;
}

enum vt_status store_tag_undo_peek(struct store *s, struct undo_info *out, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	struct strbuf changes = STRBUF_INIT;
	char *batch = NULL;
	enum vt_status ret = VT_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((ret = last_tag_batch(db, &batch, &out->when, diag)) != VT_OK)
		goto out;
	out->batch = xstrdup(batch);
	if (sqlite3_prepare_v2(
		db,
		"SELECT o.kind, coalesce(o.tag, a.tag), count(DISTINCT coalesce(o.case_key, a.case_key))"
		" FROM ops o LEFT JOIN ops a ON o.kind = 'untag' AND a.id = o.ref WHERE o.batch = ?1"
		" GROUP BY o.kind, 2 ORDER BY min(o.seq)",
		-1, &st, NULL) != SQLITE_OK) {
		ret = sql_fail(db, diag, _("undoing"));
		goto out;
	}
	sqlite3_bind_text(st, 1, batch, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *tag = (const char *)sqlite3_column_text(st, 1);
		size_t n = (size_t)sqlite3_column_int64(st, 2);

		if (!tag)
			continue;
		strbuf_addf(&changes, "%s%c%s", changes.len ? " " : "",
			    strcmp((const char *)sqlite3_column_text(st, 0), "untag") ? '+' : '-', tag);
		out->ncases = n > out->ncases ? n : out->ncases;
	}
	if (rc != SQLITE_DONE)
		ret = sql_fail(db, diag, _("undoing"));
out:
	sqlite3_finalize(st);
	free(batch);
	out->changes = strbuf_detach(&changes, NULL);
	if (ret != VT_OK)
		undo_info_release(out);
	return ret;
}

void undo_info_release(struct undo_info *u)
{
	free(u->batch);
	free(u->when);
	free(u->changes);
	memset(u, 0, sizeof(*u));
}

enum vt_status store_tag_undo(struct store *s, const char *author, const char *expect, size_t *changed,
			      char **when, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	char *batch = NULL, *undo = NULL, *name = NULL;
	char **keys = NULL;
	size_t nkeys = 0, alloc = 0, i;
	enum vt_status ret;
	int rc;

	*changed = 0;
	*when = NULL;
	if ((ret = author_ok(author, diag)) != VT_OK || (ret = begin(s, diag)) != VT_OK)
		return ret;
	if ((ret = last_tag_batch(db, &batch, when, diag)) != VT_OK)
		goto out;
	if (expect && strcmp(batch, expect)) {
		ret = vt_fail(diag, VT_ERR_NOT_FOUND, 0,
			      _("another tagging came since; nothing undone (u again shows it)"));
		goto out;
	}
	undo = new_id(db);
	name = xasprintf("undo %s", batch);
	/* Each addition is taken back; each removal is added again. */
	if (sqlite3_prepare_v2(
		db,
		"SELECT o.kind, coalesce(o.case_key, a.case_key), coalesce(o.tag, a.tag) FROM ops o"
		" LEFT JOIN ops a ON o.kind = 'untag' AND a.id = o.ref WHERE o.batch = ?1 ORDER BY o.seq",
		-1, &st, NULL) != SQLITE_OK) {
		ret = sql_fail(db, diag, _("undoing"));
		goto out;
	}
	sqlite3_bind_text(st, 1, batch, -1, SQLITE_STATIC);
	while (ret == VT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct tag_change c = {(const char *)sqlite3_column_text(st, 2), false};
		const char *key = (const char *)sqlite3_column_text(st, 1);
		bool case_changed = false;

		c.add = !strcmp((const char *)sqlite3_column_text(st, 0), "untag");
		if (!key || !c.tag)
			continue;
		if (!apply_change(db, undo, key, &c, author, name, &case_changed))
			ret = sql_fail(db, diag, _("undoing"));
		if (case_changed) {
			ALLOC_GROW(keys, nkeys + 1, alloc);
			keys[nkeys++] = xstrdup(key);
		}
	}
	qsort(keys, nkeys, sizeof(*keys), cmp_str);
	for (i = 0; i < nkeys; i++)
		*changed += !i || strcmp(keys[i], keys[i - 1]);
	if (ret == VT_OK && !*changed) {
		/* Already reverted by hand: a marker (an untag of nothing) records the
		 * undo, so that the next undo goes further back. */
		struct op o = {undo, "untag", NULL, NULL, NULL, name, NULL, author};
		if (!insert_op(db, &o))
			ret = sql_fail(db, diag, _("undoing"));
	}
out:
	sqlite3_finalize(st);
	ret = finish(s, ret, diag);
	free(batch);
	free(undo);
	free(name);
	free_strings(keys, nkeys);
	if (ret != VT_OK) {
		free(*when);
		*when = NULL;
		*changed = 0;
	}
	return ret;
}

enum vt_status store_tag_counts(struct store *s, struct tag_count **v, size_t *n, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT t.tag, count(*), sum(NOT EXISTS (SELECT 1 FROM cases c WHERE "
			       "c.case_key = t.case_key))"
			       " FROM tag_state t GROUP BY t.tag ORDER BY t.tag",
			       -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("listing tags"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*v, *n + 1, alloc);
		(*v)[*n].tag = xstrdup((const char *)sqlite3_column_text(st, 0));
		(*v)[*n].cases = sqlite3_column_int(st, 1);
		(*v)[*n].orphans = sqlite3_column_int(st, 2);
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? VT_OK : sql_fail(db, diag, _("listing tags"));
}

void tag_counts_free(struct tag_count *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].tag);
	free(v);
}

/* Runs `sql` with text parameters and returns the first column of the first row (caller frees). */
static enum vt_status one_text(sqlite3 *db, const char *sql, const char *a, char **out, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("reading tags"));
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = xstrdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_fail(db, diag, _("reading tags"));
	if (!*out)
		*out = xstrdup("");
	return VT_OK;
}

enum vt_status store_case_tags(struct store *s, const char *key, char **tags, struct vt_diag *diag)
{
	return one_text(store_db(s),
			"SELECT group_concat(tag, ', ') FROM (SELECT tag FROM tag_state WHERE case_key = ?1 "
			"ORDER BY tag)",
			key, tags, diag);
}

enum vt_status store_case_keys(struct store *s, const char *number, char ***keys, size_t *n,
			       struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*keys = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT DISTINCT case_key FROM cases WHERE number = ?1 ORDER BY case_key",
			       -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("finding the case"));
	sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*keys, *n + 1, alloc);
		(*keys)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? VT_OK : sql_fail(db, diag, _("finding the case"));
}

/*
 * Records one operation in a transaction and a batch of its own, if
 * `check` (or NULL) finds it may be, in that transaction: what it reads
 * cannot change before the write.
 */
static enum vt_status single_op(struct store *s, struct op *o, const char *what,
				enum vt_status (*check)(struct store *, const struct op *, struct vt_diag *),
				struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	enum vt_status ret;
	char *batch;

	if ((ret = begin(s, diag)) != VT_OK)
		return ret;
	if (check && (ret = check(s, o, diag)) != VT_OK)
		return finish(s, ret, diag);
	batch = new_id(db);
	o->batch = batch;
	if (!insert_op(db, o))
		ret = sql_fail(db, diag, what);
	free(batch);
	return finish(s, ret, diag);
}

/*
 * Whether `key` names a case, or something was ever attached to it. A key
 * that does neither is a typing slip: a note added to it would stay where
 * no screen shows it, and its notes listed would be none, said as if the
 * case had none. A key whose case a re-import left out still has its tags
 * and notes, and takes more (they come back with the case).
 */
static enum vt_status key_check(struct store *s, const char *key, struct vt_diag *diag)
{
	char *on = NULL;
	enum vt_status ret;

	if ((ret = one_text(store_db(s),
			    "SELECT EXISTS (SELECT 1 FROM cases WHERE case_key = ?1)"
			    " OR EXISTS (SELECT 1 FROM ops WHERE case_key = ?1)",
			    key, &on, diag)) != VT_OK)
		return ret;
	if (strcmp(on, "1"))
		ret = vt_fail(diag, VT_ERR_NOT_FOUND, 0, _("no case has the key %s"), key);
	free(on);
	return ret;
}

/* Whether note op `o` may be added: its key checked, and an edit names a note of the same case, or it would
 * move that note here. */
static enum vt_status note_check(struct store *s, const struct op *o, struct vt_diag *diag)
{
	char *on = NULL;
	enum vt_status ret;

	if ((ret = key_check(s, o->case_key, diag)) != VT_OK || !o->ref)
		return ret;
	if ((ret = one_text(store_db(s), "SELECT case_key FROM ops WHERE kind = 'note' AND id = ?1", o->ref,
			    &on, diag)) != VT_OK)
		return ret;
	if (!*on)
		ret = vt_fail(diag, VT_ERR_NOT_FOUND, 0, _("no note with the id %s"), o->ref);
	else if (strcmp(on, o->case_key))
		ret =
		    vt_fail(diag, VT_ERR_USAGE, 0, _("note %s is on %s, not on %s"), o->ref, on, o->case_key);
	free(on);
	return ret;
}

enum vt_status store_note_add(struct store *s, const char *key, const char *text, const char *replaces,
			      const char *author, struct vt_diag *diag)
{
	struct op o = {NULL, "note", key, NULL, replaces, NULL, text, author};
	const char *why;
	enum vt_status ret;

	if ((why = userdata_note_problem(text)))
		return vt_fail(diag, VT_ERR_USAGE, 0, _("the note: %s"), why);
	if ((ret = author_ok(author, diag)) != VT_OK)
		return ret;
	return single_op(s, &o, _("adding the note"), note_check, diag);
}

enum vt_status store_case_notes(struct store *s, const char *key, struct note **v, size_t *n,
				struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
		db,
		"SELECT id, author, at, text, ref FROM ops n WHERE n.kind = 'note' AND n.case_key = ?1"
		/* an edit counts only on its own case: nothing moves a note */
		" AND NOT EXISTS (SELECT 1 FROM ops e WHERE e.kind = 'note' AND e.ref = n.id"
		" AND e.case_key = n.case_key)"
		" ORDER BY at, id",
		-1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("reading notes"));
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct note *t;

		ALLOC_GROW(*v, *n + 1, alloc);
		t = &(*v)[(*n)++];
		t->id = xstrdup((const char *)sqlite3_column_text(st, 0));
		t->author = xstrdup((const char *)sqlite3_column_text(st, 1));
		t->at = xstrdup((const char *)sqlite3_column_text(st, 2));
		t->text = xstrdup((const char *)sqlite3_column_text(st, 3));
		t->replaces = xstrdup((const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_fail(db, diag, _("reading notes"));
	return *n ? VT_OK : key_check(s, key, diag); /* none: is it a slip in the key? */
}

void notes_free(struct note *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].author);
		free(v[i].at);
		free(v[i].text);
		free(v[i].replaces);
	}
	free(v);
}

static enum vt_status saved_op(struct store *s, const char *kind, const char *name, const char *query,
			       const char *author, struct vt_diag *diag)
{
	struct op o = {NULL, kind, NULL, NULL, NULL, name, query, author};

	return single_op(s, &o, _("saving the search"), NULL, diag);
}

enum vt_status store_saved_set(struct store *s, const char *name, const char *query, const char *author,
			       struct vt_diag *diag)
{
	const char *why;
	enum vt_status ret;

	if ((why = userdata_saved_name_problem(name)))
		return vt_fail(diag, VT_ERR_USAGE, 0, _("the name: %s"), why);
	if ((why = userdata_saved_query_problem(query, true)))
		return vt_fail(diag, VT_ERR_USAGE, 0, _("the query: %s"), why);
	if ((ret = author_ok(author, diag)) != VT_OK)
		return ret;
	return saved_op(s, "save", name, query, author, diag);
}

/* The latest save or unsave of each name decides (by time, then id). */
#define SAVED_STATE                                                                                          \
	"SELECT name, text FROM ops o WHERE o.kind IN ('save', 'unsave') AND NOT EXISTS (SELECT 1 FROM ops " \
	"p"                                                                                                  \
	" WHERE p.kind IN ('save', 'unsave') AND p.name = o.name AND (p.at > o.at OR (p.at = o.at AND p.id " \
	"> o.id)))"                                                                                          \
	" AND o.kind = 'save'"

enum vt_status store_saved_rm(struct store *s, const char *name, const char *author, struct vt_diag *diag)
{
	char *q = NULL;
	enum vt_status st = author_ok(author, diag);
	bool exists;

	if (st != VT_OK)
		return st;
	st = one_text(store_db(s), SAVED_STATE " AND o.name = ?1", name, &q, diag);
	exists = st == VT_OK && *q;
	free(q);
	if (st != VT_OK)
		return st;
	if (!exists)
		return vt_fail(diag, VT_ERR_NOT_FOUND, 0, _("no saved search named '%s'"), name);
	return saved_op(s, "unsave", name, NULL, author, diag);
}

enum vt_status store_saved_list(struct store *s, struct saved **v, size_t *n, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, SAVED_STATE " ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("listing saved searches"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*v, *n + 1, alloc);
		(*v)[*n].name = xstrdup((const char *)sqlite3_column_text(st, 0));
		(*v)[*n].query = xstrdup((const char *)sqlite3_column_text(st, 1));
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? VT_OK : sql_fail(db, diag, _("listing saved searches"));
}

void saved_free(struct saved *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].query);
	}
	free(v);
}

/* ---- sync files (the format is core/syncfile.c's) ---- */

enum vt_status store_sync_export(struct store *s, const char *peer, struct strbuf *out, size_t *nops,
				 long long *upto, struct vt_diag *diag)
{
	static const char sql[] =
	    "SELECT seq, id, batch, kind, case_key, tag, ref, name, text, author, at FROM ops WHERE seq > ?1"
	    /* what came from the peer goes back to it only through others; matched exactly, never LIKE */
	    " AND (?2 = '' OR substr(id, 1, length(?2) + 1) <> ?2 || '-') ORDER BY seq";
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	size_t start = out->len;
	char *machine = NULL, *peer_machine = NULL, *sent = NULL;
	enum vt_status ret;
	int rc, i;

	*nops = 0;
	*upto = 0;
	/* One read transaction: the file and its position are one snapshot. */
	if ((ret = sql_begin(db, false, _("exporting"), diag)) != VT_OK)
		return ret;
	if ((ret = one_text(db, "SELECT value FROM meta WHERE key = ?1", "machine", &machine, diag)) !=
		VT_OK ||
	    (peer &&
	     ((ret = one_text(db, "SELECT sent FROM peers WHERE peer = ?1", peer, &sent, diag)) != VT_OK ||
	      (ret = one_text(db, "SELECT machine FROM peers WHERE peer = ?1", peer, &peer_machine, diag)) !=
		  VT_OK)))
		goto out;
	sync_file_begin(out, machine);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		ret = sql_fail(db, diag, _("exporting"));
		goto out;
	}
	sqlite3_bind_int64(st, 1, sent ? atoll(sent) : 0);
	sqlite3_bind_text(st, 2, peer_machine ? peer_machine : "", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f[SYNC_FIELDS];

		for (i = 0; i < SYNC_FIELDS; i++)
			f[i] = (const char *)sqlite3_column_text(st, i + 1);
		sync_file_add(out, f);
		(*nops)++;
	}
	if (rc != SQLITE_DONE) {
		ret = sql_fail(db, diag, _("exporting"));
		goto out;
	}
	sync_file_end(out, start, *nops);
	sqlite3_finalize(st);
	/* Even with nothing new to send, the peer has seen everything up to here. */
	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(seq), 0) FROM ops", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		ret = sql_fail(db, diag, _("exporting"));
		goto out;
	}
	*upto = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	ret = sql_end(db, ret, _("exporting"), diag);
	free(machine);
	free(peer_machine);
	free(sent);
	if (ret != VT_OK)
		strbuf_setlen(out, start);
	return ret;
}

enum vt_status store_sync_sent(struct store *s, const char *peer, long long upto, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	enum vt_status ret;

	if ((ret = begin(s, diag)) != VT_OK)
		return ret;
	/* Never backwards: an older export finishing late must not resend less. */
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO peers(peer, sent) VALUES (?1, ?2)"
			       " ON CONFLICT(peer) DO UPDATE SET sent = max(sent, excluded.sent)",
			       -1, &st, NULL) != SQLITE_OK) {
		ret = sql_fail(db, diag, _("remembering what was sent"));
		goto out;
	}
	sqlite3_bind_text(st, 1, peer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, upto);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = sql_fail(db, diag, _("remembering what was sent"));
out:
	sqlite3_finalize(st);
	return finish(s, ret, diag);
}

static enum vt_status note_peer_machine(sqlite3 *db, const char *peer, const char *machine,
					struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	bool ok;

	ok = sqlite3_prepare_v2(db,
				"INSERT INTO peers(peer, machine) VALUES (?1, ?2)"
				" ON CONFLICT(peer) DO UPDATE SET machine = excluded.machine",
				-1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, peer, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, machine, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return ok ? VT_OK : sql_fail(db, diag, _("remembering the peer"));
}

/*
 * What the database knows of the operation an op refers to: a note edit
 * must name a note of its own case, an untag a tag of its own case and tag.
 * One not known yet is fine (files come in any order): the readers only
 * ever pair operations of the same case.
 */
static enum vt_status check_ref(sqlite3 *db, sqlite3_stmt **st, const struct sync_op *o, struct vt_diag *diag)
{
	bool note = !strcmp(o->f[SF_KIND], "note");
	int rc;

	if (!o->f[SF_REF])
		return VT_OK;
	if (!*st && sqlite3_prepare_v2(db, "SELECT kind, case_key, tag FROM ops WHERE id = ?1", -1, st,
				       NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("importing"));
	sqlite3_reset(*st);
	sqlite3_bind_text(*st, 1, o->f[SF_REF], -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(*st)) == SQLITE_DONE)
		return VT_OK;
	if (rc != SQLITE_ROW)
		return sql_fail(db, diag, _("importing"));
	if (strcmp((const char *)sqlite3_column_text(*st, 0), note ? "note" : "tag") ||
	    !sqlite3_column_text(*st, 1) ||
	    strcmp((const char *)sqlite3_column_text(*st, 1), o->f[SF_CASE_KEY]) ||
	    (!note && (!sqlite3_column_text(*st, 2) ||
		       strcmp((const char *)sqlite3_column_text(*st, 2), o->f[SF_TAG]))))
		return vt_fail(diag, VT_ERR_FORMAT, o->line,
			       note ? _("operation %s: replaces %s, which is not a note of %s")
				    : _("operation %s: cancels %s, which is not that tag of %s"),
			       o->f[SF_ID], o->f[SF_REF], o->f[SF_CASE_KEY]);
	return VT_OK;
}

enum vt_status store_sync_import(struct store *s, const char *data, size_t len, const char *peer,
				 struct sync_counts *n, struct vt_diag *diag)
{
	static const char insert_sql[] =
	    "INSERT OR IGNORE INTO ops(id, batch, kind, case_key, tag, ref, name, text, author, at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3 *db = store_db(s);
	sqlite3_stmt *ins = NULL, *ref = NULL, *known = NULL;
	struct sync_file sf;
	char *machine = NULL;
	enum vt_status ret;
	size_t i;
	int k;

	memset(n, 0, sizeof(*n));
	if ((ret = writable(s, diag)) != VT_OK)
		return ret;
	/* Everything is checked before anything is written. */
	if ((ret = sync_file_read(data, len, time(NULL), &sf, diag)) != VT_OK)
		goto out;
	if ((ret = one_text(db, "SELECT value FROM meta WHERE key = ?1", "machine", &machine, diag)) != VT_OK)
		goto out;
	if (!strcmp(sf.machine, machine)) {
		ret = vt_fail(diag, VT_ERR_FORMAT, 2, _("this is this machine's own sync file"));
		goto out;
	}
	if ((ret = begin(s, diag)) != VT_OK)
		goto out;
	if (sqlite3_prepare_v2(db, insert_sql, -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT 1 FROM cases WHERE case_key = ?1", -1, &known, NULL) != SQLITE_OK)
		ret = sql_fail(db, diag, _("importing"));
	if (ret == VT_OK && peer)
		ret = note_peer_machine(db, peer, sf.machine, diag);
	for (i = 0; ret == VT_OK && i < sf.nops; i++) {
		const struct sync_op *o = &sf.ops[i];
		int changes;

		if ((ret = check_ref(db, &ref, o, diag)) != VT_OK)
			break;
		sqlite3_reset(ins);
		for (k = 0; k < SYNC_FIELDS; k++)
			sqlite3_bind_text(ins, k + 1, o->f[k], -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			ret = sql_fail(db, diag, _("importing"));
			break;
		}
		changes = sqlite3_changes(db);
		n->applied += (size_t)changes;
		if (changes && o->f[SF_CASE_KEY]) {
			sqlite3_reset(known);
			sqlite3_bind_text(known, 1, o->f[SF_CASE_KEY], -1, SQLITE_STATIC);
			n->pending += sqlite3_step(known) != SQLITE_ROW;
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(ref);
	sqlite3_finalize(known);
	ret = finish(s, ret, diag);
out:
	if (ret != VT_OK)
		memset(n, 0, sizeof(*n));
	free(machine);
	sync_file_release(&sf);
	return ret;
}
