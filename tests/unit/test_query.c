/*
 * test_query.c: the query parser: valid queries give the expected plan;
 * each kind of error gives its message and the column it points at.
 */
#include <stdlib.h>
#include <string.h>

#include "core/literals.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "tap.h"

static void plan(const char *text, const char *want)
{
	struct query *q = NULL;
	struct vt_diag d;
	char *got;

	if (query_compile(text, &q, &d) != VT_OK) {
		ok(0, "'%s' compiles", text);
		printf("#   error: %s at %ld\n", d.msg, d.offset_plus1);
		return;
	}
	got = query_describe(q);
	is_str(got, want, "plan of '%s'", text);
	free(got);
	query_free(q);
}

static void error(const char *text, const char *msg_part, long column)
{
	struct query *q = NULL;
	struct vt_diag d;

	if (!ok(query_compile(text, &q, &d) == VT_ERR_USAGE, "'%s' is refused", text)) {
		query_free(q);
		return;
	}
	ok(strstr(d.msg, msg_part) != NULL, "'%s': message '%s' names '%s'", text, d.msg, msg_part);
	is_int(d.offset_plus1, column, "'%s': column", text);
}

/* The literals every match needs, joined by '|', against what PCRE2's rules say by hand. */
static void literals_are(const char *const *v, const char *want, const char *what)
{
	struct strbuf got = STRBUF_INIT;
	size_t i;

	for (i = 0; v && v[i]; i++) {
		if (i)
			strbuf_addch(&got, '|');
		strbuf_addstr(&got, v[i]);
	}
	if (!v)
		strbuf_addstr(&got, "(none)");
	is_str(got.buf, want, "%s", what);
	strbuf_release(&got);
}

static void regex_runs(void)
{
	struct query *q = NULL;
	struct vt_diag d;
	size_t s, e;
	char *long_a;
	int rc;

	ok(query_compile("/\\bnilar\\b/", &q, &d) == VT_OK, "a regex compiles");
	rc = regex_match(q->root->re, "Om NILAR-prosjektet", 19, 0, &s, &e);
	ok(rc == 1 && s == 3 && e == 8, "lower-case pattern matches case-insensitively (smart case)");
	query_free(q);

	ok(query_compile("/NILAR/", &q, &d) == VT_OK, "an upper-case regex compiles");
	is_int(regex_match(q->root->re, "om nilar", 8, 0, &s, &e), 0, "upper case makes it case-sensitive");
	query_free(q);

	ok(query_compile("/\\bhåndtering\\b/", &q, &d) == VT_OK, "a regex with å compiles");
	ok(regex_match(q->root->re, "API-håndtering", strlen("API-håndtering"), 0, &s, &e) == 1,
	   "\\b knows that å is a letter");
	is_int(regex_match(q->root->re, "APIhåndteringen", strlen("APIhåndteringen"), 0, &s, &e), 0,
	       "and \\b does not split a word at å");
	query_free(q);

	ok(query_compile("/(a+)+$/", &q, &d) == VT_OK, "a catastrophic pattern compiles");
	long_a = malloc(20002);
	memset(long_a, 'a', 20000);
	long_a[20000] = 'b';
	long_a[20001] = '\0';
	is_int(regex_match(q->root->re, long_a, 20001, 0, &s, &e), -1,
	       "and stops at its limit instead of hanging");
	free(long_a);
	query_free(q);

	ok(query_compile("/API[- ]?(håndtering|forvaltning)/", &q, &d) == VT_OK,
	   "the issue's example compiles");
	literals_are(regex_literals(q->root->re, NULL), "API",
		     "an alternation inside a group leaves what is before it");
	query_free(q);
	ok(query_compile("/fhir[- ]api/", &q, &d) == VT_OK, "a pattern with literals compiles");
	literals_are(regex_literals(q->root->re, NULL), "fhir|api",
		     "both literals around a class are required");
	query_free(q);
}

static void literal_extraction(void)
{
	char **v;
	static const struct {
		const char *pat, *want;
	} cases[] = {
	    {"fhir api", "fhir api"},
	    {"fhir|hl7", "(none)"},
	    {"kode(verk)?forvaltning", "kode|forvaltning"},
	    {"colou?r", "colo|r"},
	    {"hjemmeoppfø?lging", "hjemmeoppf|lging"},
	    {"ab+c", "ab|c"},
	    {"ab*c", "a|c"},
	    {"x{0,3}yz", "yz"},
	    {"ab{2}cd", "ab|cd"},
	    {"a{b", "a{b"},
	    {"\\bfhir\\b", "fhir"},
	    {"\\x41bc", "bc"},
	    {"\\x{e5}pen", "pen"},
	    {"\\p{Lu}ndre", "ndre"},
	    {"sak \\d+/\\d{2}", "sak |/"},
	    {"e\\-helse\\.no", "e-helse.no"},
	    {"[]a]bcd", "bcd"},
	    {"(?i)fhir", "fhir"},
	    {"(?x) f h i r", "(none)"},
	    {"\\Qa.b\\E", "(none)"},
	    {"helse.*plattform", "helse|plattform"},
	    {"ab??c", "a|c"},
	    {"\\b[A-Z]{3}[0-9]{2}\\b", "(none)"},
	    {"\\pLkolen", "kolen"},
	    {"ommune\\pZplan", "ommune|plan"},
	    {"helse{,1}plan", "hels|plan"},
	    {"helse{ 2 }plan", "helse|plan"},
	    {"[[:a]bc|de:]]xyz", "(none)"},
	    {"(?C{)zzq})gammel", "(none)"},
	    {"\\øst?re", "øs|re"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = literals_required(cases[i].pat, false, NULL);
		literals_are((const char *const *)v, cases[i].want, cases[i].pat);
		literals_free(v);
	}
	/* Caseless: a letter whose case forms the index does not fold ends the run. */
	v = literals_required("byen αθηνα og ștefan", true, NULL);
	literals_are((const char *const *)v, "byen | og |tefan",
		     "caseless: Greek and Romanian letters are not taken");
	literals_free(v);
	v = literals_required("straße og ſtrategi", true, NULL);
	literals_are((const char *const *)v, "stra|e og |trategi",
		     "caseless: ß and ſ, whose partners the index keeps apart");
	literals_free(v);
	v = literals_required("ștefan", false, NULL);
	literals_are((const char *const *)v, "ștefan", "with case: they are");
	literals_free(v);
}

/*
 * The word pattern: what a pattern that keeps inside one word looks for in
 * the vocabulary, its assertions left out; "-" for a pattern that may reach
 * outside a word, whose matches the vocabulary cannot tell.
 */
static void word_patterns(void)
{
	static const struct {
		const char *pat;
		bool caseless;
		const char *want;
	} cases[] = {
	    {"\\b[A-Z]{3}[0-9]{2}\\b", false, "(?:)[A-Z]{3}[0-9]{2}(?:)"},
	    /* Possessive, caseless [A-Z]++ would take the word's last letters too; greedy gives them back. */
	    {"\\b[A-Z]++[a-z]{3}\\b", false, "(?:)[A-Z]+[a-z]{3}(?:)"},
	    {"(?:[a-d]{3}$|[a-d]{4}x)++1", true, "(?:[a-d]{3}(?:)|[a-d]{4}x)+1"},
	    {"[0-9]{2}+[a-j]*?x?+", true, "[0-9]{2}[a-j]*?x?"},
	    {"^(?:ab|cd)\\d{2,}$", true, "(?:)(?:ab|cd)\\d{2,}(?:)"},
	    {"(x|y)+?\\B", true, "(x|y)+?(?:)"},
	    {"[0-9A-F]+", false, "[0-9A-F]+"},
	    {"[a-j\\d]+z", true, "[a-j\\d]+z"},
	    {"ø{2}[0-9]", true, "ø{2}[0-9]"},
	    {"Å\\d", false, "Å\\d"},
	    {"K9", false, "K9"},
	    /* Caseless, k may match the Kelvin sign and å the Angstrom sign, which end words. */
	    {"k9", true, "-"},
	    {"[a-z]+\\d", true, "-"},
	    {"[J-Z]+\\d", true, "-"},
	    {"[L-Z]+\\d", true, "[L-Z]+\\d"},
	    {"å\\d", true, "-"},
	    {"[a-z]+\\d", false, "[a-z]+\\d"},
	    /* Characters that are not in words, or may be: anything, a class of the rest. */
	    {"ab.c", false, "-"},
	    {"ab c", false, "-"},
	    {"e-helse", false, "-"},
	    {"\\w+", false, "-"},
	    {"[^a]bc", false, "-"},
	    {"[A-z]", false, "-"},
	    {"[a-]", false, "-"},
	    {"[]a]", false, "-"},
	    {"[[:alpha:]]", false, "-"},
	    {"sak\\d+/\\d{2}", false, "-"},
	    {"ä\\d", false, "-"},
	    {"é\\d", false, "-"},
	    /* What looks outside the match, sets options, refers back, or is read two ways. */
	    {"(?=x)y", false, "-"},
	    {"(?i)AB", false, "-"},
	    {"(*ACCEPT)ab", false, "-"},
	    {"(a)\\1", false, "-"},
	    {"\\Qab\\E", false, "-"},
	    {"x{,3}", false, "-"},
	    {"x{2", false, "-"},
	};
	static const struct {
		const char *pat, *want;
	} edges[] = {
	    {"\\b[A-Z]{3}[0-9]{2}\\b", "\\b[A-Z]{3}[0-9]{2}\\b"},
	    {"^\\bAB\\B\\d{2}\\b$", "(?:)\\bAB(?:)\\d{2}\\b(?:)"},
	    {"\\bab c\\b", "-"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = literals_word_pattern(cases[i].pat, cases[i].caseless, false);

		is_str(got ? got : "-", cases[i].want, "word pattern of %s%s", cases[i].pat,
		       cases[i].caseless ? " (caseless)" : "");
		free(got);
	}
	/* Where the index holds every part of words, \b stays; the other assertions go still. */
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		char *got = literals_word_pattern(edges[i].pat, false, true);

		is_str(got ? got : "-", edges[i].want, "word pattern of %s, with its edges", edges[i].pat);
		free(got);
	}
}

/*
 * What stands between the runs: "A" apart, "S" spaced (next words in the
 * index), "J" joinable (next words, or one word).
 */
static void literal_gaps(void)
{
	static const struct {
		const char *pat, *runs, *gaps;
	} cases[] = {
	    {"fhir[- ]api", "fhir|api", "AJ"},
	    {"fhir[ \\t]+api", "fhir|api", "AS"},
	    /* \s also matches U+1680, which words keep inside them */
	    {"fhir\\s+api", "fhir|api", "AA"},
	    {"fhir[\\s]api", "fhir|api", "AA"},
	    /* caseless, µ may be Greek μ, a letter: it ends the run */
	    {"fhirµapi", "fhir|api", "AA"},
	    {"fhir[ .,]api", "fhir|api", "AS"},
	    {"fhir[ ]{1,3}?api", "fhir|api", "AS"},
	    {"fhir[ .]?api", "fhir|api", "AJ"},
	    {"fhir[ ']api", "fhir|api", "AJ"},
	    {"fhir[ ]*api[ ]x", "fhir|api|x", "AJS"},
	    /* a letter, any character, a negation, a range: anything may stand there */
	    {"fhir[a ]api", "fhir|api", "AA"},
	    {"fhir.api", "fhir|api", "AA"},
	    {"fhir[^a]api", "fhir|api", "AA"},
	    {"fhir[ -/]api", "fhir|api", "AA"},
	    {"fhir[[:space:]]api", "fhir|api", "AA"},
	    /* the run before may end in more letters; the class may be followed by a group */
	    {"fhir+[ ]api", "fhir|api", "AA"},
	    {"fhir[ ](x)api", "fhir|api", "AA"},
	    {"fhir[ ]a?pi", "fhir|pi", "AA"},
	    /* 10.42 reads "{,2}" as text, with a digit in it */
	    {"fhir[ ]{,2}api", "fhir|api", "AA"},
	};
	size_t i, k;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum literal_gap *gaps = NULL;
		char **v = literals_required(cases[i].pat, true, &gaps);
		char got[16] = "";

		literals_are((const char *const *)v, cases[i].runs, cases[i].pat);
		for (k = 0; v && v[k] && k + 1 < sizeof(got); k++)
			got[k] = "ASJ"[gaps[k]];
		is_str(got, cases[i].gaps, "gaps of %s", cases[i].pat);
		literals_free(v);
		free(gaps);
	}
}

int main(void)
{
	plan("fhir api", "(AND (WORD any fhir) (WORD any api))");
	plan("\"digital hjemmeoppfølging\"", "(PHRASE any digital hjemmeoppfølging)");
	plan("helse*", "(PREFIX any helse)");
	plan("fhir OR hl7", "(OR (WORD any fhir) (WORD any hl7))");
	plan("fhir -orientering", "(AND (WORD any fhir) (NOT (WORD any orientering)))");
	/* A minus before a phrase or a group leaves it out too (issue 12). */
	plan("fhir -\"hl7 api\"", "(AND (WORD any fhir) (NOT (PHRASE any hl7 api)))");
	plan("fhir -(hl7 OR api)", "(AND (WORD any fhir) (NOT (OR (WORD any hl7) (WORD any api))))");
	plan("fhir NOT hl7", "(AND (WORD any fhir) (NOT (WORD any hl7)))");
	/* In lower case as "or" and "and" are, when a word follows; quoted or last, a word. */
	plan("fhir not hl7", "(AND (WORD any fhir) (NOT (WORD any hl7)))");
	plan("fhir \"not\" hl7", "(AND (AND (WORD any fhir) (PHRASE any not)) (WORD any hl7))");
	plan("fhir not", "(AND (WORD any fhir) (WORD any not))");
	plan("(fhir OR hl7) AND api", "(AND (OR (WORD any fhir) (WORD any hl7)) (WORD any api))");
	plan("a OR b c", "(OR (WORD any a) (AND (WORD any b) (WORD any c)))");
	plan("type:drøfting", "(type Drøfting)");
	plan("type:d", "(type Drøfting)");
	plan("type:drofting", "(type Drøfting)");
	plan("sakstype:o", "(type Orientering)");
	plan("presenter:aksnes", "(presenter aksnes)");
	plan("org:helsedirektoratet", "(org helsedirektoratet)");
	plan("body:nufa", "(body NUFA)");
	plan("body:NEHS", "(body Nasjonalt e-helsestyre)");
	plan("case:11/21", "(case 11/21)");
	plan("year:2021", "(year 2021)");
	plan("date:2021-04..2022-09", "(date 2021-04-01..2022-09-31)");
	plan("date:2022", "(date 2022-01-01..2022-12-31)");
	plan("date:..2021-06-30", "(date ..2021-06-30)");
	plan("title:strategi", "(WORD title strategi)");
	plan("decision:\"tar saken til orientering\"", "(PHRASE decision tar saken til orientering)");
	plan("slide:fhir*", "(PREFIX slide fhir)");
	plan("amended:yes", "(amended yes)");
	plan("Hans Lowe", "(AND (WORD any Hans) (WORD any Lowe))");
	plan("  ", "(ALL)");
	plan("e-helse", "(WORD any e-helse)");

	error("\"digital hjemme", "unbalanced quote", 1);
	error("(fhir OR hl7", "unbalanced parenthesis", 1);
	error("fhir)", "unbalanced parenthesis", 5);
	error("colour:red", "unknown field 'colour:'", 1);
	error("fhir type:x", "unknown type 'x'", 11);
	/* Punctuation alone finds nothing; it must never mean "every case" (issue 12). */
	error("'", "nothing to search for", 1);
	error("% -", "nothing to search for", 1);
	error("year:tjue", "not a year", 6);
	error("date:2021-13..", "not a date", 6);
	error("case:2019/2020", "not a case number", 6);
	error("body:xyz", "unknown body", 6);
	error("fhir /API(/", "bad regular expression", 11);
	error("fhir /API", "unbalanced regular expression", 6);
	error("-fhir", "only words to leave out", 1);
	error("type:", "missing value after 'type:'", 6);
	/* A pattern is for the text: a presenter's name matched as "/^hans/" would find nobody. */
	error("presenter:/^Hans/", "'presenter:' takes a value, not a pattern", 11);
	error("fhir org:/Helse/", "'org:' takes a value, not a pattern", 10);
	error("fhir OR", "missing search term", 8);
	regex_runs();
	literal_extraction();
	literal_gaps();
	word_patterns();
	/* Smart case: a capital of the pattern's own, not one in an escape. */
	ok(!literals_cased("helse\\x{AD}?direktoratet") && !literals_cased("nufa\\N{U+2019}s") &&
	       !literals_cased("nufa\\P{L}") && !literals_cased("\\p{Lu}ndre") &&
	       !literals_cased("\\W+\\x4F"),
	   "a capital in an escape is not the pattern's");
	ok(literals_cased("Nufa") && literals_cased("drøfting Ø") && literals_cased("\\QABC\\E") &&
	       literals_cased("\\x{ad}B"),
	   "a capital of its own is");
	/* Tag names: one spelling each, and nothing that makes two look alike (issue 12). */
	{
		char *once = tag_normalise("Oppf\xC3\xB8lging"), *again = once ? tag_normalise(once) : NULL;
		char *accent = tag_normalise("a\xCC\x88\xCC\x81"),
		     *accent2 = accent ? tag_normalise(accent) : NULL;
		char *bidi = tag_normalise("fhir\xE2\x80\xAE"), *zw = tag_normalise("fh\xE2\x80\x8Bir");

		ok(once && again && !strcmp(once, "oppf\xC3\xB8lging") && !strcmp(again, once),
		   "a tag name normalises once");
		ok(accent && accent2 && !strcmp(accent, accent2),
		   "a with two combining accents: normalising twice is once");
		ok(!bidi && !zw, "a bidirectional override or a zero-width space is no part of a tag name");
		free(once);
		free(again);
		free(accent);
		free(accent2);
	}
	return done_testing();
}
