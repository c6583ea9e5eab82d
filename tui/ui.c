/*
 * ui.c: the curses UI: views, keys, search as you type.
 *
 * Every view is a list of lines with a cursor (tig's model): the meetings,
 * a result list, a case, a meeting's agenda, the presenters, the help. The
 * key table below drives both the keys and the help screen, so the two
 * cannot disagree. Searching runs on every keystroke in the prompt; a
 * query error is shown under the prompt and the last good results stay.
 */
#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "tui/cli.h"
#include "core/dates.h"
#include "tui/draw.h"
#include "core/i18n.h"
#include "core/query.h"
#include "db/search.h"
#include "tui/searcher.h"
#include "core/snippet.h"
#include "db/store.h"
#include "db/tags.h"
#include "core/strbuf.h"
#include "tui/ui.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/worddiff.h"
#include "core/banned.h"

#define MIN_COLS 40
#define MIN_ROWS 10
#define WIDE_COLS 100       /* from here the result list shows a preview beside it */
#define RESULT_LIMIT 500    /* rows the result list holds */
#define SEARCH_DEADLINE 2000
#define HISTORY_MAX 500

enum action {
	ACT_NONE,
	ACT_QUIT,
	ACT_BACK,
	ACT_SEARCH,
	ACT_DOWN,
	ACT_UP,
	ACT_PGDN,
	ACT_PGUP,
	ACT_HOME,
	ACT_END,
	ACT_OPEN,
	ACT_NEXT_HIT,
	ACT_PREV_HIT,
	ACT_SORT,
	ACT_FILTER_G,
	ACT_FILTER_O,
	ACT_FILTER_D,
	ACT_FILTER_MEETING,
	ACT_PRESENTERS,
	ACT_MEETINGS,
	ACT_HELP,
	ACT_REDRAW,
	ACT_MARK,
	ACT_TAG,
	ACT_TAG_ALL,
	ACT_UNDO,
	ACT_NOTE,
	ACT_EDIT_NOTE,
	ACT_OPEN_SOURCE,
	ACT_EXPORT,
};

struct binding {
	int key;
	const char *name;
	enum action action;
	const char *help;
};

/* Every key the UI knows; the help screen is made from this table. */
static const struct binding bindings[] = {
	{ '/', "/", ACT_SEARCH, N_("search: type a query, results follow each keystroke") },
	{ '\n', "Enter", ACT_OPEN, N_("open the selected meeting, case or presenter") },
	{ KEY_ENTER, "Enter", ACT_OPEN, NULL },
	{ 'q', "q", ACT_BACK, N_("back to the previous view (quits on the first)") },
	{ 3, "Ctrl-C", ACT_QUIT, N_("quit at once") },
	{ 'Q', "Q", ACT_QUIT, NULL },
	{ 'j', "j", ACT_DOWN, N_("down") },
	{ KEY_DOWN, "Down", ACT_DOWN, NULL },
	{ 'k', "k", ACT_UP, N_("up") },
	{ KEY_UP, "Up", ACT_UP, NULL },
	{ KEY_NPAGE, "PgDn", ACT_PGDN, N_("a page down") },
	{ ' ', "Space", ACT_PGDN, NULL },
	{ KEY_PPAGE, "PgUp", ACT_PGUP, N_("a page up") },
	{ 'g', "g", ACT_HOME, N_("to the top") },
	{ KEY_HOME, "Home", ACT_HOME, NULL },
	{ 'G', "G", ACT_END, N_("to the bottom") },
	{ KEY_END, "End", ACT_END, NULL },
	{ 'n', "n", ACT_NEXT_HIT, N_("next search hit in a case") },
	{ 'N', "N", ACT_PREV_HIT, N_("previous search hit in a case") },
	{ 's', "s", ACT_SORT, N_("sort results by relevance or by date") },
	{ '1', "1", ACT_FILTER_G, N_("add or remove type:godkjenning in the query") },
	{ '2', "2", ACT_FILTER_O, N_("add or remove type:orientering in the query") },
	{ '3', "3", ACT_FILTER_D, N_("add or remove type:drøfting in the query") },
	{ 'm', "m", ACT_FILTER_MEETING, N_("add or remove the selected case's meeting date in the query") },
	{ 'x', "x", ACT_MARK, N_("mark or unmark the case, to tag several at once") },
	{ 't', "t", ACT_TAG, N_("add or remove a tag on the case (or the marked cases); Tab completes") },
	{ 'T', "T", ACT_TAG_ALL, N_("tag every case in the result list (asks first, saying how many)") },
	{ 'u', "u", ACT_UNDO, N_("undo the last tagging") },
	{ 'a', "a", ACT_NOTE, N_("add a note to the case") },
	{ 'E', "E", ACT_EDIT_NOTE, N_("edit the case's latest note (or write a new one) in $EDITOR") },
	{ 'e', "e", ACT_EXPORT, N_("export the result list to a file: .csv, .jsonl, .ics or .json") },
	{ 'o', "o", ACT_OPEN_SOURCE, N_("open the original deck in $PAGER at the case's first line") },
	{ 'p', "p", ACT_PRESENTERS, N_("presenters, with their number of cases") },
	{ 'M', "M", ACT_MEETINGS, N_("back to the meetings") },
	{ '?', "?", ACT_HELP, N_("this help") },
	{ 12, "Ctrl-L", ACT_REDRAW, N_("redraw the screen") },
};

enum view_kind { VIEW_MEETINGS, VIEW_RESULTS, VIEW_CASE, VIEW_MEETING, VIEW_PRESENTERS, VIEW_HELP };

struct tline {
	char *text;
	enum draw_style style;
	struct hit *hits;
	size_t nhits;
	long case_id, meeting_id; /* what Enter opens */
	char *search;             /* or the query Enter runs */
};

struct view {
	enum view_kind kind;
	char *title;
	struct tline *lines;
	size_t nlines, alloc;
	size_t cursor, top;
	bool text;            /* a text to scroll, not rows to select */
	int built_width;      /* text views are wrapped to this width */
	struct deck *deck;    /* VIEW_CASE, VIEW_MEETING */
};

struct ui {
	struct cli *cli;
	struct store *store;
	struct view *stack[16];
	int depth;
	int rows, cols;
	char status[512];
	/* The search: the prompt's text, the last good query and its results. */
	struct strbuf query;
	size_t qcursor;
	bool prompting;
	char qerror[512];
	size_t qerror_col;
	struct query *q;
	struct matcher *matcher;
	/* Searches run in the background; `pending` is the query asked for. */
	struct searcher *searcher;
	unsigned long gen;
	struct query *pending;
	struct case_row *results;
	size_t nrows, total;
	bool by_date;
	/* Query history, kept between runs. */
	char **history;
	size_t nhistory, halloc, hpos;
	char *history_path;
	/* A one-line prompt in the status line: a tag, a note. */
	struct {
		enum action purpose; /* ACT_TAG, ACT_TAG_ALL, ACT_NOTE or ACT_EXPORT */
		bool active;
		struct strbuf text;
		char label[160];
	} mini;
	/* Cases marked in the result list, by id. */
	long *marked;
	size_t nmarked, marked_alloc;
	/* The case beside the result list on wide terminals. */
	struct view *preview;
	long preview_id;
	/* Test scripts, and the benchmark's time per key (VEDTAK_UI_TIMING). */
	FILE *script;
	FILE *timing;
	bool quit;
};

/* ---- lines and views ---- */

static struct tline *add_line(struct view *v, const char *text, enum draw_style style)
{
	struct tline *l;

	ALLOC_GROW(v->lines, v->nlines + 1, v->alloc);
	l = &v->lines[v->nlines++];
	memset(l, 0, sizeof(*l));
	l->text = xstrdup(text ? text : "");
	l->style = style;
	return l;
}

static void clear_lines(struct view *v)
{
	size_t i;

	for (i = 0; i < v->nlines; i++) {
		free(v->lines[i].text);
		free(v->lines[i].hits);
		free(v->lines[i].search);
	}
	v->nlines = 0;
}

static struct view *view_new(enum view_kind kind, const char *title, bool text)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->kind = kind;
	v->title = xstrdup(title);
	v->text = text;
	return v;
}

static void view_free(struct view *v)
{
	if (!v)
		return;
	clear_lines(v);
	free(v->lines);
	free(v->title);
	deck_free(v->deck);
	free(v);
}

static struct view *top_view(struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

static void push_view(struct ui *ui, struct view *v)
{
	if (ui->depth == (int)ARRAY_SIZE(ui->stack)) {
		view_free(ui->stack[1]);
		memmove(ui->stack + 1, ui->stack + 2, sizeof(ui->stack[0]) * (ARRAY_SIZE(ui->stack) - 2));
		ui->depth--;
	}
	ui->stack[ui->depth++] = v;
}

static void pop_view(struct ui *ui)
{
	if (ui->depth <= 1) {
		ui->quit = true;
		return;
	}
	view_free(ui->stack[--ui->depth]);
}

/*
 * Adds `text` wrapped to `width` cells, each line with `prefix` before it,
 * carrying the hits (byte offsets in text) over to the lines they fall on.
 */
static void add_wrapped(struct view *v, const char *text, const struct hit *hits, size_t nhits, int width,
			const char *prefix, enum draw_style style)
{
	size_t n = strlen(text), pos = 0, pl = strlen(prefix), halloc, eol = 0, first_hit = 0;
	int room = width - draw_width(prefix, pl);

	if (room < 10)
		room = 10;
	/* Each line's end and each hit are passed once: a line of megabytes wraps in time linear in it. */
	for (eol = 0; eol < n && text[eol] != '\n'; eol++)
		;
	while (pos <= n) {
		size_t len, k;
		struct strbuf sb = STRBUF_INIT;
		struct tline *l;

		len = draw_wrap(text + pos, eol - pos, room);
		strbuf_addstr(&sb, prefix);
		strbuf_add(&sb, text + pos, len);
		strbuf_rtrim(&sb);
		l = add_line(v, sb.buf, style);
		halloc = 0;
		while (first_hit < nhits && hits[first_hit].end <= pos)
			first_hit++;
		for (k = first_hit; k < nhits && hits[k].start < pos + len; k++) {
			size_t s = hits[k].start, e = hits[k].end;
			if (e <= pos)
				continue;
			ALLOC_GROW(l->hits, l->nhits + 1, halloc);
			l->hits[l->nhits].start = pl + (s > pos ? s - pos : 0);
			l->hits[l->nhits].end = pl + (e < pos + len ? e - pos : len);
			if (l->hits[l->nhits].end > sb.len)
				l->hits[l->nhits].end = sb.len;
			l->nhits++;
		}
		strbuf_release(&sb);
		pos += len;
		if (pos >= eol) {
			if (eol >= n)
				break;
			pos = eol + 1;
			for (eol = pos; eol < n && text[eol] != '\n'; eol++)
				;
		} else {
			while (pos < eol && text[pos] == ' ')
				pos++;
		}
	}
}

/* ---- building the views ---- */

static const char *type_badge(enum decision_type t, enum draw_style *style)
{
	switch (t) {
	case DECISION_GODKJENNING: *style = STYLE_GODKJENNING; return "G";
	case DECISION_ORIENTERING: *style = STYLE_ORIENTERING; return "O";
	case DECISION_DROFTING: *style = STYLE_DROFTING; return "D";
	default: *style = STYLE_DIM; return "-";
	}
}

static const char *body_short(const char *body)
{
	if (!body)
		return "?";
	return !strcmp(body, "Nasjonalt e-helsestyre") ? "NEHS" : body;
}


/* Appends `s` padded with spaces to `width` display cells (printf's %-20s counts bytes: æøå are two). */
static void add_padded(struct strbuf *sb, const char *s, int width)
{
	int w = draw_width(s, strlen(s));

	strbuf_addstr(sb, s);
	for (; w < width; w++)
		strbuf_addch(sb, ' ');
}

/* The width of "case" in the user's language, singular or plural, whichever is wider. */
static int case_word_width(void)
{
	const char *one = P_("case", "cases", 1), *many = P_("case", "cases", 2);
	int w1 = draw_width(one, strlen(one)), w2 = draw_width(many, strlen(many));

	return w1 > w2 ? w1 : w2;
}

static bool is_marked(struct ui *ui, long id)

{
	size_t i;

	for (i = 0; i < ui->nmarked; i++)
		if (ui->marked[i] == id)
			return true;
	return false;
}

/* The start screen: saved searches and tags (with live counts), then the meetings. */
static struct view *meetings_view(struct ui *ui)
{
	struct view *v = view_new(VIEW_MEETINGS, _("Meetings"), false);
	struct meeting_row *rows = NULL;
	struct saved *saved = NULL;
	struct tag_count *tags = NULL;
	struct vt_diag diag;
	size_t n = 0, nsaved = 0, ntags = 0, i;
	struct strbuf sb = STRBUF_INIT;

	if (store_saved_list(ui->store, &saved, &nsaved, &diag) == VT_OK && nsaved) {
		add_line(v, _("Saved searches"), STYLE_TITLE);
		for (i = 0; i < nsaved; i++) {
			struct search_opts o = { 0, false, true, 2000 };
			struct search_result res = { NULL, 0, 0, 0 };
			struct query *q = NULL;
			struct tline *l;

			strbuf_reset(&sb);
			strbuf_addstr(&sb, "  ");
			add_padded(&sb, saved[i].name, 20);
			if (query_compile(saved[i].query, &q, &diag) == VT_OK && store_search(ui->store, q, &o, &res, &diag) == VT_OK)
				strbuf_addf(&sb, " %5zu  %s", res.total, saved[i].query);
			else
				strbuf_addf(&sb, "     ?  %s", saved[i].query);
			query_free(q);
			l = add_line(v, sb.buf, STYLE_NORMAL);
			l->search = xstrdup(saved[i].query);
		}
	}
	if (store_tag_counts(ui->store, &tags, &ntags, &diag) == VT_OK && ntags) {
		add_line(v, _("Tags"), STYLE_TITLE);
		for (i = 0; i < ntags; i++) {
			struct tline *l;

			strbuf_reset(&sb);
			strbuf_addstr(&sb, "  ");
			add_padded(&sb, tags[i].tag, 20);
			strbuf_addf(&sb, " %5d ", tags[i].cases);
			strbuf_addstr(&sb, P_("case", "cases", tags[i].cases));
			l = add_line(v, sb.buf, STYLE_NORMAL);
			l->search = xasprintf("tag:%s", tags[i].tag);
		}
	}
	saved_free(saved, nsaved);
	tag_counts_free(tags, ntags);
	if (v->nlines)
		add_line(v, _("Meetings"), STYLE_TITLE);
	if (store_meeting_rows(ui->store, &rows, &n, &diag) != VT_OK) {
		snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
		strbuf_release(&sb);
		return v;
	}
	for (i = 0; i < n; i++) {
		struct tline *l;

		strbuf_reset(&sb);
		date_human(&sb, rows[i].start_date, rows[i].end_date, true);
		while (draw_width(sb.buf, sb.len) < 21) /* "2022-12-31–2023-01-01" */
			strbuf_addch(&sb, ' ');
		strbuf_addf(&sb, "  %-6s %3d ", body_short(rows[i].body), rows[i].ncases);
		/* Singular and plural take the same width, so the venues line up. */

		add_padded(&sb, P_("case", "cases", rows[i].ncases), case_word_width());

		strbuf_addf(&sb, "  %s", rows[i].venue ? rows[i].venue : "");
		l = add_line(v, sb.buf, STYLE_NORMAL);
		l->meeting_id = rows[i].id;
	}
	meeting_rows_free(rows, n);
	strbuf_release(&sb);
	/* The cursor starts on the first line that opens something. */
	while (v->cursor < v->nlines && !v->lines[v->cursor].search && !v->lines[v->cursor].meeting_id)
		v->cursor++;
	return v;
}

/*
 * The recorded decision against the proposal, as `vedtak show` prints it
 * when piped ("[-removed-]{+added+}"), the changed words highlighted as
 * hits are, so that they show with and without colour.
 */
static void add_decision_diff(struct view *v, const char *proposed, const char *recorded, int width)
{
	static const char *const plain[4] = { "[-", "-]", "{+", "+}" };
	struct word_diff wd;
	struct strbuf sb = STRBUF_INIT;
	struct hit *hits = NULL;
	size_t nh = 0, alloc = 0;

	word_diff(&wd, proposed, recorded);
	if (!word_diff_same(&wd)) {
		word_diff_render(&sb, &wd, plain, &hits, &nh, &alloc);
		add_line(v, "", STYLE_NORMAL);
		add_line(v, _("Changed from the proposal:"), STYLE_TITLE);
		add_wrapped(v, sb.buf, hits, nh, width, "  │ ", STYLE_NORMAL);
	}
	free(hits);
	strbuf_release(&sb);
	word_diff_release(&wd);
}

static void build_case_lines(struct ui *ui, struct view *v, int width)
{
	const struct deck *d = v->deck;
	const struct deck_case *c = &d->cases[0];
	struct strbuf sb = STRBUF_INIT;
	struct hit *hits = NULL;
	size_t nh = 0, alloc = 0, i;

	clear_lines(v);
	v->built_width = width;
#define HITS(text)                                                                                   \
	do {                                                                                         \
		nh = 0;                                                                              \
		if (ui->matcher && (text))                                                           \
			matcher_hits(ui->matcher, (text), strlen(text), &hits, &nh, &alloc);         \
	} while (0)
	HITS(c->title);
	add_wrapped(v, c->title ? c->title : _("(untitled)"), hits, nh, width, "", STYLE_TITLE);
	strbuf_addf(&sb, "Sak %s · %s · ", c->number, d->body ? d->body : "?");
	date_human(&sb, d->start_date, d->end_date, false);
	if (d->venue)
		strbuf_addf(&sb, " · %s", d->venue);
	add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_DIM);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s %s", _("Type:"), case_type_text(c) ? case_type_text(c) : _("unknown"));
	if (c->type_source)
		strbuf_addf(&sb, " (%s)", decision_source_label(c->type_source));
	if (c->day) {
		strbuf_addstr(&sb, " · ");
		strbuf_addf(&sb, _("day %d"), c->day);
	}
	if (c->time)
		strbuf_addf(&sb, " · %s", c->time);
	add_line(v, sb.buf, STYLE_NORMAL);
	if (c->npresenters) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s ", _("Presenters:"));
		for (i = 0; i < c->npresenters; i++)
			strbuf_addf(&sb, "%s%s%s%s%s", i ? "; " : "", c->presenters[i].name,
				    c->presenters[i].organization ? " (" : "",
				    c->presenters[i].organization ? c->presenters[i].organization : "",
				    c->presenters[i].organization ? ")" : "");
		HITS(sb.buf);
		add_wrapped(v, sb.buf, hits, nh, width, "", STYLE_NORMAL);
	}
	if (c->agenda_title && (!c->title || strcmp(c->title, c->agenda_title))) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", _("Agenda title:"), c->agenda_title);
		add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_DIM);
	}
	{
		char *key = deck_case_key(d, c), *tags = NULL;
		struct note *notes = NULL;
		size_t nnotes = 0;
		struct vt_diag diag;

		if (store_case_tags(ui->store, key, &tags, &diag) == VT_OK && *tags) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s %s", _("Tags:"), tags);
			add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_TITLE);
		}
		if (store_case_notes(ui->store, key, &notes, &nnotes, &diag) == VT_OK && nnotes) {
			add_line(v, _("Notes"), STYLE_TITLE);
			for (i = 0; i < nnotes; i++) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "%.16s %s:", notes[i].at, notes[i].author);
				add_wrapped(v, sb.buf, NULL, 0, width, "  ", STYLE_DIM);
				add_wrapped(v, notes[i].text, NULL, 0, width, "    ", STYLE_NORMAL);
			}
		}
		notes_free(notes, nnotes);
		free(tags);
		free(key);
	}
	add_line(v, "", STYLE_NORMAL);
	add_line(v, c->amended ? "Forslag til vedtak (endret)" : "Forslag til vedtak", STYLE_TITLE);
	HITS(c->decision);
	add_wrapped(v, c->decision ? c->decision : _("(none in the documents)"), hits, nh, width, "  │ ", STYLE_NORMAL);
	if (c->recorded) {
		add_line(v, "", STYLE_NORMAL);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Vedtak (%s)", c->recorded_source ? c->recorded_source : "?");
		add_line(v, sb.buf, STYLE_TITLE);
		HITS(c->recorded);
		add_wrapped(v, c->recorded, hits, nh, width, "  │ ", STYLE_NORMAL);
	}
	if (c->recorded && c->decision)
		add_decision_diff(v, c->decision, c->recorded, width);
	if (c->outcome) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", _("Outcome:"), outcome_label(c->outcome));
		add_line(v, "", STYLE_NORMAL);
		add_line(v, sb.buf, STYLE_NORMAL);
	}
	for (i = 0; i < c->nslides; i++) {
		const struct slide *s = &c->slides[i];

		add_line(v, "", STYLE_NORMAL);
		strbuf_reset(&sb);
		if (s->page)
			strbuf_addf(&sb, "── %s ", s->page);
		else {
			strbuf_addstr(&sb, "── ");
			strbuf_addf(&sb, _("slide %zu"), i + 1);
			strbuf_addch(&sb, ' ');
		}
		while (draw_width(sb.buf, sb.len) < width - 1 && sb.len < 600)
			strbuf_addstr(&sb, "─");
		add_line(v, sb.buf, STYLE_DIM);
		HITS(s->text);
		add_wrapped(v, s->text, hits, nh, width, "", STYLE_NORMAL);
	}
#undef HITS
	free(hits);
	strbuf_release(&sb);
}

static void open_case(struct ui *ui, long meeting_id, long case_id)
{
	struct deck *d = NULL;
	struct vt_diag diag;
	struct view *v;
	char title[64];

	if (store_load_case(ui->store, meeting_id, case_id, &d, &diag) != VT_OK) {
		snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
		return;
	}
	snprintf(title, sizeof(title), "Sak %s", d->cases[0].number);
	v = view_new(VIEW_CASE, title, true);
	v->deck = d;
	push_view(ui, v);
}

static void build_meeting_lines(struct view *v, int width)
{
	const struct deck *d = v->deck;
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;

	clear_lines(v);
	v->built_width = width;
	add_wrapped(v, d->heading ? d->heading : d->source, NULL, 0, width, "", STYLE_TITLE);
	date_human(&sb, d->start_date, d->end_date, false);
	strbuf_addf(&sb, " · %s", d->venue ? d->venue : _("venue unknown"));
	/* The documents the meeting is made of, by kind. */
	for (i = 0; i < d->ndocs; i++)
		strbuf_addf(&sb, " · %s %s", doc_kind_label(d->docs[i].kind), d->docs[i].source);
	if (!d->ndocs)
		strbuf_addf(&sb, " · %s", d->source);
	add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_DIM);
	add_line(v, "", STYLE_NORMAL);
	add_line(v, d->nagenda ? _("Agenda") : _("Cases (the deck has no agenda)"), STYLE_TITLE);
	for (i = 0; i < d->nagenda; i++) {
		const struct agenda_item *a = &d->agenda[i];
		struct tline *l;

		if (a->day && (i == 0 || d->agenda[i - 1].day != a->day)) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, " Dag %d", a->day);
			add_line(v, sb.buf, STYLE_DIM);
		}
		strbuf_reset(&sb);
		strbuf_addf(&sb, "  %-5s  %-6s %s", a->time ? a->time : "", a->number ? a->number : "",
			    a->title ? a->title : "");
		if (a->presenters)
			strbuf_addf(&sb, " — %s", a->presenters);
		if (a->type)
			strbuf_addf(&sb, " [%s]", decision_type_name(a->type));
		l = add_line(v, sb.buf, a->number ? STYLE_NORMAL : STYLE_DIM);
		for (k = 0; a->number && k < d->ncases; k++)
			if (!strcmp(d->cases[k].number, a->number) && !l->case_id) {
				l->case_id = d->cases[k].id;
				l->meeting_id = d->id;
			}
	}
	if (!d->nagenda)
		for (k = 0; k < d->ncases; k++) {
			struct tline *l;
			strbuf_reset(&sb);
			strbuf_addf(&sb, "  %-6s %s", d->cases[k].number, d->cases[k].title ? d->cases[k].title : "");
			l = add_line(v, sb.buf, STYLE_NORMAL);
			l->case_id = d->cases[k].id;
			l->meeting_id = d->id;
		}
	/* Who came, by role, as the minutes (or else the notice) list them. */
	for (k = ROLE_MEMBER; k <= ROLE_SECRETARIAT; k++) {
		bool any = false;

		for (i = 0; i < d->nattendance; i++) {
			const struct attendee *a = &d->attendance[i];

			if (a->role != (enum attendee_role)k)
				continue;
			if (!any) {
				add_line(v, "", STYLE_NORMAL);
				add_line(v, attendee_role_label((enum attendee_role)k), STYLE_TITLE);
				any = true;
			}
			strbuf_reset(&sb);
			strbuf_addf(&sb, "  %s", a->name);
			if (a->organization)
				strbuf_addf(&sb, " (%s)", a->organization);
			if (a->for_name) {
				strbuf_addstr(&sb, " — ");
				strbuf_addf(&sb, _("for %s"), a->for_name);
			}
			if (a->note)
				strbuf_addf(&sb, " — %s", a->note);
			add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_NORMAL);
		}
	}
	if (d->nmembers) {
		add_line(v, "", STYLE_NORMAL);
		add_line(v, _("Member changes"), STYLE_TITLE);
		for (i = 0; i < d->nmembers; i++) {
			const struct member_change *m = &d->members[i];
			strbuf_reset(&sb);
			strbuf_addf(&sb, "  %s: %s", !strcmp(m->kind, "substitute") ? _("substitute") : _("new member"),
				    m->person ? m->person : "?");
			if (m->organization)
				strbuf_addf(&sb, ", %s", m->organization);
			if (m->replaces) {
				strbuf_addstr(&sb, " (");
				strbuf_addf(&sb, _("for %s"), m->replaces);
				strbuf_addch(&sb, ')');
			}
			if (m->note)
				strbuf_addf(&sb, " — %s", m->note);
			add_wrapped(v, sb.buf, NULL, 0, width, "", STYLE_NORMAL);
		}
	}
	strbuf_release(&sb);
}

static void open_meeting(struct ui *ui, long meeting_id)
{
	struct deck *d = NULL;
	struct vt_diag diag;
	struct view *v;

	if (store_load_meeting(ui->store, meeting_id, &d, &diag) != VT_OK) {
		snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
		return;
	}
	v = view_new(VIEW_MEETING, _("Meeting"), false);
	v->deck = d;
	build_meeting_lines(v, ui->cols);
	/* The cursor starts on the first case. */
	for (v->cursor = 0; v->cursor < v->nlines && !v->lines[v->cursor].case_id; v->cursor++)
		;
	if (v->cursor == v->nlines)
		v->cursor = 0;
	push_view(ui, v);
}

static struct view *presenters_view(struct ui *ui)
{
	struct view *v = view_new(VIEW_PRESENTERS, _("Presenters"), false);
	struct person_row *rows = NULL;
	struct vt_diag diag;
	size_t n = 0, i;

	if (store_person_rows(ui->store, &rows, &n, &diag) != VT_OK) {
		snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
		return v;
	}
	for (i = 0; i < n; i++) {
		char buf[300];
		struct tline *l;

		snprintf(buf, sizeof(buf), "%4d  %s", rows[i].ncases, rows[i].name);
		l = add_line(v, buf, STYLE_NORMAL);
		l->search = xasprintf("presenter:\"%s\"", rows[i].name);
	}
	person_rows_free(rows, n);
	return v;
}

/* Every key name bound to binding i's action, once each: "j, Down". */
static void binding_keys(size_t i, struct strbuf *keys)
{
	size_t k, j;

	for (k = 0; k < ARRAY_SIZE(bindings); k++) {
		bool dup = false;

		if (bindings[k].action != bindings[i].action)
			continue;
		for (j = 0; j < k; j++)
			dup |= bindings[j].action == bindings[k].action && !strcmp(bindings[j].name, bindings[k].name);
		if (!dup)
			strbuf_addf(keys, "%s%s", keys->len ? ", " : "", bindings[k].name);
	}
}

static struct view *help_view(void)
{
	struct view *v = view_new(VIEW_HELP, _("Help"), true);
	size_t i;

	add_line(v, _("Keys"), STYLE_TITLE);
	for (i = 0; i < ARRAY_SIZE(bindings); i++) {
		struct strbuf keys = STRBUF_INIT;
		char line[600];

		if (!bindings[i].help)
			continue;
		binding_keys(i, &keys);
		snprintf(line, sizeof(line), "  %-14s %s", keys.buf, _(bindings[i].help));
		add_line(v, line, STYLE_NORMAL);
		strbuf_release(&keys);
	}
	add_line(v, "", STYLE_NORMAL);
	add_line(v, _("In the search prompt"), STYLE_TITLE);
	add_line(v, _("  Enter          go to the results      Esc     leave the prompt"), STYLE_NORMAL);
	add_line(v, _("  Up, Down       earlier queries        Left, Right, Home, End, Backspace: edit"), STYLE_NORMAL);
	add_line(v, "", STYLE_NORMAL);
	add_line(v, _("Query language: fhir api  \"a phrase\"  helse*  fhir OR hl7  -word  type:drøfting"), STYLE_NORMAL);

	add_line(v, "  presenter:aksnes  org:  body:nufa  case:11/21  year:2021  date:2021-04..2022-09", STYLE_NORMAL);
	add_line(v, "  title:  decision:  slide:  amended:yes  /regex/", STYLE_NORMAL);
	return v;
}

/* ---- searching ---- */

static void history_load(struct ui *ui)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char line[4096];
	FILE *f;

	if (xdg && *xdg == '/')
		ui->history_path = xasprintf("%s/vedtak/history", xdg);
	else if (home && *home)
		ui->history_path = xasprintf("%s/.local/share/vedtak/history", home);
	if (!ui->history_path || !(f = fopen(ui->history_path, "r")))
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		ALLOC_GROW(ui->history, ui->nhistory + 1, ui->halloc);
		ui->history[ui->nhistory++] = xstrdup(line);
	}
	fclose(f);
	ui->hpos = ui->nhistory;
}

static void history_add(struct ui *ui, const char *q)
{
	FILE *f;

	if (!*q || (ui->nhistory && !strcmp(ui->history[ui->nhistory - 1], q))) {
		ui->hpos = ui->nhistory;
		return;
	}
	ALLOC_GROW(ui->history, ui->nhistory + 1, ui->halloc);
	ui->history[ui->nhistory++] = xstrdup(q);
	ui->hpos = ui->nhistory;
	if (ui->history_path && !store_readonly(ui->store) && (f = fopen(ui->history_path, "a"))) {
		fprintf(f, "%s\n", q);
		fclose(f);
	}
}

static struct view *results_view(struct ui *ui)
{
	int i;

	for (i = ui->depth - 1; i >= 0; i--)
		if (ui->stack[i]->kind == VIEW_RESULTS)
			return ui->stack[i];
	return NULL;
}

/* Takes a finished search's rows; the cursor stays on the same case when it is still there. */
static void apply_result(struct ui *ui, struct searcher_result *r)
{
	struct view *v = results_view(ui);
	long keep = 0;
	size_t i;

	if (r->error[0]) {
		snprintf(ui->qerror, sizeof(ui->qerror), "%s", r->error);
		ui->qerror_col = 0;
		case_rows_free(r->rows, r->nrows);
		query_free(ui->pending);
		ui->pending = NULL;
		return;
	}
	ui->qerror[0] = '\0';
	if (v && v->cursor < ui->nrows)
		keep = ui->results[v->cursor].id;
	case_rows_free(ui->results, ui->nrows);
	ui->results = r->rows;
	ui->nrows = r->nrows;
	ui->total = r->total;
	query_free(ui->q);
	ui->q = ui->pending;
	ui->pending = NULL;
	matcher_free(ui->matcher);
	ui->matcher = ui->q ? matcher_new(ui->q) : NULL;
	view_free(ui->preview); /* its hits were the old query's */
	ui->preview = NULL;
	if (v) {
		v->cursor = 0;
		for (i = 0; i < ui->nrows; i++)
			if (ui->results[i].id == keep)
				v->cursor = i;
	}
}

/* The search in the foreground, when no worker could be started. */
static void search_here(struct ui *ui, struct searcher_result *r)
{
	struct search_opts o = { RESULT_LIMIT, ui->by_date, false, SEARCH_DEADLINE };
	struct search_result res = { NULL, 0, 0, 0 };
	struct vt_diag diag;
	long *ids = NULL;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (store_search(ui->store, ui->pending, &o, &res, &diag) != VT_OK) {
		snprintf(r->error, sizeof(r->error), "%s", diag.msg);
		return;
	}
	ids = xcalloc(res.nhits + 1, sizeof(*ids));
	for (i = 0; i < res.nhits; i++)
		ids[i] = res.hits[i].case_id;
	if (store_case_rows(ui->store, ids, res.nhits, &r->rows, &diag) != VT_OK)
		snprintf(r->error, sizeof(r->error), "%s", diag.msg);
	else
		r->nrows = res.nhits;
	r->total = res.total;
	free(ids);
	search_result_release(&res);
}

/*
 * Runs the prompt's query: a malformed one is shown under the prompt at
 * once and the last good results stay; a good one goes to the worker.
 */
static void run_search(struct ui *ui)
{
	struct searcher_result r;
	struct query *q = NULL;
	struct vt_diag diag;

	if (query_compile(ui->query.buf, &q, &diag) != VT_OK) {
		size_t off = diag.offset_plus1 > 0 ? (size_t)diag.offset_plus1 - 1 : 0;
		snprintf(ui->qerror, sizeof(ui->qerror), "%s", diag.msg);
		ui->qerror_col = (size_t)draw_width(ui->query.buf, off < ui->query.len ? off : ui->query.len);
		return;
	}
	query_free(ui->pending);
	ui->pending = q;
	if (!ui->searcher) {
		search_here(ui, &r);
		apply_result(ui, &r);
		return;
	}
	searcher_request(ui->searcher, ui->query.buf, ui->by_date, RESULT_LIMIT, ++ui->gen);
	if (ui->script) {
		/* Scripted keys are typed instantly: every result is wanted, in order. */
		searcher_wait(ui->searcher, &r);
		apply_result(ui, &r);
	}
}

static void show_results(struct ui *ui)
{
	struct view *v = results_view(ui);

	if (!v) {
		v = view_new(VIEW_RESULTS, _("Search"), false);
		push_view(ui, v);
	} else {
		while (top_view(ui) != v)
			pop_view(ui);
	}
	run_search(ui);
}

/* Adds `token` to the query, or takes it out if it is there. */
static void toggle_token(struct ui *ui, const char *token)
{
	struct strbuf out = STRBUF_INIT;
	const char *s = ui->query.buf;
	bool found = false;
	size_t tl = strlen(token);

	while (*s) {
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		if ((size_t)(e - s) == tl && !strncmp(s, token, tl))
			found = true;
		else if (e > s)
			strbuf_addf(&out, "%s%.*s", out.len ? " " : "", (int)(e - s), s);
		s = *e ? e + 1 : e;
	}
	if (!found)
		strbuf_addf(&out, "%s%s", out.len ? " " : "", token);
	strbuf_reset(&ui->query);
	strbuf_addstr(&ui->query, out.buf);
	ui->qcursor = ui->query.len;
	strbuf_release(&out);
	show_results(ui);
}

/* ---- drawing ---- */

static void draw_lines(struct ui *ui, struct view *v, int y0, int x0, int h, int w)
{
	size_t i;

	(void)ui;
	if (v->cursor >= v->nlines && v->nlines)
		v->cursor = v->nlines - 1;
	if (v->text) {
		if (v->nlines > (size_t)h && v->top > v->nlines - (size_t)h)
			v->top = v->nlines - (size_t)h;
	} else {
		if (v->cursor < v->top)
			v->top = v->cursor;
		if (v->cursor >= v->top + (size_t)h)
			v->top = v->cursor - (size_t)h + 1;
	}
	for (i = 0; i < (size_t)h; i++) {
		size_t li = v->top + i;
		const struct tline *l;
		attr_t base;
		size_t pos = 0, k;
		int x = x0;

		draw_fill(y0 + (int)i, x0, w, A_NORMAL);
		if (li >= v->nlines)
			continue;
		l = &v->lines[li];
		base = !v->text && li == v->cursor ? draw_attr(STYLE_CURSOR) : draw_attr(l->style);
		if (!v->text && li == v->cursor)
			draw_fill(y0 + (int)i, x0, w, base);
		for (k = 0; k <= l->nhits && x < x0 + w; k++) {
			size_t hs = k < l->nhits ? l->hits[k].start : strlen(l->text);
			size_t he = k < l->nhits ? l->hits[k].end : hs;
			if (hs > pos)
				x += draw_text(y0 + (int)i, x, x0 + w - x, l->text + pos, hs - pos, base);
			if (he > hs && x < x0 + w)
				x += draw_text(y0 + (int)i, x, x0 + w - x, l->text + hs, he - hs, draw_attr(STYLE_HIT));
			pos = he > pos ? he : pos;
		}
	}
}

static void draw_results(struct ui *ui, struct view *v, int y0, int h, int w)
{
	struct strbuf date = STRBUF_INIT;
	size_t i;


	if (v->cursor >= ui->nrows && ui->nrows)
		v->cursor = ui->nrows - 1;
	if (v->cursor < v->top)
		v->top = v->cursor;
	if (v->cursor >= v->top + (size_t)h)
		v->top = v->cursor - (size_t)h + 1;
	for (i = 0; i < (size_t)h; i++) {
		size_t r = v->top + i;
		const struct case_row *row;
		enum draw_style bs;
		const char *badge;
		attr_t base;
		char head[64];
		int x = 0, y = y0 + (int)i;

		draw_fill(y, 0, w, A_NORMAL);
		if (r >= ui->nrows)
			continue;
		row = &ui->results[r];
		base = r == v->cursor ? draw_attr(STYLE_CURSOR) : A_NORMAL;
		if (r == v->cursor)
			draw_fill(y, 0, w, base);
		strbuf_reset(&date);
		if (row->date)
			date_human(&date, row->date, NULL, true);
		snprintf(head, sizeof(head), "%c%-6s %s %-4s ", is_marked(ui, row->id) ? '*' : ' ',
			 row->number ? row->number : "?", row->date ? date.buf : "----------", body_short(row->body));
		x += draw_text(y, x, w - x, head, strlen(head), base);
		badge = type_badge(row->type, &bs);
		x += draw_text(y, x, w - x, badge, 1, r == v->cursor ? base : draw_attr(bs));
		x += draw_text(y, x, w - x, " ", 1, base);
		if (row->tags && x < w - 3) {
			/* At most a third of what is left, cut with a visible marker. */
			char tagbuf[300];
			int room = (w - x) / 3 > 8 ? (w - x) / 3 : 8;

			snprintf(tagbuf, sizeof(tagbuf), "[%s]", row->tags);
			x += draw_text(y, x, room, tagbuf, strlen(tagbuf), r == v->cursor ? base : draw_attr(STYLE_TITLE));
			x += draw_text(y, x, w - x, " ", 1, base);
		}
		x += draw_text(y, x, w - x, row->title ? row->title : "", row->title ? strlen(row->title) : 0, base);
		if (row->presenters && x < w - 3) {
			x += draw_text(y, x, w - x, " — ", strlen(" — "), base);
			draw_text(y, x, w - x, row->presenters, strlen(row->presenters),
				  r == v->cursor ? base : draw_attr(STYLE_DIM));
		}
	}
	strbuf_release(&date);
}


/* The case under the result list's cursor, beside the list on wide terminals. */
static void draw_preview(struct ui *ui, struct view *v, int y0, int x0, int h, int w)
{
	const struct case_row *row;
	int y;

	for (y = 0; y < h; y++)
		draw_text(y0 + y, x0, 1, "│", strlen("│"), draw_attr(STYLE_DIM));
	if (v->cursor >= ui->nrows) {
		for (y = 0; y < h; y++)
			draw_fill(y0 + y, x0 + 1, w - 1, A_NORMAL);
		return;
	}
	row = &ui->results[v->cursor];
	if (!ui->preview || ui->preview_id != row->id || ui->preview->built_width != w - 2) {
		struct deck *d = NULL;
		struct vt_diag diag;

		view_free(ui->preview);
		ui->preview = NULL;
		if (store_load_case(ui->store, row->meeting_id, row->id, &d, &diag) != VT_OK)
			return;
		ui->preview = view_new(VIEW_CASE, "preview", true);
		ui->preview->deck = d;
		build_case_lines(ui, ui->preview, w - 2);
		ui->preview_id = row->id;
		/* Open the preview at the first hit below the header. */
		for (y = 6; (size_t)y < ui->preview->nlines; y++)
			if (ui->preview->lines[y].nhits) {
				ui->preview->top = (size_t)y > 8 ? (size_t)y - 2 : 0;
				break;
			}
	}
	draw_lines(ui, ui->preview, y0, x0 + 2, h, w - 2);
}

static void draw_prompt(struct ui *ui, int y)
{
	const char *label = _("Search: ");
	int x;

	draw_fill(y, 0, ui->cols, A_NORMAL);
	x = draw_text(y, 0, ui->cols, label, strlen(label), draw_attr(STYLE_TITLE));
	draw_text(y, x, ui->cols - x, ui->query.buf, ui->query.len, A_NORMAL);
	if (ui->qerror[0]) {
		char buf[600];
		int col = x + (int)ui->qerror_col;

		draw_fill(y + 1, 0, ui->cols, A_NORMAL);
		if (col < ui->cols)
			draw_text(y + 1, col, ui->cols - col, "^", 1, draw_attr(STYLE_ERROR));
		snprintf(buf, sizeof(buf), "%s", ui->qerror);
		if (col + 2 + draw_width(buf, strlen(buf)) <= ui->cols)
			draw_text(y + 1, col + 2, ui->cols - col - 2, buf, strlen(buf), draw_attr(STYLE_ERROR));
		else
			draw_text(y + 1, 0, col > 0 ? col - 1 : ui->cols, buf, strlen(buf), draw_attr(STYLE_ERROR));
	}
}

static void draw_screen(struct ui *ui)
{
	struct view *v = top_view(ui);
	char bar[600];
	int body_y = 1, body_h, right_w;
	const char *hint = _("? help  / search  q back");

	getmaxyx(stdscr, ui->rows, ui->cols);
	erase();
	if (ui->cols < MIN_COLS || ui->rows < MIN_ROWS) {
		char msg[100];
		snprintf(msg, sizeof(msg), _("Too small (%dx%d): need %dx%d"), ui->cols, ui->rows, MIN_COLS, MIN_ROWS);
		draw_text(0, 0, ui->cols, msg, strlen(msg), A_BOLD);
		refresh();
		return;
	}
	snprintf(bar, sizeof(bar), "vedtak · %s", v->title);
	draw_fill(0, 0, ui->cols, draw_attr(STYLE_STATUS));
	right_w = draw_width(hint, strlen(hint));
	draw_text(0, 0, ui->cols - right_w - 1, bar, strlen(bar), draw_attr(STYLE_STATUS));
	if (ui->cols > right_w + 20)
		draw_text(0, ui->cols - right_w, right_w, hint, strlen(hint), draw_attr(STYLE_STATUS));
	if (v->kind == VIEW_RESULTS || ui->prompting) {
		draw_prompt(ui, 1);
		body_y = ui->qerror[0] ? 3 : 2;
	}
	body_h = ui->rows - body_y - 1;

	if (v->text && v->built_width != ui->cols && v->kind == VIEW_CASE)
		build_case_lines(ui, v, ui->cols);
	if (v->kind == VIEW_MEETING && v->built_width != ui->cols)
		build_meeting_lines(v, ui->cols);

	if (v->kind == VIEW_RESULTS) {
		if (ui->cols >= WIDE_COLS) {
			int lw = ui->cols * 55 / 100;
			draw_results(ui, v, body_y, body_h, lw);
			draw_preview(ui, v, body_y, lw, body_h, ui->cols - lw);
		} else {
			draw_results(ui, v, body_y, body_h, ui->cols);
		}
	} else {
		draw_lines(ui, v, body_y, 0, body_h, ui->cols);
	}

	/* The status line: the match count and the query, or a message. */
	draw_fill(ui->rows - 1, 0, ui->cols, draw_attr(STYLE_STATUS));
	if (ui->status[0])
		snprintf(bar, sizeof(bar), "%s", ui->status);
	else if (v->kind == VIEW_RESULTS && ui->pending)
		snprintf(bar, sizeof(bar),
			 P_("searching… (%zu case matched the last query)", "searching… (%zu cases matched the last query)",
			    ui->total),
			 ui->total);
	else if (v->kind == VIEW_RESULTS) {
		int n = snprintf(bar, sizeof(bar), P_("%zu case matches", "%zu cases match", ui->total), ui->total);

		if (n > 0 && (size_t)n < sizeof(bar))
			snprintf(bar + n, sizeof(bar) - (size_t)n, "%s · %s%s", ui->query.len ? "" : _(" (no query: all cases)"),
				 ui->by_date ? _("sorted by date") : _("sorted by relevance"),
				 ui->nrows < ui->total ? _(" · first 500 shown") : "");
	} else if (v->text) {
		int n = snprintf(bar, sizeof(bar), _("line %zu of %zu"), v->nlines ? v->top + 1 : 0, v->nlines);

		if (v->kind == VIEW_CASE && ui->matcher && n > 0 && (size_t)n < sizeof(bar))
			snprintf(bar + n, sizeof(bar) - (size_t)n, "%s", _(" · n/N: next/previous hit"));
	} else
		snprintf(bar, sizeof(bar), _("%zu of %zu"), v->nlines ? v->cursor + 1 : 0, v->nlines);

	draw_text(ui->rows - 1, 0, ui->cols, bar, strlen(bar), draw_attr(STYLE_STATUS));
	if (ui->mini.active) {
		int x = draw_text(ui->rows - 1, 0, ui->cols, ui->mini.label, strlen(ui->mini.label), draw_attr(STYLE_STATUS));
		draw_fill(ui->rows - 1, x, ui->cols - x, A_NORMAL);
		x += draw_text(ui->rows - 1, x, ui->cols - x, ui->mini.text.buf, ui->mini.text.len, A_NORMAL);
		move(ui->rows - 1, x < ui->cols ? x : ui->cols - 1);
		curs_set(1);
	} else if (ui->prompting) {
		const char *label = _("Search: ");
		int cx = draw_width(label, strlen(label)) + draw_width(ui->query.buf, ui->qcursor);
		move(1, cx < ui->cols ? cx : ui->cols - 1);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* ---- input ---- */

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", '\n' },    { "Esc", 27 },	      { "Up", KEY_UP },	    { "Down", KEY_DOWN },
	{ "Left", KEY_LEFT }, { "Right", KEY_RIGHT }, { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE },
	{ "Home", KEY_HOME }, { "End", KEY_END },     { "Backspace", KEY_BACKSPACE },
	{ "Tab", '\t' },      { "Ctrl-C", 3 },	      { "Space", ' ' },	    { "Ctrl-L", 12 },
};

/* Scripted input: queued keys from the current "type" line. */
static wint_t pending[1024];
static int npending, ipending;

/* The next key: from the script in tests, else from curses. Returns KEY_CODE_YES, OK or ERR. */
static int next_key(struct ui *ui, wint_t *ch)
{
	char line[2048];

	if (!ui->script)
		return get_wch(ch);
	while (ipending >= npending) {
		char *arg;
		size_t i;

		if (!fgets(line, sizeof(line), ui->script))
			return ERR;
		line[strcspn(line, "\n")] = '\0';
		npending = ipending = 0;
		if (!strncmp(line, "type ", 5)) {
			const char *s = line + 5;
			while (*s && npending < (int)ARRAY_SIZE(pending)) {
				uint32_t cp;
				size_t k = utf8_decode(s, strlen(s), &cp);
				pending[npending++] = (wint_t)cp;
				s += k ? k : 1;
			}
		} else if (!strncmp(line, "key ", 4)) {
			arg = line + 4;
			for (i = 0; i < ARRAY_SIZE(key_names); i++)
				if (!strcmp(arg, key_names[i].name)) {
					*ch = (wint_t)key_names[i].key;
					return key_names[i].key >= KEY_MIN ? KEY_CODE_YES : OK;
				}
			if (*arg) {
				uint32_t cp;
				utf8_decode(arg, strlen(arg), &cp);
				*ch = (wint_t)cp;
				return OK;
			}
		} else if (!strncmp(line, "resize ", 7)) {
			int c = 0, r = 0;
			if (sscanf(line + 7, "%d %d", &c, &r) == 2 && c > 0 && r > 0) {
				resizeterm(r, c);
				*ch = KEY_RESIZE;
				return KEY_CODE_YES;
			}
		}
	}
	*ch = pending[ipending++];
	return OK;
}

static enum action action_for(int key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bindings); i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

/* Keys while the search prompt has the focus; returns true if used. */
static bool prompt_key(struct ui *ui, int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_LEFT:
			while (ui->qcursor > 0 && ((unsigned char)ui->query.buf[--ui->qcursor] & 0xC0) == 0x80)
				;
			return true;
		case KEY_RIGHT:
			if (ui->qcursor < ui->query.len)
				for (ui->qcursor++; ui->qcursor < ui->query.len &&
						    ((unsigned char)ui->query.buf[ui->qcursor] & 0xC0) == 0x80;
				     ui->qcursor++)
					;
			return true;
		case KEY_HOME:
			ui->qcursor = 0;
			return true;
		case KEY_END:
			ui->qcursor = ui->query.len;
			return true;
		case KEY_UP:
		case KEY_DOWN:
			if (!ui->nhistory)
				return true;
			if (ch == KEY_UP && ui->hpos > 0)
				ui->hpos--;
			else if (ch == KEY_DOWN && ui->hpos < ui->nhistory)
				ui->hpos++;
			strbuf_reset(&ui->query);
			if (ui->hpos < ui->nhistory)
				strbuf_addstr(&ui->query, ui->history[ui->hpos]);
			ui->qcursor = ui->query.len;
			show_results(ui);
			return true;
		case KEY_BACKSPACE:
			goto backspace;
		case KEY_ENTER:
			goto enter;
		}
		return false;
	}
	if (ch == '\n' || ch == '\r') {
enter:
		ui->prompting = false;
		history_add(ui, ui->query.buf);
		show_results(ui);
		return true;
	}
	if (ch == 27) {
		ui->prompting = false;
		return true;
	}
	if (ch == 127 || ch == 8) {
backspace:
		if (ui->qcursor > 0) {
			size_t e = ui->qcursor;
			while (ui->qcursor > 0 && ((unsigned char)ui->query.buf[--ui->qcursor] & 0xC0) == 0x80)
				;
			memmove(ui->query.buf + ui->qcursor, ui->query.buf + e, ui->query.len - e + 1);
			strbuf_setlen(&ui->query, ui->query.len - (e - ui->qcursor));
			show_results(ui);
		}
		return true;
	}
	if (ch == 1) { /* Ctrl-A */
		ui->qcursor = 0;
		return true;
	}
	if (ch == 5) { /* Ctrl-E */
		ui->qcursor = ui->query.len;
		return true;
	}
	if (ch == 21) { /* Ctrl-U */
		strbuf_reset(&ui->query);
		ui->qcursor = 0;
		show_results(ui);
		return true;
	}
	if (ch >= 0x20 && ch != 0x7F) {
		struct strbuf enc = STRBUF_INIT, rest = STRBUF_INIT;

		utf8_encode(&enc, (uint32_t)ch);
		strbuf_addstr(&rest, ui->query.buf + ui->qcursor);
		strbuf_setlen(&ui->query, ui->qcursor);
		strbuf_add(&ui->query, enc.buf, enc.len);
		strbuf_add(&ui->query, rest.buf, rest.len);
		ui->qcursor += enc.len;
		strbuf_release(&enc);
		strbuf_release(&rest);
		show_results(ui);
		return true;
	}
	return false;
}

static void move_cursor(struct ui *ui, struct view *v, long delta)
{
	int h = ui->rows - 4;
	size_t n = v->kind == VIEW_RESULTS ? ui->nrows : v->nlines;

	if (h < 1)
		h = 1;
	if (v->text) {
		long top = (long)v->top + delta;
		long max = (long)n - h;
		if (top > max)
			top = max;
		if (top < 0)
			top = 0;
		v->top = (size_t)top;
		return;
	}
	if (!n)
		return;
	if (delta < 0 && (size_t)-delta > v->cursor)
		v->cursor = 0;
	else if (delta > 0 && v->cursor + (size_t)delta >= n)
		v->cursor = n - 1;
	else
		v->cursor = (size_t)((long)v->cursor + delta);
}

/* Scrolls a case to its next (or previous) line with a hit, two lines below the top. */
static void jump_hit(struct ui *ui, struct view *v, bool forward)
{
	size_t from = v->top + 2, i;

	if (forward) {
		for (i = from + 1; i < v->nlines; i++)
			if (v->lines[i].nhits)
				break;
		if (i >= v->nlines) {
			snprintf(ui->status, sizeof(ui->status), "%s", _("no further hit"));
			return;
		}
	} else {
		for (i = from < v->nlines ? from : v->nlines; i-- > 0;)
			if (v->lines[i].nhits)
				break;
		if (i == (size_t)-1 || !v->lines[i].nhits) {
			snprintf(ui->status, sizeof(ui->status), "%s", _("no earlier hit"));
			return;
		}
	}
	v->top = i > 2 ? i - 2 : 0;
}

static void open_selected(struct ui *ui, struct view *v)
{
	if (v->kind == VIEW_RESULTS) {
		if (v->cursor < ui->nrows)
			open_case(ui, ui->results[v->cursor].meeting_id, ui->results[v->cursor].id);
		return;
	}
	if (v->cursor >= v->nlines)
		return;
	if (v->kind == VIEW_MEETING && v->lines[v->cursor].case_id) {
		open_case(ui, v->lines[v->cursor].meeting_id, v->lines[v->cursor].case_id);
	} else if (v->lines[v->cursor].search) {
		strbuf_reset(&ui->query);
		strbuf_addstr(&ui->query, v->lines[v->cursor].search);
		ui->qcursor = ui->query.len;
		show_results(ui);
	} else if (v->kind == VIEW_MEETINGS && v->lines[v->cursor].meeting_id) {
		open_meeting(ui, v->lines[v->cursor].meeting_id);
	}
}

/* ---- tagging and notes ---- */

/* The stable key and id of the case the view shows or selects; NULL if none. */
static char *current_key(struct ui *ui, struct view *v)
{
	if (v->kind == VIEW_RESULTS && v->cursor < ui->nrows && ui->results[v->cursor].key)
		return xstrdup(ui->results[v->cursor].key);
	if (v->kind == VIEW_CASE && v->deck)
		return deck_case_key(v->deck, &v->deck->cases[0]);
	return NULL;
}

/* After a change: the lists and the case show the new tags, the cursor stays. */
static void refresh_after_change(struct ui *ui)
{
	int i;

	for (i = 0; i < ui->depth; i++) {
		struct view *v = ui->stack[i];

		if (v->kind == VIEW_CASE)
			v->built_width = 0;
		if (v->kind == VIEW_MEETINGS) {
			size_t cursor = v->cursor;
			struct view *fresh = meetings_view(ui);

			fresh->cursor = cursor < fresh->nlines ? cursor : fresh->cursor;
			view_free(v);
			ui->stack[i] = fresh;
		}
	}
	view_free(ui->preview);
	ui->preview = NULL;
	if (results_view(ui))
		run_search(ui);
}

static void open_mini(struct ui *ui, enum action purpose, const char *label)
{
	ui->mini.active = true;
	ui->mini.purpose = purpose;
	strbuf_reset(&ui->mini.text);
	snprintf(ui->mini.label, sizeof(ui->mini.label), "%s", label);
}

/* Tab in a tag prompt: the longest completion the existing tags allow. */
static void complete_tag(struct ui *ui)
{
	struct tag_count *tags = NULL;
	struct vt_diag diag;
	size_t n = 0, i, matches = 0;
	char *common = NULL;
	struct strbuf list = STRBUF_INIT;

	if (store_tag_counts(ui->store, &tags, &n, &diag) != VT_OK)
		return;
	for (i = 0; i < n; i++) {
		if (strncmp(tags[i].tag, ui->mini.text.buf, ui->mini.text.len))
			continue;
		matches++;
		strbuf_addf(&list, "%s%s", list.len ? " " : "", tags[i].tag);
		if (!common) {
			common = xstrdup(tags[i].tag);
		} else {
			size_t k = 0;
			while (common[k] && common[k] == tags[i].tag[k])
				k++;
			while (k > 0 && ((unsigned char)common[k] & 0xC0) == 0x80)
				k--; /* never split a character */
			common[k] = '\0';
		}
	}
	if (common && strlen(common) > ui->mini.text.len) {
		strbuf_reset(&ui->mini.text);
		strbuf_addstr(&ui->mini.text, common);
	}
	if (matches > 1)
		snprintf(ui->status, sizeof(ui->status), "%s", list.buf);
	free(common);
	strbuf_release(&list);
	tag_counts_free(tags, n);
}

/* Toggles tag `tag` on the marked cases, or on the current one. */
static void tag_cases(struct ui *ui, struct view *v, const char *tag)
{
	struct tag_change ch = { tag, true };
	struct vt_diag diag;
	char **keys = NULL;
	size_t nkeys = 0, changed = 0, i, k, have = 0;

	if (v->kind == VIEW_RESULTS && ui->nmarked) {
		keys = xcalloc(ui->nmarked, sizeof(*keys));
		for (i = 0; i < ui->nrows; i++)
			if (is_marked(ui, ui->results[i].id) && ui->results[i].key)
				keys[nkeys++] = xstrdup(ui->results[i].key);
	} else {
		char *key = current_key(ui, v);
		if (!key)
			return;
		keys = xcalloc(1, sizeof(*keys));
		keys[nkeys++] = key;
	}
	/* A toggle: off when every case has it already. */
	for (k = 0; k < nkeys; k++) {
		char *tags = NULL;
		if (store_case_tags(ui->store, keys[k], &tags, &diag) == VT_OK) {
			const char *p = tags;
			size_t tl = strlen(tag);
			while ((p = strstr(p, tag))) {
				if ((p == tags || p[-1] == ' ') && (p[tl] == ',' || !p[tl])) {
					have++;
					break;
				}
				p += tl;
			}
		}
		free(tags);
	}
	ch.add = have < nkeys;
	if (store_tag_keys(ui->store, keys, nkeys, &ch, 1, cli_author(), &changed, &diag) != VT_OK)
		snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
	else
		snprintf(ui->status, sizeof(ui->status),
			 ch.add ? P_("%s added to %zu case", "%s added to %zu cases", changed)
				: P_("%s removed from %zu case", "%s removed from %zu cases", changed),
			 tag, changed);
	for (k = 0; k < nkeys; k++)
		free(keys[k]);
	free(keys);
	ui->nmarked = 0;
	refresh_after_change(ui);
}

/* Writes the result list to the file the prompt names, in the format its name ends with. */
static void export_results(struct ui *ui)
{
	const char *path = ui->mini.text.buf, *dot = strrchr(path, '.');
	struct vt_diag diag;
	size_t n = 0;
	FILE *f;

	if (!ui->mini.text.len || !ui->q)
		return;
	if (!dot || !cli_export_format_ok(dot + 1)) {
		snprintf(ui->status, sizeof(ui->status), "%s", _("name the file .csv, .jsonl, .ics or .json"));
		return;
	}
	if (!(f = fopen(path, "w"))) {
		snprintf(ui->status, sizeof(ui->status), _("cannot write %s: %s"), path, strerror(errno));
		return;
	}
	if (cli_export(ui->store, ui->q, ui->q->root != NULL, dot + 1, f, &n, &diag) != VT_OK) {
		snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
		fclose(f);
		remove(path); /* a half-written export would pass for a whole one */
		return;
	}
	if (fclose(f)) {
		snprintf(ui->status, sizeof(ui->status), _("cannot write %s: %s"), path, strerror(errno));
		remove(path);
		return;
	}
	snprintf(ui->status, sizeof(ui->status), P_("%zu case written to %s", "%zu cases written to %s", n), n, path);
}

/* Enter in the one-line prompt. */
static void mini_done(struct ui *ui)
{
	struct view *v = top_view(ui);
	struct vt_diag diag;
	char *tag = NULL, *key;
	size_t changed = 0;

	ui->mini.active = false;
	if (ui->mini.purpose == ACT_EXPORT) {
		export_results(ui);
		return;
	}
	if (ui->mini.purpose == ACT_NOTE) {
		if (!ui->mini.text.len || !(key = current_key(ui, v)))
			return;
		if (store_note_add(ui->store, key, ui->mini.text.buf, NULL, cli_author(), &diag) != VT_OK)
			snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
		else
			snprintf(ui->status, sizeof(ui->status), _("note added to %s"), key);
		free(key);
		refresh_after_change(ui);
		return;
	}
	if (!ui->mini.text.len)
		return;
	if (!(tag = tag_normalise(ui->mini.text.buf))) {
		snprintf(ui->status, sizeof(ui->status), _("'%s' is not a tag name (letters, digits, - and _)"),
			 ui->mini.text.buf);
		return;
	}
	if (ui->mini.purpose == ACT_TAG_ALL && ui->q) {
		struct tag_change ch = { tag, true };
		if (store_tag_query(ui->store, ui->q, &ch, 1, cli_author(), &changed, &diag) != VT_OK)
			snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
		else
			snprintf(ui->status, sizeof(ui->status), P_("%s added to %zu case", "%s added to %zu cases", changed),
				 tag, changed);
		refresh_after_change(ui);
	} else if (ui->mini.purpose == ACT_TAG) {
		tag_cases(ui, v, tag);
	}
	free(tag);
}

/* Keys while the one-line prompt is open. */
static void mini_key(struct ui *ui, int rc, wint_t ch)
{
	if (rc == OK && (ch == '\n' || ch == '\r')) {
		mini_done(ui);
	} else if (rc == OK && (ch == 27 || ch == 3)) {
		ui->mini.active = false;
	} else if (rc == OK && ch == '\t' && ui->mini.purpose != ACT_NOTE && ui->mini.purpose != ACT_EXPORT) {
		complete_tag(ui);
	} else if ((rc == KEY_CODE_YES && ch == KEY_BACKSPACE) || (rc == OK && (ch == 127 || ch == 8))) {
		while (ui->mini.text.len && ((unsigned char)ui->mini.text.buf[--ui->mini.text.len] & 0xC0) == 0x80)
			;
		strbuf_setlen(&ui->mini.text, ui->mini.text.len);
	} else if (rc == OK && ch >= 0x20 && ch != 0x7F) {
		utf8_encode(&ui->mini.text, (uint32_t)ch);
	}
}

/* Runs `cmd` with the terminal handed over, and takes it back after. */
static int run_outside(const char *cmd)
{
	int status;

	def_prog_mode();
	endwin();
	status = system(cmd);
	reset_prog_mode();
	refresh();
	return status;
}

/* The deck the case came from, in $PAGER (less by default) at the case's first line. */
static void open_source(struct ui *ui, struct view *v)
{
	const char *pager = getenv("PAGER");
	struct deck *d = v->deck;
	char *cmd;

	if (v->kind != VIEW_CASE || !d)
		return;
	if (!d->source_path || access(d->source_path, R_OK)) {
		if (d->source_path)
			snprintf(ui->status, sizeof(ui->status), _("the deck %s is no longer at %s"), d->source,
				 d->source_path);
		else
			snprintf(ui->status, sizeof(ui->status), _("the deck %s is not at a known place"), d->source);
		return;
	}
	if (strchr(d->source_path, '\'')) {
		snprintf(ui->status, sizeof(ui->status), "%s", _("cannot open a file whose name has a quote"));
		return;
	}
	if (!pager || !*pager)
		pager = "less";
	/* less and most other pagers take +LINE; quoting keeps odd file names whole. */
	cmd = xasprintf("%s +%ld '%s'", pager, d->cases[0].line_start ? d->cases[0].line_start : 1, d->source_path);
	if (run_outside(cmd) != 0)
		snprintf(ui->status, sizeof(ui->status), _("the pager failed: %s"), pager);
	free(cmd);
}

/*
 * A longer note in $EDITOR: the case's latest note to edit (the edit
 * replaces it), or an empty file for a new one.
 */
static void edit_note(struct ui *ui, struct view *v)
{
	char path[] = "/tmp/vedtak-note-XXXXXX";
	const char *editor = getenv("VISUAL");
	char *key = current_key(ui, v), *cmd = NULL, *text = NULL, *replaces = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct note *notes = NULL;
	size_t nnotes = 0;
	struct vt_diag diag;
	int fd, status;
	FILE *f;

	if (!key)
		return;
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	if ((fd = mkstemp(path)) < 0) {
		snprintf(ui->status, sizeof(ui->status), _("cannot make a file for the note: %s"), strerror(errno));
		free(key);
		return;
	}
	if (store_case_notes(ui->store, key, &notes, &nnotes, &diag) == VT_OK && nnotes) {
		const char *t = notes[nnotes - 1].text;
		replaces = xstrdup(notes[nnotes - 1].id);
		if (write(fd, t, strlen(t)) < 0 || write(fd, "\n", 1) < 0)
			snprintf(ui->status, sizeof(ui->status), "%s", _("cannot write the note's file"));
	}
	notes_free(notes, nnotes);
	close(fd);
	cmd = xasprintf("%s '%s'", editor, path);
	status = run_outside(cmd);
	if ((f = fopen(path, "r"))) {
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			strbuf_add(&sb, buf, n);
		fclose(f);
	}
	unlink(path);
	strbuf_rtrim(&sb);
	text = sb.buf;
	if (status != 0 || !WIFEXITED(status))
		snprintf(ui->status, sizeof(ui->status), "%s", _("the editor failed; no note added"));
	else if (!sb.len)
		snprintf(ui->status, sizeof(ui->status), "%s", _("empty note: nothing added"));
	else if (store_note_add(ui->store, key, text, replaces, cli_author(), &diag) != VT_OK)
		snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
	else
		snprintf(ui->status, sizeof(ui->status), replaces ? _("note changed on %s") : _("note added to %s"), key);
	strbuf_release(&sb);
	free(replaces);
	free(cmd);
	free(key);
	refresh_after_change(ui);
}

static void dispatch(struct ui *ui, enum action a)
{
	struct view *v = top_view(ui);
	int page = ui->rows - 4 > 1 ? ui->rows - 4 : 1;
	struct view *rv;

	switch (a) {
	case ACT_NONE:
		break;
	case ACT_QUIT:
		ui->quit = true;
		break;
	case ACT_BACK:
		pop_view(ui);
		break;
	case ACT_SEARCH:
		ui->prompting = true;
		ui->qcursor = ui->query.len;
		show_results(ui);
		break;
	case ACT_DOWN:
		move_cursor(ui, v, 1);
		break;
	case ACT_UP:
		move_cursor(ui, v, -1);
		break;
	case ACT_PGDN:
		move_cursor(ui, v, page);
		break;
	case ACT_PGUP:
		move_cursor(ui, v, -page);
		break;
	case ACT_HOME:
		move_cursor(ui, v, -(long)(v->nlines + ui->nrows) - 1);
		break;
	case ACT_END:
		move_cursor(ui, v, (long)(v->nlines + ui->nrows) + 1);
		break;
	case ACT_OPEN:
		open_selected(ui, v);
		break;
	case ACT_NEXT_HIT:
	case ACT_PREV_HIT:
		if (v->kind == VIEW_CASE)
			jump_hit(ui, v, a == ACT_NEXT_HIT);
		break;
	case ACT_SORT:
		ui->by_date = !ui->by_date;
		if ((rv = results_view(ui)) && rv == v)
			run_search(ui);
		break;
	case ACT_FILTER_G:
		toggle_token(ui, "type:godkjenning");
		break;
	case ACT_FILTER_O:
		toggle_token(ui, "type:orientering");
		break;
	case ACT_FILTER_D:
		toggle_token(ui, "type:drøfting");
		break;
	case ACT_FILTER_MEETING:
		if (v->kind == VIEW_RESULTS && v->cursor < ui->nrows && ui->results[v->cursor].date) {
			char token[32];
			snprintf(token, sizeof(token), "date:%s", ui->results[v->cursor].date);
			toggle_token(ui, token);
		} else if (v->deck && v->deck->start_date) {
			char token[32];
			snprintf(token, sizeof(token), "date:%s", v->deck->start_date);
			toggle_token(ui, token);
		}
		break;
	case ACT_PRESENTERS:
		push_view(ui, presenters_view(ui));
		break;
	case ACT_MEETINGS:
		while (ui->depth > 1)
			pop_view(ui);
		break;
	case ACT_HELP:
		if (v->kind != VIEW_HELP)
			push_view(ui, help_view());
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_MARK:
		if (v->kind == VIEW_RESULTS && v->cursor < ui->nrows) {
			long id = ui->results[v->cursor].id;
			size_t i;

			for (i = 0; i < ui->nmarked && ui->marked[i] != id; i++)
				;
			if (i < ui->nmarked) {
				ui->marked[i] = ui->marked[--ui->nmarked];
			} else {
				ALLOC_GROW(ui->marked, ui->nmarked + 1, ui->marked_alloc);
				ui->marked[ui->nmarked++] = id;
			}
			snprintf(ui->status, sizeof(ui->status),
				 P_("%zu case marked: t tags them", "%zu cases marked: t tags them", ui->nmarked), ui->nmarked);
			move_cursor(ui, v, 1);
		}
		break;
	case ACT_TAG:
		if (v->kind == VIEW_RESULTS || v->kind == VIEW_CASE) {
			open_mini(ui, ACT_TAG, v->kind == VIEW_RESULTS && ui->nmarked
						       ? _("Tag the marked cases (Tab completes; again to remove): ")
						       : _("Tag this case (Tab completes; again to remove): "));
		}
		break;
	case ACT_TAG_ALL:
		if (v->kind == VIEW_RESULTS && ui->q && ui->total) {
			char label[sizeof(ui->mini.label)];
			snprintf(label, sizeof(label),
				 P_("Tag all %zu case in the list with: ", "Tag all %zu cases in the list with: ", ui->total),
				 ui->total);
			open_mini(ui, ACT_TAG_ALL, label);
		}
		break;
	case ACT_UNDO: {
		struct vt_diag diag;
		size_t changed = 0;
		char *when = NULL;

		if (store_tag_undo(ui->store, cli_author(), &changed, &when, &diag) != VT_OK)
			snprintf(ui->status, sizeof(ui->status), "%s", diag.msg);
		else
			snprintf(ui->status, sizeof(ui->status),
				 P_("undid the tagging of %.19s: %zu case changed", "undid the tagging of %.19s: %zu cases changed",
				    changed),
				 when, changed);

		free(when);
		refresh_after_change(ui);
		break;
	}
	case ACT_NOTE:
		if (v->kind == VIEW_RESULTS || v->kind == VIEW_CASE)
			open_mini(ui, ACT_NOTE, _("Note: "));
		break;
	case ACT_EDIT_NOTE:
		if (v->kind == VIEW_RESULTS || v->kind == VIEW_CASE)
			edit_note(ui, v);
		break;
	case ACT_OPEN_SOURCE:
		open_source(ui, v);
		break;
	case ACT_EXPORT:
		if (v->kind == VIEW_RESULTS && ui->q)
			open_mini(ui, ACT_EXPORT, _("Export the list to (.csv, .jsonl, .ics, .json): "));
		else
			snprintf(ui->status, sizeof(ui->status), "%s", _("search with / first; e exports the result list"));

		break;
	}
}

static void handle_mouse(struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		move_cursor(ui, top_view(ui), -3);
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		move_cursor(ui, top_view(ui), 3);
#endif
}

/*
 * Writes the screen's text, one line a row, trailing spaces cut (for
 * tests). With `attrs`, also a second file with one character a cell:
 * 'c' a colour, 'r' reverse, 'b' bold or underline, '.' plain.
 */
static void dump_screen(const char *path, const char *attrs)
{
	FILE *f = fopen(path, "w");
	FILE *a = attrs ? fopen(attrs, "w") : NULL;
	int y, x, rows, cols;

	if (!f)
		return;
	getmaxyx(stdscr, rows, cols);
	for (y = 0; y < rows; y++) {
		struct strbuf line = STRBUF_INIT, marks = STRBUF_INIT;

		for (x = 0; x < cols; x++) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1];
			attr_t attr;
			short pair;

			if (mvin_wch(y, x, &cc) == ERR)
				break;
			getcchar(&cc, wc, &attr, &pair, NULL);
			strbuf_addch(&marks, pair ? 'c' : (attr & A_REVERSE) ? 'r' : (attr & (A_BOLD | A_UNDERLINE)) ? 'b' : '.');
			if (!wc[0])
				continue;
			if (wcwidth(wc[0]) == 0 && x > 0)
				continue;
			utf8_encode(&line, (uint32_t)wc[0]);
			if (wcwidth(wc[0]) == 2)
				x++;
		}
		strbuf_rtrim(&line);
		fprintf(f, "%s\n", line.buf);
		if (a)
			fprintf(a, "%s\n", marks.buf);
		strbuf_release(&line);
		strbuf_release(&marks);
	}
	fclose(f);
	if (a)
		fclose(a);
}

void ui_print_keys(FILE *f)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bindings); i++) {
		struct strbuf keys = STRBUF_INIT;

		if (!bindings[i].help)
			continue;
		binding_keys(i, &keys);
		fprintf(f, ".TP\n.B %s\n%s\n", keys.buf, bindings[i].help);
		strbuf_release(&keys);
	}
}

/* The theme the configuration names (VEDTAK_THEME): a path, or a name in the bundled themes/. */
static void load_theme(struct ui *ui)
{
	const char *name = getenv("VEDTAK_THEME");
	char *dir, *path;

	if (!name || !*name || !strcmp(name, "default"))
		return;
	if (strchr(name, '/')) {
		path = xstrdup(name);
	} else {
		dir = cli_assets_dir();
		path = xasprintf("%s/themes/%s.theme", dir, name);
		free(dir);
	}
	/* A problem shows in the status line: a warning on stderr would vanish under the screen. */
	draw_theme_load(path, ui->status, sizeof(ui->status));
	free(path);
}

int ui_wanted(void)
{
	return getenv("VEDTAK_UI_SCRIPT") || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO));
}

int ui_run(struct cli *cli, struct store *store, const char *status)
{
	struct ui ui;
	const char *script = getenv("VEDTAK_UI_SCRIPT");
	SCREEN *screen = NULL;
	FILE *null_out = NULL;
	size_t i;

	memset(&ui, 0, sizeof(ui));
	ui.store = store;
	ui.by_date = getenv("VEDTAK_SORT") && !strcmp(getenv("VEDTAK_SORT"), "date");
	strbuf_init(&ui.query, 64);
	strbuf_init(&ui.mini.text, 64);
	if (status)
		snprintf(ui.status, sizeof(ui.status), "%s", status);
	history_load(&ui);
	load_theme(&ui);
	if (script) {
		const char *size = getenv("VEDTAK_UI_SIZE");
		int c = 80, r = 24;
		const char *term = getenv("TERM");

		if (size)
			sscanf(size, "%dx%d", &c, &r);
		if (!(ui.script = fopen(script, "r"))) {
			fprintf(stderr, _("vedtak: cannot read %s: %s\n"), script, strerror(errno));
			return EXIT_FAILED;
		}
		null_out = fopen("/dev/null", "w");
		screen = newterm(term && *term && strcmp(term, "dumb") ? term : "xterm-256color", null_out, stdin);
		if (!screen) {
			fprintf(stderr, _("vedtak: no terminal description for the test screen\n"));
			fclose(ui.script);
			fclose(null_out);
			return EXIT_FAILED;
		}
		resizeterm(r, c);
		if (getenv("VEDTAK_UI_TIMING"))
			ui.timing = fopen(getenv("VEDTAK_UI_TIMING"), "w");
	} else {
		initscr();
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	mousemask(BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
			  | BUTTON5_PRESSED
#endif
		  ,
		  NULL);
	draw_init(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	{
		struct vt_diag diag;
		/* Without a worker, searches run in the foreground. */
		if (searcher_new(cli->db_path, &ui.searcher, &diag) != VT_OK)
			ui.searcher = NULL;
	}
	push_view(&ui, meetings_view(&ui));

	while (!ui.quit) {
		struct timespec t0;
		wint_t ch;
		int rc;

		draw_screen(&ui);
		/* While a search runs, look for its result every few milliseconds. */
		if (!ui.script)
			timeout(ui.pending ? 15 : -1);
		rc = next_key(&ui, &ch);
		if (rc == ERR) {
			struct searcher_result r;

			if (ui.script)
				break;
			if (ui.pending && ui.searcher && searcher_poll(ui.searcher, &r))
				apply_result(&ui, &r);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
			handle_mouse(&ui);
			continue;
		}
		ui.status[0] = '\0';
		if (rc == OK && ch == '\r')
			ch = '\n';
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (ui.mini.active)
			mini_key(&ui, rc, ch);
		else if (!ui.prompting || (rc == OK && ch == 3) || !prompt_key(&ui, rc, ch))
			dispatch(&ui, action_for((int)ch));
		if (ui.timing && !ui.quit) {
			struct timespec t1;

			draw_screen(&ui);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			fprintf(ui.timing, "%.3f\n", (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
		}
	}
	if (ui.script) {
		const char *dump = getenv("VEDTAK_UI_DUMP");
		if (dump)
			dump_screen(dump, getenv("VEDTAK_UI_DUMP_ATTRS"));
	}
	endwin();
	if (screen)
		delscreen(screen);
	if (ui.script)
		fclose(ui.script);
	if (ui.timing)
		fclose(ui.timing);
	if (null_out)
		fclose(null_out);
	while (ui.depth)
		view_free(ui.stack[--ui.depth]);
	for (i = 0; i < ui.nhistory; i++)
		free(ui.history[i]);
	free(ui.history);
	free(ui.history_path);
	searcher_free(ui.searcher);
	query_free(ui.pending);
	view_free(ui.preview);
	case_rows_free(ui.results, ui.nrows);
	query_free(ui.q);
	matcher_free(ui.matcher);
	strbuf_release(&ui.query);
	strbuf_release(&ui.mini.text);
	free(ui.marked);
	return EXIT_OK;
}
