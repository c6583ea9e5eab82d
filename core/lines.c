/*
 * lines.c: validation of a deck's bytes and their split into cleaned lines.
 */
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "utf8.h"
#include "util.h"
#include "banned.h"

static long line_of_offset(const char *data, size_t off)
{
	long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

static int is_bullet_glyph(uint32_t cp)
{
	return cp == 0x2022 || cp == 0x2713 || cp == 0x2714 || cp == 0x25AA || cp == 0x25CF ||
	       cp == 0x2192 || cp == 0x27A2 || cp == 0x25BA || cp == 0x2023;
}

/*
 * Cleans the line at `s` (length n) into `out`, which may be `s` itself:
 * the result is never longer than the input.
 */
static void clean_line(struct line *l, const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0;
	int at_start = 1;

	l->bullet = false;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (!k) { /* validated before; cannot happen */
			i++;
			continue;
		}
		if (utf8_is_private_use(cp)) {
			/* A glyph bullet: drop it and the space that followed it. */
			i += k;
			if (at_start) {
				l->bullet = true;
				if (i < n && s[i] == ' ')
					i++;
			}
			continue;
		}
		if (cp == '\t') {
			out[o++] = ' ';
			i++;
			continue;
		}
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
			i += k; /* control characters never reach the store or the screen */
			continue;
		}
		if (at_start && cp != ' ') {
			at_start = 0;
			if (is_bullet_glyph(cp))
				l->bullet = true;
		}
		memmove(out + o, s + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	l->text = out;
	l->len = o;
	for (i = 0; i < o && out[i] == ' '; i++)
		;
	l->lead = i;
	l->blank = i == o;
	l->trail = o > 0 && out[o - 1] == ' ';
}

enum vt_status lines_split(struct deck_lines *dl, const char *data, size_t len, struct vt_diag *diag)
{
	size_t i, start, bad;
	char *buf;

	memset(dl, 0, sizeof(*dl));
	if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
			 ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))
		return vt_fail(diag, VT_ERR_FORMAT, 1,
			       "UTF-16 text is not supported; save the export as UTF-8");
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	for (i = 0; i < len; i++)
		if (data[i] == '\0') {
			if (diag)
				diag->offset_plus1 = (long)i + 1;
			return vt_fail(diag, VT_ERR_FORMAT, line_of_offset(data, i),
				       "binary file: NUL byte at byte offset %zu", i);
		}
	bad = utf8_invalid_offset(data, len);
	if (bad < len) {
		if (diag)
			diag->offset_plus1 = (long)bad + 1;
		return vt_fail(diag, VT_ERR_FORMAT, line_of_offset(data, bad),
			       "invalid UTF-8 at byte offset %zu (byte 0x%02X)", bad,
			       (unsigned)(unsigned char)data[bad]);
	}
	for (i = 0; i < len; i++)
		if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
			break;
	if (i == len)
		return vt_fail(diag, VT_ERR_FORMAT, 1, "empty file");

	buf = xmalloc(len + 1);
	memcpy(buf, data, len);
	buf[len] = '\0';
	dl->buf = buf;
	start = 0;
	for (i = 0; i <= len; i++) {
		size_t end;

		if (i < len && buf[i] != '\n')
			continue;
		if (i == len && start == len)
			break; /* the file ended with a newline */
		end = i;
		if (end > start && buf[end - 1] == '\r')
			end--;
		ALLOC_GROW(dl->v, dl->n + 1, dl->alloc);
		clean_line(&dl->v[dl->n], buf + start, end - start, buf + start);
		dl->n++;
		start = i + 1;
	}
	return VT_OK;
}

void lines_release(struct deck_lines *dl)
{
	free(dl->buf);
	free(dl->v);
	memset(dl, 0, sizeof(*dl));
}

const char *line_trim(const struct line *l, size_t *len)
{
	size_t e = l->len;

	while (e > l->lead && l->text[e - 1] == ' ')
		e--;
	*len = e - l->lead;
	return l->text + l->lead;
}

bool lines_blank(const struct deck_lines *dl, size_t i)
{
	return i < dl->n && dl->v[i].blank;
}

size_t lines_blank_run(const struct deck_lines *dl, size_t i)
{
	size_t k = 0;

	while (i + k < dl->n && dl->v[i + k].blank)
		k++;
	return k;
}
