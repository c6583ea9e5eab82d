/*
 * words.c: splitting text into index words and their forms.
 */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/varint.h"
#include "core/words.h"
#include "core/banned.h"

/*
 * Most words repeat, so a word's forms (exact, folded, stem) are cached
 * in a direct-mapped table keyed by the bytes it is written with: a word
 * seen before costs a hash and a compare, not its lower case, its folding
 * and a stem. Stemming alone was the costliest step of indexing, and the
 * forms made again for every word a tenth of an import's parsing.
 * Most wordizers form a few query words, so the table starts small and
 * grows to its full size only once it keeps missing (an import): zeroing
 * the full 2 MB at every wordizer_new() was a sixth of a search process
 * that finds nothing. It grows eightfold at a time: the passages of a page
 * of results (20 cases' texts) miss enough to grow it, and the page faults
 * of a 2 MB table filled there were a tenth of such a search.
 * The sizes are powers of two, so that a hash finds its slot with a mask.
 */
#define FORM_CACHE_FIRST 256
#define FORM_CACHE	 16384

/* A word's forms, one after the other with their NULs: as written, exact, folded, stem. */
struct form_entry {
	unsigned char klen, elen, flen, slen; /* klen 0: empty; flen 0: no folded form */
	unsigned mark;			      /* the wordizer's mark when it was last given */
	bool ascii;
	unsigned char memo; /* struct word's */
	char buf[118];
};

struct wordizer {
	struct sb_stemmer *stemmer;
	struct strbuf exact, folded, stem;
	struct strbuf uncut; /* a cut word's whole exact form */
	struct form_entry *cache;
	size_t cache_size, misses;
	unsigned mark; /* words_mark(); 0: never marked, no word is a repeat */
};

struct wordizer *wordizer_new(void)
{
	struct wordizer *wz = xcalloc(1, sizeof(*wz));

	wz->stemmer = sb_stemmer_new("norwegian", "UTF_8");
	strbuf_init(&wz->exact, 64);
	strbuf_init(&wz->folded, 64);
	strbuf_init(&wz->stem, 64);
	strbuf_init(&wz->uncut, 0);
	return wz;
}

void wordizer_free(struct wordizer *wz)
{
	if (!wz)
		return;
	if (wz->stemmer)
		sb_stemmer_delete(wz->stemmer);
	strbuf_release(&wz->exact);
	strbuf_release(&wz->folded);
	strbuf_release(&wz->stem);
	strbuf_release(&wz->uncut);
	free(wz->cache);
	free(wz);
}

void words_mark(struct wordizer *wz)
{
	if (!++wz->mark)
		wz->mark = 1;
}

/* Letters and digits of any script make words; punctuation, symbols and spaces do not. */
static bool is_word_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	if (c < 0xC0 || c == 0xD7 || c == 0xF7)
		return false;
	if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xE000 && c <= 0xF8FF) ||
	    (c >= 0xFE00 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F) || c == 0xFEFF)
		return false;
	return true;
}

/* One code point of the exact form: what utf8_fold() does, without its per-call work. */
static void add_exact_cp(struct strbuf *sb, uint32_t cp, const char *s, size_t k)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
		return;
	}
	if (cp >= 0xC0 && cp <= 0x17F) {
		utf8_fold(sb, s, k);
		return;
	}
	strbuf_add(sb, s, k);
}

/* The stem of exact form w (n bytes) into wz->stem. */
static void stem_of(struct wordizer *wz, const char *w, size_t n)
{
	const sb_symbol *st = wz->stemmer ? sb_stemmer_stem(wz->stemmer, (const sb_symbol *)w, (int)n) : NULL;
	size_t sl = st ? (size_t)sb_stemmer_length(wz->stemmer) : n;

	strbuf_reset(&wz->stem);
	strbuf_add(&wz->stem, st ? (const char *)st : w, sl > WORD_MAX ? WORD_MAX : sl);
}

bool words_fold_ascii(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0;
	bool changed = false;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (!k)
			k = 1;
		switch (cp) {
		case 0xE6:
			strbuf_addstr(out, "ae");
			changed = true;
			break;
		case 0xF8:
			strbuf_addch(out, 'o');
			changed = true;
			break;
		case 0xE5:
			strbuf_addch(out, 'a');
			changed = true;
			break;
		default:
			strbuf_add(out, s + i, k);
			break;
		}
		i += k;
	}
	return changed;
}

size_t words_cut_len(const char *exact, size_t len)
{
	size_t cut = WORD_MAX;

	if (len <= WORD_MAX)
		return len;
	while (cut && ((unsigned char)exact[cut] & 0xC0) == 0x80)
		cut--;
	return cut;
}

/* The exact form of s[start, end) into wz->exact; whether it is ASCII as written. */
static bool exact_form(struct wordizer *wz, const char *s, size_t start, size_t end)
{
	size_t i;
	char *p;

	strbuf_reset(&wz->exact);
	for (i = start; i < end && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == end) {
		/* Most words: lower case and hyphens out, written straight into the buffer. */
		strbuf_grow(&wz->exact, end - start);
		p = wz->exact.buf;
		for (i = start; i < end; i++) {
			char c = s[i];
			if (c != '-' && c != '\'')
				*p++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		strbuf_setlen(&wz->exact, (size_t)(p - wz->exact.buf));
		return true;
	}
	for (i = start; i < end;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		if (c < 0x80) {
			/* Hyphens and apostrophes join a word; they are not part of it. */
			if (c != '-' && c != '\'')
				strbuf_addch(&wz->exact, c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		k = utf8_decode(s + i, end - i, &cp);
		if (!k)
			k = 1;
		if (cp != 0x2019 && cp != 0xAD)
			add_exact_cp(&wz->exact, cp, s + i, k);
		i += k;
	}
	return false;
}

/* The slot of a word whose written bytes hash to `hash`. */
static struct form_entry *form_slot(struct wordizer *wz, uint64_t hash)
{
	if (!wz->cache || (wz->cache_size < FORM_CACHE && wz->misses > 4 * wz->cache_size)) {
		/* Forms given before are not used past the next word: the table may go. */
		wz->cache_size = wz->cache ? wz->cache_size * 8 : FORM_CACHE_FIRST;
		free(wz->cache);
		wz->cache = xcalloc(wz->cache_size, sizeof(*wz->cache));
		wz->misses = 0;
	}
	return &wz->cache[hash & (wz->cache_size - 1)];
}

/* Keeps the forms of the word just formed in slot e, when they fit; returns whether they did. */
static bool form_keep(struct wordizer *wz, struct form_entry *e, const char *raw, size_t n, bool ascii,
		      bool folded)
{
	size_t flen = folded ? wz->folded.len : 0;
	char *p = e->buf;

	if (n + wz->exact.len + flen + wz->stem.len + 4 > sizeof(e->buf))
		return false;
	e->klen = (unsigned char)n;
	e->mark = wz->mark;
	e->memo = 0;
	e->elen = (unsigned char)wz->exact.len;
	e->flen = (unsigned char)flen;
	e->slen = (unsigned char)wz->stem.len;
	e->ascii = ascii;
	memcpy(p, raw, n);
	p[n] = '\0';
	p += n + 1;
	memcpy(p, wz->exact.buf, wz->exact.len + 1);
	p += wz->exact.len + 1;
	memcpy(p, folded ? wz->folded.buf : "", flen + 1);
	p += flen + 1;
	memcpy(p, wz->stem.buf, wz->stem.len + 1);
	return true;
}

/* The word s[start, end), whose written bytes hash to `hash` (hash_word()), with its forms to fn. */
static int emit_hashed(struct wordizer *wz, const char *s, size_t start, size_t end, uint64_t hash, bool part,
		       bool quiet, int (*fn)(void *, const struct word *), void *arg)
{
	const char *raw = s + start;
	size_t n = end - start;
	struct form_entry *e = form_slot(wz, hash);
	struct word w;

	w.start = start;
	w.end = end;
	w.part = part;
	w.quiet = quiet;
	w.uncut = NULL;
	w.repeat = false;
	w.memo = NULL;
	if (e->klen == n && !memcmp(e->buf, raw, n)) {
		const char *p = e->buf + n + 1;

		/* A quiet part may not be given to the index: it neither is nor makes a repeat. */
		if (!quiet) {
			w.repeat = wz->mark && e->mark == wz->mark;
			e->mark = wz->mark;
		}
		w.memo = &e->memo;
		w.ascii = e->ascii;
		w.exact = p;
		w.exact_len = e->elen;
		p += e->elen + 1;
		w.folded = e->flen ? p : NULL;
		w.folded_len = e->flen;
		w.stem = p + e->flen + 1;
		w.stem_len = e->slen;
		return fn(arg, &w);
	}
	wz->misses++;
	w.ascii = exact_form(wz, s, start, end);
	if (!wz->exact.len)
		return 0;
	if (wz->exact.len > WORD_MAX) {
		strbuf_reset(&wz->uncut);
		strbuf_add(&wz->uncut, wz->exact.buf, wz->exact.len);
		w.uncut = wz->uncut.buf;
		strbuf_setlen(&wz->exact, words_cut_len(wz->exact.buf, wz->exact.len));
	}
	w.exact = wz->exact.buf;
	w.exact_len = wz->exact.len;
	strbuf_reset(&wz->folded);
	w.folded =
	    !w.ascii && words_fold_ascii(&wz->folded, wz->exact.buf, wz->exact.len) ? wz->folded.buf : NULL;
	w.folded_len = w.folded ? wz->folded.len : 0;
	stem_of(wz, wz->exact.buf, wz->exact.len);
	w.stem = wz->stem.buf;
	w.stem_len = wz->stem.len;
	if (!w.uncut && form_keep(wz, e, raw, n, w.ascii, w.folded != NULL)) {
		w.memo = &e->memo;
		if (quiet)
			e->mark = 0;
	}
	return fn(arg, &w);
}

static int emit(struct wordizer *wz, const char *s, size_t start, size_t end, bool part, bool quiet,
		int (*fn)(void *, const struct word *), void *arg)
{
	return emit_hashed(wz, s, start, end, hash_word(s + start, end - start), part, quiet, fn, arg);
}

static bool ascii_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

/*
 * The next word of s from *at: its bytes [*start, *end) and how many
 * hyphens or apostrophes join parts in it. False at the end of s.
 * The loops keep their place in locals: stored through the pointers,
 * which may point into s as far as the compiler knows, every byte read
 * would wait for the store before it.
 */
static bool next_word(const char *s, size_t n, size_t *at, size_t *start, size_t *end, size_t *parts)
{
	size_t i = *at, k, joins = 0, e;
	uint32_t cp;

	/* Skip to a word. */
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			if (ascii_word_char(s[i]))
				break;
			i++;
			continue;
		}
		k = utf8_decode_inline(s + i, n - i, &cp);
		if (!k)
			k = 1;
		if (is_word_cp(cp))
			break;
		i += k;
	}
	if (i >= n) {
		*at = i;
		return false;
	}
	*start = e = i;
	/* A word runs over letters and digits, and over a hyphen or apostrophe between them. */
	while (i < n) {
		/* The byte after a word is most often a space: read as itself, not decoded by a call. */
		if ((unsigned char)s[i] < 0x80) {
			if (ascii_word_char(s[i])) {
				e = ++i;
				continue;
			}
			cp = (unsigned char)s[i];
			k = 1;
		} else {
			k = utf8_decode_inline(s + i, n - i, &cp);
			if (!k)
				k = 1;
			if (is_word_cp(cp)) {
				i += k;
				e = i;
				continue;
			}
		}
		if ((cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0xAD) && i + k < n) {
			uint32_t next;
			size_t k2 = utf8_decode_inline(s + i + k, n - i - k, &next);
			if (k2 && is_word_cp(next)) {
				i += k;
				joins++;
				continue;
			}
		}
		break;
	}
	*at = i;
	*end = e;
	*parts = joins;
	return true;
}

/* Whether s[start, end) is ASCII letters and digits only; then its lower case into buf (WORD_MAX + 1). */
static bool plain_word(const char *s, size_t start, size_t end, char *buf)
{
	size_t i;

	if (end - start > WORD_MAX)
		return false;
	for (i = start; i < end; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			return false;
		buf[i - start] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	buf[end - start] = '\0';
	return true;
}

/* The bytes of the joiner at s[j] that sets parts apart: a hyphen or apostrophe, or with `quiet` also
 * a typographic apostrophe or a soft hyphen; 0 for none. */
static size_t joiner_at(const char *s, size_t j, size_t end, bool quiet)
{
	if (s[j] == '-' || s[j] == '\'')
		return 1;
	if (!quiet)
		return 0;
	if (j + 3 <= end && !memcmp(s + j, "\xE2\x80\x99", 3))
		return 3;
	return j + 2 <= end && !memcmp(s + j, "\xC2\xAD", 2) ? 2 : 0;
}

/*
 * Each part of the word s[start, end) at its position, in order: as
 * hyphens and apostrophes set them apart ("e-helse"), each followed by
 * the quiet parts (words.h) that a typographic apostrophe or a soft
 * hyphen sets apart inside it.
 */
static int emit_parts(struct wordizer *wz, const char *s, size_t start, size_t end,
		      int (*fn)(void *, const struct word *), void *arg)
{
	size_t a = start, j, q, b, k;
	int rc;

	for (j = start; j <= end; j++) {
		if (j < end && !joiner_at(s, j, end, false))
			continue;
		if (j > a && (rc = emit(wz, s, a, j, true, false, fn, arg)))
			return rc;
		/* Quiet parts only where a quiet joiner stands inside: else the one part is the same. */
		for (q = b = a; q < j; q++) {
			if (!(k = joiner_at(s, q, j, true)))
				continue;
			if ((rc = emit(wz, s, b, q, true, true, fn, arg)))
				return rc;
			b = q + k;
			q = b - 1;
		}
		if (b > a && (rc = emit(wz, s, b, j, true, true, fn, arg)))
			return rc;
		a = j + 1;
	}
	return 0;
}

/*
 * The words found ahead of the one given, each with the hash of its
 * bytes: its slot of the form cache is asked of memory when it is found,
 * and read only WORDS_AHEAD words later. The cache is megabytes, and the
 * first read of a slot, waited for at every word, was two thirds of the
 * time spent forming words (perf annotate). A power of two.
 */
#define WORDS_AHEAD 4

struct word_ahead {
	size_t start, end, parts;
	uint64_t hash;
};

int words_each_maybe(struct wordizer *wz, const char *s, size_t n,
		     bool (*maybe)(void *arg, const char *word, size_t len),
		     int (*fn)(void *arg, const struct word *w), void *arg)
{
	struct word_ahead ahead[WORDS_AHEAD];
	size_t i = 0, found = 0, given = 0;
	char plain[WORD_MAX + 1];

	for (;;) {
		const struct word_ahead *a;
		int rc;

		while (found - given < WORDS_AHEAD) {
			struct word_ahead *w = &ahead[found % WORDS_AHEAD];
			if (!next_word(s, n, &i, &w->start, &w->end, &w->parts))
				break;
			w->hash = hash_word(s + w->start, w->end - w->start);
			if (wz->cache) {
				const char *slot = (const char *)&wz->cache[w->hash & (wz->cache_size - 1)];
				__builtin_prefetch(slot);
				__builtin_prefetch(slot + sizeof(*wz->cache) - 1);
			}
			found++;
		}
		if (given == found)
			return 0;
		a = &ahead[given++ % WORDS_AHEAD];
		if (maybe && !a->parts && plain_word(s, a->start, a->end, plain) &&
		    !maybe(arg, plain, a->end - a->start))
			continue;
		if ((rc = emit_hashed(wz, s, a->start, a->end, a->hash, false, false, fn, arg)))
			return rc;
		if (a->parts && (rc = emit_parts(wz, s, a->start, a->end, fn, arg)))
			return rc;
	}
}

int words_each(struct wordizer *wz, const char *s, size_t n, int (*fn)(void *arg, const struct word *w),
	       void *arg)
{
	return words_each_maybe(wz, s, n, NULL, fn, arg);
}

int words_each_written(const char *s, size_t n, int (*fn)(void *arg, const char *w, size_t len), void *arg)
{
	size_t i = 0, start, end, parts;
	int rc;

	while (next_word(s, n, &i, &start, &end, &parts))
		if ((rc = fn(arg, s + start, end - start)))
			return rc;
	return 0;
}

size_t words_count(const char *s, size_t n, size_t upto, size_t *before)
{
	size_t i = 0, start, end, parts, count = 0;

	*before = 0;
	while (next_word(s, n, &i, &start, &end, &parts)) {
		if (start < upto)
			(*before)++;
		count++;
	}
	return count;
}

static int key_word(void *arg, const struct word *w)
{
	struct strbuf *sb = arg;

	if (w->part)
		return 0;
	if (sb->len)
		strbuf_addch(sb, ' ');
	strbuf_addstr(sb, w->exact);
	return 0;
}

/*
 * A packed token: a byte of kind (bits 0-1), colocated (bit 2), uncut
 * (bit 3), repeat (bit 4) and quiet (bit 5); then as varints start,
 * end - start and the term's length; the term with its NUL; for an uncut
 * exact form, its length and it with its NUL. Two to three bytes of
 * tokens for a byte of text.
 */
static size_t get_varint(const unsigned char **p)
{
	size_t v = 0;
	int shift = 0;

	while (**p & 0x80) {
		v |= (size_t)(**p & 0x7f) << shift;
		shift += 7;
		(*p)++;
	}
	v |= (size_t) * *p << shift;
	(*p)++;
	return v;
}

struct token_walk {
	int (*fn)(void *arg, const struct index_token *tok);
	void *arg;
	struct strbuf marked;
	void (*seeing)(void *arg, const struct word *w); /* index_tokens_make_seeing() */
	void *seeing_arg;
};

static int give_form(struct token_walk *k, enum index_token_kind kind, bool colocated, char mark,
		     const char *form, size_t len, const char *uncut, const struct word *w)
{
	struct index_token tok = {kind, colocated, form, len, uncut, w->start, w->end, w->repeat, w->quiet};

	if (mark) {
		strbuf_reset(&k->marked);
		strbuf_addch(&k->marked, mark);
		strbuf_add(&k->marked, form, len);
		tok.term = k->marked.buf;
		tok.len++;
	}
	return k->fn(k->arg, &tok);
}

static int give_word(void *arg, const struct word *w)
{
	struct token_walk *k = arg;
	int rc;

	if (k->seeing)
		k->seeing(k->seeing_arg, w);
	rc = give_form(k, TOKEN_EXACT, w->part, 0, w->exact, w->exact_len, w->uncut, w);

	if (!rc && w->folded)
		rc = give_form(k, TOKEN_FOLDED, true, WORD_FOLDED_MARK, w->folded, w->folded_len, NULL, w);
	if (!rc && (w->stem_len != w->exact_len || memcmp(w->stem, w->exact, w->stem_len)))
		rc = give_form(k, TOKEN_STEM, true, WORD_STEM_MARK, w->stem, w->stem_len, NULL, w);
	return rc;
}

/* The tokens of s to fn, each word shown to `seeing` first (when not NULL). */
static int tokens_walk(struct wordizer *wz, const char *s, size_t n,
		       int (*fn)(void *arg, const struct index_token *tok), void *arg,
		       void (*seeing)(void *arg, const struct word *w), void *seeing_arg)
{
	struct token_walk k = {fn, arg, STRBUF_INIT, seeing, seeing_arg};
	int rc = words_each(wz, s, n, give_word, &k);

	strbuf_release(&k.marked);
	return rc;
}

int index_tokens_each(struct wordizer *wz, const char *s, size_t n,
		      int (*fn)(void *arg, const struct index_token *tok), void *arg)
{
	return tokens_walk(wz, s, n, fn, arg, NULL, NULL);
}

/* Written in place, room made once: a byte at a time through strbuf_addch() cost a tenth of the tokens. */
static int pack_token(void *arg, const struct index_token *tok)
{
	struct strbuf *sb = arg;
	size_t ulen = tok->uncut ? strlen(tok->uncut) : 0;
	unsigned char *p;

	strbuf_grow(sb, 1 + 4 * VARINT_MAX + tok->len + 1 + ulen + 1);
	p = (unsigned char *)sb->buf + sb->len;
	*p++ = (unsigned char)(tok->kind | (tok->colocated ? 4 : 0) | (tok->uncut ? 8 : 0) |
			       (tok->repeat ? 16 : 0) | (tok->quiet ? 32 : 0));
	p = varint_put(p, tok->start);
	p = varint_put(p, tok->end - tok->start);
	p = varint_put(p, tok->len);
	memcpy(p, tok->term, tok->len + 1);
	p += tok->len + 1;
	if (tok->uncut) {
		p = varint_put(p, ulen);
		memcpy(p, tok->uncut, ulen + 1);
		p += ulen + 1;
	}
	strbuf_setlen(sb, (size_t)((char *)p - sb->buf));
	return 0;
}

void index_tokens_make_seeing(struct wordizer *wz, const char *s, size_t n, struct index_tokens *out,
			      void (*seeing)(void *arg, const struct word *w), void *arg)
{
	strbuf_reset(&out->packed);
	tokens_walk(wz, s, n, pack_token, &out->packed, seeing, arg);
}

void index_tokens_make(struct wordizer *wz, const char *s, size_t n, struct index_tokens *out)
{
	index_tokens_make_seeing(wz, s, n, out, NULL, NULL);
}

bool index_tokens_next(const struct index_tokens *t, size_t *pos, struct index_token *tok)
{
	const unsigned char *p = (const unsigned char *)t->packed.buf + *pos;
	unsigned flags;

	if (*pos >= t->packed.len)
		return false;
	flags = *p++;
	tok->kind = (enum index_token_kind)(flags & 3);
	tok->colocated = flags & 4;
	tok->repeat = flags & 16;
	tok->quiet = flags & 32;
	tok->start = get_varint(&p);
	tok->end = tok->start + get_varint(&p);
	tok->len = get_varint(&p);
	tok->term = (const char *)p;
	p += tok->len + 1;
	tok->uncut = NULL;
	if (flags & 8) {
		size_t len = get_varint(&p);
		tok->uncut = (const char *)p;
		p += len + 1;
	}
	*pos = (size_t)((const char *)p - t->packed.buf);
	return true;
}

void index_tokens_release(struct index_tokens *t)
{
	strbuf_release(&t->packed);
}

char *words_key(struct wordizer *wz, const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	words_each(wz, s, n, key_word, &sb);
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}
