/*
 * test_parse.c: the deck parser on small hand-made decks, one per class of
 * irregularity real exports have (see ../shared/seeds/HAZARDS.md and the
 * import issue), plus the agenda-row and member-change splitters.
 */
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/members.h"
#include "core/names.h"
#include "core/parse.h"
#include "tap.h"

static struct deck *parse(const char *text)
{
	struct deck *d = NULL;
	struct vt_diag diag;
	enum vt_status st = deck_parse("test.txt", text, strlen(text), &d, &diag);

	if (st != VT_OK)
		printf("# parse failed: %s\n", diag.msg);
	return d;
}

static bool has_warning(const struct deck *d, const char *needle)
{
	size_t i;

	for (i = 0; i < d->nwarnings; i++)
		if (strstr(d->warnings[i].msg, needle))
			return true;
	return false;
}

static bool slides_contain(const struct deck_case *c, const char *needle)
{
	size_t i;

	for (i = 0; i < c->nslides; i++)
		if (strstr(c->slides[i].text, needle))
			return true;
	return false;
}

/* A well-formed deck: heading, members, agenda, two cases. */
static const char basic[] = "\nNUFA - Webinar\n\n21. – 22. april 2021\n\n\n\n"
			    "Endringer i representanter i NUFA\n\n"
			    "\xEF\x82\x97 Kari Nordmann, Helse Vest RHF\n\n\n\n"
			    "Sak Agenda NUFA Presenterer saken Tid Sakstype\n"
			    " Dag 1 – onsdag 21. april 2021\n\n"
			    "9/21 Godkjenning av innkalling og dagsorden Ola Hansen 10:00 Godkjenning\n"
			    " Pause  10:30\n"
			    "10/21 Strategi for deling av helsedata \n\nog journal\n"
			    "Per Ludvig Skjerven og Anne Berg 10:45 Drøfting\n\n\n\n"
			    "Sak 9/21: Godkjenning av innkalling \n"
			    "og dagsorden\n"
			    " Forslag til vedtak\n\n"
			    "NUFA godkjenner innkalling og dagsorden.\n\n\n\n"
			    "Sak 10/21: Strategi for deling av helsedata og journal\n"
			    " Bakgrunn\n\n"
			    "\xEF\x82\x97 Første punkt\n\nSide 4\n\n\n\n"
			    "Forslag til vedtak\n\n"
			    "NUFA drøfter saken og ber direktoratet ta med seg \n"
			    "innspillene.\n\n\n\nTakk for i dag!\n";

static void test_basic(void)
{
	struct deck *d = parse(basic);

	if (!ok(d != NULL, "a well-formed deck parses"))
		return;
	is_str(d->body, "NUFA", "body");
	is_str(d->venue, "Webinar", "venue after the dash");
	is_str(d->start_date, "2021-04-21", "start date");
	is_str(d->end_date, "2021-04-22", "end date");
	is_int(d->nmembers, 1, "one member change");
	is_str(d->members[0].person, "Kari Nordmann", "member name");
	is_str(d->members[0].organization, "Helse Vest RHF", "member organisation");
	is_int(d->ncases, 2, "two cases");
	is_str(d->cases[0].title, "Godkjenning av innkalling og dagsorden", "wrapped heading joined");
	is_str(d->cases[0].decision, "NUFA godkjenner innkalling og dagsorden.", "decision");
	is_int(d->cases[0].type, DECISION_GODKJENNING, "type from the agenda");
	is_int(d->cases[0].type_source, SOURCE_AGENDA, "source agenda");
	is_str(d->cases[0].time, "10:00", "time from the agenda");
	is_int(d->cases[0].day, 1, "day from the agenda");
	is_int(d->cases[0].npresenters, 1, "one presenter");
	is_str(d->cases[0].presenters[0].name, "Ola Hansen", "presenter split from a one-line row");
	is_str(d->cases[1].agenda_title, "Strategi for deling av helsedata og journal",
	       "agenda title across a blank line");
	is_int(d->cases[1].npresenters, 2, "two presenters joined by og");
	is_str(d->cases[1].presenters[1].name, "Anne Berg", "second presenter");
	is_str(d->cases[1].title, "Strategi for deling av helsedata og journal",
	       "a slide title glued on with a leading space is not part of the title");
	is_str(d->cases[1].decision, "NUFA drøfter saken og ber direktoratet ta med seg innspillene.",
	       "wrapped decision joined");
	ok(slides_contain(&d->cases[1], "Første punkt") && !slides_contain(&d->cases[1], "\xEF\x82\x97"),
	   "slides keep the text without the private-use bullet");
	ok(d->cases[1].nslides >= 2 && d->cases[1].slides[0].page &&
	       !strcmp(d->cases[1].slides[0].page, "Side 4"),
	   "the slide's page label");
	ok(!slides_contain(&d->cases[1], "Takk for i dag"), "the closing slide is not part of the last case");
	is_int(d->nagenda, 3, "agenda rows including the break");
	is_str(d->agenda[1].title, "Pause", "break row label");
	is_str(d->agenda[1].time, "10:30", "break row time");
	deck_free(d);
}

static void test_no_heading(void)
{
	struct deck *d = parse("Sak 3/23: Status for NUFA-arbeidet\n\nForslag til vedtak\n\n"
			       "NUFA tar saken til orientering.\n\n\n\nNUFA 14. mars 2023\n");

	if (!ok(d != NULL, "a deck with no meeting heading parses"))
		return;
	is_str(d->body, "NUFA", "body guessed from the text");
	is_str(d->start_date, "2023-03-14", "date guessed from a line naming the body");
	ok(has_warning(d, "no meeting heading"), "and a warning says so");
	is_int(d->cases[0].type_source, SOURCE_INFERRED, "type inferred without an agenda");
	is_int(d->cases[0].type, DECISION_ORIENTERING, "inferred Orientering");
	deck_free(d);
}

static void test_heading_without_colon(void)
{
	struct deck *d = parse("Nasjonalt e-helsestyret\n12. mars 2020\n\n\n\n"
			       "Sak 4/20\n"
			       "Nasjonal e-helseportefølje\n\n\n\n"
			       "Sak 5/20 Finansiering av felles løsninger\n\n\n\n"
			       "Forslag til vedtak\n\nStyret drøfter saken.\n");

	if (!ok(d != NULL, "headings without a colon parse"))
		return;
	is_str(d->body, "Nasjonalt e-helsestyre", "alias Nasjonalt e-helsestyret");
	is_int(d->ncases, 2, "two cases");
	is_str(d->cases[0].title, "Nasjonal e-helseportefølje", "title on the line after 'Sak 4/20'");
	is_str(d->cases[1].title, "Finansiering av felles løsninger", "title after the number, no colon");
	deck_free(d);
}

static void test_label_after_text(void)
{
	struct deck *d =
	    parse("NUFA - Oslo\n1. juni 2022\n\n\n\n"
		  "Sak 7/22: Felles språk\n\n\n\nInnhold\n\n\n\n"
		  "NUFA drøftet saken og ba direktoratet \n"
		  "ta med innspill.\n"
		  "Forslag til vedtak\n\n\n\n"
		  "Sak 8/22: Neste sak\n\nForslag til vedtak\n\nNUFA tar saken til orientering.\n");

	if (!ok(d != NULL, "label after its text parses"))
		return;
	is_str(d->cases[0].decision, "NUFA drøftet saken og ba direktoratet ta med innspill.",
	       "the decision above its label");
	is_str(d->cases[1].decision, "NUFA tar saken til orientering.", "and the usual order after it");
	deck_free(d);
}

static void test_footer_in_decision(void)
{
	struct deck *d = parse("NUFA - Oslo\n1. juni 2022\n\n\n\n"
			       "Sak 9/22: Helsedata\n\n\n\n"
			       "Forslag til vedtak\n\nHelsedirektoratet 50\n\n"
			       "NUFA drøftet saken og ba Helsedirektoratet om å \n\n\n\nSide 57\n\n\n\n"
			       "ta med innspillene. Helsedirektoratet \n\ntar saken videre.\n");

	if (!ok(d != NULL, "footers inside a decision parse"))
		return;
	is_str(
	    d->cases[0].decision,
	    "NUFA drøftet saken og ba Helsedirektoratet om å ta med innspillene. Helsedirektoratet tar saken "
	    "videre.",
	    "page footers are dropped, and the decision goes on past a page break mid-sentence");
	deck_free(d);
}

static void test_duplicates_and_run_on(void)
{
	struct deck *d =
	    parse("NUIT\n2. februar 2023\n\n\n\n"
		  "Agenda\n"
		  "5/23 Tittel fem Kari Nordmann 10:00 Orientering\n"
		  "6/23 Tittel seks Ola Hansen 10:30 Drøfting\n"
		  "7/23 Tittel sju Ola Hansen 11:00 Drøfting\n\n\n\n"
		  "Sak 5/23: Tittel fem\n\nForslag til vedtak\n\nNUIT tar saken til orientering.\n\n\n\n"
		  "Sak 6/23: Tittel seks\n\n\n\nPause\n\n\n\n"
		  "Mer innhold etter pausen\n\n\n\n"
		  "Sak 6/23: Tittel seks, del to\n\n\nNoe\n\n\n\nPause\n\n\n\n");

	if (!ok(d != NULL, "duplicate numbers parse"))
		return;
	is_str(d->body, "NUIT", "body NUIT");
	is_int(d->ncases, 4, "both 6/23 headings kept, and the agenda-only 7/23 added");
	is_str(d->cases[1].number, "6/23", "first 6/23");
	is_int(d->cases[1].occurrence, 1, "occurrence 1");
	is_int(d->cases[2].occurrence, 2, "occurrence 2");
	ok(has_warning(d, "more than one heading"), "a warning about the duplicate");
	ok(slides_contain(&d->cases[1], "Mer innhold etter pausen"),
	   "content after a break with no heading of its own runs on in the case");
	ok(!slides_contain(&d->cases[2], "Pause"), "a trailing break slide is not case content");
	is_str(d->cases[3].number, "7/23", "agenda row without a section becomes a case");
	ok(has_warning(d, "7/23 has no case section"), "and is warned about");
	ok(has_warning(d, "6/23 has no proposed decision"), "a case without a decision is warned about");
	deck_free(d);
}

static void test_not_headings(void)
{
	struct deck *d =
	    parse("NUFA - Videomøte\n1. – 2. september 2021\n\n\n\n"
		  "Endring i saker på agendaen\n\n"
		  "\xEF\x82\x97 Sak 22/21 har endret innretning fra drøfting til orientering, og nytt "
		  "forslag til vedtak\n"
		  "\xEF\x82\x97 Rekkefølgen er endret slik at sak 24/21 kommer før sak \n\n23/21\n\n\n\n"
		  "Sak 22/21: Felles hjelpenummer\n\n\n\nPlan for 2019/2020 og 2022/2023\n\n\n\n"
		  "Forslag til vedtak - endret\n\nNUFA tar saken til orientering.\n");

	if (!ok(d != NULL, "sentences mentioning cases parse"))
		return;
	is_int(d->ncases, 1, "a sentence starting 'Sak 22/21 har' is not a heading, nor a bare '23/21'");
	is_int(d->nagenda, 0, "nor an agenda row");
	is_int(d->cases[0].type, DECISION_ORIENTERING, "the announced type");
	is_int(d->cases[0].type_source, SOURCE_ANNOUNCED_CHANGE, "source announced_change");
	ok(d->cases[0].amended, "'Forslag til vedtak - endret' marks the decision amended");
	deck_free(d);

	/* A title that starts with a longer word than "Vedtak" is a case's; "Vedtak" alone is a slide's. */
	d = parse("NUFA - Oslo\n3. mars 2025\n\n\n\n"
		  "Sak 5/25: Oppfølging av e-helsestrategien\n\nStrategien drøftes.\n\n\n\n"
		  "Forslag til vedtak\n\nNUFA drøfter saken.\n\n\n\n"
		  "Sak 6/25: Vedtakene om legemiddellistene\n\nListene samles.\n\n\n\n"
		  "Sak 6/25: Vedtak\n\nSlik står det.\n\n\n\n"
		  "Forslag til vedtak\n\nNUFA godkjenner vedtakene om legemiddellistene.\n");
	if (!ok(d != NULL, "a case titled 'Vedtakene ...' parses"))
		return;
	is_int(d->ncases, 2, "'Sak 6/25: Vedtakene om ...' starts a case, 'Sak 6/25: Vedtak' does not");
	if (d->ncases == 2) {
		is_str(d->cases[1].title, "Vedtakene om legemiddellistene", "its title");
		is_str(d->cases[0].decision, "NUFA drøfter saken.", "the case before keeps its own decision");
		is_str(d->cases[1].decision, "NUFA godkjenner vedtakene om legemiddellistene.",
		       "and 6/25 has its own");
	}

	deck_free(d);
}

static void test_sak_agenda_rows(void)
{
	struct deck *d =
	    parse("Møte i NUFA\n\nScandic Ishavshotel, Tromsø\n\n24. – 25. april 2024\n\n\n\n"
		  "Agenda\n"
		  "Sak 11/24 Første sak Hans Löwe Larsen 11:00 Godkjenning\n"
		  "Sak 12/24 Andre sak Hans Løwe Larsen 11:10 Orientering\n\n\n\n"
		  "Sak 11/24: Første sak\n\nForslag til vedtak\n\nNUFA godkjenner.\n\n\n\n"
		  "Sak 12/24: Andre sak\n\nForslag til vedtak\n\nNUFA tar saken til orientering.\n");

	if (!ok(d != NULL, "agenda rows that start with 'Sak' parse"))
		return;
	is_str(d->venue, "Scandic Ishavshotel, Tromsø", "venue on its own line");
	is_int(d->ncases, 2, "agenda rows with 'Sak' are rows, not headings");
	is_str(d->cases[0].presenters[0].name, "Hans Löwe Larsen", "presenter as written");
	is_int(d->cases[1].type_source, SOURCE_AGENDA, "type from the Sak-prefixed row");
	deck_free(d);
}

static void test_bad_input(void)
{
	struct deck *d = NULL;
	struct vt_diag diag;

	is_int(deck_parse("x", "", 0, &d, &diag), VT_ERR_FORMAT, "empty input is refused");
	is_str(diag.msg, "empty file", "and named");
	is_int(deck_parse("x", "Sak 1/21: a\n\xFF\n", 14, &d, &diag), VT_ERR_FORMAT,
	       "invalid UTF-8 is refused");
	is_int(diag.line, 2, "on its line");
	ok(strstr(diag.msg, "byte offset 12") != NULL, "with its byte offset: %s", diag.msg);
	is_int(deck_parse("x", "ab\0cd", 5, &d, &diag), VT_ERR_FORMAT, "NUL bytes are refused");
	ok(strstr(diag.msg, "binary") != NULL, "as binary");
	is_int(deck_parse("x", "\xFF\xFEh\0", 4, &d, &diag), VT_ERR_FORMAT, "UTF-16 is refused");
	is_int(deck_parse("x", "Bare tekst\nuten saker\n", 22, &d, &diag), VT_ERR_FORMAT,
	       "no case, no import");
	ok(strstr(diag.msg, "no case") != NULL, "and says so");
	ok(d == NULL, "no deck on failure");

	d = parse("\xEF\xBB\xBFNUFA - Oslo\r\n1. juni 2022\r\n\r\n\r\n\r\nSak 1/22: Tittel\r\n\r\n"
		  "Forslag til vedtak\r\n\r\nNUFA tar saken til orientering.\r\n");
	if (ok(d != NULL, "a BOM and CRLF line ends are accepted")) {
		is_str(d->body, "NUFA", "body after the BOM");
		is_str(d->cases[0].decision, "NUFA tar saken til orientering.", "no CR left in the text");
		deck_free(d);
	}
}

static void check_row(const char *const *lines, size_t n, const char *title, const char *names,
		      const char *org)
{
	char *t, *nm, *o;

	agenda_split_row(lines, n, &t, &nm, &o);
	is_str(t, title, "row title: %s", title);
	is_str(nm, names, "row names: %s", names ? names : "none");
	is_str(o, org, "row organisation: %s", org ? org : "none");
	free(t);
	free(nm);
	free(o);
}

static void test_agenda_rows(void)
{
	const char *a[] = {"Orientering fra Direktoratet for e-helse Hans Løwe Larsen"};
	const char *b[] = {"Sentral forskrivningsmodul SFM Dag Hammer og Ida", "Nordmann"};
	const char *c[] = {"Digitalisering av den offentlige tannhelsetjenesten",
			   "Aksel Wikant, Knut Lindland", "Styringsgruppen for prosjektet",
			   "digitalisering av tannhelsetjenesten"};
	const char *d[] = {"Bedre tilgang (BTI)", "Sara-Charlotte Kallevig, Geir Kristian", "Hansen",
			   "Helsedirektoratet"};
	const char *e[] = {"Godkjenning av innkalling og dagsorden"};
	const char *f[] = {"Status Helse Sør-Øst Kari Nordmann"};

	check_row(a, 1, "Orientering fra Direktoratet for e-helse", "Hans Løwe Larsen", NULL);
	check_row(b, 2, "Sentral forskrivningsmodul SFM", "Dag Hammer, Ida Nordmann", NULL);
	check_row(c, 4, "Digitalisering av den offentlige tannhelsetjenesten", "Aksel Wikant, Knut Lindland",
		  "Styringsgruppen for prosjektet digitalisering av tannhelsetjenesten");
	check_row(d, 4, "Bedre tilgang (BTI)", "Sara-Charlotte Kallevig, Geir Kristian Hansen",
		  "Helsedirektoratet");
	check_row(e, 1, "Godkjenning av innkalling og dagsorden", NULL, NULL);
	check_row(f, 1, "Status Helse Sør-Øst", "Kari Nordmann", NULL);
	{
		/* Job titles after the names' commas, and one alone on the line below. */
		const char *g[] = {"Godkjenning av innkalling og saksliste", "Ingrid Vik, leder"};
		const char *h[] = {"Porteføljerapport for 3. tertial 2018 Ole Kristian Heggem,",
				   "porteføljeleder"};
		const char *k[] = {"Innføring av", "SNOMED CT Henrik Aas, programleder og Åse Lund,",
				   "fagdirektør"};

		check_row(g, 2, "Godkjenning av innkalling og saksliste", "Ingrid Vik", NULL);
		check_row(h, 2, "Porteføljerapport for 3. tertial 2018", "Ole Kristian Heggem", NULL);
		check_row(k, 3, "Innføring av SNOMED CT", "Henrik Aas, Åse Lund", NULL);
	}
	{
		/* Each presenter's organisation after the name: in brackets, or after a comma below
		 * the title's line; one shared stays the row's. */
		const char *k2[] = {"Helsenorge – veikart Siv Brekke (Norsk Helsenett) og",
				    "Ola Hansen (Norsk Helsenett)"};
		const char *g[] = {"Ny organisering av e-helseområdet Hanne Tollefsen Ruud (E-helse) og",
				   "Eirik Nordvik (HOD)"};
		const char *h[] = {"Kunstig intelligens – veikart", "Sunniva Lie, Helsedirektoratet og Ola",
				   "Brenden, Norsk Helsenett SF"};

		/* Two organisations: the row keeps neither for both. */
		check_row(g, 2, "Ny organisering av e-helseområdet", "Hanne Tollefsen Ruud, Eirik Nordvik",
			  NULL);
		check_row(h, 3, "Kunstig intelligens – veikart", "Sunniva Lie, Ola Brenden", NULL);
		check_row(k2, 2, "Helsenorge – veikart", "Siv Brekke, Ola Hansen", "Norsk Helsenett");
	}
}

/* An agenda row typed with two types, "Orientering/drøfting": the row still ends at its type. */
static void test_agenda_row_of_two_types(void)
{
	struct deck *d =
	    parse("NUFA – Oslo\n\n12. juni 2024\n\n\n\n"
		  "Sak Agenda NUFA  Presenterer saken Tid Sakstype\n"
		  "21/24 Nasjonal kjernejournal for kommunene Synnøve Halvorsrud 09:40 Drøfting\n"
		  "22/24 FHIR-profiler for henvisning Aslak Grønnevik og Kåre Dyrdal 10:55 "
		  "Orientering/drøfting\n\n\n\n"
		  "Sak 21/24: Nasjonal kjernejournal for kommunene\n\nForslag til vedtak\n\n"
		  "NUFA drøfter saken.\n\n\n\n"
		  "Sak 22/24: FHIR-profiler for henvisning\n\nForslag til vedtak\n\n"
		  "NUFA tar saken til orientering.\n");
	const struct deck_case *c = d && d->ncases == 2 ? &d->cases[1] : NULL;

	ok(c != NULL, "two cases");
	if (c) {
		is_str(c->agenda_title, "FHIR-profiler for henvisning", "the row's title, without its type");
		ok(c->npresenters == 2 && !strcmp(c->presenters[1].name, "Kåre Dyrdal"),
		   "its two presenters");
		is_str(c->time, "10:55", "its time");
		is_str(case_type_text(c), "Orientering/drøfting", "its type as written");
		ok(c->type == DECISION_ORIENTERING && c->type_source == SOURCE_AGENDA, "from the agenda");
	}
	deck_free(d);
}

static void check_member(const char *text, const char *person, const char *org, const char *replaces,
			 const char *note)
{
	struct member_change m;

	memset(&m, 0, sizeof(m));
	members_split_item(&m, text);
	is_str(m.person, person, "member person in '%s'", text);
	is_str(m.organization, org, "member organisation in '%s'", text);
	is_str(m.replaces, replaces, "member replaces in '%s'", text);
	is_str(m.note, note, "member note in '%s'", text);
	free(m.kind);
	free(m.person);
	free(m.organization);
	free(m.replaces);
	free(m.note);
}

static void test_members(void)
{
	check_member("Line Andreassen Sæle fra FHI. Hun erstatter Peter Holmes.", "Line Andreassen Sæle",
		     "FHI", "Peter Holmes", NULL);
	check_member("Tove Sørensen Helse Nord IKT stiller dag 2 for Randi Brendberg.", "Tove Sørensen",
		     "Helse Nord IKT", "Randi Brendberg", "dag 2");
	check_member("Øystein Berg-Sletteng, Helse Nord RHF, stiller for Øyvind Broback begge dagene.",
		     "Øystein Berg-Sletteng", "Helse Nord RHF", "Øyvind Broback", "begge dagene");
	check_member("Sunniva Rognerud, Kommuneoverlege fra Steinkjer kommune", "Sunniva Rognerud",
		     "Steinkjer kommune", NULL, "Kommuneoverlege");
}

static void test_names(void)
{
	size_t at, len;

	is_str(body_find("Møte i NEHS", 12, &at, &len), "Nasjonalt e-helsestyre",
	       "NEHS is the e-health board");
	is_str(body_find("NUFA-saken", 10, &at, &len), "NUFA", "NUFA inside a compound with a dash");
	ok(body_find("KONUFAB", 7, &at, &len) == NULL, "no body inside another word");
	ok(org_like("Helsedirektoratet", 17), "Helsedirektoratet is an organisation");
	ok(!org_like("Hansen", 6), "Hansen is not");
}

int main(void)
{
	test_basic();
	test_no_heading();
	test_heading_without_colon();
	test_label_after_text();
	test_footer_in_decision();
	test_duplicates_and_run_on();
	test_not_headings();
	test_sak_agenda_rows();
	test_bad_input();
	test_agenda_rows();
	test_agenda_row_of_two_types();
	test_members();
	test_names();
	return done_testing();
}
