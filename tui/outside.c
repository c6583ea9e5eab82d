/*
 * outside.c: running $EDITOR and $PAGER with the terminal handed over.
 * $PAGER and $EDITOR are the user's own choice of program: they run
 * through the shell as git runs them, and only the file name, never text
 * from a document, is put on their command line (quoted).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/deck.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/outside.h"
#include "tui/settings.h"
#include "tui/uictx.h"
#include "core/banned.h"

/* Runs `cmd` with the terminal handed over, and takes it back after. */
static int run_outside(const char *cmd)
{
	int status;

	def_prog_mode();
	endwin();
	status = system(cmd);
	reset_prog_mode();
	refresh();
	return status;
}

/* The deck the case came from, in $PAGER (less by default) at the case's first line. */
void outside_open_source(struct ui *ui, const struct deck *d)
{
	const char *pager = getenv("PAGER");
	char *cmd;

	if (!d)
		return;
	if (!d->source_path || access(d->source_path, R_OK)) {
		if (d->source_path)
			ui_say(ui, _("the deck %s is no longer at %s"), d->source, d->source_path);
		else
			ui_say(ui, _("the deck %s is not at a known place"), d->source);
		return;
	}
	if (strchr(d->source_path, '\'')) {
		ui_say(ui, "%s", _("cannot open a file whose name has a quote"));
		return;
	}
	if (!pager || !*pager)
		pager = "less";
	/* less and most other pagers take +LINE; quoting keeps odd file names whole. */
	cmd = xasprintf("%s +%ld '%s'", pager, d->cases[0].line_start ? d->cases[0].line_start : 1,
			d->source_path);
	if (run_outside(cmd) != 0)
		ui_say(ui, _("the pager failed: %s"), pager);
	free(cmd);
}

/*
 * A longer note in $EDITOR: the case's latest note to edit (the edit
 * replaces it), or an empty file for a new one.
 */
void outside_edit_note(struct ui *ui, const char *key)
{
	char path[] = "/tmp/vedtak-note-XXXXXX";
	const char *editor = getenv("VISUAL");
	char *cmd = NULL, *text = NULL, *replaces = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct note *notes = NULL;
	size_t nnotes = 0;
	struct vt_diag diag;
	int fd, status;
	FILE *f;

	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	if ((fd = mkstemp(path)) < 0) {
		ui_say(ui, _("cannot make a file for the note: %s"), strerror(errno));
		return;
	}
	if (store_case_notes(ui->store, key, &notes, &nnotes, &diag) == VT_OK && nnotes) {
		const char *t = notes[nnotes - 1].text;
		replaces = xstrdup(notes[nnotes - 1].id);
		if (write(fd, t, strlen(t)) < 0 || write(fd, "\n", 1) < 0)
			ui_say(ui, "%s", _("cannot write the note's file"));
	}
	notes_free(notes, nnotes);
	close(fd);
	cmd = xasprintf("%s '%s'", editor, path);
	status = run_outside(cmd);
	if ((f = fopen(path, "r"))) {
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			strbuf_add(&sb, buf, n);
		fclose(f);
	}
	unlink(path);
	strbuf_rtrim(&sb);
	text = sb.buf;
	if (status != 0 || !WIFEXITED(status))
		ui_say(ui, "%s", _("the editor failed; no note added"));
	else if (!sb.len)
		ui_say(ui, "%s", _("empty note: nothing added"));
	else if (store_note_add(ui->store, key, text, replaces, ui->settings->user, &diag) != VT_OK)
		ui_say(ui, "%s", diag.msg);
	else
		ui_say(ui, replaces ? _("note changed on %s") : _("note added to %s"), key);
	strbuf_release(&sb);
	free(replaces);
	free(cmd);
}
