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

#endif
