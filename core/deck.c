/*
 * deck.c: construction and destruction of the deck model.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/deck.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

static const char *const type_names[] = {NULL, "Godkjenning", "Orientering", "Drøfting"};
static const char *const source_names[] = {NULL, "agenda", "announced_change", "inferred"};
static const char *const kind_names[] = {"deck", "notice", "minutes"};
static const char *const outcome_names[] = {NULL, "decided", "postponed", "withdrawn"};
static const char *const role_names[] = {"member", "observer", "absent", "substitute", "secretariat"};

const char *doc_kind_name(enum doc_kind k)
{
	return (unsigned)k < ARRAY_SIZE(kind_names) ? kind_names[k] : NULL;
}

const char *doc_kind_label(enum doc_kind k)
{
	switch (k) {
	case DOC_DECK:
		return _("deck");
	case DOC_NOTICE:
		return _("notice");
	case DOC_MINUTES:
		return _("minutes");
	}
	return NULL;
}

int doc_kind_parse(const char *s)
{
	size_t i;

	for (i = 0; s && i < ARRAY_SIZE(kind_names); i++)
		if (!strcmp(s, kind_names[i]))
			return (int)i;
	/* The Norwegian words, as a user types them in doc:referat. */
	if (s && (!strcmp(s, "lysark") || !strcmp(s, "lysbilder") || !strcmp(s, "presentasjon")))
		return DOC_DECK;
	if (s && (!strcmp(s, "innkalling") || !strcmp(s, "saksdokumenter")))
		return DOC_NOTICE;
	if (s && (!strcmp(s, "referat") || !strcmp(s, "protokoll")))
		return DOC_MINUTES;
	return -1;
}

const char *outcome_name(enum outcome o)
{
	return (unsigned)o < ARRAY_SIZE(outcome_names) ? outcome_names[o] : NULL;
}

enum outcome outcome_parse(const char *s)
{
	size_t i;

	for (i = 1; s && i < ARRAY_SIZE(outcome_names); i++)
		if (!strcmp(s, outcome_names[i]))
			return (enum outcome)i;
	if (s && (!strcmp(s, "vedtatt") || !strcmp(s, "avgjort")))
		return OUTCOME_DECIDED;
	if (s && !strcmp(s, "utsatt"))
		return OUTCOME_POSTPONED;
	if (s && !strcmp(s, "trukket"))
		return OUTCOME_WITHDRAWN;
	return OUTCOME_NONE;
}

const char *outcome_label(enum outcome o)
{
	switch (o) {
	case OUTCOME_NONE:
		break;
	case OUTCOME_DECIDED:
		return _("decided");
	case OUTCOME_POSTPONED:
		return _("postponed");
	case OUTCOME_WITHDRAWN:
		return _("withdrawn");
	}
	return NULL;
}

const char *attendee_role_name(enum attendee_role r)
{
	return (unsigned)r < ARRAY_SIZE(role_names) ? role_names[r] : NULL;
}

const char *attendee_role_label(enum attendee_role r)
{
	switch (r) {
	case ROLE_MEMBER:
		return _("Members");
	case ROLE_OBSERVER:
		return _("Observers");
	case ROLE_ABSENT:
		return _("Absent");
	case ROLE_SUBSTITUTE:
		return _("Stand-ins");
	case ROLE_SECRETARIAT:
		return _("Secretariat");
	}
	return NULL;
}

int attendee_role_parse(const char *s)
{
	size_t i;

	for (i = 0; s && i < ARRAY_SIZE(role_names); i++)
		if (!strcmp(s, role_names[i]))
			return (int)i;
	return -1;
}

/*
 * The words a type column uses, by the facet they mean. Letter codes
 * (B/O/D) are written out; the "-sak" forms of some bodies and the
 * decision word "Beslutning" map to the three facets.
 */
static const struct {
	const char *word; /* folded: lower case */
	const char *written;
	enum decision_type type;
} facet_words[] = {
    {"godkjenning", NULL, DECISION_GODKJENNING},
    {"beslutning", NULL, DECISION_GODKJENNING},
    {"beslutningssak", NULL, DECISION_GODKJENNING},
    {"vedtak", NULL, DECISION_GODKJENNING},
    {"vedtakssak", NULL, DECISION_GODKJENNING},
    {"godkjenningssak", NULL, DECISION_GODKJENNING},
    {"orientering", NULL, DECISION_ORIENTERING},
    {"orienteringssak", NULL, DECISION_ORIENTERING},
    {"drøfting", NULL, DECISION_DROFTING},
    {"drøftingssak", NULL, DECISION_DROFTING},
    {"drofting", NULL, DECISION_DROFTING},
    {"diskusjon", NULL, DECISION_DROFTING},
    {"diskusjonssak", NULL, DECISION_DROFTING},
    /* A recommendation the body gives, input it is asked for: to be decided, to be discussed. */
    {"anbefaling", NULL, DECISION_GODKJENNING},
    {"innspill", NULL, DECISION_DROFTING},
    {"b", "Beslutning", DECISION_GODKJENNING},
    {"g", "Godkjenning", DECISION_GODKJENNING},
    {"v", "Vedtak", DECISION_GODKJENNING},
    {"o", "Orientering", DECISION_ORIENTERING},
    {"d", "Drøfting", DECISION_DROFTING},
};

/* Lower-cases ASCII and the three Norwegian capitals into `out` (n bytes at most). */
static size_t fold_word(const char *s, size_t n, char *out, size_t cap)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c == 0xC3 && i + 1 < n &&
			 ((unsigned char)s[i + 1] == 0x98 || (unsigned char)s[i + 1] == 0x86 ||
			  (unsigned char)s[i + 1] == 0x85)) {
			out[o++] = (char)c;
			c = (unsigned char)(s[++i] + 0x20);
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return o;
}

unsigned decision_facets_parse(const char *s, size_t n, char **written)
{
	struct strbuf w = STRBUF_INIT;
	unsigned facets = 0;
	size_t i = 0, words = 0;

	if (written)
		*written = NULL;
	while (i < n) {
		char word[32];
		size_t j = i, k, wl;
		bool known = false;

		while (j < n && s[j] != '/' && s[j] != ' ' && s[j] != ',' && s[j] != '+')
			j++;
		if (j > i) {
			if (j - i >= sizeof(word))
				goto none;
			wl = fold_word(s + i, j - i, word, sizeof(word));
			/* "Orienterings- og drøftingssak": the first word's "-sak" left to the last. */
			if (wl > 1 && word[wl - 1] == '-' && wl + 3 < sizeof(word))
				memcpy(word + wl - 1, "sak", 4);
			for (k = 0; k < ARRAY_SIZE(facet_words) && !known; k++) {
				if (strcmp(word, facet_words[k].word))
					continue;
				known = true;
				facets |= DECISION_FACET(facet_words[k].type);
				if (facet_words[k].written) {
					/* "O/D" is written "Orientering/drøfting", as such types are. */
					size_t at = w.len;
					strbuf_addstr(&w, facet_words[k].written);
					if (words)
						w.buf[at] = (char)(w.buf[at] + ('a' - 'A'));
				} else {
					strbuf_add(&w, s + i, j - i);
				}
				words++;
			}
			/* "Til godkjenning", "Til orientering og drøfting": a form of the type. */
			if (!known && strcmp(word, "og") && strcmp(word, "and") &&
			    (words || strcmp(word, "til")))
				goto none;
			if (!known)
				strbuf_add(&w, s + i, j - i);
		}
		if (j < n && (w.len == 0 || w.buf[w.len - 1] != ' ' || s[j] != ' '))
			strbuf_addch(&w, s[j]);
		i = j + 1;
	}
	strbuf_rtrim(&w);
	if (facets && written)
		*written = strbuf_detach(&w, NULL);
	strbuf_release(&w);
	return facets;
none:
	strbuf_release(&w);
	return 0;
}

bool case_set_type(struct deck_case *c, const char *s, size_t n, enum decision_source src)
{
	char *written = NULL;
	unsigned facets = decision_facets_parse(s, n, &written);
	enum decision_type t;

	if (!facets)
		return false;
	/* The first word written is the main type ("Orientering/drøfting", "Til drøfting"). */
	t = decision_type_parse(written + (strncasecmp(written, "til ", 4) ? 0 : 4));
	if (t == DECISION_NONE || !(facets & DECISION_FACET(t)))
		for (t = DECISION_GODKJENNING; !(facets & DECISION_FACET(t)); t++)
			;
	c->type = t;
	c->facets = facets;
	c->type_source = src;
	free(c->type_written);
	/* A plain type name needs no spelling of its own. */
	c->type_written = NULL;
	if (strcmp(written, decision_type_name(t)))
		c->type_written = written;
	else
		free(written);
	return true;
}

const char *case_type_text(const struct deck_case *c)
{
	return c->type_written ? c->type_written : decision_type_name(c->type);
}

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
	case SOURCE_NONE:
		break;
	case SOURCE_AGENDA:
		return _("from the agenda");
	case SOURCE_ANNOUNCED_CHANGE:
		return _("changed, as the deck announces");
	case SOURCE_INFERRED:
		return _("inferred from the decision's wording");
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
	free(c->key);
	free(c->title);
	free(c->agenda_title);
	for (i = 0; i < c->npresenters; i++) {
		free(c->presenters[i].name);
		free(c->presenters[i].organization);
	}
	free(c->presenters);
	free(c->time);
	free(c->decision);
	free(c->type_written);
	free(c->recorded);
	free(c->recorded_source);
	free(c->source);
	slides_free(c->slides, c->nslides);
	case_signature_free(c->signature);
	case_lexicon_free(c->lexicon);
}

void case_lexicon_free(struct case_lexicon *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->nabbrevs; i++) {
		free(l->abbrevs[i].abbr_key);
		free(l->abbrevs[i].abbr);
		free(l->abbrevs[i].long_form);
		free(l->abbrevs[i].long_key);
	}
	free(l->abbrevs);
	free(l->marks);
	for (i = 0; l->columns && i < CASE_INDEX_COLUMNS; i++) {
		strbuf_release(&l->columns[i]);
		index_tokens_release(&l->tokens[i]);
	}
	free(l->columns);
	free(l->tokens);
	free(l->slide_keywords);
	free(l);
}

void case_signature_free(struct case_signature *s)
{
	if (!s)
		return;
	free(s->title);
	free(s->decision);
	free(s->orgs);
	free(s->slides);
	free(s->refs);
	free(s);
}

static void rename_field(char **field, const char *from, const char *to)
{
	if (*field && from && !strcmp(*field, from)) {
		free(*field);
		*field = xstrdup(to);
	}
}

void deck_rename(struct deck *d, const char *source)
{
	char *old = d->source;
	size_t i;

	if (old && !strcmp(old, source))
		return;
	for (i = 0; i < d->nattendance; i++)
		rename_field(&d->attendance[i].source, old, source);
	for (i = 0; i < d->ncases; i++) {
		rename_field(&d->cases[i].source, old, source);
		rename_field(&d->cases[i].recorded_source, old, source);
	}
	d->source = xstrdup(source);
	free(old);
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
	free(d->meeting_number);
	for (i = 0; i < d->nattendance; i++) {
		struct attendee *a = &d->attendance[i];
		free(a->name);
		free(a->organization);
		free(a->for_name);
		free(a->note);
		free(a->source);
	}
	free(d->attendance);
	for (i = 0; i < d->ndocs; i++) {
		free(d->docs[i].source);
		free(d->docs[i].source_path);
		free(d->docs[i].imported_at);
	}
	free(d->docs);
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
		free(a->type_written);
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

void deck_take_agenda(struct deck *to, struct deck *from)
{
	size_t i;

	for (i = 0; i < from->nagenda; i++)
		*deck_add_agenda_item(to) = from->agenda[i];
	from->nagenda = 0;
}

struct member_change *deck_add_member(struct deck *d)
{
	struct member_change *m;

	ALLOC_GROW(d->members, d->nmembers + 1, d->members_alloc);
	m = &d->members[d->nmembers++];
	memset(m, 0, sizeof(*m));
	return m;
}

struct attendee *deck_add_attendee(struct deck *d)
{
	struct attendee *a;

	ALLOC_GROW(d->attendance, d->nattendance + 1, d->attendance_alloc);
	a = &d->attendance[d->nattendance++];
	memset(a, 0, sizeof(*a));
	return a;
}

struct document *deck_add_document(struct deck *d)
{
	struct document *doc;

	ALLOC_GROW(d->docs, d->ndocs + 1, d->docs_alloc);
	doc = &d->docs[d->ndocs++];
	memset(doc, 0, sizeof(*doc));
	return doc;
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

struct slide *slide_list_add(struct slide **v, size_t *n, size_t *alloc, const char *page, const char *text,
			     long line)
{
	struct slide *s;

	ALLOC_GROW(*v, *n + 1, *alloc);
	s = &(*v)[(*n)++];
	s->page = xstrdup(page);
	s->len = strlen(text);
	s->text = xstrndup(text, s->len);
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
	if (c->key)
		return xstrdup(c->key);
	return xasprintf("%s|%s|%d", d->body ? d->body : "?", c->number, c->occurrence);
}

static bool same_text(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Whether new case `c` and old case `o` agree at `level`: 0 title and decision, 1 title, 2 decision, 3 any.
 */
static bool same_case(const struct deck_case *c, const struct prior_case *o, int level)
{
	switch (level) {
	case 0:
		return same_text(c->title, o->title) &&
		       (same_text(c->decision, o->decision) || (!c->decision && !o->decision));
	case 1:
		return same_text(c->title, o->title);
	case 2:
		return same_text(c->decision, o->decision);
	default:
		return true;
	}
}

static int cmp_by_number(const void *a, const void *b)
{
	const struct case_number_ref *x = a, *y = b;
	int c = strcmp(x->number, y->number);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

struct case_number_ref *case_numbers_sort(const char *const *numbers, size_t n)
{
	struct case_number_ref *v = xcalloc(n + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = (struct case_number_ref){numbers[i], i};
	qsort(v, n, sizeof(*v), cmp_by_number);
	return v;
}

size_t case_numbers_find(const struct case_number_ref *v, size_t n, const char *number)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(v[mid].number, number) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(v[lo].number, number) ? lo : n;
}

void case_occurrences(const char *const *numbers, size_t n, int *occ)
{
	struct case_number_ref *v = case_numbers_sort(numbers, n);
	size_t i;

	for (i = 0; i < n; i++)
		occ[v[i].idx] = i && !strcmp(v[i - 1].number, v[i].number) ? occ[v[i - 1].idx] + 1 : 1;
	free(v);
}

/* Keys for the new cases nv[0..nn) of one number, from the old cases ov[0..no) of that number. */
static void assign_group(const struct deck *d, const size_t *nv, size_t nn, struct prior_case *old,
			 const size_t *ov, size_t no, char **keys)
{
	size_t i, j;
	int level;

	/* Closest agreement first, so that a looser match never takes a key a closer one needs. */
	for (level = 0; level <= 3; level++)
		for (i = 0; i < nn; i++)
			for (j = 0; !keys[nv[i]] && j < no; j++)
				if (!old[ov[j]].kept && same_case(&d->cases[nv[i]], &old[ov[j]], level)) {
					old[ov[j]].kept = true;
					keys[nv[i]] = xstrdup(old[ov[j]].key);
				}
	/* The rest: the first occurrence no case of the number has, new or gone. */
	for (i = 0; i < nn; i++) {
		struct deck_case probe = d->cases[nv[i]];
		bool taken = true;

		probe.key = NULL;
		for (probe.occurrence = 1; !keys[nv[i]]; probe.occurrence++) {
			char *k = deck_case_key(d, &probe);
			size_t m;

			taken = false;
			for (m = 0; m < nn && !taken; m++)
				taken = keys[nv[m]] && !strcmp(keys[nv[m]], k);
			for (m = 0; m < no && !taken; m++)
				taken = !strcmp(old[ov[m]].key, k);
			if (taken)
				free(k);
			else
				keys[nv[i]] = k;
		}
	}
}

char **deck_keys_assign(const struct deck *d, struct prior_case *old, size_t nold)
{
	char **keys = xcalloc(d->ncases ? d->ncases : 1, sizeof(*keys));
	const char **nn = xcalloc(d->ncases + 1, sizeof(*nn)), **on = xcalloc(nold + 1, sizeof(*on));
	struct case_number_ref *ns, *os;
	size_t *nv = xcalloc(d->ncases + 1, sizeof(*nv)), *ov = xcalloc(nold + 1, sizeof(*ov));
	size_t i, j = 0, a, b;

	for (i = 0; i < d->ncases; i++)
		nn[i] = d->cases[i].number;
	for (i = 0; i < nold; i++) {
		on[i] = old[i].number;
		old[i].kept = false;
	}
	ns = case_numbers_sort(nn, d->ncases);
	os = case_numbers_sort(on, nold);
	for (i = 0; i < d->ncases; i++)
		nv[i] = ns[i].idx;
	for (i = 0; i < nold; i++)
		ov[i] = os[i].idx;
	for (i = 0; i < d->ncases; i = a) {
		const char *no = ns[i].number;

		for (a = i; a < d->ncases && !strcmp(ns[a].number, no); a++)
			;
		while (j < nold && strcmp(os[j].number, no) < 0)
			j++;
		for (b = j; b < nold && !strcmp(os[b].number, no); b++)
			;
		assign_group(d, nv + i, a - i, old, ov + j, b - j, keys);
		j = b;
	}
	free(nn);
	free(on);
	free(ns);
	free(os);
	free(nv);
	free(ov);
	return keys;
}
