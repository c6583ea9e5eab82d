/*
 * cmd.h: the subcommands of the vedtak binary, one file each
 * (cmd-import.c, cmd-search.c, ...), and what they share: each describes
 * itself with a struct command (its options table and help) that main.c
 * lists; the helpers below print as every command does.
 */
#ifndef VEDTAK_CMD_H
#define VEDTAK_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/status.h"
#include "tui/options.h"

struct deck;
struct query;
struct settings;
struct strbuf;
struct store;

/* Exit statuses: the contract in the README. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

struct command;

/* What a command runs with: the settings, and the command table (for completions and the man page). */
struct cmd_env {
	struct settings *settings;
	const struct command *const *commands; /* NULL-ended */
};

struct command {
	struct command_spec spec;
	size_t values_size; /* the size of its options struct */
	/*
	 * Runs with `values` parsed (its options struct) and the other
	 * arguments; the first `nplain` of them came before a "--".
	 */
	int (*run)(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain);
	void (*defaults)(const struct cmd_env *env, void *values); /* NULL: all zero */
};

extern const struct command cmd_import, cmd_list, cmd_show, cmd_search, cmd_tag, cmd_tags, cmd_note,
    cmd_saved, cmd_sync, cmd_check, cmd_export, cmd_complete, cmd_man_section, cmd_history, cmd_stats;

/* `vedtak` with no command: the UI on a terminal, else the list. */
int cmd_start(const struct cmd_env *env);

/*
 * Opens the settings' database, saying why not on stderr; says when it
 * waits for a writer. A command that only reads (`existing`) refuses a
 * path where there is no database, so that a mistyped --db is an error
 * and not a new empty database.
 */
enum vt_status cmd_open_store(const struct settings *settings, bool existing, struct store **s);
/* A write of `s` that waits for another vedtak says so on stderr after a second, as cmd_open_store()'s do
 * (again after the UI, which says it on its screen). */
void cmd_say_waits(struct store *s);

/*
 * Joins args[0..n) into `text` and compiles it into *q; on an error,
 * prints it with a caret, naming `command` ("stats"), and returns
 * EXIT_USAGE, else EXIT_OK.
 */
int cmd_query(const char *command, size_t n, char **args, struct strbuf *text, struct query **q);

/* "FILE:LINE: error: MSG", "FILE: error: MSG" or "vedtak: MSG" on stderr. */
void cmd_print_diag(const char *file, const struct vt_diag *d, enum vt_status st);

/* A query error: the message, then the query with a caret under the spot. */
void cmd_print_query_error(const char *command, const char *text, const struct vt_diag *d);

/* The meeting's dates as people write them ("27.–28. januar 2021"). */
void cmd_print_dates(FILE *f, const struct deck *d);

/* `s` padded with spaces to `width` terminal cells (printf pads bytes: æøå are two). */
void cmd_print_padded(const char *s, size_t width);

/* Joins args[0..n) with spaces onto `out`. */
void cmd_join_args(struct strbuf *out, size_t n, char **args);

/* Seconds on a clock that only goes forward. */
double cmd_now(void);

/* Code points in the first `bytes` bytes of s: JSON offsets count characters, as scripts do. */
size_t cmd_cp_offset(const char *s, size_t bytes);

/*
 * As git pages: on a terminal, what the command prints goes through $PAGER
 * (less with -FRX when LESS is unset, so that a short text stays on the
 * screen and colours show) until cmd_pager_end(). PAGER="" or "cat" turns
 * it off; so does a pipe.
 */
void cmd_pager_start(void);
void cmd_pager_end(void);

/* Prints every meeting, newest first, with its cases (vedtak list, and vedtak on a pipe). */
int cmd_list_meetings(struct store *s);

#endif
