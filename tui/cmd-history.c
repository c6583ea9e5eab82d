/*
 * cmd-history.c: `vedtak history`: a topic followed through the
 * committees: every case of the topic of a case number, oldest first, with
 * the decision recorded (or else proposed). With no number, every topic
 * that spans more than one meeting.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/deck.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "db/store.h"
#include "db/topics.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "core/banned.h"

struct history_values {
	bool json;
};

static const struct option history_options[] = {
    OPT_FLAG("json", 0, struct history_values, json, N_("the topics as JSON, each with its cases")),
    OPT_END,
};

/* "11/21", "11/2021", or a case's key "NUFA|11/21|1". */
static bool case_ref_valid(const char *a)
{
	struct case_no no;

	return strchr(a, '|') ? scan_case_key(a) : scan_case_number(a, strlen(a), &no) && no.len == strlen(a);
}

static void print_row(const struct history_row *r, size_t body_width)
{
	struct strbuf when = STRBUF_INIT;
	const char *type = r->type ? decision_type_name(r->type) : "-";

	/* The first day: a column has no room for a meeting's two. */
	date_human(&when, r->start_date, NULL, true);
	cmd_print_padded(when.buf, 10);
	out_printf(stdout, "  ");
	cmd_print_padded(history_row_body(r), body_width);
	out_printf(stdout, "  ");
	cmd_print_padded(r->number, 6);
	out_printf(stdout, "  ");
	cmd_print_padded(type, 11);
	out_printf(stdout, "  %s\n", r->title ? r->title : "");
	if (r->decision && *r->decision)
		out_printf(stdout, "%12s%s %.*s\n", "", r->recorded ? _("Decided:") : _("Proposed:"),
			   (int)history_row_decision_line(r), r->decision);
	strbuf_release(&when);
}

static void json_row(struct strbuf *sb, const struct history_row *r)
{
	strbuf_addstr(sb, "{\"key\": ");
	json_string(sb, r->key);
	strbuf_addstr(sb, ", \"date\": ");
	json_string(sb, r->start_date);
	strbuf_addstr(sb, ", \"body\": ");
	json_string(sb, r->body);
	strbuf_addstr(sb, ", \"body_as_written\": ");
	json_string(sb, r->body_written ? r->body_written : r->body);
	strbuf_addstr(sb, ", \"number\": ");
	json_string(sb, r->number);
	strbuf_addstr(sb, ", \"decision_type\": ");
	json_string(sb, r->type ? decision_type_name(r->type) : NULL);
	strbuf_addstr(sb, ", \"title\": ");
	json_string(sb, r->title);
	strbuf_addstr(sb, ", \"decision\": ");
	json_string(sb, r->decision);
	strbuf_addstr(sb, ", \"decision_recorded\": ");
	strbuf_addstr(sb, r->recorded ? "true" : "false");
	strbuf_addstr(sb, ", \"standing\": ");
	strbuf_addstr(sb, r->standing ? "true" : "false");
	strbuf_addch(sb, '}');
}

/* Topics one after the other: rows v[0..n) come topic by topic. */
static void print_topics(const struct history_row *v, size_t n, bool json, bool every)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, shown = 0, body_width = 4;

	/* One column for the bodies, as wide as the widest name shown. */
	for (i = 0; i < n; i++) {
		size_t w = utf8_width(history_row_body(&v[i]), strlen(history_row_body(&v[i])));
		body_width = w > body_width ? w : body_width;
	}

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].topic == v[i].topic; j++)
			;
		/* Listing every topic: those of one case are no history. */
		if (every && j - i < 2)
			continue;
		if (json) {
			size_t k;
			/* A topic is named after its first case, as the text output heads it. */
			strbuf_addstr(&sb, shown ? ",\n  {\"topic\": " : "\n  {\"topic\": ");
			json_string(&sb, v[i].title);
			strbuf_addstr(&sb, ", \"cases\": [");
			for (k = i; k < j; k++) {
				if (k > i)
					strbuf_addstr(&sb, ", ");
				json_row(&sb, &v[k]);
			}
			strbuf_addstr(&sb, "]}");
		} else {
			size_t k;
			if (shown)
				out_printf(stdout, "\n");
			if (v[i].standing)
				out_printf(
				    stdout,
				    _("%s: a standing item, on every meeting's agenda: a topic of its own\n"),
				    v[i].title ? v[i].title : "");
			else
				out_printf(stdout, P_("%s: %zu case\n", "%s: %zu cases\n", j - i),
					   v[i].title ? v[i].title : "", j - i);
			for (k = i; k < j; k++)
				print_row(&v[k], body_width);
		}
		shown++;
	}
	if (json)
		out_printf(stdout, "{\"topics\": [%s%s]}\n", sb.len ? sb.buf : "", sb.len ? "\n" : "");
	strbuf_release(&sb);
}

static int run_history(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct history_values *o = values;
	struct history_row *v = NULL;
	struct store *s = NULL;
	struct vt_diag diag;
	const char *ref = NULL;
	struct case_no no;
	bool stale = false;
	size_t n = 0;
	int rc = EXIT_FAILED;
	enum vt_status st;

	(void)nplain;
	if (nargs > 1) {
		out_printf(stderr, "%s vedtak history [--json] [NUMBER]\n", _("usage:"));
		out_printf(stderr, "%s\n", _("vedtak history: one case at a time"));
		return EXIT_USAGE;
	}
	/* A number ("11/21"), or a key ("NUFA|11/21|1") where bodies share the number. */
	if (nargs && !case_ref_valid(args[0])) {
		out_printf(stderr, "%s vedtak history [--json] [NUMBER]\n", _("usage:"));
		out_printf(stderr, _("vedtak history: '%s' is not a case number such as 11/21\n"), args[0]);
		return EXIT_USAGE;
	}
	if (nargs)
		ref = strchr(args[0], '|') ? args[0]
					   : (scan_case_number(args[0], strlen(args[0]), &no), no.text);
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		return EXIT_FAILED;
	if ((st = store_update_topics(s, &stale, &diag)) != VT_OK ||
	    (st = store_topic_history(s, nargs ? ref : NULL, -1, &v, &n, &diag)) != VT_OK) {
		cmd_print_diag(NULL, &diag, st);
		goto out;
	}
	if (stale)
		out_printf(
		    stderr, "%s\n",
		    _("vedtak history: the topics predate the last import (the database is read-only)"));
	if (nargs && !n) {
		out_printf(stderr, _("vedtak history: no case %s\n"), ref);
		goto out;
	}
	print_topics(v, n, o->json, nargs == 0);
	rc = EXIT_OK;
out:
	history_rows_free(v, n);
	store_close(s);
	return rc;
}

const struct command cmd_history = {
    {"history", "[--json] [NUMBER]", N_("follow a case's topic through the meetings and committees"),
     N_("NUMBER is a case number such as 11/21: its topic's cases are listed oldest first,\n"
	"each with the decision recorded, or else proposed. Without a number, every topic\n"
	"that spans more than one meeting. How topics are found: README, \"Topics\".\n"),
     history_options, ARGS_WORDS},
    sizeof(struct history_values),
    run_history,
    NULL,
};
