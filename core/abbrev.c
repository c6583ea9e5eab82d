/*
 * abbrev.c: finding where a text defines an abbreviation (see abbrev.h).
 * The text is read as a list of words and the marks between them that
 * matter: parentheses, line starts, and the punctuation that ends a
 * clause, over which no long form reaches.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/abbrev.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

#define ABBR_MAX_BYTES	 24 /* ten letters, some of them two bytes, and a hyphen */
#define ABBR_MAX_LETTERS 10
#define MATCH_MAX	 64

enum tok_kind { TOK_WORD, TOK_OPEN, TOK_CLOSE, TOK_BREAK, TOK_DASH, TOK_LINE };

/*
 * Twelve bytes a token, a token for every four bytes of text or so: with
 * 24, the tokens of a long case were six times its text and missed the
 * caches. A text is shorter than 4 GB (SQLite keeps none longer than 1 GB).
 */
struct tok {
	uint32_t start, end;
	unsigned char kind;
	/* Of a word, its capital letters as abbr_like() counts them, up to 2: a word without one is
	 * no abbreviation, nor one with one as strict abbr_like() reads it (most words). */
	unsigned char capitals;
};

struct text {
	const char *s;
	size_t n;
	struct tok *t;
	size_t nt, alloc;
	/* The tokens where a definition may be: each '(' and '[', and each word strict abbr_like()
	 * may take (two capitals), found as they are made: a loop over every token was a fifth of
	 * the mining's time. */
	uint32_t *at;
	size_t nat, at_alloc;
};

/* ASCII without a table lookup: most of any text is ASCII. */
static bool alnum_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 32) - 'a' < 26 || cp - '0' < 10;
	return utf8_is_letter(cp) || utf8_is_digit(cp);
}

static size_t decode(const char *s, size_t n, uint32_t *cp)
{
	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return utf8_decode_inline(s, n, cp);
}

static void push(struct text *x, enum tok_kind kind, size_t capitals, size_t start, size_t end)
{
	ALLOC_GROW(x->t, x->nt + 1, x->alloc);
	x->t[x->nt].kind = (unsigned char)kind;
	x->t[x->nt].capitals = (unsigned char)(capitals < 2 ? capitals : 2);
	x->t[x->nt].start = (uint32_t)start;
	x->t[x->nt].end = (uint32_t)end;
	x->nt++;
}

/* The token pushed last is one where a definition may be (struct text). */
static void push_at(struct text *x)
{
	ALLOC_GROW(x->at, x->nat + 1, x->at_alloc);
	x->at[x->nat++] = (uint32_t)(x->nt - 1);
}

/* Whether letter cp is a capital, as abbr_like() counts them. */
static bool may_be_capital(uint32_t cp)
{
	return cp < 0x80 ? cp - 'A' < 26 : utf8_is_upper(cp) != 0;
}

/* Of each byte: ASCII_WORD for an ASCII letter or digit, and ASCII_CAPITAL too for A to Z. */
enum { ASCII_WORD = 1, ASCII_CAPITAL = 2 };

#define W ASCII_WORD
#define C (ASCII_WORD | ASCII_CAPITAL)
static const unsigned char ascii_class[256] = {
    ['0'] = W, ['1'] = W, ['2'] = W, ['3'] = W, ['4'] = W, ['5'] = W, ['6'] = W, ['7'] = W, ['8'] = W,
    ['9'] = W, ['A'] = C, ['B'] = C, ['C'] = C, ['D'] = C, ['E'] = C, ['F'] = C, ['G'] = C, ['H'] = C,
    ['I'] = C, ['J'] = C, ['K'] = C, ['L'] = C, ['M'] = C, ['N'] = C, ['O'] = C, ['P'] = C, ['Q'] = C,
    ['R'] = C, ['S'] = C, ['T'] = C, ['U'] = C, ['V'] = C, ['W'] = C, ['X'] = C, ['Y'] = C, ['Z'] = C,
    ['a'] = W, ['b'] = W, ['c'] = W, ['d'] = W, ['e'] = W, ['f'] = W, ['g'] = W, ['h'] = W, ['i'] = W,
    ['j'] = W, ['k'] = W, ['l'] = W, ['m'] = W, ['n'] = W, ['o'] = W, ['p'] = W, ['q'] = W, ['r'] = W,
    ['s'] = W, ['t'] = W, ['u'] = W, ['v'] = W, ['w'] = W, ['x'] = W, ['y'] = W, ['z'] = W,
};
#undef W
#undef C

/*
 * Words run over letters and digits, and over a hyphen between them
 * ("Helse-NIM"). ASCII, most of any text, is read without decoding it:
 * decoding each character was most of the abbreviations' time.
 */
static void tokenize(struct text *x)
{
	const unsigned char *u = (const unsigned char *)x->s;
	size_t i = 0, n = x->n;
	bool line_start = true;

	/* A token for every four bytes or so: room for them at once. */
	ALLOC_GROW(x->t, n / 4 + 16, x->alloc);
	while (i < n) {
		uint32_t cp = u[i];
		size_t k = 1, start = i;

		if (cp >= 0x80 && !(k = decode(x->s + i, n - i, &cp))) {
			i++;
			continue;
		}
		if (cp < 0x80 ? ascii_class[cp] != 0 : alnum_cp(cp)) {
			size_t capitals = may_be_capital(cp);

			/* A hyphen is taken only before a letter or digit: the word ends where i stops. */
			i += k;
			while (i < n) {
				unsigned char f = ascii_class[u[i]];

				if (f) {
					capitals += (f & ASCII_CAPITAL) != 0;
					i++;
					continue;
				}
				if (u[i] < 0x80) {
					uint32_t next;
					size_t k2;

					if (u[i] != '-' || i + 1 == n)
						break;
					k2 = decode(x->s + i + 1, n - i - 1, &next);
					if (!k2 || !alnum_cp(next))
						break;
					i++;
					continue;
				}
				k = decode(x->s + i, n - i, &cp);
				if (!k || !alnum_cp(cp))
					break;
				capitals += may_be_capital(cp);
				i += k;
			}
			push(x, TOK_WORD, capitals, start, i);
			if (capitals >= 2)
				push_at(x);
			line_start = false;
			continue;
		}
		i += k;
		if (cp == ' ')
			continue;
		if (cp == '\n') {
			push(x, TOK_LINE, 0, start, i);
			line_start = true;
		} else if (cp == '(' || cp == '[') {
			push(x, TOK_OPEN, 0, start, i);
			push_at(x);
		} else if (cp == ')' || cp == ']') {
			push(x, TOK_CLOSE, 0, start, i);
		} else if (cp == 0x2013 || cp == 0x2014 || cp == ':' || (cp == '-' && !line_start)) {
			push(x, TOK_DASH, 0, start, i);
		} else if (cp == '.' || cp == ';' || cp == '!' || cp == '?' || cp == ',' || cp == '"' ||
			   cp == 0x2022 || cp == 0xAB || cp == 0xBB || cp == '/' || cp == 0xF0B7 ||
			   cp == 0x25AA) {
			push(x, TOK_BREAK, 0, start, i);
		}
	}
}

/*
 * Whether `w` can be an abbreviation: 2 to 10 letters or digits, the first
 * a letter, and (`strict`) more upper-case letters than lower-case, at
 * least two.
 */
static bool abbr_like(const char *w, size_t n, bool strict)
{
	size_t i = 0, letters = 0, upper = 0, lower = 0;
	bool first = true;

	if (n < 2 || n > ABBR_MAX_BYTES)
		return false;
	while (i < n) {
		uint32_t cp;
		size_t k = decode(w + i, n - i, &cp);

		if (!k)
			return false;
		i += k;
		if (cp == '-')
			continue;
		if (first && (cp < 0x80 ? (cp | 32) - 'a' >= 26 : !utf8_is_letter(cp)))
			return false;
		first = false;
		letters++;
		upper += cp < 0x80 ? cp - 'A' < 26 : utf8_is_upper(cp) != 0;
		lower += cp < 0x80 ? cp - 'a' < 26 : utf8_is_lower(cp) != 0;
	}
	if (letters < 2 || letters > ABBR_MAX_LETTERS || !upper)
		return false;
	/* Not strict: in parentheses after a long form, half the letters in capitals will do
	 * ("HelseCERT"), or a hyphen before capitals ("Helse-NIM"); "FarmaStat" is a name. */
	if (!strict)
		return upper * 2 >= letters || (memchr(w, '-', n) && upper >= 2);
	return upper >= 2 && upper > lower;
}

/* abbr_like() for word t[i], which needs one capital, and two when strict. */
static bool word_abbr_like(const struct text *x, size_t i, bool strict)
{
	return x->t[i].capitals >= (strict ? 2 : 1) &&
	       abbr_like(x->s + x->t[i].start, x->t[i].end - x->t[i].start, strict);
}

/* Lower-case code points of s with their byte offsets; false if longer than `max`. */
static bool lower_cps(const char *s, size_t n, uint32_t *cp, size_t *at, size_t max, size_t *len)
{
	size_t i = 0;

	*len = 0;
	while (i < n) {
		uint32_t c;
		size_t k = utf8_decode(s + i, n - i, &c);

		if (!k)
			k = 1, c = '?';
		if (*len == max)
			return false;
		at[*len] = i;
		cp[(*len)++] = utf8_tolower(c);
		i += k;
	}
	return true;
}

static bool word_start(const char *s, size_t at, size_t from)
{
	uint32_t cp;
	size_t b = at;

	if (at == from)
		return true;
	if ((unsigned char)s[at - 1] < 0x80)
		return !alnum_cp((unsigned char)s[at - 1]);
	while (b > from && ((unsigned char)s[b - 1] & 0xC0) == 0x80)
		b--;
	b--;
	if (!utf8_decode(s + b, at - b, &cp))
		return true;
	return !alnum_cp(cp);
}

/*
 * Schwartz and Hearst's match: the abbreviation's letters and digits, from
 * the last, each found further left in s[from..to), the first one at a
 * word start. Fills matched[] with the byte offsets of the letters found
 * (the first at matched[0]) and returns how many, or 0 on no match.
 */
static size_t sh_match(const char *abbr, const char *s, size_t from, size_t to, size_t *matched)
{
	uint32_t a[MATCH_MAX];
	size_t aat[MATCH_MAX], na, ai, first = MATCH_MAX, found = 0, pos = to, k;

	if (!lower_cps(abbr, strlen(abbr), a, aat, MATCH_MAX, &na))
		return 0;
	for (ai = 0; ai < na && first == MATCH_MAX; ai++)
		if (alnum_cp(a[ai]))
			first = ai;
	for (ai = na; ai-- > 0;) {
		if (!alnum_cp(a[ai]))
			continue;
		for (;;) {
			uint32_t cp;

			if (pos <= from)
				return 0;
			pos--;
			while (pos > from && ((unsigned char)s[pos] & 0xC0) == 0x80)
				pos--;
			/* ASCII, most of a text, lowered here: a call for each byte was a tenth of mining. */
			cp = (unsigned char)s[pos];
			if (cp < 0x80)
				cp += cp - 'A' < 26 ? 32 : 0;
			else if (utf8_decode(s + pos, to - pos, &cp))
				cp = utf8_tolower(cp);
			else
				continue;
			if (cp != a[ai])
				continue;
			if (ai == first && !word_start(s, pos, from))
				continue;
			break;
		}
		matched[found++] = pos;
	}
	/* matched[] was filled from the last letter: turn it round. */
	for (k = 0; k < found / 2; k++) {
		size_t t = matched[k];
		matched[k] = matched[found - 1 - k];
		matched[found - 1 - k] = t;
	}
	return found;
}

static size_t letters_of(const char *w)
{
	size_t i = 0, n = strlen(w), count = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(w + i, n - i, &cp);
		if (!k)
			k = 1;
		count += alnum_cp(cp) != 0;
		i += k;
	}
	return count;
}

/*
 * A long form of one word spells the abbreviation from inside it
 * ("Helsedataservice", HDS); a letter found in its last two bytes is an
 * ending, not a part ("Helseplattformen" is no HMN).
 */
static bool one_word_plausible(const struct text *x, const char *abbr, size_t from, size_t to)
{
	size_t matched[MATCH_MAX], nm = sh_match(abbr, x->s, from, to, matched), m;

	for (m = 1; m < nm; m++)
		if (matched[m] + 2 >= to)
			return false;
	return nm > 0;
}

/* The long form s[from..to) with white space made single spaces; reports it. */
static void report(const struct text *x, const char *abbr, size_t from, size_t to,
		   void (*fn)(void *, const char *, const char *), void *arg)
{
	struct strbuf lf = STRBUF_INIT;
	bool space = false;
	size_t i;

	for (i = from; i < to; i++) {
		char c = x->s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = true;
			continue;
		}
		if (space && lf.len)
			strbuf_addch(&lf, ' ');
		space = false;
		strbuf_addch(&lf, c);
	}
	/* The long form is more than the abbreviation spelt out, and does not contain it. */
	if (lf.len > strlen(abbr) && letters_of(lf.buf) > letters_of(abbr) && !strstr(lf.buf, abbr) &&
	    (strchr(lf.buf, ' ') || one_word_plausible(x, abbr, from, to)))
		fn(arg, abbr, lf.buf);
	strbuf_release(&lf);
}

static size_t max_words(size_t letters)
{
	return letters + 5 < letters * 2 ? letters + 5 : letters * 2;
}

/* Whether each of the words t[first..last] gives one of the matched letters. */
static bool every_word_gives(const struct text *x, size_t first, size_t last, const size_t *matched,
			     size_t nm)
{
	size_t w, m;

	for (w = first; w <= last; w++) {
		bool gives = false;
		for (m = 0; m < nm; m++)
			gives |= matched[m] >= x->t[w].start && matched[m] < x->t[w].end;
		if (!gives || word_abbr_like(x, w, true))
			return false;
	}
	return true;
}

/*
 * The long form among the words t[lo..hi] (inclusive) that ends at t[hi]:
 * the shortest run whose words allow the match. With `every_word`, each of
 * its words must give a letter.
 * sh_match() finds each letter at the same place whatever the run's start,
 * as long as the start is at or before it: one match over all of t[lo..hi]
 * tells the only run that can begin with the first letter, the word that
 * begins where that letter is. Matching each run from t[hi] back cost a
 * pass over the words for each of them.
 */
static bool long_form_before(const struct text *x, const char *abbr, size_t lo, size_t hi, bool every_word,
			     size_t *from)
{
	size_t matched[MATCH_MAX], nm, first;
	size_t words = 0, most = max_words(letters_of(abbr));

	nm = sh_match(abbr, x->s, x->t[lo].start, x->t[hi].end, matched);
	if (!nm)
		return false;
	for (first = hi + 1; first-- > lo;) {
		words += x->t[first].kind == TOK_WORD;
		if (words > most || x->t[first].start < matched[0])
			return false;
		if (x->t[first].start != matched[0])
			continue;
		if (every_word && !every_word_gives(x, first, hi, matched, nm))
			return false;
		*from = x->t[first].start;
		return true;
	}
	return false;
}

/* The words right before token i, back to a clause break: t[*lo..i-1]. */
static bool words_before(const struct text *x, size_t i, size_t *lo)
{
	size_t j = i, words = 0;

	/* No long form has more words than ten letters allow: the walk back stops there, so that
	 * a clause of a million words costs no more than a short one. */
	while (j > 0 && (x->t[j - 1].kind == TOK_WORD || x->t[j - 1].kind == TOK_LINE) &&
	       words < max_words(ABBR_MAX_LETTERS)) {
		words += x->t[j - 1].kind == TOK_WORD;
		j--;
	}
	while (j < i && x->t[j].kind != TOK_WORD)
		j++;
	*lo = j;
	return j < i;
}

static char *word_copy(const struct text *x, size_t i)
{
	return xstrndup(x->s + x->t[i].start, x->t[i].end - x->t[i].start);
}

/*
 * An abbreviation made of a word and letters ("Helse-NIM"): its letters
 * ("NIM") are what the long form spells, and the word (*word, "Helse")
 * must be among the long form's words ("nasjonale informasjonsmodeller
 * for helse"). NULL for an abbreviation of letters only.
 */
static char *abbr_core(const char *abbr, char **word)
{
	const char *dash = strchr(abbr, '-');
	const char *a = abbr, *b;

	*word = NULL;
	if (!dash || strchr(dash + 1, '-'))
		return NULL;
	b = dash + 1;
	if (abbr_like(b, strlen(b), true) && !abbr_like(a, (size_t)(dash - a), true)) {
		*word = xstrndup(a, (size_t)(dash - a));
		return xstrdup(b);
	}
	if (abbr_like(a, (size_t)(dash - a), true) && !abbr_like(b, strlen(b), true)) {
		*word = xstrdup(b);
		return xstrndup(a, (size_t)(dash - a));
	}
	return NULL;
}

/* Whether the words from byte `from` to token `hi` have `word` as a word or the start of one, in any case. */
static bool has_word(const struct text *x, size_t hi, size_t from, const char *word)
{
	size_t i, n = strlen(word);

	for (i = hi + 1; i-- > 0 && x->t[i].start >= from;)
		if (x->t[i].kind == TOK_WORD && x->t[i].end - x->t[i].start >= n &&
		    !strncasecmp(x->s + x->t[i].start, word, n))
			return true;
	return false;
}

/* "long form (ABBR)" and "ABBR (long form)". */
static void parenthesised(const struct text *x, size_t i, void (*fn)(void *, const char *, const char *),
			  void *arg)
{
	size_t close = i + 1, nwords = 0, lo, from, at = i;

	/* The parentheses may open a line of their own. */
	while (at > 0 && x->t[at - 1].kind == TOK_LINE)
		at--;

	while (close < x->nt && x->t[close].kind == TOK_WORD)
		close++, nwords++;
	if (close >= x->nt || x->t[close].kind != TOK_CLOSE || !nwords)
		return;
	if (nwords == 1 && word_abbr_like(x, i + 1, false)) {
		char *abbr = word_copy(x, i + 1), *word = NULL;
		char *core = abbr_core(abbr, &word);
		size_t hi = at - 1;
		if (at > 0 && x->t[hi].kind == TOK_WORD && words_before(x, at, &lo) &&
		    long_form_before(x, core ? core : abbr, lo, hi, false, &from) &&
		    (!word || has_word(x, hi, from, word)))
			report(x, abbr, from, x->t[hi].end, fn, arg);
		free(core);
		free(word);
		free(abbr);
		return;
	}
	/* ABBR (long form): the long form is what the parentheses hold, from a word
	 * that begins the match. */
	if (at > 0 && x->t[at - 1].kind == TOK_WORD && word_abbr_like(x, at - 1, true)) {
		char *abbr = word_copy(x, at - 1);
		size_t matched[MATCH_MAX];
		if (nwords <= max_words(letters_of(abbr)) &&
		    sh_match(abbr, x->s, x->t[i + 1].start, x->t[close - 1].end, matched) &&
		    matched[0] == x->t[i + 1].start)
			report(x, abbr, x->t[i + 1].start, x->t[close - 1].end, fn, arg);
		free(abbr);
	}
}

/*
 * The long form among the words from t[first] on, its first letter at
 * their start: of the runs that hold the letters, the one where most
 * letters begin a word ("KI Kritisk informasjon", not "KI Kritisk"), then
 * the shortest. With `every_word`, each word must give a letter.
 */
static bool long_form_after(const struct text *x, const char *abbr, size_t first, bool every_word,
			    size_t *last)
{
	size_t w, matched[MATCH_MAX], nm, m, best = 0;

	for (w = first; w < x->nt && x->t[w].kind == TOK_WORD; w++) {
		size_t starts = 0;

		if (w - first + 1 > max_words(letters_of(abbr)))
			break;
		nm = sh_match(abbr, x->s, x->t[first].start, x->t[w].end, matched);
		if (!nm || matched[0] != x->t[first].start)
			continue;
		if (every_word && !every_word_gives(x, first, w, matched, nm))
			continue;
		for (m = 0; m < nm; m++)
			starts += word_start(x->s, matched[m], x->t[first].start);
		if (starts > best) {
			best = starts;
			*last = w;
		}
	}
	return best > 0;
}

/*
 * At the start of a line: "ABBR – long form", "ABBR: long form", and the
 * row of a glossary table flattened to text, "KI Kritisk informasjon ...",
 * where every word of the long form must give a letter.
 */
static void line_definition(const struct text *x, size_t i, void (*fn)(void *, const char *, const char *),
			    void *arg)
{
	bool dashed = i + 1 < x->nt && x->t[i + 1].kind == TOK_DASH;
	size_t first = dashed ? i + 2 : i + 1, last;
	char *abbr;

	if (first >= x->nt || x->t[first].kind != TOK_WORD || !word_abbr_like(x, i, true))
		return;
	abbr = word_copy(x, i);
	if (long_form_after(x, abbr, first, !dashed, &last))
		report(x, abbr, x->t[first].start, x->t[last].end, fn, arg);
	free(abbr);
}

/* "Sentral forskrivningsmodul SFM": an upper-case word right after its long form. */
static void trailing(const struct text *x, size_t i, void (*fn)(void *, const char *, const char *),
		     void *arg)
{
	size_t lo, from;
	char *abbr;

	if (i == 0 || x->t[i - 1].kind != TOK_WORD || !word_abbr_like(x, i, true))
		return;
	if (!words_before(x, i, &lo))
		return;
	abbr = word_copy(x, i);
	if (long_form_before(x, abbr, lo, i - 1, true, &from))
		report(x, abbr, from, x->t[i - 1].end, fn, arg);
	free(abbr);
}

void abbrev_mine(const char *s, size_t n, void (*fn)(void *arg, const char *abbr, const char *long_form),
		 void *arg)
{
	struct text x = {s, n, NULL, 0, 0, NULL, 0, 0};
	size_t k;

	if (n > UINT32_MAX)
		return;
	tokenize(&x);
	for (k = 0; k < x.nat; k++) {
		size_t i = x.at[k];
		bool at_line_start = i == 0 || x.t[i - 1].kind == TOK_LINE || x.t[i - 1].kind == TOK_BREAK;

		if (x.t[i].kind == TOK_OPEN) {
			parenthesised(&x, i, fn, arg);
		} else {
			if (at_line_start)
				line_definition(&x, i, fn, arg);
			trailing(&x, i, fn, arg);
		}
	}
	free(x.t);
	free(x.at);
}
