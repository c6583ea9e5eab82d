/*
 * test_text.c: unit tests for the text utilities: UTF-8, folding, SHA-256,
 * Norwegian dates, case numbers, times, footers and decision wording.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/dates.h"
#include "core/lines.h"
#include "core/scan.h"
#include "core/sha256.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/words.h"
#include "tap.h"

/* The classes of code points that utf8.c answers without utf8proc's tables. */
static void test_letter_classes(void)
{
	uint32_t cp;
	int wrong = 0;

	ok(utf8_is_upper(0xC5) && utf8_is_lower(0xE5) && !utf8_is_lower(0xC5), "Å is a capital, å is not");
	is_int((int)utf8_tolower(0xD8), 0xF8, "Ø lowers to ø");
	is_int((int)utf8_tolower(0xDF), 0xDF, "ß stays");
	ok(!utf8_is_letter(0xD7) && !utf8_is_letter(0xF7), "× and ÷ are no letters");
	ok(utf8_is_letter(0xAA) && !utf8_is_letter(0xB2) && !utf8_is_digit(0xB2),
	   "ª is a letter; ² is neither");
	ok(utf8_is_digit('7') && !utf8_is_letter('7') && !utf8_is_digit('a'), "7 is a digit");
	for (cp = 0; cp < 0x300; cp++) {
		utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);

		wrong += !utf8_is_letter(cp) != !(c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO);
		wrong += !utf8_is_upper(cp) != !(c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT);
		wrong += !utf8_is_lower(cp) != !(c == UTF8PROC_CATEGORY_LL);
		wrong += !utf8_is_digit(cp) != !(c == UTF8PROC_CATEGORY_ND);
		wrong += utf8_tolower(cp) != (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
	}
	is_int(wrong, 0, "U+0000 to U+02FF: the same classes and small letters as Unicode's tables");
}

static void test_utf8(void)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t cp;

	is_int(utf8_invalid_offset("abc", 3), 3, "ASCII is valid");
	is_int(utf8_invalid_offset("Løwe", 5), 5, "ø is valid");
	is_int(utf8_invalid_offset("ab\xC3(", 4), 2, "a truncated sequence is found at its first byte");
	is_int(utf8_invalid_offset("\xC0\xAF", 2), 0, "an overlong encoding is invalid");
	is_int(utf8_invalid_offset("\xED\xA0\x80", 3), 0, "a surrogate is invalid");
	is_int(utf8_decode("\xEF\x82\x97", 3, &cp), 3, "a private-use bullet decodes");
	ok(utf8_is_private_use(cp), "U+F097 is private use");

	utf8_fold(&sb, "  Hans  Löwe Larsen ", 20);
	is_str(sb.buf, "hans løwe larsen", "ö folds to ø, case and spaces fold");
	strbuf_reset(&sb);
	utf8_fold(&sb, "HANS LØWE LARSEN", strlen("HANS LØWE LARSEN"));
	is_str(sb.buf, "hans løwe larsen", "upper-case Ø folds to ø");
	strbuf_reset(&sb);
	utf8_fold(&sb, "får", strlen("får"));
	is_str(sb.buf, "får", "å stays å: it is a letter, not an accented a");
	strbuf_reset(&sb);
	utf8_fold(&sb, "fa\xCC\x8Ar", strlen("fa\xCC\x8Ar"));
	is_str(sb.buf, "får", "å written as a and a combining ring folds as å");
	strbuf_reset(&sb);
	utf8_fold(&sb, "Dvořák Ærø Čapek ΩMEGA", strlen("Dvořák Ærø Čapek ΩMEGA"));
	is_str(sb.buf, "dvořak ærø čapek ωmega",
	       "case folds by Unicode; accents only of Latin-1 go; æ and ø stay");
	strbuf_reset(&sb);
	{
		struct strbuf twice = STRBUF_INIT;

		utf8_fold(&sb, "a\xCC\x88\xCC\x81", 5); /* a, combining diaeresis, combining acute */
		utf8_fold(&twice, sb.buf, sb.len);
		is_str(twice.buf, sb.buf,
		       "folding twice is folding once (ä with an accent becomes æ with it)");
		strbuf_release(&twice);
		strbuf_reset(&sb);
	}
	ok(!utf8_needs_nfc("Løwe på nivå", strlen("Løwe på nivå")), "NFC text needs no normalising");
	ok(utf8_needs_nfc("pa\xCC\x8A", 4), "a combining ring needs normalising");
	{
		/* The ring after 0 to 17 ASCII bytes, and ASCII after it: wherever eight bytes at a time
		 * are skipped, it is seen. */
		char text[40];
		size_t k, bad = 0;

		for (k = 0; k < 18; k++) {
			memset(text, 'a', k);
			memcpy(text + k,
			       "\xCC\x8A"
			       "bbbbbbbbb",
			       11);
			bad += !utf8_needs_nfc(text, k + 11) || utf8_needs_nfc(text, k);
		}
		is_int((int)bad, 0, "a combining ring is seen after any number of ASCII bytes");
		ok(!utf8_needs_nfc("abcdefghijklmnopqrstuvwxyz", 26), "ASCII needs no normalising");
	}
	utf8_nfc(&sb, "pa\xCC\x8A \xE2\x84\xAB", 8);
	is_str(sb.buf, "på Å", "NFC composes å and replaces the Ångström sign by Å");
	strbuf_release(&sb);
	is_int(utf8_width("q\xCC\x83", 3), 1, "a combining mark takes no cell");
	is_int(utf8_width("漢字", strlen("漢字")), 4, "wide characters take two cells");
	is_int(utf8_tolower(0x0110), 0x0111, "Đ lower-cases to đ (Latin Extended-A)");
	is_int(utf8_tolower(0x0416), 0x0436, "Ж lower-cases to ж (beyond Latin)");
	ok(utf8_is_letter(0x05D0) && !utf8_is_letter('3'), "א is a letter, 3 is not");
}

static void test_sha256(void)
{
	char hex[65];

	sha256_hex("", 0, hex);
	is_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "SHA-256 of nothing");
	sha256_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of abc");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	is_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	       "SHA-256 across a block boundary");
	{
		/* The accelerated path, where the CPU has one, agrees with portable C at every length. */
		static unsigned char buf[1000];
		char a[65], b[65];
		size_t i, bad = 0;

		for (i = 0; i < sizeof(buf); i++)
			buf[i] = (unsigned char)(i * 131 + 7);
		for (i = 0; i <= sizeof(buf); i++) {
			sha256_hex(buf, i, a);
			sha256_hex_portable(buf, i, b);
			bad += strcmp(a, b) != 0;
		}
		is_int(bad, 0, "both SHA-256 implementations agree on 0..1000 bytes");
		sha256_hex_portable("abc", 3, hex);
		is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		       "portable SHA-256 of abc");
	}
}

static void check_date(const char *s, const char *start, const char *end)
{
	struct date_range r;
	char a[11], b[11];

	if (!date_find(s, strlen(s), &r)) {
		ok(start == NULL, "no date in '%s'", s);
		return;
	}
	date_format(r.y1, r.m1, r.d1, a);
	date_format(r.y2, r.m2, r.d2, b);
	is_str(a, start, "start of '%s'", s);
	is_str(b, end, "end of '%s'", s);
}

static void test_dates(void)
{
	check_date("21. – 22. april 2021", "2021-04-21", "2021-04-22");
	check_date("31. august – 1. september 2022", "2022-08-31", "2022-09-01");
	check_date("Dag 1 – onsdag 21. april 2021", "2021-04-21", "2021-04-21");
	check_date("24.04.2024", "2024-04-24", "2024-04-24");
	check_date("30. des. 2021 - 2. jan. 2022", "2021-12-30", "2022-01-02");
	/* The year written once, at the end, over New Year: the start is in the year before. */
	check_date("31. desember – 1. januar 2063", "2062-12-31", "2063-01-01");
	check_date("30. des. – 2. jan. 2023", "2022-12-30", "2023-01-02");
	check_date("Lunsj – oppstart igjen kl. 12.30", NULL, NULL);
	check_date("Plan 2021 – 2022", NULL, NULL);
	check_date("11. og 12. februar 2025", "2025-02-11", "2025-02-12");
	check_date("Onsdag 17. og torsdag 18. september 2025", "2025-09-17", "2025-09-18");
	check_date("fredag 30. mai – lørdag 31. mai 2025", "2025-05-30", "2025-05-31");
	{
		int y = 2021, m = 12, d = 31;
		date_add_days(&y, &m, &d, 1);
		ok(y == 2022 && m == 1 && d == 1, "a day after New Year's Eve");
		y = 2024, m = 2, d = 28;
		date_add_days(&y, &m, &d, 1);
		ok(m == 2 && d == 29, "2024 is a leap year");
		date_add_days(&y, &m, &d, -60);
		ok(y == 2023 && m == 12 && d == 31, "and back over the year");
	}
}

/* Dates for people, as English writes them (a test program has no catalogue). */
static void check_human(const char *start, const char *end, bool compact, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	date_human(&sb, start, end, compact);
	is_str(sb.buf, want, "date_human(%s, %s)", start ? start : "NULL", end ? end : "NULL");
	strbuf_release(&sb);
}

static void test_human_dates(void)
{
	check_human("2021-04-21", NULL, false, "2021-04-21");
	check_human("2021-04-21", "2021-04-21", true, "2021-04-21");
	check_human("2021-04-21", "2021-04-22", false, "2021-04-21–22");
	check_human("2022-08-31", "2022-09-01", false, "2022-08-31–09-01");
	check_human("2022-12-31", "2023-01-01", true, "2022-12-31–2023-01-01");
	check_human("2021-04-29", "2021-04-30", false, "2021-04-29–30");
	check_human(NULL, NULL, false, "date unknown");
}

static void test_case_numbers(void)
{
	struct case_no no;

	ok(scan_case_number("11/21", 5, &no) && !strcmp(no.text, "11/21") && no.seq == 11 && no.year == 2021,
	   "11/21 is case 11 of 2021");
	ok(scan_case_number("9/2021 Tittel", 13, &no) && !strcmp(no.text, "9/21"),
	   "9/2021 normalises to 9/21");
	ok(!scan_case_number("2019/2020", 9, &no), "2019/2020 is a year range, not a case");
	ok(!scan_case_number("3/7", 3, &no), "3/7 is not a case number");
	ok(!scan_case_number("1/12/2024", 9, &no), "a date is not a case number");
}

static void test_scan(void)
{
	size_t at;
	char t[6];

	ok(scan_time_at_end("Hans Løwe Larsen 10:00 ", 23, &at, t) && !strcmp(t, "10:00"),
	   "a time ends a line");
	ok(scan_time_at_end("Pause 9.05", 10, &at, t) && !strcmp(t, "09:05") && at == 6, "9.05 is a time");
	ok(!scan_time_at_end("Versjon 2.0", 11, &at, t), "2.0 is not a time");
	is_int(scan_type_at_end("Bjarte Aksnes 10:25 Drøfting", strlen("Bjarte Aksnes 10:25 Drøfting"), &at),
	       DECISION_DROFTING, "a type word ends an agenda row");
	ok(scan_page_footer("Side 57", 7), "Side 57 is a footer");
	ok(scan_page_footer("Helsedirektoratet 50", 20), "an organisation and a number is a footer");
	ok(!scan_page_footer("Mål 2", 5), "'Mål 2' is not a footer");
	ok(!scan_page_footer("Helsedirektoratet tar med seg innspillene", 41), "a sentence is not a footer");
	ok(scan_break_line("Pause – oppstart igjen kl. 14.05", strlen("Pause – oppstart igjen kl. 14.05")),
	   "a break slide");
	ok(scan_break_line("Takk for møtet!", strlen("Takk for møtet!")), "a closing slide");
	ok(!scan_break_line("Takk for oppmerksomheten", 24), "a presenter's thanks is not a break");
	ok(scan_prefix("SAK 12/22", 9, "sak ", &at) && at == 4, "a prefix is found in either case");
	ok(scan_prefix("sAk 12/22", 9, "Sak ", NULL), "a capital in the prefix matches either case too");
	ok(!scan_prefix("[ak 1", 5, "{ak", NULL) && !scan_prefix("{ak 1", 5, "[ak", NULL),
	   "brackets are not letters in other cases");
	ok(scan_prefix("1. Sak", 6, "1. ", NULL) && !scan_prefix("2. Sak", 6, "1. ", NULL),
	   "a digit is only itself");
	ok(scan_prefix("Møte i NUFA", strlen("Møte i NUFA"), "møte i ", NULL),
	   "a prefix with æøå is compared past its first letter");
	ok(!scan_prefix("Sa", 2, "sak", NULL) && scan_prefix("", 0, "", NULL),
	   "a text shorter than the prefix");
}

static void test_infer(void)
{
	is_int(scan_infer_type("NUFA drøftet saken og ba Direktoratet ..."), DECISION_DROFTING,
	       "past tense drøftet");
	is_int(scan_infer_type("NUFA tok saken til orientering og ba ..."), DECISION_ORIENTERING,
	       "tok saken til orientering");
	is_int(scan_infer_type("NUFA tar saken til orientering og ber om å drøfte ..."), DECISION_ORIENTERING,
	       "the first keyword decides");
	is_int(scan_infer_type("NUFA godkjenner innkalling og dagsorden."), DECISION_GODKJENNING,
	       "godkjenner");
	/* The body's usual verbs of assent decide (issue 11): støtter, slutter seg til, anbefaler. */
	is_int(scan_infer_type("NUFA støtter iverksettelse av modellen"), DECISION_GODKJENNING,
	       "support is an approval");
	is_int(scan_infer_type("NUFA slutter seg til anbefalingen"), DECISION_GODKJENNING, "slutter seg til");
	is_int(scan_infer_type("NUFA tok rapporten til etterretning"), DECISION_ORIENTERING,
	       "til etterretning");
	is_int(scan_infer_type("NUFA tar med seg funnene fra rapporten"), DECISION_NONE,
	       "no keyword, no type");
}

struct collected {
	struct strbuf sb;
};

/* A word's exact form after + for a part, +? for a quiet one; with `forms`, its folded form and stem. */
static void collect_word(struct strbuf *sb, const struct word *w, bool forms)
{
	strbuf_addf(sb, "%s%s%s", sb->len ? " " : "", w->part ? w->quiet ? "+?" : "+" : "", w->exact);
	if (forms && w->folded)
		strbuf_addf(sb, "|~%s", w->folded);
	if (forms && strcmp(w->stem, w->exact))
		strbuf_addf(sb, "|=%s", w->stem);
}

static int collect(void *arg, const struct word *w)
{
	collect_word(arg, w, true);
	return 0;
}

static int collect_exact(void *arg, const struct word *w)
{
	collect_word(arg, w, false);
	return 0;
}

static void check_collected(struct wordizer *wz, const char *text, bool forms, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	words_each(wz, text, strlen(text), forms ? collect : collect_exact, &sb);
	is_str(sb.buf, want, "index words of '%s'%s", text, forms ? "" : ", exact forms");
	strbuf_release(&sb);
}

static void check_words(struct wordizer *wz, const char *text, const char *want)
{
	check_collected(wz, text, true, want);
}

/* The exact forms of `text`'s words and parts only. */
static void check_parts(struct wordizer *wz, const char *text, const char *want)
{
	check_collected(wz, text, false, want);
}

static void test_words(void)
{
	struct wordizer *wz = wordizer_new();

	check_words(wz, "NUFA drøfter saken.", "nufa|=nuf drøfter|~drofter|=drøft saken|=sak");
	check_words(wz, "Hans Löwe og Løwe", "hans|=han løwe|~lowe|=løw og løwe|~lowe|=løw");
	check_words(wz, "E-helse og ehelse", "ehelse|=ehels +e +helse|=hels og ehelse|=ehels");
	check_words(wz, "vedtaket, vedtakene", "vedtaket|=vedtak vedtakene|=vedtak");
	check_words(wz, "får far", "får|~far far");
	check_words(wz, "«Forsvarlig pasientbehandling uten IKT?» – 11/21",
		    "forsvarlig|=forsvar pasientbehandling uten ikt 11 21");
	/* A hyphen or an apostrophe sets parts apart; a typographic apostrophe and a soft hyphen
	 * set quiet ones apart, beside the parts they always gave (the whole word, "helses"). */
	check_parts(wz, "e-helse NUFA's", "ehelse +e +helse nufas +nufa +s");
	check_parts(wz, "ABC12\u2019s plan", "abc12s +abc12s +?abc12 +?s plan");
	check_parts(wz, "e-helse\u2019s", "ehelses +e +helses +?helse +?s");
	check_parts(wz, "helse\u00ADdirektoratet",
		    "helsedirektoratet +helsedirektoratet +?helse +?direktoratet");
	check_parts(wz, "\u2019ABC\u2019", "abc");
	/* In the text's order: each part, then the quiet ones inside it. */
	check_parts(wz, "ab-cd\u2019ef-gh", "abcdefgh +ab +cdef +?cd +?ef +gh");
	wordizer_free(wz);
}

/*
 * The index's tokens of `text` as packed and read back: term, + when
 * colocated, ? when quiet, @start-end, <uncut length>; or (`repeats`) the exact ones
 * only, each with * when told a repeat.
 */
static void check_packed(struct wordizer *wz, const char *text, bool repeats, const char *want)
{
	struct index_tokens t = {STRBUF_INIT};
	struct strbuf sb = STRBUF_INIT;
	struct index_token tok;
	size_t pos = 0;

	index_tokens_make(wz, text, strlen(text), &t);
	while (index_tokens_next(&t, &pos, &tok)) {
		if (repeats && tok.kind != TOKEN_EXACT)
			continue;
		if (sb.len)
			strbuf_addch(&sb, ' ');
		if (repeats) {
			strbuf_addf(&sb, "%s%s", tok.term, tok.repeat ? "*" : "");
			continue;
		}
		strbuf_addf(&sb, "%s%s%s@%zu-%zu", tok.term, tok.colocated ? "+" : "", tok.quiet ? "?" : "",
			    tok.start, tok.end);
		if (tok.uncut)
			strbuf_addf(&sb, "<%zu>", strlen(tok.uncut));
		ok(strlen(tok.term) == tok.len &&
		       (tok.kind == TOKEN_EXACT) == (tok.term[0] != '~' && tok.term[0] != '='),
		   "token %s: its length and kind", tok.term);
	}
	is_str(sb.buf, want, "index tokens of '%.30s'", text);
	strbuf_release(&sb);
	index_tokens_release(&t);
}

static void check_tokens(struct wordizer *wz, const char *text, const char *want)
{
	check_packed(wz, text, false, want);
}

static void check_repeats(struct wordizer *wz, const char *text, const char *want)
{
	check_packed(wz, text, true, want);
}

static void test_index_tokens(void)
{
	struct wordizer *wz = wordizer_new();
	struct strbuf text = STRBUF_INIT, want = STRBUF_INIT;
	size_t i;

	check_tokens(wz, "E-helse drøfter",
		     "ehelse@0-7 =ehels+@0-7 e+@0-1 helse+@2-7 =hels+@2-7 drøfter@8-16 "
		     "~drofter+@8-16 =drøft+@8-16");
	/* A word met before (in the text above too) is given from the wordizer's cache: the same forms. */
	check_tokens(
	    wz, "Drøfter drøfter DRØFTER drøfter",
	    "drøfter@0-8 ~drofter+@0-8 =drøft+@0-8 drøfter@9-17 ~drofter+@9-17 =drøft+@9-17 "
	    "drøfter@18-26 ~drofter+@18-26 =drøft+@18-26 drøfter@27-35 ~drofter+@27-35 =drøft+@27-35");
	check_tokens(wz, "", "");
	/* A quiet part keeps its mark through the packing. */
	check_tokens(wz, "AB1\u20192", "ab12@0-7 ab12+@0-7 ab1+?@0-3 2+?@6-7");
	/* Past 127 and 16383 bytes a position takes more bytes; a word past 64 bytes keeps its whole form. */
	for (i = 0; i < 20000; i++)
		strbuf_addch(&text, ' ');
	strbuf_addstr(&text, "sak ");
	for (i = 0; i < 70; i++)
		strbuf_addch(&text, 'x');
	strbuf_addstr(&want, "sak@20000-20003 ");
	for (i = 0; i < 64; i++)
		strbuf_addch(&want, 'x');
	strbuf_addstr(&want, "@20004-20074<70>");
	check_tokens(wz, text.buf, want.buf);
	strbuf_release(&text);
	strbuf_release(&want);
	wordizer_free(wz);
}

static void test_repeats(void)
{
	struct wordizer *wz = wordizer_new();

	/* Never marked: no word is a repeat, though the cache gives the second "helse". */
	check_repeats(wz, "helse helse", "helse helse");
	words_mark(wz);
	/* Repeats are of the same bytes: "Helse" and "HELSE" are other words as written. */
	check_repeats(wz, "Helse helse HELSE e-helse helse", "helse helse helse ehelse e helse* helse*");
	/* Across texts until the next mark (a case's columns). */
	check_repeats(wz, "helse og Helse", "helse* og helse*");
	words_mark(wz);
	check_repeats(wz, "helse og helse", "helse og helse*");
	wordizer_free(wz);
}

/* Shows each word and what its memo held (new, seen; - for none), and marks the memo. */
static int note_memo(void *arg, const struct word *w)
{
	struct strbuf *sb = arg;

	if (sb->len)
		strbuf_addch(sb, ' ');
	strbuf_addf(sb, "%s=%s", w->exact, !w->memo ? "-" : *w->memo ? "seen" : "new");
	if (w->memo)
		*w->memo = 1;
	return 0;
}

static void test_memo(void)
{
	struct wordizer *wz = wordizer_new();
	struct strbuf sb = STRBUF_INIT;

	/* A memo belongs to the word as written: "Helse" is not "helse"; it lasts across texts. */
	words_each(wz, "helse Helse helse", strlen("helse Helse helse"), note_memo, &sb);
	words_each(wz, "Helse", strlen("Helse"), note_memo, &sb);
	is_str(sb.buf, "helse=new helse=new helse=seen helse=seen", "a word's memo, kept with its forms");
	wordizer_free(wz);
	strbuf_release(&sb);
}

/*
 * Cleaning finds what it removes wherever it stands in a line: a control
 * character, DEL, a C1 control or a private-use glyph at every place of
 * lines of every length around the eight bytes read at once.
 */
static void test_lines_clean(void)
{
	static const struct {
		const char *bytes, *becomes;
	} odd[] = {{"\x01", ""},
		   {"\x1f", ""},
		   {"\t", " "},
		   {"\x7f", ""},
		   {"\xc2\x85", ""}, /* C1 controls */
		   {"\xc2\x9f", ""},
		   {"\xee\x80\x80", ""}, /* private use: U+E000, U+F000, planes 15 and 16 */
		   {"\xef\x80\x80", ""},
		   {"\xf3\xb0\x80\x80", ""},
		   {"\xf4\x8f\xbf\xbd", ""}};
	const char *filler = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t k, len, at, bad = 0;

	for (k = 0; k < sizeof(odd) / sizeof(odd[0]); k++)
		for (len = 1; len <= 26; len++)
			for (at = 0; at <= len; at++) {
				struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;
				struct deck_lines dl;

				strbuf_add(&in, filler, at);
				strbuf_add(&want, filler, at);
				strbuf_addstr(&in, odd[k].bytes);
				strbuf_addstr(&want, odd[k].becomes);
				strbuf_add(&in, filler + at, len - at);
				strbuf_add(&want, filler + at, len - at);
				strbuf_addstr(&in, "\nå\n");
				if (lines_split(&dl, in.buf, in.len, NULL) != VT_OK || dl.n < 1 ||
				    strcmp(dl.v[0].text, want.buf))
					bad++;
				lines_release(&dl);
				strbuf_release(&in);
				strbuf_release(&want);
			}
	ok(bad == 0, "lines: what cleaning removes is found at every place of a line (%zu wrong)", bad);
}

int main(void)
{
	test_lines_clean();
	test_words();
	test_index_tokens();
	test_repeats();
	test_memo();
	test_utf8();
	test_letter_classes();
	test_sha256();
	test_dates();
	test_human_dates();
	test_case_numbers();

	test_scan();
	test_infer();
	return done_testing();
}
