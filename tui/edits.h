/*
 * edits.h: what the UI changes and writes: tags (on a case, the marked
 * cases, the whole list), notes, undo, saved searches, exports. Each
 * starts from a key (edits_start) and most ask for a word in the one-line
 * prompt in the status line (edits_key). A read-only database is refused
 * before the user types anything.
 */
#ifndef VEDTAK_EDITS_H
#define VEDTAK_EDITS_H

#include <wchar.h>

#include "tui/action.h"

struct ui;
struct view;

/* Starts action `a` on view `v`: acts, or opens the prompt it needs. */
void edits_start(struct ui *ui, struct view *v, enum action a);

/* A key while the one-line prompt is open. */
void edits_key(struct ui *ui, int rc, wint_t ch);

#endif
