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
	bool by_date;
	/* A one-line prompt in the status line: a tag, a note, a file name. */
	struct {
		int purpose; /* the action that opened it */
		bool active;
		struct lineedit edit;
		char label[160];
	} mini;
	/* Cases marked in the result list, by id. */
	long *marked;
	size_t nmarked, marked_alloc;
	/* Test scripts, and the benchmark's time per key (VEDTAK_UI_TIMING). */
	FILE *script;
	FILE *timing;
	bool quit;
};

struct view *ui_top(struct ui *ui);
/* The nearest view of `kind` on the stack, or NULL. */
struct view *ui_find(struct ui *ui, enum view_kind kind);
void ui_push(struct ui *ui, struct view *v);
/* Back to the view below (on the first view: quit). */
void ui_pop(struct ui *ui);
/* Opens a view of `kind` on top; false (the status line says why) when it could not. */
bool ui_open(struct ui *ui, enum view_kind kind, const struct view_target *target);

/* The status line's message until the next key. */
void ui_say(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Runs the prompt's query: an error shows under the prompt, a good query goes to the worker. */
void ui_search(struct ui *ui);
/* Shows the result list (opening it, or going back to it) and runs the prompt's query. */
void ui_show_results(struct ui *ui);
/* Sets the prompt's text and shows its results. */
void ui_search_for(struct ui *ui, const char *text);
/* Adds `token` (a field such as type:drøfting) to the query, or takes it out if it is there. */
void ui_toggle_token(struct ui *ui, const char *token);
/* Takes a finished search's rows; the cursor stays on the same case when it is still there. */
void ui_search_apply(struct ui *ui, struct searcher_result *r);

/* After a change: every view loads its data again and the results are searched again. */
void ui_reload(struct ui *ui);

bool ui_is_marked(struct ui *ui, long id);
void ui_mark_toggle(struct ui *ui, long id);

/* Draw-time helpers the list views share. */
const char *ui_type_badge(int type, enum draw_style *style);
const char *ui_body_short(const char *body);
/* Appends `s` padded to `width` display cells. */
void ui_add_padded(struct strbuf *sb, const char *s, int width);

#endif
