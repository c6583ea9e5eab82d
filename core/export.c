/*
 * export.c: CSV, JSON Lines and iCalendar writers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/export.h"
#include "core/json.h"
#include "core/sha256.h"
#include "core/banned.h"

static const char *const csv_columns[] = {
    "key",
    "number",
    "meeting_date",
    "meeting_end",
    "body",
    "venue",
    "decision_type",
    "decision_type_source",
    "title",
    "agenda_title",
    "presenters",
    "organizations",
    "proposed_decision",
    "decision_amended",
    "recorded_decision",
    "outcome",
    "tags",
    "source",
    "line",
};

/*
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab or carriage
 * return first) gets a ' before it, as OWASP advises against CSV injection:
 * shown, the ' is hidden and the text is the text. json and jsonl keep it as
 * it is.
 */
bool export_formula_like(const char *v)
{
	if (!v || !*v)
		return false;
	if (strchr("=+-@\t\r", *v))
		return true;
	/* " =HYPERLINK(...)": some spreadsheets trim the spaces first. */
	v += strspn(v, " ");
	return *v && strchr("=+-@", *v);
}

static void csv_field(struct strbuf *sb, const char *v, int first)
{
	if (!first)
		strbuf_addch(sb, ',');
	strbuf_addch(sb, '"');
	if (export_formula_like(v))
		strbuf_addch(sb, '\'');
	for (; v && *v; v++) {
		if (*v == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *v);
	}
	strbuf_addch(sb, '"');
}

void export_csv_begin(struct strbuf *sb)
{
	size_t i;

	strbuf_addstr(sb, "\xEF\xBB\xBF");
	for (i = 0; i < sizeof(csv_columns) / sizeof(csv_columns[0]); i++)
		csv_field(sb, csv_columns[i], i == 0);
	strbuf_addstr(sb, "\r\n");
}

/* Presenters' names and their organisations, each joined by "; ". */
static void people(const struct deck_case *c, struct strbuf *names, struct strbuf *orgs)
{
	size_t i;

	for (i = 0; i < c->npresenters; i++) {
		if (i)
			strbuf_addstr(names, "; ");
		strbuf_addstr(names, c->presenters[i].name);
		if (c->presenters[i].organization && !strstr(orgs->buf, c->presenters[i].organization)) {
			if (orgs->len)
				strbuf_addstr(orgs, "; ");
			strbuf_addstr(orgs, c->presenters[i].organization);
		}
	}
}

void export_csv_case(struct strbuf *sb, const struct deck *d, const struct deck_case *c, const char *tags)
{
	struct strbuf names = STRBUF_INIT, orgs = STRBUF_INIT;
	char *key = deck_case_key(d, c), line[24];

	people(c, &names, &orgs);
	snprintf(line, sizeof(line), "%ld", c->line_start);
	csv_field(sb, key, 1);
	csv_field(sb, c->number, 0);
	csv_field(sb, d->start_date, 0);
	csv_field(sb, d->end_date, 0);
	csv_field(sb, d->body, 0);
	csv_field(sb, d->venue, 0);
	csv_field(sb, case_type_text(c), 0);
	csv_field(sb, decision_source_name(c->type_source), 0);
	csv_field(sb, c->title, 0);
	csv_field(sb, c->agenda_title, 0);
	csv_field(sb, names.buf, 0);
	csv_field(sb, orgs.buf, 0);
	csv_field(sb, c->decision, 0);
	csv_field(sb, c->amended ? "yes" : "no", 0);
	csv_field(sb, c->recorded, 0);
	csv_field(sb, outcome_name(c->outcome), 0);
	csv_field(sb, tags, 0);
	csv_field(sb, d->source, 0);
	csv_field(sb, c->line_start ? line : NULL, 0);
	strbuf_addstr(sb, "\r\n");
	strbuf_release(&names);
	strbuf_release(&orgs);
	free(key);
}

static void kv(struct strbuf *sb, const char *k, const char *v, int first)
{
	strbuf_addstr(sb, first ? "{" : ", ");
	json_string(sb, k);
	strbuf_addstr(sb, ": ");
	json_string(sb, v);
}

void export_jsonl_case(struct strbuf *sb, const struct deck *d, const struct deck_case *c, const char *tags)
{
	char *key = deck_case_key(d, c);
	size_t i;
	const char *t = tags;

	kv(sb, "key", key, 1);
	kv(sb, "number", c->number, 0);
	kv(sb, "date", d->start_date, 0);
	kv(sb, "end_date", d->end_date, 0);
	kv(sb, "body", d->body, 0);
	kv(sb, "venue", d->venue, 0);
	kv(sb, "source", d->source, 0);
	kv(sb, "title", c->title, 0);
	kv(sb, "agenda_title", c->agenda_title, 0);
	kv(sb, "decision_type", case_type_text(c), 0);
	kv(sb, "decision_type_source", decision_source_name(c->type_source), 0);
	kv(sb, "time", c->time, 0);
	kv(sb, "proposed_decision", c->decision, 0);
	kv(sb, "recorded_decision", c->recorded, 0);
	kv(sb, "outcome", outcome_name(c->outcome), 0);
	strbuf_addf(sb, ", \"day\": %s", c->day ? "" : "null");
	if (c->day)
		strbuf_addf(sb, "%d", c->day);
	strbuf_addf(sb, ", \"decision_amended\": %s, \"presenters\": ",
		    case_amended(c) < 0 ? "null"
		    : c->amended	? "true"
					: "false");
	json_presenters(sb, c);
	strbuf_addstr(sb, ", \"tags\": [");
	for (i = 0; t && *t; i++) {
		const char *e = strstr(t, ", ");
		size_t n = e ? (size_t)(e - t) : strlen(t);
		char one[200];

		snprintf(one, sizeof(one), "%.*s", (int)n, t);
		strbuf_addstr(sb, i ? ", " : "");
		json_string(sb, one);
		t = e ? e + 2 : NULL;
	}
	strbuf_addstr(sb, "]}\n");
	free(key);
}

/* Appends a content line, escaped and folded at 75 octets, never inside a character. */
static void ics_line(struct strbuf *sb, const char *name, const char *value)
{
	struct strbuf line = STRBUF_INIT;
	size_t i, col = 0;

	strbuf_addstr(&line, name);
	for (; value && *value; value++) {
		if (*value == '\\' || *value == ';' || *value == ',')
			strbuf_addch(&line, '\\');
		if (*value == '\n')
			strbuf_addstr(&line, "\\n");
		else if (*value != '\r')
			strbuf_addch(&line, *value);
	}
	for (i = 0; i < line.len; i++) {
		unsigned char ch = (unsigned char)line.buf[i];
		size_t k = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;

		if (col + k > 75) {
			strbuf_addstr(sb, "\r\n ");
			col = 1;
		}
		strbuf_add(sb, line.buf + i, k);
		col += k;
		i += k - 1;
	}
	strbuf_addstr(sb, "\r\n");
	strbuf_release(&line);
}

void export_ics_begin(struct strbuf *sb)
{
	strbuf_addstr(
	    sb, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//vedtak//vedtak//NB\r\nCALSCALE:GREGORIAN\r\n");
}

void export_ics_end(struct strbuf *sb)
{
	strbuf_addstr(sb, "END:VCALENDAR\r\n");
}

/* "2024-04-24" as "20240424", plus `days`. */
static void ics_date(char out[9], const char *iso, int days)
{
	int y = 0, m = 0, d = 0;
	char b[11];

	sscanf(iso, "%d-%d-%d", &y, &m, &d);
	date_add_days(&y, &m, &d, days);
	date_format(y, m, d, b);
	snprintf(out, 9, "%.4s%.2s%.2s", b, b + 5, b + 8);
}

void export_ics_meeting(struct strbuf *sb, const struct deck *d)
{
	struct strbuf desc = STRBUF_INIT, summary = STRBUF_INIT, stamp = STRBUF_INIT, key = STRBUF_INIT;
	char start[9], end[9], uid[65];
	size_t i, k;

	if (!d->start_date || strlen(d->start_date) != 10)
		return; /* a meeting without a day (none, or only its month) has no place in a calendar */
	ics_date(start, d->start_date, 0);
	ics_date(end, d->end_date ? d->end_date : d->start_date, 1); /* DTEND is exclusive */
	for (i = 0; i < d->ncases; i++)
		strbuf_addf(&desc, "%sSak %s: %s%s%s%s", i ? "\n" : "", d->cases[i].number,
			    d->cases[i].title ? d->cases[i].title : "", d->cases[i].type ? " (" : "",
			    d->cases[i].type ? case_type_text(&d->cases[i]) : "",
			    d->cases[i].type ? ")" : "");
	strbuf_addf(&summary, "%s-møte", d->body ? d->body : "Ukjent organ");
	for (k = 0; d->imported_at && d->imported_at[k]; k++)
		if (d->imported_at[k] != '-' && d->imported_at[k] != ':')
			strbuf_addch(&stamp, d->imported_at[k]);
	/* What makes documents one meeting, its body and first day: not a document's digest, which a
	 * correction changes, nor which document came first, which differs between two machines that
	 * imported the same papers. A calendar updates an event by it. A meeting without a body joins no
	 * other, and takes its document's name. */
	strbuf_addf(&key, "%s\n%s", d->body ? d->body : "", d->start_date);
	if (!d->body)
		strbuf_addf(&key, "\n%s", d->source ? d->source : "");
	sha256_hex(key.buf, key.len, uid);
	strbuf_addstr(sb, "BEGIN:VEVENT\r\n");
	strbuf_addf(sb, "UID:%.32s@vedtak\r\n", uid);
	strbuf_addf(sb, "DTSTAMP:%s\r\n", stamp.len ? stamp.buf : "19700101T000000Z");
	strbuf_addf(sb, "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n", start, end);
	ics_line(sb, "SUMMARY:", summary.buf);
	if (d->venue)
		ics_line(sb, "LOCATION:", d->venue);
	ics_line(sb, "DESCRIPTION:", desc.buf);
	strbuf_addstr(sb, "END:VEVENT\r\n");
	strbuf_release(&desc);
	strbuf_release(&summary);
	strbuf_release(&stamp);
	strbuf_release(&key);
}
