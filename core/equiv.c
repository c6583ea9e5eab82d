/*
 * equiv.c: the curated list of equivalent names (see equiv.h), kept as
 * one key per name with the number of its term.
 */
#include <stdlib.h>
#include <string.h>

#include "core/equiv.h"
#include "core/i18n.h"
#include "core/util.h"
#include "core/words.h"
#include "core/banned.h"

struct name {
	char *key;
	size_t term;
};

struct equivalents {
	struct name *v;
	size_t n, alloc;
};

enum vt_status equivalents_parse(const char *text, size_t n, struct equivalents **out, struct vt_diag *diag)
{
	struct equivalents *e = xcalloc(1, sizeof(*e));
	struct wordizer *wz = wordizer_new();
	enum vt_status st = VT_OK;
	size_t pos = 0, line = 0, term = 0;

	*out = NULL;
	while (pos < n) {
		const char *s = text + pos, *nl = memchr(s, '\n', n - pos), *end = nl ? nl : text + n;
		const char *hash = memchr(s, '#', (size_t)(end - s)), *stop = hash ? hash : end, *a = s;
		size_t names = 0, first = e->n;

		line++;
		pos = (size_t)(end - text) + 1;
		while (a < stop) {
			const char *bar = memchr(a, '|', (size_t)(stop - a)), *b = bar ? bar : stop;
			char *key = words_key(wz, a, (size_t)(b - a));

			if (key) {
				ALLOC_GROW(e->v, e->n + 1, e->alloc);
				e->v[e->n].key = key;
				e->v[e->n++].term = term;
				names++;
			}
			a = b + 1;
		}
		if (names == 1) {
			st = vt_fail(diag, VT_ERR_FORMAT, (long)line,
				     _("a term needs at least two names separated by '|'"));
			free(e->v[first].key);
			e->n = first;
			goto out;
		}
		term += names > 0;
	}
out:
	wordizer_free(wz);
	if (st != VT_OK)
		equivalents_free(e);
	else
		*out = e;
	return st;
}

void equivalents_free(struct equivalents *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->n; i++)
		free(e->v[i].key);
	free(e->v);
	free(e);
}

void equivalents_each(const struct equivalents *e, const char *key, void (*fn)(void *arg, const char *key),
		      void *arg)
{
	size_t i, j;

	if (!e)
		return;
	size_t len = strlen(key);

	for (i = 0; i < e->n; i++) {
		/* The name, or the start of a longer name in two words or more:
		 * "nasjonalt fagutvalg" of "nasjonalt fagutvalg for ehelse". */
		if (strcmp(e->v[i].key, key) &&
		    !(strchr(key, ' ') && !strncmp(e->v[i].key, key, len) && e->v[i].key[len] == ' '))
			continue;
		for (j = 0; j < e->n; j++)
			if (j != i && e->v[j].term == e->v[i].term && strcmp(e->v[j].key, key))
				fn(arg, e->v[j].key);
	}
}
