/*
 * topics.c: grouping cases into topics (topics.h). Rare shared words do
 * the work, as in near-duplicate detection: a word in few cases says more
 * than one in many, so each shared stem counts by its inverse document
 * frequency. Titles are compared by how much of the shorter one the other
 * shares, whole signatures by their cosine, so that a long deck does not
 * link to everything.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/dates.h"
#include "core/hash.h"
#include "core/names.h"
#include "core/scan.h"
#include "core/topics.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

/*
 * Standing items, by how their titles begin (folded to lower case). Each
 * is what every meeting has; what follows the words does not matter
 * ("Godkjenning av referat fra NUFA 27.–28. januar 2021").
 */
static const char *const standing_starts[] = {
    "godkjenning av innkalling",
    "godkjenning av dagsorden",
    "godkjenning av referat",
    "godkjenning av protokoll",
    "godkjenning av møtereferat",
    "referat fra forrige",
    "referatsaker",
    "eventuelt",
    "møteplan",
    "oppsummering av møtet",
    "evaluering av møtet",
    "approval of the agenda",
    "any other business",
};

/* "Orientering fra X" is the standing news item when X is an agency, not a piece of work. */
static const char *const news_sources[] = {
    "direktoratet", "helsedirektoratet", "sekretariatet", "departementet", "norsk helsenett", "nhn",
};

bool topic_standing(const char *title)
{
	struct strbuf f = STRBUF_INIT;
	const char *t;
	bool standing = false;
	size_t i;

	if (!title)
		return false;
	utf8_fold(&f, title, strlen(title));
	t = f.buf;
	while (*t == ' ' || (*t >= '0' && *t <= '9') || *t == '.' || *t == '/')
		t++; /* a number written before the title */
	for (i = 0; i < ARRAY_SIZE(standing_starts) && !standing; i++)
		standing = !strncmp(t, standing_starts[i], strlen(standing_starts[i]));
	if (!standing && !strncmp(t, "orientering fra ", 16) && strlen(t) < 60) {
		for (i = 0; i < ARRAY_SIZE(news_sources) && !standing; i++)
			standing = !strncmp(t + 16, news_sources[i], strlen(news_sources[i]));
	}
	strbuf_release(&f);
	return standing;
}

/*
 * Words that say nothing of a case's subject:
 * Norwegian function words, the committees' own words for what they do
 * with a case, and what is done with a subject rather than the subject
 * ("X – erfaringer", "forslag til Y").
 */
static const char *const stop_words[] = {
    "anbefaler",
    "anbefalt",
    "and",
    "andre",
    "arbeid",
    "arbeidet",
    "at",
    "av",
    "bare",
    "bedre",
    "behov",
    "ber",
    "bli",
    "blir",
    "både",
    "de",
    "del",
    "den",
    "denne",
    "det",
    "dette",
    "direktoratet",
    "disse",
    "drøfte",
    "drøftet",
    "drøfting",
    "ehelse",
    "ehelsestyre",
    "ehelsestyret",
    "ei",
    "eller",
    "en",
    "er",
    "erfaring",
    "erfaringer",
    "et",
    "etablering",
    "etter",
    "etterretning",
    "evaluering",
    "flere",
    "for",
    "forslag",
    "fra",
    "from",
    "følgende",
    "gi",
    "gir",
    "gitt",
    "gjennom",
    "gjennomgang",
    "godkjenner",
    "godkjenning",
    "godkjent",
    "har",
    "https",
    "hva",
    "hvilke",
    "hvilken",
    "hvor",
    "hvordan",
    "i",
    "ikke",
    "in",
    "innføring",
    "innspill",
    "kan",
    "kunne",
    "mandat",
    "mange",
    "med",
    "mellom",
    "møte",
    "møtet",
    "nasjonal",
    "nasjonale",
    "nufa",
    "nuit",
    "ny",
    "nye",
    "nytt",
    "nå",
    "når",
    "of",
    "og",
    "også",
    "om",
    "omfang",
    "oppdatering",
    "organisering",
    "orientering",
    "orienteringen",
    "plan",
    "prinsipper",
    "på",
    "revidert",
    "sak",
    "saken",
    "sakene",
    "samt",
    "seg",
    "sekretariatet",
    "side",
    "sider",
    "sin",
    "sine",
    "sitt",
    "skal",
    "slutter",
    "som",
    "status",
    "støtter",
    "svært",
    "tar",
    "that",
    "the",
    "their",
    "this",
    "til",
    "tiltak",
    "to",
    "under",
    "unsplash",
    "utkast",
    "utprøving",
    "utvalg",
    "utvalget",
    "ved",
    "vedtak",
    "vedtaket",
    "videre",
    "videreutvikling",
    "vil",
    "være",
    "with",
    "www",
    "å",
};

/*
 * The stop words in an open-addressing set, made once: each distinct word
 * of every case's slides is looked up, and a binary search of the list
 * was a twentieth of the keywords' time.
 */
#define STOP_SLOTS 512
static const char *stop_set[STOP_SLOTS];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

_Static_assert(STOP_SLOTS >= 2 * ARRAY_SIZE(stop_words), "the stop words' set is half empty");
_Static_assert((STOP_SLOTS & (STOP_SLOTS - 1)) == 0, "a slot is found with a mask");

static void stop_set_fill(void)
{
	size_t i, h;

	for (i = 0; i < ARRAY_SIZE(stop_words); i++) {
		for (h = (size_t)hash_word(stop_words[i], strlen(stop_words[i])) & (STOP_SLOTS - 1);
		     stop_set[h]; h = (h + 1) & (STOP_SLOTS - 1))
			;
		stop_set[h] = stop_words[i];
	}
}

static bool is_stop_word(const char *exact)
{
	size_t h;

	pthread_once(&stop_once, stop_set_fill);
	for (h = (size_t)hash_word(exact, strlen(exact)) & (STOP_SLOTS - 1); stop_set[h];
	     h = (h + 1) & (STOP_SLOTS - 1))
		if (!strcmp(stop_set[h], exact))
			return true;
	return false;
}

struct signature {
	const char *text;
	struct strbuf *out;
};

static bool has_word(const struct strbuf *sb, const char *w, size_t n)
{
	const char *p = sb->buf;

	while ((p = strstr(p, w))) {
		if ((p == sb->buf || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

static int signature_word(void *arg, const struct word *w)
{
	struct signature *sg = arg;
	size_t len = strlen(w->exact), n = strlen(w->stem), i;
	bool digits = true, capitals = true;

	if (w->quiet)
		return 0; /* signatures as they were made before quiet parts (TOPIC_SIGNATURE_VERSION) */
	for (i = 0; i < len; i++)
		digits = digits && w->exact[i] >= '0' && w->exact[i] <= '9';
	for (i = w->start; i < w->end; i++)
		capitals = capitals && !(sg->text[i] >= 'a' && sg->text[i] <= 'z');
	/* Two letters only as an abbreviation: "KI", not "på". */
	if (digits || (len < 3 && !(len == 2 && capitals)) || is_stop_word(w->exact) || n == 0 ||
	    has_word(sg->out, w->stem, n))
		return 0;
	if (sg->out->len)
		strbuf_addch(sg->out, ' ');
	strbuf_addstr(sg->out, w->stem);
	return 0;
}

void topic_signature(struct wordizer *wz, const char *text, struct strbuf *out)
{
	struct signature sg = {text, out};

	if (text)
		words_each(wz, text, strlen(text), signature_word, &sg);
}

/*
 * Words counted in an open-addressing table: a deck has thousands of
 * words and few of them differ. Each entry keeps the place of its first
 * word among all those counted, so that two tables can be merged in
 * the text's order.
 */
struct word_count {
	uint32_t at;  /* offset in keys, +1 (0: an empty slot); the keys of a case are far fewer than 4 GB */
	uint32_t len; /* the key's bytes */
	size_t hash;  /* of the key: a growing table places it again without it, and most
		       * other keys met on the way differ in it */
	size_t count, first;
};

struct word_counts {
	struct word_count *slots;
	size_t size, used;
	struct strbuf keys; /* NUL-separated; slots point into it by offset */
};

static void counts_grow(struct word_counts *k)
{
	struct word_count *old = k->slots;
	size_t n = k->size, i;

	k->size = n ? n * 2 : 256;
	k->slots = xcalloc(k->size, sizeof(*k->slots));
	for (i = 0; i < n; i++) {
		size_t h;

		if (!old[i].at)
			continue;
		for (h = old[i].hash & (k->size - 1); k->slots[h].at; h = (h + 1) & (k->size - 1))
			;
		k->slots[h] = old[i];
	}
	free(old);
}

/*
 * Adds `count` words `key` (n bytes), the first of them the `first`-th
 * word counted. A new key keeps `extra` (or nothing) after its NUL.
 */
static struct word_count *counts_add_with(struct word_counts *k, const char *key, size_t n, size_t count,
					  size_t first, const char *extra)
{
	size_t hash = (size_t)hash_word(key, n), h;

	if (2 * (k->used + 1) > k->size)
		counts_grow(k);
	for (h = hash & (k->size - 1); k->slots[h].at; h = (h + 1) & (k->size - 1)) {
		struct word_count *e = &k->slots[h];

		if (e->hash == hash && e->len == n && !memcmp(k->keys.buf + e->at - 1, key, n)) {
			e->count += count;
			if (first < e->first)
				e->first = first;
			return e;
		}
	}
	k->slots[h] = (struct word_count){(uint32_t)k->keys.len + 1, (uint32_t)n, hash, count, first};
	strbuf_add(&k->keys, key, n);
	strbuf_addch(&k->keys, '\0');
	if (extra)
		strbuf_add(&k->keys, extra, strlen(extra) + 1);
	k->used++;
	return &k->slots[h];
}

static void counts_add(struct word_counts *k, const char *key, size_t n, size_t count, size_t first)
{
	counts_add_with(k, key, n, count, first, NULL);
}

/* Room for `expected` keys from the start: a table that grows places every key again. */
static void counts_size(struct word_counts *k, size_t expected)
{
	size_t size = 256;

	while (size < 2 * expected)
		size *= 2;
	k->size = size;
	k->slots = xcalloc(size, sizeof(*k->slots));
}

static void counts_release(struct word_counts *k)
{
	free(k->slots);
	strbuf_release(&k->keys);
}

/*
 * The slides' words are counted by their stems. Most words repeat: they
 * are counted as written, and each different one is formed and stemmed
 * once, at the end. Forming and stemming every word made the keywords a
 * third of the importer's parsing thread.
 */
struct keywords {
	struct word_counts written, stems;
	size_t seen;	     /* words counted so far: the place of the next */
	size_t count, first; /* of the written word being formed */
};

static int keyword_written(void *arg, const char *word, size_t len)
{
	struct keywords *k = arg;
	size_t i;

	k->seen++;
	for (i = 0; i < len && (unsigned char)word[i] < 0x80; i++)
		;
	/* Three ASCII letters form no word of four: not worth a slot. */
	if (len >= 4 || i < len)
		counts_add(&k->written, word, len, 1, k->seen);
	return 0;
}

/* Bytes of the shortest keyword. */
#define KEYWORD_MIN 4

/* Whether a word of this exact form may be a keyword. */
static bool keyword_like(const char *exact)
{
	size_t len = strlen(exact), i;

	if (len < KEYWORD_MIN || is_stop_word(exact))
		return false;
	for (i = 0; i < len; i++)
		if (exact[i] >= '0' && exact[i] <= '9')
			return false; /* dates, versions, page numbers */
	return true;
}

static int keyword_word(void *arg, const struct word *w)
{
	struct keywords *k = arg;

	if (!w->part && *w->stem && keyword_like(w->exact))
		counts_add(&k->stems, w->stem, strlen(w->stem), k->count, k->first);
	return 0;
}

/* Most used first; of two used as often, the one the text uses first. */
static int by_count(const void *a, const void *b)
{
	const struct word_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

static void count_swap(struct word_count *a, struct word_count *b)
{
	struct word_count t = *a;

	*a = *b;
	*b = t;
}

/*
 * Puts the k first of v[0..n) by by_count() in v[0..k), in any order
 * (quickselect): a case has hundreds of stems counted twice, of which
 * TOPIC_KEYWORDS are kept, and sorting them all was a tenth of the
 * keywords' time. by_count() orders any two stems (no two have the same
 * first word), so the k are the ones a full sort would put first.
 */
static void count_select(struct word_count *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n;

	/* [0, lo) comes before [lo, hi), which comes before [hi, n); lo <= k <= hi */
	while (lo < hi) {
		size_t i, at = lo;

		count_swap(&v[lo + (hi - lo) / 2], &v[hi - 1]);
		for (i = lo; i + 1 < hi; i++)
			if (by_count(&v[i], &v[hi - 1]) < 0)
				count_swap(&v[i], &v[at++]);
		count_swap(&v[at], &v[hi - 1]);
		if (at == k)
			return;
		if (at < k)
			lo = at + 1;
		else
			hi = at;
	}
}

/* The stems counted twice or more, most used first, the first `max` of them as "stem*count". */
static void keywords_out(struct word_counts *stems, size_t max, struct strbuf *out)
{
	size_t i, nc = 0;
	char num[24];

	for (i = 0; i < stems->size; i++)
		if (stems->slots[i].at && stems->slots[i].count >= 2)
			stems->slots[nc++] = stems->slots[i];
	if (nc > max) {
		count_select(stems->slots, nc, max);
		nc = max;
	}
	if (nc)
		qsort(stems->slots, nc, sizeof(*stems->slots), by_count);
	for (i = 0; i < nc; i++) {
		size_t c = stems->slots[i].count, d = sizeof(num);

		if (out->len)
			strbuf_addch(out, ' ');
		strbuf_addstr(out, stems->keys.buf + stems->slots[i].at - 1);
		do
			num[--d] = (char)('0' + c % 10);
		while ((c /= 10) && d > 1);
		num[--d] = '*';
		strbuf_add(out, num + d, sizeof(num) - d);
	}
}

void topic_keywords(struct wordizer *wz, const char *text, size_t max, struct strbuf *out)
{
	struct keywords k;
	size_t i;

	if (!text)
		return;
	memset(&k, 0, sizeof(k));
	words_each_written(text, strlen(text), keyword_written, &k);
	for (i = 0; i < k.written.size; i++) {
		const struct word_count *e = &k.written.slots[i];
		const char *word;

		if (!e->at)
			continue;
		word = k.written.keys.buf + e->at - 1;
		k.count = e->count;
		k.first = e->first;
		words_each(wz, word, strlen(word), keyword_word, &k);
	}
	keywords_out(&k.stems, max, out);
	counts_release(&k.written);
	counts_release(&k.stems);
}

/*
 * The slides' keywords counted as their words are formed for the index
 * (index_tokens_make_seeing()): the word comes with its stem, so it is
 * counted by it at once. Counting the index's tokens again afterwards,
 * by exact form then by stem, was a fifth of the importer's parsing.
 */
struct topic_keyword_count {
	struct word_counts stems;
	size_t seen; /* whole words so far: the place of the next */
};

struct topic_keyword_count *topic_keyword_count_new(void)
{
	struct topic_keyword_count *k = xcalloc(1, sizeof(*k));

	counts_size(&k->stems, 128);
	return k;
}

void topic_keyword_count_word(void *arg, const struct word *w)
{
	struct topic_keyword_count *k = arg;
	bool like;

	/* A part of a hyphenated word counts for nothing: its whole word does. */
	if (w->part)
		return;
	k->seen++;
	if (w->exact_len < KEYWORD_MIN || !*w->stem)
		return;
	/* Whether a form may be a keyword is asked once while the wordizer keeps it: 1 no, 2 yes. */
	if (w->memo && *w->memo) {
		like = *w->memo == 2;
	} else {
		like = keyword_like(w->exact);
		if (w->memo)
			*w->memo = like ? 2 : 1;
	}
	if (like)
		counts_add(&k->stems, w->stem, w->stem_len, 1, k->seen);
}

void topic_keyword_count_end(struct topic_keyword_count *k, size_t max, struct strbuf *out)
{
	keywords_out(&k->stems, max, out);
	counts_release(&k->stems);
	free(k);
}

static bool word_before(const char *s, size_t at, const char *word)
{
	size_t n = strlen(word), i = at;

	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '.' || s[i - 1] == '(' || s[i - 1] == ','))
		i--;
	return i >= n && !strncasecmp(s + i - n, word, n) &&
	       (i == n || !utf8_is_letter((unsigned char)s[i - n - 1]));
}

static void add_ref(struct strbuf *out, const char *ref)
{
	if (has_word(out, ref, strlen(ref)))
		return;
	if (out->len)
		strbuf_addch(out, ' ');
	strbuf_addstr(out, ref);
}

/* Whether text[from..] reads "møtet " (its ASCII letters in any case). */
static bool own_meeting_at(const char *text, size_t n, size_t from)
{
	return from + 7 <= n && (text[from] | 0x20) == 'm' && text[from + 1] == "ø"[0] &&
	       !strncasecmp(text + from, "møtet ", 7);
}

/*
 * Words come in the text's order, each whole word before its parts
 * ("e-helse", then "e" and "helse"): the body spots (where words begin)
 * come in order, a whole word's and its first part's alike; "møtet" may
 * end a whole word and a part before its last, and is put in its place.
 */
void topic_spots_word(void *arg, const struct word *w)
{
	struct topic_spots *sp = arg;
	const char *t = sp->text;
	size_t k, from;

	if (body_may_begin((unsigned char)t[w->start]) &&
	    (!sp->nbody || sp->body[sp->nbody - 1] != w->start)) {
		ALLOC_GROW(sp->body, sp->nbody + 1, sp->body_alloc);
		sp->body[sp->nbody++] = w->start;
	}
	if (w->end - w->start < 6 || (t[w->end - 6] | 0x20) != 'm' || strncasecmp(t + w->end - 6, "møtet", 6))
		return;
	from = w->end - 6;
	for (k = sp->nown; k > 0 && sp->own[k - 1] > from; k--)
		;
	if (k > 0 && sp->own[k - 1] == from)
		return;
	ALLOC_GROW(sp->own, sp->nown + 1, sp->own_alloc);
	memmove(sp->own + k + 1, sp->own + k, (sp->nown - k) * sizeof(*sp->own));
	sp->own[k] = from;
	sp->nown++;
}

void topic_spots_release(struct topic_spots *sp)
{
	free(sp->body);
	free(sp->own);
	memset(sp, 0, sizeof(*sp));
}

/*
 * body_find(text + i, n - i, at, len) from the spots from *k on: a name
 * begins a word (a spot, or where the text read from i begins, which
 * body_find() takes for a word's start).
 */
static const char *spotted_body(const char *text, size_t n, size_t i, const struct topic_spots *sp, size_t *k,
				size_t *at, size_t *len)
{
	const char *b = body_at(text, n, i, len);

	*at = 0;
	if (b)
		return b;
	while (*k < sp->nbody && sp->body[*k] <= i)
		++*k;
	for (; *k < sp->nbody; ++*k) {
		size_t p = sp->body[*k];

		if (!body_word_byte((unsigned char)text[p - 1]) && (b = body_at(text, n, p, len))) {
			*at = p - i;
			return b;
		}
	}
	return NULL;
}

/* The first "møtet " from i on and before `before`, from the spots from *k on; NULL when none. */
static const char *spotted_own(const char *text, size_t n, size_t i, size_t before,
			       const struct topic_spots *sp, size_t *k)
{
	size_t j;

	while (*k < sp->nown && sp->own[*k] < i)
		++*k;
	for (j = *k; j < sp->nown && sp->own[j] < before; j++)
		if (own_meeting_at(text, n, sp->own[j]))
			return text + sp->own[j];
	return NULL;
}

/*
 * Meetings named by body and date ("behandlet i NUIT 23. november 2022",
 * "referat fra møte i NUFA 25. – 26. januar 2023"), or by "møtet" and a
 * date for the case's own body, as "m:YYYY-MM-DD:BODY" (spaces in the
 * body as '_'; no body: its own). A date without a year is left alone:
 * which year it meant is a guess. Read at every byte, or at the spots
 * (`sp`, when not NULL) alone.
 */
static void meeting_references(const char *text, size_t n, const struct topic_spots *sp, struct strbuf *out)
{
	size_t i = 0, kbody = 0, kown = 0;

	while (i < n) {
		size_t at = 0, len = 0, from;
		const char *body = sp ? spotted_body(text, n, i, sp, &kbody, &at, &len)
				      : body_find(text + i, n - i, &at, &len);
		const char *own = NULL;
		struct date_range dr;
		char date[11], ref[80], *p;

		/* "møtet 21. september 2022": the case's own body. */
		if (sp)
			own = spotted_own(text, n, i, body ? i + at : n, sp, &kown);
		for (from = i; !sp && from + 7 <= n && (!body || from < i + at); from++)
			if (own_meeting_at(text, n, from)) {
				own = text + from;
				break;
			}
		if (own) {
			from = (size_t)(own - text) + 7;
			body = "";
		} else if (body) {
			from = i + at + len;
		} else {
			break;
		}
		/* The date right after the name: within a few characters ("NUFA 25. – 26. januar 2023"). */
		if (date_find(text + from, n - from < 48 ? n - from : 48, &dr) && dr.at <= 3) {
			date_format(dr.y1, dr.m1, dr.d1, date);
			snprintf(ref, sizeof(ref), "m:%s:%s", date, body);
			for (p = ref; *p; p++)
				if (*p == ' ')
					*p = '_';
			add_ref(out, ref);
		}
		i = from + 1;
	}
}

static void references(const char *text, size_t n, const struct topic_spots *sp, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct case_no no;

		if (text[i] < '1' || text[i] > '9' || (i > 0 && (text[i - 1] >= '0' && text[i - 1] <= '9')))
			continue;
		if (!scan_case_number(text + i, n - i, &no))
			continue;
		/* A number is a case only where the text says so: "sak 22/21", "jf. 22/21", "saksnr. 22/21".
		 */
		if (word_before(text, i, "sak") || word_before(text, i, "jf") ||
		    word_before(text, i, "saksnr") || word_before(text, i, "saker") ||
		    word_before(text, i, "case"))
			add_ref(out, no.text);
		i += no.len - 1;
	}
	meeting_references(text, n, sp, out);
}

void topic_references(const char *text, size_t n, struct strbuf *out)
{
	references(text, n, NULL, out);
}

void topic_references_spotted(const char *text, size_t n, const struct topic_spots *spots, struct strbuf *out)
{
	references(text, n, spots, out);
}

/*
 * A title's signature with "|" after its subject: what comes before its
 * first dash or colon ("Digital hjemmeoppfølging – forslag til ..."),
 * when it has one.
 */
static void title_signature(struct wordizer *wz, const char *title, struct strbuf *out)
{
	static const char *const seps[] = {" – ", " — ", " - ", ": "};
	const char *cut = NULL, *nl = strchr(title, '\n');
	struct strbuf rest = STRBUF_INIT;
	char *head;
	size_t i;

	/* The index's title is the title, and the agenda's when it differs, a line apart. */
	for (i = 0; i < ARRAY_SIZE(seps); i++) {
		const char *p = strstr(title, seps[i]);
		if (p && (!nl || p < nl) && (!cut || p < cut))
			cut = p;
	}
	if (!cut) {
		topic_signature(wz, title, out);
		return;
	}
	head = xstrndup(title, (size_t)(cut - title));
	topic_signature(wz, head, out);
	strbuf_addstr(out, out->len ? " |" : "|");
	topic_signature(wz, cut, &rest);
	if (rest.len)
		strbuf_addf(out, " %s", rest.buf);
	free(head);
	strbuf_release(&rest);
}

static char *detach_or_empty(struct strbuf *sb)
{
	return sb->len ? strbuf_detach(sb, NULL) : xstrdup("");
}

static struct case_signature *sign(struct wordizer *wz, const char *title, const char *decision,
				   const char *orgs, const char *slides, const char *slide_keywords,
				   const struct topic_spots *spots)
{
	struct case_signature *sig = xcalloc(1, sizeof(*sig));
	struct strbuf sb = STRBUF_INIT;

	title_signature(wz, title ? title : "", &sb);
	sig->title = detach_or_empty(&sb);
	topic_signature(wz, decision, &sb);
	sig->decision = detach_or_empty(&sb);
	topic_signature(wz, orgs, &sb);
	sig->orgs = detach_or_empty(&sb);
	if (slide_keywords)
		strbuf_addstr(&sb, slide_keywords);
	else
		topic_keywords(wz, slides, TOPIC_KEYWORDS, &sb);
	sig->slides = detach_or_empty(&sb);
	/* References in what the committee wrote, not in the people's names. */
	if (title)
		references(title, strlen(title), spots ? &spots[0] : NULL, &sb);
	if (decision)
		references(decision, strlen(decision), spots ? &spots[1] : NULL, &sb);
	if (slides)
		references(slides, strlen(slides), spots ? &spots[2] : NULL, &sb);
	sig->refs = detach_or_empty(&sb);
	strbuf_release(&sb);
	return sig;
}

struct case_signature *topic_sign(struct wordizer *wz, const char *title, const char *decision,
				  const char *orgs, const char *slides)
{
	return sign(wz, title, decision, orgs, slides, NULL, NULL);
}

struct case_signature *topic_case_sign(struct wordizer *wz, const struct deck_case *c,
				       const char *slide_keywords, const struct topic_spots *spots)
{
	struct strbuf title = STRBUF_INIT, decision = STRBUF_INIT, orgs = STRBUF_INIT, slides = STRBUF_INIT;
	struct case_signature *sig;
	size_t i;

	/* As the index's case_doc joins them (db/schema.c). */
	strbuf_addstr(&title, c->title ? c->title : "");
	if (c->agenda_title && (!c->title || strcmp(c->agenda_title, c->title))) {
		strbuf_addch(&title, '\n');
		strbuf_addstr(&title, c->agenda_title);
	}
	strbuf_addstr(&decision, c->decision ? c->decision : "");
	if (c->recorded) {
		strbuf_addch(&decision, '\n');
		strbuf_addstr(&decision, c->recorded);
	}
	for (i = 0; i < c->npresenters; i++)
		if (c->presenters[i].organization) {
			if (orgs.len)
				strbuf_addch(&orgs, '\n');
			strbuf_addstr(&orgs, c->presenters[i].organization);
		}
	/* Appended, not printed: printf measures and copies a long text twice. */
	for (i = 0; i < c->nslides; i++) {
		if (i)
			strbuf_addch(&slides, '\n');
		strbuf_add(&slides, c->slides[i].text, c->slides[i].len);
	}
	sig = sign(wz, title.buf ? title.buf : "", decision.buf, orgs.buf, slides.buf, slide_keywords, spots);
	strbuf_release(&title);
	strbuf_release(&decision);
	strbuf_release(&orgs);
	strbuf_release(&slides);
	return sig;
}

/*
 * One stem of one case's signature, with its weight in the title and in
 * the whole case. Millions at 1 GB (fewer than 2^32: c, rank and
 * postings_sort's places are 32 bits).
 */
struct posting {
	const char *stem;
	double title, body;
	uint32_t len, c; /* c: the case's index, below topics_group's n */
	uint32_t rank;	 /* of the stem among all the postings' stems in byte order (postings_sort) */
};

struct stem_ref {
	const char *s;
	size_t len;
	uint32_t number; /* as met */
};

static int stem_cmp(const void *a, const void *b)
{
	const struct stem_ref *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->s, y->s, n);

	if (r)
		return r;
	return x->len < y->len ? -1 : x->len > y->len;
}

/*
 * The postings in the order of their stems' bytes, each stem's in the
 * order given (its cases', as topics_group adds them), with each stem's
 * rank in that order. The distinct stems are numbered as met and sorted
 * once, and the postings placed by counting: sorting the postings
 * themselves by their stems (millions at 1 GB, far fewer stems)
 * took four seconds of a 1 GB import's end.
 */
static void postings_sort(struct posting *post, size_t n)
{
	struct word_counts ids;
	struct stem_ref *stems;
	uint32_t *rank, *to;
	size_t *start, nstems, i;

	/* Each posting's rank holds its stem's number until the stems are sorted. */
	memset(&ids, 0, sizeof(ids));
	for (i = 0; i < n; i++)
		post[i].rank =
		    (uint32_t)counts_add_with(&ids, post[i].stem, post[i].len, 1, ids.used, NULL)->first;
	nstems = ids.used;
	stems = xcalloc(nstems ? nstems : 1, sizeof(*stems));
	for (i = 0; i < ids.size; i++)
		if (ids.slots[i].at) {
			const char *key = ids.keys.buf + ids.slots[i].at - 1;
			stems[ids.slots[i].first] =
			    (struct stem_ref){key, strlen(key), (uint32_t)ids.slots[i].first};
		}
	if (nstems)
		qsort(stems, nstems, sizeof(*stems), stem_cmp);
	rank = xmalloc((nstems ? nstems : 1) * sizeof(*rank));
	start = xcalloc(nstems + 1, sizeof(*start));
	for (i = 0; i < nstems; i++)
		rank[stems[i].number] = (uint32_t)i;
	free(stems);
	counts_release(&ids);
	for (i = 0; i < n; i++) {
		post[i].rank = rank[post[i].rank];
		start[post[i].rank + 1]++;
	}
	free(rank);
	for (i = 0; i < nstems; i++)
		start[i + 1] += start[i];
	/* Each moved to its place in turn, not copied: a copy of millions of postings
	 * was the peak of a 1 GB import's memory. */
	to = xmalloc((n ? n : 1) * sizeof(*to));
	for (i = 0; i < n; i++)
		to[i] = (uint32_t)start[post[i].rank]++;
	free(start);
	for (i = 0; i < n; i++)
		while (to[i] != i) {
			size_t j = to[i];
			struct posting p = post[j];
			uint32_t t = to[j];

			post[j] = post[i];
			to[j] = to[i];
			post[i] = p;
			to[i] = t;
		}
	free(to);
}

struct link {
	size_t a, b;
	double score;
	double dot; /* pairs: the bodies' dot product; score holds the titles' shared weight */
};

static int link_by_pair(const void *p, const void *q)
{
	const struct link *x = p, *y = q;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/*
 * Sorts the n pairs v[] by their cases (a, then b; each below `ncases`),
 * pairs of the same cases kept in the order given, as the scores add up
 * in that order: a radix sort of their cases' bits, RADIX_BITS at a time
 * from the lowest. qsort() took 56 ms of a 10 MB import's 600 for the
 * 330,000 pairs.
 */
#define RADIX_BITS 11

/* A pair's cases as one number that orders by a, then b (each below 2^bits). */
static inline uint64_t pair_key(const struct link *l, unsigned bits)
{
	return ((uint64_t)l->a << bits) | l->b;
}

static void pairs_sort(struct link *v, size_t n, size_t ncases)
{
	struct link *tmp, *from = v, *to;
	unsigned bits = 0, shift;

	while (bits < 32 && ((size_t)1 << bits) < ncases)
		bits++;
	if (n < 2)
		return;
	to = tmp = xmalloc(n * sizeof(*v));
	for (shift = 0; shift < 2 * bits; shift += RADIX_BITS) {
		size_t count[(1 << RADIX_BITS) + 1] = {0}, i;
		const uint64_t mask = (1u << RADIX_BITS) - 1;
		struct link *swap;

		for (i = 0; i < n; i++)
			count[(pair_key(&from[i], bits) >> shift & mask) + 1]++;
		for (i = 0; i < (1u << RADIX_BITS); i++)
			count[i + 1] += count[i];
		for (i = 0; i < n; i++)
			to[count[pair_key(&from[i], bits) >> shift & mask]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != v)
		memcpy(v, from, n * sizeof(*v));
	free(tmp);
}

static int link_by_score(const void *p, const void *q)
{
	const struct link *x = p, *y = q;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return link_by_pair(p, q);
}

/*
 * Adds the stems of `words` (space-separated) for case c. A "|" among
 * them ends a title's subject (what comes before its dash), which weighs
 * four times what follows it.
 */
static void add_postings(struct posting **v, size_t *len, size_t *alloc, const char *words, size_t c,
			 double title, double body)
{
	const char *p = words;
	double head = words && strchr(words, '|') ? 2.0 : 1.0;

	while (p && *p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);

		if (n == 1 && *p == '|') {
			head = 0.5; /* "erfaringer fra utprøving i Helse Vest" says little of the subject */
		} else if (n) {
			ALLOC_GROW(*v, *len + 1, *alloc);
			(*v)[(*len)++] = (struct posting){p, title * head, body, (uint32_t)n, (uint32_t)c, 0};
		}
		p += n + (sp ? 1 : 0);
	}
}

/* "stem*count" pairs of topic_keywords(): each stem weighs as the log of its count. */
static void add_keyword_postings(struct posting **v, size_t *len, size_t *alloc, const char *words, size_t c)
{
	const char *p = words;

	while (p && *p) {
		const char *sp = strchr(p, ' '), *star;
		size_t n = sp ? (size_t)(sp - p) : strlen(p);

		star = memchr(p, '*', n);
		if (star && star > p) {
			ALLOC_GROW(*v, *len + 1, *alloc);
			(*v)[(*len)++] = (struct posting){
			    p, 0, log2(1.0 + atof(star + 1)), (uint32_t)(star - p), (uint32_t)c, 0};
		}
		p += n + (sp ? 1 : 0);
	}
}

/* Union-find over cases, each root with the meetings its topic spans. */
struct groups {
	size_t *parent;
	long **meetings;
	size_t *nmeetings;
};

static size_t root_of(struct groups *g, size_t i)
{
	while (g->parent[i] != i) {
		g->parent[i] = g->parent[g->parent[i]];
		i = g->parent[i];
	}
	return i;
}

static void merge(struct groups *g, size_t a, size_t b)
{
	size_t ra = root_of(g, a), rb = root_of(g, b), i, j, keep, gone;

	if (ra == rb)
		return;
	for (i = 0; i < g->nmeetings[ra]; i++)
		for (j = 0; j < g->nmeetings[rb]; j++)
			if (g->meetings[ra][i] == g->meetings[rb][j])
				return; /* a topic never holds two cases of one meeting */
	keep = ra < rb ? ra : rb;
	gone = keep == ra ? rb : ra;
	g->meetings[keep] =
	    xrealloc(g->meetings[keep], (g->nmeetings[keep] + g->nmeetings[gone]) * sizeof(long));
	memcpy(g->meetings[keep] + g->nmeetings[keep], g->meetings[gone], g->nmeetings[gone] * sizeof(long));
	g->nmeetings[keep] += g->nmeetings[gone];
	free(g->meetings[gone]);
	g->meetings[gone] = NULL;
	g->nmeetings[gone] = 0;
	g->parent[gone] = keep;
}

static int index_by_number(const void *p, const void *q, void *arg)
{
	const struct topic_case *v = arg;
	const size_t *a = p, *b = q;
	int r = strcmp(v[*a].number ? v[*a].number : "", v[*b].number ? v[*b].number : "");

	return r ? r : (*a < *b ? -1 : *a > *b);
}

static int index_by_date(const void *p, const void *q, void *arg)
{
	const struct topic_case *v = arg;
	const size_t *a = p, *b = q;
	int r = strcmp(v[*a].date ? v[*a].date : "", v[*b].date ? v[*b].date : "");

	return r ? r : (*a < *b ? -1 : *a > *b);
}

typedef int index_cmp(const void *p, const void *q, void *arg);

/* qsort has no argument: the cases' order is found by a small merge sort instead. */
static void sort_indices(size_t *ix, size_t *tmp, size_t n, const struct topic_case *v, index_cmp *cmp)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	sort_indices(ix, tmp, mid, v, cmp);
	sort_indices(ix + mid, tmp, n - mid, v, cmp);
	while (i < mid || j < n)
		tmp[k++] = j >= n || (i < mid && cmp(&ix[i], &ix[j], (void *)v) <= 0) ? ix[i++] : ix[j++];
	memcpy(ix, tmp, n * sizeof(*ix));
}

/*
 * Links case i to the cases its text names by number. Each body numbers
 * its own cases, so "jf. sak 22/21" is a case of the same body.
 */
static void reference_links(const struct topic_case *v, size_t n, const size_t *by_number, size_t i,
			    struct link **links, size_t *nlinks, size_t *alloc)
{
	const char *p = v[i].refs;

	while (p && *p) {
		const char *sp = strchr(p, ' ');
		size_t len = sp ? (size_t)(sp - p) : strlen(p), lo = 0, hi = n, k;

		/* The first index whose number is not below the reference. */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			const char *num = v[by_number[mid]].number ? v[by_number[mid]].number : "";
			int r = strncmp(num, p, len);

			if (r < 0 || (r == 0 && strlen(num) < len))
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = lo; k < n; k++) {
			size_t j = by_number[k];
			const struct topic_case *c = &v[j];

			if (!c->number || strlen(c->number) != len || strncmp(c->number, p, len))
				break;
			if (j == i || c->standing || c->meeting == v[i].meeting || !c->body || !v[i].body ||
			    strcmp(c->body, v[i].body))
				continue;
			ALLOC_GROW(*links, *nlinks + 1, *alloc);
			/* Above any similarity: the text says so. */
			(*links)[(*nlinks)++] = (struct link){i < j ? i : j, i < j ? j : i, 2.0, 0};
		}
		p += len + (sp ? 1 : 0);
	}
}

static double pair_score(const struct link *pairs, size_t npairs, size_t a, size_t b)
{
	struct link key = {a < b ? a : b, a < b ? b : a, 0, 0};
	const struct link *hit = bsearch(&key, pairs, npairs, sizeof(*pairs), link_by_pair);

	return hit ? hit->score : 0;
}

/*
 * Links case i to the case of a meeting its text names ("behandlet i NUIT
 * 23. november 2022") that is most like it, when any is alike at all: the
 * text says the subject was there, the words say which case it was.
 */
static void meeting_links(const struct topic_case *v, size_t n, const size_t *by_date, size_t i,
			  const struct link *pairs, size_t npairs, struct link **links, size_t *nlinks,
			  size_t *alloc)
{
	const char *p = v[i].refs;

	while (p && (p = strstr(p, "m:"))) {
		const char *sp = strchr(p, ' ');
		size_t len = sp ? (size_t)(sp - p) : strlen(p), k, best = n, first, d;
		char date[11], body[64];
		double top = 0;
		int blen = (int)len - 13;

		if (len < 13 || (p != v[i].refs && p[-1] != ' ') || blen >= (int)sizeof(body)) {
			p += 2;
			continue;
		}
		memcpy(date, p + 2, 10);
		date[10] = '\0';
		memcpy(body, p + 13, (size_t)blen);
		body[blen] = '\0';
		for (k = 0; k < (size_t)blen; k++)
			if (body[k] == '_')
				body[k] = ' ';
		/* The cases of that day, found in the cases by date. */
		{
			size_t lo = 0, hi = n;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (strcmp(v[by_date[mid]].date ? v[by_date[mid]].date : "", date) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			first = lo;
		}
		for (d = first; d < n && v[by_date[d]].date && !strcmp(v[by_date[d]].date, date); d++) {
			const char *want = *body ? body : v[i].body;
			double s;

			k = by_date[d];
			if (k == i || v[k].standing || v[k].meeting == v[i].meeting || !want || !v[k].body ||
			    strcmp(v[k].body, want))
				continue;
			s = pair_score(pairs, npairs, i, k);
			if (s > top) {
				top = s;
				best = k;
			}
		}
		if (best < n) {
			ALLOC_GROW(*links, *nlinks + 1, *alloc);
			(*links)[(*nlinks)++] =
			    (struct link){i < best ? i : best, i < best ? best : i, 1.5, 0};
		}
		p += len;
	}
}

void topics_group(const struct topic_case *v, size_t n, size_t *group)
{
	struct posting *post = NULL;
	struct link *pairs = NULL, *links = NULL;
	size_t npost = 0, apost = 0, npairs = 0, apairs = 0, nlinks = 0, alinks = 0, nlive = 0, i, j, k;
	size_t *by_number = xcalloc(n ? n : 1, sizeof(size_t)), *tmp = xcalloc(n ? n : 1, sizeof(size_t)),
	       cap;
	size_t *by_date = xcalloc(n ? n : 1, sizeof(size_t));
	double *title = xcalloc(n ? n : 1, sizeof(double)), *norm = xcalloc(n ? n : 1, sizeof(double));
	struct groups g = {xcalloc(n ? n : 1, sizeof(size_t)), xcalloc(n ? n : 1, sizeof(long *)),
			   xcalloc(n ? n : 1, sizeof(size_t))};

	for (i = 0; i < n; i++) {
		g.parent[i] = i;
		g.meetings[i] = xmalloc(sizeof(long));
		g.meetings[i][0] = v[i].meeting;
		g.nmeetings[i] = 1;
		by_number[i] = by_date[i] = i;
		if (v[i].standing)
			continue;
		nlive++;
		add_postings(&post, &npost, &apost, v[i].title_words, i, 1.0, 3.0);
		add_postings(&post, &npost, &apost, v[i].decision_words, i, 0, 1.5);
		add_postings(&post, &npost, &apost, v[i].org_words, i, 0, 0.5);
		add_keyword_postings(&post, &npost, &apost, v[i].slide_words, i);
	}
	/* In the order of their cases, as added above: so are each stem's after the sort. */
	postings_sort(post, npost);
	/* A stem from several parts of one case: the title keeps its greater weight, the body adds up. */
	for (i = 0, k = 0; i < npost; i++) {
		if (k && post[k - 1].c == post[i].c && post[k - 1].rank == post[i].rank) {
			if (post[i].title > post[k - 1].title)
				post[k - 1].title = post[i].title;
			post[k - 1].body += post[i].body;
			continue;
		}
		post[k++] = post[i];
	}
	npost = k;
	/*
	 * A stem in more cases than this names a field ("helse"), not a topic:
	 * it links nothing, and its pairs would cost the square of its cases.
	 */
	cap = nlive / 20 > 8 ? nlive / 20 : 8;
	if (cap > 100)
		cap = 100;
	for (i = 0; i < npost; i = j) {
		double idf;

		for (j = i + 1; j < npost && post[j].rank == post[i].rank; j++)
			;
		idf = log(1.0 + (double)nlive / (double)(j - i));
		for (k = i; k < j; k++) {
			post[k].title *= idf;
			post[k].body *= idf;
			title[post[k].c] += post[k].title;
		}
		if (j - i < 2 || j - i > cap)
			continue;
		for (k = i; k < j; k++)
			norm[post[k].c] += post[k].body * post[k].body;
		for (k = i; k < j; k++) {
			size_t m;
			for (m = k + 1; m < j; m++) {
				const struct posting *a = &post[k], *b = &post[m];
				if (v[a->c].meeting == v[b->c].meeting)
					continue;
				ALLOC_GROW(pairs, npairs + 1, apairs);
				pairs[npairs++] = (struct link){
				    a->c, b->c, a->title < b->title ? a->title : b->title, a->body * b->body};
			}
		}
	}
	pairs_sort(pairs, npairs, n);
	for (i = 0, k = 0; i < npairs; i = j) {
		double shared = 0, dot = 0, t, b, least;
		size_t x = pairs[i].a, y = pairs[i].b;

		for (j = i; j < npairs && pairs[j].a == x && pairs[j].b == y; j++) {
			shared += pairs[j].score;
			dot += pairs[j].dot;
		}
		/* Titles: how much of the shorter one the other shares. Bodies: the cosine. */
		least = title[x] < title[y] ? title[x] : title[y];
		t = least > 0 ? shared / least : 0;
		b = norm[x] > 0 && norm[y] > 0 ? dot / sqrt(norm[x] * norm[y]) : 0;
		if ((t >= TOPIC_TITLE_MIN && (t + b) / 2 >= TOPIC_LINK_MIN) || b >= TOPIC_BODY_ALONE) {
			ALLOC_GROW(links, nlinks + 1, alinks);
			links[nlinks++] = (struct link){x, y, (t + b) / 2, 0};
		}
		/* Kept, one per pair in pair order, for the meetings the texts name. */
		pairs[k++] = (struct link){x, y, (t + b) / 2, 0};
	}
	npairs = k;
	sort_indices(by_number, tmp, n, v, index_by_number);
	sort_indices(by_date, tmp, n, v, index_by_date);
	for (i = 0; i < n; i++) {
		if (v[i].standing)
			continue;
		reference_links(v, n, by_number, i, &links, &nlinks, &alinks);
		meeting_links(v, n, by_date, i, pairs, npairs, &links, &nlinks, &alinks);
	}
	if (nlinks)
		qsort(links, nlinks, sizeof(*links), link_by_score);
	for (i = 0; i < nlinks; i++)
		merge(&g, links[i].a, links[i].b);
	for (i = 0; i < n; i++)
		group[i] = root_of(&g, i);
	for (i = 0; i < n; i++)
		free(g.meetings[i]);
	free(g.meetings);
	free(g.nmeetings);
	free(g.parent);
	free(post);
	free(pairs);
	free(links);
	free(by_number);
	free(by_date);
	free(tmp);
	free(title);
	free(norm);
}
