/*
 * fileio.h: reading a whole file within a size limit, and replacing a
 * file so that it is either the old one or the whole new one, also after
 * a crash or a full disk.
 */
#ifndef VEDTAK_FILEIO_H
#define VEDTAK_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

/* The default of the largest file vedtak reads (--max-file-size, max_file_size in the configuration). */
#define FILE_MAX_BYTES_DEFAULT ((size_t)512 << 20)

/*
 * Reads the file at `path` whole, at most `max` bytes: a larger one,
 * and a pipe or device that goes on past it (/dev/zero), is refused
 * before its memory is taken. On failure returns false with the reason
 * in `why`.
 */
bool file_read(const char *path, size_t max, char **data, size_t *len, struct strbuf *why);

/*
 * Writes `data` to a temporary file beside `path`, flushes it to the disk,
 * and renames it into place. On failure the old file is as it was, no
 * temporary is left, and `why` says what went wrong. A symbolic link is
 * followed (its target is replaced); a pipe or device (/dev/stdout) is
 * written to as it is.
 */
bool file_replace(const char *path, const void *data, size_t len, struct strbuf *why);

#endif
