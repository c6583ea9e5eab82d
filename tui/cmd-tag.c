/*
 * cmd-tag.c: `vedtak tag`: tags added to and removed from every case a
 * query finds, in one change; --undo takes this machine's last one back.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/query.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

struct tag_values {
	bool undo;
};

static const struct option tag_options[] = {
    OPT_FLAG("undo", 0, struct tag_values, undo, N_("revert this machine's last tagging")),
    OPT_END,
};

static int run_tag(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct tag_values *o = values;
	enum vt_status st = VT_OK;
	struct tag_change *ch = xcalloc(nargs + 1, sizeof(*ch));
	char **names = xcalloc(nargs + 1, sizeof(*names));
	struct strbuf text = STRBUF_INIT, reading = STRBUF_INIT;
	struct store *s = NULL;
	struct query *q = NULL;
	struct vt_diag diag;
	size_t nch = 0, changed = 0, i;
	int rc = EXIT_USAGE;

	vt_diag_clear(&diag);
	/* +TAG and -TAG first (before a "--"); the rest is the query. */
	for (i = 0; i < nargs && i < nplain && (args[i][0] == '+' || args[i][0] == '-') && args[i][1]; i++) {
		if (!(names[nch] = tag_normalise(args[i] + 1))) {
			out_printf(stderr, "vedtak tag: ");
			out_printf(stderr, _("'%s' is not a tag name (letters, digits, - and _)"),
				   args[i] + 1);
			fputc('\n', stderr);
			goto out;
		}
		ch[nch].tag = names[nch];
		ch[nch].add = args[i][0] == '+';
		nch++;
	}
	cmd_join_args(&text, nargs - i, args + i);
	if (o->undo == (nch > 0) || (!o->undo && !text.len) || (o->undo && text.len)) {
		out_printf(stderr, "%s vedtak tag +TAG... -TAG... -- QUERY\n       vedtak tag --undo\n",
			   _("usage:"));
		goto out;
	}
	if (!o->undo && query_compile(text.buf, &q, &diag) != VT_OK) {
		cmd_print_query_error("tag", text.buf, &diag);
		goto out;
	}
	rc = EXIT_FAILED;
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		goto out;
	if (o->undo) {
		char *when = NULL;
		if ((st = store_tag_undo(s, env->settings->user, NULL, &changed, &when, &diag)) != VT_OK) {
			out_printf(stderr, "vedtak tag: %s\n", diag.msg);
			goto fail;
		}
		out_printf(stdout,
			   P_("undid the tagging of %s: %zu case changed\n",
			      "undid the tagging of %s: %zu cases changed\n", changed),
			   when, changed);
		free(when);
	} else {
		if ((st = store_tag_query(s, q, ch, nch, env->settings->user, &changed, &diag)) != VT_OK) {
			out_printf(stderr, "vedtak tag: %s\n", diag.msg);
			goto fail;
		}
		/* Plain words read as facets widen what a query finds: say so, as search does. */
		query_describe_reading(q, &reading);
		if (reading.len)
			out_printf(stdout, _("read %s (put a word in quotes to take it as text)\n"),
				   reading.buf);
		out_printf(stdout, P_("%zu case changed\n", "%zu cases changed\n", changed), changed);
	}
	rc = EXIT_OK;
	goto out;
fail:
	/* Input that breaks a rule (an author too long, a query too slow) is the user's to change. */
	rc = st == VT_ERR_USAGE ? EXIT_USAGE : EXIT_FAILED;
out:
	for (i = 0; i < nch; i++)
		free(names[i]);
	free(names);
	free(ch);
	query_free(q);
	strbuf_release(&text);
	strbuf_release(&reading);
	store_close(s);
	return rc;
}

const struct command cmd_tag = {
    {"tag", "+TAG... -TAG... [--] QUERY | --undo", N_("add and remove tags on every case a query finds"),
     N_("Tags are letters (æøå too), digits, - and _, in lower case. Prints how many cases\n"
	"changed. Every change is kept in a journal with who (VEDTAK_USER, else USER)\n"
	"and when. tag:NAME works in every query.\n"),
     tag_options, ARGS_QUERY},
    sizeof(struct tag_values),
    run_tag,
    NULL,
};
