/*
 * settings.h: what the user chose, gathered once and handed to every
 * command and the UI: defaults, then the configuration file
 * ($XDG_CONFIG_HOME/vedtak/config, or VEDTAK_CONFIG), then the
 * environment, then the command line. Nothing else in vedtak reads the
 * environment for a setting.
 *
 * The file is INI ("key = value", # or ; comments, [sections] ignored).
 * Keys: database (a path, ~ for the home folder), user (who tags and
 * writes notes), sort (relevance or date), color (yes or no), theme (a
 * name in the bundled themes/ folder, or a theme file's path),
 * max_file_size (megabytes: the largest file import and sync read).
 * Unknown keys and bad values are warned about as FILE:LINE, never fatal.
 * The environment: VEDTAK_USER (else the file's user, else USER, else
 * the account's name), NO_COLOR, VEDTAK_THEME, VEDTAK_SORT.
 */
#ifndef VEDTAK_SETTINGS_H
#define VEDTAK_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

struct settings {
	char *db_path;	   /* NULL until main picks the default */
	bool readonly;	   /* --read-only */
	char *user;	   /* who tags and writes notes; never NULL after settings_load */
	char *theme;	   /* NULL: the built-in colours */
	bool sort_by_date; /* results newest first, not by relevance */
	bool no_color;
	size_t max_file_size; /* bytes: the largest file import and sync read */
};

/* Fills `s` from the defaults, the file and the environment; warnings go to stderr. */
void settings_load(struct settings *s);
void settings_release(struct settings *s);

/* "512" (megabytes) as bytes; false for anything but a positive whole number. */
bool settings_parse_megabytes(const char *s, size_t *bytes);

#endif
