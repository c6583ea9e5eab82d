/*
 * fileio.c: whole-file reads and safe replacements (see fileio.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "core/banned.h"

bool file_read(const char *path, size_t max, char **data, size_t *len, struct strbuf *why)
{
	struct stat sb;
	struct strbuf buf = STRBUF_INIT;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok = false;

	if (fd < 0) {
		strbuf_addf(why, _("cannot open: %s"), strerror(errno));
		return false;
	}
	if (fstat(fd, &sb)) {
		strbuf_addf(why, _("cannot read: %s"), strerror(errno));
		goto out;
	}
	if (S_ISDIR(sb.st_mode)) {
		strbuf_addstr(why, _("is a directory, not a deck file"));
		goto out;
	}
	if (S_ISREG(sb.st_mode) && (unsigned long long)sb.st_size > max)
		goto too_large;
	/* One byte more than the file, so the read that sees EOF needs no growth. */
	strbuf_grow(&buf, S_ISREG(sb.st_mode) ? (size_t)sb.st_size + 1 : 65536);
	for (;;) {
		ssize_t n;

		if (buf.alloc - buf.len < 2)
			strbuf_grow(&buf, 65536);
		n = read(fd, buf.buf + buf.len, buf.alloc - buf.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			strbuf_addf(why, _("cannot read: %s"), strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		strbuf_setlen(&buf, buf.len + (size_t)n);
		/* A file that grows while read, or a device with no end, stops here too. */
		if (buf.len > max)
			goto too_large;
	}
	*data = strbuf_detach(&buf, len);
	ok = true;
	goto out;
too_large:
	strbuf_addf(why, _("larger than the limit of %zu MB (--max-file-size raises it)"), max >> 20);
out:
	close(fd);
	strbuf_release(&buf);
	return ok;
}

/* Writes all of `data` to `fd`; false with errno set on failure. */
static bool write_all(int fd, const char *p, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		done += (size_t)n;
	}
	return true;
}

/* A pipe, a terminal or a device (/dev/stdout): written to as it is, there is nothing to replace. */
static bool write_special(const char *path, const void *data, size_t len, struct strbuf *why)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	bool ok = fd >= 0 && write_all(fd, data, len);

	if (!ok)
		strbuf_addf(why, _("cannot write: %s"), strerror(errno));
	if (fd >= 0 && close(fd) && ok) {
		strbuf_addf(why, _("cannot write: %s"), strerror(errno));
		ok = false;
	}
	return ok;
}

bool file_replace(const char *path, const void *data, size_t len, struct strbuf *why)
{
	/* A symbolic link is followed: its target is what gets replaced. */
	char *real = realpath(path, NULL), *tmp, *dir_copy;
	struct stat old;
	bool ok = false;
	int fd, dfd;

	/* stat() follows /dev/stdout's link to the pipe behind it, where realpath() cannot. */
	if (!stat(path, &old) && !S_ISREG(old.st_mode)) {
		ok = write_special(path, data, len, why);
		free(real);
		return ok;
	}
	if (real)
		path = real;
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	dir_copy = xstrdup(path);
	/* mkstemp's 0600 suits what users wrote; a file replaced keeps its mode. */
	if ((fd = mkstemp(tmp)) < 0) {
		strbuf_addf(why, _("cannot write: %s"), strerror(errno));
		goto out;
	}
	if (!write_all(fd, data, len)) {
		strbuf_addf(why, _("cannot write: %s"), strerror(errno));
		goto fail;
	}
	/* The data on the disk before the name points at it. */
	if ((!stat(path, &old) && fchmod(fd, old.st_mode & 07777)) || fsync(fd)) {
		strbuf_addf(why, _("cannot write: %s"), strerror(errno));
		goto fail;
	}
	if (close(fd)) {
		fd = -1;
		strbuf_addf(why, _("cannot write: %s"), strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path)) {
		strbuf_addf(why, _("cannot write: %s"), strerror(errno));
		goto fail;
	}
	/* And the new name itself. */
	if ((dfd = open(dirname(dir_copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	ok = true;
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	free(tmp);
	free(dir_copy);
	free(real);
	return ok;
}
