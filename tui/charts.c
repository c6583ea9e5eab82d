/*
 * charts.c: bar charts of the archive's figures (charts.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/deck.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/util.h"
#include "db/stats.h"
#include "tui/charts.h"
#include "core/banned.h"

/* A stacked bar's parts, by decision type (0: none): shades first, for NO_COLOR and print. */
static const char *const shades[4] = {"░", "█", "▓", "▒"};
static const char *const colors[4] = {"", "\033[32m", "\033[34m", "\033[33m"};
static const enum decision_type type_order[4] = {DECISION_GODKJENNING, DECISION_ORIENTERING,
						 DECISION_DROFTING, DECISION_NONE};

static const char *type_label(enum decision_type t)
{
	return t ? decision_type_name(t) : _("no type");
}

static const char *row_label(int chart, const struct stat_row *r)
{
	if (chart == STATS_OUTCOMES)
		return *r->label ? outcome_label(outcome_parse(r->label)) : _("none recorded");
	if (chart == STATS_ORGS && !*r->label)
		return _("no organisation named");
	return r->label;
}

/* Each short enough for 40 columns, in both languages. */
static const char *const headings[STATS_CHARTS] = {
    N_("Cases per year, by decision type"),  N_("Cases per body"),
    N_("Cases per presenting organisation"), N_("Minutes on the agenda per topic"),
    N_("Outcomes, where minutes exist"),
};

/*
 * A label from a document, fit for a terminal and for one cell of a
 * table: no control characters, no tab or line break, and a ' before what
 * a spreadsheet would take for a formula (as export's CSV does).
 */
static void add_cell(struct strbuf *sb, const char *label)
{
	struct strbuf clean = STRBUF_INIT;
	size_t i;

	term_safe_append(&clean, label, strlen(label));
	for (i = 0; i < clean.len; i++)
		if (clean.buf[i] == '\t' || clean.buf[i] == '\n' || clean.buf[i] == '\r')
			clean.buf[i] = ' ';
	/* Judged on the text as it goes out: a tab made a space still hides a formula. */
	if (export_formula_like(clean.buf))
		strbuf_addch(sb, '\'');
	strbuf_add(sb, clean.buf ? clean.buf : "", clean.len);
	strbuf_release(&clean);
}

/* `label` (from a document: made safe for a terminal) cut to `width` cells, "…" at the cut, padded. */
static void add_fitted(struct strbuf *sb, const char *label, int width)
{
	struct strbuf safe = STRBUF_INIT;
	const char *s;
	int w;
	size_t i = 0;

	add_cell(&safe, label);
	s = safe.buf;
	w = (int)utf8_width(s, strlen(s));

	if (w <= width) {
		strbuf_addstr(sb, s);
	} else {
		int used = 0;
		while (s[i]) {
			uint32_t cp;
			size_t n = utf8_decode(s + i, strlen(s + i), &cp);
			int cw = (int)utf8_width(s + i, n);
			if (!n || used + cw > width - 1)
				break;
			used += cw;
			i += n;
		}
		strbuf_add(sb, s, i);
		strbuf_addstr(sb, "…");
		w = used + 1;
	}
	for (; w < width; w++)
		strbuf_addch(sb, ' ');
	strbuf_release(&safe);
}

/* `text` in lines of at most `width` cells, broken at spaces, each indented by two. */
static void line_wrapped(const char *text, int width, chart_line_fn *line, void *arg)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = text;

	while (*p) {
		const char *end = p, *cut = NULL;
		int used = 2;

		/* The longest run of words that fits; a word longer than the line is cut. */
		while (*end) {
			uint32_t cp;
			size_t n = utf8_decode(end, strlen(end), &cp);
			int w = (int)utf8_width(end, n ? n : 1);

			if (used + w > width)
				break;
			used += w;
			end += n ? n : 1;
			if (*end == ' ' || !*end)
				cut = end;
		}
		if (!*end)
			cut = end;
		else if (!cut || cut == p)
			cut = end > p ? end : p + 1;
		strbuf_reset(&out);
		strbuf_addstr(&out, "  ");
		strbuf_add(&out, p, (size_t)(cut - p));
		line(arg, out.buf, CHART_ROW);
		p = cut;
		while (*p == ' ')
			p++;
	}
	strbuf_release(&out);
}

static void draw_chart(const struct stats *st, int k, int width, bool color, chart_line_fn *line, void *arg)
{
	const struct stat_chart *c = &st->chart[k];
	struct strbuf sb = STRBUF_INIT;
	long max = 1;
	int label_w = 4, num_w = 1, bar_w;
	size_t i;
	int t;

	line(arg, _(headings[k]), CHART_HEADING);
	if (k == STATS_YEARS) {
		/* The legend, wrapped to the width: a stacked bar means nothing without it. */
		for (t = 0; t < 4; t++) {
			char part[64];
			int used = (int)utf8_width(sb.buf, sb.len);

			snprintf(part, sizeof(part), "%s %s", shades[type_order[t]],
				 type_label(type_order[t]));
			if (used && used + 2 + (int)utf8_width(part, strlen(part)) > width) {
				line(arg, sb.buf, CHART_ROW);
				strbuf_reset(&sb);
			}
			if (sb.len)
				strbuf_addstr(&sb, "  ");
			if (color)
				strbuf_addstr(&sb, colors[type_order[t]]);
			strbuf_addstr(&sb, part);
			if (color && type_order[t])
				strbuf_addstr(&sb, "\033[m");
		}
		line(arg, sb.buf, CHART_ROW);
	}
	if (!c->n)
		line(arg, _("  (none)"), CHART_ROW);
	for (i = 0; i < c->n; i++) {
		int lw = (int)utf8_width(row_label(k, &c->rows[i]), strlen(row_label(k, &c->rows[i])));
		char num[32];

		label_w = lw > label_w ? lw : label_w;
		max = c->rows[i].value > max ? c->rows[i].value : max;
		num_w =
		    snprintf(num, sizeof(num), "%ld", c->rows[i].value) > num_w ? (int)strlen(num) : num_w;
	}
	/* The label takes at most a third of the line; the bar gets the rest but for the number. */
	if (label_w > width / 3)
		label_w = width / 3 > 4 ? width / 3 : 4;
	bar_w = width - label_w - num_w - 3;
	if (bar_w < 4)
		bar_w = 4;
	for (i = 0; i < c->n; i++) {
		const struct stat_row *r = &c->rows[i];
		long cum = 0;
		int drawn = 0;

		strbuf_reset(&sb);
		add_fitted(&sb, row_label(k, r), label_w);
		strbuf_addch(&sb, ' ');
		for (t = 0; t < 4; t++) {
			enum decision_type ty = k == STATS_YEARS ? type_order[t] : DECISION_GODKJENNING;
			long part = k == STATS_YEARS ? r->by_type[ty] : (t ? 0 : r->value);
			int upto;

			cum += part;
			/* Cumulative rounding: the parts add up to the whole bar. */
			upto = (int)((double)cum * bar_w / (double)max + 0.5);
			if (part && upto == drawn && upto < bar_w)
				upto = drawn + 1; /* a part that is there is seen */
			bool paint = color && k == STATS_YEARS && ty && upto > drawn;

			if (paint)
				strbuf_addstr(&sb, colors[ty]);
			for (; drawn < upto; drawn++)
				strbuf_addstr(&sb, k == STATS_YEARS ? shades[ty] : "█");
			if (paint)
				strbuf_addstr(&sb, "\033[m");
		}
		strbuf_addf(&sb, " %ld", r->value);
		line(arg, sb.buf, CHART_ROW);
	}
	/* A body renamed is one bar: the note says by which name, and from when. */
	for (i = 0; k == STATS_BODIES && i < c->n; i++) {
		struct strbuf when = STRBUF_INIT;

		if (!c->rows[i].later_name)
			continue;
		date_human(&when, c->rows[i].later_from, NULL, true);
		strbuf_reset(&sb);
		add_cell(&sb, c->rows[i].label);
		strbuf_addstr(&sb, _(": called "));
		add_cell(&sb, c->rows[i].later_name);
		strbuf_addf(&sb, _(" from %s"), when.buf);
		line_wrapped(sb.buf, width, line, arg);
		strbuf_release(&when);
	}
	line(arg, "", CHART_BLANK);
	strbuf_release(&sb);
}

/* A chart as a table: a heading, the column names, then a row per bar. */
static void table_chart(const struct stats *st, int k, chart_line_fn *line, void *arg)
{
	const struct stat_chart *c = &st->chart[k];
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int t;

	line(arg, _(headings[k]), CHART_HEADING);
	if (k == STATS_YEARS) {
		strbuf_addf(&sb, "%s\t%s", _("year"), _("cases"));
		for (t = 0; t < 4; t++)
			strbuf_addf(&sb, "\t%s", type_label(type_order[t]));
	} else {
		strbuf_addstr(&sb, k == STATS_TOPICS   ? _("topic\tminutes\tcases")
				   : k == STATS_BODIES ? _("name\tcases\tlater name\tfrom")
						       : _("name\tcases"));
	}
	line(arg, sb.buf, CHART_ROW);
	for (i = 0; i < c->n; i++) {
		const struct stat_row *r = &c->rows[i];

		strbuf_reset(&sb);
		add_cell(&sb, row_label(k, r));
		strbuf_addf(&sb, "\t%ld", r->value);
		if (k == STATS_YEARS)
			for (t = 0; t < 4; t++)
				strbuf_addf(&sb, "\t%ld", r->by_type[type_order[t]]);
		if (k == STATS_TOPICS)
			strbuf_addf(&sb, "\t%ld", r->cases);
		if (k == STATS_BODIES) {
			strbuf_addch(&sb, '\t');
			add_cell(&sb, r->later_name ? r->later_name : "");
			strbuf_addf(&sb, "\t%s", r->later_from ? r->later_from : "");
		}
		line(arg, sb.buf, CHART_ROW);
	}
	line(arg, "", CHART_BLANK);
	strbuf_release(&sb);
}

void charts_draw(const struct stats *st, int width, bool plain, bool color, chart_line_fn *line, void *arg)
{
	int k;

	for (k = 0; k < STATS_CHARTS; k++) {
		if (plain)
			table_chart(st, k, line, arg);
		else
			draw_chart(st, k, width < 20 ? 20 : width, color, line, arg);
	}
}
