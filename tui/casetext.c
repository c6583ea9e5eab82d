/*
 * casetext.c: loading a case with its tags and notes, and laying it out:
 * title, meeting, type, presenters, tags, notes, the proposed and the
 * recorded decision with what changed, the slides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/deck.h"
#include "core/i18n.h"
#include "core/snippet.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/worddiff.h"
#include "db/store.h"
#include "db/tags.h"
#include "db/topics.h"
#include "tui/casetext.h"
#include "tui/view.h"
#include "core/banned.h"

struct case_text *case_text_load(struct store *s, long meeting_id, long case_id, char *error, size_t size)
{
	struct case_text *ct;
	struct deck *d = NULL;
	struct vt_diag diag;

	if (store_load_case(s, meeting_id, case_id, &d, &diag) != VT_OK) {
		snprintf(error, size, "%s", diag.msg);
		return NULL;
	}
	ct = xcalloc(1, sizeof(*ct));
	ct->deck = d;
	ct->key = deck_case_key(d, &d->cases[0]);
	case_text_reload(s, ct);
	return ct;
}

void case_text_reload(struct store *s, struct case_text *ct)
{
	struct vt_diag diag;

	free(ct->tags);
	ct->tags = NULL;
	notes_free(ct->notes, ct->nnotes);
	ct->notes = NULL;
	ct->nnotes = 0;
	if (store_case_tags(s, ct->key, &ct->tags, &diag) != VT_OK)
		ct->tags = NULL;
	if (store_case_notes(s, ct->key, &ct->notes, &ct->nnotes, &diag) != VT_OK) {
		ct->notes = NULL;
		ct->nnotes = 0;
	}
	history_rows_free(ct->history, ct->nhistory);
	ct->history = NULL;
	ct->nhistory = 0;
	/* A history is worth less than the case: when it cannot be had, the case shows without it. */
	if (store_update_topics(s, NULL, &diag) != VT_OK ||
	    store_topic_history(s, NULL, ct->deck->cases[0].id, &ct->history, &ct->nhistory, &diag) !=
		VT_OK) {
		ct->history = NULL;
		ct->nhistory = 0;
	}
}

void case_text_free(struct case_text *ct)
{
	if (!ct)
		return;
	deck_free(ct->deck);
	free(ct->key);
	free(ct->tags);
	notes_free(ct->notes, ct->nnotes);
	history_rows_free(ct->history, ct->nhistory);
	free(ct);
}

/*
 * The recorded decision against the proposal, as `vedtak show` prints it
 * when piped ("[-removed-]{+added+}"), the changed words highlighted as
 * hits are, so that they show with and without colour.
 */
static void add_decision_diff(struct view *v, const char *proposed, const char *recorded, int width)
{
	static const char *const plain[4] = {"[-", "-]", "{+", "+}"};
	struct word_diff wd;
	struct strbuf sb = STRBUF_INIT;
	struct hit *hits = NULL;
	size_t nh = 0, alloc = 0;

	word_diff(&wd, proposed, recorded);
	if (!word_diff_same(&wd)) {
		word_diff_render(&sb, &wd, plain, &hits, &nh, &alloc);
		view_add_line(v, "", STYLE_NORMAL);
		view_add_line(v, _("Changed from the proposal:"), STYLE_TITLE);
		view_add_wrapped(v, sb.buf, hits, nh, width, "  │ ", STYLE_NORMAL);
	}
	free(hits);
	strbuf_release(&sb);
	word_diff_release(&wd);
}

/*
 * The topic's cases under the decision, this one marked, each with the
 * first line of its decision: what the other meetings and committees said.
 */
static void add_history(struct view *v, const struct case_text *ct, long case_id, int width)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	view_add_line(v, "", STYLE_NORMAL);
	strbuf_addf(&sb,
		    P_("Topic: %zu case · Enter goes to the next",
		       "Topic: %zu cases · Enter goes to the next", ct->nhistory),
		    ct->nhistory);
	view_add_line(v, sb.buf, STYLE_TITLE);
	for (i = 0; i < ct->nhistory; i++) {
		const struct history_row *r = &ct->history[i];
		size_t first = v->nlines;

		strbuf_reset(&sb);
		date_human(&sb, r->start_date, NULL, true);
		strbuf_addf(&sb, "  %s %s  %s  %s", history_row_body(r), r->number,
			    r->type ? decision_type_name(r->type) : "-", r->title ? r->title : "");
		view_add_wrapped(v, sb.buf, NULL, 0, width, "  ",
				 r->case_id == case_id ? STYLE_TITLE : STYLE_NORMAL);
		/* This case is marked by more than colour, for NO_COLOR. */
		if (r->case_id == case_id && first < v->nlines) {
			char *marked = xasprintf("▸ %s", v->lines[first].text + 2);
			free(v->lines[first].text);
			v->lines[first].text = marked;
		}
		if (r->decision && *r->decision) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s %.*s", r->recorded ? _("Decided:") : _("Proposed:"),
				    (int)history_row_decision_line(r), r->decision);
			view_add_wrapped(v, sb.buf, NULL, 0, width, "    ", STYLE_DIM);
		}
	}
	strbuf_release(&sb);
}

void case_text_layout(const struct case_text *ct, struct matcher *m, struct view *v, int width)
{
	const struct deck *d = ct->deck;
	const struct deck_case *c = &d->cases[0];
	struct strbuf sb = STRBUF_INIT;
	struct hit *hits = NULL;
	size_t nh = 0, alloc = 0, i;

	view_clear(v);
	v->built_width = width;
#define HITS(text)                                                                                           \
	do {                                                                                                 \
		nh = 0;                                                                                      \
		if (m && (text))                                                                             \
			matcher_hits(m, (text), strlen(text), &hits, &nh, &alloc);                           \
	} while (0)
	HITS(c->title);
	view_add_wrapped(v, c->title ? c->title : _("(untitled)"), hits, nh, width, "", STYLE_TITLE);
	strbuf_addf(&sb, "Sak %s · %s · ", c->number, d->body ? d->body : "?");
	date_human(&sb, d->start_date, d->end_date, false);
	if (d->venue)
		strbuf_addf(&sb, " · %s", d->venue);
	view_add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_DIM);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s %s", _("Type:"), case_type_text(c) ? case_type_text(c) : _("unknown"));
	if (c->type_source)
		strbuf_addf(&sb, " (%s)", decision_source_label(c->type_source));
	if (c->day) {
		strbuf_addstr(&sb, " · ");
		strbuf_addf(&sb, _("day %d"), c->day);
	}
	if (c->time)
		strbuf_addf(&sb, " · %s", c->time);
	view_add_line(v, sb.buf, STYLE_NORMAL);
	if (c->npresenters) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s ", _("Presenters:"));
		for (i = 0; i < c->npresenters; i++)
			strbuf_addf(&sb, "%s%s%s%s%s", i ? "; " : "", c->presenters[i].name,
				    c->presenters[i].organization ? " (" : "",
				    c->presenters[i].organization ? c->presenters[i].organization : "",
				    c->presenters[i].organization ? ")" : "");
		HITS(sb.buf);
		view_add_wrapped(v, sb.buf, hits, nh, width, "", STYLE_NORMAL);
	}
	if (c->agenda_title && (!c->title || strcmp(c->title, c->agenda_title))) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", _("Agenda title:"), c->agenda_title);
		view_add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_DIM);
	}
	if (ct->tags && *ct->tags) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", _("Tags:"), ct->tags);
		view_add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_TITLE);
	}
	if (ct->nnotes) {
		view_add_line(v, _("Notes"), STYLE_TITLE);
		for (i = 0; i < ct->nnotes; i++) {
			char when[32];

			strbuf_reset(&sb);
			date_time_local(ct->notes[i].at, when, sizeof(when));
			strbuf_addf(&sb, "%s %s:", when, ct->notes[i].author);
			view_add_wrapped(v, sb.buf, NULL, 0, width, "  ", STYLE_DIM);
			view_add_wrapped(v, ct->notes[i].text, NULL, 0, width, "    ", STYLE_NORMAL);
		}
	}
	view_add_line(v, "", STYLE_NORMAL);
	view_add_line(v, c->amended ? "Forslag til vedtak (endret)" : "Forslag til vedtak", STYLE_TITLE);
	HITS(c->decision);
	view_add_wrapped(v, c->decision ? c->decision : _("(none in the documents)"), hits, nh, width, "  │ ",
			 STYLE_NORMAL);
	if (c->recorded) {
		view_add_line(v, "", STYLE_NORMAL);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Vedtak (%s)", c->recorded_source ? c->recorded_source : "?");
		view_add_line(v, sb.buf, STYLE_TITLE);
		HITS(c->recorded);
		view_add_wrapped(v, c->recorded, hits, nh, width, "  │ ", STYLE_NORMAL);
	}
	if (c->recorded && c->decision)
		add_decision_diff(v, c->decision, c->recorded, width);
	if (c->outcome) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", _("Outcome:"), outcome_label(c->outcome));
		view_add_line(v, "", STYLE_NORMAL);
		view_add_line(v, sb.buf, STYLE_NORMAL);
	}
	if (ct->nhistory > 1)
		add_history(v, ct, c->id, width);
	for (i = 0; i < c->nslides; i++) {
		const struct slide *s = &c->slides[i];

		view_add_line(v, "", STYLE_NORMAL);
		strbuf_reset(&sb);
		if (s->page)
			strbuf_addf(&sb, "── %s ", s->page);
		else {
			strbuf_addstr(&sb, "── ");
			strbuf_addf(&sb, _("slide %zu"), i + 1);
			strbuf_addch(&sb, ' ');
		}
		while (draw_width(sb.buf, sb.len) < width - 1 && sb.len < 600)
			strbuf_addstr(&sb, "─");
		view_add_line(v, sb.buf, STYLE_DIM)->slide = true;
		HITS(s->text);
		view_add_wrapped(v, s->text, hits, nh, width, "", STYLE_NORMAL);
	}
#undef HITS
	free(hits);
	strbuf_release(&sb);
}
