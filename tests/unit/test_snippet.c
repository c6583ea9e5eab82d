/*
 * test_snippet.c: what a result's passages mark (core/snippet.h). A word
 * of the query is marked wherever it stands; a phrase's words, and another
 * name's that an expansion found, only where they stand together. The
 * expected marks are the texts' own words, picked out by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "core/query.h"
#include "core/snippet.h"
#include "core/strbuf.h"
#include "tap.h"

/* The marked words of `text`, each in [brackets] as a terminal without colour shows them; extras in {braces}.
 */
static char *marked(const char *query, const char *names, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	struct query *q = NULL;
	struct matcher *m;
	struct vt_diag d;
	struct hit *v = NULL;
	size_t nv = 0, alloc = 0, i, at = 0;

	if (query_compile(query, &q, &d) != VT_OK)
		return strdup("(does not compile)");
	m = matcher_new(q);
	matcher_add_words(m, names);
	matcher_hits(m, text, strlen(text), &v, &nv, &alloc);
	for (i = 0; i < nv; i++) {
		strbuf_add(&sb, text + at, v[i].start - at);
		strbuf_addch(&sb, v[i].extra ? '{' : '[');
		strbuf_add(&sb, text + v[i].start, v[i].end - v[i].start);
		strbuf_addch(&sb, v[i].extra ? '}' : ']');
		at = v[i].end;
	}
	strbuf_addstr(&sb, text + at);
	free(v);
	matcher_free(m);
	query_free(q);
	return strbuf_detach(&sb, NULL);
}

static void marks(const char *query, const char *names, const char *text, const char *want)
{
	char *got = marked(query, names, text);

	is_str(got, want, "%s in '%s'", query, text);
	free(got);
}

int main(void)
{
	/* Words on their own: each wherever it stands. */
	marks("behov for", NULL, "Et behov for data, og planer for deling.",
	      "Et [behov] [for] data, og planer [for] deling.");
	/* A phrase: its words only where they stand together. */
	marks("\"behov for\"", NULL, "Et behov for data, og planer for deling.",
	      "Et [behov] [for] data, og planer for deling.");
	marks("\"behov for\"", NULL, "Behovet er stort, for alle. Ingen behov.",
	      "Behovet er stort, for alle. Ingen behov.");
	/* A phrase's words as written: the index finds "behov for", not "behovet for" nor "helsedata". */
	marks("\"behov for\" \"behov data\"", NULL, "Et behovet for helsedata", "Et behovet for helsedata");
	/* Punctuation between them is no word: the index reads "behov – for" as the phrase too. */
	marks("\"behov for\"", NULL, "Behov – for alle", "[Behov] – [for] alle");
	/* A word between them is. */
	marks("\"behov for\"", NULL, "behov ikke for alle", "behov ikke for alle");
	/* Each time the phrase stands, and a word of the query beside it still marked on its own. */
	marks("\"behov for\" helse", NULL, "behov for helse og behov for data; helse for alle",
	      "[behov] [for] [helse] og [behov] [for] data; [helse] for alle");
	/* A phrase's word inside a hyphenated word: the whole word, once. */
	marks("\"nasjonal helse-nim\"", NULL, "Nasjonal Helse-NIM i dag; Helse-NIM alene",
	      "[Nasjonal] [Helse-NIM] i dag; Helse-NIM alene");
	/* A part of a hyphenated word stands at its whole's place, next to the words beside the whole. */
	marks("\"ki i\"", NULL, "Vi tok i bruk KI-verktøy i helse", "Vi tok i bruk [KI]-verktøy [i] helse");
	marks("\"nasjonal nim\"", NULL, "Nasjonal Helse-NIM i dag", "[Nasjonal] Helse-[NIM] i dag");
	/* Two parts of one word stand at one place: not a phrase of two words, for the index either. */
	marks("\"helse nim\"", NULL, "Nasjonal Helse-NIM i dag", "Nasjonal Helse-NIM i dag");
	/* The whole word hits a word of the query on its own, its part the phrase: both marked, once. */
	marks("\"bruk ki\" verktøy", NULL, "Vi tok i bruk KI-verktøy", "Vi tok i [bruk] [KI-verktøy]");
	/* A phrase's word typed on its own too: that one is marked everywhere. */
	marks("\"behov for\" for", NULL, "Et behov for data, og planer for deling.",
	      "Et [behov] [for] data, og planer [for] deling.");
	/* A sign the tokenizer reads as no word (µ) is between the words, as punctuation is. */
	marks("\"behov for\"", NULL, "behov µ for alle", "[behov] µ [for] alle");
	/* Another name an expansion found, a line each: marked where it stands whole, as written. */
	marks("nufa", "nasjonalt fagutvalg for ehelse",
	      "NUFA er Nasjonalt fagutvalg for ehelse. Nasjonalt e-helsestyre for alle.",
	      "[NUFA] er {Nasjonalt} {fagutvalg} {for} {ehelse}. Nasjonalt e-helsestyre for alle.");
	/* A word of the query's phrase and of another name: the query's own. */
	marks("\"for ehelse\"", "nasjonalt fagutvalg for ehelse", "Nasjonalt fagutvalg for ehelse",
	      "{Nasjonalt} {fagutvalg} [for] [ehelse]");
	/* A compound's parts, each a line of its own: each marked wherever it stands. */
	marks("kodeverkforvaltning", "kodeverk\nforvaltning",
	      "Forvaltning av kodeverk, og annen forvaltning.",
	      "{Forvaltning} av {kodeverk}, og annen {forvaltning}.");
	return done_testing();
}
