/*
 * terms.c: reading assets/terms.txt into the store (see terms.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/store.h"
#include "tui/paths.h"
#include "tui/terms.h"
#include "core/banned.h"

/* The list is a few kilobytes; anything near this is not the list. */
#define TERMS_MAX_BYTES ((size_t)1 << 20)

enum vt_status terms_load(struct store *s, struct vt_diag *diag)
{
	char *dir = paths_assets(), *path = xasprintf("%s/terms.txt", dir), *data = NULL;
	struct strbuf why = STRBUF_INIT;
	enum vt_status st = VT_OK;
	struct stat sb;
	size_t len = 0;

	if (stat(path, &sb) && errno == ENOENT)
		goto out;
	if (!file_read(path, TERMS_MAX_BYTES, &data, &len, &why)) {
		st = vt_fail(diag, VT_ERR_IO, 0, "%s: %s", path, why.buf);
		goto out;
	}
	if ((st = store_set_equivalents(s, data, len, diag)) != VT_OK) {
		char *msg = xasprintf("%s:%ld: %s", path, diag->line, diag->msg);
		vt_fail(diag, st, diag->line, "%s", msg);
		free(msg);
	}
out:
	free(data);
	free(dir);
	free(path);
	strbuf_release(&why);
	return st;
}
