/*
 * edits.c: tags, notes, undo, saved searches and exports from the UI,
 * with the one-line prompt they ask in.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/dates.h"
#include "core/i18n.h"
#include "core/query.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "db/store.h"
#include "db/tags.h"
#include "tui/edits.h"
#include "tui/exporter.h"
#include "tui/outside.h"
#include "tui/settings.h"
#include "tui/uictx.h"
#include "core/banned.h"

/* Opens the prompt for `purpose` with `label`, the text `text` to edit, about `subject` (may be NULL). */
static void prompt_open(struct ui *ui, enum action purpose, const char *label, const char *text,
			const char *subject)
{
	ui->mini.active = true;
	ui->mini.purpose = purpose;
	lineedit_set(&ui->mini.edit, text ? text : "");
	snprintf(ui->mini.label, sizeof(ui->mini.label), "%s", label);
	free(ui->mini.subject);
	ui->mini.subject = subject ? xstrdup(subject) : NULL;
}

/* Remembers the batch this UI's tagging made, so that u knows its own taggings from others'. */
static void note_tagging(struct ui *ui)
{
	struct undo_info info;
	struct vt_diag diag;

	free(ui->last_tag_batch);
	ui->last_tag_batch = NULL;
	if (store_tag_undo_peek(ui->store, &info, &diag) == VT_OK) {
		ui->last_tag_batch = info.batch;
		info.batch = NULL;
		undo_info_release(&info);
	}
}

/* Tab in a tag prompt: the longest completion the existing tags allow. */
static void complete_tag(struct ui *ui)
{
	struct tag_count *tags = NULL;
	struct strbuf listing = STRBUF_INIT;
	struct vt_diag diag;
	char **names;
	size_t n = 0, i;

	if (store_tag_counts(ui->store, &tags, &n, &diag) != VT_OK)
		return;
	names = xcalloc(n + 1, sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = tags[i].tag;
	if (lineedit_complete(&ui->mini.edit, names, n, &listing) > 1)
		ui_say(ui, "%s", listing.buf);
	free(names);
	strbuf_release(&listing);
	tag_counts_free(tags, n);
}

/* True when the comma-separated `tags` has `tag`. */
static bool has_tag(const char *tags, const char *tag)
{
	size_t tl = strlen(tag);
	const char *p = tags;

	while ((p = strstr(p, tag))) {
		if ((p == tags || p[-1] == ' ') && (p[tl] == ',' || !p[tl]))
			return true;
		p += tl;
	}
	return false;
}

/* Toggles tag `tag` on the marked cases, or on the current one. */
static void tag_cases(struct ui *ui, struct view *v, const char *tag)
{
	struct tag_change ch = {tag, true};
	struct vt_diag diag;
	char **keys = NULL;
	size_t nkeys = 0, changed = 0, i, k, have = 0;

	/* The marks, also those the list no longer shows: the status line counts them all. */
	if (v->ops->kind == VIEW_RESULTS && ui->nmarked) {
		keys = xcalloc(ui->nmarked, sizeof(*keys));
		for (i = 0; i < ui->nmarked; i++)
			keys[nkeys++] = xstrdup(ui->marked[i].key);
	} else {
		char *key = v->ops->key ? v->ops->key(ui, v) : NULL;
		if (!key)
			return;
		keys = xcalloc(1, sizeof(*keys));
		keys[nkeys++] = key;
	}
	/* A toggle: off when every case has it already. */
	for (k = 0; k < nkeys; k++) {
		char *tags = NULL;
		if (store_case_tags(ui->store, keys[k], &tags, &diag) == VT_OK && has_tag(tags, tag))
			have++;
		free(tags);
	}
	ch.add = have < nkeys;
	if (store_tag_keys(ui->store, keys, nkeys, &ch, 1, ui->settings->user, &changed, &diag) != VT_OK)
		ui_say(ui, "%s", diag.msg);
	else {
		note_tagging(ui);
		ui_say(ui,
		       ch.add ? P_("%s added to %zu case", "%s added to %zu cases", changed)
			      : P_("%s removed from %zu case", "%s removed from %zu cases", changed),
		       tag, changed);
	}
	for (k = 0; k < nkeys; k++)
		free(keys[k]);
	free(keys);
	ui_marks_clear(ui);
	ui_reload(ui);
}

/* "~/x" is the home folder's x, as a shell reads it. */
static char *expand_home(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && (path[1] == '/' || !path[1]) && home && *home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

/* A file name for the export from the query's words: vedtak-fhir-api.csv. */
static void export_suggestion(struct ui *ui, struct strbuf *out)
{
	const char *p = ui->query.text.buf;
	size_t start;

	strbuf_addstr(out, "vedtak-");
	start = out->len;
	for (; *p && out->len < start + 40; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80)
			strbuf_addch(out, (char)c);
		else if (out->len > start && out->buf[out->len - 1] != '-')
			strbuf_addch(out, '-');
	}
	/* Never a cut character (back to the last one whole) or a trailing dash. */
	if (out->len > start) {
		size_t last = out->len - 1;

		uint32_t cp;

		while (last > start && ((unsigned char)out->buf[last] & 0xC0) == 0x80)
			last--;
		if (utf8_decode(out->buf + last, out->len - last, &cp) != out->len - last || cp == 0xFFFD)
			strbuf_setlen(out, last);
	}
	while (out->len > start && out->buf[out->len - 1] == '-')
		strbuf_setlen(out, out->len - 1);
	if (out->len == start)
		strbuf_addstr(out, _("all"));
	strbuf_addstr(out, ".csv");
}

/* Tab in the export prompt: the file names the folder has that start with what is typed. */
static void complete_path(struct ui *ui)
{
	char *typed = expand_home(ui->mini.edit.text.buf), *slash = strrchr(typed, '/');
	char *dir = slash ? xstrndup(typed, (size_t)(slash - typed) + 1) : xstrdup("");
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	struct strbuf listing = STRBUF_INIT;
	struct dirent *e;
	DIR *d = opendir(*dir ? dir : ".");

	while (d && (e = readdir(d))) {
		struct stat sb;
		char *full;

		if (e->d_name[0] == '.' && (slash ? slash[1] : typed[0]) != '.')
			continue;
		full = xasprintf("%s%s", dir, e->d_name);
		ALLOC_GROW(names, n + 1, alloc);
		names[n++] = !stat(full, &sb) && S_ISDIR(sb.st_mode) ? xasprintf("%s/", full) : xstrdup(full);
		free(full);
	}
	if (d)
		closedir(d);
	lineedit_set(&ui->mini.edit, typed);
	if (lineedit_complete(&ui->mini.edit, names, n, &listing) > 1)
		ui_say(ui, "%s", listing.buf);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	free(typed);
	strbuf_release(&listing);
}

/* Writes the result list to `path`, in the format its name ends with. */
static void export_to(struct ui *ui, const char *path)
{
	const char *dot = strrchr(path, '.');
	struct vt_diag diag;
	size_t n = 0;
	FILE *f;

	if (!(f = fopen(path, "w"))) {
		ui_say(ui, _("cannot write %s: %s"), path, strerror(errno));
		return;
	}
	if (exporter_write(ui->store, ui->q, ui->q->root != NULL, dot + 1, f, &n, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		fclose(f);
		remove(path); /* a half-written export would pass for a whole one */
		return;
	}
	if (fclose(f)) {
		ui_say(ui, _("cannot write %s: %s"), path, strerror(errno));
		remove(path);
		return;
	}
	{
		/* Where it went, whole: a relative name is relative to where vedtak was started. */
		char *full = realpath(path, NULL);

		ui_say(ui, P_("%zu case written to %s", "%zu cases written to %s", n), n, full ? full : path);
		free(full);
	}
}

/* Enter in the export prompt: a known format, and a question before a file is replaced. */
static void export_named(struct ui *ui, const char *typed)
{
	char *path = expand_home(typed);
	const char *dot = strrchr(path, '.');
	struct stat sb;

	if (!*path || !ui->q) {
		free(path);
		return;
	}
	if (!dot || !exporter_format_ok(dot + 1)) {
		ui_say(ui, "%s", _("name the file .csv, .jsonl, .ics or .json"));
	} else if (!stat(path, &sb)) {
		char label[sizeof(ui->mini.label)];

		snprintf(label, sizeof(label), _("%s exists. Replace it? (y/n) "), path);
		prompt_open(ui, ACT_CONFIRM_OVERWRITE, label, "", path);
	} else {
		export_to(ui, path);
	}
	free(path);
}

/*
 * Reverts the last tagging; one made outside this UI is asked about first,
 * and `confirmed` is then the batch the user said yes to (another that came
 * since is not undone in its place).
 */
static void undo(struct ui *ui, const char *confirmed)
{
	struct undo_info info;
	struct vt_diag diag;
	size_t changed = 0;
	char *when = NULL, made[32];

	if (store_tag_undo_peek(ui->store, &info, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		return;
	}
	date_time_local(info.when, made, sizeof(made));
	if (!confirmed && (!ui->last_tag_batch || strcmp(info.batch, ui->last_tag_batch))) {
		char label[sizeof(ui->mini.label)];

		snprintf(label, sizeof(label),
			 P_("Undo %s on %zu case (made %s, outside this UI)? (y/n) ",
			    "Undo %s on %zu cases (made %s, outside this UI)? (y/n) ", info.ncases),
			 info.changes, info.ncases, made);
		prompt_open(ui, ACT_CONFIRM_UNDO, label, "", info.batch);
	} else if (store_tag_undo(ui->store, ui->settings->user, confirmed ? confirmed : info.batch, &changed,
				  &when, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
	} else {
		ui_say(ui,
		       P_("undid %s (made %s): %zu case changed", "undid %s (made %s): %zu cases changed",
			  changed),
		       info.changes, made, changed);
	}
	free(when);
	undo_info_release(&info);
	ui_reload(ui);
}

static void save_search(struct ui *ui, const char *name)
{
	struct strbuf q = STRBUF_INIT;
	struct vt_diag diag;

	ui_query_text(ui, &q);
	if (!*name)
		;
	else if (store_saved_set(ui->store, name, q.buf, ui->settings->user, &diag) != VT_OK)
		ui_say(ui, "%s", diag.msg);
	else
		ui_say(ui, _("saved %s: %s"), name, q.buf);
	strbuf_release(&q);
	ui_reload(ui);
}

/* The saved search `old` under the name `name`: saved anew, the old name removed. */
static void rename_saved(struct ui *ui, const char *old, const char *name)
{
	struct saved *v = NULL;
	struct vt_diag diag;
	size_t n = 0, i;

	if (!*name || !strcmp(old, name))
		return;
	if (store_saved_list(ui->store, &v, &n, &diag) != VT_OK) {
		ui_say(ui, "%s", diag.msg);
		return;
	}
	for (i = 0; i < n && strcmp(v[i].name, old); i++)
		;
	if (i == n)
		ui_say(ui, _("no saved search %s"), old);
	else if (store_saved_set(ui->store, name, v[i].query, ui->settings->user, &diag) != VT_OK ||
		 store_saved_rm(ui->store, old, ui->settings->user, &diag) != VT_OK)
		ui_say(ui, "%s", diag.msg);
	else
		ui_say(ui, _("%s renamed to %s"), old, name);
	saved_free(v, n);
	ui_reload(ui);
}

static void delete_saved(struct ui *ui, const char *name)
{
	struct vt_diag diag;

	if (store_saved_rm(ui->store, name, ui->settings->user, &diag) != VT_OK)
		ui_say(ui, "%s", diag.msg);
	else
		ui_say(ui, _("removed %s"), name);
	ui_reload(ui);
}

/* The case number in a stable key ("NUFA|11/21|1" gives "11/21"), as people name cases. */
static const char *case_number(const char *key, char *out, size_t size)
{
	const char *bar = strchr(key, '|');

	if (!bar)
		return key;
	snprintf(out, size, "%.*s", (int)strcspn(bar + 1, "|"), bar + 1);
	return out;
}

/* Enter in the one-line prompt. */
static void prompt_done(struct ui *ui)
{
	struct view *v = ui_top(ui);
	const char *text = ui->mini.edit.text.buf;
	struct vt_diag diag;
	char *tag = NULL, *key, number[64];
	size_t changed = 0;

	ui->mini.active = false;
	switch (ui->mini.purpose) {
	case ACT_EXPORT:
		export_named(ui, text);
		return;
	case ACT_SAVE_SEARCH:
		save_search(ui, text);
		return;
	case ACT_RENAME_SAVED:
		rename_saved(ui, ui->mini.subject, text);
		return;
	case ACT_FIND:
		if (v->ops->find)
			v->ops->find(ui, v, text);
		return;
	case ACT_NOTE:
		if (!*text || !v->ops->key || !(key = v->ops->key(ui, v)))
			return;
		if (store_note_add(ui->store, key, text, NULL, ui->settings->user, &diag) != VT_OK)
			ui_say(ui, "%s", diag.msg);
		else
			ui_say(ui, _("note added to case %s"), case_number(key, number, sizeof(number)));
		free(key);
		ui_reload(ui);
		return;
	default:
		break;
	}
	if (!*text)
		return;
	if (!(tag = tag_normalise(text))) {
		ui_say(ui, _("'%s' is not a tag name (letters, digits, - and _)"), text);
		return;
	}
	if (ui->mini.purpose == ACT_TAG_ALL && ui->q) {
		struct tag_change ch = {tag, true};

		if (store_tag_query(ui->store, ui->q, &ch, 1, ui->settings->user, &changed, &diag) != VT_OK)
			ui_say(ui, "%s", diag.msg);
		else {
			note_tagging(ui);
			ui_say(ui, P_("%s added to %zu case", "%s added to %zu cases", changed), tag,
			       changed);
		}
		ui_reload(ui);
	} else if (ui->mini.purpose == ACT_TAG) {
		tag_cases(ui, v, tag);
	}
	free(tag);
}

/* A y/n question: y (or j, for ja) goes ahead, anything else does not. */
static void confirm(struct ui *ui, int rc, wint_t ch)
{
	bool yes = rc == OK && (ch == 'y' || ch == 'Y' || ch == 'j' || ch == 'J');

	ui->mini.active = false;
	if (!yes) {
		ui_say(ui, "%s", _("nothing done"));
		return;
	}
	if (ui->mini.purpose == ACT_CONFIRM_UNDO)
		undo(ui, ui->mini.subject);
	else if (ui->mini.purpose == ACT_CONFIRM_DELETE)
		delete_saved(ui, ui->mini.subject);
	else if (ui->mini.purpose == ACT_CONFIRM_OVERWRITE)
		export_to(ui, ui->mini.subject);
}

void edits_key(struct ui *ui, int rc, wint_t ch)
{
	if (ui->mini.purpose == ACT_CONFIRM_UNDO || ui->mini.purpose == ACT_CONFIRM_DELETE ||
	    ui->mini.purpose == ACT_CONFIRM_OVERWRITE) {
		confirm(ui, rc, ch);
		return;
	}
	if (rc == OK && ch == 3) {
		ui->mini.active = false;
		return;
	}
	switch (lineedit_key(&ui->mini.edit, rc, ch)) {
	case LE_ENTER:
		prompt_done(ui);
		break;
	case LE_CANCEL:
		ui->mini.active = false;
		break;
	case LE_TAB:
		if (ui->mini.purpose == ACT_TAG || ui->mini.purpose == ACT_TAG_ALL)
			complete_tag(ui);
		else if (ui->mini.purpose == ACT_EXPORT)
			complete_path(ui);
		break;
	default:
		break;
	}
}

void edits_start(struct ui *ui, struct view *v, enum action a)
{
	const struct tline *l = v->cursor < v->nlines ? &v->lines[v->cursor] : NULL;
	char label[sizeof(ui->mini.label)];
	char *key = v->ops->key ? v->ops->key(ui, v) : NULL;
	struct strbuf sb = STRBUF_INIT;

	if (a == ACT_FIND) {
		prompt_open(ui, ACT_FIND, _("Find in this case: "), "", NULL);
		goto out;
	}
	if (a == ACT_EXPORT) {
		if (v->ops->kind != VIEW_RESULTS || !ui->q) {
			ui_say(ui, "%s", _("search with / first; e exports the result list"));
		} else if (ui->relaxed) {
			/* The export takes the query, which finds none of these cases. */
			ui_say(ui, "%s", _("no case has every word: drop a word to export the list"));
		} else {
			export_suggestion(ui, &sb);
			prompt_open(ui, ACT_EXPORT, _("Export the list to (.csv, .jsonl, .ics, .json): "), "",
				    NULL);
			lineedit_suggest(&ui->mini.edit, sb.buf);
		}
		goto out;
	}
	/* Everything else writes: a read-only database says so before anything is typed. */
	if (ui_refuse_readonly(ui))
		goto out;
	switch (a) {
	case ACT_TAG:
		if (v->ops->kind == VIEW_RESULTS && ui->nmarked)
			prompt_open(ui, ACT_TAG, _("Tag the marked cases (Tab completes; again to remove): "),
				    "", NULL);
		else if (key)
			prompt_open(ui, ACT_TAG, _("Tag this case (Tab completes; again to remove): "), "",
				    NULL);
		break;
	case ACT_TAG_ALL:
		/* The query finds none of these cases: tagging "all" would tag nothing. */
		if (v->ops->kind == VIEW_RESULTS && ui->relaxed)
			ui_say(ui, _("no case has every word: mark the cases to tag with x, then press t"));
		else if (v->ops->kind == VIEW_RESULTS && ui->q && ui->total) {
			snprintf(label, sizeof(label),
				 P_("Tag all %zu case in the list with: ",
				    "Tag all %zu cases in the list with: ", ui->total),
				 ui->total);
			prompt_open(ui, ACT_TAG_ALL, label, "", NULL);
		}
		break;
	case ACT_UNDO:
		undo(ui, NULL);
		break;
	case ACT_NOTE:
		if (key)
			prompt_open(ui, ACT_NOTE, _("Note: "), "", NULL);
		break;
	case ACT_EDIT_NOTE:
		if (key) {
			outside_edit_note(ui, key);
			ui_reload(ui);
		}
		break;
	case ACT_SAVE_SEARCH:
		if (v->ops->kind == VIEW_RESULTS && ui->q && ui->q->root)
			prompt_open(ui, ACT_SAVE_SEARCH, _("Save this search as: "), "", NULL);
		else
			ui_say(ui, "%s", _("search with / first; S saves the search"));
		break;
	case ACT_RENAME_SAVED:
	case ACT_DELETE_SAVED:
		if (!l || !l->saved) {
			ui_say(ui, "%s", _("select a saved search on the start screen first"));
		} else if (a == ACT_RENAME_SAVED) {
			snprintf(label, sizeof(label), _("Rename %s to: "), l->saved);
			prompt_open(ui, ACT_RENAME_SAVED, label, l->saved, l->saved);
		} else {
			snprintf(label, sizeof(label), _("Delete the saved search %s? (y/n) "), l->saved);
			prompt_open(ui, ACT_CONFIRM_DELETE, label, "", l->saved);
		}
		break;
	default:
		break;
	}
out:
	free(key);
	strbuf_release(&sb);
}
