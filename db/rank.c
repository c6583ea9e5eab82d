/*
 * rank.c: the SQL functions behind ranking by aboutness and the
 * abbreviation dictionary (see rank.h). The score itself is documented
 * in search.h, where the order of results is.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/rank.h"
#include "db/fts.h"
#include "core/abbrev.h"
#include "core/deck.h"
#include "core/json.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/words.h"
#include "db/sql.h"
#include "core/banned.h"

/* Columns of case_fts. */
enum { COL_TITLE, COL_DECISION, COL_PEOPLE, COL_SLIDES };

/* At most this many query words are told apart; more share the last group. */
#define RANK_GROUPS 64

static const double form_weight[FORM_COUNT] = {
    [FORM_EXACT] = 1.0,	 [FORM_INFLECTED] = 0.85, [FORM_EQUIVALENT] = 0.8,
    [FORM_INSIDE] = 0.5, [FORM_PARTS] = 0.4,
};

struct mine_ctx {
	struct wordizer *wz;
	void (*fn)(void *, const char *, const char *, const char *, const char *);
	void *arg;
};

static void on_abbrev(void *arg, const char *abbr, const char *long_form)
{
	struct mine_ctx *m = arg;
	char *akey = words_key(m->wz, abbr, strlen(abbr)),
	     *lkey = words_key(m->wz, long_form, strlen(long_form));

	if (akey && lkey)
		m->fn(m->arg, akey, abbr, long_form, lkey);
	free(akey);
	free(lkey);
}

void rank_abbrevs(struct wordizer *wz, const char *text, size_t n,
		  void (*fn)(void *arg, const char *abbr_key, const char *abbr, const char *long_form,
			     const char *long_key),
		  void *arg)
{
	struct mine_ctx m = {wz, fn, arg};

	abbrev_mine(text, n, on_abbrev, &m);
}

struct json_ctx {
	struct strbuf *json;
	size_t n;
};

static void json_abbrev(void *arg, const char *abbr_key, const char *abbr, const char *long_form,
			const char *long_key)
{
	struct json_ctx *j = arg;

	strbuf_addstr(j->json, j->n++ ? ", [" : "[");
	json_string(j->json, abbr_key);
	strbuf_addstr(j->json, ", ");
	json_string(j->json, abbr);
	strbuf_addstr(j->json, ", ");
	json_string(j->json, long_form);
	strbuf_addstr(j->json, ", ");
	json_string(j->json, long_key);
	strbuf_addch(j->json, ']');
}

static void abbrevs_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	struct strbuf json = STRBUF_INIT;
	struct json_ctx j = {&json, 0};

	(void)argc;
	strbuf_addch(&json, '[');
	if (text) {
		struct wordizer *wz = wordizer_new();
		rank_abbrevs(wz, text, (size_t)sqlite3_value_bytes(argv[0]), json_abbrev, &j);
		wordizer_free(wz);
	}
	strbuf_addch(&json, ']');
	sqlite3_result_text(ctx, json.buf, (int)json.len, free);
}

void rank_marks_add(struct rank_marks *m, const char *text, size_t n)
{
	size_t line_end = 0, title, count;

	/* The title is the first line with a word on it. */
	while (line_end < n) {
		size_t end = line_end, before;
		while (end < n && text[end] != '\n')
			end++;
		words_count(text + line_end, end - line_end, end - line_end, &before);
		if (before) {
			line_end = end;
			break;
		}
		line_end = end + 1;
	}
	count = words_count(text, n, line_end, &title);
	ALLOC_GROW(m->v, m->n + 2, m->alloc);
	m->v[m->n++] = m->pos;
	m->v[m->n++] = m->pos + (uint32_t)title;
	m->pos += (uint32_t)count;
}

void rank_marks_tokens(struct rank_marks *m, const struct slide *v, size_t n, const char *col,
		       const struct index_tokens *t)
{
	struct index_token tok;
	size_t next = 0, at = 0, i;
	bool have = index_tokens_next(t, &next, &tok);

	for (i = 0; i < n; i++) {
		size_t end = at + v[i].len, title_end = end;
		uint32_t count = 0, title = 0;
		bool titled = false;

		for (; have && tok.start < end; have = index_tokens_next(t, &next, &tok)) {
			if (tok.colocated)
				continue;
			/* The title is the line of the slide's first word. */
			if (!titled) {
				const char *nl = memchr(col + tok.start, '\n', end - tok.start);
				title_end = nl ? (size_t)(nl - col) : end;
				titled = true;
			}
			title += tok.start < title_end;
			count++;
		}
		ALLOC_GROW(m->v, m->n + 2, m->alloc);
		m->v[m->n++] = m->pos;
		m->v[m->n++] = m->pos + title;
		m->pos += count;
		at = end + 1;
	}
}

unsigned char *rank_marks_blob(const struct rank_marks *m, size_t *len)
{
	unsigned char *b;
	size_t i;

	*len = m->n * 4;
	if (!m->n)
		return NULL;
	/* Little-endian on every machine, so that a database can move. */
	b = xmalloc(*len);
	for (i = 0; i < m->n; i++) {
		b[i * 4] = (unsigned char)m->v[i];
		b[i * 4 + 1] = (unsigned char)(m->v[i] >> 8);
		b[i * 4 + 2] = (unsigned char)(m->v[i] >> 16);
		b[i * 4 + 3] = (unsigned char)(m->v[i] >> 24);
	}
	return b;
}

static void marks_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct rank_marks **mp = sqlite3_aggregate_context(ctx, sizeof(*mp));
	const char *text = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (!mp)
		return;
	if (!*mp)
		*mp = xcalloc(1, sizeof(**mp));
	if (text)
		rank_marks_add(*mp, text, (size_t)sqlite3_value_bytes(argv[0]));
}

static void marks_final(sqlite3_context *ctx)
{
	struct rank_marks **mp = sqlite3_aggregate_context(ctx, 0);
	struct rank_marks *m = mp ? *mp : NULL;
	size_t len = 0;
	unsigned char *b = m ? rank_marks_blob(m, &len) : NULL;

	if (b)
		sqlite3_result_blob(ctx, b, (int)len, free);
	else
		sqlite3_result_zeroblob(ctx, 0);
	if (m) {
		free(m->v);
		free(m);
	}
}

static uint32_t mark_at(const unsigned char *b, size_t i)
{
	return (uint32_t)b[i * 4] | (uint32_t)b[i * 4 + 1] << 8 | (uint32_t)b[i * 4 + 2] << 16 |
	       (uint32_t)b[i * 4 + 3] << 24;
}

/* One item of the plan: the words a phrase stands for, and its form. */
struct plan_item {
	int first, last;
	int form;
	bool ignored;
};

static size_t plan_parse(const char *s, struct plan_item *items, size_t max)
{
	size_t n = 0;

	while (s && *s && n < max) {
		char *end;
		long a = strtol(s, &end, 10), b = a, f = FORM_INSIDE;

		if (end == s)
			break;
		s = end;
		if (*s == '-')
			b = strtol(s + 1, &end, 10), s = end;
		if (*s == '.')
			f = strtol(s + 1, &end, 10), s = end;
		while (*s == ' ')
			s++;
		/* An item that makes no sense keeps its place, standing for nothing. */
		items[n].ignored = a < 0 || b < a || f < 0 || f >= FORM_COUNT;
		if (items[n].ignored)
			a = b = 0, f = FORM_PARTS;
		items[n].first = (int)(a < RANK_GROUPS ? a : RANK_GROUPS - 1);
		items[n].last = (int)(b < RANK_GROUPS ? b : RANK_GROUPS - 1);
		items[n].form = (int)f;
		n++;
	}
	return n;
}

/* What one query word has in a case: the best form weight per place. */
struct group {
	double title, decision, people, head;
	double *slide; /* per slide */
	int best_form;
	bool seen;
};

static int slide_of(const unsigned char *marks, size_t nslides, int off, bool *in_title)
{
	size_t lo = 0, hi = nslides;

	/* The last slide starting at or before off. */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if ((int)mark_at(marks, mid * 2) <= off)
			lo = mid;
		else
			hi = mid;
	}
	*in_title = off < (int)mark_at(marks, lo * 2 + 1);
	return (int)lo;
}

static double max2(double a, double b)
{
	return a > b ? a : b;
}

/*
 * One query word's aboutness in a row, the formula of search.h, raising
 * *tier to the word's: its best form (0 as typed, 1 folded or inflected,
 * 3 only by a compound's parts, 2 otherwise).
 */
static double group_score(const struct group *gr, size_t width, int *tier)
{
	int t = gr->best_form == FORM_EXACT	  ? 0
		: gr->best_form == FORM_INFLECTED ? 1
		: gr->best_form == FORM_PARTS	  ? 3
						  : 2;
	double sum = 0;
	size_t k;

	if (gr->seen && t > *tier)
		*tier = t;
	for (k = 0; k < width; k++)
		sum += gr->slide[k];
	return 4.0 * gr->title + 3.0 * gr->decision + 1.0 * gr->people + 2.0 * gr->head +
	       3.0 * sum / (double)width + 2.0 * fmin(1.0, log2(1.0 + sum) / 4.0);
}

/* The plan, parsed once a statement, and room for the slides of the row being scored. */
struct rank_state {
	struct plan_item *plan;
	size_t nplan;
	int ngroups;
	double *slides; /* ngroups rows of nslides */
	size_t cap;
};

static void rank_state_free(void *p)
{
	struct rank_state *st = p;

	free(st->plan);
	free(st->slides);
	free(st);
}

static struct rank_state *rank_state(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_value *plan)
{
	struct rank_state *st = api->xGetAuxdata(fc, 0);
	int phrases;
	size_t k;

	if (st)
		return st;
	phrases = api->xPhraseCount(fc);
	st = xcalloc(1, sizeof(*st));
	st->plan = xcalloc((size_t)phrases + 1, sizeof(*st->plan));
	st->nplan = plan_parse((const char *)sqlite3_value_text(plan), st->plan, (size_t)phrases);
	for (k = 0; k < st->nplan; k++)
		if (!st->plan[k].ignored && st->plan[k].last + 1 > st->ngroups)
			st->ngroups = st->plan[k].last + 1;
	if (api->xSetAuxdata(fc, st, rank_state_free) != SQLITE_OK)
		return NULL; /* SQLite has freed it */
	return st;
}

/*
 * vedtak_rank(case_fts, plan, marks): the row's tier times RANK_TIER_UNIT
 * plus its aboutness (search.h), in one call so that the instances are
 * read once a row.
 */
static void rank_func(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx, int nval,
		      sqlite3_value **val)
{
	struct group groups[RANK_GROUPS];
	struct rank_state *st;
	const unsigned char *marks;
	size_t nslides, width, g;
	int ninst = 0, i, tier = 0;
	double score = 0;

	if (nval != 2 || !(st = rank_state(api, fc, val[0]))) {
		sqlite3_result_error(ctx, "vedtak_rank: wrong arguments", -1);
		return;
	}
	marks = sqlite3_value_blob(val[1]);
	nslides = marks ? (size_t)sqlite3_value_bytes(val[1]) / 8 : 0;
	width = nslides ? nslides : 1;
	if ((size_t)st->ngroups * width > st->cap) {
		free(st->slides);
		st->cap = (size_t)st->ngroups * width;
		st->slides = xcalloc(st->cap, sizeof(double));
	} else if (st->cap) {
		memset(st->slides, 0, (size_t)st->ngroups * width * sizeof(double));
	}
	memset(groups, 0, sizeof(groups));
	for (g = 0; g < (size_t)st->ngroups; g++) {
		groups[g].slide = st->slides + g * width;
		groups[g].best_form = FORM_COUNT;
	}
	if (api->xInstCount(fc, &ninst) != SQLITE_OK)
		ninst = 0;
	for (i = 0; i < ninst; i++) {
		const struct plan_item *item;
		int phrase, col, off;
		double w;

		if (api->xInst(fc, i, &phrase, &col, &off) != SQLITE_OK || phrase < 0 ||
		    (size_t)phrase >= st->nplan)
			continue;
		item = &st->plan[phrase];
		if (item->ignored)
			continue;
		w = form_weight[item->form];
		for (g = (size_t)item->first; g <= (size_t)item->last; g++) {
			struct group *gr = &groups[g];

			gr->seen = true;
			if (item->form < gr->best_form)
				gr->best_form = item->form;
			if (col == COL_TITLE) {
				gr->title = max2(gr->title, w);
			} else if (col == COL_DECISION) {
				gr->decision = max2(gr->decision, w);
			} else if (col == COL_PEOPLE) {
				gr->people = max2(gr->people, w);
			} else if (nslides) {
				bool head;
				int sl = slide_of(marks, nslides, off, &head);
				gr->slide[sl] = max2(gr->slide[sl], w);
				if (head)
					gr->head = max2(gr->head, w);
			} else {
				gr->slide[0] = max2(gr->slide[0], w);
			}
		}
	}
	for (g = 0; g < (size_t)st->ngroups; g++)
		score += group_score(&groups[g], width, &tier);
	sqlite3_result_double(ctx, tier * RANK_TIER_UNIT + score);
}

double rank_strong_value(const double (*w)[3], const int *best_form, size_t ngroups)
{
	double slide = 0, score = 0;
	int tier = 0;
	size_t g;

	/* As rank_func() sums its groups: in order, from 0. */
	for (g = 0; g < ngroups; g++) {
		struct group gr = {
		    w[g][0], w[g][1], w[g][2], 0, &slide, best_form[g], best_form[g] < FORM_COUNT};

		score += group_score(&gr, 1, &tier);
	}
	return tier * RANK_TIER_UNIT + score;
}

double rank_form_weight(int form)
{
	return form >= 0 && form < FORM_COUNT ? form_weight[form] : 0;
}

bool rank_plan_groups(const char *plan, int *groups, int *forms, size_t n)
{
	struct plan_item *items = xcalloc(n + 1, sizeof(*items));
	size_t got = plan_parse(plan, items, n + 1), i;
	bool one = got == n;

	for (i = 0; one && i < n; i++) {
		one = !items[i].ignored && items[i].first == items[i].last;
		groups[i] = items[i].first;
		forms[i] = items[i].form;
	}
	free(items);
	return one;
}

enum vt_status rank_register(sqlite3 *db, struct vt_diag *diag)
{
	fts5_api *api = fts_api(db);

	if (!api || api->xCreateFunction(api, "vedtak_rank", NULL, rank_func, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "vedtak_abbrevs", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    abbrevs_func, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "vedtak_slide_marks", 1, SQLITE_UTF8, NULL, NULL, marks_step,
				    marks_final) != SQLITE_OK)
		return sql_fail(db, diag, "registering the ranking functions");
	return VT_OK;
}
