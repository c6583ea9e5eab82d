/*
 * help-view.c: the keys, made from the key table, and the query language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "tui/keys.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

static struct view *help_open(struct ui *ui, const struct view_target *target)
{
	struct view *v = view_new(&help_view_ops, _("Help"));
	size_t i;

	(void)ui;
	(void)target;
	view_add_line(v, _("Keys"), STYLE_TITLE);
	for (i = 0; i < keys_nbindings; i++) {
		struct strbuf keys = STRBUF_INIT;
		char line[600];

		if (!keys_bindings[i].help)
			continue;
		keys_names(i, &keys);
		snprintf(line, sizeof(line), "  %-19s %s", keys.buf, _(keys_bindings[i].help));
		view_add_line(v, line, STYLE_NORMAL);
		strbuf_release(&keys);
	}
	view_add_line(v, "", STYLE_NORMAL);
	view_add_line(v, _("In the search prompt"), STYLE_TITLE);
	view_add_line(v, _("  Enter               go to the results        Esc     leave the prompt"),
		      STYLE_NORMAL);
	view_add_line(v, _("  Up, Down            earlier queries          Tab     complete a tag, a file"),
		      STYLE_NORMAL);
	view_add_line(v, _("  Ctrl-A, Ctrl-E      to the start, the end    Ctrl-W  delete the word before"),
		      STYLE_NORMAL);
	view_add_line(v, _("  Ctrl-U, Ctrl-K      delete to the start, to the end of the line"),
		      STYLE_NORMAL);
	view_add_line(v, "", STYLE_NORMAL);
	view_add_line(v,
		      _("Query language: fhir api  \"a phrase\"  helse*  fhir OR hl7  -word  type:drøfting"),
		      STYLE_NORMAL);

	view_add_line(v, "  presenter:aksnes  org:  body:nufa  case:11/21  year:2021  date:2021-04..2022-09",
		      STYLE_NORMAL);
	view_add_line(v, "  title:  decision:  slide:  amended:yes  /regex/", STYLE_NORMAL);
	return v;
}

/* ---- searching ---- */

const struct view_ops help_view_ops = {
    .kind = VIEW_HELP,
    .text = true,
    .hints = N_("q back"),
    .open = help_open,
};
