/*
 * cmd-note.c: `vedtak note`: a note added to a case, one replaced, or the
 * case's notes listed with their ids.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/scan.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

struct note_values {
	const char *replace;
};

static const struct option note_options[] = {
    OPT_STRING("replace", struct note_values, replace, "ID",
	       N_("put the text in place of note ID (listed with its id)")),
    OPT_END,
};

/* A case number such as 11/21, or a key: anything else is wrong usage, said before anything is opened. */
static bool case_arg_ok(const char *arg)
{
	struct case_no no;

	if (strchr(arg, '|') || (scan_case_number(arg, strlen(arg), &no) && no.len == strlen(arg)))
		return true;
	out_printf(stderr,
		   _("vedtak: '%s' is not a case number such as 11/21 or a key such as NUFA|11/21|1\n"), arg);
	return false;
}

/* The one stable key a case number or key names; prints why not otherwise. */
static char *resolve_case(struct store *s, const char *arg)
{
	struct case_no no;
	struct vt_diag diag;
	char **keys = NULL, *key = NULL;
	size_t n = 0, i;

	if (strchr(arg, '|'))
		return xstrdup(arg);
	scan_case_number(arg, strlen(arg), &no); /* checked by case_arg_ok() */
	if (store_case_keys(s, no.text, &keys, &n, &diag) != VT_OK)
		out_printf(stderr, "vedtak: %s\n", diag.msg);
	else if (!n)
		out_printf(stderr, _("vedtak: no case %s\n"), no.text);
	else if (n > 1) {
		out_printf(stderr, _("vedtak: %s is more than one case; give its key:\n"), no.text);
		for (i = 0; i < n; i++)
			out_printf(stderr, "  %s\n", keys[i]);
	} else
		key = xstrdup(keys[0]);
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	return key;
}

static int run_note(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct note_values *o = values;
	struct strbuf text = STRBUF_INIT;
	struct store *s = NULL;
	struct note *notes = NULL;
	struct vt_diag diag;
	char *key = NULL;
	size_t n = 0, i;
	enum vt_status st;
	int rc = EXIT_USAGE;

	(void)nplain;
	if (!nargs) {
		out_printf(stderr, "%s vedtak note CASE [--replace ID] [TEXT]\n", _("usage:"));
		goto out;
	}
	if (!case_arg_ok(args[0]))
		goto out;
	cmd_join_args(&text, nargs - 1, args + 1);
	rc = EXIT_FAILED;
	if (cmd_open_store(env->settings, true, &s) != VT_OK || !(key = resolve_case(s, args[0])))
		goto out;
	if (o->replace && !text.len) {
		out_printf(stderr, _("vedtak note: --replace needs the new text\n"));
		rc = EXIT_USAGE;
		goto out;
	}
	if (text.len) {
		if ((st = store_note_add(s, key, text.buf, o->replace, env->settings->user, &diag)) !=
		    VT_OK) {
			out_printf(stderr, "vedtak note: %s\n", diag.msg);
			if (st == VT_ERR_USAGE)
				rc = EXIT_USAGE;
			goto out;
		}
		out_printf(stdout, o->replace ? _("note replaced on %s\n") : _("note added to %s\n"), key);
	} else {
		if (store_case_notes(s, key, &notes, &n, &diag) != VT_OK) {
			out_printf(stderr, "vedtak note: %s\n", diag.msg);
			goto out;
		}
		for (i = 0; i < n; i++)
			out_printf(stdout, "%s %s (%s):\n  %s\n", notes[i].at, notes[i].author, notes[i].id,
				   notes[i].text);
	}
	rc = EXIT_OK;
out:
	notes_free(notes, n);
	free(key);
	strbuf_release(&text);
	store_close(s);
	return rc;
}

const struct command cmd_note = {
    {"note", "CASE [--replace ID] [TEXT]", N_("add a note to a case, edit one, or list its notes"),
     N_("CASE is a number such as 11/21, or a key such as NUFA|11/21|1 when the number\n"
	"is not unique. Listing shows each note's id; --replace ID puts the text in\n"
	"place of that note (the old one is kept in the journal; two edits of one note\n"
	"made on two machines are both kept).\n"),
     note_options, ARGS_QUERY},
    sizeof(struct note_values),
    run_note,
    NULL,
};
