/*
 * fts.c: the FTS5 tokenizer and the text functions of the connection.
 *
 * Documents are tokenized with core's words_each(): each word gives its
 * exact form, and at the same position its folded form ("~drofting") and
 * its stem ("=vedtak") where they differ; case_fts of schema 16 is given
 * no stems, of schema 18 no folded forms, and a query's stem or folded
 * form stands for the words that have it (stem_words(), fold_words()).
 * Queries are not tokenized again: db/search.c builds every query token
 * itself with the same rules, so in query mode the tokenizer passes each
 * space-separated token through.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/fts.h"
#include "db/gaps.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/json.h"
#include "db/sql.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

/* What fts_register() gives every tokenizer it makes on a connection. */
struct registration {
	sqlite3 *db;
	struct fts_terms *terms; /* NULL: do not collect */
};

struct tokenizer {
	struct wordizer *wz;
	struct fts_terms *terms; /* NULL: do not collect */
	sqlite3 *db;
	/* Known so: case_fts keeps no stem (folded) tokens. Only a migration makes it so, and the
	 * tokenizer may be made before it: "no" is asked again. */
	bool stems_apart, folds_apart;
};

/*
 * The words seen in documents, for the tables of the archive's words
 * (words, vocab: schema 8) that let a query find the words containing a
 * piece of text ("strategi" in "e-helsestrategiene"), those of a stem
 * (stems: schema 16) and of a folded form (folds: schema 18, with
 * `short_folded` for the words too short for the table words), and the
 * whole forms of the words the tokenizer cut (cut_words: schema 11).
 * `seen` is an open-addressing table of the terms met in this process,
 * with whether each was handed to the store (`offered`), so that only new
 * words cost a row. It is asked for every word the index is given, in the
 * store's thread: a slot keeps the word's length, and a word of fewer
 * than SEEN_INLINE bytes (most are) itself, a longer one its first bytes,
 * so that a probe reads the table and nothing else: the table is
 * megabytes, and reading each word through a pointer of its own was a
 * second miss for every token given. A slot is 32 bytes, so that none
 * lies across two of the processor's cache lines (with the word's hash
 * kept too, 40: 1.6 % of the import's CPU more).
 * While the store counts (fts_terms_count_begin()), every term the index
 * is given has a slot, and it counts the rows that hold it.
 */
#define SEEN_INLINE 16

struct seen_slot {
	uint32_t len : 30; /* SQLite's longest text, 10^9 bytes, is shorter than 2^30 */
	uint32_t used : 1;
	uint32_t offered : 1;
	uint32_t row;	/* the last row counted (0: none; wraps after 2^32 rows, counting one too few) */
	uint32_t rows;	/* rows counted */
	uint32_t noted; /* 1 + its index in fts_terms.noted; 0: none */
	union {
		char in[SEEN_INLINE]; /* len < SEEN_INLINE: the word and its NUL */
		struct {
			char *out;		    /* else: the word, allocated */
			char head[SEEN_INLINE - 8]; /* and its first bytes */
		} cut;
	} word;
};
_Static_assert(sizeof(struct seen_slot) == 32, "a slot is half a cache line");

/* The word of a used slot. */
static const char *slot_word(const struct seen_slot *e)
{
	return e->len < SEEN_INLINE ? e->word.in : e->word.cut.out;
}

/* Whether the used slot e holds `word`: a long word's first bytes are asked before its pointer. */
static bool slot_is(const struct seen_slot *e, const char *word, size_t len)
{
	size_t i;

	if (e->len != len)
		return false;
	/* Byte by byte: a word is seven bytes or so, and memcmp()'s call was a third of a lookup. */
	if (len < SEEN_INLINE) {
		for (i = 0; i < len; i++)
			if (e->word.in[i] != word[i])
				return false;
		return true;
	}
	return !memcmp(e->word.cut.head, word, sizeof(e->word.cut.head)) &&
	       !memcmp(e->word.cut.out, word, len);
}

struct seen_words {
	struct seen_slot *seen;
	size_t nseen, cap;
	char **pending;	      /* copies: a slot moves when the table grows */
	char **pending_stems; /* of each pending word, the stem given after it; NULL: none */
	size_t npending, pending_alloc;
};

/*
 * The rowids of a word's rows from its note_from-th on, while counting:
 * the first, then each the gap from the one before, as varints.
 */
struct noted {
	long long from, last;
	struct strbuf gaps;
};

struct fts_terms {
	struct seen_words words, uncut;
	struct seen_words short_folded; /* words of fewer than FTS_TERM_MIN bytes with a folded form */
	bool counting;
	bool noting; /* fts_terms_next_row(): rows come in the order of their rowids */
	uint32_t note_from;
	long long rowid; /* of the row being counted */
	struct noted *noted;
	size_t nnoted, noted_alloc;
	uint32_t row;		 /* fts_terms_next_row(), from 1 */
	bool made_row;		 /* every text of the row so far came with its tokens made ahead */
	bool stemless, foldless; /* fts_terms_apart() */
	bool quiet_parts;	 /* fts_terms_quiet_parts() */
	bool stems_by_words;	 /* fts_terms_count_begin() */
	/* Of the exact form given last: whether it has FTS_TERM_MIN bytes or more, and the place
	 * after its pending entry when it was offered just then (0: not), for its stem; and the
	 * form itself, for the folded form given after it. */
	bool exact_long;
	size_t stem_for;
	const char *exact;
	size_t exact_len;
	/* fts_terms_ready() */
	const struct strbuf *ready_texts;
	const struct index_tokens *ready_tokens;
	size_t nready;
};

static uint32_t seen_hash(const char *word, size_t len)
{
	return (uint32_t)hash_word(word, len);
}

static void seen_grow(struct seen_words *t)
{
	struct seen_slot *old = t->seen;
	size_t oldcap = t->cap, i;

	t->cap = oldcap ? oldcap * 2 : 4096;
	/* On a cache line's start: malloc() gives 16 bytes past one, and every other slot would lie
	 * across two. */
	if (t->cap > SIZE_MAX / sizeof(*t->seen) || !(t->seen = aligned_alloc(64, t->cap * sizeof(*t->seen))))
		die_oom(t->cap * sizeof(*t->seen));
	memset(t->seen, 0, t->cap * sizeof(*t->seen));
	for (i = 0; i < oldcap; i++) {
		size_t k;
		if (!old[i].used)
			continue;
		for (k = seen_hash(slot_word(&old[i]), old[i].len) & (t->cap - 1); t->seen[k].used;
		     k = (k + 1) & (t->cap - 1))
			;
		t->seen[k] = old[i];
	}
	free(old);
}

/* The slot of `word`, made when new. */
static struct seen_slot *seen_slot(struct seen_words *t, const char *word, size_t len)
{
	uint32_t hash = seen_hash(word, len);
	struct seen_slot *e;
	size_t k;

	if ((t->nseen + 1) * 2 > t->cap)
		seen_grow(t);
	for (k = hash & (t->cap - 1); t->seen[k].used; k = (k + 1) & (t->cap - 1))
		if (slot_is(&t->seen[k], word, len))
			return &t->seen[k];
	e = &t->seen[k];
	*e = (struct seen_slot){.len = (uint32_t)len, .used = 1};
	if (len < SEEN_INLINE) {
		memcpy(e->word.in, word, len);
		e->word.in[len] = '\0';
	} else {
		e->word.cut.out = xstrndup(word, len);
		memcpy(e->word.cut.head, word, sizeof(e->word.cut.head));
	}
	t->nseen++;
	return e;
}

/* Offers the word in slot e to the store, unless it was; whether it is offered now. */
static bool seen_offer(struct seen_words *t, struct seen_slot *e)
{
	size_t alloc = t->pending_alloc;

	if (e->offered)
		return false;
	e->offered = true;
	ALLOC_GROW(t->pending, t->npending + 1, t->pending_alloc);
	if (alloc != t->pending_alloc)
		t->pending_stems = xrealloc(t->pending_stems, t->pending_alloc * sizeof(*t->pending_stems));
	t->pending_stems[t->npending] = NULL;
	t->pending[t->npending++] = xstrndup(slot_word(e), e->len);
	return true;
}

static bool seen_note(struct seen_words *t, const char *word, size_t len)
{
	return seen_offer(t, seen_slot(t, word, len));
}

static void seen_release(struct seen_words *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		if (t->seen[i].used && t->seen[i].len >= SEEN_INLINE)
			free(t->seen[i].word.cut.out);
	free(t->seen);
	for (i = 0; i < t->npending; i++) {
		free(t->pending[i]);
		free(t->pending_stems[i]);
	}
	free(t->pending);
	free(t->pending_stems);
}

/* After a rollback some words may be missing from the table: every word
 * is offered again (the store ignores the ones it has). */
static void seen_forget_pending(struct seen_words *t, bool written)
{
	size_t i;

	if (!written && t->npending)
		for (i = 0; i < t->cap; i++)
			t->seen[i].offered = false;
	for (i = 0; i < t->npending; i++) {
		free(t->pending[i]);
		free(t->pending_stems[i]);
	}
	t->npending = 0;
}

struct fts_terms *fts_terms_new(void)
{
	return xcalloc(1, sizeof(struct fts_terms));
}

/* Forgets the noted rows, and notes none until the next count begins. */
void fts_terms_unnote(struct fts_terms *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nnoted; i++)
		strbuf_release(&t->noted[i].gaps);
	t->nnoted = 0;
	for (i = 0; i < t->words.cap; i++)
		t->words.seen[i].noted = 0;
	t->noting = false;
}

void fts_terms_free(struct fts_terms *t)
{
	if (!t)
		return;
	fts_terms_unnote(t);
	free(t->noted);
	seen_release(&t->words);
	seen_release(&t->uncut);
	seen_release(&t->short_folded);
	free(t);
}

/* Notes the row being counted as one of slot e's word. */
static void note_row(struct fts_terms *t, struct seen_slot *e)
{
	struct noted *d;

	if (!e->noted) {
		ALLOC_GROW(t->noted, t->nnoted + 1, t->noted_alloc);
		d = &t->noted[t->nnoted++];
		d->from = t->rowid;
		d->last = 0;
		strbuf_init(&d->gaps, 0);
		e->noted = (uint32_t)t->nnoted;
	}
	d = &t->noted[e->noted - 1];
	gaps_add(&d->gaps, (uint64_t)(t->rowid - d->last));
	d->last = t->rowid;
}

const char *const *fts_terms_pending(struct fts_terms *t, size_t *n)
{
	*n = t->words.npending;
	return (const char *const *)t->words.pending;
}

const char *const *fts_terms_pending_stems(struct fts_terms *t)
{
	return (const char *const *)t->words.pending_stems;
}

const char *const *fts_terms_pending_uncut(struct fts_terms *t, size_t *n)
{
	*n = t->uncut.npending;
	return (const char *const *)t->uncut.pending;
}

const char *const *fts_terms_pending_short_folded(struct fts_terms *t, size_t *n)
{
	*n = t->short_folded.npending;
	return (const char *const *)t->short_folded.pending;
}

void fts_terms_forget_pending(struct fts_terms *t, bool written)
{
	seen_forget_pending(&t->words, written);
	seen_forget_pending(&t->uncut, written);
	seen_forget_pending(&t->short_folded, written);
}

void fts_terms_count_begin(struct fts_terms *t, uint32_t note_from, bool stems_by_words)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->words.cap; i++) {
		t->words.seen[i].rows = 0;
		t->words.seen[i].row = 0;
	}
	fts_terms_unnote(t);
	t->row = 1;
	t->rowid = 0;
	t->counting = true;
	t->noting = true;
	t->note_from = note_from ? note_from : 1;
	t->stems_by_words = stems_by_words;
}

void fts_terms_count_end(struct fts_terms *t)
{
	if (t)
		t->counting = false;
}

void fts_terms_apart(struct fts_terms *t, bool stems, bool folds)
{
	if (t) {
		t->stemless = stems;
		t->foldless = folds;
	}
}

void fts_terms_quiet_parts(struct fts_terms *t, bool given)
{
	if (t)
		t->quiet_parts = given;
}

void fts_terms_next_row(struct fts_terms *t, long long rowid)
{
	if (!t)
		return;
	t->row++;
	t->made_row = true;
	if (t->noting && rowid <= t->rowid)
		fts_terms_unnote(t);
	t->rowid = rowid;
}

static int cmp_common(const void *a, const void *b)
{
	return strcmp(((const struct fts_common *)a)->term, ((const struct fts_common *)b)->term);
}

struct fts_common *fts_terms_common(struct fts_terms *t, long long min, size_t *n)
{
	struct fts_common *v = NULL;
	size_t alloc = 0, i;

	*n = 0;
	if (!t || !t->counting)
		return NULL;
	for (i = 0; i < t->words.cap; i++) {
		const struct seen_slot *e = &t->words.seen[i];
		struct fts_common *c;

		if (!e->used || e->rows < min)
			continue;
		ALLOC_GROW(v, *n + 1, alloc);
		c = &v[(*n)++];
		c->term = xstrndup(slot_word(e), e->len);
		c->from = LLONG_MAX;
		c->gaps = NULL;
		c->ngaps = 0;
		if (t->noting && e->noted) {
			struct noted *d = &t->noted[e->noted - 1];
			c->from = d->from;
			c->gaps = strbuf_detach(&d->gaps, &c->ngaps);
		}
	}
	fts_terms_unnote(t); /* handed over: at 1 GB, a copy was 85 MB more at the end */
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_common);
	else
		v = xcalloc(1, sizeof(*v));
	return v;
}

void fts_common_free(struct fts_common *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++) {
		free(v[i].term);
		free(v[i].gaps);
	}
	free(v);
}

void fts_terms_ready(struct fts_terms *t, const struct strbuf *texts, const struct index_tokens *tokens,
		     size_t n)
{
	t->ready_texts = texts;
	t->ready_tokens = tokens;
	t->nready = n;
}

static const struct index_tokens *ready_tokens(const struct fts_terms *t, const char *text, size_t n)
{
	size_t i;

	for (i = 0; t && i < t->nready; i++)
		if (t->ready_texts[i].len == n &&
		    (t->ready_texts[i].buf == text || !memcmp(t->ready_texts[i].buf, text, n)))
			return &t->ready_tokens[i];
	return NULL;
}

struct tokenize_ctx {
	struct tokenizer *t;
	void *fts_ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
};

static int tok_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct registration *reg = user;
	struct tokenizer *t = xcalloc(1, sizeof(*t));

	t->terms = reg->terms;
	t->db = reg->db;
	(void)argv;
	(void)argc;
	t->wz = wordizer_new();
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
	struct tokenizer *t = (struct tokenizer *)p;

	wordizer_free(t->wz);
	free(t);
}

/*
 * Gives the index one token of a text, noting the words new to the store.
 * A token made ahead whose word is a repeat (core/words.h: its bytes gave
 * a word earlier in the case's columns, which are one row of the index
 * and given in order) has been noted and counted in this row, unless a
 * text before it was tokenized here, whose words may be others: a lookup
 * in the table of words seen misses the processor's caches, and was a
 * twentieth of the import's time when made at every token.
 * A word's stem comes right after its exact form (and its folded one): a
 * word new to the store is written to the table stems with that stem, so
 * that the words a query's stem stands for are those the stem was given
 * for. Where the stems are counted by their words (fts_terms_count_begin()),
 * a stem counts in a row only after an exact form of FTS_TERM_MIN bytes or
 * more, the words the table words (and so stems) keeps: its rows are then
 * those a query of the stem finds, and are noted like a word's.
 */
static int give_token(void *arg, const struct index_token *tok)
{
	struct tokenize_ctx *c = arg;
	struct fts_terms *terms = c->t->terms;

	/* Given, or not at all: neither counted nor noted. */
	if (terms && tok->quiet && !terms->quiet_parts)
		return SQLITE_OK;
	if (terms && tok->kind == TOKEN_EXACT) {
		terms->exact_long = tok->len >= FTS_TERM_MIN;
		terms->stem_for = 0;
		terms->exact = tok->term;
		terms->exact_len = tok->len;
	}
	if (terms && !(tok->repeat && terms->made_row)) {
		bool offer = tok->kind == TOKEN_EXACT && tok->len >= FTS_TERM_MIN, offered = false;
		bool stem = tok->kind == TOKEN_STEM;

		if (terms->counting) {
			struct seen_slot *e = seen_slot(&terms->words, tok->term, tok->len);

			if (e->row != terms->row && (!stem || !terms->stems_by_words || terms->exact_long)) {
				e->row = terms->row;
				e->rows++;
				if (terms->noting && e->rows >= terms->note_from &&
				    (!stem || terms->stems_by_words))
					note_row(terms, e);
			}
			offered = offer && seen_offer(&terms->words, e);
		} else if (offer) {
			offered = seen_note(&terms->words, tok->term, tok->len);
		}
		if (offered)
			terms->stem_for = terms->words.npending;
		if (stem && terms->stem_for) {
			/* Its word's, without the mark. */
			terms->words.pending_stems[terms->stem_for - 1] =
			    xstrndup(tok->term + 1, tok->len - 1);
			terms->stem_for = 0;
		}
	}
	if (terms && tok->uncut)
		seen_note(&terms->uncut, tok->uncut, strlen(tok->uncut));
	/* case_fts of schema 16 keeps no stems, nor of schema 18 folded forms: a query's stem or
	 * folded form stands for its words (stem_words(), fold_words()). They are counted above
	 * all the same: a common one has a set. A word's folded form is written with the word;
	 * a word too short for the table words is noted for it here. */
	if (terms && terms->stemless && tok->kind == TOKEN_STEM)
		return SQLITE_OK;
	if (terms && terms->foldless && tok->kind == TOKEN_FOLDED) {
		if (!terms->exact_long && terms->exact && !(tok->repeat && terms->made_row))
			seen_note(&terms->short_folded, terms->exact, terms->exact_len);
		return SQLITE_OK;
	}
	return c->xToken(c->fts_ctx, tok->colocated ? FTS5_TOKEN_COLOCATED : 0, tok->term, (int)tok->len,
			 (int)tok->start, (int)tok->end);
}

/* Whether meta says `key` is `value`. */
static int meta_is(sqlite3 *db, const char *key, const char *value, bool *is)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT 1 FROM meta WHERE key = ?1 AND value = ?2", -1, &st, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	*is = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int fts_stemless(sqlite3 *db, bool *stemless)
{
	return meta_is(db, "case_fts_stems", "none", stemless);
}

int fts_foldless(sqlite3 *db, bool *foldless)
{
	return meta_is(db, "case_fts_folds", "none", foldless);
}

int fts_quiet_parts(sqlite3 *db, bool *indexed)
{
	return meta_is(db, "quiet_parts", "indexed", indexed);
}

/*
 * A stem in a query ("=vedtak") matches where a word with that stem is:
 * in an archive whose case_fts keeps no stem tokens (schema 16; `meta`
 * says so), the words of the table stems, given as its synonyms at the
 * same place (FTS5_TOKEN_COLOCATED), so that it works inside a phrase or
 * a NEAR group as the stem's own token did. An older index keeps its
 * stems and needs none. strong_fts keeps its stems in every archive, and
 * one tokenizer serves both tables: there the words only find again the
 * places of the stem token given first.
 */
static int stem_words(struct tokenizer *t, const char *stem, int n, void *ctx,
		      int (*xToken)(void *, int, const char *, int, int, int), int start, int end)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (!t->db)
		return SQLITE_OK;
	/* Prepared each time: a statement kept by the tokenizer would keep the connection from closing. */
	if (!t->stems_apart && ((rc = fts_stemless(t->db, &t->stems_apart)) != SQLITE_OK || !t->stems_apart))
		return rc;
	rc = sqlite3_prepare_v2(t->db, "SELECT word FROM stems WHERE stem = ?1", -1, &st, NULL);
	if (rc == SQLITE_OK)
		sqlite3_bind_text(st, 1, stem, n, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = xToken(ctx, FTS5_TOKEN_COLOCATED, (const char *)sqlite3_column_text(st, 0),
			    sqlite3_column_bytes(st, 0), start, end);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Whether w[0..n) is one of the lines of `lines`. */
static bool among_lines(const struct strbuf *lines, const char *w, size_t n)
{
	const char *p = lines->buf, *end = lines->buf + lines->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if ((size_t)(nl - p) == n && !memcmp(p, w, n))
			return true;
		p = nl + 1;
	}
	return false;
}

/* More beginnings of words than a prefix query should read one by one. */
#define FOLD_PREFIX_WORDS 64

/*
 * The bytes of the shortest beginning of w[0..len) whose folded form is n
 * bytes or more, and with `letter` also has an æ, ø or å of its own.
 */
static size_t fold_beginning(const char *w, size_t len, size_t n, bool letter, struct strbuf *folded)
{
	size_t k = 0;

	while (k < len) {
		size_t c = utf8_decode(w + k, len - k, &(uint32_t){0});
		bool spelled;

		k += c ? c : 1;
		strbuf_reset(folded);
		spelled = words_fold_ascii(folded, w, k);
		if (folded->len >= n && (spelled || !letter))
			break;
	}
	return k;
}

/*
 * A folded form in a query ("~drofting") matches where a word that folds
 * so is: in an archive whose case_fts keeps no folded tokens (schema 18;
 * `meta` says so), the words of the table folds, given as its synonyms at
 * the same place, as stem_words() gives a stem's. A prefix ("~omrad"*)
 * stands for the beginnings of those words that cover it and their first
 * æ, ø or å ("områd", "forhå" for "~for"), each a prefix too: FTS5 reads
 * a prefix's synonyms as prefixes, and a beginning without those letters
 * would read every word the prefix typed finds already. Past
 * FOLD_PREFIX_WORDS such beginnings (a prefix of a letter or two), the
 * shortest that cover it instead ("å", "a"). strong_fts keeps its folded
 * tokens: there the words find the same places again.
 */
static int fold_words(struct tokenizer *t, const char *fold, int n, bool prefix, void *ctx,
		      int (*xToken)(void *, int, const char *, int, int, int), int start, int end)
{
	sqlite3_stmt *st = NULL;
	struct strbuf upto = STRBUF_INIT, folded = STRBUF_INIT, given = STRBUF_INIT;
	bool letter = true;
	size_t ngiven = 0;
	int rc;

	if (!t->db)
		return SQLITE_OK;
	if (!t->folds_apart && ((rc = fts_foldless(t->db, &t->folds_apart)) != SQLITE_OK || !t->folds_apart))
		return rc;
	/* The folded forms from `fold` up to (not including) the first after all that begin with it. */
	strbuf_add(&upto, fold, (size_t)n);
	while (upto.len && (unsigned char)upto.buf[upto.len - 1] == 0xFF)
		strbuf_setlen(&upto, upto.len - 1);
	if (upto.len)
		upto.buf[upto.len - 1]++;
	rc = sqlite3_prepare_v2(t->db,
				prefix ? "SELECT word FROM folds WHERE fold >= ?1 AND (?2 = '' OR fold < ?2)"
				       : "SELECT word FROM folds WHERE fold = ?1",
				-1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, fold, n, SQLITE_STATIC);
		if (prefix)
			sqlite3_bind_text(st, 2, upto.buf, (int)upto.len, SQLITE_STATIC);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0), k;

		if (!prefix) {
			rc = xToken(ctx, FTS5_TOKEN_COLOCATED, w, (int)len, start, end);
			continue;
		}
		rc = SQLITE_OK;
		k = fold_beginning(w, len, (size_t)n, letter, &folded);
		/* Given once each: "område" and "områdene" begin alike. */
		if (among_lines(&given, w, k))
			continue;
		strbuf_add(&given, w, k);
		strbuf_addch(&given, '\n');
		if (++ngiven > FOLD_PREFIX_WORDS && letter) {
			letter = false;
			ngiven = 0;
			strbuf_reset(&given);
			sqlite3_reset(st);
		}
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	for (const char *p = given.buf, *nl; rc == SQLITE_OK && (nl = strchr(p, '\n')); p = nl + 1)
		rc = xToken(ctx, FTS5_TOKEN_COLOCATED, p, (int)(nl - p), start, end);
	sqlite3_finalize(st);
	strbuf_release(&upto);
	strbuf_release(&folded);
	strbuf_release(&given);
	return rc;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
			int (*xToken)(void *, int, const char *, int, int, int))
{
	struct tokenize_ctx c = {(struct tokenizer *)p, ctx, xToken};
	int i = 0;

	if (!(flags & FTS5_TOKENIZE_QUERY) || (flags & FTS5_TOKENIZE_AUX)) {
		const struct index_tokens *toks = ready_tokens(c.t->terms, text, (size_t)n);
		struct index_token tok;
		size_t pos = 0;
		int rc = SQLITE_OK;

		/* None made ahead: made and given one at a time, not held (a whole PDF's text). */
		if (!toks) {
			if (c.t->terms)
				c.t->terms->made_row = false;
			return index_tokens_each(c.t->wz, text, (size_t)n, give_token, &c);
		}
		while (rc == SQLITE_OK && index_tokens_next(toks, &pos, &tok))
			rc = give_token(&c, &tok);
		return rc;
	}
	/* Query tokens come ready-made from search.c: pass them through. */
	while (i < n) {
		int start, rc;

		while (i < n && text[i] == ' ')
			i++;
		start = i;
		while (i < n && text[i] != ' ')
			i++;
		if (i > start && (rc = xToken(ctx, 0, text + start, i - start, start, i)) != SQLITE_OK)
			return rc;
		/* A prefix of a stem ("=hel"*) is not the words of one stem: search.c makes none. */
		if (i > start && text[start] == WORD_STEM_MARK && !(flags & FTS5_TOKENIZE_PREFIX) &&
		    (rc = stem_words(c.t, text + start + 1, i - start - 1, ctx, xToken, start, i)) !=
			SQLITE_OK)
			return rc;
		if (i > start + 1 && text[start] == WORD_FOLDED_MARK &&
		    (rc = fold_words(c.t, text + start + 1, i - start - 1, flags & FTS5_TOKENIZE_PREFIX, ctx,
				     xToken, start, i)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* What a text function of the connection does to its one argument (its user data). */
enum text_op { TEXT_FOLD, TEXT_FOLD_ASCII, TEXT_REVERSE };

/* Spells out æ, ø and å of folded text: "hjemmeoppfolging". */
static void spell_ascii(struct strbuf *sb)
{
	struct strbuf a = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sb->len; i++) {
		unsigned char c = (unsigned char)sb->buf[i],
			      d = i + 1 < sb->len ? (unsigned char)sb->buf[i + 1] : 0;
		if (c == 0xC3 && (d == 0xB8 || d == 0xA5 || d == 0xA6)) {
			strbuf_addstr(&a, d == 0xB8 ? "o" : d == 0xA5 ? "a" : "ae");
			i++;
		} else {
			strbuf_addch(&a, (char)c);
		}
	}
	strbuf_release(sb);
	*sb = a;
}

/*
 * vedtak_fold(text): lower case with ö as ø (core's utf8_fold);
 * vedtak_fold_ascii: that with æøå spelled out; vedtak_reverse: the
 * characters backwards, as schema 7's table of reversed words kept them
 * (the migration to schema 8 reads it).
 */
static void text_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	size_t n = (size_t)sqlite3_value_bytes(argv[0]);
	enum text_op op = (enum text_op)(intptr_t)sqlite3_user_data(ctx);
	struct strbuf sb = STRBUF_INIT;

	(void)argc;
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	if (op == TEXT_REVERSE) {
		utf8_reverse(&sb, text, n);
	} else {
		utf8_fold(&sb, text, n);
		if (op == TEXT_FOLD_ASCII)
			spell_ascii(&sb);
	}
	sqlite3_result_text(ctx, sb.buf, (int)sb.len, SQLITE_TRANSIENT);
	strbuf_release(&sb);
}

struct cut_collect {
	struct strbuf *json;
	size_t n;
};

static int collect_cut(void *arg, const struct word *w)
{
	struct cut_collect *c = arg;

	if (!w->uncut)
		return 0;
	strbuf_addstr(c->json, c->n++ ? ",[" : "[");
	json_string(c->json, w->exact);
	strbuf_addch(c->json, ',');
	json_string(c->json, w->uncut);
	strbuf_addch(c->json, ']');
	return 0;
}

/* Whether text has a run longer than WORD_MAX bytes of what may make a word: else none is cut. */
static bool may_cut(const unsigned char *text, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = text[i];
		bool wordish = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			       (c >= '0' && c <= '9') || c == '-' || c == '\'';

		run = wordish ? run + 1 : 0;
		if (run > WORD_MAX)
			return true;
	}
	return false;
}

/*
 * vedtak_cut_words(text): the words of text that the tokenizer cuts at
 * WORD_MAX, as a JSON array of [exact form as indexed, whole exact form]
 * (for schema 11's cut_words). The wordizer is made at the first text that
 * needs it and kept with the function.
 */
static void cut_words_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	size_t n = (size_t)sqlite3_value_bytes(argv[0]);
	struct wordizer **wz = sqlite3_user_data(ctx);
	struct strbuf json = STRBUF_INIT;
	struct cut_collect c = {&json, 0};

	(void)argc;
	strbuf_addch(&json, '[');
	if (text && may_cut(text, n)) {
		if (!*wz)
			*wz = wordizer_new();
		words_each(*wz, (const char *)text, n, collect_cut, &c);
	}
	strbuf_addch(&json, ']');
	sqlite3_result_text(ctx, json.buf, (int)json.len, SQLITE_TRANSIENT);
	strbuf_release(&json);
}

static void cut_words_free(void *p)
{
	struct wordizer **wz = p;

	wordizer_free(*wz);
	free(wz);
}

void fts_token(struct strbuf *sb, char mark, const char *tok)
{
	strbuf_addch(sb, '"');
	if (mark)
		strbuf_addch(sb, mark);
	for (; *tok; tok++) {
		if (*tok == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *tok);
	}
	strbuf_addch(sb, '"');
}

fts5_api *fts_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

enum vt_status fts_register(sqlite3 *db, struct fts_terms *terms, struct vt_diag *diag)
{
	static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api = fts_api(db);
	struct registration *reg;

	if (!api)
		return vt_fail(diag, VT_ERR_DB, 0, _("this SQLite has no FTS5"));
	reg = xmalloc(sizeof(*reg));

	reg->db = db;
	reg->terms = terms;
	if (api->xCreateTokenizer(api, "vedtak", reg, &tok, free) != SQLITE_OK) {
		free(reg); /* FTS5 frees it only once registered */
		return sql_fail(db, diag, _("cannot register the vedtak tokenizer"));
	}
	if (sqlite3_create_function(db, "vedtak_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				    (void *)TEXT_FOLD, text_func, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "vedtak_fold_ascii", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				    (void *)TEXT_FOLD_ASCII, text_func, NULL, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("cannot register vedtak_fold"));
	if (sqlite3_create_function(db, "vedtak_reverse", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				    (void *)TEXT_REVERSE, text_func, NULL, NULL) != SQLITE_OK)
		return sql_fail(db, diag, _("cannot register vedtak_reverse"));
	if (sqlite3_create_function_v2(db, "vedtak_cut_words", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				       xcalloc(1, sizeof(struct wordizer *)), cut_words_func, NULL, NULL,
				       cut_words_free) != SQLITE_OK)
		return sql_fail(db, diag, _("cannot register vedtak_cut_words"));
	return VT_OK;
}
