/*
 * exporter.c: writing cases and meetings as json, jsonl, csv or ics, for
 * `vedtak export` and the UI's e. An export is data: written byte for
 * byte to a file or a pipe, sanitised only when shown on a terminal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/export.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/search.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/exporter.h"
#include "tui/bounds.h"
#include "tui/out.h"
#include "core/banned.h"

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Keeps in `d` only the cases whose ids are in `ids` (sorted). */
static void keep_cases(struct deck *d, const long *ids, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < d->ncases; i++) {
		long id = d->cases[i].id;
		bool keep = bsearch(&id, ids, n, sizeof(*ids), cmp_long) != NULL;

		if (keep) {
			d->cases[k++] = d->cases[i];
			continue;
		}
		deck_case_release(&d->cases[i]);
	}
	d->ncases = k;
}

bool exporter_format_ok(const char *format)
{
	return !strcmp(format, "json") || !strcmp(format, "jsonl") || !strcmp(format, "csv") ||
	       !strcmp(format, "ics");
}

/*
 * An export is data, written byte for byte to a file or a pipe. Shown on a
 * terminal it is text a person reads: CR LF line ends become LF, and the
 * rest goes through the sanitising writer, as everything printed does.
 */
static void write_export(FILE *f, struct strbuf *out)
{
	size_t i, k = 0;

	if (!isatty(fileno(f))) {
		fwrite(out->buf, 1, out->len, f);
	} else {
		for (i = 0; i < out->len; i++)
			if (!(out->buf[i] == '\r' && i + 1 < out->len && out->buf[i + 1] == '\n'))
				out->buf[k++] = out->buf[i];
		out_write(f, out->buf, k);
	}
	strbuf_reset(out);
}

/* Where a meeting's first case is in the result order. */
struct first {
	long meeting;
	size_t at;
};

static int cmp_first_by_meeting(const void *a, const void *b)
{
	const struct first *x = a, *y = b;

	if (x->meeting != y->meeting)
		return (x->meeting > y->meeting) - (x->meeting < y->meeting);
	return (x->at > y->at) - (x->at < y->at);
}

static int cmp_first_by_at(const void *a, const void *b)
{
	const struct first *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

enum vt_status exporter_write(struct store *s, struct query *q, bool filtered, const char *format, FILE *f,
			      size_t *ncases, struct vt_diag *diag)
{
	struct search_opts o = {.by_date = true, .deadline_ms = EXPORT_DEADLINE_MS};
	struct search_result res = {0};
	struct strbuf out = STRBUF_INIT;
	long *ids = NULL, *meetings = NULL;
	struct first *firsts = NULL;
	size_t i, unique, nmeetings = 0, written = 0;
	enum vt_status st;

	*ncases = 0;
	/* The cases to export: the query's, newest meeting first (all without a query). */
	if ((st = store_search(s, q, &o, &res, diag)) != VT_OK)
		return st;
	ids = xcalloc(res.nhits + 1, sizeof(*ids));
	meetings = xcalloc(res.nhits + 1, sizeof(*meetings));
	firsts = xcalloc(res.nhits + 1, sizeof(*firsts));
	for (i = 0; i < res.nhits; i++) {
		ids[i] = res.hits[i].case_id;
		firsts[i].meeting = res.hits[i].meeting_id;
		firsts[i].at = i;
	}
	/*
	 * Each meeting once, where its first case is: two meetings on one day
	 * interleave in the date order, so "not the one before" is not enough.
	 */
	qsort(firsts, res.nhits, sizeof(*firsts), cmp_first_by_meeting);
	for (i = 0, unique = 0; i < res.nhits; i++)
		if (!i || firsts[i].meeting != firsts[i - 1].meeting)
			firsts[unique++] = firsts[i];
	qsort(firsts, unique, sizeof(*firsts), cmp_first_by_at);
	for (i = 0; i < unique; i++)
		meetings[nmeetings++] = firsts[i].meeting;
	qsort(ids, res.nhits, sizeof(*ids), cmp_long);
	if (!strcmp(format, "csv"))
		export_csv_begin(&out);
	else if (!strcmp(format, "ics"))
		export_ics_begin(&out);
	else if (!strcmp(format, "json"))
		strbuf_addstr(&out, "{\n  \"meetings\": [");
	for (i = 0; i < nmeetings && st == VT_OK; i++) {
		struct deck *d = NULL;
		size_t k;

		if ((st = store_load_meeting(s, meetings[i], &d, diag)) != VT_OK)
			break;
		if (filtered)
			keep_cases(d, ids, res.nhits);
		*ncases += d->ncases;
		if (!strcmp(format, "json")) {
			strbuf_addstr(&out, written++ ? ",\n    " : "\n    ");
			json_meeting(&out, d, 4);
		} else if (!strcmp(format, "ics")) {
			export_ics_meeting(&out, d);
		} else {
			for (k = 0; k < d->ncases; k++) {
				char *key = deck_case_key(d, &d->cases[k]), *tags = NULL;

				if (store_case_tags(s, key, &tags, diag) != VT_OK)
					tags = xstrdup("");
				if (!strcmp(format, "csv"))
					export_csv_case(&out, d, &d->cases[k], tags);
				else
					export_jsonl_case(&out, d, &d->cases[k], tags);
				free(tags);
				free(key);
			}
		}
		deck_free(d);
		write_export(f, &out);
	}
	if (!strcmp(format, "ics"))
		export_ics_end(&out);
	else if (!strcmp(format, "json"))
		strbuf_addstr(&out, written ? "\n  ]\n}\n" : "]\n}\n");
	write_export(f, &out);
	if (st == VT_OK && (fflush(f) || ferror(f)))
		st = vt_fail(diag, VT_ERR_IO, 0, _("write error: %s"), strerror(errno));
	free(ids);
	free(meetings);
	free(firsts);
	search_result_release(&res);
	strbuf_release(&out);
	return st;
}
