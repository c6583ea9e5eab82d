/*
 * test_lexicon.c: unit tests for what search understands of words (issue
 * 13): abbreviation definitions, compound splits, spelling distance and
 * plain words read as facets. Each text is made by hand for one point.
 */
#include <stdlib.h>
#include <string.h>

#include "core/abbrev.h"
#include "core/compound.h"
#include "core/query.h"
#include "core/spell.h"
#include "core/strbuf.h"
#include "tap.h"

static void collect(void *arg, const char *abbr, const char *long_form)
{
	struct strbuf *sb = arg;

	strbuf_addf(sb, "%s%s=%s", sb->len ? "; " : "", abbr, long_form);
}

static void mined(const char *text, const char *want, const char *what)
{
	struct strbuf sb = STRBUF_INIT;

	abbrev_mine(text, strlen(text), collect, &sb);
	is_str(sb.len ? sb.buf : "", want, "%s", what);
	strbuf_release(&sb);
}

static void test_abbrev(void)
{
	mined("Tjenesten går over Norsk helsenett (NHN) til alle.", "NHN=Norsk helsenett",
	      "long form, then the abbreviation in parentheses");
	mined("Data fra Helsedataservice (HDS) brukes.", "HDS=Helsedataservice",
	      "a one-word long form gives letters from inside the word");
	mined("Vi bruker NHN (Norsk helsenett) for dette.", "NHN=Norsk helsenett",
	      "the abbreviation, then the long form in parentheses");
	mined("Sentral forskrivningsmodul SFM", "SFM=Sentral forskrivningsmodul",
	      "an upper-case abbreviation right after its long form, no parentheses");
	mined("• EHDS – European Health Data Space\n", "EHDS=European Health Data Space",
	      "ABBR – long form at the start of a line, after a bullet");
	mined("KJ: kjernejournal for alle innbyggere\n", "KJ=kjernejournal",
	      "ABBR: long form takes the shortest run of words that holds the letters");
	mined("Overordna nasjonale\ninformasjonsmodeller for helse\n(Helse-NIM)",
	      "Helse-NIM=nasjonale informasjonsmodeller for helse",
	      "a word and letters: the letters spell the long form, the word is among its words");
	mined("Norsk\nhelsenett (NHN)", "NHN=Norsk helsenett",
	      "a long form wrapped over two lines is one line");
	mined("JD Dokumentdeling Deling av journaldokumenter\nKI Kritisk informasjon Kritisk informasjon kan "
	      "endres\n",
	      "KI=Kritisk informasjon", "a glossary row: each word of the long form gives a letter");
	mined("NUFA drøftet saken og ba om innspill.\n", "",
	      "a sentence that starts with a body is no glossary row");
	mined(
	    "Helseplattformen (HMN) er tatt i bruk.", "",
	    "a letter of a one-word long form in its ending is no part of it (HMN is not Helseplattformen)");
	mined("Registre (FarmaStat) og andre kilder", "", "a name in mixed case is no abbreviation");
	mined("Dette ble lagt fram i møte i NUFA i april.", "", "a body named after words is no definition");
	mined("Rapporten (2021) er klar.", "", "a year in parentheses is no abbreviation");
	mined("Helse Sør-Øst RHF leverer.", "", "RHF is not spelt by the words before it");
	mined("Status for arbeidet (se vedlegg).", "",
	      "words in parentheses after a lower-case word are no definition");
	mined("Det europeiske helsedataområdet (EHDS) og (HDS)", "",
	      "the letters must be found in order, the first at a word start");
	mined("HL7 – Health Level 7\n", "HL7=Health Level 7",
	      "a digit of the abbreviation is found as itself");
	mined("Standarden Health Level 7 (HL7) brukes.", "HL7=Health Level 7",
	      "a digit, and the long form before the parentheses");
}

/* The vocabulary: "word" or "word=count" (a count of 10 when none is given). */
static size_t vocabulary(void *arg, const char *w)
{
	const char *const *words = arg;

	for (; *words; words++) {
		const char *eq = strchr(*words, '=');
		size_t n = eq ? (size_t)(eq - *words) : strlen(*words);
		if (strlen(w) == n && !strncmp(*words, w, n))
			return eq ? (size_t)atoi(eq + 1) : 10;
	}
	return 0;
}

static void split(const char *word, const char *const *vocab, const char *want, const char *what)
{
	char *m = NULL, *h = NULL;
	struct strbuf sb = STRBUF_INIT;

	if (compound_split(word, vocabulary, (void *)vocab, &m, &h))
		strbuf_addf(&sb, "%s+%s", m, h);
	is_str(sb.len ? sb.buf : "", want, "%s", what);
	free(m);
	free(h);
	strbuf_release(&sb);
}

static void test_compound(void)
{
	static const char *const vocab[] = {"kodeverk",	 "forvaltning", "forskrivning", "modul", "helse",
					    "helsedata", "service",	"data",		"kode",	 "verk",
					    NULL};

	split("kodeverkforvaltning", vocab, "kodeverk+forvaltning", "two known words");
	split("forskrivningsmodul", vocab, "forskrivning+modul", "the linking s is no part of the modifier");
	split("helsedataservice", vocab, "helsedata+service",
	      "the even split wins over helse + dataservice (not a word here anyway)");
	split("kodeverk", vocab, "kode+verk", "a known word can still be two words");
	split("journalforvaltning", vocab, "", "no split when one side is unknown");
	split("bilverk", vocab, "", "a part of three letters is not split off");
	{
		static const char *const stray[] = {"informasjon=40", "informasjons=12", "sikkerhet=30",
						    "ssikkerhet=1", NULL};
		split(
		    "informasjonssikkerhet", stray, "informasjon+sikkerhet",
		    "the split whose rarer part is more common wins over a more even one with a stray word");
	}
}

static void test_spell(void)
{
	is_int(spell_distance("kjernjournal", "kjernejournal", 2), 1, "one missing letter is one edit");
	is_int(spell_distance("terminolgi", "terminologi", 2), 1, "one missing letter inside");
	is_int(spell_distance("drøfitng", "drøfting", 2), 1, "two neighbours swapped is one edit");
	is_int(spell_distance("hjemmeoppfølging", "hjemmeoppfolging", 2), 1,
	       "ø for o is one edit, not two bytes");
	is_int(spell_distance("fhir", "kunstig", 2), 3, "far words stop counting above the bound");
	is_int(spell_max_edits(4), 1, "a short word may be one edit off");
	is_int(spell_max_edits(12), 2, "a long word may be two edits off");
}

static enum qfield people(void *arg, const char *w)
{
	(void)arg;
	return !strcasecmp(w, "Helsedirektoratet") ? QF_ORG
	       : !strcasecmp(w, "Aksnes")	   ? QF_PRESENTER
						   : QF_ANY;
}

static void reading(const char *text, const char *want, const char *what)
{
	struct query *q = NULL;
	struct vt_diag diag;
	struct strbuf sb = STRBUF_INIT;

	if (query_compile(text, &q, &diag) != VT_OK) {
		ok(0, "%s: compiles (%s)", what, diag.msg);
		return;
	}
	query_read_facets(q, people, NULL);
	query_describe_reading(q, &sb);
	is_str(sb.buf ? sb.buf : "", want, "%s", what);
	query_free(q);
	strbuf_release(&sb);
}

static void test_facets(void)
{
	reading("drøfting 2022", "drøfting as type:Drøfting, 2022 as year:2022", "a type word and a year");
	reading("hjemmeoppfølging NUIT 2019", "NUIT as body:NUIT, 2019 as year:2019", "a body and a year");
	reading("drofting", "drofting as type:Drøfting", "a type word typed without ø");
	reading("DRØFTING", "DRØFTING as type:Drøfting", "a type word in capitals");
	reading("orienteringssaker", "orienteringssaker as type:Orientering", "a type word with an ending");
	reading("Helsedirektoratet fhir", "Helsedirektoratet as org:Helsedirektoratet",
		"an organisation the archive knows");
	reading("aksnes", "aksnes as presenter:aksnes", "a presenter's surname the archive knows");
	reading("\"2022\" fhir", "", "a quoted year is text");
	reading("fhir OR 2022", "", "a word in an OR is not read");
	reading("-2022 fhir", "", "a word left out is not read");
	reading("1234 orientere", "", "a number outside the years and a verb are text");
	reading("year:2021 2022", "2022 as year:2022", "a field beside a plain year");
	reading("NUFA mars 2023", "NUFA as body:NUFA, mars as date:2023-03, 2023 as year:2023",
		"a month beside a year is that month");
	reading("mars fhir", "", "a month alone is text");
	reading("11/21", "11/21 as case:11/21", "a case number");
	reading("2021-09-01", "2021-09-01 as date:2021-09-01", "an ISO date");
	reading("01.09.2021", "01.09.2021 as date:2021-09-01", "a Norwegian date");
	reading("21. april 2021", "21. as date:2021-04-21, april as date:2021-04-21, 2021 as year:2021",
		"a day, a month and a year");
	reading("sept 2021", "sept as date:2021-09, 2021 as year:2021", "a month shortened to four letters");
}

int main(void)
{
	test_abbrev();
	test_compound();
	test_spell();
	test_facets();
	return done_testing();
}
