/*
 * utf8.c: UTF-8 decoding, validation, normalisation and Norwegian-aware
 * folding. Letter classes, case, widths and normalisation come from
 * utf8proc (Unicode's tables, as tmux uses them), not from tables of our own.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/utf8.h"
#include "core/banned.h"

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

/* Whether the eight bytes at s are all ASCII. */
static bool ascii8(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
	return !(w & 0x8080808080808080ull);
}

size_t utf8_invalid_offset(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		size_t k;

		/* Eight ASCII bytes at a time. */
		if (i + 8 <= n && ascii8(s + i)) {
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

/*
 * ASCII and Latin-1's letters (U+00C0 to U+00FF but for × and ÷, where
 * capitals are U+00C0 to U+00DE and ß starts the small letters) answer
 * without utf8proc's tables: æ, ø and å are in every other Norwegian
 * word, and looking them up was a tenth of finding abbreviations.
 */
static bool latin1_letter(uint32_t cp)
{
	return cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7;
}

int utf8_is_upper(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return cp - 'A' < 26;
	if (latin1_letter(cp))
		return cp <= 0xDE;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int utf8_is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp - 'a' < 26;
	if (latin1_letter(cp))
		return cp >= 0xDF;
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

int utf8_is_letter(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp | 0x20) - 'a' < 26;
	if (latin1_letter(cp))
		return 1;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int utf8_is_mark(uint32_t cp)
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);

	return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

int utf8_is_digit(uint32_t cp)
{
	if (cp < 0x80)
		return cp - '0' < 10;
	if (latin1_letter(cp))
		return 0;
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ND;
}

uint32_t utf8_tolower(uint32_t cp)
{
	if (cp < 0x80)
		return cp - 'A' < 26 ? cp + 32 : cp;
	if (latin1_letter(cp))
		return cp <= 0xDE ? cp + 0x20 : cp;
	return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

static int cp_width(uint32_t c)
{
	/* Controls count one: they are drawn as U+FFFD. */
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return 1;
	return utf8proc_charwidth((utf8proc_int32_t)c);
}

/*
 * Whether a code point can change under NFC: a combining mark, a vowel
 * sign, a conjoining Hangul jamo, or a character NFC replaces (the
 * Ångström sign by Å). Text with none of them is in NFC already, which is
 * nearly all text: it is then not copied.
 */
static bool may_change_under_nfc(uint32_t cp)
{
	const utf8proc_property_t *p;

	if (cp < 0x300)
		return false;
	if (cp >= 0x1100 && cp <= 0x11FF)
		return true;
	p = utf8proc_get_property((utf8proc_int32_t)cp);
	return p->combining_class ||
	       (p->category >= UTF8PROC_CATEGORY_MN && p->category <= UTF8PROC_CATEGORY_ME) ||
	       (p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX && p->comp_exclusion);
}

bool utf8_needs_nfc(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k;

		/* Eight ASCII bytes at a time, as utf8_invalid_offset(): ASCII is in NFC. */
		if (i + 8 <= n && ascii8(s + i)) {
			i += 8;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k && may_change_under_nfc(cp))
			return true;
		i += k ? k : 1;
	}
	return false;
}

bool utf8_nfc(struct strbuf *out, const char *s, size_t n)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t len;

	if (!utf8_needs_nfc(s, n)) {
		strbuf_add(out, s, n);
		return true;
	}
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfc,
			   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0) {
		strbuf_add(out, s, n);
		return false;
	}
	strbuf_add(out, nfc, (size_t)len);
	free(nfc);
	return true;
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

/*
 * Folds one lower-case code point: ö and õ are ø, ä is æ (Swedish and
 * Danish spellings of the same names), the other accented letters of
 * Latin-1 lose their accent; å, æ and ø stay. Kept to Latin-1 on purpose:
 * words in the index and tag names were folded so since schema 1, and a
 * wider fold would part a database from its own index and its peers' tags.
 */
static uint32_t fold_letter(uint32_t c)
{
	switch (c) {
	case 0xF6:	     /* ö */
	case 0xF5:	     /* õ */
		return 0xF8; /* ø */
	case 0xE4:	     /* ä */
		return 0xE6; /* æ */
	case 0xE0:
	case 0xE1:
	case 0xE2:
	case 0xE3:
		return 'a';
	case 0xE8:
	case 0xE9:
	case 0xEA:
	case 0xEB:
		return 'e';
	case 0xEC:
	case 0xED:
	case 0xEE:
	case 0xEF:
		return 'i';
	case 0xF2:
	case 0xF3:
	case 0xF4:
		return 'o';
	case 0xF9:
	case 0xFA:
	case 0xFB:
	case 0xFC:
		return 'u';
	case 0xFD:
	case 0xFF:
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
	struct strbuf nfc = STRBUF_INIT;
	size_t i = 0, start = out->len;
	int space = 0;

	/* "på" written as a, combining ring folds as the å it is. */
	if (utf8_needs_nfc(s, n)) {
		utf8_nfc(&nfc, s, n);
		s = nfc.buf;
		n = nfc.len;
	}

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
	/* ä with a combining accent is æ with it now: composed again, so that folding twice is folding once.
	 */
	if (utf8_needs_nfc(out->buf + start, out->len - start)) {
		strbuf_reset(&nfc);
		utf8_nfc(&nfc, out->buf + start, out->len - start);
		strbuf_setlen(out, start);
		strbuf_add(out, nfc.buf, nfc.len);
	}
	strbuf_release(&nfc);
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

size_t utf8_chars(const char *s, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}
