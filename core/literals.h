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
 * Whether PCRE2 pattern `pat` has a capital letter of its own: not one in
 * an escape (\W, \x{AD}, \p{Lu}, \N{U+2019}). Search matches a pattern
 * without one regardless of case.
 */
bool literals_cased(const char *pat);

/*
 * When every match of PCRE2 pattern `pat` is letters and digits of one
 * word of a text (ASCII letters and digits, æøå, \d: no space, hyphen or
 * other character, no look-around), the pattern (for free()) that finds
 * where such a match lies in the exact form of that word, or of its part
 * (core/words.h): `pat` with its assertions left out and its possessive
 * quantifiers made greedy, to be matched without regard to case. Then the
 * index's vocabulary tells which words a match can be in, as a pattern
 * with no literal needs. NULL for any other pattern. `caseless` as for
 * literals_required().
 * An assertion may hold in the text and not in the word: \B at a word's
 * end before "_", ^ at its beginning, and \b inside a word that
 * hyphens, apostrophes or soft hyphens join ("ABC12’s" is "abc12s").
 * With `edges`, \b stays: where the index holds every part of such words
 * (their quiet parts too), a match lies in a part whose exact form has
 * the text's letters and digits, other characters kept as they are, so
 * that \b holds there where it holds in the text, at the part's ends too.
 * A possessive quantifier, matched without regard to case or without an
 * assertion, may take what the rest of the pattern needed.
 */
char *literals_word_pattern(const char *pat, bool caseless, bool edges);

#endif
