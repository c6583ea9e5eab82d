/*
 * fuzz_query.c: libFuzzer target for the query parser, its plan, and hit
 * finding and snippets with the compiled query over a fixed case.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/query.h"
#include "core/snippet.h"
#include "core/strbuf.h"
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
		char *plan;
		size_t n, i;

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
