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
	SOURCE_AGENDA,           /* the agenda table gives the type */
	SOURCE_ANNOUNCED_CHANGE, /* the deck announces a changed type */
	SOURCE_INFERRED,         /* read from the proposed decision's wording */
};

/* "Godkjenning" etc., or NULL for DECISION_NONE. */
const char *decision_type_name(enum decision_type t);
/* Parses a name as written ("drøfting", "Drøfting"); DECISION_NONE if unknown. */
enum decision_type decision_type_parse(const char *s);
/* "agenda", "announced_change", "inferred", or NULL. */
const char *decision_source_name(enum decision_source s);
/* The same for people, in the user's language ("from the agenda"), or NULL. */
const char *decision_source_label(enum decision_source s);

enum decision_source decision_source_parse(const char *s);

struct presenter {
	char *name;
	char *organization;
};

struct slide {
	char *page; /* the page label as written ("Side 17"), or NULL */
	char *text;
	long line;  /* first line in the source file */
};

struct deck_case {
	long id;      /* the store's id, once saved (0 before) */
	char *number; /* "11/21" */
	int seq;      /* 11 */
	int year;     /* 2021 */
	int occurrence; /* 1 for the first heading with this number in the deck */
	char *title;        /* from the section heading (or the agenda if none) */
	char *agenda_title; /* from the agenda row, or NULL */
	struct presenter *presenters;
	size_t npresenters, presenters_alloc;
	enum decision_type type;
	enum decision_source type_source;
	int day;    /* agenda day, 0 if unknown */
	char *time; /* "10:25" */
	char *decision;
	bool amended;
	int position; /* 1-based order of the section in the deck */
	long line_start, line_end;
	struct slide *slides;
	size_t nslides, slides_alloc;
};

struct agenda_item {
	int day;
	char *time;
	char *number; /* NULL for breaks ("Pause", "Lunsj", "Slutt dag 1") */
	char *title;  /* the case title, or the break's label */
	char *presenters; /* as written, names joined by ", " */
	char *organization;
	enum decision_type type;
	char *remark; /* e.g. "Teams" for a row marked "11/24 - Teams" */
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
	long id;        /* the store's id, once saved (0 before) */
	char *source;   /* file name without folders */
	char *source_path; /* the file's absolute path when imported, or NULL */
	char sha256[65];
	long size;      /* bytes */
	long line_count;
	char *body;     /* normalised: "NUFA", "Nasjonalt e-helsestyre", "NUIT" */
	char *heading;  /* the heading line as written */
	char *venue;
	char *start_date; /* YYYY-MM-DD */
	char *end_date;
	char *imported_at; /* set by the store */

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
void deck_free(struct deck *d); /* NULL is fine */

/* Appends zeroed elements and return them; the deck owns what is stored in them. */
struct deck_case *deck_add_case(struct deck *d);
struct agenda_item *deck_add_agenda_item(struct deck *d);
struct member_change *deck_add_member(struct deck *d);
struct presenter *case_add_presenter(struct deck_case *c, const char *name, const char *org);
struct slide *slide_list_add(struct slide **v, size_t *n, size_t *alloc, const char *page,
			     const char *text, long line);
void deck_warn(struct deck *d, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The case's stable key: body, number and occurrence ("NUFA|11/21|1"); caller frees. */
char *deck_case_key(const struct deck *d, const struct deck_case *c);

#endif
