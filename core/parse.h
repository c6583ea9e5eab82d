/*
 * parse.h: the deck parser: slide-deck text export in, struct deck out.
 */
#ifndef VEDTAK_PARSE_H
#define VEDTAK_PARSE_H

#include <stddef.h>

#include "core/deck.h"
#include "core/lines.h"
#include "core/status.h"

/*
 * Parses `len` bytes of deck text. `source` is the file name recorded in
 * the deck (folders are dropped). On success returns VT_OK and sets *out to
 * a new deck that the caller frees with deck_free(); irregularities that
 * did not stop the parse are in (*out)->warnings. On failure returns
 * VT_ERR_FORMAT, sets *out to NULL and fills `diag` with the line (and byte
 * offset, for encoding errors) and what was wrong.
 */
enum vt_status deck_parse(const char *source, const char *data, size_t len, struct deck **out,
			  struct vt_diag *diag);

/*
 * The same, but cleans `data` in place instead of copying it, so that a
 * large file costs its size once: `data` must hold len + 1 bytes; its
 * contents are undefined afterwards. The caller still owns it.
 */
enum vt_status deck_parse_in_place(const char *source, char *data, size_t len, struct deck **out,
				   struct vt_diag *diag);

/*
 * Reads a deck from lines the caller split (and still owns) into `d`,
 * whose source and digest the caller set. Errors as deck_parse().
 */
enum vt_status deck_read_lines(struct deck *d, const struct deck_lines *dl, struct vt_diag *diag);

#endif
