/*
 * fuzz_deck.c: libFuzzer target for the deck parser and the JSON export of
 * what it parsed.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/json.h"
#include "core/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	struct deck *d = NULL;
	struct vt_diag diag;

	if (deck_parse("fuzz.txt", (const char *)data, size, &d, &diag) == VT_OK)
		json_meeting(&sb, d, 0);
	strbuf_release(&sb);
	deck_free(d);
	return 0;
}
