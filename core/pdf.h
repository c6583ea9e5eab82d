/*
 * pdf.h: a PDF's text layer as text laid out the way `pdftotext -layout`
 * lays it out: one line per printed row, columns kept apart by spaces, a
 * form feed before each page after the first. Every reader of text then
 * reads PDFs too, and a page keeps its number (form feeds + 1).
 */
#ifndef VEDTAK_PDF_H
#define VEDTAK_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "core/strbuf.h"

/* True if `data` starts like a PDF ("%PDF-" within its first 1024 bytes). */
bool pdf_sniff(const char *data, size_t len);

/*
 * Appends the text of the PDF in `data` to `out` and sets *pages. Errors
 * (VT_ERR_FORMAT, with a message in `diag`): encrypted, damaged, not a PDF,
 * no text layer ("no text layer: scanned?"). Pages are read one at a time,
 * so memory beyond `data` grows with the text, not with the page count.
 */
enum vt_status pdf_text(const char *data, size_t len, struct strbuf *out, long *pages, struct vt_diag *diag);

#endif
