/*
 * scan.h: small recognisers shared by the parser's steps: case numbers,
 * clock times, decision-type words, footers and break slides.
 */
#ifndef VEDTAK_SCAN_H
#define VEDTAK_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"

struct case_no {
	int seq, year; /* 11, 2021 */
	char text[16]; /* "11/21" */
	size_t len;    /* bytes of input used */
};

/*
 * A case number "11/21" (or "11/2021") at the start of `s`, not part of a
 * longer number such as "2019/2020". Returns false if there is none.
 */
bool scan_case_number(const char *s, size_t n, struct case_no *out);

/* The same with `sep` between the number and the year: "30-25" after "NUFA " (papers.c). */
bool scan_case_number_sep(const char *s, size_t n, char sep, struct case_no *out);

/* Whether `s` is a case's key as the store makes it: "NUFA|11/21|1" (body, number, occurrence). */
bool scan_case_key(const char *s);

/*
 * If `s` ends with a clock time ("10:25", "9.05"), returns true, stores it as
 * "HH:MM" in `out` and its start in *at.
 */
bool scan_time_at_end(const char *s, size_t n, size_t *at, char out[6]);

/*
 * If `s` ends with a decision-type word (Godkjenning, Orientering,
 * Drøfting), or two joined by a slash ("Orientering/drøfting": the first),
 * returns it and sets *at to where the word starts.
 */
enum decision_type scan_type_at_end(const char *s, size_t n, size_t *at);

/*
 * A time that opens a line, with the spaces after it: "10:00 ", "09.00–09.30 "
 * (an agenda's row that gives its time first). Returns its bytes, 0 if
 * none; out (may be NULL) gets its start as "HH:MM".
 */
size_t scan_time_at_start(const char *s, size_t n, char out[6]);

/* Case-insensitive ASCII prefix test; *after gets the offset past the prefix. */
bool scan_prefix(const char *s, size_t n, const char *prefix, size_t *after);

/*
 * "Sak ", "Sak nr. ", "Saksnr. ", and with a committee's name, "NUIT-sak ",
 * before a case number: the bytes to skip (with the spaces after), or 0.
 */
size_t scan_sak_prefix(const char *s, size_t n);

/*
 * Whether a title marks a case continued: "(forts.)", "(fortsettelse)",
 * "forts."; `alone`: nothing but the mark ("– forts.", a heading repeated
 * atop a page or over the case's next slide), else the mark ending a title
 * ("Deling av bilder (forts.)").
 */
bool scan_continued(const char *title, bool alone);

/* True if the first letter of `s` is lower case. */
bool scan_starts_lower(const char *s, size_t n);

/* True if `s` starts with an upper-case letter (Æ, Ø, Å too). */
bool scan_starts_upper(const char *s, size_t n);

/* True if a title cannot end with `s`: it ends in "og", "for", "–", a comma ... */
bool scan_ends_open(const char *s, size_t n);

/* A break or closing slide line: "Pause", "Lunsj – oppstart igjen kl. 12.30", "Takk for møtet!". */
bool scan_break_line(const char *s, size_t n);

/* A page footer "Side 17" (or bare "17" if `bare` is set). */
bool scan_side_footer(const char *s, size_t n, bool bare);

/*
 * A page footer: "Side 17", a bare page number "17", or an organisation
 * and a page number ("Helsedirektoratet 50").
 */
bool scan_page_footer(const char *s, size_t n);

/*
 * The decision type that the wording of a proposed decision implies
 * ("NUFA drøftet saken ..." gives Drøfting), or DECISION_NONE.
 */
enum decision_type scan_infer_type(const char *text);

/*
 * Warns of case c of d as a reader sees it, at its heading: no proposed
 * decision, or an agenda type its proposal's wording contradicts (not one
 * of two types written, "Orientering/drøfting"). Decks and notices alike.
 */
void scan_warn_proposal(struct deck *d, const struct deck_case *c);

#endif
