/*
 * outside.h: programs the UI hands the terminal to: $VISUAL/$EDITOR for a
 * longer note, $PAGER for the original document.
 */
#ifndef VEDTAK_OUTSIDE_H
#define VEDTAK_OUTSIDE_H

struct ui;
struct deck;

/* The case's latest note in the editor (the edit replaces it), or an empty file for a new one. */
void outside_edit_note(struct ui *ui, const char *key);

/* The document the case `d` shows came from, in $PAGER (less by default) at the case's first line. */
void outside_open_source(struct ui *ui, const struct deck *d);

#endif
