/*
 * cmd-complete.c: hidden helpers for the shell completions and the man
 * page, so that both come from the program's own tables:
 * `complete commands|tags|saved` and `man-section commands|keys`.
 */
#include <stdio.h>
#include <string.h>

#include "db/store.h"
#include "db/tags.h"
#include "tui/cmd.h"
#include "tui/keys.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

static int run_complete(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct command *const *c;
	struct store *s = NULL;
	struct vt_diag diag;
	size_t n = 0, i;

	(void)nplain;
	(void)values;
	if (nargs < 1)
		return EXIT_USAGE;
	if (!strcmp(args[0], "commands")) {
		for (c = env->commands; *c; c++)
			if ((*c)->spec.summary)
				out_printf(stdout, "%s\n", (*c)->spec.name);
		return EXIT_OK;
	}
	/* Completing never writes. */
	if (store_open(env->settings->db_path, true, &s, &diag) != VT_OK)
		return EXIT_FAILED;
	if (!strcmp(args[0], "tags")) {
		struct tag_count *v = NULL;
		if (store_tag_counts(s, &v, &n, &diag) == VT_OK)
			for (i = 0; i < n; i++)
				out_printf(stdout, "%s\n", v[i].tag);
		tag_counts_free(v, n);
	} else if (!strcmp(args[0], "saved")) {
		struct saved *v = NULL;
		if (store_saved_list(s, &v, &n, &diag) == VT_OK)
			for (i = 0; i < n; i++)
				out_printf(stdout, "%s\n", v[i].name);
		saved_free(v, n);
	}
	store_close(s);
	return EXIT_OK;
}

/* troff text: a backslash doubled, a line that starts with . or ' kept as text. */
static void man_text(const char *p)
{
	const char *start = p;

	for (; *p; p++) {
		if (*p == '\\')
			out_puts(stdout, "\\e");
		else if ((p == start || p[-1] == '\n') && (*p == '.' || *p == '\''))
			out_printf(stdout, "\\&%c", *p);
		else
			putchar(*p);
	}
}

static int run_man_section(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct command *const *c;

	(void)nplain;
	(void)values;
	if (nargs >= 1 && !strcmp(args[0], "keys")) {
		keys_print_man(stdout);
		return EXIT_OK;
	}
	if (nargs < 1 || strcmp(args[0], "commands"))
		return EXIT_USAGE;
	for (c = env->commands; *c; c++) {
		const struct command_spec *spec = &(*c)->spec;

		if (!spec->summary)
			continue;
		out_printf(stdout, ".TP\n.B vedtak %s\\fR %s\n%s.\n", spec->name, spec->usage, spec->summary);
		options_man(stdout, spec);
		if (spec->help && *spec->help) {
			out_printf(stdout, ".nf\n");
			man_text(spec->help);
			out_printf(stdout, ".fi\n");
		}
	}
	return EXIT_OK;
}

const struct command cmd_complete = {
    {"complete", "commands|tags|saved", NULL, NULL, NULL, ARGS_WORDS},
    0,
    run_complete,
    NULL,
};

const struct command cmd_man_section = {
    {"man-section", "commands|keys", NULL, NULL, NULL, ARGS_WORDS},
    0,
    run_man_section,
    NULL,
};
