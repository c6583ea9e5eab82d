/*
 * ui.h: the curses front end, `vedtak` with no command on a terminal.
 *
 * For tests, as tig does: with VEDTAK_UI_SCRIPT=FILE the UI reads its keys
 * from FILE (lines "type TEXT", "key NAME", "resize COLS ROWS"), draws at
 * VEDTAK_UI_SIZE (COLSxROWS, default 80x24) and at the end writes the
 * screen's text to VEDTAK_UI_DUMP (and, with VEDTAK_UI_DUMP_ATTRS, a map of
 * the cells' attributes).
 */
#ifndef VEDTAK_UI_H
#define VEDTAK_UI_H

struct settings;
struct store;

/* Runs the UI on `store`; `status` is shown first (e.g. what the first start imported). Returns the exit
 * status. */
int ui_run(struct settings *settings, struct store *store, const char *status);

/* True when the UI should run: a terminal, or a test script. */
int ui_wanted(void);

#endif
