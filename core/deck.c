/*
 * deck.c: construction and destruction of the deck model.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "i18n.h"
#include "strbuf.h"
#include "util.h"
#include "banned.h"

static const char *const type_names[] = { NULL, "Godkjenning", "Orientering", "Drøfting" };
static const char *const source_names[] = { NULL, "agenda", "announced_change", "inferred" };

const char *decision_type_name(enum decision_type t)
{
	return (unsigned)t < ARRAY_SIZE(type_names) ? type_names[t] : NULL;
}

enum decision_type decision_type_parse(const char *s)
{
	/* The three types differ in their first letter, also without æøå. */
	if (!s)
		return DECISION_NONE;
	if (!strncmp(s, "Godkjenning", 11) || !strncmp(s, "godkjenning", 11))
		return DECISION_GODKJENNING;
	if (!strncmp(s, "Orientering", 11) || !strncmp(s, "orientering", 11))
		return DECISION_ORIENTERING;
	if (!strncmp(s, "Drøfting", 9) || !strncmp(s, "drøfting", 9))
		return DECISION_DROFTING;
	return DECISION_NONE;
}

const char *decision_source_name(enum decision_source s)
{
	return (unsigned)s < ARRAY_SIZE(source_names) ? source_names[s] : NULL;
}

const char *decision_source_label(enum decision_source s)
{
	switch (s) {
	case SOURCE_NONE: break;
	case SOURCE_AGENDA: return _("from the agenda");
	case SOURCE_ANNOUNCED_CHANGE: return _("changed, as the deck announces");
	case SOURCE_INFERRED: return _("inferred from the decision's wording");
	}
	return NULL;
}

enum decision_source decision_source_parse(const char *s)

{
	size_t i;

	for (i = 1; s && i < ARRAY_SIZE(source_names); i++)
		if (!strcmp(s, source_names[i]))
			return (enum decision_source)i;
	return SOURCE_NONE;
}

struct deck *deck_new(void)
{
	return xcalloc(1, sizeof(struct deck));
}

static void slides_free(struct slide *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].page);
		free(v[i].text);
	}
	free(v);
}

void deck_case_release(struct deck_case *c)
{
	size_t i;

	free(c->number);
	free(c->title);
	free(c->agenda_title);
	for (i = 0; i < c->npresenters; i++) {
		free(c->presenters[i].name);
		free(c->presenters[i].organization);
	}
	free(c->presenters);
	free(c->time);
	free(c->decision);
	slides_free(c->slides, c->nslides);
}

void deck_free(struct deck *d)
{
	size_t i;

	if (!d)
		return;
	free(d->source);
	free(d->source_path);
	free(d->body);
	free(d->heading);
	free(d->venue);
	free(d->start_date);
	free(d->end_date);
	free(d->imported_at);
	for (i = 0; i < d->nmembers; i++) {
		struct member_change *m = &d->members[i];
		free(m->kind);
		free(m->person);
		free(m->organization);
		free(m->replaces);
		free(m->note);
	}
	free(d->members);
	for (i = 0; i < d->nagenda; i++) {
		struct agenda_item *a = &d->agenda[i];
		free(a->time);
		free(a->number);
		free(a->title);
		free(a->presenters);
		free(a->organization);
		free(a->remark);
	}
	free(d->agenda);
	for (i = 0; i < d->ncases; i++)
		deck_case_release(&d->cases[i]);
	free(d->cases);
	slides_free(d->other, d->nother);
	for (i = 0; i < d->nwarnings; i++)
		free(d->warnings[i].msg);
	free(d->warnings);
	free(d);
}

struct deck_case *deck_add_case(struct deck *d)
{
	struct deck_case *c;

	ALLOC_GROW(d->cases, d->ncases + 1, d->cases_alloc);
	c = &d->cases[d->ncases++];
	memset(c, 0, sizeof(*c));
	return c;
}

struct agenda_item *deck_add_agenda_item(struct deck *d)
{
	struct agenda_item *a;

	ALLOC_GROW(d->agenda, d->nagenda + 1, d->agenda_alloc);
	a = &d->agenda[d->nagenda++];
	memset(a, 0, sizeof(*a));
	return a;
}

struct member_change *deck_add_member(struct deck *d)
{
	struct member_change *m;

	ALLOC_GROW(d->members, d->nmembers + 1, d->members_alloc);
	m = &d->members[d->nmembers++];
	memset(m, 0, sizeof(*m));
	return m;
}

struct presenter *case_add_presenter(struct deck_case *c, const char *name, const char *org)
{
	struct presenter *p;

	ALLOC_GROW(c->presenters, c->npresenters + 1, c->presenters_alloc);
	p = &c->presenters[c->npresenters++];
	p->name = xstrdup(name);
	p->organization = xstrdup(org);
	return p;
}

struct slide *slide_list_add(struct slide **v, size_t *n, size_t *alloc, const char *page,
			     const char *text, long line)
{
	struct slide *s;

	ALLOC_GROW(*v, *n + 1, *alloc);
	s = &(*v)[(*n)++];
	s->page = xstrdup(page);
	s->text = xstrdup(text);
	s->line = line;
	return s;
}

void deck_warn(struct deck *d, long line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(d->warnings, d->nwarnings + 1, d->warnings_alloc);
	d->warnings[d->nwarnings].line = line;
	d->warnings[d->nwarnings].msg = strbuf_detach(&sb, NULL);
	d->nwarnings++;
}

char *deck_case_key(const struct deck *d, const struct deck_case *c)
{
	return xasprintf("%s|%s|%d", d->body ? d->body : "?", c->number, c->occurrence);
}
