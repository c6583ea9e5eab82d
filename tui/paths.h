/*
 * paths.h: where vedtak's files are: the database's default place and the
 * query history (XDG base directories), and the bundled assets and
 * message catalogues (next to an installed binary, else the source and
 * build trees). Each returned path is the caller's to free.
 */
#ifndef VEDTAK_PATHS_H
#define VEDTAK_PATHS_H

/* $XDG_DATA_HOME/vedtak/vedtak.db (~/.local/share/...), its folder made if need be. */
char *paths_default_db(void);
/* $XDG_DATA_HOME/vedtak/history; NULL without a home. */
char *paths_history(void);
/* The bundled samples and themes: VEDTAK_ASSETS, next to an installed binary, or the source tree's. */
char *paths_assets(void);
/* The message catalogues: share/locale next to an installed binary, or the build tree's. */
char *paths_locale(void);

#endif
