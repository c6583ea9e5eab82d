/*
 * fts.h: vedtak's full-text pieces inside SQLite (internal to db/): the FTS5
 * tokenizer "vedtak" (see core/words.h for the forms it indexes) and the
 * SQL functions vedtak_fold(text), vedtak_fold_ascii(text) and
 * vedtak_reverse(text).
 */
#ifndef VEDTAK_FTS_H
#define VEDTAK_FTS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/* Words shorter than this (bytes) are not kept in the tables of the index's words. */
#define FTS_TERM_MIN 4

/*
 * New words met while indexing documents, waiting to be written to the
 * tables of the index's words (words, vocab, stems) in the same
 * transaction.
 */
struct fts_terms;
struct fts_terms *fts_terms_new(void);
void fts_terms_free(struct fts_terms *t); /* NULL is fine */
const char *const *fts_terms_pending(struct fts_terms *t, size_t *n);
/* Of each pending word, the stem the tokenizer gave it, or NULL where it is the word itself. */
const char *const *fts_terms_pending_stems(struct fts_terms *t);
/* The whole forms of the words among them the tokenizer cut at WORD_MAX (core/words.h). */
const char *const *fts_terms_pending_uncut(struct fts_terms *t, size_t *n);
/*
 * The words new to it of fewer than FTS_TERM_MIN bytes that have a folded
 * form, met while case_fts kept no folded tokens (fts_terms_apart()): the
 * table words does not list them, the table folds must.
 */
const char *const *fts_terms_pending_short_folded(struct fts_terms *t, size_t *n);
/* Clears the pending words; `written` false (a rollback) makes them count as unseen again. */
void fts_terms_forget_pending(struct fts_terms *t, bool written);

/*
 * Counting the rows of the index that hold each term (every form the
 * tokenizer gives), for a run of imports into an empty archive: its
 * frequent words are then known without reading every word's postings
 * (db/termsets.h). begin sets every count to 0; the store calls
 * next_row before each row of case_fts it inserts, with its rowid. A
 * term of a row deleted meanwhile (a meeting imported again) still
 * counts, so a count may be higher than the index's, never lower.
 * While counting, the rowids of a word's rows are noted too from its
 * note_from-th row on, so that its set is read from the index up to them
 * only (fts_terms_common()). The store stops that for the run
 * (fts_terms_unnote()) where what was noted may not be the index's: a row
 * deleted, a rollback, another process's commit; so does a row whose
 * rowid is not above the one before.
 * `stems_by_words`: case_fts keeps no stems and the archive has no words
 * yet, so that the table stems will list each word with the stem given
 * with it: a stem's rows are counted and noted as those of its words of
 * FTS_TERM_MIN bytes or more, the rows a query of the stem finds. Else a
 * stem's rows are those of its tokens, and are not noted.
 */
void fts_terms_count_begin(struct fts_terms *t, uint32_t note_from, bool stems_by_words);
void fts_terms_count_end(struct fts_terms *t);
void fts_terms_next_row(struct fts_terms *t, long long rowid);
void fts_terms_unnote(struct fts_terms *t);
/*
 * While on, the tokenizer gives the index no stem tokens (`stems`), no
 * folded ones (`folds`): the store turns them on around its writes to
 * case_fts when that index keeps none (schema 16, 18: a query finds a
 * stem's or a folded form's words through the tables stems and folds).
 */
void fts_terms_apart(struct fts_terms *t, bool stems, bool folds);
/*
 * Whether the tokenizer gives the index the quiet parts of words
 * (core/words.h): the store turns it on, for good, in an archive begun
 * with them (schema 19, fts_quiet_parts()). Off, an archive indexed
 * without them is given the tokens it holds, as a delete must.
 */
void fts_terms_quiet_parts(struct fts_terms *t, bool given);
/*
 * The terms in `min` rows or more, sorted by term, as a new array (*n of
 * them; fts_common_free()); NULL when not counting. A term's rows from
 * rowid `from` on are those noted, in `gaps`: varints, the first rowid,
 * then each the gap from the one before; LLONG_MAX: none were noted.
 * The noted rows are handed over, and no more are noted in the run.
 */
struct fts_common {
	char *term;
	long long from;
	char *gaps;
	size_t ngaps;
};
struct fts_common *fts_terms_common(struct fts_terms *t, long long min, size_t *n);
void fts_common_free(struct fts_common *v, size_t n);

struct strbuf;
struct index_tokens;
/*
 * Texts whose tokens (core/words.h) another thread made ahead: until
 * cleared (n 0), the tokenizer gives a text equal to texts[i] tokens[i]
 * instead of making them again. The caller keeps both alive till then.
 */
void fts_terms_ready(struct fts_terms *t, const struct strbuf *texts, const struct index_tokens *tokens,
		     size_t n);

/* Whether case_fts keeps no stem tokens (schema 16 made it so while it had no rows); SQLite's result code. */
int fts_stemless(sqlite3 *db, bool *stemless);
/* Whether case_fts keeps no folded tokens (schema 18, the same way). */
int fts_foldless(sqlite3 *db, bool *foldless);
/* Whether `meta` says the index holds the quiet parts of words (schema 19). */
int fts_quiet_parts(sqlite3 *db, bool *indexed);

/* Appends `tok` as a quoted FTS5 token, with the form's mark (core/words.h) before it unless 0. */
void fts_token(struct strbuf *sb, char mark, const char *tok);

/* SQLite's FTS5 interface on `db`, or NULL. */
fts5_api *fts_api(sqlite3 *db);

/*
 * Registers the tokenizer (collecting new words into `terms`) and the
 * functions on `db`; before any schema work.
 */
enum vt_status fts_register(sqlite3 *db, struct fts_terms *terms, struct vt_diag *diag);

#endif
