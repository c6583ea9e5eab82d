/*
 * compound.h: splitting a Norwegian compound into the two words it is
 * made of ("kodeverkforvaltning" is "kodeverk" + "forvaltning"), with the
 * linking -s- or -e- between them ("forskrivningsmodul" is "forskrivning"
 * + "modul"). Which words are words is the caller's: the archive's own
 * vocabulary, through `known`.
 */
#ifndef VEDTAK_COMPOUND_H
#define VEDTAK_COMPOUND_H

#include <stdbool.h>

/* Parts shorter than this many letters are not split off ("e", "bil" stay inside). */
#define COMPOUND_PART_MIN 4

/*
 * Splits `word` (an exact form, core/words.h) where both sides are known
 * words. Of several such splits the most even one wins (the two parts
 * closest in length), which prefers "helsedata" + "service" to "helse" +
 * "dataservice" when both are words. Returns false when no split works;
 * else *modifier and *head are new strings the caller frees.
 */
bool compound_split(const char *word, bool (*known)(void *arg, const char *w), void *arg, char **modifier,
		    char **head);

#endif
