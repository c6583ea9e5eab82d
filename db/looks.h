/*
 * looks.h: when the user of this machine last looked, at the archive (the
 * UI's start screen: new: in a query) and at each saved search, and what
 * arrived since. A case arrives when its key is first imported (a
 * re-import is no news). Looks are this machine's and are not synced:
 * another machine's user has looked at other times.
 */
#ifndef VEDTAK_LOOKS_H
#define VEDTAK_LOOKS_H

#include <stddef.h>

#include "core/status.h"

struct store;

/* The look at the archive (new:), and that at saved search NAME ("saved:" NAME). */
#define LOOK_ARCHIVE "archive"

/*
 * Records a look at `what` ("archive", or "saved:" and a name) at time `at`
 * (from store_now(); NULL: now). A read-only store records nothing.
 */
enum vt_status store_look(struct store *s, const char *what, const char *at, struct vt_diag *diag);

/* The time as looks and arrivals keep it ("2026-12-03T13:20:45.003Z"), or NULL. Caller frees. */
char *store_now(struct store *s);

/* What arrived since the last look at the archive. */
struct arrivals {
	size_t cases, meetings;
	char *meetings_text; /* "NUFA 15.03.2023, NUIT 23.11.2022" (dates as the language writes them in a
			      * column), newest first, at most two; NULL if none */
};

enum vt_status store_arrivals(struct store *s, struct arrivals *out, struct vt_diag *diag);
void arrivals_release(struct arrivals *a);

#endif
