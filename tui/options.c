/*
 * options.c: parsing a subcommand's command line from its option table.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/utf8.h"
#include "tui/options.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

/* What every command takes, before its own options. */
static const struct option common_options[] = {
    {OPTION_STRING, "db", 0, 0, "PATH", N_("the database (default $XDG_DATA_HOME/vedtak/vedtak.db)"), NULL},
    {OPTION_FLAG, "read-only", 0, 0, NULL, N_("open the database read-only; every write fails"), NULL},
    {OPTION_FLAG, "help", 'h', 0, NULL, N_("this help"), NULL},
    OPT_END,
};

static const struct option *find_long(const struct option *o, const char *name, size_t len)
{
	for (; o && o->type != OPTION_END; o++)
		if (strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	return NULL;
}

static const struct option *find_short(const struct option *o, char c)
{
	for (; o && o->type != OPTION_END; o++)
		if (o->short_name && o->short_name == c)
			return o;
	return NULL;
}

static int usage_error(const struct command_spec *spec)
{
	out_printf(stderr, _("usage: vedtak %s %s (see vedtak %s --help)\n"), spec->name, spec->usage,
		   spec->name);
	return 2;
}

/* Stores `value` (NULL for a flag) for option `o`; returns false, having said why, if it is not one. */
static bool set_value(const struct command_spec *spec, const struct option *o, void *values,
		      const char *value)
{
	char *field = (char *)values + o->offset, *end;
	long long n;
	size_t i;

	switch (o->type) {
	case OPTION_FLAG:
		*(bool *)field = true;
		return true;
	case OPTION_STRING:
		*(const char **)field = value;
		return true;
	case OPTION_COUNT:
	case OPTION_MS:
		errno = 0;
		n = strtoll(value, &end, 10);
		if (errno || end == value || *end || n < (o->type == OPTION_MS ? 1 : 0) || n > 1000000000LL) {
			out_printf(stderr,
				   o->type == OPTION_MS
				       ? _("vedtak %s: --%s takes milliseconds, not '%s'\n")
				       : _("vedtak %s: --%s takes a number (0 or more), not '%s'\n"),
				   spec->name, o->name, value);
			return false;
		}
		if (o->type == OPTION_MS)
			*(long *)field = (long)n;
		else
			*(size_t *)field = (size_t)n;
		return true;
	case OPTION_CHOICE:
		for (i = 0; o->choices[i]; i++)
			if (!strcmp(o->choices[i], value)) {
				*(int *)field = (int)i;
				return true;
			}
		{
			struct strbuf sb = STRBUF_INIT;

			for (i = 0; o->choices[i]; i++)
				strbuf_addf(&sb, "%s%s", i ? ", " : "", o->choices[i]);
			out_printf(stderr, _("vedtak %s: --%s takes %s, not '%s'\n"), spec->name, o->name,
				   sb.buf, value);
			strbuf_release(&sb);
		}
		return false;
	case OPTION_END:
		break;
	}
	return false;
}

/* One of the common options: applies it to the settings. */
static int set_common(const struct command_spec *spec, const struct option *o, struct settings *settings,
		      const char *value)
{
	if (!strcmp(o->name, "help")) {
		options_help(stdout, spec);
		return 0;
	}
	if (!strcmp(o->name, "read-only")) {
		settings->readonly = true;
		return OPTIONS_GO_ON;
	}
	free(settings->db_path);
	settings->db_path = xstrdup(value);
	return OPTIONS_GO_ON;
}

int options_parse(const struct command_spec *spec, struct settings *settings, void *values, int argc,
		  char **argv, char **args, size_t *nargs, size_t *nplain)
{
	int i;

	*nargs = 0;
	if (nplain)
		*nplain = SIZE_MAX;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL, *eq;
		const struct option *o = NULL;
		bool common = false;

		if (!strcmp(a, "--")) {
			if (nplain)
				*nplain = *nargs;
			for (i++; i < argc; i++)
				args[(*nargs)++] = argv[i];
			break;
		}
		if (a[0] == '-' && a[1] == '-') {
			size_t len = (eq = strchr(a, '=')) ? (size_t)(eq - a - 2) : strlen(a + 2);

			if (!(o = find_long(spec->options, a + 2, len)) &&
			    (o = find_long(common_options, a + 2, len)))
				common = true;
			if (!o) {
				out_printf(stderr, _("vedtak %s: unknown option '%s'\n"), spec->name, a);
				return usage_error(spec);
			}
			value = eq ? eq + 1 : NULL;
		} else if (a[0] == '-' && a[1] && !a[2] &&
			   ((o = find_short(spec->options, a[1])) ||
			    (common = (o = find_short(common_options, a[1]))))) {
			value = NULL;
		} else if (a[0] == '-' && a[1] && spec->args != ARGS_QUERY) {
			out_printf(stderr, _("vedtak %s: unknown option '%s'\n"), spec->name, a);
			return usage_error(spec);
		} else if (spec->args == ARGS_NONE) {
			out_printf(stderr, _("vedtak %s: unexpected argument '%s'\n"), spec->name, a);
			return usage_error(spec);
		} else {
			args[(*nargs)++] = argv[i];
			continue;
		}
		if (o->type == OPTION_FLAG && value) {
			out_printf(stderr, _("vedtak %s: --%s takes no value\n"), spec->name, o->name);
			return usage_error(spec);
		}
		if (o->type != OPTION_FLAG && !value) {
			if (i + 1 >= argc) {
				out_printf(stderr, _("vedtak %s: --%s needs %s\n"), spec->name, o->name,
					   o->arg);
				return usage_error(spec);
			}
			value = argv[++i];
		}
		if (common) {
			int rc = set_common(spec, o, settings, value);
			if (rc != OPTIONS_GO_ON)
				return rc;
		} else if (!set_value(spec, o, values, value)) {
			return usage_error(spec);
		}
	}
	if (nplain && *nplain == SIZE_MAX)
		*nplain = *nargs;
	if (spec->args == ARGS_NONE && *nargs) {
		out_printf(stderr, _("vedtak %s: unexpected argument '%s'\n"), spec->name, args[0]);
		return usage_error(spec);
	}
	return OPTIONS_GO_ON;
}

/* "  -q, --quiet     " padded to `width` cells, then the help. */
static void option_line(FILE *f, const struct option *o, int width)
{
	struct strbuf sb = STRBUF_INIT;
	const char *help = _(o->help);

	strbuf_addstr(&sb, "  ");
	if (o->short_name)
		strbuf_addf(&sb, "-%c, ", o->short_name);
	strbuf_addf(&sb, "--%s", o->name);
	if (o->arg)
		strbuf_addf(&sb, " %s", o->arg);
	if ((int)utf8_width(sb.buf, sb.len) >= width) {
		out_printf(f, "%s\n", sb.buf);
		strbuf_reset(&sb);
	}
	while ((int)utf8_width(sb.buf, sb.len) < width)
		strbuf_addch(&sb, ' ');
	out_printf(f, "%s%s\n", sb.buf, help);
	strbuf_release(&sb);
}

void options_help(FILE *f, const struct command_spec *spec)
{
	const struct option *o;

	out_printf(f, "%s vedtak [--db PATH] %s %s\n\n%s\n", _("usage:"), spec->name, spec->usage,
		   spec->summary ? _(spec->summary) : "");
	if (spec->options && spec->options->type != OPTION_END) {
		out_printf(f, "\n%s\n", _("Options:"));
		for (o = spec->options; o->type != OPTION_END; o++)
			option_line(f, o, 20);
	}
	if (spec->help && *spec->help)
		out_printf(f, "\n%s", _(spec->help));
}

void options_man(FILE *f, const struct command_spec *spec)
{
	const struct option *o;

	for (o = spec->options; o && o->type != OPTION_END; o++) {
		fputs(".RS\n.TP\n.B ", f);
		if (o->short_name)
			out_printf(f, "\\-%c, ", o->short_name);
		out_printf(f, "\\-\\-%s", o->name);
		if (o->arg)
			out_printf(f, " \\fI%s\\fR", o->arg);
		out_printf(f, "\n%s\n.RE\n", o->help);
	}
}
