/*
 * prompt.h: the one line editor every prompt of the UI uses (the search,
 * tags, notes, file names), with readline's keys: Left/Right, Home/End,
 * Ctrl-A/E, Backspace, Delete, Ctrl-U (to the start), Ctrl-K (to the end),
 * Ctrl-W (the word before), Up/Down through its history, Tab to complete.
 * The history can be kept in a file between runs.
 */
#ifndef VEDTAK_PROMPT_H
#define VEDTAK_PROMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "core/strbuf.h"

struct lineedit {
	struct strbuf text;
	size_t cursor; /* a byte offset in text, at a character's start */
	char **history;
	size_t nhistory, halloc, hpos;
	char *draft;	    /* the text being typed when Up left it for the history, given back by Down */
	char *history_path; /* NULL: the history lives as long as the editor */
	bool fresh;	    /* a suggested text, replaced by the first character typed (as a selection is) */
};

enum lineedit_event {
	LE_IGNORED, /* not an editing key */
	LE_CHANGED, /* the text changed */
	LE_MOVED,   /* only the cursor moved */
	LE_ENTER,
	LE_CANCEL, /* Esc */
	LE_TAB,
};

void lineedit_init(struct lineedit *le);
void lineedit_release(struct lineedit *le);
/* Replaces the text, the cursor at its end. */
void lineedit_set(struct lineedit *le, const char *text);
/* The same, as a suggestion: typing replaces it, moving or deleting edits it. */
void lineedit_suggest(struct lineedit *le, const char *text);

/* One key, as curses' get_wch returned it (`rc` OK or KEY_CODE_YES). */
enum lineedit_event lineedit_key(struct lineedit *le, int rc, wint_t ch);

/* The cells before the cursor, for placing the terminal's cursor. */
int lineedit_cursor_cells(const struct lineedit *le);

/* Reads the history from `path` (a missing file is an empty history) and appends to it from now on. */
void lineedit_history_load(struct lineedit *le, const char *path);
/* Adds `text` to the history (not twice in a row); written to the file unless `readonly`. */
void lineedit_history_add(struct lineedit *le, const char *text, bool readonly);

/*
 * Tab: completes the text to the longest common start of the `n`
 * candidates that begin with it. With more than one left, they go to
 * `listing`, space-separated. Returns how many matched.
 */
size_t lineedit_complete(struct lineedit *le, char *const *cands, size_t n, struct strbuf *listing);

#endif
