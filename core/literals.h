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
 * where such a match lies in the exact form of that word (core/words.h):
 * `pat` with its assertions left out and its possessive quantifiers made
 * greedy, to be matched without regard to case. Then the index's
 * vocabulary tells which words a match can be in, as a pattern with no
 * literal needs. NULL for any other pattern. `caseless` as for
 * literals_required().
 * An assertion may hold in the text and not in the word: \b before a
 * typographic apostrophe or a soft hyphen, which the word's exact form
 * leaves out ("ABC12’s" is "abc12s"), \B at a word's end before "_", ^
 * at its beginning. A possessive quantifier, matched without regard to
 * case or without an assertion, may take what the rest needed.
 */
char *literals_word_pattern(const char *pat, bool caseless);

#endif
