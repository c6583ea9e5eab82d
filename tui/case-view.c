/*
 * case-view.c: one case in full, a text to page through, with the
 * query's hits marked and n/N to move between them.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/deck.h"
#include "tui/casetext.h"
#include "tui/keys.h"
#include "tui/outside.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

static struct view *case_open(struct ui *ui, const struct view_target *target)
{
	struct case_text *ct =
	    case_text_load(ui->store, target->meeting_id, target->case_id, ui->status, sizeof(ui->status));
	char title[64];
	struct view *v;

	if (!ct)
		return NULL;
	snprintf(title, sizeof(title), "Sak %s", ct->deck->cases[0].number);
	v = view_new(&case_view_ops, title);
	v->data = ct;
	return v;
}

static void case_layout(struct ui *ui, struct view *v, int width)
{
	case_text_layout(v->data, ui->matcher, v, width);
}

static void case_reload(struct ui *ui, struct view *v)
{
	case_text_reload(ui->store, v->data);
	v->built_width = 0;
}

static char *case_key(struct ui *ui, struct view *v)
{
	const struct case_text *ct = v->data;

	(void)ui;
	return xstrdup(ct->key);
}

/* Scrolls a case to its next (or previous) line with a hit, two lines below the top. */
static void jump_hit(struct ui *ui, struct view *v, bool forward)
{
	size_t from = v->top + 2, i;

	if (forward) {
		for (i = from + 1; i < v->nlines; i++)
			if (v->lines[i].nhits)
				break;
		if (i >= v->nlines) {
			ui_say(ui, "%s", _("no further hit"));
			return;
		}
	} else {
		for (i = from < v->nlines ? from : v->nlines; i-- > 0;)
			if (v->lines[i].nhits)
				break;
		if (i == (size_t)-1 || !v->lines[i].nhits) {
			ui_say(ui, "%s", _("no earlier hit"));
			return;
		}
	}
	v->top = i > 2 ? i - 2 : 0;
}

static bool case_action(struct ui *ui, struct view *v, int action)
{
	const struct case_text *ct = v->data;

	switch (action) {
	case ACT_NEXT_HIT:
	case ACT_PREV_HIT:
		jump_hit(ui, v, action == ACT_NEXT_HIT);
		return true;
	case ACT_OPEN_SOURCE:
		outside_open_source(ui, ct->deck);
		return true;
	case ACT_FILTER_MEETING:
		if (ct->deck->start_date) {
			char token[32];
			snprintf(token, sizeof(token), "date:%s", ct->deck->start_date);
			ui_toggle_token(ui, token);
		}
		return true;
	}
	return false;
}

static void case_status(struct ui *ui, struct view *v, struct strbuf *bar)
{
	strbuf_addf(bar, _("line %zu of %zu"), v->nlines ? v->top + 1 : 0, v->nlines);
	if (ui->matcher)
		strbuf_addstr(bar, _(" · n/N: next/previous hit"));
}

static void case_release(struct view *v)
{
	case_text_free(v->data);
}

const struct view_ops case_view_ops = {
    .kind = VIEW_CASE,
    .text = true,
    .hints = N_("? help  / search  q back"),
    .open = case_open,
    .layout = case_layout,
    .action = case_action,
    .reload = case_reload,
    .key = case_key,
    .status = case_status,
    .release = case_release,
};
