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
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/meeting.h"
#include "core/overlap.h"
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

/* The organisations c gives presenters of `to` that have none (a notice names them, the minutes say where
 * from). */
static void fill_organizations(struct deck_case *to, const struct deck_case *c)
{
	size_t i, k;

	for (i = 0; i < to->npresenters; i++)
		for (k = 0; !to->presenters[i].organization && k < c->npresenters; k++)
			if (c->presenters[k].organization &&
			    !strcmp(c->presenters[k].name, to->presenters[i].name))
				to->presenters[i].organization = xstrdup(c->presenters[k].organization);
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

/* Of a case of the meeting being merged: the document its text begins with, and the first deck that gave
 * it slides (NULL: none yet). */
struct case_origin {
	const struct deck *text, *deck;
};

/* What the merge reads: the documents in priority order and the one being imported, and the origins of the
 * meeting's cases so far, one for each. */
struct merge_docs {
	const struct deck **order;
	size_t n;
	const struct deck *news;
	struct case_origin *origin;
	size_t origin_alloc;
};

/* The case just added to m, from document `from` (whose text it begins with if it has any). */
static void origin_add(struct merge_docs *md, const struct deck *m, const struct deck *from)
{
	const struct deck_case *c = &m->cases[m->ncases - 1];

	ALLOC_GROW(md->origin, m->ncases, md->origin_alloc);
	md->origin[m->ncases - 1].text = c->nslides ? from : NULL;
	md->origin[m->ncases - 1].deck = c->nslides && from->kind == DOC_DECK ? from : NULL;
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
 * The slides src (of document `source`) add to the list v (core/overlap.h):
 * each other slide, and of a slide the list mostly has the lines it lacks,
 * after what it holds, labelled with their file, whose lines they are
 * ("farmasi.txt, Side 3"). Returns how many were added.
 */
static size_t add_new_slides(struct slide **v, size_t *n, size_t *alloc, const struct slide *src, size_t nsrc,
			     const char *source)
{
	struct overlap *o = overlap_new();
	struct strbuf page = STRBUF_INIT, fresh = STRBUF_INIT;
	size_t i, added = 0;

	for (i = 0; i < *n; i++) {
		overlap_add(o, (*v)[i].page);
		overlap_add(o, (*v)[i].text);
	}
	for (i = 0; i < nsrc; i++) {
		strbuf_reset(&fresh);
		overlap_news(o, src[i].text, &fresh);
		if (!fresh.len)
			continue;
		strbuf_reset(&page);
		strbuf_addstr(&page, source);
		if (src[i].page)
			strbuf_addf(&page, ", %s", src[i].page);
		slide_list_add(v, n, alloc, page.buf, fresh.buf, src[i].line);
		overlap_add(o, fresh.buf);
		added++;
	}
	strbuf_release(&page);
	strbuf_release(&fresh);
	overlap_free(o);
	return added;
}

/*
 * The text of c (from document `from`) that case `to`, which has text of
 * another document, lacks (add_new_slides()). A notice's case
 * paper, a deck's slides and the minutes' record are each other's, and a
 * search reads them all. Two decks with other slides for one case are not
 * what a meeting's papers usually are: the import says so when the one
 * imported is one of them. *deck_from: the first deck that gave the case
 * slides.
 */
static void add_other_slides(struct deck *m, struct deck_case *to, const struct deck_case *c,
			     const struct deck *from, const struct deck **deck_from, const struct deck *news)
{
	size_t added =
	    add_new_slides(&to->slides, &to->nslides, &to->slides_alloc, c->slides, c->nslides, from->source);

	if (added && from->kind == DOC_DECK) {
		if (*deck_from && *deck_from != from && (from == news || *deck_from == news))
			deck_warn(m, line_in(news, c),
				  _("case %s: %s has other slides for it than %s; both are kept"), c->number,
				  from->source, (*deck_from)->source);
		if (!*deck_from)
			*deck_from = from;
	}
}

static void merge_case(struct deck *m, struct deck_case *to, const struct deck_case *c,
		       const struct deck *from, struct merge_docs *md)
{
	struct case_origin *origin = &md->origin[to - m->cases];
	const char *first_source = md->order[0]->source;
	bool warn = from == md->news;

	if (warn && c->title && to->title && !same_text(c->title, to->title) &&
	    !(to->agenda_title && same_text(c->title, to->agenda_title)))
		deck_warn(m, c->line_start, _("case %s: the title differs from %s's (\"%s\"); both are kept"),
			  c->number, first_source, to->title);
	if (c->title && to->title && !same_text(c->title, to->title) && !to->agenda_title)
		to->agenda_title = xstrdup(c->title);
	fill(&to->agenda_title, c->agenda_title);
	/* Said when two documents write other types: not for one read from the decision's wording, nor for
	 * one the other's holds ("Orientering" beside "Orientering/drøfting"). */
	if (warn && c->type_source != SOURCE_INFERRED && to->type_source != SOURCE_INFERRED &&
	    case_facets(c) && case_facets(to) && (case_facets(c) & case_facets(to)) != case_facets(c) &&
	    (case_facets(c) & case_facets(to)) != case_facets(to))
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
	else
		fill_organizations(to, c);
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
	if (!origin->text && c->nslides) {
		copy_slides(&to->slides, &to->nslides, &to->slides_alloc, c->slides, c->nslides);
		origin->text = from;
		if (from->kind == DOC_DECK)
			origin->deck = from;
	} else if (origin->text && origin->text != from && from->source) {
		add_other_slides(m, to, c, from, &origin->deck, md->news);
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
		b->type_written = dup_or_null(a->type_written);
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
		/* The text outside the cases, as a case's: the first document's, then what the others add. */
		if (!m->nother)
			copy_slides(&m->other, &m->nother, &m->other_alloc, d->other, d->nother);
		else
			add_new_slides(&m->other, &m->nother, &m->other_alloc, d->other, d->nother,
				       d->source);
		for (k = 0; k < d->ncases; k++) {
			struct deck_case *to = find_case(m, &d->cases[k]);
			if (to) {
				merge_case(m, to, &d->cases[k], d, &md);
			} else {
				if (d == news)
					warn_number(m, &d->cases[k], order[0]->source);
				add_case(m, &d->cases[k], d);
				origin_add(&md, m, d);
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
	free(md.origin);
	free(order);
	return m;
}
