/*
 * rank.h: what search knows of a case beyond its words (internal to db/),
 * as SQL functions on the connection:
 *   vedtak_abbrevs(text)        the abbreviations the text defines, as JSON
 *                               [[abbr_key, abbr, long form, long_key], ...]
 *                               (core/abbrev.h; keys are exact word forms)
 *   vedtak_slide_marks(text)    an aggregate over a case's slides in order:
 *                               where each slide and its title line start
 *                               and end in the index's slides column
 *   vedtak_rank(case_fts, plan, marks)
 *                               (or strong_fts, the first three columns,
 *                               with no marks)
 *                               an FTS5 function: the row's tier times
 *                               RANK_TIER_UNIT plus its aboutness score; see
 *                               search.h for the formula and below for the plan.
 */
#ifndef VEDTAK_RANK_H
#define VEDTAK_RANK_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/*
 * How strongly a form of a query word counts, by class: as typed; folded
 * or inflected; an equivalent (abbreviation, long form, the same term in
 * the other language); inside a longer word; the parts of a compound
 * written apart (which alone rank below every other form: tier 3).
 */
enum rank_form { FORM_EXACT, FORM_INFLECTED, FORM_EQUIVALENT, FORM_INSIDE, FORM_PARTS, FORM_COUNT };

/* Aboutness stays below this (15 a word at most, 64 words): the tier is the value's millions. */
#define RANK_TIER_UNIT 1000000

/*
 * The plan tells vedtak_rank which query word each phrase of the MATCH
 * expression stands for: one item per phrase, in the order the phrases
 * appear, "GROUP.FORM" or "FIRST-LAST.FORM" for a phrase that stands for
 * a run of words (a long form typed as words), separated by spaces.
 */
enum vt_status rank_register(sqlite3 *db, struct vt_diag *diag);

/* A form's weight (see the formula in search.h). */
double rank_form_weight(int form);

/*
 * What vedtak_rank gives a strong_fts row in which query word g (of
 * ngroups) has w[g] as its best form's weights in title, decision and
 * presenters (0: none there) and best_form[g] as its best form overall
 * (FORM_COUNT: not in the row): to the bit, so that a page scored from
 * sets (termsets.c) orders and ties as one scored by it.
 */
double rank_strong_value(const double (*w)[3], const int *best_form, size_t ngroups);

/*
 * Whether each of the n items of `plan` stands for one query word (not a
 * run of them), filling groups[] and forms[] with each item's word and
 * form; false otherwise.
 */
bool rank_plan_groups(const char *plan, int *groups, int *forms, size_t n);

struct wordizer;

/*
 * The abbreviations a case's text defines (core/abbrev.h), each with the
 * keys search looks them up by (core/words.h, words_key). The store calls
 * this at import; vedtak_abbrevs() for the cases of an older schema.
 */
void rank_abbrevs(struct wordizer *wz, const char *text, size_t n,
		  void (*fn)(void *arg, const char *abbr_key, const char *abbr, const char *long_form,
			     const char *long_key),
		  void *arg);

/* Where each slide and its title line begin in the index's slides column, slide by slide. */
struct rank_marks {
	uint32_t *v; /* start, title end; per slide */
	size_t n, alloc;
	uint32_t pos;
};
void rank_marks_add(struct rank_marks *m, const char *text, size_t n);
struct slide;
struct index_tokens;
/*
 * The same for the n slides v[] from the slides column's index tokens
 * (`col`, their texts a line apart, and its tokens): a word is the one
 * token at its place that is not colocated, so they need not be split
 * into words again (the import's marks: half a second of 12 at 100 MB).
 */
void rank_marks_tokens(struct rank_marks *m, const struct slide *v, size_t n, const char *col,
		       const struct index_tokens *t);
/* The marks as stored (case_marks.marks): a new buffer of *len bytes, NULL for none. */
unsigned char *rank_marks_blob(const struct rank_marks *m, size_t *len);

#endif
