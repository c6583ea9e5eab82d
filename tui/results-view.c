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
#include "tui/action.h"
#include "tui/bounds.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

/*
 * From this width the result list shows the selected case beside it;
 * below it the list has the whole width, presenters from 100 cells.
 */
#define WIDE_COLS 140

struct results {
	struct view *preview; /* the selected case, laid out as the case view does */
	long preview_id;
	/* The search these results are of, to show again when the user comes back to them. */
	char *query;
	bool by_date;
	unsigned types;
	char meeting_date[16];
};

static void preview_release(struct view *v)
{
	case_text_free(v->data);
}

/* The preview is a case laid out as the case view lays it out, never opened on its own. */
static const struct view_ops preview_ops = {
    .kind = VIEW_CASE,
    .text = true,
    .release = preview_release,
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
	free(r->query);
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

	if (!r->query || strcmp(r->query, ui->query.text.buf)) {
		free(r->query);
		r->query = xstrdup(ui->query.text.buf);
	}
	r->types = ui->types;
	r->by_date = ui->by_date;
	memcpy(r->meeting_date, ui->meeting_date, sizeof(r->meeting_date));
	view_free(r->preview);
	r->preview = NULL;
	r->preview_id = 0;
	if (!row || ui->cols < WIDE_COLS)
		return;
	if (!(ct = case_text_load(ui->store, row->meeting_id, row->id, error, sizeof(error))))
		return;
	r->preview = view_new(&preview_ops, "preview");
	r->preview->data = ct;
	r->preview_id = row->id;
}

/* Back on this list from a list of another search (P, a presenter): this one's search again. */
static void results_shown(struct ui *ui, struct view *v)
{
	struct results *r = v->data;

	if (!r->query || (!strcmp(r->query, ui->query.text.buf) && r->types == ui->types &&
			  r->by_date == ui->by_date && !strcmp(r->meeting_date, ui->meeting_date)))
		return;
	ui->by_date = r->by_date;
	lineedit_set(&ui->query, r->query);
	ui->types = r->types;
	memcpy(ui->meeting_date, r->meeting_date, sizeof(ui->meeting_date));
	ui_search(ui);
}

static void results_reload(struct ui *ui, struct view *v)
{
	results_selected(ui, v);
}

/* The widest tag list among the rows on screen, at most `cap` cells; 0 when none has tags. */
static int tags_width(struct ui *ui, size_t top, int h, int cap)
{
	size_t r;
	int w = 0;

	for (r = top; r < ui->nrows && r < top + (size_t)h; r++)
		if (ui->results[r].tags && *ui->results[r].tags) {
			int t = draw_width(ui->results[r].tags, strlen(ui->results[r].tags)) + 2;
			w = t > w ? t : w;
		}
	return w < cap ? w : cap;
}

/*
 * The result list: a header, then a case a row. Columns, left to right:
 * mark, number, date, body, type, title, tags, presenters. A narrow
 * list drops presenters (below 100 cells), the date (below 60) and the
 * body (below 50), never the title.
 */
static void draw_list(struct ui *ui, struct view *v, int y0, int h, int w)
{
	struct strbuf date = STRBUF_INIT, cell = STRBUF_INIT;
	bool show_date = w >= 60, show_body = w >= 50;
	int pw = w >= 100 ? (w / 4 < 40 ? w / 4 : 40) : 0, tw, x;
	/* The body column is as wide as its header in the user's language ("Organ"), at least NUFA's 4. */
	int bw = draw_width(_("Body"), strlen(_("Body"))) > 4 ? draw_width(_("Body"), strlen(_("Body"))) : 4;
	attr_t head = draw_attr(STYLE_TITLE);
	size_t i;

	if (h < 2)
		return;
	h--; /* the header */
	if (v->cursor >= ui->nrows && ui->nrows)
		v->cursor = ui->nrows - 1;
	if (v->cursor < v->top)
		v->top = v->cursor;
	if (v->cursor >= v->top + (size_t)h)
		v->top = v->cursor - (size_t)h + 1;
	tw = tags_width(ui, v->top, h, w / 5);

	draw_fill(y0, 0, w, head);
	strbuf_addch(&cell, ' ');
	ui_add_padded(&cell, _("Case"), 7);
	if (show_date)
		ui_add_padded(&cell, _("Date"), 11);
	if (show_body) {
		ui_add_padded(&cell, _("Body"), bw);
		strbuf_addch(&cell, ' ');
	}
	strbuf_addstr(&cell, "T ");
	strbuf_addstr(&cell, _("Title"));
	x = draw_text(y0, 0, w, cell.buf, cell.len, head);
	if (tw && w - pw - tw > x)
		draw_text(y0, w - pw - tw, tw, _("Tags"), strlen(_("Tags")), head);
	if (pw)
		draw_text(y0, w - pw + 1, pw - 1, _("Presenters"), strlen(_("Presenters")), head);

	for (i = 0; i < (size_t)h; i++) {
		size_t r = v->top + i;
		const struct case_row *row;
		enum draw_style bs;
		const char *badge;
		bool sel = r == v->cursor;
		attr_t base;
		int y = y0 + 1 + (int)i, title_end;

		draw_fill(y, 0, w, A_NORMAL);
		if (r >= ui->nrows)
			continue;
		row = &ui->results[r];
		base = sel ? draw_attr(STYLE_CURSOR) : A_NORMAL;
		if (sel)
			draw_fill(y, 0, w, base);
		strbuf_reset(&cell);
		strbuf_addch(&cell, ui_is_marked(ui, row->id) ? '*' : ' ');
		ui_add_padded(&cell, row->number ? row->number : "?", 6);
		strbuf_addch(&cell, ' ');
		if (show_date) {
			strbuf_reset(&date);
			if (row->date)
				date_human(&date, row->date, NULL, true);
			ui_add_padded(&cell, row->date ? date.buf : "----------", 10);
			strbuf_addch(&cell, ' ');
		}
		if (show_body) {
			ui_add_padded(&cell, ui_body_short(row->body), bw);
			strbuf_addch(&cell, ' ');
		}
		x = draw_text(y, 0, w, cell.buf, cell.len, base);
		badge = ui_type_badge(row->type, &bs);
		x += draw_text(y, x, w - x, badge, 1, sel ? base : draw_attr(bs));
		x += draw_text(y, x, w - x, " ", 1, base);
		title_end = w - pw - (tw ? tw + 1 : 0);
		if (title_end > x)
			draw_text(y, x, title_end - x, row->title ? row->title : "",
				  row->title ? strlen(row->title) : 0, base);
		if (tw && row->tags && *row->tags && w - pw - tw > x) {
			strbuf_reset(&cell);
			strbuf_addf(&cell, "[%s]", row->tags);
			draw_text(y, w - pw - tw, tw, cell.buf, cell.len,
				  sel ? base : draw_attr(STYLE_TITLE));
		}
		if (pw && row->presenters)
			draw_text(y, w - pw + 1, pw - 1, row->presenters, strlen(row->presenters),
				  sel ? base : draw_attr(STYLE_DIM));
	}
	strbuf_release(&date);
	strbuf_release(&cell);
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
	/* The preview's first row names its case, as the case view's title bar does. */
	{
		const struct case_text *ct = p->data;
		char name[64];

		snprintf(name, sizeof(name), "Sak %s", ct->deck->cases[0].number);
		draw_fill(y0, x0 + 1, w - 1, draw_attr(STYLE_TITLE));
		draw_text(y0, x0 + 2, w - 2, name, strlen(name), draw_attr(STYLE_TITLE));
	}
	view_draw_lines(p, y0 + 1, x0 + 2, h - 1, w - 2, false);
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
	switch (action) {
	case ACT_SORT:
		ui->by_date = !ui->by_date;
		ui_search(ui);
		return true;
	case ACT_FILTER_MEETING:
		if (v->cursor < ui->nrows && ui->results[v->cursor].date) {
			ui_facet_meeting(ui, ui->results[v->cursor].date);
		}
		return true;
	case ACT_MARK:
		if (v->cursor < ui->nrows) {
			ui_mark_toggle(ui, ui->results[v->cursor].id, ui->results[v->cursor].key);
			if (ui->readonly)
				ui_say(ui, P_("%zu case marked", "%zu cases marked", ui->nmarked),
				       ui->nmarked);
			else
				ui_say(ui,
				       P_("%zu case marked: t tags them, X clears",
					  "%zu cases marked: t tags them, X clears", ui->nmarked),
				       ui->nmarked);
			view_move(v, ui->nrows, 1, ui->rows);
			results_selected(ui, v);
		}
		return true;
	case ACT_CLEAR_MARKS:
		ui_say(ui, P_("%zu mark cleared", "%zu marks cleared", ui->nmarked), ui->nmarked);
		ui_marks_clear(ui);
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
	size_t outside = 0, i;

	strbuf_addf(bar, P_("%zu case matches", "%zu cases match", ui->total), ui->total);
	if (!ui->query.text.len && !ui->types && !ui->meeting_date[0])
		strbuf_addstr(bar, _(" (no query: all cases)"));
	if (ui->types || ui->meeting_date[0]) {
		strbuf_addstr(bar, " · ");
		ui_facets_describe(ui, bar);
	}
	if (ui->search_note[0])
		strbuf_addf(bar, " · %s", ui->search_note);
	strbuf_addf(bar, " · %s", ui->by_date ? _("sorted by date") : _("sorted by relevance"));
	if (ui->nrows < ui->total)
		strbuf_addstr(bar, _(" · first 500 shown"));
	/* Marks outlive a new query: say how many there are, and how many the list does not show. */
	if (ui->nmarked) {
		for (i = 0; i < ui->nmarked; i++) {
			size_t r;

			for (r = 0; r < ui->nrows && ui->results[r].id != ui->marked[i].id; r++)
				;
			outside += r == ui->nrows;
		}
		strbuf_addstr(bar, " · ");
		if (outside)
			strbuf_addf(bar,
				    P_("%zu marked (%zu not in this list)",
				       "%zu marked (%zu not in this list)", ui->nmarked),
				    ui->nmarked, outside);
		else
			strbuf_addf(bar, P_("%zu marked", "%zu marked", ui->nmarked), ui->nmarked);
	}
}

const struct view_ops results_view_ops = {
    .kind = VIEW_RESULTS,
    .hints = N_("Enter open  1 2 3 type  x mark  t tag  ? help  q back"),
    .open = results_open,
    .draw = results_draw,
    .rows = results_rows,
    .enter = results_enter,
    .action = results_action,
    .reload = results_reload,
    .selected = results_selected,
    .shown = results_shown,
    .key = results_key,
    .status = results_status,
    .release = results_release,
};
