/*
 * keys.c: the key table and what the keys do: moving, searching, facets,
 * marks, tags, notes, exports. A view handles its own keys first
 * (view_ops.action); what is left is the same on every screen.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/exporter.h"
#include "tui/keys.h"
#include "tui/outside.h"
#include "tui/searcher.h"
#include "tui/settings.h"
#include "tui/uictx.h"
#include "core/banned.h"

/* Every key the UI knows; the help screen and the man page are made from this table. */
/* Every key the UI knows; the help screen is made from this table. */
const struct binding keys_bindings[] = {
    {'/', "/", ACT_SEARCH, N_("search: type a query, results follow each keystroke")},
    {'\n', "Enter", ACT_OPEN, N_("open the selected meeting, case or presenter")},
    {KEY_ENTER, "Enter", ACT_OPEN, NULL},
    {'q', "q", ACT_BACK, N_("back to the previous view (quits on the first)")},
    {3, "Ctrl-C", ACT_QUIT, N_("quit at once")},
    {'Q', "Q", ACT_QUIT, NULL},
    {'j', "j", ACT_DOWN, N_("down")},
    {KEY_DOWN, "Down", ACT_DOWN, NULL},
    {'k', "k", ACT_UP, N_("up")},
    {KEY_UP, "Up", ACT_UP, NULL},
    {KEY_NPAGE, "PgDn", ACT_PGDN, N_("a page down")},
    {' ', "Space", ACT_PGDN, NULL},
    {KEY_PPAGE, "PgUp", ACT_PGUP, N_("a page up")},
    {'g', "g", ACT_HOME, N_("to the top")},
    {KEY_HOME, "Home", ACT_HOME, NULL},
    {'G', "G", ACT_END, N_("to the bottom")},
    {KEY_END, "End", ACT_END, NULL},
    {'n', "n", ACT_NEXT_HIT, N_("next search hit in a case")},
    {'N', "N", ACT_PREV_HIT, N_("previous search hit in a case")},
    {'s', "s", ACT_SORT, N_("sort results by relevance or by date")},
    {'1', "1", ACT_FILTER_G, N_("add or remove type:godkjenning in the query")},
    {'2', "2", ACT_FILTER_O, N_("add or remove type:orientering in the query")},
    {'3', "3", ACT_FILTER_D, N_("add or remove type:drøfting in the query")},
    {'m', "m", ACT_FILTER_MEETING, N_("add or remove the selected case's meeting date in the query")},
    {'x', "x", ACT_MARK, N_("mark or unmark the case, to tag several at once")},
    {'t', "t", ACT_TAG, N_("add or remove a tag on the case (or the marked cases); Tab completes")},
    {'T', "T", ACT_TAG_ALL, N_("tag every case in the result list (asks first, saying how many)")},
    {'u', "u", ACT_UNDO, N_("undo the last tagging")},
    {'a', "a", ACT_NOTE, N_("add a note to the case")},
    {'E', "E", ACT_EDIT_NOTE, N_("edit the case's latest note (or write a new one) in $EDITOR")},
    {'e', "e", ACT_EXPORT, N_("export the result list to a file: .csv, .jsonl, .ics or .json")},
    {'o', "o", ACT_OPEN_SOURCE, N_("open the original deck in $PAGER at the case's first line")},
    {'p', "p", ACT_PRESENTERS, N_("presenters, with their number of cases")},
    {'M', "M", ACT_MEETINGS, N_("back to the meetings")},
    {'?', "?", ACT_HELP, N_("this help")},
    {12, "Ctrl-L", ACT_REDRAW, N_("redraw the screen")},
};

const size_t keys_nbindings = ARRAY_SIZE(keys_bindings);

enum action keys_action(int key)
{
	size_t i;

	for (i = 0; i < keys_nbindings; i++)
		if (keys_bindings[i].key == key)
			return keys_bindings[i].action;
	return ACT_NONE;
}

void keys_names(size_t i, struct strbuf *out)
{
	size_t k, j;

	for (k = 0; k < keys_nbindings; k++) {
		bool dup = false;

		if (keys_bindings[k].action != keys_bindings[i].action)
			continue;
		for (j = 0; j < k; j++)
			dup |= keys_bindings[j].action == keys_bindings[k].action &&
			       !strcmp(keys_bindings[j].name, keys_bindings[k].name);
		if (!dup)
			strbuf_addf(out, "%s%s", out->len ? ", " : "", keys_bindings[k].name);
	}
}

void keys_print_man(FILE *f)
{
	size_t i;

	for (i = 0; i < keys_nbindings; i++) {
		struct strbuf keys = STRBUF_INIT;

		if (!keys_bindings[i].help)
			continue;
		keys_names(i, &keys);
		fprintf(f, ".TP\n.B %s\n%s\n", keys.buf, keys_bindings[i].help);
		strbuf_release(&keys);
	}
}

static void open_mini(struct ui *ui, enum action purpose, const char *label)
{
	ui->mini.active = true;
	ui->mini.purpose = purpose;
	lineedit_set(&ui->mini.edit, "");
	snprintf(ui->mini.label, sizeof(ui->mini.label), "%s", label);
}

/* Tab in a tag prompt: the longest completion the existing tags allow. */
static void complete_tag(struct ui *ui)
{
	struct tag_count *tags = NULL;
	struct strbuf listing = STRBUF_INIT;
	struct vt_diag diag;
	char **names;
	size_t n = 0, i;

	if (store_tag_counts(ui->store, &tags, &n, &diag) != VT_OK)
		return;
	names = xcalloc(n + 1, sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = tags[i].tag;
	if (lineedit_complete(&ui->mini.edit, names, n, &listing) > 1)
		ui_say(ui, "%s", listing.buf);
	free(names);
	strbuf_release(&listing);
	tag_counts_free(tags, n);
}

/* True when the comma-separated `tags` has `tag`. */
static bool has_tag(const char *tags, const char *tag)
{
	size_t tl = strlen(tag);
	const char *p = tags;

	while ((p = strstr(p, tag))) {
		if ((p == tags || p[-1] == ' ') && (p[tl] == ',' || !p[tl]))
			return true;
		p += tl;
	}
	return false;
}

/* Toggles tag `tag` on the marked cases, or on the current one. */
static void tag_cases(struct ui *ui, struct view *v, const char *tag)
{
	struct tag_change ch = {tag, true};
	struct vt_diag diag;
	char **keys = NULL;
	size_t nkeys = 0, changed = 0, i, k, have = 0;

	if (v->ops->kind == VIEW_RESULTS && ui->nmarked) {
		keys = xcalloc(ui->nmarked, sizeof(*keys));
		for (i = 0; i < ui->nrows; i++)
			if (ui_is_marked(ui, ui->results[i].id) && ui->results[i].key)
				keys[nkeys++] = xstrdup(ui->results[i].key);
	} else {
		char *key = v->ops->key ? v->ops->key(ui, v) : NULL;
		if (!key)
			return;
		keys = xcalloc(1, sizeof(*keys));
		keys[nkeys++] = key;
	}
	/* A toggle: off when every case has it already. */
	for (k = 0; k < nkeys; k++) {
		char *tags = NULL;
		if (store_case_tags(ui->store, keys[k], &tags, &diag) == VT_OK && has_tag(tags, tag))
			have++;
		free(tags);
	}
	ch.add = have < nkeys;
	if (store_tag_keys(ui->store, keys, nkeys, &ch, 1, ui->settings->user, &changed, &diag) != VT_OK)
		ui_say(ui, "%s", diag.msg);
	else
		ui_say(ui,
		       ch.add ? P_("%s added to %zu case", "%s added to %zu cases", changed)
			      : P_("%s removed from %zu case", "%s removed from %zu cases", changed),
		       tag, changed);
	for (k = 0; k < nkeys; k++)
		free(keys[k]);
	free(keys);
	ui->nmarked = 0;
	ui_reload(ui);
}

/* Writes the result list to the file the prompt names, in the format its name ends with. */
static void export_results(struct ui *ui)
{
	const char *path = ui->mini.edit.text.buf, *dot = strrchr(path, '.');
	struct vt_diag diag;
	size_t n = 0;
	FILE *f;

	if (!ui->mini.edit.text.len || !ui->q)
		return;
	if (!dot || !exporter_format_ok(dot + 1)) {
		ui_say(ui, "%s", _("name the file .csv, .jsonl, .ics or .json"));
		return;
	}
	if (!(f = fopen(path, "w"))) {
		ui_say(ui, _("cannot write %s: %s"), path, strerror(errno));
		return;
	}
	if (exporter_write(ui->store, ui->q, ui->q->root != NULL, dot + 1, f, &n, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		fclose(f);
		remove(path); /* a half-written export would pass for a whole one */
		return;
	}
	if (fclose(f)) {
		ui_say(ui, _("cannot write %s: %s"), path, strerror(errno));
		remove(path);
		return;
	}
	ui_say(ui, P_("%zu case written to %s", "%zu cases written to %s", n), n, path);
}

/* Enter in the one-line prompt. */
static void mini_done(struct ui *ui)
{
	struct view *v = ui_top(ui);
	const char *text = ui->mini.edit.text.buf;
	struct vt_diag diag;
	char *tag = NULL, *key;
	size_t changed = 0;

	ui->mini.active = false;
	if (ui->mini.purpose == ACT_EXPORT) {
		export_results(ui);
		return;
	}
	if (ui->mini.purpose == ACT_NOTE) {
		if (!*text || !v->ops->key || !(key = v->ops->key(ui, v)))
			return;
		if (store_note_add(ui->store, key, text, NULL, ui->settings->user, &diag) != VT_OK)
			ui_say(ui, "%s", diag.msg);
		else
			ui_say(ui, _("note added to %s"), key);
		free(key);
		ui_reload(ui);
		return;
	}
	if (!*text)
		return;
	if (!(tag = tag_normalise(text))) {
		ui_say(ui, _("'%s' is not a tag name (letters, digits, - and _)"), text);
		return;
	}
	if (ui->mini.purpose == ACT_TAG_ALL && ui->q) {
		struct tag_change ch = {tag, true};
		if (store_tag_query(ui->store, ui->q, &ch, 1, ui->settings->user, &changed, &diag) != VT_OK)
			ui_say(ui, "%s", diag.msg);
		else
			ui_say(ui, P_("%s added to %zu case", "%s added to %zu cases", changed), tag,
			       changed);
		ui_reload(ui);
	} else if (ui->mini.purpose == ACT_TAG) {
		tag_cases(ui, v, tag);
	}
	free(tag);
}

void keys_mini(struct ui *ui, int rc, wint_t ch)
{
	if (rc == OK && ch == 3) {
		ui->mini.active = false;
		return;
	}
	switch (lineedit_key(&ui->mini.edit, rc, ch)) {
	case LE_ENTER:
		mini_done(ui);
		break;
	case LE_CANCEL:
		ui->mini.active = false;
		break;
	case LE_TAB:
		if (ui->mini.purpose == ACT_TAG || ui->mini.purpose == ACT_TAG_ALL)
			complete_tag(ui);
		break;
	default:
		break;
	}
}

int keys_prompt(struct ui *ui, int rc, wint_t ch)
{
	switch (lineedit_key(&ui->query, rc, ch)) {
	case LE_ENTER:
		ui->prompting = false;
		lineedit_history_add(&ui->query, ui->query.text.buf, store_readonly(ui->store));
		ui_show_results(ui);
		return true;
	case LE_CANCEL:
		ui->prompting = false;
		return true;
	case LE_CHANGED:
		ui_show_results(ui);
		return true;
	case LE_MOVED:
		return true;
	case LE_TAB:
	case LE_IGNORED:
		break;
	}
	return false;
}

/* The size of a page: the screen less its bars. */
static int page_rows(struct ui *ui)
{
	return ui->rows - 4 > 1 ? ui->rows - 4 : 1;
}

static size_t view_rows(struct ui *ui, struct view *v)
{
	return v->ops->rows ? v->ops->rows(ui, v) : v->nlines;
}

static void move_by(struct ui *ui, struct view *v, long delta)
{
	size_t before = v->cursor;

	view_move(v, view_rows(ui, v), delta, page_rows(ui));
	if (v->cursor != before && v->ops->selected)
		v->ops->selected(ui, v);
}

static void undo(struct ui *ui)
{
	struct vt_diag diag;
	size_t changed = 0;
	char *when = NULL;

	if (store_tag_undo(ui->store, ui->settings->user, &changed, &when, &diag) != VT_OK)
		ui_say(ui, "%s", diag.msg);
	else
		ui_say(ui,
		       P_("undid the tagging of %.19s: %zu case changed",
			  "undid the tagging of %.19s: %zu cases changed", changed),
		       when, changed);
	free(when);
	ui_reload(ui);
}

void keys_dispatch(struct ui *ui, enum action a)
{
	struct view *v = ui_top(ui);
	long page = page_rows(ui), all = (long)view_rows(ui, v) + 1;
	char *key;

	if (a == ACT_NONE || (v->ops->action && v->ops->action(ui, v, a)))
		return;
	switch (a) {
	case ACT_QUIT:
		ui->quit = true;
		break;
	case ACT_BACK:
		ui_pop(ui);
		break;
	case ACT_SEARCH:
		ui->prompting = true;
		ui->query.cursor = ui->query.text.len;
		ui_show_results(ui);
		break;
	case ACT_DOWN:
		move_by(ui, v, 1);
		break;
	case ACT_UP:
		move_by(ui, v, -1);
		break;
	case ACT_PGDN:
		move_by(ui, v, page);
		break;
	case ACT_PGUP:
		move_by(ui, v, -page);
		break;
	case ACT_HOME:
		move_by(ui, v, -all);
		break;
	case ACT_END:
		move_by(ui, v, all);
		break;
	case ACT_OPEN:
		if (v->ops->enter)
			v->ops->enter(ui, v);
		break;
	case ACT_SORT:
		ui->by_date = !ui->by_date;
		break;
	case ACT_FILTER_G:
		ui_toggle_token(ui, "type:godkjenning");
		break;
	case ACT_FILTER_O:
		ui_toggle_token(ui, "type:orientering");
		break;
	case ACT_FILTER_D:
		ui_toggle_token(ui, "type:drøfting");
		break;
	case ACT_PRESENTERS:
		ui_open(ui, VIEW_PRESENTERS, NULL);
		break;
	case ACT_MEETINGS:
		while (ui->depth > 1)
			ui_pop(ui);
		break;
	case ACT_HELP:
		if (v->ops->kind != VIEW_HELP)
			ui_open(ui, VIEW_HELP, NULL);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_TAG:
		if (v->ops->kind == VIEW_RESULTS && ui->nmarked) {
			open_mini(ui, ACT_TAG, _("Tag the marked cases (Tab completes; again to remove): "));
		} else if (v->ops->key && (key = v->ops->key(ui, v))) {
			open_mini(ui, ACT_TAG, _("Tag this case (Tab completes; again to remove): "));
			free(key);
		}
		break;
	case ACT_TAG_ALL:
		if (v->ops->kind == VIEW_RESULTS && ui->q && ui->total) {
			char label[sizeof(ui->mini.label)];

			snprintf(label, sizeof(label),
				 P_("Tag all %zu case in the list with: ",
				    "Tag all %zu cases in the list with: ", ui->total),
				 ui->total);
			open_mini(ui, ACT_TAG_ALL, label);
		}
		break;
	case ACT_UNDO:
		undo(ui);
		break;
	case ACT_NOTE:
		if (v->ops->key && (key = v->ops->key(ui, v))) {
			open_mini(ui, ACT_NOTE, _("Note: "));
			free(key);
		}
		break;
	case ACT_EDIT_NOTE:
		if (v->ops->key && (key = v->ops->key(ui, v))) {
			outside_edit_note(ui, key);
			free(key);
			ui_reload(ui);
		}
		break;
	case ACT_EXPORT:
		if (v->ops->kind == VIEW_RESULTS && ui->q)
			open_mini(ui, ACT_EXPORT, _("Export the list to (.csv, .jsonl, .ics, .json): "));
		else
			ui_say(ui, "%s", _("search with / first; e exports the result list"));
		break;
	default:
		break;
	}
}
