/*
 * termsets.h: the cases of the index's frequent words kept as bitmaps
 * (schema 12; internal to db/), so that a search reads a word found in
 * thousands of cases as a few kilobytes instead of decoding its postings.
 */
#ifndef VEDTAK_TERMSETS_H
#define VEDTAK_TERMSETS_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/status.h"

struct caseset;
struct store;

/*
 * Makes the sets again from case_fts, on a connection with
 * termsets_register(): every word (any form the index holds) in at least
 * vedtak_term_set_min(cases) cases, and for each such word of strong_fts
 * its cases in each column (strong_sets, for ranking; a column it is not
 * in has no row), each with the cases up to
 * `term_sets_upto` in meta. The cases deleted since then are listed in
 * term_sets_stale (a trigger on cases), and cases added since then have
 * higher ids: a search reads both from the index itself.
 */
#define TERMSETS_VOCAB                                                                                       \
	"CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_sets_vocab USING fts5vocab(main, case_fts, row);"      \
	"CREATE VIRTUAL TABLE IF NOT EXISTS temp.strong_sets_vocab USING fts5vocab(main, strong_fts, col);"  \
	"CREATE VIRTUAL TABLE IF NOT EXISTS temp.strong_sets_rows USING fts5vocab(main, strong_fts, row);"
#define TERMSETS_VOCAB_DROP                                                                                  \
	"DROP TABLE temp.term_sets_vocab;"                                                                   \
	"DROP TABLE temp.strong_sets_vocab;"                                                                 \
	"DROP TABLE temp.strong_sets_rows;"
/* The rows of term_sets(term, bits) and of strong_sets(term, col, bits), given TERMSETS_VOCAB. */
#define TERMSETS_WORDS                                                                                       \
	"SELECT v.term, (SELECT vedtak_bits(rowid) FROM case_fts"                                            \
	"  WHERE case_fts MATCH '\"' || replace(v.term, '\"', '\"\"') || '\"')"                              \
	"  FROM temp.term_sets_vocab v WHERE v.doc >= vedtak_term_set_min((SELECT count(*) FROM cases))"
#define TERMSETS_STRONG                                                                                      \
	"SELECT v.term, v.col, (SELECT vedtak_bits(rowid)"                                                   \
	"  FROM strong_fts WHERE strong_fts MATCH '{' || v.col || '} : \"' || replace(v.term, '\"', '\"\"')" \
	"  || '\"') FROM temp.strong_sets_vocab v WHERE v.term IN (SELECT term FROM temp.strong_sets_rows"   \
	"  WHERE doc >= vedtak_term_set_min((SELECT count(*) FROM cases)))"
/*
 * The same for the stems of an index that keeps none (schema 16, db/fts.c): a stem whose
 * words are in enough cases together, then counted exactly; given TERMSETS_VOCAB. The
 * stems outside (CROSS JOIN), each word looked up in the vocabulary by its term: the
 * planner put the vocabulary outside and scanned stems for every term, which made an
 * import into an archive of 70 MB of decks 13 s instead of 3.
 */
#define TERMSETS_STEMS                                                                                       \
	"SELECT term, bits FROM (SELECT '=' || s.stem AS term, (SELECT vedtak_bits(rowid) FROM case_fts"     \
	"  WHERE case_fts MATCH '\"=' || replace(s.stem, '\"', '\"\"') || '\"') AS bits"                     \
	"  FROM stems s CROSS JOIN temp.term_sets_vocab v ON v.term = s.word GROUP BY s.stem"                \
	"  HAVING sum(v.doc) >= vedtak_term_set_min((SELECT count(*) FROM cases)))"                          \
	"  WHERE vedtak_bits_count(bits) >= vedtak_term_set_min((SELECT count(*) FROM cases))"
/* The same for the folded forms of an index that keeps none (schema 18). */
#define TERMSETS_FOLDS                                                                                       \
	"SELECT term, bits FROM (SELECT '~' || f.fold AS term, (SELECT vedtak_bits(rowid) FROM case_fts"     \
	"  WHERE case_fts MATCH '\"~' || replace(f.fold, '\"', '\"\"') || '\"') AS bits"                     \
	"  FROM folds f CROSS JOIN temp.term_sets_vocab v ON v.term = f.word GROUP BY f.fold"                \
	"  HAVING sum(v.doc) >= vedtak_term_set_min((SELECT count(*) FROM cases)))"                          \
	"  WHERE vedtak_bits_count(bits) >= vedtak_term_set_min((SELECT count(*) FROM cases))"
#define TERMSETS_UPTO "SELECT coalesce(max(id), 0) FROM cases"
#define TERMSETS_BUILD                                                                                       \
	"DELETE FROM term_sets;"                                                                             \
	"DELETE FROM term_sets_stale;"                                                                       \
	"DELETE FROM strong_sets;" TERMSETS_VOCAB "INSERT INTO term_sets(term, bits) " TERMSETS_WORDS ";"    \
	"INSERT INTO strong_sets(term, col, bits) " TERMSETS_STRONG ";"                                      \
	"INSERT OR REPLACE INTO meta VALUES ('term_sets_upto', (" TERMSETS_UPTO "));" TERMSETS_VOCAB_DROP

/*
 * The same in two steps, so that the sets can be read on one connection
 * (with termsets_register() and the tokenizer; another thread's, in a
 * read transaction of the caller's) while another merges the index, and
 * written on that one, inside its transaction, before any case changes.
 * The rows are held in memory between the two: the cases of the words in
 * a sixty-fourth of the cases or more, a few megabytes at 1 GB.
 * The words that may be so common are found by counting every word's
 * cases, unless the caller knows them: `common` (ncommon of them) holds
 * every word in `min` cases or more (fts_terms_common()), stems
 * and folded forms included. `stemless`, `foldless`: case_fts keeps no
 * stem tokens (schema 16), no folded ones (schema 18).
 */
struct termsets_rows;
struct fts_common;
int termsets_read(sqlite3 *db, bool stemless, bool foldless, const struct fts_common *common, size_t ncommon,
		  long long min, struct termsets_rows **out);
int termsets_write(sqlite3 *db, const struct termsets_rows *rows);
void termsets_rows_free(struct termsets_rows *rows); /* NULL is fine */

/* In how many of `cases` cases a word must be to have a set (vedtak_term_set_min()). */
long long termsets_min(long long cases);

/* Registers vedtak_bits(id), the aggregate that makes a set, vedtak_bits_count(set) and
 * vedtak_term_set_min(cases). */
enum vt_status termsets_register(sqlite3 *db, struct vt_diag *diag);

/*
 * Adds to `set` the cases from `lo` to `hi` that match the FTS5
 * expression `expr` when that is words joined by OR (as search writes a
 * word's forms) and some of them have a set: those from their bitmaps and
 * from the index where the bitmaps cannot tell, the others from the index.
 * *done false, and nothing added, when the sets cannot answer `expr`: the
 * caller reads it from the index. Returns SQLite's result code.
 */
int termsets_add_match(struct store *store, const char *expr, long lo, long hi, struct caseset *set,
		       bool *done);

/* Whether termsets_add_match() would take any word of `expr` from a set. */
bool termsets_cover(struct store *store, const char *expr);

/*
 * Whether some case may have the token `tok` (a form as strong_fts holds
 * it) in the strong column `col` ("title", "decision", "people"): no when
 * the word has sets (strong_sets) but none for that column and no case
 * imported since has it there, or when the index has it in no such case.
 * A case deleted since the sets were made may leave a yes: take yes as
 * "look further". True when it cannot tell.
 */
bool termsets_in_column(sqlite3 *db, const char *tok, const char *col);

/*
 * The tokens of `expr` in order, when it is only single tokens or
 * prefixes (given as "tok*") joined by OR (n of them; the caller frees
 * each and the array); NULL otherwise.
 */
char **termsets_tokens(const char *expr, size_t *n);

/*
 * The strong matches among `found` by what vedtak_rank(strong_fts, plan)
 * gives them (each value and its cases: caseset.h), computed from the
 * strong columns' sets instead of scoring every row (`helse` at 1 GB:
 * 136,000 rows), when `hint` is query words' forms, each a single token
 * or prefix, joined by AND and OR. *done false, and nothing in `out`,
 * otherwise.
 */
struct strong_values;
int termsets_score_strong(struct store *store, const struct caseset *found, const char *plan,
			  const char *hint, struct strong_values *out, bool *done);

#endif
