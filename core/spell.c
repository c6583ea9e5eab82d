/*
 * spell.c: bounded edit distance over code points (see spell.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/spell.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

#define SPELL_MAX_LETTERS 64

static size_t decode_all(const char *s, uint32_t *out)
{
	size_t i = 0, n = strlen(s), len = 0;

	while (i < n && len < SPELL_MAX_LETTERS) {
		size_t k = utf8_decode(s + i, n - i, &out[len]);
		if (!k)
			out[len] = '?', k = 1;
		i += k;
		len++;
	}
	return len;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t spell_distance(const char *a, const char *b, size_t max)
{
	uint32_t x[SPELL_MAX_LETTERS], y[SPELL_MAX_LETTERS];
	size_t rows[3][SPELL_MAX_LETTERS + 1];
	size_t nx = decode_all(a, x), ny = decode_all(b, y), i, j;
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if ((nx > ny ? nx - ny : ny - nx) > max)
		return max + 1;
	for (j = 0; j <= ny; j++)
		prev[j] = j;
	for (i = 1; i <= nx; i++) {
		size_t best = (size_t)-1, *t;

		cur[0] = i;
		for (j = 1; j <= ny; j++) {
			size_t cost = x[i - 1] != y[j - 1];
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > max && cur[0] > max)
			return max + 1;
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[ny] > max ? max + 1 : prev[ny];
}

size_t spell_max_edits(size_t letters)
{
	return letters <= 5 ? 1 : 2;
}
