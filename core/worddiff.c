/*
 * worddiff.c: a word diff by the longest common subsequence. Decisions
 * are a few hundred words at most, so the quadratic table is small; past
 * WORD_DIFF_MAX words the texts are shown as one removal and one addition.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/snippet.h"
#include "core/util.h"
#include "core/worddiff.h"
#include "core/banned.h"

struct word {
	const char *s;
	size_t n; /* "\n" for a line break */
};

static size_t words_of(const char *s, struct word **v)
{
	size_t n = 0, alloc = 0;

	*v = NULL;
	while (s && *s) {
		const char *b;

		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s)
			break;
		ALLOC_GROW(*v, n + 1, alloc);
		if (*s == '\n') {
			(*v)[n].s = s;
			(*v)[n++].n = 1;
			while (*s == '\n' || *s == ' ' || *s == '\t' || *s == '\r')
				s++;
			continue;
		}
		b = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			s++;
		(*v)[n].s = b;
		(*v)[n++].n = (size_t)(s - b);
	}
	return n;
}

static bool word_eq(const struct word *x, const struct word *y)
{
	return x->n == y->n && !memcmp(x->s, y->s, x->n);
}

/* Appends word `w` to the last span if it is of kind `k`, else to a new one. */
static void emit(struct word_diff *wd, enum wd_kind k, const struct word *w, struct strbuf *cur,
		 enum wd_kind *curk)
{
	if (cur->len && *curk != k) {
		ALLOC_GROW(wd->v, wd->n + 1, wd->alloc);
		wd->v[wd->n].kind = *curk;
		wd->v[wd->n++].text = strbuf_detach(cur, NULL);
	}
	*curk = k;
	if (cur->len && cur->buf[cur->len - 1] != '\n' && !(w->n == 1 && w->s[0] == '\n'))
		strbuf_addch(cur, ' ');
	strbuf_add(cur, w->s, w->n);
}

void word_diff(struct word_diff *wd, const char *a, const char *b)
{
	struct word *x = NULL, *y = NULL;
	size_t nx = words_of(a, &x), ny = words_of(b, &y), i, j;
	uint16_t *t = NULL;
	struct strbuf cur = STRBUF_INIT;
	enum wd_kind curk = WD_SAME;

	memset(wd, 0, sizeof(*wd));
	if (nx > WORD_DIFF_MAX || ny > WORD_DIFF_MAX) {
		for (i = 0; i < nx; i++)
			emit(wd, WD_DEL, &x[i], &cur, &curk);
		for (j = 0; j < ny; j++)
			emit(wd, WD_ADD, &y[j], &cur, &curk);
		goto out;
	}
	/* t[i][j]: the longest common subsequence of x[i..] and y[j..]. */
	t = xcalloc((nx + 1) * (ny + 1), sizeof(*t));
	for (i = nx; i-- > 0;)
		for (j = ny; j-- > 0;)
			t[i * (ny + 1) + j] =
			    word_eq(&x[i], &y[j]) ? (uint16_t)(t[(i + 1) * (ny + 1) + j + 1] + 1)
			    : t[(i + 1) * (ny + 1) + j] >= t[i * (ny + 1) + j + 1] ? t[(i + 1) * (ny + 1) + j]
										   : t[i * (ny + 1) + j + 1];
	for (i = 0, j = 0; i < nx || j < ny;) {
		if (i < nx && j < ny && word_eq(&x[i], &y[j])) {
			emit(wd, WD_SAME, &x[i], &cur, &curk);
			i++, j++;
		} else if (j < ny && (i == nx || t[i * (ny + 1) + j + 1] >= t[(i + 1) * (ny + 1) + j])) {
			/* Removals before additions, as git shows them: take the
			 * removal unless it loses the longer match. */
			if (i < nx && t[(i + 1) * (ny + 1) + j] == t[i * (ny + 1) + j])
				emit(wd, WD_DEL, &x[i++], &cur, &curk);
			else
				emit(wd, WD_ADD, &y[j++], &cur, &curk);
		} else {
			emit(wd, WD_DEL, &x[i++], &cur, &curk);
		}
	}
out:
	if (cur.len) {
		ALLOC_GROW(wd->v, wd->n + 1, wd->alloc);
		wd->v[wd->n].kind = curk;
		wd->v[wd->n++].text = strbuf_detach(&cur, NULL);
	}
	strbuf_release(&cur);
	free(t);
	free(x);
	free(y);
}

/* Two forms of one word: a shared stem of five letters ("godkjenner",
 * "godkjennes"), or a strong verb's present and past ("gir", "ga"). */
static bool same_word(const struct word *x, const struct word *y)
{
	static const char *const pairs[][2] = {{"gir", "ga"},	   {"gir", "gav"},  {"tar", "tok"},
					       {"ber", "ba"},	   {"går", "gikk"}, {"ser", "så"},
					       {"gjør", "gjorde"}, {"er", "var"}};
	size_t i, k = 0;

	if (word_eq(x, y))
		return true;
	for (i = 0; i < ARRAY_SIZE(pairs); i++)
		for (k = 0; k < 2; k++)
			if (x->n == strlen(pairs[i][k]) && !memcmp(x->s, pairs[i][k], x->n) &&
			    y->n == strlen(pairs[i][!k]) && !memcmp(y->s, pairs[i][!k], y->n))
				return true;
	for (k = 0; k < x->n && k < y->n && (x->s[k] | 0x20) == (y->s[k] | 0x20); k++)
		;
	return k >= 5;
}

/* Words that carry content: not the body's name, not short function words. */
static bool content_word(const struct word *w)
{
	size_t i, upper = 0;

	if (w->n <= 2 || (w->n == 1 && w->s[0] == '\n'))
		return false;
	for (i = 0; i < w->n; i++)
		upper += w->s[i] >= 'A' && w->s[i] <= 'Z';
	return upper != w->n && !(w->n >= 9 && !memcmp(w->s, "Nasjonalt", 9)) &&
	       !(w->n >= 11 && !memcmp(w->s, "e-helsestyr", 11));
}

/* How many content words of `a` have no form of themselves in `b`. */
static size_t missing(const struct word *a, size_t na, const struct word *b, size_t nb)
{
	size_t i, j, n = 0;

	for (i = 0; i < na; i++) {
		bool found = !content_word(&a[i]);
		for (j = 0; j < nb && !found; j++)
			found = same_word(&a[i], &b[j]);
		n += !found;
	}
	return n;
}

bool word_diff_changes_content(const char *a, const char *b)
{
	struct word *x = NULL, *y = NULL;
	size_t nx = words_of(a, &x), ny = words_of(b, &y);
	/* Word order and voice may change ("NUFA godkjenner innkallingen" /
	 * "Innkallingen godkjennes"); what is added or dropped is the change.
	 * Past WORD_DIFF_MAX words, texts that differ at all count as changed. */
	bool changed = nx > WORD_DIFF_MAX || ny > WORD_DIFF_MAX
			   ? strcmp(a, b) != 0
			   : missing(y, ny, x, nx) + missing(x, nx, y, ny) >= 2;

	/* "... godkjent uten merknader" says in so many words that nothing changed. */
	if (strstr(b, "uten merknad") || strstr(b, "uten endring"))
		changed = false;

	free(x);
	free(y);
	return changed;
}

void word_diff_release(struct word_diff *wd)
{
	size_t i;

	for (i = 0; i < wd->n; i++)
		free(wd->v[i].text);
	free(wd->v);
	memset(wd, 0, sizeof(*wd));
}

bool word_diff_same(const struct word_diff *wd)
{
	size_t i;

	for (i = 0; i < wd->n; i++)
		if (wd->v[i].kind != WD_SAME)
			return false;
	return true;
}

void word_diff_render(struct strbuf *out, const struct word_diff *wd, const char *const mark[4],
		      struct hit **hits, size_t *nhits, size_t *alloc)
{
	size_t i;

	for (i = 0; i < wd->n; i++) {
		const struct wd_span *s = &wd->v[i];
		const char *t = s->text;
		size_t start;

		if (*t == '\n') {
			strbuf_addch(out, '\n');
			t++;
		} else if (out->len && out->buf[out->len - 1] != '\n') {
			strbuf_addch(out, ' ');
		}
		start = out->len;
		if (s->kind != WD_SAME)
			strbuf_addstr(out, mark[s->kind == WD_DEL ? 0 : 2]);
		strbuf_addstr(out, t);
		if (s->kind != WD_SAME)
			strbuf_addstr(out, mark[s->kind == WD_DEL ? 1 : 3]);
		if (hits && s->kind != WD_SAME) {
			ALLOC_GROW(*hits, *nhits + 1, *alloc);
			(*hits)[*nhits].start = start;
			(*hits)[(*nhits)++].end = out->len;
		}
	}
}

void word_diff_plain(struct strbuf *out, const struct word_diff *wd)
{
	static const char *const plain[4] = {"[-", "-]", "{+", "+}"};

	word_diff_render(out, wd, plain, NULL, NULL, NULL);
}
