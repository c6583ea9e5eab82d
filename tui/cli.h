/*
 * cli.h: the subcommands of the vedtak binary (import, list, show, export)
 * and the context they share.
 */
#ifndef VEDTAK_CLI_H
#define VEDTAK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/status.h"

struct cli {
	char *db_path;   /* owned */
	bool readonly;
	size_t max_file_size; /* bytes; the largest file read (import, sync) */
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *usage;   /* arguments after the name */
	const char *summary; /* one line */
	const char *help;    /* the rest of --help */
};

/* The subcommand table, ended by a NULL name. */
extern const struct cli_command cli_commands[];

/* Exit statuses: the contract in the README. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* Runs `vedtak` with no subcommand: the start screen (for now, the meeting list). */
int cli_start(struct cli *cli);

/* Who changes tags and notes: VEDTAK_USER (or the configuration's user), else USER. */
const char *cli_author(void);

struct store;
struct query;

/* True for json, jsonl, csv and ics. */
bool cli_export_format_ok(const char *format);

/* Where the bundled samples and themes are: next to an installed binary, or in the source tree (caller frees). */
char *cli_assets_dir(void);
/* Where the message catalogues are: share/locale next to an installed binary, or the build tree's (caller frees). */
char *cli_locale_dir(void);

/*
 * Writes the cases `q` finds (only those when `filtered`, else whole
 * meetings) to `f` in `format`; *ncases says how many. Used by `vedtak
 * export` and the UI's e.
 */
enum vt_status cli_export(struct store *s, const struct query *q, bool filtered, const char *format, FILE *f,
			  size_t *ncases, struct vt_diag *diag);

/* Prints a subcommand's --help. */
void cli_command_help(const struct cli_command *c);

#endif
