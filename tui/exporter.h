/*
 * exporter.h: cases and meetings written for scripts, spreadsheets and
 * calendars (`vedtak export`, the UI's e).
 */
#ifndef VEDTAK_EXPORTER_H
#define VEDTAK_EXPORTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/status.h"

struct store;
struct query;

/* True for json, jsonl, csv and ics. */
bool exporter_format_ok(const char *format);

/*
 * Writes the cases `q` finds (only those when `filtered`, else their whole
 * meetings) to `f` in `format`; *ncases says how many.
 */
enum vt_status exporter_write(struct store *s, struct query *q, bool filtered, const char *format, FILE *f,
			      size_t *ncases, struct vt_diag *diag);

#endif
