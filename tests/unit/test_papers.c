/*
 * test_papers.c: the recognisers of notices and minutes (people, types,
 * page furniture, tables, labels), the merge of a meeting's documents and
 * the word diff, each on small documents written here by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deck.h"
#include "core/document.h"
#include "core/meeting.h"
#include "core/names.h"
#include "core/papers.h"
#include "core/pdf.h"
#include "core/util.h"
#include "core/worddiff.h"
#include "tap.h"

struct people {
	char buf[512];
};

static void collect(const char *name, const char *org, void *arg)
{
	struct people *p = arg;
	size_t l = strlen(p->buf);

	snprintf(p->buf + l, sizeof(p->buf) - l, "%s%s=%s", l ? "; " : "", name, org ? org : "-");
}

static const char *people(const char *s)
{
	static struct people p;

	p.buf[0] = '\0';
	papers_people(s, strlen(s), collect, &p);
	return p.buf;
}

static void test_people(void)
{
	ok(papers_person_name("Hilde Marstein Ravndal", 22), "three capitalised words are a name");
	ok(papers_person_name("Øyvind Sandvik", strlen("Øyvind Sandvik")), "a name may start with Ø");
	ok(!papers_person_name("Helse Vest RHF", 14), "an organisation with an abbreviation is no name");
	ok(!papers_person_name("Nasjonalt porteføljekontor", strlen("Nasjonalt porteføljekontor")),
	   "a lower-case word is no part of a name");
	ok(!papers_person_name("E-helse", 7), "one word is no name");
	is_str(people("Bente Aalgaard, E-helse og Rune Tveitnes, Helse Vest RHF"),
	       "Bente Aalgaard=E-helse; Rune Tveitnes=Helse Vest RHF",
	       "each name takes the organisation after it");
	is_str(people("Kjersti Lindahl og Arvid Dyrnes, E-helse"),
	       "Kjersti Lindahl=E-helse; Arvid Dyrnes=E-helse",
	       "two names share the organisation written after both");
	is_str(people("Bente Aalgaard (Direktoratet for e-helse) og Rune Tveitnes (Helse Vest RHF)"),
	       "Bente Aalgaard=Direktoratet for e-helse; Rune Tveitnes=Helse Vest RHF",
	       "organisations in parentheses");
	is_str(people("Ingunn Vatne (Helse- og omsorgsdepartementet)"),
	       "Ingunn Vatne=Helse- og omsorgsdepartementet",
	       "\"Helse- og omsorgs...\" is one organisation, not two names");
	is_str(people("Thor Steffensen"), "Thor Steffensen=-", "a name alone");
	is_str(people("Seniorrådgiver Kari Holm"), "Kari Holm=-", "a job title before the name is left out");
	is_str(people("Kari Holm, avdelingsdirektør, Direktoratet for e-helse"),
	       "Kari Holm=Direktoratet for e-helse",
	       "a job title after the name is neither a name nor an organisation");
	is_str(people("Prosjektleder Hanne Sol (KS) og fagdirektør Rune Moe (Drammen kommune)"),
	       "Hanne Sol=KS; Rune Moe=Drammen kommune", "titles in lower case too, each before its name");
	is_str(people("Helse Vest RHF"), "", "an organisation is not taken for a title and a name");
	is_str(people("Direktoratet for e-helse v/ Maria Lind og Sindre Aas"),
	       "Maria Lind=Direktoratet for e-helse; Sindre Aas=Direktoratet for e-helse",
	       "\"Org v/ Name\": the organisation first, for the names after it");
	ok(names_title_len("Fagsjef Ola Nordmann", strlen("Fagsjef Ola Nordmann")) == 8,
	   "\"Fagsjef \" is a title");
	ok(names_title_len("Leder Nordmann", strlen("Leder Nordmann")) == 6, "\"Leder\" is a title");
	ok(names_title_len("Helse Vest", strlen("Helse Vest")) == 0, "\"Helse\" is not a title");
}

static void test_types(void)
{
	struct deck_case c;
	char *w = NULL;

	ok(decision_facets_parse("Orientering/drøfting", strlen("Orientering/drøfting"), &w) ==
	       (DECISION_FACET(DECISION_ORIENTERING) | DECISION_FACET(DECISION_DROFTING)),
	   "Orientering/drøfting is in two facets");
	is_str(w, "Orientering/drøfting", "and is kept as written");
	free(w);
	ok(decision_facets_parse("O/D", 3, &w) != 0, "letter codes");
	is_str(w, "Orientering/drøfting", "O/D is written out");
	free(w);
	ok(decision_facets_parse("Vedtakssak", 10, NULL) == DECISION_FACET(DECISION_GODKJENNING),
	   "Vedtakssak is Godkjenning");
	ok(decision_facets_parse("Diskusjonssak", 13, NULL) == DECISION_FACET(DECISION_DROFTING),
	   "Diskusjonssak is Drøfting");
	ok(decision_facets_parse("Godkjenning av referat", 22, NULL) == 0, "a title is no type");
	ok(decision_facets_parse("Orienterings- og drøftingssak", strlen("Orienterings- og drøftingssak"),
				 &w) ==
	       (DECISION_FACET(DECISION_ORIENTERING) | DECISION_FACET(DECISION_DROFTING)),
	   "Orienterings- og drøftingssak is in two facets");
	is_str(w, "Orienterings- og drøftingssak", "and is kept as written");
	free(w);
	memset(&c, 0, sizeof(c));
	ok(case_set_type(&c, "D", 1, SOURCE_AGENDA), "a case's type from a letter");
	is_str(case_type_text(&c), "Drøfting", "D is Drøfting");
	ok(c.type == DECISION_DROFTING && !c.type_written, "a plain type needs no spelling of its own");
	deck_case_release(&c);
}

static struct deck *read_doc(const char *name, const char *text, enum vt_status *st)
{
	struct deck *d = NULL;
	struct vt_diag diag;
	char *copy = strdup(text);

	*st = document_read(name, copy, strlen(copy), &d, NULL, &diag);
	if (*st != VT_OK && strcmp(name, "x.txt") && strcmp(name, "x.pdf"))
		printf("# %s: %s\n", name, diag.msg);
	free(copy);
	return d;
}

static const char notice[] = "Møteinnkalling\n"
			     "\n"
			     "Møte i NUIT\n"
			     "\n"
			     "Møte      1/2024\n"
			     "Dato      7. feb. 24\n"
			     "Sted      Møterom 2,\n"
			     "          Oslo\n"
			     "\n"
			     "Medlemmer                     Observatører\n"
			     "Ola Nordmann (KS)             Kari Nordmann (HOD)\n"
			     "Per Hansen (Helse Nord\n"
			     "RHF)\n"
			     "\n"
			     "Sak    Tema                                   Tid     Sakstype\n"
			     "1/24   Oppstart av arbeid med felles          09.00\n"
			     "       språk i kommunene                              Drøfting\n"
			     "2/24   Status                                 10.00   Orientering\n"
			     "       Pause                                  10.30\n"
			     "\n"
			     "\fSak    Tema                                           Sakstype\n"
			     "1/24   Oppstart av arbeid med felles språk i kommunene Drøfting\n"
			     "       Forslag til vedtak:                            Vedlegg 1\n"
			     "       NUIT drøfter oppstarten og gir innspill til\n"
			     "\n"
			     "       Innkalling NUIT 7. februar 2024                side 2\n"
			     "\f       arbeidet.\n"
			     "\n"
			     "Sak    Tema                                           Sakstype\n"
			     "2/24   Status                                         Orientering\n"
			     "       Forslag til vedtak: NUIT tar saken til orientering.\n"
			     "\n"
			     "       Innkalling NUIT 7. februar 2024                side 3\n";

static void test_notice(void)
{
	enum vt_status st;
	struct deck *d = read_doc("n.txt", notice, &st);

	ok(st == VT_OK && d, "a small notice is read");
	if (!d)
		return;
	ok(d->kind == DOC_NOTICE, "as a notice");
	is_str(d->body, "NUIT", "body from \"Møte i NUIT\"");
	is_str(d->meeting_number, "1/2024", "meeting number");
	is_str(d->start_date, "2024-02-07", "an abbreviated month and a two-digit year");
	is_str(d->venue, "Møterom 2, Oslo", "a venue wrapped under its label");
	ok(d->nattendance == 3, "three people (got %zu)", d->nattendance);
	{
		const struct attendee *kari = NULL, *per = NULL;
		size_t i;
		for (i = 0; i < d->nattendance; i++) {
			if (!strcmp(d->attendance[i].name, "Kari Nordmann"))
				kari = &d->attendance[i];
			if (!strcmp(d->attendance[i].name, "Per Hansen"))
				per = &d->attendance[i];
		}
		ok(kari && kari->role == ROLE_OBSERVER, "the list beside the members' is the observers'");
		ok(per && per->role == ROLE_MEMBER && per->organization &&
		       !strcmp(per->organization, "Helse Nord RHF"),
		   "a wrapped entry joins its lines");
	}
	ok(d->ncases == 2, "two cases (got %zu)", d->ncases);
	if (d->ncases == 2) {
		is_str(d->cases[0].agenda_title, "Oppstart av arbeid med felles språk i kommunene",
		       "the agenda title without the type wrapped beside it");
		is_str(case_type_text(&d->cases[0]), "Drøfting", "the type from the wrapped row");
		is_str(d->cases[0].time, "09:00", "the time");
		is_str(d->cases[0].decision, "NUIT drøfter oppstarten og gir innspill til arbeidet.",
		       "a decision across a page footer and a page break, without the right-hand column");
		is_str(d->cases[1].decision, "NUIT tar saken til orientering.", "an inline proposal");
	}
	ok(d->nagenda == 3 && !d->agenda[2].number, "the break is an agenda row without a number");
	deck_free(d);
}

static const char minutes[] = "Referat\n"
			      "\n"
			      "Møte i NUIT\n"
			      "Dato      7. februar 2024\n"
			      "\n"
			      "Til stede:\n"
			      "Ola Nordmann (KS)\n"
			      "Anne Berg (Helse Nord RHF) for Per Hansen\n"
			      "\n"
			      "Forfall:\n"
			      "Per Hansen (Helse Nord RHF)\n"
			      "\n"
			      "Sak 1/2024   Oppstart av arbeid med felles språk i kommunene\n"
			      "\n"
			      "             Medlemmene støttet oppstarten.\n"
			      "\n"
			      "             NUIT drøftet oppstarten og ga innspill til arbeidet.\n"
			      "\n"
			      "Sak 2/2024   Status\n"
			      "\n"
			      "             Saken ble utsatt til neste møte.\n";

static void test_minutes_and_merge(void)
{
	enum vt_status st;
	struct deck *m = read_doc("m.txt", minutes, &st), *n = read_doc("n.txt", notice, &st), *merged;
	struct deck *docs[2];

	ok(m && m->kind == DOC_MINUTES, "minutes are read as minutes");
	if (!m || !n)
		goto out;
	ok(m->ncases == 2, "two cases");
	is_str(m->cases[0].recorded, "NUIT drøftet oppstarten og ga innspill til arbeidet.",
	       "an unlabelled decision: the closing paragraph in the body's voice");
	ok(m->cases[0].outcome == OUTCOME_DECIDED, "decided");
	ok(!m->cases[1].recorded && m->cases[1].outcome == OUTCOME_POSTPONED, "postponed, no decision");
	ok(m->nattendance == 3 && m->attendance[1].role == ROLE_SUBSTITUTE, "a stand-in");
	is_str(m->attendance[1].for_name, "Per Hansen", "stands in for whom");
	ok(m->attendance[2].role == ROLE_ABSENT, "Forfall is absent");

	docs[0] = m;
	docs[1] = n;
	merged = meeting_merge(docs, 2, n);
	is_str(merged->source, "m.txt", "the meeting's source is the first imported");
	is_str(merged->meeting_number, "1/2024", "the notice's number");
	is_str(merged->cases[0].decision, "NUIT drøfter oppstarten og gir innspill til arbeidet.",
	       "the notice's proposal");
	is_str(merged->cases[0].recorded, "NUIT drøftet oppstarten og ga innspill til arbeidet.",
	       "the minutes' decision");
	is_str(merged->cases[0].recorded_source, "m.txt", "with its source");
	ok(merged->nattendance == 3 && merged->attendance[0].source &&
	       !strcmp(merged->attendance[0].source, "m.txt"),
	   "the minutes' attendance wins over the notice's list");
	ok(merged->ndocs == 2 && merged->docs[1].kind == DOC_NOTICE,
	   "both documents listed, in import order");
	deck_free(merged);
out:
	deck_free(m);
	deck_free(n);
}

static void test_month_only(void)
{
	enum vt_status st;
	struct deck *d = read_doc(
	    "mai.txt",
	    "Møteinnkalling\n\nMøte i NUFA\n\nDato      mai 2022\nSted      Oslo\n\n"
	    "Sak    Tema                        Sakstype\n1/22   Oppstart                    Drøfting\n"
	    "2/22   Status                      Orientering\n",
	    &st);

	ok(st == VT_OK && d, "a notice dated by its month");
	if (d)
		is_str(d->start_date, "2022-05", "the month is kept, no day invented");
	deck_free(d);
}

/* Whether d has a warning whose message is `msg`. */
static bool warned(const struct deck *d, const char *msg)
{
	size_t i;

	for (i = 0; d && i < d->nwarnings; i++)
		if (!strcmp(d->warnings[i].msg, msg))
			return true;
	return false;
}

/* A notice's faults are said as a deck's are: a row without its section, a section without its row, a case
 * without a proposal, an agenda type the proposal's wording contradicts. */
static void test_notice_warnings(void)
{
	enum vt_status st;
	struct deck *d = read_doc(
	    "innkalling.txt",
	    "Møteinnkalling\n\nMøte i NUFA\n\nDato          12.06.2024\nSted          Oslo\n\n"
	    "Sak     Tittel                                      Ansvarlig          Sakstype\n"
	    "20/24   Orientering fra Helsedirektoratet           Ragnhild Kvalsund  Orientering\n"
	    "21/24   Kjernejournal for kommunene                 Synnøve Halvorsrud Drøfting\n"
	    "22/24   FHIR-profiler for henvisning                Aslak Grønnevik    Orientering/drøfting\n"
	    "23/24   Arkitekturprinsipper for skytjenester       Elisabeth Øvrebø   Godkjenning\n\n\n"
	    "Sak 20/2024   Orientering fra Helsedirektoratet\n\n              Tildelingsbrevet for "
	    "2024.\n\n\n"
	    "Sak 22/2024   FHIR-profiler for henvisning\n\n              Forslag til vedtak:\n"
	    "              NUFA drøfter høringsutkastet.\n\n\n"
	    "Sak 23/2024   Arkitekturprinsipper for skytjenester\n\n              Forslag til vedtak:\n"
	    "              NUFA tar saken til orientering.\n\n\n"
	    "Sak 25/2024   Eventuelt\n\n              Forslag til vedtak:\n"
	    "              NUFA tar saken til orientering.\n",
	    &st);

	ok(st == VT_OK && d && d->ncases == 5, "five cases, one from its agenda row alone");
	ok(warned(d, "agenda row 21/24 has no case section"), "a row without its section");
	ok(warned(d, "case 25/24 has no row in the agenda"), "a section without its row");
	ok(warned(d, "case 20/24 has no proposed decision (\"Forslag til vedtak\")"),
	   "a case without a proposal");
	ok(warned(d, "case 23/24: agenda type Godkjenning contradicts the proposed decision, which reads as "
		     "Orientering"),
	   "a type its proposal contradicts");
	ok(d && d->nwarnings == 4, "and nothing else: Drøfting is one of 22/24's types (got %zu)",
	   d ? d->nwarnings : 0);
	deck_free(d);
}

/* A document of the meeting with one case 3/24: its kind, type as written (or inferred) and one presenter. */
static struct deck *doc_with_case(const char *source, enum doc_kind kind, const char *type,
				  enum decision_source src, const char *org)
{
	struct deck *d = deck_new();
	struct deck_case *c = deck_add_case(d);

	d->source = xstrdup(source);
	d->kind = kind;
	d->body = xstrdup("NUFA");
	d->start_date = xstrdup("2024-06-12");
	c->number = xstrdup("3/24");
	c->title = xstrdup("Nasjonal kjernejournal");
	c->line_start = 9;
	case_set_type(c, type, strlen(type), src);
	case_add_presenter(c, "Aslak Grønnevik", org);
	return d;
}

/* What a later document adds to a case the first gives: an organisation it lacks; no warning for a type that
 * is part of the first's, or only read from the decision's wording. */
static void test_merge_fills_and_warns_only_of_a_type_said_otherwise(void)
{
	struct deck *n =
	    doc_with_case("innkalling.txt", DOC_NOTICE, "Orientering/drøfting", SOURCE_AGENDA, NULL);
	struct deck *m = doc_with_case("referat.txt", DOC_MINUTES, "Orientering", SOURCE_INFERRED,
				       "Folkehelseinstituttet");
	struct deck *k = doc_with_case("lysark.txt", DOC_DECK, "Godkjenning", SOURCE_AGENDA, NULL);
	struct deck *docs[3] = {n, m, k}, *merged;

	merged = meeting_merge(docs, 2, m);
	ok(merged->ncases == 1 && merged->cases[0].npresenters == 1, "one case, one presenter");
	is_str(merged->cases[0].presenters[0].organization, "Folkehelseinstituttet",
	       "the minutes give the organisation the notice lacks");
	is_str(case_type_text(&merged->cases[0]), "Orientering/drøfting", "the notice's type stands");
	ok(merged->nwarnings == 0, "no warning: the minutes' type is read from the wording (got %zu)",
	   merged->nwarnings);
	deck_free(merged);
	merged = meeting_merge(docs, 3, k);
	ok(merged->nwarnings == 1 && strstr(merged->warnings[0].msg, "the type is Godkjenning here"),
	   "a deck whose agenda says Godkjenning is warned of");
	deck_free(merged);
	deck_free(n);
	deck_free(m);
	deck_free(k);
}

/* The text outside the cases of a meeting's decks (a title slide, a pause) once, however many decks repeat
 * it. */
static void test_merge_keeps_other_text_once(void)
{
	struct deck *a = doc_with_case("lysark.txt", DOC_DECK, "Orientering", SOURCE_AGENDA, NULL);
	struct deck *b = doc_with_case("lysark.pdf", DOC_DECK, "Orientering", SOURCE_AGENDA, NULL);
	struct deck *docs[2] = {a, b}, *merged;

	slide_list_add(&a->other, &a->nother, &a->other_alloc, NULL, "NUFA – Oslo\n12. juni 2024", 1);
	slide_list_add(&a->other, &a->nother, &a->other_alloc, NULL, "Pause til 10.55", 40);
	slide_list_add(&b->other, &b->nother, &b->other_alloc, "Side 1", "NUFA  –  Oslo 12. juni 2024", 1);
	slide_list_add(&b->other, &b->nother, &b->other_alloc, "Side 9", "Lunsj til 12.30", 30);
	merged = meeting_merge(docs, 2, b);
	ok(merged->nother == 3, "the title slide once, both breaks (got %zu)", merged->nother);
	if (merged->nother == 3) {
		/* The later import first, as a case's text is: lysark.pdf's, then what lysark.txt adds. */
		is_str(merged->other[1].text, "Lunsj til 12.30", "the first deck's own");
		is_str(merged->other[2].text, "Pause til 10.55", "the other deck's own slide, after");
		is_str(merged->other[2].page, "lysark.txt", "labelled with its file");
	}
	deck_free(merged);
	deck_free(a);
	deck_free(b);
}

/* A meeting of one case: its agenda is a table of one row, as a case section's heading is in other
 * notices; the same case headed again below says which it is. */
static void test_one_case_agenda(void)
{
	enum vt_status st;
	struct deck *d =
	    read_doc("ekstra.txt",
		     "Møteinnkalling\n\nMøte i NUFA\n\nDato          02.04.2022\nSted          Oslo\n\n"
		     "Sak     Tittel                                      Ansvarlig          Sakstype\n"
		     "1/22    Strategi for sykehusfarmasi                 Kari Holm          Orientering\n"
		     "\n\nSak 1/2022   Strategi for sykehusfarmasi\n\n"
		     "              Saksnotat om innkjøpssamarbeid.\n\n"
		     "              Forslag til vedtak:\n"
		     "              NUFA tar saken til orientering.\n",
		     &st);

	ok(st == VT_OK && d, "a notice of one case is read");
	if (!d)
		return;
	ok(d->ncases == 1, "one case, not its agenda row as a second (got %zu)", d->ncases);
	ok(d->nagenda == 1 && d->agenda[0].number && !strcmp(d->agenda[0].number, "1/22"),
	   "the row is the agenda's (got %zu rows)", d->nagenda);
	if (d->ncases) {
		const struct deck_case *c = &d->cases[0];
		is_str(c->title, "Strategi for sykehusfarmasi", "its title");
		ok(c->npresenters == 1 && !strcmp(c->presenters[0].name, "Kari Holm"),
		   "its presenter, from the row");
		ok(c->type == DECISION_ORIENTERING && c->type_source == SOURCE_AGENDA,
		   "its type, from the row");
		is_str(c->decision, "NUFA tar saken til orientering.", "its proposal, from the section");
		ok(c->nslides && strstr(c->slides[0].text, "innkjøpssamarbeid"),
		   "its text, from the section");
	}
	deck_free(d);
}

static void test_not_papers(void)
{
	enum vt_status st;
	struct deck *d = read_doc(
	    "x.txt", "Nyhetsbrev\n\nI møtet ble Sak 14/22 omtalt.\n\nLenker: https://ehelse.no\n", &st);

	ok(st == VT_ERR_FORMAT && !d, "a newsletter that mentions a case is no meeting");
	deck_free(d);
	d = read_doc("x.pdf", "plain text\n", &st);
	ok(st == VT_ERR_FORMAT && !d, "text named .pdf is refused");
	deck_free(d);
	ok(pdf_sniff("%PDF-1.4\n", 9) && !pdf_sniff("PDF", 3), "a PDF is known by its header");
}

static void test_word_diff(void)
{
	struct word_diff wd;
	struct strbuf sb = STRBUF_INIT;

	word_diff(&wd, "NUFA drøfter saken og gir innspill.", "NUFA drøftet saken og ga innspill.");
	word_diff_plain(&sb, &wd);
	is_str(sb.buf, "NUFA [-drøfter-] {+drøftet+} saken og [-gir-] {+ga+} innspill.", "words replaced");
	word_diff_release(&wd);
	strbuf_reset(&sb);
	word_diff(&wd, "A  b\nc", "A b\nc");
	ok(word_diff_same(&wd), "spacing is no difference");
	word_diff_release(&wd);
	word_diff(&wd, "1. Én\n2. To", "1. Én\n2. To\n3. Tre");
	word_diff_plain(&sb, &wd);
	is_str(sb.buf, "1. Én\n2. To\n{+3. Tre+}", "an item added on its own line");
	word_diff_release(&wd);
	strbuf_release(&sb);
}

/* What the minutes of the tests below share: their head, and a case with its own decision. */
#define MINUTES_HEAD "Referat\n\nMøte i NUFA\n\nDato      12. mars 2025\n"
#define CASE_17_25   "Sak 17/25 Kodeverk\n\nVedtak:\nNUFA slutter seg til forslaget.\n"

/* An agenda whose first column is the time: "Tid  Sak  Tema  Ansvarlig  Sakstype". */
static void test_time_first(void)
{
	static const char text[] =
	    "Møteinnkalling\n"
	    "\n"
	    "Møte i NUFA\n"
	    "\n"
	    "Dato      12. mars 2025\n"
	    "Tid       Kl. 09.00 – 14.00\n"
	    "Sted      Oslo\n"
	    "\n"
	    "Tid      Sak     Tema                                   Ansvarlig        Sakstype\n"
	    "09.00    5/25    Godkjenning av innkalling              Leder            Godkjenning\n"
	    "09.10    6/25    Kodeverk for legemidler –              Per Hansen       Drøfting\n"
	    "                 forslag til forvaltning\n"
	    "10.00    7/25    Status for e-resept                    Kari Nordmann    Orientering\n"
	    "\n"
	    "\fSak 6/25 Kodeverk for legemidler\n"
	    "\n"
	    "Forslag til vedtak:\n"
	    "NUFA drøfter forslaget.\n";
	enum vt_status st;
	struct deck *d = read_doc("t.txt", text, &st);

	ok(st == VT_OK && d && d->ncases == 3, "a table with the time first is an agenda: three cases");
	if (!d || d->ncases != 3)
		goto out;
	is_str(d->cases[0].number, "6/25", "the case with a section comes first");
	is_str(d->cases[0].time, "09:10", "its time is the first column");
	ok(d->cases[0].npresenters == 1 && !strcmp(d->cases[0].presenters[0].name, "Per Hansen"),
	   "its presenter is read from the Ansvarlig column");
	ok(d->cases[0].type == DECISION_DROFTING, "its type is read from the Sakstype column");
	is_str(d->cases[1].number, "5/25", "agenda rows without a section follow");
	is_str(d->cases[2].time, "10:00", "each row keeps its time");
	is_str(d->cases[2].title, "Status for e-resept", "and its title, not the time");
out:
	deck_free(d);
}

/* A page break without a form feed inside the agenda: the rows after the page's footer are rows too. */
static void test_table_over_a_page(void)
{
	static const char text[] = "Møteinnkalling\n"
				   "\n"
				   "Møte i NUIT\n"
				   "\n"
				   "Dato      7. februar 2024\n"
				   "Sted      Oslo\n"
				   "\n"
				   "Sak    Tema                                           Sakstype\n"
				   "1/24   Godkjenning av innkalling                      Godkjenning\n"
				   "2/24   Orientering fra direktoratet                   Orientering\n"
				   "\n"
				   "\n"
				   "                                                       side 1\n"
				   "\n"
				   "3/24   Felles språk i kommunene – forslag til\n"
				   "       organisering                                   Drøfting\n"
				   "4/24   Eventuelt\n"
				   "\n"
				   "\n"
				   "1/24 Godkjenning av innkalling\n"
				   "\n"
				   "Forslag til vedtak: NUIT godkjenner innkallingen.\n";
	enum vt_status st;
	struct deck *d = read_doc("p.txt", text, &st);
	size_t i;
	const struct deck_case *c3 = NULL;

	ok(st == VT_OK && d && d->ncases == 4, "the agenda goes on after the page's footer: four cases");
	for (i = 0; d && i < d->ncases; i++)
		if (!strcmp(d->cases[i].number, "3/24"))
			c3 = &d->cases[i];
	ok(c3 && c3->type == DECISION_DROFTING, "the row after the page break keeps its type");
	is_str(c3 ? c3->agenda_title : NULL, "Felles språk i kommunene – forslag til organisering",
	       "and its wrapped title");
	deck_free(d);
}

/* "Vedtak i sak 15/25 og 16/25": one decision recorded for two cases. */
static void test_joint_decision(void)
{
	static const char text[] =
	    MINUTES_HEAD "Sted      Oslo\n"
			 "\n"
			 "Til stede\n"
			 "Ola Nordmann (KS)\n"
			 "\n"
			 "\n"
			 "Sak 15/25 Status for e-resept\n"
			 "\n"
			 "Per Hansen orienterte om status for e-resept og videre planer.\n"
			 "\n"
			 "\n"
			 "Sak 16/25 Status for kjernejournal\n"
			 "\n"
			 "Kari Nordmann orienterte om kjernejournal.\n"
			 "\n"
			 "Vedtak i sak 15/25 og 16/25:\n"
			 "NUFA tar sakene til orientering.\n"
			 "\n"
			 "\n" CASE_17_25;
	enum vt_status st;
	struct deck *d = read_doc("j.txt", text, &st);

	ok(st == VT_OK && d && d->ncases == 3, "minutes with a joint decision: three cases");
	if (!d || d->ncases != 3)
		goto out;
	is_str(d->cases[0].recorded, "NUFA tar sakene til orientering.",
	       "the first named case has the joint decision");
	is_str(d->cases[1].recorded, "NUFA tar sakene til orientering.",
	       "so has the case it is written under");
	is_str(d->cases[2].recorded, "NUFA slutter seg til forslaget.", "the next case keeps its own");
out:
	deck_free(d);
}

/* Attendance set out as a table: "Navn  Virksomhet  Rolle". */
static void test_attendance_table(void)
{
	static const char text[] =
	    MINUTES_HEAD "\n"
			 "Deltakere\n"
			 "Navn                   Virksomhet                       Rolle\n"
			 "Ola Nordmann           KS                               Medlem\n"
			 "Per Olsen              Direktoratet for e-helse         Leder\n"
			 "Lise Berg              Helse- og omsorgsdepartementet   Observatør\n"
			 "Nils Dahl              Direktoratet for e-helse         Sekretariat\n"
			 "\n" CASE_17_25;
	enum vt_status st;
	struct deck *d = read_doc("a.txt", text, &st);

	ok(st == VT_OK && d && d->nattendance == 4, "four people, and no person named Navn");
	if (!d || d->nattendance != 4)
		goto out;
	is_str(d->attendance[0].organization, "KS", "the organisation comes from its column");
	ok(d->attendance[0].role == ROLE_MEMBER && !d->attendance[0].note, "Medlem: a member, with no note");
	is_str(d->attendance[1].note, "Leder", "Leder: a member, noted as leader");
	ok(d->attendance[2].role == ROLE_OBSERVER, "Observatør: an observer");
	is_str(d->attendance[2].organization, "Helse- og omsorgsdepartementet",
	       "whose organisation is not the role");
	ok(d->attendance[3].role == ROLE_SECRETARIAT, "Sekretariat: the secretariat");
out:
	deck_free(d);
}

int main(void)
{
	test_people();
	test_types();
	test_notice();
	test_minutes_and_merge();
	test_month_only();
	test_one_case_agenda();
	test_notice_warnings();
	test_merge_keeps_other_text_once();
	test_merge_fills_and_warns_only_of_a_type_said_otherwise();
	test_time_first();
	test_table_over_a_page();
	test_joint_decision();
	test_attendance_table();
	test_not_papers();
	test_word_diff();
	return done_testing();
}
