/*
 * json.c: the JSON export of meetings. Field names and order follow the
 * export contract in the README; absent values are null, dates YYYY-MM-DD.
 */
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/banned.h"

void json_string(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *end;
	uint32_t cp;
	size_t k;

	if (!s) {
		strbuf_addstr(sb, "null");
		return;
	}
	end = s + strlen(s);
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			strbuf_addstr(sb, "\\\"");
			break;
		case '\\':
			strbuf_addstr(sb, "\\\\");
			break;
		case '\n':
			strbuf_addstr(sb, "\\n");
			break;
		case '\r':
			strbuf_addstr(sb, "\\r");
			break;
		case '\t':
			strbuf_addstr(sb, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7F) {
				strbuf_addstr(sb, "\\u00");
				strbuf_addch(sb, hex[c >> 4]);
				strbuf_addch(sb, hex[c & 15]);
			} else if (c >= 0x80 && (k = utf8_decode(s, (size_t)(end - s), &cp)) &&
				   term_unsafe(cp)) {
				/* C1 controls and bidirectional overrides: escaped, so that
				 * JSON printed to a terminal cannot drive it; the value is the same. */
				strbuf_addf(sb, "\\u%04x", (unsigned)cp);
				s += k - 1;
			} else {
				strbuf_addch(sb, (char)c);
			}
		}
	}
	strbuf_addch(sb, '"');
}

void json_presenters(struct strbuf *sb, const struct deck_case *c)
{
	size_t i;

	strbuf_addch(sb, '[');
	for (i = 0; i < c->npresenters; i++) {
		strbuf_addstr(sb, i ? ", {\"name\": " : "{\"name\": ");
		json_string(sb, c->presenters[i].name);
		strbuf_addstr(sb, ", \"organization\": ");
		json_string(sb, c->presenters[i].organization);
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
}

static void nl(struct strbuf *sb, int indent)
{
	strbuf_addch(sb, '\n');
	while (indent-- > 0)
		strbuf_addch(sb, ' ');
}

/* Writes `"key": ` at the start of a member, with the comma before it. */
static void key(struct strbuf *sb, int indent, int *first, const char *k)
{
	if (!*first)
		strbuf_addch(sb, ',');
	*first = 0;
	nl(sb, indent);
	json_string(sb, k);
	strbuf_addstr(sb, ": ");
}

static void kv_str(struct strbuf *sb, int indent, int *first, const char *k, const char *v)
{
	key(sb, indent, first, k);
	json_string(sb, v);
}

static void kv_int(struct strbuf *sb, int indent, int *first, const char *k, long v, int null_if_zero)
{
	key(sb, indent, first, k);
	if (null_if_zero && !v)
		strbuf_addstr(sb, "null");
	else
		strbuf_addf(sb, "%ld", v);
}

static void kv_bool(struct strbuf *sb, int indent, int *first, const char *k, int v)
{
	key(sb, indent, first, k);
	strbuf_addstr(sb, v ? "true" : "false");
}

static void close_obj(struct strbuf *sb, int indent, int first, char c)
{
	if (!first)
		nl(sb, indent);
	strbuf_addch(sb, c);
}

static void slides_json(struct strbuf *sb, const struct slide *v, size_t n, int indent)
{
	size_t i;

	strbuf_addch(sb, '[');
	for (i = 0; i < n; i++) {
		int f = 1;

		if (i)
			strbuf_addch(sb, ',');
		nl(sb, indent + 2);
		strbuf_addch(sb, '{');
		kv_str(sb, indent + 4, &f, "page", v[i].page);
		kv_int(sb, indent + 4, &f, "line", v[i].line, 0);
		kv_str(sb, indent + 4, &f, "text", v[i].text);
		close_obj(sb, indent + 2, f, '}');
	}
	close_obj(sb, indent, n == 0, ']');
}

static void case_json(struct strbuf *sb, const struct deck *d, const struct deck_case *c, int indent)
{
	char *k = deck_case_key(d, c);
	int f = 1;
	size_t i;

	strbuf_addch(sb, '{');
	kv_str(sb, indent + 2, &f, "key", k);
	free(k);
	kv_str(sb, indent + 2, &f, "number", c->number);
	kv_int(sb, indent + 2, &f, "occurrence", c->occurrence, 0);
	kv_str(sb, indent + 2, &f, "title", c->title);
	kv_str(sb, indent + 2, &f, "agenda_title", c->agenda_title);
	key(sb, indent + 2, &f, "presenters");
	strbuf_addch(sb, '[');
	for (i = 0; i < c->npresenters; i++) {
		int pf = 1;
		if (i)
			strbuf_addch(sb, ',');
		nl(sb, indent + 4);
		strbuf_addch(sb, '{');
		kv_str(sb, indent + 6, &pf, "name", c->presenters[i].name);
		kv_str(sb, indent + 6, &pf, "organization", c->presenters[i].organization);
		close_obj(sb, indent + 4, pf, '}');
	}
	close_obj(sb, indent + 2, c->npresenters == 0, ']');
	kv_str(sb, indent + 2, &f, "decision_type", case_type_text(c));
	kv_str(sb, indent + 2, &f, "decision_type_source", decision_source_name(c->type_source));
	key(sb, indent + 2, &f, "decision_facets");
	strbuf_addch(sb, '[');
	{
		enum decision_type t;
		int ff = 1;
		for (t = DECISION_GODKJENNING; t <= DECISION_DROFTING; t++)
			if (case_facets(c) & DECISION_FACET(t)) {
				strbuf_addstr(sb, ff ? "" : ", ");
				json_string(sb, decision_type_name(t));
				ff = 0;
			}
	}
	strbuf_addch(sb, ']');
	kv_int(sb, indent + 2, &f, "day", c->day, 1);
	kv_str(sb, indent + 2, &f, "time", c->time);
	kv_str(sb, indent + 2, &f, "proposed_decision", c->decision);
	if (case_amended(c) >= 0)
		kv_bool(sb, indent + 2, &f, "decision_amended", c->amended);
	else
		kv_str(sb, indent + 2, &f, "decision_amended", NULL);
	kv_str(sb, indent + 2, &f, "recorded_decision", c->recorded);
	kv_str(sb, indent + 2, &f, "recorded_decision_source", c->recorded_source);
	kv_str(sb, indent + 2, &f, "outcome", outcome_name(c->outcome));
	kv_int(sb, indent + 2, &f, "position", c->position, 0);
	kv_int(sb, indent + 2, &f, "line_start", c->line_start, 1);
	kv_int(sb, indent + 2, &f, "line_end", c->line_end, 1);
	key(sb, indent + 2, &f, "slides");
	slides_json(sb, c->slides, c->nslides, indent + 2);
	close_obj(sb, indent, f, '}');
}

void json_meeting(struct strbuf *sb, const struct deck *d, int indent)
{
	int f = 1;
	size_t i;

	strbuf_addch(sb, '{');
	kv_str(sb, indent + 2, &f, "source", d->source);
	kv_str(sb, indent + 2, &f, "sha256", d->sha256[0] ? d->sha256 : NULL);
	kv_str(sb, indent + 2, &f, "imported_at", d->imported_at);
	kv_str(sb, indent + 2, &f, "body", d->body);
	kv_str(sb, indent + 2, &f, "heading", d->heading);
	kv_str(sb, indent + 2, &f, "venue", d->venue);
	kv_str(sb, indent + 2, &f, "start_date", d->start_date);
	kv_str(sb, indent + 2, &f, "end_date", d->end_date);
	kv_str(sb, indent + 2, &f, "meeting_number", d->meeting_number);

	key(sb, indent + 2, &f, "documents");
	strbuf_addch(sb, '[');
	for (i = 0; i < d->ndocs; i++) {
		const struct document *doc = &d->docs[i];
		int df = 1;
		if (i)
			strbuf_addch(sb, ',');
		nl(sb, indent + 4);
		strbuf_addch(sb, '{');
		kv_str(sb, indent + 6, &df, "source", doc->source);
		kv_str(sb, indent + 6, &df, "kind", doc_kind_name(doc->kind));
		kv_str(sb, indent + 6, &df, "sha256", doc->sha256);
		kv_int(sb, indent + 6, &df, "pages", doc->pages, 1);
		close_obj(sb, indent + 4, df, '}');
	}
	close_obj(sb, indent + 2, d->ndocs == 0, ']');

	key(sb, indent + 2, &f, "attendance");
	strbuf_addch(sb, '[');
	for (i = 0; i < d->nattendance; i++) {
		const struct attendee *a = &d->attendance[i];
		int af = 1;
		if (i)
			strbuf_addch(sb, ',');
		nl(sb, indent + 4);
		strbuf_addch(sb, '{');
		kv_str(sb, indent + 6, &af, "name", a->name);
		kv_str(sb, indent + 6, &af, "organization", a->organization);
		kv_str(sb, indent + 6, &af, "role", attendee_role_name(a->role));
		kv_str(sb, indent + 6, &af, "for", a->for_name);
		kv_str(sb, indent + 6, &af, "note", a->note);
		kv_str(sb, indent + 6, &af, "source", a->source);
		close_obj(sb, indent + 4, af, '}');
	}
	close_obj(sb, indent + 2, d->nattendance == 0, ']');

	key(sb, indent + 2, &f, "member_changes");
	strbuf_addch(sb, '[');
	for (i = 0; i < d->nmembers; i++) {
		const struct member_change *m = &d->members[i];
		int mf = 1;
		if (i)
			strbuf_addch(sb, ',');
		nl(sb, indent + 4);
		strbuf_addch(sb, '{');
		kv_str(sb, indent + 6, &mf, "kind", m->kind);
		kv_str(sb, indent + 6, &mf, "person", m->person);
		kv_str(sb, indent + 6, &mf, "organization", m->organization);
		kv_str(sb, indent + 6, &mf, "replaces", m->replaces);
		kv_str(sb, indent + 6, &mf, "note", m->note);
		close_obj(sb, indent + 4, mf, '}');
	}
	close_obj(sb, indent + 2, d->nmembers == 0, ']');

	key(sb, indent + 2, &f, "agenda");
	strbuf_addch(sb, '[');
	for (i = 0; i < d->nagenda; i++) {
		const struct agenda_item *a = &d->agenda[i];
		int af = 1;
		if (i)
			strbuf_addch(sb, ',');
		nl(sb, indent + 4);
		strbuf_addch(sb, '{');
		kv_int(sb, indent + 6, &af, "day", a->day, 1);
		kv_str(sb, indent + 6, &af, "time", a->time);
		kv_str(sb, indent + 6, &af, "number", a->number);
		kv_str(sb, indent + 6, &af, "title", a->title);
		kv_str(sb, indent + 6, &af, "presenters", a->presenters);
		kv_str(sb, indent + 6, &af, "organization", a->organization);
		kv_str(sb, indent + 6, &af, "decision_type", decision_type_name(a->type));
		kv_str(sb, indent + 6, &af, "remark", a->remark);
		close_obj(sb, indent + 4, af, '}');
	}
	close_obj(sb, indent + 2, d->nagenda == 0, ']');

	key(sb, indent + 2, &f, "cases");
	strbuf_addch(sb, '[');
	for (i = 0; i < d->ncases; i++) {
		if (i)
			strbuf_addch(sb, ',');
		nl(sb, indent + 4);
		case_json(sb, d, &d->cases[i], indent + 4);
	}
	close_obj(sb, indent + 2, d->ncases == 0, ']');
	key(sb, indent + 2, &f, "other_slides");
	slides_json(sb, d->other, d->nother, indent + 2);
	close_obj(sb, indent, f, '}');
}
