/*
 * lines.h: a deck's text as a table of cleaned lines, the unit every parsing
 * step works on. Cleaning removes private-use bullet glyphs, control
 * characters and CR; it never changes other text.
 */
#ifndef VEDTAK_LINES_H
#define VEDTAK_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/* 16 bytes a line: a 100 MB deck has millions of them, most of them short. */
struct line {
	char *text; /* cleaned, NUL-terminated; points into the split buffer */
	uint32_t len;
	bool blank;  /* nothing but whitespace */
	bool bullet; /* began with a bullet glyph (private-use, •, ✓, →) */
	bool page;   /* a form feed began it: the first line of a new page */
};

/* Bytes of leading whitespace. */
static inline size_t line_lead(const struct line *l)
{
	size_t i = 0;

	while (i < l->len && l->text[i] == ' ')
		i++;
	return i;
}

/* Ends in whitespace: the export wrapped a longer line here. */
static inline bool line_trail(const struct line *l)
{
	return l->len > 0 && l->text[l->len - 1] == ' ';
}

struct deck_lines {
	char *buf;	/* owned copy of the text, or NULL when split in place */
	struct line *v; /* owned; v[0] is line 1 of the file */
	size_t n;
	size_t alloc;
	size_t pages; /* 1 + the lines that begin a page; a trailing form feed adds none */
};

/*
 * Checks that `data` is text vedtak can read (not empty, no NUL bytes, not
 * UTF-16, valid UTF-8; a UTF-8 BOM and CRLF line ends are accepted) and
 * splits it into cleaned lines. On failure fills `diag` with the line and
 * byte offset and returns VT_ERR_FORMAT; `dl` is then empty.
 */
enum vt_status lines_split(struct deck_lines *dl, const char *data, size_t len, struct vt_diag *diag);

/*
 * The same, but cleans `data` in place instead of copying it: `data` must
 * hold len + 1 bytes and stay alive while `dl` is used; its contents are
 * undefined afterwards. Files of 4 GiB or more are refused.
 */
enum vt_status lines_split_in_place(struct deck_lines *dl, char *data, size_t len, struct vt_diag *diag);
void lines_release(struct deck_lines *dl);

/* The line without leading and trailing whitespace, and its length. */
const char *line_trim(const struct line *l, size_t *len);

/* The bytes of a bullet glyph ("•", "✓", "→") that opens `s`; 0 for none (a private-use one is gone already).
 */
size_t line_bullet_len(const char *s, size_t n);

/* True if line `i` (0-based) exists and is blank. */
bool lines_blank(const struct deck_lines *dl, size_t i);

/* Number of blank lines starting at index `i`. */
size_t lines_blank_run(const struct deck_lines *dl, size_t i);

#endif
