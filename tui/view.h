/*
 * view.h: a view of the UI, as tig builds them: a list of lines with a
 * cursor (rows to select) or a text to scroll, and a table of functions
 * (struct view_ops) that makes one kind of view what it is. Each kind
 * lives in its own file (meetings-view.c, results-view.c, case-view.c,
 * meeting-view.c, presenters-view.c, help-view.c). A view loads what it
 * shows when it is opened, reloaded or its selection changes; laying out
 * and drawing never query the database.
 */
#ifndef VEDTAK_VIEW_H
#define VEDTAK_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/draw.h"

struct ui;
struct strbuf;
struct hit;

enum view_kind {
	VIEW_MEETINGS,
	VIEW_RESULTS,
	VIEW_CASE,
	VIEW_MEETING,
	VIEW_PRESENTERS,
	VIEW_HELP,
	VIEW_CHARTS,
	VIEW_KINDS
};

/* One line of a view: its text, style and hits, and what Enter on it opens. */
struct tline {
	char *text;
	enum draw_style style;
	struct hit *hits;
	size_t nhits;
	long case_id, meeting_id; /* a case, or a meeting when case_id is 0 */
	char *search;		  /* or the query Enter runs */
	char *saved;		  /* the saved search's name, on its line */
	bool slide;		  /* a slide's first line, for [ and ] */
};

/* What to open: a meeting, a case of a meeting. */
struct view_target {
	long meeting_id, case_id;
};

struct view;

struct view_ops {
	enum view_kind kind;
	bool text;	   /* a text to page through, not rows to select */
	bool targets_only; /* the cursor rests only on lines that open something (not on headings) */
	bool rewraps; /* its lines are texts wrapped to the width: a resize keeps the place by the text */
	const char *hints; /* the keys this screen offers, for the title bar (N_()) */
	/* Makes the view (loading what it shows); NULL with the status line saying why. */
	struct view *(*open)(struct ui *ui, const struct view_target *target);
	/* Lays the lines out for `width` cells, from what open/reload loaded. NULL: lines are fixed. */
	void (*layout)(struct ui *ui, struct view *v, int width);
	/* Draws the body; NULL: the lines, with the cursor row highlighted. */
	void (*draw)(struct ui *ui, struct view *v, int y, int h, int w);
	/* How many rows the cursor moves over; NULL: the lines. */
	size_t (*rows)(struct ui *ui, struct view *v);
	/* Enter on the selection. */
	void (*enter)(struct ui *ui, struct view *v);
	/* A key's action this view handles itself; true if it did. */
	bool (*action)(struct ui *ui, struct view *v, int action);
	/* The data changed (a tag, a note, another process): load it again. */
	void (*reload)(struct ui *ui, struct view *v);
	/* The view is on top again, the one above it closed. */
	void (*shown)(struct ui *ui, struct view *v);
	/* The cursor moved. */
	void (*selected)(struct ui *ui, struct view *v);
	/* Enter in the find prompt (/ in a pager): show where `text` is. */
	void (*find)(struct ui *ui, struct view *v, const char *text);
	/* The stable key of the case shown or selected (caller frees); NULL: none. */
	char *(*key)(struct ui *ui, struct view *v);
	/* The status line's text when there is no message. NULL: "N of M". */
	void (*status)(struct ui *ui, struct view *v, struct strbuf *bar);
	/* Adds the next part of a long list (see view.partial). NULL: open loads everything. */
	void (*more)(struct ui *ui, struct view *v);
	/* Frees `data`. */
	void (*release)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	char *title;
	struct tline *lines;
	size_t nlines, alloc;
	size_t cursor, top;
	int built_width; /* laid out for this width; 0: lay out again */
	/* view_relayout(): where top and cursor were put in the text, while they stay there */
	size_t kept_top, kept_cursor, kept_top_at, kept_cursor_at;
	bool kept;
	size_t current_hit; /* this hit (from 1) is drawn as the selection is; 0: none */
	void *data;	    /* the kind's own, freed by ops->release */
	/* Lines are still to come through ops->more: read as the cursor nears them, and when idle. */
	bool partial;
};

struct view *view_new(const struct view_ops *ops, const char *title);
void view_free(struct view *v); /* NULL is fine */

struct tline *view_add_line(struct view *v, const char *text, enum draw_style style);
void view_clear(struct view *v);

/*
 * Adds `text` wrapped to `width` cells, each line with `prefix` before it,
 * carrying the hits (byte offsets in text) over to the lines they fall on.
 */
void view_add_wrapped(struct view *v, const char *text, const struct hit *hits, size_t nhits, int width,
		      const char *prefix, enum draw_style style);

/* Draws lines top.. at (y0, x0) in h rows of w cells; `cursor` highlights the selected row. */
void view_draw_lines(struct view *v, int y0, int x0, int h, int w, bool cursor);

/*
 * Lays the view out again for `width` with layout(). In a view that
 * rewraps, its top line and cursor go on the text they were on: a text
 * wrapped to another width keeps its letters and digits in order, so a
 * line is found by how many come before it. Until the reader moves them,
 * each keeps the place it was given first, so that a narrower screen and
 * back is the screen it was. Other views (a chart, whose labels are cut to
 * the width) keep their line numbers.
 */
void view_relayout(struct view *v, int width, void (*layout)(void *arg, struct view *v, int width),
		   void *arg);

/* Moves the cursor (or, in a text, the top line) by `delta` over `n` rows, `h` of them on the screen. */
void view_move(struct view *v, size_t n, long delta, int h);

/* Moves the cursor off a line that opens nothing: on in direction `dir` (+1 or -1), else back. */
void view_cursor_to_nearest_target(struct view *v, int dir);

/* Puts the cursor on the first line that opens something, from `from` on. */
void view_cursor_to_target(struct view *v, size_t from);

#endif
