/*
 * presenters-view.c: everyone who presented, with their number of cases;
 * Enter searches their cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/store.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

/* presenter:"NAME", a quote in the name left out (it would end the phrase). */
static char *presenter_query(const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "presenter:\"");
	for (; *name; name++)
		if (*name != '"')
			strbuf_addch(&sb, *name);
	strbuf_addch(&sb, '"');
	return strbuf_detach(&sb, NULL);
}

static struct view *presenters_open(struct ui *ui, const struct view_target *target)
{
	struct view *v = view_new(&presenters_view_ops, _("Presenters"));
	struct person_row *rows = NULL;
	struct vt_diag diag;
	size_t n = 0, i;

	(void)target;
	if (store_person_rows(ui->store, &rows, &n, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		return v;
	}
	for (i = 0; i < n; i++) {
		char buf[300];
		struct tline *l;

		snprintf(buf, sizeof(buf), "%4d  %s", rows[i].ncases, rows[i].name);
		l = view_add_line(v, buf, STYLE_NORMAL);
		l->search = presenter_query(rows[i].name);
	}
	person_rows_free(rows, n);
	return v;
}

static void presenters_enter(struct ui *ui, struct view *v)
{
	if (v->cursor < v->nlines && v->lines[v->cursor].search)
		ui_search_for(ui, v->lines[v->cursor].search);
}

const struct view_ops presenters_view_ops = {
    .kind = VIEW_PRESENTERS,
    .hints = N_("Enter their cases  / search  ? help  q back"),
    .open = presenters_open,
    .enter = presenters_enter,
};
