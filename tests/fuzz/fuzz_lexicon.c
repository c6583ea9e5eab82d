/*
 * fuzz_lexicon.c: libFuzzer target for what search understands of words:
 * the abbreviation miner over any text, compound splits against a small
 * vocabulary, the spelling distance and the curated list's parser.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/abbrev.h"
#include "core/compound.h"
#include "core/equiv.h"
#include "core/spell.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count(void *arg, const char *abbr, const char *long_form)
{
	size_t *n = arg;

	*n += strlen(abbr) + strlen(long_form) > 0;
}

/* Which words are known, and how common, by a cheap rule. */
static size_t known(void *arg, const char *w)
{
	(void)arg;
	return strlen(w) % 3;
}

static void each(void *arg, const char *key)
{
	(void)arg;
	(void)key;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	char *half = xstrndup(s, strlen(s) / 2), *m = NULL, *h = NULL;
	struct equivalents *e = NULL;
	struct vt_diag diag;
	size_t n = 0;

	abbrev_mine(s, strlen(s), count, &n);
	if (strlen(s) < 200 && compound_split(s, known, NULL, &m, &h)) {
		free(m);
		free(h);
	}
	(void)spell_distance(half, s + strlen(half), 2);
	if (equivalents_parse(s, strlen(s), &e, &diag) == VT_OK) {
		equivalents_each(e, half, each, NULL);
		equivalents_free(e);
	}
	free(half);
	free(s);
	return 0;
}
