/*
 * document.c: from a file's bytes to a meeting document: PDF or text,
 * then deck, notice or minutes by what the first page says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/document.h"
#include "core/i18n.h"
#include "core/lines.h"
#include "core/papers.h"
#include "core/parse.h"
#include "core/pdf.h"
#include "core/sha256.h"
#include "core/unflatten.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

bool document_is_pdf(const char *source, const char *head, size_t n)
{
	size_t len = source ? strlen(source) : 0;

	return pdf_sniff(head, n) || (len >= 4 && !strcasecmp(source + len - 4, ".pdf"));
}

/*
 * A slide deck names its meeting's cases in an agenda or proposes their
 * decisions; a news item or a page of links that mentions a case or two
 * does neither, and no meeting is made of it.
 */
static bool deck_is_meeting(const struct deck *d)
{
	size_t i;

	if (d->nagenda || d->ncases >= 3)
		return true;
	for (i = 0; i < d->ncases; i++)
		if (d->cases[i].decision)
			return true;
	return false;
}

/* Reads split lines by their kind; a notice that turns out to have no table is tried as a deck. */
static enum vt_status read_lines(struct deck *d, const struct deck_lines *dl, struct vt_diag *diag)
{
	enum doc_kind kind = papers_kind(dl);
	enum vt_status st;

	if (kind == DOC_DECK) {
		st = deck_read_lines(d, dl, diag);
		if (st == VT_OK && !deck_is_meeting(d))
			st = vt_fail(diag, VT_ERR_FORMAT, d->cases[0].line_start,
				     _("not a meeting document: %zu case heading(s) but no agenda and no "
				       "proposed decision "
				       "(a news item or a page of links?)"),
				     d->ncases);
		return st;
	}
	st = papers_read(d, dl, kind, diag);
	if (st == VT_OK || d->ncases)
		return st;
	/* Nothing of a notice after all: as a deck, or the notice's reason. */
	{
		struct vt_diag deck_diag;
		struct deck *alt = deck_new();

		vt_diag_clear(&deck_diag);
		alt->source = xstrdup(d->source);
		if (deck_read_lines(alt, dl, &deck_diag) == VT_OK) {
			/* Swap the contents (`d` is the caller's), keeping what
			 * the caller recorded of the file: digest, size, pages. */
			struct deck tmp = *d;
			*d = *alt;
			*alt = tmp;
			memcpy(d->sha256, alt->sha256, sizeof(d->sha256));
			d->size = alt->size;
			d->pages = alt->pages;
			d->line_count = alt->line_count;
			st = VT_OK;
		}
		deck_free(alt);
	}
	return st;
}

/* The lines of `dl` made again from `text` (which it owns then releases). */
static enum vt_status lines_again(struct deck_lines *dl, struct strbuf *text, struct vt_diag *diag)
{
	enum vt_status st;

	lines_release(dl);
	st = lines_split(dl, text->buf, text->len, diag);
	strbuf_release(text);
	return st;
}

static enum vt_status read_text(struct deck *d, char *text, size_t len, bool in_place, struct vt_diag *diag)
{
	struct deck_lines dl;
	enum vt_status st;
	bool cells;

	st = in_place ? lines_split_in_place(&dl, text, len, diag) : lines_split(&dl, text, len, diag);
	if (st != VT_OK)
		return st;
	cells = !unflatten_needed(&dl) && unflatten_cells_needed(&dl);
	if (cells) {
		/* A cell a line: each page joined into one, then laid out as a flattened page (also
		 * a short one, which unflatten_needed() would not take for one). */
		struct strbuf joined = STRBUF_INIT;

		unflatten_join_pages(&dl, &joined);
		if ((st = lines_again(&dl, &joined, diag)) != VT_OK)
			return st;
	}
	if (!cells && !unflatten_needed(&dl) && unflatten_rows_needed(&dl) && papers_kind(&dl) != DOC_DECK) {
		/* An agenda with single spaces between its cells, in a laid-out notice: its rows in columns.
		 */
		struct strbuf laid = STRBUF_INIT;

		unflatten_rows(&dl, &laid);
		if ((st = lines_again(&dl, &laid, diag)) != VT_OK)
			return st;
	} else if (cells || unflatten_needed(&dl)) {
		/* A page a line: laid out again, then read as any other text. */
		struct strbuf laid = STRBUF_INIT;
		long pages = (long)dl.n;

		unflatten(&dl, &laid);
		if ((st = lines_again(&dl, &laid, diag)) != VT_OK)
			return st;
		if (!d->pages)
			d->pages = pages;
	}
	d->line_count = (long)dl.n;
	if (!d->pages)
		d->pages = (long)dl.pages;
	st = read_lines(d, &dl, diag);
	lines_release(&dl);
	return st;
}

static struct deck *deck_for(const char *source)
{
	struct deck *d = deck_new();
	const char *base = source ? strrchr(source, '/') : NULL;

	d->source = xstrdup(base ? base + 1 : source ? source : "-");
	return d;
}

enum vt_status document_read(const char *source, char *data, size_t len, struct deck **out,
			     struct strbuf *text, struct vt_diag *diag)
{
	struct deck *d = deck_for(source);
	struct strbuf pdf = STRBUF_INIT, nfc = STRBUF_INIT;
	enum vt_status st = VT_OK;

	*out = NULL;
	vt_diag_clear(diag);
	sha256_hex(data, len, d->sha256);
	d->size = (long)len;
	if (document_is_pdf(source, data, len)) {
		st = pdf_text(data, len, &pdf, &d->pages, diag);
		data = pdf.buf;
		len = pdf.len;
	}
	/*
	 * Text is kept and read in NFC, so that "på" written with a combining
	 * ring is found by "på" and drawn as it is. Invalid UTF-8 is left for
	 * the reader to refuse with its line; text in NFC already is not copied.
	 */
	if (st == VT_OK && utf8_invalid_offset(data, len) == len && utf8_needs_nfc(data, len)) {
		utf8_nfc(&nfc, data, len);
		data = nfc.buf;
		len = nfc.len;
	}
	if (st == VT_OK) {
		if (text)
			strbuf_add(text, data, len);
		st = read_text(d, data, len, true, diag);
	}
	strbuf_release(&pdf);
	strbuf_release(&nfc);
	if (st != VT_OK) {
		deck_free(d);
		return st;
	}
	*out = d;
	return VT_OK;
}

enum vt_status document_read_text(const char *source, const char *text, size_t len, const char *sha256,
				  long size, struct deck **out, struct vt_diag *diag)
{
	struct deck *d = deck_new();
	enum vt_status st;

	/*
	 * `source` is a name the store keeps, not a path: the name as it is, also one
	 * unique_source() made of folder and file ("2021-09/referat.txt"), or the
	 * meeting rebuilt from it would take another document's name.
	 */
	d->source = xstrdup(source ? source : "-");
	*out = NULL;
	vt_diag_clear(diag);
	snprintf(d->sha256, sizeof(d->sha256), "%s", sha256 ? sha256 : "");
	d->size = size;
	st = read_text(d, (char *)text, len, false, diag);
	if (st != VT_OK) {
		deck_free(d);
		return st;
	}
	*out = d;
	return VT_OK;
}
