/*
 * cmd-list.c: `vedtak list`: every meeting, newest first, with its cases.
 */
#include <stdlib.h>
#include <string.h>

#include "core/deck.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "db/store.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "core/banned.h"

/* Calls `fn` for every meeting, newest first. */
static int each_meeting(struct store *s, int (*fn)(struct deck *d, void *arg), void *arg)
{
	struct vt_diag diag;
	long *ids = NULL;
	size_t n = 0, i;
	int rc = EXIT_OK;
	enum vt_status st;

	vt_diag_clear(&diag);
	st = store_meeting_ids(s, &ids, &n, &diag);
	if (st != VT_OK) {
		cmd_print_diag(NULL, &diag, st);
		return EXIT_FAILED;
	}
	for (i = 0; i < n && rc == EXIT_OK; i++) {
		struct deck *d = NULL;

		st = store_load_meeting(s, ids[i], &d, &diag);
		if (st != VT_OK) {
			cmd_print_diag(NULL, &diag, st);
			rc = EXIT_FAILED;
			break;
		}
		rc = fn(d, arg);
		deck_free(d);
	}
	free(ids);
	return rc;
}

static int list_meeting(struct deck *d, void *arg)
{
	size_t i, type_width = 11;

	(void)arg;
	cmd_print_dates(stdout, d);
	out_printf(stdout, "  %s  %s  ", d->body ? d->body : "?", d->venue ? d->venue : "-");
	out_printf(stdout, P_("%zu case", "%zu cases", d->ncases), d->ncases);
	/* The documents the meeting is made of: "[notice a.pdf · minutes b.txt]". */
	out_printf(stdout, "  [");
	for (i = 0; i < d->ndocs; i++)
		out_printf(stdout, "%s%s %s", i ? " · " : "", doc_kind_label(d->docs[i].kind),
			   d->docs[i].source);
	if (!d->ndocs)
		out_printf(stdout, "%s", d->source);
	out_printf(stdout, "]\n");
	for (i = 0; i < d->ncases; i++) {
		const char *t = case_type_text(&d->cases[i]);
		if (t && utf8_width(t, strlen(t)) > type_width)
			type_width = utf8_width(t, strlen(t));
	}
	for (i = 0; i < d->ncases; i++) {
		const struct deck_case *c = &d->cases[i];
		out_printf(stdout, "  ");
		cmd_print_padded(c->number, 6);
		putchar(' ');
		cmd_print_padded(case_type_text(c) ? case_type_text(c) : "-", type_width);
		out_printf(stdout, " %s\n", c->title ? c->title : "");
	}
	return EXIT_OK;
}

int cmd_list_meetings(struct store *s)
{
	return each_meeting(s, list_meeting, NULL);
}

static int run_list(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	struct store *s = NULL;
	int rc;

	(void)nplain;
	(void)values;
	(void)nargs;
	(void)args;
	if (cmd_open_store(env->settings, &s) != VT_OK)
		return EXIT_FAILED;
	rc = cmd_list_meetings(s);
	store_close(s);
	return rc;
}

const struct command cmd_list = {
    {"list", "", N_("list meetings, newest first, with their cases"), "", NULL, ARGS_NONE},
    0,
    run_list,
    NULL,
};
