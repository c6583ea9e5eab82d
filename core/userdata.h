/*
 * userdata.h: the rules what users write must meet (tags, notes, saved
 * searches, authors, case keys, operation ids and times), one set for
 * what is typed here and what a sync file brings from another machine.
 * Each check returns NULL when the value is acceptable, else a short
 * reason in the user's language (static storage).
 */
#ifndef VEDTAK_USERDATA_H
#define VEDTAK_USERDATA_H

#include <stdbool.h>
#include <time.h>

/* Limits, named once. */
#define NOTE_MAX_BYTES	     (64 * 1024)
#define SAVED_NAME_MAX_BYTES 64
#define AUTHOR_MAX_BYTES     128
/* How far ahead of this machine's clock another machine's may run. */
#define SYNC_CLOCK_SKEW_SECONDS (60 * 60)

/* A tag name already normalised (query.h: tag_normalise gives it back unchanged), or as an older vedtak
 * stored it. */
const char *userdata_tag_problem(const char *tag);
/* A note: text with no control character but tab and newline, not blank, at most NOTE_MAX_BYTES. */
const char *userdata_note_problem(const char *text);
/* A saved search's name: one line of text, no control character, at most SAVED_NAME_MAX_BYTES. */
const char *userdata_saved_name_problem(const char *name);
/*
 * A saved search's query: one line of text; with `compiles`, one that
 * compiles. Typed here it must; from another machine it need not (an
 * older vedtak took queries this one refuses, such as deeper nesting), as
 * `saved list` shows such a search with "?" for its count.
 */
const char *userdata_saved_query_problem(const char *query, bool compiles);
/* Who wrote it: one line, no control character, at most AUTHOR_MAX_BYTES. */
const char *userdata_author_problem(const char *author);
/* A case's stable key, BODY|NUMBER|OCCURRENCE (core/deck.h); 0 for an older vedtak's agenda-only case. */
const char *userdata_case_key_problem(const char *key);
/* A machine id or a batch id: 1 to 64 lower-case hex digits. */
const char *userdata_hex_id_problem(const char *id);
/* An operation id: MACHINE-RANDOM, both hex ids. */
const char *userdata_op_id_problem(const char *id);
/* A time as operations record it, 2025-01-02T03:04:05.678Z, not later than `now` plus the skew. */
const char *userdata_time_problem(const char *at, time_t now);

#endif
