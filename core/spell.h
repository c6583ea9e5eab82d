/*
 * spell.h: how far apart two words are, for "did you mean" suggestions
 * from the archive's own vocabulary ("kjernjournal" is one letter from
 * "kjernejournal").
 */
#ifndef VEDTAK_SPELL_H
#define VEDTAK_SPELL_H

#include <stddef.h>

/*
 * The edit distance between a and b in letters (code points): insertions,
 * deletions, substitutions and swaps of two neighbours, one each (the
 * optimal string alignment distance). Stops counting above `max` and
 * returns max + 1 for anything further.
 */
size_t spell_distance(const char *a, const char *b, size_t max);

/* How many edits a word of this many letters may be from its suggestion: 1 up to 5 letters, then 2. */
size_t spell_max_edits(size_t letters);

#endif
