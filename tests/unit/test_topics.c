/*
 * test_topics.c: unit tests for grouping cases into topics (issue 16):
 * standing items, references by number, signatures, and the grouping of
 * small hand-made archives.
 */
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/topics.h"
#include "core/words.h"
#include "tap.h"

static void test_standing(void)
{
	ok(topic_standing("Godkjenning av innkalling og dagsorden"), "approval of the agenda");
	ok(topic_standing("Godkjenning av referat fra NUFA 27. – 28. januar 2021"), "approval of minutes");
	ok(topic_standing("Orientering fra Direktoratet for e-helse"), "the directorate's news");
	ok(topic_standing("Orientering fra Helsedirektoratet"), "the news after the directorates merged");
	ok(topic_standing("Eventuelt"), "any other business");
	ok(topic_standing("Møteplan for NUIT 2023"), "the meeting plan");
	ok(topic_standing("12. Eventuelt"), "a number before the title");
	ok(!topic_standing("Orientering fra arbeidet med nasjonal e-helsestrategi og målbilde for 2030"),
	   "news of a piece of work is a topic");
	ok(!topic_standing("Godkjenningsordning for velferdsteknologi"),
	   "a word that begins like a standing one");
	ok(!topic_standing(NULL), "no title");
}

/* The references of `text` read from the spots its words show (topic_spots_word()). */
static void refs_spotted(struct wordizer *wz, const char *text, struct strbuf *out)
{
	struct topic_spots sp;
	struct index_tokens t = {STRBUF_INIT};

	memset(&sp, 0, sizeof(sp));
	sp.text = text;
	index_tokens_make_seeing(wz, text, strlen(text), &t, topic_spots_word, &sp);
	topic_references_spotted(text, strlen(text), &sp, out);
	topic_spots_release(&sp);
	index_tokens_release(&t);
}

/* The references of `text`, read at every byte and from the spots. */
static void refs(const char *text, const char *want, const char *what)
{
	struct wordizer *wz = wordizer_new();
	struct strbuf sb = STRBUF_INIT, spotted = STRBUF_INIT;

	topic_references(text, strlen(text), &sb);
	refs_spotted(wz, text, &spotted);
	is_str(sb.buf ? sb.buf : "", want, "%s", what);
	is_str(spotted.buf ? spotted.buf : "", want, "%s, from the spots", what);
	strbuf_release(&sb);
	strbuf_release(&spotted);
	wordizer_free(wz);
}

/*
 * Texts made of pieces that begin and end mentions in every way the
 * readers tell apart (a name after a letter, a hyphen, a byte beyond
 * ASCII, a line; "møtet" inside a word, in capitals, before a hyphen):
 * read from the spots, each gives what reading every byte gives.
 */
static void test_references_spotted(void)
{
	static const char *const pieces[] = {"NUFA",
					     "nufa",
					     "Nufa",
					     "NUIT",
					     "NEHS",
					     "e-helsestyret",
					     "E-helseråd",
					     "Nasjonalt e-helsestyre",
					     "nasjonalt fagutvalg",
					     "prioriteringsutvalget",
					     "møtet",
					     "MøTET",
					     "MØTET",
					     "formøtet",
					     "x",
					     "é",
					     "•",
					     "-",
					     "'",
					     " ",
					     "\n",
					     ". ",
					     "(",
					     "23. november 2022",
					     "25. – 26. januar 2023",
					     "sak 22/21",
					     "jf. 3/22",
					     "2",
					     "nufax",
					     "nasjonalt",
					     "e",
					     "en",
					     "pr",
					     "ø"};
	struct wordizer *wz = wordizer_new();
	unsigned seed = 12345;
	size_t t, k, differ = 0;

	for (t = 0; t < 20000; t++) {
		struct strbuf text = STRBUF_INIT, scanned = STRBUF_INIT, spotted = STRBUF_INIT;
		size_t n = 1 + t % 12;

		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			strbuf_addstr(&text, pieces[(seed >> 16) % (sizeof(pieces) / sizeof(*pieces))]);
		}
		topic_references(text.buf, text.len, &scanned);
		refs_spotted(wz, text.buf, &spotted);
		if (strcmp(scanned.buf ? scanned.buf : "", spotted.buf ? spotted.buf : "") && differ++ < 5)
			printf("# '%s': '%s' read, '%s' from the spots\n", text.buf, scanned.buf,
			       spotted.buf);
		strbuf_release(&text);
		strbuf_release(&scanned);
		strbuf_release(&spotted);
	}
	ok(differ == 0, "20,000 texts of pieces: the same references from the spots (%zu differ)", differ);
	wordizer_free(wz);
}

static void test_references(void)
{
	refs("Porteføljen har 19 tiltak, jf. sak 14/21.", "14/21", "jf. sak");
	refs("Saken ble drøftet i sak 19/2021 og i sak 22/21.", "19/21 22/21", "two, a long year too");
	refs("Se saksnr. 3/22 og jf. 4/22 (sak 3/22).", "3/22 4/22", "each once");
	refs("Tiltak 2019/2020 og 11/21 uten ord foran.", "",
	     "a number is a case only where the text says so");
	refs("Saken ble behandlet i NUIT 23. november 2022.", "m:2022-11-23:NUIT",
	     "a meeting by body and date");
	refs("Godkjenning av referat fra møtet 21. september 2022",
	     "m:2022-09-21:", "møtet: the case's own body");
	refs("referat fra møte i Nasjonalt e-helsestyre 25. – 26. januar 2023",
	     "m:2023-01-25:Nasjonalt_e-helsestyre", "a body of two words, a meeting of two days");
	refs("behandlet i NUIT 19. november", "", "a date without a year is left alone");
}

static void signature(const char *text, const char *want, const char *what)
{
	struct wordizer *wz = wordizer_new();
	struct strbuf sb = STRBUF_INIT;

	topic_signature(wz, text, &sb);
	is_str(sb.buf ? sb.buf : "", want, "%s", what);
	strbuf_release(&sb);
	wordizer_free(wz);
}

static void test_signature(void)
{
	signature("Digital hjemmeoppfølging – forslag til finansieringsmodell",
		  "digital hjemmeoppfølging finansieringsmodell",
		  "function words and what is done with the subject left out");
	signature("NUFA tar orienteringen til etterretning 2022", "",
		  "the committees' boilerplate says nothing");
	signature("KI i NAV og KI i NAV", "ki nav", "a two-letter abbreviation counts, each word once");
}

static void keywords(const char *text, size_t max, const char *want, const char *what)
{
	struct wordizer *wz = wordizer_new();
	struct strbuf sb = STRBUF_INIT;

	struct index_tokens tokens = {STRBUF_INIT};
	struct topic_keyword_count *count = topic_keyword_count_new();

	topic_keywords(wz, text, max, &sb);
	is_str(sb.buf ? sb.buf : "", want, "%s", what);
	strbuf_reset(&sb);
	index_tokens_make_seeing(wz, text, strlen(text), &tokens, topic_keyword_count_word, count);
	topic_keyword_count_end(count, max, &sb);
	is_str(sb.buf ? sb.buf : "", want, "%s (counted as the index's tokens are made)", what);
	index_tokens_release(&tokens);
	strbuf_release(&sb);
	wordizer_free(wz);
}

static void test_keywords(void)
{
	static const char text[] =
	    "Helseplattformen og helseplattform. Arkitektur for e-resept: arkitekturen og "
	    "arkitekturen. Eresept i 2022, 2022 og 2022. Vedtakene om vedtak, vedtak og "
	    "vedtakene. Helseplattformen. Sikkerhet.";

	keywords(
	    text, 40, "helseplattform*3 arkitektur*3 eresept*2 vedtak*2",
	    "stems counted over their forms, most used first, then the first used; short words, numbers, "
	    "function words and words used once left out");
	keywords(text, 2, "helseplattform*3 arkitektur*3", "no more than asked for");
	keywords("Status status status", 40, "", "a word of the committees' boilerplate is no keyword");
	keywords("Helse-Vest og helse-vest", 40, "helsevest*2",
		 "a hyphenated word counts whole, not its parts");
}

/* A small archive: each case its meeting, body, number, title words and slides. */
struct small {
	long meeting;
	const char *body, *number, *title, *slides;
	int standing;
	const char *refs, *date; /* NULL: none, 2022-01-01 */
};

static void grouped(const struct small *s, size_t n, const char *want, const char *what)
{
	struct topic_case *v = calloc(n, sizeof(*v));
	size_t *group = calloc(n, sizeof(*group)), i;
	struct strbuf sb = STRBUF_INIT;

	for (i = 0; i < n; i++)
		v[i] = (struct topic_case){s[i].meeting, s[i].body,   s[i].date ? s[i].date : "2022-01-01",
					   s[i].number,	 s[i].title,  "",
					   "",		 s[i].slides, s[i].refs ? s[i].refs : "",
					   s[i].standing};
	topics_group(v, n, group);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%zu", i ? " " : "", group[i]);
	is_str(sb.buf, want, "%s", what);
	strbuf_release(&sb);
	free(v);
	free(group);
}

static void test_group(void)
{
	/* Stems as topic_signature() writes them; "|" ends a title's subject. */
	const struct small shared[] = {
	    {1, "NUFA", "1/21", "hjemmeoppfølging | finansieringsmodell", "", 0, NULL, NULL},
	    {2, "NUIT", "5/22", "hjemmeoppfølging | arkitektur", "", 0, NULL, NULL},
	    {3, "NUFA", "2/22", "kjernejournal | deling", "", 0, NULL, NULL},
	    {4, "NUFA", "3/22", "legemiddelliste | utprøving", "", 0, NULL, NULL},
	    {5, "NUFA", "4/22", "terminologi | snomed", "", 0, NULL, NULL},
	};
	const struct small same_meeting[] = {
	    {1, "NUFA", "1/21", "hjemmeoppfølging | finansieringsmodell", "", 0, NULL, NULL},
	    {1, "NUFA", "2/21", "hjemmeoppfølging | arkitektur", "", 0, NULL, NULL},
	    {2, "NUFA", "3/22", "kjernejournal", "", 0, NULL, NULL},
	};
	const struct small standing[] = {
	    {1, "NUFA", "1/21", "godkjenning innkalling dagsorden", "", 1, NULL, NULL},
	    {2, "NUFA", "1/22", "godkjenning innkalling dagsorden", "", 1, NULL, NULL},
	    {3, "NUFA", "2/22", "kjernejournal", "", 0, NULL, NULL},
	};
	const struct small referred[] = {
	    {1, "NUFA", "14/21", "forskrivningsmodul", "", 0, NULL, NULL},
	    {2, "NUFA", "3/22", "reseptformidler", "", 0, "14/21", NULL},
	    {3, "NUIT", "14/21", "portefølje", "", 0, NULL, NULL},
	};

	grouped(shared, 5, "0 0 2 3 4", "a rare subject word shared across meetings and bodies is one topic");
	grouped(same_meeting, 3, "0 1 2", "two cases of one meeting are never one topic");
	grouped(standing, 3, "0 1 2", "standing items are never grouped, however alike");
	const struct small named[] = {
	    {1, "NUIT", "30/22", "hjemmeoppfølging | finansiering", "", 0, NULL, "2022-11-23"},
	    {1, "NUIT", "31/22", "portefølje | rapport", "", 0, NULL, "2022-11-23"},
	    {2, "NUFA", "5/23", "porteføljestyring", "portefølje*1 bildedeling*6", 0, "m:2022-11-23:NUIT",
	     "2023-03-15"},
	    {2, "NUFA", "6/23", "bildedeling", "", 0, "m:2022-11-23:NUIT", "2023-03-15"},
	};
	const struct small unnamed[] = {
	    {1, "NUIT", "30/22", "hjemmeoppfølging | finansiering", "", 0, NULL, "2022-11-23"},
	    {1, "NUIT", "31/22", "portefølje | rapport", "", 0, NULL, "2022-11-23"},
	    {2, "NUFA", "5/23", "porteføljestyring", "portefølje*1 bildedeling*6", 0, NULL, "2023-03-15"},
	    {2, "NUFA", "6/23", "bildedeling", "", 0, NULL, "2023-03-15"},
	};

	grouped(referred, 3, "0 0 2", "a reference by number joins its body's case, not another body's");
	grouped(unnamed, 4, "0 1 2 3", "the same without the meeting named: no words enough to join");
	grouped(named, 4, "0 1 1 3",
		"a meeting named by body and date joins its case most alike, and none when none is alike");
}

/*
 * Two pairs of cases that share several title words, each word shared by
 * one pair only, the words of the two pairs alternating in byte order
 * (alfa A-B, beta Z-B, delta A-B, ...). Each pair is a topic only when its
 * shared words are added up together, so the pairs must be sorted by both
 * cases. Case Z is number 32 and A number 0 among 40: their numbers differ
 * only past the low bits, where a sort by the second case alone, or by the
 * lowest bits, would leave B's pairs with A and Z interleaved.
 */
static void test_group_sums_each_pair(void)
{
	struct small v[40];
	char titles[40][16];
	struct strbuf want = STRBUF_INIT;
	size_t i;

	for (i = 0; i < 40; i++) {
		snprintf(titles[i], sizeof(titles[i]), "filler%02zu", i);
		v[i] = (struct small){(long)i + 1, "NUFA", "1/22", titles[i], "", 0, NULL, NULL};
		strbuf_addf(&want, "%s%zu", i ? " " : "", i == 32 || i == 33 ? (size_t)0 : i);
	}
	v[0].title = "alfa delta gamma omega";
	v[32].title = "beta epsilon kappa";
	v[33].title = "alfa beta delta epsilon gamma kappa omega";
	grouped(v, 40, want.buf,
		"a pair's shared words add up, however its words and another pair's alternate");
	strbuf_release(&want);
}

int main(void)
{
	test_standing();
	test_references();
	test_references_spotted();
	test_signature();
	test_keywords();
	test_group();
	test_group_sums_each_pair();
	return done_testing();
}
