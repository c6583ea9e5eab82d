/*
 * i18n.c: message lookup in a context (gettext's pgettext, which glibc's
 * libintl.h leaves to a header of the gettext package).
 */
#include "core/i18n.h"
#include "core/banned.h"

const char *i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = dgettext(VEDTAK_TEXTDOMAIN, ctx_msgid);

	/* Untranslated, gettext hands back its argument, context and all. */
	return t == ctx_msgid ? msgid : t;
}
