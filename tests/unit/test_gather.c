/*
 * test_gather.c: the VFS that gathers a WAL's frames (db/gather.h) holds
 * nothing back: each commit is seen at once by another connection, which
 * reads the files through SQLite's own VFS; a commit whose frames cannot
 * be written fails, and nothing of it is seen, also when SQLite rewrites
 * the commit frame's header; a transaction rolled back leaves nothing to
 * land on another writer's commits later; and the frames of a large
 * transaction reach the system in a few writes, not two per page.
 *
 * Under the gathering VFS is a VFS of this test's that counts the writes
 * to WAL files and, when told, fails them.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/gather.h"
#include "tap.h"

static sqlite3_vfs *os_vfs;
static sqlite3_vfs faulty_vfs;
static int wal_writes;
static bool fail_wal;	     /* every write to a WAL fails */
static bool fail_commit_hdr; /* a commit frame's header written on its own fails */

struct faulty_file {
	sqlite3_file base;
	sqlite3_file *real;
	bool wal;
};

static int faulty_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	struct faulty_file *ff = (struct faulty_file *)f;

	if (ff->wal) {
		const unsigned char *u = p;

		wal_writes++;
		if (fail_wal || (fail_commit_hdr && n == 24 && (u[4] | u[5] | u[6] | u[7])))
			return SQLITE_IOERR_WRITE;
	}
	return ff->real->pMethods->xWrite(ff->real, p, n, off);
}

/* Every other method is the real file's, called through the real methods. */
#define PASS(name, params, args)                                                                             \
	static int faulty_##name params                                                                      \
	{                                                                                                    \
		struct faulty_file *ff = (struct faulty_file *)f;                                            \
		return ff->real->pMethods->name args;                                                        \
	}
PASS(xClose, (sqlite3_file * f), (ff->real))
PASS(xRead, (sqlite3_file * f, void *p, int n, sqlite3_int64 off), (ff->real, p, n, off))
PASS(xTruncate, (sqlite3_file * f, sqlite3_int64 size), (ff->real, size))
PASS(xSync, (sqlite3_file * f, int flags), (ff->real, flags))
PASS(xFileSize, (sqlite3_file * f, sqlite3_int64 *size), (ff->real, size))
PASS(xLock, (sqlite3_file * f, int level), (ff->real, level))
PASS(xUnlock, (sqlite3_file * f, int level), (ff->real, level))
PASS(xCheckReservedLock, (sqlite3_file * f, int *out), (ff->real, out))
PASS(xFileControl, (sqlite3_file * f, int op, void *arg), (ff->real, op, arg))
PASS(xSectorSize, (sqlite3_file * f), (ff->real))
PASS(xDeviceCharacteristics, (sqlite3_file * f), (ff->real))
PASS(xShmMap, (sqlite3_file * f, int pg, int sz, int ext, void volatile **p), (ff->real, pg, sz, ext, p))
PASS(xShmLock, (sqlite3_file * f, int off, int n, int flags), (ff->real, off, n, flags))
PASS(xShmUnmap, (sqlite3_file * f, int del), (ff->real, del))
PASS(xFetch, (sqlite3_file * f, sqlite3_int64 off, int n, void **p), (ff->real, off, n, p))
PASS(xUnfetch, (sqlite3_file * f, sqlite3_int64 off, void *p), (ff->real, off, p))

static void faulty_xShmBarrier(sqlite3_file *f)
{
	struct faulty_file *ff = (struct faulty_file *)f;
	ff->real->pMethods->xShmBarrier(ff->real);
}

static const sqlite3_io_methods faulty_io = {
    .iVersion = 3,
    .xClose = faulty_xClose,
    .xRead = faulty_xRead,
    .xWrite = faulty_write,
    .xTruncate = faulty_xTruncate,
    .xSync = faulty_xSync,
    .xFileSize = faulty_xFileSize,
    .xLock = faulty_xLock,
    .xUnlock = faulty_xUnlock,
    .xCheckReservedLock = faulty_xCheckReservedLock,
    .xFileControl = faulty_xFileControl,
    .xSectorSize = faulty_xSectorSize,
    .xDeviceCharacteristics = faulty_xDeviceCharacteristics,
    .xShmMap = faulty_xShmMap,
    .xShmLock = faulty_xShmLock,
    .xShmBarrier = faulty_xShmBarrier,
    .xShmUnmap = faulty_xShmUnmap,
    .xFetch = faulty_xFetch,
    .xUnfetch = faulty_xUnfetch,
};

static int faulty_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out)
{
	struct faulty_file *ff = (struct faulty_file *)f;
	int rc;

	(void)vfs;
	memset(ff, 0, sizeof(*ff));
	ff->real = (sqlite3_file *)(ff + 1);
	ff->wal = (flags & SQLITE_OPEN_WAL) != 0;
	rc = os_vfs->xOpen(os_vfs, name, ff->real, flags, out);
	if (ff->real->pMethods)
		ff->base.pMethods = &faulty_io;
	return rc;
}

static int count(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int n = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Inserts n rows of `size` random bytes in one transaction; SQLite's result. */
static int insert(sqlite3 *db, int n, int size)
{
	char sql[200];

	snprintf(sql, sizeof(sql),
		 "BEGIN; WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
		 " INSERT INTO t SELECT randomblob(%d) FROM c; COMMIT;",
		 n, size);
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* PRAGMA integrity_check's first row as a fresh connection reads the files, into out. */
static void integrity(const char *path, char *out, size_t size)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	snprintf(out, size, "cannot read");
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, "faulty") == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Removes the database at path with its WAL and shared memory. */
static void remove_db(const char *path)
{
	static const char *const ext[] = {"", "-wal", "-shm"};
	char p[300];
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", path, ext[i]);
		unlink(p);
	}
}

/*
 * Writer A (gathering) begins a transaction large enough to spill pages to
 * the WAL, all of it copied before (so that A reads nothing back from it
 * when it rolls back), and rolls it back; writer B (SQLite's own VFS)
 * then commits 300 rows over the same part of the WAL; then A reads, and
 * closes. B's rows must all be there, and the database whole.
 */
/* A database dir/name opened through the gathering VFS in WAL mode, checkpointed only when asked, then `sql`.
 */
static sqlite3 *open_gathering(const char *dir, const char *name, const char *sql, char *path, size_t size)
{
	sqlite3 *db = NULL;

	snprintf(path, size, "%s/%s", dir, name);
	sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, gather_vfs_name());
	sqlite3_exec(db,
		     "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0",
		     NULL, NULL, NULL);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	return db;
}

static void second_writer_after_rollback(const char *dir)
{
	char path[256], res[200];
	sqlite3 *a = open_gathering(
		    dir, "two.db",
		    "CREATE TABLE t(id INTEGER PRIMARY KEY, who TEXT, x BLOB); PRAGMA wal_checkpoint", path,
		    sizeof(path)),
		*b = NULL;
	int rows;

	sqlite3_open_v2(path, &b, SQLITE_OPEN_READWRITE, "faulty");
	sqlite3_exec(b, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL);
	ok(sqlite3_exec(a,
			"PRAGMA cache_size = 10; BEGIN;"
			" WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200)"
			" INSERT INTO t(who, x) SELECT 'A', randomblob(3000) FROM c; ROLLBACK;",
			NULL, NULL, NULL) == SQLITE_OK,
	   "a transaction that spills to the WAL rolls back");
	ok(sqlite3_exec(b,
			"BEGIN; WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 300)"
			" INSERT INTO t(who, x) SELECT 'B', zeroblob(3000) FROM c; COMMIT;",
			NULL, NULL, NULL) == SQLITE_OK,
	   "another writer commits 300 rows after it");
	rows = count(a);
	is_int(rows, 300, "the first writer reads them");
	sqlite3_close(a);
	is_int(count(b), 300, "and after it closes, so does the other");
	sqlite3_close(b);
	integrity(path, res, sizeof(res));
	is_str(res, "ok", "the database is whole");
	remove_db(path);
}

/*
 * A transaction that spills pages to the WAL and then writes one of them
 * again: SQLite writes over that frame and rewrites the checksums of the
 * frames after it, the commit frame's header last, after the commit frame.
 * That header's write fails: the commit must fail, not be said to succeed.
 */
static void rewritten_commit_header_fails(const char *dir)
{
	char path[256], res[200];
	sqlite3 *a = open_gathering(
	    dir, "rewrite.db", "CREATE TABLE t(id INTEGER PRIMARY KEY, x BLOB); INSERT INTO t(x) VALUES (1)",
	    path, sizeof(path));
	int rc;

	sqlite3_exec(a,
		     "PRAGMA cache_size = 10; BEGIN;"
		     " WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200)"
		     " INSERT INTO t(x) SELECT randomblob(3000) FROM c;",
		     NULL, NULL, NULL);
	fail_commit_hdr = true;
	rc = sqlite3_exec(a, "UPDATE t SET x = zeroblob(10) WHERE id = 1; COMMIT;", NULL, NULL, NULL);
	fail_commit_hdr = false;
	ok(rc != SQLITE_OK, "a commit whose rewritten commit header cannot be written fails (%d)", rc);
	sqlite3_exec(a, "ROLLBACK", NULL, NULL, NULL);
	is_int(count(a), 1, "and the writer sees the row from before only");
	sqlite3_close(a);
	integrity(path, res, sizeof(res));
	is_str(res, "ok", "the database is whole");
	remove_db(path);
}

static void faulty_install(void)
{
	/* The faulty VFS is the default, wrapping the system's, before the gathering VFS wraps it in turn. */
	os_vfs = sqlite3_vfs_find(NULL);
	faulty_vfs = *os_vfs;
	faulty_vfs.zName = "faulty";
	faulty_vfs.szOsFile = (int)sizeof(struct faulty_file) + os_vfs->szOsFile;
	faulty_vfs.xOpen = faulty_open;
	faulty_vfs.pAppData = NULL;
	sqlite3_vfs_register(&faulty_vfs, 1);
}

int main(void)
{
	char dir[] = "/tmp/vedtak-gather-XXXXXX", path[256];
	sqlite3 *w = NULL, *r = NULL, *again = NULL;
	const char *name;
	int total = 0, i, before;

	faulty_install();
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/g.db", dir);
	name = gather_vfs_name();
	ok(name != NULL, "the gathering VFS registers");
	ok(sqlite3_open_v2(path, &w, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, name) == SQLITE_OK &&
	       sqlite3_exec(w, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t(x)",
			    NULL, NULL, NULL) == SQLITE_OK,
	   "a database opens through it in WAL mode");
	/* The reader goes through the faulty VFS only: SQLite's own reads of the same files. */
	ok(sqlite3_open_v2(path, &r, SQLITE_OPEN_READONLY, "faulty") == SQLITE_OK, "a reader opens it");

	/* Transactions of one small row, of a few pages, and of more than the 128 KB a write gathers. */
	{
		static const int rows[] = {1, 3, 20, 1, 200, 2};
		bool seen = true;

		for (i = 0; i < (int)(sizeof(rows) / sizeof(rows[0])); i++) {
			if (insert(w, rows[i], 3000) != SQLITE_OK)
				seen = false;
			total += rows[i];
			if (count(r) != total)
				seen = false;
		}
		ok(seen, "the other connection sees every commit at once: %d rows", count(r));
	}

	/* 300 rows of 3,000 bytes: a page each, 600 writes were they not gathered. */
	wal_writes = 0;
	ok(insert(w, 300, 3000) == SQLITE_OK, "a transaction of 300 pages commits");
	total += 300;
	ok(wal_writes > 0 && wal_writes <= 30, "its frames reach the system in %d writes", wal_writes);
	is_int(count(r), total, "and the other connection sees them");

	/* A commit whose frames fail to be written fails, and nothing of it is seen. */
	fail_wal = true;
	ok(insert(w, 1, 100) != SQLITE_OK,
	   "a commit of one small row fails when its frame cannot be written");
	sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL);
	ok(insert(w, 100, 3000) != SQLITE_OK, "so does a commit of 100 pages");
	sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL);
	fail_wal = false;
	is_int(count(r), total, "the other connection sees neither");
	is_int(count(w), total, "nor does the writer");
	before = total;
	ok(insert(w, 5, 3000) == SQLITE_OK, "the next commit succeeds");
	total += 5;
	is_int(count(r), total, "and is seen");

	/* What is on disk, read afresh once both are closed: every committed row, nothing else, whole. */
	sqlite3_close(r);
	sqlite3_close(w);
	ok(sqlite3_open_v2(path, &again, SQLITE_OPEN_READONLY, "faulty") == SQLITE_OK,
	   "the database opens again");
	is_int(count(again), before + 5, "with every committed row");
	{
		sqlite3_stmt *st = NULL;
		const char *res = NULL;

		if (sqlite3_prepare_v2(again, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			res = (const char *)sqlite3_column_text(st, 0);
		is_str(res, "ok", "and whole");
		sqlite3_finalize(st);
	}
	sqlite3_close(again);
	remove_db(path);

	second_writer_after_rollback(dir);
	rewritten_commit_header_fails(dir);
	rmdir(dir);
	return done_testing();
}
