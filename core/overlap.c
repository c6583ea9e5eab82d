/*
 * overlap.c: what a text adds to another (see overlap.h). The words and
 * pairs are kept as 64-bit hashes in a set of open addressing: a meeting's
 * documents may give one case megabytes, and each slide added is looked up
 * and added in turn (a sorted array sorted again at each slide took 21 s
 * for two decks of 700 KB).
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
	uint64_t *slots;    /* 0: empty; a hash of 0 is kept as 1 */
	size_t n, size;	    /* size: a power of two, at least twice n */
	struct strbuf last; /* the last word added, "" before any */
};

struct overlap *overlap_new(void)
{
	struct overlap *o = xcalloc(1, sizeof(*o));

	o->size = 1024;
	o->slots = xcalloc(o->size, sizeof(*o->slots));
	strbuf_init(&o->last, 0);
	return o;
}

void overlap_free(struct overlap *o)
{
	if (!o)
		return;
	free(o->slots);
	strbuf_release(&o->last);
	free(o);
}

static size_t slot_of(const struct overlap *o, uint64_t h)
{
	size_t k = (size_t)h & (o->size - 1);

	while (o->slots[k] && o->slots[k] != h)
		k = (k + 1) & (o->size - 1);
	return k;
}

static bool has(const struct overlap *o, uint64_t h)
{
	h = h ? h : 1;
	return o->slots[slot_of(o, h)] == h;
}

static void push(struct overlap *o, uint64_t h)
{
	size_t k;

	h = h ? h : 1;
	if (2 * (o->n + 1) > o->size) {
		uint64_t *old = o->slots;
		size_t i, oldsize = o->size;

		o->size *= 2;
		o->slots = xcalloc(o->size, sizeof(*o->slots));
		for (i = 0; i < oldsize; i++)
			if (old[i])
				o->slots[slot_of(o, old[i])] = old[i];
		free(old);
	}
	k = slot_of(o, h);
	if (!o->slots[k]) {
		o->slots[k] = h;
		o->n++;
	}
}

/* The next word of s from *at into `word` (folded to lower case), *start where it begins; false at the end.
 */
static bool next_word(const char *s, size_t n, size_t *at, struct strbuf *word, size_t *start)
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
		if (!letter) {
			i += k;
			if (word->len)
				break;
			continue;
		}
		if (!word->len)
			*start = i;
		i += k;
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

void overlap_add(struct overlap *o, const char *text)
{
	struct strbuf word = STRBUF_INIT, scratch = STRBUF_INIT;
	size_t at = 0, n = text ? strlen(text) : 0, start;

	while (next_word(text, n, &at, &word, &start)) {
		push(o, word_hash(&word));
		if (o->last.len)
			push(o, pair_hash(&o->last, &word, &scratch));
		strbuf_reset(&o->last);
		strbuf_add(&o->last, word.buf, word.len);
	}
	strbuf_release(&word);
	strbuf_release(&scratch);
}

/* What of a text the texts added lack. */
struct tally {
	size_t words, words_missing, pairs, pairs_missing;
	/* Where the words missing that tell something begin: a number, or four characters or more. */
	size_t *telling, ntelling, telling_alloc;
};

/* Whether `w` is a number, or a word of four characters or more: not a piece a reading cut off ("in"). */
static bool telling(const struct strbuf *w)
{
	size_t i, chars = 0;
	bool digits = true;

	for (i = 0; i < w->len; i++) {
		chars += ((unsigned char)w->buf[i] & 0xC0) != 0x80;
		digits = digits && w->buf[i] >= '0' && w->buf[i] <= '9';
	}
	return digits || chars >= 4;
}

static void tell(struct tally *t, size_t at)
{
	ALLOC_GROW(t->telling, t->ntelling + 1, t->telling_alloc);
	t->telling[t->ntelling++] = at;
}

/* Tallies s[0, n) into t (its list of telling words emptied first). */
static void tally(const struct overlap *o, const char *s, size_t n, struct tally *t)
{
	struct strbuf word = STRBUF_INIT, prev = STRBUF_INIT, scratch = STRBUF_INIT;
	size_t at = 0, start = 0, prev_start = 0;
	bool pending = false; /* the word before is missing and tells, unless this one joins it */

	t->words = t->words_missing = t->pairs = t->pairs_missing = t->ntelling = 0;
	while (next_word(s, n, &at, &word, &start)) {
		bool missing = !has(o, word_hash(&word)), tells = missing && telling(&word);

		t->words++;
		t->words_missing += missing;
		if (prev.len) {
			t->pairs++;
			t->pairs_missing += !has(o, pair_hash(&prev, &word, &scratch));
			/* Two pieces of one word the texts have ("kart-" "lagt", "in" "nsyn"): neither tells.
			 */
			strbuf_reset(&scratch);
			strbuf_add(&scratch, prev.buf, prev.len);
			strbuf_add(&scratch, word.buf, word.len);
			if ((pending || tells) && has(o, word_hash(&scratch)))
				pending = tells = false;
		}
		if (pending)
			tell(t, prev_start);
		pending = tells;
		prev_start = start;
		strbuf_reset(&prev);
		strbuf_add(&prev, word.buf, word.len);
	}
	if (pending)
		tell(t, prev_start);
	strbuf_release(&word);
	strbuf_release(&prev);
	strbuf_release(&scratch);
}

/* Whether a telling word of t begins in [from, to). */
static bool tells_within(const struct tally *t, size_t from, size_t to)
{
	size_t i;

	for (i = 0; i < t->ntelling; i++)
		if (t->telling[i] >= from && t->telling[i] < to)
			return true;
	return false;
}

void overlap_news(const struct overlap *o, const char *text, struct strbuf *out)
{
	size_t n = text ? strlen(text) : 0, from, len;
	struct tally whole = {0}, line = {0};
	const char *nl;
	bool first = true;

	tally(o, text, n, &whole);
	if (whole.words <= 4 ? whole.words_missing > 0 : whole.pairs_missing * 2 > whole.pairs) {
		strbuf_add(out, text, n);
		goto out;
	}
	/* The telling words are read in the whole text, where a word split over two lines is joined. */
	for (from = 0; from < n; from += len + 1) {
		nl = strchr(text + from, '\n');
		len = nl ? (size_t)(nl - (text + from)) : n - from;
		tally(o, text + from, len, &line);
		if (!tells_within(&whole, from, from + len) &&
		    !(line.words >= 3 && line.pairs_missing * 2 > line.pairs))
			continue;
		if (!first)
			strbuf_addch(out, '\n');
		strbuf_add(out, text + from, len);
		first = false;
	}
out:
	free(whole.telling);
	free(line.telling);
}
