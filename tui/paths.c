/*
 * paths.c: the places of vedtak's files.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "core/i18n.h"
#include "core/util.h"
#include "tui/out.h"
#include "tui/paths.h"
#include "core/banned.h"

/* $XDG_DATA_HOME/vedtak, or ~/.local/share/vedtak; NULL without either. */
static char *data_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/vedtak", xdg);
	if (home && *home)
		return xasprintf("%s/.local/share/vedtak", home);
	return NULL;
}

/* mkdir -p. */
static int make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0700) && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

char *paths_default_db(void)
{
	char *dir = data_dir(), *path;

	if (!dir)
		dir = xstrdup("./.local/share/vedtak");
	if (make_dirs(dir))
		out_printf(stderr, _("vedtak: cannot create %s: %s\n"), dir, strerror(errno));
	path = xasprintf("%s/vedtak.db", dir);
	free(dir);
	return path;
}

char *paths_history(void)
{
	char *dir = data_dir(), *path;

	if (!dir)
		return NULL;
	/* The database may live elsewhere: the history's folder is made here, or nothing would be kept. */
	make_dirs(dir);
	path = xasprintf("%s/history", dir);
	free(dir);
	return path;
}

/*
 * The installed tree's share/ folder when this binary was installed with
 * its assets (BIN/../share/vedtak exists), else NULL: a binary in the
 * build tree.
 */
static char *installed_share_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat sb;
	char *slash, *share, *assets;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	share = xasprintf("%s/../share", exe);
	assets = xasprintf("%s/vedtak", share);
	if (stat(assets, &sb) || !S_ISDIR(sb.st_mode)) {
		free(share);
		share = NULL;
	}
	free(assets);
	return share;
}

char *paths_assets(void)
{
	const char *env = getenv("VEDTAK_ASSETS");
	char *share, *dir;

	if (env && *env)
		return xstrdup(env);
	if (!(share = installed_share_dir()))
		return xstrdup(VEDTAK_SOURCE_ASSETS);
	dir = xasprintf("%s/vedtak", share);
	free(share);
	return dir;
}

char *paths_locale(void)
{
	char *share = installed_share_dir(), *dir;

	if (!share)
		return xstrdup(VEDTAK_BUILD_LOCALEDIR);
	dir = xasprintf("%s/locale", share);
	free(share);
	return dir;
}
