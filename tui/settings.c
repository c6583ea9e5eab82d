/*
 * settings.c: the settings from the defaults, the configuration file and
 * the environment.
 */
#include <errno.h>
#include <pwd.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui/settings.h"
#include "core/i18n.h"
#include "tui/out.h"
#include "core/util.h"
#include "core/fileio.h"
#include "core/banned.h"

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int yes_no(const char *v)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcasecmp(v, "on") || !strcmp(v, "1"))
		return 1;
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcasecmp(v, "off") || !strcmp(v, "0"))
		return 0;
	return -1;
}

static void read_file(struct settings *c)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME"), *given = getenv("VEDTAK_CONFIG");
	char *path, line[4096];
	long lineno = 0;
	FILE *f;

	if (given && *given)
		path = xstrdup(given);
	else if (xdg && *xdg == '/')
		path = xasprintf("%s/vedtak/config", xdg);
	else if (home && *home)
		path = xasprintf("%s/.config/vedtak/config", home);
	else
		return;
	if (!(f = fopen(path, "r"))) {
		free(path);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = trim(line), *eq, *key, *value;
		int b;

		lineno++;
		if (!*s || *s == '#' || *s == ';' || *s == '[')
			continue;
		if (!(eq = strchr(s, '='))) {
			out_printf(stderr, _("%s:%ld: warning: not 'key = value'; line ignored\n"), path,
				   lineno);
			continue;
		}
		*eq = '\0';
		key = trim(s);
		value = trim(eq + 1);
		if (!strcmp(key, "database")) {
			free(c->db_path);
			c->db_path =
			    value[0] == '~' && home ? xasprintf("%s%s", home, value + 1) : xstrdup(value);
		} else if (!strcmp(key, "user")) {
			free(c->user);
			c->user = *value ? xstrdup(value) : NULL;
		} else if (!strcmp(key, "sort")) {
			if (!strcmp(value, "date") || !strcmp(value, "relevance"))
				c->sort_by_date = !strcmp(value, "date");
			else
				out_printf(
				    stderr,
				    _("%s:%ld: warning: sort is relevance or date, not '%s'; ignored\n"),
				    path, lineno, value);
		} else if (!strcmp(key, "color") || !strcmp(key, "colour")) {
			if ((b = yes_no(value)) < 0)
				out_printf(stderr, _("%s:%ld: warning: %s is yes or no, not '%s'; ignored\n"),
					   path, lineno, key, value);
			else
				c->no_color = !b;
		} else if (!strcmp(key, "max_file_size")) {
			if (!settings_parse_megabytes(value, &c->max_file_size))
				out_printf(
				    stderr,
				    _("%s:%ld: warning: %s is a number of megabytes, not '%s'; ignored\n"),
				    path, lineno, key, value);
		} else if (!strcmp(key, "theme")) {
			free(c->theme);
			c->theme = *value ? xstrdup(value) : NULL;
		} else {
			out_printf(stderr,
				   _("%s:%ld: warning: unknown key '%s' (database, user, sort, color, theme, "
				     "max_file_size); ignored\n"),
				   path, lineno, key);
		}
	}
	fclose(f);
	free(path);
}

/* The name of the account this process runs as, for a note's author when USER is unset. */
static char *account_name(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw && pw->pw_name && *pw->pw_name ? xstrdup(pw->pw_name) : NULL;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

void settings_load(struct settings *c)
{
	memset(c, 0, sizeof(*c));
	c->max_file_size = FILE_MAX_BYTES_DEFAULT;
	read_file(c);
	if (env("VEDTAK_USER")) {
		free(c->user);
		c->user = xstrdup(env("VEDTAK_USER"));
	}
	if (!c->user)
		c->user = env("USER") ? xstrdup(env("USER")) : account_name();
	if (!c->user)
		c->user = xstrdup(_("unknown"));
	if (env("NO_COLOR"))
		c->no_color = true;
	if (env("VEDTAK_THEME")) {
		free(c->theme);
		c->theme = xstrdup(env("VEDTAK_THEME"));
	}
	if (env("VEDTAK_SORT"))
		c->sort_by_date = !strcmp(env("VEDTAK_SORT"), "date");
}

bool settings_parse_megabytes(const char *s, size_t *bytes)
{
	char *end;
	unsigned long long mb;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	mb = strtoull(s, &end, 10);
	/* 1 MB at least; at most what a size_t counts in bytes. */
	if (errno || *end || !mb || mb > (SIZE_MAX >> 20))
		return false;
	*bytes = (size_t)mb << 20;
	return true;
}

void settings_release(struct settings *c)
{
	free(c->db_path);
	free(c->user);
	free(c->theme);
	memset(c, 0, sizeof(*c));
}
