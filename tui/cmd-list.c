/*
 * cmd-list.c: `vedtak list`: every meeting, newest first, with its cases.
 */
#include <stdlib.h>
#include <string.h>

#include "core/deck.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/strbuf.h"
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
	if (!n)
		out_printf(stderr, "%s\n",
			   _("vedtak: no meetings yet; import documents with: vedtak import FILE…"));
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

/* One meeting as a JSON object: its fields, its documents and its cases in short. */
static int list_meeting_json(struct deck *d, void *arg)
{
	struct strbuf *sb = arg;
	size_t i;

	strbuf_addstr(sb, sb->len ? ",\n  {\"date\": " : "{\"meetings\": [\n  {\"date\": ");
	json_string(sb, d->start_date);
	strbuf_addstr(sb, ", \"end_date\": ");
	json_string(sb, d->end_date);
	strbuf_addstr(sb, ", \"body\": ");
	json_string(sb, d->body);
	strbuf_addstr(sb, ", \"venue\": ");
	json_string(sb, d->venue);
	strbuf_addstr(sb, ", \"documents\": [");
	for (i = 0; i < d->ndocs; i++) {
		strbuf_addstr(sb, i ? ", {\"kind\": " : "{\"kind\": ");
		json_string(sb, doc_kind_label(d->docs[i].kind));
		strbuf_addstr(sb, ", \"source\": ");
		json_string(sb, d->docs[i].source);
		strbuf_addch(sb, '}');
	}
	strbuf_addstr(sb, "], \"cases\": [");
	for (i = 0; i < d->ncases; i++) {
		char *key = deck_case_key(d, &d->cases[i]);

		strbuf_addstr(sb, i ? ", {\"key\": " : "{\"key\": ");
		json_string(sb, key);
		strbuf_addstr(sb, ", \"number\": ");
		json_string(sb, d->cases[i].number);
		strbuf_addstr(sb, ", \"decision_type\": ");
		json_string(sb, case_type_text(&d->cases[i])); /* as written: "Orientering/drøfting" */
		strbuf_addstr(sb, ", \"title\": ");
		json_string(sb, d->cases[i].title);
		strbuf_addch(sb, '}');
		free(key);
	}
	strbuf_addstr(sb, "]}");
	return EXIT_OK;
}

struct list_values {
	bool json;
};

static const struct option list_options[] = {
    OPT_FLAG("json", 0, struct list_values, json,
	     N_("the meetings as JSON, each with its documents and cases")),
    OPT_END,
};

static int run_list(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct list_values *o = values;
	struct strbuf json = STRBUF_INIT;
	struct store *s = NULL;
	int rc;

	(void)nplain;
	(void)nargs;
	(void)args;
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		return EXIT_FAILED;
	if (o->json) {
		rc = each_meeting(s, list_meeting_json, &json);
		strbuf_addstr(&json, json.len ? "\n]}\n" : "{\"meetings\": []}\n");
		if (rc == EXIT_OK)
			fwrite(json.buf, 1, json.len,
			       stdout); /* data: its writer escapes control characters */
	} else {
		rc = cmd_list_meetings(s);
	}
	strbuf_release(&json);
	store_close(s);
	return rc;
}

const struct command cmd_list = {
    {"list", "[--json]", N_("list meetings, newest first, with their cases"), "", list_options, ARGS_NONE},
    sizeof(struct list_values),
    run_list,
    NULL,
};
