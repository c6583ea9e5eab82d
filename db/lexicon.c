/*
 * lexicon.c: the archive's words, abbreviations and names (see lexicon.h).
 */
#include <stdlib.h>
#include <string.h>

#include "db/lexicon.h"
#include "db/termsets.h"
#include "core/spell.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

void keys_release(struct keys *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
	memset(k, 0, sizeof(*k));
}

static void keys_add(struct keys *k, const char *key)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (!strcmp(k->v[i], key))
			return;
	if (k->n >= LEXICON_EQUIVALENTS_MAX)
		return;
	ALLOC_GROW(k->v, k->n + 1, k->alloc);
	k->v[k->n++] = xstrdup(key);
}

struct add_ctx {
	struct keys *out;
	const char *self;
};

static void add_other(void *arg, const char *key)
{
	struct add_ctx *c = arg;

	if (strcmp(key, c->self))
		keys_add(c->out, key);
}

void lexicon_equivalents(sqlite3 *db, const struct equivalents *eq, const char *key, struct keys *out)
{
	/* The definitions most cases share first: one abbreviation may stand for two things. */
	static const char sql[] =
	    "SELECT k FROM (SELECT long_key AS k, cases AS n FROM abbrev_pairs WHERE abbr_key = ?1"
	    " UNION ALL SELECT abbr_key, cases FROM abbrev_pairs WHERE long_key = ?1"
	    /* Two words or more may be the start of a long form: "nasjonale informasjonsmodeller"
	     * of "nasjonale informasjonsmodeller for helse". */
	    " UNION ALL SELECT abbr_key, sum(cases) - 1 FROM abbrev_pairs WHERE instr(?1, ' ') > 0"
	    " AND long_key > ?1 || ' ' AND long_key < ?1 || ' ' || char(1114111)"
	    " GROUP BY abbr_key)"
	    " ORDER BY n DESC, k";
	struct add_ctx c = {out, key};
	sqlite3_stmt *st = NULL;

	equivalents_each(eq, key, add_other, &c);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		add_other(&c, (const char *)sqlite3_column_text(st, 0));
out:
	sqlite3_finalize(st);
}

/* In how many cases the index has `term`, read no further than `cap`. */
static size_t doc_count(sqlite3 *db, const char *term, int cap)
{
	sqlite3_stmt *st = NULL;
	struct strbuf expr = STRBUF_INIT;
	size_t n = 0;
	const char *p;

	/* The index's matches, read no further than the cap: the vocabulary table's count
	 * would read a common word's every posting. */
	strbuf_addch(&expr, '"');
	for (p = term; *p; p++) {
		if (*p == '"')
			strbuf_addch(&expr, '"');
		strbuf_addch(&expr, *p);
	}
	strbuf_addch(&expr, '"');
	if (sqlite3_prepare_v2(
		db, "SELECT count(*) FROM (SELECT rowid FROM case_fts WHERE case_fts MATCH ?1 LIMIT ?2)", -1,
		&st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, expr.buf, (int)expr.len, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, cap);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (size_t)sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	strbuf_release(&expr);
	return n;
}

size_t lexicon_doc_count(sqlite3 *db, const char *term)
{
	return doc_count(db, term, LEXICON_COUNT_CAP);
}

/* Of two words at the same distance, the one in more cases is meant; counted this far. */
#define SUGGEST_COUNT_CAP 5000

char *lexicon_suggest(sqlite3 *db, const char *exact, size_t *distance)
{
	sqlite3_stmt *st = NULL;
	size_t letters = utf8_chars(exact, strlen(exact)), max = spell_max_edits(letters), best = (size_t)-1;
	size_t first = utf8_decode(exact, strlen(exact), &(uint32_t){0});
	size_t best_docs = 0;
	char *found = NULL, *from = NULL, *to = NULL;

	*distance = 0;
	if (letters < 4 || !first)
		return NULL;
	/* The words with the same first letter, a range of the archive's words in order (a
	 * misspelling rarely starts wrong); their counts only for the nearest. */
	from = xstrndup(exact, first);
	to = xasprintf("%s\xf4\x8f\xbf\xbf", from);
	if (sqlite3_prepare_v2(db,
			       "SELECT word FROM words WHERE word >= ?1 AND word < ?2"
			       " AND length(word) BETWEEN ?3 AND ?4",
			       -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, (int)(letters > max ? letters - max : 0));
	sqlite3_bind_int(st, 4, (int)(letters + max));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *term = (const char *)sqlite3_column_text(st, 0);
		size_t d = spell_distance(exact, term, max), docs;

		if (d > max || d == 0 || d > best)
			continue;
		docs = doc_count(db, term, SUGGEST_COUNT_CAP);
		if (d == best && docs <= best_docs)
			continue;
		free(found);
		found = xstrdup(term);
		best = d;
		best_docs = docs;
	}
	*distance = found ? best : 0;
out:
	sqlite3_finalize(st);
	free(from);
	free(to);
	return found;
}

/*
 * Whether the word may be in some case's presenters (names and
 * organisations), as the index has it. A common word in none ("helse")
 * is told by its sets at once: the index read its whole posting list,
 * every strong column's (6 ms at 1 GB).
 */
static bool in_people(sqlite3 *db, const char *word)
{
	struct wordizer *wz = wordizer_new();
	char *exact = words_key(wz, word, strlen(word));
	bool may;

	wordizer_free(wz);
	if (!exact || strchr(exact, ' ') || strchr(exact, '"'))
		may = !!exact; /* several words: let the exact checks decide */
	else
		may = termsets_in_column(db, exact, "people");
	free(exact);
	return may;
}

enum qfield lexicon_person(sqlite3 *db, const char *word)
{
	static const char *const sql[] = {
	    /* A surname: the last word of a presenter's name. */
	    "SELECT 1 FROM persons WHERE fold_key = ?1 OR (substr(fold_key, -length(?1)) = ?1"
	    " AND substr(fold_key, -length(?1) - 1, 1) = ' ') LIMIT 1",
	    "SELECT 1 FROM " LEXICON_ORGS " WHERE vedtak_fold(organization) = ?1 LIMIT 1",
	};
	static const enum qfield fields[] = {QF_PRESENTER, QF_ORG};
	struct strbuf f = STRBUF_INIT;
	enum qfield found = QF_ANY;
	size_t i;

	utf8_fold(&f, word, strlen(word));
	/* Most words are in no presenter's name or organisation: the index says so at once. */
	if (f.len < 3 || !in_people(db, word))
		goto out;
	for (i = 0; i < ARRAY_SIZE(sql) && found == QF_ANY; i++) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, f.buf, (int)f.len, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				found = fields[i];
		}
		sqlite3_finalize(st);
	}
out:
	strbuf_release(&f);
	return found;
}

/* Whether the words of `a` begin with all the words of `b`. */
static bool starts_words(const char *a, const char *b)
{
	size_t n = strlen(b);

	return !strncmp(a, b, n) && a[n] == ' ';
}

void lexicon_other_meanings(sqlite3 *db, const struct equivalents *eq, const char *abbr, const char *key,
			    struct keys *out)
{
	struct keys of_abbr = {NULL, 0, 0}, of_key = {NULL, 0, 0};
	size_t i, j;

	lexicon_equivalents(db, eq, abbr, &of_abbr);
	lexicon_equivalents(db, eq, key, &of_key);
	for (i = 0; i < of_abbr.n; i++) {
		/* The name itself, or a longer form of it ("... for helse"), is no other meaning. */
		bool same = !strcmp(of_abbr.v[i], key) || starts_words(of_abbr.v[i], key) ||
			    starts_words(key, of_abbr.v[i]);
		for (j = 0; j < of_key.n && !same; j++)
			same = !strcmp(of_abbr.v[i], of_key.v[j]);
		if (!same)
			keys_add(out, of_abbr.v[i]);
	}
	keys_release(&of_abbr);
	keys_release(&of_key);
}
