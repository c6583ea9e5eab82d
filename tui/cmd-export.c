/*
 * cmd-export.c: `vedtak export`: cases and meetings as json, jsonl, csv or
 * ics on stdout, all of them or what a query finds.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/query.h"
#include "db/store.h"
#include "tui/cmd.h"
#include "tui/exporter.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "core/banned.h"

struct export_values {
	int format;
};

static const char *const formats[] = {"json", "jsonl", "csv", "ics", NULL};

static const struct option export_options[] = {
    OPT_CHOICE("format", struct export_values, format, formats, "json|jsonl|csv|ics",
	       N_("what to write (default json)")),
    OPT_END,
};

static int run_export(const struct cmd_env *env, void *values, size_t nargs, char **args, size_t nplain)
{
	const struct export_values *o = values;
	struct strbuf text = STRBUF_INIT;
	struct store *s = NULL;
	struct query *q = NULL;
	struct vt_diag diag;
	size_t n;
	int rc = EXIT_USAGE;

	(void)nplain;
	vt_diag_clear(&diag);
	if (cmd_query("export", nargs, args, &text, &q) != EXIT_OK)
		goto out;
	rc = EXIT_FAILED;
	if (cmd_open_store(env->settings, true, &s) != VT_OK)
		goto out;
	if (exporter_write(s, q, text.len > 0, formats[o->format], stdout, &n, &diag) != VT_OK) {
		out_printf(stderr, "vedtak export: %s\n", diag.msg);
		goto out;
	}
	rc = EXIT_OK;
out:
	query_free(q);
	strbuf_release(&text);
	store_close(s);
	return rc;
}

const struct command cmd_export = {
    {"export", "[--format json|jsonl|csv|ics] [QUERY]",
     N_("print cases and meetings for scripts, spreadsheets and calendars"),
     N_("With a QUERY, only the cases it finds (and their meetings).\n"
	"json   {\"meetings\": [...]} with member changes, agenda, cases, presenters, slides\n"
	"jsonl  one case a line, with its meeting's fields and its tags\n"
	"csv    one case a row: UTF-8 with a byte-order mark, CRLF line ends, every field\n"
	"       quoted (RFC 4180), so that spreadsheets read æøå right\n"
	"ics    the meetings as all-day calendar events with their cases (RFC 5545)\n"
	"Dates are YYYY-MM-DD; absent values are null (empty in CSV).\n"),
     export_options, ARGS_QUERY},
    sizeof(struct export_values),
    run_export,
    NULL,
};
