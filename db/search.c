/*
 * search.c: from a query plan to SQL. Text terms become FTS5 expressions
 * over the case_fts index, built from the same word forms the tokenizer
 * indexes (core/words.h); filters become conditions on indexed columns;
 * patterns run through vedtak_regexp(). Every value is bound.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/fts.h"
#include "core/i18n.h"
#include "db/sql.h"
#include "db/search.h"
#include "db/store.h"
#include "db/store_db.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

/* Words of at least this many bytes are also looked for inside longer words. */
#define INFIX_MIN 4
/*
 * Above this many matches, exact ranking would cost too much for a
 * keystroke (bm25 is about 1 µs a matching case): only the matches in a
 * title, decision or presenter list are ranked, and the rest follow,
 * newest first.
 */
#define RANK_ALL_MAX 2000
/* At most this many longer words ending in a query word stand in for it. */
#define INFIX_MAX 64

enum level { LEVEL_EXACT, LEVEL_WORD, LEVEL_ALL };

struct binding {
	int kind; /* 0 text, 1 int, 2 regex */
	char *text;
	long i;
	struct regex *re;
};

struct gen {
	sqlite3 *db;
	struct wordizer *wz;
	struct binding *b;
	size_t nb, alloc;
	bool failed;
	char err[256];
};

static void bind_text_value(struct gen *g, char *owned)
{
	ALLOC_GROW(g->b, g->nb + 1, g->alloc);
	memset(&g->b[g->nb], 0, sizeof(g->b[0]));
	g->b[g->nb].kind = 0;
	g->b[g->nb++].text = owned;
}

static void bind_int_value(struct gen *g, long v)
{
	ALLOC_GROW(g->b, g->nb + 1, g->alloc);
	memset(&g->b[g->nb], 0, sizeof(g->b[0]));
	g->b[g->nb].kind = 1;
	g->b[g->nb++].i = v;
}

static void bind_regex_value(struct gen *g, struct regex *re)
{
	ALLOC_GROW(g->b, g->nb + 1, g->alloc);
	memset(&g->b[g->nb], 0, sizeof(g->b[0]));
	g->b[g->nb].kind = 2;
	g->b[g->nb++].re = re;
}

/* Appends a quoted FTS5 token. */
static void fts_token(struct strbuf *sb, char mark, const char *tok)
{
	strbuf_addch(sb, '"');
	if (mark)
		strbuf_addch(sb, mark);
	for (; *tok; tok++) {
		if (*tok == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *tok);
	}
	strbuf_addch(sb, '"');
}

/* The words of a term's text, with their forms copied out. */
struct qword {
	char *exact, *folded, *stem;
	bool ascii;
};

struct qwords {
	struct qword *v;
	size_t n, alloc;
};

static int collect_word(void *arg, const struct word *w)
{
	struct qwords *ws = arg;

	if (w->part)
		return 0; /* the whole word stands for its parts in a query */
	ALLOC_GROW(ws->v, ws->n + 1, ws->alloc);
	ws->v[ws->n].exact = xstrdup(w->exact);
	ws->v[ws->n].folded = xstrdup(w->folded);
	ws->v[ws->n].stem = xstrdup(w->stem);
	ws->v[ws->n].ascii = w->ascii;
	ws->n++;
	return 0;
}

static void qwords_release(struct qwords *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++) {
		free(ws->v[i].exact);
		free(ws->v[i].folded);
		free(ws->v[i].stem);
	}
	free(ws->v);
}

/*
 * Longer words that begin or end with `exact`: the beginnings through an
 * FTS5 prefix query ("strategi"* finds "strategiplan"), the ends through
 * the table of reversed words ("e-helsestrategi"). A word in the middle of
 * a longer one is not found.
 */
static void infix_terms(struct gen *g, const char *exact, struct strbuf *out)
{
	struct strbuf rev = STRBUF_INIT;
	sqlite3_stmt *st = NULL;

	if (strlen(exact) < INFIX_MIN)
		return;
	strbuf_addstr(out, " OR ");
	fts_token(out, 0, exact);
	strbuf_addch(out, '*');
	utf8_reverse(&rev, exact, strlen(exact));
	strbuf_addch(&rev, '*');
	if (sqlite3_prepare_v2(g->db, "SELECT rev FROM terms WHERE rev GLOB ?1 AND length(rev) > ?2 LIMIT ?3",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, rev.buf, (int)rev.len, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, (int)(rev.len - 1));
		sqlite3_bind_int(st, 3, INFIX_MAX);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *r = (const char *)sqlite3_column_text(st, 0);
			struct strbuf word = STRBUF_INIT;

			utf8_reverse(&word, r, strlen(r));
			strbuf_addstr(out, " OR ");
			fts_token(out, 0, word.buf);
			strbuf_release(&word);
		}
	}
	sqlite3_finalize(st);
	strbuf_release(&rev);
}

/* One word at `level`: as typed; also folded and inflected; also inside longer words. */
static void word_expr(struct gen *g, const struct qword *w, enum level level, struct strbuf *out)
{
	strbuf_addch(out, '(');
	fts_token(out, 0, w->exact);
	if (level >= LEVEL_WORD) {
		/* Typed without æøå, it also finds the words written with them. */
		if (w->ascii) {
			strbuf_addstr(out, " OR ");
			fts_token(out, WORD_FOLDED_MARK, w->exact);
		}
		/* Inflected forms: words with the same stem, and the stem as a word of its own
		 * ("vedtakene" finds "vedtak", which the index holds without a stem token). */
		strbuf_addstr(out, " OR ");
		fts_token(out, WORD_STEM_MARK, w->stem);
		if (strcmp(w->stem, w->exact)) {
			strbuf_addstr(out, " OR ");
			fts_token(out, 0, w->stem);
		}
	}
	if (level >= LEVEL_ALL)
		infix_terms(g, w->exact, out);
	strbuf_addch(out, ')');
}

/* A phrase: its words in order; typed without æøå, any of its words may have had them. */
static void phrase_expr(const struct qwords *ws, enum level level, struct strbuf *out)
{
	size_t combos = 1, c, i;
	bool ascii = true;

	for (i = 0; i < ws->n; i++)
		ascii &= ws->v[i].ascii;
	if (level >= LEVEL_WORD && ascii && ws->n <= 4)
		combos = (size_t)1 << ws->n;
	strbuf_addch(out, '(');
	for (c = 0; c < combos; c++) {
		if (c)
			strbuf_addstr(out, " OR ");
		for (i = 0; i < ws->n; i++) {
			if (i)
				strbuf_addstr(out, " + ");
			/* Only up to four words vary; a longer phrase has one combination. */
			fts_token(out, combos > 1 && ((c >> i) & 1) ? WORD_FOLDED_MARK : 0, ws->v[i].exact);
		}
	}
	strbuf_addch(out, ')');
}

/*
 * The FTS5 expression for a text term at `level`, or false when its text
 * has no word at all (punctuation only): such a term matches everything.
 */
static bool term_expr(struct gen *g, const struct qnode *n, enum level level, struct strbuf *out)
{
	struct qwords ws = {NULL, 0, 0};
	static const char *const cols[] = {
	    [QF_ANY] = NULL, [QF_TITLE] = "title", [QF_DECISION] = "decision", [QF_SLIDE] = "slides"};
	words_each(g->wz, n->text, strlen(n->text), collect_word, &ws);
	if (!ws.n) {
		qwords_release(&ws);
		return false;
	}
	if (cols[n->field])
		strbuf_addf(out, "{%s} : ", cols[n->field]);
	strbuf_addch(out, '(');
	if (n->term == QT_PHRASE || (n->term == QT_WORD && ws.n > 1)) {
		phrase_expr(&ws, level, out);
	} else if (n->term == QT_PREFIX) {
		/* "e-hel*" is one word, "ehel", as the index has it. */
		fts_token(out, 0, ws.v[ws.n - 1].exact);
		strbuf_addch(out, '*');
		if (level >= LEVEL_WORD && ws.v[ws.n - 1].ascii) {
			strbuf_addstr(out, " OR ");
			fts_token(out, WORD_FOLDED_MARK, ws.v[ws.n - 1].exact);
			strbuf_addch(out, '*');
		}
	} else {
		word_expr(g, &ws.v[0], level, out);
	}
	strbuf_addch(out, ')');
	qwords_release(&ws);
	return true;
}

static void gen_where(struct gen *g, const struct qnode *n, struct strbuf *sql);

static void regex_where(struct gen *g, const struct qnode *n, struct strbuf *sql)
{
	bool any = n->field == QF_ANY;

	strbuf_addch(sql, '(');
	if (any || n->field == QF_TITLE) {
		strbuf_addstr(sql, "vedtak_regexp(?, c.title) OR vedtak_regexp(?, c.agenda_title)");
		bind_regex_value(g, n->re);
		bind_regex_value(g, n->re);
	}
	if (any || n->field == QF_DECISION) {
		strbuf_addstr(sql, any ? " OR " : "");
		strbuf_addstr(sql, "vedtak_regexp(?, c.proposed_decision)");
		bind_regex_value(g, n->re);
	}
	if (any) {
		strbuf_addstr(sql, " OR EXISTS (SELECT 1 FROM case_presenters p WHERE p.case_id = c.id"
				   " AND (vedtak_regexp(?, p.name) OR vedtak_regexp(?, p.organization)))");
		bind_regex_value(g, n->re);
		bind_regex_value(g, n->re);
	}
	if (any || n->field == QF_SLIDE) {
		strbuf_addstr(sql, any ? " OR " : "");
		strbuf_addstr(sql, "EXISTS (SELECT 1 FROM slides s WHERE s.meeting_id = c.meeting_id"
				   " AND s.case_id = c.id AND vedtak_regexp(?, s.text))");
		bind_regex_value(g, n->re);
	}
	strbuf_addch(sql, ')');
}

/* A LIKE pattern for `v` anywhere, folded as names are (lower case, ö as ø). */
static char *folded_like(const char *v)
{
	struct strbuf f = STRBUF_INIT;
	char *out;

	utf8_fold(&f, v, strlen(v));
	out = xasprintf("%%%s%%", f.buf);
	strbuf_release(&f);
	return out;
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/*
 * `column` contains `text`, both folded (lower case, ö as ø); typed without
 * æøå, the text also matches the column written with them.
 */
static void name_like(struct gen *g, struct strbuf *sql, const char *column, const char *text)
{
	strbuf_addf(sql, "(vedtak_fold(%s) LIKE ?", column);
	bind_text_value(g, folded_like(text));
	if (is_ascii(text)) {
		strbuf_addf(sql, " OR vedtak_fold_ascii(%s) LIKE ?", column);
		bind_text_value(g, folded_like(text));
	}
	strbuf_addch(sql, ')');
}

static void filter_where(struct gen *g, const struct qnode *n, struct strbuf *sql)
{
	switch (n->field) {
	case QF_TYPE:
		/* A case of type "Orientering/drøfting" is in both facets. */
		strbuf_addstr(sql, "(c.facets & ?) <> 0");
		bind_int_value(g, (long)DECISION_FACET(n->type));
		break;
	case QF_PRESENTER:
		/* Any part of the name, any spelling (names are folded, ö as ø). */
		strbuf_addstr(sql,
			      "EXISTS (SELECT 1 FROM case_presenters p JOIN persons pe ON pe.id = p.person_id"
			      " WHERE p.case_id = c.id AND ");
		name_like(g, sql, "pe.fold_key", n->text);
		strbuf_addch(sql, ')');
		break;
	case QF_ORG:
		strbuf_addstr(sql, "EXISTS (SELECT 1 FROM case_presenters p WHERE p.case_id = c.id AND ");
		name_like(g, sql, "p.organization", n->text);
		strbuf_addch(sql, ')');
		break;
	case QF_BODY:
		strbuf_addstr(sql, "m.body = ?");
		bind_text_value(g, xstrdup(n->body));
		break;
	case QF_CASE:
		strbuf_addstr(sql, "c.number = ?");
		bind_text_value(g, xstrdup(n->case_no));
		break;
	case QF_YEAR:
		strbuf_addstr(sql, "c.year = ?");
		bind_int_value(g, n->year);
		break;
	case QF_DATE:
		strbuf_addstr(sql, "(1");
		/* A meeting over two days is in a period if either day is. */
		if (n->date_from[0]) {
			/* A meeting known by its month only ("2022-05") spans the month. */
			strbuf_addstr(sql, " AND coalesce(m.end_date, m.start_date) ||"
					   " CASE WHEN length(coalesce(m.end_date, m.start_date)) = 7 THEN "
					   "'-31' ELSE '' END >= ?");
			bind_text_value(g, xstrdup(n->date_from));
		}
		if (n->date_to[0]) {
			strbuf_addstr(sql, " AND m.start_date || CASE WHEN length(m.start_date) = 7 THEN "
					   "'-01' ELSE '' END <= ?");
			bind_text_value(g, xstrdup(n->date_to));
		}
		strbuf_addch(sql, ')');
		break;
	case QF_AMENDED:
		strbuf_addstr(sql, n->amended ? "c.decision_amended = 1" : "c.decision_amended = 0");
		break;
	case QF_TAG:
		strbuf_addstr(
		    sql, "EXISTS (SELECT 1 FROM tag_state t WHERE t.case_key = c.case_key AND t.tag = ?)");
		bind_text_value(g, xstrdup(n->text));
		break;
	case QF_RECORDED:
		if (n->recorded >= 0)
			strbuf_addstr(sql, n->recorded ? "c.recorded_decision IS NOT NULL"
						       : "c.recorded_decision IS NULL");
		else
			name_like(g, sql, "c.recorded_decision", n->text);
		break;
	case QF_OUTCOME:
		if (n->outcome) {
			strbuf_addstr(sql, "c.outcome = ?");
			bind_text_value(g, xstrdup(outcome_name(n->outcome)));
		} else {
			strbuf_addstr(sql, "c.outcome IS NULL");
		}
		break;
	case QF_DOC:
		strbuf_addstr(
		    sql,
		    "EXISTS (SELECT 1 FROM documents d WHERE d.meeting_id = c.meeting_id AND d.kind = ?)");
		bind_text_value(g, xstrdup(doc_kind_name(n->doc)));
		break;
	case QF_ATTENDEE:
		strbuf_addstr(sql, "EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = c.meeting_id"
				   " AND a.role <> 'absent' AND ");
		name_like(g, sql, "a.name", n->text);
		strbuf_addch(sql, ')');
		break;
	default:
		strbuf_addch(sql, '1');
		break;
	}
}

/*
 * The operands of a chain of one operator (a AND b AND c, nested either
 * way), in order. SQLite's and FTS5's parsers have stacks of about a
 * hundred: nesting each pair in parentheses would overflow them at 85
 * words, flat chains hold the 200 terms a query may have.
 */
static void chain_operands(const struct qnode *n, enum qnode_kind kind, const struct qnode ***v, size_t *len,
			   size_t *alloc)
{
	if (n->kind == kind) {
		chain_operands(n->a, kind, v, len, alloc);
		chain_operands(n->b, kind, v, len, alloc);
		return;
	}
	ALLOC_GROW(*v, *len + 1, *alloc);
	(*v)[(*len)++] = n;
}

static void gen_where(struct gen *g, const struct qnode *n, struct strbuf *sql)
{
	struct strbuf e = STRBUF_INIT;
	const struct qnode **ops = NULL;
	size_t nops = 0, alloc = 0, i;

	switch (n->kind) {
	case Q_AND:
	case Q_OR:
		/* Parentheses only where SQL needs them (AND binds tighter than OR):
		 * each costs the parser's stack. */
		chain_operands(n, n->kind, &ops, &nops, &alloc);
		for (i = 0; i < nops; i++) {
			bool group = (n->kind == Q_AND && ops[i]->kind == Q_OR);

			if (i)
				strbuf_addstr(sql, n->kind == Q_AND ? " AND " : " OR ");
			strbuf_addstr(sql, group ? "(" : "");
			gen_where(g, ops[i], sql);
			strbuf_addstr(sql, group ? ")" : "");
		}
		free(ops);
		break;
	case Q_NOT:
		if (n->a->kind == Q_AND || n->a->kind == Q_OR) {
			strbuf_addstr(sql, "NOT (");
			gen_where(g, n->a, sql);
			strbuf_addch(sql, ')');
		} else {
			strbuf_addstr(sql, "NOT ");
			gen_where(g, n->a, sql);
		}
		break;
	case Q_TERM:
		if (n->term == QT_REGEX) {
			regex_where(g, n, sql);
		} else if (term_expr(g, n, LEVEL_ALL, &e)) {
			strbuf_addstr(sql, "c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)");
			bind_text_value(g, strbuf_detach(&e, NULL));
		} else {
			strbuf_addch(sql, '1');
		}
		break;
	case Q_FILTER:
		filter_where(g, n, sql);
		break;
	}
	strbuf_release(&e);
}

/*
 * The positive text terms at `level` with the query's AND and OR, for
 * ranking. Parts that the index cannot express (filters, patterns, NOT)
 * drop out; false when nothing is left.
 */
static bool gen_hint(struct gen *g, const struct qnode *n, enum level level, struct strbuf *out)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const struct qnode **ops = NULL;
	size_t nops = 0, alloc = 0, i, kept = 0;
	bool ok = false;

	switch (n->kind) {
	case Q_AND:
	case Q_OR:
		/* An AND keeps the operands the index can express; an OR needs them all. */
		chain_operands(n, n->kind, &ops, &nops, &alloc);
		for (i = 0; i < nops; i++) {
			strbuf_reset(&a);
			if (!gen_hint(g, ops[i], level, &a)) {
				if (n->kind == Q_OR)
					break;
				continue;
			}
			strbuf_addf(&b, "%s%s", kept++ ? (n->kind == Q_AND ? " AND " : " OR ") : "", a.buf);
		}
		ok = kept && (n->kind == Q_AND || i == nops);
		if (ok)
			strbuf_addf(out, kept > 1 ? "(%s)" : "%s", b.buf);
		free(ops);
		break;
	case Q_TERM:
		ok = n->term != QT_REGEX && term_expr(g, n, level, out);
		break;
	default:
		break;
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return ok;
}

/* Narrows a hint to the columns that rank strongly: title, decision, presenters. */
static void hint_strong_columns(struct strbuf *hint)
{
	char *inner = strbuf_detach(hint, NULL);

	strbuf_addf(hint, "{title decision people} : (%s)", inner);
	free(inner);
}

/* What stops a search: its deadline, or store_interrupt() from another thread. */
struct watch {
	struct store *s;
	bool has_deadline;
	struct timespec at;
};

/* SQLite's progress handler: non-zero stops the statement with SQLITE_INTERRUPT. */
static int should_stop(void *arg)
{
	const struct watch *w = arg;
	struct timespec now;

	if (store_interrupted(w->s))
		return 1;
	if (!w->has_deadline)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > w->at.tv_sec || (now.tv_sec == w->at.tv_sec && now.tv_nsec > w->at.tv_nsec);
}

static bool bind_all(sqlite3_stmt *st, const struct gen *g, int first)
{
	size_t i;

	for (i = 0; i < g->nb; i++) {
		int k = first + (int)i, rc;

		if (g->b[i].kind == 0)
			rc = sqlite3_bind_text(st, k, g->b[i].text, -1, SQLITE_STATIC);
		else if (g->b[i].kind == 1)
			rc = sqlite3_bind_int64(st, k, g->b[i].i);
		else
			rc = sqlite3_bind_pointer(st, k, g->b[i].re, FTS_REGEX_POINTER, NULL);
		if (rc != SQLITE_OK)
			return false;
	}
	return true;
}

static enum vt_status step_error(struct store *s, int rc, const struct search_opts *o, struct vt_diag *diag)
{
	const char *msg = sqlite3_errmsg(store_db(s));

	if (rc == SQLITE_INTERRUPT)
		return o->deadline_ms && !store_interrupted(s)
			   ? vt_fail(diag, VT_ERR_USAGE, 0,
				     _("the query took longer than %ld ms and was stopped; narrow it"),
				     o->deadline_ms)
			   : vt_fail(diag, VT_ERR_USAGE, 0, _("the query was cancelled"));
	/* vedtak_regexp's SQL error (db/fts.c) is the same text, untranslated. */
	if (strstr(msg, "pattern too expensive"))
		return vt_fail(diag, VT_ERR_USAGE, 0, "%s",
			       _("pattern too expensive: it hit PCRE2's match or depth limit"));

	return sql_fail(store_db(s), diag, _("searching"));
}

enum vt_status store_search(struct store *s, const struct query *q, const struct search_opts *o,
			    struct search_result *out, struct vt_diag *diag)
{
	struct gen g;
	struct strbuf where = STRBUF_INIT, sql = STRBUF_INIT;
	struct strbuf hint_exact = STRBUF_INIT, hint_word = STRBUF_INIT, hint_all = STRBUF_INIT,
		      hint_title = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	enum vt_status ret = VT_OK;
	struct watch watch = {s, o->deadline_ms > 0, {0, 0}};
	bool h0 = false, h1 = false, h2 = false, bounded = false;
	size_t i;
	int rc, k;

	memset(out, 0, sizeof(*out));
	memset(&g, 0, sizeof(g));
	g.db = store_db(s);
	g.wz = wordizer_new();
	if (watch.has_deadline) {
		clock_gettime(CLOCK_MONOTONIC, &watch.at);
		watch.at.tv_sec += o->deadline_ms / 1000;
		watch.at.tv_nsec += (o->deadline_ms % 1000) * 1000000L;
		if (watch.at.tv_nsec >= 1000000000L) {
			watch.at.tv_sec++;
			watch.at.tv_nsec -= 1000000000L;
		}
	}
	/* Before the WHERE clause: expanding a word into index terms runs SQL too. */
	sqlite3_progress_handler(g.db, 1000, should_stop, &watch);
	if (q->root)
		gen_where(&g, q->root, &where);
	else
		strbuf_addch(&where, '1');

	/* The count. */
	strbuf_addf(&sql, "SELECT count(*) FROM cases c JOIN meetings m ON m.id = c.meeting_id WHERE %s",
		    where.buf);
	if (sqlite3_prepare_v2(g.db, sql.buf, -1, &st, NULL) != SQLITE_OK || !bind_all(st, &g, 1)) {
		ret = sql_fail(g.db, diag, _("searching"));
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		ret = step_error(s, rc, o, diag);
		goto out;
	}
	out->total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (o->count_only || out->total == 0)
		goto out;

	/* The ranked page. Hints first in the binding order, then the WHERE's values. */
	if (q->root && !o->by_date) {
		h0 = gen_hint(&g, q->root, LEVEL_EXACT, &hint_exact);
		h1 = gen_hint(&g, q->root, LEVEL_WORD, &hint_word);
		h2 = gen_hint(&g, q->root, LEVEL_ALL, &hint_all);
	}
	bounded = h2 && out->total > RANK_ALL_MAX;
	strbuf_reset(&sql);
	strbuf_addstr(&sql, "SELECT c.id, c.meeting_id, c.position, ");
	if (h0 && h1 && !bounded)
		strbuf_addstr(&sql,
			      "CASE WHEN c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?1) THEN 0"
			      " WHEN c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?2) THEN 1"
			      " ELSE 2 END AS tier, ");
	else
		strbuf_addstr(&sql, "0 AS tier, ");
	strbuf_addstr(&sql, h2 ? "coalesce(r.score, 0) AS score" : "0 AS score");
	/*
	 * Within a tier, a case whose title has the words comes first: bm25
	 * divides by the whole case's length, so a long case about the
	 * subject would else come after a short one that names it once (in a
	 * link, say).
	 */
	if (h2 && !bounded) {
		strbuf_addf(&hint_title, "{title} : (%s)", hint_all.buf);
		strbuf_addstr(
		    &sql, ", c.id NOT IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?4) AS untitled");
	}
	strbuf_addstr(&sql, " FROM cases c JOIN meetings m ON m.id = c.meeting_id");
	if (bounded) {
		/* Ranked: the matches in the strong columns; then the others by date. */
		strbuf_addstr(&sql,
			      " LEFT JOIN (SELECT rowid AS id, bm25(case_fts, 10.0, 5.0, 3.0, 1.0) AS score"
			      " FROM case_fts WHERE case_fts MATCH ?3) r ON r.id = c.id");
		hint_strong_columns(&hint_all);
	} else if (h2) {
		strbuf_addstr(&sql,
			      " LEFT JOIN (SELECT rowid AS id, bm25(case_fts, 10.0, 5.0, 3.0, 1.0) AS score"
			      " FROM case_fts WHERE case_fts MATCH ?3) r ON r.id = c.id");
	}
	strbuf_addf(&sql, " WHERE %s ORDER BY %s m.start_date DESC, c.position", where.buf,
		    o->by_date ? ""
		    : bounded  ? "r.score IS NULL, score,"
		    : h2       ? "tier, untitled, score,"
			       : "tier, score,");
	if (o->limit)
		strbuf_addf(&sql, " LIMIT %zu", o->limit);
	if (sqlite3_prepare_v2(g.db, sql.buf, -1, &st, NULL) != SQLITE_OK) {
		ret = sql_fail(g.db, diag, _("searching"));
		goto out;
	}
	k = 1;
	if (h0 && h1 && !bounded) {
		sqlite3_bind_text(st, 1, hint_exact.buf, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, hint_word.buf, -1, SQLITE_STATIC);
	}
	if (h2)
		sqlite3_bind_text(st, 3, hint_all.buf, -1, SQLITE_STATIC);
	if (h2 || (h0 && h1))
		k = 4;
	if (h2 && !bounded) {
		sqlite3_bind_text(st, 4, hint_title.buf, -1, SQLITE_STATIC);
		k = 5;
	}
	if (!bind_all(st, &g, k)) {
		ret = sql_fail(g.db, diag, _("searching"));
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_hit *h;

		ALLOC_GROW(out->hits, out->nhits + 1, out->alloc);
		h = &out->hits[out->nhits++];
		h->case_id = sqlite3_column_int64(st, 0);
		h->meeting_id = sqlite3_column_int64(st, 1);
		h->position = sqlite3_column_int(st, 2);
		h->tier = sqlite3_column_int(st, 3);
		h->score = sqlite3_column_double(st, 4);
	}
	if (rc != SQLITE_DONE)
		ret = step_error(s, rc, o, diag);
out:
	sqlite3_finalize(st);
	sqlite3_progress_handler(g.db, 0, NULL, NULL);
	for (i = 0; i < g.nb; i++)
		free(g.b[i].text);
	free(g.b);
	wordizer_free(g.wz);
	strbuf_release(&where);
	strbuf_release(&sql);
	strbuf_release(&hint_exact);
	strbuf_release(&hint_word);
	strbuf_release(&hint_all);
	strbuf_release(&hint_title);
	if (ret != VT_OK)
		search_result_release(out);
	return ret;
}

void search_result_release(struct search_result *r)
{
	free(r->hits);
	memset(r, 0, sizeof(*r));
}
