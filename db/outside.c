/*
 * outside.c: the search of the meetings' text outside their cases
 * (outside.h): the query's words as an FTS5 expression over outside_fts.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/outside.h"
#include "db/sql.h"
#include "db/store_db.h"
#include "core/banned.h"

/* s as an FTS5 string: in double quotes, each one in it doubled; SQLite's tokenizer reads it as a phrase. */
static void fts_string(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

/* Appends n as an FTS5 expression; false when n asks about more than words. */
static bool expression(const struct qnode *n, struct strbuf *sb)
{
	const struct qnode *a, *b;
	bool not ;

	switch (n->kind) {
	case Q_TERM:
		if (n->field != QF_ANY || n->term == QT_REGEX || !n->text || !*n->text)
			return false;
		fts_string(sb, n->text);
		if (n->term == QT_PREFIX)
			strbuf_addstr(sb, " *");
		return true;
	case Q_AND:
	case Q_OR:
		/* FTS5's NOT takes two sides, "a NOT b": a NOT under an AND is that. */
		a = n->a;
		b = n->b;
		if (n->kind == Q_AND && a->kind == Q_NOT) {
			a = n->b;
			b = n->a;
		}
		not = n->kind == Q_AND && b->kind == Q_NOT;
		if (a->kind == Q_NOT || (b->kind == Q_NOT && !not ))
			return false;
		strbuf_addch(sb, '(');
		if (!expression(a, sb))
			return false;
		strbuf_addstr(sb, not ? ") NOT (" : n->kind == Q_AND ? ") AND (" : ") OR (");
		if (!expression(not ? b->a : b, sb))
			return false;
		strbuf_addch(sb, ')');
		return true;
	case Q_NOT:
	case Q_FILTER:
		break;
	}
	return false;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

enum vt_status store_search_outside(struct store *s, const struct query *q, size_t limit,
				    struct outside_hit **hits, size_t *nhits, size_t *total,
				    struct vt_diag *diag)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	struct strbuf expr = STRBUF_INIT;
	enum vt_status ret = VT_OK;
	size_t alloc = 0;
	int rc;

	*hits = NULL;
	*nhits = *total = 0;
	if (!q->root || !expression(q->root, &expr))
		goto out;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM outside_fts WHERE outside_fts MATCH ?1", -1, &st,
			       NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, expr.buf, (int)expr.len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	*total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (!*total)
		goto out;
	if (sqlite3_prepare_v2(
		db,
		"SELECT m.id, m.start_date, m.body, m.source,"
		"  snippet(outside_fts, 0, '', '', '\xe2\x80\xa6', 16)"
		" FROM outside_fts JOIN meetings m ON m.id = outside_fts.rowid"
		" WHERE outside_fts MATCH ?1 ORDER BY m.start_date DESC NULLS LAST, m.id DESC LIMIT ?2",
		-1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, expr.buf, (int)expr.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct outside_hit *h;

		ALLOC_GROW(*hits, *nhits + 1, alloc);
		h = &(*hits)[(*nhits)++];
		h->meeting_id = (long)sqlite3_column_int64(st, 0);
		h->date = col_dup(st, 1);
		h->body = col_dup(st, 2);
		h->source = col_dup(st, 3);
		h->snippet = col_dup(st, 4);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	goto out;
fail:
	ret = sql_fail(db, diag, _("searching the text outside the cases"));
	outside_hits_free(*hits, *nhits);
	*hits = NULL;
	*nhits = *total = 0;
out:
	sqlite3_finalize(st);
	strbuf_release(&expr);
	return ret;
}

void outside_hits_free(struct outside_hit *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].date);
		free(v[i].body);
		free(v[i].source);
		free(v[i].snippet);
	}
	free(v);
}
