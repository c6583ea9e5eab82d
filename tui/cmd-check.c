/*
 * cmd-check.c: `vedtak check`: the database's integrity, its full-text
 * index, and every document's kept text read again.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/store.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

static int run_check(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	struct strbuf report = STRBUF_INIT;
	struct store *s = NULL;
	struct vt_diag diag;
	int rc = EXIT_FAILED;

	(void)nplain;
	(void)values;
	(void)nargs;
	(void)args;
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		return EXIT_FAILED;
	vt_diag_clear(&diag);
	if (store_check(s, &report, &diag) == VT_OK) {
		out_printf(stdout, _("%s: ok\n"), env->settings->db_path);
		rc = EXIT_OK;
	} else {
		out_printf(stderr, "%s: %s\n%s", env->settings->db_path, diag.msg, report.buf);
	}
	strbuf_release(&report);
	store_close(s);
	return rc;
}

const struct command cmd_check = {
    {"check", "", N_("check the database's integrity and its full-text index"),
     N_("Also reads each document's kept text again: every case it gave (and every\n"
	"decision minutes recorded) must be in its meeting.\n"
	"Exit status 0 when all is well, 1 with the problems listed otherwise.\n"),
     NULL, ARGS_NONE},
    0,
    run_check,
    NULL,
};
