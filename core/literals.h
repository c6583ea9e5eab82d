/*
 * literals.h: the literal text every match of a regular expression needs.
 */
#ifndef VEDTAK_LITERALS_H
#define VEDTAK_LITERALS_H

#include <stdbool.h>

/*
 * The runs of literal characters (as written in the pattern, UTF-8) that
 * every match of PCRE2 pattern `pat` contains, as a NULL-terminated array
 * the caller frees with literals_free(); NULL when none is certain.
 * `caseless`: the pattern may match without regard to case, where letters
 * beyond U+017F are not taken (their case forms are not the index's).
 */
char **literals_required(const char *pat, bool caseless);
void literals_free(char **v);

#endif
