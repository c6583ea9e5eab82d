/*
 * cmd-search.c: `vedtak search`: the cases a query finds, best first, with
 * snippets of where it matched; --json for scripts.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/dates.h"
#include "core/deck.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/query.h"
#include "core/snippet.h"
#include "core/strbuf.h"
#include "db/outside.h"
#include "db/search.h"
#include "db/store.h"
#include "tui/cmd.h"
#include "tui/bounds.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

/* As written ("Orientering/drøfting"), as show and list give it; "-" for none. */
static const char *type_text(const struct deck_case *c)
{
	const char *t = case_type_text(c);

	return t ? t : "-";
}

/* A passage with its hits in bold on a terminal, else in [brackets]. */
static void print_snippet_text(const char *text, const struct hit *hits, size_t nhits, bool bold)
{
	size_t i, pos = 0;

	for (i = 0; i < nhits; i++) {
		out_write(stdout, text + pos, hits[i].start - pos);
		if (bold)
			out_control(stdout, "\033[1m");
		else
			putchar('[');
		out_write(stdout, text + hits[i].start, hits[i].end - hits[i].start);
		if (bold)
			out_control(stdout, "\033[22m");
		else
			putchar(']');
		pos = hits[i].end;
	}
	out_puts(stdout, text + pos);
}

/* A passage's hits for scripts, as [start, end) offsets in characters: ", \"hits\": [[0, 4]]". */
static void json_hits(struct strbuf *sb, const char *text, const struct hit *hits, size_t nhits)
{
	size_t k;

	strbuf_addstr(sb, ", \"hits\": [");
	for (k = 0; k < nhits; k++)
		strbuf_addf(sb, "%s[%zu, %zu]", k ? ", " : "", cmd_cp_offset(text, hits[k].start),
			    cmd_cp_offset(text, hits[k].end));
	strbuf_addch(sb, ']');
}

static void snippet_where(struct strbuf *sb, const struct snippet *sn)
{
	if (sn->page)
		strbuf_addstr(sb, sn->page);
	else if (sn->slide)
		strbuf_addf(sb, _("slide %d"), sn->slide);
	else
		strbuf_addstr(sb, snippet_where_name(sn->where));
}

static void print_hit_text(const struct deck *d, const struct deck_case *c, struct snippet *sn, size_t nsn,
			   bool bold)
{
	struct strbuf where = STRBUF_INIT, date = STRBUF_INIT;
	size_t i;

	if (d->start_date)
		date_human(&date, d->start_date, NULL, true);
	out_printf(stdout, "%s  %s  %s  %s  %s\n", c->number, d->start_date ? date.buf : "----------",
		   d->body ? d->body : "?", type_text(c), c->title ? c->title : "");
	if (c->npresenters) {
		out_printf(stdout, "    ");
		for (i = 0; i < c->npresenters; i++)
			out_printf(stdout, "%s%s", i ? ", " : "", c->presenters[i].name);
		out_printf(stdout, "\n");
	}
	for (i = 0; i < nsn; i++) {
		strbuf_reset(&where);
		snippet_where(&where, &sn[i]);
		out_printf(stdout, "    %s: ", where.buf);
		print_snippet_text(sn[i].text, sn[i].hits, sn[i].nhits, bold);
		out_printf(stdout, "\n");
	}
	strbuf_release(&where);
	strbuf_release(&date);
}

static void json_hit(struct strbuf *sb, const struct deck *d, const struct deck_case *c,
		     const struct search_hit *h, struct snippet *sn, size_t nsn)
{
	char *key = deck_case_key(d, c);
	size_t i;

	strbuf_addstr(sb, "{\"key\": ");
	json_string(sb, key);
	strbuf_addstr(sb, ", \"number\": ");
	json_string(sb, c->number);
	strbuf_addstr(sb, ", \"source\": ");
	json_string(sb, d->source);
	strbuf_addstr(sb, ", \"date\": ");
	json_string(sb, d->start_date);
	strbuf_addstr(sb, ", \"body\": ");
	json_string(sb, d->body);
	strbuf_addstr(sb, ", \"decision_type\": ");
	json_string(sb, case_type_text(c));
	strbuf_addstr(sb, ", \"title\": ");
	json_string(sb, c->title);
	strbuf_addstr(sb, ", \"presenters\": ");
	json_presenters(sb, c);
	strbuf_addf(sb, ", \"score\": %.6f, \"tier\": %d, \"snippets\": [", h->score, h->tier);
	for (i = 0; i < nsn; i++) {
		strbuf_addstr(sb, i ? ", {\"where\": " : "{\"where\": ");
		json_string(sb, sn[i].where);
		strbuf_addf(sb, ", \"slide\": %d, \"page\": ", sn[i].slide);
		json_string(sb, sn[i].page);
		strbuf_addstr(sb, ", \"text\": ");
		json_string(sb, sn[i].text);
		json_hits(sb, sn[i].text, sn[i].hits, sn[i].nhits);
		strbuf_addch(sb, '}');
	}
	strbuf_addstr(sb, "]}");
	free(key);
}

/*
 * The meetings whose text outside the cases has the query's words, asked
 * only when no case has every word (db/outside.h): after the cases,
 * newest first, each with the words in their context.
 */
static void print_outside(const struct outside_hit *v, size_t n, size_t total, bool bold)
{
	struct strbuf date = STRBUF_INIT;
	size_t i;

	out_printf(
	    stdout,
	    P_("\nfound outside the cases (title, members and break slides, Eventuelt) of %zu meeting:\n",
	       "\nfound outside the cases (title, members and break slides, Eventuelt) of %zu meetings:\n",
	       total),
	    total);
	for (i = 0; i < n; i++) {
		strbuf_reset(&date);
		if (v[i].date)
			date_human(&date, v[i].date, NULL, true);
		out_printf(stdout, "\n%s  %s  %s\n    ", v[i].date ? date.buf : "----------",
			   v[i].body ? v[i].body : "?", v[i].source ? v[i].source : "");
		print_snippet_text(v[i].snippet ? v[i].snippet : "", v[i].hits, v[i].nhits, bold);
		out_printf(stdout, "\n");
	}
	if (total > n)
		out_printf(stdout,
			   P_("\n(%zu more meeting: --limit 0 lists every one)\n",
			      "\n(%zu more meetings: --limit 0 lists every one)\n", total - n),
			   total - n);
	strbuf_release(&date);
}

static void json_outside(struct strbuf *sb, const struct outside_hit *v, size_t n, size_t total)
{
	size_t i;

	strbuf_addf(sb, ", \"outside_total\": %zu, \"outside\": [", total);
	for (i = 0; i < n; i++) {
		strbuf_addstr(sb, i ? ", {\"date\": " : "{\"date\": ");
		json_string(sb, v[i].date);
		strbuf_addstr(sb, ", \"body\": ");
		json_string(sb, v[i].body);
		strbuf_addstr(sb, ", \"source\": ");
		json_string(sb, v[i].source);
		strbuf_addstr(sb, ", \"snippet\": ");
		json_string(sb, v[i].snippet);
		json_hits(sb, v[i].snippet ? v[i].snippet : "", v[i].hits, v[i].nhits);
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
}

/* A word read as a facet, for scripts: {"word": "2022", "field": "year", "value": "2022"}. */
static void json_reading(const struct qnode *n, void *arg)
{
	struct strbuf *sb = arg;

	if (!n->read_as)
		return;
	strbuf_addstr(sb, sb->buf[sb->len - 1] == '[' ? "{\"word\": " : ", {\"word\": ");
	json_string(sb, n->text);
	strbuf_addstr(sb, ", \"field\": ");
	json_string(sb, query_field_name(n->read_as->field));
	strbuf_addstr(sb, ", \"value\": ");
	json_string(sb, query_facet_value(n->read_as));
	strbuf_addch(sb, '}');
}

/* How the query was read: what a member needs to trust the answer. */
static void print_reading(const struct search_result *res, bool explain)
{
	struct strbuf sb = STRBUF_INIT;

	search_result_describe(res, &sb);
	if (sb.len)
		out_printf(stdout, "%s\n", sb.buf);
	if (res->reading)
		out_printf(stdout, "%s\n",
			   _("(put a word in quotes to search it as text, or use --literal)"));
	if (explain)
		out_printf(stdout, _("expanded: %s\n"), res->explain ? res->explain : _("nothing"));
	strbuf_release(&sb);
}

struct search_values {
	bool json, count, explain, literal;
	int sort; /* -1: the configured order */
	size_t limit;
	long timeout;
};

static const char *const sort_choices[] = {"relevance", "date", NULL};

static const struct option search_options[] = {
    OPT_FLAG("json", 0, struct search_values, json,
	     N_("results with score, tier and snippet hit offsets (in characters)")),
    OPT_FLAG("count", 0, struct search_values, count, N_("print only the number of matching cases")),
    OPT_FLAG("explain", 0, struct search_values, explain,
	     N_("say how the words were read and expanded, and each case's score")),
    OPT_FLAG(
	"literal", 0, struct search_values, literal,
	N_("the words as text only: no facets, other names, compound parts, corrections or fewer words")),
    OPT_CHOICE("sort", struct search_values, sort, sort_choices, "relevance|date",
	       N_("by relevance, or newest meeting first")),
    OPT_COUNT("limit", struct search_values, limit, "N", N_("show at most N cases (default 20; 0 for all)")),
    OPT_MS("timeout", struct search_values, timeout, N_("stop a query that runs longer (default 30000)")),
    OPT_END,
};

static void search_defaults(const struct cmd_env *env, void *values)
{
	struct search_values *o = values;

	(void)env;
	o->sort = -1;
	o->limit = CLI_SEARCH_LIMIT;
	o->timeout = CLI_SEARCH_DEADLINE_MS;
}

/*
 * The search benchmark's in-process figure, as the UI sees a search on
 * its open database: from the query handed to the store to the page
 * written, passages and all (VEDTAK_SEARCH_TIMING names a file the
 * milliseconds are added to). Only a path from the environment: nothing
 * of it is shown.
 */
static void note_timing(double started)
{
	const char *path = getenv("VEDTAK_SEARCH_TIMING");
	FILE *f;

	if (!path || !*path || !(f = fopen(path, "a")))
		return;
	fprintf(f, "%.3f\n", (cmd_now() - started) * 1000);
	fclose(f);
}

static int run_search(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct search_values *o = values;
	struct search_opts opts = {.limit = o->limit,
				   .by_date = env->settings->sort_by_date,
				   .count_only = o->count,
				   .deadline_ms = o->timeout,
				   .explain = o->explain,
				   .literal = o->literal,
				   .mend = !o->count};
	double started = 0;
	struct search_result res = {0};
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	struct store *s = NULL;
	struct query *q = NULL;
	struct matcher *m = NULL;
	struct outside_hit *outside = NULL;
	size_t noutside = 0, outside_total = 0;
	struct vt_diag diag;
	bool bold;
	int rc = EXIT_USAGE;
	size_t h;

	(void)nplain;
	if (o->sort >= 0)
		opts.by_date = o->sort == 1;
	vt_diag_clear(&diag);
	if (cmd_query("search", nargs, args, &text, &q) != EXIT_OK)
		goto out;
	rc = EXIT_FAILED;
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		goto out;
	started = cmd_now();
	if (store_search(s, q, &opts, &res, &diag) != VT_OK) {
		out_printf(stderr, "vedtak search: %s\n", diag.msg);
		goto out;
	}
	if (opts.count_only) {
		if (o->json)
			out_printf(stdout, "{\"query\": %s, \"total\": %zu}\n",
				   (json_string(&out, text.buf), out.buf), res.total);
		else
			out_printf(stdout, "%zu\n", res.total);
		rc = EXIT_OK;
		goto out;
	}
	/* No case has every word: they may still be in a meeting's text outside its cases. What
	 * the cases gave is printed all the same when that cannot be asked. */
	if ((!res.total || res.relaxed) &&
	    store_search_outside(s, q, o->limit, &outside, &noutside, &outside_total, &diag) != VT_OK)
		out_printf(stderr, "vedtak search: warning: %s\n", diag.msg);
	/* "found nowhere" would say what the meetings listed deny. */
	if (outside_total) {
		free(res.missing);
		res.missing = NULL;
	}
	m = matcher_new(q);
	matcher_add_words(m, res.highlight);
	bold = isatty(STDOUT_FILENO) && !env->settings->no_color;
	if (o->json) {
		strbuf_addstr(&out, "{\"query\": ");
		json_string(&out, text.buf);
		strbuf_addf(&out, ", \"total\": %zu, \"read_as\": [", res.total);
		query_each_positive_term(q, json_reading, &out);
		strbuf_addstr(&out, "]");
		strbuf_addstr(&out, ", \"corrected\": ");
		json_string(&out, res.corrected);
		strbuf_addf(&out, ", \"apart\": %s, \"fewer_words\": %s, \"missing\": ",
			    res.loose ? "true" : "false", res.relaxed ? "true" : "false");
		json_string(&out, res.missing);
		if (o->explain) {
			strbuf_addstr(&out, ", \"expanded\": ");
			json_string(&out, res.explain);
		}
		json_outside(&out, outside, noutside, outside_total);
		strbuf_addstr(&out, ", \"results\": [");
	} else {
		out_printf(stdout, P_("%zu case matches\n", "%zu cases match\n", res.total), res.total);
		print_reading(&res, o->explain);
	}
	for (h = 0; h < res.nhits; h++) {
		struct snippet sn[3];
		struct deck *d = NULL;
		size_t nsn, k;

		/* The deadline holds for the whole command, the snippets of every hit too. */
		if (opts.deadline_ms && (cmd_now() - started) * 1000 > (double)opts.deadline_ms) {
			out_printf(stderr,
				   _("vedtak search: stopped after %zu of %zu results: longer than %ld ms "
				     "(--timeout)\n"),
				   h, res.nhits, opts.deadline_ms);
			goto out;
		}
		if (store_load_case(s, res.hits[h].meeting_id, res.hits[h].case_id, &d, &diag) != VT_OK) {
			out_printf(stderr, "vedtak search: %s\n", diag.msg);
			goto out;
		}
		nsn = snippets_make(m, &d->cases[0], 3, sn);
		if (o->json) {
			strbuf_addstr(&out, h ? ",\n  " : "\n  ");
			json_hit(&out, d, &d->cases[0], &res.hits[h], sn, nsn);
		} else {
			out_printf(stdout, "\n");
			print_hit_text(d, &d->cases[0], sn, nsn, bold);
			if (o->explain)
				out_printf(stdout, _("    score %.2f, tier %d, facet words %d\n"),
					   res.hits[h].score, res.hits[h].tier, res.hits[h].preferred);
		}
		for (k = 0; k < nsn; k++)
			snippet_release(&sn[k]);
		deck_free(d);
	}
	if (o->json) {
		strbuf_addstr(&out, res.nhits ? "\n]}\n" : "]}\n");
		out_puts(stdout, out.buf);
	} else if (outside_total) {
		print_outside(outside, noutside, outside_total, bold);
	}
	fflush(stdout);
	note_timing(started);
	rc = EXIT_OK;
out:
	matcher_free(m);
	outside_hits_free(outside, noutside);
	search_result_release(&res);
	query_free(q);
	store_close(s);
	strbuf_release(&text);
	strbuf_release(&out);
	return rc;
}

const struct command cmd_search = {
    {"search", "[--json] [--count] [--sort relevance|date] [--limit N] QUERY...",
     N_("search cases: words, \"phrases\", prefix*, OR, -word, fields, /regex/"),
     N_("Fields: type: presenter: org: body: case: year: date:FROM..TO title: decision:\n"
	"slide: amended:yes. See the README for the query language. A malformed query\n"
	"exits with status 2 and a caret under the problem.\n"),
     search_options, ARGS_QUERY},
    sizeof(struct search_values),
    run_search,
    search_defaults,
};
