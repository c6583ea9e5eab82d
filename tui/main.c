/*
 * main.c: vedtak's entry point: global options, the default database path
 * and dispatch to a subcommand.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "tui/cli.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/banned.h"

static void usage(FILE *f)
{
	const struct cli_command *c;

	out_printf(f, "%s vedtak [--db PATH] [--read-only] [--max-file-size MB] [COMMAND [ARGS]]\n\n", _("usage:"));
	out_puts(f, _("Browse and search the cases and decisions of the national e-health committees.\n"
		"With no command, vedtak opens on the imported meetings (importing the bundled\n"
		"sample decks into an empty database first).\n"));
	out_printf(f, "\n%s\n", _("Commands:"));
	for (c = cli_commands; c->name; c++)
		if (c->summary)
			out_printf(f, "  %-8s %s\n", c->name, _(c->summary));
	out_printf(f, "\n%s\n", _("Options:"));
	fputs(_("  --db PATH     the database (default $XDG_DATA_HOME/vedtak/vedtak.db)\n"
		"  --read-only   open the database read-only; every write fails\n"
		"  --max-file-size MB\n"
		"                the largest file import and sync read (default 512)\n"
		"  --help        this text; 'vedtak COMMAND --help' for a command\n"
		"  --version     the version\n"), f);
	out_printf(f, "\n%s\n", _("Exit status: 0 on success, 1 when something failed, 2 on wrong usage."));
}

/* mkdir -p for the database's folder. */
static int make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0700) && errno != EEXIST)
		rc = -1;
	free(p);
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
 */
static void setup_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
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
		if (want && strcmp(want, "C") && strcmp(want, "POSIX") && (!getenv("LANGUAGE") || !*getenv("LANGUAGE"))) {
			snprintf(lang, sizeof(lang), "%.*s", (int)strcspn(want, ".@"), want);

			setenv("LANGUAGE", lang, 1);
		}
	}
	dir = cli_locale_dir();
	bindtextdomain(VEDTAK_TEXTDOMAIN, dir);
	/* Everything vedtak prints is UTF-8, whatever the locale's codeset. */
	bind_textdomain_codeset(VEDTAK_TEXTDOMAIN, "UTF-8");
	textdomain(VEDTAK_TEXTDOMAIN);
	free(dir);
}

static char *default_db_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *dir;
	char *path;

	if (xdg && *xdg == '/')
		dir = xasprintf("%s/vedtak", xdg);
	else
		dir = xasprintf("%s/.local/share/vedtak", home && *home ? home : ".");
	if (make_dirs(dir))
		out_printf(stderr, _("vedtak: cannot create %s: %s\n"), dir, strerror(errno));
	path = xasprintf("%s/vedtak.db", dir);
	free(dir);
	return path;
}

int main(int argc, char **argv)
{
	struct cli cli = { NULL, false, FILE_MAX_BYTES_DEFAULT };
	struct settings conf;
	const struct cli_command *c;
	int i, rc;

	setup_locale();
	/* The file first; options below override it. The user and colour go through the
	 * environment the rest of the program already reads. */
	settings_load(&conf);
	if (conf.user && !getenv("VEDTAK_USER"))
		setenv("VEDTAK_USER", conf.user, 1);
	if (conf.no_color && !getenv("NO_COLOR"))
		setenv("NO_COLOR", "1", 1);
	if (conf.theme && !getenv("VEDTAK_THEME"))
		setenv("VEDTAK_THEME", conf.theme, 1);
	if (conf.max_file_size)
		cli.max_file_size = conf.max_file_size;
	if (conf.sort_by_date && !getenv("VEDTAK_SORT"))
		setenv("VEDTAK_SORT", "date", 1);
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
			free(cli.db_path);
			cli.db_path = xstrdup(argv[++i]);
		} else if (!strncmp(argv[i], "--db=", 5)) {
			free(cli.db_path);
			cli.db_path = xstrdup(argv[i] + 5);
		} else if (!strcmp(argv[i], "--max-file-size")) {
			if (i + 1 >= argc || !settings_parse_megabytes(argv[i + 1], &cli.max_file_size)) {
				out_printf(stderr, _("vedtak: --max-file-size needs a number of megabytes\n"));
				rc = EXIT_USAGE;
				goto out;
			}
			i++;
		} else if (!strcmp(argv[i], "--read-only")) {
			cli.readonly = true;
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
	if (!cli.db_path && conf.database)
		cli.db_path = xstrdup(conf.database);
	if (!cli.db_path)
		cli.db_path = default_db_path();
	if (i == argc) {
		rc = cli_start(&cli);
		goto out;
	}
	for (c = cli_commands; c->name; c++)
		if (!strcmp(c->name, argv[i]))
			break;
	if (!c->name) {
		out_printf(stderr, _("vedtak: unknown command '%s'\n"), argv[i]);

		usage(stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	rc = c->run(&cli, argc - i, argv + i);
out:
	free(cli.db_path);
	settings_release(&conf);
	return rc;
}
