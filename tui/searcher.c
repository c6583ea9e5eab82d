/*
 * searcher.c: the UI's background search worker.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "core/i18n.h"
#include "db/outside.h"
#include "db/search.h"
#include "tui/searcher.h"
#include "tui/terms.h"
#include "core/util.h"
#include "core/banned.h"

/* A query still running after this long is stopped: the UI shows why. */
#define DEADLINE_MS 5000

struct searcher {
	struct store *store;
	pthread_t tid;
	pthread_mutex_t lock;
	pthread_cond_t wake, done;
	bool quit;
	/* The request waiting to run, if any. */
	char *text;
	bool by_date, requested;
	size_t limit;
	unsigned long gen;     /* of the newest request */
	unsigned long running; /* gen being searched, 0 when idle */
	/* The newest finished result, until polled. */
	struct searcher_result result;
	bool ready;
};

/* How many meetings the status line names whose text outside the cases has the words. */
#define OUTSIDE_NAMED 3

/*
 * When no case has every word: the meetings whose text outside their
 * cases has them (db/outside.h), for the status line: "outside the
 * cases of 2 meetings: 2024-04-24 NUFA, 2021-04-21 NUFA"; nothing when none.
 */
static void note_outside(struct store *store, const struct query *q, struct strbuf *note)
{
	struct outside_hit *v = NULL;
	size_t n = 0, total = 0, i;
	struct vt_diag diag;

	if (store_search_outside(store, q, OUTSIDE_NAMED, &v, &n, &total, &diag) != VT_OK || !total)
		goto out;
	strbuf_addf(note,
		    P_("outside the cases of %zu meeting: ", "outside the cases of %zu meetings: ", total),
		    total);
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(note, ", ");
		if (v[i].date)
			date_human(note, v[i].date, NULL, true);
		strbuf_addf(note, "%s%s", v[i].date ? " " : "", v[i].body ? v[i].body : "?");
	}
	if (total > n)
		strbuf_addstr(note, ", …");
out:
	outside_hits_free(v, n);
}

static void result_release(struct searcher_result *r)
{
	case_rows_free(r->rows, r->nrows);
	query_free(r->q);
	free(r->highlight);
	memset(r, 0, sizeof(*r));
}

void searcher_search(struct store *store, struct query *q, bool by_date, size_t limit,
		     struct searcher_result *r)
{
	struct search_opts o = {.limit = limit, .by_date = by_date, .deadline_ms = DEADLINE_MS, .mend = true};
	struct search_result res = {0};
	struct strbuf note = STRBUF_INIT, outside = STRBUF_INIT;
	struct vt_diag diag;
	long *ids = NULL;
	size_t i;

	vt_diag_clear(&diag);
	if (store_search(store, q, &o, &res, &diag) != VT_OK) {
		snprintf(r->error, sizeof(r->error), "%s", diag.msg);
		goto out;
	}
	if (store_interrupted(store))
		goto out; /* stale: its rows would only be thrown away */
	ids = xcalloc(res.nhits + 1, sizeof(*ids));
	for (i = 0; i < res.nhits; i++)
		ids[i] = res.hits[i].case_id;
	if (store_case_rows(store, ids, res.nhits, &r->rows, &diag) != VT_OK) {
		snprintf(r->error, sizeof(r->error), "%s", diag.msg);
		goto out;
	}
	r->nrows = res.nhits;
	r->total = res.total;
	if (!res.total || res.relaxed)
		note_outside(store, q, &outside);
	if (outside.len) {
		/* "found nowhere" would say what the note denies. */
		free(res.missing);
		res.missing = NULL;
	}
	search_result_describe(&res, &note);
	if (outside.len) {
		strbuf_addstr(&note, note.len ? " · " : "");
		strbuf_add(&note, outside.buf, outside.len);
	}
	r->highlight = res.highlight;
	res.highlight = NULL;
	r->relaxed = res.relaxed;
	snprintf(r->note, sizeof(r->note), "%s", note.len ? note.buf : "");
out:
	free(ids);
	strbuf_release(&note);
	strbuf_release(&outside);
	search_result_release(&res);
}

static void run(struct searcher *s, const char *text, bool by_date, size_t limit, struct searcher_result *r)
{
	struct query *q = NULL;
	struct vt_diag diag;

	vt_diag_clear(&diag);
	if (query_compile(text, &q, &diag) != VT_OK) {
		snprintf(r->error, sizeof(r->error), "%s", diag.msg);
		return;
	}
	searcher_search(s->store, q, by_date, limit, r);
	r->q = q; /* as searched: the words read as facets, misspellings mended */
}

static void *worker(void *arg)
{
	struct searcher *s = arg;

	pthread_mutex_lock(&s->lock);
	while (!s->quit) {
		struct searcher_result r;
		char *text;
		bool by_date;
		size_t limit;
		unsigned long gen;

		if (!s->requested) {
			pthread_cond_wait(&s->wake, &s->lock);
			continue;
		}
		text = s->text;
		s->text = NULL;
		by_date = s->by_date;
		limit = s->limit;
		gen = s->gen;
		s->requested = false;
		s->running = gen;
		/* Under the lock that searcher_request interrupts under: no stop is lost or stale. */
		store_interrupt_clear(s->store);
		pthread_mutex_unlock(&s->lock);

		memset(&r, 0, sizeof(r));
		r.gen = gen;
		run(s, text, by_date, limit, &r);
		free(text);

		pthread_mutex_lock(&s->lock);
		s->running = 0;
		if (gen == s->gen) {
			result_release(&s->result);
			s->result = r;
			s->ready = true;
			pthread_cond_broadcast(&s->done);
		} else {
			result_release(&r); /* stale: a newer request came while this ran */
		}
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

enum vt_status searcher_new(const char *path, struct searcher **out, struct vt_diag *diag)
{
	struct searcher *s = xcalloc(1, sizeof(*s));
	enum vt_status st;

	*out = NULL;
	st = store_open(path, true, &s->store, diag);
	if (st == VT_OK && (st = terms_load(s->store, diag)) != VT_OK)
		store_close(s->store);
	if (st != VT_OK) {
		free(s);
		return st;
	}
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->wake, NULL);
	pthread_cond_init(&s->done, NULL);
	if (pthread_create(&s->tid, NULL, worker, s)) {
		store_close(s->store);
		pthread_mutex_destroy(&s->lock);
		pthread_cond_destroy(&s->wake);
		pthread_cond_destroy(&s->done);
		free(s);
		return vt_fail(diag, VT_ERR_IO, 0, _("cannot start the search thread"));
	}
	*out = s;
	return VT_OK;
}

void searcher_free(struct searcher *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->quit = true;
	if (s->running)
		store_interrupt(s->store);
	pthread_cond_broadcast(&s->wake);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->tid, NULL);
	free(s->text);
	result_release(&s->result);
	store_close(s->store);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->wake);
	pthread_cond_destroy(&s->done);
	free(s);
}

void searcher_request(struct searcher *s, const char *text, bool by_date, size_t limit, unsigned long gen)
{
	pthread_mutex_lock(&s->lock);
	free(s->text);
	s->text = xstrdup(text);
	s->by_date = by_date;
	s->limit = limit;
	s->gen = gen;
	s->requested = true;
	if (s->running)
		store_interrupt(s->store); /* the running search is stale now */
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
}

bool searcher_poll(struct searcher *s, struct searcher_result *out)
{
	bool ready;

	pthread_mutex_lock(&s->lock);
	ready = s->ready && s->result.gen == s->gen;
	if (ready) {
		*out = s->result;
		memset(&s->result, 0, sizeof(s->result));
		s->ready = false;
	}
	pthread_mutex_unlock(&s->lock);
	return ready;
}

void searcher_wait(struct searcher *s, struct searcher_result *out)
{
	pthread_mutex_lock(&s->lock);
	while (!(s->ready && s->result.gen == s->gen))
		pthread_cond_wait(&s->done, &s->lock);
	*out = s->result;
	memset(&s->result, 0, sizeof(s->result));
	s->ready = false;
	pthread_mutex_unlock(&s->lock);
}
