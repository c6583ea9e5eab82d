/*
 * termsafe.c: replacing what must not reach a terminal (see termsafe.h).
 */
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/banned.h"

bool term_unsafe(uint32_t cp)
{
	if (cp == '\t' || cp == '\n')
		return false;
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void term_safe_append(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	/* Safe runs are copied whole: most text has nothing to replace. */
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k && !term_unsafe(cp)) {
			i += k;
			continue;
		}
		strbuf_add(out, s + run, i - run);
		strbuf_addstr(out, "\xEF\xBF\xBD");
		i += k ? k : 1;
		run = i;
	}
	strbuf_add(out, s + run, n - run);
}
