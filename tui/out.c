/*
 * out.c: the sanitising writer (see out.h).
 */
#include <stdarg.h>
#include <string.h>

#include "tui/out.h"
#include "core/strbuf.h"
#include "core/termsafe.h"
#include "core/banned.h"

void out_write(FILE *f, const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	term_safe_append(&sb, s, n);
	fwrite(sb.buf, 1, sb.len, f);
	strbuf_release(&sb);
}

void out_puts(FILE *f, const char *s)
{
	out_write(f, s, strlen(s));
}

int out_printf(FILE *f, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	int n;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	out_write(f, sb.buf, sb.len);
	n = (int)sb.len;
	strbuf_release(&sb);
	return n;
}

void out_control(FILE *f, const char *seq)
{
	fputs(seq, f);
}
