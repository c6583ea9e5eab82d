/*
 * compound.c: two-part splits of compounds (see compound.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/compound.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

/* How common s[0..n) is (0: not a word), the copy made for the check kept in *out if known. */
static size_t part_count(const char *s, size_t n, size_t (*count)(void *, const char *), void *arg,
			 char **out)
{
	char *w;
	size_t c;

	if (utf8_chars(s, n) < COMPOUND_PART_MIN)
		return 0;
	w = xstrndup(s, n);
	if ((c = count(arg, w))) {
		*out = w;
		return c;
	}
	free(w);
	return 0;
}

bool compound_split(const char *word, size_t (*count)(void *arg, const char *w), void *arg, char **modifier,
		    char **head)
{
	size_t n = strlen(word), i, best_gap = (size_t)-1, best_count = 0;

	*modifier = *head = NULL;
	for (i = 1; i < n; i++) {
		size_t left = utf8_chars(word, i), right = utf8_chars(word + i, n - i), gap, link, hc, mc = 0,
		       c;
		char *m = NULL, *h = NULL;

		if (((unsigned char)word[i] & 0xC0) == 0x80)
			continue; /* inside a letter */
		gap = left > right ? left - right : right - left;
		if (!(hc = part_count(word + i, n - i, count, arg, &h)))
			continue;
		/* The modifier as it stands, or without its linking s or e: the more common. */
		for (link = 0; link <= 1; link++) {
			char *lm = NULL;
			size_t lc;

			if (link && word[i - 1] != 's' && word[i - 1] != 'e')
				break;
			lc = part_count(word, i - link, count, arg, &lm);
			if (lc > mc) {
				free(m);
				m = lm;
				mc = lc;
			} else {
				free(lm);
			}
		}
		c = mc < hc ? mc : hc;
		if (!m || c < best_count || (c == best_count && gap >= best_gap)) {
			free(m);
			free(h);
			continue;
		}
		free(*modifier);
		free(*head);
		*modifier = m;
		*head = h;
		best_count = c;
		best_gap = gap;
	}
	return *head != NULL;
}
