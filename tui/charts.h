/*
 * charts.h: the pictures of `vedtak stats` and of the UI's chart screen,
 * as lines of text. Bars are Unicode blocks scaled to the width, each
 * with its number; the parts of a stacked bar differ by shading as well
 * as by colour, so that a chart keeps its meaning in NO_COLOR and at 40
 * columns. Plain, each chart is a tab-separated table for a script or a
 * spreadsheet.
 */
#ifndef VEDTAK_CHARTS_H
#define VEDTAK_CHARTS_H

#include <stdbool.h>

struct stats;

enum chart_line { CHART_HEADING, CHART_ROW, CHART_BLANK };

/* How each line goes out: its text (with colour escapes only when `color` was asked for) and its kind. */
typedef void chart_line_fn(void *arg, const char *text, enum chart_line kind);

/* Draws every chart of `st` in `width` cells, or (plain) writes its tables. */
void charts_draw(const struct stats *st, int width, bool plain, bool color, chart_line_fn *line, void *arg);

#endif
