/*
 * cmd-show.c: `vedtak show`: a case in full: its meeting, type,
 * presenters, key, tags, notes, the proposed and the recorded decision
 * (and what changed between them), and its slides.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/deck.h"
#include "core/export.h"
#include "core/json.h"
#include "core/i18n.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/worddiff.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

static void print_indented(const char *text, const char *indent)
{
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		out_printf(stdout, "%s%.*s\n", n ? indent : "", (int)n, p);
		p = nl ? nl + 1 : NULL;
	}
}

/* The labels of `vedtak show`, in the order of enum show_label. */
enum show_label {
	SL_MEETING,
	SL_AGENDA,
	SL_WHEN,
	SL_TYPE,
	SL_PRESENTERS,
	SL_KEY,
	SL_TAGS,
	SL_NOTE,
	SL_COUNT
};

static const char *const show_labels[SL_COUNT] = {
    N_("Meeting:"),    N_("Agenda:"), N_("When:"), N_("Type:"),
    N_("Presenters:"), N_("Key:"),    N_("Tags:"), N_("Note:"),
};

/* Prints a label of `vedtak show` padded to the widest one in the user's language. */
static void print_label(enum show_label l)
{
	size_t width = 0, i;

	for (i = 0; i < SL_COUNT; i++) {
		const char *t = _(show_labels[i]);
		size_t w = utf8_width(t, strlen(t));
		if (w > width)
			width = w;
	}
	cmd_print_padded(_(show_labels[l]), width + 1);
}

/*
 * The recorded decision against the proposal, word by word, as git diff
 * --word-diff shows it: in colour on a terminal (removed red, added green),
 * "[-removed-]{+added+}" when piped or with NO_COLOR. Nothing when the
 * words are the same.
 */
static void print_decision_diff(const char *proposed, const char *recorded, bool color)
{
	static const char *const colors[4] = {"\033[31m", "\033[m", "\033[32m", "\033[m"};
	struct word_diff wd;
	struct strbuf sb = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	const char *p;

	/* The texts are made safe before the diff adds its own colours, which are printed as they are. */
	term_safe_append(&a, proposed, strlen(proposed));
	term_safe_append(&b, recorded, strlen(recorded));
	word_diff(&wd, a.buf, b.buf);
	if (!word_diff_same(&wd)) {
		out_printf(stdout, "\n%s\n", _("Changed from the proposal:"));
		if (color)
			word_diff_render(&sb, &wd, colors, NULL, NULL, NULL);
		else
			word_diff_plain(&sb, &wd);
		for (p = sb.buf; *p;) {
			size_t n = strcspn(p, "\n");

			if (n)
				fputs("  ", stdout);
			fwrite(p, 1, n, stdout); /* made safe above */
			putchar('\n');
			p += n + (p[n] == '\n');
		}
	}
	strbuf_release(&sb);
	strbuf_release(&a);
	strbuf_release(&b);
	word_diff_release(&wd);
}

static void show_case(struct store *s, const struct deck *d, const struct deck_case *c, bool color)
{
	char *key = deck_case_key(d, c), *tags = NULL;
	struct note *notes = NULL;
	struct vt_diag diag;
	size_t i, nnotes = 0;

	out_printf(stdout, "Sak %s: %s\n", c->number, c->title ? c->title : _("(untitled)"));
	print_label(SL_MEETING);
	out_printf(stdout, "%s, ", d->body ? d->body : "?");
	cmd_print_dates(stdout, d);
	out_printf(stdout, ", %s  [%s, ", d->venue ? d->venue : _("venue unknown"),
		   c->source ? c->source : d->source);
	out_printf(stdout, _("lines %ld-%ld"), c->line_start, c->line_end);
	out_printf(stdout, "]\n");
	if (c->agenda_title && (!c->title || strcmp(c->agenda_title, c->title))) {
		print_label(SL_AGENDA);
		out_printf(stdout, "%s\n", c->agenda_title);
	}
	if (c->day || c->time) {
		print_label(SL_WHEN);
		if (c->day)
			out_printf(stdout, _("day %d"), c->day);
		if (c->time)
			out_printf(stdout, "%s%s", c->day ? ", " : "", c->time);
		out_printf(stdout, "\n");
	}
	print_label(SL_TYPE);
	out_printf(stdout, "%s", case_type_text(c) ? case_type_text(c) : "-");
	if (c->type_source)
		out_printf(stdout, " (%s)", decision_source_label(c->type_source));
	out_printf(stdout, "\n");
	if (c->npresenters) {
		print_label(SL_PRESENTERS);
		for (i = 0; i < c->npresenters; i++)
			out_printf(stdout, "%s%s%s%s%s", i ? "; " : "", c->presenters[i].name,
				   c->presenters[i].organization ? " (" : "",
				   c->presenters[i].organization ? c->presenters[i].organization : "",
				   c->presenters[i].organization ? ")" : "");
		out_printf(stdout, "\n");
	}
	print_label(SL_KEY);
	out_printf(stdout, "%s\n", key);
	if (store_case_tags(s, key, &tags, &diag) == VT_OK && *tags) {
		print_label(SL_TAGS);
		out_printf(stdout, "%s\n", tags);
	}
	if (store_case_notes(s, key, &notes, &nnotes, &diag) == VT_OK)
		for (i = 0; i < nnotes; i++) {
			print_label(SL_NOTE);
			out_printf(stdout, "%s (%s, %s)\n", notes[i].text, notes[i].author, notes[i].at);
		}
	free(tags);
	notes_free(notes, nnotes);
	free(key);
	out_printf(stdout, "\nForslag til vedtak%s:\n", c->amended ? " (endret)" : "");
	if (c->decision)
		print_indented(c->decision, "  ");
	else
		out_printf(stdout, "  %s\n", _("(none in the documents)"));
	/* What the minutes record ("Vedtak" is the committees' word, as "Forslag til vedtak" is). */
	if (c->recorded) {
		out_printf(stdout, "\nVedtak (%s):\n", c->recorded_source ? c->recorded_source : "?");
		print_indented(c->recorded, "  ");
	}
	if (c->decision && c->recorded)
		print_decision_diff(c->decision, c->recorded, color);
	if (c->outcome)
		out_printf(stdout, "\n%s %s\n", _("Outcome:"), outcome_label(c->outcome));
	for (i = 0; i < c->nslides; i++) {
		out_printf(stdout, "\n--- ");
		out_printf(stdout, _("slide %zu"), i + 1);
		if (c->slides[i].page)
			out_printf(stdout, " (%s)", c->slides[i].page);
		out_printf(stdout, ", ");
		out_printf(stdout, _("line %ld"), c->slides[i].line);
		out_printf(stdout, " ---\n");

		print_indented(c->slides[i].text, "");
	}
}

struct show_values {
	bool json, no_pager;
};

static const struct option show_options[] = {
    OPT_FLAG("json", 0, struct show_values, json,
	     N_("the cases as JSON: their meeting's fields, tags and notes")),
    OPT_FLAG("no-pager", 0, struct show_values, no_pager,
	     N_("print straight to the terminal, not through $PAGER")),
    OPT_END,
};

/* A case as JSON: jsonl's fields, and its notes. */
static void json_case(struct store *s, struct strbuf *sb, const struct deck *d, const struct deck_case *c)
{
	char *key = deck_case_key(d, c), *tags = NULL;
	struct note *notes = NULL;
	struct vt_diag diag;
	size_t nnotes = 0, i;

	if (store_case_tags(s, key, &tags, &diag) != VT_OK)
		tags = NULL;
	export_jsonl_case(sb, d, c, tags ? tags : "");
	/* jsonl ends the object and the line: the notes go in before the brace. */
	strbuf_setlen(sb, sb->len - 2);
	strbuf_addstr(sb, ", \"notes\": [");
	if (store_case_notes(s, key, &notes, &nnotes, &diag) == VT_OK)
		for (i = 0; i < nnotes; i++) {
			strbuf_addstr(sb, i ? ", {\"id\": " : "{\"id\": ");
			json_string(sb, notes[i].id);
			strbuf_addstr(sb, ", \"author\": ");
			json_string(sb, notes[i].author);
			strbuf_addstr(sb, ", \"at\": ");
			json_string(sb, notes[i].at);
			strbuf_addstr(sb, ", \"text\": ");
			json_string(sb, notes[i].text);
			strbuf_addch(sb, '}');
		}
	strbuf_addstr(sb, "]}");
	notes_free(notes, nnotes);
	free(tags);
	free(key);
}

static int run_show(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct show_values *o = values;
	struct strbuf json = STRBUF_INIT;
	struct store *s = NULL;
	struct case_ref *refs = NULL;
	struct vt_diag diag;
	const char *number = nargs ? args[0] : NULL;
	bool color = isatty(STDOUT_FILENO) && !env->settings->no_color;
	struct case_no no;
	size_t n = 0, i;
	int rc = EXIT_OK;
	enum vt_status st;

	(void)nplain;
	if (nargs > 1) {
		out_printf(stderr, _("vedtak show: one case number, please\n"));
		return EXIT_USAGE;
	}
	if (!number || !scan_case_number(number, strlen(number), &no) || no.len != strlen(number)) {
		out_printf(stderr, _("vedtak show: give a case number such as 11/21\n"));
		return EXIT_USAGE;
	}
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		return EXIT_FAILED;
	vt_diag_clear(&diag);
	st = store_find_cases(s, no.text, &refs, &n, &diag);
	if (st != VT_OK) {
		cmd_print_diag(NULL, &diag, st);
		rc = EXIT_FAILED;
		goto out;
	}
	if (!n) {
		out_printf(stderr, _("vedtak show: no case %s\n"), no.text);
		rc = EXIT_FAILED;
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct deck *d = NULL;

		st = store_load_meeting(s, refs[i].meeting_id, &d, &diag);
		if (st != VT_OK) {
			cmd_print_diag(NULL, &diag, st);
			rc = EXIT_FAILED;
			goto out;
		}
		if (refs[i].position < 1 || (size_t)refs[i].position > d->ncases) {
			deck_free(d);
			continue;
		}
		if (o->json) {
			strbuf_addstr(&json, json.len ? ",\n  " : "{\"cases\": [\n  ");
			json_case(s, &json, d, &d->cases[refs[i].position - 1]);
		} else {
			if (!i && !o->no_pager)
				cmd_pager_start();
			if (i)
				out_printf(stdout, "\n========\n\n");
			show_case(s, d, &d->cases[refs[i].position - 1], color);
		}
		deck_free(d);
	}
	if (o->json) {
		strbuf_addstr(&json, json.len ? "\n]}\n" : "{\"cases\": []}\n");
		/* JSON is data: written as it is (its writer escapes control characters). */
		fwrite(json.buf, 1, json.len, stdout);
	}
out:
	cmd_pager_end();
	strbuf_release(&json);
	free(refs);
	store_close(s);
	return rc;
}

const struct command cmd_show = {
    {"show", "[--json] [--no-pager] NUMBER", N_("show a case in full (all cases with that number)"),
     N_("NUMBER is a case number such as 11/21. Where minutes record a decision that\n"
	"differs from the proposal, the words that changed are shown as git diff\n"
	"--word-diff shows them: in colour on a terminal, [-removed-]{+added+} when piped.\n"),
     show_options, ARGS_WORDS},
    sizeof(struct show_values),
    run_show,
    NULL,
};
