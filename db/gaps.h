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

/* Room made once: an import adds one for each case of each frequent word. */
static inline void gaps_add(struct strbuf *sb, uint64_t gap)
{
	unsigned char *p;

	strbuf_grow(sb, 10);
	p = (unsigned char *)sb->buf + sb->len;
	while (gap >= 0x80) {
		*p++ = (unsigned char)(0x80 | (gap & 0x7f));
		gap >>= 7;
	}
	*p++ = (unsigned char)gap;
	sb->len = (size_t)(p - (unsigned char *)sb->buf);
	sb->buf[sb->len] = '\0';
}

/*
 * The gap at b[*i] (nb bytes in all), *i moved past it; false at the end.
 * A varint longer than 63 bits (a damaged list) ends where it reaches them.
 */
static inline bool gaps_next(const unsigned char *b, size_t nb, size_t *i, uint64_t *gap)
{
	int shift;

	if (*i >= nb)
		return false;
	for (*gap = 0, shift = 0; *i < nb && shift < 63; shift += 7) {
		*gap |= (uint64_t)(b[*i] & 0x7f) << shift;
		if (!(b[(*i)++] & 0x80))
			break;
	}
	return true;
}

#endif
