/*
 * compound.c: two-part splits of compounds (see compound.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/compound.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

static size_t letters(const char *s, size_t n)
{
	size_t i = 0, count = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		count++;
	}
	return count;
}

/* Whether s[0..n) is a known word, the copy made for the check kept in *out on success. */
static bool known_part(const char *s, size_t n, bool (*known)(void *, const char *), void *arg, char **out)
{
	char *w;

	if (letters(s, n) < COMPOUND_PART_MIN)
		return false;
	w = xstrndup(s, n);
	if (known(arg, w)) {
		*out = w;
		return true;
	}
	free(w);
	return false;
}

bool compound_split(const char *word, bool (*known)(void *arg, const char *w), void *arg, char **modifier,
		    char **head)
{
	size_t n = strlen(word), i, best_gap = (size_t)-1;

	*modifier = *head = NULL;
	for (i = 1; i < n; i++) {
		size_t left = letters(word, i), right = letters(word + i, n - i), gap, link;
		char *m = NULL, *h = NULL;

		if (((unsigned char)word[i] & 0xC0) == 0x80)
			continue; /* inside a letter */
		gap = left > right ? left - right : right - left;
		if (gap >= best_gap || !known_part(word + i, n - i, known, arg, &h))
			continue;
		/* The modifier as it stands, or without its linking s or e. */
		for (link = 0; link <= 1 && !m; link++) {
			if (link && word[i - 1] != 's' && word[i - 1] != 'e')
				break;
			known_part(word, i - link, known, arg, &m);
		}
		if (!m) {
			free(h);
			continue;
		}
		free(*modifier);
		free(*head);
		*modifier = m;
		*head = h;
		best_gap = gap;
	}
	return *head != NULL;
}
