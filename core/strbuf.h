/*
 * strbuf.h: a growable byte buffer, after git's strbuf.
 *
 * Invariants: `buf` is never NULL after strbuf_init() and is always
 * NUL-terminated at `len`; `alloc` > `len`. The struct owns `buf`;
 * strbuf_detach() hands ownership to the caller, who frees it with free().
 */
#ifndef VEDTAK_STRBUF_H
#define VEDTAK_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

#define STRBUF_INIT                                                                                          \
	{                                                                                                    \
		0, 0, strbuf_empty_                                                                          \
	}
extern char strbuf_empty_[];

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Returns the buffer (caller frees) and leaves `sb` empty and reusable. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
/* Inserts data[0..len) at byte `pos` (at most sb->len). */
void strbuf_insert(struct strbuf *sb, size_t pos, const void *data, size_t len);
/* Inline: a byte at a time is how the tokenizers and the varint writers build their output. */
static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->len + 2 > sb->alloc)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Removes trailing ASCII whitespace. */
void strbuf_rtrim(struct strbuf *sb);

#endif
