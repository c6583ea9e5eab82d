/*
 * snippet.c: hit finding with the index's own word forms (core/words.h),
 * so that what is highlighted is what was matched: a word as typed, its
 * folded and inflected forms, the word inside longer words, prefixes, and
 * pattern matches; a phrase's words, and another name's, only where they
 * stand together as in the phrase or the name.
 */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/snippet.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

/* Passage length around the first hit, in bytes (cut at word boundaries). */
#define BEFORE	  60
#define AFTER	  140
#define INFIX_MIN 4

struct mterm {
	enum qterm_kind kind;
	char *exact, *stem;
	bool ascii;
	bool extra;	  /* from matcher_add_words() */
	struct regex *re; /* borrowed from the query */
	/* A word of a run that hits only whole: a phrase of the query, or another name. */
	unsigned run;	   /* 1 + the run's number; 0: a word on its own */
	unsigned pos, len; /* its place in the run, and the run's words */
};

struct matcher {
	struct wordizer *wz;
	struct mterm *t;
	size_t n, alloc;
	unsigned runs;
};

struct add_ctx {
	struct matcher *m;
	enum qterm_kind kind;
	bool extra;
	size_t first; /* the first of the words added now */
};

static int add_word(void *arg, const struct word *w)
{
	struct add_ctx *a = arg;
	struct mterm *t;

	if (w->part)
		return 0;
	ALLOC_GROW(a->m->t, a->m->n + 1, a->m->alloc);
	t = &a->m->t[a->m->n++];
	memset(t, 0, sizeof(*t));
	t->kind = a->kind == QT_PHRASE ? QT_WORD : a->kind;
	t->exact = xstrdup(w->exact);
	t->stem = xstrdup(w->stem);
	t->ascii = w->ascii;
	t->extra = a->extra;
	t->pos = (unsigned)(a->m->n - 1 - a->first);
	return 0;
}

/* The words added since a->first, made one run when they are more than one. */
static void add_words(struct add_ctx *a, const char *text, size_t len)
{
	size_t i;

	a->first = a->m->n;
	words_each(a->m->wz, text, len, add_word, a);
	if (a->m->n - a->first < 2)
		return;
	a->m->runs++;
	for (i = a->first; i < a->m->n; i++) {
		a->m->t[i].run = a->m->runs;
		a->m->t[i].len = (unsigned)(a->m->n - a->first);
	}
}

static void add_term(const struct qnode *n, void *arg)
{
	struct matcher *m = arg;
	struct add_ctx a = {m, n->term, false, 0};

	if (n->term == QT_REGEX) {
		ALLOC_GROW(m->t, m->n + 1, m->alloc);
		memset(&m->t[m->n], 0, sizeof(m->t[0]));
		m->t[m->n].kind = QT_REGEX;
		m->t[m->n++].re = n->re;
		return;
	}
	if (n->term == QT_PHRASE)
		add_words(&a, n->text, strlen(n->text));
	else
		words_each(m->wz, n->text, strlen(n->text), add_word, &a);
}

struct matcher *matcher_new(const struct query *q)
{
	struct matcher *m = xcalloc(1, sizeof(*m));

	m->wz = wordizer_new();
	query_each_positive_term(q, add_term, m);
	return m;
}

void matcher_add_words(struct matcher *m, const char *text)
{
	struct add_ctx a = {m, QT_WORD, true, 0};

	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);

		add_words(&a, text, len);
		text += len + (nl != NULL);
	}
}

void matcher_free(struct matcher *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->t[i].exact);
		free(m->t[i].stem);
	}
	free(m->t);
	wordizer_free(m->wz);
	free(m);
}

static bool starts_with(const char *s, const char *p)
{
	return s && !strncmp(s, p, strlen(p));
}

static bool word_hits(const struct mterm *t, const struct word *w)
{
	/* Another name's words, and a phrase's, are marked only as written there: "pasientens", not
	 * "pasienter", as the index finds a phrase. */
	if (t->extra || t->run)
		return !strcmp(w->exact, t->exact) || (t->ascii && w->folded && !strcmp(w->folded, t->exact));
	switch (t->kind) {
	case QT_PREFIX:
		return starts_with(w->exact, t->exact) || (t->ascii && starts_with(w->folded, t->exact));
	case QT_WORD:
	case QT_PHRASE:
		if (!strcmp(w->exact, t->exact) || !strcmp(w->stem, t->stem) ||
		    (t->ascii && w->folded && !strcmp(w->folded, t->exact)))
			return true;
		return strlen(t->exact) >= INFIX_MIN && strstr(w->exact, t->exact);
	default:
		return false;
	}
}

/*
 * A word of the text that hits a term: one on its own, or a word of a run
 * (hits_ctx.terms[from..to) are the run terms it hits), which counts only
 * where the whole run stands (find_runs()).
 */
struct hit_word {
	size_t start, end;
	bool alone, alone_extra; /* hits a term on its own; that term's `extra` */
	bool in_run, run_extra;	 /* found to stand in a whole run; the run's `extra` */
	size_t from, to;
	/* Its whole word's bytes (a part's whole, Helse-NIM for NIM): its place, as the index counts. */
	size_t whole_start, whole_end;
};

struct hits_ctx {
	struct matcher *m;
	struct hit_word *w;
	size_t nw, walloc;
	size_t *terms; /* of the runs' terms each word hits */
	size_t nterms, talloc;
	size_t whole_start, whole_end; /* the last whole word given: a part comes after its whole */
};

static int on_word(void *arg, const struct word *w)
{
	struct hits_ctx *h = arg;
	struct hit_word *hw = NULL;
	size_t i;

	if (!w->part) {
		h->whole_start = w->start;
		h->whole_end = w->end;
	}
	for (i = 0; i < h->m->n; i++) {
		const struct mterm *t = &h->m->t[i];

		if (!word_hits(t, w))
			continue;
		if (!hw) {
			ALLOC_GROW(h->w, h->nw + 1, h->walloc);
			hw = &h->w[h->nw++];
			memset(hw, 0, sizeof(*hw));
			hw->start = w->start;
			hw->end = w->end;
			hw->from = hw->to = h->nterms;
			hw->whole_start = h->whole_start;
			hw->whole_end = h->whole_end;
		}
		if (t->run) {
			ALLOC_GROW(h->terms, h->nterms + 1, h->talloc);
			h->terms[h->nterms++] = i;
			hw->to = h->nterms;
		} else if (!hw->alone) {
			hw->alone = true;
			hw->alone_extra = t->extra;
		}
	}
	return 0;
}

/* Whether word w hits the term of run `run` at place `pos`. */
static bool hits_at(const struct hits_ctx *h, const struct hit_word *w, unsigned run, unsigned pos)
{
	size_t i;

	for (i = w->from; i < w->to; i++)
		if (h->m->t[h->terms[i]].run == run && h->m->t[h->terms[i]].pos == pos)
			return true;
	return false;
}

/* Whether text[from, to) holds no word, as the tokenizer reads words: the words on either side are next. */
static bool between_words(const char *text, size_t from, size_t to)
{
	size_t before;

	return words_count(text + from, to - from, 0, &before) == 0;
}

/*
 * Marks the words that stand in a whole run, its words one after the other
 * with nothing but spaces and punctuation between them, as the index reads
 * a phrase. A part of a word (Helse-NIM's NIM) stands at its whole word's
 * place: the words of a run are next to each other as their wholes are,
 * and two parts of one whole are not.
 */
static void find_runs(struct hits_ctx *h, const char *text)
{
	size_t k, i;

	for (k = 0; k < h->nw; k++) {
		for (i = h->w[k].from; i < h->w[k].to; i++) {
			const struct mterm *t = &h->m->t[h->terms[i]];
			size_t at = k, next, chain[64];
			unsigned pos;

			if (t->pos != 0 || t->len > sizeof(chain) / sizeof(chain[0]))
				continue;
			chain[0] = k;
			for (pos = 1; pos < t->len; pos++) {
				/* The next place: past the words of this one (a whole and its parts). */
				for (next = at + 1;
				     next < h->nw && h->w[next].whole_start < h->w[at].whole_end; next++)
					;
				if (next == h->nw ||
				    !between_words(text, h->w[at].whole_end, h->w[next].whole_start))
					break;
				/* Of the words at that place, one that is the run's next. */
				while (next + 1 < h->nw &&
				       h->w[next + 1].whole_start == h->w[next].whole_start &&
				       !hits_at(h, &h->w[next], t->run, pos))
					next++;
				if (!hits_at(h, &h->w[next], t->run, pos))
					break;
				chain[pos] = at = next;
			}
			if (pos < t->len)
				continue;
			for (pos = 0; pos < t->len; pos++) {
				struct hit_word *hw = &h->w[chain[pos]];

				hw->run_extra = hw->in_run ? hw->run_extra && t->extra : t->extra;
				hw->in_run = true;
			}
		}
	}
}

/*
 * Whether a plain word (lower case, ASCII letters and digits) may hit a
 * term, by word_hits()'s rules: its stem begins it, and it has no folded
 * form.
 */
static bool may_hit(void *arg, const char *word, size_t len)
{
	struct hits_ctx *h = arg;
	size_t i;

	(void)len;
	for (i = 0; i < h->m->n; i++) {
		const struct mterm *t = &h->m->t[i];

		if (t->extra || t->run) {
			if (!strcmp(word, t->exact))
				return true;
			continue;
		}
		switch (t->kind) {
		case QT_PREFIX:
			if (starts_with(word, t->exact))
				return true;
			break;
		case QT_WORD:
		case QT_PHRASE:
			if (starts_with(word, t->stem) || starts_with(word, t->exact) ||
			    (strlen(t->exact) >= INFIX_MIN && strstr(word, t->exact)))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

long matcher_hits(struct matcher *m, const char *text, size_t n, struct hit **v, size_t *nv, size_t *alloc)
{
	struct hits_ctx h = {m, NULL, 0, 0, NULL, 0, 0, 0, 0};
	size_t first = *nv, i;
	long added = 0;
	bool any_regex = false;

	if (!text)
		return 0;
	words_each_maybe(m->wz, text, n, may_hit, on_word, &h);
	if (m->runs)
		find_runs(&h, text);
	for (i = 0; i < h.nw; i++) {
		const struct hit_word *w = &h.w[i];

		if (!w->alone && !w->in_run)
			continue;
		/* A part of a hyphenated word that already hit is not a second hit. */
		if (*nv > first && (*v)[*nv - 1].start <= w->start && (*v)[*nv - 1].end >= w->end)
			continue;
		ALLOC_GROW(*v, *nv + 1, *alloc);
		(*v)[*nv].start = w->start;
		(*v)[*nv].end = w->end;
		/* The query's own words before another name's. */
		(*v)[(*nv)++].extra = (!w->alone || w->alone_extra) && (!w->in_run || w->run_extra);
		added++;
	}
	free(h.w);
	free(h.terms);
	for (i = 0; i < m->n; i++) {
		size_t from = 0, s, e;
		int rc;

		if (m->t[i].kind != QT_REGEX)
			continue;
		any_regex = true;
		while (from <= n && (rc = regex_match(m->t[i].re, text, n, from, &s, &e)) == 1) {
			if (e == s) { /* an empty match marks nothing; step over one character */
				from = e + 1;
				while (from < n && ((unsigned char)text[from] & 0xC0) == 0x80)
					from++;
				continue;
			}
			ALLOC_GROW(*v, *nv + 1, *alloc);
			(*v)[*nv].start = s;
			(*v)[*nv].extra = false;
			(*v)[(*nv)++].end = e;
			added++;
			from = e;
		}
		if (rc < 0)
			return -1;
	}
	if (any_regex && *nv > first) /* no hits may mean no array at all */
		qsort(*v + first, *nv - first, sizeof(**v), cmp_hit);
	return added;
}

/* Moves `i` back to the start of a UTF-8 character. */
static size_t char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/*
 * The passage around the first hit of the query's own words (else the
 * first hit), with whitespace runs as one space; each hit's offsets are
 * where its first and last kept bytes land.
 */
static void make_passage(struct snippet *sn, const char *text, size_t n, const struct hit *hits, size_t nhits)
{
	struct strbuf sb = STRBUF_INIT;
	size_t from, to, i, h = 0, a = 0;
	bool space = false, open = false;

	while (a < nhits && hits[a].extra)
		a++;
	if (a == nhits)
		a = 0;
	from = hits[a].start > BEFORE ? char_start(text, hits[a].start - BEFORE) : 0;
	while (from > 0 && from < hits[a].start && !is_space(text[from - 1]))
		from++; /* begin at a word */
	from = char_start(text, from);
	to = hits[a].end + AFTER < n ? hits[a].end + AFTER : n;
	while (to < n && !is_space(text[to]))
		to++;
	sn->hits = xcalloc(nhits, sizeof(*sn->hits));
	if (from > 0)
		strbuf_addstr(&sb, "… ");
	for (i = from; i < to; i++) {
		if (open && i >= hits[h].end) {
			sn->hits[sn->nhits++].end = sb.len;
			open = false;
			h++;
		}
		while (!open && h < nhits && hits[h].end <= i)
			h++;
		if (is_space(text[i])) {
			space = true;
			continue;
		}
		if (space && sb.len && sb.buf[sb.len - 1] != ' ')
			strbuf_addch(&sb, ' ');
		space = false;
		if (!open && h < nhits && i >= hits[h].start) {
			sn->hits[sn->nhits].start = sb.len;
			open = true;
		}
		strbuf_addch(&sb, text[i]);
	}
	if (open)
		sn->hits[sn->nhits++].end = sb.len;
	if (to < n)
		strbuf_addstr(&sb, " …");
	sn->text = strbuf_detach(&sb, NULL);
}

struct part {
	const char *where;
	int slide;
	const char *page;
	const char *text;
	size_t nhits, own; /* hits, and those of the query's own words */
	struct hit *hits;
};

static int cmp_part(const void *a, const void *b)
{
	const struct part *x = a, *y = b;

	if (x->own != y->own)
		return x->own > y->own ? -1 : 1;
	if (x->nhits != y->nhits)
		return x->nhits > y->nhits ? -1 : 1;
	return (x->slide > y->slide) - (x->slide < y->slide); /* title and decision (slide 0) first */
}

size_t snippets_make(struct matcher *m, const struct deck_case *c, size_t max, struct snippet *out)
{
	struct part *parts = xcalloc(c->nslides + 3, sizeof(*parts));
	struct strbuf people = STRBUF_INIT;
	size_t np = 0, i, made = 0;

	parts[np++] = (struct part){"title", 0, NULL, c->title, 0, 0, NULL};
	parts[np++] = (struct part){"decision", 0, NULL, c->decision, 0, 0, NULL};
	for (i = 0; i < c->npresenters; i++) {
		if (i)
			strbuf_addstr(&people, ", ");
		strbuf_addstr(&people, c->presenters[i].name);
		if (c->presenters[i].organization)
			strbuf_addf(&people, " (%s)", c->presenters[i].organization);
	}
	parts[np++] = (struct part){"presenters", 0, NULL, people.buf, 0, 0, NULL};
	for (i = 0; i < c->nslides; i++)
		parts[np++] =
		    (struct part){"slide", (int)i + 1, c->slides[i].page, c->slides[i].text, 0, 0, NULL};
	for (i = 0; i < np; i++) {
		size_t alloc = 0;
		long k;

		if (!parts[i].text)
			continue;
		k = matcher_hits(m, parts[i].text, strlen(parts[i].text), &parts[i].hits, &parts[i].nhits,
				 &alloc);
		if (k < 0)
			parts[i].nhits = 0;
		for (k = 0; k < (long)parts[i].nhits; k++)
			parts[i].own += !parts[i].hits[k].extra;
	}
	qsort(parts, np, sizeof(*parts), cmp_part);
	for (i = 0; i < np && made < max; i++) {
		if (!parts[i].nhits)
			break;
		memset(&out[made], 0, sizeof(out[made]));
		out[made].where = parts[i].where;
		out[made].slide = parts[i].slide;
		out[made].page = xstrdup(parts[i].page);
		make_passage(&out[made], parts[i].text, strlen(parts[i].text), parts[i].hits, parts[i].nhits);
		made++;
	}
	for (i = 0; i < np; i++)
		free(parts[i].hits);
	free(parts);
	strbuf_release(&people);
	return made;
}

void snippet_release(struct snippet *s)
{
	free(s->page);
	free(s->text);
	free(s->hits);
	memset(s, 0, sizeof(*s));
}

const char *snippet_where_name(const char *where)
{
	if (!strcmp(where, "title"))
		return C_("part of a case", "title");
	if (!strcmp(where, "decision"))
		return C_("part of a case", "decision");
	if (!strcmp(where, "presenters"))
		return C_("part of a case", "presenters");
	if (!strcmp(where, "slide"))
		return C_("part of a case", "slide");
	return where;
}
