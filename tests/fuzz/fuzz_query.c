/*
 * fuzz_query.c: libFuzzer target for the query parser, its plan, and hit
 * finding and snippets with the compiled query over a fixed case. The
 * input is the query; after a NUL byte, other names an expansion found (a
 * line each, matcher_add_words()); after a second, a text of its own to
 * find hits in, which must come in order and within it. The text must be
 * valid UTF-8, as every text the store keeps is (import checks it): PCRE2
 * is told so and does not check it again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/query.h"
#include "core/snippet.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char text[] =
    "NUFA drøftet saken og ba Direktoratet for e-helse ta med innspill. «Forsvarlig pasientbehandling "
    "uten IKT?» – Løwe, Löwe, får, far, vedtaket, e-helsestrategi, API-håndtering, FHIR R4, 11/21.";

static enum qfield person(void *arg, const char *word)
{
	(void)arg;
	return strlen(word) % 2 ? QF_PRESENTER : QF_ORG;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	struct query *q = NULL;
	struct vt_diag diag;

	if (query_compile(s, &q, &diag) == VT_OK) {
		struct deck_case c;
		struct snippet sn[3];
		struct matcher *m = matcher_new(q);
		struct strbuf reading = STRBUF_INIT;
		size_t used = strlen(s) + 1, n, i, nv = 0, alloc = 0;
		char *names = used < size ? xstrndup((const char *)data + used, size - used) : NULL;
		const char *own = names && used + strlen(names) + 1 < size
				      ? (const char *)data + used + strlen(names) + 1
				      : NULL;
		size_t own_len = own ? size - (size_t)(own - (const char *)data) : 0;
		struct hit *v = NULL;
		char *plan;

		matcher_add_words(m, names);
		if (own && utf8_invalid_offset(own, own_len) == own_len &&
		    matcher_hits(m, own, own_len, &v, &nv, &alloc) >= 0)
			for (i = 0; i < nv; i++)
				if (v[i].start >= v[i].end || v[i].end > own_len ||
				    (i && v[i].start < v[i - 1].start))
					abort();
		free(v);
		free(names);

		/* Plain words read as facets, with every word a presenter's name. */
		query_read_facets(q, person, NULL);
		query_describe_reading(q, &reading);
		strbuf_release(&reading);
		plan = query_describe(q);

		memset(&c, 0, sizeof(c));
		c.number = "11/21";
		c.title = (char *)text;
		c.decision = (char *)text + 20;
		n = snippets_make(m, &c, 3, sn);
		for (i = 0; i < n; i++)
			snippet_release(&sn[i]);
		matcher_free(m);
		free(plan);
	}
	query_free(q);
	free(s);
	return 0;
}
