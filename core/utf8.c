/*
 * utf8.c: UTF-8 decoding, validation and Norwegian-aware folding.
 */
#include <string.h>

#include "utf8.h"
#include "banned.h"

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	*cp = 0xFFFD;
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		c = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		c = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Reject overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return len;
}

size_t utf8_invalid_offset(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		size_t k;
		uint64_t w;

		/* Eight ASCII bytes at a time. */
		if (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ull))) {
			i += 8;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (!k)
			return i;
		i += k;
	}
	return n;
}

void utf8_encode(struct strbuf *sb, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
		return;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 4);
	}
}

int utf8_is_private_use(uint32_t cp)
{
	return (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0x10FFFF);
}

/* Latin Extended-A pairs upper and lower case, but the parity flips twice. */
static int latin_ext_a_upper(uint32_t cp)
{
	if (cp == 0x138 || cp == 0x149 || cp == 0x17F)
		return 0;
	if (cp == 0x178)
		return 1;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp & 1;
	return !(cp & 1);
}

int utf8_is_upper(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return 1;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return 1;
	if (cp >= 0x100 && cp <= 0x17F)
		return latin_ext_a_upper(cp);
	return 0;
}

int utf8_is_lower(uint32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return 1;
	if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
		return 1;
	if (cp >= 0x100 && cp <= 0x17F)
		return !latin_ext_a_upper(cp);
	return 0;
}

int utf8_is_letter(uint32_t cp)
{
	return utf8_is_upper(cp) || utf8_is_lower(cp);
}

uint32_t utf8_tolower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp == 0x178)
		return 0xFF;
	if (cp >= 0x100 && cp <= 0x17F && utf8_is_upper(cp))
		return cp + 1;
	return cp;
}

static int cp_width(uint32_t c)
{
	if ((c >= 0x300 && c <= 0x36F) || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF)
		return 0;
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x1F300 && c <= 0x1FAFF) ||
	    (c >= 0x20000 && c <= 0x3FFFD))
		return 2;
	return 1;
}

size_t utf8_width(const char *s, size_t n)
{
	size_t i = 0, w = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		i += k ? k : 1;
		w += (size_t)cp_width(cp);
	}
	return w;
}

/* Folds one lower-case code point; 0 means "drop". */
static uint32_t fold_letter(uint32_t c)
{
	switch (c) {
	case 0xF6: /* ö */
	case 0xF5: /* õ */
		return 0xF8; /* ø */
	case 0xE4: /* ä */
		return 0xE6; /* æ */
	case 0xE0: case 0xE1: case 0xE2: case 0xE3:
		return 'a';
	case 0xE8: case 0xE9: case 0xEA: case 0xEB:
		return 'e';
	case 0xEC: case 0xED: case 0xEE: case 0xEF:
		return 'i';
	case 0xF2: case 0xF3: case 0xF4:
		return 'o';
	case 0xF9: case 0xFA: case 0xFB: case 0xFC:
		return 'u';
	case 0xFD: case 0xFF:
		return 'y';
	case 0xE7:
		return 'c';
	case 0xF1:
		return 'n';
	}
	return c;
}

void utf8_fold(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0;
	int space = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (!k)
			k = 1;
		i += k;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0) {
			space = 1;
			continue;
		}
		if (space) {
			strbuf_addch(out, ' ');
			space = 0;
		}
		utf8_encode(out, fold_letter(utf8_tolower(cp)));
	}
}

void utf8_reverse(struct strbuf *out, const char *s, size_t n)
{
	size_t e = n;

	while (e > 0) {
		size_t b = e - 1;

		while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
			b--;
		strbuf_add(out, s + b, e - b);
		e = b;
	}
}
