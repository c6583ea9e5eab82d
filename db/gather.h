/*
 * gather.h: the VFS the store writes through, which hands SQLite's runs
 * of small writes to a WAL and to a checkpointed database to the system
 * as one write each (gather.c).
 */
#ifndef VEDTAK_GATHER_H
#define VEDTAK_GATHER_H

#include <sqlite3.h>

/* The VFS's name for sqlite3_open_v2(), registered at the first call; NULL: SQLite's own is used. */
const char *gather_vfs_name(void);

#endif
