/*
 * topics.c: topics in the database (topics.h). Signatures are made once
 * per case and kept in case_signatures: the importer makes them as it
 * parses, this file those of cases joined from several documents or
 * imported by an older vedtak, and a trigger drops those of deleted
 * cases. The grouping runs over every signature, as core/topics.c does
 * it, and rewrites case_topics whole.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/names.h"
#include "core/strbuf.h"
#include "core/topics.h"
#include "core/util.h"
#include "core/words.h"
#include "db/sql.h"
#include "db/store.h"
#include "db/store_db.h"
#include "db/topics.h"
#include "core/banned.h"

static char *column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static const char *column_str(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

static bool meta_is(sqlite3 *db, const char *key, const char *want)
{
	sqlite3_stmt *st = NULL;
	bool is = false;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		is = sqlite3_step(st) == SQLITE_ROW && !strcmp(column_str(st, 0), want);
	}
	sqlite3_finalize(st);
	return is;
}

static bool topics_stale(sqlite3 *db)
{
	return !meta_is(db, "topics", "fresh") || !meta_is(db, "topic_signatures", TOPIC_SIGNATURE_VERSION);
}

/* The signatures of cases that have none yet (merged from several documents, or imported before). */
static bool make_signatures(struct store *s, sqlite3 *db)
{
	sqlite3_stmt *get = NULL;
	struct wordizer *wz = wordizer_new();
	bool ok = false;
	int rc;

	if (sqlite3_prepare_v2(
		db,
		"SELECT d.id, d.title, d.decision, (SELECT group_concat(organization, char(10))"
		" FROM (SELECT organization FROM case_presenters WHERE case_id = d.id ORDER BY position)),"
		" d.slides FROM case_doc d"
		" WHERE NOT EXISTS (SELECT 1 FROM case_signatures s WHERE s.case_id = d.id)",
		-1, &get, NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(get)) == SQLITE_ROW) {
		struct case_signature *sig = topic_sign(wz, column_str(get, 1), column_str(get, 2),
							column_str(get, 3), column_str(get, 4));
		bool stored = store_put_signature(s, sqlite3_column_int64(get, 0), sig);

		case_signature_free(sig);
		if (!stored)
			goto out;
	}
	ok = rc == SQLITE_DONE;
out:
	sqlite3_finalize(get);
	wordizer_free(wz);
	return ok;
}

/* Every case with its signature, oldest meeting first: the grouping's input. */
struct archive {
	struct topic_case *v;
	long *ids;
	char **strings; /* what v borrows */
	size_t n, alloc, nstrings, astrings;
};

static const char *keep(struct archive *a, sqlite3_stmt *st, int i)
{
	char *s = column_dup(st, i);

	ALLOC_GROW(a->strings, a->nstrings + 1, a->astrings);
	a->strings[a->nstrings++] = s;
	return s;
}

static void archive_free(struct archive *a)
{
	size_t i;

	for (i = 0; i < a->nstrings; i++)
		free(a->strings[i]);
	free(a->strings);
	free(a->v);
	free(a->ids);
}

static bool load_archive(sqlite3 *db, struct archive *a)
{
	sqlite3_stmt *st = NULL;
	size_t ids_alloc = 0;
	int rc = SQLITE_ERROR;

	if (sqlite3_prepare_v2(
		db,
		"SELECT c.id, c.meeting_id, m.body, m.start_date, c.number,"
		" coalesce(c.title, c.agenda_title), s.title_words, s.decision_words, s.org_words,"
		" s.slide_words, s.refs FROM cases c JOIN meetings m ON m.id = c.meeting_id"
		" JOIN case_signatures s ON s.case_id = c.id"
		" ORDER BY m.start_date, m.id, c.position",
		-1, &st, NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct topic_case *c;

		ALLOC_GROW(a->v, a->n + 1, a->alloc);
		ALLOC_GROW(a->ids, a->n + 1, ids_alloc);
		a->ids[a->n] = sqlite3_column_int64(st, 0);
		c = &a->v[a->n++];
		c->meeting = sqlite3_column_int64(st, 1);
		c->body = keep(a, st, 2);
		c->date = keep(a, st, 3);
		c->number = keep(a, st, 4);
		c->standing = topic_standing(column_str(st, 5));
		c->title_words = keep(a, st, 6);
		c->decision_words = keep(a, st, 7);
		c->org_words = keep(a, st, 8);
		c->slide_words = keep(a, st, 9);
		c->refs = keep(a, st, 10);
	}
out:
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

static bool write_topics(sqlite3 *db, const struct archive *a, const size_t *group)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;
	size_t i;

	if (sqlite3_exec(db, "DELETE FROM case_topics", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO case_topics VALUES (?1, ?2, ?3)", -1, &st, NULL) != SQLITE_OK)
		goto out;
	for (i = 0; i < a->n; i++) {
		sqlite3_bind_int64(st, 1, a->ids[i]);
		sqlite3_bind_int64(st, 2, a->ids[group[i]]);
		sqlite3_bind_int(st, 3, a->v[i].standing);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto out;
		sqlite3_reset(st);
	}
	ok = sqlite3_exec(db, "INSERT OR REPLACE INTO meta VALUES ('topics', 'fresh')", NULL, NULL, NULL) ==
	     SQLITE_OK;
out:
	sqlite3_finalize(st);
	return ok;
}

/* Every case given its signature, in the caller's write transaction. */
static bool sign_archive(struct store *s, sqlite3 *db)
{
	return (meta_is(db, "topic_signatures", TOPIC_SIGNATURE_VERSION) ||
		sqlite3_exec(
		    db,
		    "DELETE FROM case_signatures;"
		    "INSERT OR REPLACE INTO meta VALUES ('topic_signatures', '" TOPIC_SIGNATURE_VERSION "')",
		    NULL, NULL, NULL) == SQLITE_OK) &&
	       make_signatures(s, db);
}

/* Each case's topic, as the index of its first case (core/topics.h); the caller frees it. */
static size_t *group_archive(const struct archive *a)
{
	size_t *group = xcalloc(a->n ? a->n : 1, sizeof(*group));

	topics_group(a->v, a->n, group);
	return group;
}

#define GROUPING _("grouping the cases into topics")

enum vt_status store_update_topics(struct store *s, bool *stale, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	struct archive a = {0};
	size_t *group = NULL;
	enum vt_status st;

	if (stale)
		*stale = false;
	if (!topics_stale(db))
		return VT_OK;
	if (store_readonly(s)) {
		sqlite3_stmt *q = NULL;
		bool none = false;

		/* Topics a little behind are topics still; none at all would be a silent empty answer. */
		if (sqlite3_prepare_v2(
			db, "SELECT EXISTS (SELECT 1 FROM cases) AND NOT EXISTS (SELECT 1 FROM case_topics)",
			-1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			none = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		if (none)
			return vt_fail(
			    diag, VT_ERR_READONLY, 0,
			    _("the topics are not made yet; open the database once without --read-only"));
		if (stale)
			*stale = true;
		return VT_OK;
	}
	if ((st = sql_begin(db, true, GROUPING, diag)) != VT_OK)
		return st;
	/* Another process may have made them while this one waited to write. */
	if (topics_stale(db)) {
		if (!sign_archive(s, db) || !load_archive(db, &a)) {
			st = sql_fail(db, diag, GROUPING);
			goto out;
		}
		group = group_archive(&a);
		if (!write_topics(db, &a, group))
			st = sql_fail(db, diag, GROUPING);
	}
out:
	st = sql_end(db, st, GROUPING, diag);
	free(group);
	archive_free(&a);
	return st;
}

struct topics_regroup {
	struct archive a;
	size_t *group;
	long long since; /* store_data_version() once every case was signed */
	sqlite3 *db;	 /* the thread's own connection, or NULL: the cases were read before it began */
	bool read;	 /* the cases were read */
	pthread_t tid;
	bool threaded;
};

/* The cases read, unless they were, and grouped. */
static void *group_thread(void *arg)
{
	struct topics_regroup *r = arg;

	if (r->db && sqlite3_exec(r->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK) {
		r->read = load_archive(r->db, &r->a);
		sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL);
	}
	if (r->read)
		r->group = group_archive(&r->a);
	return NULL;
}

static void regroup_free(struct topics_regroup *r)
{
	sqlite3_close(r->db);
	free(r->group);
	archive_free(&r->a);
	free(r);
}

enum vt_status store_topics_regroup_begin(struct store *s, struct topics_regroup **out, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	struct topics_regroup *r;
	enum vt_status st;
	bool stale;

	*out = NULL;
	if (!topics_stale(db) || store_readonly(s))
		return store_update_topics(s, NULL, diag);
	r = xcalloc(1, sizeof(*r));
	if ((st = sql_begin(db, true, GROUPING, diag)) != VT_OK)
		goto fail;
	/* Another process may have made them while this one waited to write. */
	stale = topics_stale(db);
	if (stale && !sign_archive(s, db))
		st = sql_fail(db, diag, GROUPING);
	/*
	 * The cases are read on the thread, on a connection of its own, while
	 * this one merges the index (70 ms at 105 MB). What it reads is what
	 * this transaction leaves, or later: a commit after this one shows.
	 */
	r->db = stale && st == VT_OK ? store_reader_open(s) : NULL;
	if (stale && st == VT_OK && !r->db && !(r->read = load_archive(db, &r->a)))
		st = sql_fail(db, diag, GROUPING);
	/* While this connection holds the write lock: a commit after this one shows. */
	r->since = store_data_version(s);
	if ((st = sql_end(db, st, GROUPING, diag)) != VT_OK || !stale)
		goto fail;
	r->threaded = !pthread_create(&r->tid, NULL, group_thread, r);
	if (!r->threaded)
		group_thread(r);
	*out = r;
	return VT_OK;
fail:
	regroup_free(r);
	return st;
}

void store_topics_regroup_abandon(struct topics_regroup *r)
{
	if (!r)
		return;
	if (r->threaded)
		pthread_join(r->tid, NULL);
	regroup_free(r);
}

enum vt_status store_topics_regroup_end(struct store *s, struct topics_regroup *r, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	enum vt_status st;
	bool same = false;

	if (!r)
		return VT_OK;
	if (r->threaded)
		pthread_join(r->tid, NULL);
	if ((st = sql_begin(db, true, GROUPING, diag)) == VT_OK) {
		/* Inside the write transaction, so that no commit comes between the check and the write. */
		same = r->read && r->since >= 0 && store_data_version(s) == r->since;
		if (same && !write_topics(db, &r->a, r->group))
			st = sql_fail(db, diag, GROUPING);
		st = sql_end(db, st, GROUPING, diag);
	}
	regroup_free(r);
	/* Another connection committed since the cases were signed, or the thread could not read
	 * them: the grouping may miss cases. */
	return st == VT_OK && !same ? store_update_topics(s, NULL, diag) : st;
}

enum vt_status store_topic_history(struct store *s, const char *number, long case_id, struct history_row **v,
				   size_t *n, struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
		db,
		"SELECT t.topic, c.id, c.meeting_id, m.start_date, m.end_date, m.body, c.number,"
		" coalesce(c.title, c.agenda_title), c.case_key, coalesce(c.recorded_decision, "
		"c.proposed_decision),"
		" c.recorded_decision IS NOT NULL, t.standing, c.decision_type, m.heading"
		" FROM case_topics t JOIN cases c ON c.id = t.case_id JOIN meetings m ON m.id = c.meeting_id"
		" WHERE t.topic IN (SELECT o.topic FROM case_topics o JOIN cases x ON x.id = o.case_id"
		"   WHERE (?1 IS NOT NULL AND (x.number = ?1 OR x.case_key = ?1)) OR (?1 IS NULL AND x.id = "
		"?2)"
		"   UNION SELECT topic FROM case_topics WHERE ?1 IS NULL AND ?2 < 0"
		"   GROUP BY topic HAVING count(*) > 1)"
		" ORDER BY (SELECT min(mm.start_date) FROM case_topics tt JOIN cases cc ON cc.id = tt.case_id"
		"   JOIN meetings mm ON mm.id = cc.meeting_id WHERE tt.topic = t.topic), t.topic,"
		"   m.start_date, m.id, c.position",
		-1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("reading a topic's history"));
	if (number)
		sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_row *r;

		ALLOC_GROW(*v, *n + 1, alloc);
		r = &(*v)[(*n)++];
		r->topic = sqlite3_column_int64(st, 0);
		r->case_id = sqlite3_column_int64(st, 1);
		r->meeting_id = sqlite3_column_int64(st, 2);
		r->start_date = column_dup(st, 3);
		r->end_date = column_dup(st, 4);
		r->body = column_dup(st, 5);
		r->number = column_dup(st, 6);
		r->title = column_dup(st, 7);
		r->key = column_dup(st, 8);
		r->decision = column_dup(st, 9);
		r->recorded = sqlite3_column_int(st, 10);
		r->standing = sqlite3_column_int(st, 11);
		r->type = decision_type_parse(column_str(st, 12));
		r->body_written = body_written(column_str(st, 13), r->body);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		history_rows_free(*v, *n);
		*v = NULL;
		*n = 0;
		return sql_fail(db, diag, _("reading a topic's history"));
	}
	return VT_OK;
}

const char *history_row_body(const struct history_row *r)
{
	return r->body_written ? r->body_written : r->body ? r->body : "?";
}

size_t history_row_decision_line(const struct history_row *r)
{
	const char *nl = r->decision ? strchr(r->decision, '\n') : NULL;

	return !r->decision ? 0 : nl ? (size_t)(nl - r->decision) : strlen(r->decision);
}

void history_rows_free(struct history_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].start_date);
		free(v[i].end_date);
		free(v[i].body);
		free(v[i].number);
		free(v[i].title);
		free(v[i].key);
		free(v[i].decision);
		free(v[i].body_written);
	}
	free(v);
}
