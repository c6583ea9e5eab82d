/*
 * keys.c: the key table and what the keys do on every screen: moving,
 * searching, facets, the views to open. A view handles its own keys first
 * (view_ops.action); what writes (tags, notes, saved searches, exports)
 * is edits.c's.
 */
#include <signal.h>
#include <stdint.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/store.h"
#include "tui/edits.h"
#include "tui/keys.h"
#include "tui/uictx.h"
#include "core/banned.h"

/* Every key the UI knows; the help screen and the man page are made from this table. */
/* Every key the UI knows; the help screen is made from this table. */
const struct binding keys_bindings[] = {
    {'/', "/", ACT_SEARCH, N_("search: type a query, results follow each keystroke (in a case: find in it)")},
    {'\n', "Enter", ACT_OPEN, N_("open the selected meeting, case or presenter")},
    {KEY_ENTER, "Enter", ACT_OPEN, NULL},
    {'q', "q", ACT_BACK, N_("back to the previous view (quits on the first)")},
    {3, "Ctrl-C", ACT_QUIT, N_("quit at once")},
    {'Q', "Q", ACT_QUIT, NULL},
    {26, "Ctrl-Z", ACT_SUSPEND, N_("suspend vedtak (fg brings it back)")},
    {'j', "j", ACT_DOWN, N_("down")},
    {KEY_DOWN, "Down", ACT_DOWN, NULL},
    {'k', "k", ACT_UP, N_("up")},
    {KEY_UP, "Up", ACT_UP, NULL},
    {KEY_NPAGE, "PgDn", ACT_PGDN, N_("a page down")},
    {' ', "Space", ACT_PGDN, NULL},
    {6, "Ctrl-F", ACT_PGDN, NULL},
    {KEY_PPAGE, "PgUp", ACT_PGUP, N_("a page up")},
    {'b', "b", ACT_PGUP, NULL},
    {2, "Ctrl-B", ACT_PGUP, NULL},
    {4, "Ctrl-D", ACT_HALF_DOWN, N_("half a page down")},
    {21, "Ctrl-U", ACT_HALF_UP, N_("half a page up")},
    {'g', "g", ACT_HOME, N_("to the top")},
    {KEY_HOME, "Home", ACT_HOME, NULL},
    {'G', "G", ACT_END, N_("to the bottom")},
    {KEY_END, "End", ACT_END, NULL},
    {'n', "n", ACT_NEXT_HIT, N_("next hit in a case (after the last, the first)")},
    {'N', "N", ACT_PREV_HIT, N_("previous hit in a case")},
    {']', "]", ACT_NEXT_SLIDE, N_("next slide in a case")},
    {'[', "[", ACT_PREV_SLIDE, N_("previous slide in a case")},
    {'A', "A", ACT_AGENDA, N_("the agenda of the case's meeting")},
    {'P', "P", ACT_PRESENTER_CASES, N_("the other cases of the case's presenters")},
    {'s', "s", ACT_SORT, N_("sort results by relevance or by date")},
    {'1', "1", ACT_FILTER_G, N_("show or hide Godkjenning cases (types combine: 1 and 3 show both)")},
    {'2', "2", ACT_FILTER_O, N_("show or hide Orientering cases")},
    {'3', "3", ACT_FILTER_D, N_("show or hide Drøfting cases")},
    {'m', "m", ACT_FILTER_MEETING, N_("only the selected case's meeting, or all meetings again")},
    {'x', "x", ACT_MARK, N_("mark or unmark the case, to tag several at once")},
    {'X', "X", ACT_CLEAR_MARKS, N_("clear every mark")},
    {'t', "t", ACT_TAG, N_("add or remove a tag on the case (or the marked cases); Tab completes")},
    {'T', "T", ACT_TAG_ALL, N_("tag every case in the result list (asks first, saying how many)")},
    {'u', "u", ACT_UNDO, N_("undo the last tagging (says what, and asks if it was not made here)")},
    {'a', "a", ACT_NOTE, N_("add a note to the case")},
    {'E', "E", ACT_EDIT_NOTE, N_("edit the case's latest note (or write a new one) in $EDITOR")},
    {'e', "e", ACT_EXPORT, N_("export the result list to a file: .csv, .jsonl, .ics or .json")},
    {'S', "S", ACT_SAVE_SEARCH, N_("save the search under a name (shown on the start screen)")},
    {'R', "R", ACT_RENAME_SAVED, N_("rename the selected saved search")},
    {'D', "D", ACT_DELETE_SAVED, N_("delete the selected saved search (asks first)")},
    {'o', "o", ACT_OPEN_SOURCE, N_("open the original deck in $PAGER at the case's first line")},
    {'p', "p", ACT_PRESENTERS, N_("presenters, with their number of cases")},
    {'c', "c", ACT_CHARTS, N_("charts of the result list (on other screens: of every case)")},
    {'M', "M", ACT_MEETINGS, N_("back to the meetings")},
    {'?', "?", ACT_HELP, N_("this help")},
    {KEY_F(1), "F1", ACT_HELP, NULL},
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

/* The rows a page holds: the screen less its bars (and, over the results, the prompt and the header). */
static int page_rows(struct ui *ui, struct view *v)
{
	int h = ui->rows - 2 - (v->ops->kind == VIEW_RESULTS ? 2 : 0);

	return h > 1 ? h : 1;
}

static size_t view_rows(struct ui *ui, struct view *v)
{
	return v->ops->rows ? v->ops->rows(ui, v) : v->nlines;
}

static void move_by(struct ui *ui, struct view *v, long delta)
{
	size_t before = v->cursor;

	view_move(v, view_rows(ui, v), delta, page_rows(ui, v));
	if (v->ops->targets_only)
		view_cursor_to_nearest_target(v, delta > 0 ? 1 : -1);
	if (v->cursor != before && v->ops->selected)
		v->ops->selected(ui, v);
}

void keys_dispatch(struct ui *ui, enum action a)
{
	struct view *v = ui_top(ui);
	long page, all;

	if (a == ACT_NONE || (v->ops->action && v->ops->action(ui, v, a)))
		return;
	/* A partial list is read ahead of the move: all of it for the bottom. */
	ui_view_fill(ui, v, a == ACT_END ? SIZE_MAX : v->cursor + 2 * (size_t)ui->rows);
	page = page_rows(ui, v);
	all = (long)view_rows(ui, v) + 1;
	switch (a) {
	case ACT_QUIT:
		ui->quit = true;
		break;
	case ACT_BACK:
		ui_back(ui);
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
	case ACT_HALF_DOWN:
		move_by(ui, v, page / 2 > 0 ? page / 2 : 1);
		break;
	case ACT_HALF_UP:
		move_by(ui, v, -(page / 2 > 0 ? page / 2 : 1));
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
	case ACT_FILTER_G:
		ui_facet_type(ui, DECISION_GODKJENNING);
		break;
	case ACT_FILTER_O:
		ui_facet_type(ui, DECISION_ORIENTERING);
		break;
	case ACT_FILTER_D:
		ui_facet_type(ui, DECISION_DROFTING);
		break;
	case ACT_PRESENTERS:
		ui_open(ui, VIEW_PRESENTERS, NULL);
		break;
	case ACT_CHARTS:
		if (v->ops->kind != VIEW_CHARTS)
			ui_open(ui, VIEW_CHARTS, NULL);
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
	case ACT_SUSPEND:
		/* In raw mode Ctrl-Z is a key: stop as the shell's job control expects, and redraw on fg. */
		if (!ui->script) {
			def_prog_mode();
			endwin();
			kill(getpid(), SIGTSTP);
			reset_prog_mode();
			clearok(curscr, TRUE);
			refresh();
		}
		break;
	case ACT_TAG:
	case ACT_TAG_ALL:
	case ACT_UNDO:
	case ACT_NOTE:
	case ACT_EDIT_NOTE:
	case ACT_EXPORT:
	case ACT_SAVE_SEARCH:
	case ACT_RENAME_SAVED:
	case ACT_DELETE_SAVED:
		edits_start(ui, v, a);
		break;
	default:
		break;
	}
}
