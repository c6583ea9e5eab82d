/*
 * cmd-start.c: `vedtak` with no command: the UI on a terminal, the
 * meetings listed on a pipe; an empty database first gets the bundled
 * sample decks.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "core/util.h"
#include "db/looks.h"
#include "db/store.h"
#include "db/topics.h"
#include "tui/cmd.h"
#include "tui/importer.h"
#include "tui/out.h"
#include "tui/settings.h"
#include "tui/ui.h"
#include "core/banned.h"

int cmd_start(const struct cmd_env *env)
{
	struct store *s = NULL;
	struct vt_diag diag;
	size_t found = 0, ok = 0;
	bool empty = false;
	char *from = NULL, *status = NULL;
	bool ui = ui_wanted();
	int rc = EXIT_OK;

	if (cmd_open_store(env->settings, false, &s) != VT_OK)
		return EXIT_FAILED;
	vt_diag_clear(&diag);
	if (store_is_empty(s, &empty, &diag) == VT_OK && empty && !env->settings->readonly) {
		ok = importer_samples(s, ui, &from, &found);
		if (!found)
			status = xasprintf(_("No sample decks found in %s"), from);
		else
			status =
			    xasprintf(P_("The database was empty: imported %zu sample deck from %s",
					 "The database was empty: imported %zu sample decks from %s", ok),
				      ok, from);
		if (!ui)
			out_printf(stdout, "vedtak: %s\n\n", status);
		if (ok != found)
			rc = EXIT_FAILED;
	}
	/* The UI searches on a read-only connection of its own: the topics are made here, first. */
	if (ui && store_update_topics(s, NULL, &diag) != VT_OK)
		cmd_print_diag(NULL, &diag, VT_ERR_DB);
	if (ui && !status) {
		struct arrivals a;

		/* The first screen after an import says what arrived since the last look. */
		if (store_arrivals(s, &a, &diag) == VT_OK && a.cases)
			status = xasprintf(P_("New since last look: %zu case (%s%s) · new:",
					      "New since last look: %zu cases (%s%s) · new:", a.cases),
					   a.cases, a.meetings_text, a.meetings > 2 ? " …" : "");
		arrivals_release(&a);
	}
	if (ui) {
		/* The look is when the UI opened: what another vedtak imports meanwhile is still news next
		 * time. */
		char *opened = store_now(s);

		rc = ui_run(env->settings, s, status);
		cmd_say_waits(s);
		if (store_look(s, LOOK_ARCHIVE, opened, &diag) != VT_OK)
			cmd_print_diag(NULL, &diag, VT_ERR_DB);
		free(opened);
	}
	if (!ui && rc == EXIT_OK)
		rc = cmd_list_meetings(s);
	free(status);
	free(from);
	store_close(s);
	return rc;
}
