/*
 * syncfile.h: the sync file format, read and written without a database
 * (db/tags.c applies what it reads). A file is
 *
 *   vedtak-sync 1
 *   machine<TAB>MACHINE-ID
 *   op<TAB>id<TAB>batch<TAB>kind<TAB>case_key<TAB>tag<TAB>ref<TAB>name<TAB>text<TAB>author<TAB>at
 *   ...
 *   end<TAB>COUNT<TAB>SHA-256 of everything before this line
 *
 * with \N for a missing field and \\, \t, \n, \r escaped. Reading checks
 * the file whole (magic, count, digest) and then every operation field by
 * field against the rules of userdata.h, so that a file is applied whole
 * or refused whole, with the line at fault.
 */
#ifndef VEDTAK_SYNCFILE_H
#define VEDTAK_SYNCFILE_H

#include <stddef.h>
#include <time.h>

#include "core/status.h"
#include "core/strbuf.h"

enum sync_field {
	SF_ID,
	SF_BATCH,
	SF_KIND,
	SF_CASE_KEY,
	SF_TAG,
	SF_REF,
	SF_NAME,
	SF_TEXT,
	SF_AUTHOR,
	SF_AT,
	SYNC_FIELDS
};

/* An operation's fields, NULL where the file says \N. */
struct sync_op {
	const char *f[SYNC_FIELDS];
	long line;
};

struct sync_file {
	const char *machine;
	struct sync_op *ops;
	size_t nops;
	char *buf; /* owns every string above */
};

/*
 * Reads and checks a sync file of `len` bytes (need not end in a NUL).
 * `now` bounds the operations' times (userdata.h: SYNC_CLOCK_SKEW_SECONDS).
 * On failure diag->line names the line at fault (0 for the file as a whole).
 * Free with sync_file_release(), also after a failure.
 */
enum vt_status sync_file_read(const char *data, size_t len, time_t now, struct sync_file *sf,
			      struct vt_diag *diag);
void sync_file_release(struct sync_file *sf);

/* Writing: the header, then one line per operation, then the trailer over everything from `start`. */
void sync_file_begin(struct strbuf *out, const char *machine);
void sync_file_add(struct strbuf *out, const char *const f[SYNC_FIELDS]);
void sync_file_end(struct strbuf *out, size_t start, size_t nops);

#endif
