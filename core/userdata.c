/*
 * userdata.c: the rules of userdata.h. Strings are checked as UTF-8 and
 * for control characters with the same test the terminal writer uses, so
 * that nothing accepted here can later write to a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/query.h"
#include "core/termsafe.h"
#include "core/userdata.h"
#include "core/utf8.h"
#include "core/banned.h"

/* Valid UTF-8 with no unsafe code point; newlines and tabs only where allowed. */
static const char *text_problem(const char *s, size_t max, bool lines)
{
	size_t n = strlen(s), i = 0;
	bool blank = true;

	if (!n)
		return _("it is empty");
	if (n > max)
		return _("it is too long");
	if (utf8_invalid_offset(s, n) != n)
		return _("it is not valid UTF-8");
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		/* A note may hold right-to-left text and its marks (printed made
		 * safe); a name is one line shown in lists, where they mislead. */
		bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0);

		if (lines ? control && cp != '\n' && cp != '\t' : control || term_unsafe(cp))
			return _("it holds a control character");
		blank &= cp == ' ' || cp == '\n' || cp == '\t';
		i += k;
	}
	return blank ? _("it is empty") : NULL;
}

/*
 * Before utf8proc, tag names were lower-cased in Latin-1 and Latin
 * Extended-A only: "Ωmega" was stored as written. Such a name from an
 * older vedtak is still a tag name; any other capital is not.
 */
static bool legacy_case(const char *tag)
{
	size_t i = 0, n = strlen(tag);

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(tag + i, n - i, &cp);

		if (!k || (cp < 0x180 && utf8_is_upper(cp)))
			return false;
		i += k;
	}
	return true;
}

const char *userdata_tag_problem(const char *tag)
{
	char *norm = tag_normalise(tag);
	bool ok = norm && (!strcmp(norm, tag) || legacy_case(tag));

	free(norm);
	return ok ? NULL : _("not a tag name (letters, digits, - and _, in lower case)");
}

const char *userdata_note_problem(const char *text)
{
	return text_problem(text, NOTE_MAX_BYTES, true);
}

const char *userdata_saved_name_problem(const char *name)
{
	return text_problem(name, SAVED_NAME_MAX_BYTES, false);
}

const char *userdata_saved_query_problem(const char *query, bool compiles)
{
	struct query *q = NULL;
	struct vt_diag diag;
	const char *why = text_problem(query, QUERY_MAX_BYTES, false);

	if (why || !compiles)
		return why;
	if (query_compile(query, &q, &diag) != VT_OK)
		why = _("the query does not compile");
	query_free(q);
	return why;
}

const char *userdata_author_problem(const char *author)
{
	return text_problem(author, AUTHOR_MAX_BYTES, false);
}

const char *userdata_case_key_problem(const char *key)
{
	const char *bar1 = strchr(key, '|'), *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL, *p;

	if (text_problem(key, 256, false) || !bar1 || !bar2 || bar1 == key || bar2 == bar1 + 1 ||
	    strchr(bar2 + 1, '|'))
		return _("not a case key (BODY|NUMBER|OCCURRENCE)");
	/* Occurrence 0: what an older vedtak gave a case known from the agenda alone. */
	p = bar2 + 1;
	if (*p < '0' || *p > '9' || (*p == '0' && p[1]) || strlen(p) > 6)
		return _("not a case key (BODY|NUMBER|OCCURRENCE)");
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return _("not a case key (BODY|NUMBER|OCCURRENCE)");
	return NULL;
}

static bool hex_run(const char *s, size_t n)
{
	size_t i;

	if (!n || n > 64)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

const char *userdata_hex_id_problem(const char *id)
{
	return hex_run(id, strlen(id)) ? NULL : _("not an id (hex digits)");
}

const char *userdata_op_id_problem(const char *id)
{
	const char *dash = strchr(id, '-');

	if (!dash || !hex_run(id, (size_t)(dash - id)) || !hex_run(dash + 1, strlen(dash + 1)))
		return _("not an operation id (MACHINE-ID)");
	return NULL;
}

const char *userdata_time_problem(const char *at, time_t now)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	int y, mo, d, h, mi, s;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t i, n = strlen(at);
	struct tm tm = {0};
	time_t t;

	/* 2025-01-02T03:04:05, then an optional fraction, then Z. */
	if (n < sizeof(shape) || at[n - 1] != 'Z')
		return _("not a time (2025-01-02T03:04:05.000Z)");
	for (i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == 'd' ? at[i] < '0' || at[i] > '9' : at[i] != shape[i])
			return _("not a time (2025-01-02T03:04:05.000Z)");
	if (n > sizeof(shape)) {
		if (at[sizeof(shape) - 1] != '.' || n == sizeof(shape) + 1 || n > sizeof(shape) + 10)
			return _("not a time (2025-01-02T03:04:05.000Z)");
		for (i = sizeof(shape); i < n - 1; i++)
			if (at[i] < '0' || at[i] > '9')
				return _("not a time (2025-01-02T03:04:05.000Z)");
	}
	if (sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 || mo < 1 || mo > 12 ||
	    d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))) ||
	    h > 23 || mi > 59 || s > 60)
		return _("not a time (2025-01-02T03:04:05.000Z)");
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	t = timegm(&tm);
	if (t > now + SYNC_CLOCK_SKEW_SECONDS)
		return _("the time is in the future");
	return NULL;
}
