/*
 * cmdutil.c: what the subcommands print alike: errors, query errors with
 * a caret, dates, padded cells.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/dates.h"
#include "core/deck.h"
#include "core/i18n.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "db/store.h"
#include "tui/cmd.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "tui/terms.h"
#include "core/banned.h"

void cmd_print_diag(const char *file, const struct vt_diag *d, enum vt_status st)
{
	const char *msg = d->msg[0] ? d->msg : vt_status_str(st);

	if (file && d->line)
		out_printf(stderr, _("%s:%ld: error: %s\n"), file, d->line, msg);
	else if (file)
		out_printf(stderr, _("%s: error: %s\n"), file, msg);
	else
		out_printf(stderr, "vedtak: %s\n", msg);
}

static void say_waiting(void *arg)
{
	(void)arg;
	out_printf(stderr, _("vedtak: waiting for another vedtak to finish writing...\n"));
}

void cmd_say_waits(struct store *s)
{
	store_on_wait(s, say_waiting, NULL);
}

enum vt_status cmd_open_store(const struct settings *settings, bool existing, struct store **s)
{
	struct vt_diag d;
	enum vt_status st;
	struct stat sb;

	*s = NULL;
	vt_diag_clear(&d);
	if (existing && strcmp(settings->db_path, ":memory:") && *settings->db_path &&
	    stat(settings->db_path, &sb) && errno == ENOENT) {
		out_printf(stderr,
			   _("vedtak: no database at %s (a mistyped --db?); import documents first: vedtak "
			     "import FILE…\n"),
			   settings->db_path);
		return VT_ERR_NOT_FOUND;
	}
	st = store_open_waiting(settings->db_path, settings->readonly, say_waiting, NULL, s, &d);
	if (st == VT_OK && (st = terms_load(*s, &d)) != VT_OK) {
		store_close(*s);
		*s = NULL;
	}
	if (st != VT_OK)
		cmd_print_diag(NULL, &d, st);
	return st;
}

size_t cmd_cp_offset(const char *s, size_t bytes)
{
	size_t i, n = 0;

	for (i = 0; i < bytes; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

void cmd_print_query_error(const char *command, const char *text, const struct vt_diag *d)
{
	size_t n = strlen(text), off = d->offset_plus1 > 0 ? (size_t)d->offset_plus1 - 1 : 0, from = 0,
	       to = n;

	if (off > n)
		off = n;
	/* A long query is shown only around the spot. */
	if (n > 120) {
		from = off > 60 ? off - 60 : 0;
		to = from + 120 < n ? from + 120 : n;
		while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
			from--;
		while (to < n && ((unsigned char)text[to] & 0xC0) == 0x80)
			to++;
	}
	/* TRANSLATORS: "vedtak stats: missing search term at the end (column 2)". */
	out_printf(stderr, _("vedtak %s: %s (column %zu)\n"), command, d->msg, cmd_cp_offset(text, off) + 1);
	out_printf(stderr, "  %s%.*s%s\n  %*s^\n", from ? "…" : "", (int)(to - from), text + from,
		   to < n ? "…" : "", (int)(utf8_width(text + from, off - from) + (from ? 1 : 0)), "");
}

int cmd_query(const char *command, size_t n, char **args, struct strbuf *text, struct query **q)
{
	struct vt_diag diag;

	cmd_join_args(text, n, args);
	vt_diag_clear(&diag);
	if (query_compile(text->buf, q, &diag) != VT_OK) {
		cmd_print_query_error(command, text->buf, &diag);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

void cmd_print_dates(FILE *f, const struct deck *d)
{
	struct strbuf sb = STRBUF_INIT;

	date_human(&sb, d->start_date, d->end_date, false);
	out_puts(f, sb.buf);
	strbuf_release(&sb);
}

void cmd_print_padded(const char *s, size_t width)
{
	size_t w = utf8_width(s, strlen(s));

	out_puts(stdout, s);
	while (w++ < width)
		putchar(' ');
}

void cmd_join_args(struct strbuf *out, size_t n, char **args)
{
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_addf(out, "%s%s", out->len ? " " : "", args[i]);
}

double cmd_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static FILE *pager;

/* Whether the pager's program (its first word) can be run: else the text is printed as it is. */
static bool pager_found(const char *cmd)
{
	size_t n = strcspn(cmd, " \t");
	char *prog = xstrndup(cmd, n), *path = NULL;
	const char *dirs = getenv("PATH");
	bool ok = false;

	if (strchr(prog, '/')) {
		ok = !access(prog, X_OK);
	} else {
		while (dirs && *dirs && !ok) {
			size_t d = strcspn(dirs, ":");

			free(path);
			path = xasprintf("%.*s/%s", (int)d, dirs, prog);
			ok = !access(path, X_OK);
			dirs += d + (dirs[d] == ':');
		}
	}
	free(path);
	free(prog);
	return ok;
}

void cmd_pager_start(void)
{
	const char *cmd = getenv("PAGER");

	if (!isatty(STDOUT_FILENO) || (cmd && (!*cmd || !strcmp(cmd, "cat"))))
		return;
	if (!cmd)
		cmd = "less";
	if (!pager_found(cmd))
		return;
	/* A pager quit early (q in less) is no error: the rest of the text is dropped, not a SIGPIPE death.
	 */
	signal(SIGPIPE, SIG_IGN);
	if (!getenv("LESS"))
		setenv("LESS", "FRX", 1); /* for the pager's environment, as git sets it */
	fflush(stdout);
	if (!(pager = popen(cmd, "w")))
		return;
	if (dup2(fileno(pager), STDOUT_FILENO) < 0) {
		pclose(pager);
		pager = NULL;
	}
}

void cmd_pager_end(void)
{
	if (!pager)
		return;
	fflush(stdout);
	/* The pager sees the end of its input only when every copy of the pipe is closed. */
	close(STDOUT_FILENO);
	pclose(pager);
	pager = NULL;
}
