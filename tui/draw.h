/*
 * draw.h: putting UTF-8 text on the curses screen by display width (as tig
 * does): wide characters take two cells, invalid bytes show as U+FFFD,
 * control characters never reach the terminal, and text that does not fit
 * is cut at a character and ends in a visible "…".
 */
#ifndef VEDTAK_DRAW_H
#define VEDTAK_DRAW_H

#include <stddef.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

/* The text attributes vedtak uses; with colour off they are plain attributes. */
enum draw_style {
	STYLE_NORMAL,
	STYLE_TITLE,  /* headings */
	STYLE_STATUS, /* the status and prompt lines */
	STYLE_CURSOR, /* the selected row */
	STYLE_HIT,    /* a search hit */
	STYLE_DIM,    /* secondary text: dates, organisations */
	STYLE_ERROR,
	STYLE_GODKJENNING,
	STYLE_ORIENTERING,
	STYLE_DROFTING,
	STYLE_COUNT
};

/*
 * Reads a theme file over the built-in colours, before draw_init: one
 * "STYLE = FG [on BG] [bold] [underline] [reverse] [dim]" line a style
 * (names as in style_names; colours black ... white, default, or 0-255),
 * # comments. Returns how many lines were ignored (-1: no file) and puts
 * the first problem, as FILE:LINE, in `warning`.
 */
int draw_theme_load(const char *path, char *warning, size_t size);

/* Sets up colours unless `plain` (NO_COLOR, or a terminal without colours). */
void draw_init(int plain);
attr_t draw_attr(enum draw_style s);

/*
 * Draws s[0..n) at (y, x) in at most `width` cells with style `style`.
 * Returns the cells used. If it does not fit, the last cell shows "…".
 */
int draw_text(int y, int x, int width, const char *s, size_t n, attr_t attr);

/* Fills cells [x, x + width) of row y with spaces in `attr`. */
void draw_fill(int y, int x, int width, attr_t attr);

/* The display width of s[0..n), as draw_text() counts it. */
int draw_width(const char *s, size_t n);

/*
 * Where to break s[0..n) so that the first part fits `width` cells: at the
 * last space that fits, else at the last character that fits. Returns the
 * byte count of the first part (at least one character).
 */
size_t draw_wrap(const char *s, size_t n, int width);

#endif
