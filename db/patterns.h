/*
 * patterns.h: the cases a regular expression matches (internal to db/).
 */
#ifndef VEDTAK_PATTERNS_H
#define VEDTAK_PATTERNS_H

#include <sqlite3.h>

#include "core/query.h"

struct store;
struct strbuf;
struct wordizer;

enum pattern_result {
	PATTERN_DONE,
	PATTERN_TOO_EXPENSIVE, /* a text hit PCRE2's match or depth limit */
	PATTERN_SQL_ERROR,     /* *sqlite_rc says which (SQLITE_INTERRUPT: stopped) */
};

/*
 * Appends to `ids` the JSON array of the ids of the cases whose texts in
 * `field` (QF_ANY, QF_TITLE, QF_DECISION or QF_SLIDE, as search reads
 * them) `re` matches, in ascending order; "[]" is appended whatever the
 * result. `within`, when not NULL, is a JSON array of the only cases that
 * need be looked at (those the rest of the query allows). The texts are
 * read on the store's connections, whose progress handlers may stop them;
 * every slide, when nothing narrows them, on both cores.
 */
enum pattern_result pattern_cases(struct store *store, struct wordizer *wz, struct regex *re,
				  enum qfield field, const char *within, struct strbuf *ids, int *sqlite_rc);

#endif
