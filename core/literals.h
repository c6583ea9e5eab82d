/*
 * literals.h: the literal text every match of a regular expression needs.
 */
#ifndef VEDTAK_LITERALS_H
#define VEDTAK_LITERALS_H

#include <stdbool.h>

/* What every match has between a run and the run before it (see literals_required). */
enum literal_gap {
	LITERAL_APART,	 /* anything, or the first run */
	LITERAL_SPACED,	 /* one character or more, none a letter, digit, hyphen or apostrophe */
	LITERAL_JOINABLE /* nothing, or characters none of which is a letter or digit */
};

/*
 * The runs of literal characters (as written in the pattern, UTF-8) that
 * every match of PCRE2 pattern `pat` contains, in their order, as a
 * NULL-terminated array the caller frees with literals_free(); NULL when
 * none is certain. `caseless`: the pattern may match without regard to
 * case, where letters beyond U+017F are not taken (their case forms are
 * not the index's). With `gaps`, *gaps (for free()) tells for each run
 * what stands between it and the run before: a word on each side of a
 * spaced gap are next to each other in the index; joined, one word.
 */
char **literals_required(const char *pat, bool caseless, enum literal_gap **gaps);
void literals_free(char **v);

/*
 * When every match of PCRE2 pattern `pat` is letters and digits of one
 * word of a text (ASCII letters and digits, æøå, \d: no space, hyphen or
 * other character, no look-around), the pattern (for free()) that finds
 * where such a match lies in the exact form of that word, or of the part
 * of it between hyphens or apostrophes (core/words.h): `pat` with its
 * assertions but \b left out, to be matched without regard to case. Then
 * the index's vocabulary tells which words a match can be in, as a pattern
 * with no literal needs. NULL for any other pattern. `caseless` as for
 * literals_required().
 * \b stays: a match is letters and digits, so where \b holds in the text
 * it holds in the part's exact form, whose letters and digits are the
 * text's, and whose other characters (a combining mark, a symbol) are
 * kept as they are; at the part's ends too, which a match's letters stand
 * next to. Other assertions may hold in the text and not in the word: \B
 * at a word's end before "_", ^ at its beginning.
 */
char *literals_word_pattern(const char *pat, bool caseless);

#endif
