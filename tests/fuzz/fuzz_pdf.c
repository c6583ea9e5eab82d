/*
 * fuzz_pdf.c: libFuzzer target for PDF input: poppler's parser and the
 * layout that pdf_text() rebuilds from the glyphs, on any bytes (the
 * "%PDF-" header is added when missing, so that every input reaches
 * poppler).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf text = STRBUF_INIT;
	struct vt_diag diag;
	long pages;
	char *buf = malloc(size + 6);

	if (!buf)
		return 0;
	memcpy(buf, "%PDF-", 5);
	memcpy(buf + 5, data, size);
	if (size >= 5 && !memcmp(data, "%PDF-", 5))
		pdf_text((const char *)data, size, &text, &pages, &diag);
	else
		pdf_text(buf, size + 5, &text, &pages, &diag);
	strbuf_release(&text);
	free(buf);
	return 0;
}
