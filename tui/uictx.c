/*
 * uictx.c: the UI's shared services: the view stack, the status message,
 * the search and its results, the marks.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deck.h"
#include "core/i18n.h"
#include "core/query.h"
#include "core/snippet.h"
#include "core/util.h"
#include "db/search.h"
#include "db/store.h"
#include "tui/bounds.h"
#include "tui/searcher.h"
#include "tui/settings.h"
#include "tui/uictx.h"
#include "core/banned.h"

struct view *ui_top(struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

struct view *ui_find(struct ui *ui, enum view_kind kind)
{
	int i;

	for (i = ui->depth - 1; i >= 0; i--)
		if (ui->stack[i]->ops->kind == kind)
			return ui->stack[i];
	return NULL;
}

void ui_push(struct ui *ui, struct view *v)
{
	/* A full stack forgets its oldest view but the first. */
	if (ui->depth == (int)ARRAY_SIZE(ui->stack)) {
		view_free(ui->stack[1]);
		memmove(ui->stack + 1, ui->stack + 2, sizeof(ui->stack[0]) * (ARRAY_SIZE(ui->stack) - 2));
		ui->depth--;
	}
	ui->stack[ui->depth++] = v;
}

void ui_pop(struct ui *ui)
{
	if (ui->depth <= 1) {
		ui->quit = true;
		return;
	}
	view_free(ui->stack[--ui->depth]);
}

bool ui_open(struct ui *ui, enum view_kind kind, const struct view_target *target)
{
	struct view *v = ui->kinds[kind] ? ui->kinds[kind]->open(ui, target) : NULL;

	if (!v)
		return false;
	ui_push(ui, v);
	return true;
}

void ui_say(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof(ui->status), fmt, ap);
	va_end(ap);
}

static void selection_changed(struct ui *ui, struct view *v)
{
	if (v && v->ops->selected)
		v->ops->selected(ui, v);
}

void ui_search_apply(struct ui *ui, struct searcher_result *r)
{
	struct view *v = ui_find(ui, VIEW_RESULTS);
	long keep = 0;
	size_t i;

	if (r->error[0]) {
		snprintf(ui->qerror, sizeof(ui->qerror), "%s", r->error);
		ui->qerror_col = 0;
		case_rows_free(r->rows, r->nrows);
		query_free(ui->pending);
		ui->pending = NULL;
		return;
	}
	ui->qerror[0] = '\0';
	if (v && v->cursor < ui->nrows)
		keep = ui->results[v->cursor].id;
	case_rows_free(ui->results, ui->nrows);
	ui->results = r->rows;
	ui->nrows = r->nrows;
	ui->total = r->total;
	query_free(ui->q);
	ui->q = ui->pending;
	ui->pending = NULL;
	matcher_free(ui->matcher);
	ui->matcher = ui->q ? matcher_new(ui->q) : NULL;
	if (v) {
		v->cursor = 0;
		for (i = 0; i < ui->nrows; i++)
			if (ui->results[i].id == keep)
				v->cursor = i;
		selection_changed(ui, v);
	}
}

/* The search in the foreground, when no worker could be started. */
static void search_here(struct ui *ui, struct searcher_result *r)
{
	struct search_opts o = {UI_RESULT_LIMIT, ui->by_date, false, UI_SEARCH_DEADLINE_MS};
	struct search_result res = {NULL, 0, 0, 0};
	struct vt_diag diag;
	long *ids = NULL;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (store_search(ui->store, ui->pending, &o, &res, &diag) != VT_OK) {
		snprintf(r->error, sizeof(r->error), "%s", diag.msg);
		return;
	}
	ids = xcalloc(res.nhits + 1, sizeof(*ids));
	for (i = 0; i < res.nhits; i++)
		ids[i] = res.hits[i].case_id;
	if (store_case_rows(ui->store, ids, res.nhits, &r->rows, &diag) != VT_OK)
		snprintf(r->error, sizeof(r->error), "%s", diag.msg);
	else
		r->nrows = res.nhits;
	r->total = res.total;
	free(ids);
	search_result_release(&res);
}

void ui_search(struct ui *ui)
{
	struct searcher_result r;
	struct query *q = NULL;
	struct vt_diag diag;
	const struct strbuf *text = &ui->query.text;

	if (query_compile(text->buf, &q, &diag) != VT_OK) {
		size_t off = diag.offset_plus1 > 0 ? (size_t)diag.offset_plus1 - 1 : 0;
		snprintf(ui->qerror, sizeof(ui->qerror), "%s", diag.msg);
		ui->qerror_col = (size_t)draw_width(text->buf, off < text->len ? off : text->len);
		return;
	}
	query_free(ui->pending);
	ui->pending = q;
	if (!ui->searcher) {
		search_here(ui, &r);
		ui_search_apply(ui, &r);
		return;
	}
	searcher_request(ui->searcher, text->buf, ui->by_date, UI_RESULT_LIMIT, ++ui->gen);
	if (ui->script) {
		/* Scripted keys are typed instantly: every result is wanted, in order. */
		searcher_wait(ui->searcher, &r);
		ui_search_apply(ui, &r);
	}
}

void ui_show_results(struct ui *ui)
{
	struct view *v = ui_find(ui, VIEW_RESULTS);

	if (!v) {
		if (!ui_open(ui, VIEW_RESULTS, NULL))
			return;
	} else {
		while (ui_top(ui) != v)
			ui_pop(ui);
	}
	ui_search(ui);
}

void ui_search_for(struct ui *ui, const char *text)
{
	lineedit_set(&ui->query, text);
	ui_show_results(ui);
}

/* Adds `token` to the query, or takes it out if it is there. */
void ui_toggle_token(struct ui *ui, const char *token)
{
	struct strbuf out = STRBUF_INIT;
	const char *s = ui->query.text.buf;
	bool found = false;
	size_t tl = strlen(token);

	while (*s) {
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		if ((size_t)(e - s) == tl && !strncmp(s, token, tl))
			found = true;
		else if (e > s)
			strbuf_addf(&out, "%s%.*s", out.len ? " " : "", (int)(e - s), s);
		s = *e ? e + 1 : e;
	}
	if (!found)
		strbuf_addf(&out, "%s%s", out.len ? " " : "", token);
	ui_search_for(ui, out.buf);
	strbuf_release(&out);
}

void ui_reload(struct ui *ui)
{
	int i;

	for (i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops->reload)
			ui->stack[i]->ops->reload(ui, ui->stack[i]);
	if (ui_find(ui, VIEW_RESULTS))
		ui_search(ui);
}

bool ui_is_marked(struct ui *ui, long id)
{
	size_t i;

	for (i = 0; i < ui->nmarked; i++)
		if (ui->marked[i] == id)
			return true;
	return false;
}

void ui_mark_toggle(struct ui *ui, long id)
{
	size_t i;

	for (i = 0; i < ui->nmarked && ui->marked[i] != id; i++)
		;
	if (i < ui->nmarked) {
		ui->marked[i] = ui->marked[--ui->nmarked];
	} else {
		ALLOC_GROW(ui->marked, ui->nmarked + 1, ui->marked_alloc);
		ui->marked[ui->nmarked++] = id;
	}
}

const char *ui_type_badge(int type, enum draw_style *style)
{
	switch (type) {
	case DECISION_GODKJENNING:
		*style = STYLE_GODKJENNING;
		return "G";
	case DECISION_ORIENTERING:
		*style = STYLE_ORIENTERING;
		return "O";
	case DECISION_DROFTING:
		*style = STYLE_DROFTING;
		return "D";
	default:
		*style = STYLE_DIM;
		return "-";
	}
}

const char *ui_body_short(const char *body)
{
	if (!body)
		return "?";
	return !strcmp(body, "Nasjonalt e-helsestyre") ? "NEHS" : body;
}

void ui_add_padded(struct strbuf *sb, const char *s, int width)
{
	int w = draw_width(s, strlen(s));

	strbuf_addstr(sb, s);
	for (; w < width; w++)
		strbuf_addch(sb, ' ');
}
