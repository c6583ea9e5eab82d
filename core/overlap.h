/*
 * overlap.h: what a text adds to another. Two documents of one meeting
 * often carry the same text (a deck as PDF beside its text export, a copy
 * sent twice, the proposal every deck repeats), split, glued and
 * hyphenated otherwise; and sometimes more of it, or other text under the
 * same case number. A text is read as its words (letters and digits,
 * folded to lower case) and the pairs of adjacent words, and looked up
 * among those of the texts added before it.
 */
#ifndef VEDTAK_OVERLAP_H
#define VEDTAK_OVERLAP_H

#include <stdbool.h>

struct strbuf;
struct overlap;

struct overlap *overlap_new(void);
void overlap_free(struct overlap *o); /* NULL is fine */

/* Adds `text`'s words and pairs, its first word paired with the last word added before it. */
void overlap_add(struct overlap *o, const char *text);

/*
 * What `text` adds to the texts added, appended to `out`: all of it when it
 * is another text (more than half its pairs missing, or for a text of four
 * words or fewer, one word); else the lines that say something they lack:
 * a word missing that is a number or has four characters or more (a figure
 * changed, "Drift: utsatt"), or more than half of a line's pairs (a bullet
 * added). Another reading of the same text, split, glued or hyphenated
 * otherwise, adds nothing; the pieces a reading cuts off a word ("in" of
 * "innsyn") are not missing words.
 */
void overlap_news(const struct overlap *o, const char *text, struct strbuf *out);

#endif
