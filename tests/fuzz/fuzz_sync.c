/*
 * fuzz_sync.c: libFuzzer target for the sync-file reader, applied to an
 * in-memory database.
 */
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "tags.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *s;
	struct vt_diag diag;
	size_t applied;

	if (!s && store_open(":memory:", false, &s, &diag) != VT_OK)
		return 0;
	store_sync_import(s, (const char *)data, size, NULL, &applied, &diag);
	return 0;
}
