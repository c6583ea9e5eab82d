/*
 * test_overlap.c: what a text adds to another (core/overlap.h): nothing for
 * the same text read otherwise (glued, split, a footer cut off, a word on
 * its own), all of another text, and the one line added to a slide. The
 * expected texts are written out by hand.
 */
#include <string.h>

#include "core/overlap.h"
#include "core/strbuf.h"
#include "tap.h"

/* What `text` adds to the slides `have` (NULL-terminated, each a page label and a text). */
static void news(const char *const *have, const char *text, struct strbuf *out)
{
	struct overlap *o = overlap_new();
	size_t i;

	for (i = 0; have[i]; i++)
		overlap_add(o, have[i]);
	strbuf_reset(out);
	overlap_news(o, text, out);
	overlap_free(o);
}

/* The slide the deck has, in parts: its heading and first bullet, and its last two bullets. */
#define LEVERANSE_HEAD "Leveranse 1: 15. mai – overordnet plan med tiltak\n"
#define LEVERANSE_TAIL "• Plan for utprøving levert til HOD i mai\n• Finansiering avklart for 2023"

int main(void)
{
	struct strbuf out = STRBUF_INIT;
	const char *deck[] = {
	    "Side 16",
	    "Oppdrag",
	    "Side 17",
	    "Oppdrag fra HOD til Direktoratet for e-helse:\n"
	    "Plan for arbeid med arkitektur og infrastruktur for digital hjemmeoppfølging",
	    "Side 19",
	    LEVERANSE_HEAD "• Behov er kartlagt i fire kommuner\n" LEVERANSE_TAIL,
	    "Økonomi\n• Kostnad 12 millioner kroner i 2023",
	    NULL,
	};

	news(deck,
	     "OPPDRAG Oppdrag fra HOD til direktoratet for e-helse: plan for arbeid med arkitektur og "
	     "infrastruktur for digital hjemmeoppfølging",
	     &out);
	is_str(out.buf, "", "two slides glued into one, in other capitals, add nothing");
	news(deck, "Oppdrag", &out);
	is_str(out.buf, "", "a word on its own that the text has adds nothing");
	news(deck, "Side 17 Side 19", &out);
	is_str(out.buf, "", "a footer made of page labels adds nothing");
	news(deck, LEVERANSE_HEAD "• Behov er kart-\nlagt i fire kommuner\n" LEVERANSE_TAIL, &out);
	is_str(out.buf, "", "a word hyphenated over two lines adds nothing");
	news(deck,
	     LEVERANSE_HEAD
	     "• Behov er kartlagt i fire kommuner\n• Oppstart utsatt til juni 2023\n" LEVERANSE_TAIL,
	     &out);
	is_str(out.buf, "• Oppstart utsatt til juni 2023", "a bullet added to a slide: that line alone");
	news(deck, "Økonomi\n• Kostnad 14 millioner kroner i 2023", &out);
	is_str(out.buf, "• Kostnad 14 millioner kroner i 2023", "a figure changed in a line: that line");
	news(deck, LEVERANSE_HEAD "• Behov er kartlagt i fire kommuner\nDrift: utsatt\n" LEVERANSE_TAIL,
	     &out);
	is_str(out.buf, "Drift: utsatt", "a line of two words, one of them new: that line");
	news(deck,
	     "Oppdrag fra HOD til Direktoratet for e-helse: Plan for arbeid med arki tektur og infrastruktur "
	     "for digital hjemmeoppfølging",
	     &out);
	is_str(out.buf, "", "a word a reading split in two adds nothing");
	news(deck, "Lysark om legemiddellogistikk i sykehusene\nInnkjøp og lager samordnes i regionene",
	     &out);
	is_str(out.buf, "Lysark om legemiddellogistikk i sykehusene\nInnkjøp og lager samordnes i regionene",
	       "another talk's slide: all of it");
	news(deck, "Takk for oss", &out);
	is_str(out.buf, "Takk for oss", "a short slide with a word the text lacks: all of it");
	news(deck, "—  •  –", &out);
	is_str(out.buf, "", "a slide of dashes and bullets has no word to add");
	news(deck, "ØKONOMI og PLAN", &out);
	is_str(out.buf, "ØKONOMI og PLAN", "capitals of æøå fold too: a word the text lacks is new");
	{
		const char *upper[] = {"ØKONOMI", NULL};
		news(upper, "økonomi", &out);
		is_str(out.buf, "", "Ø and ø are one letter");
	}
	strbuf_release(&out);
	return done_testing();
}
