/*
 * prompt.c: the UI's line editor and its history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/utf8.h"
#include "core/util.h"
#include "tui/draw.h"
#include "tui/bounds.h"
#include "tui/prompt.h"
#include "core/banned.h"

void lineedit_init(struct lineedit *le)
{
	memset(le, 0, sizeof(*le));
	strbuf_init(&le->text, 64);
}

void lineedit_release(struct lineedit *le)
{
	size_t i;

	strbuf_release(&le->text);
	for (i = 0; i < le->nhistory; i++)
		free(le->history[i]);
	free(le->history);
	free(le->history_path);
	free(le->draft);
	memset(le, 0, sizeof(*le));
}

void lineedit_set(struct lineedit *le, const char *text)
{
	strbuf_reset(&le->text);
	strbuf_addstr(&le->text, text);
	le->cursor = le->text.len;
	le->fresh = false;
}

void lineedit_suggest(struct lineedit *le, const char *text)
{
	lineedit_set(le, text);
	le->fresh = true;
}

static bool continuation(const struct lineedit *le, size_t i)
{
	return i < le->text.len && ((unsigned char)le->text.buf[i] & 0xC0) == 0x80;
}

static size_t char_before(const struct lineedit *le, size_t i)
{
	while (i > 0 && continuation(le, --i))
		;
	return i;
}

static size_t char_after(const struct lineedit *le, size_t i)
{
	if (i < le->text.len)
		for (i++; continuation(le, i); i++)
			;
	return i;
}

/* Removes bytes [from, to) and leaves the cursor at `from`. */
static void cut(struct lineedit *le, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(le->text.buf + from, le->text.buf + to, le->text.len - to + 1);
	strbuf_setlen(&le->text, le->text.len - (to - from));
	le->cursor = from;
}

/* As readline: Down past the newest entry keeps what is typed, and Up keeps it to come back to. */
static enum lineedit_event history_step(struct lineedit *le, bool back)
{
	if (back ? !le->hpos || !le->nhistory : le->hpos >= le->nhistory)
		return LE_MOVED;
	if (back && le->hpos == le->nhistory) {
		free(le->draft);
		le->draft = xstrdup(le->text.buf);
	}
	le->hpos += back ? -1 : 1;
	lineedit_set(le, le->hpos < le->nhistory ? le->history[le->hpos] : le->draft ? le->draft : "");
	return LE_CHANGED;
}

enum lineedit_event lineedit_key(struct lineedit *le, int rc, wint_t ch)
{
	bool fresh = le->fresh;
	size_t c = le->cursor;

	le->fresh = false;
	if (fresh && rc == OK && ch >= 0x20 && ch != 0x7F) {
		strbuf_reset(&le->text);
		c = le->cursor = 0;
	}
	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_LEFT:
			le->cursor = char_before(le, c);
			return LE_MOVED;
		case KEY_RIGHT:
			le->cursor = char_after(le, c);
			return LE_MOVED;
		case KEY_HOME:
			le->cursor = 0;
			return LE_MOVED;
		case KEY_END:
			le->cursor = le->text.len;
			return LE_MOVED;
		case KEY_UP:
		case KEY_DOWN:
			return history_step(le, ch == KEY_UP);
		case KEY_BACKSPACE:
			if (!c)
				return LE_MOVED;
			cut(le, char_before(le, c), c);
			return LE_CHANGED;
		case KEY_DC:
			if (c == le->text.len)
				return LE_MOVED;
			cut(le, c, char_after(le, c));
			return LE_CHANGED;
		case KEY_ENTER:
			return LE_ENTER;
		}
		return LE_IGNORED;
	}
	switch (ch) {
	case '\n':
	case '\r':
		return LE_ENTER;
	case 27:
		return LE_CANCEL;
	case '\t':
		return LE_TAB;
	case 127:
	case 8:
		if (!c)
			return LE_MOVED;
		cut(le, char_before(le, c), c);
		return LE_CHANGED;
	case 1: /* Ctrl-A */
		le->cursor = 0;
		return LE_MOVED;
	case 5: /* Ctrl-E */
		le->cursor = le->text.len;
		return LE_MOVED;
	case 21: /* Ctrl-U: everything before the cursor */
		cut(le, 0, c);
		return LE_CHANGED;
	case 11: /* Ctrl-K: everything from the cursor */
		strbuf_setlen(&le->text, c);
		return LE_CHANGED;
	case 23: { /* Ctrl-W: the word before the cursor, and the spaces after it */
		size_t from = c;

		while (from > 0 && le->text.buf[from - 1] == ' ')
			from--;
		while (from > 0 && le->text.buf[from - 1] != ' ')
			from--;
		cut(le, from, c);
		return LE_CHANGED;
	}
	}
	if (ch >= 0x20 && ch != 0x7F) {
		struct strbuf enc = STRBUF_INIT;

		utf8_encode(&enc, (uint32_t)ch);
		strbuf_insert(&le->text, c, enc.buf, enc.len);
		le->cursor = c + enc.len;
		strbuf_release(&enc);
		return LE_CHANGED;
	}
	return LE_IGNORED;
}

int lineedit_cursor_cells(const struct lineedit *le)
{
	return draw_width(le->text.buf, le->cursor);
}

void lineedit_history_load(struct lineedit *le, const char *path)
{
	char line[4096];
	FILE *f;

	free(le->history_path);
	le->history_path = path ? xstrdup(path) : NULL;
	if (path && (f = fopen(path, "r"))) {
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = '\0';
			if (!*line)
				continue;
			ALLOC_GROW(le->history, le->nhistory + 1, le->halloc);
			le->history[le->nhistory++] = xstrdup(line);
		}
		fclose(f);
	}
	/* Only the newest are kept in memory. */
	if (le->nhistory > HISTORY_MAX) {
		size_t drop = le->nhistory - HISTORY_MAX, i;

		for (i = 0; i < drop; i++)
			free(le->history[i]);
		memmove(le->history, le->history + drop, HISTORY_MAX * sizeof(*le->history));
		le->nhistory = HISTORY_MAX;
	}
	le->hpos = le->nhistory;
}

void lineedit_history_add(struct lineedit *le, const char *text, bool readonly)
{
	FILE *f;

	free(le->draft); /* entered: nothing is being typed now */
	le->draft = NULL;
	if (!*text || (le->nhistory && !strcmp(le->history[le->nhistory - 1], text))) {
		le->hpos = le->nhistory;
		return;
	}
	ALLOC_GROW(le->history, le->nhistory + 1, le->halloc);
	le->history[le->nhistory++] = xstrdup(text);
	le->hpos = le->nhistory;
	if (le->history_path && !readonly && (f = fopen(le->history_path, "a"))) {
		fprintf(f, "%s\n", text);
		fclose(f);
	}
}

size_t lineedit_complete(struct lineedit *le, char *const *cands, size_t n, struct strbuf *listing)
{
	size_t i, matches = 0, common = 0;
	const char *first = NULL;

	for (i = 0; i < n; i++) {
		if (strncmp(cands[i], le->text.buf, le->text.len))
			continue;
		if (!matches++) {
			first = cands[i];
			common = strlen(first);
		} else {
			size_t k = 0;

			while (k < common && first[k] == cands[i][k])
				k++;
			common = k;
		}
		strbuf_addf(listing, "%s%s", listing->len ? " " : "", cands[i]);
	}
	/* Never split a character. */
	while (first && common > 0 && common < strlen(first) && ((unsigned char)first[common] & 0xC0) == 0x80)
		common--;
	if (first && common > le->text.len) {
		strbuf_reset(&le->text);
		strbuf_add(&le->text, first, common);
		le->cursor = le->text.len;
	}
	if (matches < 2)
		strbuf_reset(listing);
	return matches;
}
