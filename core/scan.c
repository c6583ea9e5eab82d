/*
 * scan.c: the small recognisers behind the parser. Each works on one
 * trimmed line or a short string and knows nothing of a deck's layout.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

#include "core/dates.h"
#include "core/i18n.h"
#include "core/names.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool scan_case_number(const char *s, size_t n, struct case_no *out)
{
	return scan_case_number_sep(s, n, '/', out);
}

bool scan_case_number_sep(const char *s, size_t n, char sep, struct case_no *out)
{
	size_t i = 0, j;
	int seq = 0, year = 0;

	while (i < n && i < 3 && is_digit(s[i]))
		seq = seq * 10 + (s[i++] - '0');
	if (i == 0 || i >= n || s[i] != sep || seq == 0)
		return false;
	j = ++i;
	while (i < n && is_digit(s[i]) && i - j < 4)
		year = year * 10 + (s[i++] - '0');
	if (i - j != 2 && i - j != 4)
		return false;
	if (i < n && (is_digit(s[i]) || s[i] == '/' || s[i] == sep))
		return false;
	if (i - j == 2)
		year += 2000;
	if (year < 1990 || year > 2199)
		return false;
	out->seq = seq;
	out->year = year;
	out->len = i;
	snprintf(out->text, sizeof(out->text), "%u/%02u", (unsigned)seq % 1000, (unsigned)year % 100);
	return true;
}

bool scan_case_key(const char *s)
{
	const char *bar = strchr(s, '|'), *bar2 = bar ? strchr(bar + 1, '|') : NULL;
	struct case_no no;

	return bar2 && bar > s && scan_case_number(bar + 1, (size_t)(bar2 - bar - 1), &no) &&
	       no.len == (size_t)(bar2 - bar - 1) && bar2[1] &&
	       strspn(bar2 + 1, "0123456789") == strlen(bar2 + 1);
}

bool scan_time_at_end(const char *s, size_t n, size_t *at, char out[6])
{
	size_t e = n, b;
	int h, m;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (e < 4 || !is_digit(s[e - 1]) || !is_digit(s[e - 2]) || (s[e - 3] != ':' && s[e - 3] != '.'))
		return false;
	b = e - 3;
	if (b == 0 || !is_digit(s[b - 1]))
		return false;
	b--;
	if (b > 0 && is_digit(s[b - 1]))
		b--;
	if (b > 0 && s[b - 1] != ' ')
		return false;
	h = atoi(s + b);
	m = (s[e - 2] - '0') * 10 + (s[e - 1] - '0');
	if (h > 23 || m > 59)
		return false;
	*at = b;
	snprintf(out, 6, "%02u:%02u", (unsigned)h % 24, (unsigned)m % 60);
	return true;
}

size_t scan_time_at_start(const char *s, size_t n, char out[6])
{
	size_t i = 0, k;
	int h = -1, m = 0;

	for (k = 0; k < 2; k++) {
		size_t b = i;
		int hh = 0;

		while (i < n && i - b < 2 && s[i] >= '0' && s[i] <= '9')
			hh = hh * 10 + (s[i++] - '0');
		if (i == b || i + 2 >= n || (s[i] != ':' && s[i] != '.') || s[i + 1] < '0' ||
		    s[i + 1] > '9' || s[i + 2] < '0' || s[i + 2] > '9')
			return 0;
		if (h < 0) {
			h = hh;
			m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
		}
		i += 3;
		/* "–10:15", "-10:15": the range's end. */
		if (k == 0 && i + 3 <= n && !memcmp(s + i, "\xE2\x80\x93", 3))
			i += 3;
		else if (k == 0 && i < n && s[i] == '-')
			i++;
		else
			break;
	}
	if (h > 23 || m > 59 || i >= n || s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	if (out)
		snprintf(out, 6, "%02u:%02u", (unsigned)h % 24, (unsigned)m % 60);
	return i;
}

static const struct {
	const char *word;
	enum decision_type type;
} type_words[] = {
    {"Godkjenning", DECISION_GODKJENNING},
    {"godkjenning", DECISION_GODKJENNING},
    {"Orientering", DECISION_ORIENTERING},
    {"orientering", DECISION_ORIENTERING},
    {"Drøfting", DECISION_DROFTING},
    {"drøfting", DECISION_DROFTING},
    {"Drofting", DECISION_DROFTING},
    {"Diskusjon", DECISION_DROFTING},
    {"Beslutning", DECISION_GODKJENNING},
    {"Vedtak", DECISION_GODKJENNING},
    /* The "-sak" forms some bodies write. */
    {"Vedtakssak", DECISION_GODKJENNING},
    {"Beslutningssak", DECISION_GODKJENNING},
    {"Godkjenningssak", DECISION_GODKJENNING},
    {"Orienteringssak", DECISION_ORIENTERING},
    {"Drøftingssak", DECISION_DROFTING},
    {"Diskusjonssak", DECISION_DROFTING},
};

/* The type word that ends s[0, n) after a space or `joiner`, or at its start; *at where it begins. */
static enum decision_type type_word_at_end(const char *s, size_t n, char joiner, size_t *at)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(type_words); i++) {
		size_t l = strlen(type_words[i].word);

		if (l > n || memcmp(s + n - l, type_words[i].word, l))
			continue;
		if (n > l && s[n - l - 1] != ' ' && s[n - l - 1] != joiner)
			continue;
		*at = n - l;
		return type_words[i].type;
	}
	return DECISION_NONE;
}

enum decision_type scan_type_at_end(const char *s, size_t n, size_t *at)
{
	enum decision_type t, first;
	size_t before;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	t = type_word_at_end(s, n, '/', at);
	/* Two types written as one, "Orientering/drøfting": the first is the row's (and what it spans). */
	while (t != DECISION_NONE && *at > 0 && s[*at - 1] == '/' &&
	       (first = type_word_at_end(s, *at - 1, '/', &before)) != DECISION_NONE) {
		t = first;
		*at = before;
	}
	if (t != DECISION_NONE && *at > 0 && s[*at - 1] == '/')
		return DECISION_NONE; /* "Status/orientering": a title's words, not a type */
	/* "Orientering og drøfting": two types joined by "og" (the caller asks where the cell is). */
	if (t != DECISION_NONE && *at >= 4 && !memcmp(s + *at - 4, " og ", 4) &&
	    (first = type_word_at_end(s, *at - 4, ' ', &before)) != DECISION_NONE) {
		t = first;
		*at = before;
	}
	/* "Til godkjenning": the type as written, in a row's last cell (after two spaces or more). */
	if (t != DECISION_NONE && *at >= 4 && !strncasecmp(s + *at - 4, "til ", 4) &&
	    (*at == 4 || (*at >= 6 && s[*at - 5] == ' ' && s[*at - 6] == ' ')))
		*at -= 4;
	return t;
}

bool scan_prefix(const char *s, size_t n, const char *prefix, size_t *after)
{
	unsigned char p = (unsigned char)prefix[0];
	size_t l;

	/* Most lines differ at their first byte: told without strncasecmp() (a parse asks for
	 * a dozen prefixes a line). An ASCII letter is either case of itself; any other ASCII
	 * byte only itself. */
	if (p && p < 0x80 && n &&
	    ((unsigned)((p | 0x20) - 'a') < 26 ? ((unsigned char)s[0] | 0x20) != (p | 0x20)
					       : (unsigned char)s[0] != p))
		return false;
	l = strlen(prefix);
	if (l > n || strncasecmp(s, prefix, l))
		return false;
	if (after)
		*after = l;
	return true;
}

/* "Sak", "Sak nr.", "Saksnr." before a case number; returns the bytes to skip. */
size_t scan_sak_prefix(const char *s, size_t n)
{
	static const char *const pre[] = {"sak nr. ", "sak nr ", "saksnr. ", "saksnr ", "sak ",
					  /* a form's label: "Saksnr.:   NUIT 01-26" */
					  "saksnr.:", "saksnr:", "sak nr.:", "saksnummer:"};
	size_t i, after, body = 0;

	/* "NUFA-sak 01/26", "NUIT-sak 9/26": the body's name before the word. */
	while (body < n && body < 12 &&
	       ((s[body] >= 'A' && s[body] <= 'Z') || (s[body] >= 'a' && s[body] <= 'z')))
		body++;
	if (body >= 2 && body < n && s[body] == '-' && scan_prefix(s + body + 1, n - body - 1, "sak ", NULL))
		body++;
	else
		body = 0;
	for (i = 0; i < ARRAY_SIZE(pre); i++)
		if (scan_prefix(s + body, n - body, pre[i], &after)) {
			after += body;
			while (after < n && s[after] == ' ')
				after++;
			return after;
		}
	return 0;
}

bool scan_starts_upper(const char *s, size_t n)
{
	uint32_t cp;

	return n && utf8_decode(s, n, &cp) && utf8_is_upper(cp);
}

bool scan_starts_lower(const char *s, size_t n)
{
	uint32_t cp;

	return utf8_decode(s, n, &cp) && utf8_is_lower(cp);
}

bool scan_break_line(const char *s, size_t n)
{
	static const char *const breaks[] = {
	    "pause",	       "lunsj",		 "lunch",
	    "kaffe",	       "middag",	 "velkommen til middag",
	    "takk for i dag",  "takk for møtet", "slutt dag",
	    "slutt for dagen", "oppstart igjen",
	};
	size_t i, after;

	if (n > 60 || !n || !strchr("PpLlKkMmVvTtSsOoAa", s[0]))
		return false;
	/* "Avslutning" alone; "Avslutning av programmet ..." is a title. */
	if (scan_prefix(s, n, "avslutning", &after) && (after == n || s[after] == '.' || s[after] == '!'))
		return true;
	for (i = 0; i < ARRAY_SIZE(breaks); i++) {
		if (!scan_prefix(s, n, breaks[i], &after))
			continue;
		/* "Pauseaktiviteter" is not a break; "Pause – oppstart ..." is. */
		if (after == n || s[after] == ' ' || s[after] == '!' || s[after] == '.' || s[after] == ',' ||
		    s[after] == ':')
			return true;
	}
	return false;
}

bool scan_side_footer(const char *s, size_t n, bool bare)
{
	size_t i = 0, after;

	if (scan_prefix(s, n, "side ", &after))
		i = after;
	else if (!bare)
		return false;
	if (i == n || n - i > 3)
		return false;
	for (; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* "18.09.2024 | NUIT | Side 3", "Side 34 | 23. november 2022 | NUFA": a part of them "Side N". */
static bool piped_footer(const char *s, size_t n)
{
	size_t b = 0, parts = 0;
	bool side = false;

	if (!memchr(s, '|', n) || n > 80)
		return false;
	while (b <= n) {
		const char *bar = memchr(s + b, '|', n - b);
		size_t e = bar ? (size_t)(bar - s) : n, a = b;

		while (a < e && s[a] == ' ')
			a++;
		while (e > a && s[e - 1] == ' ')
			e--;
		side = side || scan_side_footer(s + a, e - a, false);
		parts++;
		b = (bar ? (size_t)(bar - s) : n) + 1;
	}
	return side && parts >= 2 && parts <= 4;
}

/* "15.06.2023 Side 3", "15. juni 2023   Side 3": the date of the slides before the page's number. */
static bool dated_footer(const char *s, size_t n)
{
	size_t b = n, h;
	struct date_range r;

	while (b && s[b - 1] != ' ')
		b--;
	if (b < 6 || !scan_prefix(s + b - 5, n - b + 5, "side ", NULL) ||
	    !scan_side_footer(s + b - 5, n - b + 5, false))
		return false;
	for (h = b - 5; h && s[h - 1] == ' '; h--)
		;
	return h && date_find(s, h, &r) && r.at == 0 && r.len == h;
}

bool scan_page_footer(const char *s, size_t n)
{
	size_t e = n, k;

	if (n && piped_footer(s, n))
		return true;
	if (!n || !is_digit(s[n - 1]))
		return false;
	if (scan_side_footer(s, n, true) || dated_footer(s, n))
		return true;
	while (e && is_digit(s[e - 1]) && n - e < 4)
		e--;
	if (e == n || e < 3 || s[e - 1] != ' ' || e > 41)
		return false;
	for (k = 0; k < e; k++)
		if (is_digit(s[k]))
			return false;
	return org_like(s, e - 1);
}

/* Earliest position of `needle` in `hay` at a word start, or -1. */
static long word_pos(const char *hay, const char *needle)
{
	const char *p = hay;

	while ((p = strstr(p, needle))) {
		if (p == hay || p[-1] == ' ' || p[-1] == '\n' || p[-1] == '(')
			return p - hay;
		p++;
	}
	return -1;
}

enum decision_type scan_infer_type(const char *text)
{
	static const struct {
		const char *stem;
		enum decision_type type;
	} stems[] = {
	    {"til orientering", DECISION_ORIENTERING},
	    {"til etterretning", DECISION_ORIENTERING},
	    {"drøft", DECISION_DROFTING},
	    {"gir innspill", DECISION_DROFTING},
	    {"ga innspill", DECISION_DROFTING},
	    {"godkjen", DECISION_GODKJENNING},
	    {"vedtar ", DECISION_GODKJENNING},
	    {"vedtok ", DECISION_GODKJENNING},
	    /* A body that endorses, supports or recommends decides something. */
	    {"slutter seg til", DECISION_GODKJENNING},
	    {"sluttet seg til", DECISION_GODKJENNING},
	    {"støtter", DECISION_GODKJENNING},
	    {"støttet", DECISION_GODKJENNING},
	    {"anbefaler", DECISION_GODKJENNING},
	    {"anbefalte", DECISION_GODKJENNING},
	};
	struct strbuf f = STRBUF_INIT;
	enum decision_type best = DECISION_NONE;
	long best_pos = -1;
	size_t i;

	if (!text)
		return DECISION_NONE;
	utf8_fold(&f, text, strlen(text));
	for (i = 0; i < ARRAY_SIZE(stems); i++) {
		long p = word_pos(f.buf, stems[i].stem);
		if (p >= 0 && (best_pos < 0 || p < best_pos)) {
			best_pos = p;
			best = stems[i].type;
		}
	}
	strbuf_release(&f);
	return best;
}

/* Words after which a title cannot end. */
bool scan_ends_open(const char *s, size_t n)
{
	static const char *const open_words[] = {"og", "av",  "for",	"i",	 "samt", "til", "med", "om",
						 "på", "fra", "mellom", "eller", "&",	 "-",	"–",   ","};
	size_t i;

	while (n && s[n - 1] == ' ')
		n--;
	if (n && s[n - 1] == ',')
		return true;
	for (i = 0; i < ARRAY_SIZE(open_words); i++) {
		size_t l = strlen(open_words[i]);
		if (n >= l && !memcmp(s + n - l, open_words[i], l) && (n == l || s[n - l - 1] == ' '))
			return true;
	}
	return false;
}

void scan_warn_proposal(struct deck *d, const struct deck_case *c)
{
	enum decision_type wording = scan_infer_type(c->decision);

	if (!c->decision)
		deck_warn(d, c->line_start, _("case %s has no proposed decision (\"Forslag til vedtak\")"),
			  c->number);
	else if (c->type_source == SOURCE_AGENDA && wording != DECISION_NONE &&
		 !(case_facets(c) & DECISION_FACET(wording)))
		deck_warn(d, c->line_start,
			  _("case %s: agenda type %s contradicts the proposed decision, which reads as %s"),
			  c->number, case_type_text(c), decision_type_name(wording));
}

bool scan_continued(const char *title, bool alone)
{
	static const char *const marks[] = {"(forts.)", "(forts)", "(fortsettelse)", "(fortsatt)",
					    "forts.",	"forts",   "fortsettelse",   "fortsatt"};
	struct strbuf f = STRBUF_INIT;
	size_t k, len;
	bool yes = false;

	while (*title == ' ')
		title++;
	/* "– forts.": the dash between the number and the mark. */
	if (alone && !strncmp(title, "– ", 4))
		title += 4;
	else if (alone && !strncmp(title, "- ", 2))
		title += 2;
	utf8_fold(&f, title, strlen(title));
	strbuf_rtrim(&f);
	/* The bare words only alone: "... forts" ending a title is a word of it. */
	for (k = 0; k < (alone ? ARRAY_SIZE(marks) : 5) && !yes; k++) {
		len = strlen(marks[k]);
		yes = alone ? !strcmp(f.buf, marks[k])
			    : f.len > len && f.buf[f.len - len - 1] == ' ' &&
				  !strcmp(f.buf + f.len - len, marks[k]);
	}
	strbuf_release(&f);
	return yes;
}
