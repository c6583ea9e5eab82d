/*
 * sha256.h: SHA-256 of a byte buffer, for recognising a deck imported before.
 */
#ifndef VEDTAK_SHA256_H
#define VEDTAK_SHA256_H

#include <stddef.h>

/* Writes the lower-case hex digest of `data` (64 characters and a NUL) to `hex`. */
void sha256_hex(const void *data, size_t len, char hex[65]);

/* The portable implementation alone; for tests that compare the two. */
void sha256_hex_portable(const void *data, size_t len, char hex[65]);

#endif
