/*
 * fuzz_sync.c: libFuzzer target for the sync-file reader (core/syncfile.c),
 * with no database. Each input is read twice: as it is, and sealed with a
 * trailer of the right digest and count, so that mutations reach the
 * checks of each operation instead of dying at the digest.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/syncfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A fixed clock: the same input gives the same answer. */
	const time_t now = 1764547200; /* 2025-12-01 */
	struct strbuf sealed = STRBUF_INIT;
	struct sync_file sf;
	struct vt_diag diag;
	size_t lines = 0, i;

	sync_file_read((const char *)data, size, now, &sf, &diag);
	sync_file_release(&sf);
	if (!size || data[size - 1] != '\n')
		return 0;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	strbuf_add(&sealed, data, size);
	sync_file_end(&sealed, 0, lines > 2 ? lines - 2 : 0);
	sync_file_read(sealed.buf, sealed.len, now, &sf, &diag);
	sync_file_release(&sf);
	strbuf_release(&sealed);
	return 0;
}
