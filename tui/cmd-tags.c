/*
 * cmd-tags.c: `vedtak tags`: the tags with how many cases carry each.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "core/banned.h"

static int run_tags(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	struct store *s = NULL;
	struct tag_count *v = NULL;
	struct vt_diag diag;
	size_t n = 0, i;
	int rc = EXIT_FAILED;

	(void)nplain;
	(void)values;
	(void)nargs;
	(void)args;
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		return EXIT_FAILED;
	if (store_tag_counts(s, &v, &n, &diag) != VT_OK) {
		out_printf(stderr, "vedtak tags: %s\n", diag.msg);
		goto out;
	}
	for (i = 0; i < n; i++) {
		out_printf(stdout, "%s\t", v[i].tag);
		out_printf(stdout, P_("%d case", "%d cases", v[i].cases), v[i].cases);
		if (v[i].orphans)
			out_printf(stdout, _(" (%d no longer in any deck)"), v[i].orphans);
		out_printf(stdout, "\n");
	}
	rc = EXIT_OK;
out:
	tag_counts_free(v, n);
	store_close(s);
	return rc;
}

const struct command cmd_tags = {
    {"tags", "", N_("list the tags with their number of cases"), "", NULL, ARGS_NONE},
    0,
    run_tags,
    NULL,
};
