/*
 * worddiff.h: the words that differ between two texts, as `git diff
 * --word-diff` shows them: a proposed decision against the decision the
 * minutes record.
 */
#ifndef VEDTAK_WORDDIFF_H
#define VEDTAK_WORDDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

enum wd_kind { WD_SAME, WD_DEL, WD_ADD };

/* A run of words of one kind; `text` is owned by the diff (words joined by
 * one space, a paragraph break kept as "\n"). */
struct wd_span {
	enum wd_kind kind;
	char *text;
};

struct word_diff {
	struct wd_span *v;
	size_t n, alloc;
};

/*
 * Compares `a` and `b` word by word (a longest common subsequence over
 * their words; whitespace runs are one space, a line break stays one).
 * Texts over WORD_DIFF_MAX words each are compared as wholes.
 * Release with word_diff_release().
 */
void word_diff(struct word_diff *wd, const char *a, const char *b);
void word_diff_release(struct word_diff *wd);

/* True if the two texts have the same words (spacing aside). */
bool word_diff_same(const struct word_diff *wd);

/*
 * True if `b` changes what `a` says, not only its tense: a decision
 * recorded as "NUFA drøftet ... og ga innspill" does not amend the
 * proposal "NUFA drøfter ... og gir innspill"; two or more words added,
 * removed or replaced otherwise do.
 */
bool word_diff_changes_content(const char *a, const char *b);

struct hit;

/*
 * Appends the diff with `mark` around removed ({mark[0], mark[1]}) and
 * added ({mark[2], mark[3]}) words; a line break that begins a change is
 * written before its mark. With `hits` set, each change's bytes in `out`
 * (marks included) are appended to *hits (grown with ALLOC_GROW).
 */
void word_diff_render(struct strbuf *out, const struct word_diff *wd, const char *const mark[4],
		      struct hit **hits, size_t *nhits, size_t *alloc);

/* Appends the diff as git's plain word diff: "[-removed-]{+added+}". */
void word_diff_plain(struct strbuf *out, const struct word_diff *wd);

#define WORD_DIFF_MAX 1000

#endif
