/*
 * charts-view.c: the charts of stats.h in the UI (c): of the result
 * list's query with its facets when opened from the results, else of
 * every case. Drawn again at each width, as `vedtak stats` draws them.
 */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/stats.h"
#include "tui/charts.h"
#include "tui/uictx.h"
#include "tui/views.h"
#include "core/banned.h"

static void add_chart_line(void *arg, const char *text, enum chart_line kind)
{
	view_add_line(arg, text, kind == CHART_HEADING ? STYLE_TITLE : STYLE_NORMAL);
}

static struct view *charts_open(struct ui *ui, const struct view_target *target)
{
	const struct view *below = ui_top(ui);
	struct strbuf text = STRBUF_INIT, title = STRBUF_INIT;
	struct stats *st = xcalloc(1, sizeof(*st));
	struct query *q = NULL;
	struct vt_diag diag;
	struct view *v = NULL;

	(void)target;
	if (below && below->ops->kind == VIEW_RESULTS)
		ui_query_text(ui, &text);
	if (text.len && query_compile(text.buf, &q, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		goto fail;
	}
	if (store_stats(ui->store, q, st, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		goto fail;
	}
	strbuf_addf(&title, "%s: %s", _("Charts"), text.len ? text.buf : _("every case"));
	v = view_new(&charts_view_ops, title.buf);
	v->data = st;
	st = NULL;
	ui_say(ui, P_("%zu case", "%zu cases", ((struct stats *)v->data)->ncases),
	       ((struct stats *)v->data)->ncases);
fail:
	if (st)
		stats_release(st);
	free(st);
	query_free(q);
	strbuf_release(&text);
	strbuf_release(&title);
	return v;
}

static void charts_layout(struct ui *ui, struct view *v, int width)
{
	(void)ui;
	view_clear(v);
	v->built_width = width;
	/* No colour: the shades tell the parts of a bar apart on every terminal. */
	charts_draw(v->data, width - 1, false, false, add_chart_line, v);
}

static void charts_release(struct view *v)
{
	stats_release(v->data);
	free(v->data);
}

const struct view_ops charts_view_ops = {
    .kind = VIEW_CHARTS,
    .text = true,
    .hints = N_("? help  q back"),
    .open = charts_open,
    .layout = charts_layout,
    .release = charts_release,
};
