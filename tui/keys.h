/*
 * keys.h: the UI's keys: one table of bindings drives the keys, the help
 * screen and the man page, so the three cannot disagree; the actions the
 * keys run; what the one-line prompts (tag, note, export) do with their
 * text.
 */
#ifndef VEDTAK_KEYS_H
#define VEDTAK_KEYS_H

#include <stdio.h>
#include <wchar.h>

#include "tui/action.h"

struct ui;
struct strbuf;

struct binding {
	int key;
	const char *name;
	enum action action;
	const char *help; /* N_(); NULL: another key for an action listed already */
};

extern const struct binding keys_bindings[];
extern const size_t keys_nbindings;

/* The action bound to `key`, or ACT_NONE. */
enum action keys_action(int key);

/* Every key name bound to binding i's action, once each: "j, Down". */
void keys_names(size_t i, struct strbuf *out);

/* The key table as man-page (troff) paragraphs. */
void keys_print_man(FILE *f);

/* Runs `a` on the top view: the view's own handling first, then the common one. */
void keys_dispatch(struct ui *ui, enum action a);

/* A key while the search prompt has the focus; returns true if it used it. */
int keys_prompt(struct ui *ui, int rc, wint_t ch);

#endif
