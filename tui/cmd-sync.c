/*
 * cmd-sync.c: `vedtak sync`: tags, notes and saved searches exchanged with
 * another machine through a file.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/fileio.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

struct sync_values {
	const char *peer;
};

static const struct option sync_options[] = {
    OPT_STRING("peer", struct sync_values, peer, "NAME",
	       N_("the other machine: what came from it is not sent back")),
    OPT_END,
};

static int sync_export(const struct cmd_env *env, const char *file, const char *peer)
{
	struct strbuf buf = STRBUF_INIT, why = STRBUF_INIT;
	struct store *s = NULL;
	struct vt_diag diag;
	long long upto;
	size_t nops = 0;
	int rc = EXIT_FAILED;

	vt_diag_clear(&diag);
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		goto out;
	if (store_sync_export(s, peer, &buf, &nops, &upto, &diag) != VT_OK) {
		out_printf(stderr, "vedtak sync: %s\n", diag.msg);
		goto out;
	}
	/* The peer's position moves only once the whole file is on the disk. */
	if (!file_replace(file, buf.buf, buf.len, &why)) {
		out_printf(stderr, _("%s: error: %s\n"), file, why.buf);
		goto out;
	}
	if (peer && store_sync_sent(s, peer, upto, &diag) != VT_OK) {
		out_printf(stderr, "vedtak sync: %s\n", diag.msg);
		goto out;
	}
	out_printf(stdout, P_("%s: %zu operation\n", "%s: %zu operations\n", nops), file, nops);
	rc = EXIT_OK;
out:
	strbuf_release(&buf);
	strbuf_release(&why);
	store_close(s);
	return rc;
}

static int sync_import(const struct cmd_env *env, const char *file, const char *peer)
{
	struct strbuf why = STRBUF_INIT;
	struct store *s = NULL;
	struct sync_counts counts;
	struct vt_diag diag;
	char *data = NULL;
	size_t len = 0;
	int rc = EXIT_FAILED;

	vt_diag_clear(&diag);
	if (!file_read(file, env->settings->max_file_size, &data, &len, &why)) {
		out_printf(stderr, _("%s: error: %s\n"), file, why.buf);
		goto out;
	}
	if (cmd_open_store(env->settings, false, &s) != VT_OK)
		goto out;
	if (store_sync_import(s, data, len, peer, &counts, &diag) != VT_OK) {
		cmd_print_diag(file, &diag, VT_ERR_FORMAT);
		out_printf(stderr, _("%s: nothing applied\n"), file);
		goto out;
	}
	out_printf(stdout,
		   P_("%s: %zu new operation applied", "%s: %zu new operations applied", counts.applied),
		   file, counts.applied);
	if (counts.pending)
		out_printf(stdout,
			   P_(" (%zu waits for its case to be imported)",
			      " (%zu wait for their cases to be imported)", counts.pending),
			   counts.pending);
	out_printf(stdout, "\n");
	rc = EXIT_OK;
out:
	free(data);
	strbuf_release(&why);
	store_close(s);
	return rc;
}

static int run_sync(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct sync_values *o = values;

	(void)nplain;
	if (nargs != 2 || (strcmp(args[0], "export") && strcmp(args[0], "import"))) {
		out_printf(stderr,
			   "%s vedtak sync export FILE [--peer NAME] | sync import FILE [--peer NAME]\n",
			   _("usage:"));
		return EXIT_USAGE;
	}
	return !strcmp(args[0], "export") ? sync_export(env, args[1], o->peer)
					  : sync_import(env, args[1], o->peer);
}

const struct command cmd_sync = {
    {"sync", "export FILE [--peer NAME] | import FILE [--peer NAME]",
     N_("exchange tags, notes and saved searches with another machine"),
     N_("export writes the changes not yet sent to PEER (all of them without --peer);\n"
	"import applies another machine's file (with --peer, that machine is PEER, and\n"
	"exports to PEER leave out what came from it). Applying a file twice, or files\n"
	"in any order, gives the same result; a damaged or foreign file changes nothing.\n"),
     sync_options, ARGS_WORDS},
    sizeof(struct sync_values),
    run_sync,
    NULL,
};
