/*
 * unflatten.c: a flattened notice or minutes (each page one long line,
 * single spaces) laid out again. The text is read as a stream of words;
 * line breaks go back where the class of document has them: before header
 * labels, between attendance entries "Name (Org)", before an agenda
 * table's header and each of its rows, before case headings and decision
 * labels. An agenda row's words are sorted into its columns (number,
 * title, presenters, time, type) by what they are, because the flattening
 * interleaved the cells of its wrapped lines; the row is then written with
 * its cells under the header's columns, as pdftotext -layout would have.
 * Footers repeated at the end of pages and page numbers are dropped.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/deck.h"
#include "core/names.h"
#include "core/papers.h"
#include "core/scan.h"
#include "core/unflatten.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

struct tok {
	const char *s;
	size_t n;
	int page;
};

/* The cell of an agenda row a word belongs to. */
enum cell { C_TITLE, C_PEOPLE, C_TIME, C_TYPE, C_BODY, C_NUMBER };

struct flat {
	struct tok *t;
	size_t n, alloc;
	struct strbuf *out;
	/* Agenda titles seen, to cut a case heading's title from its text. */
	char **titles_no, **titles;
	size_t ntitles, titles_alloc;
	/* Titles of case sections' rows (from the first pass), to tell an
	 * agenda row's title words from its presenters'. */
	char **sec_no, **sec_title;
	size_t nsec, sec_alloc;
	bool first_pass;
	bool time_first; /* the table being read has its times first ("Tid Sak Tema ...") */
	enum cell *cell; /* per word: its cell in an agenda row */
	char **joined;	 /* words made of two, a case number cut at a page's edge (rejoin_cut_numbers()) */
	size_t njoined;
};

bool unflatten_needed(const struct deck_lines *dl)
{
	size_t i, text = 0, long_lines = 0;

	for (i = 0; i < dl->n; i++) {
		if (dl->v[i].blank)
			continue;
		text++;
		if (dl->v[i].len > 250)
			long_lines++;
	}
	/* Layout text has lines of a printed page's width (two columns side by
	 * side stay under 250 characters); a flattened page is one line, and a
	 * last page may be short (two pages, the second a few words). */
	return text && long_lines * 2 >= text;
}

/* Whether the line is laid out in columns: a run of three spaces or more inside its text. */
static bool in_columns(const struct line *l)
{
	size_t i = line_lead(l);

	for (; i + 3 < l->len; i++)
		if (l->text[i] == ' ' && l->text[i + 1] == ' ' && l->text[i + 2] == ' ' &&
		    l->text[i + 3] != ' ')
			return true;
	return false;
}

/* Whether the line, trimmed, is `w` (case aside). */
static bool line_is(const struct line *l, const char *w)
{
	size_t a = line_lead(l), n = l->len - a;

	while (n && l->text[a + n - 1] == ' ')
		n--;
	return n == strlen(w) && !strncasecmp(l->text + a, w, n);
}

/* The names of an agenda's columns after "Sak", as pdftotext without -layout keeps them. */
static const char *const column_names[] = {"tema",	"tittel",   "presenteres av", "presentert av",
					   "ansvarlig", "innleder", "innledere",      "tid",
					   "kl.",	"sakstype", "type",	      "behandling"};

/* An agenda's column name alone on line l. */
static bool column_line(const struct line *l)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(column_names); k++)
		if (line_is(l, column_names[k]))
			return true;
	return false;
}

/* "Sak Tema Presenteres av Tid Sakstype": a table's header with one space between its names. */
static bool raw_header(const struct line *l)
{
	size_t a = line_lead(l), n = l->len, k, names_seen = 0;
	const char *s = l->text;

	if (n - a < 8 || strncasecmp(s + a, "sak ", 4))
		return false;
	for (a += 4; a < n;) {
		for (k = 0; k < ARRAY_SIZE(column_names); k++) {
			size_t w = strlen(column_names[k]);
			if (a + w <= n && !strncasecmp(s + a, column_names[k], w) &&
			    (a + w == n || s[a + w] == ' ')) {
				a += w;
				break;
			}
		}
		if (k == ARRAY_SIZE(column_names))
			return false;
		names_seen++;
		while (a < n && s[a] == ' ')
			a++;
	}
	return names_seen >= 2;
}

bool unflatten_cells_needed(const struct deck_lines *dl)
{
	static const char *const titles[] = {"møteinnkalling", "innkalling", "referat", "møtereferat",
					     "protokoll"};
	size_t i, k, text = 0, laid = 0, header = 0, blank = 0;
	bool titled = false;

	/* pdftotext without -layout writes no blank lines; a deck's slides are a blank run apart.
	 * Asked first, of the lines' flags: every document an import reads comes here. */
	for (i = 0; i < dl->n; i++)
		blank += dl->v[i].blank;
	if (blank * 20 >= dl->n - blank)
		return false;
	for (i = 0; i < dl->n; i++) {
		const struct line *l = &dl->v[i];

		if (l->blank)
			continue;
		text++;
		laid += in_columns(l);
		if (text <= 20)
			for (k = 0; k < ARRAY_SIZE(titles) && !titled; k++)
				titled = line_is(l, titles[k]);
		/* "Sak" over two column names or more, each on its line; or the header on one line
		 * with single spaces, as pdftotext -raw gives it ("Sak Tema Presenteres av Tid"). */
		if ((line_is(l, "sak") || line_is(l, "sak nr.") || line_is(l, "nr.")) && i + 2 < dl->n &&
		    column_line(&dl->v[i + 1]) && column_line(&dl->v[i + 2]))
			header++;
		header += raw_header(l);
	}
	return titled && header && laid * 20 < text;
}

/* A page's number on a line of its own: "side 2", "Side 2 av 5". */
static bool page_number_line(const struct line *l)
{
	size_t a = line_lead(l), n = l->len - a, i;
	const char *s = l->text + a;

	if (n < 6 || strncasecmp(s, "side ", 5))
		return false;
	for (i = 5; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i > 5 && (i == n || !strncmp(s + i, " av ", 4));
}

void unflatten_join_pages(const struct deck_lines *dl, struct strbuf *out)
{
	bool feeds = false, open = false;
	size_t i;

	for (i = 0; i < dl->n && !feeds; i++)
		feeds = dl->v[i].page;
	for (i = 0; i < dl->n; i++) {
		const struct line *l = &dl->v[i];
		size_t a = line_lead(l), n = l->len - a;

		if (l->page && open) {
			strbuf_addch(out, '\n');
			open = false;
		}
		if (l->blank)
			continue;
		while (n && l->text[a + n - 1] == ' ')
			n--;
		if (open)
			strbuf_addch(out, ' ');
		strbuf_add(out, l->text + a, n);
		open = true;
		if (!feeds && page_number_line(l)) {
			strbuf_addch(out, '\n');
			open = false;
		}
	}
	if (open)
		strbuf_addch(out, '\n');
}

static bool tok_is(const struct tok *t, const char *w)
{
	return t->n == strlen(w) && !memcmp(t->s, w, t->n);
}

static bool tok_ci(const struct tok *t, const char *w)
{
	return t->n == strlen(w) && !strncasecmp(t->s, w, t->n);
}

static bool cap(const struct tok *t)
{
	return scan_starts_upper(t->s, t->n);
}

static bool lower(const struct tok *t)
{
	return t->n && scan_starts_lower(t->s, t->n);
}

static bool digits(const struct tok *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->s[i] < '0' || t->s[i] > '9')
			return false;
	return t->n > 0;
}

static bool case_no(const struct tok *t, struct case_no *no)
{
	size_t n = t->n;

	if (n && (t->s[n - 1] == ':' || t->s[n - 1] == ','))
		n--;
	return scan_case_number(t->s, n, no) && no->len == n;
}

static bool clock_text(const char *s, size_t n)
{
	size_t at;
	char hm[6];

	return n >= 4 && n <= 5 && scan_time_at_end(s, n, &at, hm) && at == 0;
}

static bool clock(const struct tok *t)
{
	return clock_text(t->s, t->n);
}

/* A time or a slot in one word: "09:00", "09:00–09:10", "9.00-9.30". */
static bool slot(const struct tok *t)
{
	const char *dash = memchr(t->s, '-', t->n);
	size_t dl = 1;

	if (clock(t))
		return true;
	if (!dash) {
		for (dash = t->s; dash + 3 <= t->s + t->n && memcmp(dash, "–", 3); dash++)
			;
		dl = 3;
		if (dash + 3 > t->s + t->n)
			return false;
	}
	return clock_text(t->s, (size_t)(dash - t->s)) &&
	       clock_text(dash + dl, t->n - (size_t)(dash - t->s) - dl);
}

/* "(forts.)", "(fortsettelse)": a case continued. */
static bool continuation(const struct tok *t)
{
	return tok_ci(t, "(forts.)") || tok_ci(t, "(forts)") || tok_ci(t, "(fortsettelse)") ||
	       tok_ci(t, "(fortsatt)");
}

static bool type_tok(const struct tok *t)
{
	size_t n = t->n;

	while (n && (t->s[n - 1] == '/' || t->s[n - 1] == ','))
		n--;
	/* Single letters are codes only in a type column; here they would be initials. */
	return n > 1 && decision_facets_parse(t->s, n, NULL) != 0;
}

/* ---- output ------------------------------------------------------------ */

/* Ends the output with at least `k` line breaks (0: a space between words). */
static void brk(struct flat *f, int k)
{
	struct strbuf *o = f->out;
	int have = 0;

	while (o->len && o->buf[o->len - 1] == ' ')
		o->len--;
	o->buf[o->len] = '\0';
	for (size_t i = o->len; i > 0 && (o->buf[i - 1] == '\n' || o->buf[i - 1] == '\f'); i--)
		have += o->buf[i - 1] == '\n';
	if (!o->len)
		return;
	for (; have < k; have++)
		strbuf_addch(o, '\n');
}

static void word(struct flat *f, const struct tok *t)
{
	struct strbuf *o = f->out;

	if (o->len && o->buf[o->len - 1] != '\n' && o->buf[o->len - 1] != '\f' && o->buf[o->len - 1] != ' ')
		strbuf_addch(o, ' ');
	strbuf_add(o, t->s, t->n);
}

/* Pads the current line to column `col` (characters), at least two spaces. */
static void pad_to(struct strbuf *o, size_t col)
{
	size_t start = o->len, c = 0;

	while (start > 0 && o->buf[start - 1] != '\n' && o->buf[start - 1] != '\f')
		start--;
	for (size_t i = start; i < o->len; i++)
		c += ((unsigned char)o->buf[i] & 0xC0) != 0x80;
	if (c && o->len > start)
		strbuf_addstr(o, "  "), c += 2;
	for (; c < col; c++)
		strbuf_addch(o, ' ');
}

/* ---- tokens and page furniture ----------------------------------------- */

static void tokenize(struct flat *f, const struct line *l, int page)
{
	size_t i = 0;

	while (i < l->len) {
		size_t b;

		while (i < l->len && l->text[i] == ' ')
			i++;
		b = i;
		while (i < l->len && l->text[i] != ' ')
			i++;
		if (i > b) {
			ALLOC_GROW(f->t, f->n + 1, f->alloc);
			f->t[f->n].s = l->text + b;
			f->t[f->n].n = i - b;
			f->t[f->n].page = page;
			f->n++;
		}
	}
}

/* Equal but for digits (page numbers, dates of a running footer). */
static bool same_shape(const struct tok *a, const struct tok *b)
{
	if (digits(a) && digits(b))
		return true;
	return a->n == b->n && !memcmp(a->s, b->s, a->n);
}

/*
 * A case number that a page's edge cut ("... Sak 07/" ending a page, "24
 * Mandat ..." opening the next): made one word again before the next
 * page's first word is taken for its page number.
 */
static void rejoin_cut_numbers(struct flat *f, const size_t *start, size_t npages, bool *drop)
{
	size_t p;

	for (p = 1; p < npages; p++) {
		struct tok *a, *b;
		size_t k;
		bool number = true;

		size_t at = start[p];

		if (start[p] == start[p - 1] || start[p] == start[p + 1])
			continue;
		/* "4 24 Mandat ...": after the page's number, which a transcript may put first. */
		if (at + 1 < start[p + 1] && digits(&f->t[at]) && f->t[at].n <= 3) {
			size_t page = 0, k2;
			for (k2 = 0; k2 < f->t[at].n; k2++)
				page = page * 10 + (size_t)(f->t[at].s[k2] - '0');
			at += page == p + 1;
		}
		a = &f->t[start[p] - 1];
		b = &f->t[at];
		for (k = 0; k + 1 < a->n && number; k++)
			number = a->s[k] >= '0' && a->s[k] <= '9';
		if (a->n < 2 || a->n > 4 || a->s[a->n - 1] != '/' || !number || !digits(b) ||
		    (b->n != 2 && b->n != 4))
			continue;
		f->joined = xrealloc(f->joined, (f->njoined + 1) * sizeof(*f->joined));
		f->joined[f->njoined] = xasprintf("%.*s%.*s", (int)a->n, a->s, (int)b->n, b->s);
		a->s = f->joined[f->njoined++];
		a->n += b->n;
		drop[at] = true;
	}
}

/*
 * A running footer or header is three words or more ("Referat NUFA 15.3.2023")
 * and fewer than 25: a longer run two pages share is text, not furniture.
 */
#define FURNITURE_MIN 3
#define FURNITURE_MAX 25

/*
 * Where page p's own words end: before a case's heading that a page's edge
 * cut ("Side 3 av 4 Sak 07/" + "24 Mandat ..." on the next, rejoined by
 * rejoin_cut_numbers()), which opens the next page's text.
 */
static size_t page_end(const struct flat *f, const size_t *start, size_t p)
{
	size_t e = start[p + 1];

	if (e >= start[p] + 3 && tok_is(&f->t[e - 2], "Sak") && case_no(&f->t[e - 1], &(struct case_no){0}))
		return e - 2;
	return e;
}

static size_t label_at(const struct flat *f, size_t i);
static bool ends_in_number(const struct tok *t);
static bool case_heading_at(const struct flat *f, size_t i);

/* Where page p's words begin, past its number. */
static size_t page_begin(const size_t *start, size_t p, const bool *drop)
{
	size_t b = start[p];

	while (b < start[p + 1] && drop[b])
		b++;
	return b;
}

/*
 * A running header that opens the pages ("Innkalling NUIT 7. februar 2024"),
 * found as the run of words that opens two or more pages alike. Only one
 * that names a date or a body: two pages may well open with the same label
 * ("Forslag til vedtak: NUFA tar ...") when each holds a case.
 */
static void drop_running_header(const struct flat *f, const size_t *start, size_t npages, bool *drop,
				size_t *bests)
{
	size_t p, q, k;

	for (p = 0; p < npages; p++) {
		size_t best = 0;

		for (q = p > 4 ? p - 4 : 0; q < npages && q <= p + 4; q++) {
			size_t a = page_begin(start, p, drop), b = page_begin(start, q, drop);

			if (q == p)
				continue;
			/* The header ends before a case's heading that opens both pages' text. */
			for (k = 0; a + k < start[p + 1] && b + k < start[q + 1] &&
				    same_shape(&f->t[a + k], &f->t[b + k]) && !case_heading_at(f, a + k) &&
				    !case_no(&f->t[a + k], &(struct case_no){0});
			     k++)
				;
			if (k > best)
				best = k;
		}
		bests[p] = best;
	}
	/* Never the first page's: what opens it is the document's heading, which the header repeats. */
	for (p = 1; p < npages; p++) {
		size_t a = page_begin(start, p, drop);
		bool named = false;

		if (bests[p] < FURNITURE_MIN || bests[p] >= FURNITURE_MAX || label_at(f, a))
			continue;
		for (k = 0; k < bests[p] && !named; k++) {
			size_t at, len;
			named = digits(&f->t[a + k]) || ends_in_number(&f->t[a + k]) ||
				(body_find(f->t[a + k].s, f->t[a + k].n, &at, &len) && at == 0);
		}
		for (k = 0; named && k < bests[p]; k++)
			drop[a + k] = true;
	}
}

/*
 * Drops what ends every page: "side 2 av 4", a bare page number, and the
 * running footer before it ("Referat NUFA 15. – 16. mars 2023"), found as
 * the longest run of words that ends two or more pages alike; and the
 * running header that opens them (drop_running_header()).
 */
static void drop_furniture(struct flat *f, size_t *start, size_t npages, bool *drop)
{
	size_t p, q, *bests;

	for (p = 0; p < npages; p++) {
		size_t b = start[p], e = page_end(f, start, p);

		/* "side N", "side N av M", "N / M", a bare "N" at the end. */
		if (e > b && digits(&f->t[e - 1])) {
			size_t k = e - 1;
			if (k >= b + 2 && tok_ci(&f->t[k - 1], "av") && digits(&f->t[k - 2]))
				k -= 2;
			if (k > b && (tok_ci(&f->t[k - 1], "side") || tok_ci(&f->t[k - 1], "s.")))
				k--;
			if (k < e - 1 || f->t[e - 1].n <= 3)
				for (; k < e; k++)
					drop[k] = true;
		}
		/* A page number that opens the page. */
		if (p > 0 && e > b + 1 && digits(&f->t[b]) && f->t[b].n <= 3 &&
		    !case_no(&f->t[b + 1], &(struct case_no){0}))
			drop[b] = true;
	}
	/* The first page's "1", when the second opens with its "2". */
	if (npages > 1 && start[1] > start[0] + 1 && tok_is(&f->t[start[0]], "1") && drop[start[1]] &&
	    tok_is(&f->t[start[1]], "2"))
		drop[start[0]] = true;
	/* Measured on every page before any is marked: a page compared with one whose footer is
	 * marked already would find nothing alike (the second of two pages kept its footer). */
	bests = xcalloc(npages ? npages : 1, sizeof(*bests));
	for (p = 0; p < npages; p++) {
		size_t best = 0;

		/* A running footer ends the pages around this one too: comparing
		 * with a few neighbours keeps a long document linear. */
		for (q = p > 4 ? p - 4 : 0; q < npages && q <= p + 4; q++) {
			size_t a = page_end(f, start, p), b = page_end(f, start, q), k = 0;

			if (q == p)
				continue;
			while (a > start[p] && drop[a - 1])
				a--;
			while (b > start[q] && drop[b - 1])
				b--;
			while (k < a - start[p] && k < b - start[q] &&
			       same_shape(&f->t[a - 1 - k], &f->t[b - 1 - k]))
				k++;
			if (k > best)
				best = k;
		}
		bests[p] = best;
	}
	for (p = 0; p < npages; p++)
		if (bests[p] >= FURNITURE_MIN && bests[p] < FURNITURE_MAX) {
			size_t a = page_end(f, start, p);
			while (a > start[p] && drop[a - 1])
				a--;
			for (q = 0; q < bests[p]; q++)
				drop[a - 1 - q] = true;
		}
	drop_running_header(f, start, npages, drop, bests);
	free(bests);
}

/* ---- recognisers ------------------------------------------------------- */

static const char *const header_labels[] = {
    "Dato",	   "Tid",	"Sted",	    "Møtested",	 "Møteleder",
    "Sekretariat", "Referent",	"Versjon",  "Medlemmer", "Observatører",
    "Forfall",	   "Deltakere", "Tilstede", "Fravær",	 "Stedfortredere",
};

static const char *const list_labels[] = {
    "Medlemmer", "Observatører", "Forfall", "Deltakere",
    "Tilstede",	 "Sekretariat",	 "Fravær",  "Stedfortredere",
};

static bool one_of(const struct tok *t, const char *const *v, size_t n)
{
	size_t i, len = t->n;

	if (len && t->s[len - 1] == ':')
		len--;
	for (i = 0; i < n; i++)
		if (len == strlen(v[i]) && !memcmp(t->s, v[i], len))
			return true;
	return false;
}

/* Column words of a table header at i; returns how many words the header takes (0: none). */
static size_t table_header_at(const struct flat *f, size_t i, const char **names, size_t *ncols)
{
	static const char *const two[] = {"Presenteres av", "Presentert av", "Presenterer saken", "Sak nr"};
	static const char *const one[] = {"Tema",     "Tittel",	   "Sakstittel", "Saksnavn", "Ansvarlig",
					  "Innleder", "Innledere", "Tid",	 "Kl.",	     "Sakstype",
					  "Type",     "Vedlegg",   "Agenda"};
	size_t j, k, lead = 0;

	*ncols = 0;
	/* "Tid Sak Tema ...": the times first. */
	if (i + 1 < f->n && (tok_is(&f->t[i], "Tid") || tok_is(&f->t[i], "Kl."))) {
		names[(*ncols)++] = tok_is(&f->t[i], "Tid") ? "Tid" : "Kl.";
		lead = 1;
	}
	if (i + lead >= f->n || !(tok_is(&f->t[i + lead], "Sak") || tok_is(&f->t[i + lead], "Saksnr") ||
				  tok_is(&f->t[i + lead], "Nr")))
		return 0;
	names[(*ncols)++] = "Sak";
	j = i + lead + 1;
	while (j < f->n && *ncols < 8) {
		bool hit = false;
		for (k = 0; k < ARRAY_SIZE(two) && j + 1 < f->n; k++) {
			size_t l1 = strcspn(two[k], " ");
			if (f->t[j].n == l1 && !memcmp(f->t[j].s, two[k], l1) &&
			    tok_is(&f->t[j + 1], two[k] + l1 + 1)) {
				names[(*ncols)++] = two[k];
				j += 2;
				hit = true;
				break;
			}
		}
		if (hit)
			continue;
		for (k = 0; k < ARRAY_SIZE(one); k++)
			if (tok_is(&f->t[j], one[k])) {
				names[(*ncols)++] = one[k];
				j++;
				hit = true;
				break;
			}
		if (!hit)
			break;
	}
	return *ncols >= 2 + lead ? j - i : 0;
}

/*
 * A label of the decision made: "Vedtak:", and with a remark in brackets,
 * "Vedtak (enstemmig):" (up to four words in them). Returns how many words
 * it takes, or 0.
 */
static size_t decision_label_at(const struct flat *f, size_t i)
{
	static const char *const words[] = {"Vedtak", "Konklusjon", "Beslutning"};
	const struct tok *t = &f->t[i];
	size_t w, k;

	for (w = 0; w < ARRAY_SIZE(words); w++) {
		size_t len = strlen(words[w]);

		if (t->n == len + 1 && !strncmp(t->s, words[w], len) && t->s[len] == ':')
			return 1;
		if (t->n != len || strncmp(t->s, words[w], len) || i + 1 >= f->n || f->t[i + 1].s[0] != '(')
			continue;
		for (k = i + 1; k < f->n && k <= i + 4; k++) {
			const struct tok *r = &f->t[k];

			if (r->n >= 2 && r->s[r->n - 2] == ')' && r->s[r->n - 1] == ':')
				return k - i + 1;
			if (memchr(r->s, ')', r->n))
				break;
		}
	}
	return 0;
}

/* A label that opens a part of a case: returns how many words it takes. */
static size_t label_at(const struct flat *f, size_t i)
{
	const struct tok *t = &f->t[i];
	size_t k;

	if (i + 2 < f->n && tok_is(t, "Forslag") && tok_is(&f->t[i + 1], "til") && f->t[i + 2].n >= 6 &&
	    !strncmp(f->t[i + 2].s, "vedtak", 6))
		return 3;
	if ((k = decision_label_at(f, i)))
		return k;
	if (tok_is(t, "Innleder:") || tok_is(t, "Innledere:") || tok_is(t, "Ansvarlig:") ||
	    tok_is(t, "Ansvar:") || tok_is(t, "Frist:"))
		return 1;
	if (i + 1 < f->n && tok_is(t, "Spørsmål") && tok_is(&f->t[i + 1], "til"))
		return 2;
	return 0;
}

/* "1.", "2)", "a)": an item of a numbered list. */
static bool item_number(const struct tok *t)
{
	return (t->n == 2 || (t->n == 3 && t->s[1] >= '0' && t->s[1] <= '9')) &&
	       ((t->s[0] >= '1' && t->s[0] <= '9') || (t->n == 2 && t->s[0] >= 'a' && t->s[0] <= 'h')) &&
	       (t->s[t->n - 1] == '.' || t->s[t->n - 1] == ')');
}

/* "4.", "12.": a number with a full stop, which may end a sentence or be a date's day. */
static bool ends_in_number(const struct tok *t)
{
	size_t k;

	if (t->n < 2 || t->s[t->n - 1] != '.')
		return false;
	for (k = 0; k + 1 < t->n; k++)
		if (t->s[k] < '0' || t->s[k] > '9')
			return false;
	return true;
}

/* A word that ends a sentence: "2023.", "saken." (not "kl.", "jf.", "25."). */
static bool sentence_end(const struct tok *t)
{
	return t->n >= 4 && t->s[t->n - 1] == '.' &&
	       !(t->n <= 4 && (t->s[0] < '0' || t->s[0] > '9') && lower(t));
}

static bool body_voice(const struct tok *t)
{
	size_t at, len;

	return body_find(t->s, t->n, &at, &len) && at == 0;
}

/* Whether t is one of words[0..n). */
static bool tok_in(const struct tok *t, const char *const *words, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (tok_is(t, words[k]))
			return true;
	return false;
}

/* A word that opens a sentence of minutes or papers ("Saken ble utsatt", "NUFA drøftet"). */
static bool sentence_opener(const struct flat *f, size_t i)
{
	static const char *const openers[] = {"Saken",		"Det",	    "Direktoratet", "Medlemmene",
					      "Styret",		"Utvalget", "Rådet",	    "Sekretariatet",
					      "Innledningsvis", "Bakgrunn", "Møtet"};

	static const char *const joins[] = {"for", "av", "i", "og", "til", "med", "om", "på"};

	if (body_voice(&f->t[i]) && i + 1 < f->n && lower(&f->t[i + 1]))
		return true;
	/* "Direktoratet orienterte", not "Sammenslåing av Direktoratet for e-helse og ...". */
	return tok_in(&f->t[i], openers, ARRAY_SIZE(openers)) &&
	       !(i + 1 < f->n && tok_in(&f->t[i + 1], joins, ARRAY_SIZE(joins)));
}

/*
 * The subject of the short decisions minutes open with, after a title in
 * lower case: "Godkjenning av innkalling Innkalling og dagsorden godkjent."
 * A title's own first word may be one ("Referat fra forrige møte"): the
 * caller asks from its second word on.
 */
static bool papers_opener(const struct flat *f, size_t i)
{
	static const char *const subjects[] = {"Innkalling", "Innkallingen", "Referat",	  "Referatet",
					       "Dagsorden",  "Dagsordenen",  "Saksliste", "Sakslisten"};

	size_t k;

	if (!i || !lower(&f->t[i - 1]) || !tok_in(&f->t[i], subjects, ARRAY_SIZE(subjects)))
		return false;
	/* A short sentence of lower-case words follows: "... og dagsorden godkjent." (a title's
	 * "Referat og protokoll fra arbeidsgruppen" runs on into the text's capitals). */
	for (k = i + 1; k < f->n && k <= i + 8; k++) {
		if (f->t[k].s[f->t[k].n - 1] == '.')
			return true;
		if (!lower(&f->t[k]))
			return false;
	}
	return false;
}

/* "Sak 22/2021": a case's heading begins at token i. */
static bool case_heading_at(const struct flat *f, size_t i)
{
	return tok_is(&f->t[i], "Sak") && i + 1 < f->n && case_no(&f->t[i + 1], &(struct case_no){0});
}

static void remember_title(struct flat *f, const struct case_no *no, const char *title)
{
	ALLOC_GROW(f->titles_no, f->ntitles + 1, f->titles_alloc);
	f->titles = xrealloc(f->titles, f->titles_alloc * sizeof(*f->titles));
	f->titles_no[f->ntitles] = xstrdup(no->text);
	f->titles[f->ntitles++] = xstrdup(title);
}

static const char *title_of(char *const *nos, char *const *titles, size_t n, const struct case_no *no)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(nos[i], no->text))
			return titles[i];
	return NULL;
}

/* The title the agenda gave case `no` in this pass, or NULL. */
static const char *known_title(const struct flat *f, const struct case_no *no)
{
	return title_of(f->titles_no, f->titles, f->ntitles, no);
}

/* ---- agenda rows ------------------------------------------------------- */

/* An agenda's row without a case: "Pause", "Lunsj", "Eventuelt". */
static bool break_word(const struct tok *t)
{
	return tok_is(t, "Pause") || tok_is(t, "Lunsj") || tok_is(t, "Middag") || tok_is(t, "Kaffe") ||
	       tok_is(t, "Slutt") || tok_is(t, "Eventuelt");
}

/*
 * A row starts here: a case number, or a break ("Pause 11.40",
 * "Eventuelt"); in a table with its times first, the time before them.
 */
static bool row_start(const struct flat *f, size_t i)
{
	struct case_no no;
	const struct tok *t = &f->t[i];

	if (f->time_first && slot(t))
		return i + 1 < f->n && (case_no(&f->t[i + 1], &no) || break_word(&f->t[i + 1]));
	if (f->time_first && i > 0 && slot(&f->t[i - 1]))
		return false; /* its time began the row */
	if (case_no(t, &no))
		return !(i > 0 && (tok_ci(&f->t[i - 1], "sak") && lower(&f->t[i - 1])));
	if (i > 0 && case_no(&f->t[i - 1], &no))
		return false; /* "39/22 Eventuelt" is a case */
	return break_word(t);
}

/* The end of the row that starts at i (exclusive). */
static size_t row_end(const struct flat *f, size_t i, size_t limit)
{
	size_t j;
	const char *names[8];
	size_t nc;

	for (j = i + 1; j < limit; j++) {
		if (f->t[j].page != f->t[i].page && (row_start(f, j) || label_at(f, j)))
			break;
		if (row_start(f, j))
			break;
		if (label_at(f, j) || table_header_at(f, j, names, &nc) ||
		    (tok_is(&f->t[j], "Dag") && j + 1 < limit && digits(&f->t[j + 1])) ||
		    tok_is(&f->t[j], "Saksdokumenter") || tok_is(&f->t[j], "Saksliste") ||
		    (tok_is(&f->t[j], "Sak") && j + 1 < limit && case_no(&f->t[j + 1], &(struct case_no){0})))
			break;
	}
	return j;
}

/* A run of two to four capitalised words that reads as a person's name, starting at i. */
static size_t name_run(const struct flat *f, size_t i, size_t e)
{
	size_t k;

	for (k = 4; k >= 2; k--) {
		const char *b, *end;
		size_t n;

		if (i + k > e)
			continue;
		if (i + k == e && f->t[e - 1].n == 1)
			continue; /* "Kari Holm B": the letter is the row's type code */
		b = f->t[i].s;
		end = f->t[i + k - 1].s + f->t[i + k - 1].n;
		n = (size_t)(end - b);
		while (n && (b[n - 1] == ',' || b[n - 1] == ')'))
			n--;
		if (papers_person_name(b, n) && memchr(b, '(', n) == NULL)
			return k;
	}
	return 0;
}

/* A type's word among [i, e). */
static bool later_type(const struct flat *f, size_t i, size_t e)
{
	for (; i < e; i++)
		if (type_tok(&f->t[i]))
			return true;
	return false;
}

/*
 * Sorts the words of one row into cells. The flattening wrote each
 * physical line's cells in turn (title part, presenters part, time, type,
 * then the next line's parts), so: the title runs until a person's name or
 * the time; presenters run until the time or type; after them, words that
 * continue a sentence continue the title and capitalised ones the
 * presenters. A row of a case section ends in its type, and what follows
 * a type word there is the case's text.
 */
static void split_row(const struct flat *f, size_t b, size_t e, enum cell *cell)
{
	size_t i;
	enum cell cur = C_TITLE;
	bool seen_type = false, seen_time = false, people_open = false, people_seen = false;

	for (i = b; i < e; i++) {
		const struct tok *t = &f->t[i];
		size_t run;

		/* "Deling av bilder (forts.)": the case continued, a mark of its title. */
		if (continuation(t) && i > b + 1 && cell[i - 1] == C_TITLE) {
			cell[i] = C_TITLE;
			continue;
		}
		if (clock(t) && !seen_time) {
			cell[i] = C_TIME;
			seen_time = true;
			cur = C_TITLE;
			continue;
		}
		if (i + 1 == e && i > b && t->n == 1 && decision_facets_parse(t->s, 1, NULL)) {
			cell[i] = C_TYPE; /* a letter code ends the row: "B", "O", "D" */
			continue;
		}
		if (type_tok(t) && i > b &&
		    (i + 1 == e || clock(&f->t[i - 1]) || t->s[t->n - 1] == '/' || !lower(&f->t[i + 1]) ||
		     seen_time || lower(&f->t[i - 1]) || cur == C_PEOPLE)) {
			/* "Godkjenning av ..." opening a title is the title. */
			if (!(cur == C_TITLE && i + 1 < e && lower(&f->t[i + 1]) && !seen_time &&
			      !clock(&f->t[i - 1]) && t->s[t->n - 1] != '/' && !lower(&f->t[i - 1]))) {
				cell[i] = C_TYPE;
				/* "Til godkjenning": the type as written. */
				if (i > b && tok_is(&f->t[i - 1], "Til"))
					cell[i - 1] = C_TYPE;
				seen_type = true;
				cur = C_TITLE;
				continue;
			}
		}
		/* "Orientering og" + "drøfting" further on: the type's cell wrapped. */
		if (tok_is(t, "og") && i > b && cell[i - 1] == C_TYPE && later_type(f, i + 1, e)) {
			cell[i] = C_TYPE;
			continue;
		}
		if (seen_type && !seen_time && cap(t) && i + 4 < e) {
			/* A section's row: the text of the case follows its type. */
			for (; i < e; i++)
				cell[i] = C_BODY;
			break;
		}
		/* "Seniorrådgiver Jens Otto", "Møteleder": a presenter's job title opens the cell. */
		if (i > b && cur != C_PEOPLE && names_title_len(t->s, t->n) == t->n &&
		    (name_run(f, i + 1, e) || (cap(t) && !scan_ends_open(f->t[i - 1].s, f->t[i - 1].n)))) {
			cell[i] = C_PEOPLE;
			cur = C_PEOPLE;
			people_seen = true;
			continue;
		}
		if (i > b && cell[i - 1] == C_TITLE && cur == C_TITLE &&
		    scan_ends_open(f->t[i - 1].s, f->t[i - 1].n) && !name_run(f, i, e)) {
			cell[i] = C_TITLE; /* "... utprøving i" + "Helse Vest" */
			continue;
		}
		if (i > b && cell[i - 1] == C_TITLE && cur != C_PEOPLE &&
		    scan_ends_open(f->t[i - 1].s, f->t[i - 1].n) && name_run(f, i, e) == 0) {
			cell[i] = C_TITLE;
			continue;
		}
		if (cur == C_PEOPLE) {
			cell[i] = C_PEOPLE;
			people_open = tok_is(t, "og") || t->s[t->n - 1] == ',';
			continue;
		}

		if ((run = name_run(f, i, e))) {
			size_t k;
			for (k = 0; k < run; k++)
				cell[i + k] = C_PEOPLE;
			i += run - 1;
			cur = C_PEOPLE;
			people_open = f->t[i].s[f->t[i].n - 1] == ',';
			people_seen = true;
			continue;
		}
		/*
		 * After the type, the next line's cells: a capitalised word after
		 * the type, or after the title's next words where the row had
		 * presenters, goes on with them ("Aasen, Direktoratet for e-helse").
		 */
		if (cap(t) && i > b && (seen_time || seen_type) &&
		    (cell[i - 1] != C_TITLE ||
		     (people_seen && seen_type && !scan_ends_open(f->t[i - 1].s, f->t[i - 1].n)))) {
			cell[i] = C_PEOPLE;
			cur = C_PEOPLE;
			continue;
		}
		if (cap(t) && people_open && (seen_time || seen_type)) {
			cell[i] = C_PEOPLE;
			people_open = t->s[t->n - 1] == ',';
			continue;
		}
		cell[i] = C_TITLE;
	}
}

/* The title case `no`'s own section gave it in the first pass, or NULL. */
static const char *section_title(const struct flat *f, const struct case_no *no)
{
	return title_of(f->sec_no, f->sec_title, f->nsec, no);
}

/*
 * With the title known from the case's own section, an agenda row's words
 * are the title's where they follow it in order, the time and type where
 * they are those, and the presenters' otherwise.
 */
static void split_by_title(const struct flat *f, size_t b, size_t e, enum cell *cell, const char *title)
{
	size_t i, at = 0, tl = strlen(title);

	for (i = b; i < e; i++) {
		const struct tok *t = &f->t[i];
		const char *w;

		while (at < tl && title[at] == ' ')
			at++;
		/* The word where the title goes on, or a little further: the
		 * agenda may leave out words of the section's title. */
		for (w = title + at; w && *w; w = strchr(w, ' '), w = w ? w + 1 : NULL)
			if (!strncmp(w, t->s, t->n) && (w[t->n] == ' ' || !w[t->n]))
				break;
		if (w && *w && (size_t)(w - title) <= at + 40) {
			cell[i] = C_TITLE;
			at = (size_t)(w - title) + t->n;
		} else if (at > 0 && continuation(t)) {
			cell[i] = C_TITLE;
		} else if (clock(t)) {
			cell[i] = C_TIME;
		} else if (type_tok(t)) {
			cell[i] = C_TYPE;
		} else if (lower(t) && !tok_is(t, "og")) {
			cell[i] = C_TITLE; /* presenters' cells hold names, not lower-case words */
		} else {
			cell[i] = C_PEOPLE;
		}
	}
}

/*
 * A case section's row, its case already in the agenda: the words follow
 * the agenda's title in order (a type or time among them is that), and
 * where they stop following it, the case's text begins.
 */
static void split_section_row(const struct flat *f, size_t b, size_t e, enum cell *cell, const char *title)
{
	size_t i, at = 0, tl = strlen(title);
	bool body = false;

	for (i = b; i < e; i++) {
		const struct tok *t = &f->t[i];

		while (at < tl && title[at] == ' ')
			at++;
		if (body) {
			cell[i] = C_BODY;
		} else if (at < tl && !strncmp(title + at, t->s, t->n) &&
			   (at + t->n == tl || title[at + t->n] == ' ')) {
			cell[i] = C_TITLE;
			at += t->n;
		} else if (type_tok(t)) {
			cell[i] = C_TYPE;
		} else if (clock(t)) {
			cell[i] = C_TIME;
		} else if (at > 0 && at + 1 >= tl) {
			cell[i] = C_BODY; /* the title is whole: the text begins */
			body = true;
		} else if (at > 0 && lower(t)) {
			cell[i] = C_TITLE; /* the section words its title a little differently */
		} else {
			cell[i] = C_BODY;
			body = true;
		}
	}
}

static void cat_cell(struct strbuf *sb, const struct flat *f, size_t b, size_t e, const enum cell *cell,
		     enum cell want)
{
	size_t i;

	for (i = b; i < e; i++) {
		if (cell[i] != want)
			continue;
		if (sb->len && sb->buf[sb->len - 1] != '/')
			strbuf_addch(sb, ' ');
		strbuf_add(sb, f->t[i].s, f->t[i].n);
	}
}

/* A row whose title says "(forts.)": the agenda's second row of a case, not its section. */
static bool continued_row(const struct flat *f, size_t b, size_t e)
{
	size_t i;

	for (i = b; i < e && i < b + 25; i++)
		if (continuation(&f->t[i]))
			return true;
	return false;
}

/* Writes one row under the header's columns; returns where the case's text starts (e if none). */
static size_t put_row(struct flat *f, size_t b, size_t e, const char *const *cols, const size_t *at,
		      size_t ncols)
{
	enum cell *cell = f->cell; /* indexed like f->t; rows do not overlap */
	struct strbuf part = STRBUF_INIT, title = STRBUF_INIT;
	struct case_no no;
	size_t c, lead = f->time_first && slot(&f->t[b]), first = b + lead, body = e, i;
	bool numbered = first < e && case_no(&f->t[first], &no);

	if (lead)
		cell[b] = C_TIME;
	if (numbered)
		cell[first++] = C_NUMBER;
	if (!f->first_pass && numbered && known_title(f, &no) && !continued_row(f, first, e))
		split_section_row(f, first, e, cell, known_title(f, &no)); /* the agenda came first */
	else if (numbered && section_title(f, &no))
		split_by_title(f, first, e, cell, section_title(f, &no));
	else
		split_row(f, first, e, cell);
	for (i = first; i < e; i++)
		if (cell[i] == C_BODY) {
			body = i;
			break;
		}
	brk(f, 1);
	for (c = 0; c < ncols; c++) {
		strbuf_reset(&part);
		if (!strcmp(cols[c], "Sak")) {
			if (numbered)
				strbuf_add(&part, f->t[first - 1].s, f->t[first - 1].n);
		} else if (!strcmp(cols[c], "Tema") || !strcmp(cols[c], "Tittel") ||
			   !strcmp(cols[c], "Sakstittel") || !strcmp(cols[c], "Saksnavn") ||
			   !strcmp(cols[c], "Agenda")) {
			cat_cell(&part, f, first, body, cell, C_TITLE);
			strbuf_add(&title, part.buf, part.len);
		} else if (!strcmp(cols[c], "Tid") || !strcmp(cols[c], "Kl.")) {
			cat_cell(&part, f, b, body, cell, C_TIME);
		} else if (!strcmp(cols[c], "Sakstype") || !strcmp(cols[c], "Type")) {
			cat_cell(&part, f, first, body, cell, C_TYPE);
		} else if (strcmp(cols[c], "Vedlegg")) {
			cat_cell(&part, f, first, body, cell, C_PEOPLE);
		}
		if (!part.len)
			continue;
		pad_to(f->out, at[c]);
		strbuf_add(f->out, part.buf, part.len);
	}
	if (numbered && title.len && !known_title(f, &no))
		remember_title(f, &no, title.buf);
	if (numbered && title.len && body < e && f->first_pass) {
		ALLOC_GROW(f->sec_no, f->nsec + 1, f->sec_alloc);
		f->sec_title = xrealloc(f->sec_title, f->sec_alloc * sizeof(*f->sec_title));
		f->sec_no[f->nsec] = xstrdup(no.text);
		f->sec_title[f->nsec++] = xstrdup(title.buf);
	}
	strbuf_release(&part);
	strbuf_release(&title);
	return body;
}

/* The agenda's titles forgotten, for a pass that finds them again. */
static void forget_titles(struct flat *f)
{
	size_t p;

	for (p = 0; p < f->ntitles; p++) {
		free(f->titles_no[p]);
		free(f->titles[p]);
	}
	f->ntitles = 0;
}

static void flat_release(struct flat *f)
{
	size_t p;

	forget_titles(f);
	for (p = 0; p < f->nsec; p++) {
		free(f->sec_no[p]);
		free(f->sec_title[p]);
	}
	free(f->sec_no);
	free(f->sec_title);
	free(f->titles_no);
	free(f->titles);
	free(f->cell);
	free(f->t);
	for (p = 0; p < f->njoined; p++)
		free(f->joined[p]);
	free(f->joined);
}

/* Writes a table's header with its columns at fixed places, `at`, for its rows to follow. */
static void put_header(struct flat *f, const char *const *cols, size_t ncols, size_t *at)
{
	size_t c, col = 0;

	f->time_first = strcmp(cols[0], "Sak") != 0;
	/* Wide enough for what a cell holds: a number (9), a slot "09:00–09:10" first (14), a title (70). */
	for (c = 0; c < ncols; c++) {
		at[c] = col;
		pad_to(f->out, col);
		strbuf_addstr(f->out, cols[c]);
		col += !strcmp(cols[c], "Sak")					? 9
		       : c == 0							? 14
		       : !strcmp(cols[c], "Tema") || !strcmp(cols[c], "Tittel") ? 70
										: 30;
	}
}

/* A line that reads as an agenda's header with single spaces, and a row after it. */
static bool raw_table_at(const struct deck_lines *dl, size_t i)
{
	const struct line *l = &dl->v[i];
	struct case_no no;
	size_t a;

	if (l->blank || !raw_header(l) || in_columns(l) || i + 1 >= dl->n)
		return false;
	l = &dl->v[i + 1];
	a = line_lead(l);
	return !l->blank && !in_columns(l) && scan_case_number(l->text + a, strcspn(l->text + a, " "), &no);
}

bool unflatten_rows_needed(const struct deck_lines *dl)
{
	size_t i;

	for (i = 0; i < dl->n; i++)
		if (raw_table_at(dl, i))
			return true;
	return false;
}

/*
 * The rows under a header of raw_table_at(), each a line of its own, laid
 * out one by one (put_row()). A line that reads as no row ends the table.
 */
static size_t put_raw_rows(struct flat *f, const struct deck_lines *dl, size_t i, struct strbuf *out)
{
	const char *cols[8];
	size_t ncols, at[8];
	struct strbuf row = STRBUF_INIT;

	f->n = 0;
	tokenize(f, &dl->v[i], 0);
	if (table_header_at(f, 0, cols, &ncols) != f->n)
		return i;
	f->out = out;
	if (dl->v[i].page)
		strbuf_addch(out, '\f');
	put_header(f, cols, ncols, at);
	strbuf_addch(out, '\n');
	for (i++; i < dl->n && !dl->v[i].blank && !dl->v[i].page && !in_columns(&dl->v[i]); i++) {
		size_t skip = 0;

		f->n = 0;
		tokenize(f, &dl->v[i], 0);
		if (!f->n || !row_start(f, 0) || row_end(f, 0, f->n) != f->n)
			break;
		f->cell = xrealloc(f->cell, f->n * sizeof(*f->cell));
		f->out = &row;
		strbuf_reset(&row);
		if (put_row(f, 0, f->n, cols, at, ncols) != f->n)
			break;
		while (skip < row.len && row.buf[skip] == '\n')
			skip++;
		strbuf_add(out, row.buf + skip, row.len - skip);
		strbuf_addch(out, '\n');
	}
	f->time_first = false;
	strbuf_release(&row);
	return i;
}

void unflatten_rows(const struct deck_lines *dl, struct strbuf *out)
{
	struct flat f;
	size_t i = 0;

	memset(&f, 0, sizeof(f));
	f.first_pass = true;
	while (i < dl->n) {
		const struct line *l = &dl->v[i];
		size_t next = raw_table_at(dl, i) ? put_raw_rows(&f, dl, i, out) : i;

		if (next > i) {
			i = next;
			continue;
		}
		if (l->page)
			strbuf_addch(out, '\f');
		strbuf_add(out, l->text, l->len);
		strbuf_addch(out, '\n');
		i++;
	}
	flat_release(&f);
}

/* ---- the stream -------------------------------------------------------- */

/* "(Org) for Name Name" ends `back` words before i: a stand-in's entry, whose name has no parenthesis after
 * it. */
static bool stand_in_before(const struct flat *f, size_t i, size_t back)
{
	const struct tok *w;

	if (i < back + 1)
		return false;
	w = &f->t[i - back];
	return (tok_is(w, "for") || tok_is(w, "pva")) &&
	       f->t[i - back - 1].s[f->t[i - back - 1].n - 1] == ')' && cap(&f->t[i - back + 1]);
}

/* A word that an organisation's name does not end in ("Statsforvalteren i" + "Vestland"). */
static bool joining_word(const struct tok *t)
{
	return org_small_word(t->s, t->n) || tok_is(t, "-");
}

/* A word that an organisation's name goes on after with a place's: "Helse" (Bergen), "Sykehuset" (Innlandet).
 */
static bool org_head(const struct tok *t)
{
	static const char *const words[] = {"Helse",	     "Sykehuset", "Sykehusene", "Statsforvalteren",
					    "Universitetet", "Høgskolen"};

	return tok_in(t, words, ARRAY_SIZE(words));
}

/*
 * In a list "Name, Org Name, Org ...", whether the entry of a new person
 * begins at i: the words between two commas are an organisation and the
 * next name, and the name is the longest run of two to four words before
 * the comma that reads as one, where the organisation keeps a word that
 * may end it ("Helsedirektoratet Ellen Brekke Moen,", "Helse Sør-Øst RHF
 * Arne Kristoffersen,").
 */
static bool list_entry_at(const struct flat *f, size_t i, size_t e)
{
	size_t p, m, k;

	if (!cap(&f->t[i]) || f->t[i - 1].s[f->t[i - 1].n - 1] == ',')
		return false;
	for (p = i - 1; p > 0 && i - p < 8 && f->t[p].s[f->t[p].n - 1] != ','; p--)
		if (memchr(f->t[p].s, '(', f->t[p].n) || memchr(f->t[p].s, ')', f->t[p].n) ||
		    one_of(&f->t[p], header_labels, ARRAY_SIZE(header_labels)))
			return false;
	if (f->t[p].s[f->t[p].n - 1] != ',')
		return false;
	for (m = i; m < e && m < i + 4 && f->t[m].s[f->t[m].n - 1] != ','; m++)
		;
	if (m >= e || f->t[m].s[f->t[m].n - 1] != ',')
		return false;
	for (k = 4; k >= 2; k--) {
		size_t from = m + 1 - k, w;
		struct strbuf name = STRBUF_INIT;
		bool person;

		/* "Helse Bergen", "Sykehuset Innlandet": a word that wants a name after it ends no
		 * organisation. */
		if (m + 1 < k || from < p + 2 || joining_word(&f->t[from - 1]) || org_head(&f->t[from - 1]))
			continue;
		for (w = from; w <= m; w++) {
			if (name.len)
				strbuf_addch(&name, ' ');
			strbuf_add(&name, f->t[w].s, f->t[w].n - (w == m));
		}
		person = papers_person_name(name.buf, name.len);
		strbuf_release(&name);
		if (person)
			return from == i;
	}
	return false;
}

/*
 * A sentence after a list: a capitalised word, three words in lower case
 * that name no organisation after it ("Saker til eventuelt meldes"), and a
 * full stop before any comma. An organisation's name has no such run
 * ("Direktoratet for e-helse", "Helse- og omsorgsdepartementet").
 */
static bool list_sentence_at(const struct flat *f, size_t i, size_t e)
{
	size_t k, lowers = 0;

	if (!cap(&f->t[i]) || f->t[i].s[f->t[i].n - 1] == ',')
		return false;
	for (k = i + 1; k < e && k < i + 4; k++)
		lowers += lower(&f->t[k]) && !org_like(f->t[k].s, f->t[k].n);
	if (lowers < 3)
		return false;
	for (k = i; k < e && k < i + 40; k++) {
		char last = f->t[k].s[f->t[k].n - 1];
		if (last == ',')
			return false;
		if (last == '.' && !ends_in_number(&f->t[k]))
			return true;
	}
	return false;
}

/* Writes words [i, e) as running text, breaking where the class of document breaks; returns e. */
static void put_text(struct flat *f, size_t i, size_t e, bool *listing, bool *header)
{
	bool in_decision = false;

	for (; i < e; i++) {
		const struct tok *t = &f->t[i];
		size_t k;

		if (i > 0 && t->page != f->t[i - 1].page) {
			brk(f, 1);
			strbuf_addch(f->out, '\f');
		}
		if (*header && one_of(t, header_labels, ARRAY_SIZE(header_labels)) && i + 1 < e &&
		    !lower(&f->t[i + 1])) {
			bool two = one_of(t, list_labels, ARRAY_SIZE(list_labels)) && i + 1 < e &&
				   one_of(&f->t[i + 1], list_labels, ARRAY_SIZE(list_labels));
			brk(f, 2);
			strbuf_add(f->out, t->s, t->n);
			strbuf_addstr(f->out, "  ");
			if (two) {
				/* Two lists side by side, their rows run together: all go to
				 * the first, which is the longer as a rule (members). */
				strbuf_add(f->out, f->t[i + 1].s, f->t[i + 1].n);
				brk(f, 1);
				i++;
			}
			*listing = one_of(t, list_labels, ARRAY_SIZE(list_labels));
			continue;
		}
		if (*header && i + 1 < e && (tok_is(t, "Til") || tok_is(t, "Meldt")) &&
		    (tok_is(&f->t[i + 1], "stede:") || tok_is(&f->t[i + 1], "stede") ||
		     tok_is(&f->t[i + 1], "forfall:") || tok_is(&f->t[i + 1], "forfall"))) {
			brk(f, 2);
			word(f, t);
			word(f, &f->t[++i]);
			strbuf_addstr(f->out, "  ");
			*listing = true;
			continue;
		}
		if (*header && tok_is(t, "Møte") && i + 1 < e &&
		    (case_no(&f->t[i + 1], &(struct case_no){0}) || tok_is(&f->t[i + 1], "nr.") ||
		     tok_is(&f->t[i + 1], "i"))) {
			brk(f, 2);
			strbuf_add(f->out, t->s, t->n);
			if (!tok_is(&f->t[i + 1], "i"))
				strbuf_addstr(f->out, "  ");
			*listing = false;
			continue;
		}
		if (tok_is(t, "Møteinnkalling") || tok_is(t, "Referat") || tok_is(t, "Protokoll") ||
		    tok_is(t, "Saksliste") || tok_is(t, "Saksdokumenter") || tok_is(t, "Innkalling")) {
			if (*header || tok_is(t, "Saksliste") || tok_is(t, "Saksdokumenter")) {
				brk(f, 2);
				strbuf_add(f->out, t->s, t->n);
				brk(f, 2);
				*listing = false;
				continue;
			}
		}
		if (tok_is(t, "Dag") && i + 1 < e && digits(&f->t[i + 1])) {
			brk(f, 2);
			*listing = false;
		}
		if (i > 0 && f->t[i - 1].s[f->t[i - 1].n - 1] == ')' && sentence_opener(f, i))
			brk(f, 2); /* "Innleder: Name (Org)" then the discussion */
		if ((k = label_at(f, i))) {
			brk(f, 2);
			*listing = false;
			in_decision = k == 3 || decision_label_at(f, i);
		}
		if (in_decision && i > 0 && sentence_end(&f->t[i - 1]) && lower(t)) {
			/* A sentence cannot start in lower case: words of a right-hand
			 * column ("Vedlegg 1: Referat fra NUFA ...") that the flattening
			 * ran into the decision. */
			for (; i + 1 < e && !(cap(&f->t[i + 1]) && sentence_end(&f->t[i])) &&
			       !label_at(f, i + 1);
			     i++)
				;
			continue;
		}
		if (tok_is(t, "Ingen") && i + 1 < e && tok_is(&f->t[i + 1], "vedlegg")) {
			i++;
			continue;
		}
		if (tok_is(t, "Vedlegg") || tok_is(t, "Vedlegg:")) {
			/* An attachment's name runs until the body speaks again. */
			for (; i + 1 < e && !(body_voice(&f->t[i + 1]) && i + 2 < e && lower(&f->t[i + 2])) &&
			       !label_at(f, i + 1) && !row_start(f, i + 1);
			     i++)
				;
			continue;
		}
		if (tok_is(t, "Eventuelt") && (i + 1 == e || cap(&f->t[i + 1]))) {
			brk(f, 2);
			strbuf_addstr(f->out, "Eventuelt");
			brk(f, 2);
			continue;
		}
		if (tok_is(t, "Bakgrunn") && i + 1 < e && cap(&f->t[i + 1])) {
			brk(f, 2);
			strbuf_addstr(f->out, "Bakgrunn");
			brk(f, 1);
			continue;
		}
		if (tok_is(t, "•") ||
		    (item_number(t) && i > 0 &&
		     (sentence_end(&f->t[i - 1]) || f->t[i - 1].s[f->t[i - 1].n - 1] == ':' ||
		      /* "... med unntak av punkt 4. 2. Direktoratet legger fram": a number that
		       * ends a sentence, then the next item's. */
		      (ends_in_number(&f->t[i - 1]) && i + 1 < e && cap(&f->t[i + 1]))))) {
			brk(f, 1);
		} else if (*listing && i > 0 && f->t[i - 1].s[f->t[i - 1].n - 1] == ')' && cap(t) &&
			   !tok_is(t, "for") && !tok_is(t, "pva")) {
			brk(f, 1);
		} else if (*listing && i > 0 && list_sentence_at(f, i, e)) {
			brk(f,
			    2); /* "... Oslo kommune" + "Saker til eventuelt meldes ...": the list is over */
			*listing = false;
		} else if (*listing && i > 0 && list_entry_at(f, i, e)) {
			brk(f, 1);
		} else if (*listing && cap(t) && (stand_in_before(f, i, 3) || stand_in_before(f, i, 4)) &&
			   (k = name_run(f, i, e)) && i + k < e && f->t[i + k].s[0] == '(') {
			brk(f, 1); /* "... for Randi Kleppe" + "Bjørnar Isaksen (Helse Nord RHF)" */
		}
		word(f, t);
	}
}

static void run(struct flat *f, struct strbuf *out);

void unflatten(const struct deck_lines *dl, struct strbuf *out)
{
	struct flat f;
	size_t *start = NULL, npages = 0, i;
	bool *drop;
	int page = 0;

	memset(&f, 0, sizeof(f));
	f.out = out;
	for (i = 0; i < dl->n; i++) {
		if (dl->v[i].blank)
			continue;
		start = xrealloc(start, (npages + 2) * sizeof(*start));
		start[npages++] = f.n;
		tokenize(&f, &dl->v[i], page++);
	}
	if (!start)
		start = xmalloc(sizeof(*start));
	start[npages] = f.n;
	drop = xcalloc(f.n + 1, sizeof(*drop));
	rejoin_cut_numbers(&f, start, npages, drop);
	drop_furniture(&f, start, npages, drop);
	{
		/* Page furniture goes before anything reads the words. */
		size_t o = 0;
		for (i = 0; i < f.n; i++)
			if (!drop[i])
				f.t[o++] = f.t[i];
		f.n = o;
	}

	f.cell = xcalloc(f.n + 1, sizeof(*f.cell));
	f.first_pass = true;
	run(&f, out);
	strbuf_reset(out);
	forget_titles(&f);
	f.first_pass = false;
	run(&f, out);
	brk(&f, 1);
	flat_release(&f);
	free(drop);
	free(start);
}

/* One pass over the words, writing the text laid out again into `out`. */
static void run(struct flat *f, struct strbuf *out)
{
	size_t i;
	bool listing = false, header = true;

	for (i = 0; i < f->n;) {
		const char *cols[8];
		size_t ncols, hl = table_header_at(f, i, cols, &ncols);

		if (hl) {
			/* A table: its header at fixed columns, then its rows under them. */
			size_t at[8];

			header = listing = false;
			brk(f, 2);
			put_header(f, cols, ncols, at);
			i += hl;
			while (i < f->n && row_start(f, i)) {
				size_t e = row_end(f, i, f->n), body = put_row(f, i, e, cols, at, ncols);
				if (body < e) {
					brk(f, 2);
					put_text(f, body, e, &listing, &header);
				}
				i = e;
			}
			f->time_first = false;
			brk(f, 2);
			continue;
		}
		if (tok_is(&f->t[i], "Sak") && i + 1 < f->n) {
			struct case_no no;
			size_t j = i + 1, k2;

			if (tok_is(&f->t[j], "nr.") && j + 1 < f->n)
				j++;
			if (case_no(&f->t[j], &no) && j + 1 < f->n && continuation(&f->t[j + 1])) {
				/* "Sak 23/2021 (forts.)" atop a page: a line of its own, the text goes on. */
				brk(f, 2);
				for (k2 = i; k2 <= j + 1; k2++)
					word(f, &f->t[k2]);
				brk(f, 2);
				i = j + 2;
				continue;
			}
			/* "Sak 35/21 ble flyttet foran ...": a sentence of the text, not a heading. */
			if (case_no(&f->t[j], &no) && !(j + 1 < f->n && lower(&f->t[j + 1]))) {
				/* A case heading: its title as the agenda has it, then its text. */
				const char *title = known_title(f, &no);
				size_t k, tl = title ? strlen(title) : 0, used = 0;

				header = listing = false;
				brk(f, 2);
				for (k = i; k <= j; k++)
					word(f, &f->t[k]);
				strbuf_addstr(out, "  ");
				for (k = j + 1; k < f->n && title && used < tl; k++) {
					if (strncmp(title + used, f->t[k].s, f->t[k].n))
						break;
					word(f, &f->t[k]);
					used += f->t[k].n + 1;
				}
				if (title && used < tl) {
					/* Worded a little differently ("referat fra møte i NUFA"):
					 * the title ends where the agenda's last two words do. */
					const char *last = strrchr(title, ' ');
					size_t m, limit = k + 2 * (tl / 4 + 4);
					const char *prev = last ? last - 1 : NULL;
					while (prev && prev > title && *prev != ' ')
						prev--;
					for (m = k; last && prev && m + 1 < f->n && m < limit; m++)
						if (f->t[m + 1].n == strlen(last + 1) &&
						    !strncmp(f->t[m + 1].s, last + 1, f->t[m + 1].n) &&
						    !strncmp(f->t[m].s, prev + (*prev == ' '), f->t[m].n))
							break;
					if (last && prev && m + 1 < f->n && m < limit) {
						for (; k <= m + 1; k++)
							word(f, &f->t[k]);
						used = tl;
					}
				}
				if (!title) {
					/* No agenda to say where the title ends: before the first
					 * word that opens a sentence of the minutes, and never past the
					 * next case's heading. */
					size_t limit = k + 25, first = k;
					for (; k < f->n && k < limit && !sentence_opener(f, k) &&
					       !label_at(f, k) && !case_heading_at(f, k) &&
					       !(k > first && papers_opener(f, k));
					     k++) {
						word(f, &f->t[k]);
						/* "Sak 44/23 Eventuelt Lise Tangen takket ...": a word alone.
						 */
						if (k == first && tok_is(&f->t[k], "Eventuelt")) {
							k++;
							brk(f, 2);
							break;
						}
					}
					if (k < f->n && (sentence_opener(f, k) || label_at(f, k) ||
							 (k > first && papers_opener(f, k))))
						brk(f, 2);
				}
				if (title && used >= tl)
					brk(f, 2);
				i = k;
				continue;
			}
		}
		{
			/* Running text up to the next table or case heading. */
			size_t e = i + 1;
			for (; e < f->n; e++) {
				size_t n2;
				const char *c2[8];
				if (table_header_at(f, e, c2, &n2) ||
				    (tok_is(&f->t[e], "Sak") && e + 1 < f->n &&
				     case_no(&f->t[e + 1], &(struct case_no){0})))
					break;
			}
			put_text(f, i, e, &listing, &header);
			i = e;
		}
	}
}
