/*
 * utf8.h: the few UTF-8 operations the core needs: validation with the
 * offset of the first bad byte, decoding, encoding, and case folding that
 * treats æ, ø and å as letters of their own (never as accented a and o).
 */
#ifndef VEDTAK_UTF8_H
#define VEDTAK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

/* Offset of the first byte that is not valid UTF-8, or `n` if all are. */
size_t utf8_invalid_offset(const char *s, size_t n);

/*
 * Decodes one code point from `s` (at most `n` bytes) into `*cp`. Returns
 * the number of bytes used, or 0 on invalid input (then *cp = U+FFFD and the
 * caller should skip one byte).
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/*
 * utf8_decode(), with a character of two bytes (æ, ø, å, é) read in
 * place: the loops over every byte of a text call it at each of them, and
 * the call was a tenth of forming the words of a Norwegian text.
 */
static inline size_t utf8_decode_inline(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 2 && u[0] >= 0xC2 && u[0] < 0xE0 && (u[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	return utf8_decode(s, n, cp);
}

/* Appends the UTF-8 encoding of `cp`. */
void utf8_encode(struct strbuf *sb, uint32_t cp);

/* True for Unicode private-use code points (slide-bullet glyphs). */
int utf8_is_private_use(uint32_t cp);

/* True if `cp` is an upper-case or lower-case letter we know of. */
int utf8_is_upper(uint32_t cp);
int utf8_is_lower(uint32_t cp);
int utf8_is_letter(uint32_t cp);
/* Combining marks (Unicode's M categories) and decimal digits of any script. */
int utf8_is_mark(uint32_t cp);
int utf8_is_digit(uint32_t cp);

/* Lower case, by Unicode's tables (utf8proc). */
uint32_t utf8_tolower(uint32_t cp);

/*
 * Display width of `s` (length n) in terminal cells: combining marks take
 * none, East Asian wide characters two, invalid bytes one (they are shown
 * as U+FFFD).
 */
size_t utf8_width(const char *s, size_t n);

/* How many code points s (n bytes, valid UTF-8) has: letters as a person counts them. */
size_t utf8_chars(const char *s, size_t n);

/*
 * Normalisation to NFC, in which documents are stored and queries
 * compared: "på" typed or exported as a + combining ring is the å of
 * "på". utf8_needs_nfc() is true when `s` may change; utf8_nfc() appends
 * `s` (valid UTF-8) in NFC, and false if it could not (then `s` as it is).
 */
bool utf8_needs_nfc(const char *s, size_t n);
bool utf8_nfc(struct strbuf *out, const char *s, size_t n);

/* Appends `s` (length n) with its code points in reverse order. */
void utf8_reverse(struct strbuf *out, const char *s, size_t n);

/*
 * Appends a folded form of `s` (length `n`) for matching names and words,
 * in NFC: lower case, runs of whitespace as one space, ö as ø, ä as æ, the
 * other accented letters of Latin-1 without their accent (é as e). æ, ø
 * and å stay distinct. Folding a folded string changes nothing.
 */
void utf8_fold(struct strbuf *out, const char *s, size_t n);

#endif
