/*
 * caseset.c: bitmaps of case ids, filled from the full-text index or from
 * any query of case ids, and the first page of a search put in order from
 * one (caseset.h). Only the
 * cases that can reach the page are given their meeting's date: a few by
 * looking each up, many by walking the meetings down their date index
 * until the page is full.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/caseset.h"
#include "db/rank.h"
#include "db/store_db.h"
#include "core/util.h"
#include "core/banned.h"

void caseset_init(struct caseset *s, size_t upper)
{
	s->nwords = upper / 64 + 1;
	s->bits = xcalloc(s->nwords, sizeof(*s->bits));
}

void caseset_release(struct caseset *s)
{
	free(s->bits);
	s->bits = NULL;
	s->nwords = 0;
}

bool caseset_has(const struct caseset *s, long id)
{
	return id >= 0 && (size_t)id / 64 < s->nwords && (s->bits[id / 64] >> (id % 64) & 1);
}

long caseset_next(const struct caseset *s, long id)
{
	size_t at = (size_t)(id + 1), w = at / 64;
	uint64_t bits;

	if (w >= s->nwords)
		return -1;
	for (bits = s->bits[w] & (~UINT64_C(0) << (at % 64)); !bits; bits = s->bits[w])
		if (++w >= s->nwords)
			return -1;
	return (long)(w * 64 + (size_t)__builtin_ctzll(bits));
}

bool caseset_bounds(const struct caseset *s, long *lo, long *hi)
{
	size_t w = s->nwords;

	while (w > 0 && !s->bits[w - 1])
		w--;
	if (!w)
		return false;
	*lo = caseset_next(s, -1);
	*hi = (long)((w - 1) * 64 + 63 - (size_t)__builtin_clzll(s->bits[w - 1]));
	return true;
}

static void caseset_add(struct caseset *s, long id)
{
	if (id >= 0 && (size_t)id / 64 < s->nwords)
		s->bits[id / 64] |= UINT64_C(1) << (id % 64);
}

static void caseset_remove(struct caseset *s, long id)
{
	if (id >= 0 && (size_t)id / 64 < s->nwords)
		s->bits[id / 64] &= ~(UINT64_C(1) << (id % 64));
}

size_t caseset_count(const struct caseset *s)
{
	size_t n = 0, i;

	for (i = 0; i < s->nwords; i++)
		n += (size_t)__builtin_popcountll(s->bits[i]);
	return n;
}

void caseset_and(struct caseset *a, const struct caseset *b)
{
	size_t i;

	for (i = 0; i < a->nwords; i++)
		a->bits[i] &= i < b->nwords ? b->bits[i] : 0;
}

void caseset_and_not(struct caseset *a, const struct caseset *b)
{
	size_t i;

	for (i = 0; i < a->nwords && i < b->nwords; i++)
		a->bits[i] &= ~b->bits[i];
}

void caseset_or(struct caseset *a, const struct caseset *b)
{
	size_t i;

	for (i = 0; i < a->nwords && i < b->nwords; i++)
		a->bits[i] |= b->bits[i];
}

void caseset_count_into(const struct caseset *s, unsigned char *counts, size_t n)
{
	long id;

	for (id = caseset_next(s, -1); id >= 0 && (size_t)id < n; id = caseset_next(s, id))
		if (counts[id] < 255)
			counts[id]++;
}

int caseset_add_rows(sqlite3_stmt *st, struct caseset *s)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		caseset_add(s, (long)sqlite3_column_int64(st, 0));
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Work for the second core: one half of the ids of a read, on the store's
 * second connection, in a thread of its own (store_read_halves()). FTS5
 * enters each posting list at the half's first id, so the halves share
 * the reading evenly where the matches are spread over the archive, as a
 * common word's are.
 */
struct half {
	struct range_read rr; /* first: a half is its range_read */
	sqlite3 *db;
	long lo, hi;
	int (*read)(struct half *h);
	/* caseset_add_match, or with `in_strong` caseset_add_strong_match */
	const char *expr;
	bool in_strong;
	struct caseset set;
	/* scan_strong */
	const char *plan, *hint;
	const struct caseset *found;
	struct scanned {
		struct placed *v;
		size_t n, alloc;
	} strong, parts;
};

static int half_read(struct range_read *rr, sqlite3 *db, long lo, long hi)
{
	struct half *h = (struct half *)rr;

	h->db = db;
	h->lo = lo;
	h->hi = hi;
	return h->read(h);
}

static void half_forget(struct range_read *rr)
{
	struct half *h = (struct half *)rr;

	if (h->set.bits)
		memset(h->set.bits, 0, h->set.nwords * sizeof(*h->set.bits));
	h->strong.n = h->parts.n = 0;
}

static int halves(struct store *s, long lo, long hi, struct half *first, struct half *second)
{
	first->rr = second->rr = (struct range_read){half_read, half_forget, SQLITE_OK};
	return store_read_halves(s, lo, hi, &first->rr, &second->rr);
}

static int read_match_range(struct half *h)
{
	sqlite3_stmt *st = NULL;
	int rc;

	/* FTS5 takes the rowid range into its reading: each posting list is entered at lo. */
	rc = sqlite3_prepare_v2(
	    h->db,
	    h->in_strong
		? "SELECT rowid FROM strong_fts WHERE strong_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
		: "SELECT rowid FROM case_fts WHERE case_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
	    -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_bind_text(st, 1, h->expr, -1, SQLITE_STATIC)) == SQLITE_OK &&
	    (rc = sqlite3_bind_int64(st, 2, h->lo)) == SQLITE_OK &&
	    (rc = sqlite3_bind_int64(st, 3, h->hi)) == SQLITE_OK)
		rc = caseset_add_rows(st, &h->set);
	sqlite3_finalize(st);
	return rc;
}

static int add_match(struct store *store, bool strong, const char *expr, long lo, long hi, struct caseset *s)
{
	long top = (long)(s->nwords * 64) - 1;
	struct half first = {.read = read_match_range, .expr = expr, .in_strong = strong}, second = first;
	int rc;

	caseset_init(&second.set, (size_t)top);
	first.set = *s; /* the first half is read into s itself */
	rc = halves(store, lo, hi < top ? hi : top, &first, &second);
	caseset_or(s, &second.set);
	caseset_release(&second.set);
	return rc;
}

int caseset_add_match(struct store *store, const char *expr, long lo, long hi, struct caseset *s)
{
	return add_match(store, false, expr, lo, hi, s);
}

int caseset_add_strong_match(struct store *store, const char *expr, long lo, long hi, struct caseset *s)
{
	return add_match(store, true, expr, lo, hi, s);
}

/* A case on its way to the page: what orders it. */
struct placed {
	long id, meeting_id;
	int position, tier;
	double score;
	char *date; /* the meeting's start date; NULL sorts last, as in SQL's DESC */
};

struct placing {
	sqlite3 *db;
	size_t upper; /* the sets' bound: about how many cases there are */
	sqlite3_stmt *lookup, *walk;
	bool clustered;	  /* caseset_page's: the members may lie together in the walk */
	struct placed *v; /* the page so far, in order */
	size_t n, alloc, limit;
};

/*
 * A step down the walk of every case by date costs about a tenth of
 * looking one case up; a walk given up after 8 steps a case costs at worst
 * 1.8 times the lookups alone.
 */
#define WALK_STEPS_PER_LOOKUP 8

static int newest_cmp(const struct placed *a, const struct placed *b)
{
	int c;

	if (!a->date != !b->date)
		return a->date ? -1 : 1;
	if (a->date && (c = strcmp(b->date, a->date)) != 0)
		return c;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static int placed_cmp(const void *pa, const void *pb)
{
	const struct placed *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return newest_cmp(a, b);
}

static int score_cmp(const void *pa, const void *pb)
{
	const struct placed *a = pa, *b = pb;

	return (a->score < b->score) - (a->score > b->score);
}

/* Fills p's meeting, position and date from its row; *found false when the case is gone. */
static int look_up(struct placing *pl, struct placed *p, bool *found)
{
	int rc;

	sqlite3_reset(pl->lookup);
	sqlite3_bind_int64(pl->lookup, 1, p->id);
	rc = sqlite3_step(pl->lookup);
	*found = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	p->meeting_id = (long)sqlite3_column_int64(pl->lookup, 0);
	p->position = sqlite3_column_int(pl->lookup, 1);
	p->date = sqlite3_column_type(pl->lookup, 2) == SQLITE_NULL
		      ? NULL
		      : xstrdup((const char *)sqlite3_column_text(pl->lookup, 2));
	return SQLITE_OK;
}

static void page_add(struct placing *pl, const struct placed *p)
{
	ALLOC_GROW(pl->v, pl->n + 1, pl->alloc);
	pl->v[pl->n++] = *p;
}

/*
 * Adds the cases v[0..n) (of one score, or ordered by date alone), each
 * looked up, in their order, as far as the page has room. Takes the
 * dates it reads; frees those that do not reach the page.
 */
static int add_looked_up(struct placing *pl, struct placed *v, size_t n)
{
	size_t i, kept = 0;
	int rc = SQLITE_OK;
	bool found;

	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		rc = look_up(pl, &v[i], &found);
		if (rc == SQLITE_OK && found)
			v[kept++] = v[i];
	}
	if (rc == SQLITE_OK)
		qsort(v, kept, sizeof(*v), placed_cmp);
	for (i = 0; i < kept; i++) {
		if (rc == SQLITE_OK && pl->n < pl->limit)
			page_add(pl, &v[i]);
		else
			free(v[i].date);
	}
	return rc;
}

static int id_cmp(const void *pa, const void *pb)
{
	const struct placed *a = pa, *b = pb;

	return (a->id > b->id) - (a->id < b->id);
}

/* One tier of the given values of one score (add_given()). */
struct tier_cases {
	int tier;
	struct caseset cases;
};

/*
 * Where the members of a set take their score and tier from: a list
 * sorted by id (NULL: unscored, 0 and 0), or the tiers of one score.
 */
struct scores {
	const struct placed *by_id;
	size_t n;
	const struct tier_cases *tiers;
	size_t ntiers;
	double score;
};

static void score_from(struct placed *p, const struct scores *sc)
{
	const struct placed *s = sc->by_id ? bsearch(p, sc->by_id, sc->n, sizeof(*sc->by_id), id_cmp) : NULL;
	size_t i;

	p->score = s ? s->score : 0;
	p->tier = s ? s->tier : 0;
	for (i = 0; i < sc->ntiers; i++)
		if (caseset_has(&sc->tiers[i].cases, p->id)) {
			p->score = sc->score;
			p->tier = sc->tiers[i].tier;
			break;
		}
}

/* Adds the k members of `set` by looking each up, by score then newest first, as far as the page has room. */
static int add_each_looked_up(struct placing *pl, const struct caseset *set, size_t k,
			      const struct scores *sc)
{
	struct placed *v = xcalloc(k ? k : 1, sizeof(*v));
	size_t n = 0;
	long id;
	int rc;

	for (id = caseset_next(set, -1); id >= 0 && n < k; id = caseset_next(set, id)) {
		v[n].id = id;
		score_from(&v[n++], sc);
	}
	rc = add_looked_up(pl, v, n);
	free(v);
	return rc;
}

/*
 * Adds the members of `set` (k of them) newest first, as far as the page
 * has room, with their scores from `sc` (see score_from), which must
 * not change their order. Walking the whole archive costs about a tenth of
 * looking every member up (µs a case): walk when the page fills within a
 * few times k² / upper cases, as it does when the members are spread over
 * the archive. Members that may lie together (`clustered`: the matches of
 * a year or dates) may lie far down the walk, or near its start: the walk
 * is tried for as many steps as the lookups would cost, and the members it
 * has not reached by then are looked up (`fhir -year:2021` at 1 GB: 105 →
 * 14 ms; the cases of `samhandling year:2021` lie two thirds down a walk of
 * 64 years, and are looked up after the steps: "Search at scale").
 */
static int add_newest(struct placing *pl, const struct caseset *set, size_t k, const struct scores *sc)
{
	size_t room = pl->limit - pl->n < k ? pl->limit - pl->n : k, end, start = pl->n, steps = 0, budget, i;
	struct caseset unseen;
	int rc;

	if (!k || !room)
		return SQLITE_OK;
	if ((double)room * (double)pl->upper > 4.0 * (double)k * (double)k)
		return add_each_looked_up(pl, set, k, sc);
	/* Stops once the page, or the set, is used up: not always at the archive's end. */
	budget = pl->clustered ? WALK_STEPS_PER_LOOKUP * k : SIZE_MAX;
	end = pl->n + room;
	rc = SQLITE_ROW;
	sqlite3_reset(pl->walk);
	while (pl->n < end && steps < budget && (rc = sqlite3_step(pl->walk)) == SQLITE_ROW) {
		struct placed p = {0};

		steps++;
		p.id = (long)sqlite3_column_int64(pl->walk, 0);
		if (!caseset_has(set, p.id))
			continue;
		p.meeting_id = (long)sqlite3_column_int64(pl->walk, 1);
		p.position = sqlite3_column_int(pl->walk, 2);
		score_from(&p, sc);
		page_add(pl, &p);
	}
	sqlite3_reset(pl->walk);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (pl->n == end || rc == SQLITE_DONE)
		return SQLITE_OK;
	/* Out of steps: the members the walk has not reached come after those it took, newest first. */
	caseset_init(&unseen, pl->upper);
	caseset_or(&unseen, set);
	for (i = start; i < pl->n; i++)
		caseset_remove(&unseen, pl->v[i].id);
	rc = add_each_looked_up(pl, &unseen, k - (pl->n - start), sc);
	caseset_release(&unseen);
	return rc;
}

/* The k-th highest of the n scores of v (1 ≤ k ≤ n), through a heap of the k highest so far. */
static double kth_score(const struct placed *v, size_t n, size_t k)
{
	double *h = xcalloc(k, sizeof(*h)), x, kth;
	size_t m = 0, i, c, p;

	for (i = 0; i < n; i++) {
		x = v[i].score;
		if (m < k) { /* sift up */
			for (c = m++; c > 0 && h[(p = (c - 1) / 2)] > x; c = p)
				h[c] = h[p];
			h[c] = x;
		} else if (x > h[0]) { /* sift down from the root */
			for (p = 0; (c = 2 * p + 1) < k; p = c) {
				if (c + 1 < k && h[c + 1] < h[c])
					c++;
				if (h[c] >= x)
					break;
				h[p] = h[c];
			}
			h[p] = x;
		}
	}
	kth = h[0];
	free(h);
	return kth;
}

/*
 * Adds the scored cases v[0..n) by score, then newest first, as far as
 * the page has room: those above the page's last score are looked up, and
 * those at it (often thousands of titles alike) are taken newest first.
 * A case the index has but the cases table no longer has (see
 * caseset_page) leaves room: then the next scores fill it, in turn.
 * Only the cases that can reach the page are sorted: those at or above
 * the score of the page's last place (`helse` at 1 GB: 136,000 scored,
 * a sort of them 13 ms).
 */
static int add_scored(struct placing *pl, struct placed *v, size_t n)
{
	size_t start = 0, sorted = 0, above, ties, room, i;
	struct caseset tie;
	struct placed swap;
	double last;
	int rc = SQLITE_OK;

	while (rc == SQLITE_OK && start < n && pl->n < pl->limit) {
		room = pl->limit - pl->n;
		if (sorted <= start && n - start > 4 * room) {
			/* v[start, sorted): every case at or above the room-th score, ties and all. */
			last = kth_score(v + start, n - start, room);
			for (i = sorted = start; i < n; i++)
				if (v[i].score >= last) {
					swap = v[sorted];
					v[sorted++] = v[i];
					v[i] = swap;
				}
			qsort(v + start, sorted - start, sizeof(*v), score_cmp);
		} else if (sorted <= start) {
			qsort(v + start, n - start, sizeof(*v), score_cmp);
			sorted = n;
		}
		last = v[start + (sorted - start < room ? sorted - start : room) - 1].score;
		for (above = start; above < sorted && v[above].score > last; above++)
			;
		if ((rc = add_looked_up(pl, v + start, above - start)) != SQLITE_OK)
			break;
		caseset_init(&tie, pl->upper);
		for (ties = 0; above + ties < sorted && v[above + ties].score == last; ties++)
			caseset_add(&tie, v[above + ties].id);
		qsort(v + above, ties, sizeof(*v), id_cmp);
		{
			struct scores sc = {v + above, ties, NULL, 0, 0};

			rc = add_newest(pl, &tie, ties, &sc);
		}
		caseset_release(&tie);
		start = above + ties;
	}
	return rc;
}

static void scanned_add(struct scanned *s, const struct placed *p)
{
	ALLOC_GROW(s->v, s->n + 1, s->alloc);
	s->v[s->n++] = *p;
}

/*
 * p's tier and score from vedtak_rank's value, as the SQL reads it:
 * CAST(v AS INTEGER) / RANK_TIER_UNIT, and the rest. False for a match
 * whose words were all left unscored (score 0), which stays with the rest,
 * as SQL's coalesce puts it.
 */
static bool placed_from_value(struct placed *p, double v)
{
	p->tier = (int)((long long)v / RANK_TIER_UNIT);
	p->score = v - (double)RANK_TIER_UNIT * p->tier;
	return p->tier >= 3 || p->score != 0;
}

struct caseset *strong_values_of(struct strong_values *sv, double v, size_t upper)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (sv->v[i] == v)
			return &sv->cases[i];
	if (sv->n == sv->alloc) {
		sv->alloc = sv->alloc ? sv->alloc * 2 : 16;
		sv->v = xrealloc(sv->v, sv->alloc * sizeof(*sv->v));
		sv->cases = xrealloc(sv->cases, sv->alloc * sizeof(*sv->cases));
	}
	sv->v[sv->n] = v;
	caseset_init(&sv->cases[sv->n], upper);
	return &sv->cases[sv->n++];
}

void strong_values_release(struct strong_values *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		caseset_release(&sv->cases[i]);
	free(sv->cases);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

/* A given value's tier and score (placed_from_value), for sorting the values by score. */
struct given_value {
	int tier;
	double score;
	const struct caseset *cases;
};

static int given_cmp(const void *pa, const void *pb)
{
	const struct given_value *a = pa, *b = pb;

	return (a->score < b->score) - (a->score > b->score);
}

/* Takes out of `rest` the cases of the given values of tier 3 and above (`parts`), or below. */
static void given_out_of(struct caseset *rest, const struct strong_values *given, bool parts)
{
	size_t i;

	for (i = 0; i < given->n; i++) {
		struct placed p = {0};

		if (placed_from_value(&p, given->v[i]) && (p.tier >= 3) == parts)
			caseset_and_not(rest, &given->cases[i]);
	}
}

/*
 * Adds the cases of the given values, of tier 3 and above (`parts`) or
 * below, that `found` has, as add_scored() adds a list of them: by score,
 * each score's cases newest first, as far as the page has room. The
 * values of one score are one run of the page whatever their tiers, as a
 * list sorts them.
 */
static int add_given(struct placing *pl, const struct strong_values *given, const struct caseset *found,
		     bool parts)
{
	struct given_value *gv = xcalloc(given->n + 1, sizeof(*gv));
	struct tier_cases *tiers = xcalloc(given->n + 1, sizeof(*tiers));
	struct caseset run = {0};
	size_t n = 0, i, j, t, k;
	int rc = SQLITE_OK;

	for (i = 0; i < given->n; i++) {
		struct placed p = {0};

		if (placed_from_value(&p, given->v[i]) && (p.tier >= 3) == parts) {
			gv[n].tier = p.tier;
			gv[n].score = p.score;
			gv[n++].cases = &given->cases[i];
		}
	}
	qsort(gv, n, sizeof(*gv), given_cmp);
	caseset_init(&run, pl->upper);
	for (i = 0; i < n && rc == SQLITE_OK && pl->n < pl->limit; i = j) {
		struct scores sc = {NULL, 0, tiers, 0, gv[i].score};

		memset(run.bits, 0, run.nwords * sizeof(*run.bits));
		for (j = i; j < n && gv[j].score == gv[i].score; j++) {
			for (t = 0; t < sc.ntiers && tiers[t].tier != gv[j].tier; t++)
				;
			if (t == sc.ntiers) {
				tiers[t].tier = gv[j].tier;
				caseset_init(&tiers[t].cases, pl->upper);
				sc.ntiers++;
			}
			caseset_or(&tiers[t].cases, gv[j].cases);
			caseset_and(&tiers[t].cases, found);
			caseset_or(&run, &tiers[t].cases);
		}
		k = caseset_count(&run);
		rc = k <= pl->limit - pl->n ? add_each_looked_up(pl, &run, k, &sc)
					    : add_newest(pl, &run, k, &sc);
		for (t = 0; t < sc.ntiers; t++)
			caseset_release(&tiers[t].cases);
	}
	caseset_release(&run);
	free(tiers);
	free(gv);
	return rc;
}

/*
 * The strong matches of h->found between h->lo and h->hi: by tier (those
 * found only by a compound's parts last) and aboutness; a match whose
 * words were all left unscored (score 0) stays with the rest, as SQL's
 * coalesce puts it.
 */
static int scan_strong(struct half *h)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = sqlite3_prepare_v2(h->db,
				     "SELECT rowid, vedtak_rank(strong_fts, ?1, NULL) FROM strong_fts"
				     " WHERE strong_fts MATCH ?2 AND rowid BETWEEN ?3 AND ?4",
				     -1, &st, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 1, h->plan, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 2, h->hint, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_int64(st, 3, h->lo)) != SQLITE_OK ||
	    (rc = sqlite3_bind_int64(st, 4, h->hi)) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct placed p = {0};

		p.id = (long)sqlite3_column_int64(st, 0);
		if (caseset_has(h->found, p.id) && placed_from_value(&p, sqlite3_column_double(st, 1)))
			scanned_add(p.tier >= 3 ? &h->parts : &h->strong, &p);
	}
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	sqlite3_finalize(st);
	return rc;
}

int caseset_page(struct store *store, const struct caseset *found, const char *plan, const char *hint,
		 size_t limit, bool clustered, const struct strong_values *given, struct search_result *r)
{
	sqlite3 *db = store_db(store);
	struct placing pl = {.db = db, .limit = limit, .upper = found->nwords * 64, .clustered = clustered};
	struct caseset rest = {0};
	struct scanned strong = {0}, parts = {0};
	struct scores unscored = {0};
	size_t i;
	long lo, hi;
	int rc;

	if ((rc = sqlite3_prepare_v2(db,
				     "SELECT c.meeting_id, c.position, m.start_date FROM cases c"
				     " JOIN meetings m ON m.id = c.meeting_id WHERE c.id = ?",
				     -1, &pl.lookup, NULL)) != SQLITE_OK ||
	    (rc =
		 sqlite3_prepare_v2(db,
				    "SELECT c.id, c.meeting_id, c.position FROM meetings m CROSS JOIN cases c"
				    " ON c.meeting_id = m.id ORDER BY m.start_date DESC, c.position, c.id",
				    -1, &pl.walk, NULL)) != SQLITE_OK)
		goto out;
	caseset_init(&rest, pl.upper);
	caseset_or(&rest, found);
	/* The strong matches, the rest (unscored) newest first, and the parts last. */
	if (given) {
		given_out_of(&rest, given, false);
		given_out_of(&rest, given, true);
		if ((rc = add_given(&pl, given, found, false)) != SQLITE_OK ||
		    (rc = add_newest(&pl, &rest, caseset_count(&rest), &unscored)) != SQLITE_OK ||
		    (rc = add_given(&pl, given, found, true)) != SQLITE_OK)
			goto out;
	} else {
		if (hint && caseset_bounds(found, &lo, &hi)) {
			/* Read between the first and the last match only. */
			struct half first = {.read = scan_strong, .plan = plan, .hint = hint, .found = found},
				    second = first;

			rc = halves(store, lo, hi, &first, &second);
			strong = first.strong;
			parts = first.parts;
			for (i = 0; i < second.strong.n; i++)
				scanned_add(&strong, &second.strong.v[i]);
			for (i = 0; i < second.parts.n; i++)
				scanned_add(&parts, &second.parts.v[i]);
			free(second.strong.v);
			free(second.parts.v);
			if (rc != SQLITE_OK)
				goto out;
		}
		/* The rest: the matches neither strong nor found by a compound's parts only. */
		for (i = 0; i < strong.n; i++)
			caseset_remove(&rest, strong.v[i].id);
		for (i = 0; i < parts.n; i++)
			caseset_remove(&rest, parts.v[i].id);
		if ((rc = add_scored(&pl, strong.v, strong.n)) != SQLITE_OK ||
		    (rc = add_newest(&pl, &rest, caseset_count(&rest), &unscored)) != SQLITE_OK ||
		    (rc = add_scored(&pl, parts.v, parts.n)) != SQLITE_OK)
			goto out;
	}
	for (i = 0; i < pl.n; i++) {
		struct search_hit *h;

		ALLOC_GROW(r->hits, r->nhits + 1, r->alloc);
		h = &r->hits[r->nhits++];
		memset(h, 0, sizeof(*h));
		h->case_id = pl.v[i].id;
		h->meeting_id = pl.v[i].meeting_id;
		h->position = pl.v[i].position;
		h->tier = pl.v[i].tier;
		h->score = pl.v[i].score;
	}
out:
	for (i = 0; i < pl.n; i++)
		free(pl.v[i].date);
	free(pl.v);
	free(strong.v);
	free(parts.v);
	caseset_release(&rest);
	sqlite3_finalize(pl.lookup);
	sqlite3_finalize(pl.walk);
	return rc;
}

int caseset_page_most(struct store *store, const struct caseset *found, const unsigned char *words,
		      const char *plan, const char *hint, size_t limit, bool clustered,
		      const struct strong_values *given, struct search_result *r)
{
	size_t start = r->nhits, i;
	unsigned most = 0, k;
	long id;
	int rc = SQLITE_OK;

	for (id = caseset_next(found, -1); id >= 0; id = caseset_next(found, id))
		if (words[id] > most)
			most = words[id];
	for (k = most; k >= 1 && rc == SQLITE_OK && r->nhits - start < limit; k--) {
		struct caseset group;
		struct strong_values part = {0};

		caseset_init(&group, found->nwords * 64 - 1);
		for (id = caseset_next(found, -1); id >= 0; id = caseset_next(found, id))
			if (words[id] == k)
				caseset_add(&group, id);
		for (i = 0; given && i < given->n; i++) {
			struct caseset *to = strong_values_of(&part, given->v[i], group.nwords * 64 - 1);

			caseset_or(to, &given->cases[i]);
			caseset_and(to, &group);
		}
		rc = caseset_page(store, &group, plan, hint, limit - (r->nhits - start), clustered,
				  given ? &part : NULL, r);
		strong_values_release(&part);
		caseset_release(&group);
	}
	return rc;
}
