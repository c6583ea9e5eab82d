/*
 * pdf.c: the text layer of a PDF through poppler's C API (poppler-glib),
 * laid out again from the glyphs' positions as `pdftotext -layout` does,
 * because poppler-glib's own text is in reading order, which splits a
 * table row into one block per column. Rows are glyphs that share a
 * baseline; a glyph's column is its distance from the page's left edge in
 * average glyph widths; a gap wider than the font's height keeps two
 * spaces, so that columns stay columns for the readers.
 *
 * poppler-glib is opened when the first PDF is read, not linked: with
 * glib, cairo, fontconfig and their kin it is some forty libraries, which
 * the dynamic loader took 14 ms to map and relocate at the start of every
 * command, a search that finds nothing included. Its headers still give
 * the types and each function's signature.
 */
#include <dlfcn.h>
#include <glib.h>
#include <poppler.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/pdf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

#define PDF_MAX_COLUMN 400

/* The functions vedtak uses, as the headers declare them. */
static struct {
	char why[256]; /* why the library could not be had; "" when it was */
	__typeof__(g_bytes_new_static) *bytes_new_static;
	__typeof__(g_bytes_unref) *bytes_unref;
	__typeof__(g_free) *free;
	__typeof__(g_error_free) *error_free;
	__typeof__(g_object_unref) *object_unref;
	__typeof__(poppler_error_quark) *error_quark;
	__typeof__(poppler_document_new_from_bytes) *document_new_from_bytes;
	__typeof__(poppler_document_get_n_pages) *document_get_n_pages;
	__typeof__(poppler_document_get_page) *document_get_page;
	__typeof__(poppler_page_get_text) *page_get_text;
	__typeof__(poppler_page_get_text_layout) *page_get_text_layout;
} pp;
static pthread_once_t pp_once = PTHREAD_ONCE_INIT;

static void pp_open(void)
{
	/* The soname Debian 12 ships, then the development link any version has. */
	static const char *const names[] = {"libpoppler-glib.so.8", "libpoppler-glib.so"};
	void *lib = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names) && !lib; i++)
		lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(pp.why, sizeof(pp.why), "%s", dlerror());
		return;
	}
	/* POSIX's way to take a function from dlsym(); glib's functions come through poppler's. */
#define TAKE(field, name)                                                                                    \
	if (!(*(void **)&pp.field = dlsym(lib, name))) {                                                     \
		snprintf(pp.why, sizeof(pp.why), "%s", dlerror());                                           \
		return;                                                                                      \
	}
	TAKE(bytes_new_static, "g_bytes_new_static")
	TAKE(bytes_unref, "g_bytes_unref")
	TAKE(free, "g_free")
	TAKE(error_free, "g_error_free")
	TAKE(object_unref, "g_object_unref")
	TAKE(error_quark, "poppler_error_quark")
	TAKE(document_new_from_bytes, "poppler_document_new_from_bytes")
	TAKE(document_get_n_pages, "poppler_document_get_n_pages")
	TAKE(document_get_page, "poppler_document_get_page")
	TAKE(page_get_text, "poppler_page_get_text")
	TAKE(page_get_text_layout, "poppler_page_get_text_layout")
#undef TAKE
}

struct glyph {
	double x1, x2, ym, h;
	char u[4];
	unsigned char n;
};

bool pdf_sniff(const char *data, size_t len)
{
	size_t lim = len < 1024 ? len : 1024, i;

	for (i = 0; i + 5 <= lim; i++)
		if (!memcmp(data + i, "%PDF-", 5))
			return true;
	return false;
}

static int cmp_ym(const void *a, const void *b)
{
	const struct glyph *x = a, *y = b;

	return x->ym < y->ym ? -1 : x->ym > y->ym ? 1 : x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

static int cmp_x(const void *a, const void *b)
{
	const struct glyph *x = a, *y = b;

	return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n, double fallback)
{
	if (!n)
		return fallback;
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* Writes one row, glyphs sorted by x, into `out`. */
static void put_row(struct strbuf *out, struct glyph *g, size_t n, double left, double cw)
{
	size_t i, col = 0;

	qsort(g, n, sizeof(*g), cmp_x);
	for (i = 0; i < n; i++) {
		double x = (g[i].x1 - left) / cw + 0.5;
		/* Columns beyond a wide printed line carry no layout: a page a
		 * million points wide must not make a line of that many spaces. */
		size_t want = x < 0 ? 0 : x > PDF_MAX_COLUMN ? PDF_MAX_COLUMN : (size_t)x, at = col;

		if (i) {
			double gap = g[i].x1 - g[i - 1].x2, h = g[i].h > g[i - 1].h ? g[i].h : g[i - 1].h;

			/* Letters of one word stay together whatever rounding says;
			 * a word gap is a space; a column gap at least two. */
			if (gap > 0.9 * h)
				at = want > col + 2 ? want : col + 2;
			else if (gap > 0.12 * h)
				at = want > col + 1 && gap > 0.5 * h ? want : col + 1;
		} else {
			at = want;
		}
		while (col < at) {
			strbuf_addch(out, ' ');
			col++;
		}
		strbuf_add(out, g[i].u, g[i].n);
		col++;
	}
	strbuf_addch(out, '\n');
}

/* Lays out one page's glyphs; returns how many it had. */
static size_t put_page(struct strbuf *out, PopplerPage *page)
{
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	char *text = pp.page_get_text(page);
	struct glyph *g = NULL;
	double *tmp = NULL, left = 1e9, cw, pitch, lh;
	size_t ng = 0, alloc = 0, i, k, row, nrows = 0, tlen;

	if (!text || !pp.page_get_text_layout(page, &rects, &nrects))
		goto out;
	tlen = strlen(text);
	for (i = 0, k = 0; i < tlen && k < nrects; k++) {
		uint32_t cp;
		size_t len = utf8_decode(text + i, tlen - i, &cp);
		struct glyph *x;

		if (!len)
			len = 1, cp = 0xFFFD;
		if (cp > ' ' && len <= 4 && rects[k].x2 > rects[k].x1) {
			ALLOC_GROW(g, ng + 1, alloc);
			x = &g[ng++];
			x->x1 = rects[k].x1;
			x->x2 = rects[k].x2;
			x->ym = (rects[k].y1 + rects[k].y2) / 2;
			x->h = rects[k].y2 - rects[k].y1;
			memcpy(x->u, text + i, len);
			x->n = (unsigned char)len;
			if (x->x1 < left)
				left = x->x1;
		}
		i += len;
	}
	if (!ng)
		goto out;
	tmp = xmalloc(ng * sizeof(*tmp));
	for (i = 0; i < ng; i++)
		tmp[i] = g[i].x2 - g[i].x1;
	cw = median(tmp, ng, 5.0);
	if (cw < 1.0)
		cw = 1.0;
	qsort(g, ng, sizeof(*g), cmp_ym);

	/* Row pitch: the usual distance between neighbouring rows. */
	for (i = 1, row = 0; i < ng; i++)
		if (g[i].ym - g[row].ym > 0.45 * g[row].h) {
			tmp[nrows++] = g[i].ym - g[row].ym;
			row = i;
		}
	pitch = median(tmp, nrows, 12.0);
	if (pitch < 1.0)
		pitch = 12.0;
	/* The line a font of this size takes: on a page set with a blank line
	 * between all its lines, the usual distance between rows is two lines,
	 * and those blank lines must stay (they end sections and paragraphs). */
	for (i = 0; i < ng; i++)
		tmp[i] = g[i].h;
	lh = median(tmp, ng, pitch) * 1.2;
	if (lh >= 1.0 && lh < pitch)
		pitch = lh;
	for (row = 0; row < ng; row = i) {
		for (i = row + 1; i < ng && g[i].ym - g[row].ym <= 0.45 * g[row].h; i++)
			;
		put_row(out, g + row, i - row, left, cw);
		if (i < ng) {
			/* A paragraph gap as blank lines, as pdftotext -layout writes it. */
			double gap = g[i].ym - g[row].ym;
			int blanks = (int)(gap / pitch + 0.5) - 1;

			if (gap > 1.6 * pitch && blanks < 1)
				blanks = 1;
			for (blanks = blanks > 3 ? 3 : blanks; blanks > 0; blanks--)
				strbuf_addch(out, '\n');
		}
	}
out:
	free(tmp);
	free(g);
	pp.free(rects);
	pp.free(text);
	return ng;
}

enum vt_status pdf_text(const char *data, size_t len, struct strbuf *out, long *pages, struct vt_diag *diag)
{
	GBytes *bytes = NULL;
	GError *err = NULL;
	PopplerDocument *doc = NULL;
	enum vt_status st = VT_OK;
	size_t glyphs = 0;
	int n, i;

	*pages = 0;
	if (!pdf_sniff(data, len))
		return vt_fail(diag, VT_ERR_FORMAT, 0,
			       _("not a PDF (no %%PDF- header), though named like one"));
	if (len > (size_t)G_MAXSSIZE)
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("file too large"));
	pthread_once(&pp_once, pp_open);
	if (pp.why[0])
		return vt_fail(diag, VT_ERR_FORMAT, 0,
			       _("cannot read PDF: poppler-glib could not be loaded (%s)"), pp.why);
	bytes = pp.bytes_new_static(data, len);
	doc = pp.document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		if (err && err->domain == pp.error_quark() && err->code == POPPLER_ERROR_ENCRYPTED)
			st = vt_fail(diag, VT_ERR_FORMAT, 0,
				     _("encrypted PDF: it cannot be read without its password"));
		else
			st = vt_fail(diag, VT_ERR_FORMAT, 0, _("damaged PDF: %s"),
				     err && err->message ? err->message : _("unreadable"));
		goto out;
	}
	n = pp.document_get_n_pages(doc);
	for (i = 0; i < n; i++) {
		PopplerPage *page = pp.document_get_page(doc, i);

		/* Two blank lines and a form feed: a page ends a slide too. */
		if (i)
			strbuf_addstr(out, "\n\n\f");
		if (page) {
			glyphs += put_page(out, page);
			pp.object_unref(page);
		}
	}
	*pages = n;
	if (n <= 0)
		st = vt_fail(diag, VT_ERR_FORMAT, 0, _("damaged PDF: it has no pages"));
	else if (!glyphs)
		st = vt_fail(diag, VT_ERR_FORMAT, 0,
			     P_("no text layer: scanned? (%d page of images only)",
				"no text layer: scanned? (%d pages of images only)", n),
			     n);
out:
	if (err)
		pp.error_free(err);
	if (doc)
		pp.object_unref(doc);
	if (bytes)
		pp.bytes_unref(bytes);
	return st;
}
