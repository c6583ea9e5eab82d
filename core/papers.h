/*
 * papers.h: the readers of a meeting's papers: the notice (møteinnkalling
 * with its agenda table and case papers) and the minutes (referat,
 * protokoll). Both are read by the same recognisers over pages of lines:
 * the header block, attendance lists, agenda tables, case sections and
 * decision labels; the kind decides which decision a label records.
 */
#ifndef VEDTAK_PAPERS_H
#define VEDTAK_PAPERS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deck.h"
#include "core/lines.h"
#include "core/status.h"

/*
 * Guesses the kind of document from its first page: a title line
 * ("Møteinnkalling", "Referat", "Protokoll"), header labels (Dato, Sted)
 * and an agenda table make a notice or minutes; anything else is read as a
 * slide deck.
 */
enum doc_kind papers_kind(const struct deck_lines *dl);

/*
 * Reads a notice or minutes from `dl` into `d` (whose source and digest
 * the caller set). VT_ERR_FORMAT with a reason in `diag` when no case is
 * found: a news item or a page of links that names a case is not a meeting.
 */
enum vt_status papers_read(struct deck *d, const struct deck_lines *dl, enum doc_kind kind,
			   struct vt_diag *diag);

/*
 * Calls `fn` for each person in a list such as "Bente Aalgaard, E-helse og
 * Rune Tveitnes (Helse Vest RHF)", with the organisation written after
 * them (or NULL). Exposed for tests.
 */
void papers_people(const char *s, size_t n, void (*fn)(const char *name, const char *org, void *arg),
		   void *arg);

/* True if `s` reads as a person's name: two to five capitalised words, no organisation word. */
bool papers_person_name(const char *s, size_t n);

#endif
