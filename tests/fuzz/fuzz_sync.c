/*
 * fuzz_sync.c: libFuzzer target for the sync-file reader, applied to an
 * in-memory database. Each input is read twice: as it is, and sealed with
 * a trailer of the right digest and count, so that mutations reach the
 * operations past the digest check instead of dying at it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "store.h"
#include "tags.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *s;
	struct vt_diag diag;
	size_t applied, lines = 0, i, n;
	char hex[65], *sealed;

	if (!s && store_open(":memory:", false, &s, &diag) != VT_OK)
		return 0;
	store_sync_import(s, (const char *)data, size, NULL, &applied, &diag);

	if (!size || data[size - 1] != '\n')
		return 0;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	sha256_hex(data, size, hex);
	if (!(sealed = malloc(size + 100)))
		return 0;
	memcpy(sealed, data, size);
	n = size + (size_t)snprintf(sealed + size, 100, "end\t%zu\t%s\n", lines > 2 ? lines - 2 : 0, hex);
	store_sync_import(s, sealed, n, "peer", &applied, &diag);
	free(sealed);
	return 0;
}
