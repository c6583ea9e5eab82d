/*
 * fuzz_lexicon.c: libFuzzer target for what search understands of words:
 * the abbreviation miner over any text, compound splits against a small
 * vocabulary, the spelling distance, the curated list's parser, and the
 * topics' readers (standing items, signatures, references) and grouping.
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
#include "core/strbuf.h"
#include "core/topics.h"
#include "core/util.h"
#include "core/words.h"

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
	{
		/* The input read as a case, and its halves as two cases of an archive. */
		struct wordizer *wz = wordizer_new();
		struct strbuf sig = STRBUF_INIT, kw = STRBUF_INIT, refs = STRBUF_INIT, sig2 = STRBUF_INIT;
		struct topic_case v[3];
		size_t group[3];

		(void)topic_standing(s);
		topic_signature(wz, s, &sig);
		topic_signature(wz, half, &sig2);
		topic_keywords(wz, s, 40, &kw);
		topic_references(s, strlen(s), &refs);
		v[0] = (struct topic_case){1,
					   "NUFA",
					   "2022-01-01",
					   "1/22",
					   sig.buf ? sig.buf : "",
					   half,
					   "",
					   kw.buf ? kw.buf : "",
					   refs.buf ? refs.buf : "",
					   false};
		v[1] = (struct topic_case){2,
					   "NUFA",
					   "2022-11-23",
					   "14/21",
					   sig2.buf ? sig2.buf : "",
					   "",
					   "",
					   "",
					   refs.buf ? refs.buf : "",
					   false};
		v[2] = (struct topic_case){2,  "NUIT", "2022-11-23", "1/22", sig.buf ? sig.buf : "",
					   "", "",     "",	     "",     strlen(s) % 2 == 0};
		topics_group(v, 3, group);
		strbuf_release(&sig);
		strbuf_release(&sig2);
		strbuf_release(&kw);
		strbuf_release(&refs);
		wordizer_free(wz);
	}
	free(half);
	free(s);
	return 0;
}
