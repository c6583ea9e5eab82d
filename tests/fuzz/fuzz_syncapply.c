/*
 * fuzz_syncapply.c: libFuzzer target that builds sync files from structured
 * operations, with a right digest and count, and applies them to an
 * in-memory database holding one imported deck. Each input line is one
 * operation: fields split by tabs in the file's order (id, batch, kind,
 * case_key, tag, ref, name, text, author, at); an empty field takes a valid
 * default, a lone \x01 is a missing field (\N), a one-byte kind picks one of
 * the five kinds. So most inputs pass the format and reach the checks of
 * each field and the apply, which is where the rules live.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "core/strbuf.h"
#include "core/syncfile.h"
#include "db/tags.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const kinds[] = {"tag", "untag", "note", "save", "unsave"};

static const char *default_field(int field, const char *kind, char *idbuf, size_t n)
{
	switch (field) {
	case SF_ID:
		snprintf(idbuf, 64, "0123456789abcdef-%016zx", n);
		return idbuf;
	case SF_BATCH:
		return "00000000000000aa";
	case SF_CASE_KEY:
		return strcmp(kind, "save") && strcmp(kind, "unsave") ? "NUFA|11/21|1" : NULL;
	case SF_TAG:
		return !strcmp(kind, "tag") || !strcmp(kind, "untag") ? "fhir" : NULL;
	case SF_NAME:
		return !strcmp(kind, "save") || !strcmp(kind, "unsave") ? "navn" : NULL;
	case SF_TEXT:
		return !strcmp(kind, "note") ? "notat" : !strcmp(kind, "save") ? "fhir" : NULL;
	case SF_AUTHOR:
		return "ola";
	case SF_AT:
		return "2025-01-02T03:04:05.000Z";
	default:
		return NULL;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *s;
	static size_t serial, runs;
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
	struct sync_counts counts;
	struct vt_diag diag;
	char *line, *next, idbuf[64];
	size_t nops = 0;

	/* A fresh database now and then: one that only grows would take the run's memory. */
	if (s && ++runs % 20000 == 0) {
		store_close(s);
		s = NULL;
	}
	if (!s && store_open(":memory:", false, &s, &diag) != VT_OK)
		return 0;
	strbuf_add(&in, data, size);
	sync_file_begin(&out, "00000000000000ff");
	for (line = in.buf; line && *line; line = next) {
		char *raw[SYNC_FIELDS] = {0}, *p = line;
		const char *f[SYNC_FIELDS], *kind;
		int i;

		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		for (i = 0; i < SYNC_FIELDS && p; i++) {
			raw[i] = p;
			if ((p = strchr(p, '\t')))
				*p++ = '\0';
		}
		kind = raw[SF_KIND] && strlen(raw[SF_KIND]) == 1 ? kinds[(unsigned char)raw[SF_KIND][0] % 5]
		       : raw[SF_KIND] && *raw[SF_KIND]		 ? raw[SF_KIND]
								 : "tag";
		for (i = 0; i < SYNC_FIELDS; i++) {
			if (i == SF_KIND)
				f[i] = kind;
			else if (raw[i] && !strcmp(raw[i], "\x01"))
				f[i] = NULL;
			else if (raw[i] && *raw[i])
				f[i] = raw[i];
			else
				f[i] = default_field(i, kind, idbuf, ++serial);
		}
		sync_file_add(&out, f);
		nops++;
	}
	sync_file_end(&out, 0, nops);
	store_sync_import(s, out.buf, out.len, (serial & 1) ? "peer" : NULL, &counts, &diag);
	strbuf_release(&in);
	strbuf_release(&out);
	return 0;
}
