/*
 * settings.h: the configuration file, $XDG_CONFIG_HOME/vedtak/config (INI:
 * "key = value" lines, # or ; comments, [sections] allowed and ignored).
 * Keys: database (a path, ~ for the home folder), user (who tags and
 * writes notes), sort (relevance or date), color (yes or no), theme (a name
 * in the bundled themes/ folder, or a theme file's path), max_file_size
 * (megabytes: the largest file import and sync read). Unknown keys
 * and bad values are warned about as FILE:LINE, never fatal. Command-line
 * options override the file; the file overrides the defaults.
 */
#ifndef VEDTAK_SETTINGS_H
#define VEDTAK_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

struct settings {
	char *database; /* NULL: not set */
	char *user;
	char *theme;
	bool sort_by_date;
	bool no_color;
	size_t max_file_size; /* bytes; 0: not set */
};

/* Reads the file if there is one (VEDTAK_CONFIG names another); warnings go to stderr. */
void settings_load(struct settings *c);
void settings_release(struct settings *c);

/* "512" (megabytes) as bytes; false for anything but a positive whole number. */
bool settings_parse_megabytes(const char *s, size_t *bytes);

#endif
