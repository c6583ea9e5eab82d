/*
 * termsafe.h: what may reach a terminal. Text from outside (documents,
 * file names, notes, sync files, the database) can hold escape sequences
 * that set the window title, write the clipboard or reorder a line; the
 * one writer every command prints through (tui/out.c) and the UI's drawing
 * pass their text through here.
 */
#ifndef VEDTAK_TERMSAFE_H
#define VEDTAK_TERMSAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

/*
 * True for code points that must not reach a terminal as they are: C0
 * controls other than tab and newline, DEL, C1 controls, and the
 * bidirectional controls that make a line read other than it is stored
 * (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069).
 */
bool term_unsafe(uint32_t cp);

/*
 * Appends `s` (n bytes) fit for a terminal: each unsafe code point and
 * each invalid byte becomes U+FFFD, so that the reader sees something was
 * there. Tab and newline are kept.
 */
void term_safe_append(struct strbuf *out, const char *s, size_t n);

#endif
