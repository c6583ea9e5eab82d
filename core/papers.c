/*
 * papers.c: notices and minutes, read as `pdftotext -layout` lays them out.
 *
 * A line is cut into cells at runs of two or more spaces; a cell's column
 * (in characters) says which table column or label value it belongs to.
 * The reader marks page furniture (footers and headers repeated on every
 * page), reads the header block (labels such as Dato, Sted, Medlemmer),
 * the agenda tables (a header row that names its columns, rows that begin
 * with a case number), then the case sections (a heading with the case
 * number, set off by a blank line or a table header) and in each the
 * decision labels. Nothing here knows a sample document: the rules are
 * those of the class, described in ../shared/formats/README.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/dates.h"
#include "core/i18n.h"
#include "core/names.h"
#include "core/papers.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/worddiff.h"
#include "core/util.h"
#include "core/banned.h"

#define MAX_CELLS 16

struct cell {
	const char *s;
	size_t n;
	size_t col; /* in characters from the line's start */
};

enum col_kind { COL_NONE, COL_SAK, COL_TITLE, COL_PEOPLE, COL_TIME, COL_TYPE, COL_ATTACH };

struct column {
	enum col_kind kind;
	size_t col;
};

struct row {
	bool has_no;
	struct case_no no;
	struct strbuf title, people, type, time;
	long line;	  /* 1-based */
	size_t index;	  /* 0-based line index */
	size_t title_col; /* a heading's: the column its title starts in */
	int day;
};

struct papers {
	struct deck *d;
	const struct deck_lines *dl;
	enum doc_kind kind;
	bool *skip;	  /* page furniture */
	int *page;	  /* 1-based page of each line */
	bool *agenda;	  /* lines of agenda tables */
	bool *days;	  /* the agenda's lines that head a day's rows ("Torsdag 12. juni 2025") */
	struct row *rows; /* agenda rows */
	size_t nrows, rows_alloc;
	size_t header_end;    /* first line after the header block */
	struct joint *joints; /* decisions one section records for several cases */
	size_t njoints, joints_alloc;
};

/* "Vedtak i sak 15/24 og 16/24:": case `from` recorded it for `number` too. */
struct joint {
	size_t from; /* index in d->cases */
	char number[16];
	bool proposed; /* "Forslag til vedtak i sakene ..." */
};

/* Characters (not bytes) in s[0..n). */
static size_t chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Cuts a line into cells at runs of two or more spaces. */
static size_t cells_of(const struct line *l, struct cell *out, size_t max)
{
	size_t i = 0, n = 0, col = 0;
	const char *s = l->text;

	while (i < l->len && n < max) {
		size_t b, e, sp;

		while (i < l->len && s[i] == ' ') {
			i++;
			col++;
		}
		if (i >= l->len)
			break;
		b = i;
		for (e = i; e < l->len; e++) {
			if (s[e] != ' ')
				continue;
			for (sp = e; sp < l->len && s[sp] == ' '; sp++)
				;
			if (sp - e >= 2 || sp == l->len)
				break;
			e = sp - 1;
		}
		out[n].s = s + b;
		out[n].n = e - b;
		out[n].col = col;
		n++;
		col += chars(s + b, e - b);
		i = e;
	}
	return n;
}

static bool word_eq(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);

	return n == l && !strncasecmp(s, w, l);
}

static bool is_digit_start(const char *s, size_t n)
{
	return n && s[0] >= '0' && s[0] <= '9';
}

/* A committee's short name before a case number, "NUFA 30-25": its bytes and the spaces after; 0 for none. */
static size_t body_prefix(const char *s, size_t n)
{
	size_t i = 0, at, len;

	while (i < n && i < 8 && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	if (i < 2 || i >= n || s[i] != ' ' || !body_find(s, i, &at, &len) || at || len != i)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/*
 * A case number at `s` that is a heading's, not a range ("21-24/15") or a
 * mention. After "Sak" or the body's name it may be written with a hyphen,
 * "NUFA 30-25"; alone, "10-12" is a range.
 */
static bool case_number_at(const char *s, size_t n, struct case_no *no, size_t *after)
{
	size_t at = scan_sak_prefix(s, n);

	/* "NUFA 30-25", "Saksnr.:  NUIT 01-26": the committee's name, after a label too. */
	at += body_prefix(s + at, n - at);
	if (!scan_case_number(s + at, n - at, no) && !(at && scan_case_number_sep(s + at, n - at, '-', no)))
		return false;
	*after = at + no->len;
	/* A reference in parentheses or a sentence: "18/22). Nasjonalt ..." */
	if (*after < n && s[*after] != ' ' && s[*after] != ':' && s[*after] != '.')
		return false;
	if (*after < n && s[*after] == '.' && *after + 1 < n && s[*after + 1] != ' ')
		return false;
	return true;
}

/* Where a heading's title starts after its number ends at s[after]: past "  ", ": ", ". ", " – ". */
static size_t title_start(const char *s, size_t n, size_t after)
{
	while (after < n && (s[after] == ' ' || s[after] == ':' || s[after] == '.'))
		after++;
	if (after + 3 <= n && !memcmp(s + after, "–", 3))
		after += 3;
	while (after < n && s[after] == ' ')
		after++;
	return after;
}

/* ---- page furniture ---------------------------------------------------- */

/* "side 3", "Side 3 av 4", "3 / 4", a bare "3": numbers of at most three digits. */
static bool page_number_text(const char *s, size_t n)
{
	size_t after = 0, i = 0, nums = 0;

	while (n && s[n - 1] == ' ')
		n--;
	if (scan_prefix(s, n, "side ", &after) || scan_prefix(s, n, "page ", &after) ||
	    scan_prefix(s, n, "s. ", &after))
		s += after, n -= after;
	/* "- 3 -", "– 3 –": the number between dashes. */
	if (n >= 5 && ((s[0] == '-' && s[n - 1] == '-') ||
		       (n >= 7 && !memcmp(s, "–", 3) && !memcmp(s + n - 3, "–", 3)))) {
		size_t d = s[0] == '-' ? 1 : 3;

		s += d;
		n -= 2 * d;
		while (n && *s == ' ')
			s++, n--;
		while (n && s[n - 1] == ' ')
			n--;
		for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		return n && i == n && n <= 3;
	}
	while (i < n) {
		size_t d = 0;

		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, d++;
		if (d == 0 || d > 3)
			return false;
		nums++;
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		if (nums > 1)
			return false;
		if (s[i] == '/')
			i++;
		else if (i + 2 <= n && !strncmp(s + i, "av", 2))
			i += 2;
		else
			return false;
		while (i < n && s[i] == ' ')
			i++;
	}
	return nums >= 1;
}

/* The header labels ("Dato", "Medlemmer"), read in the header block below. */
enum label_kind {
	L_NONE,
	L_MEETING,
	L_DATE,
	L_TIME,
	L_VENUE,
	L_OTHER,
	L_MEMBERS,
	L_OBSERVERS,
	L_ABSENT,
	L_SECRETARIAT,
	L_SUBSTITUTES,
};

static bool list_label(enum label_kind k)
{
	return k >= L_MEMBERS;
}

static enum label_kind label_of(const struct cell *c);

/* A line that ends in a page number, alone or after a gap ("Referat NUFA ...   side 2 av 4"). */
static bool footer_line(const struct line *l)
{
	struct cell c[MAX_CELLS];
	size_t n = cells_of(l, c, MAX_CELLS), after;

	if (!n)
		return false;
	if (!page_number_text(c[n - 1].s, c[n - 1].n))
		return false;
	if (n == 1)
		return scan_prefix(c[0].s, c[0].n, "side ", &after) || c[0].n <= 3 || c[0].s[0] == '-' ||
		       !memcmp(c[0].s, "–", 3);
	/* "Møte nr.   3" and "Versjon   2" are header labels with their values. */
	return scan_prefix(c[n - 1].s, c[n - 1].n, "side ", &after) || label_of(&c[0]) == L_NONE;
}

/* The text of a line without its digits, to compare running heads and feet. */
static void no_digits(struct strbuf *sb, const struct line *l)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < l->len; i++)
		if ((l->text[i] < '0' || l->text[i] > '9') && l->text[i] != ' ')
			strbuf_addch(sb, l->text[i]);
}

/*
 * Marks the page furniture: lines that end in a page number, and the first
 * and last lines of a page when the same text (digits aside) opens or
 * closes another page too.
 */
static void mark_furniture(struct papers *p)
{
	const struct deck_lines *dl = p->dl;
	size_t *edge = NULL, nedge = 0, alloc = 0, i, j;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int page = 1;

	for (i = 0; i < dl->n; i++) {
		if (dl->v[i].page)
			page++;
		p->page[i] = page;
		if (!dl->v[i].blank && footer_line(&dl->v[i]))
			p->skip[i] = true;
	}
	/* First and last text line of each page. */
	for (i = 0; i < dl->n; i = j) {
		size_t first = SIZE_MAX, last = SIZE_MAX;

		for (j = i; j < dl->n && (j == i || !dl->v[j].page); j++)
			if (!dl->v[j].blank && !p->skip[j]) {
				if (first == SIZE_MAX)
					first = j;
				last = j;
			}
		if (first != SIZE_MAX) {
			ALLOC_GROW(edge, nedge + 2, alloc);
			edge[nedge++] = first;
			if (last != first)
				edge[nedge++] = last;
		}
	}
	/* Compared with the edges of the pages around: a running head or foot
	 * repeats there, and a long document stays linear. */
	for (i = 0; i < nedge; i++) {
		size_t n, after;
		const char *s = line_trim(&dl->v[edge[i]], &n);
		struct case_no no;

		/* "Sak 12/24" opening two pages is two cases, not a running head. */
		if (case_number_at(s, n, &no, &after))
			continue;
		no_digits(&a, &dl->v[edge[i]]);
		if (a.len < 6)
			continue;
		for (j = i > 8 ? i - 8 : 0; j < nedge && j <= i + 8; j++) {
			if (j == i || p->page[edge[j]] == p->page[edge[i]])
				continue;
			no_digits(&b, &dl->v[edge[j]]);
			if (a.len == b.len && !memcmp(a.buf, b.buf, a.len)) {
				p->skip[edge[i]] = true;
				break;
			}
		}
	}
	strbuf_release(&a);
	strbuf_release(&b);
	free(edge);
}

/* ---- people ------------------------------------------------------------ */

/* The index of the parenthesis that closes the one at s[i], or n. */
static size_t paren_end(const char *s, size_t i, size_t n)
{
	int depth = 0;

	for (; i < n; i++) {
		depth += s[i] == '(';
		depth -= s[i] == ')';
		if (!depth)
			return i;
	}
	return n;
}

bool papers_person_name(const char *s, size_t n)
{
	size_t i = 0, words = 0;

	while (n && s[n - 1] == ' ')
		n--;
	if (!n || org_like(s, n))
		return false;
	while (i < n) {
		size_t j = i, upper = 0, letters = 0;

		while (j < n && s[j] != ' ')
			j++;
		if (!scan_starts_upper(s + i, j - i)) {
			/* Particles of names: "van der", "de". */
			if (!(word_eq(s + i, j - i, "van") || word_eq(s + i, j - i, "der") ||
			      word_eq(s + i, j - i, "de") || word_eq(s + i, j - i, "von")) ||
			    !words)
				return false;
		} else {
			size_t k;
			for (k = i; k < j; k++) {
				uint32_t cp;
				size_t len = utf8_decode(s + k, j - k, &cp);
				if (!len)
					return false;
				if (cp >= '0' && cp <= '9')
					return false;
				if (utf8_is_letter(cp)) {
					letters++;
					upper += utf8_is_upper(cp) != 0;
				}
				k += len - 1;
			}
			/* An abbreviation ("RHF", "KS") is no part of a name; an initial ("K.") is. */
			if (letters > 1 && upper == letters)
				return false;
			/* Nor is a decision type ("Trondheim Orientering" is a title and a type). */
			if (decision_facets_parse(s + i, j - i, NULL) && j - i > 1)
				return false;
		}
		words++;
		i = j;
		while (i < n && s[i] == ' ')
			i++;
	}
	return words >= 2 && words <= 5;
}

struct person_item {
	const char *s;
	size_t n;
	bool paren;
};

void papers_people(const char *s, size_t n, void (*fn)(const char *name, const char *org, void *arg),
		   void *arg)
{
	struct person_item *it = NULL;
	size_t nit = 0, alloc = 0, i = 0, k, pending = 0;
	char **names = NULL, *by = NULL; /* the organisation of a "v/" item */

	/* Items: text between separators (",", " og ", " and ", "&") and parenthesised groups. */
	while (i < n) {
		size_t b, e;
		bool paren = false;

		while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == ';' || s[i] == '&'))
			i++;
		/* "... (Org) og Name": the joining word after a parenthesis. */
		if (i + 3 < n && (!strncmp(s + i, "og ", 3) || !strncmp(s + i, "and ", 4)))
			i += s[i] == 'o' ? 3 : 4;
		if (i >= n)
			break;
		b = i;
		if (s[i] == '(') {
			paren = true;
			e = paren_end(s, i, n);
			b = i + 1;
			i = e < n ? e + 1 : n;
		} else {
			for (e = i; e < n; e++) {
				if (s[e] == ',' || s[e] == ';' || s[e] == '(' || s[e] == '&')
					break;
				/* " og " joins names, but "Helse- og omsorgsdepartementet" is one. */
				if (s[e] == ' ' && e + 4 <= n &&
				    (!strncmp(s + e, " og ", 4) || !strncmp(s + e, " and", 4)) && e > b &&
				    s[e - 1] != '-')
					break;
			}
			i = e;
			if (i < n && s[i] == ' ')
				i += 4; /* " og " or " and" */
		}
		while (e > b && s[e - 1] == ' ')
			e--;
		while (b < e && s[b] == ' ')
			b++;
		if (e > b) {
			ALLOC_GROW(it, nit + 1, alloc);
			it[nit].s = s + b;
			it[nit].n = e - b;
			it[nit].paren = paren;
			nit++;
		}
	}
	names = xcalloc(nit ? nit : 1, sizeof(*names));
	for (k = 0; k < nit; k++) {
		size_t title = it[k].paren ? 0 : names_title_len(it[k].s, it[k].n), v;

		/* A title alone, after its name or before the next one, is neither. */
		if (title && title == it[k].n)
			continue;
		/* "Direktoratet for e-helse v/ Maria Lind (og Sindre Aas)", "Helse Vest RHF ved Kari
		 * Moe": the organisation first, by ("ved") its people; a name after it without one of
		 * its own is by it too. */
		for (v = 0; !it[k].paren && v + 4 < it[k].n && memcmp(it[k].s + v, "v/", 2) &&
			    memcmp(it[k].s + v, "ved ", 4);
		     v++)
			;
		if (!it[k].paren && v + 4 < it[k].n && v > 0 && it[k].s[v - 1] == ' ') {
			size_t b = v + (it[k].s[v + 1] == '/' ? 2 : 4), oe = v;

			while (b < it[k].n && it[k].s[b] == ' ')
				b++;
			while (oe && it[k].s[oe - 1] == ' ')
				oe--;
			if (papers_person_name(it[k].s + b, it[k].n - b) &&
			    !papers_person_name(it[k].s, oe)) {
				char *name = xstrndup(it[k].s + b, it[k].n - b);

				free(by);
				by = xstrndup(it[k].s, oe);
				fn(name, by, arg);
				free(name);
				continue;
			}
			/* "Kari Moe ved Sintef Digital": the person first, at their organisation. */
			if (papers_person_name(it[k].s, oe) &&
			    !papers_person_name(it[k].s + b, it[k].n - b)) {
				char *name = xstrndup(it[k].s, oe), *org = xstrndup(it[k].s + b, it[k].n - b);

				fn(name, org, arg);
				free(name);
				free(org);
				continue;
			}
		}
		if (!it[k].paren && papers_person_name(it[k].s + title, it[k].n - title)) {
			names[pending++] = xstrndup(it[k].s + title, it[k].n - title);
			continue;
		}
		/* "Helsedirektoratet (Kari Ness)": the organisation, its person in brackets. */
		if (!it[k].paren && !pending && k + 1 < nit && it[k + 1].paren) {
			size_t t = names_title_len(it[k + 1].s, it[k + 1].n);

			if (papers_person_name(it[k + 1].s + t, it[k + 1].n - t)) {
				char *name = xstrndup(it[k + 1].s + t, it[k + 1].n - t),
				     *org = xstrndup(it[k].s, it[k].n);

				fn(name, org, arg);
				free(name);
				free(org);
				k++;
				continue;
			}
		}
		/* An organisation: it belongs to the names written before it. */
		if (pending) {
			char *org = xstrndup(it[k].s, it[k].n);
			size_t m;
			for (m = 0; m < pending; m++) {
				fn(names[m], org, arg);
				free(names[m]);
			}
			free(org);
			pending = 0;
		}
	}
	for (k = 0; k < pending; k++) {
		fn(names[k], by, arg);
		free(names[k]);
	}
	free(by);
	free(names);
	free(it);
}

/* ---- the header block -------------------------------------------------- */

static const struct {
	const char *word;
	enum label_kind kind;
} labels[] = {
    {"møte", L_MEETING},
    {"møte nr.", L_MEETING},
    {"møtenummer", L_MEETING},
    {"dato", L_DATE},
    {"møtedato", L_DATE},
    {"dato og tid", L_DATE},
    {"dato/tid", L_DATE},
    {"tid", L_TIME},
    {"tidspunkt", L_TIME},
    {"klokkeslett", L_TIME},
    {"sted", L_VENUE},
    {"møtested", L_VENUE},
    {"møteleder", L_OTHER},
    {"leder", L_OTHER},
    {"referent", L_SECRETARIAT},
    {"sekretær", L_SECRETARIAT},
    {"versjon", L_OTHER},
    {"saksbehandler", L_OTHER},
    {"til", L_OTHER},
    {"kopi", L_OTHER},
    {"status", L_OTHER},
    {"medlemmer", L_MEMBERS},
    {"deltakere", L_MEMBERS},
    {"til stede", L_MEMBERS},
    {"tilstede", L_MEMBERS},
    {"møtende", L_MEMBERS},
    {"møtende medlemmer", L_MEMBERS},
    {"innkalt", L_MEMBERS},
    {"innkalte", L_MEMBERS},
    {"observatører", L_OBSERVERS},
    {"observatør", L_OBSERVERS},
    {"forfall", L_ABSENT},
    {"meldt forfall", L_ABSENT},
    {"fravær", L_ABSENT},
    {"ikke til stede", L_ABSENT},
    {"ikke tilstede", L_ABSENT},
    {"fraværende", L_ABSENT},
    {"sekretariat", L_SECRETARIAT},
    {"sekretariatet", L_SECRETARIAT},
    {"fra sekretariatet", L_SECRETARIAT},
    {"stedfortredere", L_SUBSTITUTES},
    {"vararepresentanter", L_SUBSTITUTES},
    {"vara", L_SUBSTITUTES},
    {"varamedlem", L_SUBSTITUTES},
    {"varamedlemmer", L_SUBSTITUTES},
    {"stedfortreder", L_SUBSTITUTES},
    {"vararepresentant", L_SUBSTITUTES},
};

/* Whether s, a short line, opens or ends with a word of the lists' labels ("medlemmer", "til stede"). */
static bool list_words(const char *s, size_t n)
{
	static const char *const words[] = {"medlemmer", "deltakere",	 "til stede",
					    "tilstede",	 "observatører", "forfall"};
	struct strbuf f = STRBUF_INIT;
	size_t k, l;
	bool hit = false;

	utf8_fold(&f, s, n);
	for (k = 0; k < ARRAY_SIZE(words) && !hit; k++) {
		l = strlen(words[k]);
		hit = f.len >= l &&
		      ((!strncmp(f.buf, words[k], l) && (f.len == l || f.buf[l] == ' ')) ||
		       (!strcmp(f.buf + f.len - l, words[k]) && (f.len == l || f.buf[f.len - l - 1] == ' ')));
	}
	hit = hit && !strpbrk(f.buf, "0123456789.,");
	strbuf_release(&f);
	return hit;
}

/* The list a one-word label names ("medlemmer", "forfall"), or L_NONE. */
static enum label_kind list_word_label(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(labels); i++)
		if (list_label(labels[i].kind) && !strchr(labels[i].word, ' ') &&
		    word_eq(w, n, labels[i].word))
			return labels[i].kind;
	return L_NONE;
}

static enum label_kind label_of(const struct cell *c)
{
	size_t n = c->n, i, after;
	enum label_kind k;
	const char *last;

	if (n && c->s[n - 1] == ':')
		n--;
	for (i = 0; i < ARRAY_SIZE(labels); i++)
		if (word_eq(c->s, n, labels[i].word))
			return labels[i].kind;
	/* "Styrets medlemmer:", "Til stede fra styret:": a list's label in more words, with its colon;
	 * without one, a short line such as "Medlemmer til stede", "Inviterte medlemmer". */
	if ((n == c->n && (n > 25 || !list_words(c->s, n))) || n > 40)
		return L_NONE;
	if (scan_prefix(c->s, n, "til stede ", &after))
		return L_MEMBERS;
	/* The last word ("Styrets medlemmer"), else the first ("Medlemmer til stede"). */
	for (last = c->s + n; last > c->s && last[-1] != ' '; last--)
		;
	for (after = 0; after < n && c->s[after] != ' '; after++)
		;
	if (last > c->s && (k = list_word_label(last, (size_t)(c->s + n - last))) != L_NONE)
		return k;
	return after < n ? list_word_label(c->s, after) : L_NONE;
}

/*
 * The label opening a line whose cells are c[0..*nc), or L_NONE. "Til
 * stede: Name (Org), ..." with one space after the colon: the label is the
 * cell's start, and its value is made a cell of its own.
 */
static enum label_kind line_label(struct cell *c, size_t *nc)
{
	enum label_kind lk = *nc && c[0].col <= 2 ? label_of(&c[0]) : L_NONE;
	const char *colon, *stop, *v;
	struct cell lab;

	if (lk != L_NONE || !*nc || c[0].col > 2 || *nc >= MAX_CELLS)
		return lk;
	colon = memchr(c[0].s, ':', c[0].n);
	stop = c[0].s + c[0].n;
	if (!colon || colon - c[0].s >= 30 || stop - colon <= 2)
		return L_NONE;
	lab = c[0];
	lab.n = (size_t)(colon - c[0].s + 1);
	if ((lk = label_of(&lab)) == L_NONE)
		return L_NONE;
	for (v = colon + 1; v < stop && *v == ' '; v++)
		;
	memmove(c + 1, c, *nc * sizeof(*c));
	c[0] = lab;
	c[1].s = v;
	c[1].n = (size_t)(stop - v);
	c[1].col = lab.col + chars(lab.s, (size_t)(v - lab.s));
	(*nc)++;
	return lk;
}

static const enum attendee_role role_of[] = {
    [L_MEMBERS] = ROLE_MEMBER,		[L_OBSERVERS] = ROLE_OBSERVER,	   [L_ABSENT] = ROLE_ABSENT,
    [L_SECRETARIAT] = ROLE_SECRETARIAT, [L_SUBSTITUTES] = ROLE_SUBSTITUTE,
};

/* A remark in brackets that is an organisation: "(KS)", "(Helse Vest RHF)", not "(leder)". */
static bool own_org(const char *s, size_t n)
{
	/* "(KS)", "(NHN)"; "(TEAMS)", "(DIGITALT)" are remarks. */
	return (org_acronym(s, n) && n <= 4) || org_like(s, n);
}

/*
 * One entry of an attendance list: "Name (Org)", "Name (Org) (dag 1)",
 * "Name (Org) for Other Name", "Name, Org". Offices without a person's
 * name are not people and are left out.
 */
static void add_attendee(struct papers *p, const char *s, size_t n, enum label_kind label, long line)
{
	struct strbuf note = STRBUF_INIT;
	char *org = NULL, *for_name = NULL;
	size_t name_end = 0, i;
	struct attendee *a;

	/* "–  Erik Fjell, Norsk helsenett SF": a dash for a bullet. */
	while (n && (*s == '-' || *s == '*' || *s == ' ' || (n >= 3 && !memcmp(s, "–", 3)) ||
		     (n >= 3 && !memcmp(s, "•", 3)))) {
		size_t b = (unsigned char)*s >= 0x80 ? 3 : 1;
		s += b;
		n -= b;
	}
	/* "Helse Vest RHF: Rune Vik (leder)": the organisation first, before a colon. */
	for (i = 0; i + 2 < n && i < 80 && s[i] != ':' && s[i] != '('; i++)
		;
	if (i + 2 < n && s[i] == ':' && s[i + 1] == ' ' && org_like(s, i)) {
		size_t b = i + 2, e;
		char *one;

		for (e = b; e < n && s[e] != '(' && s[e] != ','; e++)
			;
		if (papers_person_name(s + b, e - b)) {
			while (e > b && s[e - 1] == ' ')
				e--;
			one =
			    xasprintf("%.*s (%.*s)%.*s", (int)(e - b), s + b, (int)i, s, (int)(n - e), s + e);
			add_attendee(p, one, strlen(one), label, line);
			free(one);
			return;
		}
	}
	while (name_end < n && s[name_end] != '(' && s[name_end] != ',')
		name_end++;
	/* "Pål Rønningen – Helsedirektoratet": the organisation after a dash. */
	for (i = 0; i + 5 < name_end; i++)
		if (!memcmp(s + i, " – ", 5) && papers_person_name(s, i) &&
		    scan_starts_upper(s + i + 5, n - i - 5) && !names_title_len(s + i + 5, n - i - 5)) {
			name_end = i;
			break;
		}
	/* "Direktoratet for e-helse v/ Maria Lind og Sindre Aas": the organisation by its people. */
	for (i = 0; i + 4 < n; i++)
		/* "Direktoratet for e-helse ved Mette Rognstad": "ved" after an organisation too. */
		if (!strncmp(s + i, " v/ ", 4) || (!strncmp(s + i, " ved ", 5) && org_like(s, i))) {
			size_t b = i + (s[i + 2] == '/' ? 4 : 5), e, org_b = 0, org_e = i;

			while (b < n) {
				size_t ne, k;

				/* A comma inside a remark, "(fra kl. 11.00, sak 19/2024)", is the remark's.
				 */
				for (e = b; e < n && s[e] != ',' && strncmp(s + e, " og ", 4); e++)
					if (s[e] == '(' && (e = paren_end(s, e, n)) == n)
						break;
				/* "..., Trondheim kommune v/ Per Arvid Holm": the next organisation's people.
				 */
				for (k = b; k + 4 < e && strncmp(s + k, " v/ ", 4); k++)
					;
				if (k + 4 < e) {
					org_b = b;
					org_e = k;
					b = k + 4;
					while (b < e && s[b] == ' ')
						b++;
				}
				/* "Jan Ivar Sæther – vara for Hilde Bakke", "Torill Midtbø (fra kl. 11.00)":
				 * the name, then its remark, read as after an organisation. */
				for (ne = b; ne < e && s[ne] != '(' && strncmp(s + ne, " – ", 5); ne++)
					;
				/* "..., Kari Moe (KS), Eva Lund (Helsedirektoratet)": people with their
				 * own organisation after the group's; the group ends. */
				if (k + 4 >= e && b > i + 5 && ne < e && s[ne] == '(' &&
				    own_org(s + ne + 1, paren_end(s, ne, e) - ne - 1))
					org_b = org_e = 0;
				while (ne > b && s[ne - 1] == ' ')
					ne--;
				if (papers_person_name(s + b, ne - b) && org_e == 0) {
					char *one = xstrndup(s + b, e - b);
					add_attendee(p, one, strlen(one), label, line);
					free(one);
				} else if (papers_person_name(s + b, ne - b)) {
					char *one =
					    xasprintf("%.*s (%.*s)%.*s", (int)(ne - b), s + b,
						      (int)(org_e - org_b), s + org_b, (int)(e - ne), s + ne);
					add_attendee(p, one, strlen(one), label, line);
					free(one);
				}
				b = e < n ? e + (s[e] == ',' ? 1 : 4) : n;
				while (b < n && s[b] == ' ')
					b++;
			}
			return;
		}
	/* "Hege Rud og Lars Tveit, Helsedirektoratet": two people, one organisation. */
	for (i = 0; i + 4 < name_end; i++)
		if (!strncmp(s + i, " og ", 4) && papers_person_name(s, i) &&
		    papers_person_name(s + i + 4, name_end - i - 4)) {
			char *one = xasprintf("%.*s%.*s", (int)i, s, (int)(n - name_end), s + name_end);
			char *two = xasprintf("%.*s", (int)(n - i - 4), s + i + 4);

			add_attendee(p, one, strlen(one), label, line);
			add_attendee(p, two, strlen(two), label, line);
			free(one);
			free(two);
			return;
		}
	{
		size_t e = name_end;
		while (e && s[e - 1] == ' ')
			e--;
		/* "Name for Other Name" without an organisation */
		for (i = 0; i + 5 < e; i++)
			if (!strncmp(s + i, " for ", 5) || !strncmp(s + i, " pva ", 5))
				break;
		if (i + 5 < e) {
			for_name = xstrndup(s + i + 5, e - i - 5);
			e = i;
		}
		if (!papers_person_name(s, e))
			goto out;
		name_end = e;
	}
	for (i = name_end; i < n;) {
		size_t b, e;

		while (i < n && (s[i] == ' ' || s[i] == ','))
			i++;
		if (i >= n)
			break;
		if (i == name_end + 1 && i + 4 <= n && !memcmp(s + i, "– ", 4) &&
		    (i + 4 + 9 > n || strncmp(s + i + 4, "vara for ", 9))) {
			i += 4;
			continue;
		}
		if (s[i] == '(') {
			size_t after = 0;

			e = paren_end(s, i, n);
			b = i + 1;
			/* "(vara for Ola Brun)": the one stood in for. */
			if (!for_name &&
			    (scan_prefix(s + b, e - b, "vara for ", &after) ||
			     scan_prefix(s + b, e - b, "stedfortreder for ", &after)) &&
			    papers_person_name(s + b + after, e - b - after)) {
				for_name = xstrndup(s + b + after, e - b - after);
			} else if (!org)
				org = xstrndup(s + b, e - b);
			else {
				if (note.len)
					strbuf_addstr(&note, "; ");
				strbuf_add(&note, s + b, e - b);
			}
			i = e + 1;
			continue;
		}
		if (!for_name && (!strncmp(s + i, "møtte for ", 11) || !strncmp(s + i, "stilte for ", 11)))
			i += 7; /* "møtte " and "stilte " are 7 bytes: the stand-in's words before "for X" */
		/* "– vara for X", "vara for X": the same. */
		if (!for_name && (!strncmp(s + i, "– vara for ", 13) || !strncmp(s + i, "- vara for ", 11) ||
				  !strncmp(s + i, "– stedfortreder for ", 22) ||
				  !strncmp(s + i, "- stedfortreder for ", 20)))
			i += s[i] == '-' ? 2 : 4;
		if (!for_name && !strncmp(s + i, "vara for ", 9))
			i += 5;
		if (!for_name && !strncmp(s + i, "stedfortreder for ", 18))
			i += 14;
		if ((!strncmp(s + i, "for ", 4) || !strncmp(s + i, "pva ", 4)) && !for_name) {
			b = i + 4;
			for (e = b; e < n && s[e] != '(' && s[e] != ','; e++)
				;
			while (e > b && s[e - 1] == ' ')
				e--;
			for_name = xstrndup(s + b, e - b);
			i = e;
			continue;
		}
		/* "Name, Organisation", "Name, Organisation – vara for Other Name" */
		for (e = i; e < n && s[e] != '('; e++)
			if (!for_name && e > i &&
			    (!strncmp(s + e, " – vara for ", 14) || !strncmp(s + e, " - vara for ", 12) ||
			     !strncmp(s + e, ", vara for ", 11) ||
			     !strncmp(s + e, " – stedfortreder for ", 23) ||
			     !strncmp(s + e, " - stedfortreder for ", 21) ||
			     !strncmp(s + e, ", stedfortreder for ", 20)))
				break;
		b = i;
		i = e;
		while (e > b && s[e - 1] == ' ')
			e--;
		if (!org && e > b)
			org = xstrndup(s + b, e - b);
	}
	a = deck_add_attendee(p->d);
	a->name = xstrndup(s, name_end);
	a->organization = org;
	a->role = for_name ? ROLE_SUBSTITUTE : role_of[label];
	a->for_name = for_name;
	a->note = note.len ? strbuf_detach(&note, NULL) : NULL;
	a->source = xstrdup(p->d->source);
	a->line = line;
	org = for_name = NULL;
out:
	free(org);
	free(for_name);
	strbuf_release(&note);
}

/* Whether an entry names people one after another: "), " and then a capital. */
static bool sentence_list(const char *s)
{
	const char *at;

	for (at = strstr(s, "), "); at; at = strstr(at + 3, "), "))
		if (scan_starts_upper(at + 3, strlen(at + 3)))
			return true;
	return false;
}

/* An attendance entry still open: its parentheses do not balance yet. */
static bool entry_open(const struct strbuf *e)
{
	int depth = 0;
	size_t i;

	/* No one's name and organisation run to 300 bytes, nor a list written
	 * as a sentence to 4000: beyond that it is prose. */
	if (e->len > 4000 || (e->len > 300 && !strstr(e->buf, "), ")))
		return false;
	for (i = 0; i < e->len; i++)
		depth += (e->buf[i] == '(') - (e->buf[i] == ')');
	/* A list written as a sentence runs on until its full stop, names wrapped too: "A (X), B (Y)
	 * og ..." (not "A (X), leder": a role after the one name of the line). */
	if (e->len && sentence_list(e->buf) && e->buf[e->len - 1] != '.')
		return true;
	return depth > 0 || (e->len && (e->buf[e->len - 1] == ',' || scan_ends_open(e->buf, e->len)));
}

struct list_col {
	enum label_kind kind;
	size_t col;
	struct strbuf entry;
	long line;
};

/* Whether an entry names its person whole: a name alone, or one standing in ("A (X) for B"). */
static bool entry_done(const char *s, size_t n)
{
	const char *f;

	if (papers_person_name(s, n))
		return true;
	for (f = s; f + 5 <= s + n; f++)
		if (!memcmp(f, " for ", 5))
			return memchr(s, ')', (size_t)(f - s)) &&
			       papers_person_name(f + 5, (size_t)(s + n - f - 5));
	return false;
}

/*
 * Whether s opens with another person, after an entry that may have ended
 * (`closed`: with a bracket) or not: a name with its bracket ("Nora Eide
 * Lyngstad (referent)") or before " og " ("Geir Ask og Sara Lien (X)"); after
 * a closed entry, a name up to a comma or " og ". A bare pair of words
 * ending the entry after a name's comma is its organisation: "Anne Berg,
 * Vestre Viken".
 */
static bool person_next(const char *s, size_t n, bool closed)
{
	size_t e;

	for (e = 0; e < n && s[e] != ',' && s[e] != '(' && (e + 4 > n || memcmp(s + e, " og ", 4)); e++)
		;
	return papers_person_name(s, e) && (closed || (e < n && (s[e] == '(' || s[e] == ' ')));
}

/* Where the first " v/ " ("Org v/ Name") lies at or after s[from], n for none. */
static size_t next_ved(const char *s, size_t n, size_t from)
{
	size_t i;

	for (i = from; i + 4 <= n; i++)
		if (!memcmp(s + i, " v/ ", 4))
			return i;
	return n;
}

/*
 * Adds the people of one entry. A list written as a sentence ("Til stede:
 * A (X), B (Y) og C (Z).") is cut after each closing parenthesis that a
 * comma or "og" follows, and at a comma between two people (person_next()).
 */
static void list_flush(struct papers *p, struct list_col *lc)
{
	const char *s = lc->entry.buf;
	size_t n = lc->entry.len, b = 0, i, ved = 0;
	int depth = 0;

	while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	ved = next_ved(s, n, 0);
	for (i = 0; i < n; i++) {
		/* "Org v/ A (fra kl. 11.00), B": the organisation's people go on to the sentence's end;
		 * add_attendee() reads them, and a next organisation's ("..., Org2 v/ C"). The first
		 * " v/ " from b on, found moving forward only. */
		if (ved < b)
			ved = next_ved(s, n, b);
		depth += (s[i] == '(') - (s[i] == ')');
		/* "Mathias Krogh, Nora Eide Lyngstad (referent)", "A (X) for B, C (Y) for D": a comma
		 * between two people, not before a name's organisation. */
		if (s[i] == ',' && depth == 0 && i > b && i + 2 < n && s[i + 1] == ' ' && ved >= i &&
		    entry_done(s + b, i - b) &&
		    person_next(s + i + 2, n - i - 2, memchr(s + b, ')', i - b) != NULL)) {
			add_attendee(p, s + b, i - b, lc->kind, lc->line);
			b = i + 2;
			continue;
		}
		if (s[i] != ')' || depth != 0)
			continue;
		if (i + 2 < n && s[i + 1] == ',' && s[i + 2] == ' ' && ved >= i) {
			add_attendee(p, s + b, i + 1 - b, lc->kind, lc->line);
			b = i + 3;
		} else if (i + 4 < n && !strncmp(s + i + 1, " og ", 4) && ved >= i) {
			add_attendee(p, s + b, i + 1 - b, lc->kind, lc->line);
			b = i + 5;
		} else if (i + 3 < n && s[i + 1] == '.' && s[i + 2] == ' ' &&
			   scan_starts_upper(s + i + 3, n - i - 3)) {
			/* "... og Gunhild Moe (Trondheim kommune). Anders Berdal (...) møtte for ...": a
			 * sentence ends, the next names someone else. */
			add_attendee(p, s + b, i + 1 - b, lc->kind, lc->line);
			b = i + 3;
		}
	}
	if (n > b)
		add_attendee(p, s + b, n - b, lc->kind, lc->line);
	strbuf_reset(&lc->entry);
}

static void list_add(struct papers *p, struct list_col *lc, const char *s, size_t n, long line)
{
	if (lc->entry.len && entry_open(&lc->entry)) {
		strbuf_addch(&lc->entry, ' ');
	} else {
		list_flush(p, lc);
		lc->line = line;
	}
	strbuf_add(&lc->entry, s, n);
}

/*
 * An attendance list set out as a table: "Navn   Virksomhet   Rolle", then
 * a person a row. The header's cells give the columns; a row's role
 * ("Observatør", "Sekretariat", "Stedfortreder", "Forfall") is read as the
 * lists' labels are, and any other ("Leder") is kept as a note.
 */
enum att_col { ATT_NAME, ATT_ORG, ATT_ROLE, ATT_REMARK, ATT_STATUS, ATT_OTHER, ATT_PRESENT, ATT_ABSENT };

static void cell_join(struct strbuf *sb, const char *s, size_t n);

struct att_table {
	size_t col[MAX_CELLS];
	enum att_col kind[MAX_CELLS];
	size_t n;
	/* "Virksomhet   Til stede   Forfall": the people in the columns of whether they came, under
	 * their organisation, which goes on to the rows below that name none. */
	bool by_presence;
	char org[160];
};

static bool attendance_header(const struct cell *c, size_t nc, struct att_table *t)
{
	static const struct {
		const char *word;
		enum att_col kind;
	} words[] = {
	    {"navn", ATT_NAME},
	    {"virksomhet", ATT_ORG},
	    {"organisasjon", ATT_ORG},
	    {"arbeidssted", ATT_ORG},
	    {"representerer", ATT_ORG},
	    {"rolle", ATT_ROLE},
	    {"funksjon", ATT_ROLE},
	    {"verv", ATT_ROLE},
	    {"e-post", ATT_OTHER},
	    {"merknad", ATT_REMARK},
	    {"merknader", ATT_REMARK},
	    {"kommentar", ATT_REMARK},
	    /* Whether each came: "Ja", "x", "Forfall", "Ja, for X", "Forfall – X møtte". */
	    {"deltok", ATT_STATUS},
	    {"møtte", ATT_STATUS},
	    {"oppmøte", ATT_STATUS},
	    {"til stede", ATT_STATUS},
	    {"tilstede", ATT_STATUS},
	    {"forfall", ATT_ABSENT},
	    {"meldt forfall", ATT_ABSENT},
	    /* The name's column under another word, after the organisation's. */
	    {"medlem", ATT_NAME},
	    {"representant", ATT_NAME},
	    {"deltaker", ATT_NAME},
	};
	size_t k, w, names = 0;

	if (nc < 2)
		return false;
	for (k = 0; k < nc; k++) {
		for (w = 0; w < ARRAY_SIZE(words) && !word_eq(c[k].s, c[k].n, words[w].word); w++)
			;
		/* "Rolle i NUFA", "Funksjon i utvalget": the role's column. */
		if (w == ARRAY_SIZE(words) && !scan_prefix(c[k].s, c[k].n, "rolle i ", NULL) &&
		    !scan_prefix(c[k].s, c[k].n, "funksjon i ", NULL))
			return false;
		t->col[k] = c[k].col;
		t->kind[k] = w < ARRAY_SIZE(words) ? words[w].kind : ATT_ROLE;
		names += t->kind[k] == ATT_NAME;
	}
	t->by_presence = false;
	t->org[0] = '\0';
	if (!names && t->kind[0] == ATT_ORG) {
		bool absent = false;

		for (k = 0; k < nc; k++)
			absent |= t->kind[k] == ATT_ABSENT;
		for (k = 0; k < nc && absent; k++)
			if (t->kind[k] == ATT_STATUS) {
				t->kind[k] = ATT_PRESENT;
				t->by_presence = true;
			}
		if (t->by_presence) {
			t->n = nc;
			return true;
		}
	}
	/* "Navn" first, or a name's column among the organisation's and whether they came. */
	if (names != 1 || !(word_eq(c[0].s, c[0].n, "navn") || t->kind[0] == ATT_ORG))
		return false;
	t->n = nc;
	return true;
}

/* Whether cells c are the table's header (read again on a scratch table). */
static bool header_row(const struct att_table *t, const struct cell *c, size_t nc)
{
	struct att_table again;

	return nc == t->n && attendance_header(c, nc, &again);
}

/*
 * What a role or remark cell says of its row: a list's label ("Observatør",
 * "Forfall") into *kind; "Vara for X" the one stood in for into *for_name;
 * anything else ("Leder", "Fra kl. 10:30") added to `note`.
 */
static void attendance_remark(const struct strbuf *cell, enum label_kind *kind, const char **for_name,
			      size_t *for_len, struct strbuf *note)
{
	static const char *const stand_in[] = {"vara for ", "varamedlem for ", "stedfortreder for ",
					       "møtte for ", "for "};
	struct cell rc = {cell->buf, cell->len, 0};
	enum label_kind rk = label_of(&rc);
	size_t k, after;

	if (!cell->len || word_eq(cell->buf, cell->len, "medlem"))
		return;
	if (list_label(rk)) {
		*kind = rk;
		return;
	}
	for (k = 0; k < ARRAY_SIZE(stand_in); k++)
		if (scan_prefix(cell->buf, cell->len, stand_in[k], &after) && after < cell->len &&
		    papers_person_name(cell->buf + after, cell->len - after)) {
			*for_name = cell->buf + after;
			*for_len = cell->len - after;
			return;
		}
	if (note->len)
		strbuf_addstr(note, "; ");
	strbuf_add(note, cell->buf, cell->len);
}

/*
 * What a cell of whether one came says: "Ja", "x" (came: the list's role),
 * "Nei", "Forfall" (absent), "Ja, for Terje Skog" (a stand-in), "Forfall –
 * Jørn Aga møtte" (absent, and *stood_in came for them); else a note.
 */
static void attendance_status(const struct strbuf *cell, enum label_kind *kind, const char **for_name,
			      size_t *for_len, struct strbuf *note, char **stood_in)
{
	const char *s = cell->buf;
	size_t n = cell->len, after, e;

	if (!n || word_eq(s, n, "ja") || word_eq(s, n, "x"))
		return;
	if (word_eq(s, n, "nei") || word_eq(s, n, "forfall") || word_eq(s, n, "-")) {
		*kind = L_ABSENT;
		return;
	}
	if (scan_prefix(s, n, "ja, for ", &after) && papers_person_name(s + after, n - after)) {
		*for_name = s + after;
		*for_len = n - after;
		return;
	}
	/* "Vara for Ketil Ravnås", "Observatør": what a remark's column says. */
	{
		struct strbuf none = STRBUF_INIT;
		const char *was = *for_name;
		enum label_kind k = *kind;

		attendance_remark(cell, kind, for_name, for_len, &none);
		strbuf_release(&none);
		if (*for_name != was || *kind != k)
			return;
	}
	if (scan_prefix(s, n, "forfall", &after)) {
		*kind = L_ABSENT;
		for (;;) {
			if (after < n && (s[after] == ' ' || s[after] == ',' || s[after] == '-'))
				after++;
			else if (after + 3 <= n && !memcmp(s + after, "–", 3))
				after += 3;
			else
				break;
		}
		for (e = after; e + 6 <= n && strncmp(s + e, " møtte", 6); e++)
			;
		if (e + 6 <= n && papers_person_name(s + after, e - after))
			*stood_in = xstrndup(s + after, e - after);
		return;
	}
	if (note->len)
		strbuf_addstr(note, "; ");
	strbuf_add(note, s, n);
}

/* The column of table t that cell c lies in. */
static enum att_col att_column(const struct att_table *t, const struct cell *c)
{
	enum att_col a = t->kind[0];
	size_t m;

	for (m = 0; m < t->n; m++)
		if (t->col[m] <= c->col + 2)
			a = t->kind[m];
	return a;
}

/*
 * Adds "name (org)" as kind, standing in for for_name, with a note; returns
 * whether a person was added (add_attendee() leaves out what is no name).
 */
static bool att_add(struct papers *p, const struct strbuf *name, const struct strbuf *org,
		    enum label_kind kind, const char *for_name, size_t for_len, const struct strbuf *note,
		    long line)
{
	struct strbuf entry = STRBUF_INIT;
	size_t k = p->d->nattendance;

	strbuf_add(&entry, name->buf, name->len);
	if (org->len)
		strbuf_addf(&entry, " (%s)", org->buf);
	if (for_name)
		strbuf_addf(&entry, " for %.*s", (int)for_len, for_name);
	add_attendee(p, entry.buf, entry.len, kind, line);
	strbuf_release(&entry);
	if (p->d->nattendance > k && note->len) {
		struct attendee *a = &p->d->attendance[p->d->nattendance - 1];
		char *both = a->note ? xasprintf("%s; %s", note->buf, a->note) : xstrdup(note->buf);

		free(a->note);
		a->note = both;
	}
	return p->d->nattendance > k;
}

/* A row of a table by presence: "Helse Vest RHF   Petter Hole (vara)   Ragnhild Skaar". */
static void attendance_presence_row(struct papers *p, struct att_table *t, const struct cell *c, size_t nc,
				    enum label_kind list, long line)
{
	size_t k;

	const struct cell *absent = NULL;
	size_t nabsent = 0;

	for (k = 0; k < nc; k++) {
		if (att_column(t, &c[k]) == ATT_ORG) {
			size_t len = c[k].n < sizeof(t->org) - 1 ? c[k].n : sizeof(t->org) - 1;
			while (len && len < c[k].n && ((unsigned char)c[k].s[len] & 0xC0) == 0x80)
				len--; /* not inside a character */
			memcpy(t->org, c[k].s, len);
			t->org[len] = '\0';
		}
		if (att_column(t, &c[k]) == ATT_ABSENT && nabsent++ == 0)
			absent = &c[k];
	}
	for (k = 0; k < nc; k++) {
		enum att_col a = att_column(t, &c[k]);
		struct strbuf name = STRBUF_INIT, org = STRBUF_INIT, role = STRBUF_INIT, note = STRBUF_INIT;
		const char *open = memchr(c[k].s, '(', c[k].n), *for_name = NULL;
		enum label_kind kind = a == ATT_ABSENT ? L_ABSENT : list;
		size_t for_len = 0;

		if (a != ATT_PRESENT && a != ATT_ABSENT)
			continue;
		/* "Morten Hagerup (leder)", "Petter Hole (vara)", "Siv Hauge (observatør)". */
		strbuf_add(&name, c[k].s, open ? (size_t)(open - c[k].s) : c[k].n);
		strbuf_rtrim(&name);
		if (open && c[k].s[c[k].n - 1] == ')')
			strbuf_add(&role, open + 1, c[k].n - (size_t)(open - c[k].s) - 2);
		attendance_remark(&role, &kind, &for_name, &for_len, &note);
		/* "Petter Hole (vara)" beside the one absent of the row: in that one's place. */
		if (kind == L_SUBSTITUTES && !for_name && nabsent == 1 &&
		    !memchr(absent->s, '(', absent->n)) {
			for_name = absent->s;
			for_len = absent->n;
		}
		strbuf_addstr(&org, t->org);
		att_add(p, &name, &org, kind, for_name, for_len, &note, line);
		strbuf_release(&name);
		strbuf_release(&org);
		strbuf_release(&role);
		strbuf_release(&note);
	}
}

static void attendance_row(struct papers *p, struct att_table *t, const struct cell *c, size_t nc,
			   enum label_kind list, long line)
{
	struct strbuf entry = STRBUF_INIT, org = STRBUF_INIT, role = STRBUF_INIT, name = STRBUF_INIT;
	struct strbuf remark = STRBUF_INIT, note = STRBUF_INIT, status = STRBUF_INIT, absent = STRBUF_INIT;
	char *stood_in = NULL; /* "Forfall – Jørn Aga møtte": who came in the person's place */
	enum label_kind kind = list;
	const char *for_name = NULL;
	size_t k, for_len = 0;

	if (t->by_presence) {
		attendance_presence_row(p, t, c, nc, list, line);
		return;
	}
	for (k = 0; k < nc; k++) {
		enum att_col a = att_column(t, &c[k]);

		cell_join(a == ATT_NAME	    ? &name
			  : a == ATT_ORG    ? &org
			  : a == ATT_ROLE   ? &role
			  : a == ATT_REMARK ? &remark
			  : a == ATT_STATUS ? &status
			  : a == ATT_ABSENT ? &absent
					    : &entry,
			  c[k].s, c[k].n);
	}
	strbuf_reset(&entry);
	if (!name.len)
		goto out;
	/* "Leder", "Nestleder": a note on the person, not a list of its own. */
	/* "Hanne Kristin Moe (leder)" in the name's column: the remark is a note, not an organisation. */
	{
		const char *open = memchr(name.buf, '(', name.len), *close = strrchr(name.buf, ')');

		if (open && close > open && open > name.buf) {
			strbuf_add(&note, open + 1, (size_t)(close - open - 1));
			strbuf_setlen(&name, (size_t)(open - name.buf));
			strbuf_rtrim(&name);
		}
	}
	/* "Norsk Helsenett SF (observatør)", "Direktoratet for e-helse (møteleder)" in the organisation's
	 * column: the bracket is a remark on the person. */
	if (org.len && org.buf[org.len - 1] == ')') {
		const char *open = strrchr(org.buf, '(');
		size_t q, bn = open ? (size_t)(org.buf + org.len - 1 - open - 1) : 0;
		bool acronym = bn > 0; /* "(NHN)", "(HOD)": the organisation's own */

		for (q = 0; open && q < bn; q++)
			acronym =
			    acronym && ((open[1 + q] >= 'A' && open[1 + q] <= 'Z') || open[1 + q] == '-');
		if (open && open > org.buf && !acronym) {
			cell_join(&role, open + 1, bn);
			strbuf_setlen(&org, (size_t)(open - org.buf));
			strbuf_rtrim(&org);
		}
	}
	attendance_remark(&role, &kind, &for_name, &for_len, &note);
	attendance_remark(&remark, &kind, &for_name, &for_len, &note);
	/* "x" or "Ja" under "Forfall": away; other words there say what a status cell does. */
	if (absent.len && (word_eq(absent.buf, absent.len, "x") || word_eq(absent.buf, absent.len, "ja")))
		strbuf_addstr(&status, "Forfall");
	else if (absent.len)
		cell_join(&status, absent.buf, absent.len);
	attendance_status(&status, &kind, &for_name, &for_len, &note, &stood_in);
	if (att_add(p, &name, &org, kind, for_name, for_len, &note, line) && stood_in) {
		char *in = org.len ? xasprintf("%s (%s) for %s", stood_in, org.buf, name.buf)
				   : xasprintf("%s for %s", stood_in, name.buf);

		add_attendee(p, in, strlen(in), list, line);
		free(in);
	}
out:
	free(stood_in);
	strbuf_release(&absent);
	strbuf_release(&status);
	strbuf_release(&entry);
	strbuf_release(&org);
	strbuf_release(&role);
	strbuf_release(&remark);
	strbuf_release(&note);
	strbuf_release(&name);
}

/*
 * Whether line l goes on the row above in an attendance table: no cell of
 * it in the names' column ("Ravnås" under "Vara for Ketil", "(observatør)"
 * under an organisation).
 */
static bool attendance_wrap(const struct att_table *t, const struct line *l)
{
	struct cell c[MAX_CELLS];
	size_t nc = cells_of(l, c, MAX_CELLS), m;

	for (m = 0; m < t->n; m++)
		if (t->kind[m] == ATT_NAME) {
			size_t k;

			if (!nc || c[0].col <= t->col[m] + 2)
				return false;
			/* "(observatør)" or a lower-case word going on, or "Ravnås" under "Vara for
			 * Ketil": not a row without a name ("Helse Nord RHF   Vakant"). */
			for (k = 0; k < nc; k++) {
				enum att_col a = t->kind[0];
				size_t q;

				for (q = 0; q < t->n; q++)
					if (t->col[q] <= c[k].col + 2)
						a = t->kind[q];
				if (c[k].s[0] != '(' && !scan_starts_lower(c[k].s, c[k].n) &&
				    a != ATT_REMARK && a != ATT_STATUS)
					return false;
			}
			return true;
		}
	return false;
}

/* A row of an attendance table, with the lines it wraps onto. */
struct att_row {
	struct cell c[2 * MAX_CELLS];
	size_t n;
	enum label_kind list;
	long line;
};

static void attendance_flush(struct papers *p, struct att_table *t, struct att_row *r)
{
	if (r->n)
		attendance_row(p, t, r->c, r->n, r->list, r->line);
	r->n = 0;
}

static void set_value(char **field, const char *s, size_t n)
{
	if (!*field)
		*field = xstrndup(s, n);
}

static void read_date(struct deck *d, const char *s, size_t n)
{
	struct date_range r;
	char buf[11];
	size_t i, ml;

	if (d->start_date)
		return;
	if (!date_find(s, n, &r)) {
		/* "mai 2022": a month without a day is kept as the month ("2022-05"), not given a day. */
		for (i = 0; i < n; i++) {
			int m = (i == 0 || s[i - 1] == ' ') ? date_month(s + i, n - i, &ml) : 0;
			size_t y = i + ml;
			while (m && y < n && s[y] == ' ')
				y++;
			if (m && y + 4 <= n && s[y] >= '1' && s[y] <= '2' &&
			    (y + 4 == n || s[y + 4] < '0' || s[y + 4] > '9')) {
				d->start_date = xasprintf("%.4s-%02d", s + y, m);
				d->end_date = xstrdup(d->start_date);
				return;
			}
		}
		return;
	}
	date_format(r.y1, r.m1, r.d1, buf);
	d->start_date = xstrdup(buf);
	date_format(r.y2, r.m2, r.d2, buf);
	d->end_date = xstrdup(buf);
}

/* A date on a line under the meeting's date (its second day): the meeting's end when later. */
/*
 * "Torsdag 22. mai": a weekday's date without its year, in the year of the
 * meeting's start `start` ("YYYY-MM-DD"), or the next where its month is
 * earlier. Writes it as "YYYY-MM-DD".
 */
static bool date_without_year(const char *s, size_t n, const char *start, char out[11])
{
	size_t w = date_weekday(s, n), i, len;
	int day = 0, month, year = atoi(start);

	if (!w)
		return false;
	while (w < n && (s[w] == ' ' || s[w] == ','))
		w++;
	for (i = w; i < n && i < w + 2 && s[i] >= '0' && s[i] <= '9'; i++)
		day = day * 10 + (s[i] - '0');
	if (i == w || i >= n || s[i] != '.' || day < 1 || day > 31)
		return false;
	for (i++; i < n && s[i] == ' '; i++)
		;
	if (!(month = date_month(s + i, n - i, &len)))
		return false;
	if (month < atoi(start + 5))
		year++;
	date_format(year, month, day, out);
	return true;
}

static void read_later_date(struct deck *d, const char *s, size_t n)
{
	struct date_range r;
	char buf[11];

	if (!d->start_date || strlen(d->start_date) != 10)
		return;
	if (date_find(s, n, &r))
		date_format(r.y2, r.m2, r.d2, buf);
	else if (!date_without_year(s, n, d->start_date, buf))
		return;
	if (strcmp(buf, d->start_date) > 0 && (!d->end_date || strcmp(buf, d->end_date) > 0)) {
		free(d->end_date);
		d->end_date = xstrdup(buf);
	}
}

/* A line of a weekday and its date, "Onsdag 20. november", that opens a day's rows. */
static bool weekday_marker(const struct line *l)
{
	size_t n, w;
	const char *s = line_trim(l, &n);

	if (l->blank || n > 40 || !(w = date_weekday(s, n)))
		return false;
	while (w < n && (s[w] == ' ' || s[w] == ','))
		w++;
	return w < n && is_digit_start(s + w, n - w);
}

/* A day marker: "Dag 2 – torsdag 16. mars 2023", "Dag 2". Returns the day or 0. */
static int day_marker(const struct line *l)
{
	size_t n, after;
	const char *s = line_trim(l, &n);
	int day = 0;

	/* "Saksliste – dag 1, onsdag 28. januar 2026", "Agenda dag 2": the list's day. */
	if (scan_prefix(s, n, "saksliste", &after) || scan_prefix(s, n, "agenda", &after) ||
	    scan_prefix(s, n, "dagsorden", &after)) {
		while (after < n && (s[after] == ' ' || s[after] == ',' || s[after] == '-' ||
				     (unsigned char)s[after] >= 0x80))
			after++;
		s += after;
		n -= after;
	}
	if (!scan_prefix(s, n, "dag ", &after) || after >= n || !is_digit_start(s + after, n - after))
		return 0;
	while (after < n && s[after] >= '0' && s[after] <= '9')
		day = day * 10 + (s[after++] - '0');
	if (after < n && s[after] != ' ' && s[after] != ':' && s[after] != ',')
		return 0;
	return day < 10 ? day : 0;
}

/*
 * A header without "Dato:" gives its date on a line of the meeting's own:
 * "Onsdag 23. september 2020 kl. 09.00", "Møte 2/2022 – onsdag 27. april
 * 2022", "Referat fra NUFA-møte 9. og 10. juni 2021". A line with a weekday,
 * a time or the word "møte"; not a deadline or an approval ("Forfall meldes
 * innen 31. januar", "Godkjent i NUIT 15. mai 2024"), nor a letter's date.
 */
#define UNLABELLED_DATE_LINES 30

static void read_unlabelled_date(struct papers *p, size_t end)
{
	/* Another meeting's date or another event's: the next meeting, the minutes approved, the papers sent.
	 */
	static const char *const not_meeting[] = {"innen",   "frist",	  "godkjent",	      "godkjenning",
						  "sendt",   "utsendt",	  "dato for",	      "neste",
						  "forrige", "publisert", "referat fra møtet"};
	const struct deck_lines *dl = p->dl;
	struct deck *d = p->d;
	size_t i, k, n;
	int pass;
	struct strbuf f = STRBUF_INIT;

	/* The header's first lines: a date further down is in its lists or text. A line that opens with
	 * the date ("28. og 29. januar 2026, Clarion Hotel The Hub, Oslo") is the meeting's where no
	 * line says "møte" or a time (the first pass), and its venue follows it after a comma. */
	for (pass = 0; pass < 2 && !d->start_date; pass++)
		for (i = 0; i < end && i < UNLABELLED_DATE_LINES && !d->start_date; i++) {
			const char *s = line_trim(&dl->v[i], &n);
			struct date_range r;
			bool other = false, opens;

			if (dl->v[i].blank || p->skip[i] || !date_find(s, n, &r))
				continue;
			strbuf_reset(&f);
			utf8_fold(&f, s, n);
			for (k = 0; k < ARRAY_SIZE(not_meeting) && !other; k++)
				other = strstr(f.buf, not_meeting[k]) != NULL;
			opens = r.at == 0 || (date_weekday(s, n) && date_weekday(s, n) + 2 >= r.at);
			/* A date alone may be the papers' own ("5. februar 2026" over a letter): the
			 * meeting's has its weekday, its days or its venue with it. */
			if (pass && opens && r.at == 0 && r.at + r.len + 2 >= n && r.d1 == r.d2 &&
			    r.m1 == r.m2)
				opens = false;
			if (other || !(pass ? opens
					    : strstr(f.buf, "møte") || strstr(f.buf, " kl.") ||
						  strstr(f.buf, " kl ") || strstr(f.buf, "dag ")))
				continue;
			read_date(d, s, n);
			if (opens && !d->venue) {
				size_t v = r.at + r.len;
				while (v < n && (s[v] == ',' || s[v] == ' '))
					v++;
				if (v > r.at + r.len && v < n && s[v - 1] == ' ' && s[r.at + r.len] == ',' &&
				    scan_starts_upper(s + v, n - v) && !is_digit_start(s + v, n - v))
					d->venue = xstrndup(s + v, n - v);
			}
		}
	strbuf_release(&f);
}

/*
 * The header block, lines [0, end): meeting heading and body, the labels
 * with their values (a value may wrap onto lines aligned under it), and
 * the attendance lists, also two lists side by side under two labels.
 */
static void read_header(struct papers *p, size_t end)
{
	struct deck *d = p->d;
	const struct deck_lines *dl = p->dl;
	struct list_col lists[2];
	struct att_table table = {{0}, {0}, 0, false, {0}};
	struct att_row row;
	size_t nlists = 0, i, k, value_col = 0, label_people = 0; /* people when the list's label came */
	enum label_kind cur = L_NONE;
	struct strbuf venue = STRBUF_INIT;

	memset(lists, 0, sizeof(lists));
	row.n = 0;
	strbuf_init(&lists[0].entry, 0);
	strbuf_init(&lists[1].entry, 0);
	for (i = 0; i < end; i++) {
		struct cell c[MAX_CELLS];
		size_t nc, n;
		const char *s;
		enum label_kind lk;

		if (p->skip[i])
			continue;
		if (row.n &&
		    (dl->v[i].blank || nlists != 1 || !table.n || !attendance_wrap(&table, &dl->v[i])))
			attendance_flush(p, &table, &row);
		if (dl->v[i].blank) {
			/* "Deltakere", a blank line, then the list: a label alone waits for its people. */
			if (nlists == 1 && !table.n && !lists[0].entry.len && d->nattendance == label_people)
				continue;
			for (k = 0; k < nlists; k++)
				list_flush(p, &lists[k]);
			nlists = 0;
			table.n = 0;
			if (cur == L_VENUE || list_label(cur))
				cur = L_NONE;
			continue;
		}
		s = line_trim(&dl->v[i], &n);
		nc = cells_of(&dl->v[i], c, MAX_CELLS);
		if (!d->heading && (scan_prefix(s, n, "møte i ", &k) || scan_prefix(s, n, "møte for ", &k) ||
				    scan_prefix(s, n, "referat fra møte i ", &k) ||
				    scan_prefix(s, n, "innkalling til møte i ", &k))) {
			size_t at, len;
			const char *body = body_find(s, n, &at, &len);
			if (body) {
				d->heading = xstrndup(s, n);
				free(d->body);
				d->body = xstrdup(body);
				read_date(d, s, n);
				continue;
			}
		}
		if (!d->heading && i < 12) {
			/* "Nasjonalt e-helsestyre" on a line of its own under "MØTEINNKALLING". */
			size_t at, len;
			const char *body = body_find(s, n, &at, &len);
			if (body && at == 0 && len + 2 >= n) {
				d->heading = xstrndup(s, n);
				free(d->body);
				d->body = xstrdup(body);
				continue;
			}
		}
		lk = line_label(c, &nc);
		if (lk != L_NONE) {
			for (k = 0; k < nlists; k++)
				list_flush(p, &lists[k]);
			nlists = 0;
			table.n = 0;
			cur = lk;
			value_col = nc > 1 ? c[1].col : 0;
			if (list_label(lk) && nc > 1 && label_of(&c[1]) != L_NONE &&
			    list_label(label_of(&c[1]))) {
				/* Two lists side by side: "Medlemmer      Observatører". */
				for (k = 0; k < 2; k++) {
					lists[k].kind = label_of(&c[k]);
					lists[k].col = c[k].col;
					strbuf_reset(&lists[k].entry);
				}
				nlists = 2;
				cur = L_MEMBERS;
				continue;
			}
			if (list_label(lk)) {
				lists[0].kind = lk;
				lists[0].col = 0;
				strbuf_reset(&lists[0].entry);
				nlists = 1;
				label_people = d->nattendance;
				for (k = 1; k < nc; k++)
					list_add(p, &lists[0], c[k].s, c[k].n, (long)i + 1);
				continue;
			}
			if (nc < 2)
				continue;
			s = c[1].s;
			n = (size_t)(c[nc - 1].s + c[nc - 1].n - c[1].s);
			switch (lk) {
			case L_MEETING: {
				/* "2/2023", "nr. 2/2023", "nr 12/2021": the number as written. */
				struct case_no no;
				for (k = 0; k < n; k++)
					if (is_digit_start(s + k, n - k) && (k == 0 || s[k - 1] == ' ') &&
					    scan_case_number(s + k, n - k, &no)) {
						set_value(&d->meeting_number, s + k, no.len);
						break;
					}
				break;
			}
			case L_DATE:
			case L_TIME: /* "Tidspunkt: Onsdag 22. mai 2019, kl. 10.00–15.15" */
				read_date(d, s, n);
				break;
			case L_VENUE:
				strbuf_add(&venue, s, n);
				break;
			default:
				break;
			}
			continue;
		}
		/* A table of people under no label: "Navn  Virksomhet  Rolle" heads it, and says what it is.
		 */
		if (!nlists && attendance_header(c, nc, &table)) {
			lists[0].kind = L_MEMBERS;
			lists[0].col = 0;
			strbuf_reset(&lists[0].entry);
			nlists = 1;
			cur = L_MEMBERS;
			label_people = d->nattendance;
			continue;
		}
		if (nlists == 1 && (table.n || attendance_header(c, nc, &table))) {
			if (table.n && table.col[0] == c[0].col && header_row(&table, c, nc))
				continue; /* the header itself */
			if (row.n && row.n + nc <= ARRAY_SIZE(row.c)) {
				memcpy(row.c + row.n, c, nc * sizeof(*c)); /* a wrapped line of the row */
				row.n += nc;
				continue;
			}
			attendance_flush(p, &table, &row);
			memcpy(row.c, c, nc * sizeof(*c));
			row.n = nc;
			row.list = lists[0].kind;
			row.line = (long)i + 1;
			continue;
		}
		if (nlists) {
			/* Entries of the current list(s), by column. */
			for (k = 0; k < nc; k++) {
				size_t m = nlists == 2 && c[k].col + 2 >= lists[1].col ? 1 : 0;
				list_add(p, &lists[m], c[k].s, c[k].n, (long)i + 1);
			}
			continue;
		}
		if (cur == L_VENUE && value_col && nc && c[0].col + 2 >= value_col) {
			strbuf_addch(&venue, ' ');
			strbuf_add(&venue, s, n);
			continue;
		}
		/* "Tidspunkt:  Dag 1: onsdag 28. januar 2026 ..." over "Dag 2: torsdag 29. januar 2026
		 * ...": the second day's date ends the meeting. */
		if ((cur == L_DATE || cur == L_TIME) && value_col && nc && c[0].col + 2 >= value_col) {
			read_later_date(d, s, n);
			continue;
		}
		cur = L_NONE;
		if (!d->body) {
			size_t at, len;
			const char *body = body_find(s, n, &at, &len);
			if (body)
				d->body = xstrdup(body);
		}
	}
	attendance_flush(p, &table, &row);
	for (k = 0; k < nlists; k++)
		list_flush(p, &lists[k]);
	for (k = 0; k < 2; k++)
		strbuf_release(&lists[k].entry);
	if (venue.len)
		d->venue = strbuf_detach(&venue, NULL);
	strbuf_release(&venue);
	if (!d->start_date)
		read_unlabelled_date(p, end);
}

/* ---- agenda tables ----------------------------------------------------- */

static const struct {
	const char *word;
	enum col_kind kind;
} column_words[] = {
    {"sak", COL_SAK},
    {"saksnr", COL_SAK},
    {"saksnr.", COL_SAK},
    {"sak nr", COL_SAK},
    {"sak nr.", COL_SAK},
    {"nr", COL_SAK},
    {"nr.", COL_SAK},
    {"tema", COL_TITLE},
    {"tittel", COL_TITLE},
    {"sakstittel", COL_TITLE},
    {"saksnavn", COL_TITLE},
    {"agenda", COL_TITLE},
    {"beskrivelse", COL_TITLE},
    {"innhold", COL_TITLE},
    {"sak/tema", COL_TITLE},
    {"presenteres av", COL_PEOPLE},
    {"presentert av", COL_PEOPLE},
    {"ansvarlig", COL_PEOPLE},
    {"ansvar", COL_PEOPLE},
    {"innleder", COL_PEOPLE},
    {"innledere", COL_PEOPLE},
    {"presenterer saken", COL_PEOPLE},
    {"saksansvarlig", COL_PEOPLE},
    {"hvem", COL_PEOPLE},
    {"tid", COL_TIME},
    {"kl", COL_TIME},
    {"kl.", COL_TIME},
    {"klokkeslett", COL_TIME},
    {"tidspunkt", COL_TIME},
    {"sakstype", COL_TYPE},
    {"behandling", COL_TYPE},
    {"behandlingsform", COL_TYPE},
    {"type", COL_TYPE},
    {"saktype", COL_TYPE},
    {"vedlegg", COL_ATTACH},
    {"dokumenter", COL_ATTACH},
    /* A column read past, as the attachments' is: "Status" (Vedtatt, Utsatt) in minutes. */
    {"status", COL_ATTACH},
};

static enum col_kind column_of(const struct cell *c)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(column_words); i++)
		if (word_eq(c->s, c->n, column_words[i].word))
			return column_words[i].kind;
	return COL_NONE;
}

/*
 * A table header: "Sak   Tema   Presenteres av   Tid   Sakstype", every
 * cell a column's name. The number column comes first, or after the time
 * ("Tid   Sak   Tema ..."); then a title column must be there too, so that
 * a header label ("Tid   Kl. 09.30") is no table.
 */
static size_t table_header(const struct line *l, struct column *cols)
{
	struct cell c[MAX_CELLS];
	size_t nc = cells_of(l, c, MAX_CELLS), i;
	bool sak = false, title = false;

	if (nc < 2 || c[0].col > 2)
		return 0;
	for (i = 0; i < nc; i++) {
		cols[i].kind = column_of(&c[i]);
		cols[i].col = c[i].col;
		if (cols[i].kind == COL_NONE)
			return 0;
		/* "Nr.  Kl.  Sak  Type": a second number column is the titles' ("Sak" naming the case). */
		if (cols[i].kind == COL_SAK && sak && !title)
			cols[i].kind = COL_TITLE;
		sak |= cols[i].kind == COL_SAK;
		title |= cols[i].kind == COL_TITLE;
	}
	/* The number first, or after the time or the type ("Sakstype   Sak   Tittel   Ansvar"). */
	if (cols[0].kind != COL_SAK &&
	    !((cols[0].kind == COL_TIME || cols[0].kind == COL_TYPE) && cols[1].kind == COL_SAK && title))
		return 0;
	return sak ? nc : 0;
}

static enum col_kind cell_column(const struct column *cols, size_t ncols, const struct cell *c)
{
	size_t i;
	enum col_kind k = cols[0].kind;

	for (i = 0; i < ncols; i++)
		if (cols[i].col <= c->col + 2)
			k = cols[i].kind;
	return k;
}

static void row_init(struct row *r, size_t i, int day)
{
	memset(r, 0, sizeof(*r));
	strbuf_init(&r->title, 0);
	strbuf_init(&r->people, 0);
	strbuf_init(&r->type, 0);
	strbuf_init(&r->time, 0);
	r->line = (long)i + 1;
	r->index = i;
	r->day = day;
}

static void row_release(struct row *r)
{
	strbuf_release(&r->title);
	strbuf_release(&r->people);
	strbuf_release(&r->type);
	strbuf_release(&r->time);
}

/* Joins a wrapped cell: with a space, but "Orientering/" + "drøfting" without. */
static void cell_join(struct strbuf *sb, const char *s, size_t n)
{
	size_t after;

	if (sb->len && sb->buf[sb->len - 1] != '/' && sb->buf[sb->len - 1] != '-')
		strbuf_addch(sb, ' ');
	else if (sb->len && sb->buf[sb->len - 1] == '-' && sb->len >= 2 && sb->buf[sb->len - 2] != ' ' &&
		 (!scan_starts_lower(s, n) || scan_prefix(s, n, "og ", &after) ||
		  scan_prefix(s, n, "eller ", &after)))
		strbuf_addch(sb, ' '); /* "helse-" over "og omsorgssektoren": "helse- og", not a word cut */
	strbuf_add(sb, s, n);
}

static bool break_word(const char *s, size_t n)
{
	size_t after;

	return scan_break_line(s, n) || word_eq(s, n, "eventuelt") || scan_prefix(s, n, "slutt", &after) ||
	       word_eq(s, n, "avslutning") || word_eq(s, n, "oppsummering");
}

/* Whether the table has a column of `kind`. */
static bool has_column(const struct column *cols, size_t ncols, int kind)
{
	size_t k;

	for (k = 0; k < ncols; k++)
		if ((int)cols[k].kind == kind)
			return true;
	return false;
}

/* Puts a line's cells into row `r` by column. */
static void row_take(struct row *r, const struct column *cols, size_t ncols, const struct cell *c, size_t nc)
{
	size_t k;

	for (k = 0; k < nc; k++) {
		switch (cell_column(cols, ncols, &c[k])) {
		case COL_TITLE:
		case COL_SAK:
			cell_join(&r->title, c[k].s, c[k].n);
			break;
		case COL_PEOPLE: {
			/* "Eva Lund (Helsedirektoratet) 09.30": the time with one space before it,
			 * in a table that has a time column. */
			size_t at, n = c[k].n;
			char hm[6];

			if (!r->time.len && has_column(cols, ncols, COL_TIME) &&
			    scan_time_at_end(c[k].s, n, &at, hm) && at > 0) {
				strbuf_add(&r->time, c[k].s + at, n - at);
				strbuf_rtrim(&r->time);
				for (n = at; n && c[k].s[n - 1] == ' '; n--)
					;
			}
			cell_join(&r->people, c[k].s, n);
			break;
		}
		case COL_TYPE:
			cell_join(&r->type, c[k].s, c[k].n);
			break;
		case COL_TIME:
			if (!r->time.len)
				strbuf_add(&r->time, c[k].s, c[k].n);
			break;
		default:
			break;
		}
	}
}

/*
 * A table that a page break cuts in two, where the text has no form feed
 * for it: the blank lines at `i` hold page furniture (a footer, "side 2"),
 * and the next line is the row numbered after the last one, in the
 * table's columns. Then the table goes on there (*next_line is the line
 * before it); a gap with no furniture, or any other line, ends the table.
 */
static bool table_goes_on(const struct papers *p, size_t i, const struct column *cols, size_t ncols,
			  size_t title_col, const struct row *last, size_t *next_line)
{
	const struct deck_lines *dl = p->dl;
	struct cell c[MAX_CELLS];
	struct case_no no;
	size_t j, nc, after, k;
	bool furniture = false, beside = false;

	if (!last || !last->has_no)
		return false;
	for (j = i; j < dl->n && (dl->v[j].blank || p->skip[j]); j++)
		furniture |= p->skip[j] || dl->v[j].page;
	if (j == dl->n || !(furniture || dl->v[j].page))
		return false;
	nc = cells_of(&dl->v[j], c, MAX_CELLS);
	if (!nc || c[0].col + 2 >= (title_col ? title_col : 4) ||
	    !case_number_at(c[0].s, c[0].n, &no, &after) || no.year != last->no.year ||
	    no.seq != last->no.seq + 1)
		return false;
	/* A row has cells beyond its title (a type, a time, a name), on its line
	 * or the lines its title wraps onto; a section's heading has not. */
	for (i = j; i < dl->n && i < j + 3 && !dl->v[i].blank && !beside; i++) {
		nc = cells_of(&dl->v[i], c, MAX_CELLS);
		if (i > j && nc && case_number_at(c[0].s, c[0].n, &no, &after))
			break;
		for (k = i == j; k < nc; k++) {
			enum col_kind kind = cell_column(cols, ncols, &c[k]);
			beside |= kind != COL_TITLE && kind != COL_SAK;
		}
	}
	if (!beside)
		return false;
	*next_line = j - 1;
	return true;
}

/*
 * Whether the table goes on after the blank line or day marker at line i:
 * a header over blank lines and "Dag 1 – onsdag 17. september", or rows
 * of a second day under its marker without the header again. Only across
 * a day marker or before the table's first row: elsewhere a numbered line
 * after a gap is a case section's heading. The next row is a case's, with
 * cells beside its title (a time, a type, a name); *next_line is set to
 * the line before it and *day to the day the markers crossed say.
 */
static bool table_resumes(const struct papers *p, size_t i, const struct column *cols, size_t ncols,
			  size_t title_col, const struct row *last, size_t *next_line, int *day)
{
	const struct deck_lines *dl = p->dl;
	struct cell c[MAX_CELLS];
	struct case_no no;
	size_t j, nc, after, k, num;
	int marked = 0;
	bool beside = false, weekday = false;

	/* "Onsdag 9. juni" left of the titles marks a day as "Dag 1" does. */
	for (j = i; j < dl->n &&
		    (dl->v[j].blank || p->skip[j] || day_marker(&dl->v[j]) ||
		     (weekday_marker(&dl->v[j]) && line_lead(&dl->v[j]) + 2 < (title_col ? title_col : 4)));
	     j++) {
		if (dl->v[j].blank || p->skip[j])
			continue;
		if (day_marker(&dl->v[j]))
			marked = day_marker(&dl->v[j]);
		else
			weekday = true;
	}
	/* Across a marker only to a later day: "Dag 1" again opens the case sections. */
	if (j == dl->n || (last && !weekday && (!marked || marked <= *day)))
		return false;
	nc = cells_of(&dl->v[j], c, MAX_CELLS);
	/* The number first, or after the time in a "Tid  Nr.  Sak" table. */
	num = nc > 1 && cell_column(cols, ncols, &c[0]) == COL_TIME ? 1 : 0;
	if (!nc || c[num].col + 2 >= (title_col ? title_col : 4) ||
	    !case_number_at(c[num].s, c[num].n, &no, &after))
		return false;
	/* A row's time or type beside its title; a section's heading has neither. */
	for (k = 0; k < nc && !beside; k++) {
		if (k == num)
			continue;
		enum col_kind kind = cell_column(cols, ncols, &c[k]);
		char hm[6];

		beside = (kind == COL_TIME && scan_time_at_start(c[k].s, c[k].n, hm)) ||
			 (kind == COL_TYPE && decision_facets_parse(c[k].s, c[k].n, NULL));
	}
	if (!beside)
		return false;
	if (marked)
		*day = marked;
	else if (weekday)
		*day = last ? *day + 1 : *day ? *day : 1;
	*next_line = j - 1;
	return true;
}

/*
 * A title cut inside a name: "... etter dataangrepet mot Helse" over "Sør-Øst
 * RHF i 2024". The title's last word and the line's first are capitalised,
 * and the line is a short phrase naming an organisation (the sector's
 * words: "RHF", "kommune"): not a sentence of the text below the title
 * ("Kari Holm innledet", "Kort om saken"), nor a row of its own.
 */
#define NAME_GOES_ON_MAX 40

static bool name_goes_on(const struct row *r, const char *s, size_t n)
{
	const char *last = r->title.len ? strrchr(r->title.buf, ' ') : NULL;

	last = last ? last + 1 : r->title.buf;
	return r->has_no && r->title.len && scan_starts_upper(last, strlen(last)) &&
	       scan_starts_upper(s, n) && n <= NAME_GOES_ON_MAX && memchr(s, ' ', n) && s[n - 1] != '.' &&
	       s[n - 1] != ':' && !break_word(s, n) && org_like(s, n);
}

/*
 * Reads the table under the header at line `h` into rows, until a blank
 * line or a line that is not part of a row (the text of a case section).
 * Returns the index of the first line after the table; *day follows the
 * day markers.
 */
static size_t read_table(struct papers *p, size_t h, struct row **rows, size_t *nrows, size_t *alloc, int day)
{
	const struct deck_lines *dl = p->dl;
	struct column cols[MAX_CELLS], next[MAX_CELLS];
	size_t ncols = table_header(&dl->v[h], cols), i, title_col = 0, k;
	struct row *cur = NULL;

	for (k = 0; k < ncols; k++)
		if (cols[k].kind == COL_TITLE)
			title_col = cols[k].col;
	for (i = h + 1; i < dl->n; i++) {
		struct cell c[MAX_CELLS];
		size_t nc, after, num;
		struct case_no no;
		bool has_time = false;

		if (p->skip[i])
			continue;
		if (dl->v[i].blank && table_goes_on(p, i, cols, ncols, title_col, cur, &i))
			continue;
		if ((dl->v[i].blank || day_marker(&dl->v[i])) &&
		    table_resumes(p, i, cols, ncols, title_col, cur, &i, &day))
			continue;
		/* "Onsdag 20. november" as a row of its own: the next day's rows follow. */
		if (weekday_marker(&dl->v[i]) && line_lead(&dl->v[i]) + 2 < (title_col ? title_col : 4)) {
			day = cur ? day + 1 : day ? day : 1;
			p->days[i] = true;
			continue;
		}
		if (dl->v[i].blank || day_marker(&dl->v[i]) || table_header(&dl->v[i], next))
			break;
		nc = cells_of(&dl->v[i], c, MAX_CELLS);
		for (k = 0; k < nc; k++)
			has_time |= cell_column(cols, ncols, &c[k]) == COL_TIME;
		/* The case number: the first cell, or the one after the time or the type in a "Tid  Sak"
		 * table. */
		num = nc;
		for (k = 0; k < nc && k < 2 && num == nc; k++)
			if ((k == 0 || cell_column(cols, ncols, &c[k]) == COL_SAK) &&
			    c[k].col + 2 < (title_col ? title_col : 4) &&
			    case_number_at(c[k].s, c[k].n, &no, &after))
				num = k;
		if (num < nc) {
			ALLOC_GROW(*rows, *nrows + 1, *alloc);
			cur = &(*rows)[(*nrows)++];
			row_init(cur, i, day);
			cur->has_no = true;
			cur->no = no;
			/* "9/23 Godkjenning ..." with one space: the title is in the same cell. */
			while (after < c[num].n && (c[num].s[after] == ' ' || c[num].s[after] == ':'))
				after++;
			if (after < c[num].n)
				strbuf_add(&cur->title, c[num].s + after, c[num].n - after);
			row_take(cur, cols, ncols, c, num);
			row_take(cur, cols, ncols, c + num + 1, nc - num - 1);
			continue;
		}
		if (cur) {
			struct cell *t = NULL;
			for (k = 0; k < nc; k++)
				if (cell_column(cols, ncols, &c[k]) == COL_TITLE)
					t = &c[k];
			/* "12.00    Lunsj" with the break under the number's column, left of the titles'. */
			for (k = 0; k < nc && !t; k++)
				if (cell_column(cols, ncols, &c[k]) == COL_SAK && break_word(c[k].s, c[k].n))
					t = &c[k];
			if (!has_time && (!t || scan_ends_open(cur->title.buf, cur->title.len) ||
					  scan_starts_lower(t->s, t->n) || is_digit_start(t->s, t->n) ||
					  !scan_starts_upper(t->s, t->n) || name_goes_on(cur, t->s, t->n))) {
				row_take(cur, cols, ncols, c, nc);
				continue;
			}
			if (!t || !(has_time || break_word(t->s, t->n)))
				break;
		} else if (!has_time) {
			break;
		}
		/* A row without a number: a break, "Eventuelt", the end of the day. */
		ALLOC_GROW(*rows, *nrows + 1, *alloc);
		cur = &(*rows)[(*nrows)++];
		row_init(cur, i, day);
		row_take(cur, cols, ncols, c, nc);
	}
	return i;
}

/* ---- case sections ----------------------------------------------------- */

struct section {
	size_t head;	/* the heading line (the row's line for a table) */
	size_t body;	/* first line after the heading and its title */
	size_t end;	/* first line after the section */
	struct row row; /* number, title, type as the heading gives them */
	bool table;	/* headed by a table of one row */
};

/* Whether section s has no line of its own: only blank lines and furniture until the next. */
static bool section_empty(const struct papers *p, const struct section *s)
{
	size_t j;

	for (j = s->body; j < s->end; j++)
		if (!p->dl->v[j].blank && !p->skip[j])
			return false;
	return true;
}

/*
 * A table of one row heads its case's section in some notices, and is the
 * whole agenda of a meeting of one case in others. In a notice with no
 * agenda of more rows, a section so headed with nothing in it, whose case
 * another section heads further on, is the agenda: its row becomes the
 * agenda's (moved to p->rows) and the section goes. Returns the sections
 * left.
 */
static size_t agenda_of_one_row(struct papers *p, struct section *secs, size_t nsecs)
{
	size_t i = 0, k;

	if (p->nrows)
		return nsecs; /* the agenda is there: an empty section is a case without text */
	while (i < nsecs) {
		bool again = false;

		for (k = i + 1; k < nsecs && !again; k++)
			again = !strcmp(secs[k].row.no.text, secs[i].row.no.text);
		if (!secs[i].table || !again || !section_empty(p, &secs[i])) {
			i++;
			continue;
		}
		ALLOC_GROW(p->rows, p->nrows + 1, p->rows_alloc);
		p->rows[p->nrows++] = secs[i].row;
		memmove(&secs[i], &secs[i + 1], (nsecs - i - 1) * sizeof(*secs));
		return nsecs - 1; /* one row: the first such table */
	}
	return nsecs;
}

/*
 * Case numbers of a list (agenda rows or sections) by number, so that the
 * occ-th of a number is found in log n: a notice of 100,000 rows is read
 * in n log n, not n squared. Entries without a number are "".
 */
struct numbering {
	const char **numbers;
	int *occ;			/* which of its number each entry is, from 1 */
	struct case_number_ref *sorted; /* by number, then by position */
	size_t n;
};

static void numbering_init(struct numbering *nb, size_t n)
{
	nb->n = n;
	nb->numbers = xcalloc(n + 1, sizeof(*nb->numbers));
	nb->occ = xcalloc(n + 1, sizeof(*nb->occ));
}

/* Once every numbers[i] is set. */
static void numbering_done(struct numbering *nb)
{
	case_occurrences(nb->numbers, nb->n, nb->occ);
	nb->sorted = case_numbers_sort(nb->numbers, nb->n);
}

/* The position of the occ-th entry numbered `no` (occ from 1), or SIZE_MAX. */
static size_t numbering_find(const struct numbering *nb, const char *no, int occ)
{
	size_t k = case_numbers_find(nb->sorted, nb->n, no);

	if (k == nb->n || occ < 1 || k + (size_t)occ - 1 >= nb->n ||
	    strcmp(nb->sorted[k + (size_t)occ - 1].number, no))
		return SIZE_MAX;
	return nb->sorted[k + (size_t)occ - 1].idx;
}

static void numbering_release(struct numbering *nb)
{
	free(nb->numbers);
	free(nb->occ);
	free(nb->sorted);
}

/* True if `line` is the first text after a blank line, a page break or page furniture. */
static bool set_off(const struct papers *p, size_t i)
{
	size_t j = i;

	if (p->dl->v[i].page)
		return true;
	while (j > 0) {
		j--;
		if (p->dl->v[j].blank || p->skip[j] || p->dl->v[j + 1].page)
			return true;
		return false;
	}
	return true;
}

/*
 * "Godkjenning av innkalling            Sak 12/23": a section's title with its
 * number at the right margin, in a cell of its own.
 */
static bool number_at_margin(struct papers *p, size_t i, struct row *r, int day)
{
	const struct line *l = &p->dl->v[i];
	struct cell c[MAX_CELLS];
	size_t nc = cells_of(l, c, MAX_CELLS), after, k;
	struct case_no no;

	if (nc < 2 || !scan_starts_upper(c[0].s, c[0].n) ||
	    !(after = scan_sak_prefix(c[nc - 1].s, c[nc - 1].n)) ||
	    !scan_case_number(c[nc - 1].s + after, c[nc - 1].n - after, &no) || no.len != c[nc - 1].n - after)
		return false;
	row_init(r, i, day);
	r->has_no = true;
	r->no = no;
	r->title_col = c[0].col;
	for (k = 0; k + 1 < nc; k++)
		cell_join(&r->title, c[k].s, c[k].n);
	return true;
}

/*
 * "Sak 9/23   Title", "15/19 Title  Type", "Sak 12/2021 – Title": a heading
 * outside the agenda, set off from what precedes it, its title starting
 * with a capital letter.
 */
static bool section_heading(struct papers *p, size_t i, struct row *r, int day)
{
	const struct line *l = &p->dl->v[i];
	struct cell c[MAX_CELLS];
	size_t nc, after, k, lead = line_lead(l);
	struct case_no no;
	const char *s;
	size_t n;

	if (l->blank || p->skip[i] || p->agenda[i] || lead > 4 || !set_off(p, i))
		return false;
	s = line_trim(l, &n);
	if (!case_number_at(s, n, &no, &after))
		return number_at_margin(p, i, r, day);
	after = title_start(s, n, after);
	if (after < n && !scan_starts_upper(s + after, n - after) && !is_digit_start(s + after, n - after))
		return false;
	row_init(r, i, day);
	r->has_no = true;
	r->no = no;
	r->title_col = chars(l->text, (size_t)(s + after - l->text));
	nc = cells_of(l, c, MAX_CELLS);
	/* The title: the heading's text after the number; a last cell that
	 * names a type is the type column. */
	for (k = 0; k < nc; k++) {
		const char *cs = c[k].s;
		size_t cn = c[k].n;

		if (cs <= s + after && s + after < cs + cn) {
			cn -= (size_t)(s + after - cs);
			cs = s + after;
		} else if (cs < s + after) {
			continue;
		}
		if (k == nc - 1 && k > 0 && r->title.len && decision_facets_parse(cs, cn, NULL)) {
			strbuf_add(&r->type, cs, cn);
			break;
		}
		cell_join(&r->title, cs, cn);
	}
	return true;
}

/* A line that opens a non-case part of the papers: "Eventuelt", "Dag 2 ...". */
static bool other_heading(const struct papers *p, size_t i, size_t head_lead, bool indented_body)
{
	const struct line *l = &p->dl->v[i];
	size_t n;
	const char *s = line_trim(l, &n);

	if (l->blank || p->skip[i] || line_lead(l) > head_lead)
		return false;
	if (day_marker(l) || word_eq(s, n, "eventuelt") || word_eq(s, n, "eventuelt:") ||
	    scan_prefix(s, n, "neste møte", &n) || scan_prefix(s, n, "møtet hevet", &n))
		return true;
	/* "Eventuelt og avslutning", "Eventuelt / Neste møte": a heading of a few words. */
	if (n <= 40 && s[0] == 'E' && i > 0 && p->dl->v[i - 1].blank &&
	    (scan_prefix(s, n, "eventuelt og ", NULL) || scan_prefix(s, n, "eventuelt / ", NULL) ||
	     scan_prefix(s, n, "eventuelt – ", NULL)) &&
	    s[n - 1] != '.')
		return true;
	return indented_body && set_off(p, i);
}

enum dlabel { DL_NONE, DL_PROPOSED, DL_RECORDED, DL_PEOPLE, DL_STOP, DL_SKIP };
struct named;
static enum dlabel dlabel_of(const char *s, size_t n, size_t *after, bool *amended, struct named *names);

/* Skips a title's label at *t ("Tittel:", "Tema:", "Sak:") and the spaces after it. */
static void title_label_skip(const char **t, size_t *n)
{
	static const char *const words[] = {"tittel:", "tema:", "sakstittel:", "sak:"};
	size_t k, a;

	for (k = 0; k < ARRAY_SIZE(words); k++)
		if (scan_prefix(*t, *n, words[k], &a)) {
			while (a < *n && (*t)[a] == ' ')
				a++;
			*t += a;
			*n -= a;
			return;
		}
}

/* Whether s names a case ("jf. sak 14/21"): a reference below a heading, not its title going on. */
static bool mentions_case(const char *s, size_t n)
{
	struct case_no no;
	size_t i;

	for (i = 0; i < n; i++)
		if ((i == 0 || s[i - 1] == ' ') && is_digit_start(s + i, n - i) &&
		    scan_case_number(s + i, n - i, &no))
			return true;
	return false;
}

/* A heading line this long or longer may have wrapped onto the next. */
#define WRAPPED_HEADING 60

/* Continues a heading's title onto line i? */
/* Whether s[0, n) ends in a month's name: "... 19.–20. november". */
static bool ends_in_month(const char *s, size_t n)
{
	size_t b = n, len;

	while (b && s[b - 1] != ' ')
		b--;
	return b < n && date_month(s + b, n - b, &len) && b + len == n;
}

static bool title_continues(const struct papers *p, const struct row *r, size_t i, size_t title_col)
{
	const struct line *l = &p->dl->v[i];
	struct cell c[MAX_CELLS];
	size_t nc;
	const struct row *a;

	if (l->blank || p->skip[i] || l->bullet)
		return false;
	nc = cells_of(l, c, MAX_CELLS);
	if (!r->title.len && nc) {
		/* "Sak 13/24" alone on its line: the title is the line below. */
		size_t after, n;
		bool am;
		const char *s = line_trim(l, &n);
		return dlabel_of(s, n, &after, &am, NULL) == DL_NONE &&
		       !table_header(l, (struct column[MAX_CELLS]){0});
	}
	/* "... i kommunal helse- og" over "omsorgstjeneste – forslag ...": a title that ends
	 * open goes on in lower case, even where the body is not indented. */
	if (nc && scan_ends_open(r->title.buf, r->title.len) && scan_starts_lower(c[0].s, c[0].n))
		return true;
	/* "... arbeid med helhetlig" over "samhandling og felles kommunal journal": a heading
	 * as wide as the page wrapped, its next line short, in lower case and no sentence. */
	if (nc == 1 && i > 0 && !p->dl->v[i - 1].blank && p->dl->v[i - 1].len >= WRAPPED_HEADING &&
	    scan_starts_lower(c[0].s, c[0].n) && c[0].n < WRAPPED_HEADING && c[0].s[c[0].n - 1] != '.' &&
	    c[0].s[c[0].n - 1] != ':' && (i + 1 == p->dl->n || p->dl->v[i + 1].blank) &&
	    !mentions_case(c[0].s, c[0].n))
		return true;
	/* "... fra møtet 19.–20. november" over "2025": a date's year wrapped, wherever it starts. */
	if (nc == 1 && c[0].n == 4 && is_digit_start(c[0].s, 4) && strspn(c[0].s, "0123456789") >= 4 &&
	    ends_in_month(r->title.buf, r->title.len))
		return true;
	if (!nc || c[0].col + 2 < title_col || c[0].col > title_col + 2)
		return false;
	if (scan_ends_open(r->title.buf, r->title.len) || scan_starts_lower(c[0].s, c[0].n) ||
	    is_digit_start(c[0].s, c[0].n) || (nc == 1 && name_goes_on(r, c[0].s, c[0].n)) ||
	    /* "(EPJ-systemer)": a short remark in brackets that ends the title. */
	    (nc == 1 && c[0].n <= 40 && c[0].s[0] == '(' && c[0].s[c[0].n - 1] == ')'))
		return true;
	/* What the agenda says the title is. */
	a = NULL;
	{
		size_t k;
		for (k = 0; k < p->nrows && !a; k++)
			if (p->rows[k].has_no && !strcmp(p->rows[k].no.text, r->no.text))
				a = &p->rows[k];
	}
	if (a && a->title.len > r->title.len + c[0].n && !strncmp(a->title.buf, r->title.buf, r->title.len) &&
	    !strncmp(a->title.buf + r->title.len + 1, c[0].s, c[0].n))
		return true;
	return false;
}

/* ---- decisions --------------------------------------------------------- */

/* The case numbers a decision label names. */
struct named {
	char number[8][16];
	size_t n;
};

/*
 * After a label's word at s[a]: " i sak 15/24 og 16/24", " for sakene 3/23,
 * 4/23 og 5/23". Fills `names` and returns where the list ends, or `a`
 * when there is none.
 */
static size_t named_cases(const char *s, size_t n, size_t a, struct named *names)
{
	static const char *const intro[] = {"i sakene ", "i sak ", "for sakene ", "for sak ", "i saker "};
	size_t i, at = a, used;
	struct case_no no;

	names->n = 0;
	for (i = 0; i < ARRAY_SIZE(intro); i++)
		if (scan_prefix(s + a, n - a, intro[i], &used))
			break;
	if (i == ARRAY_SIZE(intro))
		return a;
	at = a + used;
	while (at < n && names->n < ARRAY_SIZE(names->number) && scan_case_number(s + at, n - at, &no)) {
		snprintf(names->number[names->n++], sizeof(names->number[0]), "%s", no.text);
		at += no.len;
		while (at < n && (s[at] == ' ' || s[at] == ','))
			at++;
		if (scan_prefix(s + at, n - at, "og ", &used))
			at += used;
	}
	if (!names->n)
		return a;
	while (at < n && s[at] == ' ')
		at++;
	return at;
}

/*
 * A remark in brackets after a label, from s[a] on: "Vedtak (enstemmig):",
 * "Forslag til vedtak (endret 2. februar 2024):"; one that says "endret"
 * marks the proposal changed. Returns where the label goes on: past the
 * remark, or `a` when there is none. Whether the label ends there (a colon,
 * or the line's end) is the caller's to ask: "Vedtak (sak 3/24) ble ..." is
 * prose.
 */
#define LABEL_REMARK_MAX 80

static size_t label_remark(const char *s, size_t n, size_t a, bool *amended)
{
	struct strbuf f = STRBUF_INIT;
	size_t b = a, close;

	while (b < n && s[b] == ' ')
		b++;
	if (b >= n || s[b] != '(')
		return a;
	for (close = b + 1; close < n && close - b <= LABEL_REMARK_MAX && s[close] != ')' && s[close] != '(';
	     close++)
		;
	if (close >= n || s[close] != ')')
		return a;
	utf8_fold(&f, s + b + 1, close - b - 1);
	if (strstr(f.buf, "endret"))
		*amended = true;
	strbuf_release(&f);
	return close + 1;
}

/* After "i NUFA" or "fra styret" up to a label's colon at s[a..]: where the colon is; else a. */
static size_t body_named(const char *s, size_t n, size_t a)
{
	size_t k, e;

	if (!scan_prefix(s + a, n - a, "i ", &k) && !scan_prefix(s + a, n - a, "fra ", &k))
		return a;
	for (e = a + k; e < n && e < a + 48 && s[e] != ':' && s[e] != '.' && s[e] != ','; e++)
		;
	return e < n && s[e] == ':' && e > a + k ? e : a;
}

/* A label at the start of `s`: returns its kind and sets *after past it; `names` (may be NULL) gets the cases
 * it names. */
static enum dlabel dlabel_of(const char *s, size_t n, size_t *after, bool *amended, struct named *names)
{
	static const struct {
		const char *word;
		enum dlabel kind;
	} words[] = {
	    {"endret forslag til vedtak", DL_PROPOSED},
	    {"forslag til vedtak/innstilling", DL_PROPOSED},
	    {"forslag til vedtak / innstilling", DL_PROPOSED},
	    {"forslag til innstilling", DL_PROPOSED},
	    {"forslag til vedtak", DL_PROPOSED},
	    {"innstilling til vedtak", DL_PROPOSED},
	    {"innstilling", DL_PROPOSED},
	    {"forslag til konklusjon", DL_PROPOSED},
	    {"forslag til beslutning", DL_PROPOSED},
	    {"vedtak i saken", DL_RECORDED},
	    /* The board's or the committee's decision, named so. */
	    {"styrets vedtak", DL_RECORDED},
	    {"utvalgets vedtak", DL_RECORDED},
	    {"konklusjon og vedtak", DL_RECORDED},
	    {"konklusjoner", DL_RECORDED},
	    {"vedtak", DL_RECORDED},
	    {"konklusjon", DL_RECORDED},
	    {"beslutning", DL_RECORDED},
	    {"innledere", DL_PEOPLE},
	    {"innleder", DL_PEOPLE},
	    {"presentert av", DL_PEOPLE},
	    {"presenteres av", DL_PEOPLE},
	    {"saksansvarlig", DL_PEOPLE},
	    {"vedlegg", DL_STOP},
	    {"ingen vedlegg", DL_STOP},
	    {"spørsmål til", DL_STOP},
	    /* A member's statement to the minutes, and a dissent: beside the decision, not of it. */
	    {"protokolltilførsel", DL_STOP},
	    {"dissens", DL_STOP},
	    /* Who follows the decision up, and by when: a line beside it, not of it ("Ansvarlig
	     * for ..." is); what comes after it goes on (an item "2." after an item's "Frist:"). */
	    {"ansvarlig:", DL_SKIP},
	    {"ansvar:", DL_SKIP},
	    {"frist:", DL_SKIP},
	    {"oppfølging:", DL_SKIP},
	    {"saksbehandler:", DL_SKIP},
	    {"kontaktperson:", DL_SKIP},
	};
	size_t i, a;

	*amended = false;
	if (names)
		names->n = 0;
	for (i = 0; i < ARRAY_SIZE(words); i++) {
		if (!scan_prefix(s, n, words[i].word, &a))
			continue;
		if (words[i].kind == DL_STOP || words[i].kind == DL_SKIP) {
			/* "slik den går fram av" over "vedlegg 1.": a sentence wrapped, not a list's label.
			 */
			if (scan_starts_lower(s, n))
				continue;
			*after = n;
			return words[i].kind;
		}
		if (!strncmp(words[i].word, "endret", 6))
			*amended = true;
		{
			/* "– endret", "- endret": the proposal was changed. */
			static const char *const marks[] = {" – endret", " - endret", " -endret", " –endret"};
			size_t m;
			for (m = 0; m < ARRAY_SIZE(marks); m++)
				if (a + strlen(marks[m]) <= n &&
				    !strncmp(s + a, marks[m], strlen(marks[m]))) {
					*amended = true;
					a += strlen(marks[m]);
					break;
				}
		}
		/* "Vedtak        NUIT godkjenner ...": the label in a column of its own, no colon. */
		if (a + 2 < n && s[a] == ' ' && s[a + 1] == ' ' && words[i].kind != DL_STOP &&
		    words[i].kind != DL_SKIP) {
			size_t t = a;
			while (t < n && s[t] == ' ')
				t++;
			/* "Vedtak      ble ikke fattet": justified prose, not a label. */
			if (t < n && (scan_starts_upper(s + t, n - t) || is_digit_start(s + t, n - t))) {
				*after = t;
				return words[i].kind;
			}
		}
		a = label_remark(s, n, a, amended);
		while (a < n && s[a] == ' ')
			a++;
		/* "Vedtak i sak 15/24 og 16/24:", "Forslag til vedtak i sakene 3/23, 4/23:" */
		if (names && (words[i].kind == DL_PROPOSED || words[i].kind == DL_RECORDED))
			a = named_cases(s, n, a, names);
		/* "Vedtak i NUFA:", "Vedtak fra styret:": the body that made it, before the colon. */
		if (a < n && s[a] != ':' && (words[i].kind == DL_PROPOSED || words[i].kind == DL_RECORDED))
			a = body_named(s, n, a);
		/* A label ends in a colon or stands alone; "Vedtaket ble ..." is prose. */
		if (a < n && s[a] == ':') {
			a++;
		} else if (a < n) {
			continue;
		}
		while (a < n && s[a] == ' ')
			a++;
		*after = a;
		return words[i].kind;
	}
	return DL_NONE;
}

/* An item that keeps its own line: "1.", "a)", a bullet. */
static bool item_start(const struct line *l, const char *s, size_t n)
{
	if (l->bullet)
		return true;
	if (n >= 2 && ((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'h')) &&
	    (s[1] == '.' || s[1] == ')') && (n == 2 || s[2] == ' '))
		return true;
	return n >= 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == '.';
}

/* Appends a line of running text: wrapped lines join with a space, items and paragraphs start lines. */
static void text_add(struct strbuf *sb, const struct line *l, const char *s, size_t n, bool *para)
{
	if (sb->len) {
		if (*para || item_start(l, s, n))
			strbuf_addch(sb, '\n');
		else
			strbuf_addch(sb, ' ');
	}
	*para = false;
	if (l->bullet && !(n >= 3 && !memcmp(s, "•", 3)))
		strbuf_addstr(sb, "• ");
	while (n && s[n - 1] == ' ')
		n--;
	/* Runs of spaces are the layout's ("•   NUIT ..."), not the text's. */
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' || !sb->len || sb->buf[sb->len - 1] != ' ')
			strbuf_addch(sb, s[i]);
}

/* The text of line i from column `from`, without cells at or right of `right` (0: none). */
static const char *text_cols(const struct line *l, size_t right, size_t *len)
{
	struct cell c[MAX_CELLS];
	size_t nc = cells_of(l, c, MAX_CELLS), k, e = 0;
	const char *b = NULL;

	for (k = 0; k < nc; k++) {
		if (right && c[k].col + 2 >= right && k > 0)
			break;
		if (right && c[k].col + 2 >= right && k == 0 && c[k].col > 20)
			break;
		if (!b)
			b = c[k].s;
		e = (size_t)(c[k].s + c[k].n - b);
	}
	*len = e;
	return b ? b : l->text + l->len;
}

/* The bytes of the first sentence of folded text s: up to a full stop after a word, not a number
 * ("Referat fra møtet 14. mars 2021 godkjent."). */
static size_t first_sentence(const char *s, size_t n)
{
	size_t i;

	for (i = 1; i + 1 < n; i++)
		if (s[i] == '.' && s[i + 1] == ' ' && !(s[i - 1] >= '0' && s[i - 1] <= '9'))
			return i + 1;
	return n;
}

/*
 * Whether the participle ending s[0, n) is the sentence's only verb: "Innkalling og dagsorden
 * godkjent." decides; "Budsjettet er ennå ikke godkjent." tells how things stand.
 */
static bool no_verb_before(const char *s, size_t n)
{
	static const char *const words[] = {" er ", " var ", " har ", " hadde ", " ikke ", " blir "};
	struct strbuf f = STRBUF_INIT;
	size_t k;
	bool none = true;

	strbuf_addch(&f, ' ');
	strbuf_add(&f, s, n);
	for (k = 0; k < ARRAY_SIZE(words) && none; k++)
		none = !strstr(f.buf, words[k]);
	strbuf_release(&f);
	return none;
}

/* A closing sentence in the body's voice: "NUFA tar saken til orientering", "... godkjennes". */
static bool decision_voice(const char *s, size_t n)
{
	static const char *const verbs[] = {
	    " tar ",	    " tok ",	    " godkjenner",  " godkjente", " drøfter",	" drøftet",
	    " slutter seg", " sluttet seg", " støtter",	    " støttet",	  " anbefaler", " anbefalte",
	    " ber ",	    " ba ",	    " vedtar",	    " vedtok",	  " gir ",	" ga ",
	    " besluttet",   " beslutter",   " konkluderte", " tiltrer",
	};
	static const char *const passive[] = {
	    " godkjennes",  " vedtas",	   "tas til orientering",  "tas til etterretning",
	    "ble godkjent", "ble vedtatt", "tatt til orientering", "tatt til etterretning",
	};
	/* The participle alone ends a minutes' short decision, its first sentence: "Innkalling og
	 * dagsorden godkjent. Sak 35/21 ble flyttet foran sak 34/21." */
	static const char *const ending[] = {" godkjent", " vedtatt"};
	struct strbuf f = STRBUF_INIT;
	size_t at, len, i;
	bool hit = false;

	if (n > 600)
		return false;
	utf8_fold(&f, s, n);
	for (i = 0; i < ARRAY_SIZE(passive) && !hit; i++)
		hit = strstr(f.buf, passive[i]) != NULL;
	len = first_sentence(f.buf, f.len);
	while (len && (f.buf[len - 1] == '.' || f.buf[len - 1] == ' '))
		len--;
	for (i = 0; i < ARRAY_SIZE(ending) && !hit; i++)
		hit = len >= strlen(ending[i]) &&
		      !memcmp(f.buf + len - strlen(ending[i]), ending[i], strlen(ending[i])) &&
		      no_verb_before(f.buf, len);
	if (!hit && (body_find(s, n, &at, &len) && at == 0
			 ? true
			 : scan_prefix(s, n, "utvalget ", &at) || scan_prefix(s, n, "styret ", &at) ||
			       scan_prefix(s, n, "rådet ", &at) || scan_prefix(s, n, "møtet ", &at)))
		for (i = 0; i < ARRAY_SIZE(verbs) && !hit; i++)
			hit =
			    strstr(f.buf, verbs[i]) != NULL && (size_t)(strstr(f.buf, verbs[i]) - f.buf) < 60;
	strbuf_release(&f);
	return hit;
}

/*
 * The decision that closes a paragraph: from the last sentence in the
 * body's voice to the paragraph's end ("Det kom ingen merknader. Innkalling
 * og dagsorden godkjennes." gives the second sentence), or NULL.
 */
static char *closing_decision(const char *s, size_t n)
{
	size_t start = n;

	while (start > 0) {
		size_t b = start - 1;

		/* Back to the start of the sentence before `start`. */
		while (b > 0 &&
		       !(b >= 2 && s[b - 1] == ' ' && s[b - 2] == '.' && !scan_starts_lower(s + b, n - b)))
			b--;
		if (decision_voice(s + b, n - b) && decision_voice(s + b, start - b))
			return xstrndup(s + b, n - b);
		if (decision_voice(s + b, n - b) && start < n)
			break;
		start = b;
	}
	return decision_voice(s, n) && start == 0 ? xstrndup(s, n) : NULL;
}

static enum outcome outcome_words(const char *s, size_t n)
{
	static const char *const postponed[] = {
	    "saken ble utsatt",	       "saken utsettes",	   "saken er utsatt", "utsatt til neste møte",
	    "utsettes til neste møte", "saken ble ikke behandlet", "utsatte saken",   "utsetter saken",
	    "ikke realitetsbehandlet", "og utsettes til"};
	static const char *const withdrawn[] = {
	    "saken ble trukket",     "saken trekkes", "saken er trukket",     "trukket fra sakslisten",
	    "trukket fra dagsorden", "trakk saken",   "trekker saken",	      "saken var trukket",
	    "saken utgikk",	     "saken utgår",   "utgikk fra sakslisten"};
	struct strbuf f = STRBUF_INIT;
	enum outcome o = OUTCOME_NONE;
	size_t i;

	utf8_fold(&f, s, n);
	for (i = 0; i < ARRAY_SIZE(withdrawn) && !o; i++)
		if (strstr(f.buf, withdrawn[i]))
			o = OUTCOME_WITHDRAWN;
	for (i = 0; i < ARRAY_SIZE(postponed) && !o; i++)
		if (strstr(f.buf, postponed[i]))
			o = OUTCOME_POSTPONED;
	strbuf_release(&f);
	return o;
}

static void add_presenter_cb(const char *name, const char *org, void *arg)
{
	struct deck_case *c = arg;
	size_t i;

	for (i = 0; i < c->npresenters; i++)
		if (!strcmp(c->presenters[i].name, name))
			return;
	case_add_presenter(c, name, org);
}

/*
 * Adds the text of lines [from, to) to the slides *v, one slide per page,
 * labelled "Side N"; with `outside`, not the agenda's lines (its rows are
 * the agenda's and the cases').
 */
static void text_slides(struct papers *p, struct slide **v, size_t *nv, size_t *alloc, size_t from, size_t to,
			bool outside)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, first = from;
	int page = from < p->dl->n ? p->page[from] : 1;

	for (i = from; i <= to; i++) {
		if (i == to || p->page[i] != page) {
			strbuf_rtrim(&sb);
			if (sb.len) {
				char label[24];
				snprintf(label, sizeof(label), "Side %d", page);
				slide_list_add(v, nv, alloc, label, sb.buf, (long)first + 1);
			}
			strbuf_reset(&sb);
			if (i == to)
				break;
			page = p->page[i];
			first = i;
		}
		if (p->skip[i] || (outside && p->agenda[i]))
			continue;
		if (p->dl->v[i].blank) {
			if (sb.len && sb.buf[sb.len - 1] != '\n')
				strbuf_addch(&sb, '\n');
			continue;
		}
		{
			size_t n;
			const char *s = line_trim(&p->dl->v[i], &n);
			if (!sb.len)
				first = i;
			if (sb.len)
				strbuf_addch(&sb, '\n');
			strbuf_add(&sb, s, n);
		}
	}
	strbuf_release(&sb);
}

/* Reads one section into case `c`: labels, decisions, presenters, outcome, text. */
/*
 * A label in a column of its own, wrapped: "Forslag til" as line i's first
 * cell, text beside it, and "vedtak:" first under it on the next. *text_at
 * gets where the text begins in line i.
 */
static bool split_label(const struct deck_lines *dl, size_t i, size_t end, size_t *text_at)
{
	struct cell a[MAX_CELLS], b[MAX_CELLS];
	size_t na, nb;

	if (i + 1 >= end || dl->v[i + 1].blank)
		return false;
	na = cells_of(&dl->v[i], a, MAX_CELLS);
	nb = cells_of(&dl->v[i + 1], b, MAX_CELLS);
	if (na < 2 || !nb || !word_eq(a[0].s, a[0].n, "forslag til") || b[0].col != a[0].col ||
	    !(word_eq(b[0].s, b[0].n, "vedtak:") || word_eq(b[0].s, b[0].n, "vedtak")))
		return false;
	*text_at = (size_t)(a[1].s - dl->v[i].text);
	return true;
}

static void read_section(struct papers *p, struct deck_case *c, const struct section *sec)
{
	const struct deck_lines *dl = p->dl;
	struct strbuf dec[2] = {STRBUF_INIT, STRBUF_INIT}, para = STRBUF_INIT, last = STRBUF_INIT,
		      people = STRBUF_INIT, all = STRBUF_INIT;
	enum dlabel in = DL_NONE;
	struct named names;
	size_t i, right = 0, label_tail = SIZE_MAX;
	bool newpara = false, amended = false, labelled_recorded = false, crossed = false;

	for (i = sec->body; i < sec->end; i++) {
		const struct line *l = &dl->v[i];
		size_t n, after;
		const char *s;
		bool am, split;
		enum dlabel lab;

		if (p->skip[i] || l->page)
			crossed = true;
		if (p->skip[i])
			continue;
		if (l->blank) {
			newpara = true;
			if (in == DL_PEOPLE) {
				papers_people(people.buf, people.len, add_presenter_cb, c);
				strbuf_reset(&people);
				in = DL_NONE;
			}
			continue;
		}
		s = line_trim(l, &n);
		/* "_____", "-----": a rule between the sections ends what a label began. */
		if (n >= 5 && strspn(s, "_-=") == n) {
			newpara = true;
			if (in == DL_PROPOSED || in == DL_RECORDED)
				in = DL_NONE;
			continue;
		}
		/* A sentence that runs on over a page break is one paragraph. */
		if (crossed && newpara && scan_starts_lower(s, n))
			newpara = false;
		crossed = false;
		/* The label's second line in its column ("vedtak:" under "Forslag til"): the rest is text. */
		if (i == label_tail) {
			struct cell cl[MAX_CELLS];
			size_t nc = cells_of(l, cl, MAX_CELLS);

			if (nc < 2)
				continue;
			s = cl[1].s;
			n = (size_t)(l->text + l->len - s);
			while (n && s[n - 1] == ' ')
				n--;
		}
		lab = i == label_tail ? DL_NONE : dlabel_of(s, n, &after, &am, &names);
		split = lab == DL_NONE && split_label(dl, i, sec->end, &after);
		if (split) {
			/* "Forslag til       Nasjonalt e-helsestyre godkjenner ..." over "vedtak:". */
			label_tail = i + 1;
			lab = DL_PROPOSED;
			am = false;
			names.n = 0;
			after = (size_t)(dl->v[i].text + after - s);
		}
		if (lab == DL_SKIP)
			continue;
		if (lab != DL_NONE) {
			struct cell cl[MAX_CELLS];
			size_t nc = cells_of(l, cl, MAX_CELLS), k;

			/* A decision for this case and others: the others get it too, once all are read. */
			for (k = 0; k < names.n && (lab == DL_PROPOSED || lab == DL_RECORDED); k++) {
				struct joint *j;

				if (!strcmp(names.number[k], c->number))
					continue;
				ALLOC_GROW(p->joints, p->njoints + 1, p->joints_alloc);
				j = &p->joints[p->njoints++];
				j->from = (size_t)(c - p->d->cases);
				snprintf(j->number, sizeof(j->number), "%s", names.number[k]);
				j->proposed = lab == DL_PROPOSED;
			}

			if (in == DL_PEOPLE) {
				papers_people(people.buf, people.len, add_presenter_cb, c);
				strbuf_reset(&people);
			}
			in = lab;
			newpara = false;
			/* A right-hand column beside the label ("Ingen vedlegg") marks where text ends;
			 * beside a label in a column of its own, the text is the column after it. */
			right = nc > 1 ? cl[nc - 1].col : 0;
			if (split || (nc > 1 && cl[1].s == s + after && cl[0].s[cl[0].n - 1] != ':'))
				/* "Vedtak      NUIT godkjenner ...": no colon, the text in the column after
				 * it. */
				right = nc > 2 ? cl[nc - 1].col : 0;
			if (lab == DL_PROPOSED || lab == DL_RECORDED) {
				struct strbuf *d = &dec[lab == DL_RECORDED];
				strbuf_reset(d);
				if (lab == DL_PROPOSED)
					amended |= am;
				else
					labelled_recorded = true;
				if (after < n) {
					size_t tl;
					const char *t = text_cols(l, right, &tl);
					/* The inline text after the label, less the right column. */
					if (t + tl > s + after)
						text_add(d, l, s + after, (size_t)(t + tl - (s + after)),
							 &newpara);
				}
			} else if (lab == DL_PEOPLE) {
				strbuf_add(&people, s + after, n - after);
			}
			continue;
		}
		if (in == DL_PEOPLE) {
			strbuf_addch(&people, ' ');
			strbuf_add(&people, s, n);
			continue;
		}
		/* Minutes quote the proposal as a paragraph: the next (not an item of it) is the
		 * meeting's, its discussion or what was decided. */
		if (in == DL_PROPOSED && p->kind == DOC_MINUTES && newpara && !item_start(l, s, n))
			in = DL_NONE;
		if (in == DL_PROPOSED || in == DL_RECORDED) {
			size_t tl;
			const char *t = text_cols(l, right, &tl);

			if (i == label_tail) { /* less the label's "vedtak:" */
				t = s;
				tl = n;
			}
			if (!tl)
				continue; /* only right-hand column text */
			text_add(&dec[in == DL_RECORDED], l, t, tl, &newpara);
			continue;
		}
		if (in == DL_STOP)
			continue;
		if (newpara && para.len) {
			/* A paragraph ends where the next begins, not at a blank line:
			 * a page footer and its blank lines may fall inside one. */
			strbuf_reset(&last);
			strbuf_add(&last, para.buf, para.len);
			strbuf_reset(&para);
		}
		text_add(&para, l, s, n, &newpara);
		newpara = false;
		strbuf_addch(&all, ' ');
		strbuf_add(&all, s, n);
	}
	if (in == DL_PEOPLE)
		papers_people(people.buf, people.len, add_presenter_cb, c);
	if (para.len) {
		strbuf_reset(&last);
		strbuf_add(&last, para.buf, para.len);
	}
	if (dec[0].len) {
		c->decision = xstrdup(dec[0].buf);
		c->amended = amended;
	}
	if (p->kind == DOC_MINUTES) {
		if (dec[1].len)
			c->recorded = xstrdup(dec[1].buf);
		else if (!labelled_recorded && last.len)
			c->recorded = closing_decision(last.buf, last.len);
		c->outcome = outcome_words(c->recorded ? c->recorded : all.buf,
					   c->recorded ? strlen(c->recorded) : all.len);
		if (!c->outcome && !c->recorded)
			c->outcome = outcome_words(all.buf, all.len);
		if (!c->outcome && c->recorded)
			c->outcome = OUTCOME_DECIDED;
		if (c->recorded)
			c->recorded_source = xstrdup(p->d->source);
		/* Minutes that repeat the proposal say whether the decision changed it. */
		if (c->recorded && c->decision && word_diff_changes_content(c->decision, c->recorded))
			c->amended = true;
	}
	/* Without a type in the agenda or heading, the decision's wording tells it. */
	if (!case_facets(c) && (c->decision || c->recorded)) {
		enum decision_type t = scan_infer_type(c->decision ? c->decision : c->recorded);
		if (t) {
			c->type = t;
			c->type_source = SOURCE_INFERRED;
		}
	}
	text_slides(p, &c->slides, &c->nslides, &c->slides_alloc, sec->head, sec->end, false);
	strbuf_release(&dec[0]);
	strbuf_release(&dec[1]);
	strbuf_release(&para);
	strbuf_release(&last);
	strbuf_release(&people);
	strbuf_release(&all);
}

/* ---- an agenda written as a list --------------------------------------- */

/*
 * An agenda set out as a list rather than a table: each item opens with its
 * time, "Kl. 09.30   Sak 01/25 Godkjenning av innkalling" or "10.30–10.45
 * Pause", and the lines under it, indented to the item's text, carry the
 * rest of its title and what it is and who presents it ("Beslutningssak.
 * Innleder: Kari Nordmann, Helsedirektoratet"). Where the item's line goes
 * on in cells ("09.00–09.15   01/25   Title   Name   Godkjenning"), it is a
 * table without its header, read by the columns its cells give.
 */
struct list_item {
	size_t lead;	 /* the time's column */
	size_t text_col; /* the column of the item's text, after the time */
	bool has_no;
	bool number_first; /* "Sak 07/2021   Title   09.00": the time, if any, at the line's end */
	bool brk;	   /* "Pause   10.40" under the titles: a break, wherever it starts */
	struct case_no no;
	const char *time, *text; /* the time as written (NULL for none); the text after the number */
	size_t ntime, ntext;
};

/* "9.30", "09:30": the bytes of a clock time at s, 0 for none. */
static size_t clock_len(const char *s, size_t n)
{
	size_t i = 0, at;
	char hm[6];

	while (i < n && i < 2 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (!i || i + 3 > n || (s[i] != '.' && s[i] != ':') ||
	    (i + 3 < n && s[i + 3] >= '0' && s[i + 3] <= '9'))
		return 0;
	return scan_time_at_end(s, i + 3, &at, hm) && !at ? i + 3 : 0;
}

/* A dash at s, "–", "—" or "-", with the spaces after it: its bytes, 0 for none. */
static size_t dash_len(const char *s, size_t n)
{
	size_t d = n >= 3 && (!memcmp(s, "–", 3) || !memcmp(s, "—", 3)) ? 3 : n && s[0] == '-' ? 1 : 0;

	while (d && d < n && s[d] == ' ')
		d++;
	return d;
}

/*
 * "Kl. 09.30 ", "09.30–09.40 ", "10.10- 11.00 ", "Kl. 09.30 – ": the bytes of
 * the time opening an item and what parts it from the text; *time_len those
 * of the time alone. 0 for none.
 */
static size_t list_item_time(const char *s, size_t n, size_t *time_len)
{
	size_t at = 0, t, sp, d;

	if (scan_prefix(s, n, "kl.", &at) || scan_prefix(s, n, "kl ", &at))
		while (at < n && s[at] == ' ')
			at++;
	if (!(t = clock_len(s + at, n - at)))
		return 0;
	at += t;
	for (sp = at; sp < n && s[sp] == ' '; sp++)
		;
	if ((d = dash_len(s + sp, n - sp)) && (t = clock_len(s + sp + d, n - sp - d)))
		at = sp + d + t;
	*time_len = at;
	if (at < n && s[at] != ' ')
		return 0;
	while (at < n && s[at] == ' ')
		at++;
	/* "Kl. 09.30 – Sak 44/25": a dash between the time and the text. */
	if ((d = dash_len(s + at, n - at)) > 1 && s[at + d - 1] == ' ')
		at += d;
	return at;
}

/* "   09.00", "   09.10 – 09.40" ending a line, two spaces or more before it: where it starts. */
static bool time_at_end(const char *s, size_t n, size_t *at)
{
	size_t b, tl;

	for (b = n; b >= 2 && !(s[b - 1] == ' ' && s[b - 2] == ' '); b--)
		;
	if (b < 2 || b >= n || !list_item_time(s + b, n - b, &tl) || tl != n - b)
		return false;
	*at = b;
	return true;
}

/*
 * An item at line i: its time first ("Kl. 09.30   Sak 01/25 Title"; a time
 * alone on its line is one with no text), or its number first with the
 * time, if any, at the line's end ("Sak 07/2021   Title   09.00"), or a
 * break with its time at the end ("Pause   10.40").
 */
static bool list_item_at(const struct papers *p, size_t i, struct list_item *it)
{
	const struct line *l = &p->dl->v[i];
	size_t n, t, a = 0, at;
	const char *s;

	if (l->blank || p->skip[i])
		return false;
	s = line_trim(l, &n);
	memset(it, 0, sizeof(*it));
	if ((t = list_item_time(s, n, &it->ntime))) {
		it->time = s;
		it->has_no = t < n && case_number_at(s + t, n - t, &it->no, &a);
		a = it->has_no ? title_start(s, n, t + a) : t;
	} else {
		size_t e = n;
		if (time_at_end(s, n, &at)) {
			it->time = s + at;
			it->ntime = n - at;
			for (e = at; e && s[e - 1] == ' '; e--)
				;
		}
		if (line_lead(l) <= 4 && case_number_at(s, e, &it->no, &a)) {
			it->has_no = it->number_first = true;
			a = title_start(s, e, a);
		} else if (it->time && break_word(s, e)) {
			it->brk = true;
		} else {
			return false;
		}
		t = a;
		n = e;
	}
	/* "Kl. 10.00 Sak 05/25 ble behandlet ...": a sentence, not an item. */
	if (a < n && !scan_starts_upper(s + a, n - a) && !is_digit_start(s + a, n - a))
		return false;
	it->text = s + a;
	it->ntext = n - a;
	it->lead = line_lead(l);
	it->text_col = chars(l->text, (size_t)(s + t - l->text));
	return true;
}

/* Whether `it`, read at line i, is an item of the list whose first is `head`. */
static bool list_item_of(const struct list_item *it, const struct list_item *head)
{
	if (it->brk)
		return it->lead + 2 >= head->lead;
	return it->lead <= head->lead + 2 && head->lead <= it->lead + 2 &&
	       it->number_first == head->number_first;
}

/* The sentence s[0, n) names a type: "Til drøfting", "Sakstype: Orientering" (a letter code is
 * an initial here: "Per O. D. Lien"). Returns where the type starts, with *len its bytes. */
static bool list_type_at(const char *s, size_t n, size_t *from, size_t *len)
{
	size_t e = 0, after = 0;

	if (scan_prefix(s, n, "sakstype:", &after) || scan_prefix(s, n, "type:", &after))
		while (after < n && s[after] == ' ')
			after++;
	while (after + e < n && s[after + e] != '.' && s[after + e] != ';')
		e++;
	/* "[Orientering/drøfting]", "(Drøfting)" on a line of their own. */
	if (e > 2 &&
	    ((s[after] == '[' && s[after + e - 1] == ']') || (s[after] == '(' && s[after + e - 1] == ')'))) {
		after++;
		e -= 2;
	}
	*from = after;
	*len = e;
	return e > 1 && decision_facets_parse(s + after, e, NULL) != 0;
}

/*
 * The names from s[a] to the line's end or to a sentence naming the type
 * after them ("Innledere: Siri Holm, Helsedirektoratet. Til drøfting."):
 * returns where that sentence starts, n for none. A label alone ("Presentert
 * av:") leaves the names to the next line.
 */
static size_t list_people(struct row *r, const char *s, size_t n, size_t a, bool *people_open)
{
	size_t e, m, from, len;

	while (a < n && s[a] == ' ')
		a++;
	for (e = a; e + 2 < n; e++)
		if (s[e] == '.' && s[e + 1] == ' ' && list_type_at(s + e + 2, n - e - 2, &from, &len))
			break;
	m = e + 2 < n ? e : n;
	if (m == n && m > a && s[m - 1] == '.')
		m--;
	cell_join(&r->people, s + a, m - a);
	*people_open = m == a || scan_ends_open(r->people.buf, r->people.len);
	return e + 2 < n ? e + 2 : n;
}

/* "Godkjenningssak v/ Hilde Ravndal, Org", "Godkjenning – Hilde Ravndal": a type, then names. */
static bool list_type_then_people(struct row *r, const char *s, size_t n, bool *people_open)
{
	static const char *const seps[] = {" v/ ", " v/", " – ", " - ", ", "};
	size_t k, i, from, len;

	for (k = 0; k < ARRAY_SIZE(seps); k++) {
		size_t sl = strlen(seps[k]);
		for (i = 1; i + sl < n; i++)
			if (!memcmp(s + i, seps[k], sl))
				break;
		if (i + sl >= n || !list_type_at(s, i, &from, &len) || from + len != i)
			continue;
		strbuf_add(&r->type, s, i);
		list_people(r, s, n, i + sl, people_open);
		return true;
	}
	return false;
}

/* "Innleder:", "Innledere:", "Presentert av:", "Ansvarlig:" opening s: *after is past it. */
static bool people_label(const char *s, size_t n, size_t *after)
{
	bool amended;

	return dlabel_of(s, n, after, &amended, NULL) == DL_PEOPLE || scan_prefix(s, n, "ansvarlig:", after);
}

/* Whether a line under an item says what it is or who presents it. */
static bool list_meta_line(const char *s, size_t n)
{
	size_t after, from, len;
	bool open, hit;
	struct row r;

	if (people_label(s, n, &after))
		return true;
	for (len = 0; len < n && s[len] != '.' && s[len] != ';'; len++)
		;
	if (list_type_at(s, len, &from, &after))
		return true;
	row_init(&r, 0, 1);
	hit = list_type_then_people(&r, s, n, &open);
	row_release(&r);
	return hit;
}

/* A line that opens with a person's name: before a comma, a bracket, " og " or its end. */
static bool list_names_at(const char *s, size_t n)
{
	size_t e;

	for (e = 0; e < n && s[e] != ',' && s[e] != '(' && (e + 4 > n || memcmp(s + e, " og ", 4)); e++)
		;
	while (e && s[e - 1] == ' ')
		e--;
	return papers_person_name(s, e);
}

/*
 * A line under an item: the rest of its title while the title is open (it
 * ends in "for", "–", ":" or the line goes on in lower case), then sentences
 * of what the item is ("Beslutningssak.", "Sakstype: Orientering") and a
 * label of who presents it ("Innleder:", "Innledere:", "Ansvarlig:"), whose
 * names run to the line's end, and on to the next while they end open ("...
 * og"). Other text (a line describing the item) closes the title and is left
 * out.
 */
static void list_item_line(struct row *r, const char *s, size_t n, bool *title_done, bool *people_open)
{
	size_t a = 0;

	if (*people_open)
		a = list_people(r, s, n, 0, people_open);
	else if (!*title_done && (scan_ends_open(r->title.buf, r->title.len) ||
				  (r->title.len && r->title.buf[r->title.len - 1] == ':') ||
				  scan_starts_lower(s, n) || is_digit_start(s, n))) {
		cell_join(&r->title, s, n);
		return;
	}
	*title_done = true;
	while (a < n) {
		size_t e = a, after, from, len;

		if (people_label(s + a, n - a, &after)) {
			a = list_people(r, s, n, a + after, people_open);
			continue;
		}
		while (e < n && !((s[e] == '.' || s[e] == ';') && (e + 1 == n || s[e + 1] == ' ')))
			e++;
		/* "Gro Anita Vestby, Direktoratet for e-helse" under the type: the names unlabelled. */
		if (!r->people.len && !list_type_at(s + a, e - a, &from, &len) &&
		    list_names_at(s + a, n - a)) {
			a = list_people(r, s, n, a, people_open);
			continue;
		}
		if (list_type_at(s + a, e - a, &from, &len)) {
			if (!r->type.len)
				strbuf_add(&r->type, s + a + from, len);
		} else if (!r->type.len && !r->people.len &&
			   list_type_then_people(r, s + a, n - a, people_open)) {
			return;
		}
		a = e < n ? e + 1 : n;
		while (a < n && s[a] == ' ')
			a++;
	}
}

/* "(Beslutningssak)" ending a title: the item's type. */
static void list_title_type(struct row *r)
{
	const char *open;
	size_t o;

	if (r->type.len || !r->title.len || r->title.buf[r->title.len - 1] != ')' ||
	    !(open = strrchr(r->title.buf, '(')))
		return;
	o = (size_t)(open - r->title.buf);
	if (!decision_facets_parse(open + 1, r->title.len - o - 2, NULL))
		return;
	strbuf_add(&r->type, open + 1, r->title.len - o - 2);
	strbuf_setlen(&r->title, o);
	strbuf_rtrim(&r->title);
}

/*
 * The columns of an item's line that goes on in cells after its title: the
 * time's, the number's, the title's, then a type's where the cell names one
 * and the presenters' for the others. 0 when the title is the line's last
 * cell: a list, not a table.
 */
static size_t list_columns(const struct line *l, const struct list_item *it, struct column *cols)
{
	struct cell c[MAX_CELLS];
	size_t nc = cells_of(l, c, MAX_CELLS), k, n = 0;
	bool more = false;

	for (k = 0; k < nc; k++) {
		if (c[k].s == it->time || c[k].s + c[k].n <= it->text) {
			cols[n].kind = c[k].s == it->time ? COL_TIME : COL_SAK;
			cols[n++].col = c[k].col;
			continue;
		}
		if (c[k].s <= it->text) {
			cols[n].kind = COL_TITLE;
			cols[n++].col = c[k].col + chars(c[k].s, (size_t)(it->text - c[k].s));
			continue;
		}
		cols[n].kind =
		    decision_facets_parse(c[k].s, c[k].n, NULL) && c[k].n > 1 ? COL_TYPE : COL_PEOPLE;
		cols[n++].col = c[k].col;
		more = true;
	}
	/* A time at the end alone: the lines under the title say the rest, as in a list. */
	return more ? n : 0;
}

/*
 * Whether the list goes on after the blank lines and day headings from line
 * i: its next item, or a line of what the item is under it (a blank line
 * between them).
 */
static bool list_goes_on(const struct papers *p, size_t i, const struct list_item *head)
{
	struct list_item it;

	for (; i < p->dl->n; i++) {
		const struct line *l = &p->dl->v[i];
		size_t n;
		const char *s;

		if (l->blank || p->skip[i] ||
		    (line_lead(l) <= head->lead + 2 && (day_marker(l) || weekday_marker(l))))
			continue;
		if (list_item_at(p, i, &it))
			return list_item_of(&it, head);
		s = line_trim(l, &n);
		return line_lead(l) + 2 >= head->text_col && list_meta_line(s, n);
	}
	return false;
}

/* Whether rows[0, n) have case number `no`. */
static bool list_has(const struct row *rows, size_t n, const struct case_no *no)
{
	size_t m;

	for (m = 0; m < n; m++)
		if (rows[m].has_no && !strcmp(rows[m].no.text, no->text))
			return true;
	return false;
}

/*
 * Reads the list of items from line `first` into rows, as read_table() reads
 * a table: until a line that is neither an item nor under one. Returns the
 * index of the first line after it; *sections when an item has a decision
 * under it (the items are the cases' sections, not an agenda).
 */
static size_t read_list(struct papers *p, size_t first, struct row **rows, size_t *nrows, size_t *alloc,
			int day, bool *sections)
{
	const struct deck_lines *dl = p->dl;
	struct list_item it, head;
	struct column cols[MAX_CELLS];
	struct row *cur = NULL;
	bool title_done = false, people_open = false;
	size_t i, ncols = 0, first_row;

	list_item_at(p, first, &head);
	first_row = *nrows;
	for (i = first; i < dl->n; i++) {
		const struct line *l = &dl->v[i];
		size_t n, after;
		bool amended;
		const char *s;

		if (p->skip[i])
			continue;
		if (list_item_at(p, i, &it) && list_item_of(&it, &head)) {
			if (!it.ntext)
				continue; /* a time alone */
			/* A number again after the agenda by numbers: the first case's section. */
			if (it.number_first && list_has(*rows + first_row, *nrows - first_row, &it.no))
				break;
			ALLOC_GROW(*rows, *nrows + 1, *alloc);
			cur = &(*rows)[(*nrows)++];
			row_init(cur, i, day);
			cur->has_no = it.has_no;
			cur->no = it.no;
			if (it.time)
				strbuf_add(&cur->time, it.time, it.ntime);
			ncols = list_columns(l, &it, cols);
			if (ncols) {
				struct cell c[MAX_CELLS];
				size_t nc = cells_of(l, c, MAX_CELLS), k;
				for (k = 0; k < nc && c[k].s + c[k].n <= it.text; k++)
					;
				if (k < nc) {
					strbuf_add(&cur->title, it.text, c[k].n - (size_t)(it.text - c[k].s));
					row_take(cur, cols, ncols, c + k + 1, nc - k - 1);
				}
			} else {
				strbuf_add(&cur->title, it.text, it.ntext);
			}
			title_done = people_open = false;
			head.text_col = it.text_col;
			continue;
		}
		if (l->blank || (line_lead(l) <= head.lead + 2 && (day_marker(l) || weekday_marker(l)))) {
			if (!list_goes_on(p, i, &head))
				break;
			if (day_marker(l) || weekday_marker(l)) {
				day = day_marker(l) ? day_marker(l) : cur ? day + 1 : day;
				p->days[i] = true;
			}
			continue;
		}
		if (line_lead(l) + 2 < head.text_col)
			break;
		s = line_trim(l, &n);
		if (!cur || dlabel_of(s, n, &after, &amended, NULL) == DL_PROPOSED ||
		    dlabel_of(s, n, &after, &amended, NULL) == DL_RECORDED) {
			*sections = true;
			break;
		}
		if (ncols) {
			struct cell c[MAX_CELLS];
			row_take(cur, cols, ncols, c, cells_of(l, c, MAX_CELLS));
		} else {
			list_item_line(cur, s, n, &title_done, &people_open);
		}
	}
	return i;
}

/*
 * Whether the numbered rows of a list are the cases of sections after it, at
 * line `after` or later: two at least, and half of its numbers.
 */
static bool list_of_sections(const struct row *rows, size_t nrows, const struct section *secs, size_t nsecs,
			     size_t after)
{
	size_t m, j, numbered = 0, found = 0;

	for (m = 0; m < nrows; m++) {
		if (!rows[m].has_no)
			continue;
		numbered++;
		for (j = 0; j < nsecs; j++)
			if (secs[j].head >= after && !strcmp(secs[j].row.no.text, rows[m].no.text)) {
				found++;
				break;
			}
	}
	return found >= 2 && found * 2 >= numbered;
}

/*
 * Finds an agenda written as a list where a notice has no agenda table: two
 * numbered items make one. A list of items with their times first lies
 * before the first case section, line `end` (a time in a case's text, or a
 * timetable after a table of the same cases, is not one); a list of items
 * with their numbers first, which read as case headings too, is an agenda
 * when its cases have sections after it. Returns its first line and *stop
 * the line after it, SIZE_MAX for none.
 */
static size_t find_list(struct papers *p, size_t end, const struct section *secs, size_t nsecs, size_t *stop)
{
	struct row *rows = NULL;
	size_t nrows = 0, alloc = 0, i, m, found = SIZE_MAX;
	int day = 1;

	for (i = 0; i < p->dl->n && found == SIZE_MAX; i++) {
		struct list_item it;
		size_t cases = 0;
		bool sections = false;

		if (day_marker(&p->dl->v[i]))
			day = day_marker(&p->dl->v[i]);
		/* Both before the case sections: a number-first list's first item is the first heading. */
		if (!list_item_at(p, i, &it) || !it.has_no || (it.number_first ? i > end : i >= end))
			continue;
		*stop = read_list(p, i, &rows, &nrows, &alloc, day, &sections);
		for (m = 0; m < nrows; m++)
			cases += rows[m].has_no;
		if (cases >= 2 && !sections &&
		    (!it.number_first || list_of_sections(rows, nrows, secs, nsecs, *stop))) {
			for (m = 0; m < nrows; m++) {
				list_title_type(&rows[m]);
				ALLOC_GROW(p->rows, p->nrows + 1, p->rows_alloc);
				p->rows[p->nrows++] = rows[m];
			}
			for (m = i; m < *stop; m++)
				p->agenda[m] = true;
			found = i;
		} else {
			for (m = 0; m < nrows; m++)
				row_release(&rows[m]);
			for (m = i; m < *stop; m++)
				p->days[m] = false;
			i = *stop > i ? *stop - 1 : i;
		}
		nrows = 0;
	}
	free(rows);
	return found;
}

/* ---- the document ------------------------------------------------------ */

/* The first clock time in a time cell: "09.00–09.10" and "09.00 – 09.10" start at 09:00. */
static bool cell_time(const struct strbuf *cell, char hm[6])
{
	size_t i, at;

	for (i = 0; i + 4 <= cell->len; i++) {
		size_t e = i;
		if (i && cell->buf[i - 1] >= '0' && cell->buf[i - 1] <= '9')
			continue;
		while (e < cell->len && e < i + 2 && cell->buf[e] >= '0' && cell->buf[e] <= '9')
			e++;
		if (e == i || e + 3 > cell->len || (cell->buf[e] != '.' && cell->buf[e] != ':'))
			continue;
		if (scan_time_at_end(cell->buf + i, e + 3 - i, &at, hm) && at == 0 &&
		    (e + 3 == cell->len || cell->buf[e + 3] < '0' || cell->buf[e + 3] > '9'))
			return true;
	}
	return false;
}

static void add_agenda_items(struct papers *p)
{
	size_t i;

	for (i = 0; i < p->nrows; i++) {
		struct row *r = &p->rows[i];
		struct agenda_item *a = deck_add_agenda_item(p->d);
		char hm[6];

		a->day = r->day;
		a->number = r->has_no ? xstrdup(r->no.text) : NULL;
		a->title = xstrdup(r->title.buf);
		a->presenters = r->people.len ? xstrdup(r->people.buf) : NULL;
		{
			struct deck_case tmp;
			memset(&tmp, 0, sizeof(tmp));
			if (r->type.len && case_set_type(&tmp, r->type.buf, r->type.len, SOURCE_AGENDA)) {
				a->type = tmp.type;
				a->type_written = tmp.type_written; /* "Vedtakssak", as written */
				tmp.type_written = NULL;
			}
			deck_case_release(&tmp);
		}
		if (r->time.len && cell_time(&r->time, hm))
			a->time = xstrdup(hm);
		a->line = r->line;
	}
}

/*
 * "Pasientens legemiddelliste (trukket)": in minutes, a mark of what became
 * of the case ending its title is its outcome, not its title's.
 */
static void title_outcome(struct deck_case *c)
{
	static const struct {
		const char *mark;
		enum outcome outcome;
	} marks[] = {{" (trukket)", OUTCOME_WITHDRAWN},
		     {" (utgår)", OUTCOME_WITHDRAWN},
		     {" (utsatt)", OUTCOME_POSTPONED}};
	size_t k, n = strlen(c->title), len;

	for (k = 0; k < ARRAY_SIZE(marks); k++) {
		len = strlen(marks[k].mark);
		if (n > len && !strcasecmp(c->title + n - len, marks[k].mark)) {
			c->title[n - len] = '\0';
			/* The mark says it, where no decision was recorded ("Saken ble ikke behandlet"). */
			if (!c->recorded)
				c->outcome = marks[k].outcome;
			return;
		}
	}
}

/* Fills case `c` from its section heading and agenda row. */
static void case_from_rows(struct deck_case *c, const struct row *h, const struct row *a)
{
	const struct row *src = h ? h : a;
	char hm[6];

	c->number = xstrdup(src->no.text);
	c->seq = src->no.seq;
	c->year = src->no.year;
	c->title = xstrdup(h && h->title.len ? h->title.buf : a ? a->title.buf : "");
	/* "Sak 39/24  Title Orientering": the type one space after the heading's title, which the
	 * agenda's row gives without it. */
	if (h && a && a->title.len && h->title.len > a->title.len + 1 &&
	    !strncmp(h->title.buf, a->title.buf, a->title.len) && h->title.buf[a->title.len] == ' ' &&
	    decision_facets_parse(h->title.buf + a->title.len + 1, h->title.len - a->title.len - 1, NULL))
		c->title[a->title.len] = '\0';
	c->agenda_title = a && a->title.len ? xstrdup(a->title.buf) : NULL;
	c->day = a && a->day ? a->day : src->day ? src->day : 1;
	if (a && a->time.len && cell_time(&a->time, hm))
		c->time = xstrdup(hm);
	if (!(a && a->type.len && case_set_type(c, a->type.buf, a->type.len, SOURCE_AGENDA)) && h &&
	    h->type.len)
		case_set_type(c, h->type.buf, h->type.len, SOURCE_AGENDA);
	if (a && a->people.len)
		papers_people(a->people.buf, a->people.len, add_presenter_cb, c);
}

/* Whether `word` stands in s[0, n) as a word of its own, in the case written. */
static bool word_in(const char *s, size_t n, const char *word)
{
	size_t l = strlen(word), i;

	for (i = 0; i + l <= n; i++)
		if (!memcmp(s + i, word, l) && (i == 0 || s[i - 1] == ' ') && (i + l == n || s[i + l] == ' '))
			return true;
	return false;
}

/* Whether s begins with the word w, as a title does ("Referat fra møte", not "Referatet ble"). */
static bool title_word(const char *s, size_t n, const char *w)
{
	size_t after;

	return scan_prefix(s, n, w, &after) && (after == n || s[after] == ' ' || s[after] == ':');
}

enum doc_kind papers_kind(const struct deck_lines *dl)
{
	size_t i, seen = 0, labels_seen = 0;
	struct column cols[MAX_CELLS];
	bool table = false, minutes_word = false, notice_word = false;

	for (i = 0; i < dl->n && seen < 80; i++) {
		struct cell c[MAX_CELLS];
		size_t n, nc;
		enum label_kind lk;
		const char *s;

		if (dl->v[i].blank)
			continue;
		seen++;
		s = line_trim(&dl->v[i], &n);
		nc = cells_of(&dl->v[i], c, MAX_CELLS);
		if ((lk = line_label(c, &nc)) != L_NONE && (nc > 1 || list_label(lk)))
			labels_seen++;
		if (table_header(&dl->v[i], cols))
			table = true;
		/* The title's word, once: the first said wins ("Innkalling til møte ..." over a case's
		 * "Referat fra NUIT-møtet ... godkjennes."); a sentence is no title. */
		if (minutes_word || notice_word || s[n - 1] == '.')
			continue;
		if ((n < 100 && (title_word(s, n, "referat") || title_word(s, n, "protokoll") ||
				 title_word(s, n, "møtereferat") || title_word(s, n, "møteprotokoll"))) ||
		    /* "Direktoratet for e-helse          Referat": the title in the sender's line. */
		    (nc > 1 && (word_eq(c[nc - 1].s, c[nc - 1].n, "referat") ||
				word_eq(c[nc - 1].s, c[nc - 1].n, "protokoll") ||
				word_eq(c[nc - 1].s, c[nc - 1].n, "møtereferat") ||
				word_eq(c[nc - 1].s, c[nc - 1].n, "møteprotokoll"))) ||
		    /* A title in capitals after the sender's name on its line, as a flattened first
		     * page joins them: "1 Direktoratet for e-helse Nasjonalt porteføljekontor REFERAT". */
		    (n < 100 && (word_in(s, n, "REFERAT") || word_in(s, n, "PROTOKOLL"))))
			minutes_word = true;
		else if ((n < 100 && (title_word(s, n, "møteinnkalling") || title_word(s, n, "innkalling") ||
				      title_word(s, n, "saksliste") || title_word(s, n, "sakskart") ||
				      title_word(s, n, "saksdokumenter"))) ||
			 (nc > 1 && (word_eq(c[nc - 1].s, c[nc - 1].n, "innkalling") ||
				     word_eq(c[nc - 1].s, c[nc - 1].n, "møteinnkalling"))))
			notice_word = true;
	}
	/* A title word ("Referat", "Møteinnkalling") with one label is enough; without one, two labels or a
	 * table. */
	if (!table && labels_seen < ((minutes_word || notice_word) ? 1 : 2))
		return DOC_DECK;
	if (minutes_word)
		return DOC_MINUTES;
	if (notice_word || labels_seen >= 2)
		return DOC_NOTICE;
	return DOC_DECK;
}

/*
 * "Vedtak i sak 15/24 og 16/24": the decision recorded (or proposed) in one
 * section is each named case's too, unless that case has its own.
 */
static void apply_joints(struct papers *p)
{
	struct deck *d = p->d;
	size_t i, k;

	for (i = 0; i < p->njoints; i++) {
		const struct deck_case *from = &d->cases[p->joints[i].from];
		const char *text = p->joints[i].proposed ? from->decision : from->recorded;

		if (!text)
			continue;
		for (k = 0; k < d->ncases; k++) {
			struct deck_case *to = &d->cases[k];

			if (strcmp(to->number, p->joints[i].number))
				continue;
			if (p->joints[i].proposed && !to->decision) {
				to->decision = xstrdup(text);
			} else if (!p->joints[i].proposed && !to->recorded) {
				to->recorded = xstrdup(text);
				to->outcome = from->outcome;
				if (from->recorded_source && !to->recorded_source)
					to->recorded_source = xstrdup(from->recorded_source);
				if (to->decision && word_diff_changes_content(to->decision, to->recorded))
					to->amended = true;
			}
		}
	}
}

/*
 * A notice's cases with a section of their own (the first `nsecs`), as a
 * deck's are: one without a proposal, or whose agenda type its proposal's
 * wording contradicts (not when the wording is one of two types written,
 * "Orientering/drøfting"), is said.
 */
static void warn_proposals(struct deck *d, size_t nsecs)
{
	size_t i;

	for (i = 0; i < nsecs && i < d->ncases; i++)
		scan_warn_proposal(d, &d->cases[i]);
}

enum vt_status papers_read(struct deck *d, const struct deck_lines *dl, enum doc_kind kind,
			   struct vt_diag *diag)
{
	struct papers p;
	struct section *secs = NULL;
	struct numbering rows_nb = {NULL, NULL, NULL, 0}, secs_nb = {NULL, NULL, NULL, 0};
	size_t nsecs = 0, secs_alloc = 0, i, k, first_case = SIZE_MAX;
	struct row *trows = NULL;
	size_t ntrows = 0, trows_alloc = 0;
	enum vt_status st = VT_OK;
	int day = 1;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.dl = dl;
	p.kind = kind;
	d->kind = kind;
	p.skip = xcalloc(dl->n + 1, sizeof(*p.skip));
	p.page = xcalloc(dl->n + 1, sizeof(*p.page));
	p.agenda = xcalloc(dl->n + 1, sizeof(*p.agenda));
	p.days = xcalloc(dl->n + 1, sizeof(*p.days));
	mark_furniture(&p);
	/* "Sak 58/24 (forts.)" atop a page: the case's text goes on, as under a page's header. */
	for (i = 0; i < dl->n; i++) {
		struct case_no no;
		size_t n, after;
		const char *t = line_trim(&dl->v[i], &n);

		if (!dl->v[i].blank && case_number_at(t, n, &no, &after) && after < n) {
			char *rest = xstrndup(t + after, n - after);
			p.skip[i] = p.skip[i] || scan_continued(rest, true);
			free(rest);
		}
	}

	/* Tables first: several rows make an agenda; one row heads a case section. */
	for (i = 0; i < dl->n; i++) {
		struct column cols[MAX_CELLS];
		size_t end, before, m, cases = 0;

		if (p.skip[i] || dl->v[i].blank)
			continue;
		if (day_marker(&dl->v[i])) {
			day = day_marker(&dl->v[i]);
			continue;
		}
		if (!table_header(&dl->v[i], cols))
			continue;
		before = ntrows;
		end = read_table(&p, i, &trows, &ntrows, &trows_alloc, day);
		for (m = before; m < ntrows; m++)
			cases += trows[m].has_no;
		if (ntrows - before >= 2 ||
		    (cases == 1 && !nsecs && end < dl->n && !dl->v[end].blank && day_marker(&dl->v[end]))) {
			for (m = before; m < ntrows; m++) {
				ALLOC_GROW(p.rows, p.nrows + 1, p.rows_alloc);
				p.rows[p.nrows++] = trows[m];
			}
			for (m = i; m < end; m++)
				p.agenda[m] = true;
			if (first_case == SIZE_MAX)
				first_case = i;
		} else if (cases == 1 && ntrows - before == 1) {
			struct section *s;
			ALLOC_GROW(secs, nsecs + 1, secs_alloc);
			s = &secs[nsecs++];
			memset(s, 0, sizeof(*s));
			s->row = trows[before];
			s->head = i; /* the header row belongs to its case */
			s->body = end;
			s->table = true;
			for (m = i; m < end; m++)
				p.agenda[m] = true; /* not a heading of its own */
			if (first_case == SIZE_MAX)
				first_case = i;
		} else {
			for (m = before; m < ntrows; m++)
				row_release(&trows[m]);
		}
		ntrows = before;
		i = end > i ? end - 1 : i;
	}
	/* Headings outside the tables. */
	day = 1;
	for (i = 0; i < dl->n; i++) {
		struct row r;

		if (day_marker(&dl->v[i]) && !p.agenda[i])
			day = day_marker(&dl->v[i]);
		if (section_heading(&p, i, &r, day)) {
			struct section *s;
			size_t title_col = r.title_col, j;

			for (j = i + 1; j < dl->n && title_continues(&p, &r, j, title_col); j++) {
				size_t tl;
				const char *t = text_cols(&dl->v[j], 0, &tl);
				struct cell tc[MAX_CELLS];
				size_t ntc = cells_of(&dl->v[j], tc, MAX_CELLS);
				/* A type column cell on a wrapped title line is the type. */
				if (ntc > 1 && decision_facets_parse(tc[ntc - 1].s, tc[ntc - 1].n, NULL)) {
					cell_join(&r.type, tc[ntc - 1].s, tc[ntc - 1].n);
					tl = (size_t)(tc[ntc - 2].s + tc[ntc - 2].n - t);
				}
				/* "Sak nr. 52/24" over "Tittel: Godkjenning av ...": the label is not the
				 * title's. */
				if (!r.title.len)
					title_label_skip(&t, &tl);
				cell_join(&r.title, t, tl);
			}
			ALLOC_GROW(secs, nsecs + 1, secs_alloc);
			s = &secs[nsecs++];
			memset(s, 0, sizeof(*s));
			s->row = r;
			s->head = i;
			s->body = j;
			if (first_case == SIZE_MAX || i < first_case)
				first_case = i;
			i = j - 1;
		}
	}
	/* No agenda table: an agenda written as a list, before the case sections. */
	if (!p.nrows) {
		size_t stop = 0,
		       list = find_list(&p, first_case == SIZE_MAX ? dl->n : first_case, secs, nsecs, &stop);

		if (list < first_case)
			first_case = list;
		/* The list's items were read as case headings too: they are the agenda's. */
		for (i = k = 0; list != SIZE_MAX && i < nsecs; i++)
			if (secs[i].head >= list && secs[i].head < stop)
				row_release(&secs[i].row);
			else
				secs[k++] = secs[i];
		if (list != SIZE_MAX)
			nsecs = k;
	}
	/* In document order, each section ending where the next begins. */
	for (i = 1; i < nsecs; i++)
		for (k = i; k > 0 && secs[k].head < secs[k - 1].head; k--) {
			struct section t = secs[k];
			secs[k] = secs[k - 1];
			secs[k - 1] = t;
		}
	for (i = 0; i < nsecs; i++) {
		size_t limit = i + 1 < nsecs ? secs[i + 1].head : dl->n, j;
		size_t head_lead = line_lead(&dl->v[secs[i].row.index]);
		bool indented = false;

		for (j = secs[i].body; j < limit; j++)
			if (!dl->v[j].blank && !p.skip[j]) {
				indented = line_lead(&dl->v[j]) > head_lead + 2;
				break;
			}
		for (j = secs[i].body; j < limit; j++) {
			if (p.agenda[j] && !(i + 1 < nsecs && j >= secs[i + 1].head))
				break;
			if (other_heading(&p, j, head_lead, indented))
				break;
		}
		secs[i].end = j;
	}
	nsecs = agenda_of_one_row(&p, secs, nsecs);

	read_header(&p, first_case == SIZE_MAX ? dl->n : first_case);
	/* "Torsdag 12. juni 2025" heading a day's rows: the meeting's later day, where the header
	 * gives its first alone. */
	for (i = 0; i < dl->n; i++)
		if (p.days[i]) {
			size_t n;
			const char *s = line_trim(&dl->v[i], &n);
			read_later_date(d, s, n);
		}
	if (!nsecs && !p.nrows) {
		st = vt_fail(diag, VT_ERR_FORMAT, 0,
			     kind == DOC_MINUTES ? _("minutes without a case: no agenda table and no case "
						     "heading such as \"Sak 11/21 Title\"")
						 : _("a notice without a case: no agenda table and no case "
						     "heading such as \"11/21 Title\""));
		goto out;
	}

	/* Cases: the sections in order, then agenda rows that have none. */
	numbering_init(&rows_nb, p.nrows);
	for (i = 0; i < p.nrows; i++)
		rows_nb.numbers[i] = p.rows[i].has_no ? p.rows[i].no.text : "";
	numbering_done(&rows_nb);
	numbering_init(&secs_nb, nsecs);
	for (i = 0; i < nsecs; i++)
		secs_nb.numbers[i] = secs[i].row.no.text;
	numbering_done(&secs_nb);
	for (i = 0; i < nsecs; i++) {
		struct deck_case *c = deck_add_case(d);
		int occ = secs_nb.occ[i];

		k = numbering_find(&rows_nb, secs[i].row.no.text, occ);
		if (kind == DOC_NOTICE && k == SIZE_MAX && p.nrows)
			deck_warn(d, secs[i].row.line, _("case %s has no row in the agenda"),
				  secs[i].row.no.text);
		case_from_rows(c, &secs[i].row, k == SIZE_MAX ? NULL : &p.rows[k]);
		c->occurrence = occ;
		c->position = (int)d->ncases;
		c->line_start = secs[i].row.line;
		c->line_end = (long)secs[i].end;
		read_section(&p, c, &secs[i]);
		if (kind == DOC_MINUTES)
			title_outcome(c);
	}
	for (i = 0; i < p.nrows; i++) {
		const struct row *r = &p.rows[i];
		struct deck_case *c;
		int occ = rows_nb.occ[i];

		/* The occ-th row of a number belongs to the occ-th section of it, if there is one. A
		 * later row of the case "(forts.)" is its second part, on another day or after a break. */
		if (!r->has_no || numbering_find(&secs_nb, r->no.text, occ) != SIZE_MAX ||
		    (occ > 1 && scan_continued(r->title.buf, false)))
			continue;
		if (kind == DOC_NOTICE && nsecs)
			deck_warn(d, r->line, _("agenda row %s has no case section"), r->no.text);
		c = deck_add_case(d);
		case_from_rows(c, NULL, r);
		c->occurrence = occ;
		c->position = (int)d->ncases;
		c->line_start = c->line_end = r->line;
	}
	/* What follows a case's section up to the next one ("Eventuelt", "Neste møte", a day's
	 * heading) is the meeting's, as a deck's slides outside its cases are. */
	for (i = 0; i < nsecs; i++)
		text_slides(&p, &d->other, &d->nother, &d->other_alloc, secs[i].end,
			    i + 1 < nsecs ? secs[i + 1].head : dl->n, true);
	add_agenda_items(&p);
	apply_joints(&p);
	if (kind == DOC_NOTICE)
		warn_proposals(d, nsecs);
	if (!d->ncases)
		st = vt_fail(diag, VT_ERR_FORMAT, 0, _("no case found: the agenda has no numbered case"));
out:
	numbering_release(&rows_nb);
	numbering_release(&secs_nb);
	for (i = 0; i < nsecs; i++)
		row_release(&secs[i].row);
	free(secs);
	for (i = 0; i < p.nrows; i++)
		row_release(&p.rows[i]);
	free(p.rows);
	free(p.joints);
	free(trows);
	free(p.skip);
	free(p.page);
	free(p.agenda);
	free(p.days);
	return st;
}
