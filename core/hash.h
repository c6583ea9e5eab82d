/*
 * hash.h: the hash of a word's bytes for the in-memory tables an import
 * fills for every word of every text (the word forms' cache, the words new
 * to the index, the keywords' counts). It reads eight bytes at a step: a
 * byte at a time (FNV-1a), each multiply waited for the one before, and
 * hashing was a sixth of the form cache's time. The value is never stored,
 * so it may differ between machines (their byte order).
 */
#ifndef VEDTAK_HASH_H
#define VEDTAK_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t hash_word(const char *s, size_t n)
{
	const uint64_t k = 0x9fb21c651e98df25ULL;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;
	size_t i;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	for (w = 0, i = 0; i < n; i++)
		w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	h = (h ^ w) * k;
	/* A table takes its slot from the low bits: every byte must reach them. */
	h ^= h >> 32;
	h *= k;
	h ^= h >> 29;
	return h;
}

#endif
