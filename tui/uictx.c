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

void ui_view_fill(struct ui *ui, struct view *v, size_t upto)
{
	while (v && v->partial && v->nlines <= upto) {
		size_t before = v->nlines;

		v->ops->more(ui, v);
		/* A part that adds nothing (an error said on the status line) ends the list. */
		if (v->nlines == before)
			v->partial = false;
	}
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

void ui_back(struct ui *ui)
{
	struct view *v;

	ui_pop(ui);
	if (!ui->quit && (v = ui_top(ui))->ops->shown)
		v->ops->shown(ui, v);
}

bool ui_open(struct ui *ui, enum view_kind kind, const struct view_target *target)
{
	struct view *v = ui->kinds[kind] ? ui->kinds[kind]->open(ui, target) : NULL;

	if (!v)
		return false;
	/* The keys go to the view opened (help from the prompt scrolls the help), except to the results it
	 * types into. */
	if (kind != VIEW_RESULTS)
		ui->prompting = false;
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
	bool same;
	size_t i;

	if (r->error[0]) {
		snprintf(ui->qerror, sizeof(ui->qerror), "%s", r->error);
		ui->qerror_col = 0;
		case_rows_free(r->rows, r->nrows);
		query_free(r->q);
		free(r->highlight);
		query_free(ui->pending);
		ui->pending = NULL;
		return;
	}
	ui->qerror[0] = '\0';
	/* The worker's query is the one searched: its words read and mended. */
	if (r->q) {
		query_free(ui->pending);
		ui->pending = r->q;
		r->q = NULL;
	}
	snprintf(ui->search_note, sizeof(ui->search_note), "%s", r->note);
	ui->relaxed = r->relaxed;
	/* The same query again (the data changed): the cursor stays on its case. A new
	 * query starts at its best case, at the top. */
	same = ui->q && ui->pending && !strcmp(ui->q->text, ui->pending->text);
	if (v && same && v->cursor < ui->nrows)
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
	if (ui->matcher)
		matcher_add_words(ui->matcher, r->highlight);
	free(r->highlight);
	r->highlight = NULL;
	if (v) {
		v->cursor = 0;
		if (!same)
			v->top = 0;
		for (i = 0; i < ui->nrows; i++)
			if (keep && ui->results[i].id == keep)
				v->cursor = i;
		selection_changed(ui, v);
	}
}

/* The query the facets make of the prompt's text: (TEXT) (type:a OR type:b) date:D. */
void ui_query_text(struct ui *ui, struct strbuf *out)
{
	static const char *const names[] = {[DECISION_GODKJENNING] = "godkjenning",
					    [DECISION_ORIENTERING] = "orientering",
					    [DECISION_DROFTING] = "drøfting"};
	const struct strbuf *text = &ui->query.text;
	size_t t, n = 0;

	if (!ui->types && !ui->meeting_date[0]) {
		strbuf_addstr(out, text->buf);
		return;
	}
	if (text->len)
		strbuf_addf(out, "(%s)", text->buf);
	for (t = 0; t < ARRAY_SIZE(names); t++)
		if (names[t] && (ui->types & (1u << t)))
			strbuf_addf(out, "%s%stype:%s", n++ ? " OR " : out->len ? " (" : "(", "", names[t]);
	if (n)
		strbuf_addch(out, ')');
	if (ui->meeting_date[0])
		strbuf_addf(out, "%sdate:%s", out->len ? " " : "", ui->meeting_date);
}

void ui_search(struct ui *ui)
{
	struct searcher_result r;
	struct query *q = NULL;
	struct vt_diag diag;
	const struct strbuf *text = &ui->query.text;
	struct strbuf eff = STRBUF_INIT;

	/* Errors are reported in what the user typed, before the facets are added. */
	if (query_compile(text->buf, &q, &diag) != VT_OK) {
		size_t off = diag.offset_plus1 > 0 ? (size_t)diag.offset_plus1 - 1 : 0;
		snprintf(ui->qerror, sizeof(ui->qerror), "%s", diag.msg);
		ui->qerror_col = (size_t)draw_width(text->buf, off < text->len ? off : text->len);
		/* A search still running for an earlier text must not clear the error when it ends. */
		query_free(ui->pending);
		ui->pending = NULL;
		return;
	}
	ui_query_text(ui, &eff);
	if (ui->types || ui->meeting_date[0]) {
		query_free(q);
		q = NULL;
		if (query_compile(eff.buf, &q, &diag) != VT_OK) {
			snprintf(ui->qerror, sizeof(ui->qerror), "%s", diag.msg);
			ui->qerror_col = 0;
			query_free(ui->pending);
			ui->pending = NULL;
			strbuf_release(&eff);
			return;
		}
	}
	query_free(ui->pending);
	ui->pending = q;
	if (!ui->searcher) {
		/* In the foreground, when no worker could be started. */
		memset(&r, 0, sizeof(r));
		searcher_search(ui->store, ui->pending, ui->by_date, UI_RESULT_LIMIT, &r);
		ui_search_apply(ui, &r);
	} else {
		searcher_request(ui->searcher, eff.buf, ui->by_date, UI_RESULT_LIMIT, ++ui->gen);
		if (ui->script) {
			/* Scripted keys are typed instantly: every result is wanted, in order. */
			searcher_wait(ui->searcher, &r);
			ui_search_apply(ui, &r);
		}
	}
	strbuf_release(&eff);
}

void ui_facet_type(struct ui *ui, int type)
{
	ui->types ^= 1u << type;
	ui_show_results(ui);
}

void ui_facet_meeting(struct ui *ui, const char *date)
{
	if (!strcmp(ui->meeting_date, date))
		ui->meeting_date[0] = '\0';
	else
		snprintf(ui->meeting_date, sizeof(ui->meeting_date), "%s", date);
	ui_show_results(ui);
}

void ui_facets_describe(struct ui *ui, struct strbuf *out)
{
	static const int order[] = {DECISION_GODKJENNING, DECISION_ORIENTERING, DECISION_DROFTING};
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		if (!(ui->types & (1u << order[i])))
			continue;
		strbuf_addstr(out, n++ ? _(" or ") : _("type: "));
		strbuf_addstr(out, decision_type_name((enum decision_type)order[i]));
	}
	if (ui->meeting_date[0])
		strbuf_addf(out, "%s%s %s", n ? " · " : "", _("meeting"), ui->meeting_date);
}

bool ui_refuse_readonly(struct ui *ui)
{
	if (!ui->readonly)
		return false;
	ui_say(ui, "%s", _("tags, notes and saved searches cannot be changed here"));
	return true;
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
	/* A search chosen whole (a saved search, a tag, a presenter) starts without facets. */
	ui->types = 0;
	ui->meeting_date[0] = '\0';
	/* From a case or a list, a new result list opens on top: q comes back to where this began. */
	if (ui_top(ui)->ops->kind != VIEW_RESULTS && !ui_open(ui, VIEW_RESULTS, NULL))
		return;
	ui_search(ui);
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
		if (ui->marked[i].id == id)
			return true;
	return false;
}

void ui_mark_toggle(struct ui *ui, long id, const char *key)
{
	size_t i;

	for (i = 0; i < ui->nmarked && ui->marked[i].id != id; i++)
		;
	if (i < ui->nmarked) {
		free(ui->marked[i].key);
		ui->marked[i] = ui->marked[--ui->nmarked];
	} else if (key) {
		ALLOC_GROW(ui->marked, ui->nmarked + 1, ui->marked_alloc);
		ui->marked[ui->nmarked].id = id;
		ui->marked[ui->nmarked++].key = xstrdup(key);
	}
}

void ui_marks_clear(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->nmarked; i++)
		free(ui->marked[i].key);
	ui->nmarked = 0;
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
