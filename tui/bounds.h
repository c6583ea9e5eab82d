/*
 * bounds.h: the limits of the front ends, named once: how long a search
 * may run and how many results a list holds, in the UI and on the command
 * line.
 */
#ifndef VEDTAK_BOUNDS_H
#define VEDTAK_BOUNDS_H

/* The UI's result list holds this many rows (the status line says when there are more). */
#define UI_RESULT_LIMIT 500
/* A search typed in the UI, and each saved search's count on the start screen. */
#define UI_SEARCH_DEADLINE_MS 2000
/* vedtak search's default --timeout, and its default --limit. */
#define CLI_SEARCH_DEADLINE_MS 30000
#define CLI_SEARCH_LIMIT       20
/* Counting a saved search for `vedtak saved list`. */
#define CLI_COUNT_DEADLINE_MS 10000
/* Finding the cases an export writes. */
#define EXPORT_DEADLINE_MS 60000
/* Queries kept in the history file. */
#define HISTORY_MAX 500

#endif
