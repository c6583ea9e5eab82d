/*
 * names.c: committee aliases, organisation words and person-name lists.
 *
 * The rules are deliberately about the shape of Norwegian names and the
 * vocabulary of the health sector, not about any one deck: a person name is
 * a run of two to four capitalised words; an organisation contains a word
 * such as "direktorat", "RHF", "kommune" or starts with "Helse".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/deck.h"
#include "core/names.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

struct alias {
	const char *folded; /* lower case, as utf8_fold() gives */
	const char *body;
};

/*
 * Longer spellings first, so "nasjonalt e-helsestyret" wins over
 * "e-helsestyre". A body renamed is one body across time: Nasjonalt
 * e-helseråd took over from Nasjonalt e-helsestyre, so a topic's history
 * does not break at the rename; the name each meeting went by is kept in
 * its heading (body_written()).
 */
static const struct alias aliases[] = {
    {"nasjonalt e-helserådet", "Nasjonalt e-helsestyre"},
    {"nasjonalt e-helseråd", "Nasjonalt e-helsestyre"},
    {"nasjonalt ehelseråd", "Nasjonalt e-helsestyre"},
    {"e-helserådet", "Nasjonalt e-helsestyre"},
    {"e-helseråd", "Nasjonalt e-helsestyre"},
    {"nasjonalt e-helsestyret", "Nasjonalt e-helsestyre"},
    {"nasjonalt e-helsestyre", "Nasjonalt e-helsestyre"},
    {"nasjonalt ehelsestyre", "Nasjonalt e-helsestyre"},
    {"e-helsestyret", "Nasjonalt e-helsestyre"},
    {"e-helsestyre", "Nasjonalt e-helsestyre"},
    {"nehs", "Nasjonalt e-helsestyre"},
    {"nasjonalt utvalg for it-prioritering", "NUIT"},
    {"nasjonalt utvalg for ikt-prioritering", "NUIT"},
    {"nasjonalt it-prioriteringsutvalg", "NUIT"},
    {"prioriteringsutvalget", "NUIT"},
    {"nuit", "NUIT"},
    {"nasjonalt fagutvalg", "NUFA"},
    {"nufa", "NUFA"},
};

/* Without a branch: body_find() asks it of the byte before every byte. */
static bool is_word_byte(unsigned char c)
{
	return ((unsigned)((c | 0x20) - 'a') < 26) | ((unsigned)(c - '0') < 10) | (c >= 0x80);
}

/* The bytes an alias begins with: looked up, so that a scan branches at such a word only. */
static const unsigned char alias_first[256] = {
    ['n'] = 1, ['N'] = 1, ['e'] = 1, ['E'] = 1, ['p'] = 1, ['P'] = 1};

bool body_may_begin(unsigned char c)
{
	return alias_first[c];
}

/* A case-insensitive byte comparison: the aliases' ASCII letters in any case, å as written. */
const char *body_at(const char *s, size_t n, size_t i, size_t *len)
{
	size_t a;

	if (i >= n || !alias_first[(unsigned char)s[i]])
		return NULL;
	for (a = 0; a < ARRAY_SIZE(aliases); a++) {
		size_t al;

		/* The second letter first: most words that begin so are no alias. */
		if (i + 1 >= n || ((unsigned char)s[i + 1] | 0x20) != (unsigned char)aliases[a].folded[1])
			continue;
		al = strlen(aliases[a].folded);
		if (i + al > n || strncasecmp(s + i, aliases[a].folded, al))
			continue;
		if (i + al < n && is_word_byte((unsigned char)s[i + al]))
			continue;
		*len = al;
		return aliases[a].body;
	}
	return NULL;
}

const char *body_find(const char *s, size_t n, size_t *at, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *b;
	size_t i, al;

	for (i = 0; i < n; i++) {
		/* Every alias begins with one of these letters, at the start of a word. */
		if (!(alias_first[u[i]] & (i == 0 || !is_word_byte(u[i - 1]))))
			continue;
		if ((b = body_at(s, n, i, &al))) {
			if (at)
				*at = i;
			if (len)
				*len = al;
			return b;
		}
	}
	return NULL;
}

bool body_word_byte(unsigned char c)
{
	return is_word_byte(c);
}

char *body_written(const char *heading, const char *body)
{
	size_t at, len;
	const char *b = heading ? body_find(heading, strlen(heading), &at, &len) : NULL;

	if (!b || !body || strcmp(b, body) || (len == strlen(body) && !strncasecmp(heading + at, body, len)))
		return NULL;
	return xstrndup(heading + at, len);
}

const char *body_normalise(const char *s)
{
	size_t at, len;
	const char *b = body_find(s, strlen(s), &at, &len);

	return b && at == 0 && len == strlen(s) ? b : NULL;
}

/* Organisation vocabulary: matched inside a folded word. */
static const char *const org_infixes[] = {
    "direktorat",    "departement", "kommune",	    "sykehus",	 "universitet", "senter",    "senteret",
    "styringsgrupp", "prosjekt",    "forening",	    "plattform", "forbund",	"institutt", "klinikk",
    "apotek",	     "helsenett",   "tilsyn",	    "ombud",	 "avdeling",	"divisjon",  "etaten",
    "sekretariat",   "programmet",  "helseforetak", "service",
};
/* Whole folded words that name organisations. */
static const char *const org_words[] = {
    "rhf",
    "hf",
    "ikt",
    "fk",
    "nav",
    "fhi",
    "nhn",
    "ks",
    "hdir",
    "as",
    "asa",
    "iks",
    "helse",
    "norsk",
    "nasjonalt",
    "nasjonal",
    "regionalt",
    "ehelse",
    "e-helse",
    /* the regions in "Helse Sør-Øst", "Helse Midt-Norge" */
    "nord",
    "sør",
    "øst",
    "vest",
    "midt",
    "sør-øst",
    "midt-norge",
    "nord-norge",
};

static bool org_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(org_words); i++)
		if (strlen(org_words[i]) == n && !memcmp(w, org_words[i], n))
			return true;
	/* "Helse-Nord", "Helse Sør-Øst" start with the word helse. */
	if (n > 6 && !memcmp(w, "helse-", 6))
		return true;
	for (i = 0; i < ARRAY_SIZE(org_infixes); i++) {
		size_t il = strlen(org_infixes[i]);
		size_t k;

		for (k = 0; k + il <= n; k++)
			if (!memcmp(w + k, org_infixes[i], il))
				return true;
	}
	return false;
}

bool org_small_word(const char *s, size_t n)
{
	static const char *const words[] = {"i", "for", "og", "av", "på", "til", "med"};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (n == strlen(words[i]) && !memcmp(s, words[i], n))
			return true;
	return false;
}

bool org_like(const char *s, size_t n)
{
	struct strbuf f = STRBUF_INIT;
	bool hit = false;
	size_t i = 0;

	utf8_fold(&f, s, n);
	while (i < f.len && !hit) {
		size_t j;

		while (i < f.len &&
		       (f.buf[i] == ' ' || f.buf[i] == ',' || f.buf[i] == '(' || f.buf[i] == ')'))
			i++;
		j = i;
		while (j < f.len && f.buf[j] != ' ' && f.buf[j] != ',' && f.buf[j] != '(' &&
		       f.buf[j] != ')' && f.buf[j] != '.')
			j++;
		if (j > i)
			hit = org_word(f.buf + i, j - i);
		i = j + 1;
	}
	strbuf_release(&f);
	return hit;
}

bool org_acronym(const char *s, size_t n)
{
	size_t k;
	bool acronym = n >= 2 && n <= 8;

	for (k = 0; k < n && acronym; k++)
		acronym = (s[k] >= 'A' && s[k] <= 'Z') || (k > 0 && s[k] == '-');
	return acronym;
}

void names_tokenize(const char *s, size_t n, bool line_start, struct name_token **v, size_t *nv,
		    size_t *alloc)
{
	size_t i = 0;

	while (i < n) {
		size_t j;
		struct name_token *t;

		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		j = i;
		while (j < n && s[j] != ' ')
			j++;
		ALLOC_GROW(*v, *nv + 1, *alloc);
		t = &(*v)[(*nv)++];
		t->s = s + i;
		t->len = j - i;
		t->comma = false;
		if (t->len > 1 && s[j - 1] == ',') {
			t->len--;
			t->comma = true;
		}
		t->line_start = line_start;
		line_start = false;
		i = j;
	}
}

static bool is_separator(const struct name_token *t)
{
	return (t->len == 2 && !memcmp(t->s, "og", 2)) || (t->len == 3 && !memcmp(t->s, "and", 3)) ||
	       (t->len == 1 && t->s[0] == '&');
}

static bool is_particle(const struct name_token *t)
{
	static const char *const p[] = {"van", "von", "de", "der", "den", "af", "la", "le", "du", "di"};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(p); i++)
		if (strlen(p[i]) == t->len && !memcmp(t->s, p[i], t->len))
			return true;
	return false;
}

/* One capitalised part: an upper-case letter, then letters with at least one lower case. */
static bool name_part(const char *s, size_t n)
{
	size_t i = 0, letters = 0, lower = 0;
	uint32_t cp;
	size_t k = utf8_decode(s, n, &cp);

	if (!k || !utf8_is_upper(cp))
		return false;
	for (i = k; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		if (!k)
			return false;
		if (cp == '\'' || cp == 0x2019)
			continue;
		if (!utf8_is_letter(cp))
			return false;
		letters++;
		lower += utf8_is_lower(cp);
	}
	return letters >= 1 && lower >= 1;
}

static bool decision_word(const char *s, size_t n)
{
	char *w = xstrndup(s, n);
	bool hit = decision_type_parse(w) != DECISION_NONE;

	free(w);
	return hit;
}

static bool name_word(const struct name_token *t)
{
	size_t i, start = 0;
	uint32_t cp;

	/* An initial: "F." */
	if (t->len >= 2 && t->s[t->len - 1] == '.' && utf8_decode(t->s, t->len, &cp) == t->len - 1 &&
	    utf8_is_upper(cp))
		return true;
	for (i = 0; i <= t->len; i++) {
		if (i == t->len || t->s[i] == '-') {
			if (!name_part(t->s + start, i - start))
				return false;
			start = i + 1;
		}
	}
	return !org_like(t->s, t->len) && !decision_word(t->s, t->len);
}

bool names_is_list(const struct name_token *t, size_t from, size_t to)
{
	size_t words = 0, i;

	if (from >= to)
		return false;
	for (i = from; i < to; i++) {
		if (is_separator(&t[i])) {
			if (words < 2 || i + 1 == to)
				return false;
			words = 0;
			continue;
		}
		if (is_particle(&t[i])) {
			if (words == 0 || i + 1 == to)
				return false;
			continue;
		}
		if (!name_word(&t[i]))
			return false;
		words++;
		if (words > 4)
			return false;
		if (t[i].comma) {
			if (words < 2 || i + 1 == to)
				return false;
			words = 0;
		}
	}
	return words >= 2;
}

void names_each(const struct name_token *t, size_t from, size_t to, void (*fn)(const char *name, void *arg),
		void *arg)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = from; i <= to; i++) {
		bool end = i == to || is_separator(&t[i]);

		if (!end) {
			if (sb.len)
				strbuf_addch(&sb, ' ');
			strbuf_add(&sb, t[i].s, t[i].len);
			end = t[i].comma;
		}
		if (end && sb.len) {
			fn(sb.buf, arg);
			strbuf_reset(&sb);
		}
	}
	strbuf_release(&sb);
}

/*
 * The bytes of the job titles that open s: "Seniorrådgiver Jens Otto
 * Bjerke", "fagdirektør Rune Moe", "Prof. dr. Jon Hegg", or all of a
 * lone title ("Kjersti Voll, avdelingsdirektør, Direktoratet for e-helse").
 * A title is a word of the list, or one ending as titles of the sector do
 * ("-direktør", "-rådgiver", "-leder"); a presenter's field names people,
 * so a name is not mistaken for one.
 */
size_t names_title_len(const char *s, size_t n)
{
	static const char *const words[] = {
	    "prof.",	       "professor",	   "dr.",	    "adm.",	      "ass.", "assisterende",
	    "administrerende", "førsteamanuensis", "statssekretær", "departementsråd"};
	static const char *const endings[] = {"direktør", "rådgiver",  "leder",	      "sjef",	 "arkitekt",
					      "lege",	  "konsulent", "koordinator", "forsker", "jurist"};
	struct strbuf f = STRBUF_INIT;
	size_t i = 0, taken = 0, k;

	while (i < n) {
		size_t j = i, len;
		bool title = false;

		while (j < n && s[j] != ' ')
			j++;
		strbuf_reset(&f);
		utf8_fold(&f, s + i, j - i);
		for (k = 0; k < ARRAY_SIZE(words) && !title; k++)
			title = !strcmp(f.buf, words[k]);
		for (k = 0; k < ARRAY_SIZE(endings) && !title; k++) {
			len = strlen(endings[k]);
			title = f.len >= len && !strcmp(f.buf + f.len - len, endings[k]);
		}
		if (!title)
			break;
		while (j < n && s[j] == ' ')
			j++;
		taken = i = j;
	}
	strbuf_release(&f);
	return taken;
}
