/*
 * status.c: names for status codes and the helper that fills a diagnostic.
 */
#include <stdarg.h>
#include <stdio.h>

#include "status.h"
#include "banned.h"

const char *vt_status_str(enum vt_status s)
{
	switch (s) {
	case VT_OK: return "ok";
	case VT_ERR_IO: return "cannot read file";
	case VT_ERR_FORMAT: return "not a readable deck";
	case VT_ERR_DB: return "database error";
	case VT_ERR_SCHEMA: return "unsupported database version";
	case VT_ERR_NOT_FOUND: return "not found";
	case VT_ERR_USAGE: return "invalid usage";
	case VT_ERR_READONLY: return "database is read-only";
	}
	return "unknown error";
}

void vt_diag_clear(struct vt_diag *d)
{
	if (!d)
		return;
	d->line = 0;
	d->offset_plus1 = 0;
	d->msg[0] = '\0';
}

enum vt_status vt_fail(struct vt_diag *d, enum vt_status s, long line, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return s;
	d->line = line;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return s;
}
