/*
 * settings.h: the configuration file, $XDG_CONFIG_HOME/vedtak/config (INI:
 * "key = value" lines, # or ; comments, [sections] allowed and ignored).
 * Keys: database (a path, ~ for the home folder), user (who tags and
 * writes notes), sort (relevance or date), color (yes or no), theme (a name
 * in the bundled themes/ folder, or a theme file's path). Unknown keys
 * and bad values are warned about as FILE:LINE, never fatal. Command-line
 * options override the file; the file overrides the defaults.
 */
#ifndef VEDTAK_SETTINGS_H
#define VEDTAK_SETTINGS_H

#include <stdbool.h>

struct settings {
	char *database; /* NULL: not set */
	char *user;
	char *theme;
	bool sort_by_date;
	bool no_color;
};

/* Reads the file if there is one (VEDTAK_CONFIG names another); warnings go to stderr. */
void settings_load(struct settings *c);
void settings_release(struct settings *c);

#endif
