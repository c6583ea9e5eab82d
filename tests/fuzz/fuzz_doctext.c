/*
 * fuzz_doctext.c: libFuzzer target for a document's text kept as pieces of
 * its slides (core/doctext.h). A text the deck reader reads is kept against
 * its own slides and must read back byte for byte (abort() otherwise); the
 * same bytes read as an encoding must be refused or read, never overrun.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/deck.h"
#include "core/doctext.h"
#include "core/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct table {
	struct doctext_slide *v;
	size_t n;
};

static const char *lookup(void *arg, int64_t id, size_t *len)
{
	const struct table *t = arg;

	if (id < 1 || (uint64_t)id > t->n)
		return NULL;
	*len = t->v[id - 1].len;
	return t->v[id - 1].text;
}

static void add(struct table *t, const struct slide *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		t->v = realloc(t->v, (t->n + 1) * sizeof(*t->v));
		if (!t->v)
			abort();
		t->v[t->n] = (struct doctext_slide){(int64_t)t->n + 1, s[i].text, s[i].len, s[i].line};
		t->n++;
	}
}

static int by_id(const void *a, const void *b)
{
	const struct doctext_slide *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf enc = STRBUF_INIT, out = STRBUF_INIT;
	struct table t = {NULL, 0};
	struct deck *d = NULL;
	size_t i;

	if (deck_parse("fuzz.txt", (const char *)data, size, &d, NULL) == VT_OK) {
		for (i = 0; i < d->ncases; i++)
			add(&t, d->cases[i].slides, d->cases[i].nslides);
		add(&t, d->other, d->nother);
		if (doctext_encode((const char *)data, size, t.v, t.n, &enc)) {
			qsort(t.v, t.n, sizeof(*t.v), by_id); /* the encoder sorted them by line */
			if (doctext_decode((const unsigned char *)enc.buf, enc.len, lookup, &t, &out, NULL) !=
				VT_OK ||
			    out.len != size || memcmp(out.buf, data, size))
				abort();
		}
	}
	/* Any bytes as an encoding, against whatever slides there are. */
	(void)doctext_decode(data, size, lookup, &t, &out, NULL);
	free(t.v);
	strbuf_release(&enc);
	strbuf_release(&out);
	deck_free(d);
	return 0;
}
