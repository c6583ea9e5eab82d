/*
 * names.h: recognising who and what a deck names: the committee (body) by
 * any of its spellings, organisations, and lists of person names such as
 * "Dag Hammer og Ida Nordmann" or "Aksel Wikant, Knut Lindland".
 */
#ifndef VEDTAK_NAMES_H
#define VEDTAK_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Finds the first mention of a committee in `s` (length n) by any alias
 * ("NUFA", "Nasjonalt e-helsestyret", "NEHS", ...). Returns the normalised
 * body name (static storage) and sets *at and *len to the mention's bytes,
 * or returns NULL.
 */
const char *body_find(const char *s, size_t n, size_t *at, size_t *len);

/*
 * The body a mention at s[i] names, its bytes in *len; NULL when none
 * begins there. Whether a word begins at i is the caller's to know: a
 * mention does where the byte before is not body_word_byte() (ASCII
 * letters and digits, and any byte beyond ASCII), or at the text's start.
 * A mention's first byte is one body_may_begin() says.
 */
const char *body_at(const char *s, size_t n, size_t i, size_t *len);
bool body_may_begin(unsigned char c);
bool body_word_byte(unsigned char c);

/*
 * The name `body` went by in a meeting whose heading is `heading` ("Møte
 * i Nasjonalt e-helseråd" gives "Nasjonalt e-helseråd"), or NULL when the
 * heading calls it by its normalised name or not at all. Caller frees.
 */
char *body_written(const char *heading, const char *body);

/* The normalised name for a body as a user may type it ("nufa", "NEHS"), or NULL. */
const char *body_normalise(const char *s);

/* True if the text reads like an organisation ("Helsedirektoratet", "Helse Nord RHF"). */
bool org_like(const char *s, size_t n);

/* An organisation's acronym: two to eight capitals, hyphens after the first ("KS", "NHN"). */
bool org_acronym(const char *s, size_t n);

/* A small word inside an organisation's name, or after it ("Direktoratet for e-helse", "Statsforvalteren i").
 */
bool org_small_word(const char *s, size_t n);

/* One word of a name list, as cut by names_tokenize(). */
struct name_token {
	const char *s;
	size_t len;	 /* without a trailing comma */
	bool comma;	 /* a comma followed it */
	bool line_start; /* it began a line of the source */
};

/*
 * Splits `s` into whitespace-separated tokens, appending to *v (grown with
 * ALLOC_GROW). Tokens point into `s`. `line_start` marks the first token.
 */
void names_tokenize(const char *s, size_t n, bool line_start, struct name_token **v, size_t *nv,
		    size_t *alloc);

/*
 * True if tokens [from, to) form a list of person names: each name two to
 * four capitalised words (hyphenated parts and initials allowed), joined by
 * commas, "og", "and" or "&".
 */
bool names_is_list(const struct name_token *t, size_t from, size_t to);

/*
 * Calls `fn` for each name in the list [from, to) (which must satisfy
 * names_is_list) with the name's bytes in a NUL-terminated scratch string.
 */
void names_each(const struct name_token *t, size_t from, size_t to, void (*fn)(const char *name, void *arg),
		void *arg);

/* The bytes of the job titles that open s ("Seniorrådgiver Jens Otto Bjerke"): 0 when none. */
size_t names_title_len(const char *s, size_t n);

#endif
