/*
 * status.c: names for status codes and the helper that fills a diagnostic.
 */
#include <stdarg.h>
#include <stdio.h>

#include "core/i18n.h"
#include "core/status.h"
#include "core/banned.h"

const char *vt_status_str(enum vt_status s)
{
	switch (s) {
	case VT_OK:
		return _("ok");
	case VT_ERR_IO:
		return _("cannot read file");
	case VT_ERR_FORMAT:
		return _("not a readable deck");
	case VT_ERR_DB:
		return _("database error");
	case VT_ERR_SCHEMA:
		return _("unsupported database version");
	case VT_ERR_NOT_FOUND:
		return _("not found");
	case VT_ERR_USAGE:
		return _("invalid usage");
	case VT_ERR_READONLY:
		return _("database is read-only");
	}
	return _("unknown error");
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
