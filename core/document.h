/*
 * document.h: one document in, whatever its form and kind: a PDF (read
 * through pdf.h) or text, recognised from its content as a slide deck, a
 * notice or minutes, and handed to the reader for its kind.
 */
#ifndef VEDTAK_DOCUMENT_H
#define VEDTAK_DOCUMENT_H

#include <stddef.h>

#include "core/deck.h"
#include "core/status.h"
#include "core/strbuf.h"

/*
 * Reads the `len` bytes at `data` (which must hold len + 1 bytes; their
 * contents are undefined afterwards) as the document `source`. On success
 * *out is a new deck (caller frees) with its kind, source, digest (of the
 * bytes as given) and page count, and `text` (may be NULL) receives the
 * document's text as read: what document_read_text() reads again when
 * the meeting is rebuilt from its documents. On failure *out is NULL and
 * `diag` says why, with the line where one applies.
 */
enum vt_status document_read(const char *source, char *data, size_t len, struct deck **out,
			     struct strbuf *text, struct vt_diag *diag);

/* Whether document_read() reads a file so named, beginning with `head` (n bytes, 1024 will do), as a PDF. */
bool document_is_pdf(const char *source, const char *head, size_t n);

/*
 * Reads a document's text as document_read() kept it (for a PDF, its
 * text, not its bytes): `sha256` and `size` are the original file's,
 * recorded again in the deck. `source` is the document's stored name,
 * kept as it is (not cut to a file name as document_read() does a path).
 */
enum vt_status document_read_text(const char *source, const char *text, size_t len, const char *sha256,
				  long size, struct deck **out, struct vt_diag *diag);

#endif
