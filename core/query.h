/*
 * query.h: the one query language of vedtak (search, and later tagging and
 * export): words, "phrases", prefix*, OR, -word / NOT, parentheses, field
 * filters (type:, presenter:, org:, body:, case:, year:, date:, title:,
 * decision:, slide:, amended:, topic:, new: ...) and /regular expressions/.
 *
 * query_compile() turns the text into a tree of nodes (the plan); db/ turns
 * the plan into SQL. Regular expressions are compiled here, once, with
 * PCRE2 (UTF, Unicode properties, JIT, match and depth limits).
 */
#ifndef VEDTAK_QUERY_H
#define VEDTAK_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"
#include "core/literals.h"
#include "core/status.h"
#include "core/strbuf.h"

enum qnode_kind { Q_AND, Q_OR, Q_NOT, Q_TERM, Q_FILTER };

/* Text a term searches: everything, or one part of a case. */
enum qfield {
	QF_ANY,
	QF_TITLE,
	QF_DECISION,
	QF_SLIDE,
	/* Filters on indexed columns, not on the text. */
	QF_TYPE,
	QF_PRESENTER,
	QF_ORG,
	QF_BODY,
	QF_CASE,
	QF_YEAR,
	QF_DATE,
	QF_AMENDED,
	QF_TAG,
	QF_RECORDED, /* recorded:yes|no, or words of the decision the minutes record */
	QF_OUTCOME,
	QF_DOC,	     /* the meeting has a document of this kind */
	QF_ATTENDEE, /* the meeting's attendance names this person (absent ones aside) */
	QF_TOPIC,    /* the cases of the topic of case case_no (db/topics.h) */
	QF_NEW,	     /* arrived since the last look (new:, new:yes, new:no) */
};

enum qterm_kind { QT_WORD, QT_PREFIX, QT_PHRASE, QT_REGEX };

struct regex; /* a compiled PCRE2 pattern; see regex_match() */

struct qnode {
	enum qnode_kind kind;
	struct qnode *a, *b; /* AND, OR: both; NOT: a */
	enum qfield field;
	enum qterm_kind term;
	char *text;    /* the word, phrase or pattern, or a filter's value, as typed */
	size_t offset; /* byte offset in the query where the node starts */
	/* Filter values, by field. */
	enum decision_type type;
	int year;
	char date_from[11], date_to[11]; /* inclusive, "" for open ends */
	bool amended;			 /* QF_AMENDED; QF_NEW: new (true) or not */
	int recorded;			 /* QF_RECORDED: 1 yes, 0 no, -1 words (in text) */
	enum outcome outcome;		 /* QF_OUTCOME; OUTCOME_NONE for "none" */
	enum doc_kind doc;		 /* QF_DOC */
	char case_no[16];
	const char *body;
	struct regex *re; /* QT_REGEX */
	/*
	 * A plain word read as the facet it names (query_read_facets): the
	 * word finds the cases this filter finds as well as those that
	 * contain it, and the former come first.
	 */
	struct qnode *read_as;
};

struct query {
	struct qnode *root; /* NULL for an empty query (matches everything) */
	char *text;
};

/*
 * Compiles `text`. On a malformed query returns VT_ERR_USAGE and fills
 * `diag`: msg names the problem, offset_plus1 is the byte offset of the
 * spot plus one. The caller frees *out with query_free().
 */
enum vt_status query_compile(const char *text, struct query **out, struct vt_diag *diag);

/* Larger queries are refused: no person types them, and each term costs the index a lookup. */
#define QUERY_MAX_BYTES 16384
#define QUERY_MAX_TERMS 200
/*
 * Groups and NOTs nested in each other. SQLite's parser has a stack of a
 * hundred: with the fewest parentheses the generated SQL can have, ten
 * levels of the worst mix (a NOT of a group in a group of the other
 * operator) still fit; people nest two or three.
 */
#define QUERY_MAX_DEPTH 10
void query_free(struct query *q); /* NULL is fine */

/*
 * A tag name as stored: letters (any script, æøå too), digits, '-' and
 * '_', folded to lower case. Returns a new string (caller frees), or NULL
 * when `s` is not a valid tag name.
 */
char *tag_normalise(const char *s);

/*
 * Whether patterns are compiled to machine code (PCRE2's JIT; on by
 * default). Off, they run in PCRE2's interpreter: slower, but a tool such
 * as valgrind can follow it.
 */
void query_set_jit(bool on);

/* Calls fn for every term node (QT_*) that is not under a NOT. */
void query_each_positive_term(const struct query *q, void (*fn)(const struct qnode *n, void *arg), void *arg);

/*
 * The operands of the chain of one operator that n heads (a AND b AND c,
 * nested either way), in order, appended to *v (*len of them, ALLOC_GROW's
 * *alloc). SQLite's and FTS5's parsers have stacks of about a hundred:
 * nesting each pair in parentheses would overflow them at 85 words, flat
 * chains hold the 200 terms a query may have.
 */
void query_chain_operands(const struct qnode *n, enum qnode_kind kind, const struct qnode ***v, size_t *len,
			  size_t *alloc);

/*
 * Reads plain words of the query as the facets they name, as a member
 * means them: a year ("2022" as year:2022), a decision type ("drøfting"),
 * a body ("NUIT"), and, where `known` says so, a presenter or an
 * organisation (it returns QF_PRESENTER, QF_ORG, or QF_ANY for neither).
 * Only unquoted words of the query's top-level AND are read: "2022" in
 * quotes is searched as text. Sets read_as on each word read.
 */
void query_read_facets(struct query *q, enum qfield (*known)(void *arg, const char *word), void *arg);

/* How the words were read, "2022 as year:2022, NUIT as body:NUIT", or "" (appended to sb). */
void query_describe_reading(const struct query *q, struct strbuf *sb);

/* The field's name in the query language, in English ("year"), for scripts. */
const char *query_field_name(enum qfield f);

/* A read word's facet value as the query language writes it ("2022", "Drøfting", "NUIT"). */
const char *query_facet_value(const struct qnode *facet);

/* A readable form of the plan, for tests: "(AND (WORD any fhir) (TYPE Drøfting))". Caller frees. */
char *query_describe(const struct query *q);

/*
 * Runs a compiled pattern on `s` (length n, valid UTF-8: PCRE2 does not
 * check it again) from byte `from`. Returns 1 and
 * the match's bytes in *start, *end; 0 for no match; -1 if the pattern hit
 * its match or depth limit ("pattern too expensive").
 */
int regex_match(struct regex *re, const char *s, size_t n, size_t from, size_t *start, size_t *end);

/*
 * The same pattern for another thread to match with at the same time
 * (its own match data; the compiled code is shared, and must outlive
 * it), or NULL when out of memory. Freed with regex_twin_free(); it has
 * no literals.
 */
struct regex *regex_twin(const struct regex *re);
void regex_twin_free(struct regex *twin);

/*
 * The runs of text every match contains, as written, and with `gaps` what
 * stands between each and the one before (core/literals.h); NULL when none
 * is certain.
 */
const char *const *regex_literals(const struct regex *re, const enum literal_gap **gaps);

/*
 * When every match of `re` is letters and digits inside one word of a
 * text (core/literals.h, literals_word_pattern()), the pattern that finds
 * where such a match may lie in a word's exact form, with `edges` the one
 * that keeps \b for an index that holds every part of words; NULL
 * otherwise. Owned by `re`.
 */
struct regex *regex_word(struct regex *re, bool edges);

/* The fewest characters a match of `re` has: PCRE2's bound, which may be below the true least. */
size_t regex_min_chars(const struct regex *re);

#endif
