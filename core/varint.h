/*
 * varint.h: unsigned integers in seven bits a byte, low bits first, the
 * top bit set on all but the last byte. The packed tokens (words.c), the
 * lists of ids (db/gaps.h) and the kept texts of documents (doctext.c)
 * are written so.
 */
#ifndef VEDTAK_VARINT_H
#define VEDTAK_VARINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes of the longest varint of 64 bits. */
#define VARINT_MAX 10

/* Writes v at p, which has room for VARINT_MAX bytes; returns the byte after it. */
static inline unsigned char *varint_put(unsigned char *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(0x80 | (v & 0x7f));
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return p;
}

/*
 * The varint at b[*i] (nb bytes in all), *i moved past it; false at the
 * end. One longer than 63 bits (damaged bytes) ends where it reaches them.
 */
static inline bool varint_next(const unsigned char *b, size_t nb, size_t *i, uint64_t *v)
{
	int shift;

	if (*i >= nb)
		return false;
	for (*v = 0, shift = 0; *i < nb && shift < 63; shift += 7) {
		*v |= (uint64_t)(b[*i] & 0x7f) << shift;
		if (!(b[(*i)++] & 0x80))
			break;
	}
	return true;
}

#endif
