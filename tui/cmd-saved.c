/*
 * cmd-saved.c: `vedtak saved`: saved searches added, listed with live
 * counts, and removed.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/query.h"
#include "db/search.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/cmd.h"
#include "tui/bounds.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

static int run_saved(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	struct strbuf text = STRBUF_INIT;
	struct store *s = NULL;
	struct saved *v = NULL;
	struct vt_diag diag;
	const char *verb = nargs ? args[0] : NULL, *name = nargs > 1 ? args[1] : NULL;
	size_t n = 0, i;
	int rc = EXIT_USAGE;

	(void)nplain;
	(void)values;
	if (nargs > 2)
		cmd_join_args(&text, nargs - 2, args + 2);
	if (!verb || (strcmp(verb, "list") && !name) || (!strcmp(verb, "add") && !text.len) ||
	    (strcmp(verb, "add") && strcmp(verb, "list") && strcmp(verb, "rm"))) {
		out_printf(stderr, "%s vedtak saved add NAME QUERY | saved list | saved rm NAME\n",
			   _("usage:"));
		goto out;
	}
	if (!strcmp(verb, "add")) {
		struct query *q = NULL;
		if (query_compile(text.buf, &q, &diag) != VT_OK) {
			cmd_print_query_error("saved", text.buf, &diag);
			goto out;
		}
		query_free(q);
	}
	rc = EXIT_FAILED;
	if (cmd_open_store(env->settings, strcmp(verb, "add") != 0, &s) != VT_OK)
		goto out;
	if (!strcmp(verb, "add")) {
		enum vt_status st = store_saved_set(s, name, text.buf, env->settings->user, &diag);

		if (st != VT_OK) {
			if (st == VT_ERR_USAGE)
				rc = EXIT_USAGE;
			goto fail;
		}
		out_printf(stdout, _("saved %s: %s\n"), name, text.buf);
	} else if (!strcmp(verb, "rm")) {
		if (store_saved_rm(s, name, env->settings->user, &diag) != VT_OK)
			goto fail;
		out_printf(stdout, _("removed %s\n"), name);
	} else {
		if (store_saved_list(s, &v, &n, &diag) != VT_OK)
			goto fail;
		for (i = 0; i < n; i++) {
			struct search_opts o = {.count_only = true, .deadline_ms = CLI_COUNT_DEADLINE_MS};
			struct search_result res = {0};
			struct query *q = NULL;

			struct search_result fresh = {0};

			/* Name, count, how many arrived since it was last opened in the UI, query. */
			if (query_compile(v[i].query, &q, &diag) == VT_OK &&
			    store_search(s, q, &o, &res, &diag) == VT_OK) {
				o.since_look = v[i].name;
				if (store_search(s, q, &o, &fresh, &diag) == VT_OK)
					out_printf(stdout, "%s\t%zu\t%zu\t%s\n", v[i].name, res.total,
						   fresh.total, v[i].query);
				else
					out_printf(stdout, "%s\t%zu\t?\t%s\n", v[i].name, res.total,
						   v[i].query);
			} else {
				out_printf(stdout, "%s\t?\t?\t%s\n", v[i].name, v[i].query);
			}
			search_result_release(&res);
			search_result_release(&fresh);
			query_free(q);
		}
	}
	rc = EXIT_OK;
	goto out;
fail:
	out_printf(stderr, "vedtak saved: %s\n", diag.msg);
out:
	saved_free(v, n);
	strbuf_release(&text);
	store_close(s);
	return rc;
}

const struct command cmd_saved = {
    {"saved", "add NAME QUERY | list | rm NAME", N_("saved searches, listed with live counts"), "", NULL,
     ARGS_QUERY},
    0,
    run_saved,
    NULL,
};
