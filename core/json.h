/*
 * json.h: JSON text for the model, written into a strbuf (the library
 * never writes to a stream itself; the caller prints the buffer).
 */
#ifndef VEDTAK_JSON_H
#define VEDTAK_JSON_H

#include "core/deck.h"
#include "core/strbuf.h"

/* Appends `s` as a JSON string literal, or null for NULL. */
void json_string(struct strbuf *sb, const char *s);

/* Appends the case's presenters on one line: [{"name": ..., "organization": ...}, ...]. */
void json_presenters(struct strbuf *sb, const struct deck_case *c);

/*
 * Appends one meeting as the object the export contract describes
 * (source, body, heading, venue, dates, member_changes, agenda, cases with
 * presenters and slides), indented by `indent` spaces.
 */
void json_meeting(struct strbuf *sb, const struct deck *d, int indent);

#endif
