/*
 * parse.c: from a deck's lines to meetings, cases, decisions and slides.
 *
 * The export is read in three passes: find the case headings ("Sak 11/21:
 * title"), read the preamble before the first of them (meeting heading,
 * member changes, agenda, announcements), then cut each case's section into
 * its title, proposed decision and slides. Slides are separated by two or
 * more blank lines; wrapped lines end in a space. Everything the rules here
 * rely on is a property of the class of document, described in
 * ../shared/seeds/HAZARDS.md; none is a property of one sample.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/agenda.h"
#include "core/i18n.h"
#include "core/dates.h"
#include "core/lines.h"
#include "core/members.h"
#include "core/names.h"
#include "core/papers.h"
#include "core/parse.h"
#include "core/scan.h"
#include "core/sha256.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

#define MAX_TITLE_LINES 8

struct heading {
	size_t line;	  /* index of the "Sak N/YY" line */
	size_t title_end; /* index of the last line of the title */
	struct case_no no;
	char *title;
};

struct parser {
	struct deck *d;
	struct deck_lines dl;
	struct heading *heads;
	size_t nheads, heads_alloc;
	size_t agenda_start; /* SIZE_MAX without an agenda header */
	bool inline_agenda;  /* its rows run on in its header's line (agenda_parse_inline()) */
	int *page;	     /* page of each line, when the text has page breaks; else NULL */
};

static const char *trimmed(const struct parser *p, size_t i, size_t *n)
{
	return line_trim(&p->dl.v[i], n);
}

/* Whether s[at..n) begins with a letter: a word goes on there. */
static bool letter_at(const char *s, size_t n, size_t at)
{
	uint32_t cp;

	return at < n && utf8_decode(s + at, n - at, &cp) && utf8_is_letter(cp);
}

/*
 * "Sak 11/21: Title", "Sak 11/21 – Title", "Sak 11/21" (title on the next
 * line) or "Sak 11/21 Title" with a capital letter. A sentence that merely
 * starts with "Sak 22/21 har ..." is not a heading, nor is an agenda row
 * that ends in a time and a type.
 */
static bool heading_parse(const struct line *l, struct case_no *no, const char **rest, size_t *rest_len)
{
	size_t n, after, at;
	const char *s = line_trim(l, &n);
	bool capital_sak;
	char t[6];

	/* A heading starts "Sak", "sak" or with a committee's name ("NUIT-sak 14/21"): others go at once. */
	if (!n || !((s[0] >= 'A' && s[0] <= 'Z') || s[0] == 's') || !(after = scan_sak_prefix(s, n)))
		return false;
	capital_sak = s[0] != 's';
	if (!scan_case_number(s + after, n - after, no))
		return false;
	s += after + no->len;
	n -= after + no->len;
	while (n && *s == ' ') {
		s++;
		n--;
	}
	if (n && (*s == ':' || *s == '-' || *s == '.')) {
		s++;
		n--;
	} else if (n >= 3 && !memcmp(s, "\xE2\x80\x93", 3)) {
		s += 3;
		n -= 3;
	} else if (n) {
		/* No separator: a title must start with a capital, and not end a sentence. */
		uint32_t cp;
		if (!capital_sak || !utf8_decode(s, n, &cp) || !utf8_is_upper(cp) || s[n - 1] == '.')
			return false;
	}
	while (n && *s == ' ') {
		s++;
		n--;
	}
	if (n && scan_type_at_end(s, n, &at) != DECISION_NONE && scan_time_at_end(s, at, &at, t))
		return false;
	/* "Sak 02/20: Forslag til vedtak" and "Sak 02/20: Vedtak" title a slide of the case, not a
	 * case, but "Vedtakene om legemiddellister" and "Vedtaksstøtte" are titles of cases;
	 * "Sak 14/22 Saksnotat (PDF, 210 kB)" is a link on a web page. */
	if (scan_prefix(s, n, "forslag til vedtak", &at) ||
	    (scan_prefix(s, n, "vedtak", &at) && !letter_at(s, n, at)) ||
	    (n > 4 && (strstr(s, " kB)") || strstr(s, " MB)") || strstr(s, "(PDF")) && s[n - 1] == ')'))
		return false;
	*rest = s;
	*rest_len = n;
	return true;
}

/*
 * "Forslag til vedtak", "Forslag til vedtak - endret", "Endret forslag til
 * vedtak", "Forslag til beslutning:", "Forslag til vedtak: NUFA tar saken til orientering." (the text
 * after a colon is the decision). A sentence that goes on ("Forslag til
 * vedtaket ...") is not a label.
 */
static bool label_parse(const struct line *l, bool *amended, const char **inline_text, bool *loose)
{
	size_t n, after = 0, i;
	const char *s = line_trim(l, &n);
	bool colon = false, bracket = false;
	static const char *const amend_prefix[] = {"endret ", "nytt ", "revidert ", "oppdatert "};
	static const char *const amend_suffix[] = {"endret", "revidert", "nytt", "oppdatert"};

	*amended = false;
	*inline_text = NULL;
	*loose = false;
	/* Every label starts with one of these letters: skip the rest cheaply. */
	if (!n || !strchr("FfVvEeNnRrOo", s[0]))
		return false;
	for (i = 0; i < ARRAY_SIZE(amend_prefix); i++)
		if (scan_prefix(s, n, amend_prefix[i], &after)) {
			*amended = true;
			break;
		}
	if (!scan_prefix(s + after, n - after, "forslag til vedtak", &i) &&
	    !scan_prefix(s + after, n - after, "forslag til beslutning", &i) &&
	    !scan_prefix(s + after, n - after, "forslag til innstilling", &i) &&
	    !scan_prefix(s + after, n - after, "vedtaksforslag", &i))
		return false;
	s += after + i;
	n -= after + i;
	if (n && *s != ' ' && *s != ':' && *s != '-' && *s != '(' && (unsigned char)*s != 0xE2)
		return false;
	while (n && (*s == ' ' || *s == '-' || *s == ':' || *s == '(' || (unsigned char)*s >= 0x80)) {
		if (*s == ':')
			colon = true;
		if (*s == '(')
			bracket = true;
		if ((unsigned char)*s >= 0x80) {
			if (n < 3 || memcmp(s, "\xE2\x80\x93", 3))
				break;
			s += 2;
			n -= 2;
		}
		s++;
		n--;
	}
	if (!n)
		return true;
	for (i = 0; i < ARRAY_SIZE(amend_suffix); i++)
		if (scan_prefix(s, n, amend_suffix[i], &after) && (after == n || s[after] == ')')) {
			*amended = true;
			return true;
		}
	/* A remark in brackets: "Forslag til vedtak (endret 2. februar 2024):", "(enstemmig)". */
	if (bracket && !colon) {
		const char *close = memchr(s, ')', n < 80 ? n : 80);
		struct strbuf f = STRBUF_INIT;

		if (!close)
			return false;
		utf8_fold(&f, s, (size_t)(close - s));
		*amended = *amended || strstr(f.buf, "endret") != NULL;
		strbuf_release(&f);
		n -= (size_t)(close + 1 - s);
		s = close + 1;
		while (n && *s == ' ') {
			s++;
			n--;
		}
		if (!n)
			return true;
		if (*s != ':')
			return false;
		s++;
		n--;
		while (n && *s == ' ') {
			s++;
			n--;
		}
		if (n)
			*inline_text = s;
		return true;
	}
	if (!colon) {
		/* A slide a line (a transcript): "Forslag til vedtak NUFA godkjenner ...", the
		 * decision after the label with no colon, as the committee's sentence. */
		size_t at, len;

		if (!body_find(s, n, &at, &len) || at || len + 1 >= n || s[len] != ' ' ||
		    !scan_starts_lower(s + len + 1, n - len - 1))
			return false;
		*loose = true;
	}
	*inline_text = s;
	return true;
}

/* A label, not counting the loose one (no colon), which ends nothing it stands in. */
static bool is_label(const struct line *l)
{
	bool a, loose;
	const char *t;

	return !l->blank && label_parse(l, &a, &t, &loose) && !loose;
}

static bool is_heading(const struct line *l)
{
	struct case_no no;
	const char *r;
	size_t rn;

	return !l->blank && heading_parse(l, &no, &r, &rn);
}

static bool is_footer(const struct line *l)
{
	size_t n;
	const char *s = line_trim(l, &n);

	return !l->blank && scan_page_footer(s, n);
}

/* Whether s has letters and none of them in lower case ("FELLES TJENESTEKATALOG"). */
static bool capitals(const char *s, size_t n)
{
	size_t i = 0, letters = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (!k)
			return false;
		if (utf8_is_letter(cp)) {
			if (!utf8_is_upper(cp))
				return false;
			letters++;
		}
		i += k;
	}
	return letters >= 2;
}

/*
 * Whether a line in capitals goes on from the one above: one of them has a
 * small word at the break ("... MELLOM KOMMUNER" over "OG SYKEHUS", "... FOR"
 * over "KOMMUNENE"); "NASJONAL KJERNEJOURNAL" over "BAKGRUNN" is a slide's
 * title under the heading.
 */
static bool capitals_joined(const char *above, size_t an, const char *s, size_t n)
{
	struct strbuf f = STRBUF_INIT;
	size_t w = 0, b = an;
	bool joined;

	while (w < n && s[w] != ' ')
		w++;
	while (b && above[b - 1] != ' ')
		b--;
	utf8_fold(&f, s, w);
	joined = org_small_word(f.buf, f.len);
	strbuf_reset(&f);
	utf8_fold(&f, above + b, an - b);
	joined = joined || org_small_word(f.buf, f.len);
	strbuf_release(&f);
	return joined;
}

/*
 * Reads a heading's title, following wrapped lines: a line continues the
 * title when the previous one ended in a space or an open word, or when it
 * starts in lower case or with a dash. A line with a leading space is a
 * slide title glued on by the export, and two blank lines end a slide.
 */
static void heading_title(struct parser *p, struct heading *h, const char *rest, size_t rest_len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t cur = h->line, taken = 0;
	bool prev_trail;

	strbuf_add(&sb, rest, rest_len);
	prev_trail = line_trail(&p->dl.v[cur]) || !rest_len;
	while (taken < MAX_TITLE_LINES) {
		size_t j = cur + 1, n;
		const char *s;
		const struct line *l;

		if (j < p->dl.n && p->dl.v[j].blank) {
			size_t run = lines_blank_run(&p->dl, j);
			if (run >= 2 && sb.len)
				break;
			j += run;
		}
		if (j >= p->dl.n)
			break;
		l = &p->dl.v[j];
		s = line_trim(l, &n);
		if (is_heading(l) || is_label(l) || is_footer(l) || scan_break_line(s, n))
			break;
		if (sb.len) {
			/* "... FOR HELSE-" over "OG OMSORGSSEKTOREN": a heading in capitals wraps in
			 * capitals, and a word cut after its hyphen goes on. */
			/* A trailing space carries the title over a line break, not over a blank line:
			 * the presenters' line under the title slide's heading is no title's. */
			bool cont = (prev_trail && j == cur + 1) || scan_ends_open(sb.buf, sb.len) ||
				    scan_starts_lower(s, n) || (n >= 3 && !memcmp(s, "\xE2\x80\x93", 3)) ||
				    sb.buf[sb.len - 1] == '-' ||
				    (j == cur + 1 && capitals(sb.buf, sb.len) && capitals(s, n) &&
				     capitals_joined(sb.buf, sb.len, s, n));
			if (!cont || line_lead(l) > 0)
				break;
			strbuf_addch(&sb, ' ');
		}
		strbuf_add(&sb, s, n);
		prev_trail = line_trail(l);
		cur = j;
		taken++;
	}
	/* Collapse the runs of spaces that wrapping leaves. */
	{
		size_t i, o = 0;
		for (i = 0; i < sb.len; i++)
			if (sb.buf[i] != ' ' || (o && sb.buf[o - 1] != ' '))
				sb.buf[o++] = sb.buf[i];
		strbuf_setlen(&sb, o);
		strbuf_rtrim(&sb);
	}
	h->title_end = cur;
	h->title = sb.len ? strbuf_detach(&sb, NULL) : NULL;
	strbuf_release(&sb);
}

/*
 * Two headings in a row with one number and one title (case aside): a
 * case's slides each under its heading. With another title, even one that
 * goes on from the first ("Tittel seks, del to"), the number is a second
 * case's, kept with a warning (build_cases()).
 */
static bool same_case(const struct heading *a, const struct heading *b)
{
	return !strcmp(a->no.text, b->no.text) && a->title && b->title &&
	       (!strcasecmp(a->title, b->title) || scan_continued(b->title, true));
}

/*
 * "Agenda Sak Tittel Tid 40/22 Godkjenning ... 10:00 Godkjenning 41/22 ...":
 * an agenda slide flattened into one line holds its rows, bare numbers
 * each before a capitalised title, two of them at least; not the meeting's
 * number ("Agenda møte 2/2024").
 */
static bool inline_row_at(const char *s, size_t n, size_t k, struct case_no *no)
{
	size_t e;

	/* "møte" is five bytes. */
	if (k == 0 || s[k - 1] != ' ' || !scan_case_number(s + k, n - k, no) ||
	    (k >= 6 && !strncasecmp(s + k - 6, "møte", 5)))
		return false;
	e = k + no->len;
	return e + 1 < n && s[e] == ' ' && scan_starts_upper(s + e + 1, n - e - 1);
}

/* Whether line `s` holds two rows or more (inline_row_at()); with `seen`, their numbers are added to it. */
static bool inline_rows(const char *s, size_t n, char (**seen)[16], size_t *nseen, size_t *alloc)
{
	struct case_no no;
	size_t k, rows = 0;

	for (k = 1; k < n; k++)
		rows += inline_row_at(s, n, k, &no);
	if (rows < 2 || !seen)
		return rows >= 2;
	for (k = 1; k < n; k++)
		if (inline_row_at(s, n, k, &no)) {
			ALLOC_GROW(*seen, *nseen + 1, *alloc);
			memcpy((*seen)[(*nseen)++], no.text, 16);
		}
	return true;
}

/* A break among a line's rows: "Pause 10:10", "Slutt dag 1 14:00", "Avslutning 10:30"; not a title's word. */
static bool inline_break_at(const char *s, size_t n, size_t k)
{
	size_t w = k, w2, t;
	char hm[6];

	if (k == 0 || s[k - 1] != ' ')
		return false;
	while (w < n && s[w] != ' ')
		w++;
	for (w2 = w + 1; w2 < n && s[w2] != ' '; w2++)
		;
	/* A break's word or two, before its time or the line's end ("Slutt dag" before "1 14:00"). */
	t = w + 1 < n ? scan_time_at_start(s + w + 1, n - w - 1, hm) : 0;
	if ((t || w == n) && (scan_break_line(s + k, w - k) || (w - k == 5 && !memcmp(s + k, "Slutt", 5))))
		return true;
	return w2 <= n && scan_break_line(s + k, w2 - k) &&
	       (w2 == n || (w2 + 1 < n && s[w2 + 1] >= '0' && s[w2 + 1] <= '9'));
}

/*
 * The agenda of lines [from, to) where a slide flattened into one line holds
 * its rows (inline_rows()): the rows are cut apart again, before each
 * number and each break ("Pause 11:40"), and read as the lines they were,
 * each keeping the line it came from.
 */
static void agenda_parse_inline(struct parser *p, size_t from, size_t to)
{
	struct strbuf text = STRBUF_INIT;
	size_t *orig = NULL, norig = 0, alloc = 0, i, k, first = p->d->nagenda;
	struct deck_lines tmp;
	struct vt_diag diag;
	struct case_no no;

	for (i = from; i < to; i++) {
		size_t n, b = 0;
		const char *s = trimmed(p, i, &n);
		bool rows = !p->dl.v[i].blank && inline_rows(s, n, NULL, NULL, NULL);

		for (k = 1; rows && k < n; k++) {
			if (!inline_row_at(s, n, k, &no) && !inline_break_at(s, n, k))
				continue;
			strbuf_add(&text, s + b, k - b);
			strbuf_addch(&text, '\n');
			ALLOC_GROW(orig, norig + 1, alloc);
			orig[norig++] = i;
			b = k;
		}
		strbuf_add(&text, s + b, n - b);
		strbuf_addch(&text, '\n');
		ALLOC_GROW(orig, norig + 1, alloc);
		orig[norig++] = i;
	}
	if (lines_split(&tmp, text.buf, text.len, &diag) == VT_OK) {
		agenda_parse(p->d, &tmp, 0, tmp.n, true);
		for (k = first; k < p->d->nagenda; k++)
			if (p->d->agenda[k].line >= 1 && (size_t)p->d->agenda[k].line <= norig)
				p->d->agenda[k].line = (long)orig[p->d->agenda[k].line - 1] + 1;
		lines_release(&tmp);
	}
	free(orig);
	strbuf_release(&text);
}

/*
 * "NUFA-sak 08/22 Nasjonal kjernejournal" under another line of its slide
 * ("Tidligere behandlet i utvalget:"): a case referred to, in a list. With
 * the committee's name, a case's own heading opens its slide.
 */
static bool named_reference(const struct parser *p, size_t i)
{
	size_t n;
	const char *s = trimmed(p, i, &n);

	return n && s[0] != 'S' && s[0] != 's' && i > 0 && !p->dl.v[i - 1].blank;
}

/* A line that opens with a case number the agenda listed: its title after it, or false. */
static bool bare_row(const struct parser *p, size_t i, char (*seen)[16], size_t nseen, struct case_no *no,
		     const char **rest, size_t *rest_len)
{
	size_t n, k, at;
	const char *s;
	char t[6];

	if (i >= p->dl.n || p->dl.v[i].blank)
		return false;
	s = trimmed(p, i, &n);
	if (!n || s[0] < '0' || s[0] > '9' || !scan_case_number(s, n, no))
		return false;
	for (k = 0; k < nseen && strcmp(seen[k], no->text); k++)
		;
	if (k == nseen)
		return false;
	s += no->len;
	n -= no->len;
	while (n && (*s == ' ' || *s == ':')) {
		s++;
		n--;
	}
	if (!scan_starts_upper(s, n) ||
	    (scan_type_at_end(s, n, &at) != DECISION_NONE && scan_time_at_end(s, at, &at, t)))
		return false;
	*rest = s;
	*rest_len = n;
	return true;
}

/*
 * "40/19 Godkjenning av innkalling" opening a slide, its number one the
 * agenda listed: a case's heading written as bare as the agenda's rows,
 * when the number comes round again. Not when the next line is such a row
 * too: an agenda shown twice.
 */
static bool bare_heading(const struct parser *p, size_t i, char (*seen)[16], size_t nseen, struct case_no *no,
			 const char **rest, size_t *rest_len)
{
	struct case_no next;
	const char *r;
	size_t rn;

	if (i < 2 || i <= p->agenda_start + 1 || !p->dl.v[i - 1].blank ||
	    !bare_row(p, i, seen, nseen, no, rest, rest_len))
		return false;
	return !bare_row(p, i + 1, seen, nseen, &next, &r, &rn) &&
	       !bare_row(p, i + 2, seen, nseen, &next, &r, &rn);
}

/*
 * Finds the case headings. Before the first heading an agenda may list
 * rows that look like headings ("Sak 11/21 Title ... 10:25 Drøfting"); a
 * "Sak" line inside the agenda is a row until its number comes round again.
 */
static void find_headings(struct parser *p)
{
	char(*seen)[16] = NULL;
	size_t nseen = 0, seen_alloc = 0, i, k;
	bool bare_rows = false, cases = false;

	p->agenda_start = (size_t)-1;
	for (i = 0; i < p->dl.n; i++) {
		const struct line *l = &p->dl.v[i];
		struct case_no no;
		const char *rest;
		size_t rest_len, n;
		const char *s;
		bool known = false;

		if (l->blank)
			continue;
		s = trimmed(p, i, &n);
		if (!cases && p->agenda_start == (size_t)-1 && agenda_header_line(s, n)) {
			p->agenda_start = i;
			if (inline_rows(s, n, &seen, &nseen, &seen_alloc))
				bare_rows = p->inline_agenda = true;
			continue;
		}
		if (!(heading_parse(l, &no, &rest, &rest_len) && !named_reference(p, i)) &&
		    !(p->agenda_start != (size_t)-1 &&
		      bare_heading(p, i, seen, nseen, &no, &rest, &rest_len))) {
			/* "10:00 30/19 Godkjenning ...": a row may give its time first. */
			size_t lead = scan_time_at_start(s, n, NULL), after = 0;
			bool sak = scan_prefix(s + lead, n - lead, "sak ", &after);

			after += lead;
			while (sak && after < n && s[after] == ' ')
				after++;
			if (!cases && p->agenda_start != (size_t)-1 &&
			    scan_case_number(s + after, n - after, &no)) {
				bare_rows |= !sak;
				ALLOC_GROW(seen, nseen + 1, seen_alloc);
				memcpy(seen[nseen++], no.text, 16);
			}
			continue;
		}
		for (k = 0; k < nseen; k++)
			known |= !strcmp(seen[k], no.text);
		if (!cases && p->agenda_start != (size_t)-1 && !bare_rows && !known) {
			ALLOC_GROW(seen, nseen + 1, seen_alloc);
			memcpy(seen[nseen++], no.text, 16);
			continue;
		}
		cases = true;
		ALLOC_GROW(p->heads, p->nheads + 1, p->heads_alloc);
		memset(&p->heads[p->nheads], 0, sizeof(p->heads[0]));
		p->heads[p->nheads].line = i;
		p->heads[p->nheads].no = no;
		heading_title(p, &p->heads[p->nheads], rest, rest_len);
		i = p->heads[p->nheads].title_end;
		if (p->nheads && same_case(&p->heads[p->nheads - 1], &p->heads[p->nheads])) {
			/* The case's heading again over its next slide: the same case goes on. */
			free(p->heads[p->nheads].title);
			continue;
		}
		p->nheads++;
	}
	free(seen);
}

/* Index of the first line of the slide that contains line `i`, not before `floor`. */
static size_t slide_start(const struct parser *p, size_t i, size_t floor)
{
	while (i > floor) {
		if (p->dl.v[i - 1].blank && i >= 2 && p->dl.v[i - 2].blank)
			break;
		i--;
	}
	while (i < p->dl.n && p->dl.v[i].blank)
		i++;
	return i;
}

/*
 * Walks back from `end` (exclusive) over trailing break slides ("Pause",
 * "Takk for møtet!"); returns where the case's own text ends (exclusive).
 */
static size_t trim_breaks(const struct parser *p, size_t floor, size_t end)
{
	for (;;) {
		size_t e = end, s, i;
		bool all_breaks = true;

		while (e > floor && p->dl.v[e - 1].blank)
			e--;
		if (e <= floor)
			return end;
		s = slide_start(p, e - 1, floor);
		if (s <= floor)
			return end;
		for (i = s; i < e && all_breaks; i++) {
			size_t n;
			const char *t = trimmed(p, i, &n);
			all_breaks = p->dl.v[i].blank || scan_break_line(t, n);
		}
		if (!all_breaks)
			return end;
		end = s;
	}
}

/*
 * Appends a line of running text: joined with a space when the export
 * wrapped it (the previous line ended in a space, or this one starts in
 * lower case), else as a new paragraph.
 */
static void add_text_line(struct strbuf *sb, const char *s, size_t n, bool prev_trail)
{
	if (sb->len)
		strbuf_addch(sb, prev_trail || scan_starts_lower(s, n) ? ' ' : '\n');
	strbuf_add(sb, s, n);
}

/*
 * A line of a decision: an item's bullet ("• NUFA godkjenner ...") goes, as
 * a private-use one does when the lines are split, and the item keeps a
 * line of its own.
 */
static void add_decision_line(struct strbuf *sb, const struct line *l, bool prev_trail)
{
	size_t n, k;
	const char *s = line_trim(l, &n);

	if (l->bullet && (k = line_bullet_len(s, n))) {
		s += k;
		n -= k;
		while (n && *s == ' ') {
			s++;
			n--;
		}
		if (sb->len)
			strbuf_addch(sb, '\n');
		strbuf_add(sb, s, n);
		return;
	}
	add_text_line(sb, s, n, prev_trail);
}

static bool starts_lower_line(const struct line *l)
{
	size_t n;
	const char *s = line_trim(l, &n);

	return scan_starts_lower(s, n);
}

static bool ends_sentence(const struct strbuf *sb)
{
	char c = sb->len ? sb->buf[sb->len - 1] : '.';
	return c == '.' || c == '!' || c == '?' || c == ':';
}

/*
 * A line of a footer that runs over lines ("Side 14" over "8. februar 2023"
 * over "NUFA"): a date or a committee's name alone, under a footer's line.
 */
static bool footer_part(const struct parser *p, size_t j)
{
	size_t n, k = j, at, len;
	const char *s = line_trim(&p->dl.v[j], &n);
	struct date_range r;

	while (k > 0 && !p->dl.v[k - 1].blank && k + 3 > j)
		if (is_footer(&p->dl.v[--k]))
			break;
	if (k == j || !is_footer(&p->dl.v[k]) || n > 40)
		return false;
	return (date_find(s, n, &r) && n < 25) || (body_find(s, n, &at, &len) && at == 0 && len == n);
}

/*
 * The proposed decision after the label at `label` (exclusive end `end`).
 * Page footers are dropped; a slide break ends the text unless the text
 * stops mid-sentence and goes on in lower case after the break.
 */
static char *decision_after(const struct parser *p, size_t label, size_t end, const char *inline_text)
{
	struct strbuf sb = STRBUF_INIT;
	bool prev_trail = false;
	size_t i;

	if (inline_text && *inline_text) {
		strbuf_addstr(&sb, inline_text);
		strbuf_rtrim(&sb);
		prev_trail = line_trail(&p->dl.v[label]);
	}
	for (i = label + 1; i < end; i++) {
		const struct line *l = &p->dl.v[i];
		size_t n;
		const char *s;

		if (l->blank) {
			size_t run = lines_blank_run(&p->dl, i), j = i + run;
			if (run < 2)
				continue;
			if (!sb.len)
				break;
			/* Look past footers for a lower-case continuation. */
			while (j < end &&
			       (p->dl.v[j].blank || is_footer(&p->dl.v[j]) || (j > 0 && footer_part(p, j))))
				j++;
			if (j < end && !ends_sentence(&sb) && starts_lower_line(&p->dl.v[j])) {
				i = j - 1;
				continue;
			}
			break;
		}
		if (is_footer(l))
			continue;
		if (is_heading(l) || is_label(l))
			break;
		s = line_trim(l, &n);
		if (sb.len && scan_break_line(s, n))
			break;
		add_decision_line(&sb, l, prev_trail);
		prev_trail = line_trail(l);
	}
	return sb.len ? strbuf_detach(&sb, NULL) : (strbuf_release(&sb), NULL);
}

/* The decision written above its label, on the same slide. */
static char *decision_before(const struct parser *p, size_t floor, size_t label)
{
	struct strbuf sb = STRBUF_INIT;
	bool prev_trail = false;
	size_t s = slide_start(p, label, floor), i;

	for (i = s; i < label; i++) {
		const struct line *l = &p->dl.v[i];

		if (l->blank || is_footer(l))
			continue;
		add_decision_line(&sb, l, prev_trail);
		prev_trail = line_trail(l);
	}
	return sb.len ? strbuf_detach(&sb, NULL) : (strbuf_release(&sb), NULL);
}

static void read_decision(struct parser *p, struct deck_case *c, size_t from, size_t end)
{
	size_t i, label = (size_t)-1;
	bool amended = false;
	const char *inline_text = NULL;

	/*
	 * The last label wins: presenters sometimes quote an earlier draft. A
	 * loose one ("Forslag til vedtak NUFA godkjenner ...", no colon) only
	 * as a slide of one line, as a transcript makes it, and only where no
	 * label came before: in prose it is a sentence.
	 */
	for (i = from; i < end; i++) {
		bool a, loose;
		const char *t;
		if (!p->dl.v[i].blank && label_parse(&p->dl.v[i], &a, &t, &loose) &&
		    (!loose || (label == (size_t)-1 && (i + 1 >= end || p->dl.v[i + 1].blank)))) {
			label = i;
			amended = a;
			inline_text = t;
		}
	}
	if (label == (size_t)-1)
		return;
	c->amended = amended;
	c->decision = decision_after(p, label, end, inline_text);
	if (!c->decision)
		c->decision = decision_before(p, from, label);
}

/* Cuts lines [from, to) into slides at runs of two or more blank lines. */
static void add_slides(const struct parser *p, size_t from, size_t to, struct slide **v, size_t *nv,
		       size_t *alloc)
{
	struct strbuf sb = STRBUF_INIT;
	const char *page = NULL;
	size_t page_len = 0, i, first = 0;

	for (i = from; i <= to; i++) {
		bool brk = i == to || (p->dl.v[i].blank && lines_blank_run(&p->dl, i) >= 2);

		if (brk) {
			if (sb.len) {
				/* A slide without its "Side N" is labelled with its page's number. */
				char *pg = page	     ? xstrndup(page, page_len)
					   : p->page ? xasprintf("Side %d", p->page[first])
						     : NULL;
				slide_list_add(v, nv, alloc, pg, sb.buf, (long)first + 1);
				free(pg);
			}
			strbuf_reset(&sb);
			page = NULL;
			if (i < to)
				i += lines_blank_run(&p->dl, i) - 1;
			continue;
		}
		if (p->dl.v[i].blank) {
			if (sb.len)
				strbuf_addch(&sb, '\n');
			continue;
		}
		{
			size_t n;
			const char *s = trimmed(p, i, &n);
			if (!page && scan_page_footer(s, n) && !scan_side_footer(s, n, true)) {
				page = s;
				page_len = n;
			} else if (scan_side_footer(s, n, false)) {
				page = s;
				page_len = n;
			}
			if (!sb.len)
				first = i;
			else
				strbuf_addch(&sb, '\n');
			/* As written, less the trailing spaces of wrapped lines. */
			strbuf_add(&sb, p->dl.v[i].text, p->dl.v[i].len);
			strbuf_rtrim(&sb);
		}
	}
	strbuf_release(&sb);
}

/* Whether s is a document's title word alone ("Referat", "Agenda"): no venue. */
static bool title_only(const char *s, size_t n)
{
	static const char *const words[] = {"referat", "protokoll", "møteinnkalling", "innkalling",
					    "agenda",  "dagsorden", "saksliste"};
	size_t k, l;

	while (n && s[n - 1] == ' ')
		n--;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if ((l = strlen(words[k])) == n && !strncasecmp(s, words[k], n))
			return true;
	return false;
}

/*
 * What a first slide says beside its committee that is no place: the
 * meeting ("møte 1/2023", "NUFA-møte"), the rest of a name ("for e-helse
 * (NUFA)", a word in lower case), or another name of the committee
 * ("Nasjonalt fagutvalg for e-helse").
 */
static bool not_venue(const char *s, size_t n)
{
	struct strbuf f = STRBUF_INIT;
	size_t w = 0;
	bool no;

	while (w < n && s[w] != ' ')
		w++;
	/* "møte 1/2023", "Møte": the meeting; "Møtesenteret Gardermoen" is a place. */
	if (!n || *s == '(' || org_small_word(s, w) ||
	    (scan_prefix(s, n, "møte", NULL) && (w == 5 || (w > 5 && !letter_at(s, n, 5)))))
		return true;
	utf8_fold(&f, s, n);
	/* The committee's other names, not a room named after it ("Utvalgsrommet"). */
	no = strstr(f.buf, "utvalg for") || strstr(f.buf, "fagutvalg") || strstr(f.buf, "e-helsestyre") ||
	     strstr(f.buf, "råd for");
	strbuf_release(&f);
	return no;
}

/* Whether s is a committee's name and nothing more. */
static bool body_alone(const char *s, size_t n)
{
	size_t at, len;

	while (n && s[n - 1] == ' ')
		n--;
	return body_find(s, n, &at, &len) && at == 0 && len + 1 >= n;
}

/* The first slide, when it names a committee or a date: body, venue, dates. */
static void read_meeting_heading(struct parser *p, size_t end)
{
	struct deck *d = p->d;
	size_t i = 0, first, stop, body_line = (size_t)-1;
	struct date_range dr;
	bool have_date = false, guess_above = false;

	while (i < end && p->dl.v[i].blank)
		i++;
	first = i;
	for (stop = first; stop < end; stop++)
		if (p->dl.v[stop].blank && lines_blank_run(&p->dl, stop) >= 2)
			break;
	for (i = first; i < stop; i++) {
		size_t n, at, len;
		const char *s = trimmed(p, i, &n);
		const char *body;

		if (p->dl.v[i].blank)
			continue;
		if (members_header_line(s, n) || agenda_header_line(s, n))
			break;
		if (body_line == (size_t)-1 && (body = body_find(s, n, &at, &len))) {
			const char *v = s + at + len;
			size_t vn = n - at - len;

			body_line = i;
			d->body = xstrdup(body);
			d->heading = xstrndup(s, n);
			/* "NUFA - Webinar", "NUFA – Radisson Blu, Gardermoen" */
			while (vn && (*v == ' ' || *v == '-' || *v == ',' || *v == ':'))
				v++, vn--;
			if (vn >= 3 && !memcmp(v, "\xE2\x80\x93", 3)) {
				v += 3;
				vn -= 3;
			}
			while (vn && *v == ' ')
				v++, vn--;
			/* "Møte i NUFA 23. november 2022 Radisson Blu, Gardermoen": the place after the date.
			 */
			if (vn && date_find(v, vn, &dr) && dr.at + dr.len + 4 < vn) {
				const char *w = v + dr.at + dr.len;
				size_t wn = vn - dr.at - dr.len;

				while (wn && (*w == ' ' || *w == ','))
					w++, wn--;
				/* Not a time ("09:00–15:00") nor a day ("Dag 1") after the date. */
				if (scan_starts_upper(w, wn) && !scan_prefix(w, wn, "dag ", NULL))
					v = w, vn = wn;
			}
			/* "NUIT – Nasjonalt utvalg for IKT-prioritering": the body's name again, no venue. */
			if (vn && v != s + at + len && !date_find(v, vn, &dr) && !body_alone(v, vn) &&
			    !not_venue(v, vn)) {
				/* The committee's own line names the venue better than a guess before it. */
				free(d->venue);
				d->venue = xstrndup(v, vn);
				guess_above = false;
			}
		}
		if (!have_date && date_find(s, n, &dr)) {
			have_date = true;
			continue;
		}
		/* A guess: a short line that is no date. One under the committee's line wins over one
		 * above it, which is the sender's more often ("Direktoratet for e-helse" over "NUFA-møte").
		 */
		if (i != body_line && (!d->venue || (guess_above && body_line != (size_t)-1)) &&
		    !scan_prefix(s, n, "velkommen", NULL) && !title_only(s, n) && n < 80 &&
		    !date_find(s, n, &dr) && !scan_page_footer(s, n) && !not_venue(s, n)) {
			free(d->venue);
			d->venue = xstrndup(s, n);
			guess_above = body_line == (size_t)-1;
		}
	}
	if (body_line == (size_t)-1) {
		/* No heading: the venue guess above is some other slide's text. */
		free(d->venue);
		d->venue = NULL;
	}
	for (i = first; i < stop && have_date; i++) {
		size_t n;
		const char *s = trimmed(p, i, &n);
		char b[11];

		if (!date_find(s, n, &dr))
			continue;
		date_format(dr.y1, dr.m1, dr.d1, b);
		d->start_date = xstrdup(b);
		date_format(dr.y2, dr.m2, dr.d2, b);
		d->end_date = xstrdup(b);
		break;
	}
}

/* A deck without a heading: the most named committee, and a date next to it. */
static void guess_meeting(struct parser *p)
{
	static const char *const bodies[] = {"NUFA", "Nasjonalt e-helsestyre", "NUIT"};
	size_t counts[3] = {0, 0, 0}, i, k, best = 0;
	struct deck *d = p->d;

	for (i = 0; i < p->dl.n; i++) {
		size_t n, at, len;
		const char *s = trimmed(p, i, &n);
		const char *b = body_find(s, n, &at, &len);
		struct date_range dr;

		if (!b)
			continue;
		for (k = 0; k < 3; k++)
			counts[k] += !strcmp(b, bodies[k]);
		if (!d->start_date && date_find(s, n, &dr)) {
			char buf[11];
			date_format(dr.y1, dr.m1, dr.d1, buf);
			d->start_date = xstrdup(buf);
			date_format(dr.y2, dr.m2, dr.d2, buf);
			d->end_date = xstrdup(buf);
		}
	}
	for (k = 1; k < 3; k++)
		if (counts[k] > counts[best])
			best = k;
	if (!d->body && counts[best])
		d->body = xstrdup(bodies[best]);
	deck_warn(d, 1, _("no meeting heading; body %s and date %s guessed from the text"),
		  d->body ? d->body : "unknown", d->start_date ? d->start_date : "unknown");
}

/* "Sak 22/21 har endret innretning fra drøfting til orientering". */
static void read_announcements(struct parser *p, size_t end)
{
	size_t i;

	for (i = 0; i < end; i++) {
		struct strbuf f = STRBUF_INIT;
		size_t n;
		const char *s = trimmed(p, i, &n);
		const char *sak, *fra, *til;
		struct case_no no;

		if (p->dl.v[i].blank)
			continue;
		utf8_fold(&f, s, n);
		if ((sak = strstr(f.buf, "sak ")) && scan_case_number(sak + 4, strlen(sak + 4), &no) &&
		    (fra = strstr(sak, " fra ")) && (til = strstr(fra, " til "))) {
			enum decision_type from = decision_type_parse(fra + 5);
			enum decision_type to = decision_type_parse(til + 5);
			size_t k;

			for (k = 0; k < p->d->ncases && from && to; k++) {
				struct deck_case *c = &p->d->cases[k];
				if (strcmp(c->number, no.text))
					continue;
				c->type = to;
				c->type_source = SOURCE_ANNOUNCED_CHANGE;
			}
		}
		strbuf_release(&f);
	}
}

static void link_agenda(struct parser *p)
{
	struct deck *d = p->d;
	bool *used = xcalloc(d->ncases + 1, sizeof(bool));
	const char **numbers = xcalloc(d->ncases + 1, sizeof(*numbers));
	struct case_number_ref *sorted;
	bool any_rows = false;
	size_t i, k, ncases = d->ncases;
	int *occ;

	for (k = 0; k < ncases; k++)
		numbers[k] = d->cases[k].number;
	sorted = case_numbers_sort(numbers, ncases);

	for (i = 0; i < d->nagenda; i++) {
		struct agenda_item *a = &d->agenda[i];
		struct deck_case *c = NULL;

		if (!a->number)
			continue;
		any_rows = true;
		/* The first section of that number not yet given a row. */
		for (k = case_numbers_find(sorted, ncases, a->number);
		     k < ncases && !strcmp(sorted[k].number, a->number); k++)
			if (!used[sorted[k].idx]) {
				c = &d->cases[sorted[k].idx];
				used[sorted[k].idx] = true;
				break;
			}
		if (!c) {
			struct case_no no;

			deck_warn(d, a->line, _("agenda row %s has no case section"), a->number);
			c = deck_add_case(d);
			scan_case_number(a->number, strlen(a->number), &no);
			c->number = xstrdup(no.text);
			c->seq = no.seq;
			c->year = no.year;
			c->title = xstrdup(a->title);
			c->position = (int)d->ncases;
		}
		c->agenda_title = xstrdup(a->title);
		c->day = a->day;
		c->time = xstrdup(a->time);
		if (a->type_written)
			case_set_type(c, a->type_written, strlen(a->type_written), SOURCE_AGENDA);
		else if (a->type != DECISION_NONE) {
			c->type = a->type;
			c->type_source = SOURCE_AGENDA;
		}
		if (a->presenters) {
			const char *s = a->presenters;
			const char *comma;

			while (s && *s) {
				char *name;
				comma = strstr(s, ", ");
				name = comma ? xstrndup(s, (size_t)(comma - s)) : xstrdup(s);
				case_add_presenter(c, name, a->organization);
				free(name);
				s = comma ? comma + 2 : NULL;
			}
		}
	}
	for (k = 0; k < ncases && any_rows; k++)
		if (!used[k])
			deck_warn(d, d->cases[k].line_start, _("case %s has no row in the agenda"),
				  d->cases[k].number);
	/* Agenda-only cases are numbered after the sections of their number. */
	numbers = xrealloc(numbers, (d->ncases + 1) * sizeof(*numbers));
	occ = xcalloc(d->ncases + 1, sizeof(*occ));
	for (k = 0; k < d->ncases; k++)
		numbers[k] = d->cases[k].number;
	case_occurrences(numbers, d->ncases, occ);
	for (k = ncases; k < d->ncases; k++)
		d->cases[k].occurrence = occ[k];
	free(occ);
	free(numbers);
	free(sorted);
	free(used);
}

static void settle_types(struct parser *p)
{
	struct deck *d = p->d;
	size_t k;

	for (k = 0; k < d->ncases; k++) {
		struct deck_case *c = &d->cases[k];
		enum decision_type wording = scan_infer_type(c->decision);

		if (c->type_source == SOURCE_NONE && c->decision) {
			c->type = wording;
			c->type_source = SOURCE_INFERRED;
		}
		if (c->line_start)
			scan_warn_proposal(d, c);
	}
}

static void build_cases(struct parser *p)
{
	struct deck *d = p->d;
	const char **numbers = xcalloc(p->nheads + 1, sizeof(*numbers));
	int *occ = xcalloc(p->nheads + 1, sizeof(*occ));
	size_t k;

	for (k = 0; k < p->nheads; k++)
		numbers[k] = p->heads[k].no.text;
	case_occurrences(numbers, p->nheads, occ);
	for (k = 0; k < p->nheads; k++) {
		struct heading *h = &p->heads[k];
		size_t next = k + 1 < p->nheads ? p->heads[k + 1].line : p->dl.n;
		size_t end = trim_breaks(p, h->title_end + 1, next);
		struct deck_case *c = deck_add_case(d);

		c->number = xstrdup(h->no.text);
		c->seq = h->no.seq;
		c->year = h->no.year;
		c->occurrence = occ[k];
		if (c->occurrence == 2)
			deck_warn(d, (long)h->line + 1,
				  _("case number %s appears on more than one heading; kept both"), c->number);
		c->title = h->title;
		h->title = NULL;
		c->position = (int)k + 1;
		c->line_start = (long)h->line + 1;
		c->line_end = (long)end; /* 1-based last line = 0-based exclusive end */
		read_decision(p, c, h->title_end + 1, end);
		add_slides(p, h->title_end + 1, end, &c->slides, &c->nslides, &c->slides_alloc);
		if (end < next)
			add_slides(p, end, next, &d->other, &d->nother, &d->other_alloc);
	}
	free(numbers);
	free(occ);
}

/* The number that opens line i ("6 NUIT-sak ..."), and the bytes up to the text after it; 0: none. */
static size_t slide_number(const struct parser *p, size_t i, long *v)
{
	size_t n, k = 0;
	const char *s = trimmed(p, i, &n);

	*v = 0;
	while (k < n && k < 4 && s[k] >= '0' && s[k] <= '9')
		*v = *v * 10 + (s[k++] - '0');
	if (!k || k >= n || s[k] != ' ')
		return 0;
	while (k < n && s[k] == ' ')
		k++;
	return line_lead(&p->dl.v[i]) + k;
}

/*
 * A transcript that opens each slide's line with the slide's number ("6
 * NUIT-sak 1/24: ...", "7 Forslag til vedtak ..."): the numbers go, when
 * they count up from 1 on nearly every slide.
 */
static void drop_slide_numbers(struct parser *p)
{
	size_t i, lines = 0, counted = 0, k;
	long expect = 1, v;

	/* Only a slide's first line: a numbered list's lines follow one another. */
	for (i = 0; i < p->dl.n; i++) {
		if (p->dl.v[i].blank || (i > 0 && !p->dl.v[i - 1].blank))
			continue;
		lines++;
		if (slide_number(p, i, &v) && v == expect) {
			counted++;
			expect++;
		}
	}
	if (lines < 3 || counted * 10 < lines * 9)
		return;
	for (i = 0, expect = 1; i < p->dl.n; i++) {
		struct line *l = &p->dl.v[i];

		if (l->blank || (i > 0 && !p->dl.v[i - 1].blank) || !(k = slide_number(p, i, &v)) ||
		    v != expect)
			continue;
		expect++;
		l->text += k;
		l->len -= (uint32_t)k;
	}
}

/* The names papers_people() finds, joined by ", ", and the one organisation they share. */
struct people_split {
	struct strbuf names;
	char *org;
	bool several; /* more than one organisation */
};

static void people_add(const char *name, const char *org, void *arg)
{
	struct people_split *ps = arg;

	if (ps->names.len)
		strbuf_addstr(&ps->names, ", ");
	strbuf_addstr(&ps->names, name);
	if (!org)
		return;
	if (!ps->org)
		ps->org = xstrdup(org);
	else if (strcmp(ps->org, org))
		ps->several = true;
}

/*
 * An agenda laid out in columns (a deck's PDF through pdftotext -layout:
 * "Sak   Tittel   Sakstype   Innleder   Tid", the rows under it): read by the
 * notices' table reader (papers.h), which puts each cell under its
 * column, when its header is there and it gives two rows or more. Lines
 * [from, to); false when it is no such table.
 */
static bool agenda_in_columns(struct parser *p, size_t from, size_t to)
{
	struct deck_lines sub;
	struct strbuf text = STRBUF_INIT;
	struct deck *tmp;
	struct vt_diag diag;
	size_t i, rows = 0, indent = 0;
	bool laid = false;

	/* "Sak" and a column's gap after it, on the agenda's first lines. */
	for (i = from; i < to && i < from + 3 && !laid; i++) {
		size_t n;
		const char *s = trimmed(p, i, &n);

		laid = !p->dl.v[i].blank && scan_prefix(s, n, "sak   ", NULL);
		indent = line_lead(&p->dl.v[i]);
	}
	if (!laid)
		return false;
	/* The slide's margin, the header's, goes: the notices' tables start at the page's. A line
	 * each, as it was. */
	for (i = from; i < to; i++) {
		const struct line *l = &p->dl.v[i];
		size_t cut = line_lead(l) < indent ? line_lead(l) : indent;

		if (l->page)
			strbuf_addch(&text, '\f');
		if (!l->blank)
			strbuf_add(&text, l->text + cut, l->len - cut);
		strbuf_addch(&text, '\n');
	}
	tmp = deck_new();
	if (lines_split(&sub, text.buf, text.len, &diag) == VT_OK) {
		if (papers_read(tmp, &sub, DOC_NOTICE, &diag) == VT_OK)
			for (i = 0; i < tmp->nagenda; i++)
				rows += tmp->agenda[i].number != NULL;
		lines_release(&sub);
	}
	strbuf_release(&text);
	if (rows >= 2) {
		size_t first = p->d->nagenda;

		deck_take_agenda(p->d, tmp);
		for (i = first; i < p->d->nagenda; i++) {
			struct agenda_item *a = &p->d->agenda[i];

			a->line += (long)from;
			/* "Marius Lien og Ida Berge, E-helse": the names, and their organisation when shared.
			 */
			if (a->presenters) {
				struct people_split ps = {STRBUF_INIT, NULL, false};

				papers_people(a->presenters, strlen(a->presenters), people_add, &ps);
				free(a->presenters);
				a->presenters = ps.names.len ? strbuf_detach(&ps.names, NULL) : NULL;
				strbuf_release(&ps.names);
				free(a->organization);
				a->organization = ps.several ? NULL : ps.org;
				if (ps.several)
					free(ps.org);
			}
		}
	}
	deck_free(tmp);
	return rows >= 2;
}

/* Parses the split lines into p->d; the caller set up p->dl and p->d. */
static enum vt_status parse_lines(struct parser *p, struct vt_diag *diag)
{
	size_t pre_end, members_at = (size_t)-1, i;

	drop_slide_numbers(p);
	find_headings(p);
	if (!p->nheads)
		return vt_fail(diag, VT_ERR_FORMAT, 0,
			       _("no case found (no line like \"Sak 11/21: Title\")"));
	pre_end = p->heads[0].line;

	read_meeting_heading(p, pre_end);
	for (i = 0; i < pre_end && i < p->agenda_start; i++) {
		size_t n;
		const char *s = trimmed(p, i, &n);
		if (!p->dl.v[i].blank && members_header_line(s, n)) {
			members_at = i;
			break;
		}
	}
	if (members_at != (size_t)-1)
		members_parse(p->d, &p->dl, members_at,
			      p->agenda_start < pre_end ? p->agenda_start : pre_end);
	if (p->agenda_start < pre_end && p->inline_agenda)
		agenda_parse_inline(p, p->agenda_start, pre_end);
	else if (p->agenda_start < pre_end) {
		if (!agenda_in_columns(p, p->agenda_start, pre_end))
			agenda_parse(p->d, &p->dl, p->agenda_start, pre_end, true);
	} else {
		agenda_parse(p->d, &p->dl, members_at != (size_t)-1 ? members_at : 0, pre_end, false);
	}
	add_slides(p, 0, pre_end, &p->d->other, &p->d->nother, &p->d->other_alloc);

	build_cases(p);
	link_agenda(p);
	read_announcements(p, pre_end);
	settle_types(p);
	if (!p->d->body || !p->d->start_date)
		guess_meeting(p);
	return VT_OK;
}

enum vt_status deck_read_lines(struct deck *d, const struct deck_lines *dl, struct vt_diag *diag)
{
	struct parser p;
	enum vt_status st;
	size_t k;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.dl = *dl; /* borrowed: released by the caller */
	d->kind = DOC_DECK;
	if (dl->pages > 1) {
		int page = 1;
		p.page = xcalloc(dl->n + 1, sizeof(*p.page));
		for (k = 0; k < dl->n; k++)
			p.page[k] = page += dl->v[k].page;
	}
	st = parse_lines(&p, diag);
	free(p.page);
	for (k = 0; k < p.nheads; k++)
		free(p.heads[k].title);
	free(p.heads);
	return st;
}

static enum vt_status parse(const char *source, const char *data, char *scratch, size_t len,
			    struct deck **out, struct vt_diag *diag)
{
	struct deck_lines dl;
	struct deck *d;
	enum vt_status st;
	const char *base;
	char sha[65];

	*out = NULL;
	vt_diag_clear(diag);
	/* The digest is of the bytes as given, before any cleaning. */
	sha256_hex(scratch ? scratch : data, len, sha);
	st = scratch ? lines_split_in_place(&dl, scratch, len, diag) : lines_split(&dl, data, len, diag);
	if (st != VT_OK)
		return st;
	d = deck_new();
	base = source ? strrchr(source, '/') : NULL;
	d->source = xstrdup(base ? base + 1 : source ? source : "-");
	memcpy(d->sha256, sha, sizeof(sha));
	d->size = (long)len;
	d->line_count = (long)dl.n;
	d->pages = (long)dl.pages;
	st = deck_read_lines(d, &dl, diag);
	lines_release(&dl);
	if (st != VT_OK) {
		deck_free(d);
		return st;
	}
	*out = d;
	return VT_OK;
}

enum vt_status deck_parse(const char *source, const char *data, size_t len, struct deck **out,
			  struct vt_diag *diag)
{
	return parse(source, data, NULL, len, out, diag);
}

enum vt_status deck_parse_in_place(const char *source, char *data, size_t len, struct deck **out,
				   struct vt_diag *diag)
{
	return parse(source, NULL, data, len, out, diag);
}
