/*
 * draw.c: width-aware text drawing for the curses UI.
 */
#include <stdbool.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "utf8.h"
#include "banned.h"

static attr_t styles[STYLE_COUNT];

void draw_init(int plain)
{
	static const struct {
		enum draw_style s;
		short fg, bg;
		attr_t extra, plain_attr;
	} defs[] = {
		{ STYLE_TITLE, COLOR_CYAN, -1, A_BOLD, A_BOLD },
		{ STYLE_STATUS, COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
		{ STYLE_CURSOR, COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
		{ STYLE_HIT, COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_BOLD | A_UNDERLINE },
		{ STYLE_DIM, COLOR_BLUE, -1, 0, A_DIM },
		{ STYLE_ERROR, COLOR_RED, -1, A_BOLD, A_BOLD },
		{ STYLE_GODKJENNING, COLOR_GREEN, -1, A_BOLD, A_BOLD },
		{ STYLE_ORIENTERING, COLOR_BLUE, -1, A_BOLD, A_BOLD },
		{ STYLE_DROFTING, COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	};
	size_t i;
	bool color = !plain && has_colors();

	if (color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < sizeof(defs) / sizeof(defs[0]); i++) {
		if (color) {
			init_pair((short)(i + 1), defs[i].fg, defs[i].bg);
			styles[defs[i].s] = COLOR_PAIR(i + 1) | defs[i].extra;
		} else {
			styles[defs[i].s] = defs[i].plain_attr;
		}
	}
}

attr_t draw_attr(enum draw_style s)
{
	return styles[s];
}

/* The next character of s for the screen, its width and its bytes. */
static wchar_t next_char(const char *s, size_t n, size_t *len, int *width)
{
	uint32_t cp;
	size_t k = utf8_decode(s, n, &cp);
	int w;

	*len = k ? k : 1;
	if (!k || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		cp = 0xFFFD; /* invalid bytes and control characters never reach the terminal */
	if (cp == '\t')
		cp = ' ';
	w = wcwidth((wchar_t)cp);
	if (w < 0) {
		cp = 0xFFFD;
		w = 1;
	}
	*width = w;
	return (wchar_t)cp;
}

int draw_width(const char *s, size_t n)
{
	size_t i = 0, k;
	int w, total = 0;

	while (i < n) {
		next_char(s + i, n - i, &k, &w);
		total += w;
		i += k;
	}
	return total;
}

int draw_text(int y, int x, int width, const char *s, size_t n, attr_t attr)
{
	size_t i = 0, k;
	int used = 0, w;
	bool cut = draw_width(s, n) > width;
	int room = cut ? width - 1 : width;

	if (width <= 0)
		return 0;
	move(y, x);
	while (i < n) {
		wchar_t wc[2] = { next_char(s + i, n - i, &k, &w), 0 };
		cchar_t cc;

		if (used + w > room)
			break;
		if (w > 0) {
			setcchar(&cc, wc, attr, 0, NULL);
			add_wch(&cc);
		}
		used += w;
		i += k;
	}
	if (cut) {
		wchar_t ell[2] = { 0x2026, 0 };
		cchar_t cc;

		while (used < width - 1) { /* a wide character did not fit: pad */
			addch(' ' | attr);
			used++;
		}
		setcchar(&cc, ell, attr, 0, NULL);
		add_wch(&cc);
		used++;
	}
	return used;
}

void draw_fill(int y, int x, int width, attr_t attr)
{
	int i;

	move(y, x);
	for (i = 0; i < width; i++)
		addch(' ' | attr);
}

size_t draw_wrap(const char *s, size_t n, int width)
{
	size_t i = 0, k, last_space = 0, fit = 0;
	int used = 0, w;

	while (i < n) {
		next_char(s + i, n - i, &k, &w);
		if (used + w > width)
			break;
		used += w;
		i += k;
		fit = i;
		if (s[i - 1] == ' ')
			last_space = i;
	}
	if (i >= n)
		return n;
	if (last_space)
		return last_space;
	return fit ? fit : k;
}
