/*
 * meeting.c: the merge of a meeting's documents. Documents are taken in
 * the order notice, deck, minutes (the latest imported first within a
 * kind), and the first that
 * has a value gives it, except for what only minutes know (the decision
 * made, the outcome) and the attendance, where the minutes' record of who
 * came wins over the notice's list of who was asked, and a case's text,
 * which is the first document's followed by what the others add to it
 * (add_other_slides()).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/i18n.h"
#include "core/meeting.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/worddiff.h"
#include "core/banned.h"

bool meeting_same(const struct deck *a, const struct deck *b)
{
	if (!a->body || !b->body || strcmp(a->body, b->body))
		return false;
	if (a->start_date && b->start_date)
		return !strcmp(a->start_date, b->start_date);
	/* The number decides only where a date is missing: "3/2021" in two years' papers would not. */
	return a->meeting_number && b->meeting_number && !strcmp(a->meeting_number, b->meeting_number);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void fill(char **dst, const char *src)
{
	if (!*dst && src)
		*dst = xstrdup(src);
}

static void copy_slides(struct slide **v, size_t *n, size_t *alloc, const struct slide *src, size_t nsrc)
{
	size_t i;

	for (i = 0; i < nsrc; i++)
		slide_list_add(v, n, alloc, src[i].page, src[i].text, src[i].line);
}

static void copy_presenters(struct deck_case *dst, const struct deck_case *src)
{
	size_t i;

	for (i = 0; i < src->npresenters; i++)
		case_add_presenter(dst, src->presenters[i].name, src->presenters[i].organization);
}

static struct deck_case *find_case(struct deck *m, const struct deck_case *c)
{
	size_t i;

	for (i = 0; i < m->ncases; i++)
		if (!strcmp(m->cases[i].number, c->number) && m->cases[i].occurrence == c->occurrence)
			return &m->cases[i];
	return NULL;
}

/* Case text compared as a reader would: case and spacing aside. */
static bool same_text(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a == ' ' && *b == ' ') {
			while (*a == ' ')
				a++;
			while (*b == ' ')
				b++;
			continue;
		}
		if ((*a | 0x20) != (*b | 0x20))
			return false;
		a++;
		b++;
	}
	return !*a && !*b;
}

/*
 * Two decks of a meeting may each have a case of one number. Most often
 * it is the same talk again (the deck as PDF beside its text export, a
 * copy sent twice), whose slides would show each slide twice and count
 * every hit twice; but it may be another talk given the number by
 * mistake, or a second part of the case, whose slides no search would
 * find if they were left out. So the slides of a second deck are compared
 * with those the case has, each by its pairs of adjacent words (folded to
 * lower case; a lone word counts as its pair): a slide of which at least
 * SLIDE_SEEN_PERCENT of the pairs are in the case's is one it has, and
 * the others follow the case's slides. Pairs, not words, so that the
 * words every talk shares do not make two talks one; a share, not all of
 * them, so that a PDF's extraction may differ from the text export in
 * what it splits or joins.
 */
#define SLIDE_SEEN_PERCENT 80

static bool word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Calls fn for each pair of adjacent words of s, or for its one word, as a hash. */
static void text_pairs(const char *s, void (*fn)(void *, uint64_t), void *arg)
{
	char buf[2 * 64 + 2];
	size_t prev = 0, len = 0, words = 0;

	while (*s) {
		size_t n = 0;

		while (*s && !word_byte((unsigned char)*s))
			s++;
		if (!*s)
			break;
		/* The pair's second word after the first's: buf[0, prev) holds the word before. */
		len = prev;
		if (len)
			buf[len++] = ' ';
		while (*s && word_byte((unsigned char)*s)) {
			if (n < 64)
				buf[len + n++] = (char)((unsigned char)*s < 0x80 ? (*s | 0x20) : *s);
			s++;
		}
		if (words++)
			fn(arg, hash_word(buf, len + n));
		memmove(buf, buf + len, n);
		prev = n;
	}
	if (words == 1)
		fn(arg, hash_word(buf, prev));
}

struct pairs {
	uint64_t *v;
	size_t n, alloc;
};

static void pairs_add(void *arg, uint64_t h)
{
	struct pairs *p = arg;

	ALLOC_GROW(p->v, p->n + 1, p->alloc);
	p->v[p->n++] = h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void pairs_of_slides(struct pairs *p, const struct slide *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		text_pairs(v[i].text, pairs_add, p);
	qsort(p->v, p->n, sizeof(*p->v), cmp_u64);
}

/* Whether the case's pairs `have` hold SLIDE_SEEN_PERCENT of slide s's. */
static bool slide_seen(const struct pairs *have, const struct slide *s)
{
	struct pairs mine = {NULL, 0, 0};
	size_t i, found = 0;

	text_pairs(s->text, pairs_add, &mine);
	for (i = 0; i < mine.n; i++)
		found += bsearch(&mine.v[i], have->v, have->n, sizeof(*have->v), cmp_u64) != NULL;
	free(mine.v);
	return found * 100 >= (size_t)SLIDE_SEEN_PERCENT * mine.n;
}

/*
 * What the merge reads: the documents in priority order and the one being
 * imported, and for each case of the meeting so far the document its text
 * begins with (NULL: none yet).
 */
struct merge_docs {
	const struct deck **order;
	size_t n;
	const struct deck *news;
	const struct deck **text_from;
	size_t text_alloc;
};

static void text_from_set(struct merge_docs *md, const struct deck *m, const struct deck_case *to,
			  const struct deck *from)
{
	size_t k = (size_t)(to - m->cases);

	ALLOC_GROW(md->text_from, m->ncases, md->text_alloc);
	md->text_from[k] = from;
}

/* The line of document d's heading of the case numbered as c; 0: none. */
static long line_in(const struct deck *d, const struct deck_case *c)
{
	size_t i;

	for (i = 0; i < d->ncases; i++)
		if (!strcmp(d->cases[i].number, c->number) && d->cases[i].occurrence == c->occurrence)
			return d->cases[i].line_start;
	return 0;
}

/*
 * The slides of c (from document `from`) that case `to`, which has slides
 * of another document, lacks: after its own, each labelled with its file,
 * whose lines they are ("farmasi.txt, Side 3"). A notice's case paper, the
 * deck's slides and the minutes' record are each other's, and all of them
 * are read by a search; two decks with other slides for one case are not
 * what a meeting's papers usually are, and the import says so when the one
 * imported is one of them.
 */
static void add_other_slides(struct deck *m, struct deck_case *to, const struct deck_case *c,
			     const struct deck *from, const struct deck *owner, const struct deck *news)
{
	struct pairs have = {NULL, 0, 0};
	struct strbuf page = STRBUF_INIT;
	size_t i, added = 0;

	pairs_of_slides(&have, to->slides, to->nslides);
	for (i = 0; i < c->nslides; i++) {
		if (slide_seen(&have, &c->slides[i]))
			continue;
		strbuf_reset(&page);
		strbuf_addstr(&page, from->source);
		if (c->slides[i].page)
			strbuf_addf(&page, ", %s", c->slides[i].page);
		slide_list_add(&to->slides, &to->nslides, &to->slides_alloc, page.buf, c->slides[i].text,
			       c->slides[i].line);
		added++;
	}
	if (added && from->kind == DOC_DECK && owner->kind == DOC_DECK && (from == news || owner == news))
		deck_warn(m, line_in(news, c),
			  _("case %s: %s has other slides for it than %s; both are kept"), c->number,
			  from->source, owner->source);
	strbuf_release(&page);
	free(have.v);
}

static void merge_case(struct deck *m, struct deck_case *to, const struct deck_case *c,
		       const struct deck *from, struct merge_docs *md)
{
	const struct deck *owner = md->text_from[to - m->cases];
	const char *first_source = md->order[0]->source;
	bool warn = from == md->news;

	if (warn && c->title && to->title && !same_text(c->title, to->title) &&
	    !(to->agenda_title && same_text(c->title, to->agenda_title)))
		deck_warn(m, c->line_start, _("case %s: the title differs from %s's (\"%s\"); both are kept"),
			  c->number, first_source, to->title);
	if (c->title && to->title && !same_text(c->title, to->title) && !to->agenda_title)
		to->agenda_title = xstrdup(c->title);
	fill(&to->agenda_title, c->agenda_title);
	if (warn && case_facets(c) && case_facets(to) && case_facets(c) != case_facets(to))
		deck_warn(m, c->line_start, _("case %s: the type is %s here, %s in %s; %s's is kept"),
			  c->number, case_type_text(c), case_type_text(to), first_source, first_source);
	if (!case_facets(to) && case_facets(c)) {
		to->type = c->type;
		to->facets = c->facets;
		to->type_source = c->type_source;
		fill(&to->type_written, c->type_written);
	}
	if (!to->npresenters)
		copy_presenters(to, c);
	if (!to->day)
		to->day = c->day;
	fill(&to->time, c->time);
	if (!to->decision && c->decision) {
		to->decision = xstrdup(c->decision);
		to->amended = c->amended;
	}
	/* Minutes come last in the order and the latest of them first: the
	 * first decision recorded is the one that stands. */
	if (c->recorded && !to->recorded) {
		to->recorded = xstrdup(c->recorded);
		to->recorded_source = dup_or_null(c->recorded_source ? c->recorded_source : from->source);
	}
	if (c->outcome && !to->outcome)
		to->outcome = c->outcome;
	if (!owner && c->nslides) {
		copy_slides(&to->slides, &to->nslides, &to->slides_alloc, c->slides, c->nslides);
		md->text_from[to - m->cases] = from;
	} else if (owner && owner != from && from->source && owner->source) {
		add_other_slides(m, to, c, from, owner, md->news);
	}
}

/* A case whose title another document gives under another number: both are kept, and said so. */
static void warn_number(struct deck *m, const struct deck_case *c, const char *first_source)
{
	size_t i;

	for (i = 0; c->title && i < m->ncases; i++)
		if (m->cases[i].title && same_text(m->cases[i].title, c->title)) {
			deck_warn(m, c->line_start,
				  _("case %s has the title of case %s in %s; both are kept"), c->number,
				  m->cases[i].number, first_source);
			return;
		}
}

static void add_case(struct deck *m, const struct deck_case *c, const struct deck *from)
{
	struct deck_case *to = deck_add_case(m);

	to->number = xstrdup(c->number);
	to->seq = c->seq;
	to->year = c->year;
	to->occurrence = c->occurrence;
	to->title = dup_or_null(c->title);
	to->agenda_title = dup_or_null(c->agenda_title);
	to->type = c->type;
	to->facets = c->facets;
	to->type_source = c->type_source;
	to->type_written = dup_or_null(c->type_written);
	to->day = c->day;
	to->time = dup_or_null(c->time);
	to->decision = dup_or_null(c->decision);
	to->amended = c->amended;
	to->recorded = dup_or_null(c->recorded);
	to->recorded_source =
	    c->recorded ? xstrdup(c->recorded_source ? c->recorded_source : from->source) : NULL;
	to->outcome = c->outcome;
	to->position = (int)m->ncases;
	to->line_start = c->line_start;
	to->line_end = c->line_end;
	to->source = xstrdup(c->source ? c->source : from->source);
	copy_presenters(to, c);
	copy_slides(&to->slides, &to->nslides, &to->slides_alloc, c->slides, c->nslides);
}

static void copy_attendance(struct deck *m, const struct deck *d)
{
	size_t i;

	for (i = 0; i < d->nattendance; i++) {
		const struct attendee *a = &d->attendance[i];
		struct attendee *b = deck_add_attendee(m);

		b->name = xstrdup(a->name);
		b->organization = dup_or_null(a->organization);
		b->role = a->role;
		b->for_name = dup_or_null(a->for_name);
		b->note = dup_or_null(a->note);
		b->source = xstrdup(a->source ? a->source : d->source);
		b->line = a->line;
	}
}

/* Whether the merged agenda has a row for case `number`. */
static bool agenda_has(const struct deck *m, const char *number)
{
	size_t i;

	for (i = 0; i < m->nagenda; i++)
		if (m->agenda[i].number && !strcmp(m->agenda[i].number, number))
			return true;
	return false;
}

/* Minutes past midnight of an agenda time ("9:30", "10.05"); -1: none. */
static int time_minutes(const char *t)
{
	int h = 0, m = 0, n = 0;

	if (!t || !(*t >= '0' && *t <= '9'))
		return -1;
	while (*t >= '0' && *t <= '9' && n++ < 2)
		h = h * 10 + (*t++ - '0');
	if (*t == ':' || *t == '.')
		t++;
	for (n = 0; *t >= '0' && *t <= '9' && n < 2; n++)
		m = m * 10 + (*t++ - '0');
	return h * 60 + m;
}

/* Where a row of day `day` at `minutes` goes among the merged rows: before the first later one. */
static size_t agenda_place(const struct deck *m, int day, int minutes)
{
	size_t i;

	for (i = 0; minutes >= 0 && i < m->nagenda; i++) {
		int t = time_minutes(m->agenda[i].time);
		if (m->agenda[i].day > day || (m->agenda[i].day == day && t > minutes))
			return i;
	}
	return m->nagenda;
}

/*
 * The agenda of the first document that has one, in priority order, and
 * the rows of the others' cases it lacks (two decks of one meeting, each
 * with cases of its own), each placed by its day and time, or else at the
 * end. The others' rows without a case (a break, lunch) would repeat the
 * first agenda's.
 */
static void copy_agenda(struct deck *m, const struct deck *d)
{
	bool first = !m->nagenda;
	size_t i, at;

	for (i = 0; i < d->nagenda; i++) {
		const struct agenda_item *a = &d->agenda[i];
		struct agenda_item *b, row;

		if (!first && (!a->number || agenda_has(m, a->number)))
			continue;
		at = first ? m->nagenda : agenda_place(m, a->day, time_minutes(a->time));
		b = deck_add_agenda_item(m);
		b->day = a->day;
		b->time = dup_or_null(a->time);
		b->number = dup_or_null(a->number);
		b->title = dup_or_null(a->title);
		b->presenters = dup_or_null(a->presenters);
		b->organization = dup_or_null(a->organization);
		b->type = a->type;
		b->remark = dup_or_null(a->remark);
		b->line = a->line;
		row = *b;
		memmove(&m->agenda[at + 1], &m->agenda[at], (m->nagenda - 1 - at) * sizeof(row));
		m->agenda[at] = row;
	}
}

/* Both absent, or the same text as same_text() reads it. */
static bool same_or_null(const char *a, const char *b)
{
	return a && b ? same_text(a, b) : a == b;
}

/*
 * The member changes of every document, each once: a notice and its deck
 * often list the same. A document's own rows are all kept (one person a
 * substitute on each day, with a note each).
 */
static void copy_members(struct deck *m, const struct deck *d)
{
	size_t i, k, before = m->nmembers;

	for (i = 0; i < d->nmembers; i++) {
		const struct member_change *a = &d->members[i];
		struct member_change *b = NULL;

		for (k = 0; k < before && !b; k++)
			if (same_or_null(m->members[k].kind, a->kind) &&
			    same_or_null(m->members[k].person, a->person) &&
			    same_or_null(m->members[k].organization, a->organization) &&
			    same_or_null(m->members[k].replaces, a->replaces))
				b = &m->members[k];
		if (b) {
			fill(&b->note, a->note);
			continue;
		}
		b = deck_add_member(m);

		b->kind = dup_or_null(a->kind);
		b->person = dup_or_null(a->person);
		b->organization = dup_or_null(a->organization);
		b->replaces = dup_or_null(a->replaces);
		b->note = dup_or_null(a->note);
		b->line = a->line;
	}
}

static int kind_rank(enum doc_kind k)
{
	return k == DOC_NOTICE ? 0 : k == DOC_DECK ? 1 : 2;
}

struct deck *meeting_merge(struct deck *const *docs, size_t n, const struct deck *news)
{
	struct deck *m = deck_new();
	const struct deck **order = xcalloc(n ? n : 1, sizeof(*order));
	const struct deck *with_attendance = NULL;
	struct merge_docs md = {order, n, news, NULL, 0};
	size_t i, k;

	/* Priority order by kind; within a kind the later import first, as a
	 * revised notice supersedes the one it revises. */
	for (i = 0; i < n; i++) {
		for (k = i; k > 0 && kind_rank(order[k - 1]->kind) >= kind_rank(docs[i]->kind); k--)
			order[k] = order[k - 1];
		order[k] = docs[i];
	}
	if (n) {
		m->source = xstrdup(docs[0]->source);
		m->source_path = dup_or_null(docs[0]->source_path);
		memcpy(m->sha256, docs[0]->sha256, sizeof(m->sha256));
		m->size = docs[0]->size;
		m->line_count = docs[0]->line_count;
		m->pages = docs[0]->pages;
		m->kind = docs[0]->kind;
	}
	for (i = 0; i < n; i++) {
		const struct deck *d = order[i];

		fill(&m->body, d->body);
		fill(&m->heading, d->heading);
		fill(&m->venue, d->venue);
		if (!m->start_date && d->start_date) {
			m->start_date = xstrdup(d->start_date);
			m->end_date = dup_or_null(d->end_date);
		}
		fill(&m->meeting_number, d->meeting_number);
		copy_agenda(m, d);
		copy_members(m, d);
		/* The latest minutes' record of who came, else the latest notice's list. */
		if (d->nattendance &&
		    (!with_attendance || (d->kind == DOC_MINUTES && with_attendance->kind != DOC_MINUTES)))
			with_attendance = d;
		copy_slides(&m->other, &m->nother, &m->other_alloc, d->other, d->nother);
		for (k = 0; k < d->ncases; k++) {
			struct deck_case *to = find_case(m, &d->cases[k]);
			if (to) {
				merge_case(m, to, &d->cases[k], d, &md);
			} else {
				if (d == news)
					warn_number(m, &d->cases[k], order[0]->source);
				add_case(m, &d->cases[k], d);
				text_from_set(&md, m, &m->cases[m->ncases - 1],
					      d->cases[k].nslides ? d : NULL);
			}
		}
	}
	if (with_attendance)
		copy_attendance(m, with_attendance);
	/* A decision the minutes record that changes the proposal amends it. */
	for (i = 0; i < m->ncases; i++) {
		struct deck_case *c = &m->cases[i];
		if (c->decision && c->recorded && word_diff_changes_content(c->decision, c->recorded))
			c->amended = true;
	}
	for (i = 0; i < n; i++) {
		struct document *doc = deck_add_document(m);

		doc->source = xstrdup(docs[i]->source);
		doc->source_path = dup_or_null(docs[i]->source_path);
		doc->kind = docs[i]->kind;
		memcpy(doc->sha256, docs[i]->sha256, sizeof(doc->sha256));
		doc->size = docs[i]->size;
		doc->pages = docs[i]->pages;
		doc->line_count = docs[i]->line_count;
		doc->imported_at = dup_or_null(docs[i]->imported_at);
	}
	free(md.text_from);
	free(order);
	return m;
}
