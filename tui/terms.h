/*
 * terms.h: the curated list of the field's equivalent names
 * (assets/terms.txt, core/equiv.h), read into a store for search.
 */
#ifndef VEDTAK_TERMS_H
#define VEDTAK_TERMS_H

#include "core/status.h"

struct store;

/*
 * Reads the assets' terms.txt into `s`. A missing file leaves search
 * without the list; a malformed one fails with diag naming the file and
 * line.
 */
enum vt_status terms_load(struct store *s, struct vt_diag *diag);

#endif
