/*
 * results-view.c: the result list of the search, one case a row, with the
 * selected case beside it on wide terminals. The rows are the search's
 * (struct ui's results); the preview is loaded when the selection changes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/store.h"
#include "tui/casetext.h"
#include "tui/keys.h"
#include "tui/bounds.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

/* From this width the result list shows the selected case beside it. */
#define WIDE_COLS 100

struct results {
	struct view *preview; /* the selected case, laid out as the case view does */
	long preview_id;
};

static struct view *results_open(struct ui *ui, const struct view_target *target)
{
	struct view *v = view_new(&results_view_ops, _("Search"));

	(void)ui;
	(void)target;
	v->data = xcalloc(1, sizeof(struct results));
	return v;
}

static void results_release(struct view *v)
{
	struct results *r = v->data;

	view_free(r->preview);
	free(r);
}

static size_t results_rows(struct ui *ui, struct view *v)
{
	(void)v;
	return ui->nrows;
}

/* The selection moved, or the results or the data changed: the preview follows. */
static void results_selected(struct ui *ui, struct view *v)
{
	struct results *r = v->data;
	const struct case_row *row = v->cursor < ui->nrows ? &ui->results[v->cursor] : NULL;
	struct case_text *ct;
	char error[512];

	view_free(r->preview);
	r->preview = NULL;
	r->preview_id = 0;
	if (!row || ui->cols < WIDE_COLS)
		return;
	if (!(ct = case_text_load(ui->store, row->meeting_id, row->id, error, sizeof(error))))
		return;
	r->preview = view_new(ui->kinds[VIEW_CASE], "preview");
	r->preview->data = ct;
	r->preview_id = row->id;
}

static void results_reload(struct ui *ui, struct view *v)
{
	results_selected(ui, v);
}

static void draw_list(struct ui *ui, struct view *v, int y0, int h, int w)
{
	struct strbuf date = STRBUF_INIT;
	size_t i;

	if (v->cursor >= ui->nrows && ui->nrows)
		v->cursor = ui->nrows - 1;
	if (v->cursor < v->top)
		v->top = v->cursor;
	if (v->cursor >= v->top + (size_t)h)
		v->top = v->cursor - (size_t)h + 1;
	for (i = 0; i < (size_t)h; i++) {
		size_t r = v->top + i;
		const struct case_row *row;
		enum draw_style bs;
		const char *badge;
		attr_t base;
		char head[64];
		int x = 0, y = y0 + (int)i;

		draw_fill(y, 0, w, A_NORMAL);
		if (r >= ui->nrows)
			continue;
		row = &ui->results[r];
		base = r == v->cursor ? draw_attr(STYLE_CURSOR) : A_NORMAL;
		if (r == v->cursor)
			draw_fill(y, 0, w, base);
		strbuf_reset(&date);
		if (row->date)
			date_human(&date, row->date, NULL, true);
		snprintf(head, sizeof(head), "%c%-6s %s %-4s ", ui_is_marked(ui, row->id) ? '*' : ' ',
			 row->number ? row->number : "?", row->date ? date.buf : "----------",
			 ui_body_short(row->body));
		x += draw_text(y, x, w - x, head, strlen(head), base);
		badge = ui_type_badge(row->type, &bs);
		x += draw_text(y, x, w - x, badge, 1, r == v->cursor ? base : draw_attr(bs));
		x += draw_text(y, x, w - x, " ", 1, base);
		if (row->tags && x < w - 3) {
			/* At most a third of what is left, cut with a visible marker. */
			char tagbuf[300];
			int room = (w - x) / 3 > 8 ? (w - x) / 3 : 8;

			snprintf(tagbuf, sizeof(tagbuf), "[%s]", row->tags);
			x += draw_text(y, x, room, tagbuf, strlen(tagbuf),
				       r == v->cursor ? base : draw_attr(STYLE_TITLE));
			x += draw_text(y, x, w - x, " ", 1, base);
		}
		x += draw_text(y, x, w - x, row->title ? row->title : "", row->title ? strlen(row->title) : 0,
			       base);
		if (row->presenters && x < w - 3) {
			x += draw_text(y, x, w - x, " — ", strlen(" — "), base);
			draw_text(y, x, w - x, row->presenters, strlen(row->presenters),
				  r == v->cursor ? base : draw_attr(STYLE_DIM));
		}
	}
	strbuf_release(&date);
}

/* The case under the cursor, beside the list. */
static void draw_preview(struct ui *ui, struct view *v, int y0, int x0, int h, int w)
{
	struct results *r = v->data;
	struct view *p = r->preview;
	int y;

	for (y = 0; y < h; y++)
		draw_text(y0 + y, x0, 1, "│", strlen("│"), draw_attr(STYLE_DIM));
	if (!p || v->cursor >= ui->nrows || r->preview_id != ui->results[v->cursor].id) {
		for (y = 0; y < h; y++)
			draw_fill(y0 + y, x0 + 1, w - 1, A_NORMAL);
		return;
	}
	if (p->built_width != w - 2) {
		case_text_layout(p->data, ui->matcher, p, w - 2);
		p->built_width = w - 2;
		/* Open the preview at the first hit below the header. */
		p->top = 0;
		for (y = 6; (size_t)y < p->nlines; y++)
			if (p->lines[y].nhits) {
				p->top = (size_t)y > 8 ? (size_t)y - 2 : 0;
				break;
			}
	}
	view_draw_lines(p, y0, x0 + 2, h, w - 2, false);
}

static void results_draw(struct ui *ui, struct view *v, int y, int h, int w)
{
	if (w >= WIDE_COLS) {
		int lw = w * 55 / 100;

		draw_list(ui, v, y, h, lw);
		draw_preview(ui, v, y, lw, h, w - lw);
	} else {
		draw_list(ui, v, y, h, w);
	}
}

static void results_enter(struct ui *ui, struct view *v)
{
	if (v->cursor < ui->nrows) {
		struct view_target t = {ui->results[v->cursor].meeting_id, ui->results[v->cursor].id};
		ui_open(ui, VIEW_CASE, &t);
	}
}

static char *results_key(struct ui *ui, struct view *v)
{
	if (v->cursor < ui->nrows && ui->results[v->cursor].key)
		return xstrdup(ui->results[v->cursor].key);
	return NULL;
}

static bool results_action(struct ui *ui, struct view *v, int action)
{
	char token[32];

	switch (action) {
	case ACT_SORT:
		ui->by_date = !ui->by_date;
		ui_search(ui);
		return true;
	case ACT_FILTER_MEETING:
		if (v->cursor < ui->nrows && ui->results[v->cursor].date) {
			snprintf(token, sizeof(token), "date:%s", ui->results[v->cursor].date);
			ui_toggle_token(ui, token);
		}
		return true;
	case ACT_MARK:
		if (v->cursor < ui->nrows) {
			ui_mark_toggle(ui, ui->results[v->cursor].id);
			ui_say(
			    ui,
			    P_("%zu case marked: t tags them", "%zu cases marked: t tags them", ui->nmarked),
			    ui->nmarked);
			keys_dispatch(ui, ACT_DOWN);
		}
		return true;
	}
	return false;
}

static void results_status(struct ui *ui, struct view *v, struct strbuf *bar)
{
	(void)v;
	if (ui->pending) {
		strbuf_addf(bar,
			    P_("searching… (%zu case matched the last query)",
			       "searching… (%zu cases matched the last query)", ui->total),
			    ui->total);
		return;
	}
	strbuf_addf(bar, P_("%zu case matches", "%zu cases match", ui->total), ui->total);
	strbuf_addf(bar, "%s · %s%s", ui->query.text.len ? "" : _(" (no query: all cases)"),
		    ui->by_date ? _("sorted by date") : _("sorted by relevance"),
		    ui->nrows < ui->total ? _(" · first 500 shown") : "");
}

const struct view_ops results_view_ops = {
    .kind = VIEW_RESULTS,
    .hints = N_("? help  / search  q back"),
    .open = results_open,
    .draw = results_draw,
    .rows = results_rows,
    .enter = results_enter,
    .action = results_action,
    .reload = results_reload,
    .selected = results_selected,
    .key = results_key,
    .status = results_status,
    .release = results_release,
};
