/*
 * query.c: the query language's parser (recursive descent over the text)
 * and PCRE2 pattern handling.
 *
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*
 *   unary   := ("NOT" | "-") unary | primary
 *   primary := "(" or ")" | FIELD ":" value | '"' phrase '"' | "/" regex "/" | word ["*"]
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/names.h"
#include "core/i18n.h"
#include "core/query.h"
#include "core/literals.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

/* Limits that stop a runaway pattern such as (a+)+$ instead of letting it run for hours. */
#define REGEX_MATCH_LIMIT 2000000
#define REGEX_DEPTH_LIMIT 10000

static bool use_jit = true;

void query_set_jit(bool on)
{
	use_jit = on;
}

struct regex {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	char **literals; /* core/literals.h */
	enum literal_gap *gaps;
	struct regex *word, *word_edges; /* regex_word() */
	bool twin;			 /* regex_twin(): code and mctx are its original's */
};

struct parser {
	const char *s;
	size_t n, pos;
	struct vt_diag *diag;
	bool failed;
	int depth;
};

static const struct {
	const char *name;
	enum qfield field;
} fields[] = {
    {"type", QF_TYPE},
    {"sakstype", QF_TYPE},
    {"presenter", QF_PRESENTER},
    {"innleder", QF_PRESENTER},
    {"org", QF_ORG},
    {"body", QF_BODY},
    {"organ", QF_BODY},
    {"case", QF_CASE},
    {"sak", QF_CASE},
    {"year", QF_YEAR},
    {"år", QF_YEAR},
    {"date", QF_DATE},
    {"dato", QF_DATE},
    {"title", QF_TITLE},
    {"tittel", QF_TITLE},
    {"decision", QF_DECISION},
    {"vedtak", QF_DECISION},
    {"slide", QF_SLIDE},
    {"lysark", QF_SLIDE},
    {"amended", QF_AMENDED},
    {"endret", QF_AMENDED},
    {"tag", QF_TAG},
    {"merke", QF_TAG},
    {"recorded", QF_RECORDED},
    {"vedtatt", QF_RECORDED},
    {"outcome", QF_OUTCOME},
    {"utfall", QF_OUTCOME},
    {"doc", QF_DOC},
    {"dok", QF_DOC},
    {"attendee", QF_ATTENDEE},
    {"deltaker", QF_ATTENDEE},
    {"topic", QF_TOPIC},
    {"tema", QF_TOPIC},
    {"new", QF_NEW},
    {"ny", QF_NEW},
};

static const char *const field_names[] = {
    [QF_ANY] = "any",	  [QF_TITLE] = "title",	      [QF_DECISION] = "decision",
    [QF_SLIDE] = "slide", [QF_TYPE] = "type",	      [QF_PRESENTER] = "presenter",
    [QF_ORG] = "org",	  [QF_BODY] = "body",	      [QF_CASE] = "case",
    [QF_YEAR] = "year",	  [QF_DATE] = "date",	      [QF_AMENDED] = "amended",
    [QF_TAG] = "tag",	  [QF_RECORDED] = "recorded", [QF_OUTCOME] = "outcome",
    [QF_DOC] = "doc",	  [QF_ATTENDEE] = "attendee", [QF_TOPIC] = "topic",
    [QF_NEW] = "new",
};

static void *fail(struct parser *p, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void *fail(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return NULL;
	p->failed = true;
	if (p->diag) {
		va_start(ap, fmt);
		vsnprintf(p->diag->msg, sizeof(p->diag->msg), fmt, ap);
		va_end(ap);
		p->diag->offset_plus1 = (long)at + 1;
		p->diag->line = 0;
	}
	return NULL;
}

static struct qnode *node_new(enum qnode_kind kind, size_t offset)
{
	struct qnode *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->offset = offset;
	return n;
}

static void regex_free(struct regex *re)
{
	if (!re)
		return;
	pcre2_match_data_free(re->md);
	if (re->twin) {
		free(re);
		return;
	}
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	regex_free(re->word);
	regex_free(re->word_edges);
	literals_free(re->literals);
	free(re->gaps);
	free(re);
}

static void node_free(struct qnode *n)
{
	if (!n)
		return;
	node_free(n->a);
	node_free(n->b);
	node_free(n->read_as);
	free(n->text);
	regex_free(n->re);
	free(n);
}

void query_free(struct query *q)
{
	if (!q)
		return;
	node_free(q->root);
	free(q->text);
	free(q);
}

static void skip_space(struct parser *p)
{
	while (p->pos < p->n && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n'))
		p->pos++;
}

/* True if the keyword `kw` (upper case, as typed) stands alone at the cursor. */
static bool at_keyword(struct parser *p, const char *kw)
{
	size_t l = strlen(kw), e = p->pos + l;

	return e <= p->n && !memcmp(p->s + p->pos, kw, l) &&
	       (e == p->n || p->s[e] == ' ' || p->s[e] == '\t' || p->s[e] == '(' || p->s[e] == '"');
}

/*
 * OR, AND and NOT as written, and in lower case too when a term follows
 * (members type "fhir or hl7", "fhir not digital"); a lower-case one at
 * the end, or in quotes, is a word.
 */
static bool at_operator(struct parser *p, const char *kw)
{
	size_t l = strlen(kw), e = p->pos + l;

	if (at_keyword(p, kw))
		return true;
	if (e > p->n || strncasecmp(p->s + p->pos, kw, l) || (e < p->n && p->s[e] != ' ' && p->s[e] != '\t'))
		return false;
	while (e < p->n && (p->s[e] == ' ' || p->s[e] == '\t'))
		e++;
	return e < p->n && p->s[e] != ')';
}

static bool word_char(char c)
{
	return c != ' ' && c != '\t' && c != '\n' && c != '(' && c != ')' && c != '"';
}

/* Reads up to the closing `close` (with backslash escapes kept); the cursor is past the opener. */
static char *read_delimited(struct parser *p, char close, size_t open_at, const char *what)
{
	size_t start = p->pos;

	while (p->pos < p->n && p->s[p->pos] != close) {
		if (p->s[p->pos] == '\\' && close == '/' && p->pos + 1 < p->n)
			p->pos++;
		p->pos++;
	}
	if (p->pos >= p->n)
		return fail(p, open_at, _("unbalanced %s: no closing %c"), what, close);
	p->pos++;
	return xstrndup(p->s + start, p->pos - 1 - start);
}

/* `code`, with its JIT where the platform has it, match data and limits; NULL when out of memory. */
static struct regex *regex_new(pcre2_code *code)
{
	struct regex *re = xcalloc(1, sizeof(*re));

	re->code = code;
	/* JIT where the platform has it; the interpreter otherwise. */
	if (use_jit)
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	re->md = pcre2_match_data_create_from_pattern(code, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	if (!re->md || !re->mctx) {
		regex_free(re);
		return NULL;
	}
	pcre2_set_match_limit(re->mctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, REGEX_DEPTH_LIMIT);
	return re;
}

/* literals_word_pattern()'s pattern, compiled; NULL for none, or out of memory. */
static struct regex *word_regex(const char *pat, bool caseless, bool edges, uint32_t opts)
{
	char *word = literals_word_pattern(pat, caseless, edges);
	int err;
	PCRE2_SIZE erroff;
	pcre2_code *code = word ? pcre2_compile((PCRE2_SPTR)word, PCRE2_ZERO_TERMINATED,
						opts | PCRE2_CASELESS, &err, &erroff, NULL)
				: NULL;

	free(word);
	return code ? regex_new(code) : NULL;
}

static struct regex *regex_compile(struct parser *p, const char *pat, size_t at)
{
	struct regex *re;
	int err;
	PCRE2_SIZE erroff;
	/* Smart case: a pattern with a capital letter of its own is case-sensitive. */
	bool caseless = !literals_cased(pat);
	/* \C matches one byte of a character: a hit would cut a letter in two. */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C | (caseless ? PCRE2_CASELESS : 0);
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts, &err, &erroff, NULL);

	if (!code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		return fail(p, at + erroff, _("bad regular expression: %s"), (char *)msg);
	}
	if (!(re = regex_new(code)))
		return fail(p, at, _("out of memory compiling the regular expression"));
	/* An inline option may turn caseless matching on anywhere. */
	re->literals = literals_required(pat, caseless || strstr(pat, "(?"), &re->gaps);
	/* The words' exact forms are in lower case: the word pattern matches without regard to it.
	 * One that fails to compile (or out of memory) only leaves the pattern without it. */
	re->word = word_regex(pat, caseless, false, opts);
	if (re->word && strstr(pat, "\\b"))
		re->word_edges = word_regex(pat, caseless, true, opts);
	return re;
}

int regex_match(struct regex *re, const char *s, size_t n, size_t from, size_t *start, size_t *end)
{
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, from, PCRE2_NO_UTF_CHECK, re->md, re->mctx);
	PCRE2_SIZE *ov;

	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return -1; /* match limit, depth limit, or heap */
	ov = pcre2_get_ovector_pointer(re->md);
	*start = ov[0];
	*end = ov[1];
	return 1;
}

struct regex *regex_twin(const struct regex *re)
{
	struct regex *twin = xcalloc(1, sizeof(*twin));

	/* pcre2_match() only reads the code and the context: what a thread needs alone is its match data. */
	twin->code = re->code;
	twin->mctx = re->mctx;
	twin->twin = true;
	if (!(twin->md = pcre2_match_data_create_from_pattern(re->code, NULL))) {
		free(twin);
		return NULL;
	}
	return twin;
}

void regex_twin_free(struct regex *twin)
{
	regex_free(twin);
}

const char *const *regex_literals(const struct regex *re, const enum literal_gap **gaps)
{
	if (gaps)
		*gaps = re->gaps;
	return (const char *const *)re->literals;
}

struct regex *regex_word(struct regex *re, bool edges)
{
	return edges && re->word_edges ? re->word_edges : re->word;
}

size_t regex_min_chars(const struct regex *re)
{
	uint32_t min = 0;

	return pcre2_pattern_info(re->code, PCRE2_INFO_MINLENGTH, &min) == 0 ? min : 0;
}

/* "drøfting", "drofting", "d" ...: the decision type a value names. */
static enum decision_type type_value(const char *v)
{
	static const char *const names[] = {NULL, "godkjenning", "orientering", "drofting"};
	struct strbuf f = STRBUF_INIT;
	size_t i, k = 0;
	enum decision_type t = DECISION_NONE;

	utf8_fold(&f, v, strlen(v));
	/* Fold ø to o so that "drofting" and "drøfting" are one. */
	for (i = 0; i < f.len; i++) {
		if ((unsigned char)f.buf[i] == 0xC3 && i + 1 < f.len && (unsigned char)f.buf[i + 1] == 0xB8) {
			f.buf[k++] = 'o';
			i++;
		} else {
			f.buf[k++] = f.buf[i];
		}
	}
	strbuf_setlen(&f, k);
	for (i = 1; i < ARRAY_SIZE(names) && f.len; i++)
		if (!strncmp(names[i], f.buf, f.len))
			t = (enum decision_type)i;
	strbuf_release(&f);
	return t;
}

static bool digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* One end of a date filter: YYYY, YYYY-MM or YYYY-MM-DD; `last` picks the period's last day. */
static bool date_end(const char *s, size_t n, bool last, char out[11])
{
	if (n >= 7 && digits(s + 5, 2) && (atoi(s + 5) < 1 || atoi(s + 5) > 12))
		return false;
	if (n == 10 && digits(s + 8, 2) && (atoi(s + 8) < 1 || atoi(s + 8) > 31))
		return false;
	if (n == 4 && digits(s, 4)) {
		snprintf(out, 11, "%.4s-%s", s, last ? "12-31" : "01-01");
		return true;
	}
	if (n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2)) {
		snprintf(out, 11, "%.7s-%s", s, last ? "31" : "01");
		return true;
	}
	if (n == 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2)) {
		memcpy(out, s, 10);
		out[10] = '\0';
		return true;
	}
	return false;
}

static struct qnode *filter_node(struct parser *p, enum qfield field, const char *v, size_t at, size_t vat)
{
	struct qnode *n = node_new(Q_FILTER, at);
	const char *dots;
	struct case_no no;

	n->field = field;
	n->text = xstrdup(v);
	switch (field) {
	case QF_TYPE:
		if (!(n->type = type_value(v)))
			goto bad_value;
		break;
	case QF_BODY:
		if (!(n->body = body_normalise(v)))
			goto bad_value;
		break;
	case QF_TOPIC:
		/* A key ("NUFA|22/21|1") picks one body's case where bodies share a number. */
		if (strchr(v, '|')) {
			if (!scan_case_key(v))
				goto bad_value;
			break;
		}
		/* fall through */
	case QF_CASE:
		if (!scan_case_number(v, strlen(v), &no) || no.len != strlen(v))
			goto bad_value;
		memcpy(n->case_no, no.text, sizeof(no.text));
		break;
	case QF_NEW:
		/* "new:" alone means yes: it reads as a word of its own. */
		if (!*v || !strcasecmp(v, "yes") || !strcasecmp(v, "ja"))
			n->amended = true;
		else if (!strcasecmp(v, "no") || !strcasecmp(v, "nei"))
			n->amended = false;
		else
			goto bad_value;
		break;
	case QF_YEAR:
		if (strlen(v) == 4 && digits(v, 4))
			n->year = atoi(v);
		else if (strlen(v) == 2 && digits(v, 2))
			n->year = 2000 + atoi(v);
		else
			goto bad_value;
		break;
	case QF_DATE:
		dots = strstr(v, "..");
		if (dots) {
			if ((dots > v && !date_end(v, (size_t)(dots - v), false, n->date_from)) ||
			    (dots[2] && !date_end(dots + 2, strlen(dots + 2), true, n->date_to)) ||
			    (dots == v && !dots[2]))
				goto bad_value;
		} else if (!date_end(v, strlen(v), false, n->date_from) ||
			   !date_end(v, strlen(v), true, n->date_to)) {
			goto bad_value;
		}
		break;
	case QF_TAG: {
		char *t = tag_normalise(v);
		if (!t)
			goto bad_value;
		free(n->text);
		n->text = t;
		break;
	}
	case QF_RECORDED:
		/* yes/no asks whether there is one; anything else searches its words. */
		n->recorded = !strcasecmp(v, "yes") || !strcasecmp(v, "ja")   ? 1
			      : !strcasecmp(v, "no") || !strcasecmp(v, "nei") ? 0
									      : -1;
		break;
	case QF_OUTCOME:
		if (!strcasecmp(v, "none") || !strcasecmp(v, "ingen"))
			n->outcome = OUTCOME_NONE;
		else if (!(n->outcome = outcome_parse(v)))
			goto bad_value;
		break;
	case QF_DOC: {
		int k = doc_kind_parse(v);
		if (k < 0)
			goto bad_value;
		n->doc = (enum doc_kind)k;
		break;
	}
	case QF_AMENDED:
		if (!strcasecmp(v, "yes") || !strcasecmp(v, "ja") || !strcasecmp(v, "true"))
			n->amended = true;
		else if (!strcasecmp(v, "no") || !strcasecmp(v, "nei") || !strcasecmp(v, "false"))
			n->amended = false;
		else
			goto bad_value;
		break;
	default:
		break;
	}
	return n;
bad_value:
	node_free(n);
	switch (field) {
	case QF_TYPE:
		return fail(p, vat, _("unknown type '%s' (godkjenning, orientering or drøfting)"), v);
	case QF_BODY:
		return fail(p, vat, _("unknown body '%s' (NUFA, Nasjonalt e-helsestyre, NUIT)"), v);
	case QF_CASE:
		return fail(p, vat, _("'%s' is not a case number such as 11/21"), v);
	case QF_TOPIC:
		return fail(p, vat,
			    _("'%s' is not a case number such as 11/21 or a key such as NUFA|11/21|1"), v);
	case QF_YEAR:
		return fail(p, vat, _("'%s' is not a year such as 2021"), v);
	case QF_DATE:
		return fail(p, vat, _("'%s' is not a date or range such as 2021-04..2022-09"), v);
	case QF_TAG:
		return fail(p, vat, _("'%s' is not a tag name (letters, digits, - and _)"), v);
	case QF_OUTCOME:
		return fail(p, vat, _("unknown outcome '%s' (decided, postponed, withdrawn or none)"), v);
	case QF_DOC:
		return fail(p, vat, _("unknown kind of document '%s' (deck, notice or minutes)"), v);
	default:
		return fail(p, vat, _("'%s' is not yes or no"), v);
	}
}

/* A word, "phrase" or /regex/ at the cursor, searching `field`. */
static struct qnode *term(struct parser *p, enum qfield field, size_t at)
{
	struct qnode *n;
	size_t start = p->pos;
	char c = p->pos < p->n ? p->s[p->pos] : '\0';

	if (c == '"') {
		p->pos++;
		n = node_new(Q_TERM, at);
		n->field = field;
		n->term = QT_PHRASE;
		if (!(n->text = read_delimited(p, '"', start, _("quote"))) || !*n->text) {
			node_free(n);
			return p->failed ? NULL : fail(p, start, _("empty phrase"));
		}
		return n;
	}
	if (c == '/') {
		p->pos++;
		n = node_new(Q_TERM, at);
		n->field = field;
		n->term = QT_REGEX;
		if (!(n->text = read_delimited(p, '/', start, _("regular expression")))) {
			node_free(n);
			return NULL;
		}
		if (!*n->text) {
			node_free(n);
			return fail(p, start, _("empty regular expression"));
		}
		if (!(n->re = regex_compile(p, n->text, start + 1))) {
			node_free(n);
			return NULL;
		}
		return n;
	}
	while (p->pos < p->n && word_char(p->s[p->pos]))
		p->pos++;
	if (p->pos == start)
		return c ? fail(p, start, _("unexpected '%c'"), c) : fail(p, start, _("missing search term"));
	n = node_new(Q_TERM, at);
	n->field = field;
	n->term = QT_WORD;
	n->text = xstrndup(p->s + start, p->pos - start);
	if (p->s[p->pos - 1] == '*') {
		n->term = QT_PREFIX;
		n->text[p->pos - start - 1] = '\0';
		if (!*n->text) {
			node_free(n);
			return fail(p, start, _("a prefix needs at least one letter before '*'"));
		}
	}
	return n;
}

static struct qnode *parse_or(struct parser *p);

static struct qnode *primary(struct parser *p)
{
	size_t at, i;
	struct qnode *n;

	skip_space(p);
	at = p->pos;
	if (at >= p->n)
		return fail(p, at, _("missing search term at the end"));
	if (p->s[at] == '(') {
		if (++p->depth > QUERY_MAX_DEPTH)
			return fail(p, at, _("parentheses nested too deep"));
		p->pos++;
		n = parse_or(p);
		skip_space(p);
		if (!n)
			return NULL;
		if (p->pos >= p->n || p->s[p->pos] != ')') {
			node_free(n);
			return fail(p, at, _("unbalanced parenthesis: no closing )"));
		}
		p->pos++;
		p->depth--;
		return n;
	}
	if (p->s[at] == ')')
		return fail(p, at, _("unbalanced parenthesis: ) without ("));
	/* field:value */
	for (i = at; i < p->n && p->s[i] != ':' && word_char(p->s[i]) && p->s[i] != '/'; i++)
		;
	if (i < p->n && p->s[i] == ':' && i > at) {
		size_t k, vat = i + 1;
		enum qfield field = QF_ANY;
		bool known = false;

		for (k = 0; k < ARRAY_SIZE(fields); k++)
			if (strlen(fields[k].name) == i - at &&
			    !strncasecmp(p->s + at, fields[k].name, i - at)) {
				field = fields[k].field;
				known = true;
			}
		/* A pasted address (https://...) is text: the phrase of its words. */
		if (!known && i + 2 < p->n && p->s[i + 1] == '/' && p->s[i + 2] == '/') {
			size_t e = i;

			while (e < p->n && word_char(p->s[e]))
				e++;
			n = node_new(Q_TERM, at);
			n->field = QF_ANY;
			n->term = QT_PHRASE;
			n->text = xstrndup(p->s + at, e - at);
			p->pos = e;
			return n;
		}
		if (!known)
			return fail(p, at,
				    _("unknown field '%.*s:' (type, presenter, org, body, case, year, date, "
				      "title, decision, slide, amended, tag, recorded, outcome, doc, "
				      "attendee, topic, new)"),
				    (int)(i - at), p->s + at);
		p->pos = vat;
		/* "new:" is whole without a value: what arrived since the last look. */
		if (field == QF_NEW && (vat >= p->n || p->s[vat] == ' ' || p->s[vat] == ')'))
			return filter_node(p, field, "", at, vat);
		if (vat >= p->n || (!word_char(p->s[vat]) && p->s[vat] != '"'))
			return fail(p, vat, _("missing value after '%.*s:'"), (int)(i - at), p->s + at);
		if (field <= QF_SLIDE)
			return term(p, field, at);
		/* A filter's value is a name, a number or a date: a slash would be looked for as text. */
		if (p->s[vat] == '/')
			return fail(p, vat, _("'%.*s:' takes a value, not a pattern (/.../ is for the text)"),
				    (int)(i - at), p->s + at);
		n = term(p, QF_ANY, vat);
		if (!n)
			return NULL;
		{
			struct qnode *f = filter_node(p, field, n->text, at, vat);
			node_free(n);
			return f;
		}
	}
	return term(p, QF_ANY, at);
}

static struct qnode *unary(struct parser *p)
{
	size_t at;
	struct qnode *n, *inner;

	skip_space(p);
	at = p->pos;
	if (at_operator(p, "NOT")) {
		p->pos += 3;
	} else if (at < p->n && p->s[at] == '-' && at + 1 < p->n &&
		   ((word_char(p->s[at + 1]) && p->s[at + 1] != '-') || p->s[at + 1] == '"' ||
		    p->s[at + 1] == '(' || p->s[at + 1] == '/')) {
		/* -word, -"phrase", -(group), -/pattern/ */
		p->pos++;
	} else {
		return primary(p);
	}
	if (++p->depth > QUERY_MAX_DEPTH)
		return fail(p, at, _("NOT nested too deep"));
	inner = unary(p);
	p->depth--;
	if (!inner)
		return NULL;
	n = node_new(Q_NOT, at);
	n->a = inner;
	return n;
}

static bool at_end_of_and(struct parser *p)
{
	skip_space(p);
	return p->pos >= p->n || p->s[p->pos] == ')' || at_operator(p, "OR");
}

static struct qnode *parse_and(struct parser *p)
{
	struct qnode *left = unary(p);

	while (left && !at_end_of_and(p)) {
		struct qnode *right, *n;
		size_t at = p->pos;

		if (at_operator(p, "AND"))
			p->pos += 3;
		right = unary(p);
		if (!right) {
			node_free(left);
			return NULL;
		}
		n = node_new(Q_AND, at);
		n->a = left;
		n->b = right;
		left = n;
	}
	return left;
}

static struct qnode *parse_or(struct parser *p)
{
	struct qnode *left = parse_and(p);

	while (left) {
		struct qnode *right, *n;
		size_t at;

		skip_space(p);
		if (!at_operator(p, "OR"))
			break;
		at = p->pos;
		p->pos += 2;
		right = parse_and(p);
		if (!right) {
			node_free(left);
			return NULL;
		}
		n = node_new(Q_OR, at);
		n->a = left;
		n->b = right;
		left = n;
	}
	return left;
}

/* NOT alone can not be answered from an index; a query must have something positive. */
static bool has_positive(const struct qnode *n)
{
	switch (n->kind) {
	case Q_AND:
		return has_positive(n->a) || has_positive(n->b);
	case Q_OR:
		return has_positive(n->a) && has_positive(n->b);
	case Q_NOT:
		return false;
	default:
		return true;
	}
}

/* A word or phrase with no letter or digit ("'", "%"): nothing to search for. */
static bool wordless(const struct qnode *n)
{
	size_t i;

	if (n->kind != Q_TERM || n->term == QT_REGEX)
		return false;
	for (i = 0; n->text[i];) {
		uint32_t cp;
		size_t k = utf8_decode(n->text + i, strlen(n->text + i), &cp);
		if (k && (utf8_is_letter(cp) || (cp >= '0' && cp <= '9')))
			return false;
		i += k ? k : 1;
	}
	return true;
}

/* True if some positive part of the query has something to find. */
static bool finds_something(const struct qnode *n)
{
	switch (n->kind) {
	case Q_AND:
	case Q_OR:
		return finds_something(n->a) || finds_something(n->b);
	case Q_NOT:
		return false;
	default:
		return !wordless(n);
	}
}

static size_t count_terms(const struct qnode *n)
{
	return n->kind == Q_TERM || n->kind == Q_FILTER ? 1
							: count_terms(n->a) + (n->b ? count_terms(n->b) : 0);
}

enum vt_status query_compile(const char *text, struct query **out, struct vt_diag *diag)
{
	struct parser p = {text, strlen(text), 0, diag, false, 0};
	struct strbuf nfc = STRBUF_INIT;
	struct query *q;
	size_t bad;

	*out = NULL;
	vt_diag_clear(diag);
	if (p.n > QUERY_MAX_BYTES) {
		fail(&p, QUERY_MAX_BYTES, _("the query is too long (more than %d bytes)"), QUERY_MAX_BYTES);
		return VT_ERR_USAGE;
	}
	if ((bad = utf8_invalid_offset(text, p.n)) < p.n) {
		fail(&p, bad, _("invalid UTF-8 in the query"));
		return VT_ERR_USAGE;
	}
	/* Compared in NFC, as documents are stored (utf8.h). */
	if (utf8_needs_nfc(text, p.n)) {
		utf8_nfc(&nfc, text, p.n);
		p.s = text = nfc.buf;
		p.n = nfc.len;
	}
	q = xcalloc(1, sizeof(*q));
	q->text = xstrdup(text);
	skip_space(&p);
	if (p.pos < p.n) {
		q->root = parse_or(&p);
		skip_space(&p);
		if (q->root && p.pos < p.n)
			fail(&p, p.pos, _("unbalanced parenthesis: ) without ("));
		if (!p.failed && !q->root)
			fail(&p, 0, _("nothing to search for"));
		if (!p.failed && q->root && has_positive(q->root) && !finds_something(q->root))
			fail(&p, 0, _("nothing to search for: the query has no letter or digit"));
		if (!p.failed && q->root && !has_positive(q->root))
			fail(&p, 0, _("a query needs something to find, not only words to leave out"));
		if (!p.failed && q->root && count_terms(q->root) > QUERY_MAX_TERMS)
			fail(&p, 0, _("the query has more than %d terms"), QUERY_MAX_TERMS);
	}
	strbuf_release(&nfc);
	if (p.failed) {
		query_free(q);
		return VT_ERR_USAGE;
	}
	*out = q;
	return VT_OK;
}

static void each_positive(const struct qnode *n, void (*fn)(const struct qnode *n, void *arg), void *arg)
{
	if (!n || n->kind == Q_NOT)
		return;
	if (n->kind == Q_TERM)
		fn(n, arg);
	each_positive(n->a, fn, arg);
	each_positive(n->b, fn, arg);
}

void query_each_positive_term(const struct query *q, void (*fn)(const struct qnode *n, void *arg), void *arg)
{
	each_positive(q->root, fn, arg);
}

static void describe(struct strbuf *sb, const struct qnode *n)
{
	static const char *const kinds[] = {"WORD", "PREFIX", "PHRASE", "REGEX"};

	switch (n->kind) {
	case Q_AND:
	case Q_OR:
		strbuf_addstr(sb, n->kind == Q_AND ? "(AND " : "(OR ");
		describe(sb, n->a);
		strbuf_addch(sb, ' ');
		describe(sb, n->b);
		strbuf_addch(sb, ')');
		break;
	case Q_NOT:
		strbuf_addstr(sb, "(NOT ");
		describe(sb, n->a);
		strbuf_addch(sb, ')');
		break;
	case Q_TERM:
		strbuf_addf(sb, "(%s %s %s", kinds[n->term], field_names[n->field], n->text);
		if (n->read_as) {
			strbuf_addstr(sb, " read as ");
			describe(sb, n->read_as);
		}
		strbuf_addch(sb, ')');
		break;
	case Q_FILTER:
		strbuf_addf(sb, "(%s ", field_names[n->field]);
		switch (n->field) {
		case QF_TYPE:
			strbuf_addstr(sb, decision_type_name(n->type));
			break;
		case QF_BODY:
			strbuf_addstr(sb, n->body);
			break;
		case QF_CASE:
			strbuf_addstr(sb, n->case_no);
			break;
		case QF_TOPIC:
			strbuf_addstr(sb, n->case_no[0] ? n->case_no : n->text);
			break;
		case QF_NEW:
			strbuf_addstr(sb, n->amended ? "yes" : "no");
			break;
		case QF_YEAR:
			strbuf_addf(sb, "%d", n->year);
			break;
		case QF_DATE:
			strbuf_addf(sb, "%s..%s", n->date_from, n->date_to);
			break;
		case QF_AMENDED:
			strbuf_addstr(sb, n->amended ? "yes" : "no");
			break;
		case QF_RECORDED:
			strbuf_addstr(sb, n->recorded == 1 ? "yes" : n->recorded == 0 ? "no" : n->text);
			break;
		case QF_OUTCOME:
			strbuf_addstr(sb, n->outcome ? outcome_name(n->outcome) : "none");
			break;
		case QF_DOC:
			strbuf_addstr(sb, doc_kind_name(n->doc));
			break;
		default:
			strbuf_addstr(sb, n->text);
			break;
		}
		strbuf_addch(sb, ')');
		break;
	}
}

/* "drøfting", "drøftinger", "drøftingssaker", also without ø: a decision type as a member writes it. */
static enum decision_type type_word(const char *typed)
{
	struct strbuf folded = STRBUF_INIT;
	enum decision_type found = DECISION_NONE;
	const char *w;
	static const char *const stems[] = {NULL, "godkjenning", "orientering", "drøfting"};
	static const char *const endings[] = {"", "er", "en", "ene", "ssak", "ssaker", "ssakene", "spunkt"};
	size_t t, e;

	/* Lower case as Unicode has it: "DRØFTING" too. */
	utf8_fold(&folded, typed, strlen(typed));
	w = folded.buf ? folded.buf : "";
	for (t = 1; t < ARRAY_SIZE(stems) && !found; t++) {
		const char *rest = NULL;
		if (!strncmp(w, stems[t], strlen(stems[t])))
			rest = w + strlen(stems[t]);
		else if (t == DECISION_DROFTING && !strncmp(w, "drofting", 8))
			rest = w + 8;
		for (e = 0; rest && e < ARRAY_SIZE(endings) && !found; e++)
			if (!strcmp(rest, endings[e]))
				found = (enum decision_type)t;
	}
	strbuf_release(&folded);
	return found;
}

/* "2021-09-01", "2021-09" or "01.09.2021" as an ISO date or month in out[11]; false for anything else. */
static bool date_word(const char *w, char out[11])
{
	size_t n = strlen(w);

	if ((n == 10 || n == 7) && digits(w, 4) && w[4] == '-' && digits(w + 5, 2) &&
	    (n == 7 || (w[7] == '-' && digits(w + 8, 2)))) {
		memcpy(out, w, n + 1);
		return true;
	}
	if (n == 10 && digits(w, 2) && w[2] == '.' && digits(w + 3, 2) && w[5] == '.' && digits(w + 6, 4)) {
		snprintf(out, 11, "%.4s-%.2s-%.2s", w + 6, w + 3, w);
		return true;
	}
	return false;
}

static struct qnode *facet_of(const char *w, enum qfield (*known)(void *, const char *), void *arg)
{
	struct parser p = {w, strlen(w), 0, NULL, false, 0}; /* a value that fails is no facet */
	enum qfield field = QF_ANY;
	const char *value = w;
	struct case_no no;
	char date[11];

	if (strlen(w) == 4 && digits(w, 4) && atoi(w) >= 1990 && atoi(w) <= 2099)
		field = QF_YEAR;
	else if (date_word(w, date))
		field = QF_DATE, value = date;
	else if (strchr(w, '/') && scan_case_number(w, strlen(w), &no) && no.len == strlen(w))
		field = QF_CASE;
	else if (type_word(w))
		field = QF_TYPE, value = decision_type_name(type_word(w));
	else if (body_normalise(w))
		field = QF_BODY;
	else if (known)
		field = known(arg, w);
	if (field == QF_ANY)
		return NULL;
	return filter_node(&p, field, value, 0, 0);
}

static void and_operands(struct qnode *n, struct qnode ***v, size_t *len, size_t *alloc)
{
	if (n->kind == Q_AND) {
		and_operands(n->a, v, len, alloc);
		and_operands(n->b, v, len, alloc);
		return;
	}
	ALLOC_GROW(*v, *len + 1, *alloc);
	(*v)[(*len)++] = n;
}

static bool plain_word(const struct qnode *n)
{
	return n->kind == Q_TERM && n->term == QT_WORD && n->field == QF_ANY && !n->read_as;
}

/* "mars", "mar", "sept.", "march": the month a word names (three letters or more of it), 1 to 12, or 0. */
static int month_word(const char *w)
{
	static const char *const names[] = {"januar",	 "februar", "mars",	"april",
					    "mai",	 "juni",    "juli",	"august",
					    "september", "oktober", "november", "desember"};
	static const char *const english[] = {"january",   "february", "march",	   "april",
					      "may",	   "june",     "july",	   "august",
					      "september", "october",  "november", "december"};
	size_t i, n = strlen(w);

	if (n && w[n - 1] == '.')
		n--;
	for (i = 0; n >= 3 && i < ARRAY_SIZE(names); i++)
		if ((n <= strlen(names[i]) && !strncasecmp(w, names[i], n)) ||
		    (n <= strlen(english[i]) && !strncasecmp(w, english[i], n)))
			return (int)i + 1;
	return 0;
}

/* "21." or "21": a day of the month, 1 to 31, or 0. */
static int day_word(const char *w)
{
	size_t n = strlen(w);

	if (n && w[n - 1] == '.')
		n--;
	if (n < 1 || n > 2 || !digits(w, n))
		return 0;
	return atoi(w) >= 1 && atoi(w) <= 31 ? atoi(w) : 0;
}

static void read_facets(struct qnode *root, enum qfield (*known)(void *, const char *), void *arg)
{
	struct qnode **ops = NULL;
	size_t n = 0, alloc = 0, i;

	and_operands(root, &ops, &n, &alloc);
	for (i = 0; i < n; i++)
		if (plain_word(ops[i]))
			ops[i]->read_as = facet_of(ops[i]->text, known, arg);
	/* A month beside a year is that month: "mars 2023" as date:2023-03, and
	 * with a day before it that day: "21. april 2021" as date:2021-04-21. */
	for (i = 0; i < n; i++) {
		struct qnode *y =
		    i + 1 < n && ops[i + 1]->read_as && ops[i + 1]->read_as->field == QF_YEAR ? ops[i + 1]
		    : i > 0 && ops[i - 1]->read_as && ops[i - 1]->read_as->field == QF_YEAR   ? ops[i - 1]
											      : NULL;
		int month = plain_word(ops[i]) ? month_word(ops[i]->text) : 0;
		int day = month && y == ops[i + 1 < n ? i + 1 : i] && i > 0 && plain_word(ops[i - 1])
			      ? day_word(ops[i - 1]->text)
			      : 0;
		struct parser p = {"", 0, 0, NULL, false, 0};
		char *v;

		if (!y || !month)
			continue;
		v = day ? xasprintf("%04d-%02d-%02d", y->read_as->year, month, day)
			: xasprintf("%04d-%02d", y->read_as->year, month);
		ops[i]->read_as = filter_node(&p, QF_DATE, v, 0, 0);
		if (day)
			ops[i - 1]->read_as = filter_node(&p, QF_DATE, v, 0, 0);
		free(v);
	}
	free(ops);
}

void query_read_facets(struct query *q, enum qfield (*known)(void *arg, const char *word), void *arg)
{
	if (q->root)
		read_facets(q->root, known, arg);
}

const char *query_field_name(enum qfield f)
{
	return (unsigned)f < ARRAY_SIZE(field_names) ? field_names[f] : "";
}

const char *query_facet_value(const struct qnode *f)
{
	return f->field == QF_TYPE ? decision_type_name(f->type) : f->field == QF_BODY ? f->body : f->text;
}

/* A field as the user's language types it ("år:" in Norwegian; every name works in the query). */
static const char *field_label(enum qfield f)
{
	switch (f) {
	case QF_YEAR:
		return C_("query field", "year");
	case QF_DATE:
		return C_("query field", "date");
	case QF_TYPE:
		return C_("query field", "type");
	case QF_BODY:
		return C_("query field", "body");
	case QF_CASE:
		return C_("query field", "case");
	case QF_PRESENTER:
		return C_("query field", "presenter");
	case QF_ORG:
		return C_("query field", "org");
	case QF_TOPIC:
		return C_("query field", "topic");
	default:
		return field_names[f];
	}
}

static void describe_reading(const struct qnode *n, struct strbuf *sb)
{
	if (n->kind == Q_AND) {
		describe_reading(n->a, sb);
		describe_reading(n->b, sb);
	} else if (n->kind == Q_TERM && n->read_as) {
		const struct qnode *f = n->read_as;
		if (sb->len)
			strbuf_addstr(sb, ", ");
		/* TRANSLATORS: how a plain word of a query was read: "2022 as year:2022". */
		strbuf_addf(sb, _("%s as %s:%s"), n->text, field_label(f->field), query_facet_value(f));
	}
}

void query_describe_reading(const struct query *q, struct strbuf *sb)
{
	struct strbuf own = STRBUF_INIT;

	if (q->root)
		describe_reading(q->root, &own);
	strbuf_addstr(sb, own.len ? own.buf : "");
	strbuf_release(&own);
}

char *query_describe(const struct query *q)
{
	struct strbuf sb = STRBUF_INIT;

	if (q->root)
		describe(&sb, q->root);
	else
		strbuf_addstr(&sb, "(ALL)");
	return strbuf_detach(&sb, NULL);
}

char *tag_normalise(const char *s)
{
	struct strbuf f = STRBUF_INIT;
	size_t i = 0, n = strlen(s);

	if (!n || n > 64)
		return NULL;
	utf8_fold(&f, s, n);
	while (i < f.len) {
		uint32_t cp;
		size_t k = utf8_decode(f.buf + i, f.len - i, &cp);

		/* Letters of any script with their marks, digits, - and _: no
		 * spaces, controls, bidirectional or zero-width characters, which
		 * would make two tags that look alike. */
		if (!k || !(utf8_is_letter(cp) || utf8_is_mark(cp) || utf8_is_digit(cp) || cp == '-' ||
			    cp == '_')) {
			strbuf_release(&f);
			return NULL;
		}
		i += k;
	}
	return strbuf_detach(&f, NULL);
}

void query_chain_operands(const struct qnode *n, enum qnode_kind kind, const struct qnode ***v, size_t *len,
			  size_t *alloc)
{
	if (n->kind == kind) {
		query_chain_operands(n->a, kind, v, len, alloc);
		query_chain_operands(n->b, kind, v, len, alloc);
		return;
	}
	ALLOC_GROW(*v, *len + 1, *alloc);
	(*v)[(*len)++] = n;
}
