/*
 * views.h: the kinds of view, each in its own file, for ui.c to register.
 */
#ifndef VEDTAK_VIEWS_H
#define VEDTAK_VIEWS_H

#include "tui/view.h"

extern const struct view_ops meetings_view_ops;	  /* meetings-view.c: the start screen */
extern const struct view_ops results_view_ops;	  /* results-view.c: the result list and its preview */
extern const struct view_ops case_view_ops;	  /* case-view.c: one case, a pager */
extern const struct view_ops meeting_view_ops;	  /* meeting-view.c: a meeting's agenda and attendance */
extern const struct view_ops presenters_view_ops; /* presenters-view.c */
extern const struct view_ops help_view_ops;	  /* help-view.c */
extern const struct view_ops charts_view_ops;	  /* charts-view.c: the stats as charts */

#endif
