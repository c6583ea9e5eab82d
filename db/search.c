/*
 * search.c: from a query plan to SQL. Text terms become FTS5 expressions
 * over the case_fts index, built from the same word forms the tokenizer
 * indexes (core/words.h); filters become conditions on indexed columns;
 * patterns become the ids of the cases they match (db/patterns.h). Every
 * value is bound.
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/caseset.h"
#include "db/fts.h"
#include "db/lexicon.h"
#include "db/patterns.h"
#include "db/rank.h"
#include "core/compound.h"
#include "core/i18n.h"
#include "db/sql.h"
#include "db/search.h"
#include "db/termsets.h"
#include "db/store.h"
#include "db/store_db.h"
#include "db/topics.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

/* RANK_TIER_UNIT as SQL: the tier is vedtak_rank's value divided by it, as an integer. */
#define RANK_UNIT "1000000"
_Static_assert(RANK_TIER_UNIT == 1000000, "RANK_UNIT is RANK_TIER_UNIT");

/* Words of at least this many bytes are also looked for inside longer words. */
#define INFIX_MIN 4
/*
 * Above this many matches, scoring every one would cost too much for a
 * keystroke (a few µs a matching case): only the matches in a title,
 * decision or presenter list are scored, and the rest follow, newest first.
 */
#define RANK_ALL_MAX 2000
/* A prefix that begins more words of the index than this is left to FTS5. */
#define PREFIX_MAX 256
/* The ids a count keeps for its page (run_count, keep_set), per connection, emptied. */
#define SEARCH_FOUND_EMPTY                                                                                   \
	"CREATE TEMP TABLE IF NOT EXISTS search_found(id INTEGER PRIMARY KEY);"                              \
	"DELETE FROM temp.search_found"
/* At most this many longer words with a query word further in stand in for it. */
#define INFIX_MAX 64

struct binding {
	int kind; /* 0 text, 1 int */
	char *text;
	long i;
};

struct run {
	const struct qnode *first;
	size_t len;
	char *key;
	struct keys eq;
};

struct gen {
	sqlite3 *db;
	struct wordizer *wz;
	const struct equivalents *equivalents;
	struct strbuf *plan;   /* for vedtak_rank: which word each phrase stands for */
	int group, group_last; /* the words (top-level operands) a phrase stands for */
	/* Runs of plain words that are a name with other names ("international patient summary"). */
	struct run *runs;
	size_t nruns, runs_alloc;
	struct strbuf *explain;	    /* expansions, for --explain; NULL: not wanted */
	bool noting;		    /* writing the query's WHERE the first time: note expansions */
	bool literal;		    /* no other names, no compound parts (search_opts.literal) */
	const char *since_look;	    /* search_opts.since_look */
	bool facets_only;	    /* search_opts.facets_only */
	bool loose;		    /* words joined by punctuation ("fhir/api") are words, not a phrase */
	bool keep_prefixes;	    /* prefixes stay FTS5 prefixes (token_phrase) */
	bool strong_only;	    /* the hint is read over strong_fts alone (in_strong) */
	sqlite3_stmt *strong_probe; /* in_strong()'s, once prepared */
	struct strbuf highlight;    /* the words expansions added, for snippets */
	struct known {
		char *word;
		size_t count;
	} * known; /* known_word's answers so far */
	size_t nknown, known_alloc;
	/* Abbreviations used as other names that also mean something else (see match_where). */
	struct guard {
		char *abbr, *key;
		char *others; /* the abbreviation's other meanings, as an FTS5 expression */
	} * guards;
	size_t nguards, guards_alloc;
	bool skip_guarded;
	struct binding *b;
	size_t nb, alloc;
	/* The cases of each pattern of the query (regex_where), and the first failure finding them. */
	struct pattern_ids {
		const struct qnode *node;
		char *ids;
	} * patterns;
	size_t npatterns, patterns_alloc;
	enum pattern_result pattern_failed;
	int pattern_rc;
	/* The query whose WHERE clause is being written as an AND (NULL for any other), and the
	 * pattern that rest_of_query() writes it without. */
	const struct qnode *root, *skip;
	/*
	 * The WHERE clause as operations on sets of cases, in postfix, for as
	 * long as it is only words joined by AND, OR and NOT (`sets_only`):
	 * then the full-text index alone answers it (count_matches).
	 */
	struct setop {
		enum { SET_MATCH, SET_FILTER, SET_AND, SET_OR, SET_NOT } kind;
		/* SET_MATCH: the binding of its expression; SET_FILTER: its filter; SET_NOT: 1 (the
		 * operand before it); else how many operands */
		size_t arg;
	} * setops;
	size_t nsetops, setops_alloc;
	bool sets_only;
	/* The filters of SET_FILTER: SQL over cases c and meetings m, and the bindings of its values. */
	struct set_filter {
		struct strbuf where;
		size_t *binds, nbinds, binds_alloc;
		bool total; /* true or false for every case, never NULL: its NOT is the other cases */
	} * filters;
	size_t nfilters, filters_alloc;
	/* The filter of each word read as a facet (Q_TERM's read_as), for the page's order (facet_counts). */
	struct facet_filter {
		const struct qnode *node;
		size_t filter;
	} * facets;
	size_t nfacets, facets_alloc;
	/* Each expression's cases once read: a query mended or taken word by word reads them again. */
	struct read_set {
		char *expr;
		long lo, hi; /* the ids it was read between */
		struct caseset set;
	} * read_sets;
	size_t nread_sets, read_sets_alloc;
	/* The index's words found for a word (prefix_words, infix_terms): the WHERE clause and the
	 * ranking ask for the same ones, and the trigram lookup costs milliseconds. */
	struct word_list {
		char kind; /* 'p': beginning with key, 'i': having it further in */
		char *key;
		bool ok;
		struct keys words;
	} * word_lists;
	size_t nword_lists, word_lists_alloc;
	struct store *store;
};

static void bind_text_value(struct gen *g, char *owned)
{
	ALLOC_GROW(g->b, g->nb + 1, g->alloc);
	memset(&g->b[g->nb], 0, sizeof(g->b[0]));
	g->b[g->nb].kind = 0;
	g->b[g->nb++].text = owned;
}

static void bind_int_value(struct gen *g, long v)
{
	ALLOC_GROW(g->b, g->nb + 1, g->alloc);
	memset(&g->b[g->nb], 0, sizeof(g->b[0]));
	g->b[g->nb].kind = 1;
	g->b[g->nb++].i = v;
}

static void setop_add(struct gen *g, int kind, size_t arg)
{
	ALLOC_GROW(g->setops, g->nsetops + 1, g->setops_alloc);
	g->setops[g->nsetops].kind = kind;
	g->setops[g->nsetops++].arg = arg;
}

static void set_filters_forget(struct gen *g)
{
	size_t i;

	for (i = 0; i < g->nfilters; i++) {
		strbuf_release(&g->filters[i].where);
		free(g->filters[i].binds);
	}
	g->nfilters = 0;
}

/* A filter as a set: `where` and the bindings first..end-1 it used. */
static void set_filter_add(struct gen *g, const char *where, size_t first, size_t end, bool total)
{
	struct set_filter *f;

	ALLOC_GROW(g->filters, g->nfilters + 1, g->filters_alloc);
	f = &g->filters[g->nfilters];
	memset(f, 0, sizeof(*f));
	strbuf_init(&f->where, 0);
	strbuf_addstr(&f->where, where);
	f->total = total;
	for (; first < end; first++) {
		ALLOC_GROW(f->binds, f->nbinds + 1, f->binds_alloc);
		f->binds[f->nbinds++] = first;
	}
	setop_add(g, SET_FILTER, g->nfilters++);
}

/*
 * Joins the filters among the operands of one AND (their setops from
 * `ops`, one each) into the first: one query, which SQLite plans over its
 * indexes together (`year:2021 type:drøfting` reads the year's cases
 * only). Returns how many operands are left.
 */
static size_t set_filters_join(struct gen *g, size_t *ops, size_t n)
{
	struct set_filter *into = NULL;
	size_t i, j, left = n;

	for (i = 0; i < n; i++) {
		struct set_filter *f;

		if (ops[i] == SIZE_MAX)
			continue;
		f = &g->filters[g->setops[ops[i]].arg];
		if (!into) {
			into = f;
			continue;
		}
		strbuf_addf(&into->where, " AND %s", f->where.buf);
		into->total = into->total && f->total;
		for (j = 0; j < f->nbinds; j++) {
			ALLOC_GROW(into->binds, into->nbinds + 1, into->binds_alloc);
			into->binds[into->nbinds++] = f->binds[j];
		}
		/* Its setop is gone; those after it move up (so do the later ops' positions). */
		memmove(&g->setops[ops[i]], &g->setops[ops[i] + 1],
			(g->nsetops - ops[i] - 1) * sizeof(*g->setops));
		g->nsetops--;
		for (j = i + 1; j < n; j++)
			if (ops[j] != SIZE_MAX)
				ops[j] = ops[j] - 1;
		left--;
	}
	return left;
}

/* The words of a term's text, with their forms copied out. */
struct qword {
	char *exact, *folded, *stem;
	bool ascii;
	bool joined; /* typed with a hyphen */
};

struct qwords {
	struct qword *v;
	size_t n, alloc;
	const char *text; /* what the words were read from, or NULL */
	bool whole;	  /* collect_apart: the last word may yet come in parts */
};

static int collect_word(void *arg, const struct word *w)
{
	struct qwords *ws = arg;

	if (w->part)
		return 0; /* the whole word stands for its parts in a query */
	ALLOC_GROW(ws->v, ws->n + 1, ws->alloc);
	ws->v[ws->n].exact = xstrdup(w->exact);
	ws->v[ws->n].folded = xstrdup(w->folded);
	ws->v[ws->n].stem = xstrdup(w->stem);
	ws->v[ws->n].ascii = w->ascii;
	/* Typed with a hyphen, a word's start is where the member put it ("e-meldinger"). */
	ws->v[ws->n].joined = ws->text && memchr(ws->text + w->start, '-', w->end - w->start);
	ws->n++;
	return 0;
}

/* The words of a text with a hyphenated word as its parts: "fhir-api" as fhir and api. */
static int collect_apart(void *arg, const struct word *w)
{
	struct qwords *ws = arg;
	struct word whole = *w;

	if (w->quiet)
		return 0; /* a word set apart by a hyphen or an apostrophe only, as typed */
	if (w->part && ws->n && ws->whole) {
		/* The first part replaces the whole word it is part of. */
		ws->n--;
		free(ws->v[ws->n].exact);
		free(ws->v[ws->n].folded);
		free(ws->v[ws->n].stem);
		ws->whole = false;
	}
	whole.part = false;
	collect_word(ws, &whole);
	ws->whole = !w->part;
	return 0;
}

static void qwords_release(struct qwords *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++) {
		free(ws->v[i].exact);
		free(ws->v[i].folded);
		free(ws->v[i].stem);
	}
	free(ws->v);
}

/* Records that the phrase just written stands for the current word, in `form`. */
static void plan_add(struct gen *g, enum rank_form form)
{
	if (!g->plan)
		return;
	if (g->group_last > g->group)
		strbuf_addf(g->plan, "%d-%d.%d ", g->group, g->group_last, (int)form);
	else
		strbuf_addf(g->plan, "%d.%d ", g->group, (int)form);
}

static void words_push(struct keys *k, const char *w)
{
	ALLOC_GROW(k->v, k->n + 1, k->alloc);
	k->v[k->n++] = xstrdup(w);
}

/*
 * The list of `kind` for `key`: looked up once a search, by `sql`, a
 * query of words given ?1 and ?2 (text) and ?3 (how many at most).
 */
static const struct word_list *word_list(struct gen *g, char kind, const char *key, const char *sql,
					 const char *p1, const char *p2, int most)
{
	struct word_list *l;
	sqlite3_stmt *st = NULL;
	int rc;

	for (l = g->word_lists; l < g->word_lists + g->nword_lists; l++)
		if (l->kind == kind && !strcmp(l->key, key))
			return l;
	ALLOC_GROW(g->word_lists, g->nword_lists + 1, g->word_lists_alloc);
	l = &g->word_lists[g->nword_lists++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->key = xstrdup(key);
	if ((rc = sqlite3_prepare_v2(g->db, sql, -1, &st, NULL)) == SQLITE_OK) {
		/* With their lengths: given -1, FTS5's trigram LIKE read a byte past a pattern's end
		 * (valgrind); SQLite may read the byte at the length given, its terminating NUL. */
		sqlite3_bind_text(st, 1, p1, (int)strlen(p1), SQLITE_STATIC);
		sqlite3_bind_text(st, 2, p2, (int)strlen(p2), SQLITE_STATIC);
		sqlite3_bind_int(st, 3, most);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			words_push(&l->words, (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	l->ok = rc == SQLITE_DONE; /* else the list cannot say */
	return l;
}

/*
 * The words of the index that begin with `tok` into `out` (tok itself
 * first, which may not be one), or false when there are PREFIX_MAX or
 * more, or the table of its words cannot say: a word under FTS_TERM_MIN
 * bytes is not in it.
 */
static bool prefix_words(struct gen *g, const char *tok, struct keys *out)
{
	const struct word_list *l;
	size_t len = strlen(tok), i;
	char *end;

	if (len + 1 < FTS_TERM_MIN || (unsigned char)tok[len - 1] == 0xff)
		return false;
	/* Under BINARY collation, the first string after every word that begins with tok. */
	end = xstrdup(tok);
	end[len - 1]++;
	l = word_list(g, 'p', tok, "SELECT word FROM words WHERE word > ?1 AND word < ?2 LIMIT ?3", tok, end,
		      PREFIX_MAX);
	free(end);
	words_push(out, tok);
	for (i = 0; i < l->words.n; i++)
		words_push(out, l->words.v[i]);
	return l->ok && out->n <= PREFIX_MAX;
}

/*
 * Whether the hint, read over strong_fts alone (g->strong_only), needs
 * the word `tok`: a word in no title, decision or presenter matches
 * nothing there and scores nothing, but vedtak_rank would still look for
 * it in every row, and a prefix is merged again for each range read
 * (`helse` at 1 GB: 31 of 37 longer words, 78 words that begin with it;
 * 130 → 45 ms to score its 136,000 cases). True when it cannot say.
 */
static bool in_strong(struct gen *g, const char *tok)
{
	struct strbuf q = STRBUF_INIT;
	int rc;

	if (!g->strong_only)
		return true;
	if (!g->strong_probe &&
	    sqlite3_prepare_v2(g->db, "SELECT 1 FROM strong_fts WHERE strong_fts MATCH ?1 LIMIT 1", -1,
			       &g->strong_probe, NULL) != SQLITE_OK)
		return true;
	fts_token(&q, 0, tok);
	sqlite3_reset(g->strong_probe);
	sqlite3_bind_text(g->strong_probe, 1, q.buf, (int)q.len, SQLITE_TRANSIENT);
	rc = sqlite3_step(g->strong_probe);
	strbuf_release(&q);
	return rc != SQLITE_DONE;
}

/*
 * One phrase of a single token, or with `prefix` every word that begins
 * with it. FTS5 reads a prefix by merging the position lists of all those
 * words into one (`helse`* at 1 GB: 420 ms); the table of the index's
 * words names them instead, and each is read on its own (about 30 ms).
 * The ranking of many matches (g->keep_prefixes) keeps the prefix, one
 * phrase for vedtak_rank to read a row instead of hundreds; over
 * strong_fts alone, it names the few of those words that strong_fts has
 * (in_strong), as FTS5 merges a prefix again for each range it reads.
 * Folded forms (mark) are not in that table: those stay prefixes.
 */
static void token_phrase(struct gen *g, struct strbuf *out, char mark, const char *tok, bool prefix,
			 enum rank_form form)
{
	struct keys words = {0};
	size_t i;

	if (prefix && !mark && (!g->keep_prefixes || g->strong_only) && prefix_words(g, tok, &words)) {
		size_t n = 0;

		for (i = 0; i < words.n; i++) {
			/* The first always, so that the phrase is never empty. */
			if (i && !in_strong(g, words.v[i]))
				continue;
			strbuf_addstr(out, n++ ? " OR " : "");
			fts_token(out, 0, words.v[i]);
			plan_add(g, form);
		}
	} else {
		fts_token(out, mark, tok);
		if (prefix)
			strbuf_addch(out, '*');
		plan_add(g, form);
	}
	keys_release(&words);
}

/*
 * Longer words that contain `exact`: those that begin with it through an
 * FTS5 prefix query ("strategi"* finds "strategiplan"), and with `ends`
 * those that have it further in ("e-helsestrategi", "helsestrategiene")
 * through the vocabulary's trigrams (schema 8), the shortest first.
 */
static void infix_terms(struct gen *g, const char *exact, bool ends, struct strbuf *out)
{
	struct strbuf inside = STRBUF_INIT, start = STRBUF_INIT;
	const struct word_list *l;
	size_t i;

	if (strlen(exact) < INFIX_MIN)
		return;
	strbuf_addstr(out, " OR ");
	token_phrase(g, out, 0, exact, true, FORM_INSIDE);
	if (!ends)
		return;
	/* The words hold letters, digits, hyphens and apostrophes: no LIKE wildcard. */
	strbuf_addf(&inside, "%%_%s%%", exact);
	strbuf_addf(&start, "%s%%", exact);
	l = word_list(g, 'i', exact,
		      "SELECT word FROM vocab WHERE word LIKE ?1 AND word NOT LIKE ?2"
		      " ORDER BY length(word), word LIMIT ?3",
		      inside.buf, start.buf, INFIX_MAX);
	strbuf_release(&inside);
	strbuf_release(&start);
	for (i = 0; i < l->words.n; i++) {
		if (!in_strong(g, l->words.v[i]))
			continue;
		strbuf_addstr(out, " OR ");
		token_phrase(g, out, 0, l->words.v[i], false, FORM_INSIDE);
	}
}

/* A phrase of the words of `key` (exact forms, spaces between), one FTS5 phrase. */
static void key_phrase(struct gen *g, struct strbuf *out, const char *key, enum rank_form form)
{
	const char *p = key;

	strbuf_addch(out, '(');
	while (*p) {
		const char *sp = strchr(p, ' ');
		char *w = xstrndup(p, sp ? (size_t)(sp - p) : strlen(p));
		if (p != key)
			strbuf_addstr(out, " + ");
		fts_token(out, 0, w);
		free(w);
		p = sp ? sp + 1 : p + strlen(p);
	}
	strbuf_addch(out, ')');
	plan_add(g, form);
}

/*
 * Notes that `from` also stands for `to`, for --explain and highlighting:
 * `words`, a line each of the names to mark where written whole.
 */
static void note_expansion(struct gen *g, const char *from, const char *to, const char *words)
{
	if (!g->noting)
		return;
	if (g->explain) {
		strbuf_addstr(g->explain, g->explain->len ? "; " : "");
		strbuf_addf(g->explain, "%s → %s", from, to);
	}
	strbuf_addf(&g->highlight, "%s%s", g->highlight.len ? "\n" : "", words);
}

/*
 * `other`, another name of `key`, as a phrase. An abbreviation some case
 * defines as something else is noted in g->guards (see match_where), or
 * left out while match_where writes the expression without them.
 */
static void equivalent_phrase(struct gen *g, const char *key, const char *other, struct strbuf *out)
{
	struct keys meanings = {NULL, 0, 0};
	size_t i;

	lexicon_other_meanings(g->db, g->equivalents, other, key, &meanings);
	if (meanings.n) {
		struct strbuf others = STRBUF_INIT;
		struct strbuf *plan = g->plan;

		if (g->skip_guarded) {
			keys_release(&meanings);
			return;
		}
		g->plan = NULL;
		for (i = 0; i < meanings.n; i++) {
			strbuf_addstr(&others, i ? " OR " : "");
			key_phrase(g, &others, meanings.v[i], FORM_EQUIVALENT);
		}
		g->plan = plan;
		ALLOC_GROW(g->guards, g->nguards + 1, g->guards_alloc);
		g->guards[g->nguards].abbr = xstrdup(other);
		g->guards[g->nguards].key = xstrdup(key);
		g->guards[g->nguards++].others = strbuf_detach(&others, NULL);
	}
	keys_release(&meanings);
	strbuf_addstr(out, " OR ");
	key_phrase(g, out, other, FORM_EQUIVALENT);
	note_expansion(g, key, other, other);
}

/* The other names of `key` (abbreviations, long forms, the curated list), each a phrase. */
static void equivalents_expr(struct gen *g, const char *key, struct strbuf *out)
{
	struct keys eq = {NULL, 0, 0};
	size_t i;

	lexicon_equivalents(g->db, g->equivalents, key, &eq);
	for (i = 0; i < eq.n; i++)
		equivalent_phrase(g, key, eq.v[i], out);
	keys_release(&eq);
}

/* In how many cases a word is, as itself or as the stem of words (a part "bilde" from "bilder"). */
static size_t known_word(void *arg, const char *w)
{
	struct gen *g = arg;
	struct qwords ws = {NULL, 0, 0, NULL, false};
	size_t n, i;

	/* A compound's splits ask for the same words in each pass over the query. */
	for (i = 0; i < g->nknown; i++)
		if (!strcmp(g->known[i].word, w))
			return g->known[i].count;
	n = lexicon_doc_count(g->db, w);
	words_each(g->wz, w, strlen(w), collect_word, &ws);
	if (ws.n) {
		char *tok = xasprintf("%c%s", WORD_STEM_MARK, ws.v[0].stem);
		size_t stems = lexicon_doc_count(g->db, tok);
		n = stems > n ? stems : n;
		free(tok);
	}
	qwords_release(&ws);
	ALLOC_GROW(g->known, g->nknown + 1, g->known_alloc);
	g->known[g->nknown].word = xstrdup(w);
	g->known[g->nknown++].count = n;
	return n;
}

/* How far apart (in words) a compound's parts may stand: "strategi for digital sikkerhet". */
#define PARTS_NEAR 5

/* The forms of a part that a NEAR group can hold: as typed, and its stem's token. */
static size_t part_forms(struct gen *g, const char *exact, char forms[2][WORD_MAX + 2])
{
	struct qwords ws = {NULL, 0, 0, NULL, false};
	size_t n = 0;

	snprintf(forms[n++], WORD_MAX + 2, "%s", exact);
	words_each(g->wz, exact, strlen(exact), collect_word, &ws);
	if (ws.n && strcmp(ws.v[0].stem, exact))
		snprintf(forms[n++], WORD_MAX + 2, "%c%s", WORD_STEM_MARK, ws.v[0].stem);
	qwords_release(&ws);
	return n;
}

/*
 * A compound's parts written apart, near each other in either order
 * ("forvaltning av kodeverk" for "kodeverkforvaltning").
 */
static void parts_expr(struct gen *g, const struct qword *w, struct strbuf *out)
{
	char a[2][WORD_MAX + 2], b[2][WORD_MAX + 2];
	char *m = NULL, *h = NULL;
	size_t na, nb, i, j;

	if (!compound_split(w->exact, known_word, g, &m, &h))
		return;
	na = part_forms(g, m, a);
	nb = part_forms(g, h, b);
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb; j++) {
			strbuf_addstr(out, " OR NEAR(");
			token_phrase(g, out, 0, a[i], false, FORM_PARTS);
			strbuf_addch(out, ' ');
			token_phrase(g, out, 0, b[j], false, FORM_PARTS);
			strbuf_addf(out, ", %d)", PARTS_NEAR);
		}
	}
	if (g->noting) {
		/* Each part marked on its own: they are found near each other, in either order. */
		char *both = xasprintf("%s + %s", m, h), *words = xasprintf("%s\n%s", m, h);
		note_expansion(g, w->exact, both, words);
		free(both);
		free(words);
	}
	free(m);
	free(h);
}

/*
 * Whether a word typed without æøå (`exact`, ASCII) may be the folded form
 * of another word. Folding spells æ, ø and å as "ae", "o" and "a", so a
 * folded form, or its beginning, without an a or an o is the word itself,
 * which the exact form finds at the same place and weighs more: the
 * folded form would only cost `helse` and `hel*` a second read of the
 * index.
 */
static bool fold_may_differ(const char *exact)
{
	return strpbrk(exact, "ao") != NULL;
}

/*
 * One word: as typed; folded and inflected; inside longer words; by its
 * other names; and, a compound, by its parts written apart. Each phrase
 * goes into the plan with its form (db/rank.h).
 */
static void word_expr(struct gen *g, const struct qword *w, struct strbuf *out)
{

	strbuf_addch(out, '(');
	token_phrase(g, out, 0, w->exact, false, FORM_EXACT);
	/* Typed without æøå, it also finds the words written with them. */
	if (w->ascii && fold_may_differ(w->exact)) {
		strbuf_addstr(out, " OR ");
		token_phrase(g, out, WORD_FOLDED_MARK, w->exact, false, FORM_INFLECTED);
	}
	/* Inflected forms: words with the same stem, and the stem as a word of its own
	 * ("vedtakene" finds "vedtak", which the index holds without a stem token). */
	strbuf_addstr(out, " OR ");
	token_phrase(g, out, WORD_STEM_MARK, w->stem, false, FORM_INFLECTED);
	if (strcmp(w->stem, w->exact)) {
		strbuf_addstr(out, " OR ");
		token_phrase(g, out, 0, w->stem, false, FORM_INFLECTED);
	}
	infix_terms(g, w->exact, !w->joined, out);
	if (!g->literal) {
		equivalents_expr(g, w->exact, out);
		parts_expr(g, w, out);
	}
	strbuf_addch(out, ')');
}

/* Whether each word that combination `c` folds (its bits) may differ folded (fold_may_differ()). */
static bool folds_differ(const struct qwords *ws, size_t c)
{
	size_t i;

	/* Only a phrase of four words or fewer has combinations but the first (c 0). */
	for (i = 0; c && i < ws->n; i++)
		if (((c >> i) & 1) && !fold_may_differ(ws->v[i].exact))
			return false;
	return true;
}

/* A phrase: its words in order; typed without æøå, any of its words may have had them. */
static void phrase_expr(struct gen *g, const struct qwords *ws, struct strbuf *out)
{
	struct strbuf key = STRBUF_INIT;
	size_t combos = 1, c, i;
	bool ascii = true;

	for (i = 0; i < ws->n; i++) {
		ascii &= ws->v[i].ascii;
		strbuf_addf(&key, "%s%s", i ? " " : "", ws->v[i].exact);
	}
	if (ascii && ws->n <= 4)
		combos = (size_t)1 << ws->n;
	strbuf_addch(out, '(');
	for (c = 0; c < combos; c++) {
		/* Only up to four words vary; a longer phrase has one combination. */
		if (!folds_differ(ws, c))
			continue;
		if (c)
			strbuf_addstr(out, " OR ");
		for (i = 0; i < ws->n; i++) {
			if (i)
				strbuf_addstr(out, " + ");
			fts_token(out, combos > 1 && ((c >> i) & 1) ? WORD_FOLDED_MARK : 0, ws->v[i].exact);
		}
		plan_add(g, c ? FORM_INFLECTED : FORM_EXACT);
	}
	if (!g->literal)
		equivalents_expr(g, key.buf, out);
	strbuf_addch(out, ')');
	strbuf_release(&key);
}

/*
 * The FTS5 expression for a text term, or false when its text has no word
 * at all (punctuation only): such a term matches everything.
 */
static bool term_expr(struct gen *g, const struct qnode *n, struct strbuf *out)
{
	struct qwords ws = {NULL, 0, 0, n->text, false};
	static const char *const cols[] = {
	    [QF_ANY] = NULL, [QF_TITLE] = "title", [QF_DECISION] = "decision", [QF_SLIDE] = "slides"};
	words_each(g->wz, n->text, strlen(n->text),
		   g->loose && n->term == QT_WORD ? collect_apart : collect_word, &ws);
	if (!ws.n) {
		qwords_release(&ws);
		return false;
	}
	if (cols[n->field])
		strbuf_addf(out, "{%s} : ", cols[n->field]);
	strbuf_addch(out, '(');
	if (n->term == QT_WORD && ws.n > 1 && g->loose) {
		/* "fhir/api" that no case has as a phrase: its words anywhere. */
		size_t i;
		for (i = 0; i < ws.n; i++) {
			strbuf_addstr(out, i ? " AND " : "");
			word_expr(g, &ws.v[i], out);
		}
	} else if (n->term == QT_PHRASE || (n->term == QT_WORD && ws.n > 1)) {
		phrase_expr(g, &ws, out);
	} else if (n->term == QT_PREFIX) {
		/* "e-hel*" is one word, "ehel", as the index has it. */
		token_phrase(g, out, 0, ws.v[ws.n - 1].exact, true, FORM_EXACT);
		if (ws.v[ws.n - 1].ascii && fold_may_differ(ws.v[ws.n - 1].exact)) {
			strbuf_addstr(out, " OR ");
			token_phrase(g, out, WORD_FOLDED_MARK, ws.v[ws.n - 1].exact, true, FORM_INFLECTED);
		}
	} else {
		word_expr(g, &ws.v[0], out);
	}
	strbuf_addch(out, ')');
	qwords_release(&ws);
	return true;
}

static void gen_where(struct gen *g, const struct qnode *n, struct strbuf *sql);

static bool bind_range(sqlite3_stmt *st, const struct gen *g, size_t from, int first);

static void patterns_forget(struct gen *g)
{
	size_t i;

	for (i = 0; i < g->npatterns; i++)
		free(g->patterns[i].ids);
	g->npatterns = 0;
}

/*
 * The cases the rest of the query allows when `n` is one of the words of
 * its top-level AND, as a JSON array, so that a pattern beside other
 * words is run on their cases only; NULL when there is no such rest (or
 * reading it failed: the pattern then looks at every case).
 */
static char *rest_of_query(struct gen *g, const struct qnode *n)
{
	const struct qnode **ops = NULL;
	struct strbuf where = STRBUF_INIT, *explain = g->explain, *plan = g->plan;
	size_t nops = 0, alloc = 0, i, from = g->nb;
	bool noting = g->noting, top = false;
	sqlite3_stmt *st = NULL;
	char *sql, *json = NULL;

	if (!g->root || g->skip)
		return NULL;
	query_chain_operands(g->root, Q_AND, &ops, &nops, &alloc);
	for (i = 0; i < nops; i++)
		top = top || ops[i] == n;
	free(ops);
	if (!top || nops < 2)
		return NULL;
	g->explain = NULL;
	g->plan = NULL;
	g->noting = false;
	g->skip = n;
	gen_where(g, g->root, &where);
	g->skip = NULL;
	g->explain = explain;
	g->plan = plan;
	g->noting = noting;
	sql = xasprintf("SELECT json_group_array(c.id) FROM cases c JOIN meetings m ON m.id = c.meeting_id"
			" WHERE %s",
			where.buf);
	if (sqlite3_prepare_v2(g->db, sql, -1, &st, NULL) == SQLITE_OK && bind_range(st, g, from, 1) &&
	    sqlite3_step(st) == SQLITE_ROW)
		json = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	free(sql);
	strbuf_release(&where);
	for (i = from; i < g->nb; i++)
		free(g->b[i].text);
	g->nb = from;
	return json;
}

/*
 * A pattern's cases, found once for each writing of the query's WHERE
 * clause (db/patterns.h) and kept by node: the count and the page then
 * read the same ids. An error is kept in the gen for store_search to
 * report after the WHERE clause is written.
 */
static void regex_where(struct gen *g, const struct qnode *n, struct strbuf *sql)
{
	size_t i;

	if (n == g->skip) { /* rest_of_query(): the query without this pattern */
		strbuf_addch(sql, '1');
		return;
	}
	for (i = 0; i < g->npatterns && g->patterns[i].node != n; i++)
		;
	if (i == g->npatterns) {
		struct strbuf ids = STRBUF_INIT;
		char *within = rest_of_query(g, n);
		int rc = SQLITE_OK;
		enum pattern_result r = pattern_cases(g->store, g->wz, n->re, n->field, within, &ids, &rc);

		if (r != PATTERN_DONE && !g->pattern_failed) {
			g->pattern_failed = r;
			g->pattern_rc = rc;
		}
		free(within);
		/* Found after the others rest_of_query() found: its place is the last. */
		ALLOC_GROW(g->patterns, g->npatterns + 1, g->patterns_alloc);
		i = g->npatterns++;
		g->patterns[i].node = n;
		g->patterns[i].ids = strbuf_detach(&ids, NULL);
	}
	strbuf_addstr(sql, "c.id IN (SELECT value FROM json_each(?))");
	bind_text_value(g, xstrdup(g->patterns[i].ids));
}

/* A LIKE pattern for `v` anywhere, folded as names are (lower case, ö as ø). */
static char *folded_like(const char *v)
{
	struct strbuf f = STRBUF_INIT;
	char *out;

	utf8_fold(&f, v, strlen(v));
	out = xasprintf("%%%s%%", f.buf);
	strbuf_release(&f);
	return out;
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/*
 * `column` contains `text`, both folded (lower case, ö as ø); typed without
 * æøå, the text also matches the column written with them.
 */
static void name_like(struct gen *g, struct strbuf *sql, const char *column, const char *text)
{
	strbuf_addf(sql, "(vedtak_fold(%s) LIKE ?", column);
	bind_text_value(g, folded_like(text));
	if (is_ascii(text)) {
		strbuf_addf(sql, " OR vedtak_fold_ascii(%s) LIKE ?", column);
		bind_text_value(g, folded_like(text));
	}
	strbuf_addch(sql, ')');
}

static void filter_where(struct gen *g, const struct qnode *n, struct strbuf *sql)
{
	switch (n->field) {
	case QF_TYPE:
		/* A case of type "Orientering/drøfting" is in both facets. */
		strbuf_addstr(sql, "(c.facets & ?) <> 0");
		bind_int_value(g, (long)DECISION_FACET(n->type));
		break;
	case QF_PRESENTER:
		/*
		 * Any part of the name, any spelling (names are folded, ö as ø). The
		 * persons who match first, then their cases by case_presenters_person:
		 * asked of every case, the name was folded and compared once a case
		 * (`presenter:ranhoff` at 1 GB: 200 ms).
		 */
		strbuf_addstr(sql, "c.id IN (SELECT p.case_id FROM case_presenters p WHERE p.person_id IN"
				   " (SELECT pe.id FROM persons pe WHERE ");
		name_like(g, sql, "pe.fold_key", n->text);
		strbuf_addstr(sql, "))");
		break;
	case QF_ORG:
		/* The organisations that match, each folded once, then their presenters' cases. */
		strbuf_addstr(sql, "c.id IN (SELECT p.case_id FROM case_presenters p WHERE p.organization IN"
				   " (SELECT o.organization FROM " LEXICON_ORGS " o WHERE ");
		name_like(g, sql, "o.organization", n->text);
		strbuf_addstr(sql, "))");
		break;
	case QF_BODY:
		strbuf_addstr(sql, "m.body = ?");
		bind_text_value(g, xstrdup(n->body));
		break;
	case QF_CASE:
		strbuf_addstr(sql, "c.number = ?");
		bind_text_value(g, xstrdup(n->case_no));
		break;
	case QF_YEAR:
		strbuf_addstr(sql, "c.year = ?");
		bind_int_value(g, n->year);
		break;
	case QF_DATE:
		strbuf_addstr(sql, "(1");
		/* A meeting over two days is in a period if either day is. */
		if (n->date_from[0]) {
			/* A meeting known by its month only ("2022-05") spans the month. */
			strbuf_addstr(sql, " AND coalesce(m.end_date, m.start_date) ||"
					   " CASE WHEN length(coalesce(m.end_date, m.start_date)) = 7 THEN "
					   "'-31' ELSE '' END >= ?");
			bind_text_value(g, xstrdup(n->date_from));
		}
		if (n->date_to[0]) {
			strbuf_addstr(sql, " AND m.start_date || CASE WHEN length(m.start_date) = 7 THEN "
					   "'-01' ELSE '' END <= ?");
			bind_text_value(g, xstrdup(n->date_to));
		}
		strbuf_addch(sql, ')');
		break;
	case QF_AMENDED:
		strbuf_addstr(sql, n->amended ? "c.decision_amended = 1" : "c.decision_amended = 0");
		break;
	case QF_TAG:
		strbuf_addstr(
		    sql, "EXISTS (SELECT 1 FROM tag_state t WHERE t.case_key = c.case_key AND t.tag = ?)");
		bind_text_value(g, xstrdup(n->text));
		break;
	case QF_RECORDED:
		if (n->recorded >= 0)
			strbuf_addstr(sql, n->recorded ? "c.recorded_decision IS NOT NULL"
						       : "c.recorded_decision IS NULL");
		else
			name_like(g, sql, "c.recorded_decision", n->text);
		break;
	case QF_OUTCOME:
		if (n->outcome) {
			strbuf_addstr(sql, "c.outcome = ?");
			bind_text_value(g, xstrdup(outcome_name(n->outcome)));
		} else {
			strbuf_addstr(sql, "c.outcome IS NULL");
		}
		break;
	case QF_DOC:
		strbuf_addstr(
		    sql,
		    "EXISTS (SELECT 1 FROM documents d WHERE d.meeting_id = c.meeting_id AND d.kind = ?)");
		bind_text_value(g, xstrdup(doc_kind_name(n->doc)));
		break;
	case QF_TOPIC:
		strbuf_addstr(sql, "c.id IN (SELECT t.case_id FROM case_topics t WHERE t.topic IN"
				   " (SELECT o.topic FROM case_topics o JOIN cases x ON x.id = o.case_id"
				   " WHERE x.number = ? OR x.case_key = ?))");
		bind_text_value(g, xstrdup(n->case_no[0] ? n->case_no : n->text));
		bind_text_value(g, xstrdup(n->case_no[0] ? n->case_no : n->text));
		break;
	case QF_NEW:
		/* Arrived after the last look at the archive (db/looks.h); before any look, everything is
		 * new. */
		strbuf_addstr(sql, n->amended ? "EXISTS" : "NOT EXISTS");
		strbuf_addstr(sql, " (SELECT 1 FROM arrivals a WHERE a.case_key = c.case_key AND a.at >"
				   " coalesce((SELECT at FROM looks WHERE what = 'archive'), ''))");
		break;
	case QF_ATTENDEE:
		strbuf_addstr(sql, "EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = c.meeting_id"
				   " AND a.role <> 'absent' AND ");
		name_like(g, sql, "a.name", n->text);
		strbuf_addch(sql, ')');
		break;
	default:
		strbuf_addch(sql, '1');
		break;
	}
}

/* Plain words, the kind a run is made of. */
static bool run_word(const struct qnode *n)
{
	return n->kind == Q_TERM && n->term == QT_WORD && n->field == QF_ANY && !n->read_as;
}

/* At most this many words make one name. */
#define RUN_MAX 6

/*
 * Finds the runs of the top-level AND whose words, together, are a name
 * with other names: each run finds those names too, ranked as the words.
 */
static void find_runs(struct gen *g, const struct qnode *root)
{
	const struct qnode **ops = NULL;
	size_t nops = 0, alloc = 0, i, len;

	if (!root || root->kind != Q_AND || g->literal)
		return;
	query_chain_operands(root, Q_AND, &ops, &nops, &alloc);
	for (i = 0; i + 1 < nops; i++) {
		for (len = nops - i < RUN_MAX ? nops - i : RUN_MAX; len >= 2; len--) {
			struct strbuf key = STRBUF_INIT;
			struct keys eq = {NULL, 0, 0};
			size_t k;
			bool plain = true;

			for (k = 0; k < len && plain; k++) {
				struct qwords ws = {NULL, 0, 0, NULL, false};
				plain = run_word(ops[i + k]);
				if (plain)
					words_each(g->wz, ops[i + k]->text, strlen(ops[i + k]->text),
						   collect_word, &ws);
				if (ws.n == 1)
					strbuf_addf(&key, "%s%s", k ? " " : "", ws.v[0].exact);
				else
					plain = false;
				qwords_release(&ws);
			}
			if (plain)
				lexicon_equivalents(g->db, g->equivalents, key.buf, &eq);
			if (eq.n) {
				ALLOC_GROW(g->runs, g->nruns + 1, g->runs_alloc);
				g->runs[g->nruns].first = ops[i];
				g->runs[g->nruns].len = len;
				g->runs[g->nruns].key = strbuf_detach(&key, NULL);
				g->runs[g->nruns++].eq = eq;
				i += len - 1;
				break;
			}
			strbuf_release(&key);
		}
	}
	free(ops);
}

static const struct run *run_at(const struct gen *g, const struct qnode *n)
{
	size_t i;

	for (i = 0; i < g->nruns; i++)
		if (g->runs[i].first == n)
			return &g->runs[i];
	return NULL;
}

/* A run: its words, each in every form, or one of its other names. */
static void run_expr(struct gen *g, const struct run *r, const struct qnode *const *ops, int first_group,
		     struct strbuf *out)
{
	size_t k;

	strbuf_addstr(out, "((");
	for (k = 0; k < r->len; k++) {
		if (first_group >= 0)
			g->group = g->group_last = first_group + (int)k;
		strbuf_addstr(out, k ? " AND " : "");
		term_expr(g, ops[k], out);
	}
	strbuf_addch(out, ')');
	if (first_group >= 0) {
		g->group = first_group;
		g->group_last = first_group + (int)r->len - 1;
	}
	for (k = 0; k < r->eq.n; k++)
		equivalent_phrase(g, r->key, r->eq.v[k], out);
	g->group_last = g->group;
	strbuf_addch(out, ')');
}

/*
 * "The case matches the expression `build` writes." Where the expression
 * stands for a name by an abbreviation that also means something else
 * ("KI": kunstig intelligens, kritisk informasjon), a case that has the
 * name only by the abbreviation, and has one of its other meanings written
 * out, is left out unless it defines the abbreviation as the name: each
 * case's own words keep the meanings apart.
 */
static bool match_where(struct gen *g, bool (*build)(struct gen *, const void *, struct strbuf *),
			const void *arg, struct strbuf *sql)
{
	struct strbuf e = STRBUF_INIT, plain = STRBUF_INIT;
	bool noting = g->noting;
	size_t first = g->nguards, i;

	if (!build(g, arg, &e)) {
		strbuf_release(&e);
		return false;
	}
	strbuf_addstr(sql, "(c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)");
	bind_text_value(g, strbuf_detach(&e, NULL));
	setop_add(g, SET_MATCH, g->nb - 1);
	if (g->nguards > first) {
		g->sets_only = false;
		g->skip_guarded = true;
		g->noting = false;
		build(g, arg, &plain);
		g->skip_guarded = false;
		g->noting = noting;
	}
	for (i = first; i < g->nguards; i++) {
		strbuf_addstr(sql,
			      " AND (c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)"
			      " OR c.id NOT IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)"
			      " OR EXISTS (SELECT 1 FROM abbrevs a WHERE a.case_id = c.id AND a.abbr_key = ?"
			      " AND a.long_key = ?))");
		bind_text_value(g, xstrdup(plain.buf));
		bind_text_value(g, g->guards[i].others);
		bind_text_value(g, g->guards[i].abbr);
		bind_text_value(g, g->guards[i].key);
	}
	g->nguards = first;
	strbuf_addch(sql, ')');
	strbuf_release(&plain);
	return true;
}

static bool term_build(struct gen *g, const void *n, struct strbuf *out)
{
	return term_expr(g, n, out);
}

struct run_at_ops {
	const struct run *r;
	const struct qnode *const *ops;
};

static bool run_build(struct gen *g, const void *arg, struct strbuf *out)
{
	const struct run_at_ops *ro = arg;

	run_expr(g, ro->r, ro->ops, -1, out);
	return true;
}

/* Whether a filter of this field is over columns that are never NULL, or `c.id IN (...)`: its NOT is
 * the other cases. */
static bool filter_total(enum qfield f)
{
	return f == QF_TYPE || f == QF_YEAR || f == QF_CASE || f == QF_PRESENTER || f == QF_ORG;
}

static void gen_where(struct gen *g, const struct qnode *n, struct strbuf *sql)
{
	const struct qnode **ops = NULL;
	size_t nops = 0, alloc = 0, i, operands = 0, at, first, *filter_at;

	if (n->kind == Q_TERM && n->term == QT_REGEX)
		g->sets_only = false;
	switch (n->kind) {
	case Q_AND:
	case Q_OR:
		/* Parentheses only where SQL needs them (AND binds tighter than OR):
		 * each costs the parser's stack. */
		query_chain_operands(n, n->kind, &ops, &nops, &alloc);
		filter_at = xcalloc(nops, sizeof(*filter_at));
		for (i = 0; i < nops; i++, operands++) {
			bool group = (n->kind == Q_AND && ops[i]->kind == Q_OR);
			const struct run *r = n->kind == Q_AND ? run_at(g, ops[i]) : NULL;
			size_t op_at = g->nsetops;

			filter_at[operands] = SIZE_MAX;
			if (i)
				strbuf_addstr(sql, n->kind == Q_AND ? " AND " : " OR ");
			if (r) {
				struct run_at_ops ro = {r, ops + i};
				match_where(g, run_build, &ro, sql);
				i += r->len - 1;
				continue;
			}
			strbuf_addstr(sql, group ? "(" : "");
			gen_where(g, ops[i], sql);
			strbuf_addstr(sql, group ? ")" : "");
			if (g->nsetops == op_at + 1 && g->setops[op_at].kind == SET_FILTER)
				filter_at[operands] = op_at;
		}
		if (n->kind == Q_AND)
			operands = set_filters_join(g, filter_at, operands);
		setop_add(g, n->kind == Q_AND ? SET_AND : SET_OR, operands);
		free(filter_at);
		free(ops);
		break;
	case Q_NOT: {
		size_t ops_at = g->nsetops, binds_at = g->nb;
		bool filters_only = true, total = true;

		at = sql->len;
		if (n->a->kind == Q_AND || n->a->kind == Q_OR) {
			strbuf_addstr(sql, "NOT (");
			gen_where(g, n->a, sql);
			strbuf_addch(sql, ')');
		} else {
			strbuf_addstr(sql, "NOT ");
			gen_where(g, n->a, sql);
		}
		/*
		 * A set is what the SQL is true for: what it is not true for is the
		 * rest only where it is never NULL, as the words' `c.id IN (...)`
		 * and a year's filter are and a meeting's body's is not. With such
		 * filters only, the operand's cases are taken from the others'
		 * (`helse -year:2021`: the year's few cases, read by their index);
		 * filters alone otherwise become one filter, the NOT as SQL reads it;
		 * words with another filter are left to SQL.
		 */
		for (i = ops_at; i < g->nsetops; i++) {
			filters_only = filters_only && g->setops[i].kind != SET_MATCH;
			total =
			    total && (g->setops[i].kind != SET_FILTER || g->filters[g->setops[i].arg].total);
		}
		if (filters_only && !total) {
			g->nsetops = ops_at;
			set_filter_add(g, sql->buf + at, binds_at, g->nb, false);
			break;
		}
		if (!total)
			g->sets_only = false;
		setop_add(g, SET_NOT, 1);
		break;
	}
	case Q_TERM:
		/* Counting by facets (stats): "2022" is the year only, as the member means it. */
		if (n->read_as && g->facets_only && n->read_as->field != QF_PRESENTER &&
		    n->read_as->field != QF_ORG) {
			filter_where(g, n->read_as, sql);
			g->sets_only = false;
			break;
		}
		/* A word read as a facet finds what the facet finds, and itself: the facet's set or the
		 * word's. */
		if (n->read_as) {
			strbuf_addch(sql, '(');
			at = sql->len;
			first = g->nb;
			filter_where(g, n->read_as, sql);
			set_filter_add(g, sql->buf + at, first, g->nb, filter_total(n->read_as->field));
			ALLOC_GROW(g->facets, g->nfacets + 1, g->facets_alloc);
			g->facets[g->nfacets].node = n;
			g->facets[g->nfacets++].filter = g->nfilters - 1;
			strbuf_addstr(sql, " OR ");
		}
		if (n->term == QT_REGEX) {
			regex_where(g, n, sql);
		} else if (!match_where(g, term_build, n, sql)) {
			strbuf_addch(sql, '1');
			g->sets_only = false;
		}
		if (n->read_as) {
			strbuf_addch(sql, ')');
			setop_add(g, SET_OR, 2);
		}
		break;
	case Q_FILTER:
		at = sql->len;
		first = g->nb;
		filter_where(g, n, sql);
		/* Over columns that are never NULL, or `c.id IN (...)`. */
		set_filter_add(g, sql->buf + at, first, g->nb, filter_total(n->field));
		break;
	}
}

/*
 * The positive text terms with the query's AND and OR, for ranking; each
 * operand of the top-level AND is a word of its own in the plan (g->group),
 * and `any` joins those operands with OR (the cases with most of the
 * words). Parts that the index cannot express (filters, patterns, NOT)
 * drop out; false when nothing is left.
 */
static bool gen_hint(struct gen *g, const struct qnode *n, bool top, bool any, struct strbuf *out)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, facets = STRBUF_INIT, facet_plan = STRBUF_INIT;
	const struct qnode **ops = NULL;
	size_t nops = 0, alloc = 0, i, kept = 0, plan_len = 0, start_len = g->plan ? g->plan->len : 0;
	bool ok = false;

	switch (n->kind) {
	case Q_AND:
	case Q_OR:
		/* An AND keeps the operands the index can express; an OR needs them all. */
		query_chain_operands(n, n->kind, &ops, &nops, &alloc);
		for (i = 0; i < nops; i++) {
			const char *op = n->kind == Q_AND && !(top && any) ? " AND " : " OR ";
			const struct run *r = n->kind == Q_AND && !any ? run_at(g, ops[i]) : NULL;

			if (top && n->kind == Q_AND)
				g->group = g->group_last = (int)i;
			if (g->plan)
				plan_len = g->plan->len;
			strbuf_reset(&a);
			if (r) {
				run_expr(g, r, ops + i, top ? (int)i : g->group, &a);
				strbuf_addf(&b, "%s%s", kept++ ? op : "", a.buf);
				i += r->len - 1;
				continue;
			}
			if (!gen_hint(g, ops[i], false, any, &a)) {
				/* Its phrases are not in the expression: nor in the plan. */
				if (g->plan)
					strbuf_setlen(g->plan, plan_len);
				if (n->kind == Q_OR)
					break;
				continue;
			}
			if (top && n->kind == Q_AND && !any && ops[i]->kind == Q_TERM && ops[i]->read_as) {
				/*
				 * A word read as a facet need not be in the text: a case of the
				 * facet is scored by the other words. Its phrases go after them,
				 * ORed, and so do its plan items, to keep the plan in the
				 * expression's order.
				 */
				strbuf_addf(&facets, " OR %s", a.buf);
				if (g->plan) {
					strbuf_addstr(&facet_plan, g->plan->buf + plan_len);
					strbuf_setlen(g->plan, plan_len);
				}
				continue;
			}
			strbuf_addf(&b, "%s%s", kept++ ? op : "", a.buf);
		}
		ok = (kept || facets.len) && (n->kind == Q_AND || i == nops);
		if (ok && facets.len) {
			/* "((others) OR f1 OR f2)", or "(f1 OR f2)" without others. */
			if (kept)
				strbuf_addf(out, "((%s)%s)", b.buf, facets.buf);
			else
				strbuf_addf(out, "(%s)", facets.buf + strlen(" OR "));
			if (g->plan)
				strbuf_addstr(g->plan, facet_plan.buf);
		} else if (ok) {
			strbuf_addf(out, kept > 1 ? "(%s)" : "%s", b.buf);
		} else if (g->plan) {
			strbuf_setlen(g->plan, start_len);
		}
		free(ops);
		break;
	case Q_TERM:
		ok = n->term != QT_REGEX && term_expr(g, n, out);
		break;
	default:
		break;
	}
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&facets);
	strbuf_release(&facet_plan);
	return ok;
}

/* Narrows a hint to the columns that rank strongly: title, decision, presenters. */
static void hint_strong_columns(struct strbuf *hint)
{
	char *inner = strbuf_detach(hint, NULL);

	strbuf_addf(hint, "{title decision people} : (%s)", inner);
	free(inner);
}

/* What stops a search: its deadline, or store_interrupt() from another thread. */
struct watch {
	struct store *s;
	bool has_deadline;
	struct timespec at;
};

/* SQLite's progress handler: non-zero stops the statement with SQLITE_INTERRUPT. */
static int should_stop(void *arg)
{
	const struct watch *w = arg;
	struct timespec now;

	if (store_interrupted(w->s))
		return 1;
	if (!w->has_deadline)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > w->at.tv_sec || (now.tv_sec == w->at.tv_sec && now.tv_nsec > w->at.tv_nsec);
}

static int bind_value(sqlite3_stmt *st, int k, const struct binding *b)
{
	return b->kind == 0 ? sqlite3_bind_text(st, k, b->text, -1, SQLITE_STATIC)
			    : sqlite3_bind_int64(st, k, b->i);
}

static bool bind_range(sqlite3_stmt *st, const struct gen *g, size_t from, int first)
{
	size_t i;

	for (i = from; i < g->nb; i++)
		if (bind_value(st, first + (int)(i - from), &g->b[i]) != SQLITE_OK)
			return false;
	return true;
}

static bool bind_all(sqlite3_stmt *st, const struct gen *g, int first)
{
	return bind_range(st, g, 0, first);
}

static enum vt_status step_error(struct store *s, int rc, const struct search_opts *o, struct vt_diag *diag)
{
	if (rc == SQLITE_INTERRUPT)
		return o->deadline_ms && !store_interrupted(s)
			   ? vt_fail(diag, VT_ERR_USAGE, 0,
				     _("the query took longer than %ld ms and was stopped; narrow it"),
				     o->deadline_ms)
			   : vt_fail(diag, VT_ERR_USAGE, 0, _("the query was cancelled"));
	return sql_fail(store_db(s), diag, _("searching"));
}

/* A pattern that could not be run (regex_where) fails the search as its SQL would have. */
static enum vt_status pattern_error(struct store *s, const struct gen *g, const struct search_opts *o,
				    struct vt_diag *diag)
{
	if (g->pattern_failed == PATTERN_TOO_EXPENSIVE)
		return vt_fail(diag, VT_ERR_USAGE, 0, "%s",
			       _("pattern too expensive: it hit PCRE2's match or depth limit"));
	if (g->pattern_failed == PATTERN_SQL_ERROR)
		return step_error(s, g->pattern_rc, o, diag);
	return VT_OK;
}

static void bindings_reset(struct gen *g)
{
	size_t i;

	for (i = 0; i < g->nb; i++)
		free(g->b[i].text);
	g->nb = 0;
}

/*
 * Counts the cases of `where` (with `any`, only whether there is one).
 * With `keep`, the ids go into temp.search_found as they are counted, so
 * that the page reads them instead of evaluating the WHERE clause, its
 * full-text postings above all, a second time; *kept says whether they did.
 */
static enum vt_status run_count(struct store *s, struct gen *g, const char *where, bool any, bool keep,
				const struct search_opts *o, size_t *n, bool *kept, struct vt_diag *diag)
{
	char *sql;
	sqlite3_stmt *st = NULL;
	enum vt_status ret = VT_OK;
	int rc;

	*kept = false;
	keep = keep && !any && sqlite3_exec(g->db, SEARCH_FOUND_EMPTY, NULL, NULL, NULL) == SQLITE_OK;
	sql = xasprintf(
	    keep  ? "INSERT INTO temp.search_found SELECT c.id FROM cases c"
		    " JOIN meetings m ON m.id = c.meeting_id WHERE %s"
	    : any ? "SELECT count(*) FROM (SELECT 1 FROM cases c JOIN meetings m ON m.id = c.meeting_id"
		    " WHERE %s LIMIT 1)"
		  : "SELECT count(*) FROM cases c JOIN meetings m ON m.id = c.meeting_id WHERE %s",
	    where);
	if (sqlite3_prepare_v2(g->db, sql, -1, &st, NULL) != SQLITE_OK || !bind_all(st, g, 1)) {
		ret = sql_fail(g->db, diag, _("searching"));
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc != (keep ? SQLITE_DONE : SQLITE_ROW)) {
		ret = step_error(s, rc, o, diag);
	} else if (keep) {
		*n = (size_t)sqlite3_changes64(g->db);
		*kept = true;
	} else {
		*n = (size_t)sqlite3_column_int64(st, 0);
	}
out:
	sqlite3_finalize(st);
	free(sql);
	return ret;
}

/*
 * At least as many as there are cases (their ids are distinct and
 * positive), in one look at the end: SQLite's result code, and *n SIZE_MAX
 * when it fails (a search stopped by its deadline or by the UI).
 */
static int cases_upper(sqlite3 *db, size_t *n)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*n = SIZE_MAX;
	if ((rc = sqlite3_prepare_v2(db, "SELECT max(id) FROM cases", -1, &st, NULL)) == SQLITE_OK &&
	    (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 max = sqlite3_column_int64(st, 0);
		*n = max > 0 ? (size_t)max : 0;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The first and the last of the ids in temp.search_found (SQLITE_DONE: none). */
static int kept_bounds(sqlite3 *db, long *lo, long *hi)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT min(id), max(id) FROM temp.search_found", -1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = sqlite3_column_type(st, 0) == SQLITE_NULL ? SQLITE_DONE : SQLITE_OK;
		*lo = (long)sqlite3_column_int64(st, 0);
		*hi = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The cases of `set` into temp.search_found, for a page that SQL orders (see run_count's keep). */
static enum vt_status keep_set(struct store *s, sqlite3 *db, const struct caseset *set,
			       const struct search_opts *o, bool *kept, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	long id;
	int rc;

	*kept = false;
	if ((rc = sqlite3_exec(db, SEARCH_FOUND_EMPTY, NULL, NULL, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_prepare_v2(db, "INSERT INTO temp.search_found VALUES (?)", -1, &st, NULL)) !=
		SQLITE_OK)
		goto out;
	for (id = caseset_next(set, -1); id >= 0 && rc == SQLITE_OK; id = caseset_next(set, id)) {
		sqlite3_bind_int64(st, 1, id);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? sqlite3_reset(st) : rc;
	}
out:
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return step_error(s, rc, o, diag);
	*kept = true;
	return VT_OK;
}

/* Adds the cases a filter (set_filter_add) keeps to `set`. */
static int read_filter(struct gen *g, const struct set_filter *f, struct caseset *set)
{
	char *sql = xasprintf("SELECT c.id FROM cases c JOIN meetings m ON m.id = c.meeting_id WHERE %s",
			      f->where.buf);
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	if ((rc = sqlite3_prepare_v2(g->db, sql, -1, &st, NULL)) != SQLITE_OK)
		goto out;
	for (i = 0; i < f->nbinds && rc == SQLITE_OK; i++)
		rc = bind_value(st, (int)i + 1, &g->b[f->binds[i]]);
	if (rc == SQLITE_OK)
		rc = caseset_add_rows(st, set);
out:
	sqlite3_finalize(st);
	free(sql);
	return rc;
}

/* Adds the cases of the FTS5 expression `expr` from `lo` to `hi` to `set`, read once a search. */
static int read_match(struct gen *g, const char *expr, long lo, long hi, struct caseset *set)
{
	struct read_set *r;
	size_t i;
	int rc;
	bool done;

	for (i = 0; i < g->nread_sets; i++) {
		r = &g->read_sets[i];
		if (r->lo <= lo && r->hi >= hi && !strcmp(r->expr, expr)) {
			caseset_or(set, &r->set);
			return SQLITE_OK;
		}
	}
	if ((rc = termsets_add_match(g->store, expr, lo, hi, set, &done)) != SQLITE_OK ||
	    (!done && (rc = caseset_add_match(g->store, expr, lo, hi, set)) != SQLITE_OK))
		return rc;
	ALLOC_GROW(g->read_sets, g->nread_sets + 1, g->read_sets_alloc);
	r = &g->read_sets[g->nread_sets++];
	r->expr = xstrdup(expr);
	r->lo = lo;
	r->hi = hi;
	caseset_init(&r->set, set->nwords * 64 - 1);
	caseset_or(&r->set, set);
	return SQLITE_OK;
}

/*
 * The filter among the operands of the program's last operation when
 * that is an AND (`samhandling year:2021`), or SIZE_MAX: every case the
 * program finds is one of the filter's.
 */
static size_t anded_filter(const struct gen *g)
{
	size_t *starts = xcalloc(g->nsetops + 1, sizeof(*starts)), depth = 0, i, k, found = SIZE_MAX;
	const struct setop *last = g->nsetops ? &g->setops[g->nsetops - 1] : NULL;

	/* Where each operand begins: a leaf is one op, an operation its operands and itself. */
	for (i = 0; i + 1 < g->nsetops; i++) {
		if (g->setops[i].kind == SET_MATCH || g->setops[i].kind == SET_FILTER) {
			starts[depth++] = i;
		} else if (g->setops[i].arg > depth) {
			goto out;
		} else {
			depth -= g->setops[i].arg - 1;
		}
	}
	if (!last || last->kind != SET_AND || last->arg != depth)
		goto out;
	for (k = 0; k < depth; k++) {
		size_t end = k + 1 < depth ? starts[k + 1] : g->nsetops - 1;
		if (end == starts[k] + 1 && g->setops[starts[k]].kind == SET_FILTER)
			found = starts[k];
	}
out:
	free(starts);
	return found;
}

/* Whether the query names a year or dates, typed as a field or read from a word ("2021"); with
 * `negated` false, not counting those under a NOT. */
static bool names_dates(const struct qnode *n, bool negated)
{
	if (!n || (n->kind == Q_NOT && !negated))
		return false;
	if (n->kind == Q_FILTER && (n->field == QF_YEAR || n->field == QF_DATE))
		return true;
	if (n->kind == Q_TERM && n->read_as && names_dates(n->read_as, negated))
		return true;
	return names_dates(n->a, negated) || names_dates(n->b, negated);
}

static bool dated(const struct qnode *n)
{
	return names_dates(n, true);
}

/*
 * How many words the AND at the end of a run of SET_MATCH from `i` joins,
 * when it joins just them and none has a word kept as a set (termsets.h):
 * reading such a word's bitmap costs less than FTS5 stepping through it.
 */
static size_t anded_matches(const struct gen *g, size_t i)
{
	size_t k;

	for (k = 0; i + k < g->nsetops && g->setops[i + k].kind == SET_MATCH; k++)
		if (termsets_cover(g->store, g->b[g->setops[i + k].arg].text))
			return 0;
	return i + k < g->nsetops && g->setops[i + k].kind == SET_AND && g->setops[i + k].arg == k ? k : 0;
}

/*
 * Counts the cases of the WHERE clause just written: from the full-text
 * index and the filters' own queries into `set` (*have_set) when it is
 * only words and filters joined by AND, OR and NOT, else by run_count.
 * The index holds exactly the cases, so a word query needs no row of the
 * cases table (`NILAR` at 1 GB, 16,520 cases: 100 ms → 5). With `words`
 * (a WHERE clause of where_of's `any`), also how many of the words each
 * case has, an array by case id the caller frees.
 */
static enum vt_status count_matches(struct store *s, struct gen *g, const char *where, bool keep,
				    const struct search_opts *o, size_t *n, bool *kept, struct caseset *set,
				    bool *have_set, unsigned char **words, struct vt_diag *diag)
{
	struct caseset *stack = NULL, filtered = {0};
	size_t depth = 0, upper, i, k, first, base;
	bool *negated = NULL;
	long lo = 0, hi = LONG_MAX;
	int rc = SQLITE_OK;

	caseset_release(set);
	*have_set = false;
	*kept = false;
	for (i = 0; i < g->nsetops && g->setops[i].kind != SET_MATCH; i++)
		;
	/*
	 * Without a word, filters that keep to a year or dates stay in SQL,
	 * which plans them over the date index and pages by it. Others are sets
	 * too: the page then walks the dates until it is full, instead of
	 * joining every match to its meeting to sort it (`presenter:ranhoff` at
	 * 1 GB, 5,836 cases: 47 → 26 ms; `type:drøfting -year:2021` 153 → 27).
	 */
	if (!g->sets_only || (i == g->nsetops && (!g->root || names_dates(g->root, false))))
		return run_count(s, g, where, false, keep, o, n, kept, diag);
	if ((rc = cases_upper(g->db, &upper)) != SQLITE_OK)
		return step_error(s, rc, o, diag);
	stack = xcalloc(g->nsetops, sizeof(*stack));
	negated = xcalloc(g->nsetops, sizeof(*negated));
	/*
	 * A filter every match must pass is read first, and the words are read
	 * only between its first and last case: FTS5 enters each posting list
	 * there. Cases are numbered as they are imported, mostly in order of
	 * their meetings, so a year's cases lie close together (`samhandling
	 * year:2021` reads a fortieth of `samhandling`'s postings at 1 GB).
	 */
	if ((first = anded_filter(g)) != SIZE_MAX) {
		caseset_init(&filtered, upper);
		rc = read_filter(g, &g->filters[g->setops[first].arg], &filtered);
		if (rc == SQLITE_OK && !caseset_bounds(&filtered, &lo, &hi))
			lo = 1, hi = 0; /* nothing passes: no word need be read */
	}
	for (i = 0; i < g->nsetops && rc == SQLITE_OK; i++) {
		const struct setop *op = &g->setops[i];

		if (i == first) {
			stack[depth++] = filtered;
			filtered.bits = NULL;
			continue;
		}
		if (op->kind == SET_MATCH && !words && (k = anded_matches(g, i)) > 1) {
			/* Words alone under one AND: one query, so that FTS5 steps only to the cases
			 * with all of them, instead of handing over each word's every case. */
			struct strbuf all = STRBUF_INIT;
			size_t j;

			for (j = i; j < i + k; j++)
				strbuf_addf(&all, "%s(%s)", j > i ? " AND " : "",
					    g->b[g->setops[j].arg].text);
			caseset_init(&stack[depth], upper);
			rc = read_match(g, all.buf, lo, hi, &stack[depth++]);
			strbuf_release(&all);
			i += k; /* and the AND */
			continue;
		}
		if (op->kind == SET_MATCH || op->kind == SET_FILTER) {
			caseset_init(&stack[depth], upper);
			rc = op->kind == SET_MATCH
				 ? read_match(g, g->b[op->arg].text, lo, hi, &stack[depth++])
				 : read_filter(g, &g->filters[op->arg], &stack[depth++]);
			continue;
		}
		if (op->arg > depth || !op->arg)
			break; /* not as gen_where writes them: let SQL count */
		if (op->kind == SET_NOT) {
			/* Kept as it is, and taken from the cases beside it under an AND. */
			negated[depth - 1] = !negated[depth - 1];
			continue;
		}
		base = depth - op->arg;
		/* Under an AND, the cases of one operand not negated less those of the negated ones. */
		for (k = 0; k < op->arg && negated[base + k]; k++)
			;
		if (k == op->arg || (op->kind == SET_OR && k))
			break; /* the cases that lack a word, from all the archive's: let SQL count */
		if (k) {
			struct caseset t = stack[base];

			stack[base] = stack[base + k];
			stack[base + k] = t;
			negated[base + k] = true;
			negated[base] = false;
		}
		for (k = 1; k < op->arg; k++) {
			if (op->kind == SET_OR && negated[base + k])
				break;
			if (op->kind == SET_AND)
				(negated[base + k] ? caseset_and_not : caseset_and)(&stack[base],
										    &stack[base + k]);
			else
				caseset_or(&stack[base], &stack[base + k]);
		}
		if (k < op->arg)
			break;
		for (k = 1; k < op->arg; k++) {
			caseset_release(&stack[base + k]);
			negated[base + k] = false;
		}
		depth -= op->arg - 1;
	}
	if (depth && negated[depth - 1])
		i = SIZE_MAX; /* the whole is negated: SQL counts it */
	if (rc == SQLITE_OK && i == g->nsetops && words && depth >= 1) {
		/* The cases with any of the words (where_of's `any`), and how many each has. */
		*words = xcalloc(upper + 1, 1);
		for (k = 0; k < depth; k++) {
			caseset_count_into(&stack[k], *words, upper + 1);
			if (k)
				caseset_or(&stack[0], &stack[k]);
		}
	}
	if (rc == SQLITE_OK && i == g->nsetops && (depth == 1 || (words && depth >= 1))) {
		*set = stack[0];
		stack[0].bits = NULL;
		*n = caseset_count(set);
		*have_set = true;
	}
	for (i = 0; i < depth; i++)
		caseset_release(&stack[i]);
	free(stack);
	free(negated);
	caseset_release(&filtered);
	if (rc != SQLITE_OK)
		return step_error(s, rc, o, diag);
	return *have_set ? VT_OK : run_count(s, g, where, false, keep, o, n, kept, diag);
}

/* A word or phrase the cases with most of the words may lack; filters and NOTs hold always. */
static bool droppable(const struct qnode *n)
{
	return n->kind == Q_TERM;
}

/* The operands of the top-level AND that are words (or those that are not), each after `sep`. */
static void join_operands(struct gen *g, const struct qnode *root, bool words, const char *sep,
			  struct strbuf *sql)
{
	const struct qnode **ops = NULL;
	size_t nops = 0, alloc = 0, i;

	query_chain_operands(root, Q_AND, &ops, &nops, &alloc);
	for (i = 0; i < nops; i++) {
		if (droppable(ops[i]) != words)
			continue;
		strbuf_addf(sql, "%s(", sep);
		gen_where(g, ops[i], sql);
		strbuf_addch(sql, ')');
	}
	free(ops);
}

/* Whether every operand of the query's top-level AND is a word (droppable), none read as a facet:
 * the sets' page groups cases by their words or by their facets, not by both. */
static bool only_words(const struct qnode *root)
{
	const struct qnode **ops = NULL;
	size_t nops = 0, alloc = 0, i;
	bool all = true;

	query_chain_operands(root, Q_AND, &ops, &nops, &alloc);
	for (i = 0; i < nops; i++)
		all = all && droppable(ops[i]) && !ops[i]->read_as;
	free(ops);
	return all;
}

/*
 * The WHERE clause: the query, or with `any` the cases with any of the
 * words of its top-level AND (and every filter and NOT of it).
 */
static void where_of(struct gen *g, const struct qnode *root, bool any, struct strbuf *where)
{
	/* The words around a pattern may have changed (mended, or taken one by one): find its cases again. */
	patterns_forget(g);
	g->root = any ? NULL : root;
	g->nsetops = 0;
	g->nfacets = 0;
	set_filters_forget(g);
	g->sets_only = root && !g->since_look && (!any || only_words(root));
	strbuf_reset(where);
	strbuf_addch(where, '(');
	if (!root) {
		strbuf_addch(where, '1');
	} else if (!any) {
		gen_where(g, root, where);
	} else {
		strbuf_addstr(where, "(0");
		join_operands(g, root, true, " OR ", where);
		strbuf_addch(where, ')');
		join_operands(g, root, false, " AND ", where);
	}
	strbuf_addch(where, ')');
	if (g->since_look) {
		/* Never looked at: new since the saved search was saved, as a new mail folder is read. */
		strbuf_addstr(where,
			      " AND EXISTS (SELECT 1 FROM arrivals a WHERE a.case_key = c.case_key AND a.at >"
			      " coalesce((SELECT at FROM looks WHERE what = 'saved:' || ?),"
			      " (SELECT max(at) FROM ops WHERE kind = 'save' AND name = ?), ''))");
		bind_text_value(g, xstrdup(g->since_look));
		bind_text_value(g, xstrdup(g->since_look));
	}
}

/* Whether the query has two words or more that the cases with most of them may lack. */
static bool relaxable(const struct qnode *root)
{
	const struct qnode **ops = NULL;
	size_t nops = 0, alloc = 0, i, words = 0;

	if (root->kind != Q_AND)
		return false;
	query_chain_operands(root, Q_AND, &ops, &nops, &alloc);
	for (i = 0; i < nops; i++)
		words += droppable(ops[i]);
	free(ops);
	return words >= 2;
}

/*
 * The number of words read as facets that a case satisfies: read words'
 * cases come first. A presenter's or an organisation's name is also an
 * ordinary word ("e-helse"): it weighs through the presenters' place in
 * the aboutness score instead.
 */
/* Whether n is a word read as a facet that puts the cases of the facet first: not a presenter or an
 * organisation, whose names are words of the text as well. */
static bool preferred_facet(const struct qnode *n)
{
	return n->kind == Q_TERM && n->read_as && n->read_as->field != QF_PRESENTER &&
	       n->read_as->field != QF_ORG;
}

static void preferred_of(struct gen *g, const struct qnode *n, struct strbuf *sql)
{
	if (n->kind == Q_AND) {
		preferred_of(g, n->a, sql);
		preferred_of(g, n->b, sql);
	} else if (preferred_facet(n)) {
		/* A meeting without a body or a date lacks that facet, as its set says, and keeps the
		 * others (a NULL would make the whole sum NULL, and the case last). */
		strbuf_addstr(sql, " + coalesce((");
		filter_where(g, n->read_as, sql);
		strbuf_addstr(sql, "), 0)");
	}
}

/*
 * The same count from the sets: for each member of `found`, 1 + how many
 * of the query's preferred facets (under its top-level AND) it is in, by
 * case id below found's bound; *counts NULL when the query has none.
 */
static int facet_counts(struct gen *g, const struct qnode *n, const struct caseset *found,
			unsigned char **counts)
{
	size_t upper = found->nwords * 64, i;
	struct caseset in = {0};
	int rc = SQLITE_OK;

	if (n->kind == Q_AND) {
		if ((rc = facet_counts(g, n->a, found, counts)) == SQLITE_OK)
			rc = facet_counts(g, n->b, found, counts);
		return rc;
	}
	if (!preferred_facet(n))
		return SQLITE_OK;
	for (i = 0; i < g->nfacets && g->facets[i].node != n; i++)
		;
	if (i == g->nfacets)
		return SQLITE_OK; /* not written as a set: gen_where() left sets_only false */
	if (!*counts) {
		*counts = xcalloc(upper + 1, 1);
		caseset_count_into(found, *counts, upper + 1);
	}
	caseset_init(&in, upper);
	if ((rc = read_filter(g, &g->filters[g->facets[i].filter], &in)) == SQLITE_OK) {
		caseset_and(&in, found);
		caseset_count_into(&in, *counts, upper + 1);
	}
	caseset_release(&in);
	return rc;
}

static enum qfield person_known(void *arg, const char *word)
{
	return lexicon_person(arg, word);
}

/* Words typed joined by punctuation ("fhir/api", "fhir-api"), which make one phrase or one word. */
static bool joined_words(struct gen *g, const struct qnode *n)
{
	struct qwords ws = {NULL, 0, 0, NULL, false};
	bool joined;

	if (n->kind != Q_TERM || n->term != QT_WORD)
		return false;
	words_each(g->wz, n->text, strlen(n->text), collect_apart, &ws);
	joined = ws.n > 1;
	qwords_release(&ws);
	return joined;
}

/* A plain word that could be misspelt: letters only, four or more. */
static bool spellable(const struct qnode *n)
{
	const char *p;

	if (n->kind != Q_TERM || n->term != QT_WORD || n->read_as)
		return false;
	for (p = n->text; *p; p++)
		if ((unsigned char)*p < 0x80 &&
		    !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-'))
			return false;
	return utf8_chars(n->text, strlen(n->text)) >= 4;
}

/*
 * Whether a word no case has is surely a misspelling of the archive's word
 * `distance` edits away, and is searched as that word: one edit in a word
 * of seven letters or more, two in one of ten or more. A shorter word may
 * be a word of its own that the archive lacks ("eldre" is not "endre"):
 * it gets a suggestion only.
 */
static bool confident(const char *word, size_t distance)
{
	size_t letters = utf8_chars(word, strlen(word));
	uint32_t first = 0, second = 0;
	size_t k = utf8_decode(word, strlen(word), &first);

	/* "Sørensen" is a name the archive lacks more likely than a misspelt "jørgensen". */
	if (k && word[k] && utf8_decode(word + k, strlen(word + k), &second) && utf8_is_upper(first) &&
	    !utf8_is_upper(second))
		return false;
	return (distance == 1 && letters >= 7) || (distance == 2 && letters >= 10);
}

/*
 * Words of the top-level AND that no case has: corrected to the nearest
 * word of the archive where that is sure (noted in out->corrected), else
 * named in *missing with the nearest word as a suggestion. Sets *changed
 * when a word was corrected.
 */
static enum vt_status check_words(struct store *s, struct gen *g, struct qnode *root,
				  const struct search_opts *o, struct search_result *out,
				  struct strbuf *missing, bool *changed, struct vt_diag *diag)
{
	const struct qnode **ops = NULL;
	struct strbuf where = STRBUF_INIT, fixed = STRBUF_INIT;
	size_t nops = 0, alloc = 0, i, n, distance;
	enum vt_status ret = VT_OK;
	bool kept;

	*changed = false;
	query_chain_operands(root, Q_AND, &ops, &nops, &alloc);
	for (i = 0; i < nops && ret == VT_OK; i++) {
		struct qnode *op = (struct qnode *)ops[i];
		char *better;

		/* Only words and phrases can be found nowhere for want of spelling; one alone
		 * has the query's count, which is 0. */
		if (op->kind != Q_TERM || op->term == QT_REGEX)
			continue;
		if (joined_words(g, op) && !g->loose) {
			g->loose = true; /* tried as separate words first; said so by the caller */
			*changed = true;
			continue;
		}
		n = 0;
		if (nops > 1) {
			bindings_reset(g);
			where_of(g, op, false, &where);
			if ((ret = run_count(s, g, where.buf, true, false, o, &n, &kept, diag)) != VT_OK || n)
				continue;
		}
		if (spellable(op)) {
			char *exact = words_key(g->wz, op->text, strlen(op->text));
			better = exact ? lexicon_suggest(g->db, exact, &distance) : NULL;
			free(exact);
		} else {
			better = NULL;
		}
		if (better && confident(op->text, distance)) {
			strbuf_addf(&fixed, "%s%s → %s", fixed.len ? ", " : "", op->text, better);
			free(op->text);
			op->text = better;
			*changed = true;
			continue;
		}
		strbuf_addstr(missing, missing->len ? ", " : "");
		if (better)
			/* TRANSLATORS: a word no case has, and the archive's nearest word. */
			strbuf_addf(missing, _("%s (did you mean %s?)"), op->text, better);
		else
			strbuf_addstr(missing, op->text);
		free(better);
	}
	if (fixed.len)
		out->corrected = strbuf_detach(&fixed, NULL);
	free(ops);
	strbuf_release(&where);
	strbuf_release(&fixed);
	return ret;
}

static bool uses_field(const struct qnode *n, enum qfield f)
{
	return n && ((n->kind == Q_FILTER && n->field == f) || uses_field(n->a, f) || uses_field(n->b, f));
}

enum vt_status store_search(struct store *s, struct query *q, const struct search_opts *o,
			    struct search_result *out, struct vt_diag *diag)
{
	struct gen g;
	struct strbuf where = STRBUF_INIT, sql = STRBUF_INIT, hint = STRBUF_INIT, plan = STRBUF_INIT,
		      explain = STRBUF_INIT, missing = STRBUF_INIT, bounds = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	enum vt_status ret = VT_OK;
	struct watch watch = {s, o->deadline_ms > 0, {0, 0}};
	bool ranked = false, bounded = false, strong = false, any = false, kept = false, have_set = false,
	     newest_first, snapshot = false;
	struct caseset found = {0};	   /* with have_set, the matches (count_matches) */
	unsigned char *word_counts = NULL; /* with have_set and any: how many words each case has */
	/* The ids are kept for the page only when there will be one. */
	bool keep = !o->count_only;
	struct binding *where_values = NULL;
	size_t i, nwhere_values = 0, before, upper;
	long lo = 0, hi = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	/* topic: reads the topics, which an import may have left to be made again. */
	if (uses_field(q->root, QF_TOPIC) && (ret = store_update_topics(s, NULL, diag)) != VT_OK)
		return ret;
	memset(&g, 0, sizeof(g));
	g.db = store_db(s);
	g.store = s;
	g.wz = wordizer_new();
	g.equivalents = store_equivalents(s);
	g.literal = o->literal;
	g.since_look = o->since_look;
	g.facets_only = o->facets_only;
	if (watch.has_deadline) {
		clock_gettime(CLOCK_MONOTONIC, &watch.at);
		watch.at.tv_sec += o->deadline_ms / 1000;
		watch.at.tv_nsec += (o->deadline_ms % 1000) * 1000000L;
		if (watch.at.tv_nsec >= 1000000000L) {
			watch.at.tv_sec++;
			watch.at.tv_nsec -= 1000000000L;
		}
	}
	/* Before the WHERE clause: expanding a word into index terms runs SQL too. */
	/*
	 * Every read of the search in one snapshot: the frequent words' sets,
	 * the index and the cases, counted and paged, as of one moment, even
	 * while another process imports (db/termsets.c reads several tables).
	 */
	snapshot = sqlite3_get_autocommit(g.db) && sqlite3_exec(g.db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_progress_handler(g.db, 1000, should_stop, &watch);
	store_set_deadline(s, watch.has_deadline ? &watch.at : NULL);
	if (q->root && !o->literal) {
		struct strbuf reading = STRBUF_INIT;
		query_read_facets(q, person_known, g.db);
		query_describe_reading(q, &reading);
		out->reading = reading.len ? strbuf_detach(&reading, NULL) : NULL;
		strbuf_release(&reading);
	}
	g.explain = o->explain ? &explain : NULL;
	g.noting = true;
	find_runs(&g, q->root);
	where_of(&g, q->root, false, &where);
	g.noting = false;
	g.explain = NULL;
	if ((ret = pattern_error(s, &g, o, diag)) != VT_OK ||
	    (ret = count_matches(s, &g, where.buf, keep, o, &out->total, &kept, &found, &have_set, NULL,
				 diag)) != VT_OK)
		goto out;

	/* No empty answer while a word matches: mend misspelt words, then take the cases with most words. */
	if (out->total == 0 && q->root && o->mend && !o->literal) {
		bool changed = false;

		if ((ret = check_words(s, &g, q->root, o, out, &missing, &changed, diag)) != VT_OK)
			goto out;
		if (changed) {
			/* What the mended words expand to is what --explain and the passages show. */
			bindings_reset(&g);
			strbuf_reset(&explain);
			strbuf_reset(&g.highlight);
			g.explain = o->explain ? &explain : NULL;
			g.noting = true;
			where_of(&g, q->root, false, &where);
			g.noting = false;
			g.explain = NULL;
			if ((ret = pattern_error(s, &g, o, diag)) != VT_OK ||
			    (ret = count_matches(s, &g, where.buf, keep, o, &out->total, &kept, &found,
						 &have_set, NULL, diag)) != VT_OK)
				goto out;
			out->loose = g.loose && out->total > 0;
		}
		if (out->total == 0 && relaxable(q->root)) {
			any = true;
			bindings_reset(&g);
			where_of(&g, q->root, true, &where);
			if ((ret = pattern_error(s, &g, o, diag)) != VT_OK ||
			    (ret = count_matches(s, &g, where.buf, keep, o, &out->total, &kept, &found,
						 &have_set, &word_counts, diag)) != VT_OK)
				goto out;
			out->relaxed = out->total > 0;
		}
		if (missing.len)
			out->missing = strbuf_detach(&missing, NULL);
	}
	if (o->count_only || out->total == 0)
		goto out;

	/* The page, ranked by aboutness (search.h). Values are bound in the order they appear. */
	if (q->root && !o->by_date) {
		/* An abbreviation with other meanings finds cases (match_where) but does not rank them. */
		g.plan = &plan;
		g.skip_guarded = true;
		g.keep_prefixes = out->total > RANK_ALL_MAX;
		/* As the hint is read below: over strong_fts unless it names the slides. */
		g.strong_only = g.keep_prefixes && !uses_field(q->root, QF_SLIDE);
		ranked = gen_hint(&g, q->root, true, any, &hint);
		g.keep_prefixes = false;
		g.strong_only = false;
		g.skip_guarded = false;
		g.plan = NULL;
	}
	bounded = ranked && out->total > RANK_ALL_MAX;
	/*
	 * Bounded, the strong columns are ranked from their own index
	 * (schema 9), whose postings are a small part of case_fts's; a hint
	 * that names the slides column (slide:) keeps to case_fts, where
	 * that part finds nothing within the strong columns, as it must.
	 */
	strong = bounded && !strstr(hint.buf, "{slides}");
	if (bounded && !strong)
		hint_strong_columns(&hint);
	/*
	 * A query of words alone, whose matches are in `found`: its page in
	 * order from the set, newest first or the strong matches first,
	 * without joining every match to its meeting to sort it.
	 */
	if (have_set && (o->limit ? o->limit <= RANK_ALL_MAX : !ranked) && (!ranked || strong)) {
		/* Without a limit (an export, newest first), every match: one walk down the dates. */
		size_t limit = o->limit ? o->limit : out->total;
		const char *by = ranked ? hint.buf : NULL;
		bool clustered = dated(q->root), scored = false;
		struct strong_values values = {0};
		unsigned char *facets = NULL; /* 1 + the facets each match is in (facet_counts) */
		size_t first_hit = out->nhits, h;

		rc = SQLITE_OK;
		/* Ranked, the cases of a word's facet come first ("helse 2021": those of 2021); by date
		 * the counts are only told (--explain). Never with `any`: where_of() leaves a word
		 * read as a facet to SQL then (only_words). */
		if (!any)
			rc = facet_counts(&g, q->root, &found, &facets);
		/* The strong matches scored from the sets once (with `any` each group reads its own). */
		if (rc == SQLITE_OK && by && !any)
			rc = termsets_score_strong(s, &found, plan.buf, by, &values, &scored);
		if (rc == SQLITE_OK && (any || facets) && !o->by_date)
			rc = caseset_page_most(s, &found, any ? word_counts : facets, plan.buf, by, limit,
					       clustered, scored ? &values : NULL, out);
		else if (rc == SQLITE_OK)
			rc = caseset_page(s, &found, plan.buf, by, limit, clustered, scored ? &values : NULL,
					  out);
		for (h = first_hit; facets && h < out->nhits; h++)
			out->hits[h].preferred = facets[out->hits[h].case_id] - 1;
		free(facets);
		strong_values_release(&values);
		if (rc != SQLITE_OK)
			ret = step_error(s, rc, o, diag);
		goto out;
	}
	if (have_set && (ret = keep_set(s, g.db, &found, o, &kept, diag)) != VT_OK)
		goto out;
	/* The page has the count's WHERE clause, whose values come last: keep them. */
	where_values = g.b;
	nwhere_values = g.nb;
	g.b = NULL;
	g.nb = g.alloc = 0;
	strbuf_reset(&sql);
	strbuf_addstr(&sql,
		      ranked ? "SELECT c.id, c.meeting_id, c.position,"
			       " coalesce(CAST(r.v AS INTEGER) / " RANK_UNIT ", 0) AS rank_tier,"
			       " coalesce(r.v - " RANK_UNIT " * (CAST(r.v AS INTEGER) / " RANK_UNIT
			       "), 0) AS rank_score, 0"
			     : "SELECT c.id, c.meeting_id, c.position, 0 AS rank_tier, 0 AS rank_score, 0");
	before = sql.len;
	if (q->root)
		preferred_of(&g, q->root, &sql);
	/* Unranked, with no facet words or word counts to order by, the order is the date's. */
	newest_first = o->by_date || (!ranked && !any && sql.len == before);
	strbuf_addstr(&sql, " AS preferred, 0");
	if (any)
		join_operands(&g, q->root, true, " + ", &sql); /* how many of the words a case has */
	/*
	 * Newest first over many matches: walk the meetings down their date
	 * index and stop at the page's end, instead of sorting every match by
	 * date (`helse` --sort date at 1 GB: 161,000 matches, 230 ms → 1).
	 * Only where the matches are a twentieth of the archive or more, and
	 * not of a year or a date range: over those the walk would pass most
	 * meetings in vain (year:2021 at 1 GB: 23 → 52 ms).
	 */
	strbuf_addstr(&sql, newest_first && kept && out->total > RANK_ALL_MAX && !dated(q->root) &&
				    cases_upper(g.db, &upper) == SQLITE_OK && out->total * 20 > upper
				? " AS words FROM meetings m CROSS JOIN cases c ON c.meeting_id = m.id"
				: " AS words FROM cases c JOIN meetings m ON m.id = c.meeting_id");
	/* The index is read between the first and the last kept case only (count_matches). */
	if (ranked && kept && kept_bounds(g.db, &lo, &hi) == SQLITE_OK)
		strbuf_addf(&bounds, " AND %s.rowid BETWEEN %ld AND %ld", strong ? "strong_fts" : "case_fts",
			    lo, hi);
	if (ranked && strong) {
		strbuf_addf(&sql,
			    " LEFT JOIN (SELECT rowid AS id, vedtak_rank(strong_fts, ?, NULL) AS v"
			    " FROM strong_fts WHERE strong_fts MATCH ?%s) r ON r.id = c.id",
			    bounds.buf);
	} else if (ranked) {
		strbuf_addstr(
		    &sql, " LEFT JOIN (SELECT case_fts.rowid AS id, vedtak_rank(case_fts, ?, k.marks) AS v"
			  " FROM case_fts LEFT JOIN case_marks k ON k.case_id = case_fts.rowid"
			  " WHERE case_fts MATCH ?");
		/*
		 * Scoring every case the words find would cost most of the search
		 * when filters keep few of them (`samhandling year:2021
		 * type:drøfting` at 1 GB: 80,000 to score, 1,000 kept). The unary
		 * + keeps SQLite from looking each kept case up in the index (an
		 * FTS5 query each): the index is read once, and only the kept
		 * cases are scored.
		 */
		if (kept && !bounded)
			strbuf_addstr(&sql, " AND +case_fts.rowid IN (SELECT id FROM temp.search_found)");
		strbuf_addf(&sql, "%s) r ON r.id = c.id", bounds.buf);
	}
	if (ranked) {
		bind_text_value(&g, xstrdup(plan.buf));
		bind_text_value(&g, xstrdup(hint.buf));
	}
	strbuf_addstr(&sql, " WHERE ");
	if (kept) {
		strbuf_addstr(&sql, "c.id IN (SELECT id FROM temp.search_found)");
		for (i = 0; i < nwhere_values; i++)
			free(where_values[i].text);
	} else {
		strbuf_addstr(&sql, where.buf);
		for (i = 0; i < nwhere_values; i++) {
			ALLOC_GROW(g.b, g.nb + 1, g.alloc);
			g.b[g.nb++] = where_values[i];
		}
	}
	free(where_values);
	where_values = NULL;
	nwhere_values = 0;
	strbuf_addf(&sql, " ORDER BY %s m.start_date DESC, c.position, c.id",
		    newest_first ? "" : "words DESC, preferred DESC, rank_tier >= 3, rank_score DESC,");
	if (o->limit)
		strbuf_addf(&sql, " LIMIT %zu", o->limit);
	if (sqlite3_prepare_v2(g.db, sql.buf, -1, &st, NULL) != SQLITE_OK || !bind_all(st, &g, 1)) {
		ret = sql_fail(g.db, diag, _("searching"));
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_hit *h;

		ALLOC_GROW(out->hits, out->nhits + 1, out->alloc);
		h = &out->hits[out->nhits++];
		h->case_id = sqlite3_column_int64(st, 0);
		h->meeting_id = sqlite3_column_int64(st, 1);
		h->position = sqlite3_column_int(st, 2);
		h->tier = sqlite3_column_int(st, 3);
		h->score = sqlite3_column_double(st, 4);
		h->preferred = sqlite3_column_int(st, 5);
	}
	if (rc != SQLITE_DONE)
		ret = step_error(s, rc, o, diag);
out:
	if (explain.len)
		out->explain = strbuf_detach(&explain, NULL);
	if (g.highlight.len)
		out->highlight = strbuf_detach(&g.highlight, NULL);
	strbuf_release(&g.highlight);
	sqlite3_finalize(st);
	sqlite3_finalize(g.strong_probe);
	sqlite3_progress_handler(g.db, 0, NULL, NULL);
	if (snapshot && sqlite3_exec(g.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(g.db, "ROLLBACK", NULL, NULL, NULL);
	store_set_deadline(s, NULL);
	bindings_reset(&g);
	free(g.b);
	for (i = 0; i < nwhere_values; i++)
		free(where_values[i].text);
	free(where_values);
	for (i = 0; i < g.nruns; i++) {
		free(g.runs[i].key);
		keys_release(&g.runs[i].eq);
	}
	free(g.runs);
	for (i = 0; i < g.nknown; i++)
		free(g.known[i].word);
	free(g.known);
	for (i = 0; i < g.nguards; i++) {
		free(g.guards[i].abbr);
		free(g.guards[i].key);
		free(g.guards[i].others);
	}
	free(g.guards);
	patterns_forget(&g);
	free(g.patterns);
	free(g.setops);
	set_filters_forget(&g);
	free(g.facets);
	free(g.filters);
	for (i = 0; i < g.nread_sets; i++) {
		free(g.read_sets[i].expr);
		caseset_release(&g.read_sets[i].set);
	}
	free(g.read_sets);
	for (i = 0; i < g.nword_lists; i++) {
		free(g.word_lists[i].key);
		keys_release(&g.word_lists[i].words);
	}
	free(g.word_lists);
	caseset_release(&found);
	free(word_counts);
	wordizer_free(g.wz);
	strbuf_release(&where);
	strbuf_release(&sql);
	strbuf_release(&hint);
	strbuf_release(&plan);
	strbuf_release(&explain);
	strbuf_release(&missing);
	strbuf_release(&bounds);
	if (ret != VT_OK)
		search_result_release(out);
	return ret;
}

void search_result_describe(const struct search_result *r, struct strbuf *sb)
{
	size_t start = sb->len;

	if (r->reading)
		/* TRANSLATORS: how plain words of a query were read: "read 2022 as year:2022". */
		strbuf_addf(sb, _("read %s"), r->reading);
	if (r->corrected) {
		strbuf_addstr(sb, sb->len > start ? " · " : "");
		strbuf_addf(sb, _("searched instead: %s"), r->corrected);
	}
	if (r->loose) {
		strbuf_addstr(sb, sb->len > start ? " · " : "");
		strbuf_addstr(sb, _("no case has the joined words together: took them apart"));
	}
	if (r->relaxed) {
		strbuf_addstr(sb, sb->len > start ? " · " : "");
		strbuf_addstr(sb, _("no case has every word: those with most of them first"));
	}
	if (r->missing) {
		strbuf_addstr(sb, sb->len > start ? " · " : "");
		strbuf_addf(sb, _("found nowhere: %s"), r->missing);
	}
}

void search_result_release(struct search_result *r)
{
	free(r->hits);
	free(r->reading);
	free(r->corrected);
	free(r->missing);
	free(r->explain);
	free(r->highlight);
	memset(r, 0, sizeof(*r));
}
