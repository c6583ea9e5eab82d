/*
 * importer.c: the import pipeline both `vedtak import` and the first start
 * use: a folder stands for the documents in it; a parser thread reads and
 * parses the next files while the main thread stores the current one; one
 * summary line a file, warnings as FILE:LINE, a progress line on a terminal.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/document.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/topics.h"
#include "core/words.h"
#include "core/util.h"
#include "db/store.h"
#include "db/topics.h"
#include "tui/cmd.h"
#include "tui/importer.h"
#include "tui/out.h"
#include "tui/paths.h"
#include "core/banned.h"

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

static void progress_clear(struct progress *p)
{
	if (p->drawn)
		out_control(stderr, "\r\033[K");
	p->drawn = false;
}

static void progress_draw(struct progress *p)
{
	double t = cmd_now(), el = t - p->t0, rate;
	long left;

	if (!p->on || el < PROGRESS_AFTER || (p->drawn && t - p->last < 0.1 && p->files < p->nfiles))
		return;
	rate = el > 0 ? (double)p->done / el : 0;
	left = rate > 0 ? (long)((double)(p->total - p->done) / rate + 0.5) : 0;
	out_control(stderr, "\r\033[K");
	out_printf(stderr, _("vedtak import: %zu/%zu files · %.1f MB/s · %ld:%02ld left"), p->files,
		   p->nfiles, rate / 1e6, left / 60, left % 60);
	fflush(stderr);
	p->drawn = true;
	p->last = t;
}

/*
 * Import runs as a two-stage pipeline: a parser thread reads, hashes and
 * parses the next decks while the main thread stores the current one, so
 * that both cores work. Each job carries the messages its parse produced;
 * the main thread prints them in file order, so output does not depend on
 * timing. The parser runs up to IMPORT_AHEAD bytes of text ahead of the
 * store (and at least one document): the store's work comes in bursts,
 * the indexing at each batch's commit, during which the parser must not
 * stand idle. That bounds memory too.
 */
#define IMPORT_AHEAD (8u << 20)

/*
 * The parser also makes the index's tokens of each case
 * (store_case_lexicon()), and the case's topic keywords from their stems
 * (topic_case_sign()): the store is spared the work, and the words are
 * formed and stemmed once. Not for a document over IMPORT_TOKENS_MAX:
 * they take two to three times its text until the batch is committed,
 * and the store makes them itself, one at a time. Either way the index
 * and the signatures are the same.
 */
#define IMPORT_TOKENS_MAX (4u << 20)

/*
 * Ctrl-C (or SIGTERM) during `vedtak import` (importer_stop_on_signals()):
 * the document being stored is stored, its batch committed and reported,
 * and no further file is read; the parser ends once the document it reads
 * is read. A write waiting for another process's lock gives up waiting. The
 * index is left as a run cut short leaves it, in pieces the next import
 * joins (store.c, merging_plan()). During that settling the signal
 * interrupts SQLite's merge instead, which rolls back whole. The first
 * signal only asks; the handler is then the default again, so that a second
 * one ends the process at once, which a batch open then survives as after a
 * crash: rolled back, nothing of it kept, nothing before it lost.
 * Waits for the parser wake every STOP_POLL_SECONDS to look. The handler
 * may run on any thread: what it touches is atomic.
 */
#define STOP_POLL_SECONDS 0.1

static atomic_int stop_signal;
static _Atomic(struct store *) importing; /* the store of the import running, for the handler */
static atomic_bool settling;		  /* and whether it is settling its index */

static void on_stop_signal(int sig)
{
	struct store *s = atomic_load(&importing);

	atomic_store(&stop_signal, sig);
	/* Atomic stores, and sqlite3_interrupt()'s own, which SQLite's shell calls from its handler too. */
	if (s) {
		store_stop_waiting(s);
		if (atomic_load(&settling))
			store_interrupt(s);
	}
}

void importer_stop_on_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM};
	struct sigaction sa, old;
	size_t k;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	/* SA_RESTART: SQLite's reads and writes go on as if nothing came. */
	sa.sa_flags = SA_RESETHAND | SA_RESTART;
	for (k = 0; k < ARRAY_SIZE(sigs); k++)
		/* A signal the shell ignores for us (a job in the background) stays ignored. */
		if (!sigaction(sigs[k], NULL, &old) && old.sa_handler != SIG_IGN)
			sigaction(sigs[k], &sa, NULL);
}

int importer_stopped(void)
{
	return atomic_load(&stop_signal);
}

/*
 * The main thread stores the documents in batches of one transaction
 * (store_batch_begin()), up to IMPORT_BATCH_BYTES of text or
 * IMPORT_BATCH_SECONDS, and reports each document once its batch is
 * committed: a line printed is a document kept. A crash loses at most the
 * batch being stored, never part of a document, and the same import run
 * again stores what is missing (the rest is "unchanged"). The jobs of a
 * batch are kept until then, to be stored again one by one if it fails.
 */
#define IMPORT_BATCH_BYTES   (8u << 20)
#define IMPORT_BATCH_SECONDS 1.0

/*
 * Near the end, a batch also ends once it holds half the bytes left to
 * import (and at least IMPORT_BATCH_TAIL_MIN): the last batch's commit,
 * where FTS5 writes the batch's index, is the one step nothing overlaps,
 * as the parser is done by then. Halving the batches leaves it short for
 * a few more segments, which the end of the import merges anyway (10 MB
 * of decks: 1.89 -> 1.70 times the bare load; README "Import, stop 41").
 * Below 2 MB the batches' own commits cost more than the last one saves
 * (10 MB, paired against 512 KB: 1 MB 0.97, 2 MB 0.95, 4 MB 0.96; stop 43).
 * The bytes are the files' sizes, taken when the import begins.
 */
#define IMPORT_BATCH_TAIL_MIN (2048u << 10)

struct import_job {
	const char *path;
	long long file_bytes; /* its size when the import began (0: unknown) */
	size_t max_bytes;     /* the largest file read (--max-file-size) */
	struct deck *deck;    /* NULL when the file could not be read or parsed */
	struct strbuf text;   /* the document's text as read, kept by the store */
	struct strbuf report; /* errors and warnings, printed before storing */
	/* What storing it gave, reported once its batch is committed. */
	char *source; /* deck->source as parsed: a rolled-back store may have renamed it */
	enum vt_status st;
	enum import_outcome outcome;
	char *same_as;
	struct strbuf warnings; /* "LINE<TAB>message" lines of store_import_deck() */
	struct vt_diag diag;
	bool ready; /* parsed: the main thread's to store */
};

struct import_queue {
	bool storing;	/* not import --check: what the store derives is made ahead too */
	bool open;	/* importer_run() began: the store is open (parser_thread()) */
	bool cancelled; /* importer_cancel(): the parser stops at its next document */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct import_job *jobs; /* one per file, in order */
	size_t njobs;
	size_t claimed; /* jobs[0..claimed) are being parsed or ready */
	size_t taken;	/* jobs[0..taken) are the main thread's */
	size_t ahead;	/* bytes of text in ready jobs from jobs[taken] on */
};

/*
 * Reads job j's file into a deck. When `storing`, each case's topic
 * signature and lexicon (with its tokens, for a document of
 * IMPORT_TOKENS_MAX or less) are made here too,
 * from the text the parse has in hand, so that they cost the parser's
 * thread and not the store's.
 */
static void parse_job(struct import_job *j, struct wordizer *wz, bool storing)
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
	for (i = 0; storing && i < j->deck->ncases; i++) {
		struct deck_case *c = &j->deck->cases[i];
		struct topic_spots spots[3];
		bool tokens = j->text.len <= IMPORT_TOKENS_MAX;

		memset(spots, 0, sizeof(spots));
		c->lexicon = store_case_lexicon(wz, c, tokens ? spots : NULL);
		c->signature = topic_case_sign(wz, c, c->lexicon->slide_keywords, tokens ? spots : NULL);
		topic_spots_release(&spots[0]);
		topic_spots_release(&spots[1]);
		topic_spots_release(&spots[2]);
	}
out:
	free(data);
	strbuf_release(&why);
}

/* Parses job k, claimed by the caller, and hands it over; called and returns with q->lock held. */
static void parse_claimed(struct import_queue *q, size_t k, struct wordizer *wz)
{
	pthread_mutex_unlock(&q->lock);
	parse_job(&q->jobs[k], wz, q->storing);
	pthread_mutex_lock(&q->lock);
	q->jobs[k].ready = true;
	q->ahead += q->jobs[k].text.len;
	pthread_cond_broadcast(&q->changed);
}

/*
 * Whether the main thread may parse job j itself while it waits, and the
 * parser read it before the store is open: a text file small enough to
 * take a moment (while a batch holds the write lock, or a store that
 * fails to open waits for it). Not a pipe, which may block, nor a PDF,
 * whose library is never run on two threads at once.
 */
#define IMPORT_STEAL_MAX (512u << 10)

static bool stealable(const struct import_job *j)
{
	char head[1024];
	struct stat sb;
	ssize_t n = -1;
	int fd;

	/* Looked at before it is opened: opening a FIFO, even for a moment, lets its writer in. */
	if (stat(j->path, &sb) || !S_ISREG(sb.st_mode) || (size_t)sb.st_size > IMPORT_STEAL_MAX)
		return false;
	if ((fd = open(j->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return false;
	if (!fstat(fd, &sb) && S_ISREG(sb.st_mode) && (size_t)sb.st_size <= IMPORT_STEAL_MAX)
		n = read(fd, head, sizeof(head));
	close(fd);
	return n >= 0 && !document_is_pdf(j->path, head, (size_t)n);
}

static void *parser_thread(void *arg)
{
	struct import_queue *q = arg;
	struct wordizer *wz = wordizer_new();

	pthread_mutex_lock(&q->lock);
	for (;;) {
		while (!q->cancelled && q->claimed < q->njobs && q->claimed > q->taken &&
		       q->ahead >= IMPORT_AHEAD)
			pthread_cond_wait(&q->changed, &q->lock);
		if (q->claimed == q->njobs || q->cancelled)
			break;
		/* Before the store is open, only what the main thread may parse itself: read at
		 * once, a pipe or a terminal would keep a store that fails to open from returning. */
		if (!q->open && !stealable(&q->jobs[q->claimed])) {
			while (!q->open && !q->cancelled)
				pthread_cond_wait(&q->changed, &q->lock);
			continue;
		}
		parse_claimed(q, q->claimed++, wz);
	}
	pthread_mutex_unlock(&q->lock);
	wordizer_free(wz);
	return NULL;
}

/* Stores one parsed job (`s` NULL: import --check), keeping the outcome for report_job(). */
static void store_job(struct store *s, struct import_job *j)
{
	free(j->same_as);
	j->same_as = NULL;
	strbuf_reset(&j->warnings);
	vt_diag_clear(&j->diag);
	j->outcome = IMPORT_NEW;
	if (j->deck && j->deck->source) {
		if (!j->source) {
			j->source = xstrdup(j->deck->source);
		} else {
			deck_rename(j->deck, j->source);
		}
	}
	j->st = j->deck && s ? store_import_deck(s, j->deck, j->text.buf, j->text.len, &j->outcome,
						 &j->same_as, &j->warnings, &j->diag)
			     : VT_OK;
}

/*
 * Prints a stored job's summary line and messages; returns true on success
 * (including "unchanged"). `voice`: IMPORT_SILENT prints nothing,
 * IMPORT_QUIET errors and warnings only.
 */
static bool report_job(const struct store *s, struct import_job *j, enum import_voice voice,
		       struct progress *pr)
{
	bool quiet = voice == IMPORT_SILENT;
	struct deck *d = j->deck;
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
	if (quiet)
		return j->st == VT_OK;
	/* Where this document and another of its meeting disagree. */
	if (j->warnings.len || j->st != VT_OK || (voice == IMPORT_LOUD && isatty(STDOUT_FILENO)))
		progress_clear(pr);
	for (w = j->warnings.buf; *w; w++)
		nwarn += *w == '\n';
	for (w = j->warnings.buf; *w;) {
		const char *tab = strchr(w, '\t'), *nl = strchr(w, '\n');
		if (!tab || !nl)
			break;
		out_printf(stderr, _("%s:%ld: warning: %.*s\n"), j->path, strtol(w, NULL, 10),
			   (int)(nl - tab - 1), tab + 1);
		w = nl + 1;
	}
	if (j->st != VT_OK) {
		cmd_print_diag(j->path, &j->diag, j->st);
		out_printf(stderr, _("%s: nothing imported\n"), j->path);
		return false;
	}
	if (voice == IMPORT_QUIET)
		return true;
	out_printf(stdout, "%s: %s ", j->path, d->body ? d->body : _("unknown body"));
	cmd_print_dates(stdout, d);
	out_printf(stdout, ", %s: ", d->venue ? d->venue : _("venue unknown"));
	out_printf(stdout, P_("%zu case", "%zu cases", d->ncases), d->ncases);
	out_printf(stdout, ", ");
	out_printf(stdout, P_("%zu warning", "%zu warnings", nwarn), nwarn);
	if (!s)
		out_printf(stdout, " (%s)\n", _("checked, not imported"));
	else if (j->outcome == IMPORT_UNCHANGED && j->same_as)
		out_printf(stdout, _(" (unchanged: already imported as %s)\n"), j->same_as);
	else
		out_printf(stdout, " (%s)\n",
			   j->outcome == IMPORT_NEW	   ? _("new")
			   : j->outcome == IMPORT_REPLACED ? _("replaced")
			   : j->outcome == IMPORT_JOINED   ? _("joined to its meeting's other documents")
							   : _("unchanged"));
	return true;
}

struct import_run {
	struct store *s;
	struct import_queue *q;
	struct wordizer *wz; /* the main thread's, for the documents it parses */
	enum import_voice voice;
	struct progress pr;
	size_t failed;
};

static void job_release(struct import_job *j)
{
	deck_free(j->deck);
	j->deck = NULL;
	free(j->same_as);
	j->same_as = NULL;
	free(j->source);
	j->source = NULL;
	strbuf_release(&j->report);
	strbuf_release(&j->text);
	strbuf_release(&j->warnings);
}

/* Reports jobs [from, to) and frees them. */
static void finish_jobs(struct import_run *r, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		struct import_job *j = &r->q->jobs[i];

		r->failed += !report_job(r->s, j, r->voice, &r->pr);
		if (r->pr.on) {
			fflush(stdout); /* before the progress line on stderr */
			r->pr.done += j->file_bytes;
			r->pr.files = i + 1;
			progress_draw(&r->pr);
		}
		job_release(j);
	}
	/* Kept now: said now, also down a pipe. */
	fflush(stdout);
}

/* Jobs [from, to) of a batch that was rolled back, each stored again on its own. */
static void store_again(struct import_run *r, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		store_job(r->s, &r->q->jobs[i]);
		finish_jobs(r, i, i + 1);
	}
}

/* Commits the batch of jobs [from, to) and reports them; a batch that fails to commit is rolled back. */
static void end_batch(struct import_run *r, size_t from, size_t to)
{
	struct vt_diag diag;

	if (store_batch_commit(r->s, &diag) == VT_OK)
		finish_jobs(r, from, to);
	else
		store_again(r, from, to);
}

/*
 * Waits for job i to be parsed. The parser is the slower stage of the two
 * for plain text, so meanwhile the main thread parses the next document
 * no thread has begun (a second of every ten went to this wait at 100 MB).
 * A batch open meanwhile is committed once it
 * is IMPORT_BATCH_SECONDS old, so that a document slow to read (a large
 * PDF) neither holds the database's write lock nor the lines of the
 * documents before it. Returns whether the batch is still open.
 */
static bool wait_parsed(struct import_run *r, size_t i, bool batch, size_t first, double batch_t0)
{
	struct import_queue *q = r->q;

	pthread_mutex_lock(&q->lock);
	while (!q->jobs[i].ready && !atomic_load(&stop_signal)) {
		double until = batch_t0 + IMPORT_BATCH_SECONDS, wake = cmd_now() + STOP_POLL_SECONDS;
		struct timespec ts;

		/* Not past the batch's deadline: then it is committed first, as below. */
		if (q->claimed < q->njobs && q->ahead < IMPORT_AHEAD && (!batch || cmd_now() < until) &&
		    stealable(&q->jobs[q->claimed])) {
			if (!r->wz)
				r->wz = wordizer_new();
			parse_claimed(q, q->claimed++, r->wz);
			continue;
		}
		if (batch && until < wake)
			wake = until;
		ts.tv_sec = (time_t)wake;
		ts.tv_nsec = (long)((wake - (double)(time_t)wake) * 1e9);
		if (pthread_cond_timedwait(&q->changed, &q->lock, &ts) == ETIMEDOUT && batch &&
		    !q->jobs[i].ready && cmd_now() >= until) {
			pthread_mutex_unlock(&q->lock);
			end_batch(r, first, i);
			batch = false;
			pthread_mutex_lock(&q->lock);
		}
	}
	pthread_mutex_unlock(&q->lock);
	return batch;
}

/*
 * What importer_begin() set going: the files' jobs, and the parser's
 * thread reading them ahead.
 */
struct import_ahead {
	struct import_queue q;
	pthread_t tid;
	bool threaded;
	long long bytes; /* the files' sizes when the import began */
};

struct import_ahead *importer_begin(const char *const *paths, size_t n, size_t max_bytes, bool storing)
{
	struct import_ahead *a = xcalloc(1, sizeof(*a));
	struct import_queue *q = &a->q;
	pthread_condattr_t attr;
	size_t i;

	pthread_mutex_init(&q->lock, NULL);
	/* On cmd_now()'s clock, for wait_parsed()'s deadline. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&q->changed, &attr);
	pthread_condattr_destroy(&attr);
	q->jobs = xcalloc(n ? n : 1, sizeof(*q->jobs));
	q->njobs = n;
	q->storing = storing;
	for (i = 0; i < n; i++) {
		struct stat sb;
		if (!stat(paths[i], &sb) && S_ISREG(sb.st_mode))
			q->jobs[i].file_bytes = (long long)sb.st_size;
		a->bytes += q->jobs[i].file_bytes;
		q->jobs[i].path = paths[i];
		q->jobs[i].max_bytes = max_bytes;
		strbuf_init(&q->jobs[i].report, 0);
		strbuf_init(&q->jobs[i].text, 0);
		strbuf_init(&q->jobs[i].warnings, 0);
	}
	a->threaded = !pthread_create(&a->tid, NULL, parser_thread, q);
	return a;
}

/* Joins the parser's thread and frees `a` with the jobs parsed and not stored. */
static void import_ahead_free(struct import_ahead *a)
{
	size_t i;

	if (a->threaded)
		pthread_join(a->tid, NULL);
	for (i = a->q.taken; i < a->q.claimed; i++)
		job_release(&a->q.jobs[i]);
	pthread_cond_destroy(&a->q.changed);
	pthread_mutex_destroy(&a->q.lock);
	free(a->q.jobs);
	free(a);
}

void importer_cancel(struct import_ahead *a)
{
	if (!a)
		return;
	pthread_mutex_lock(&a->q.lock);
	a->q.cancelled = true;
	pthread_cond_broadcast(&a->q.changed);
	pthread_mutex_unlock(&a->q.lock);
	import_ahead_free(a);
}

size_t importer_run(struct import_ahead *a, struct store *s, enum import_voice voice)
{
	struct import_queue *q = &a->q;
	struct import_run r = {s, q, NULL, voice, {0}, 0};
	bool threaded = a->threaded, batch = false;
	struct wordizer *wz = NULL;
	size_t i, first = 0, batch_bytes = 0, n = q->njobs;
	long long batch_file_bytes = 0, left = a->bytes; /* left: file bytes after job i */
	double batch_t0 = 0;

	r.pr.on = voice == IMPORT_LOUD && n > 1 && isatty(STDERR_FILENO);
	r.pr.t0 = cmd_now(); /* not the parser's start: the store may have waited for another writer */
	pthread_mutex_lock(&q->lock);
	q->open = true;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
	r.pr.nfiles = n;
	r.pr.total = left;
	if (!threaded)
		wz = wordizer_new();
	atomic_store(&importing, s);
	for (i = 0; i < n && !atomic_load(&stop_signal); i++) {
		struct import_job *j = &q->jobs[i];

		if (threaded) {
			batch = wait_parsed(&r, i, batch, first, batch_t0);
		} else {
			/* No thread to be had: one stage after the other. */
			parse_job(j, wz, q->storing);
		}
		/* A batch that cannot begin leaves each document its own transaction. */
		if (s && j->deck && !batch && !atomic_load(&stop_signal) &&
		    store_batch_begin(s, &j->diag) == VT_OK) {
			batch = true;
			first = i;
			batch_bytes = 0;
			batch_file_bytes = 0;
			batch_t0 = cmd_now();
		}
		/* Stopped while waiting for it, or for the lock: job i is not stored. */
		if (atomic_load(&stop_signal))
			break;
		store_job(s, j);
		left -= j->file_bytes;
		pthread_mutex_lock(&q->lock);
		q->taken = i + 1;
		if (threaded)
			q->ahead -= j->text.len;
		pthread_cond_broadcast(&q->changed);
		pthread_mutex_unlock(&q->lock);
		if (!batch) {
			finish_jobs(&r, i, i + 1);
			continue;
		}
		batch_bytes += j->text.len;
		batch_file_bytes += j->file_bytes;
		if (j->st != VT_OK) {
			store_again(&r, first, i + 1); /* the batch is gone: each document on its own */
			batch = false;
		} else if (i + 1 == n || batch_bytes >= IMPORT_BATCH_BYTES ||
			   (batch_file_bytes >= IMPORT_BATCH_TAIL_MIN && 2 * batch_file_bytes >= left) ||
			   cmd_now() - batch_t0 >= IMPORT_BATCH_SECONDS) {
			end_batch(&r, first, i + 1);
			batch = false;
		}
	}
	if (atomic_load(&stop_signal) && i < n) {
		if (batch)
			end_batch(&r, first, i);
		progress_clear(&r.pr);
		/* Said before the parser is waited for: a pipe it reads may keep it till a second signal. */
		if (voice != IMPORT_SILENT && s)
			out_printf(stderr,
				   P_("vedtak import: interrupted after %zu of %zu file: the same import "
				      "again imports the rest\n",
				      "vedtak import: interrupted after %zu of %zu files: the same import "
				      "again imports the rest\n",
				      n),
				   i, n);
		else if (voice != IMPORT_SILENT)
			out_printf(stderr,
				   P_("vedtak import: interrupted after %zu of %zu file checked\n",
				      "vedtak import: interrupted after %zu of %zu files checked\n", n),
				   i, n);
		pthread_mutex_lock(&q->lock);
		q->cancelled = true;
		pthread_cond_broadcast(&q->changed);
		pthread_mutex_unlock(&q->lock);
	}
	import_ahead_free(a); /* the parser is done: it has no job left */
	wordizer_free(wz);
	wordizer_free(r.wz);
	progress_clear(&r.pr);
	/* Once for the whole import, not per document: topics span the archive. */
	if (s && i == n) {
		struct topics_regroup *regroup = NULL;
		struct vt_diag diag;
		enum vt_status st = VT_OK;
		bool settled = false;

		/* Told before it is asked: a signal between the two would find no one settling. */
		atomic_store(&settling, true);
		if (!atomic_load(&stop_signal)) {
			store_settle_begin(s);
			st = store_topics_regroup_begin(s, &regroup, &diag);
			/* The documents are in: an index left in pieces is slower, not wrong. */
			if (st == VT_OK && !(settled = store_settle_index(s, &diag) == VT_OK) &&
			    !atomic_load(&stop_signal) && voice != IMPORT_SILENT)
				out_printf(stderr, _("vedtak: warning: %s (the documents are imported)\n"),
					   diag.msg);
		}
		atomic_store(&settling, false);
		/* Asked to stop: the topics are grouped again by the next import, as the index is merged;
		 * what the signal cut short (the grouping's reading too) is no failure of a file. */
		if (atomic_load(&stop_signal))
			store_topics_regroup_abandon(regroup);
		else if (st == VT_OK)
			st = store_topics_regroup_end(s, regroup, &diag);
		if (st != VT_OK && !atomic_load(&stop_signal)) {
			if (voice != IMPORT_SILENT)
				cmd_print_diag(NULL, &diag, st);
			r.failed++;
		}
		/* Before or while the index settled: the next import settles it (store_settle_index()). */
		if (atomic_load(&stop_signal) && !settled && voice != IMPORT_SILENT)
			out_printf(stderr,
				   _("vedtak import: interrupted: every file is imported, and the next "
				     "import finishes the index\n"));
	}
	atomic_store(&importing, NULL);
	return r.failed;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder being read, and the one it is in (NULL: the one named). */
struct folder_up {
	dev_t dev;
	ino_t ino;
	const struct folder_up *up;
};

/*
 * Adds the PDF and text files under folder `dir` to *v, recursively, each
 * folder's in name order; hidden entries are skipped, and so are files
 * that are not regular files: a pipe named .txt would wait for a writer
 * that never comes. A folder that cannot be read is reported and skipped,
 * and so is a link back to a folder it is in, which was followed 32 deep.
 */
static void add_folder(const char *dir, char ***v, size_t *n, size_t *alloc, int depth,
		       const struct folder_up *up)
{
	struct folder_up here = {0, 0, up};
	struct dirent *e;
	char **found = NULL;
	size_t nfound = 0, falloc = 0, i;
	struct stat sb;
	DIR *d;

	if (!stat(dir, &sb)) {
		const struct folder_up *f;

		here.dev = sb.st_dev;
		here.ino = sb.st_ino;
		for (f = up; f; f = f->up)
			if (f->dev == sb.st_dev && f->ino == sb.st_ino) {
				out_printf(stderr, _("%s: skipped: it leads back to a folder it is in\n"),
					   dir);
				return;
			}
	}
	d = depth < 32 ? opendir(dir) : NULL;
	if (!d) {
		out_printf(stderr, _("%s: error: cannot read the folder: %s\n"), dir, strerror(errno));
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		ALLOC_GROW(found, nfound + 1, falloc);
		found[nfound++] = xasprintf(
		    "%.*s/%s", (int)(strlen(dir) - (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')), dir,
		    e->d_name);
	}
	closedir(d);
	qsort(found, nfound, sizeof(*found), cmp_str);
	for (i = 0; i < nfound; i++) {
		size_t l = strlen(found[i]);

		int st = stat(found[i], &sb);

		if (!st && S_ISDIR(sb.st_mode)) {
			add_folder(found[i], v, n, alloc, depth + 1, &here);
			free(found[i]);
		} else if (l > 4 && (st || S_ISREG(sb.st_mode)) &&
			   (!strcasecmp(found[i] + l - 4, ".pdf") || !strcasecmp(found[i] + l - 4, ".txt"))) {
			ALLOC_GROW(*v, *n + 1, *alloc);
			(*v)[(*n)++] = found[i];
		} else {
			free(found[i]);
		}
	}
	free(found);
}

bool importer_expand(const char *const *paths, size_t n, char ***out, size_t *nout)
{
	size_t k, alloc = 0;
	bool ok = true;

	*out = NULL;
	*nout = 0;
	for (k = 0; k < n; k++) {
		struct stat sb;

		if (!stat(paths[k], &sb) && S_ISDIR(sb.st_mode)) {
			size_t before = *nout;

			add_folder(paths[k], out, nout, &alloc, 0, NULL);
			if (*nout == before) {
				out_printf(stderr, _("%s: error: no PDF or text file in this folder\n"),
					   paths[k]);
				ok = false;
			}
		} else {
			ALLOC_GROW(*out, *nout + 1, alloc);
			(*out)[(*nout)++] = xstrdup(paths[k]);
		}
	}
	return ok;
}

/*
 * First start: an empty database gets the bundled sample decks. Returns how
 * many were imported and sets *dir to where they came from (caller frees).
 */
size_t importer_samples(struct store *s, bool quiet, char **from, size_t *found)
{
	char *dir = paths_assets();
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
	ok = n - importer_run(importer_begin((const char *const *)names, n, FILE_MAX_BYTES_DEFAULT, true), s,
			      quiet ? IMPORT_SILENT : IMPORT_LOUD);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	*from = samples;
	*found = n;
	return ok;
}
