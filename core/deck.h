/*
 * deck.h: the in-memory model of one meeting's slide deck: the meeting, its
 * member changes, its agenda, its cases with presenters and slides, and the
 * warnings the parser raised. The parser fills it, the store saves and loads
 * it, the exporters write it.
 *
 * Ownership: a struct deck owns every string and array reachable from it;
 * deck_free() releases all of it. Strings are UTF-8; NULL means "absent".
 */
#ifndef VEDTAK_DECK_H
#define VEDTAK_DECK_H

#include <stdbool.h>
#include <stddef.h>

enum decision_type {
	DECISION_NONE = 0,
	DECISION_GODKJENNING,
	DECISION_ORIENTERING,
	DECISION_DROFTING,
};

enum decision_source {
	SOURCE_NONE = 0,
	SOURCE_AGENDA,		 /* the agenda table gives the type */
	SOURCE_ANNOUNCED_CHANGE, /* the deck announces a changed type */
	SOURCE_INFERRED,	 /* read from the proposed decision's wording */
};

/* A case's facets: a bit per type, (1u << DECISION_GODKJENNING) and so on. */
#define DECISION_FACET(t) (1u << (unsigned)(t))

/* What kind of document a meeting's text came from. */
enum doc_kind {
	DOC_DECK = 0, /* a slide deck */
	DOC_NOTICE,   /* a meeting notice with its agenda and case papers */
	DOC_MINUTES,  /* minutes: attendance and the decisions made */
};

/* "deck", "notice", "minutes". */
const char *doc_kind_name(enum doc_kind k);
/* The same for people, in the user's language ("minutes", "referat"). */
const char *doc_kind_label(enum doc_kind k);
/* The kind for a name as doc_kind_name() writes it (also "referat", "innkalling"); -1 if unknown. */
int doc_kind_parse(const char *s);

/* What became of a case at the meeting, as the minutes record it. */
enum outcome {
	OUTCOME_NONE = 0, /* unknown, or nothing was decided */
	OUTCOME_DECIDED,
	OUTCOME_POSTPONED,
	OUTCOME_WITHDRAWN,
};

/* "decided", "postponed", "withdrawn", or NULL. */
const char *outcome_name(enum outcome o);
enum outcome outcome_parse(const char *s);
/* The same for people, in the user's language ("postponed", "utsatt"), or NULL. */
const char *outcome_label(enum outcome o);

/*
 * A type as a document writes it ("Orientering/drøfting", "D",
 * "Vedtakssak") to its facets; *written (may be NULL) gets the form to
 * keep, with a letter code written out ("Drøfting"); caller frees. 0 if the
 * text names no type.
 */
unsigned decision_facets_parse(const char *s, size_t n, char **written);

/* "Godkjenning" etc., or NULL for DECISION_NONE. */
const char *decision_type_name(enum decision_type t);
/* Parses a name as written ("drøfting", "Drøfting"); DECISION_NONE if unknown. */
enum decision_type decision_type_parse(const char *s);
/* "agenda", "announced_change", "inferred", or NULL. */
const char *decision_source_name(enum decision_source s);
/* The same for people, in the user's language ("from the agenda"), or NULL. */
const char *decision_source_label(enum decision_source s);

enum decision_source decision_source_parse(const char *s);

/* One person on a meeting's attendance list. */
enum attendee_role {
	ROLE_MEMBER = 0,
	ROLE_OBSERVER,
	ROLE_ABSENT,
	ROLE_SUBSTITUTE,
	ROLE_SECRETARIAT,
};

/* "member", "observer", "absent", "substitute", "secretariat". */
const char *attendee_role_name(enum attendee_role r);
/* The same for people, in the user's language, as a list's heading ("Members", "Medlemmer"). */
const char *attendee_role_label(enum attendee_role r);
int attendee_role_parse(const char *s);

struct attendee {
	char *name;
	char *organization; /* as written, may be a role ("fastlegerepresentant") */
	enum attendee_role role;
	char *for_name; /* the person a substitute stands in for */
	char *note;	/* "dag 1", "ikke til stede under sak 14/23" */
	char *source;	/* the document it was read from */
	long line;
};

/* One document that went into a meeting (a merged meeting has several). */
struct document {
	char *source;	   /* its stored name: the file name, or folder/file name (db/store.c) */
	char *source_path; /* absolute path when imported, or NULL */
	enum doc_kind kind;
	char sha256[65];
	long size, pages, line_count;
	char *imported_at;
};

struct presenter {
	char *name;
	char *organization;
};

struct slide {
	char *page; /* the page label as written ("Side 17"), or NULL */
	char *text;
	size_t len; /* of text */
	long line;  /* first line in the source file */
};

/* What groups a case into a topic (core/topics.h), as words; each part owned, "" when empty. */
struct case_signature {
	char *title, *decision, *orgs, *slides, *refs;
};

/* An abbreviation a case's text defines, with the keys search looks it up by (db/rank.h). */
struct case_abbrev {
	char *abbr_key, *abbr, *long_form, *long_key;
};

struct strbuf;
struct index_tokens;

/* The columns of a case in the index: title, decision, people, slides (db/schema.c's case_doc). */
#define CASE_INDEX_COLUMNS 4
#define CASE_INDEX_SLIDES  3

/* What the store derives from a case's text at import (store_case_lexicon()). */
struct case_lexicon {
	struct case_abbrev *abbrevs;
	size_t nabbrevs, abbrevs_alloc;
	unsigned char *marks; /* where its slides begin, as db/rank.h packs them */
	size_t marks_len;
	/* Its columns' texts as the index is given them, and their tokens (core/words.h). */
	struct strbuf *columns;	     /* CASE_INDEX_COLUMNS */
	struct index_tokens *tokens; /* CASE_INDEX_COLUMNS */
	char *slide_keywords;	     /* with the tokens: its slides' keywords (topic_keyword_count_end()) */
};

struct deck_case {
	long id;	    /* the store's id, once saved (0 before) */
	char *number;	    /* "11/21" */
	int seq;	    /* 11 */
	int year;	    /* 2021 */
	int occurrence;	    /* 1 for the first heading with this number in the deck */
	char *key;	    /* the stable key the store gave it (deck_keys_assign); NULL before */
	char *title;	    /* from the section heading (or the agenda if none) */
	char *agenda_title; /* from the agenda row, or NULL */
	struct presenter *presenters;
	size_t npresenters, presenters_alloc;
	enum decision_type type; /* the first of its facets */
	enum decision_source type_source;
	char *type_written; /* the type as the document wrote it, or NULL (then the type's name) */
	unsigned facets;    /* DECISION_FACET bits; 0 without a type */
	int day;	    /* agenda day, 0 if unknown */
	char *time;	    /* "10:25" */
	char *decision;
	bool amended;
	char *recorded;	       /* the decision the minutes record, or NULL */
	char *recorded_source; /* the document that recorded it */
	enum outcome outcome;
	int position; /* 1-based order of the section in the deck */
	long line_start, line_end;
	char *source; /* the document line_start and line_end are lines of; NULL: the meeting's source */
	struct slide *slides;
	size_t nslides, slides_alloc;
	/*
	 * Made beside the parse from this case's own text (topic_case_sign()),
	 * or NULL; a case merged from several documents has none, and the
	 * store makes it from what it joined.
	 */
	struct case_signature *signature;
	/* Made beside the parse too (store_case_lexicon()), or NULL: the store makes it. */
	struct case_lexicon *lexicon;
};

struct agenda_item {
	int day;
	char *time;
	char *number;	  /* NULL for breaks ("Pause", "Lunsj", "Slutt dag 1") */
	char *title;	  /* the case title, or the break's label */
	char *presenters; /* as written, names joined by ", " */
	char *organization;
	enum decision_type type;
	char *type_written; /* when it is more than `type` says: "Orientering/drøfting"; else NULL */
	char *remark;	    /* e.g. "Teams" for a row marked "11/24 - Teams" */
	long line;
};

struct member_change {
	char *kind; /* "new_member" or "substitute" */
	char *person;
	char *organization;
	char *replaces;
	char *note;
	long line;
};

struct deck_warning {
	long line;
	char *msg;
};

struct deck {
	long id;	   /* the store's id, once saved (0 before) */
	char *source;	   /* the file name, or the stored name it was given (deck_rename()) */
	char *source_path; /* the file's absolute path when imported, or NULL */
	char sha256[65];
	long size; /* bytes */
	long line_count;
	char *body;    /* normalised: "NUFA", "Nasjonalt e-helsestyre", "NUIT" */
	char *heading; /* the heading line as written */
	char *venue;
	char *start_date; /* YYYY-MM-DD */
	char *end_date;
	char *imported_at;    /* set by the store */
	enum doc_kind kind;   /* of a single document; a merged meeting keeps its first's */
	char *meeting_number; /* "2/2023" as written, or NULL */
	long pages;	      /* pages (form feeds + 1), 0 for text without any */

	struct attendee *attendance;
	size_t nattendance, attendance_alloc;
	/* The documents the meeting is made of, first imported first. */
	struct document *docs;
	size_t ndocs, docs_alloc;

	struct member_change *members;
	size_t nmembers, members_alloc;
	struct agenda_item *agenda;
	size_t nagenda, agenda_alloc;
	struct deck_case *cases;
	size_t ncases, cases_alloc;
	/* Text outside every case (title slide, breaks), kept for search. */
	struct slide *other;
	size_t nother, other_alloc;
	struct deck_warning *warnings;
	size_t nwarnings, warnings_alloc;
};

/* Frees what one case owns (not the case itself, which lives in the deck's array). */
void deck_case_release(struct deck_case *c);

struct deck *deck_new(void);
void case_signature_free(struct case_signature *s); /* NULL is fine */
void case_lexicon_free(struct case_lexicon *l);	    /* NULL is fine */
void deck_free(struct deck *d);			    /* NULL is fine */
/*
 * Names the parsed deck `d` a copy of `source`, and with it what its parse
 * recorded as read from it under its old name (attendance, cases' lines
 * and decisions). A merged meeting's documents (`docs`) are not renamed.
 */
void deck_rename(struct deck *d, const char *source);

/* Appends zeroed elements and return them; the deck owns what is stored in them. */
struct deck_case *deck_add_case(struct deck *d);
struct agenda_item *deck_add_agenda_item(struct deck *d);
/* Moves `from`'s agenda items, and what they own, to the end of `to`'s; `from` has none after. */
void deck_take_agenda(struct deck *to, struct deck *from);
struct member_change *deck_add_member(struct deck *d);
struct attendee *deck_add_attendee(struct deck *d);
struct document *deck_add_document(struct deck *d);
/* Sets the case's type from a name as written (see decision_facets_parse); false if none. */
bool case_set_type(struct deck_case *c, const char *s, size_t n, enum decision_source src);
/* The case's facets; a deck's case has only its one type. */
static inline unsigned case_facets(const struct deck_case *c)
{
	return c->facets ? c->facets : c->type ? DECISION_FACET(c->type) : 0;
}
/* Whether the decision changed the proposal: -1 when unknown (no proposal,
 * or the minutes say nothing was decided), else 0 or 1. */
static inline int case_amended(const struct deck_case *c)
{
	if (!c->decision || (c->outcome != OUTCOME_NONE && c->outcome != OUTCOME_DECIDED))
		return -1;
	return c->amended;
}
/* The type to show and export: as written, else the type's name, else NULL. */
const char *case_type_text(const struct deck_case *c);
struct presenter *case_add_presenter(struct deck_case *c, const char *name, const char *org);
struct slide *slide_list_add(struct slide **v, size_t *n, size_t *alloc, const char *page, const char *text,
			     long line);
void deck_warn(struct deck *d, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * The case's stable key (caller frees): the one the store gave it, else
 * made of body, number and occurrence ("NUFA|11/21|1").
 */
char *deck_case_key(const struct deck *d, const struct deck_case *c);

/* Cases by number, to find those of one number in log n. */
struct case_number_ref {
	const char *number;
	size_t idx;
};
/* { numbers[i], i } sorted by number, then by i; caller frees. */
struct case_number_ref *case_numbers_sort(const char *const *numbers, size_t n);
/* The first entry of v[0..n) with `number`, or n if none. */
size_t case_numbers_find(const struct case_number_ref *v, size_t n, const char *number);

/*
 * occ[i] = 1 + how many of numbers[0..i) equal numbers[i]: which heading of
 * that number the i-th is. Sorting, not comparing each with those before
 * it, so that a meeting of 100,000 cases is read in n log n.
 */
void case_occurrences(const char *const *numbers, size_t n, int *occ);

/* A case as the database held it before a re-import: what its key is matched on. */
struct prior_case {
	const char *key, *number, *title, *decision;
	long line;
	bool kept; /* set by deck_keys_assign: a case of the new deck took its key */
};

/*
 * The keys of `d`'s cases when it replaces a meeting whose cases were
 * `old`: a key follows its case, not its position. Among cases of the same
 * number, a new case takes the key of the old one with the same title and
 * decision, else the same title, else the same decision, and only then the
 * next one in order; a case with none gets a key no case of the meeting
 * has. So cutting a case's section, or the first of two headings of one
 * number, moves no tag to another case. Returns d->ncases keys (caller
 * frees each and the array); marks in `old` which keys live on.
 */
char **deck_keys_assign(const struct deck *d, struct prior_case *old, size_t nold);

#endif
