/*
 * members.c: member changes. An item is a bulleted line and its wrapped
 * continuation lines; its kind comes from the slide it sits on
 * ("Stedfortredere ...") or from its wording ("stiller for").
 */
#include <stdlib.h>
#include <string.h>

#include "core/members.h"
#include "core/names.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

static bool contains_ci(const char *s, size_t n, const char *needle)
{
	size_t l = strlen(needle), i;

	for (i = 0; i + l <= n; i++)
		if (scan_prefix(s + i, n - i, needle, NULL))
			return true;
	return false;
}

bool members_header_line(const char *s, size_t n)
{
	return (contains_ci(s, n, "endring") &&
		(contains_ci(s, n, "representant") || contains_ci(s, n, "medlem"))) ||
	       contains_ci(s, n, "nye medlemmer") || contains_ci(s, n, "nye representanter") ||
	       scan_prefix(s, n, "stedfortreder", NULL);
}

/* Finds `needle` (ASCII, case-sensitive) as a whole word; returns offset or -1. */
static long find_word(const char *s, const char *needle)
{
	const char *p = s;
	size_t l = strlen(needle);

	while ((p = strstr(p, needle))) {
		if ((p == s || p[-1] == ' ' || p[-1] == ',' || p[-1] == '.') &&
		    (p[l] == '\0' || p[l] == ' ' || p[l] == ',' || p[l] == '.'))
			return p - s;
		p++;
	}
	return -1;
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == ',')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == '.'))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

/* Day notes that follow "stiller" or the replaced person's name. */
static const char *const day_notes[] = {"begge dagene", "begge dager", "dag 1", "dag 2", "dag 3"};

static char *take_day_note(char **name)
{
	size_t i, n;

	if (!*name)
		return NULL;
	n = strlen(*name);
	for (i = 0; i < ARRAY_SIZE(day_notes); i++) {
		size_t l = strlen(day_notes[i]);
		if (n > l + 1 && !strcmp(*name + n - l, day_notes[i]) && (*name)[n - l - 1] == ' ') {
			char *rest = trim_dup(*name, n - l - 1);
			free(*name);
			*name = rest;
			return xstrdup(day_notes[i]);
		}
	}
	return NULL;
}

/* Person and organisation with no separator: "Øystein Berg-Sletteng Helse Nord IKT". */
static void split_name_org(struct member_change *m, const char *s)
{
	struct name_token *t = NULL;
	size_t nt = 0, alloc = 0, k;

	names_tokenize(s, strlen(s), true, &t, &nt, &alloc);
	for (k = nt; k >= 2; k--) {
		if (names_is_list(t, 0, k) && k < nt && org_like(t[k].s, strlen(t[k].s))) {
			m->person = trim_dup(s, (size_t)(t[k].s - s));
			m->organization = trim_dup(t[k].s, strlen(t[k].s));
			free(t);
			return;
		}
	}
	free(t);
	m->person = trim_dup(s, strlen(s));
}

void members_split_item(struct member_change *m, const char *text)
{
	char *s = xstrdup(text);
	long p;
	char *comma, *note = NULL;

	/* What follows "erstatter" or "stiller ... for" is the person replaced. */
	if ((p = find_word(s, "erstatter")) >= 0) {
		long pron = -1;
		m->replaces = trim_dup(s + p + 9, strlen(s + p + 9));
		s[p] = '\0';
		if ((pron = find_word(s, "Han")) >= 0 || (pron = find_word(s, "Hun")) >= 0 ||
		    (pron = find_word(s, "Hen")) >= 0)
			s[pron] = '\0';
	} else if ((p = find_word(s, "stiller")) >= 0) {
		char *rest = s + p + 7;
		long f = find_word(rest, "for");

		if (f >= 0) {
			note = trim_dup(rest, (size_t)f);
			m->replaces = trim_dup(rest + f + 3, strlen(rest + f + 3));
		}
		s[p] = '\0';
		if (!m->kind)
			m->kind = xstrdup("substitute");
	}
	if (!note)
		note = take_day_note(&m->replaces);

	comma = strchr(s, ',');
	if (comma) {
		/* "Name, Org" or "Name, Role fra Org og ny leder i NUFA". */
		char *rest = comma + 1;
		long at = find_word(rest, "fra");
		long len_kw = 3;

		if (at < 0) {
			long i_at = find_word(rest, "i");
			at = i_at;
			len_kw = 1;
		}
		m->person = trim_dup(s, (size_t)(comma - s));
		if (at > 0) {
			char *role = trim_dup(rest, (size_t)at);
			char *org = rest + at + len_kw;
			long og = find_word(org, "og");
			struct strbuf sb = STRBUF_INIT;

			/* After "og" and the space that follows it; "og" may end the text. */
			const char *after = og > 0 ? org + og + 2 + (org[og + 2] != '\0') : NULL;

			if (after && scan_starts_lower(after, strlen(after))) {
				m->organization = trim_dup(org, (size_t)og);
				strbuf_addstr(&sb, role ? role : "");
				strbuf_addstr(&sb, ", ");
				strbuf_addstr(&sb, after);
			} else {
				m->organization = trim_dup(org, strlen(org));
				strbuf_addstr(&sb, role ? role : "");
			}
			free(role);
			if (!note && sb.len)
				note = trim_dup(sb.buf, sb.len);
			strbuf_release(&sb);
		} else {
			m->organization = trim_dup(rest, strlen(rest));
		}
	} else if ((p = find_word(s, "fra")) > 0) {
		m->person = trim_dup(s, (size_t)p);
		m->organization = trim_dup(s + p + 3, strlen(s + p + 3));
	} else {
		split_name_org(m, s);
	}
	/* "Legeforeningen. Han erstatter" leaves the sentence's full stop behind. */
	m->note = note;
	free(s);
}

static void item_finish(struct deck *d, struct strbuf *item, long line, bool substitutes)
{
	struct member_change *m;

	strbuf_rtrim(item);
	if (!item->len)
		return;
	m = deck_add_member(d);
	m->line = line;
	if (substitutes)
		m->kind = xstrdup("substitute");
	members_split_item(m, item->buf);
	if (!m->kind)
		m->kind = xstrdup("new_member");
	strbuf_reset(item);
}

void members_parse(struct deck *d, const struct deck_lines *dl, size_t from, size_t to)
{
	struct strbuf item = STRBUF_INIT;
	bool substitutes = false;
	long item_line = 0;
	size_t i;

	for (i = from; i < to; i++) {
		const struct line *l = &dl->v[i];
		size_t n;
		const char *s = line_trim(l, &n);

		if (l->blank) {
			size_t run = lines_blank_run(dl, i);

			if (run < 2)
				continue;
			/* A slide ends here: the changes go on only on another member slide. */
			item_finish(d, &item, item_line, substitutes);
			if (i + run >= to)
				break;
			s = line_trim(&dl->v[i + run], &n);
			if (!members_header_line(s, n))
				break;
			i += run - 1;
			continue;
		}
		if (scan_prefix(s, n, "stedfortreder", NULL) || members_header_line(s, n) ||
		    (n && s[n - 1] == ':')) {
			item_finish(d, &item, item_line, substitutes);
			if (scan_prefix(s, n, "stedfortreder", NULL))
				substitutes = true;
			else if (members_header_line(s, n) && !scan_prefix(s, n, "nye representanter", NULL))
				substitutes = false;
			continue;
		}
		if (scan_page_footer(s, n))
			continue;
		if (l->bullet || line_lead(l) > 0 || !item.len) {
			item_finish(d, &item, item_line, substitutes);
			item_line = (long)i + 1;
			if (!strncmp(s, "\xE2\x80\xA2", 3) || !strncmp(s, "\xE2\x9C\x93", 3)) {
				s += 3;
				n -= 3;
			}
			while (n && *s == ' ') {
				s++;
				n--;
			}
		} else {
			strbuf_addch(&item, ' ');
		}
		strbuf_add(&item, s, n);
	}
	item_finish(d, &item, item_line, substitutes);
	strbuf_release(&item);
}
