/*
 * words.h: words as the search index sees them. Each word of a text has
 *   - an exact form: lower case, ö as ø and ä as æ (the same Norwegian
 *     letters in Swedish and German spelling), accents off other letters,
 *     hyphens and apostrophes removed ("E-helse" gives "ehelse");
 *   - a folded form, only when it differs: æøå written without them
 *     ("drøfting" gives "drofting", "Løwe" gives "lowe");
 *   - a stem from Snowball's Norwegian stemmer ("vedtakene" gives "vedtak").
 * A hyphenated word also gives each of its parts as a word of its own;
 * so does a word joined by a typographic apostrophe or a soft hyphen
 * ("NUFA’s" gives "nufa" and "s"), but those parts are quiet: an
 * archive indexed before they were given does not index them (db/fts.h).
 * The tokens give the three forms at the same position, the folded one
 * marked with WORD_FOLDED_MARK and the stem with WORD_STEM_MARK, so that a
 * word typed without æøå finds them while "får" never matches "far" (the
 * index of schema 16 leaves the stems out, of schema 18 the folded forms
 * too: db/fts.c).
 */
#ifndef VEDTAK_WORDS_H
#define VEDTAK_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

#define WORD_FOLDED_MARK '~'
#define WORD_STEM_MARK	 '='
/* Longer words (fused text boxes, URLs) are cut to this many bytes. */
#define WORD_MAX 64

/*
 * A word as the callbacks get it. Its forms are valid during the callback
 * only: they may point into the wordizer's cache, which the next word (or
 * a call on the same wordizer inside the callback) overwrites.
 */
struct word {
	size_t start, end;  /* bytes in the text */
	bool part;	    /* a part of a hyphenated word, at the whole word's position */
	bool quiet;	    /* a part only a typographic apostrophe or a soft hyphen sets apart */
	const char *exact;  /* NUL-terminated, as are the other forms */
	const char *uncut;  /* when exact was cut at WORD_MAX: the whole exact form; else NULL */
	const char *folded; /* NULL when equal to exact */
	const char *stem;   /* never NULL; may equal exact */
	size_t exact_len, folded_len, stem_len; /* their bytes (folded: 0 when NULL) */
	bool ascii;				/* the word as written has no letter outside ASCII */
	bool repeat; /* these bytes gave a word since words_mark() (not always told: a word may be forgotten)
		      */
	/*
	 * A byte kept with the word's forms while the wordizer keeps them, 0
	 * the first time; NULL when it does not. Its one user notes there
	 * what it found of the word as written, to find it once: the topic
	 * keywords (core/topics.c), whether it may be one.
	 */
	unsigned char *memo;
};

struct wordizer; /* holds a stemmer; use one per thread */

/* How many bytes of an exact form of `len` bytes the index keeps: WORD_MAX, back to a whole letter. */
size_t words_cut_len(const char *exact, size_t len);

/*
 * Appends exact form s[0..n) with æ as ae, ø as o, å as a: a word's folded
 * form, a letter at a time, so that the folded form of a word's beginning
 * begins its folded form. Whether anything was spelled so.
 */
bool words_fold_ascii(struct strbuf *out, const char *s, size_t n);

struct wordizer *wordizer_new(void);
void wordizer_free(struct wordizer *wz); /* NULL is fine */

/*
 * From here on, a word whose bytes gave one since is told a repeat
 * (word.repeat): the importer marks each case, so that the store looks up
 * each word of a case once, not at each of its places (db/fts.c). A
 * wordizer never marked tells none.
 */
void words_mark(struct wordizer *wz);

/*
 * Calls fn for each word of s (length n) in order; stops early and returns
 * fn's value when it is non-zero, else returns 0.
 */
int words_each(struct wordizer *wz, const char *s, size_t n, int (*fn)(void *arg, const struct word *w),
	       void *arg);

/*
 * words_each(), but a plain word (ASCII letters and digits, no hyphen or
 * apostrophe) goes to fn only when maybe(arg, word, len), given it in
 * lower case, the exact form it would have, says it may matter: a word
 * skipped so is not folded or stemmed. Every other word goes to fn. The
 * Norwegian stemmer only cuts or shortens endings, so a word's stem
 * begins it: a word whose stem may matter can be told by its start.
 */
int words_each_maybe(struct wordizer *wz, const char *s, size_t n,
		     bool (*maybe)(void *arg, const char *word, size_t len),
		     int (*fn)(void *arg, const struct word *w), void *arg);

/*
 * Calls fn for each word of s (length n) as written, hyphens and all
 * (words_each(wz, w, len, ...) gives its forms); stops early and returns
 * fn's value when it is non-zero, else returns 0.
 */
int words_each_written(const char *s, size_t n, int (*fn)(void *arg, const char *w, size_t len), void *arg);

/*
 * How many positions words_each() gives s (length n): one per word, its
 * parts and other forms sharing it. *before counts those that start
 * before byte `upto`.
 */
size_t words_count(const char *s, size_t n, size_t upto, size_t *before);

/*
 * The tokens the index stores for a text, in order: each word's exact form
 * (a part of a hyphenated word colocated with the whole), then at the same
 * position its folded form and its stem, each marked, when they differ.
 * They are packed in one buffer, so that one thread can make them and
 * another give them to the index (db/fts.c gives only these).
 */
enum index_token_kind { TOKEN_EXACT, TOKEN_FOLDED, TOKEN_STEM };

struct index_token {
	enum index_token_kind kind;
	bool colocated;	   /* at the position of the token before it */
	const char *term;  /* NUL-terminated, as the index stores it (marked) */
	size_t len;	   /* of term */
	const char *uncut; /* TOKEN_EXACT cut at WORD_MAX: the whole exact form; else NULL */
	size_t start, end; /* bytes in the text */
	bool repeat;	   /* its word is a repeat (struct word) */
	bool quiet;	   /* its word is a quiet part (struct word) */
};

struct index_tokens {
	struct strbuf packed;
};

/*
 * Calls fn for each token of text s (length n) in turn; stops at the
 * first nonzero return, and returns it.
 */
int index_tokens_each(struct wordizer *wz, const char *s, size_t n,
		      int (*fn)(void *arg, const struct index_token *tok), void *arg);

/* Makes the tokens of text s (length n) into *out, replacing what it held. */
void index_tokens_make(struct wordizer *wz, const char *s, size_t n, struct index_tokens *out);

/* The same, showing `seeing` each word in turn as its tokens are made, parts after their whole. */
void index_tokens_make_seeing(struct wordizer *wz, const char *s, size_t n, struct index_tokens *out,
			      void (*seeing)(void *arg, const struct word *w), void *arg);

/* The token at *pos (start at 0) into *tok, moving *pos past it; false after the last. */
bool index_tokens_next(const struct index_tokens *t, size_t *pos, struct index_token *tok);

void index_tokens_release(struct index_tokens *t);

/*
 * The key of a name: its words' exact forms with one space between them
 * ("Helse-NIM" gives "helsenim"), or NULL when s has no word. Caller frees.
 */
char *words_key(struct wordizer *wz, const char *s, size_t n);

#endif
