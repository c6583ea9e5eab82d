/*
 * cli.c: the command-line subcommands. Each reads its arguments, calls
 * core/ and db/, and prints; errors go to stderr as "FILE:LINE: error: ...".
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <pthread.h>

#include "config.h"
#include "tui/cli.h"
#include "core/dates.h"
#include "core/document.h"
#include "core/export.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "tui/out.h"
#include "core/json.h"
#include "core/parse.h"
#include "core/scan.h"
#include "db/search.h"
#include "core/snippet.h"
#include "core/query.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/ui.h"
#include "core/strbuf.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/worddiff.h"
#include "core/banned.h"

static void free_strings(char **v, size_t n);
static void join_args(struct strbuf *out, int argc, char **argv, int from);
static void print_query_error(const char *text, const struct vt_diag *d);

static const struct cli_command *find_command(const char *name)
{
	const struct cli_command *c;

	for (c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void cli_command_help(const struct cli_command *c)
{
	out_printf(stdout, "%s vedtak [--db PATH] %s %s\n\n%s\n", _("usage:"), c->name, c->usage, c->summary ? _(c->summary) : "");
	if (c->help && *c->help)
		out_printf(stdout, "\n%s", _(c->help));
}

/*
 * Handles the options every subcommand takes. Returns 1 if argv[*i] was one
 * (and advances *i past its value), 0 if not, -1 on a usage error.
 */
static int common_option(struct cli *cli, const struct cli_command *c, int argc, char **argv, int *i)
{
	if (!strcmp(argv[*i], "--help") || !strcmp(argv[*i], "-h")) {
		cli_command_help(c);
		exit(EXIT_OK);
	}
	if (!strcmp(argv[*i], "--read-only")) {
		cli->readonly = true;
		return 1;
	}
	if (!strcmp(argv[*i], "--db")) {
		if (*i + 1 >= argc) {
			out_printf(stderr, _("vedtak %s: --db needs a path\n"), c->name);
			return -1;
		}
		free(cli->db_path);
		cli->db_path = xstrdup(argv[++*i]);
		return 1;
	}
	return 0;
}

static void print_diag(const char *file, const struct vt_diag *d, enum vt_status st)
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

static enum vt_status open_store(struct cli *cli, struct store **s)
{
	struct vt_diag d;
	enum vt_status st;

	vt_diag_clear(&d);
	st = store_open(cli->db_path, cli->readonly, s, &d);
	if (st != VT_OK)
		print_diag(NULL, &d, st);
	else
		store_on_wait(*s, say_waiting, NULL);
	return st;
}

static void print_dates(FILE *f, const struct deck *d)
{
	struct strbuf sb = STRBUF_INIT;

	date_human(&sb, d->start_date, d->end_date, false);
	out_puts(f, sb.buf);
	strbuf_release(&sb);
}

/* How much an import says: everything, errors and warnings only (--quiet), nothing (the UI's first start). */
enum import_voice { IMPORT_LOUD, IMPORT_QUIET, IMPORT_SILENT };

/*
 * The progress line of a long import on a terminal, as pv and rsync
 * --info=progress2 draw it: files done of all, MB/s, time left, redrawn in
 * place on stderr. It appears once an import has run PROGRESS_AFTER
 * seconds (a short import stays as quiet as before) and is cleared before
 * any other line is printed, so it never mixes with them.
 */
#define PROGRESS_AFTER 0.5

struct progress {
	bool on;
	bool drawn;
	double t0, last;
	long long total, done; /* bytes */
	size_t files, nfiles;
};

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_clear(struct progress *p)
{
	if (p->drawn)
		out_control(stderr, "\r\033[K");
	p->drawn = false;
}

static void progress_draw(struct progress *p)
{
	double t = now_seconds(), el = t - p->t0, rate;
	long left;

	if (!p->on || el < PROGRESS_AFTER || (p->drawn && t - p->last < 0.1 && p->files < p->nfiles))
		return;
	rate = el > 0 ? (double)p->done / el : 0;
	left = rate > 0 ? (long)((double)(p->total - p->done) / rate + 0.5) : 0;
	out_control(stderr, "\r\033[K");
	out_printf(stderr, _("vedtak import: %zu/%zu files · %.1f MB/s · %ld:%02ld left"), p->files, p->nfiles,
		rate / 1e6, left / 60, left % 60);
	fflush(stderr);
	p->drawn = true;
	p->last = t;
}

/*
 * Import runs as a two-stage pipeline: a parser thread reads, hashes and
 * parses the next decks while the main thread stores the current one, so
 * that both cores work. Each job carries the messages its parse produced;
 * the main thread prints them in file order, so output does not depend on
 * timing. At most IMPORT_QUEUE parsed decks wait, which bounds memory.
 */
#define IMPORT_QUEUE 2

struct import_job {
	const char *path;
	size_t max_bytes;      /* the largest file read (--max-file-size) */
	struct deck *deck;     /* NULL when the file could not be read or parsed */
	struct strbuf text;    /* the document's text as read, kept by the store */
	struct strbuf report;  /* errors and warnings, printed before storing */
};

struct import_queue {
	bool quiet; /* count, print nothing (the UI's first start) */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct import_job *jobs; /* one per file, in order */
	size_t njobs;
	size_t parsed;   /* jobs[0..parsed) are ready */
	size_t consumed; /* jobs[0..consumed) are done and freed */
};

static void parse_job(struct import_job *j)
{
	struct strbuf why = STRBUF_INIT;
	struct vt_diag diag;
	char *data = NULL;
	size_t len = 0, i;
	enum vt_status st;

	vt_diag_clear(&diag);
	if (!file_read(j->path, j->max_bytes, &data, &len, &why)) {
		strbuf_addf(&j->report, _("%s: error: %s\n"), j->path, why.buf);
		goto out;
	}
	st = document_read(j->path, data, len, &j->deck, &j->text, &diag);
	if (st == VT_OK)
		j->deck->source_path = realpath(j->path, NULL);
	if (st != VT_OK) {
		const char *msg = diag.msg[0] ? diag.msg : vt_status_str(st);
		if (diag.line)
			strbuf_addf(&j->report, _("%s:%ld: error: %s\n"), j->path, diag.line, msg);
		else
			strbuf_addf(&j->report, _("%s: error: %s\n"), j->path, msg);
		goto out;
	}
	for (i = 0; i < j->deck->nwarnings; i++)
		strbuf_addf(&j->report, _("%s:%ld: warning: %s\n"), j->path, j->deck->warnings[i].line,
			    j->deck->warnings[i].msg);
out:
	free(data);
	strbuf_release(&why);
}

static void *parser_thread(void *arg)
{
	struct import_queue *q = arg;
	size_t i;

	for (i = 0; i < q->njobs; i++) {
		pthread_mutex_lock(&q->lock);
		while (i >= q->consumed + IMPORT_QUEUE)
			pthread_cond_wait(&q->changed, &q->lock);
		pthread_mutex_unlock(&q->lock);
		parse_job(&q->jobs[i]);
		pthread_mutex_lock(&q->lock);
		q->parsed = i + 1;
		pthread_cond_broadcast(&q->changed);
		pthread_mutex_unlock(&q->lock);
	}
	return NULL;
}

/*
 * Stores one parsed job and prints its summary line; returns true on success
 * (including "unchanged"). With `s` NULL (import --check) nothing is written.
 * `voice`: IMPORT_SILENT prints nothing, IMPORT_QUIET errors and warnings only.
 */
static bool store_job(struct store *s, struct import_job *j, enum import_voice voice, struct progress *pr)
{
	bool quiet = voice == IMPORT_SILENT;
	struct deck *d = j->deck;
	struct vt_diag diag;
	struct strbuf warnings = STRBUF_INIT;
	char *same_as = NULL;
	enum import_outcome outcome = IMPORT_NEW;
	enum vt_status st;
	const char *w;
	size_t nwarn = d ? d->nwarnings : 0;

	if (!quiet && j->report.len) {
		progress_clear(pr);
		out_puts(stderr, j->report.buf);
	}
	if (!d) {
		progress_clear(pr);
		if (!quiet)
			out_printf(stderr, _("%s: nothing imported\n"), j->path);
		return false;
	}
	vt_diag_clear(&diag);
	st = s ? store_import_deck(s, d, j->text.buf, j->text.len, &outcome, &same_as, &warnings, &diag) : VT_OK;
	if (quiet) {
		free(same_as);
		strbuf_release(&warnings);
		return st == VT_OK;
	}
	/* Where this document and another of its meeting disagree. */
	if (warnings.len || st != VT_OK || (voice == IMPORT_LOUD && isatty(STDOUT_FILENO)))
		progress_clear(pr);
	for (w = warnings.buf; *w; w++)
		nwarn += *w == '\n';
	for (w = warnings.buf; *w;) {
		const char *tab = strchr(w, '\t'), *nl = strchr(w, '\n');
		if (!tab || !nl)
			break;
		out_printf(stderr, _("%s:%ld: warning: %.*s\n"), j->path, strtol(w, NULL, 10), (int)(nl - tab - 1), tab + 1);
		w = nl + 1;
	}
	strbuf_release(&warnings);
	if (st != VT_OK) {
		print_diag(j->path, &diag, st);
		out_printf(stderr, _("%s: nothing imported\n"), j->path);
		return false;
	}
	if (voice == IMPORT_QUIET) {
		free(same_as);
		return true;
	}
	out_printf(stdout, "%s: %s ", j->path, d->body ? d->body : _("unknown body"));
	print_dates(stdout, d);
	out_printf(stdout, ", %s: ", d->venue ? d->venue : _("venue unknown"));
	out_printf(stdout, P_("%zu case", "%zu cases", d->ncases), d->ncases);
	out_printf(stdout, ", ");
	out_printf(stdout, P_("%zu warning", "%zu warnings", nwarn), nwarn);
	if (!s)
		out_printf(stdout, " (%s)\n", _("checked, not imported"));
	else if (outcome == IMPORT_UNCHANGED && same_as)
		out_printf(stdout, _(" (unchanged: already imported as %s)\n"), same_as);
	else
		out_printf(stdout, " (%s)\n", outcome == IMPORT_NEW        ? _("new")
				   : outcome == IMPORT_REPLACED ? _("replaced")
				   : outcome == IMPORT_JOINED   ? _("joined to its meeting's other documents")
								: _("unchanged"));
	free(same_as);
	return true;
}

/* Imports `paths` in order (`s` NULL: check only); returns how many failed. */
static size_t import_files(struct store *s, const char *const *paths, size_t n, size_t max_bytes,
			   enum import_voice voice)
{
	bool quiet = voice == IMPORT_SILENT;
	struct progress pr;
	struct import_queue q;
	pthread_t tid;
	bool threaded;
	size_t i, failed = 0;

	memset(&q, 0, sizeof(q));
	pthread_mutex_init(&q.lock, NULL);
	pthread_cond_init(&q.changed, NULL);
	q.jobs = xcalloc(n ? n : 1, sizeof(*q.jobs));
	q.njobs = n;
	q.quiet = quiet;
	memset(&pr, 0, sizeof(pr));
	pr.on = voice == IMPORT_LOUD && n > 1 && isatty(STDERR_FILENO);
	pr.t0 = now_seconds();
	pr.nfiles = n;
	for (i = 0; i < n; i++) {
		struct stat sb;
		if (pr.on && !stat(paths[i], &sb))
			pr.total += (long long)sb.st_size;
		q.jobs[i].path = paths[i];
		q.jobs[i].max_bytes = max_bytes;
		strbuf_init(&q.jobs[i].report, 0);
		strbuf_init(&q.jobs[i].text, 0);
	}
	threaded = !pthread_create(&tid, NULL, parser_thread, &q);
	for (i = 0; i < n; i++) {
		struct import_job *j = &q.jobs[i];

		if (threaded) {
			pthread_mutex_lock(&q.lock);
			while (q.parsed <= i)
				pthread_cond_wait(&q.changed, &q.lock);
			pthread_mutex_unlock(&q.lock);
		} else {
			parse_job(j); /* no thread to be had: one stage after the other */
		}
		failed += !store_job(s, j, voice, &pr);
		if (pr.on) {
			struct stat sb;
			fflush(stdout);
			if (!stat(j->path, &sb))
				pr.done += (long long)sb.st_size;
			pr.files = i + 1;
			progress_draw(&pr);
		}
		deck_free(j->deck);
		j->deck = NULL;
		strbuf_release(&j->report);
		strbuf_release(&j->text);
		pthread_mutex_lock(&q.lock);
		q.consumed = i + 1;
		pthread_cond_broadcast(&q.changed);
		pthread_mutex_unlock(&q.lock);
	}
	if (threaded)
		pthread_join(tid, NULL);
	progress_clear(&pr);
	pthread_cond_destroy(&q.changed);
	pthread_mutex_destroy(&q.lock);
	free(q.jobs);
	return failed;
}

static int cmp_str(const void *a, const void *b);

/*
 * Adds the PDF and text files under folder `dir` to *v, recursively, each
 * folder's in name order; hidden entries are skipped. A folder that cannot
 * be read is reported and skipped.
 */
static void add_folder(const char *dir, char ***v, size_t *n, size_t *alloc, int depth)
{
	DIR *d = depth < 32 ? opendir(dir) : NULL;
	struct dirent *e;
	char **found = NULL;
	size_t nfound = 0, falloc = 0, i;

	if (!d) {
		out_printf(stderr, _("%s: error: cannot read the folder: %s\n"), dir, strerror(errno));
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		ALLOC_GROW(found, nfound + 1, falloc);
		found[nfound++] = xasprintf("%.*s/%s", (int)(strlen(dir) - (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')),
					    dir, e->d_name);
	}
	closedir(d);
	qsort(found, nfound, sizeof(*found), cmp_str);
	for (i = 0; i < nfound; i++) {
		struct stat sb;
		size_t l = strlen(found[i]);

		if (!stat(found[i], &sb) && S_ISDIR(sb.st_mode)) {
			add_folder(found[i], v, n, alloc, depth + 1);
			free(found[i]);
		} else if (l > 4 && (!strcasecmp(found[i] + l - 4, ".pdf") || !strcasecmp(found[i] + l - 4, ".txt"))) {
			ALLOC_GROW(*v, *n + 1, *alloc);
			(*v)[(*n)++] = found[i];
		} else {
			free(found[i]);
		}
	}
	free(found);
}

static int cmd_import(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c = find_command("import");
	struct store *s = NULL;
	const char **paths = xcalloc((size_t)argc, sizeof(*paths));
	char **expanded = NULL;
	size_t npaths = 0, nexpanded = 0, failed;
	bool dashdash = false, check = false, quiet = false;
	int i, rc = EXIT_USAGE;

	for (i = 1; i < argc; i++) {
		int r = dashdash ? 0 : common_option(cli, c, argc, argv, &i);

		if (r < 0)
			goto out;
		if (r)
			continue;
		if (!dashdash && !strcmp(argv[i], "--"))
			dashdash = true;
		else if (!dashdash && !strcmp(argv[i], "--check"))
			check = true;
		else if (!dashdash && (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")))
			quiet = true;
		else if (!dashdash && argv[i][0] == '-' && argv[i][1]) {
			out_printf(stderr, _("vedtak %s: unknown option '%s'\n"), "import", argv[i]);
			goto out;
		} else
			paths[npaths++] = argv[i];
	}
	if (!npaths) {
		out_printf(stderr, "%s vedtak [--db PATH] import [--check] [--quiet] [--] FILE|FOLDER...\n", _("usage:"));
		goto out;
	}
	/* A folder stands for the PDF and text files in it, at any depth. */
	for (i = 0; i < (int)npaths; i++) {
		struct stat sb;
		if (!stat(paths[i], &sb) && S_ISDIR(sb.st_mode))
			break;
	}
	if (i < (int)npaths) {
		size_t k, alloc = 0;
		for (k = 0; k < npaths; k++) {
			struct stat sb;
			if (!stat(paths[k], &sb) && S_ISDIR(sb.st_mode)) {
				size_t before = nexpanded;
				add_folder(paths[k], &expanded, &nexpanded, &alloc, 0);
				if (nexpanded == before)
					out_printf(stderr, _("%s: error: no PDF or text file in this folder\n"), paths[k]);
			} else {
				ALLOC_GROW(expanded, nexpanded + 1, alloc);
				expanded[nexpanded++] = xstrdup(paths[k]);
			}
		}
		free(paths);
		paths = xcalloc(nexpanded ? nexpanded : 1, sizeof(*paths));
		for (k = 0; k < nexpanded; k++)
			paths[k] = expanded[k];
		npaths = nexpanded;
		if (!npaths) {
			rc = EXIT_FAILED;
			goto out;
		}
	}
	rc = EXIT_FAILED;
	if (!check && open_store(cli, &s) != VT_OK)
		goto out;
	failed = import_files(s, paths, npaths, cli->max_file_size, quiet ? IMPORT_QUIET : IMPORT_LOUD);
	if (failed)
		out_printf(stderr, P_("vedtak import: %zu of %zu file failed\n", "vedtak import: %zu of %zu files failed\n",
				   npaths), failed, npaths);
	rc = failed ? EXIT_FAILED : EXIT_OK;
out:
	store_close(s);
	free(paths);
	free_strings(expanded, nexpanded);
	return rc;
}

/* Calls `fn` for every meeting, newest first. */
static int each_meeting(struct store *s, int (*fn)(struct deck *d, void *arg), void *arg)
{
	struct vt_diag diag;
	long *ids = NULL;
	size_t n = 0, i;
	int rc = EXIT_OK;
	enum vt_status st;

	vt_diag_clear(&diag);
	st = store_meeting_ids(s, &ids, &n, &diag);
	if (st != VT_OK) {
		print_diag(NULL, &diag, st);
		return EXIT_FAILED;
	}
	for (i = 0; i < n && rc == EXIT_OK; i++) {
		struct deck *d = NULL;

		st = store_load_meeting(s, ids[i], &d, &diag);
		if (st != VT_OK) {
			print_diag(NULL, &diag, st);
			rc = EXIT_FAILED;
			break;
		}
		rc = fn(d, arg);
		deck_free(d);
	}
	free(ids);
	return rc;
}

static const char *type_short(enum decision_type t)
{
	return t == DECISION_NONE ? "-" : decision_type_name(t);
}

/* Prints `s` padded with spaces to `width` terminal cells (printf pads bytes). */
static void print_padded(const char *s, size_t width)
{
	size_t w = utf8_width(s, strlen(s));

	out_puts(stdout, s);
	while (w++ < width)
		putchar(' ');
}

static int list_meeting(struct deck *d, void *arg)
{
	size_t i, type_width = 11;

	(void)arg;
	print_dates(stdout, d);
	out_printf(stdout, "  %s  %s  ", d->body ? d->body : "?", d->venue ? d->venue : "-");
	out_printf(stdout, P_("%zu case", "%zu cases", d->ncases), d->ncases);
	/* The documents the meeting is made of: "[notice a.pdf · minutes b.txt]". */
	out_printf(stdout, "  [");
	for (i = 0; i < d->ndocs; i++)
		out_printf(stdout, "%s%s %s", i ? " · " : "", doc_kind_label(d->docs[i].kind), d->docs[i].source);
	if (!d->ndocs)
		out_printf(stdout, "%s", d->source);
	out_printf(stdout, "]\n");
	for (i = 0; i < d->ncases; i++) {
		const char *t = case_type_text(&d->cases[i]);
		if (t && utf8_width(t, strlen(t)) > type_width)
			type_width = utf8_width(t, strlen(t));
	}
	for (i = 0; i < d->ncases; i++) {
		const struct deck_case *c = &d->cases[i];
		out_printf(stdout, "  ");
		print_padded(c->number, 6);
		putchar(' ');
		print_padded(case_type_text(c) ? case_type_text(c) : "-", type_width);
		out_printf(stdout, " %s\n", c->title ? c->title : "");
	}
	return EXIT_OK;
}

static int parse_no_args(struct cli *cli, const char *name, int argc, char **argv)
{
	const struct cli_command *c = find_command(name);
	int i;

	for (i = 1; i < argc; i++) {
		int r = common_option(cli, c, argc, argv, &i);
		if (r < 0)
			return -1;
		if (!r) {
			out_printf(stderr, _("vedtak %s: unexpected argument '%s'\n"), name, argv[i]);
			return -1;
		}
	}
	return 0;
}

static int cmd_list(struct cli *cli, int argc, char **argv)
{
	struct store *s = NULL;
	int rc;

	if (parse_no_args(cli, "list", argc, argv))
		return EXIT_USAGE;
	if (open_store(cli, &s) != VT_OK)
		return EXIT_FAILED;
	rc = each_meeting(s, list_meeting, NULL);
	store_close(s);
	return rc;
}

static void print_indented(const char *text, const char *indent)
{
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		out_printf(stdout, "%s%.*s\n", n ? indent : "", (int)n, p);
		p = nl ? nl + 1 : NULL;
	}
}

/* The labels of `vedtak show`, in the order of enum show_label. */
enum show_label { SL_MEETING, SL_AGENDA, SL_WHEN, SL_TYPE, SL_PRESENTERS, SL_KEY, SL_TAGS, SL_NOTE, SL_COUNT };

static const char *const show_labels[SL_COUNT] = {
	N_("Meeting:"), N_("Agenda:"), N_("When:"), N_("Type:"), N_("Presenters:"), N_("Key:"), N_("Tags:"), N_("Note:"),
};

/* Prints a label of `vedtak show` padded to the widest one in the user's language. */
static void print_label(enum show_label l)
{
	size_t width = 0, i;

	for (i = 0; i < SL_COUNT; i++) {
		const char *t = _(show_labels[i]);
		size_t w = utf8_width(t, strlen(t));
		if (w > width)
			width = w;
	}
	print_padded(_(show_labels[l]), width + 1);
}

/*
 * The recorded decision against the proposal, word by word, as git diff
 * --word-diff shows it: in colour on a terminal (removed red, added green),
 * "[-removed-]{+added+}" when piped or with NO_COLOR. Nothing when the
 * words are the same.
 */
static void print_decision_diff(const char *proposed, const char *recorded)
{
	static const char *const colors[4] = { "\033[31m", "\033[m", "\033[32m", "\033[m" };
	struct word_diff wd;
	struct strbuf sb = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	const char *p;

	/* The texts are made safe before the diff adds its own colours, which are printed as they are. */
	term_safe_append(&a, proposed, strlen(proposed));
	term_safe_append(&b, recorded, strlen(recorded));
	word_diff(&wd, a.buf, b.buf);
	if (!word_diff_same(&wd)) {
		out_printf(stdout, "\n%s\n", _("Changed from the proposal:"));
		if (isatty(STDOUT_FILENO) && !getenv("NO_COLOR"))
			word_diff_render(&sb, &wd, colors, NULL, NULL, NULL);
		else
			word_diff_plain(&sb, &wd);
		for (p = sb.buf; *p;) {
			size_t n = strcspn(p, "\n");

			if (n)
				fputs("  ", stdout);
			fwrite(p, 1, n, stdout); /* made safe above */
			putchar('\n');
			p += n + (p[n] == '\n');
		}
	}
	strbuf_release(&sb);
	strbuf_release(&a);
	strbuf_release(&b);
	word_diff_release(&wd);
}

static void show_case(struct store *s, const struct deck *d, const struct deck_case *c)
{
	char *key = deck_case_key(d, c), *tags = NULL;
	struct note *notes = NULL;
	struct vt_diag diag;
	size_t i, nnotes = 0;

	out_printf(stdout, "Sak %s: %s\n", c->number, c->title ? c->title : _("(untitled)"));
	print_label(SL_MEETING);
	out_printf(stdout, "%s, ", d->body ? d->body : "?");
	print_dates(stdout, d);
	out_printf(stdout, ", %s  [%s, ", d->venue ? d->venue : _("venue unknown"), c->source ? c->source : d->source);
	out_printf(stdout, _("lines %ld-%ld"), c->line_start, c->line_end);
	out_printf(stdout, "]\n");
	if (c->agenda_title && (!c->title || strcmp(c->agenda_title, c->title))) {
		print_label(SL_AGENDA);
		out_printf(stdout, "%s\n", c->agenda_title);
	}
	if (c->day || c->time) {
		print_label(SL_WHEN);
		if (c->day)
			out_printf(stdout, _("day %d"), c->day);
		if (c->time)
			out_printf(stdout, "%s%s", c->day ? ", " : "", c->time);
		out_printf(stdout, "\n");
	}
	print_label(SL_TYPE);
	out_printf(stdout, "%s", case_type_text(c) ? case_type_text(c) : "-");
	if (c->type_source)
		out_printf(stdout, " (%s)", decision_source_label(c->type_source));
	out_printf(stdout, "\n");
	if (c->npresenters) {
		print_label(SL_PRESENTERS);
		for (i = 0; i < c->npresenters; i++)
			out_printf(stdout, "%s%s%s%s%s", i ? "; " : "", c->presenters[i].name,
			       c->presenters[i].organization ? " (" : "",
			       c->presenters[i].organization ? c->presenters[i].organization : "",
			       c->presenters[i].organization ? ")" : "");
		out_printf(stdout, "\n");
	}
	print_label(SL_KEY);
	out_printf(stdout, "%s\n", key);
	if (store_case_tags(s, key, &tags, &diag) == VT_OK && *tags) {
		print_label(SL_TAGS);
		out_printf(stdout, "%s\n", tags);
	}
	if (store_case_notes(s, key, &notes, &nnotes, &diag) == VT_OK)
		for (i = 0; i < nnotes; i++) {
			print_label(SL_NOTE);
			out_printf(stdout, "%s (%s, %s)\n", notes[i].text, notes[i].author, notes[i].at);
		}
	free(tags);
	notes_free(notes, nnotes);
	free(key);
	out_printf(stdout, "\nForslag til vedtak%s:\n", c->amended ? " (endret)" : "");
	if (c->decision)
		print_indented(c->decision, "  ");
	else
		out_printf(stdout, "  %s\n", _("(none in the documents)"));
	/* What the minutes record ("Vedtak" is the committees' word, as "Forslag til vedtak" is). */
	if (c->recorded) {
		out_printf(stdout, "\nVedtak (%s):\n", c->recorded_source ? c->recorded_source : "?");
		print_indented(c->recorded, "  ");
	}
	if (c->decision && c->recorded)
		print_decision_diff(c->decision, c->recorded);
	if (c->outcome)
		out_printf(stdout, "\n%s %s\n", _("Outcome:"), outcome_label(c->outcome));
	for (i = 0; i < c->nslides; i++) {
		out_printf(stdout, "\n--- ");
		out_printf(stdout, _("slide %zu"), i + 1);
		if (c->slides[i].page)
			out_printf(stdout, " (%s)", c->slides[i].page);
		out_printf(stdout, ", ");
		out_printf(stdout, _("line %ld"), c->slides[i].line);
		out_printf(stdout, " ---\n");

		print_indented(c->slides[i].text, "");
	}
}

static int cmd_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c = find_command("show");
	struct store *s = NULL;
	struct case_ref *refs = NULL;
	struct vt_diag diag;
	const char *number = NULL;
	struct case_no no;
	size_t n = 0, i;
	int rc = EXIT_OK, k;
	enum vt_status st;

	for (k = 1; k < argc; k++) {
		int r = common_option(cli, c, argc, argv, &k);
		if (r < 0)
			return EXIT_USAGE;
		if (r)
			continue;
		if (number) {
			out_printf(stderr, _("vedtak show: one case number, please\n"));
			return EXIT_USAGE;
		}
		number = argv[k];
	}
	if (!number || !scan_case_number(number, strlen(number), &no) || no.len != strlen(number)) {
		out_printf(stderr, _("vedtak show: give a case number such as 11/21\n"));
		return EXIT_USAGE;
	}
	if (open_store(cli, &s) != VT_OK)
		return EXIT_FAILED;
	vt_diag_clear(&diag);
	st = store_find_cases(s, no.text, &refs, &n, &diag);
	if (st != VT_OK) {
		print_diag(NULL, &diag, st);
		rc = EXIT_FAILED;
		goto out;
	}
	if (!n) {
		out_printf(stderr, _("vedtak show: no case %s\n"), no.text);
		rc = EXIT_FAILED;
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct deck *d = NULL;

		st = store_load_meeting(s, refs[i].meeting_id, &d, &diag);
		if (st != VT_OK) {
			print_diag(NULL, &diag, st);
			rc = EXIT_FAILED;
			goto out;
		}
		if (i)
			out_printf(stdout, "\n========\n\n");
		if (refs[i].position >= 1 && (size_t)refs[i].position <= d->ncases)
			show_case(s, d, &d->cases[refs[i].position - 1]);
		deck_free(d);
	}
out:
	free(refs);
	store_close(s);
	return rc;
}

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

bool cli_export_format_ok(const char *format)
{
	return !strcmp(format, "json") || !strcmp(format, "jsonl") || !strcmp(format, "csv") || !strcmp(format, "ics");
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

enum vt_status cli_export(struct store *s, const struct query *q, bool filtered, const char *format, FILE *f,
			  size_t *ncases, struct vt_diag *diag)
{
	struct search_opts o = { 0, true, false, 60000 };
	struct search_result res = { NULL, 0, 0, 0 };
	struct strbuf out = STRBUF_INIT;
	long *ids = NULL, *meetings = NULL, last = 0;
	size_t i, nmeetings = 0, written = 0;
	enum vt_status st;

	*ncases = 0;
	/* The cases to export: the query's, newest meeting first (all without a query). */
	if ((st = store_search(s, q, &o, &res, diag)) != VT_OK)
		return st;
	ids = xcalloc(res.nhits + 1, sizeof(*ids));
	meetings = xcalloc(res.nhits + 1, sizeof(*meetings));
	for (i = 0; i < res.nhits; i++) {
		ids[i] = res.hits[i].case_id;
		if (!i || res.hits[i].meeting_id != last)
			meetings[nmeetings++] = last = res.hits[i].meeting_id;
	}
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
	search_result_release(&res);
	strbuf_release(&out);
	return st;
}

static int cmd_export(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c = find_command("export");
	struct strbuf text = STRBUF_INIT;
	struct store *s = NULL;
	struct query *q = NULL;
	struct vt_diag diag;
	const char *format = "json";
	size_t i, n;
	int rc = EXIT_USAGE;

	for (i = 1; i < (size_t)argc; i++) {
		int k = (int)i, r = common_option(cli, c, argc, argv, &k);

		i = (size_t)k;
		if (r < 0)
			goto out;
		if (r)
			continue;
		if (!strcmp(argv[i], "--format") && i + 1 < (size_t)argc)
			format = argv[++i];
		else if (!strncmp(argv[i], "--format=", 9))
			format = argv[i] + 9;
		else if (!strcmp(argv[i], "--")) {
			join_args(&text, argc, argv, (int)i + 1);
			break;
		} else
			strbuf_addf(&text, "%s%s", text.len ? " " : "", argv[i]);
	}
	if (!cli_export_format_ok(format)) {
		out_printf(stderr, _("vedtak export: unknown format '%s' (json, jsonl, csv, ics)\n"), format);
		goto out;
	}
	vt_diag_clear(&diag);
	if (query_compile(text.buf, &q, &diag) != VT_OK) {
		print_query_error(text.buf, &diag);
		goto out;
	}
	rc = EXIT_FAILED;
	if (open_store(cli, &s) != VT_OK)
		goto out;
	if (cli_export(s, q, text.len > 0, format, stdout, &n, &diag) != VT_OK) {
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

/* Code points in the first `bytes` bytes of s: JSON offsets count characters, as scripts do. */
static size_t cp_offset(const char *s, size_t bytes)
{
	size_t i, n = 0;

	for (i = 0; i < bytes; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void print_snippet_text(const struct snippet *sn, bool bold)
{
	size_t i, pos = 0;

	for (i = 0; i < sn->nhits; i++) {
		out_write(stdout, sn->text + pos, sn->hits[i].start - pos);
		if (bold)
			out_control(stdout, "\033[1m");
		else
			putchar('[');
		out_write(stdout, sn->text + sn->hits[i].start, sn->hits[i].end - sn->hits[i].start);
		if (bold)
			out_control(stdout, "\033[22m");
		else
			putchar(']');
		pos = sn->hits[i].end;
	}
	out_puts(stdout, sn->text + pos);
}

static void snippet_where(struct strbuf *sb, const struct snippet *sn)
{
	if (sn->page)
		strbuf_addstr(sb, sn->page);
	else if (sn->slide)
		strbuf_addf(sb, _("slide %d"), sn->slide);
	else
		strbuf_addstr(sb, snippet_where_name(sn->where));
}

static void print_hit_text(const struct deck *d, const struct deck_case *c, struct snippet *sn, size_t nsn,
			   bool bold)
{
	struct strbuf where = STRBUF_INIT, date = STRBUF_INIT;
	size_t i;

	if (d->start_date)
		date_human(&date, d->start_date, NULL, true);
	out_printf(stdout, "%s  %s  %s  %s  %s\n", c->number, d->start_date ? date.buf : "----------",
	       d->body ? d->body : "?", type_short(c->type), c->title ? c->title : "");
	if (c->npresenters) {
		out_printf(stdout, "    ");
		for (i = 0; i < c->npresenters; i++)
			out_printf(stdout, "%s%s", i ? ", " : "", c->presenters[i].name);
		out_printf(stdout, "\n");
	}
	for (i = 0; i < nsn; i++) {
		strbuf_reset(&where);
		snippet_where(&where, &sn[i]);
		out_printf(stdout, "    %s: ", where.buf);
		print_snippet_text(&sn[i], bold);
		out_printf(stdout, "\n");
	}
	strbuf_release(&where);
	strbuf_release(&date);

}

static void json_hit(struct strbuf *sb, const struct deck *d, const struct deck_case *c,
		     const struct search_hit *h, struct snippet *sn, size_t nsn)
{
	char *key = deck_case_key(d, c);
	size_t i, k;

	strbuf_addstr(sb, "{\"key\": ");
	json_string(sb, key);
	strbuf_addstr(sb, ", \"number\": ");
	json_string(sb, c->number);
	strbuf_addstr(sb, ", \"source\": ");
	json_string(sb, d->source);
	strbuf_addstr(sb, ", \"date\": ");
	json_string(sb, d->start_date);
	strbuf_addstr(sb, ", \"body\": ");
	json_string(sb, d->body);
	strbuf_addstr(sb, ", \"decision_type\": ");
	json_string(sb, decision_type_name(c->type));
	strbuf_addstr(sb, ", \"title\": ");
	json_string(sb, c->title);
	strbuf_addstr(sb, ", \"presenters\": ");
	json_presenters(sb, c);
	strbuf_addf(sb, ", \"score\": %.6f, \"tier\": %d, \"snippets\": [", h->score, h->tier);
	for (i = 0; i < nsn; i++) {
		strbuf_addstr(sb, i ? ", {\"where\": " : "{\"where\": ");
		json_string(sb, sn[i].where);
		strbuf_addf(sb, ", \"slide\": %d, \"page\": ", sn[i].slide);
		json_string(sb, sn[i].page);
		strbuf_addstr(sb, ", \"text\": ");
		json_string(sb, sn[i].text);
		strbuf_addstr(sb, ", \"hits\": [");
		for (k = 0; k < sn[i].nhits; k++)
			strbuf_addf(sb, "%s[%zu, %zu]", k ? ", " : "", cp_offset(sn[i].text, sn[i].hits[k].start),
				    cp_offset(sn[i].text, sn[i].hits[k].end));
		strbuf_addstr(sb, "]}");
	}
	strbuf_addstr(sb, "]}");
	free(key);
}

/*
 * A query error: the message, then the query with a caret under the spot;
 * a long query is shown only around the spot.
 */
static void print_query_error(const char *text, const struct vt_diag *d)
{
	size_t n = strlen(text), off = d->offset_plus1 > 0 ? (size_t)d->offset_plus1 - 1 : 0, from = 0, to = n;

	if (off > n)
		off = n;
	if (n > 120) {
		from = off > 60 ? off - 60 : 0;
		to = from + 120 < n ? from + 120 : n;
		while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
			from--;
		while (to < n && ((unsigned char)text[to] & 0xC0) == 0x80)
			to++;
	}
	out_printf(stderr, _("vedtak search: %s (column %zu)\n"), d->msg, cp_offset(text, off) + 1);
	out_printf(stderr, "  %s%.*s%s\n  %*s^\n", from ? "…" : "", (int)(to - from), text + from, to < n ? "…" : "",
		(int)(utf8_width(text + from, off - from) + (from ? 1 : 0)), "");
}

static int cmd_search(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c = find_command("search");
	struct search_opts opts = { 20, false, false, 30000 };
	double started = 0;
	struct search_result res = { NULL, 0, 0, 0 };
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	struct store *s = NULL;
	struct query *q = NULL;
	struct matcher *m = NULL;
	struct vt_diag diag;
	bool json = false, bold;
	int i, rc = EXIT_USAGE;
	size_t h;

	/* The configured order (VEDTAK_SORT, from the configuration file); --sort overrides it. */
	opts.by_date = getenv("VEDTAK_SORT") && !strcmp(getenv("VEDTAK_SORT"), "date");
	for (i = 1; i < argc; i++) {
		int r = common_option(cli, c, argc, argv, &i);

		if (r < 0)
			goto out;
		if (r)
			continue;
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--count")) {
			opts.count_only = true;
		} else if (!strcmp(argv[i], "--sort") && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "date") && strcmp(argv[i], "relevance")) {
				out_printf(stderr, _("vedtak search: --sort takes relevance or date\n"));
				goto out;
			}
			opts.by_date = !strcmp(argv[i], "date");
		} else if (!strcmp(argv[i], "--limit") && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);
			if (*end || v < 0) {
				out_printf(stderr, _("vedtak search: --limit takes a number (0 for all)\n"));
				goto out;
			}
			opts.limit = (size_t)v;
		} else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
			opts.deadline_ms = strtol(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--")) {
			for (i++; i < argc; i++)
				strbuf_addf(&text, "%s%s", text.len ? " " : "", argv[i]);
		} else {
			strbuf_addf(&text, "%s%s", text.len ? " " : "", argv[i]);
		}
	}
	vt_diag_clear(&diag);
	if (query_compile(text.buf, &q, &diag) != VT_OK) {
		print_query_error(text.buf, &diag);
		goto out;
	}
	rc = EXIT_FAILED;
	if (open_store(cli, &s) != VT_OK)
		goto out;
	started = now_seconds();
	if (store_search(s, q, &opts, &res, &diag) != VT_OK) {
		out_printf(stderr, "vedtak search: %s\n", diag.msg);
		goto out;
	}
	if (opts.count_only) {
		if (json)
			out_printf(stdout, "{\"query\": %s, \"total\": %zu}\n", (json_string(&out, text.buf), out.buf), res.total);
		else
			out_printf(stdout, "%zu\n", res.total);
		rc = EXIT_OK;
		goto out;
	}
	m = matcher_new(q);
	bold = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	if (json) {
		strbuf_addstr(&out, "{\"query\": ");
		json_string(&out, text.buf);
		strbuf_addf(&out, ", \"total\": %zu, \"results\": [", res.total);
	} else {
		out_printf(stdout, P_("%zu case matches\n", "%zu cases match\n", res.total), res.total);
	}
	for (h = 0; h < res.nhits; h++) {
		struct snippet sn[3];
		struct deck *d = NULL;
		size_t nsn, k;

		/* The deadline holds for the whole command, the snippets of every hit too. */
		if (opts.deadline_ms && (now_seconds() - started) * 1000 > (double)opts.deadline_ms) {
			out_printf(stderr,
				   _("vedtak search: stopped after %zu of %zu results: longer than %ld ms (--timeout)\n"),
				   h, res.nhits, opts.deadline_ms);
			goto out;
		}
		if (store_load_case(s, res.hits[h].meeting_id, res.hits[h].case_id, &d, &diag) != VT_OK) {
			out_printf(stderr, "vedtak search: %s\n", diag.msg);
			goto out;
		}
		nsn = snippets_make(m, &d->cases[0], 3, sn);
		if (json) {
			strbuf_addstr(&out, h ? ",\n  " : "\n  ");
			json_hit(&out, d, &d->cases[0], &res.hits[h], sn, nsn);
		} else {
			out_printf(stdout, "\n");
			print_hit_text(d, &d->cases[0], sn, nsn, bold);
		}
		for (k = 0; k < nsn; k++)
			snippet_release(&sn[k]);
		deck_free(d);
	}
	if (json) {
		strbuf_addstr(&out, res.nhits ? "\n]}\n" : "]}\n");
		out_puts(stdout, out.buf);
	}
	rc = EXIT_OK;
out:
	matcher_free(m);
	search_result_release(&res);
	query_free(q);
	store_close(s);
	strbuf_release(&text);
	strbuf_release(&out);
	return rc;
}

static int cmd_check(struct cli *cli, int argc, char **argv)
{
	struct strbuf report = STRBUF_INIT;
	struct store *s = NULL;
	struct vt_diag diag;
	int rc = EXIT_FAILED;

	if (parse_no_args(cli, "check", argc, argv))
		return EXIT_USAGE;
	if (open_store(cli, &s) != VT_OK)
		return EXIT_FAILED;
	vt_diag_clear(&diag);
	if (store_check(s, &report, &diag) == VT_OK) {
		out_printf(stdout, _("%s: ok\n"), cli->db_path);
		rc = EXIT_OK;
	} else {
		out_printf(stderr, "%s: %s\n%s", cli->db_path, diag.msg, report.buf);
	}
	strbuf_release(&report);
	store_close(s);
	return rc;
}

/*
 * Hidden helpers for the shell completions and the man page, so that both
 * come from the program's own tables: `complete commands|tags|saved` and
 * `man-section commands`.
 */
static int cmd_complete(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c;
	struct store *s = NULL;
	struct vt_diag diag;
	size_t n = 0, i;

	if (argc < 2)
		return EXIT_USAGE;
	if (!strcmp(argv[1], "commands")) {
		for (c = cli_commands; c->name; c++)
			if (c->summary)
				out_printf(stdout, "%s\n", c->name);
		return EXIT_OK;
	}
	cli->readonly = true; /* completing never writes */
	if (store_open(cli->db_path, true, &s, &diag) != VT_OK)
		return EXIT_FAILED;
	if (!strcmp(argv[1], "tags")) {
		struct tag_count *v = NULL;
		if (store_tag_counts(s, &v, &n, &diag) == VT_OK)
			for (i = 0; i < n; i++)
				out_printf(stdout, "%s\n", v[i].tag);
		tag_counts_free(v, n);
	} else if (!strcmp(argv[1], "saved")) {
		struct saved *v = NULL;
		if (store_saved_list(s, &v, &n, &diag) == VT_OK)
			for (i = 0; i < n; i++)
				out_printf(stdout, "%s\n", v[i].name);
		saved_free(v, n);
	}
	store_close(s);
	return EXIT_OK;
}

static int cmd_man_section(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c;

	(void)cli;
	if (argc >= 2 && !strcmp(argv[1], "keys")) {
		ui_print_keys(stdout);
		return EXIT_OK;
	}
	if (argc < 2 || strcmp(argv[1], "commands"))
		return EXIT_USAGE;
	for (c = cli_commands; c->name; c++) {
		const char *p;

		if (!c->summary)
			continue;
		out_printf(stdout, ".TP\n.B vedtak %s\\fR %s\n%s.\n", c->name, c->usage, c->summary);
		if (c->help && *c->help) {
			out_printf(stdout, ".nf\n");
			for (p = c->help; *p; p++) {
				if (*p == '\\')
					out_puts(stdout, "\\e");
				else if ((p == c->help || p[-1] == '\n') && (*p == '.' || *p == '\''))
					out_printf(stdout, "\\&%c", *p);
				else
					putchar(*p);
			}
			out_printf(stdout, ".fi\n");
		}
	}
	return EXIT_OK;
}

const char *cli_author(void)
{
	const char *u = getenv("VEDTAK_USER");

	if (!u || !*u)
		u = getenv("USER");
	return u && *u ? u : _("unknown");
}

static void free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Joins argv[from..argc) with spaces into `out`. */
static void join_args(struct strbuf *out, int argc, char **argv, int from)
{
	int i;

	for (i = from; i < argc; i++)
		strbuf_addf(out, "%s%s", out->len ? " " : "", argv[i]);
}

static int cmd_tag(struct cli *cli, int argc, char **argv)
{
	enum vt_status st = VT_OK;
	const struct cli_command *c = find_command("tag");
	struct tag_change *ch = xcalloc((size_t)argc, sizeof(*ch));
	char **names = xcalloc((size_t)argc, sizeof(*names));
	struct strbuf text = STRBUF_INIT;
	struct store *s = NULL;
	struct query *q = NULL;
	struct vt_diag diag;
	size_t nch = 0, changed = 0;
	bool undo = false;
	int i, rc = EXIT_USAGE;

	vt_diag_clear(&diag);
	for (i = 1; i < argc; i++) {
		int r = common_option(cli, c, argc, argv, &i);

		if (r < 0)
			goto out;
		if (r)
			continue;
		if (!strcmp(argv[i], "--undo")) {
			undo = true;
		} else if (!strcmp(argv[i], "--")) {
			join_args(&text, argc, argv, i + 1);
			break;
		} else if ((argv[i][0] == '+' || argv[i][0] == '-') && argv[i][1] != '-') {
			if (!(names[nch] = tag_normalise(argv[i] + 1))) {
				out_printf(stderr, "vedtak tag: ");
				out_printf(stderr, _("'%s' is not a tag name (letters, digits, - and _)"), argv[i] + 1);
				fputc('\n', stderr);
				goto out;
			}
			ch[nch].tag = names[nch];
			ch[nch].add = argv[i][0] == '+';
			nch++;
		} else {
			join_args(&text, argc, argv, i);
			break;
		}
	}
	if (undo == (nch > 0) || (!undo && !text.len)) {
		out_printf(stderr, "%s vedtak tag +TAG... -TAG... -- QUERY\n       vedtak tag --undo\n", _("usage:"));
		goto out;
	}
	if (!undo && query_compile(text.buf, &q, &diag) != VT_OK) {
		print_query_error(text.buf, &diag);
		goto out;
	}
	rc = EXIT_FAILED;
	if (open_store(cli, &s) != VT_OK)
		goto out;
	if (undo) {
		char *when = NULL;
		if ((st = store_tag_undo(s, cli_author(), &changed, &when, &diag)) != VT_OK) {
			out_printf(stderr, "vedtak tag: %s\n", diag.msg);
			goto fail;
		}
		out_printf(stdout, P_("undid the tagging of %s: %zu case changed\n", "undid the tagging of %s: %zu cases changed\n",
			  changed), when, changed);
		free(when);
	} else {
		if ((st = store_tag_query(s, q, ch, nch, cli_author(), &changed, &diag)) != VT_OK) {
			out_printf(stderr, "vedtak tag: %s\n", diag.msg);
			goto fail;
		}
		out_printf(stdout, P_("%zu case changed\n", "%zu cases changed\n", changed), changed);
	}
	rc = EXIT_OK;
	goto out;
fail:
	/* Input that breaks a rule (an author too long, a query too slow) is the user's to change. */
	rc = st == VT_ERR_USAGE ? EXIT_USAGE : EXIT_FAILED;
out:
	for (i = 0; i < argc; i++)
		free(names[i]);
	free(names);
	free(ch);
	query_free(q);
	strbuf_release(&text);
	store_close(s);
	return rc;
}

static int cmd_tags(struct cli *cli, int argc, char **argv)
{
	struct store *s = NULL;
	struct tag_count *v = NULL;
	struct vt_diag diag;
	size_t n = 0, i;
	int rc = EXIT_FAILED;

	if (parse_no_args(cli, "tags", argc, argv))
		return EXIT_USAGE;
	if (open_store(cli, &s) != VT_OK)
		return EXIT_FAILED;
	if (store_tag_counts(s, &v, &n, &diag) != VT_OK) {
		out_printf(stderr, "vedtak tags: %s\n", diag.msg);
		goto out;
	}
	for (i = 0; i < n; i++) {
		out_printf(stdout, "%s\t", v[i].tag);
		out_printf(stdout, P_("%d case", "%d cases", v[i].cases), v[i].cases);
		if (v[i].orphans)
			out_printf(stdout, _(" (%d no longer in any deck)"), v[i].orphans);
		out_printf(stdout, "\n");
	}
	rc = EXIT_OK;
out:
	tag_counts_free(v, n);
	store_close(s);
	return rc;
}

/* The one stable key a case number or key names; prints why not otherwise. */
static char *resolve_case(struct store *s, const char *arg)
{
	struct case_no no;
	struct vt_diag diag;
	char **keys = NULL, *key = NULL;
	size_t n = 0, i;

	if (strchr(arg, '|'))
		return xstrdup(arg);
	if (!scan_case_number(arg, strlen(arg), &no) || no.len != strlen(arg)) {
		out_printf(stderr, _("vedtak: '%s' is not a case number such as 11/21 or a key such as NUFA|11/21|1\n"), arg);
		return NULL;
	}
	if (store_case_keys(s, no.text, &keys, &n, &diag) != VT_OK)
		out_printf(stderr, "vedtak: %s\n", diag.msg);
	else if (!n)
		out_printf(stderr, _("vedtak: no case %s\n"), no.text);
	else if (n > 1) {
		out_printf(stderr, _("vedtak: %s is more than one case; give its key:\n"), no.text);
		for (i = 0; i < n; i++)
			out_printf(stderr, "  %s\n", keys[i]);
	} else
		key = xstrdup(keys[0]);
	free_strings(keys, n);
	return key;
}

static int cmd_note(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c = find_command("note");
	struct strbuf text = STRBUF_INIT;
	struct store *s = NULL;
	struct note *notes = NULL;
	struct vt_diag diag;
	const char *which = NULL, *replaces = NULL;
	char *key = NULL;
	size_t n = 0, i;
	enum vt_status st;
	int k, rc = EXIT_USAGE;

	for (k = 1; k < argc; k++) {
		int r = common_option(cli, c, argc, argv, &k);
		if (r < 0)
			goto out;
		if (r)
			continue;
		if (!strcmp(argv[k], "--replace") && k + 1 < argc)
			replaces = argv[++k];
		else if (!which)
			which = argv[k];
		else
			strbuf_addf(&text, "%s%s", text.len ? " " : "", argv[k]);
	}
	if (!which) {
		out_printf(stderr, "%s vedtak note CASE [--replace ID] [TEXT]\n", _("usage:"));
		goto out;
	}
	rc = EXIT_FAILED;
	if (open_store(cli, &s) != VT_OK || !(key = resolve_case(s, which)))
		goto out;
	if (replaces && !text.len) {
		out_printf(stderr, _("vedtak note: --replace needs the new text\n"));
		rc = EXIT_USAGE;
		goto out;
	}
	if (text.len) {
		if ((st = store_note_add(s, key, text.buf, replaces, cli_author(), &diag)) != VT_OK) {
			out_printf(stderr, "vedtak note: %s\n", diag.msg);
			if (st == VT_ERR_USAGE)
				rc = EXIT_USAGE;
			goto out;
		}
		out_printf(stdout, replaces ? _("note replaced on %s\n") : _("note added to %s\n"), key);
	} else {
		if (store_case_notes(s, key, &notes, &n, &diag) != VT_OK) {
			out_printf(stderr, "vedtak note: %s\n", diag.msg);
			goto out;
		}
		for (i = 0; i < n; i++)
			out_printf(stdout, "%s %s (%s):\n  %s\n", notes[i].at, notes[i].author, notes[i].id, notes[i].text);
	}
	rc = EXIT_OK;
out:
	notes_free(notes, n);
	free(key);
	strbuf_release(&text);
	store_close(s);
	return rc;
}

static int cmd_saved(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c = find_command("saved");
	struct strbuf text = STRBUF_INIT;
	struct store *s = NULL;
	struct saved *v = NULL;
	struct vt_diag diag;
	const char *verb = NULL, *name = NULL;
	size_t n = 0, i;
	int k, rc = EXIT_USAGE;

	for (k = 1; k < argc; k++) {
		int r = common_option(cli, c, argc, argv, &k);
		if (r < 0)
			goto out;
		if (r)
			continue;
		if (!verb)
			verb = argv[k];
		else if (!name)
			name = argv[k];
		else
			strbuf_addf(&text, "%s%s", text.len ? " " : "", argv[k]);
	}
	if (!verb || (strcmp(verb, "list") && !name) || (!strcmp(verb, "add") && !text.len) ||
	    (strcmp(verb, "add") && strcmp(verb, "list") && strcmp(verb, "rm"))) {
		out_printf(stderr, "%s vedtak saved add NAME QUERY | saved list | saved rm NAME\n", _("usage:"));
		goto out;
	}
	if (!strcmp(verb, "add")) {
		struct query *q = NULL;
		if (query_compile(text.buf, &q, &diag) != VT_OK) {
			print_query_error(text.buf, &diag);
			goto out;
		}
		query_free(q);
	}
	rc = EXIT_FAILED;
	if (open_store(cli, &s) != VT_OK)
		goto out;
	if (!strcmp(verb, "add")) {
		enum vt_status st = store_saved_set(s, name, text.buf, cli_author(), &diag);

		if (st != VT_OK) {
			if (st == VT_ERR_USAGE)
				rc = EXIT_USAGE;
			goto fail;
		}
		out_printf(stdout, _("saved %s: %s\n"), name, text.buf);
	} else if (!strcmp(verb, "rm")) {
		if (store_saved_rm(s, name, cli_author(), &diag) != VT_OK)
			goto fail;
		out_printf(stdout, _("removed %s\n"), name);
	} else {
		if (store_saved_list(s, &v, &n, &diag) != VT_OK)
			goto fail;
		for (i = 0; i < n; i++) {
			struct search_opts o = { 0, false, true, 10000 };
			struct search_result res = { NULL, 0, 0, 0 };
			struct query *q = NULL;

			if (query_compile(v[i].query, &q, &diag) == VT_OK && store_search(s, q, &o, &res, &diag) == VT_OK)
				out_printf(stdout, "%s\t%zu\t%s\n", v[i].name, res.total, v[i].query);
			else
				out_printf(stdout, "%s\t?\t%s\n", v[i].name, v[i].query);
			query_free(q);
		}
	}
	rc = EXIT_OK;
	goto out;
fail:
	out_printf(stderr, "vedtak saved: %s\n", diag.msg);
out:
	saved_free(v, n);
	strbuf_release(&text);
	store_close(s);
	return rc;
}

static int cmd_sync(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c = find_command("sync");
	struct strbuf buf = STRBUF_INIT, why = STRBUF_INIT;
	struct store *s = NULL;
	struct vt_diag diag;
	const char *verb = NULL, *file = NULL, *peer = NULL;
	char *data = NULL;
	size_t len = 0, nops = 0;
	int k, rc = EXIT_USAGE;

	for (k = 1; k < argc; k++) {
		int r = common_option(cli, c, argc, argv, &k);
		if (r < 0)
			goto out;
		if (r)
			continue;
		if (!strcmp(argv[k], "--peer") && k + 1 < argc)
			peer = argv[++k];
		else if (!verb)
			verb = argv[k];
		else if (!file)
			file = argv[k];
		else
			goto usage;
	}
	if (!verb || !file || (strcmp(verb, "export") && strcmp(verb, "import")))
		goto usage;
	rc = EXIT_FAILED;
	vt_diag_clear(&diag);
	if (!strcmp(verb, "export")) {
		long long upto;

		if (open_store(cli, &s) != VT_OK)
			goto out;
		if (store_sync_export(s, peer, &buf, &nops, &upto, &diag) != VT_OK) {
			out_printf(stderr, "vedtak sync: %s\n", diag.msg);
			goto out;
		}
		/* The peer's position moves only once the whole file is on the disk. */
		if (!file_replace(file, buf.buf, buf.len, &why)) {
			out_printf(stderr, _("%s: error: %s\n"), file, why.buf);
			goto out;
		}
		if (peer && store_sync_sent(s, peer, upto, &diag) != VT_OK) {
			out_printf(stderr, "vedtak sync: %s\n", diag.msg);
			goto out;
		}
		out_printf(stdout, P_("%s: %zu operation\n", "%s: %zu operations\n", nops), file, nops);
	} else {
		struct sync_counts counts;

		if (!file_read(file, cli->max_file_size, &data, &len, &why)) {
			out_printf(stderr, _("%s: error: %s\n"), file, why.buf);
			goto out;
		}
		if (open_store(cli, &s) != VT_OK)
			goto out;
		if (store_sync_import(s, data, len, peer, &counts, &diag) != VT_OK) {
			print_diag(file, &diag, VT_ERR_FORMAT);
			out_printf(stderr, _("%s: nothing applied\n"), file);
			goto out;
		}
		out_printf(stdout, P_("%s: %zu new operation applied", "%s: %zu new operations applied", counts.applied), file,
		       counts.applied);
		if (counts.pending)
			out_printf(stdout, P_(" (%zu waits for its case to be imported)", " (%zu wait for their cases to be imported)",
				  counts.pending),
			       counts.pending);
		out_printf(stdout, "\n");
	}
	rc = EXIT_OK;
	goto out;
usage:
	out_printf(stderr, "%s vedtak sync export FILE [--peer NAME] | sync import FILE [--peer NAME]\n", _("usage:"));
out:
	free(data);
	strbuf_release(&buf);
	strbuf_release(&why);
	store_close(s);
	return rc;
}

/*
 * The installed tree's share/ folder when this binary was installed with
 * its assets (BIN/../share/vedtak exists), else NULL: a binary in the build
 * tree. The caller frees it.
 */
static char *installed_share_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat sb;
	char *slash, *share, *assets;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	share = xasprintf("%s/../share", exe);
	assets = xasprintf("%s/vedtak", share);
	if (stat(assets, &sb) || !S_ISDIR(sb.st_mode)) {
		free(share);
		share = NULL;
	}
	free(assets);
	return share;
}

char *cli_assets_dir(void)
{
	const char *env = getenv("VEDTAK_ASSETS");
	char *share, *dir;

	if (env && *env)
		return xstrdup(env);
	if (!(share = installed_share_dir()))
		return xstrdup(VEDTAK_SOURCE_ASSETS);
	dir = xasprintf("%s/vedtak", share);
	free(share);
	return dir;
}

char *cli_locale_dir(void)
{
	char *share = installed_share_dir(), *dir;

	if (!share)
		return xstrdup(VEDTAK_BUILD_LOCALEDIR);
	dir = xasprintf("%s/locale", share);
	free(share);
	return dir;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * First start: an empty database gets the bundled sample decks. Returns how
 * many were imported and sets *dir to where they came from (caller frees).
 */
static size_t import_samples(struct store *s, bool quiet, char **from, size_t *found)
{
	char *dir = cli_assets_dir();
	char *samples = xasprintf("%s/samples", dir);
	char **names = NULL;
	size_t n = 0, alloc = 0, i, ok;
	DIR *dh = opendir(samples);
	struct dirent *e;

	while (dh && (e = readdir(dh))) {
		size_t l = strlen(e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".txt")) {
			ALLOC_GROW(names, n + 1, alloc);
			names[n++] = xasprintf("%s/%s", samples, e->d_name);
		}
	}
	if (dh)
		closedir(dh);
	qsort(names, n, sizeof(*names), cmp_str);
	ok = n - import_files(s, (const char *const *)names, n, FILE_MAX_BYTES_DEFAULT, quiet ? IMPORT_SILENT : IMPORT_LOUD);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	*from = samples;
	*found = n;
	return ok;
}

int cli_start(struct cli *cli)
{
	struct store *s = NULL;
	struct vt_diag diag;
	long *ids = NULL;
	size_t n = 0, found = 0, ok = 0;
	char *from = NULL, *status = NULL;
	bool ui = ui_wanted();
	int rc = EXIT_OK;

	if (open_store(cli, &s) != VT_OK)
		return EXIT_FAILED;
	vt_diag_clear(&diag);
	if (store_meeting_ids(s, &ids, &n, &diag) == VT_OK && n == 0 && !cli->readonly) {
		ok = import_samples(s, ui, &from, &found);
		if (!found)
			status = xasprintf(_("No sample decks found in %s"), from);
		else
			status = xasprintf(P_("The database was empty: imported %zu sample deck from %s",
					      "The database was empty: imported %zu sample decks from %s", ok),
					   ok, from);

		if (!ui)
			out_printf(stdout, "vedtak: %s\n\n", status);
		if (ok != found)
			rc = EXIT_FAILED;
	}
	free(ids);
	if (ui)
		rc = ui_run(cli, s, status);
	else if (rc == EXIT_OK)
		rc = each_meeting(s, list_meeting, NULL);
	free(status);
	free(from);
	store_close(s);
	return rc;
}

const struct cli_command cli_commands[] = {
	{ "import", cmd_import, "[--check] [--quiet] [--] FILE|FOLDER...", N_("import decks, notices and minutes (PDF or text; a folder is read for them)"),
	  N_("--check   parse and report each file (summary and warnings), write nothing\n"
	  "--quiet   no summary lines and no progress line; errors and warnings only\n\n"
	  "A folder is read recursively for .pdf and .txt files. What a file is (slide\n"
	  "deck, notice, minutes) comes from its content. Each file is imported in one\n"
	  "transaction: a failure leaves nothing of it in the database and does not stop\n"
	  "the other files. Documents of one meeting (same body and date, or number) join\n"
	  "into one meeting, in any order. Re-importing an unchanged file does nothing; a\n"
	  "changed file replaces what the file of that name gave. One summary line per\n"
	  "file on stdout; warnings on stderr as FILE:LINE: warning: ...; on a terminal, a\n"
	  "progress line (files, MB/s, time left) while a long import runs.\n") },
	{ "list", cmd_list, "", N_("list meetings, newest first, with their cases"), "" },
	{ "show", cmd_show, "NUMBER", N_("show a case in full (all cases with that number)"),
	  N_("NUMBER is a case number such as 11/21. Where minutes record a decision that\n"
	  "differs from the proposal, the words that changed are shown as git diff\n"
	  "--word-diff shows them: in colour on a terminal, [-removed-]{+added+} when piped.\n") },
	{ "search", cmd_search, "[--json] [--count] [--sort relevance|date] [--limit N] QUERY...",
	  N_("search cases: words, \"phrases\", prefix*, OR, -word, fields, /regex/"),
	  N_("--json       results with score, tier and snippet hit offsets (in characters)\n"
	  "--count      print only the number of matching cases\n"
	  "--sort date  newest meeting first instead of by relevance\n"
	  "--limit N    show at most N cases (default 20; 0 for all)\n"
	  "--timeout MS stop a query that runs longer (default 30000)\n\n"
	  "Fields: type: presenter: org: body: case: year: date:FROM..TO title: decision:\n"
	  "slide: amended:yes. See the README for the query language. A malformed query\n"
	  "exits with status 2 and a caret under the problem.\n") },
	{ "tag", cmd_tag, "+TAG... -TAG... [--] QUERY | --undo", N_("add and remove tags on every case a query finds"),
	  N_("Tags are letters (æøå too), digits, - and _, in lower case. Prints how many cases\n"
	  "changed. --undo reverts this machine's last tagging; every change is kept in a\n"
	  "journal with who (VEDTAK_USER, else USER) and when. tag:NAME works in every query.\n") },
	{ "tags", cmd_tags, "", N_("list the tags with their number of cases"), "" },
	{ "note", cmd_note, "CASE [--replace ID] [TEXT]", N_("add a note to a case, edit one, or list its notes"),
	  N_("CASE is a number such as 11/21, or a key such as NUFA|11/21|1 when the number\n"
	  "is not unique. Listing shows each note's id; --replace ID puts the text in\n"
	  "place of that note (the old one is kept in the journal; two edits of one note\n"
	  "made on two machines are both kept).\n") },
	{ "saved", cmd_saved, "add NAME QUERY | list | rm NAME", N_("saved searches, listed with live counts"), "" },
	{ "sync", cmd_sync, "export FILE [--peer NAME] | import FILE [--peer NAME]",
	  N_("exchange tags, notes and saved searches with another machine"),
	  N_("export writes the changes not yet sent to PEER (all of them without --peer);\n"
	  "import applies another machine's file (with --peer, that machine is PEER, and\n"
	  "exports to PEER leave out what came from it). Applying a file twice, or files\n"
	  "in any order, gives the same result; a damaged or foreign file changes nothing.\n") },

	{ "check", cmd_check, "", N_("check the database's integrity and its full-text index"),
	  N_("Also reads each document's kept text again: every case it gave (and every\n"
	  "decision minutes recorded) must be in its meeting.\n"
	  "Exit status 0 when all is well, 1 with the problems listed otherwise.\n") },
	{ "export", cmd_export, "[--format json|jsonl|csv|ics] [QUERY]", N_("print cases and meetings for scripts, spreadsheets and calendars"),
	  N_("With a QUERY, only the cases it finds (and their meetings).\n"
	  "json   {\"meetings\": [...]} with member changes, agenda, cases, presenters, slides\n"
	  "jsonl  one case a line, with its meeting's fields and its tags\n"
	  "csv    one case a row: UTF-8 with a byte-order mark, CRLF line ends, every field\n"
	  "       quoted (RFC 4180), so that spreadsheets read æøå right\n"
	  "ics    the meetings as all-day calendar events with their cases (RFC 5545)\n"
	  "Dates are YYYY-MM-DD; absent values are null (empty in CSV).\n") },
	/* Hidden: no summary, not in --help. */
	{ "complete", cmd_complete, "commands|tags|saved", NULL, NULL },
	{ "man-section", cmd_man_section, "commands|keys", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};
