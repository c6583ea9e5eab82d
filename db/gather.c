/*
 * gather.c: the VFS the store writes through: SQLite's own, with the
 * frames of a WAL gathered and handed to the system a run at a time.
 *
 * SQLite writes a WAL frame as two calls, its 24-byte header and then the
 * page: an import of 10 MB of decks made 16,000 such calls, two thirds of
 * its pwrite()s, which took 6 % of its time. Gathered, they are one call
 * for every 31 frames (import of 10 MB: 0.93 to 0.97 of the time, paired).
 *
 * Nothing another connection may read, and no error SQLite must see, is
 * held back:
 *  - the frame that commits a transaction (its header gives the size of
 *    the database after it, other frames a 0) is written out, with all
 *    before it, in the call that hands over its page, and a failure is
 *    that call's: SQLite then rolls back and publishes nothing;
 *  - only frames written one after the other are gathered: a write that
 *    follows a read (SQLite rewriting the checksums of frames it wrote
 *    over, the commit frame's among them) or is not a frame's header or
 *    the page right after it is SQLite's own;
 *  - a buffer is written out before any other call on its file, and
 *    before any lock of its database's shared memory changes: frames of a
 *    transaction rolled back are written while it still holds the write
 *    lock, beyond the last commit, where the next transaction writes over
 *    them; held past the lock, they would land on another process's
 *    commits;
 *  - at its database's xShmBarrier(), which SQLite calls before readers
 *    can take a new WAL header, as a last guard: it finds nothing there.
 * A crash loses only frames of a transaction that had not committed.
 * The database file itself is written as SQLite writes it: a checkpoint
 * records its pages as copied without asking whether the last writes
 * succeeded (SQLITE_FCNTL_CKPT_DONE is a hint), so they are not held.
 * tests/unit/test_gather.c fails writes under it and runs a second writer.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db/gather.h"
#include "core/banned.h"

#define GATHER_NAME "vedtak-gather"
/* Less than 128 KB: SQLite's unix VFS writes at most 0x1ffff bytes a call, and fails a longer write. */
#define GATHER_MAX 0x1ffffu

struct gather_file {
	sqlite3_file base;
	sqlite3_file *real;	 /* SQLite's own file, right after this struct */
	struct gather_file *wal; /* a database's WAL, while it is open */
	struct gather_file *db;	 /* a WAL's database */
	bool is_wal, is_db;
	bool page_next; /* the last write was a frame's header: its page comes next */
	bool commits;	/* that header was a commit frame's */
	bool read_last; /* the last call was a read */
	unsigned char *buf;
	size_t len;
	sqlite3_int64 off;
};

/* The WAL's file format (sqlite.org/fileformat.html): a frame's header, and where it holds the database's
 * size after the commit it ends (0 when it ends none), a big-endian 32-bit number. */
#define WAL_FRAME_HEADER 24
#define WAL_COMMIT_SIZE	 4

static sqlite3_vfs gather_vfs;
static sqlite3_vfs *real_vfs;

static struct gather_file *gf(sqlite3_file *f)
{
	return (struct gather_file *)f;
}

/* Writes out what `g` holds; SQLITE_OK when there was nothing to write. */
static int flush(struct gather_file *g)
{
	int rc;

	if (!g || !g->len)
		return SQLITE_OK;
	rc = g->real->pMethods->xWrite(g->real, g->buf, (int)g->len, g->off);
	g->len = 0;
	return rc;
}

static int gather_close(sqlite3_file *f)
{
	struct gather_file *g = gf(f);
	int rc = flush(g), rc2;

	if (g->db && g->db->wal == g)
		g->db->wal = NULL;
	if (g->wal)
		g->wal->db = NULL;
	free(g->buf);
	g->buf = NULL;
	rc2 = g->real->pMethods->xClose(g->real);
	return rc != SQLITE_OK ? rc : rc2;
}

static int gather_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	int rc = flush(gf(f));

	gf(f)->read_last = true;
	return rc != SQLITE_OK ? rc : gf(f)->real->pMethods->xRead(gf(f)->real, p, n, off);
}

/* Adds n bytes at `off` to what g holds, after what it holds when they follow it. */
static int gather(struct gather_file *g, const void *p, size_t n, sqlite3_int64 off)
{
	int rc;

	if (g->len && (off != g->off + (sqlite3_int64)g->len || g->len + n > GATHER_MAX) &&
	    (rc = flush(g)) != SQLITE_OK)
		return rc;
	if (!g->buf && !(g->buf = malloc(GATHER_MAX)))
		return g->real->pMethods->xWrite(g->real, p, (int)n, off);
	if (!g->len)
		g->off = off;
	memcpy(g->buf + g->len, p, n);
	g->len += n;
	return SQLITE_OK;
}

static int gather_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	struct gather_file *g = gf(f);
	const unsigned char *u = p;
	bool page = g->page_next, commits = g->commits, after_read = g->read_last;
	int rc;

	g->page_next = g->commits = g->read_last = false;
	if (g->is_wal && n == WAL_FRAME_HEADER && !after_read) {
		if ((rc = gather(g, p, (size_t)n, off)) != SQLITE_OK)
			return rc;
		g->page_next = true;
		g->commits = u[WAL_COMMIT_SIZE] | u[WAL_COMMIT_SIZE + 1] | u[WAL_COMMIT_SIZE + 2] |
			     u[WAL_COMMIT_SIZE + 3];
		return SQLITE_OK;
	}
	if (page && n > 0 && (size_t)n <= GATHER_MAX && off == g->off + (sqlite3_int64)g->len) {
		if ((rc = gather(g, p, (size_t)n, off)) != SQLITE_OK)
			return rc;
		return commits ? flush(g) : SQLITE_OK;
	}
	if ((rc = flush(g)) != SQLITE_OK)
		return rc;
	return g->real->pMethods->xWrite(g->real, p, n, off);
}

/* The methods below write out what is held, then do what SQLite's own do. */
#define FLUSHED(call)                                                                                        \
	do {                                                                                                 \
		int rc_ = flush(gf(f));                                                                      \
		return rc_ != SQLITE_OK ? rc_ : gf(f)->real->pMethods->call;                                 \
	} while (0)

static int gather_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	FLUSHED(xTruncate(gf(f)->real, size));
}

static int gather_sync(sqlite3_file *f, int flags)
{
	FLUSHED(xSync(gf(f)->real, flags));
}

static int gather_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	FLUSHED(xFileSize(gf(f)->real, size));
}

static int gather_lock(sqlite3_file *f, int level)
{
	FLUSHED(xLock(gf(f)->real, level));
}

static int gather_unlock(sqlite3_file *f, int level)
{
	FLUSHED(xUnlock(gf(f)->real, level));
}

static int gather_check_reserved(sqlite3_file *f, int *out)
{
	FLUSHED(xCheckReservedLock(gf(f)->real, out));
}

static int gather_file_control(sqlite3_file *f, int op, void *arg)
{
	FLUSHED(xFileControl(gf(f)->real, op, arg));
}

static int gather_sector_size(sqlite3_file *f)
{
	return gf(f)->real->pMethods->xSectorSize(gf(f)->real);
}

static int gather_device(sqlite3_file *f)
{
	return gf(f)->real->pMethods->xDeviceCharacteristics(gf(f)->real);
}

static int gather_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **p)
{
	FLUSHED(xShmMap(gf(f)->real, page, size, extend, p));
}

static int gather_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	/* A release goes ahead whatever: what the WAL held was a rolled-back transaction's. */
	int rc = flush(gf(f)->wal);

	if (rc != SQLITE_OK && !(flags & SQLITE_SHM_UNLOCK))
		return rc;
	FLUSHED(xShmLock(gf(f)->real, offset, n, flags));
}

static void gather_shm_barrier(sqlite3_file *f)
{
	struct gather_file *g = gf(f);

	/* The commit frame wrote everything out, and this call cannot report a failure. */
	(void)flush(g->wal);
	(void)flush(g);
	g->real->pMethods->xShmBarrier(g->real);
}

static int gather_shm_unmap(sqlite3_file *f, int del)
{
	FLUSHED(xShmUnmap(gf(f)->real, del));
}

static int gather_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	FLUSHED(xFetch(gf(f)->real, off, n, p));
}

static int gather_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	FLUSHED(xUnfetch(gf(f)->real, off, p));
}

/* One table for each version of SQLite's own methods, so that SQLite sees the same abilities. */
static const sqlite3_io_methods gather_io[3] = {
    {1, gather_close, gather_read, gather_write, gather_truncate, gather_sync, gather_file_size, gather_lock,
     gather_unlock, gather_check_reserved, gather_file_control, gather_sector_size, gather_device, NULL, NULL,
     NULL, NULL, NULL, NULL},
    {2, gather_close, gather_read, gather_write, gather_truncate, gather_sync, gather_file_size, gather_lock,
     gather_unlock, gather_check_reserved, gather_file_control, gather_sector_size, gather_device,
     gather_shm_map, gather_shm_lock, gather_shm_barrier, gather_shm_unmap, NULL, NULL},
    {3, gather_close, gather_read, gather_write, gather_truncate, gather_sync, gather_file_size, gather_lock,
     gather_unlock, gather_check_reserved, gather_file_control, gather_sector_size, gather_device,
     gather_shm_map, gather_shm_lock, gather_shm_barrier, gather_shm_unmap, gather_fetch, gather_unfetch},
};

/* Whether f was opened through this VFS (== only: < between unrelated pointers is undefined). */
static bool ours(const sqlite3_file *f)
{
	return f->pMethods == &gather_io[0] || f->pMethods == &gather_io[1] || f->pMethods == &gather_io[2];
}

static int gather_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out_flags)
{
	struct gather_file *g = gf(f);
	const sqlite3_io_methods *m;
	int rc;

	(void)vfs;
	memset(g, 0, sizeof(*g));
	g->real = (sqlite3_file *)(g + 1);
	rc = real_vfs->xOpen(real_vfs, name, g->real, flags, out_flags);
	m = g->real->pMethods;
	if (!m)
		return rc;
	g->base.pMethods = &gather_io[(m->iVersion < 1 ? 1 : m->iVersion > 3 ? 3 : m->iVersion) - 1];
	if (rc != SQLITE_OK)
		return rc;
	/* Only with the barrier that writes out its WAL's frames: else they are SQLite's own. */
	if ((flags & SQLITE_OPEN_MAIN_DB) && m->iVersion >= 2 && m->xShmBarrier)
		g->is_db = true;
	if ((flags & SQLITE_OPEN_WAL) && name) {
		sqlite3_file *db = sqlite3_database_file_object(name);

		if (db && ours(db) && gf(db)->is_db) {
			g->is_wal = true;
			g->db = gf(db);
			gf(db)->wal = g;
		}
	}
	return rc;
}

/* The rest is SQLite's own VFS's. */
static int gather_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int gather_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int gather_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *gather_dlopen(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void gather_dlerror(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*gather_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void gather_dlclose(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int gather_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int gather_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int gather_current_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int gather_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int gather_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static void gather_register(void)
{
	sqlite3_vfs *v = sqlite3_vfs_find(NULL);

	if (!v || v->iVersion < 2 || !v->xCurrentTimeInt64)
		return;
	real_vfs = v;
	gather_vfs = (sqlite3_vfs){
	    .iVersion = 2,
	    .szOsFile = (int)sizeof(struct gather_file) + v->szOsFile,
	    .mxPathname = v->mxPathname,
	    .zName = GATHER_NAME,
	    .xOpen = gather_open,
	    .xDelete = gather_delete,
	    .xAccess = gather_access,
	    .xFullPathname = gather_full_pathname,
	    .xDlOpen = gather_dlopen,
	    .xDlError = gather_dlerror,
	    .xDlSym = gather_dlsym,
	    .xDlClose = gather_dlclose,
	    .xRandomness = gather_randomness,
	    .xSleep = gather_sleep,
	    .xCurrentTime = gather_current_time,
	    .xGetLastError = gather_last_error,
	    .xCurrentTimeInt64 = gather_current_time64,
	};
	sqlite3_vfs_register(&gather_vfs, 0);
}

const char *gather_vfs_name(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, gather_register);
	return sqlite3_vfs_find(GATHER_NAME) ? GATHER_NAME : NULL;
}
