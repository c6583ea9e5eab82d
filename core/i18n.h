/*
 * i18n.h: the program's messages go through gettext, one text domain
 * ("vedtak") for core, db and tui alike. The library only looks strings up;
 * choosing the language (setlocale, bindtextdomain) is the program's job.
 */
#ifndef VEDTAK_I18N_H
#define VEDTAK_I18N_H

#include <libintl.h>

#define VEDTAK_TEXTDOMAIN "vedtak"

/* A message in the user's language. */
#define _(s) dgettext(VEDTAK_TEXTDOMAIN, s)
/* Marks a string for the catalogue where it is looked up later (tables). */
#define N_(s) (s)
/* A message with a plural: `n` chooses the form by the language's rules. */
#define P_(one, many, n) dngettext(VEDTAK_TEXTDOMAIN, one, many, (unsigned long)(n))
/* A message in a context, for short strings that mean different things. */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

/* The translation of `ctx_msgid` ("context\004text"), else `msgid`; static storage. */
const char *i18n_pgettext(const char *ctx_msgid, const char *msgid);

#endif
