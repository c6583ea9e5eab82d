/*
 * meetings-view.c: the start screen: saved searches and tags with live
 * counts, then the meetings, newest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/dates.h"
#include "core/query.h"
#include "db/looks.h"
#include "db/search.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/bounds.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

/* Meetings read for the first screen, and then at a time. */
#define MEETINGS_FIRST 200
#define MEETINGS_PART  1000

/* The width of "case" in the user's language, singular or plural, whichever is wider. */
static int case_word_width(void)
{
	const char *one = P_("case", "cases", 1), *many = P_("case", "cases", 2);
	int w1 = draw_width(one, strlen(one)), w2 = draw_width(many, strlen(many));

	return w1 > w2 ? w1 : w2;
}

/* How far the meetings are read (the view's data). */
struct meetings_read {
	size_t done; /* meetings read */
	bool failed; /* the status line says why */
};

/*
 * The next part of the meetings, newest first. An archive of 23,000
 * meetings is read a part at a time (the first screen does not wait for
 * the last line), the rest as the cursor nears it and while no key waits.
 */

static void meetings_more(struct ui *ui, struct view *v)
{
	struct meetings_read *r = v->data;
	size_t n = 0, i;
	struct meeting_row *rows = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct vt_diag diag;
	int width = case_word_width();

	if (store_meeting_rows(ui->store, r->done, r->done ? MEETINGS_PART : MEETINGS_FIRST, &rows, &n,
			       &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		r->failed = true;
		v->partial = false;
		return;
	}
	for (i = 0; i < n; i++) {
		struct tline *l;

		strbuf_reset(&sb);
		date_human(&sb, rows[i].start_date, rows[i].end_date, true);
		while (draw_width(sb.buf, sb.len) < 21) /* "2022-12-31–2023-01-01" */
			strbuf_addch(&sb, ' ');
		strbuf_addf(&sb, "  %-6s %3d ", ui_body_short(rows[i].body), rows[i].ncases);
		/* Singular and plural take the same width, so the venues line up. */
		ui_add_padded(&sb, P_("case", "cases", rows[i].ncases), width);
		strbuf_addf(&sb, "  %s", rows[i].venue ? rows[i].venue : "");
		l = view_add_line(v, sb.buf, STYLE_NORMAL);
		l->meeting_id = rows[i].id;
	}
	r->done += n;
	v->partial = n == (r->done == n ? MEETINGS_FIRST : MEETINGS_PART);
	meeting_rows_free(rows, n);
	strbuf_release(&sb);
}

static void meetings_release(struct view *v)
{
	free(v->data);
	v->data = NULL;
	v->partial = false;
}

/* Saved searches and tags with their counts, then the meetings. */
static void meetings_load(struct ui *ui, struct view *v)
{
	struct saved *saved = NULL;
	struct tag_count *tags = NULL;
	struct meetings_read *progress;
	struct vt_diag diag;
	size_t nsaved = 0, ntags = 0, i;
	struct strbuf sb = STRBUF_INIT;

	if (store_saved_list(ui->store, &saved, &nsaved, &diag) == VT_OK && nsaved) {
		/* -1: the query failed. */
		long *total = xcalloc(nsaved, sizeof(long)), *fresh = xcalloc(nsaved, sizeof(long));
		char **notes = xcalloc(nsaved, sizeof(char *));
		int note_width = 0;

		for (i = 0; i < nsaved; i++) {
			struct search_opts o = {.count_only = true, .deadline_ms = UI_SEARCH_DEADLINE_MS};
			struct search_result res = {0}, since = {0};
			struct query *q = NULL;

			total[i] = fresh[i] = -1;
			if (query_compile(saved[i].query, &q, &diag) == VT_OK &&
			    store_search(ui->store, q, &o, &res, &diag) == VT_OK) {
				total[i] = (long)res.total;
				/* As a mail reader shows unread mail: what arrived since the search was last
				 * opened. */
				o.since_look = saved[i].name;
				if (store_search(ui->store, q, &o, &since, &diag) == VT_OK)
					fresh[i] = (long)since.total;
			}
			if (fresh[i] > 0) {
				int w;
				notes[i] = xasprintf(P_("%ld new", "%ld new", fresh[i]), fresh[i]);
				w = draw_width(notes[i], strlen(notes[i]));
				note_width = w > note_width ? w : note_width;
			}
			search_result_release(&res);
			search_result_release(&since);
			query_free(q);
		}
		view_add_line(v, _("Saved searches"), STYLE_TITLE);
		for (i = 0; i < nsaved; i++) {
			struct tline *l;

			strbuf_reset(&sb);
			strbuf_addstr(&sb, "  ");
			ui_add_padded(&sb, saved[i].name, 20);
			if (total[i] >= 0)
				strbuf_addf(&sb, " %5ld  ", total[i]);
			else
				strbuf_addstr(&sb, "     ?  ");
			/* The column is there only when some search has news. */
			if (note_width) {
				ui_add_padded(&sb, notes[i] ? notes[i] : "", note_width);
				strbuf_addstr(&sb, "  ");
			}
			strbuf_addstr(&sb, saved[i].query);
			l = view_add_line(v, sb.buf, fresh[i] > 0 ? STYLE_TITLE : STYLE_NORMAL);
			l->search = xstrdup(saved[i].query);
			l->saved = xstrdup(saved[i].name);
			free(notes[i]);
		}
		free(notes);
		free(total);
		free(fresh);
	}
	if (store_tag_counts(ui->store, &tags, &ntags, &diag) == VT_OK && ntags) {
		view_add_line(v, _("Tags"), STYLE_TITLE);
		for (i = 0; i < ntags; i++) {
			struct tline *l;

			strbuf_reset(&sb);
			strbuf_addstr(&sb, "  ");
			ui_add_padded(&sb, tags[i].tag, 20);
			strbuf_addf(&sb, " %5d ", tags[i].cases);
			strbuf_addstr(&sb, P_("case", "cases", tags[i].cases));
			l = view_add_line(v, sb.buf, STYLE_NORMAL);
			l->search = xasprintf("tag:%s", tags[i].tag);
		}
	}
	saved_free(saved, nsaved);
	tag_counts_free(tags, ntags);
	if (v->nlines)
		view_add_line(v, _("Meetings"), STYLE_TITLE);
	strbuf_release(&sb);
	v->data = progress = xcalloc(1, sizeof(*progress));
	v->partial = true;
	meetings_more(ui, v);
	if (!progress->done && !progress->failed) {
		/* An empty database says how to fill it (the first start fills it with the samples). */
		view_add_line(v, _("No meetings yet."), STYLE_TITLE);
		view_add_line(v, _("Import documents (PDF or text, or a folder of them) with:"),
			      STYLE_NORMAL);
		view_add_line(v, _("  vedtak import FILE…"), STYLE_NORMAL);
	}
}

static struct view *meetings_open(struct ui *ui, const struct view_target *target)
{
	struct view *v = view_new(&meetings_view_ops, _("Meetings"));

	(void)target;
	meetings_load(ui, v);
	/* The cursor starts on the first line that opens something. */
	view_cursor_to_target(v, 0);
	return v;
}

static void meetings_reload(struct ui *ui, struct view *v)
{
	const struct tline *l = v->cursor < v->nlines ? &v->lines[v->cursor] : NULL;
	long meeting = l ? l->meeting_id : 0;
	char *search = l && l->search ? xstrdup(l->search) : NULL;
	size_t cursor = v->cursor, i;

	view_clear(v);
	meetings_release(v);
	v->cursor = 0;
	meetings_load(ui, v);
	/* The cursor stays on what it was on (a meeting, a saved search, a tag) when that is still there. */
	for (i = 0; meeting || search; i++) {
		if (i == v->nlines)
			ui_view_fill(ui, v, i);
		if (i == v->nlines)
			break;
		if ((meeting && v->lines[i].meeting_id == meeting) ||
		    (search && v->lines[i].search && !strcmp(v->lines[i].search, search)))
			break;
		/* Saved searches and tags come before the meetings: no need to read them all. */
		if (!meeting && v->lines[i].meeting_id) {
			i = v->nlines;
			break;
		}
	}
	if ((meeting || search) && i < v->nlines) {
		v->cursor = i;
	} else if (cursor < v->nlines) {
		v->cursor = cursor;
		view_cursor_to_nearest_target(v, 1);
	} else {
		view_cursor_to_target(v, 0);
	}
	free(search);
}

static void meetings_enter(struct ui *ui, struct view *v)
{
	const struct tline *l = v->cursor < v->nlines ? &v->lines[v->cursor] : NULL;

	if (l && l->search) {
		/* Copied: a reload below frees the lines. */
		char *query = xstrdup(l->search);

		if (l->saved) {
			char *what = xasprintf("saved:%s", l->saved);
			struct vt_diag diag;

			/* Its new cases are now seen: the start screen says so when the user comes back. */
			if (store_look(ui->store, what, NULL, &diag) != VT_OK)
				ui_say(ui, "%s", diag.msg);
			else
				meetings_reload(ui, v);
			free(what);
		}
		ui_search_for(ui, query);
		free(query);
	} else if (l && l->meeting_id) {
		struct view_target t = {l->meeting_id, 0};
		ui_open(ui, VIEW_MEETING, &t);
	}
}

const struct view_ops meetings_view_ops = {
    .kind = VIEW_MEETINGS,
    .targets_only = true,
    .hints = N_("Enter open  / search  p presenters  ? help  q quit"),
    .open = meetings_open,
    .enter = meetings_enter,
    .reload = meetings_reload,
    .more = meetings_more,
    .release = meetings_release,
};
