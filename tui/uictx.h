/*
 * uictx.h: the UI's state and the services its views and keys share: the
 * view stack, the status message, the search (the prompt's query, its
 * results, the worker that runs it), the marks. The views and keys.c
 * call these; ui.c runs the loop. Views reach one another only through
 * ui_open() and the kinds table ui.c fills, so no view file calls another.
 */
#ifndef VEDTAK_UICTX_H
#define VEDTAK_UICTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tui/prompt.h"
#include "tui/view.h"

struct settings;
struct store;
struct query;
struct matcher;
struct searcher;
struct searcher_result;
struct case_row;

struct ui {
	struct settings *settings;
	struct store *store;
	const struct view_ops *kinds[VIEW_KINDS]; /* filled by ui.c */
	struct view *stack[16];
	int depth;
	int rows, cols;
	char status[512];
	/* The search: the prompt's text and the last good query with its results. */
	struct lineedit query;
	bool prompting;
	char qerror[512];
	size_t qerror_col;
	struct query *q;
	struct matcher *matcher;
	/* Searches run in the background; `pending` is the query asked for. */
	struct searcher *searcher;
	unsigned long gen;
	struct query *pending;
	struct case_row *results;
	size_t nrows, total;
	char search_note[512]; /* how the last query was read: "read 2022 as year:2022" */
	bool relaxed;	       /* the list has the cases with most of the words, not all */
	bool by_date;
	/*
	 * Facets: decision types (a bit per enum decision_type) and one
	 * meeting's date. They apply to the whole query, types combine with
	 * OR, and the status line names them.
	 */
	unsigned types;
	char meeting_date[16];
	/* A one-line prompt in the status line: a tag, a note, a file name. */
	struct {
		int purpose; /* the action that opened it */
		bool active;
		struct lineedit edit;
		char label[160];
		char *subject; /* what the prompt is about: a saved search's name, a file (owned) */
	} mini;
	/* Cases marked in the result list; kept when the query changes, and counted in the status line. */
	struct mark {
		long id;
		char *key;
	} * marked;
	size_t nmarked, marked_alloc;
	bool readonly;		/* nothing can be written: refused before the user types */
	long long data_version; /* SQLite's, to see another process's changes */
	char *
	    last_tag_batch; /* the batch this UI's last tagging made, to tell its own taggings from others' */
	/* Test scripts, and the benchmark's time per key (VEDTAK_UI_TIMING). */
	FILE *script;
	FILE *timing;
	bool quit;
};

struct view *ui_top(struct ui *ui);
/* Reads more of a partial view (view.partial) until it has line `upto`, or all with SIZE_MAX. */
void ui_view_fill(struct ui *ui, struct view *v, size_t upto);
/* The nearest view of `kind` on the stack, or NULL. */
struct view *ui_find(struct ui *ui, enum view_kind kind);
void ui_push(struct ui *ui, struct view *v);
/* Closes the top view (on the first view: quit). */
void ui_pop(struct ui *ui);
/* The user goes back: the top view closes and the one below shows again as it was. */
void ui_back(struct ui *ui);
/* Opens a view of `kind` on top; false (the status line says why) when it could not. */
bool ui_open(struct ui *ui, enum view_kind kind, const struct view_target *target);

/* The status line's message until the next key. */
void ui_say(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Runs the prompt's query: an error shows under the prompt, a good query goes to the worker. */
void ui_search(struct ui *ui);
/* Shows the result list (opening it, or going back to it) and runs the prompt's query. */
void ui_show_results(struct ui *ui);
/* The query the search runs: the prompt's text with the facets. */
void ui_query_text(struct ui *ui, struct strbuf *out);
/* Sets the prompt's text and shows its results. */
void ui_search_for(struct ui *ui, const char *text);
/* Takes a finished search's rows; the cursor stays on the same case when it is still there. */
void ui_search_apply(struct ui *ui, struct searcher_result *r);

/* After a change: every view loads its data again and the results are searched again. */
void ui_reload(struct ui *ui);

bool ui_is_marked(struct ui *ui, long id);
void ui_mark_toggle(struct ui *ui, long id, const char *key);
void ui_marks_clear(struct ui *ui);

/* Toggles a facet: a decision type, or a meeting's date (another date replaces it). */
void ui_facet_type(struct ui *ui, int type);
void ui_facet_meeting(struct ui *ui, const char *date);
/* "type: godkjenning or drøfting · meeting 2021-04-21", or nothing. */
void ui_facets_describe(struct ui *ui, struct strbuf *out);

/* True, with the status line saying so, when the database is read-only. */
bool ui_refuse_readonly(struct ui *ui);

/* Draw-time helpers the list views share. */
const char *ui_type_badge(int type, enum draw_style *style);
const char *ui_body_short(const char *body);
/* Appends `s` padded to `width` display cells. */
void ui_add_padded(struct strbuf *sb, const char *s, int width);

#endif
