/*
 * draw.c: width-aware text drawing for the curses UI.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/draw.h"
#include "core/termsafe.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/banned.h"

static attr_t styles[STYLE_COUNT];

/* A style's colours (-1: the terminal's own) and what it adds to them. */
struct style_def {
	short fg, bg;
	attr_t extra, plain_attr;
};

/* The built-in theme, for a dark or light terminal alike. */
static struct style_def theme[STYLE_COUNT] = {
    [STYLE_NORMAL] = {-1, -1, 0, 0},
    [STYLE_TITLE] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
    [STYLE_STATUS] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
    [STYLE_CURSOR] = {COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE},
    [STYLE_HIT] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_BOLD | A_UNDERLINE},
    [STYLE_DIM] = {COLOR_BLUE, -1, 0, A_DIM},
    [STYLE_ERROR] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [STYLE_GODKJENNING] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
    [STYLE_ORIENTERING] = {COLOR_BLUE, -1, A_BOLD, A_BOLD},
    [STYLE_DROFTING] = {COLOR_MAGENTA, -1, A_BOLD, A_BOLD},
};

static const char *const style_names[STYLE_COUNT] = {
    "normal", "title", "status", "cursor", "hit", "dim", "error", "godkjenning", "orientering", "drofting",
};

static const char *const color_names[] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* A colour by name, "default" or a number 0-255; -2 if it is none of those. */
static short parse_color(const char *w)
{
	char *end;
	long n;
	size_t i;

	if (!strcmp(w, "default"))
		return -1;
	for (i = 0; i < sizeof(color_names) / sizeof(color_names[0]); i++)
		if (!strcmp(w, color_names[i]))
			return (short)i;
	n = strtol(w, &end, 10);
	return *w && !*end && n >= 0 && n <= 255 ? (short)n : -2;
}

/* One "style = fg [on bg] [bold|underline|reverse|dim]..." line into *d; false if it is not one. */
static bool parse_style_line(char *words, struct style_def *d)
{
	char *save = NULL, *w;
	bool on = false, have_fg = false;
	short c;

	for (w = strtok_r(words, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(w, "on")) {
			on = true;
		} else if (!strcmp(w, "bold")) {
			d->extra |= A_BOLD;
		} else if (!strcmp(w, "underline")) {
			d->extra |= A_UNDERLINE;
		} else if (!strcmp(w, "reverse")) {
			d->extra |= A_REVERSE;
		} else if (!strcmp(w, "dim")) {
			d->extra |= A_DIM;
		} else if ((c = parse_color(w)) == -2 || (!on && have_fg)) {
			return false;
		} else if (on) {
			d->bg = c;
			on = false;
		} else {
			d->fg = c;
			have_fg = true;
		}
	}
	return !on;
}

int draw_theme_load(const char *path, char *warning, size_t size)
{
	char line[512];
	long lineno = 0;
	FILE *f = fopen(path, "r");
	int warnings = 0;

	if (!f) {
		snprintf(warning, size, _("cannot read theme %s: %s"), path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = line, *eq, *name, *e;
		struct style_def d = {-1, -1, 0, 0};
		size_t i;

		lineno++;
		s[strcspn(s, "\r\n#")] = '\0';
		s += strspn(s, " \t");
		if (!*s)
			continue;
		name = s;
		eq = strchr(s, '=');
		if (eq) {
			*eq = '\0';
			for (e = eq; e > name && (e[-1] == ' ' || e[-1] == '\t');)
				*--e = '\0';
		}
		for (i = 0; i < STYLE_COUNT && (!eq || strcmp(name, style_names[i])); i++)
			;
		if (i == STYLE_COUNT || !parse_style_line(eq + 1, &d)) {
			if (!warnings++)
				snprintf(warning, size,
					 _("%s:%ld: not 'STYLE = COLOUR [on COLOUR] "
					   "[bold|underline|reverse|dim]'; line ignored"),
					 path, lineno);
			continue;
		}
		d.plain_attr = theme[i].plain_attr;
		theme[i] = d;
	}
	fclose(f);
	return warnings;
}

void draw_init(int plain)
{
	bool color = !plain && has_colors();
	short pair = 0;
	size_t i;

	if (color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < STYLE_COUNT; i++) {
		const struct style_def *d = &theme[i];

		if (!color)
			styles[i] = d->plain_attr;
		else if (d->fg == -1 && d->bg == -1) /* the terminal's own colours need no pair */
			styles[i] = d->extra;
		else if (init_pair(++pair, d->fg, d->bg) == OK)
			styles[i] = COLOR_PAIR(pair) | d->extra;
		else /* a 256-colour number on an 8-colour terminal */
			styles[i] = d->extra | d->plain_attr;
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
	size_t k;
	int w;

	/* Printable ASCII, most of every screen: one column, safe, no lookup. */
	if ((unsigned char)s[0] >= 0x20 && (unsigned char)s[0] < 0x7F) {
		*len = 1;
		*width = 1;
		return (wchar_t)s[0];
	}
	k = utf8_decode(s, n, &cp);

	*len = k ? k : 1;
	if (cp == '\t' || cp == '\n')
		cp = ' ';
	if (!k || term_unsafe(cp))
		cp = 0xFFFD; /* invalid bytes and control characters never reach the terminal */
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
		wchar_t wc[CCHARW_MAX + 1] = {next_char(s + i, n - i, &k, &w), 0};
		size_t nwc = 1, k2;
		int w2;
		cchar_t cc;

		if (used + w > room)
			break;
		i += k;
		/* Combining marks go into the cell of the letter they mark ("q̃"). */
		while (i < n && nwc < CCHARW_MAX) {
			wchar_t mark = next_char(s + i, n - i, &k2, &w2);

			if (w2 != 0 || mark == 0xFFFD)
				break;
			wc[nwc++] = mark;
			i += k2;
		}
		wc[nwc] = 0;
		if (w > 0) {
			setcchar(&cc, wc, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
			add_wch(&cc);
		}
		used += w;
	}
	if (cut) {
		wchar_t ell[2] = {0x2026, 0};
		cchar_t cc;

		while (used < width - 1) { /* a wide character did not fit: pad */
			addch(' ' | attr);
			used++;
		}
		setcchar(&cc, ell, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
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
