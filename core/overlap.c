/*
 * overlap.c: what a text adds to another (see overlap.h). The words and
 * pairs are kept as 64-bit hashes, sorted when asked for: a case's slides
 * are a few thousand words.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/overlap.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

/* A word's first this many characters tell it apart; a longer word is cut. */
#define WORD_CHARS 64

struct overlap {
	uint64_t *v;
	size_t n, alloc;
	size_t sorted;	    /* v[0, sorted) is in order */
	struct strbuf last; /* the last word added, "" before any */
};

struct overlap *overlap_new(void)
{
	struct overlap *o = xcalloc(1, sizeof(*o));

	strbuf_init(&o->last, 0);
	return o;
}

void overlap_free(struct overlap *o)
{
	if (!o)
		return;
	free(o->v);
	strbuf_release(&o->last);
	free(o);
}

/* The next word of s from *at into `word` (folded to lower case); false at the end. */
static bool next_word(const char *s, size_t n, size_t *at, struct strbuf *word)
{
	size_t i = *at, chars = 0;

	strbuf_reset(word);
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		bool letter;

		if (!k)
			k = 1, cp = 0;
		letter = cp < 0x80 ? (cp | 32) - 'a' < 26 || cp - '0' < 10
				   : utf8_is_letter(cp) || utf8_is_digit(cp);
		i += k;
		if (!letter) {
			if (word->len)
				break;
			continue;
		}
		if (chars++ < WORD_CHARS)
			utf8_encode(word, utf8_tolower(cp));
	}
	*at = i;
	return word->len > 0;
}

static uint64_t word_hash(const struct strbuf *w)
{
	return hash_word(w->buf, w->len) ^ 0x5bd1e995u; /* apart from any pair's */
}

/* The hash of the pair `a` `b`. */
static uint64_t pair_hash(const struct strbuf *a, const struct strbuf *b, struct strbuf *scratch)
{
	strbuf_reset(scratch);
	strbuf_add(scratch, a->buf, a->len);
	strbuf_addch(scratch, ' ');
	strbuf_add(scratch, b->buf, b->len);
	return hash_word(scratch->buf, scratch->len);
}

static void push(struct overlap *o, uint64_t h)
{
	ALLOC_GROW(o->v, o->n + 1, o->alloc);
	o->v[o->n++] = h;
}

void overlap_add(struct overlap *o, const char *text)
{
	struct strbuf word = STRBUF_INIT, scratch = STRBUF_INIT;
	size_t at = 0, n = text ? strlen(text) : 0;

	while (next_word(text, n, &at, &word)) {
		push(o, word_hash(&word));
		if (o->last.len)
			push(o, pair_hash(&o->last, &word, &scratch));
		strbuf_reset(&o->last);
		strbuf_add(&o->last, word.buf, word.len);
	}
	strbuf_release(&word);
	strbuf_release(&scratch);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts what was added since the last question. */
static void settle(struct overlap *o)
{
	if (o->sorted != o->n) {
		qsort(o->v, o->n, sizeof(*o->v), cmp_u64);
		o->sorted = o->n;
	}
}

static bool has(const struct overlap *o, uint64_t h)
{
	return bsearch(&h, o->v, o->n, sizeof(*o->v), cmp_u64) != NULL;
}

/* Of s[0, n): how many words, how many of them missing, how many pairs, how many of them missing. */
static void count(const struct overlap *o, const char *s, size_t n, size_t *words, size_t *words_missing,
		  size_t *pairs, size_t *pairs_missing)
{
	struct strbuf word = STRBUF_INIT, prev = STRBUF_INIT, scratch = STRBUF_INIT;
	size_t at = 0;

	*words = *words_missing = *pairs = *pairs_missing = 0;
	while (next_word(s, n, &at, &word)) {
		(*words)++;
		*words_missing += !has(o, word_hash(&word));
		if (prev.len) {
			(*pairs)++;
			*pairs_missing += !has(o, pair_hash(&prev, &word, &scratch));
		}
		strbuf_reset(&prev);
		strbuf_add(&prev, word.buf, word.len);
	}
	strbuf_release(&word);
	strbuf_release(&prev);
	strbuf_release(&scratch);
}

/* Whether a line of that many words, missing pairs and missing words is one the texts added lack. */
static bool line_new(size_t words, size_t words_missing, size_t pairs, size_t pairs_missing)
{
	return words >= 3 ? pairs_missing * 2 > pairs : words && words_missing == words;
}

void overlap_news(struct overlap *o, const char *text, struct strbuf *out)
{
	size_t n = text ? strlen(text) : 0, words, words_missing, pairs, pairs_missing;
	const char *line, *nl;
	bool first = true;

	settle(o);
	count(o, text, n, &words, &words_missing, &pairs, &pairs_missing);
	if (words <= 4 ? words_missing > 0 : pairs_missing * 2 > pairs) {
		strbuf_add(out, text, n);
		return;
	}
	for (line = text; line && *line; line = nl ? nl + 1 : NULL) {
		size_t len;

		nl = strchr(line, '\n');
		len = nl ? (size_t)(nl - line) : strlen(line);
		count(o, line, len, &words, &words_missing, &pairs, &pairs_missing);
		if (!line_new(words, words_missing, pairs, pairs_missing))
			continue;
		if (!first)
			strbuf_addch(out, '\n');
		strbuf_add(out, line, len);
		first = false;
	}
}
