/*
 * dates.c: a small hand-written scanner for Norwegian date expressions, and
 * dates written for people in the user's language.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include "core/dates.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/banned.h"

static const char *const months[] = {
    "januar", "februar", "mars",      "april",	 "mai",	     "juni",
    "juli",   "august",	 "september", "oktober", "november", "desember",
};
static const char *const month_abbr[] = {
    "jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des",
};

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

int date_month(const char *s, size_t n, size_t *len)
{
	int m;

	for (m = 0; m < 12; m++) {
		size_t l = strlen(months[m]);
		if (l <= n && !strncasecmp(s, months[m], l) && (l == n || !is_alpha((unsigned char)s[l]))) {
			*len = l;
			return m + 1;
		}
	}
	for (m = 0; m < 12; m++) {
		size_t l = 3;
		if (l > n || strncasecmp(s, month_abbr[m], l))
			continue;
		if (l < n && (s[l] == 't' || s[l] == 'T') && m == 8)
			l++; /* "sept" */
		if (l < n && is_alpha((unsigned char)s[l]))
			continue;
		if (l < n && s[l] == '.')
			l++;
		*len = l;
		return m + 1;
	}
	return 0;
}

static size_t skip_space(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || (unsigned char)s[i] == 0xC2))
		i += (unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0 ? 2 : 1;
	return i;
}

/* Reads 1-4 digits; returns the count and the value. */
static size_t read_num(const char *s, size_t n, size_t i, int max_digits, int *v)
{
	size_t k = 0;

	*v = 0;
	while (i + k < n && s[i + k] >= '0' && s[i + k] <= '9' && (int)k < max_digits) {
		*v = *v * 10 + (s[i + k] - '0');
		k++;
	}
	if (i + k < n && s[i + k] >= '0' && s[i + k] <= '9')
		return 0; /* too many digits */
	return k;
}

/* After a dash, "til" or "og" between the two ends of a range; 0 for none. */
static size_t range_word(const char *s, size_t n, size_t i)
{
	size_t j = skip_space(s, n, i);

	if (j < n && s[j] == '-')
		return skip_space(s, n, j + 1);
	if (j + 3 <= n && (!memcmp(s + j, "\xE2\x80\x93", 3) || !memcmp(s + j, "\xE2\x80\x94", 3)))
		return skip_space(s, n, j + 3);
	if (j + 3 <= n && !strncasecmp(s + j, "til", 3) && j + 3 < n && s[j + 3] == ' ')
		return skip_space(s, n, j + 3);
	/* "11. og 12. februar 2025": two days of one meeting. */
	if (j + 2 <= n && !strncasecmp(s + j, "og", 2) && j + 2 < n && s[j + 2] == ' ')
		return skip_space(s, n, j + 2);
	return 0;
}

size_t date_weekday(const char *s, size_t n)
{
	/* strncasecmp() folds the ASCII first letters: "Lørdag" is "lørdag". */
	static const char *const days[] = {"mandag", "tirsdag", "onsdag", "torsdag",
					   "fredag", "lørdag",	"søndag"};
	size_t k, l;

	for (k = 0; k < sizeof(days) / sizeof(days[0]); k++) {
		l = strlen(days[k]);
		if (l <= n && !strncasecmp(s, days[k], l) && (l == n || s[l] == ' ' || s[l] == ','))
			return l;
	}
	return 0;
}

/* After a weekday's name ("torsdag 18. september", "fredag, 12."), where the date goes on; else i. */
static size_t skip_weekday(const char *s, size_t n, size_t i)
{
	size_t l = date_weekday(s + i, n - i);

	if (!l || i + l == n)
		return i;
	return skip_space(s, n, i + l + (s[i + l] == ','));
}

/*
 * A dash, "til" or "og" between the two ends of a range, and a weekday's
 * name after it when the first end's day has its period ("17. og torsdag
 * 18. september"; not "Dag 1 – onsdag 21. april").
 */
static size_t range_sep(const char *s, size_t n, size_t i, bool dot)
{
	size_t j = range_word(s, n, i);

	return j && dot ? skip_weekday(s, n, j) : j;
}

struct part {
	int d, m, y; /* 0 when absent */
	bool dot;    /* the day has its period: "17." */
	size_t end;
};

/*
 * One end: "21." / "21. april" / "21. april 2021" / "21.04.2021" / "21.04.21".
 * Returns false if no day number starts at i.
 */
static bool read_part(const char *s, size_t n, size_t i, struct part *p)
{
	int v;
	size_t k, ml;

	memset(p, 0, sizeof(*p));
	if (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '/' || s[i - 1] == '.'))
		return false;
	k = read_num(s, n, i, 2, &v);
	if (!k || v < 1 || v > 31)
		return false;
	p->d = v;
	i += k;
	if (i < n && s[i] == '.') {
		p->dot = true;
		i++;
		/* Numeric form "24.04.2024". */
		k = read_num(s, n, i, 2, &v);
		if (k && i + k < n && s[i + k] == '.' && v >= 1 && v <= 12) {
			int y;
			size_t ky = read_num(s, n, i + k + 1, 4, &y);
			if (ky == 4 || ky == 2) {
				p->m = v;
				p->y = ky == 2 ? 2000 + y : y;
				p->end = i + k + 1 + ky;
				return true;
			}
		}
	}
	p->end = i;
	i = skip_space(s, n, i);
	p->m = date_month(s + i, n - i, &ml);
	if (!p->m)
		return true;
	i += ml;
	p->end = i;
	i = skip_space(s, n, i);
	k = read_num(s, n, i, 4, &v);
	if (k == 4 && v >= 1900 && v <= 2200) {
		p->y = v;
		p->end = i + k;
	} else if (k == 2 && (i + k == n || (s[i + k] != '.' && s[i + k] != ':' && s[i + k] != '/'))) {
		/* "27. mai 19", "12. feb. 20"; "15. mars 10.00" is a time, not a year. */
		p->y = 2000 + v;
		p->end = i + k;
	}
	return true;
}

bool date_find(const char *s, size_t n, struct date_range *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct part a, b;
		size_t j;

		if (s[i] < '0' || s[i] > '9' || !read_part(s, n, i, &a))
			continue;
		j = range_sep(s, n, a.end, a.dot);
		if (j && read_part(s, n, j, &b) && b.m && b.y) {
			/* "31. desember – 1. januar 2023": a month after the end's is in the year before. */
			if (!a.y)
				a.y = a.m > b.m ? b.y - 1 : b.y;
			if (!a.m)
				a.m = b.m;
			out->d1 = a.d;
			out->m1 = a.m;
			out->y1 = a.y;
			out->d2 = b.d;
			out->m2 = b.m;
			out->y2 = b.y;
			out->at = i;
			out->len = b.end - i;
			return true;
		}
		if (a.m && a.y) {
			out->d1 = out->d2 = a.d;
			out->m1 = out->m2 = a.m;
			out->y1 = out->y2 = a.y;
			out->at = i;
			out->len = a.end - i;
			return true;
		}
	}
	return false;
}

void date_format(int y, int m, int d, char out[11])
{
	unsigned uy = (unsigned)y % 10000, um = (unsigned)m % 100, ud = (unsigned)d % 100;

	snprintf(out, 11, "%04u-%02u-%02u", uy, um, ud);
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[(m - 1) % 12];
}

void date_add_days(int *y, int *m, int *d, int days)
{
	if (*m < 1 || *m > 12 || *d < 1)
		return;
	for (; days > 0; days--)
		if (++*d > days_in_month(*y, *m)) {
			*d = 1;
			if (++*m > 12) {
				*m = 1;
				++*y;
			}
		}
	for (; days < 0; days++)
		if (--*d < 1) {
			if (--*m < 1) {
				*m = 12;
				--*y;
			}
			*d = days_in_month(*y, *m);
		}
}

static const char *month_name(int m)
{
	switch (m) {
	case 1:
		return C_("month", "January");
	case 2:
		return C_("month", "February");
	case 3:
		return C_("month", "March");
	case 4:
		return C_("month", "April");
	case 5:
		return C_("month", "May");
	case 6:
		return C_("month", "June");
	case 7:
		return C_("month", "July");
	case 8:
		return C_("month", "August");
	case 9:
		return C_("month", "September");
	case 10:
		return C_("month", "October");
	case 11:
		return C_("month", "November");
	case 12:
		return C_("month", "December");
	}
	return "?";
}

/* strftime's %Y %m %d %B and %%, with GNU's %-m and %-d for no padding. */
static void format_date(struct strbuf *sb, const char *pattern, int y, int m, int d)
{
	const char *p;

	for (p = pattern; *p; p++) {
		bool pad = true;

		if (*p != '%' || !p[1]) {
			strbuf_addch(sb, *p);
			continue;
		}
		if (p[1] == '-' && p[2]) {
			pad = false;
			p++;
		}
		switch (*++p) {
		case 'Y':
			strbuf_addf(sb, "%04d", y);
			break;
		case 'm':
			strbuf_addf(sb, pad ? "%02d" : "%d", m);
			break;
		case 'd':
			strbuf_addf(sb, pad ? "%02d" : "%d", d);
			break;
		case 'B':
			strbuf_addstr(sb, month_name(m));
			break;
		default:
			strbuf_addch(sb, *p);
			break;
		}
	}
}

static bool is_date_separator(char c)
{
	return c == ' ' || c == '.' || c == '-' || c == '/' || c == ',';
}

void date_human(struct strbuf *sb, const char *start, const char *end, bool compact)
{
	/* TRANSLATORS: strftime-like: %Y year, %m month, %d day (%-m, %-d unpadded), %B the month's name.
	 * A column: keep it 10 characters wide. */
	const char *pattern = compact ? C_("date in a column", "%Y-%m-%d")
				      /* TRANSLATORS: as above; a date in running text. */
				      : C_("date in text", "%Y-%m-%d");
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int y1, m1, d1, y2, m2, d2;
	size_t n;

	if (!start || sscanf(start, "%d-%d-%d", &y1, &m1, &d1) != 3) {
		strbuf_addstr(sb, start ? start : _("date unknown"));
		return;
	}
	format_date(&a, pattern, y1, m1, d1);
	if (!end || !strcmp(start, end) || sscanf(end, "%d-%d-%d", &y2, &m2, &d2) != 3) {
		strbuf_add(sb, a.buf, a.len);
		goto out;
	}
	format_date(&b, pattern, y2, m2, d2);
	if (!strncmp(pattern, "%Y", 2)) {
		/* Year first: the end leaves out the shared leading fields. */
		for (n = 0; n < a.len && n < b.len && a.buf[n] == b.buf[n]; n++)
			;
		while (n > 0 && !is_date_separator(a.buf[n - 1]))
			n--;
		strbuf_addf(sb, "%s–%s", a.buf, b.buf + n);
	} else {
		/* Day first: the start leaves out the shared trailing fields. */
		for (n = 0; n < a.len && n < b.len && a.buf[a.len - 1 - n] == b.buf[b.len - 1 - n]; n++)
			;
		while (n > 0 && !is_date_separator(a.buf[a.len - 1 - n]))
			n--;
		strbuf_setlen(&a, a.len - n);
		while (a.len && (a.buf[a.len - 1] == ' ' || a.buf[a.len - 1] == ','))
			strbuf_setlen(&a, a.len - 1);
		strbuf_addf(sb, "%s–%s", a.buf, b.buf);
	}
out:
	strbuf_release(&a);
	strbuf_release(&b);
}

void date_time_local(const char *iso, char *out, size_t size)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
			   &tm.tm_min) != 5) {
		snprintf(out, size, "%s", iso ? iso : "");
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (!localtime_r(&t, &tm) || !strftime(out, size, "%Y-%m-%d %H:%M", &tm))
		snprintf(out, size, "%.16s", iso);
}
