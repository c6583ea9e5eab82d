/*
 * status.h: the one status enum that core and db functions return, and the
 * diagnostics struct through which they hand back detail. The library never
 * prints: the caller formats a diag as "FILE:LINE: error: MESSAGE".
 */
#ifndef VEDTAK_STATUS_H
#define VEDTAK_STATUS_H

enum vt_status {
	VT_OK = 0,
	VT_ERR_IO,	  /* a file could not be opened or read */
	VT_ERR_FORMAT,	  /* the input is not a deck vedtak can read */
	VT_ERR_DB,	  /* SQLite failed */
	VT_ERR_SCHEMA,	  /* the database was made by a newer vedtak */
	VT_ERR_NOT_FOUND, /* no such meeting, case or row */
	VT_ERR_USAGE,	  /* the caller passed something invalid */
	VT_ERR_READONLY,  /* a write was attempted on a read-only store */
};

/* A short phrase for `s` in the user's language; static storage. */
const char *vt_status_str(enum vt_status s);

/*
 * Detail for the last failure. `line` and `offset` are 0 when they do not
 * apply (lines count from 1, byte offsets from 0 but are stored plus one).
 */
struct vt_diag {
	long line;
	long offset_plus1;
	char msg[512];
};

void vt_diag_clear(struct vt_diag *d);
/* Fills `d` (NULL allowed) and returns `s`, so callers can `return vt_fail(...)`. */
enum vt_status vt_fail(struct vt_diag *d, enum vt_status s, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
