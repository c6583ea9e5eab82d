/*
 * doctext.c: a document's text kept as references to its meeting's slides
 * (the encoding is described in doctext.h).
 *
 * The deck reader makes a slide of lines [from, to) of its text, each
 * line cleaned (bullet glyphs, control characters and CR taken out) and
 * less its trailing spaces, joined by '\n'. So a slide is found at its
 * first line, and read on from there: where slide and text part, the rest
 * of the text's line is kept as written, and both go on from the next
 * '\n'. Nothing here relies on that being so: whatever is not found is
 * kept as written, and only bytes compared equal are copied.
 */
#include <stdlib.h>
#include <string.h>

#include "core/doctext.h"
#include "core/i18n.h"
#include "core/varint.h"
#include "core/banned.h"

#define DOCTEXT_MAGIC 'S'

/* Bytes a[0..n) and b[0..n) have in common from the start, eight at a time. */
static size_t common_prefix(const char *a, const char *b, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;

		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + (size_t)(__builtin_ctzll(x ^ y) >> 3);
#else
			break;
#endif
		}
	}
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* Where needle[0..nn) first stands in hay[0..nh), or NULL. Lines are short: no need for more. */
static const char *find(const char *hay, size_t nh, const char *needle, size_t nn)
{
	const char *p = hay, *end = hay + nh;

	if (nn == 0 || nn > nh)
		return NULL;
	while ((p = memchr(p, needle[0], (size_t)(end - p) - nn + 1))) {
		if (!memcmp(p, needle, nn))
			return p;
		if ((size_t)(end - ++p) < nn)
			break;
	}
	return NULL;
}

/* A varint that ends within b[0..nb): a cut one is damage, not a smaller number. */
static bool varint_whole(const unsigned char *b, size_t nb, size_t *i, uint64_t *v)
{
	return varint_next(b, nb, i, v) && !(b[*i - 1] & 0x80);
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static void put(struct strbuf *sb, uint64_t v)
{
	strbuf_grow(sb, VARINT_MAX);
	sb->len = (size_t)(varint_put((unsigned char *)sb->buf + sb->len, v) - (unsigned char *)sb->buf);
	sb->buf[sb->len] = '\0';
}

struct encoder {
	struct strbuf *out;
	const char *text;
	size_t len;
	size_t done; /* text[0..done) is encoded */
	int64_t prev_id;
	size_t prev_end; /* where the previous copy ended in its slide */
};

/* Copies n bytes of slide s from `off` as text[at..at + n), after the text before it as written. */
static void put_copy(struct encoder *e, const struct doctext_slide *s, size_t at, size_t off, size_t n)
{
	size_t base = s->id == e->prev_id ? e->prev_end : 0;

	if (at > e->done) {
		put(e->out, (uint64_t)(at - e->done) << 1);
		strbuf_add(e->out, e->text + e->done, at - e->done);
	}
	put(e->out, (uint64_t)n << 1 | 1);
	put(e->out, zigzag((int64_t)((uint64_t)s->id - (uint64_t)e->prev_id)));
	put(e->out, zigzag((int64_t)off - (int64_t)base));
	e->prev_id = s->id;
	e->prev_end = off + n;
	e->done = at + n;
}

/* Reads slide s against the text from `at`, the start of the slide's first line there. */
static void encode_slide(struct encoder *e, const struct doctext_slide *s, size_t at)
{
	const char *t = s->text, *text = e->text, *nl;
	size_t len = e->len, q = 0, x = at, first, line_end;

	nl = memchr(t, '\n', s->len);
	first = nl ? (size_t)(nl - t) : s->len;
	nl = memchr(text + x, '\n', len - x);
	line_end = nl ? (size_t)(nl - text) : len;
	/* Its first line, where cleaning took a bullet or a form feed before it. */
	if (first == 0 || first > line_end - x)
		return;
	if (memcmp(text + x, t, first)) {
		const char *f = find(text + x, line_end - x, t, first);
		if (!f)
			return;
		x = (size_t)(f - text);
	}
	for (;;) {
		const char *dnl, *tnl;
		size_t m = common_prefix(text + x, t + q, len - x < s->len - q ? len - x : s->len - q);
		size_t dend, tend;

		if (m) {
			put_copy(e, s, x, q, m);
			x += m;
			q += m;
		}
		if (q == s->len || x == len)
			return;
		dnl = memchr(text + x, '\n', len - x);
		dend = dnl ? (size_t)(dnl - text) : len;
		tnl = memchr(t + q, '\n', s->len - q);
		tend = tnl ? (size_t)(tnl - t) : s->len;
		/* Something taken out inside the line: the rest of the slide's line further on. */
		if (t[q] != '\n' && text[x] != '\n') {
			const char *f = find(text + x, dend - x, t + q, tend - q);
			if (f) {
				x = (size_t)(f - text);
				continue;
			}
		}
		/* Trailing spaces or a CR in the text, or lines that differ: both go on a line down. */
		if (!dnl || !tnl)
			return;
		x = dend;
		q = tend;
	}
}

static int by_line(const void *a, const void *b)
{
	const struct doctext_slide *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

bool doctext_encode(const char *text, size_t len, struct doctext_slide *v, size_t n, struct strbuf *out)
{
	struct encoder e = {out, text, len, 0, 0, 0};
	size_t i, line_off = 0;
	long line = 1;

	strbuf_reset(out);
	if (n > 1)
		qsort(v, n, sizeof(*v), by_line);
	strbuf_addch(out, DOCTEXT_MAGIC);
	put(out, len);
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		line_off = 3;
	for (i = 0; i < n; i++) {
		if (v[i].line < line)
			continue;
		while (line < v[i].line) {
			const char *nl = memchr(text + line_off, '\n', len - line_off);

			if (!nl)
				goto tail;
			line_off = (size_t)(nl - text) + 1;
			line++;
		}
		/* The previous slide ran into this line: a slide of another document. */
		if (line_off < e.done || line_off >= len)
			continue;
		encode_slide(&e, &v[i], line_off);
	}
tail:
	if (e.done < len) {
		put(out, (uint64_t)(len - e.done) << 1);
		strbuf_add(out, text + e.done, len - e.done);
	}
	if (out->len >= len / 2) {
		strbuf_reset(out);
		return false;
	}
	return true;
}

enum vt_status doctext_decode(const unsigned char *b, size_t nb, doctext_lookup_fn lookup, void *arg,
			      struct strbuf *out, struct vt_diag *diag)
{
	size_t i = 1, end = 0;
	uint64_t total, tag, dz, oz;
	int64_t id = 0;

	strbuf_reset(out);
	/* No text of 4 GiB or more is read (lines.h): a length beyond that is damage. */
	if (nb < 1 || b[0] != DOCTEXT_MAGIC || !varint_whole(b, nb, &i, &total) || total >> 32)
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("its kept text is damaged"));
	strbuf_grow(out, (size_t)(total < (1u << 26) ? total : 1u << 26));
	while (i < nb) {
		size_t n;

		if (!varint_whole(b, nb, &i, &tag) || (tag >> 1) > total - out->len)
			return vt_fail(diag, VT_ERR_FORMAT, 0, _("its kept text is damaged"));
		n = (size_t)(tag >> 1);
		if (!(tag & 1)) {
			if (n > nb - i)
				return vt_fail(diag, VT_ERR_FORMAT, 0, _("its kept text is damaged"));
			strbuf_add(out, b + i, n);
			i += n;
		} else {
			int64_t next, off;
			const char *s;
			size_t slen;

			if (!varint_whole(b, nb, &i, &dz) || !varint_whole(b, nb, &i, &oz))
				return vt_fail(diag, VT_ERR_FORMAT, 0, _("its kept text is damaged"));
			next = (int64_t)((uint64_t)id + (uint64_t)unzigzag(dz));
			off = (int64_t)((uint64_t)(next == id ? end : 0) + (uint64_t)unzigzag(oz));
			if (!(s = lookup(arg, next, &slen)))
				return vt_fail(
				    diag, VT_ERR_FORMAT, 0,
				    _("its kept text names slide %lld, which its meeting does not have"),
				    (long long)next);
			if (off < 0 || (uint64_t)off > slen || n > slen - (size_t)off)
				return vt_fail(diag, VT_ERR_FORMAT, 0,
					       _("its kept text reads past the end of slide %lld"),
					       (long long)next);
			strbuf_add(out, s + off, n);
			id = next;
			end = (size_t)off + n;
		}
	}
	if (out->len != total)
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("its kept text is damaged"));
	return VT_OK;
}
