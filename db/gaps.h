/*
 * gaps.h: ascending ids kept as the gaps between them, each a varint
 * (seven bits a byte, low first, the top bit set on all but the last),
 * the first gap from 0: the list form of a frequent word's set
 * (termsets.c, after its 'L') and the ids an import notes (fts.c).
 * Internal to db/.
 */
#ifndef VEDTAK_GAPS_H
#define VEDTAK_GAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "core/varint.h"

/* Room made once: an import adds one for each case of each frequent word. */
static inline void gaps_add(struct strbuf *sb, uint64_t gap)
{
	unsigned char *p;

	strbuf_grow(sb, VARINT_MAX);
	p = varint_put((unsigned char *)sb->buf + sb->len, gap);
	sb->len = (size_t)(p - (unsigned char *)sb->buf);
	sb->buf[sb->len] = '\0';
}

/*
 * The gap at b[*i] (nb bytes in all), *i moved past it; false at the end.
 * A varint longer than 63 bits (a damaged list) ends where it reaches them.
 */
static inline bool gaps_next(const unsigned char *b, size_t nb, size_t *i, uint64_t *gap)
{
	return varint_next(b, nb, i, gap);
}

#endif
