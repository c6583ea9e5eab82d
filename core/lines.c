/*
 * lines.c: validation of a deck's bytes and their split into cleaned lines.
 */
#include <stdlib.h>
#include <string.h>

#include "core/lines.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

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
	return cp == 0x2022 || cp == 0x2713 || cp == 0x2714 || cp == 0x25AA || cp == 0x25CF || cp == 0x2192 ||
	       cp == 0x27A2 || cp == 0x25BA || cp == 0x2023;
}

static int is_bullet_glyph_at(const char *s, size_t n)
{
	uint32_t cp;

	return (unsigned char)s[0] >= 0xC0 && utf8_decode(s, n, &cp) && is_bullet_glyph(cp);
}

/* Whether byte c needs cleaning: a control character, or the start of a private-use glyph or a C1 control. */
static bool unclean_byte(unsigned char c)
{
	return c < 0x20 || c == 0x7F || c == 0xEE || c == 0xEF || c == 0xF3 || c == 0xF4 || c == 0xC2;
}

/*
 * Whether the line s[0, n) has a byte that needs cleaning. Eight bytes of
 * printable ASCII (most of a deck) are passed at once: none has its top
 * bit set, none is below 0x20 (subtracting 0x20 from it borrows) and none
 * is 0x7F (its XOR with 0x7F is zero).
 */
static bool line_unclean(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, del;
		size_t k;

		memcpy(&w, s + i, 8);
		del = w ^ (0x7F * ones);
		if (!((w | ((w - 0x20 * ones) & ~w) | ((del - ones) & ~del)) & highs))
			continue;
		for (k = 0; k < 8; k++)
			if (unclean_byte((unsigned char)s[i + k]))
				return true;
	}
	for (; i < n; i++)
		if (unclean_byte((unsigned char)s[i]))
			return true;
	return false;
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
	/* Most lines need no cleaning: printable ASCII and UTF-8 outside the
	 * private-use area (whose encodings all start with 0xEE or 0xEF). */
	if (out == s && (n == 0 || s[0] != ' ')) {
		if (!line_unclean(s, n)) {
			out[n] = '\0';
			l->text = out;
			l->len = (uint32_t)n;
			l->blank = n == 0;
			if (n >= 3 && is_bullet_glyph_at(s, n))
				l->bullet = true;
			return;
		}
	}
	while (i < n) {
		uint32_t cp;
		size_t k;
		unsigned char c = (unsigned char)s[i];

		/* Printable ASCII is most of a deck and needs no decoding. */
		if (c >= 0x20 && c < 0x7F && (c != ' ' || !at_start)) {
			at_start = 0;
			out[o++] = (char)c;
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);

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
	l->len = (uint32_t)o;
	l->blank = line_lead(l) == o;
}

/* Checks the bytes; on success *skip is the length of a UTF-8 BOM to skip. */
static enum vt_status check_text(const char *data, size_t len, size_t *skip, struct vt_diag *diag)
{
	size_t i, bad;
	const char *p;

	*skip = 0;
	if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
			 ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))
		return vt_fail(diag, VT_ERR_FORMAT, 1,
			       _("UTF-16 text is not supported; save the export as UTF-8"));
	if (len >= ((size_t)1 << 32) - 1)
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("file too large (4 GiB or more)"));
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		*skip = 3;
	data += *skip;
	len -= *skip;
	if ((p = memchr(data, '\0', len))) {
		i = (size_t)(p - data);
		if (diag)
			diag->offset_plus1 = (long)(i + *skip) + 1;
		return vt_fail(diag, VT_ERR_FORMAT, line_of_offset(data, i),
			       _("binary file: NUL byte at byte offset %zu"), i + *skip);
	}
	bad = utf8_invalid_offset(data, len);
	if (bad < len) {
		if (diag)
			diag->offset_plus1 = (long)(bad + *skip) + 1;
		return vt_fail(diag, VT_ERR_FORMAT, line_of_offset(data, bad),
			       _("invalid UTF-8 at byte offset %zu (byte 0x%02X)"), bad + *skip,

			       (unsigned)(unsigned char)data[bad]);
	}
	for (i = 0; i < len; i++)
		if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
			break;
	if (i == len)
		return vt_fail(diag, VT_ERR_FORMAT, 1, _("empty file"));
	return VT_OK;
}

static void split(struct deck_lines *dl, char *buf, size_t len)
{
	size_t i, start = 0, count = 1;
	const char *p = buf, *stop = buf + len;
	bool page;

	/* Size the table exactly: doubling would waste up to half of it. */
	while ((p = memchr(p, '\n', (size_t)(stop - p)))) {
		count++;
		p++;
	}
	ALLOC_GROW(dl->v, count, dl->alloc);
	dl->pages = 1;
	buf[len] = '\0';
	for (i = 0; i <= len; i++) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t end;

		i = nl ? (size_t)(nl - buf) : len;
		if (i == len && start == len)
			break; /* the file ended with a newline */
		end = i;
		if (end > start && buf[end - 1] == '\r')
			end--;
		ALLOC_GROW(dl->v, dl->n + 1, dl->alloc);
		/* pdftotext puts a form feed before each page's first line and one
		 * at the very end: only a line with text after it starts a page. */
		page = buf[start] == '\f' && end > start + 1;
		clean_line(&dl->v[dl->n], buf + start, end - start, buf + start);
		dl->v[dl->n].page = page;
		dl->pages += page;
		dl->n++;
		start = i + 1;
	}
}

enum vt_status lines_split_in_place(struct deck_lines *dl, char *data, size_t len, struct vt_diag *diag)
{
	size_t skip;
	enum vt_status st;

	memset(dl, 0, sizeof(*dl));
	st = check_text(data, len, &skip, diag);
	if (st == VT_OK)
		split(dl, data + skip, len - skip);
	return st;
}

enum vt_status lines_split(struct deck_lines *dl, const char *data, size_t len, struct vt_diag *diag)
{
	size_t skip;
	enum vt_status st;

	memset(dl, 0, sizeof(*dl));
	st = check_text(data, len, &skip, diag);
	if (st != VT_OK)
		return st;
	dl->buf = xmalloc(len - skip + 1);
	memcpy(dl->buf, data + skip, len - skip);
	split(dl, dl->buf, len - skip);
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
	size_t e = l->len, lead = line_lead(l);

	while (e > lead && l->text[e - 1] == ' ')
		e--;
	*len = e - lead;
	return l->text + lead;
}

size_t line_bullet_len(const char *s, size_t n)
{
	uint32_t cp;
	size_t k = n && (unsigned char)s[0] >= 0xC0 ? utf8_decode(s, n, &cp) : 0;

	return k && is_bullet_glyph(cp) ? k : 0;
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
