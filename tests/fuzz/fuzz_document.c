/*
 * fuzz_document.c: libFuzzer target for document_read(): PDF (poppler),
 * kind detection, the notice and minutes readers and the deck parser, and
 * the JSON export of what they read. Inputs that start with "%PDF-" go
 * through poppler; the rest are text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;
	struct deck *d = NULL;
	struct vt_diag diag;
	char *copy = malloc(size + 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (document_read("fuzz.txt", copy, size, &d, &text, &diag) == VT_OK)
		json_meeting(&sb, d, 0);
	strbuf_release(&sb);
	strbuf_release(&text);
	deck_free(d);
	free(copy);
	return 0;
}
