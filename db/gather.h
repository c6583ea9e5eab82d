/*
 * gather.h: the VFS the store writes through, which hands the frames
 * SQLite writes to a WAL to the system a run at a time (gather.c).
 */
#ifndef VEDTAK_GATHER_H
#define VEDTAK_GATHER_H

#include <sqlite3.h>

/* The VFS's name for sqlite3_open_v2(), registered at the first call; NULL: SQLite's own is used. */
const char *gather_vfs_name(void);

#endif
