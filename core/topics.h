/*
 * topics.h: cases of different meetings and bodies grouped into topics, as
 * notmuch groups mail into threads: the same programme presented to NUFA
 * for discussion, to NUIT for prioritising and back a year later under a
 * new number. Nothing here knows SQL; db/topics.c feeds it the archive.
 *
 * A case is summed up by its signature: the stems of its title's and
 * decision's words (function words and the committees' own boilerplate
 * left out) and the case numbers its text refers to ("jf. sak 22/21").
 * The words its slides keep coming back to add to it. Two cases are
 * linked when their signatures share rare words (the cosine of their
 * tf-idf vectors), when one refers to the other by number, or when one
 * names the other's meeting ("behandlet i NUIT 23. november 2022") and
 * is more like it than like the meeting's other cases; links are
 * taken best first, and one that would put two cases of one meeting into a
 * topic is refused. Standing items (approval of the agenda and minutes,
 * the directorate's news, "Eventuelt", the meeting plan) are never linked.
 */
#ifndef VEDTAK_TOPICS_H
#define VEDTAK_TOPICS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"
#include "core/strbuf.h"

/*
 * The version of what topic_sign() makes, as the store's meta
 * 'topic_signatures': a database whose signatures were made otherwise has
 * every one made again.
 */
#define TOPIC_SIGNATURE_VERSION "2"

struct wordizer;

/* Whether a case of this title is a standing item of every meeting. */
bool topic_standing(const char *title);

/*
 * Appends the signature stems of `text` to `out`, one space between them,
 * each once: the words that can say what a case is about.
 */
void topic_signature(struct wordizer *wz, const char *text, struct strbuf *out);

/*
 * Appends the `max` stems `text` uses most (twice at least), as
 * "stem*count" with one space between them, most used first: what a
 * case's slides keep coming back to.
 */
void topic_keywords(struct wordizer *wz, const char *text, size_t max, struct strbuf *out);

/*
 * The same counted word by word as the text's words are formed for the
 * index: topic_keyword_count_word() is given each of them in order
 * (index_tokens_make_seeing(), core/words.h); topic_keyword_count_end()
 * appends what topic_keywords() would and frees the count.
 */
struct topic_keyword_count;
struct word;
struct topic_keyword_count *topic_keyword_count_new(void);
void topic_keyword_count_word(void *count, const struct word *w);
void topic_keyword_count_end(struct topic_keyword_count *count, size_t max, struct strbuf *out);

/*
 * Appends the case numbers `text` refers to ("jf. sak 22/21", "i sak
 * 19/2021"), as "22/21", and the meetings it names by body and date
 * ("behandlet i NUIT 23. november 2022", "møtet 21. september 2022" for
 * its own body) as "m:2022-11-23:NUIT" ("m:2022-09-21:"), one space
 * between them, each once.
 */
void topic_references(const char *text, size_t n, struct strbuf *out);

/*
 * Where the meetings a text names may be mentioned, noted from its words
 * as they are formed (topic_spots_word() as words_each()'s function, with
 * `text` set to the text): a committee's name begins a word, and "møtet"
 * ends one. topic_case_sign() then reads the text there only, not at every
 * byte, and finds the same (tests/unit/test_topics.c compares the two).
 */
struct topic_spots {
	const char *text;
	size_t *body, nbody, body_alloc; /* words that may begin a committee's name */
	size_t *own, nown, own_alloc;	 /* where a word's "møtet" begins */
};
void topic_spots_word(void *spots, const struct word *w);
void topic_spots_release(struct topic_spots *spots);
/* topic_references() from the spots of `text`. */
void topic_references_spotted(const char *text, size_t n, const struct topic_spots *spots,
			      struct strbuf *out);

/* The stems of a case's slides its signature keeps. */
#define TOPIC_KEYWORDS 40

/*
 * A case's signature from its texts: `title` (the title, and the agenda's
 * a line below when it differs: "|" then ends the subject of the first),
 * `decision` (proposed and recorded), `orgs` (its presenters'
 * organisations) and `slides`; any may be NULL. The importer makes it
 * from a parsed case, the store from the index's text; the texts differ
 * only in line breaks and the order of organisations, which give the
 * same words. Caller frees with case_signature_free().
 */
struct case_signature *topic_sign(struct wordizer *wz, const char *title, const char *decision,
				  const char *orgs, const char *slides);

/*
 * The same from a parsed case's fields, joined as the store's index joins
 * them. `slide_keywords`, when not NULL, are its slides' keywords as
 * topic_keywords() writes them, counted already as their tokens were made;
 * `spots`, when not NULL, the spots of its title, decision and slides so
 * joined (three).
 */
struct case_signature *topic_case_sign(struct wordizer *wz, const struct deck_case *c,
				       const char *slide_keywords, const struct topic_spots *spots);

/* A case as the grouping sees it. Strings are borrowed. */
struct topic_case {
	long meeting;	    /* cases of one meeting stay in different topics */
	const char *body;   /* may be NULL */
	const char *date;   /* the meeting's start, "YYYY-MM-DD", for references */
	const char *number; /* "11/21" */
	/* Signatures as topic_signature() writes them; in title_words a "|" ends the subject. */
	const char *title_words, *decision_words, *org_words;
	const char *slide_words; /* as topic_keywords() writes them */
	const char *refs;	 /* as topic_references() writes them */
	bool standing;
};

/*
 * Two cases are linked when their titles share a good part of the
 * shorter one's weight (TOPIC_TITLE_MIN) and the mean of that and their
 * bodies' cosine reaches TOPIC_LINK_MIN, or when their bodies alone are
 * that alike (TOPIC_BODY_ALONE). See README, "Topics".
 */
#define TOPIC_TITLE_MIN	 0.20
#define TOPIC_LINK_MIN	 0.25
#define TOPIC_BODY_ALONE 0.50

/*
 * Groups cases v[0..n), given oldest first: group[i] receives the index
 * of the earliest case of case i's topic (its own index when alone).
 */
void topics_group(const struct topic_case *v, size_t n, size_t *group);

#endif
