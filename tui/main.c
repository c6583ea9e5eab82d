/*
 * main.c: vedtak's entry point: the locale, the settings, the global
 * options, and the command table from which a subcommand is run.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "tui/cmd.h"
#include "tui/paths.h"
#include "core/i18n.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/banned.h"

static const struct command *const commands[] = {
    &cmd_import, &cmd_list,  &cmd_show, &cmd_search, &cmd_history, &cmd_stats,	  &cmd_tag,	    &cmd_tags,
    &cmd_note,	 &cmd_saved, &cmd_sync, &cmd_check,  &cmd_export,  &cmd_complete, &cmd_man_section, NULL,
};

static void usage(FILE *f)
{
	const struct command *const *c;

	out_printf(f, "%s vedtak [--db PATH] [--read-only] [--max-file-size MB] [COMMAND [ARGS]]\n\n",
		   _("usage:"));
	out_puts(f, _("Browse and search the cases and decisions of the national e-health committees.\n"
		      "With no command, vedtak opens on the imported meetings (importing the bundled\n"
		      "sample decks into an empty database first).\n"));
	out_printf(f, "\n%s\n", _("Commands:"));
	for (c = commands; *c; c++)
		if ((*c)->spec.summary)
			out_printf(f, "  %-8s %s\n", (*c)->spec.name, _((*c)->spec.summary));
	out_printf(f, "\n%s\n", _("Options:"));
	fputs(_("  --db PATH     the database (default $XDG_DATA_HOME/vedtak/vedtak.db)\n"
		"  --read-only   open the database read-only; every write fails\n"
		"  --max-file-size MB\n"
		"                the largest file import and sync read (default 512)\n"
		"  --help        this text; 'vedtak COMMAND --help' for a command\n"
		"  --version     the version\n"),
	      f);
	out_printf(f, "\n%s\n", _("Exit status: 0 on success, 1 when something failed, 2 on wrong usage."));
}

/* Parses a command's options from its table and runs it. */
static int run_command(const struct cmd_env *env, const struct command *c, int argc, char **argv)
{
	void *values = xcalloc(1, c->values_size ? c->values_size : 1);
	char **args = xcalloc((size_t)argc + 1, sizeof(*args));
	size_t nargs = 0, nplain = 0;
	int rc;

	if (c->defaults)
		c->defaults(env, values);
	rc = options_parse(&c->spec, env->settings, values, argc, argv, args, &nargs, &nplain);
	if (rc == OPTIONS_GO_ON)
		rc = c->run(env, values, nargs, args, nplain);
	free(args);
	free(values);
	return rc;
}

/*
 * The language follows the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as
 * gettext reads them). Containers and minimal installs often lack the locale
 * a user names (LANG=nb_NO.UTF-8 without nb_NO generated): setlocale then
 * fails, and glibc would fall back to ASCII and to untranslated messages.
 * We decided a user who asks for Norwegian should still get it: the program
 * runs in C.UTF-8 (so æøå still draw) and passes the language asked for to
 * gettext through LANGUAGE, which glibc honours in any locale but "C".
 * Everything vedtak writes is UTF-8, and so are its characters' classes
 * and widths in every locale: under LANG=C (a bare container, an ssh
 * session that passed no locale, a terminal that shows UTF-8 all the same)
 * curses drew every æ, ø and å as a blank, and less showed them as
 * <C3><B8>. The messages' language stays the one the locale names.
 */
static void setup_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *want = NULL;
	char *dir, lang[64];
	size_t i;

	if (!setlocale(LC_ALL, "")) {
		for (i = 0; i < ARRAY_SIZE(vars) && !want; i++)

			if (getenv(vars[i]) && *getenv(vars[i]))
				want = getenv(vars[i]);
		setlocale(LC_ALL, "C.UTF-8");
		/*
		 * "nb_NO.UTF-8@x" asks for nb_NO: the part before codeset and
		 * modifier. Set in the environment, it reaches $PAGER and $EDITOR too.
		 */
		if (want && strcmp(want, "C") && strcmp(want, "POSIX") &&
		    (!getenv("LANGUAGE") || !*getenv("LANGUAGE"))) {
			snprintf(lang, sizeof(lang), "%.*s", (int)strcspn(want, ".@"), want);

			setenv("LANGUAGE", lang, 1);
		}
	}
	if (strcmp(nl_langinfo(CODESET), "UTF-8")) {
		setlocale(LC_CTYPE, "C.UTF-8");
		/* less, the pager, reads what vedtak gives it by the locale too. */
		if (!getenv("LESSCHARSET") && !getenv("LESSCHARDEF"))
			setenv("LESSCHARSET", "utf-8", 1);
	}
	/* Numbers are written with a point in every language: JSON and scripts read them. */
	setlocale(LC_NUMERIC, "C");
	dir = paths_locale();
	bindtextdomain(VEDTAK_TEXTDOMAIN, dir);
	/* Everything vedtak prints is UTF-8, whatever the locale's codeset. */
	bind_textdomain_codeset(VEDTAK_TEXTDOMAIN, "UTF-8");
	textdomain(VEDTAK_TEXTDOMAIN);
	free(dir);
}

int main(int argc, char **argv)
{
	struct settings settings;
	struct cmd_env env = {&settings, commands};
	const struct command *const *c;
	int i, rc;

	setup_locale();
	/* The file and the environment first; options below override them. */
	settings_load(&settings);
	/* For valgrind, which cannot follow code PCRE2 makes at run time. */
	if (getenv("VEDTAK_NO_JIT"))
		query_set_jit(false);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db")) {
			if (i + 1 >= argc) {
				out_printf(stderr, _("vedtak: --db needs a path\n"));
				rc = EXIT_USAGE;
				goto out;
			}
			free(settings.db_path);
			settings.db_path = xstrdup(argv[++i]);
		} else if (!strncmp(argv[i], "--db=", 5)) {
			free(settings.db_path);
			settings.db_path = xstrdup(argv[i] + 5);
		} else if (!strcmp(argv[i], "--max-file-size")) {
			if (i + 1 >= argc ||
			    !settings_parse_megabytes(argv[i + 1], &settings.max_file_size)) {
				out_printf(stderr,
					   _("vedtak: --max-file-size needs a number of megabytes\n"));
				rc = EXIT_USAGE;
				goto out;
			}
			i++;
		} else if (!strcmp(argv[i], "--read-only")) {
			settings.readonly = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			rc = EXIT_OK;
			goto out;
		} else if (!strcmp(argv[i], "--version")) {
			out_printf(stdout, "vedtak %s\n", VEDTAK_VERSION);
			rc = EXIT_OK;
			goto out;
		} else if (argv[i][0] == '-') {
			out_printf(stderr, _("vedtak: unknown option '%s'\n"), argv[i]);
			usage(stderr);
			rc = EXIT_USAGE;
			goto out;
		} else {
			break;
		}
	}
	if (!settings.db_path)
		settings.db_path = paths_default_db();
	if (i == argc) {
		rc = cmd_start(&env);
		goto out;
	}
	for (c = commands; *c; c++)
		if (!strcmp((*c)->spec.name, argv[i]))
			break;
	if (!*c) {
		out_printf(stderr, _("vedtak: unknown command '%s'\n"), argv[i]);
		usage(stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	rc = run_command(&env, *c, argc - i, argv + i);
out:
	settings_release(&settings);
	return rc;
}
