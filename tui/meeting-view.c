/*
 * meeting-view.c: a meeting: its documents, the agenda (Enter opens a
 * case), who came, stood in and was away, member changes, and its text
 * outside the cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/dates.h"
#include "core/deck.h"
#include "core/meeting.h"
#include "db/store.h"
#include "tui/action.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

/* A line that opens case k: in the agenda's columns, with no time, or in a list of its own. */
static void add_case_line(struct view *v, const struct deck *d, size_t k, bool in_agenda, struct strbuf *sb)
{
	struct tline *l;

	strbuf_reset(sb);
	strbuf_addf(sb, in_agenda ? "         %-6s %s" : "  %-6s %s", d->cases[k].number,
		    d->cases[k].title ? d->cases[k].title : "");
	l = view_add_line(v, sb->buf, STYLE_NORMAL);
	l->case_id = d->cases[k].id;
	l->meeting_id = d->id;
}

/* Whether agenda row i is the last with its case number. */
static bool last_row_of_number(const struct deck *d, size_t i)
{
	size_t j;

	for (j = i + 1; j < d->nagenda; j++)
		if (d->agenda[j].number && !strcmp(d->agenda[j].number, d->agenda[i].number))
			return false;
	return true;
}

static void meeting_layout(struct ui *ui, struct view *v, int width)
{
	const struct deck *d = v->data;
	struct strbuf sb = STRBUF_INIT;
	bool *linked = xcalloc(d->ncases ? d->ncases : 1, sizeof(*linked));
	size_t *opens = xcalloc(d->nagenda ? d->nagenda : 1, sizeof(*opens)); /* 1 + case index; 0: none */
	bool apart = false;
	size_t i, k;

	(void)ui;
	view_clear(v);
	v->built_width = width;
	view_add_wrapped(v, d->heading ? d->heading : d->source, NULL, 0, width, "", STYLE_TITLE);
	date_human(&sb, d->start_date, d->end_date, false);
	strbuf_addf(&sb, " · %s", d->venue ? d->venue : _("venue unknown"));
	/* The documents the meeting is made of, by kind. */
	for (i = 0; i < d->ndocs; i++)
		strbuf_addf(&sb, " · %s %s", doc_kind_label(d->docs[i].kind), d->docs[i].source);
	if (!d->ndocs)
		strbuf_addf(&sb, " · %s", d->source);
	view_add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_DIM);
	view_add_line(v, "", STYLE_NORMAL);
	view_add_line(v, d->nagenda ? _("Agenda") : _("Cases (the deck has no agenda)"), STYLE_TITLE);
	/* Each row opens the first case of its number no row before it opens (a number on two
	 * headings gives two cases, and may have two rows), else the first of its number. */
	for (i = 0; i < d->nagenda; i++)
		for (k = 0; d->agenda[i].number && k < d->ncases; k++)
			if (!strcmp(d->cases[k].number, d->agenda[i].number) && (!opens[i] || !linked[k])) {
				opens[i] = k + 1;
				if (!linked[k]) {
					linked[k] = true;
					break;
				}
			}
	for (i = 0; i < d->nagenda; i++) {
		const struct agenda_item *a = &d->agenda[i];
		struct tline *l;

		if (a->day && (i == 0 || d->agenda[i - 1].day != a->day)) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, " Dag %d", a->day);
			view_add_line(v, sb.buf, STYLE_DIM);
		}
		strbuf_reset(&sb);
		strbuf_addf(&sb, "  %-5s  %-6s %s", a->time ? a->time : "", a->number ? a->number : "",
			    a->title ? a->title : "");
		if (a->presenters)
			strbuf_addf(&sb, " — %s", a->presenters);
		if (a->type)
			strbuf_addf(&sb, " [%s]", decision_type_name(a->type));
		l = view_add_line(v, sb.buf, a->number ? STYLE_NORMAL : STYLE_DIM);
		if (opens[i]) {
			l->case_id = d->cases[opens[i] - 1].id;
			l->meeting_id = d->id;
		}
		/* The further cases of its number no row opens, under the last row of it. */
		for (k = 0; a->number && k < d->ncases; k++)
			if (!linked[k] && !strcmp(d->cases[k].number, a->number) &&
			    last_row_of_number(d, i)) {
				linked[k] = true;
				add_case_line(v, d, k, true, &sb);
			}
	}
	/*
	 * The cases whose number no agenda row has, so that every case of the meeting can be
	 * opened: all of them without an agenda; else a case section the agenda left out, or an
	 * archive imported before the agendas of a meeting's documents were joined (core/meeting.c).
	 */
	for (k = 0; k < d->ncases; k++) {
		if (linked[k])
			continue;
		if (d->nagenda && !apart) {
			view_add_line(v, "", STYLE_NORMAL);
			view_add_line(v, _("Not on the agenda"), STYLE_TITLE);
		}
		apart = true;
		add_case_line(v, d, k, false, &sb);
	}
	free(linked);
	free(opens);
	/* Who came, by role, as the minutes (or else the notice) list them. */
	for (k = ROLE_MEMBER; k <= ROLE_SECRETARIAT; k++) {
		bool any = false;

		for (i = 0; i < d->nattendance; i++) {
			const struct attendee *a = &d->attendance[i];

			if (a->role != (enum attendee_role)k)
				continue;
			if (!any) {
				view_add_line(v, "", STYLE_NORMAL);
				view_add_line(v, attendee_role_label((enum attendee_role)k), STYLE_TITLE);
				any = true;
			}
			strbuf_reset(&sb);
			strbuf_addf(&sb, "  %s", a->name);
			if (a->organization)
				strbuf_addf(&sb, " (%s)", a->organization);
			if (a->for_name) {
				strbuf_addstr(&sb, " — ");
				strbuf_addf(&sb, _("for %s"), a->for_name);
			}
			if (a->note)
				strbuf_addf(&sb, " — %s", a->note);
			view_add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_NORMAL);
		}
	}
	if (d->nmembers) {
		view_add_line(v, "", STYLE_NORMAL);
		view_add_line(v, _("Member changes"), STYLE_TITLE);
		for (i = 0; i < d->nmembers; i++) {
			const struct member_change *m = &d->members[i];
			strbuf_reset(&sb);
			strbuf_addf(&sb, "  %s: %s",
				    !strcmp(m->kind, "substitute") ? _("substitute") : _("new member"),
				    m->person ? m->person : "?");
			if (m->organization)
				strbuf_addf(&sb, ", %s", m->organization);
			if (m->replaces) {
				strbuf_addstr(&sb, " (");
				strbuf_addf(&sb, _("for %s"), m->replaces);
				strbuf_addch(&sb, ')');
			}
			if (m->note)
				strbuf_addf(&sb, " — %s", m->note);
			view_add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_NORMAL);
		}
	}
	/* The text outside the cases (title, members and break slides, an unnumbered Eventuelt):
	 * where a search no case answers found its words (db/outside.h), so it is shown here. */
	if (d->nother) {
		view_add_line(v, "", STYLE_NORMAL);
		view_add_line(v, _("Outside the cases"), STYLE_TITLE);
		for (i = 0; i < d->nother; i++) {
			const struct slide *o = &d->other[i];

			if (o->page) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "  %s", o->page);
				view_add_line(v, sb.buf, STYLE_DIM);
			}
			view_add_wrapped(v, o->text, NULL, 0, width, "    ", STYLE_NORMAL);
		}
	}
	strbuf_release(&sb);
}

static struct view *meeting_open(struct ui *ui, const struct view_target *target)
{
	struct deck *d = NULL;
	struct vt_diag diag;
	struct view *v;

	if (store_load_meeting(ui->store, target->meeting_id, &d, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		return NULL;
	}
	v = view_new(&meeting_view_ops, _("Meeting"));
	v->data = d;
	meeting_layout(ui, v, ui->cols);
	/* The cursor starts on the case it was opened from (A in a case), else on the first case. */
	for (v->cursor = 0; v->cursor < v->nlines; v->cursor++)
		if (target->case_id ? v->lines[v->cursor].case_id == target->case_id
				    : v->lines[v->cursor].case_id != 0)
			break;
	if (v->cursor == v->nlines)
		v->cursor = 0;
	return v;
}

static void meeting_enter(struct ui *ui, struct view *v)
{
	const struct tline *l = v->cursor < v->nlines ? &v->lines[v->cursor] : NULL;

	if (l && l->case_id) {
		struct view_target t = {l->meeting_id, l->case_id};
		ui_open(ui, VIEW_CASE, &t);
	}
}

static bool meeting_action(struct ui *ui, struct view *v, int action)
{
	const struct deck *d = v->data;

	if (action != ACT_FILTER_MEETING)
		return false;
	if (d->start_date)
		ui_facet_meeting(ui, d->start_date);

	return true;
}

static void meeting_release(struct view *v)
{
	deck_free(v->data);
}

const struct view_ops meeting_view_ops = {
    .kind = VIEW_MEETING,
    .hints = N_("Enter open case  / search  ? help  q back"),
    .open = meeting_open,
    .layout = meeting_layout,
    .rewraps = true,
    .enter = meeting_enter,
    .action = meeting_action,
    .release = meeting_release,
};
