/*
 * abbrev.h: abbreviations and the long forms the documents define them by,
 * in the manner of Schwartz and Hearst's algorithm ("A simple algorithm
 * for identifying abbreviation definitions in biomedical text", 2003):
 *   Norsk helsenett (NHN)          long form, then the abbreviation in parentheses
 *   NHN (Norsk helsenett)          the abbreviation, then the long form
 *   NHN – Norsk helsenett          at the start of a line, with a dash or a colon
 *   Sentral forskrivningsmodul SFM  an upper-case abbreviation right after its long form
 * The abbreviation's letters must appear in the long form in order, the
 * first one at the start of its first word; the long form is the shortest
 * run of words that allows it, and has at most min(|abbr| + 5, 2 |abbr|)
 * words. The form without parentheses also needs every word of the long
 * form to give at least one letter, which keeps "møte i NUFA" out.
 */
#ifndef VEDTAK_ABBREV_H
#define VEDTAK_ABBREV_H

#include <stddef.h>

/*
 * Calls fn for each definition in s (length n): the abbreviation and the
 * long form as written, with runs of white space made one space. Both are
 * NUL-terminated and valid during the call. A definition may be reported
 * more than once.
 */
void abbrev_mine(const char *s, size_t n, void (*fn)(void *arg, const char *abbr, const char *long_form),
		 void *arg);

#endif
