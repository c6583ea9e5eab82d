/*
 * test_doctext.c: a document's text kept as pieces of its meeting's slides
 * (core/doctext.h) reads back byte for byte: as the deck reader cut it,
 * with what cleaning took out kept as written, with another document's
 * slides beside it; and a damaged encoding is refused, never read as text.
 * The pieces expected are worked out by hand from each text.
 */
#include <stdlib.h>
#include <string.h>

#include "core/deck.h"
#include "core/doctext.h"
#include "core/parse.h"
#include "core/strbuf.h"
#include "core/varint.h"
#include "tap.h"

struct table {
	struct doctext_slide *v;
	size_t n;
};

static const char *lookup(void *arg, int64_t id, size_t *len)
{
	const struct table *t = arg;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].id == id) {
			*len = t->v[i].len;
			return t->v[i].text;
		}
	return NULL;
}

static struct doctext_slide slide(int64_t id, const char *text, long line)
{
	struct doctext_slide s = {id, text, strlen(text), line};
	return s;
}

/* Whether the encoding of `text` against v reads back as `text`. */
static int reads_back(const char *text, struct doctext_slide *v, size_t n, const struct strbuf *enc)
{
	struct table t = {v, n};
	struct strbuf out = STRBUF_INIT;
	int same =
	    doctext_decode((const unsigned char *)enc->buf, enc->len, lookup, &t, &out, NULL) == VT_OK &&
	    out.len == strlen(text) && !memcmp(out.buf, text, out.len);

	strbuf_release(&out);
	return same;
}

/* The pieces kept as written, each in brackets, and the number of copies. */
static char *written_pieces(const struct strbuf *enc, size_t *copies)
{
	const unsigned char *b = (const unsigned char *)enc->buf;
	struct strbuf sb = STRBUF_INIT;
	size_t i = 1;
	uint64_t v, tag;

	*copies = 0;
	varint_next(b, enc->len, &i, &v);
	while (varint_next(b, enc->len, &i, &tag)) {
		if (tag & 1) {
			varint_next(b, enc->len, &i, &v);
			varint_next(b, enc->len, &i, &v);
			(*copies)++;
			continue;
		}
		strbuf_addch(&sb, '[');
		strbuf_add(&sb, b + i, (size_t)(tag >> 1));
		strbuf_addch(&sb, ']');
		i += (size_t)(tag >> 1);
	}
	return strbuf_detach(&sb, NULL);
}

#define L1 "Nasjonal e-helsestrategi og handlingsplan for samhandling mellom kommuner og sykehus"
#define L2 "Direktoratet for e-helse legger fram status for arbeidet med felles grunnmur i sektoren"
#define L3 "Forslag til vedtak: NUFA tar saken til orientering og ber om en ny sak i neste møte"

/*
 * Keeps `text` against v[0..n) and checks that it reads back, that the
 * pieces kept as written are `want` and that `copies` were copied.
 */
static void check_pieces(const char *what, const char *text, struct doctext_slide *v, size_t n,
			 const char *want, size_t copies)
{
	struct strbuf enc = STRBUF_INIT;
	size_t got;
	char *lits;

	ok(doctext_encode(text, strlen(text), v, n, &enc), "%s: kept as pieces", what);
	ok(reads_back(text, v, n, &enc), "%s: reads back byte for byte", what);
	lits = written_pieces(&enc, &got);
	is_str(lits, want, "%s: only what the slides lack is kept as written", what);
	is_int(got, copies, "%s: copies", what);
	free(lits);
	strbuf_release(&enc);
}

static void test_trailing_spaces_and_blank_lines(void)
{
	struct doctext_slide v[] = {slide(9, L3, 5), slide(7, L1 "\n" L2, 1)};

	/* The spaces after L1, the blank lines before L3 and the last line end; L1, "\n" L2, L3 copied. */
	check_pieces("two slides", L1 "  \n" L2 "\n\n\n" L3 "\n", v, 2, "[  ][\n\n\n][\n]", 3);
}

static void test_cleaned_and_crlf(void)
{
	/* A bullet glyph (U+F0B7) the reader took out before the line, a tab inside one, CRLF ends. */
	struct doctext_slide v[] = {slide(3, L1 "\n" L2 "\nEin linje " L3, 1)};

	/* The BOM; a CR; the bullet; a CR; the last line from its tab on, as the slide ends there. */
	check_pieces("a BOM, a bullet and CRLF",
		     "\xEF\xBB\xBF" L1 "\r\n\xEF\x82\xB7 " L2 "\r\nEin\tlinje " L3 "\r\n", v, 1,
		     "[\xEF\xBB\xBF][\r][\xEF\x82\xB7 ][\r][\tlinje " L3 "\r\n]", 4);
}

static void test_other_documents_slides(void)
{
	/* A meeting's slides from its minutes too, at lines that do not hold them here: unused. */
	struct doctext_slide v[] = {slide(1, L1 "\n" L2, 1), slide(2, "Referat fra møtet", 2),
				    slide(3, "Til stede: alle", 4), slide(4, L3, 5)};

	check_pieces("another document's slides beside", L1 "\n" L2 "\n\n\n" L3 "\n", v, 4, "[\n\n\n][\n]",
		     2);
}

static void test_not_worth_it(void)
{
	const char *text = "Sak 11/21 FHIR\nmye tekst som ikke er i noen lysbilder i det hele tatt her\n";
	struct doctext_slide v[] = {slide(1, "Sak 11/21 FHIR", 1)};
	struct strbuf enc = STRBUF_INIT;

	ok(!doctext_encode(text, strlen(text), v, 1, &enc), "a text mostly outside its slides is kept whole");
	is_int(enc.len, 0, "with nothing encoded");
	ok(!doctext_encode(text, strlen(text), NULL, 0, &enc), "as is a text without slides");
	strbuf_release(&enc);
}

static void add_slides(struct doctext_slide **v, size_t *n, const struct slide *s, size_t ns)
{
	size_t i;

	for (i = 0; i < ns; i++) {
		*v = realloc(*v, (*n + 1) * sizeof(**v));
		(*v)[*n] = (struct doctext_slide){(int64_t)(100 + *n * 3), s[i].text, s[i].len, s[i].line};
		(*n)++;
	}
}

static void test_a_deck_as_read(void)
{
	const char *text = "NUFA  - Webinar \n\n3. – 4. januar 2021\n\n\n\n"
			   "Sak 11/21: Nasjonal API-strategi for FHIR\n Forslag til vedtak\n\n"
			   "NUFA slutter seg til strategien. \n\n\n\n"
			   "\xEF\x82\xB7 Kjernejournal   \n\xEF\x82\xB7 e-resept\n\n\n\n"
			   "Kontaktperson: Kari Nordmann\n";
	struct deck *d = NULL;
	struct doctext_slide *v = NULL;
	struct strbuf enc = STRBUF_INIT;
	size_t n = 0, i;

	if (!ok(deck_parse("deck.txt", text, strlen(text), &d, NULL) == VT_OK, "the deck reads")) {
		deck_free(d);
		return;
	}
	for (i = 0; i < d->ncases; i++)
		add_slides(&v, &n, d->cases[i].slides, d->cases[i].nslides);
	add_slides(&v, &n, d->other, d->nother);
	ok(n >= 3, "into slides (%zu)", n);
	ok(doctext_encode(text, strlen(text), v, n, &enc), "the deck's text is kept as pieces of its slides");
	ok(reads_back(text, v, n, &enc), "and reads back byte for byte");
	free(v);
	strbuf_release(&enc);
	deck_free(d);
}

static void test_damage_is_refused(void)
{
	const char *text = L1 "  \n" L2 "\n\n\n" L3 "\n";
	struct doctext_slide v[] = {slide(7, L1 "\n" L2, 1), slide(9, L3, 5)};
	struct doctext_slide shorter[] = {slide(7, L1, 1), slide(9, L3, 5)};
	struct table t = {v, 2}, tw = {v, 1}, ts = {shorter, 2};
	struct strbuf enc = STRBUF_INIT, out = STRBUF_INIT;
	struct vt_diag diag;
	size_t k, refused = 0;

	doctext_encode(text, strlen(text), v, 2, &enc);
	for (k = 0; k < enc.len; k++)
		refused += doctext_decode((const unsigned char *)enc.buf, k, lookup, &t, &out, NULL) != VT_OK;
	is_int(refused, enc.len, "every cut of the encoding is refused");
	is_int(doctext_decode((const unsigned char *)enc.buf, enc.len, lookup, &tw, &out, &diag),
	       VT_ERR_FORMAT, "a slide its meeting lacks is refused");
	is_str(diag.msg, "its kept text names slide 9, which its meeting does not have", "and named");
	is_int(doctext_decode((const unsigned char *)enc.buf, enc.len, lookup, &ts, &out, &diag),
	       VT_ERR_FORMAT, "a copy past a slide's end is refused");
	enc.buf[0] = 'T';
	is_int(doctext_decode((const unsigned char *)enc.buf, enc.len, lookup, &t, &out, NULL), VT_ERR_FORMAT,
	       "another first byte is refused");
	strbuf_release(&enc);
	strbuf_release(&out);
}

int main(void)
{
	test_trailing_spaces_and_blank_lines();
	test_cleaned_and_crlf();
	test_other_documents_slides();
	test_not_worth_it();
	test_a_deck_as_read();
	test_damage_is_refused();
	return done_testing();
}
