/*
 * view.c: what every view does alike: its lines, wrapping text to a
 * width, drawing lines with their hits, moving the cursor.
 */
#include <stdlib.h>
#include <string.h>

#include "core/snippet.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "tui/view.h"
#include "core/banned.h"

struct view *view_new(const struct view_ops *ops, const char *title)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->ops = ops;
	v->title = xstrdup(title);
	return v;
}

void view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->release)
		v->ops->release(v);
	view_clear(v);
	free(v->lines);
	free(v->title);
	free(v);
}

struct tline *view_add_line(struct view *v, const char *text, enum draw_style style)
{
	struct tline *l;

	ALLOC_GROW(v->lines, v->nlines + 1, v->alloc);
	l = &v->lines[v->nlines++];
	memset(l, 0, sizeof(*l));
	l->text = xstrdup(text ? text : "");
	l->style = style;
	return l;
}

void view_clear(struct view *v)
{
	size_t i;

	for (i = 0; i < v->nlines; i++) {
		free(v->lines[i].text);
		free(v->lines[i].hits);
		free(v->lines[i].search);
		free(v->lines[i].saved);
	}
	v->nlines = 0;
}

void view_add_wrapped(struct view *v, const char *text, const struct hit *hits, size_t nhits, int width,
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
		l = view_add_line(v, sb.buf, style);
		halloc = 0;
		while (first_hit < nhits && hits[first_hit].end <= pos)
			first_hit++;
		for (k = first_hit; k < nhits && hits[k].start < pos + len; k++) {
			size_t s = hits[k].start, e = hits[k].end, hs, he;

			if (e <= pos)
				continue;
			/* Within the line as kept: its trailing spaces were trimmed, a hit there is dropped.
			 */
			hs = pl + (s > pos ? s - pos : 0);
			he = pl + (e < pos + len ? e - pos : len);
			if (he > sb.len)
				he = sb.len;
			if (hs >= he)
				continue;
			ALLOC_GROW(l->hits, l->nhits + 1, halloc);
			l->hits[l->nhits].start = hs;
			l->hits[l->nhits].end = he;
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

void view_draw_lines(struct view *v, int y0, int x0, int h, int w, bool cursor)
{
	bool top_kept = v->kept && v->top == v->kept_top,
	     cursor_kept = v->kept && v->cursor == v->kept_cursor;
	size_t i, seen = 0;

	if (v->cursor >= v->nlines && v->nlines)
		v->cursor = v->nlines - 1;
	if (!cursor) {
		if (v->nlines > (size_t)h && v->top > v->nlines - (size_t)h)
			v->top = v->nlines - (size_t)h;
	} else {
		if (v->cursor < v->top)
			v->top = v->cursor;
		if (v->cursor >= v->top + (size_t)h)
			v->top = v->cursor - (size_t)h + 1;
	}
	/* Moved to fit the screen, not by the reader: still on the place view_relayout() gave them. */
	if (top_kept)
		v->kept_top = v->top;
	if (cursor_kept)
		v->kept_cursor = v->cursor;
	/* The hits above the screen, to know which one on it is the current hit. */
	for (i = 0; v->current_hit && i < v->top && i < v->nlines; i++)
		seen += v->lines[i].nhits;
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
		base = cursor && li == v->cursor ? draw_attr(STYLE_CURSOR) : draw_attr(l->style);
		if (cursor && li == v->cursor)
			draw_fill(y0 + (int)i, x0, w, base);
		for (k = 0; k <= l->nhits && x < x0 + w; k++) {
			size_t hs = k < l->nhits ? l->hits[k].start : strlen(l->text);
			size_t he = k < l->nhits ? l->hits[k].end : hs;
			/* Hits may overlap (a word and a pattern): each byte is drawn once. */
			if (hs < pos)
				hs = pos;
			if (he < hs)
				he = hs;
			if (hs > pos)
				x += draw_text(y0 + (int)i, x, x0 + w - x, l->text + pos, hs - pos, base);
			if (k < l->nhits)
				seen++;
			if (he > hs && x < x0 + w)
				x += draw_text(y0 + (int)i, x, x0 + w - x, l->text + hs, he - hs,
					       draw_attr(seen == v->current_hit ? STYLE_CURSOR : STYLE_HIT));
			pos = he > pos ? he : pos;
		}
	}
}

/* The letters and digits of line i's text. */
static size_t line_letters(const struct tline *l)
{
	size_t n = 0, i = 0, len = l->text ? strlen(l->text) : 0;

	while (i < len) {
		uint32_t cp;
		size_t k = utf8_decode(l->text + i, len - i, &cp);

		if (!k)
			k = 1, cp = 0;
		n += cp < 0x80 ? ((cp | 32) - 'a' < 26 || cp - '0' < 10)
			       : utf8_is_letter(cp) || utf8_is_digit(cp);
		i += k;
	}
	return n;
}

/* How many letters and digits come before line `line`. */
static size_t text_offset(const struct view *v, size_t line)
{
	size_t i, n = 0;

	for (i = 0; i < line && i < v->nlines; i++)
		n += line_letters(&v->lines[i]);
	return n;
}

/* The line that holds letter `at` (from 0); the last line when there are fewer. */
static size_t line_at_offset(const struct view *v, size_t at)
{
	size_t i, n = 0;

	for (i = 0; i < v->nlines; i++) {
		n += line_letters(&v->lines[i]);
		if (n > at)
			return i;
	}
	return v->nlines ? v->nlines - 1 : 0;
}

void view_relayout(struct view *v, int width, void (*layout)(void *arg, struct view *v, int width), void *arg)
{
	bool first = !v->built_width;
	size_t top_at = v->kept && v->top == v->kept_top ? v->kept_top_at : text_offset(v, v->top);
	size_t cursor_at =
	    v->kept && v->cursor == v->kept_cursor ? v->kept_cursor_at : text_offset(v, v->cursor);

	layout(arg, v, width);
	v->built_width = width;
	if (first || !v->ops->rewraps) {
		v->kept = false; /* laid out for the first time, or after a change of what it shows */
		return;
	}
	v->top = line_at_offset(v, top_at);
	v->cursor = line_at_offset(v, cursor_at);
	v->kept = true;
	v->kept_top = v->top;
	v->kept_top_at = top_at;
	v->kept_cursor = v->cursor;
	v->kept_cursor_at = cursor_at;
}

void view_move(struct view *v, size_t n, long delta, int h)
{

	if (h < 1)
		h = 1;
	if (v->ops->text) {
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

void view_cursor_to_target(struct view *v, size_t from)
{
	for (v->cursor = from; v->cursor < v->nlines; v->cursor++)
		if (v->lines[v->cursor].search || v->lines[v->cursor].meeting_id ||
		    v->lines[v->cursor].case_id)
			return;
	v->cursor = from < v->nlines ? from : 0;
}

static bool is_target(const struct tline *l)
{
	return l->search || l->meeting_id || l->case_id;
}

void view_cursor_to_nearest_target(struct view *v, int dir)
{
	size_t i;

	if (v->cursor >= v->nlines || is_target(&v->lines[v->cursor]))
		return;
	for (i = v->cursor; i<v->nlines; i = dir> 0 ? i + 1 : i - 1) {
		if (is_target(&v->lines[i])) {
			v->cursor = i;
			return;
		}
		if (dir < 0 && i == 0)
			break;
	}
	for (i = v->cursor; i<v->nlines; i = dir> 0 ? i - 1 : i + 1) {
		if (is_target(&v->lines[i])) {
			v->cursor = i;
			return;
		}
		if (dir > 0 && i == 0)
			break;
	}
}
