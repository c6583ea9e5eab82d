/*
 * equiv.h: the curated list of the field's terms that mean the same thing
 * (assets/terms.txt): English and Norwegian names, and abbreviations the
 * documents use without defining them. One line a term, its names
 * separated by '|'; '#' starts a comment. Names are compared as their
 * words' exact forms (core/words.h), so case and hyphens do not matter.
 */
#ifndef VEDTAK_EQUIV_H
#define VEDTAK_EQUIV_H

#include <stddef.h>

#include "core/status.h"

struct equivalents;

/*
 * Reads the list. A line with fewer than two names fails with
 * VT_ERR_FORMAT and diag->line set; the caller names the file.
 */
enum vt_status equivalents_parse(const char *text, size_t n, struct equivalents **out, struct vt_diag *diag);
void equivalents_free(struct equivalents *e); /* NULL is fine */

/*
 * Calls fn with the key of every other name of the term one of whose names
 * is `key`, or, for a key of two words or more, begins with it (NULL e: none).
 */
void equivalents_each(const struct equivalents *e, const char *key, void (*fn)(void *arg, const char *key),
		      void *arg);

#endif
