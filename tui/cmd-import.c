/*
 * cmd-import.c: `vedtak import`: documents (and folders of them) into the
 * database, each file in one transaction.
 */
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/i18n.h"
#include "core/util.h"
#include "db/store.h"
#include "tui/cmd.h"
#include "tui/importer.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

struct import_values {
	bool check, quiet;
};

static const struct option import_options[] = {
    OPT_FLAG("check", 0, struct import_values, check,
	     N_("parse and report each file (summary and warnings), write nothing")),
    OPT_FLAG("quiet", 'q', struct import_values, quiet,
	     N_("no summary lines and no progress line; errors and warnings only")),
    OPT_END,
};

/*
 * An import allocates and frees without pause on both threads (the
 * parsed decks, FTS5's terms), and glibc's defaults hand freed memory
 * back to the system and grow the heap again a little at a time. Here
 * the main heap grows 64 MB at a time, and no heap gives back what it
 * has in the process's short life; a block up to 32 MB comes from a
 * heap, not a mapping of its own. A setting glibc refuses is only a
 * little slower. Import of 105 MB, five runs each, interleaved: 6.07 -> 5.97 s
 * (CPU 11.14 -> 10.92 s), for a peak of 193 MB instead of 166.
 */
static void malloc_for_import(void)
{
#ifdef __GLIBC__
	mallopt(M_TOP_PAD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

static int run_import(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct import_values *o = values;
	struct store *s = NULL;
	struct import_ahead *ahead;
	char **paths = NULL;
	size_t npaths = 0, failed, i;
	bool folders_ok;
	int rc = EXIT_FAILED;

	(void)nplain;
	if (!nargs) {
		out_printf(stderr, "%s vedtak [--db PATH] import %s\n", _("usage:"), cmd_import.spec.usage);
		return EXIT_USAGE;
	}
	/* A folder with no document in it is a failure, said, though the other files are still imported. */
	folders_ok = importer_expand((const char *const *)args, nargs, &paths, &npaths);
	if (!npaths)
		goto out;
	malloc_for_import();
	importer_stop_on_signals();
	ahead = importer_begin((const char *const *)paths, npaths, env->settings->max_file_size, !o->check);
	if (!o->check && cmd_open_store(env->settings, false, &s) != VT_OK) {
		importer_cancel(ahead);
		goto out;
	}
	/* Said once, not refused file by file after each was read. */
	if (s && store_readonly(s)) {
		importer_cancel(ahead);
		out_printf(stderr, "vedtak: %s\n",
			   _("the database is open read-only; nothing can be imported "
			     "(import --check reads the files without storing them)"));
		goto out;
	}
	failed = importer_run(ahead, s, o->quiet ? IMPORT_QUIET : IMPORT_LOUD);
	if (failed)
		out_printf(stderr,
			   P_("vedtak import: %zu of %zu file failed\n",
			      "vedtak import: %zu of %zu files failed\n", npaths),
			   failed, npaths);
	rc = failed || !folders_ok ? EXIT_FAILED : EXIT_OK;
	/* As a shell reports a command a signal ended: 130 for Ctrl-C. */
	if (importer_stopped())
		rc = 128 + importer_stopped();
out:
	store_close(s);
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	return rc;
}

const struct command cmd_import = {
    {"import", "[--check] [--quiet] [--] FILE|FOLDER...",
     N_("import decks, notices and minutes (PDF or text; a folder is read for them)"),
     N_("A folder is read recursively for .pdf and .txt files. What a file is (slide\n"
	"deck, notice, minutes) comes from its content. Each file is imported in one\n"
	"transaction: a failure leaves nothing of it in the database and does not stop\n"
	"the other files. Documents of one meeting (same body and date, or number) join\n"
	"into one meeting, in any order. Re-importing an unchanged file does nothing; a\n"
	"changed file replaces what the file of that name gave. One summary line per\n"
	"file on stdout; warnings on stderr as FILE:LINE: warning: ...; on a terminal, a\n"
	"progress line (files, MB/s, time left) while a long import runs. Ctrl-C stops\n"
	"it between files, keeping what was stored (exit status 130).\n"),
     import_options, ARGS_WORDS},
    sizeof(struct import_values),
    run_import,
    NULL,
};
