/*
 * lexicon.h: what the archive knows of words, for reading a query
 * (internal to db/): equivalent names (the abbreviations the documents
 * define, both ways, and the curated list), known words for splitting
 * compounds, the nearest known word for a misspelt one, and the names of
 * presenters and organisations.
 */
#ifndef VEDTAK_LEXICON_H
#define VEDTAK_LEXICON_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/equiv.h"
#include "core/query.h"

struct keys {
	char **v;
	size_t n, alloc;
};
void keys_release(struct keys *k);

/*
 * The distinct organisations of the presenters, as a table o(organization):
 * one seek of case_presenters_org (schema 21) each, as a loose index scan,
 * where SELECT DISTINCT steps through every presenter.
 */
#define LEXICON_ORGS                                                                                         \
	"(WITH RECURSIVE o(organization) AS (SELECT min(organization) FROM case_presenters"                  \
	" UNION ALL SELECT (SELECT min(p.organization) FROM case_presenters p"                               \
	" WHERE p.organization > o.organization) FROM o WHERE o.organization IS NOT NULL)"                   \
	" SELECT organization FROM o WHERE organization IS NOT NULL)"

/* At most this many equivalents stand in for one word. */
#define LEXICON_EQUIVALENTS_MAX 6

/* The keys equivalent to `key` (exact forms joined by spaces), added to *out without repeats. */
void lexicon_equivalents(sqlite3 *db, const struct equivalents *eq, const char *key, struct keys *out);

/*
 * The other meanings of `abbr` when it stands for `key`: its equivalents
 * that are neither `key` nor equivalents of `key` ("kritisk informasjon"
 * for KI as "kunstig intelligens"). None: the abbreviation is not ambiguous.
 */
void lexicon_other_meanings(sqlite3 *db, const struct equivalents *eq, const char *abbr, const char *key,
			    struct keys *out);

/* Counts of cases stop here: enough to tell a word from a stray token. */
#define LEXICON_COUNT_CAP 20

/* In how many cases the index has `term` (a word, or "=stem"), up to LEXICON_COUNT_CAP. */
size_t lexicon_doc_count(sqlite3 *db, const char *term);

/*
 * The known word nearest to `exact` within core/spell.h's bound, the most
 * used of equals, and how many edits away (*distance); or NULL.
 */
char *lexicon_suggest(sqlite3 *db, const char *exact, size_t *distance);

/* QF_PRESENTER for a presenter's surname, QF_ORG for a presenting organisation's name, else QF_ANY. */
enum qfield lexicon_person(sqlite3 *db, const char *word);

#endif
