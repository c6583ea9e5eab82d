/*
 * literals.c: the runs of literal text every match of a PCRE2 pattern must
 * contain, so that search can ask its index which cases could match before
 * running the pattern (as Google Code Search and ripgrep do).
 *
 * Only what is certainly required is taken: the top level of the pattern,
 * outside every group and class, where a quantifier that allows zero
 * copies removes the character it follows. A top-level alternation, \Q,
 * or the extended flag (where spaces are not literal) give nothing.
 * Giving nothing is always safe: the caller then scans every case.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/literals.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A quantifier at p: {m}, {m,}, {m,n}, and from PCRE2 10.43 {,n} and
 * spaces inside, read as the newer rules read them (for 10.42, {,n} is
 * text: taking it for a quantifier only drops a character that was
 * required, which is safe). Its length, or 0 for a brace that is text.
 */
static size_t brace_quantifier(const char *p, size_t n, size_t i, long *min)
{
	size_t j = i + 1;
	bool digits = false;

	*min = 0;
	while (j < n && p[j] == ' ')
		j++;
	while (j < n && is_digit(p[j])) {
		if (*min < 100000)
			*min = *min * 10 + (p[j] - '0');
		digits = true;
		j++;
	}
	while (j < n && p[j] == ' ')
		j++;
	if (j < n && p[j] == ',') {
		j++;
		while (j < n && (is_digit(p[j]) || p[j] == ' ')) {
			digits = digits || is_digit(p[j]);
			j++;
		}
	}
	return digits && j < n && p[j] == '}' ? j + 1 - i : 0;
}

/* Past a class "[...]" that starts at i: "]" first (or after "^") is a member, escapes are skipped. */
static size_t skip_class(const char *p, size_t n, size_t i)
{
	i++;
	if (i < n && p[i] == '^')
		i++;
	if (i < n && p[i] == ']')
		i++;
	while (i < n && p[i] != ']') {
		if (p[i] == '\\' && i + 1 < n)
			i++;
		else if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
			/* "[:alpha:]"; PCRE2 gives up on one that meets "]" first. */
			const char *end = strstr(p + i + 2, ":]"), *close = strchr(p + i + 2, ']');
			if (end && close && end + 1 == close)
				i = (size_t)(end - p) + 1;
		}
		i++;
	}
	return i < n ? i + 1 : n;
}

/* Past a group "(...)" that starts at i, with the groups and classes inside it. */
static size_t skip_group(const char *p, size_t n, size_t i)
{
	int depth = 0;

	while (i < n) {
		if (p[i] == '\\' && i + 1 < n)
			i += 2;
		else if (p[i] == '[')
			i = skip_class(p, n, i);
		else {
			if (p[i] == '(')
				depth++;
			else if (p[i] == ')' && --depth == 0)
				return i + 1;
			i++;
		}
	}
	return n;
}

/* Past an escape "\X..." that is not a literal character: \x41, \p{L}, \k<name>, \12, \cA. */
static size_t skip_escape(const char *p, size_t n, size_t i)
{
	char e = p[i + 1];

	i += 2;
	if (i < n && (p[i] == '{' || ((e == 'k' || e == 'g') && (p[i] == '<' || p[i] == '\'')))) {
		char close = p[i] == '{' ? '}' : p[i] == '<' ? '>' : '\'';
		while (i < n && p[i] != close)
			i++;
		return i < n ? i + 1 : n;
	}
	if (e == 'p' || e == 'P') {
		if (i < n)
			i++; /* \pL: a property of one letter */
	} else if (e == 'x') {
		size_t k;
		for (k = 0; k < 2 && i < n && strchr("0123456789abcdefABCDEF", p[i]); k++)
			i++;
	} else if (e == 'c' && i < n) {
		i++;
	} else if (is_digit(e) || e == 'g') {
		while (i < n && (is_digit(p[i]) || p[i] == '-' || p[i] == '+'))
			i++;
	}
	return i;
}

/* Removes the last character (a whole UTF-8 sequence) of run. */
static void drop_last_char(struct strbuf *run)
{
	size_t len = run->len;

	while (len && ((unsigned char)run->buf[len - 1] & 0xC0) == 0x80)
		len--;
	if (len)
		len--;
	strbuf_setlen(run, len);
}

static void flush(struct strbuf *run, char ***out, size_t *n, size_t *alloc)
{
	if (run->len) {
		ALLOC_GROW(*out, *n + 2, *alloc);
		(*out)[(*n)++] = strbuf_detach(run, NULL);
		(*out)[*n] = NULL;
	}
	strbuf_reset(run);
}

/* Flags set inline, "(?x)" or "(?xi:...)": true when they turn on extended mode. */
static bool sets_extended(const char *p)
{
	const char *g = p;

	while ((g = strstr(g, "(?")) != NULL) {
		const char *f = g + 2;
		while (*f && *f != ')' && *f != ':' && *f != '-') {
			if (*f == 'x')
				return true;
			f++;
		}
		g += 2;
	}
	return false;
}

char **literals_required(const char *p, bool caseless)
{
	struct strbuf run = STRBUF_INIT;
	char **out = NULL;
	size_t n = strlen(p), i = 0, nout = 0, alloc = 0;
	bool after_char = false; /* the last atom was the run's last character */

	/* Callouts may hold any text, ")" too: no reading of them is sure. */
	if (sets_extended(p) || strstr(p, "\\Q") || strstr(p, "(*") || strstr(p, "(?C"))
		goto none;
	while (i < n) {
		char c = p[i];
		long min = 0;
		size_t q = 0;

		if (c == '|')
			goto none;
		if (c == '?' || c == '*' || (c == '{' && (q = brace_quantifier(p, n, i, &min)) && min == 0)) {
			if (after_char)
				drop_last_char(&run);
			flush(&run, &out, &nout, &alloc);
			i += c == '{' ? q : 1;
		} else if (c == '+' || (c == '{' && (q = brace_quantifier(p, n, i, &min)))) {
			/* One copy is required; what follows may come after more copies. */
			flush(&run, &out, &nout, &alloc);
			i += c == '{' ? q : 1;
		} else if (c == '\\' && i + 1 < n) {
			char e = p[i + 1];
			if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || is_digit(e)) {
				flush(&run, &out, &nout, &alloc);
				i = skip_escape(p, n, i);
				after_char = false;
				continue;
			}
			if ((unsigned char)e >= 0x80) { /* \ø is ø: the character as any other */
				i++;
				continue;
			}
			strbuf_addch(&run, e); /* \. \( \\ ... */
			i += 2;
			after_char = true;
			continue;
		} else if (c == '[' || c == '(' || c == '.' || c == '^' || c == '$') {
			flush(&run, &out, &nout, &alloc);
			i = c == '[' ? skip_class(p, n, i) : c == '(' ? skip_group(p, n, i) : i + 1;
			after_char = false;
			continue;
		} else {
			size_t k = 1;
			uint32_t cp = 0;
			while (i + k < n && ((unsigned char)p[i + k] & 0xC0) == 0x80)
				k++;
			/* Caseless, a letter beyond Latin-1 and Latin Extended-A (ſ too), or ß, may
			 * match a form the index does not fold it to (ΑΘΗΝΑ, ẞ): it ends the run. */
			if (caseless && (!utf8_decode(p + i, k, &cp) || cp >= 0x17F || cp == 0xDF)) {
				flush(&run, &out, &nout, &alloc);
				i += k;
				after_char = false;
				continue;
			}
			strbuf_add(&run, p + i, k);
			i += k;
			after_char = true;
			continue;
		}
		/* After a quantifier: a lazy or possessive mark belongs to it. */
		if (i < n && (p[i] == '?' || p[i] == '+'))
			i++;
		after_char = false;
	}
	flush(&run, &out, &nout, &alloc);
	strbuf_release(&run);
	return out;
none:
	strbuf_release(&run);
	literals_free(out);
	return NULL;
}

void literals_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}
