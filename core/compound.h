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
#include <stddef.h>

/* Parts shorter than this many letters are not split off ("e", "bil" stay inside). */
#define COMPOUND_PART_MIN 4

/*
 * Splits `word` (an exact form, core/words.h) where both sides are known
 * words: `count` says how common a word is (in how many cases, say), 0 for
 * an unknown one. Of several splits the one whose rarer part is most
 * common wins ("informasjons" + "sikkerhet", not "informasjon" + a stray
 * "ssikkerhet"), then the most even one. Returns false when no split
 * works; else *modifier and *head are new strings the caller frees.
 */
bool compound_split(const char *word, size_t (*count)(void *arg, const char *w), void *arg, char **modifier,
		    char **head);

#endif
