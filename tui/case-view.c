/*
 * case-view.c: one case in full, a pager as less is: Space/b and Ctrl-F/B
 * a page, Ctrl-D/U half a page, [ ] a slide, / finds in the case, n/N
 * go from hit to hit (the search's, or the find's) and wrap around, the
 * status line counting them ("hit 2 of 5"). A shows the case's meeting,
 * P its presenters' other cases, Enter the next case of its topic.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deck.h"
#include "core/i18n.h"
#include "core/query.h"
#include "core/snippet.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/topics.h"
#include "tui/action.h"
#include "tui/casetext.h"
#include "tui/edits.h"
#include "tui/outside.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

struct case_view {
	struct case_text *ct;
	struct query *find; /* what / found in the case; NULL: the search's hits */
	struct matcher *finder;
	size_t hit; /* the current hit, from 1; 0: none chosen yet */
};

static struct view *case_open(struct ui *ui, const struct view_target *target)
{
	struct case_text *ct =
	    case_text_load(ui->store, target->meeting_id, target->case_id, ui->status, sizeof(ui->status));
	struct case_view *cv;
	char title[64];
	struct view *v;

	if (!ct)
		return NULL;
	snprintf(title, sizeof(title), "Sak %s", ct->deck->cases[0].number);
	v = view_new(&case_view_ops, title);
	cv = xcalloc(1, sizeof(*cv));
	cv->ct = ct;
	v->data = cv;
	return v;
}

static void case_layout(struct ui *ui, struct view *v, int width)
{
	struct case_view *cv = v->data;

	case_text_layout(cv->ct, cv->finder ? cv->finder : ui->matcher, v, width);
}

static void case_reload(struct ui *ui, struct view *v)
{
	struct case_view *cv = v->data;

	case_text_reload(ui->store, cv->ct);
	v->built_width = 0;
}

static char *case_key(struct ui *ui, struct view *v)
{
	const struct case_view *cv = v->data;

	(void)ui;
	return xstrdup(cv->ct->key);
}

static size_t count_hits(const struct view *v)
{
	size_t i, n = 0;

	for (i = 0; i < v->nlines; i++)
		n += v->lines[i].nhits;
	return n;
}

/* The line that holds hit number `hit` (from 1). */
static size_t line_of_hit(const struct view *v, size_t hit)
{
	size_t i, n = 0;

	for (i = 0; i < v->nlines; i++) {
		n += v->lines[i].nhits;
		if (n >= hit)
			return i;
	}
	return 0;
}

/* Whether the current hit's line is on the screen (the case view has all rows but its two bars). */
static bool hit_on_screen(struct ui *ui, const struct view *v)
{
	const struct case_view *cv = v->data;
	size_t line = line_of_hit(v, cv->hit), rows = ui->rows > 2 ? (size_t)ui->rows - 2 : 1;

	return cv->hit && line >= v->top && line < v->top + rows;
}

/*
 * The next (or previous) hit: from the current one, or from the top of
 * the screen when none is chosen; after the last comes the first. The
 * hit's line is put two lines below the top.
 */
static void jump_hit(struct ui *ui, struct view *v, bool forward)
{
	struct case_view *cv = v->data;
	size_t total = count_hits(v), i, before = 0;

	if (!total) {
		ui_say(ui, "%s", _("no hits in this case: / finds a word in it"));
		return;
	}
	/* Paged away from the current hit: on from the screen, as less searches on from its page. */
	if (cv->hit && !hit_on_screen(ui, v))
		cv->hit = 0;
	if (!cv->hit) {
		/* The hits above the screen's third line. */
		for (i = 0; i < v->nlines && i < v->top + 3; i++)
			before += v->lines[i].nhits;
		cv->hit = forward ? before + 1 : before;
	} else {
		cv->hit = forward ? cv->hit + 1 : cv->hit - 1;
	}
	if (cv->hit > total) {
		cv->hit = 1;
		ui_say(ui, _("hit %zu of %zu (from the top)"), cv->hit, total);
	} else if (cv->hit < 1) {
		cv->hit = total;
		ui_say(ui, _("hit %zu of %zu (from the bottom)"), cv->hit, total);
	}
	i = line_of_hit(v, cv->hit);
	v->top = i > 2 ? i - 2 : 0;
	v->current_hit = cv->hit;
}

/* The next (or previous) slide's first line at the top. */
static void jump_slide(struct ui *ui, struct view *v, bool forward)
{
	size_t i;

	if (forward) {
		for (i = v->top + 1; i < v->nlines && !v->lines[i].slide; i++)
			;
		if (i >= v->nlines) {
			ui_say(ui, "%s", _("no further slide"));
			return;
		}
	} else {
		for (i = v->top; i-- > 0 && !v->lines[i].slide;)
			;
		if (i == (size_t)-1) {
			ui_say(ui, "%s", _("no earlier slide"));
			return;
		}
	}
	v->top = i;
}

/* P: the cases of this case's presenters, as a search. */
static void presenters_cases(struct ui *ui, const struct deck_case *c)
{
	struct strbuf q = STRBUF_INIT;
	size_t i;

	if (!c->npresenters) {
		ui_say(ui, "%s", _("the case names no presenters"));
		return;
	}
	for (i = 0; i < c->npresenters; i++) {
		const char *p;

		strbuf_addstr(&q, i ? " OR presenter:\"" : "presenter:\"");
		/* A quote inside a name would end the phrase: it is left out. */
		for (p = c->presenters[i].name; *p; p++)
			if (*p != '"')
				strbuf_addch(&q, *p);
		strbuf_addch(&q, '"');
	}
	ui_search_for(ui, q.buf);
	strbuf_release(&q);
}

static bool case_action(struct ui *ui, struct view *v, int action)
{
	struct case_view *cv = v->data;
	const struct deck *d = cv->ct->deck;

	switch (action) {
	case ACT_SEARCH:
		edits_start(ui, v, ACT_FIND);
		return true;
	case ACT_NEXT_HIT:
	case ACT_PREV_HIT:
		jump_hit(ui, v, action == ACT_NEXT_HIT);
		return true;
	case ACT_NEXT_SLIDE:
	case ACT_PREV_SLIDE:
		jump_slide(ui, v, action == ACT_NEXT_SLIDE);
		return true;
	case ACT_AGENDA: {
		struct view_target t = {d->id, d->cases[0].id};
		ui_open(ui, VIEW_MEETING, &t);
		return true;
	}
	case ACT_PRESENTER_CASES:
		presenters_cases(ui, &d->cases[0]);
		return true;
	case ACT_OPEN_SOURCE:
		outside_open_source(ui, d);
		return true;
	case ACT_FILTER_MEETING:
		if (d->start_date)
			ui_facet_meeting(ui, d->start_date);
		return true;
	}
	return false;
}

/* Enter: the next case of the topic, after the last the first again. */
static void case_enter(struct ui *ui, struct view *v)
{
	const struct case_view *cv = v->data;
	const struct case_text *ct = cv->ct;
	struct view_target t;
	size_t i;

	if (ct->nhistory < 2) {
		ui_say(ui, "%s", _("this case is a topic of its own: no other meeting took it up"));
		return;
	}
	for (i = 0; i < ct->nhistory && ct->history[i].case_id != ct->deck->cases[0].id; i++)
		;
	i = i + 1 < ct->nhistory ? i + 1 : 0;
	t.meeting_id = ct->history[i].meeting_id;
	t.case_id = ct->history[i].case_id;
	ui_open(ui, VIEW_CASE, &t);
}

/* Enter in the find prompt: the case's hits are the found words now (empty: the search's again). */
static void case_find(struct ui *ui, struct view *v, const char *text)
{
	struct case_view *cv = v->data;
	struct query *q = NULL;
	struct vt_diag diag;

	if (*text && query_compile(text, &q, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		return;
	}
	matcher_free(cv->finder);
	query_free(cv->find);
	cv->find = q;
	cv->finder = q ? matcher_new(q) : NULL;
	cv->hit = v->current_hit = 0;
	v->top = 0;
	case_layout(ui, v, v->built_width ? v->built_width : ui->cols);
	if (!count_hits(v)) {
		ui_say(ui, _("%s is not in this case"), text);
	} else if (*text) {
		/* A new find starts at its first hit. */
		size_t line = line_of_hit(v, 1);

		cv->hit = v->current_hit = 1;
		v->top = line > 2 ? line - 2 : 0;
	}
}

/* The lines, the current hit drawn as the selection while it is on the screen. */
static void case_draw(struct ui *ui, struct view *v, int y, int h, int w)
{
	const struct case_view *cv = v->data;

	v->current_hit = hit_on_screen(ui, v) ? cv->hit : 0;
	view_draw_lines(v, y, 0, h, w, false);
}

static void case_status(struct ui *ui, struct view *v, struct strbuf *bar)
{
	struct case_view *cv = v->data;
	size_t total = count_hits(v);

	(void)ui;
	strbuf_addf(bar, _("line %zu of %zu"), v->nlines ? v->top + 1 : 0, v->nlines);
	if (cv->find)
		strbuf_addstr(bar, _(" · found"));
	if (total && v->current_hit)
		strbuf_addf(bar, _(" · hit %zu of %zu"), cv->hit, total);
	else if (total)
		strbuf_addf(bar,
			    P_(" · %zu hit: n/N go to it", " · %zu hits: n/N go from one to the next", total),
			    total);
}

static void case_release(struct view *v)
{
	struct case_view *cv = v->data;

	case_text_free(cv->ct);
	matcher_free(cv->finder);
	query_free(cv->find);
	free(cv);
}

const struct view_ops case_view_ops = {
    .kind = VIEW_CASE,
    .text = true,
    .hints = N_("/ find  n N hit  [ ] slide  A agenda  ? help  q back"),
    .open = case_open,
    .layout = case_layout,
    .rewraps = true,
    .draw = case_draw,
    .action = case_action,
    .reload = case_reload,
    .key = case_key,
    .status = case_status,
    .find = case_find,
    .enter = case_enter,
    .release = case_release,
};
