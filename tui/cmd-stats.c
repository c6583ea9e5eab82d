/*
 * cmd-stats.c: `vedtak stats [QUERY]`: pictures of the archive, or of
 * the cases a query finds: cases per year by decision type, per body, per
 * presenting organisation, time on the agenda per topic, outcomes. Bars on
 * a terminal, tab-separated tables on a pipe, JSON with --json.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/deck.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "db/stats.h"
#include "db/store.h"
#include "tui/charts.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

struct stats_values {
	bool json;
};

static const struct option stats_options[] = {
    OPT_FLAG("json", 0, struct stats_values, json, N_("the figures as JSON")),
    OPT_END,
};

/* The terminal's width, or COLUMNS, or 80. */
static int terminal_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	int w = 80;

	if (cols && atoi(cols) > 0)
		w = atoi(cols);
	else if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col > 0)
		w = ws.ws_col;
	/* From the environment: a bar a billion cells wide is no picture. */
	return w > 1000 ? 1000 : w;
}

/* The charts made the labels safe (charts.c, add_cell); the escapes left are their own colours. */
static void print_line(void *arg, const char *text, enum chart_line kind)
{
	(void)arg;
	(void)kind;
	fputs(text, stdout);
	putchar('\n');
}

static void json_chart(struct strbuf *sb, const struct stats *st, int k, const char *name, const char *key)
{
	const struct stat_chart *c = &st->chart[k];
	size_t i;
	int t;

	strbuf_addf(sb, ",\n  \"%s\": [", name);
	for (i = 0; i < c->n; i++) {
		strbuf_addf(sb, "%s{\"%s\": ", i ? ", " : "", key);
		/* "": the cases with none (no organisation named, no outcome recorded). */
		json_string(sb, *c->rows[i].label ? c->rows[i].label : NULL);
		strbuf_addf(sb, ", \"%s\": %ld", k == STATS_TOPICS ? "minutes" : "cases", c->rows[i].value);
		if (k == STATS_TOPICS)
			strbuf_addf(sb, ", \"cases\": %ld", c->rows[i].cases);
		if (k == STATS_BODIES) {
			strbuf_addstr(sb, ", \"later_name\": ");
			json_string(sb, c->rows[i].later_name);
			strbuf_addstr(sb, ", \"later_from\": ");
			json_string(sb, c->rows[i].later_from);
		}
		if (k == STATS_YEARS)
			for (t = 0; t < 4; t++)
				strbuf_addf(sb, ", \"%s\": %ld",
					    t ? decision_type_name((enum decision_type)t) : "none",
					    c->rows[i].by_type[t]);
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
}

static int run_stats(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct stats_values *o = values;
	struct strbuf text = STRBUF_INIT, json = STRBUF_INIT;
	struct query *q = NULL;
	struct store *s = NULL;
	struct stats st;
	struct vt_diag diag;
	enum vt_status ret;
	int rc;

	(void)nplain;
	memset(&st, 0, sizeof(st));
	if ((rc = cmd_query("stats", nargs, args, &text, &q)) != EXIT_OK)
		goto out;
	rc = EXIT_FAILED;
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		goto out;
	if ((ret = store_stats(s, q, &st, &diag)) != VT_OK) {
		cmd_print_diag(NULL, &diag, ret);
		goto out;
	}
	if (o->json) {
		strbuf_addf(&json, "{\"cases\": %zu", st.ncases);
		json_chart(&json, &st, STATS_YEARS, "years", "year");
		json_chart(&json, &st, STATS_BODIES, "bodies", "body");
		json_chart(&json, &st, STATS_ORGS, "organisations", "organisation");
		json_chart(&json, &st, STATS_TOPICS, "topics", "topic");
		json_chart(&json, &st, STATS_OUTCOMES, "outcomes", "outcome");
		strbuf_addstr(&json, "\n}\n");
		fwrite(json.buf, 1, json.len, stdout); /* data: its writer escapes control characters */
	} else {
		bool tty = isatty(STDOUT_FILENO);

		out_printf(stdout, P_("%zu case\n\n", "%zu cases\n\n", st.ncases), st.ncases);
		charts_draw(&st, terminal_width(), !tty, tty && !env->settings->no_color, print_line, NULL);
	}
	rc = EXIT_OK;
out:
	stats_release(&st);
	query_free(q);
	strbuf_release(&text);
	strbuf_release(&json);
	store_close(s);
	return rc;
}

const struct command cmd_stats = {
    {"stats", "[--json] [QUERY]", N_("pictures of the archive, or of the cases a query finds"),
     N_("Cases per year by decision type, per body and per presenting organisation, minutes\n"
	"on the agenda per topic, and outcomes where minutes exist: bars on a terminal,\n"
	"tab-separated tables on a pipe, JSON with --json. Every picture follows the query:\n"
	"vedtak stats type:drøfting 2022\n"),
     stats_options, ARGS_QUERY},
    sizeof(struct stats_values),
    run_stats,
    NULL,
};
