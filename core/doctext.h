/*
 * doctext.h: a document's text kept as references to its meeting's slides.
 *
 * A meeting keeps the text of each of its documents, so that it can be
 * joined again when one of them is imported anew, and nearly all of a
 * deck's text is its slides, which the meeting stores beside it. The text
 * is therefore kept as pieces: runs copied from a slide, and the bytes
 * between them (trailing spaces, blank lines, bullets, CRs) as written.
 * It reads back byte for byte, or the caller keeps it whole.
 *
 * The encoding: a byte 'S', the text's length as a varint, then pieces
 * until the end. A piece begins with a varint n << 1 | kind. Kind 0: n
 * bytes as written follow. Kind 1: n bytes of a slide, given as the
 * difference of its id from the previous copy's (zigzag varint) and of
 * its offset from where the previous copy of the same slide ended (zigzag
 * varint; from 0 for another slide).
 */
#ifndef VEDTAK_DOCTEXT_H
#define VEDTAK_DOCTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/strbuf.h"

/* A slide as the meeting stores it: its row id, its text, its first line in its document. */
struct doctext_slide {
	int64_t id;
	const char *text;
	size_t len;
	long line;
};

/*
 * Encodes text[0..len) against slides v[0..n) into `out` (reset first).
 * Each slide is looked for at its line of the text (lines counted from 1
 * by '\n', after a UTF-8 byte-order mark); slides of other documents are
 * not found there and go unused. Sorts v by line. Returns false, with
 * `out` empty, when the encoding would not be under half the text: the
 * caller keeps the text whole then.
 */
bool doctext_encode(const char *text, size_t len, struct doctext_slide *v, size_t n, struct strbuf *out);

/* The slide text of row `id` (its length in *len), or NULL when the meeting has no such slide. */
typedef const char *(*doctext_lookup_fn)(void *arg, int64_t id, size_t *len);

/*
 * Reads encoding b[0..nb) back into `out` (reset first). VT_ERR_FORMAT
 * with `diag` filled when it is damaged or refers to a slide that
 * `lookup` does not have or that is shorter than the copy.
 */
enum vt_status doctext_decode(const unsigned char *b, size_t nb, doctext_lookup_fn lookup, void *arg,
			      struct strbuf *out, struct vt_diag *diag);

#endif
