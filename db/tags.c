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

#include "search.h"
#include "i18n.h"
#include "sha256.h"
#include "store.h"
#include "store_db.h"
#include "tags.h"
#include "util.h"
#include "banned.h"

#define SYNC_MAGIC "vedtak-sync 1"

static enum vt_status fail_db(sqlite3 *db, struct vt_diag *diag, const char *what)
{
	return vt_fail(diag, VT_ERR_DB, 0, "%s: %s", what, sqlite3_errmsg(db));
}

static enum vt_status writable(struct store *s, struct vt_diag *diag)
{
	return store_readonly(s) ? vt_fail(diag, VT_ERR_READONLY, 0,
					   _("the database is open read-only; tags, notes and saved searches "
					   "cannot be changed"))
				 : VT_OK;
}

static enum vt_status begin(struct store *s, struct vt_diag *diag)
{
	enum vt_status st = writable(s, diag);

	if (st != VT_OK)
		return st;
	if (sqlite3_exec(store_db(s), "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail_db(store_db(s), diag, _("starting a change"));
	return VT_OK;
}

static enum vt_status finish(struct store *s, enum vt_status st, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);

	if (st == VT_OK && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		st = fail_db(db, diag, _("saving the change"));
	if (st != VT_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return st;
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
	const char *v[8] = { o->batch, o->kind, o->case_key, o->tag, o->ref, o->name, o->text, o->author };
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
			       " AND NOT EXISTS (SELECT 1 FROM ops r WHERE r.kind = 'untag' AND r.ref = a.id)",
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
	struct op o = { batch, NULL, key, c->tag, NULL, undo_name, NULL, author };

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

enum vt_status store_tag_query(struct store *s, const struct query *q, const struct tag_change *ch, size_t nch,
			       const char *author, size_t *changed, struct vt_diag *diag)
{
	struct search_opts o = { 0, true, false, 0 };
	struct search_result res = { NULL, 0, 0, 0 };
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	char **keys = NULL;
	size_t nkeys = 0, i;
	enum vt_status ret;

	*changed = 0;
	if ((ret = writable(s, diag)) != VT_OK || (ret = store_search(s, q, &o, &res, diag)) != VT_OK)
		return ret;
	/* The stable keys of the matching cases, each once. */
	keys = xcalloc(res.nhits + 1, sizeof(*keys));
	if (sqlite3_prepare_v2(db, "SELECT case_key FROM cases WHERE id = ?1", -1, &st, NULL) != SQLITE_OK) {
		ret = fail_db(db, diag, _("tagging"));
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

enum vt_status store_tag_keys(struct store *s, char **keys, size_t nkeys, const struct tag_change *ch, size_t nch,
			      const char *author, size_t *changed, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	char *batch = NULL;
	enum vt_status ret;
	size_t i, k;

	*changed = 0;
	qsort(keys, nkeys, sizeof(*keys), cmp_str);
	if ((ret = begin(s, diag)) != VT_OK)
		return ret;
	batch = new_id(db);
	for (i = 0; i < nkeys && ret == VT_OK; i++) {
		bool case_changed = false;

		if (i && !strcmp(keys[i], keys[i - 1]))
			continue;
		for (k = 0; k < nch && ret == VT_OK; k++)
			if (!apply_change(db, batch, keys[i], &ch[k], author, NULL, &case_changed))
				ret = fail_db(db, diag, _("tagging"));
		*changed += case_changed;
	}
	ret = finish(s, ret, diag);
	if (ret != VT_OK)
		*changed = 0;
	free(batch);
	return ret;
}

enum vt_status store_tag_undo(struct store *s, const char *author, size_t *changed, char **when,
			      struct vt_diag *diag)
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
	if ((ret = begin(s, diag)) != VT_OK)
		return ret;
	/* This machine's newest tag batch that is neither an undo nor undone. */
	if (sqlite3_prepare_v2(db,
			       "SELECT batch, min(at) FROM ops WHERE kind IN ('tag', 'untag')"
			       " AND id LIKE (SELECT value FROM meta WHERE key = 'machine') || '-%'"
			       " AND (name IS NULL OR name NOT LIKE 'undo %')"
			       " AND batch NOT IN (SELECT substr(name, 6) FROM ops WHERE name LIKE 'undo %')"
			       " GROUP BY batch ORDER BY max(seq) DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK) {
		ret = fail_db(db, diag, _("undoing"));
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		ret = rc == SQLITE_DONE ? vt_fail(diag, VT_ERR_NOT_FOUND, 0, _("nothing to undo")) : fail_db(db, diag, _("undoing"));
		goto out;
	}
	batch = xstrdup((const char *)sqlite3_column_text(st, 0));
	*when = xstrdup((const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	st = NULL;
	undo = new_id(db);
	name = xasprintf("undo %s", batch);
	/* Each addition is taken back; each removal is added again. */
	if (sqlite3_prepare_v2(db,
			       "SELECT o.kind, coalesce(o.case_key, a.case_key), coalesce(o.tag, a.tag) FROM ops o"
			       " LEFT JOIN ops a ON o.kind = 'untag' AND a.id = o.ref WHERE o.batch = ?1 ORDER BY o.seq",
			       -1, &st, NULL) != SQLITE_OK) {
		ret = fail_db(db, diag, _("undoing"));
		goto out;
	}
	sqlite3_bind_text(st, 1, batch, -1, SQLITE_STATIC);
	while (ret == VT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct tag_change c = { (const char *)sqlite3_column_text(st, 2), false };
		const char *key = (const char *)sqlite3_column_text(st, 1);
		bool case_changed = false;

		c.add = !strcmp((const char *)sqlite3_column_text(st, 0), "untag");
		if (!key || !c.tag)
			continue;
		if (!apply_change(db, undo, key, &c, author, name, &case_changed))
			ret = fail_db(db, diag, _("undoing"));
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
		struct op o = { undo, "untag", NULL, NULL, NULL, name, NULL, author };
		if (!insert_op(db, &o))
			ret = fail_db(db, diag, _("undoing"));
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
			       "SELECT t.tag, count(*), sum(NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_key = t.case_key))"
			       " FROM tag_state t GROUP BY t.tag ORDER BY t.tag",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_db(db, diag, _("listing tags"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*v, *n + 1, alloc);
		(*v)[*n].tag = xstrdup((const char *)sqlite3_column_text(st, 0));
		(*v)[*n].cases = sqlite3_column_int(st, 1);
		(*v)[*n].orphans = sqlite3_column_int(st, 2);
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? VT_OK : fail_db(db, diag, _("listing tags"));
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
		return fail_db(db, diag, _("reading tags"));
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = xstrdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail_db(db, diag, _("reading tags"));
	if (!*out)
		*out = xstrdup("");
	return VT_OK;
}

enum vt_status store_case_tags(struct store *s, const char *key, char **tags, struct vt_diag *diag)
{
	return one_text(store_db(s),
			"SELECT group_concat(tag, ', ') FROM (SELECT tag FROM tag_state WHERE case_key = ?1 ORDER BY tag)",
			key, tags, diag);
}

enum vt_status store_orphans(struct store *s, char ***v, size_t *n, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT k.case_key, coalesce((SELECT group_concat(tag, ', ') FROM (SELECT tag FROM tag_state t"
			       " WHERE t.case_key = k.case_key ORDER BY tag)), '') FROM (SELECT DISTINCT case_key FROM ops"
			       " WHERE case_key IS NOT NULL) k WHERE NOT EXISTS (SELECT 1 FROM cases c"
			       " WHERE c.case_key = k.case_key) AND (EXISTS (SELECT 1 FROM tag_state t"
			       " WHERE t.case_key = k.case_key) OR EXISTS (SELECT 1 FROM ops n WHERE n.kind = 'note'"
			       " AND n.case_key = k.case_key)) ORDER BY k.case_key",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_db(db, diag, _("listing orphaned tags"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*v, *n + 1, alloc);
		(*v)[(*n)++] = xasprintf("%s\t%s", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? VT_OK : fail_db(db, diag, _("listing orphaned tags"));
}

enum vt_status store_case_keys(struct store *s, const char *number, char ***keys, size_t *n, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*keys = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT DISTINCT case_key FROM cases WHERE number = ?1 ORDER BY case_key", -1, &st,
			       NULL) != SQLITE_OK)
		return fail_db(db, diag, _("finding the case"));
	sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*keys, *n + 1, alloc);
		(*keys)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? VT_OK : fail_db(db, diag, _("finding the case"));
}

/* Records one operation in a transaction and a batch of its own. */
static enum vt_status single_op(struct store *s, struct op *o, const char *what, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	enum vt_status ret;
	char *batch;

	if ((ret = begin(s, diag)) != VT_OK)
		return ret;
	batch = new_id(db);
	o->batch = batch;
	if (!insert_op(db, o))
		ret = fail_db(db, diag, what);
	free(batch);
	return finish(s, ret, diag);
}

enum vt_status store_note_add(struct store *s, const char *key, const char *text, const char *replaces,
			      const char *author, struct vt_diag *diag)
{
	struct op o = { NULL, "note", key, NULL, replaces, NULL, text, author };

	return single_op(s, &o, _("adding the note"), diag);
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
	if (sqlite3_prepare_v2(db,
			       "SELECT id, author, at, text, ref FROM ops n WHERE n.kind = 'note' AND n.case_key = ?1"
			       " AND NOT EXISTS (SELECT 1 FROM ops e WHERE e.kind = 'note' AND e.ref = n.id)"
			       " ORDER BY at, id",
			       -1, &st, NULL) != SQLITE_OK)
		return fail_db(db, diag, _("reading notes"));
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
	return rc == SQLITE_DONE ? VT_OK : fail_db(db, diag, _("reading notes"));
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
	struct op o = { NULL, kind, NULL, NULL, NULL, name, query, author };

	return single_op(s, &o, _("saving the search"), diag);
}

enum vt_status store_saved_set(struct store *s, const char *name, const char *query, const char *author,
			       struct vt_diag *diag)
{
	return saved_op(s, "save", name, query, author, diag);
}

/* The latest save or unsave of each name decides (by time, then id). */
#define SAVED_STATE                                                                                           \
	"SELECT name, text FROM ops o WHERE o.kind IN ('save', 'unsave') AND NOT EXISTS (SELECT 1 FROM ops p" \
	" WHERE p.kind IN ('save', 'unsave') AND p.name = o.name AND (p.at > o.at OR (p.at = o.at AND p.id > o.id)))" \
	" AND o.kind = 'save'"

enum vt_status store_saved_rm(struct store *s, const char *name, const char *author, struct vt_diag *diag)
{
	char *q = NULL;
	enum vt_status st = one_text(store_db(s), SAVED_STATE " AND o.name = ?1", name, &q, diag);
	bool exists = st == VT_OK && *q;

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
		return fail_db(db, diag, _("listing saved searches"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*v, *n + 1, alloc);
		(*v)[*n].name = xstrdup((const char *)sqlite3_column_text(st, 0));
		(*v)[*n].query = xstrdup((const char *)sqlite3_column_text(st, 1));
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? VT_OK : fail_db(db, diag, _("listing saved searches"));
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

/* ---- sync files ---- */

#define OP_FIELDS 10
static const char *const op_columns = "id, batch, kind, case_key, tag, ref, name, text, author, at";

static void escape_field(struct strbuf *out, const unsigned char *v)
{
	if (!v) {
		strbuf_addstr(out, "\\N");
		return;
	}
	for (; *v; v++) {
		switch (*v) {
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case '\t': strbuf_addstr(out, "\\t"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\r': strbuf_addstr(out, "\\r"); break;
		default: strbuf_addch(out, (char)*v);
		}
	}
}

enum vt_status store_sync_export(struct store *s, const char *peer, struct strbuf *out, size_t *nops,
				 struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	long sent = 0, last = 0;
	size_t start = out->len;
	char *machine = NULL, *peer_machine = NULL, *sql, hex[65];
	enum vt_status ret = VT_OK;
	int rc, i;

	*nops = 0;
	if (peer && (ret = begin(s, diag)) != VT_OK)
		return ret;
	if ((ret = one_text(db, "SELECT value FROM meta WHERE key = ?1", "machine", &machine, diag)) != VT_OK)
		goto out;
	if (peer) {
		char *v = NULL;
		if ((ret = one_text(db, "SELECT sent FROM peers WHERE peer = ?1", peer, &v, diag)) != VT_OK ||
		    (ret = one_text(db, "SELECT machine FROM peers WHERE peer = ?1", peer, &peer_machine, diag)) != VT_OK) {
			free(v);
			goto out;
		}
		sent = atol(v);
		free(v);
	}
	strbuf_addf(out, "%s\nmachine\t%s\n", SYNC_MAGIC, machine);
	sql = xasprintf("SELECT seq, %s FROM ops WHERE seq > ?1 AND (?2 = '' OR id NOT LIKE ?2 || '-%%')"
			" ORDER BY seq", op_columns);
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		ret = fail_db(db, diag, _("exporting"));
		goto out;
	}
	sqlite3_bind_int64(st, 1, sent);
	sqlite3_bind_text(st, 2, peer_machine ? peer_machine : "", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strbuf_addstr(out, "op");
		for (i = 1; i <= OP_FIELDS; i++) {
			strbuf_addch(out, '\t');
			escape_field(out, sqlite3_column_text(st, i));
		}
		strbuf_addch(out, '\n');
		last = sqlite3_column_int64(st, 0);
		(*nops)++;
	}
	if (rc != SQLITE_DONE) {
		ret = fail_db(db, diag, _("exporting"));
		goto out;
	}
	last = last ? last : sent;
	/* The trailer: a count and a digest, so that a cut or changed file is refused. */
	sha256_hex(out->buf + start, out->len - start, hex);
	strbuf_addf(out, "end\t%zu\t%s\n", *nops, hex);
	if (peer) {
		/* Even with nothing new to send: the peer is known from now on. */
		{
			sqlite3_stmt *mx = NULL;
			if (sqlite3_prepare_v2(db, "SELECT max(seq) FROM ops", -1, &mx, NULL) == SQLITE_OK &&
			    sqlite3_step(mx) == SQLITE_ROW && sqlite3_column_int64(mx, 0) > last)
				last = sqlite3_column_int64(mx, 0);
			sqlite3_finalize(mx);
		}
		sqlite3_finalize(st);
		st = NULL;
		if (sqlite3_prepare_v2(db, "INSERT INTO peers(peer, sent) VALUES (?1, ?2)"
					   " ON CONFLICT(peer) DO UPDATE SET sent = excluded.sent",
				       -1, &st, NULL) != SQLITE_OK) {
			ret = fail_db(db, diag, _("exporting"));
			goto out;
		}
		sqlite3_bind_text(st, 1, peer, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, last);
		if (sqlite3_step(st) != SQLITE_DONE)
			ret = fail_db(db, diag, _("exporting"));
	}
out:
	sqlite3_finalize(st);
	free(machine);
	free(peer_machine);
	if (peer)
		ret = finish(s, ret, diag);
	if (ret != VT_OK)
		strbuf_setlen(out, start);
	return ret;
}

static enum vt_status note_peer_machine(sqlite3 *db, const char *peer, const char *machine, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	bool ok;

	ok = sqlite3_prepare_v2(db, "INSERT INTO peers(peer, machine) VALUES (?1, ?2)"
				    " ON CONFLICT(peer) DO UPDATE SET machine = excluded.machine",
				-1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, peer, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, machine, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return ok ? VT_OK : fail_db(db, diag, _("remembering the peer"));
}

/* Splits one op line into its fields, unescaping in place; false if malformed. */
static bool split_op(char *line, char *f[OP_FIELDS], bool isnull[OP_FIELDS])
{
	int i = 0;
	char *p = line + 3, *w;

	if (strncmp(line, "op\t", 3))
		return false;
	for (i = 0; i < OP_FIELDS; i++) {
		f[i] = w = p;
		isnull[i] = !strncmp(p, "\\N", 2) && (p[2] == '\t' || !p[2]);
		if (isnull[i]) {
			p += 2;
		} else {
			while (*p && *p != '\t') {
				if (*p == '\\') {
					p++;
					if (*p == 't') *w++ = '\t';
					else if (*p == 'n') *w++ = '\n';
					else if (*p == 'r') *w++ = '\r';
					else if (*p == '\\') *w++ = '\\';
					else return false;
					p++;
				} else {
					*w++ = *p++;
				}
			}
		}
		if (i < OP_FIELDS - 1 && *p != '\t')
			return false;
		if (i == OP_FIELDS - 1 && *p)
			return false;
		if (!isnull[i])
			*w = '\0';
		p++;
	}
	return true;
}

enum vt_status store_sync_import(struct store *s, const char *data, size_t len, const char *peer, size_t *applied,
				 struct vt_diag *diag)
{
	static const char *const kinds[] = { "tag", "untag", "note", "save", "unsave" };
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	char *buf = NULL, *line, *next, *sql, hex[65], want[65];
	size_t magic_len = strlen(SYNC_MAGIC), body_len, count = 0, declared = 0, lineno = 0;
	const char *end;
	enum vt_status ret;

	*applied = 0;
	if ((ret = writable(s, diag)) != VT_OK)
		return ret;
	/* The file as a whole, before anything is written: magic, trailer, digest. */
	if (len < magic_len + 1 || memcmp(data, SYNC_MAGIC "\n", magic_len + 1))
		return vt_fail(diag, VT_ERR_FORMAT, 1, _("not a vedtak sync file (version 1)"));
	if (data[len - 1] != '\n')
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("the file is cut short (no trailer)"));
	for (end = data + len - 1; end > data && end[-1] != '\n'; end--)
		;
	body_len = (size_t)(end - data);
	{
		/* The data need not end in a NUL: read the trailer from a copy. */
		char trailer[128];
		size_t tl = len - body_len;

		if (tl >= sizeof(trailer))
			return vt_fail(diag, VT_ERR_FORMAT, 0, _("the file is cut short (no trailer)"));
		memcpy(trailer, end, tl);
		trailer[tl] = '\0';
		if (sscanf(trailer, "end\t%zu\t%64[0-9a-f]\n", &declared, want) != 2)
			return vt_fail(diag, VT_ERR_FORMAT, 0, _("the file is cut short (no trailer)"));
	}
	sha256_hex(data, body_len, hex);
	if (strcmp(hex, want))
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("the file is damaged: its digest does not match"));
	/* The lines are C strings from here on: a NUL would end one early. */
	if ((end = memchr(data, '\0', body_len))) {
		for (lineno = 1; data < end; data++)
			lineno += *data == '\n';
		return vt_fail(diag, VT_ERR_FORMAT, (long)lineno, _("a NUL byte where text belongs"));
	}

	if ((ret = begin(s, diag)) != VT_OK)
		return ret;
	buf = xstrndup(data, body_len);
	sql = xasprintf("INSERT OR IGNORE INTO ops(%s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", op_columns);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		ret = fail_db(db, diag, _("importing"));
	free(sql);
	for (line = buf; ret == VT_OK && *line; line = next) {
		char *f[OP_FIELDS];
		bool isnull[OP_FIELDS];
		size_t k;
		int i;
		bool kind_ok = false;

		next = strchr(line, '\n');
		*next++ = '\0';
		lineno++;
		if (lineno == 1)
			continue; /* the magic */
		if (lineno == 2) {
			if (strncmp(line, "machine\t", 8) || !line[8])
				ret = vt_fail(diag, VT_ERR_FORMAT, 2, _("no machine line"));
			else if (peer)
				ret = note_peer_machine(db, peer, line + 8, diag);
			continue;
		}
		if (!split_op(line, f, isnull)) {
			ret = vt_fail(diag, VT_ERR_FORMAT, (long)lineno, _("malformed operation"));
			break;
		}
		for (k = 0; k < ARRAY_SIZE(kinds); k++)
			kind_ok |= !isnull[2] && !strcmp(f[2], kinds[k]);
		if (isnull[0] || !*f[0] || isnull[1] || !kind_ok || isnull[8] || isnull[9]) {
			ret = vt_fail(diag, VT_ERR_FORMAT, (long)lineno, _("malformed operation"));
			break;
		}
		sqlite3_reset(st);
		for (i = 0; i < OP_FIELDS; i++) {
			if (isnull[i])
				sqlite3_bind_null(st, i + 1);
			else
				sqlite3_bind_text(st, i + 1, f[i], -1, SQLITE_STATIC);
		}
		if (sqlite3_step(st) != SQLITE_DONE) {
			ret = fail_db(db, diag, _("importing"));
			break;
		}
		*applied += (size_t)sqlite3_changes(db);
		count++;
	}
	if (ret == VT_OK && count != declared)
		ret = vt_fail(diag, VT_ERR_FORMAT, 0, _("the file says %zu operations but holds %zu"), declared, count);
	sqlite3_finalize(st);
	ret = finish(s, ret, diag);
	if (ret != VT_OK)
		*applied = 0;
	free(buf);
	return ret;
}
