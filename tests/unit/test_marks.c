/*
 * test_marks.c: where each slide and its title line begin among the words
 * of a case's slides column (db/rank.h), counted from the text and from
 * the index tokens the import makes; the positions are counted by hand.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deck.h"
#include "core/strbuf.h"
#include "core/words.h"
#include "db/rank.h"
#include "tap.h"

#define NSLIDES 5

static void check(const struct rank_marks *m, const uint32_t *want, size_t n, const char *how)
{
	bool same = m->n == n;
	size_t i;

	for (i = 0; same && i < n; i++)
		same = m->v[i] == want[i];
	ok(same, "%s: every slide's start and title end", how);
	if (!same)
		for (i = 0; i < m->n; i++)
			printf("#   got %u at %zu\n", (unsigned)m->v[i], i);
}

int main(void)
{
	char long_word[121];
	struct slide slides[NSLIDES] = {
	    {NULL, "\n\nFørste tittel her\nog mer tekst", 0, 1},
	    /* The parts of "e-helse" stand at its place: one word. */
	    {NULL, "Andre: e-helse strategi\nslutt", 0, 1},
	    {NULL, "", 0, 1},
	    /* A line without a word is no title; a word cut short in the index is still one. */
	    {NULL, NULL, 0, 1},
	    {NULL, "Siste", 0, 1},
	};
	/* start, title end: slide by slide */
	const uint32_t want[] = {0, 3, 6, 9, 10, 10, 10, 13, 14, 15};
	struct rank_marks text = {NULL, 0, 0, 0}, tokens = {NULL, 0, 0, 0};
	struct strbuf col = STRBUF_INIT, fourth = STRBUF_INIT;
	struct index_tokens t = {STRBUF_INIT};
	struct wordizer *wz = wordizer_new();
	size_t i;

	memset(long_word, 'a', sizeof(long_word) - 1);
	long_word[sizeof(long_word) - 1] = '\0';
	strbuf_addf(&fourth, "• –\nØkonomi og sør-øst\n%s", long_word);
	slides[3].text = fourth.buf;
	for (i = 0; i < NSLIDES; i++) {
		slides[i].len = strlen(slides[i].text);
		if (i)
			strbuf_addch(&col, '\n');
		strbuf_addstr(&col, slides[i].text);
		rank_marks_add(&text, slides[i].text, strlen(slides[i].text));
	}
	index_tokens_make(wz, col.buf, col.len, &t);
	rank_marks_tokens(&tokens, slides, NSLIDES, col.buf, &t);
	check(&text, want, sizeof(want) / sizeof(*want), "from the text");
	check(&tokens, want, sizeof(want) / sizeof(*want), "from the index tokens");

	free(text.v);
	free(tokens.v);
	index_tokens_release(&t);
	wordizer_free(wz);
	strbuf_release(&col);
	strbuf_release(&fourth);
	return done_testing();
}
