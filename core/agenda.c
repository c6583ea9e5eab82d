/*
 * agenda.c: agenda rows out of a text export.
 *
 * A row starts at a case number at the start of a line and ends at its
 * decision type (or at the next row). On the way it gathers the title, the
 * presenters, the organisation and the time, in whatever lines and blank
 * lines the export scattered them. The split between title and presenters
 * uses the shape of names (see names.h), the organisation the sector's
 * vocabulary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/names.h"
#include "core/papers.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/banned.h"

/* Markers of how a case is presented, written after the number: "12/24 - Teams Title". */
static const char *const remote_markers[] = {"Teams",	 "Zoom",    "Video", "Videomøte",
					     "Digitalt", "Webinar", "Skype", "Webex"};

bool agenda_header_line(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	bool hit;

	strbuf_add(&sb, s, n);
	strbuf_rtrim(&sb);
	hit = strstr(sb.buf, "Sakstype") || strstr(sb.buf, "sakstype") || scan_prefix(s, n, "agenda", NULL) ||
	      scan_prefix(s, n, "dagsorden", NULL) || scan_prefix(s, n, "saksliste", NULL) ||
	      /* "Sak Tema Innleder Tid Type": a table's header with a shorter word for its type, its
	       * last; no digit in it ("Sak 9/21: Register for Type 1-diabetes" is a case). */
	      ((scan_prefix(sb.buf, sb.len, "sak ", NULL) || scan_prefix(sb.buf, sb.len, "saksnr", NULL)) &&
	       sb.len >= 5 && !strcmp(sb.buf + sb.len - 5, " Type") && !strpbrk(sb.buf, "0123456789"));
	strbuf_release(&sb);
	return hit;
}

struct row {
	bool open;
	long line;
	char number[16];
	char *remark;
	char time[6];
	enum decision_type type;
	char type_written[48]; /* "Orientering/drøfting", "Beslutning"; "" when written as the type's name */
	bool people_below;     /* the type ended a line in brackets: the presenters may follow on the next */
	char **lines;
	size_t nlines, alloc;
};

static void row_add_line(struct row *r, const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	while (n && *s == ' ') {
		s++;
		n--;
	}
	if (!n)
		return;
	ALLOC_GROW(r->lines, r->nlines + 1, r->alloc);
	r->lines[r->nlines++] = xstrndup(s, n);
}

static void row_reset(struct row *r)
{
	size_t i;

	for (i = 0; i < r->nlines; i++)
		free(r->lines[i]);
	free(r->remark);
	free(r->lines);
	memset(r, 0, sizeof(*r));
}

/*
 * A type alone on a row's line, `w` (n bytes), after a line ending "Orientering
 * og": the two are the type as written, and the line above loses its end.
 * Returns whether it was so.
 */
static bool row_join_type(struct row *r, const char *w, size_t n)
{
	char *last, hm[6], written[sizeof(r->type_written)];
	size_t len, at, wl;
	enum decision_type first;

	if (!r->nlines)
		return false;
	last = r->lines[r->nlines - 1];
	len = strlen(last);
	while (len && last[len - 1] == ' ')
		len--;
	if (len < 4 || memcmp(last + len - 3, " og", 3) ||
	    (first = scan_type_at_end(last, len - 3, &at)) == DECISION_NONE || (at && last[at - 1] != ' '))
		return false;
	snprintf(written, sizeof(written), "%.*s", (int)(len - at), last + at);
	while (at && last[at - 1] == ' ')
		at--;
	/* "10:45 Orientering og": the row's time before the type. A title's words before it
	 * ("... status, orientering og") are no type wrapped. */
	if (at && !scan_time_at_end(last, at, &len, hm))
		return false;
	if (at) {
		memcpy(r->time, hm, sizeof(hm));
		at = len;
		while (at && last[at - 1] == ' ')
			at--;
	}
	r->type = first;
	wl = strlen(written);
	if (wl + 1 + n < sizeof(r->type_written)) {
		memcpy(r->type_written, written, wl);
		r->type_written[wl] = ' ';
		memcpy(r->type_written + wl + 1, w, n);
		r->type_written[wl + 1 + n] = '\0';
	}
	last[at] = '\0';
	if (!at) {
		free(last);
		r->nlines--;
	}
	return true;
}

/* The row's type as written in brackets, `s[0, n)` naming `facets`. */
static void bracket_type(struct row *r, const char *s, size_t n, unsigned facets)
{
	size_t k;
	enum decision_type ty = scan_type_at_end(s, n, &k);

	if (r->type != DECISION_NONE)
		return;
	/* "Orientering/drøfting" is its first facet's, as a written type's row is. */
	if (ty == DECISION_NONE || k != 0)
		ty = facets & DECISION_FACET(DECISION_GODKJENNING)   ? DECISION_GODKJENNING
		     : facets & DECISION_FACET(DECISION_ORIENTERING) ? DECISION_ORIENTERING
								     : DECISION_DROFTING;
	r->type = ty;
	if (n < sizeof(r->type_written))
		snprintf(r->type_written, sizeof(r->type_written), "%.*s", (int)n, s);
}

/* Cuts a trailing type and time from a row line, recording them in the row. */
static size_t row_cut_time_type(struct row *r, const char *s, size_t n)
{
	size_t at;
	char t[6];
	enum decision_type ty;

	while (n && s[n - 1] == ' ')
		n--;
	/* "Kjernejournal – dokumentdeling [Drøfting]", "... (Orientering/drøfting)": in brackets at the end.
	 */
	if (n > 4 && (s[n - 1] == ')' || s[n - 1] == ']')) {
		char want = s[n - 1] == ')' ? '(' : '[';
		const char *open = s + n - 1;
		unsigned facets;

		while (open > s && *open != want)
			open--;
		if (*open == want && s + n - open <= 42 &&
		    (facets = decision_facets_parse(open + 1, (size_t)(s + n - open - 2), NULL))) {
			bracket_type(r, open + 1, (size_t)(s + n - open - 2), facets);
			r->people_below = true;
			n = (size_t)(open - s);
			while (n && s[n - 1] == ' ')
				n--;
		}
	}
	ty = scan_type_at_end(s, n, &at);
	if (ty != DECISION_NONE) {
		size_t before = at;
		bool whole = true;
		size_t k;
		char tt[6];

		for (k = 0; k < at; k++)
			if (s[k] != ' ')
				whole = false;
		/* A type word counts only at the row's end: alone, or after the time. */
		while (before && s[before - 1] == ' ')
			before--;
		if (whole || r->time[0] || scan_time_at_end(s, before, &k, tt)) {
			/* "Orientering og" over "drøfting": the type wrapped; the line above ends in it. */
			if (whole && row_join_type(r, s + at, n - at))
				return 0;
			r->type = ty;
			/* As written, when that is more than the type's name ("Beslutning", "Til
			 * orientering", "Orientering/drøfting"). */
			if (n - at < sizeof(r->type_written) &&
			    (n - at != strlen(decision_type_name(ty)) ||
			     strncasecmp(s + at, decision_type_name(ty), n - at)))
				snprintf(r->type_written, sizeof(r->type_written), "%.*s", (int)(n - at),
					 s + at);
			n = before;
		}
	}
	if (scan_time_at_end(s, n, &at, t)) {
		memcpy(r->time, t, sizeof(t));
		n = at;
	}
	return n;
}

static void split_cb(const char *name, void *arg)
{
	struct strbuf *sb = arg;

	if (sb->len)
		strbuf_addstr(sb, ", ");
	strbuf_addstr(sb, name);
}

static char *join_lines(const char *const *lines, size_t from, size_t to)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = from; i < to; i++) {
		if (sb.len)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, lines[i]);
	}
	return sb.len ? strbuf_detach(&sb, NULL) : (strbuf_release(&sb), NULL);
}

/* True if the tokens of lines [0, k) end in a list of names. */
static bool ends_in_names(const char *const *lines, size_t k)
{
	struct name_token *t = NULL;
	size_t nt = 0, alloc = 0, i, s;
	bool hit = false;

	for (i = 0; i < k; i++)
		names_tokenize(lines[i], strlen(lines[i]), true, &t, &nt, &alloc);
	for (s = 0; s + 1 < nt && !hit; s++)
		hit = names_is_list(t, s, nt);
	free(t);
	return hit;
}

/*
 * Of a row's last line "Ane Dalen, FHI": where the organisation after the
 * last comma begins, when it is one (the sector's words, or an acronym such
 * as "FHI", "NHN"); else NULL.
 */
static const char *org_after_names(const char *line)
{
	const char *comma = strrchr(line, ','), *o;
	size_t n;

	if (!comma || comma == line)
		return NULL;
	for (o = comma + 1; *o == ' '; o++)
		;
	n = strlen(o);
	while (n && o[n - 1] == ' ')
		n--;
	if (!n)
		return NULL;
	return org_acronym(o, n) || org_like(o, n) ? o : NULL;
}

/* Appends tokens [from, to) with a space between them, and their commas. */
static void tokens_join(struct strbuf *sb, const struct name_token *t, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (sb->len)
			strbuf_addch(sb, ' ');
		strbuf_add(sb, t[i].s, t[i].len);
		if (t[i].comma)
			strbuf_addch(sb, ',');
	}
}

static void split_row(const char *const *lines, size_t nlines, char **title, char **names, char **org)
{
	struct name_token *t = NULL;
	size_t nt = 0, alloc = 0, k = nlines, j, i, s, best = (size_t)-1;
	struct strbuf sb = STRBUF_INIT;
	const char *tail_org;

	*title = *names = *org = NULL;
	/* "Ane Dalen, FHI" ending the row: the organisation after the names' comma, on their line. */
	if (nlines && (tail_org = org_after_names(lines[nlines - 1]))) {
		const char *last = lines[nlines - 1];
		size_t cut = (size_t)(tail_org - last), n;
		char **cut_lines = xcalloc(nlines, sizeof(*cut_lines));

		for (n = 0; n + 1 < nlines; n++)
			cut_lines[n] = (char *)lines[n];
		while (cut && (last[cut - 1] == ' ' || last[cut - 1] == ','))
			cut--;
		cut_lines[nlines - 1] = xstrndup(last, cut);
		split_row((const char *const *)cut_lines, nlines, title, names, org);
		if (*names && !*org) {
			*org = xstrdup(tail_org);
		} else if (!*names) {
			/* Not names after all: the line as it was. */
			free(*title);
			free(*org);
			tail_org = NULL;
		}
		free(cut_lines[nlines - 1]);
		free(cut_lines);
		if (tail_org)
			return;
		*title = *names = *org = NULL;
	}
	/* The organisation: trailing lines after the names, in the sector's words. */
	for (j = 1; j < nlines; j++) {
		bool rest_ok = org_like(lines[j], strlen(lines[j]));

		for (i = j + 1; i < nlines && rest_ok; i++)
			rest_ok = org_like(lines[i], strlen(lines[i])) ||
				  scan_starts_lower(lines[i], strlen(lines[i]));
		if (rest_ok && ends_in_names(lines, j)) {
			*org = join_lines(lines, j, nlines);
			k = j;
			break;
		}
	}
	for (i = 0; i < k; i++)
		names_tokenize(lines[i], strlen(lines[i]), true, &t, &nt, &alloc);
	/* The longest run of names that ends the text, leaving a title before it. */
	for (s = 1; s < nt; s++)
		if (names_is_list(t, s, nt)) {
			best = s;
			break;
		}
	if (best != (size_t)-1) {
		names_each(t, best, nt, split_cb, &sb);
		*names = strbuf_detach(&sb, NULL);
	} else {
		best = nt;
	}
	tokens_join(&sb, t, 0, best);
	/* Separators the export left between title and names. */
	while (sb.len &&
	       (sb.buf[sb.len - 1] == ',' || sb.buf[sb.len - 1] == '-' || sb.buf[sb.len - 1] == ' '))
		strbuf_setlen(&sb, sb.len - 1);
	if (sb.len >= 4 && !memcmp(sb.buf + sb.len - 4, " \xE2\x80\x93", 4))
		strbuf_setlen(&sb, sb.len - 4);
	*title = sb.len ? strbuf_detach(&sb, NULL) : NULL;
	strbuf_release(&sb);
	free(t);
}

/* Whether the words before s[at] end in two capitalised ones, as a name does. */
static bool name_before(const char *s, size_t at)
{
	size_t words = 0, e = at, b;

	while (words < 2) {
		while (e && s[e - 1] == ' ')
			e--;
		for (b = e; b && s[b - 1] != ' '; b--)
			;
		if (b == e || !scan_starts_upper(s + b, e - b))
			return false;
		words++;
		e = b;
	}
	return true;
}

/* Whether the two words before s[at] name an organisation ("Helse Midt-Norge (HMN)"). */
static bool org_words_before(const char *s, size_t at)
{
	size_t e = at, b, words = 0;

	while (words < 2) {
		while (e && s[e - 1] == ' ')
			e--;
		for (b = e; b && s[b - 1] != ' '; b--)
			;
		if (b == e)
			break;
		words++;
		if (words < 2)
			e = b;
	}
	return org_like(s + b, at - b);
}

/*
 * A row's lines without the presenters' job titles: "Ingrid Vik, leder",
 * "Henrik Aas, programleder og Åse Lund," over "fagdirektør". A title
 * after a name's comma goes with its comma; a line that is a title alone
 * takes the comma ending the line above. The caller frees each line and
 * the array.
 */
static char **untitled_lines(const char *const *lines, size_t nlines, size_t *nout)
{
	char **out = xcalloc(nlines ? nlines : 1, sizeof(*out));
	size_t i, n = 0;

	for (i = 0; i < nlines; i++) {
		struct strbuf sb = STRBUF_INIT;
		const char *s = lines[i], *c;
		size_t len = strlen(s);

		while (len && s[len - 1] == ' ')
			len--;
		if (n && len && names_title_len(s, len) == len && out[n - 1][0] &&
		    out[n - 1][strlen(out[n - 1]) - 1] == ',') {
			out[n - 1][strlen(out[n - 1]) - 1] = '\0';
			continue;
		}
		while ((c = memchr(s, ',', len))) {
			const char *seg = c + 1, *e;
			size_t sl;

			while (seg < s + len && *seg == ' ')
				seg++;
			for (e = seg; e < s + len && *e != ',' && strncmp(e, " og ", 4); e++)
				;
			sl = (size_t)(e - seg);
			strbuf_add(&sb, s, (size_t)(c - s));
			if (!sl || names_title_len(seg, sl) != sl || !name_before(s, (size_t)(c - s)))
				strbuf_addch(&sb, ',');
			else
				seg = e;
			len -= (size_t)(seg - s);
			s = seg;
			if (seg == c + 1)
				continue;
			if (len && *s != ',' && *s != ' ')
				strbuf_addch(&sb, ' ');
		}
		strbuf_add(&sb, s, len);
		out[n++] = strbuf_detach(&sb, NULL);
	}
	*nout = n;
	return out;
}

/*
 * Each presenter's organisation out of a row's line, so that the names
 * read as a list: "Hanne Ruud (E-helse) og Eirik Nordvik (HOD)", "Sunniva
 * Lie, Helsedirektoratet og Ola Brenden". The row keeps one organisation
 * for all its presenters: *org gets the one cut, and *several is set when
 * they differ (then the row keeps none rather than a wrong one). After a
 * comma only below the row's first line (`title_line`), where "Status
 * Akson, Helseplattformen og Helsenorge" is a title's list.
 */
static void cut_orgs(char *line, bool title_line, char **org, bool *several)
{
	size_t n = strlen(line), i = 0;

	while (i < n) {
		size_t b = i, e, k;
		bool bracket = line[i] == '(' && i > 0 && line[i - 1] == ' ',
		     comma = line[i] == ',' && !title_line;

		if ((!bracket && !comma) || !name_before(line, i) || org_words_before(line, i)) {
			i++;
			continue;
		}
		if (bracket) {
			for (e = i; e < n && line[e] != ')'; e++)
				;
			if (e == n)
				break;
			k = e + 1;
		} else {
			for (e = i + 1; e < n && strncmp(line + e, " og ", 4) && line[e] != ','; e++)
				;
			if (e == n || line[e] == ',' || !org_like(line + i + 1, e - i - 1)) {
				i++;
				continue;
			}
			k = e;
		}
		/* Only before "og", a comma or the line's end: "(BTI) i" is a title's. */
		if (k < n && strncmp(line + k, " og", 3) && line[k] != ',') {
			i++;
			continue;
		}
		{
			size_t ob = b + 1, oe = e;

			while (ob < oe && line[ob] == ' ')
				ob++;
			if (!*org)
				*org = xstrndup(line + ob, oe - ob);
			else if (strlen(*org) != oe - ob || memcmp(*org, line + ob, oe - ob))
				*several = true;
		}
		while (b && line[b - 1] == ' ')
			b--;
		memmove(line + b, line + k, n - k + 1);
		n -= k - b;
		i = b;
	}
}

static bool joining_word(const struct name_token *t)
{
	return org_small_word(t->s, t->len);
}

static bool token_cap(const struct name_token *t)
{
	return scan_starts_upper(t->s, t->len) && !t->comma;
}

static bool token_org(const struct name_token *t)
{
	return org_like(t->s, t->len);
}

/*
 * "Godkjenning av innkalling Direktoratet for e-helse v/Hans Pettersen":
 * an organisation "ved" its people. The people are the names after "v/";
 * the organisation the words before it back to where a title's words are
 * (a number, a dash, a word in lower case that names no organisation after
 * a capital; "Direktoratet for e-helse", "Bergen kommune", "Helse Sør-Øst
 * RHF"). False when the row has no "v/" followed by names.
 */
static bool split_ved(const char *const *lines, size_t nlines, char **title, char **names, char **org)
{
	char *row = join_lines(lines, 0, nlines);
	struct name_token *t = NULL;
	size_t nt = 0, alloc = 0, v, b, e, i;
	struct strbuf sb = STRBUF_INIT;
	bool ok = false;

	if (!row)
		return false;
	names_tokenize(row, strlen(row), true, &t, &nt, &alloc);
	for (v = 0; v < nt && !(t[v].len >= 2 && !memcmp(t[v].s, "v/", 2)); v++)
		;
	if (v == 0 || v >= nt)
		goto out;
	/* "v/Hans Pettersen": the name's first word glued to the mark. */
	if (t[v].len > 2) {
		t[v].s += 2;
		t[v].len -= 2;
		b = v;
	} else {
		b = v + 1;
	}
	for (e = b; e < nt && (token_cap(&t[e]) || joining_word(&t[e]) || t[e].comma); e++)
		;
	if (!names_is_list(t, b, e))
		goto out;
	names_each(t, b, e, split_cb, &sb);
	*names = strbuf_detach(&sb, NULL);
	/* Back from the mark over the organisation's words. */
	for (i = v; i > 0; i--) {
		const struct name_token *w = &t[i - 1];

		if (w->comma || (w->s[0] >= '0' && w->s[0] <= '9'))
			break;
		if (token_cap(w) && token_org(w))
			continue;
		/*
		 * A capitalised word that names no organisation is one's only
		 * before a word of the sector in lower case ("Bergen kommune"), after
		 * a capitalised one ("Sykehuset Innlandet"), or last, after "i"
		 * ("Statsforvalteren i Vestland"); else it ends the title ("Status
		 * for Helsenorge" + "Norsk helsenett").
		 */
		if (token_cap(w) && ((i < v && !token_cap(&t[i]) && token_org(&t[i])) ||
				     (i >= 2 && token_cap(&t[i - 2]) && token_org(&t[i - 2])) ||
				     (i == v && i >= 2 && joining_word(&t[i - 2]))))
			continue;
		if (token_org(w) && i >= 2 && token_cap(&t[i - 2]))
			continue;
		/* "Direktoratet for e-helse": a small word inside an organisation's name. */
		if (joining_word(w) && i >= 2 && token_cap(&t[i - 2]) && token_org(&t[i - 2]) && i < v &&
		    token_org(&t[i]))
			continue;
		if (token_org(w) && i >= 3 && joining_word(&t[i - 2]) && token_cap(&t[i - 3]) &&
		    token_org(&t[i - 3]))
			continue;
		break;
	}
	/* "... i" + "Vestland": a small word does not begin the organisation. */
	while (i < v && joining_word(&t[i]))
		i++;
	tokens_join(&sb, t, i, v); /* no comma inside: the walk back stopped at one */
	*org = sb.len ? strbuf_detach(&sb, NULL) : NULL;
	tokens_join(&sb, t, 0, i);
	*title = sb.len ? strbuf_detach(&sb, NULL) : NULL;
	ok = true;
out:
	if (!ok) {
		free(*names);
		*names = NULL;
	}
	strbuf_release(&sb);
	free(t);
	free(row);
	return ok;
}

void agenda_split_row(const char *const *lines, size_t nlines, char **title, char **names, char **org)
{
	size_t n, i;
	char **clean = untitled_lines(lines, nlines, &n), *cut = NULL;
	bool several = false;

	*title = *names = *org = NULL;
	if (split_ved(lines, nlines, title, names, org)) {
		for (i = 0; i < n; i++)
			free(clean[i]);
		free(clean);
		return;
	}
	for (i = 0; i < n; i++)
		cut_orgs(clean[i], i == 0, &cut, &several);
	split_row((const char *const *)clean, n, title, names, org);
	/* The row's organisation when its presenters share one; else none, not the wrong one. */
	if (several || (*org && cut && strcmp(*org, cut))) {
		free(*org);
		*org = NULL;
	} else if (*names && !*org) {
		*org = cut;
		cut = NULL;
	}
	free(cut);
	for (i = 0; i < n; i++)
		free(clean[i]);
	free(clean);
}

/*
 * Whether s opens with a person's name: its words up to a comma, "og" or a
 * bracket; or with an organisation "v/" a name ("Nasjonalt porteføljekontor
 * v/ Jon Kåre Lund").
 */
static size_t name_end(const char *s, size_t n)
{
	size_t e;

	for (e = 0; e < n && s[e] != ',' && s[e] != '(' && (e + 4 > n || strncmp(s + e, " og ", 4)); e++)
		;
	return e;
}

static bool names_first(const char *s, size_t n)
{
	size_t v;

	if (papers_person_name(s, name_end(s, n)))
		return true;
	for (v = 0; v + 3 < n && strncmp(s + v, " v/", 3); v++)
		;
	if (v + 3 >= n)
		return false;
	for (v += 3; v < n && s[v] == ' '; v++)
		;
	return papers_person_name(s + v, name_end(s + v, n - v));
}

/*
 * "21/24 Godkjenning av innkalling (Godkjenning) – Lise Berg, Helsedirektoratet",
 * "Sak 03/18 Kodeverk [Drøfting]": the type in brackets after the title, the
 * presenters after a dash. The row's lines become its title and its people.
 */
static void row_bracket_type(struct row *r)
{
	char *row = join_lines((const char *const *)r->lines, 0, r->nlines), *open = row, *close;
	size_t k;

	for (; row && (open = strpbrk(open, "([")); open++) {
		char *people;
		unsigned facets;

		close = strchr(open, *open == '(' ? ')' : ']');
		if (!close || close - open < 4 || close - open > 40 ||
		    !(facets = decision_facets_parse(open + 1, (size_t)(close - open - 1), NULL)))
			continue;
		for (people = close + 1; *people == ' '; people++)
			;
		if (!strncmp(people, "–", 3))
			people += 3;
		else if (*people == '-')
			people++;
		else if (*people)
			continue;
		while (*people == ' ')
			people++;
		/* A title before, and names after the dash: "(orientering) – oppfølging av sak 12/24" is the
		 * title's. */
		if (open == row || (*people && !names_first(people, strlen(people))))
			continue;
		bracket_type(r, open + 1, (size_t)(close - open - 1), facets);
		while (open > row && open[-1] == ' ')
			open--;
		for (k = 0; k < r->nlines; k++)
			free(r->lines[k]);
		r->nlines = 0;
		row_add_line(r, row, (size_t)(open - row));
		if (*people)
			row_add_line(r, people, strlen(people));
		break;
	}
	free(row);
}

static void row_finish(struct deck *d, struct row *r, int day, bool headed)
{
	struct agenda_item *a;
	char *title, *names, *org;

	if (!r->open)
		return;
	row_bracket_type(r);
	if (!headed && !r->time[0] && r->type == DECISION_NONE) {
		row_reset(r);
		return;
	}
	agenda_split_row((const char *const *)r->lines, r->nlines, &title, &names, &org);
	a = deck_add_agenda_item(d);
	a->day = day;
	a->time = r->time[0] ? xstrdup(r->time) : NULL;
	a->number = xstrdup(r->number);
	a->title = title;
	a->presenters = names;
	a->organization = org;
	a->type = r->type;
	a->type_written = r->type_written[0] ? xstrdup(r->type_written) : NULL;
	a->remark = r->remark;
	r->remark = NULL;
	a->line = r->line;
	row_reset(r);
}

/* "Dag 2 – torsdag 22. april", "Agenda NUFA dag 1 – 24. april 2024": the day number, or 0. */
static int day_header(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 5 <= n; i++) {
		size_t after;

		if (i > 0 && s[i - 1] != ' ')
			continue;
		if (scan_prefix(s + i, n - i, "dag ", &after) && i + after < n && s[i + after] >= '1' &&
		    s[i + after] <= '9' && (i + after + 1 == n || s[i + after + 1] == ' '))
			return s[i + after] - '0';
	}
	return 0;
}

/* Text after the number: drops " - " and a presentation marker such as "Teams". */
static const char *row_strip_marker(struct row *r, const char *s, size_t *n)
{
	size_t i;

	while (*n && *s == ' ') {
		s++;
		(*n)--;
	}
	if (*n >= 2 && (s[0] == '-' || s[0] == ':') && s[1] == ' ') {
		s += 2;
		*n -= 2;
	} else if (*n >= 4 && !memcmp(s, "\xE2\x80\x93 ", 4)) {
		s += 4;
		*n -= 4;
	} else {
		return s;
	}
	for (i = 0; i < ARRAY_SIZE(remote_markers); i++) {
		size_t l = strlen(remote_markers[i]);
		if (l <= *n && !memcmp(s, remote_markers[i], l) && (l == *n || s[l] == ' ')) {
			r->remark = xstrdup(remote_markers[i]);
			s += l;
			*n -= l;
			break;
		}
	}
	return s;
}

/* An agenda item without a case ("Pause", "Lunsj"), at `time`: its title s[0, n). */
static void add_break(struct deck *d, int day, const char *time, const char *s, size_t n, long line)
{
	struct agenda_item *a = deck_add_agenda_item(d);

	while (n && s[n - 1] == ' ')
		n--;
	a->day = day;
	a->time = xstrdup(time);
	a->title = xstrndup(s, n);
	a->line = line;
}

void agenda_parse(struct deck *d, const struct deck_lines *dl, size_t from, size_t to, bool headed)
{
	struct row r;
	int day = 0;
	size_t i;

	memset(&r, 0, sizeof(r));
	for (i = from; i < to; i++) {
		const struct line *l = &dl->v[i];
		size_t n, at, after = 0, lead;
		const char *s = line_trim(l, &n);
		struct case_no no;
		char t[6];
		int dd;

		if (l->blank) {
			r.people_below = false;
			continue;
		}
		/* "• 21/24 Godkjenning ...": a row of a bulleted list. */
		if (l->bullet && (lead = line_bullet_len(s, n))) {
			s += lead;
			n -= lead;
			while (n && *s == ' ')
				s++, n--;
		}
		/* "10:00 30/19 Godkjenning ...": the row's time first. */
		lead = scan_time_at_start(s, n, t);
		if (scan_prefix(s + lead, n - lead, "sak ", &after)) {
			while (lead + after < n && s[lead + after] == ' ')
				after++;
		}
		after += lead;
		if (scan_case_number(s + after, n - after, &no)) {
			row_finish(d, &r, day, headed);
			r.open = true;
			r.line = (long)i + 1;
			if (lead)
				memcpy(r.time, t, sizeof(r.time));
			memcpy(r.number, no.text, sizeof(no.text));
			s += after + no.len;
			n -= after + no.len;
			s = row_strip_marker(&r, s, &n);
			n = row_cut_time_type(&r, s, n);
			row_add_line(&r, s, n);
			continue;
		}
		/* A break row with its time first: "11:45 Lunsj". */
		if (lead && scan_break_line(s + lead, n - lead) && (!r.open || r.type != DECISION_NONE)) {
			row_finish(d, &r, day, headed);
			add_break(d, day, t, s + lead, n - lead, (long)i + 1);
			continue;
		}
		/* A break row: "Pause 11:25", "Slutt dag 1 13:30". */
		if (scan_time_at_end(s, n, &at, t) && at > 0 &&
		    (!r.open || (r.type != DECISION_NONE && !r.people_below) || scan_break_line(s, at)) &&
		    at <= 40) {
			row_finish(d, &r, day, headed);
			add_break(d, day, t, s, at, (long)i + 1);
			continue;
		}
		if ((dd = day_header(s, n)) && (!r.open || r.type != DECISION_NONE)) {
			row_finish(d, &r, day, headed);
			day = dd;
			continue;
		}
		/* Table headers, stray lines; under a type in brackets, its presenters ("Camilla Nes,
		 * Direktoratet for e-helse" under "... [Godkjenning]"), a line that opens with a name. */
		if (r.people_below && !names_first(s, n))
			r.people_below = false;
		if (!r.open || (r.type != DECISION_NONE && !r.people_below))
			continue;
		n = row_cut_time_type(&r, s, n);
		row_add_line(&r, s, n);
	}
	row_finish(d, &r, day, headed);
}
