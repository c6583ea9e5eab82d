/*
 * importer.h: importing documents into the store, with what an import
 * says on the terminal. Used by `vedtak import` and by the first start.
 */
#ifndef VEDTAK_IMPORTER_H
#define VEDTAK_IMPORTER_H

#include <stdbool.h>
#include <stddef.h>

struct store;

/* How much an import says: everything, errors and warnings only (--quiet), nothing (the UI's first start). */
enum import_voice { IMPORT_LOUD, IMPORT_QUIET, IMPORT_SILENT };

/*
 * Begins an import: a thread reads and parses `paths` (up to max_bytes
 * each), and may begin before the store is open, while the caller opens
 * it (on a new archive 8 to 13 ms of making its schema). Until
 * importer_run() it reads only small text files that are regular files,
 * which never block. `storing` false: import --check, which stores
 * nothing. The `paths` must outlive it.
 */
struct import_ahead;
struct import_ahead *importer_begin(const char *const *paths, size_t n, size_t max_bytes, bool storing);

/*
 * Imports the files begun by `a` in order, each file whole or not at all,
 * in batches of one transaction (`s` NULL: parse and report only, as
 * import --check); frees `a`. Returns how many failed.
 */
size_t importer_run(struct import_ahead *a, struct store *s, enum import_voice voice);

/*
 * From now on SIGINT and SIGTERM stop an import between documents, with
 * what was stored kept and said (importer.c); a second one ends the
 * process at once. importer_stopped(): the signal that stopped it, or 0.
 */
void importer_stop_on_signals(void);
int importer_stopped(void);

/*
 * Ends what importer_begin() began, once the document being read is read
 * (a small text file), with nothing stored or said: the store could not
 * be opened, or is open read-only.
 */
void importer_cancel(struct import_ahead *a);

/*
 * The files `paths` stand for: a folder for its .pdf and .txt files at any
 * depth, in name order, hidden ones skipped. *out (the caller frees each
 * string and the array) gets them; returns false when a folder had none
 * or could not be read (said on stderr).
 */
bool importer_expand(const char *const *paths, size_t n, char ***out, size_t *nout);

/*
 * First start: imports the bundled sample decks. Returns how many were
 * imported; *from (caller frees) is where they were looked for and
 * *found how many were there.
 */
size_t importer_samples(struct store *s, bool quiet, char **from, size_t *found);

#endif
