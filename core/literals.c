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

bool literals_cased(const char *p)
{
	size_t i, n = strlen(p);

	for (i = 0; i < n;) {
		uint32_t cp;
		size_t k;

		if (p[i] == '\\' && i + 1 < n) {
			i = skip_escape(p, n, i);
			continue;
		}
		k = utf8_decode(p + i, n - i, &cp);
		if (utf8_is_upper(cp))
			return true;
		i += k ? k : 1;
	}
	return false;
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

struct runs {
	char **v;
	enum literal_gap *gaps;
	size_t n, alloc, gaps_alloc;
	enum literal_gap gap; /* before the run being read */
};

static void flush(struct strbuf *run, struct runs *r)
{
	if (run->len) {
		ALLOC_GROW(r->v, r->n + 2, r->alloc);
		ALLOC_GROW(r->gaps, r->n + 1, r->gaps_alloc);
		r->gaps[r->n] = r->gap;
		r->v[r->n++] = strbuf_detach(run, NULL);
		r->v[r->n] = NULL;
	}
	strbuf_reset(run);
	r->gap = LITERAL_APART;
}

static bool is_ascii_alnum(unsigned char c)
{
	return is_digit((char)c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * A gap: the class at i, of ASCII characters that are not letters or
 * digits ("[- ]", "[ ,.]", "[\\t ]"; no ranges, no negation, no \\s, whose
 * Unicode spaces U+1680 and U+180E words.c keeps inside words), with its
 * quantifier. Such characters end a word, except a hyphen or an
 * apostrophe between two letters, which joins them (core/words.h); so does
 * nothing, when the quantifier allows none. Returns the end of the gap and
 * sets *gap; 0 for anything else. A brace quantifier counts only as
 * written alike by every PCRE2 ("{1,3}"): one that 10.42 reads as text may
 * hold a digit.
 */
static size_t separator_gap(const char *p, size_t n, size_t i, enum literal_gap *gap)
{
	size_t end = skip_class(p, n, i), j, q;
	long min = 1;
	bool joins = false;

	if (end <= i + 2 || p[end - 1] != ']' || p[i + 1] == '^')
		return 0;
	for (j = i + 1; j < end - 1; j++) {
		unsigned char c = (unsigned char)p[j];

		if (c == '\\') {
			c = (unsigned char)p[++j];
			if (c && strchr("tnrfv", (char)c))
				c = ' ';
			else if (c >= 0x80 || is_ascii_alnum(c))
				return 0;
		} else if (c == '[' || c >= 0x80 || is_ascii_alnum(c)) {
			return 0;
		}
		if (p[j + 1] == '-' && j + 2 < end - 1)
			return 0; /* a range */
		joins = joins || c == '-' || c == '\'';
	}
	if (end < n && (p[end] == '?' || p[end] == '*')) {
		min = 0;
		end++;
	} else if (end < n && p[end] == '+') {
		end++;
	} else if (end < n && p[end] == '{') {
		if (!(q = brace_quantifier(p, n, end, &min)) || !is_digit(p[end + 1]))
			return 0;
		for (j = end + 1; j < end + q - 1; j++)
			if (p[j] == ' ')
				return 0;
		end += q;
	} else {
		goto done;
	}
	if (end < n && (p[end] == '?' || p[end] == '+'))
		end++; /* lazy or possessive */
done:
	*gap = joins || min == 0 ? LITERAL_JOINABLE : LITERAL_SPACED;
	return end;
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

char **literals_required(const char *p, bool caseless, enum literal_gap **gaps)
{
	struct strbuf run = STRBUF_INIT;
	struct runs out = {NULL, NULL, 0, 0, 0, LITERAL_APART};
	size_t n = strlen(p), i = 0, end;
	bool after_char = false; /* the last atom was the run's last character */
	enum literal_gap gap;

	if (gaps)
		*gaps = NULL;
	/* Callouts may hold any text, ")" too: no reading of them is sure. */
	if (sets_extended(p) || strstr(p, "\\Q") || strstr(p, "(*") || strstr(p, "(?C"))
		goto none;
	while (i < n) {
		char c = p[i];
		long min = 0;
		size_t q = 0;

		if (c == '|')
			goto none;
		if (after_char && c == '[' && (end = separator_gap(p, n, i, &gap))) {
			flush(&run, &out);
			out.gap = gap; /* for the run that begins right after it */
			i = end;
			after_char = false;
			continue;
		}
		if (c == '?' || c == '*' || (c == '{' && (q = brace_quantifier(p, n, i, &min)) && min == 0)) {
			if (after_char)
				drop_last_char(&run);
			flush(&run, &out);
			i += c == '{' ? q : 1;
		} else if (c == '+' || (c == '{' && (q = brace_quantifier(p, n, i, &min)))) {
			/* One copy is required; what follows may come after more copies. */
			flush(&run, &out);
			i += c == '{' ? q : 1;
		} else if (c == '\\' && i + 1 < n) {
			char e = p[i + 1];
			if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || is_digit(e)) {
				flush(&run, &out);
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
			flush(&run, &out);
			i = c == '[' ? skip_class(p, n, i) : c == '(' ? skip_group(p, n, i) : i + 1;
			after_char = false;
			continue;
		} else {
			size_t k = 1;
			uint32_t cp = 0;
			while (i + k < n && ((unsigned char)p[i + k] & 0xC0) == 0x80)
				k++;
			/* Caseless, a letter beyond Latin-1 and Latin Extended-A (ſ too), ß, or µ
			 * (which words.c takes for a symbol, and PCRE2 for Greek μ) may match a
			 * form the index does not fold it to (ΑΘΗΝΑ, ẞ, μ): it ends the run. */
			if (caseless &&
			    (!utf8_decode(p + i, k, &cp) || cp >= 0x17F || cp == 0xDF || cp == 0xB5)) {
				flush(&run, &out);
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
	flush(&run, &out);
	strbuf_release(&run);
	if (gaps && out.v)
		*gaps = out.gaps;
	else
		free(out.gaps);
	return out.v;
none:
	strbuf_release(&run);
	literals_free(out.v);
	free(out.gaps);
	return NULL;
}

void literals_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/*
 * The word pattern: a letter or digit that is one character of a word in
 * the index (words.c) and one character of its exact form, as the letter
 * itself or in lower case. ASCII letters and digits, and æ, ø, å; not ä or
 * ö (the index has them as æ and ø), nor accented letters (it takes the
 * accents off). Caseless, PCRE2 also matches k to the Kelvin sign and å to
 * the Angstrom sign, which words.c does not take for letters: a match with
 * one would run over two words of the index, so neither is taken then.
 */
static size_t word_letter(const char *p, size_t n, size_t i, bool caseless)
{
	if (is_ascii_alnum((unsigned char)p[i]))
		return caseless && (p[i] == 'k' || p[i] == 'K') ? 0 : 1;
	if (i + 2 > n)
		return 0;
	if (!memcmp(p + i, "å", 2) || !memcmp(p + i, "Å", 2))
		return caseless ? 0 : 2;
	return !memcmp(p + i, "æ", 2) || !memcmp(p + i, "ø", 2) || !memcmp(p + i, "Æ", 2) ||
		       !memcmp(p + i, "Ø", 2)
		   ? 2
		   : 0;
}

/* A range of one kind of ASCII character: "A-z" would hold "_" and "[". */
static bool word_range(unsigned char a, unsigned char b)
{
	return b >= a && ((a >= '0' && b <= '9') || (a >= 'a' && b <= 'z') || (a >= 'A' && b <= 'Z'));
}

/* Past a class at i whose every member is a word letter, a range of them, or \d; 0 for any other. */
static size_t word_class(const char *p, size_t n, size_t i, bool caseless)
{
	size_t k;

	for (i++; i < n && p[i] != ']';) {
		if (p[i] == '\\' && i + 1 < n && p[i + 1] == 'd') {
			i += 2;
		} else if (!(k = word_letter(p, n, i, caseless))) {
			return 0; /* "^" first, "[:alpha:]", an escape, anything else */
		} else if (i + 2 < n && p[i + k] == '-' && p[i + k + 1] != ']') {
			unsigned char a = (unsigned char)p[i], b = (unsigned char)p[i + 2];

			if (k != 1 || !word_range(a, b) ||
			    (caseless && (a | 0x20) <= 'k' && (b | 0x20) >= 'k'))
				return 0;
			i += 3;
		} else {
			i += k;
		}
	}
	/* "[]" first is a member, not an empty class. */
	return i < n && p[i - 1] != '[' ? i + 1 : 0;
}

char *literals_word_pattern(const char *p, bool caseless, bool edges)
{
	struct strbuf out = STRBUF_INIT;
	size_t n = strlen(p), i = 0, k;
	long min;

	while (i < n) {
		char c = p[i];

		if (c == '\\' && i + 1 < n && p[i + 1] == 'd') {
			strbuf_addstr(&out, "\\d");
			i += 2;
			continue;
		}
		if (c == '\\' && i + 1 < n && p[i + 1] == 'b' && edges) {
			strbuf_addstr(&out, "\\b");
			i += 2;
			continue;
		}
		if ((c == '\\' && i + 1 < n && strchr("bBAzZ", p[i + 1])) || c == '^' || c == '$') {
			/* Left out (literals.h). An empty group keeps a quantifier after it valid. */
			strbuf_addstr(&out, "(?:)");
			i += c == '\\' ? 2 : 1;
			continue;
		}
		if (c == '[') {
			if (!(k = word_class(p, n, i, caseless)))
				goto none;
			strbuf_add(&out, p + i, k - i);
			i = k;
			continue;
		}
		if (c == '(') {
			/* A plain group; one with "?" may look outside the match or set options, and
			 * one with "*" is a verb ("(*ACCEPT)"). */
			k = i + 1 < n && p[i + 1] == '?' ? 3 : 1;
			if ((k == 3 && (i + 2 >= n || p[i + 2] != ':')) || (i + 1 < n && p[i + 1] == '*'))
				goto none;
			strbuf_add(&out, p + i, k);
			i += k;
			continue;
		}
		if (c == ')' || c == '|') {
			strbuf_addch(&out, c);
			i++;
			continue;
		}
		if ((k = word_letter(p, n, i, caseless))) {
			strbuf_add(&out, p + i, k);
			i += k;
			continue;
		}
		if (c == '*' || c == '+' || c == '?') {
			strbuf_addch(&out, c);
			i++;
		} else if (c == '{') {
			/* Only as every PCRE2 reads it: 10.42 takes "{,2}" for text. */
			if (!(k = brace_quantifier(p, n, i, &min)) || !is_digit(p[i + 1]) ||
			    memchr(p + i, ' ', k))
				goto none;
			strbuf_add(&out, p + i, k);
			i += k;
		} else {
			goto none; /* ".", a space, a hyphen, any other escape or character */
		}
		/* A possessive quantifier becomes a greedy one, which matches all it does: possessive
		 * and matched without regard to case (or with an assertion left out), it could take
		 * what the rest of the pattern needed. A lazy one stays. */
		if (i < n && p[i] == '+')
			i++;
		else if (i < n && p[i] == '?')
			strbuf_addch(&out, p[i++]);
	}
	return strbuf_detach(&out, NULL);
none:
	strbuf_release(&out);
	return NULL;
}
