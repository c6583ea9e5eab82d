/*
 * ui.c: the curses UI's loop: reads a key, hands it to the prompt that has
 * the focus or to the key table (keys.c), and draws the screen: the title
 * bar with the screen's keys, the search prompt, the top view's body
 * (through its view_ops), the status line. Searching runs on every
 * keystroke in the prompt; a query error shows under the prompt and the
 * last good results stay.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "core/i18n.h"
#include "core/query.h"
#include "core/snippet.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "db/store.h"
#include "tui/draw.h"
#include "tui/edits.h"
#include "tui/keys.h"
#include "tui/out.h"
#include "tui/paths.h"
#include "tui/searcher.h"
#include "tui/settings.h"
#include "tui/ui.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

#define MIN_COLS 40
#define MIN_ROWS 10

static void draw_prompt(struct ui *ui, int y)
{
	const char *label = _("Search: ");
	int x;

	draw_fill(y, 0, ui->cols, A_NORMAL);
	x = draw_text(y, 0, ui->cols, label, strlen(label), draw_attr(STYLE_TITLE));
	draw_text(y, x, ui->cols - x, ui->query.text.buf, ui->query.text.len, A_NORMAL);
	if (ui->qerror[0]) {
		const char *msg = ui->qerror;
		int col = x + (int)ui->qerror_col, w = draw_width(msg, strlen(msg));
		attr_t err = draw_attr(STYLE_ERROR);

		/* The caret under the spot, the message beside it where it fits whole: right, else left. */
		draw_fill(y + 1, 0, ui->cols, A_NORMAL);
		if (col + 2 + w <= ui->cols) {
			draw_text(y + 1, col, 1, "^", 1, err);
			draw_text(y + 1, col + 2, ui->cols - col - 2, msg, strlen(msg), err);
		} else if (w + 1 <= col && col < ui->cols) {
			draw_text(y + 1, col - 1 - w, w, msg, strlen(msg), err);
			draw_text(y + 1, col, 1, "^", 1, err);
		} else {
			draw_text(y + 1, 0, ui->cols, msg, strlen(msg), err);
		}
	}
}

/* The status line: a message, the prompt being typed, or the view's own line. */
static void draw_status(struct ui *ui, struct view *v)
{
	struct strbuf bar = STRBUF_INIT;
	int y = ui->rows - 1;

	draw_fill(y, 0, ui->cols, draw_attr(STYLE_STATUS));
	if (ui->readonly)
		strbuf_addf(&bar, "%s · ", _("read-only"));
	if (ui->status[0])
		strbuf_addstr(&bar, ui->status);
	else if (v->ops->status)
		v->ops->status(ui, v, &bar);
	else if (v->ops->text)
		strbuf_addf(&bar, _("line %zu of %zu"), v->nlines ? v->top + 1 : 0, v->nlines);
	else if (v->partial) /* more lines are being read */
		strbuf_addf(&bar, _("%zu of %zu+"), v->cursor + 1, v->nlines);
	else
		strbuf_addf(&bar, _("%zu of %zu"), v->nlines ? v->cursor + 1 : 0, v->nlines);
	draw_text(y, 0, ui->cols, bar.buf, bar.len, draw_attr(STYLE_STATUS));
	strbuf_release(&bar);
	if (ui->mini.active) {
		int x = draw_text(y, 0, ui->cols, ui->mini.label, strlen(ui->mini.label),
				  draw_attr(STYLE_STATUS));

		draw_fill(y, x, ui->cols - x, A_NORMAL);
		draw_text(y, x, ui->cols - x, ui->mini.edit.text.buf, ui->mini.edit.text.len, A_NORMAL);
		x += lineedit_cursor_cells(&ui->mini.edit);
		move(y, x < ui->cols ? x : ui->cols - 1);
		curs_set(1);
	} else if (ui->prompting) {
		const char *label = _("Search: ");
		int cx = draw_width(label, strlen(label)) + lineedit_cursor_cells(&ui->query);

		move(1, cx < ui->cols ? cx : ui->cols - 1);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

static void layout_view(void *arg, struct view *v, int width)
{
	v->ops->layout(arg, v, width);
}

static void draw_screen(struct ui *ui)
{
	struct view *v = ui_top(ui);
	char bar[600];
	int body_y = 1, body_h, right_w;
	const char *hint = _(v->ops->hints);

	getmaxyx(stdscr, ui->rows, ui->cols);
	erase();
	if (ui->cols < MIN_COLS || ui->rows < MIN_ROWS) {
		char msg[100];
		snprintf(msg, sizeof(msg), _("Too small (%dx%d): need %dx%d"), ui->cols, ui->rows, MIN_COLS,
			 MIN_ROWS);
		draw_text(0, 0, ui->cols, msg, strlen(msg), A_BOLD);
		refresh();
		return;
	}
	snprintf(bar, sizeof(bar), "vedtak · %s", v->title);
	draw_fill(0, 0, ui->cols, draw_attr(STYLE_STATUS));
	right_w = draw_width(hint, strlen(hint));
	/* The screen's keys on the right when they fit beside the whole title; the title never gives way. */
	draw_text(0, 0, ui->cols, bar, strlen(bar), draw_attr(STYLE_STATUS));
	if (ui->cols >= draw_width(bar, strlen(bar)) + right_w + 2)
		draw_text(0, ui->cols - right_w, right_w, hint, strlen(hint), draw_attr(STYLE_STATUS));
	if (v->ops->kind == VIEW_RESULTS || ui->prompting) {
		draw_prompt(ui, 1);
		body_y = ui->qerror[0] ? 3 : 2;
	}
	body_h = ui->rows - body_y - 1;
	if (v->ops->layout && v->built_width != ui->cols)
		view_relayout(v, ui->cols, layout_view, ui);
	if (v->ops->draw)
		v->ops->draw(ui, v, body_y, body_h, ui->cols);
	else
		view_draw_lines(v, body_y, 0, body_h, ui->cols, !v->ops->text);
	draw_status(ui, v);
	refresh();
}

/* ---- input ---- */

static const struct {
	const char *name;
	int key;
} key_names[] = {
    {"Enter", '\n'},
    {"Esc", 27},
    {"Up", KEY_UP},
    {"Down", KEY_DOWN},
    {"Left", KEY_LEFT},
    {"Right", KEY_RIGHT},
    {"PgUp", KEY_PPAGE},
    {"PgDn", KEY_NPAGE},
    {"Home", KEY_HOME},
    {"End", KEY_END},
    {"Backspace", KEY_BACKSPACE},
    {"Tab", '\t'},
    {"Ctrl-C", 3},
    {"Space", ' '},
    {"Ctrl-L", 12},
    {"Ctrl-A", 1},
    {"Ctrl-B", 2},
    {"Ctrl-D", 4},
    {"Ctrl-E", 5},
    {"Ctrl-F", 6},
    {"Ctrl-K", 11},
    {"Ctrl-U", 21},
    {"Ctrl-W", 23},
    {"Ctrl-Z", 26},
    {"Delete", KEY_DC},
    {"F1", KEY_F(1)},
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

static void handle_mouse(struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		keys_dispatch(ui, ACT_UP);
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		keys_dispatch(ui, ACT_DOWN);
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
			strbuf_addch(&marks, pair			       ? 'c'
					     : (attr & A_REVERSE)	       ? 'r'
					     : (attr & (A_BOLD | A_UNDERLINE)) ? 'b'
									       : '.');
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

/* The theme the settings name: a path, or a name in the bundled themes/. */
static void load_theme(struct ui *ui)
{
	const char *name = ui->settings->theme;
	char *dir, *path;

	if (!name || !*name || !strcmp(name, "default"))
		return;
	if (strchr(name, '/')) {
		path = xstrdup(name);
	} else {
		dir = paths_assets();
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

/* Another process changed the database (a tag, a saved search on the command line): read again. */
static void follow_other_writers(struct ui *ui)
{
	static time_t last;
	long long v = store_data_version(ui->store);
	time_t now = time(NULL);

	/*
	 * At most every few seconds: a long import elsewhere commits once a
	 * file, and each reload counts the saved searches again.
	 */
	if (v != ui->data_version && now - last >= 3) {
		ui->data_version = v;
		last = now;
		ui_reload(ui);
	}
}

/* Another vedtak is writing: a write here waits, and says so where the user looks. */
static void say_waiting(void *arg)
{
	struct ui *ui = arg;

	ui_say(ui, "%s", _("waiting for another vedtak to finish writing…"));
	draw_screen(ui);
}

static void handle_key(struct ui *ui, int rc, wint_t ch)
{
	ui->status[0] = '\0';
	if (rc == OK && ch == '\r')
		ch = '\n';
	if (ui->mini.active)
		edits_key(ui, rc, ch);
	else if (!ui->prompting || (rc == OK && ch == 3) || !keys_prompt(ui, rc, ch))
		/* A typed character is never a function key, though their codes meet (ĉ is KEY_F(1)'s). */
		keys_dispatch(ui, rc == OK && ch >= KEY_MIN ? ACT_NONE : keys_action((int)ch));
}

int ui_run(struct settings *settings, struct store *store, const char *status)
{
	struct ui ui;
	const char *script = getenv("VEDTAK_UI_SCRIPT");
	SCREEN *screen = NULL;
	FILE *null_out = NULL;
	char *history;

	memset(&ui, 0, sizeof(ui));
	ui.settings = settings;
	ui.store = store;
	ui.by_date = settings->sort_by_date;
	ui.readonly = store_readonly(store);
	ui.data_version = store_data_version(store);

	ui.kinds[VIEW_MEETINGS] = &meetings_view_ops;
	ui.kinds[VIEW_RESULTS] = &results_view_ops;
	ui.kinds[VIEW_CASE] = &case_view_ops;
	ui.kinds[VIEW_MEETING] = &meeting_view_ops;
	ui.kinds[VIEW_PRESENTERS] = &presenters_view_ops;
	ui.kinds[VIEW_HELP] = &help_view_ops;
	ui.kinds[VIEW_CHARTS] = &charts_view_ops;
	lineedit_init(&ui.query);
	lineedit_init(&ui.mini.edit);
	if (status)
		snprintf(ui.status, sizeof(ui.status), "%s", status);
	history = paths_history();
	lineedit_history_load(&ui.query, history);
	free(history);
	load_theme(&ui);
	if (script) {
		const char *size = getenv("VEDTAK_UI_SIZE");
		int c = 80, r = 24;
		const char *term = getenv("TERM");

		if (size)
			sscanf(size, "%dx%d", &c, &r);
		if (!(ui.script = fopen(script, "r"))) {
			out_printf(stderr, _("vedtak: cannot read %s: %s\n"), script, strerror(errno));
			return 1;
		}
		null_out = fopen("/dev/null", "w");
		screen =
		    newterm(term && *term && strcmp(term, "dumb") ? term : "xterm-256color", null_out, stdin);
		if (!screen) {
			out_printf(stderr, _("vedtak: no terminal description for the test screen\n"));
			fclose(ui.script);
			fclose(null_out);
			return 1;
		}
		resizeterm(r, c);
		if (getenv("VEDTAK_UI_TIMING"))
			ui.timing = fopen(getenv("VEDTAK_UI_TIMING"), "w");
	} else {
		initscr();
	}
	/* Told on the screen while it is up, and never after: `ui` is gone then (see the end). */
	store_on_wait(store, say_waiting, &ui);
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
	draw_init(settings->no_color);
	{
		struct vt_diag diag;
		/* Without a worker, searches run in the foreground. */
		if (searcher_new(settings->db_path, &ui.searcher, &diag) != VT_OK)
			ui.searcher = NULL;
	}
	getmaxyx(stdscr, ui.rows, ui.cols);
	ui_open(&ui, VIEW_MEETINGS, NULL);

	while (!ui.quit) {
		struct timespec t0;
		struct view *top = ui_top(&ui);
		wint_t ch;
		int rc;

		/* A partial list has what the screen shows and a screen more. */
		ui_view_fill(&ui, top, top->top + 2 * (size_t)ui.rows);
		draw_screen(&ui);
		/*
		 * While a search runs, look for its result every few
		 * milliseconds; while a list is partial, read its next part
		 * unless a key waits; else wake each second to see whether
		 * another process changed the database.
		 */
		if (!ui.script)
			timeout(ui.pending ? 15 : top->partial ? 0 : 1000);
		rc = next_key(&ui, &ch);
		if (rc == ERR) {
			struct searcher_result r;

			if (ui.script)
				break;
			if (ui.pending && ui.searcher && searcher_poll(ui.searcher, &r))
				ui_search_apply(&ui, &r);
			else if (top->partial)
				ui_view_fill(&ui, top, top->nlines);
			else if (!ui.pending && !ui.mini.active)
				follow_other_writers(&ui);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			struct view *v = ui_top(&ui);

			/* What a view shows may depend on the width (the preview beside the results). */
			getmaxyx(stdscr, ui.rows, ui.cols);
			if (v->ops->selected)
				v->ops->selected(&ui, v);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
			handle_mouse(&ui);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		handle_key(&ui, rc, ch);
		if (ui.timing && !ui.quit) {
			struct timespec t1;

			draw_screen(&ui);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			fprintf(ui.timing, "%.3f\n",
				(double)(t1.tv_sec - t0.tv_sec) * 1e3 +
				    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
		}
	}
	if (ui.script) {
		const char *dump = getenv("VEDTAK_UI_DUMP");
		if (dump)
			dump_screen(dump, getenv("VEDTAK_UI_DUMP_ATTRS"));
	}
	store_on_wait(store, NULL, NULL);
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
	searcher_free(ui.searcher);
	query_free(ui.pending);
	case_rows_free(ui.results, ui.nrows);
	query_free(ui.q);
	matcher_free(ui.matcher);
	lineedit_release(&ui.query);
	lineedit_release(&ui.mini.edit);
	ui_marks_clear(&ui);
	free(ui.marked);
	free(ui.last_tag_batch);
	free(ui.mini.subject);
	return 0;
}
