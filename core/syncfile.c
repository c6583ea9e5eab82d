/*
 * syncfile.c: reading, checking and writing sync files (see syncfile.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/sha256.h"
#include "core/syncfile.h"
#include "core/userdata.h"
#include "core/util.h"
#include "core/banned.h"

#define SYNC_MAGIC "vedtak-sync 1"

static const char *const field_names[SYNC_FIELDS] = {
    "id", "batch", "kind", "case_key", "tag", "ref", "name", "text", "author", "at",
};

static void escape_field(struct strbuf *out, const char *v)
{
	if (!v) {
		strbuf_addstr(out, "\\N");
		return;
	}
	for (; *v; v++) {
		switch (*v) {
		case '\\':
			strbuf_addstr(out, "\\\\");
			break;
		case '\t':
			strbuf_addstr(out, "\\t");
			break;
		case '\n':
			strbuf_addstr(out, "\\n");
			break;
		case '\r':
			strbuf_addstr(out, "\\r");
			break;
		default:
			strbuf_addch(out, *v);
		}
	}
}

void sync_file_begin(struct strbuf *out, const char *machine)
{
	strbuf_addf(out, "%s\nmachine\t%s\n", SYNC_MAGIC, machine);
}

void sync_file_add(struct strbuf *out, const char *const f[SYNC_FIELDS])
{
	int i;

	strbuf_addstr(out, "op");
	for (i = 0; i < SYNC_FIELDS; i++) {
		strbuf_addch(out, '\t');
		escape_field(out, f[i]);
	}
	strbuf_addch(out, '\n');
}

void sync_file_end(struct strbuf *out, size_t start, size_t nops)
{
	char hex[65];

	/* A count and a digest, so that a cut or changed file is refused. */
	sha256_hex(out->buf + start, out->len - start, hex);
	strbuf_addf(out, "end\t%zu\t%s\n", nops, hex);
}

/* Splits one op line into its fields, unescaping in place; false if malformed. */
static bool split_op(char *line, const char *f[SYNC_FIELDS])
{
	char *p = line + 3, *w;
	int i;

	if (strncmp(line, "op\t", 3))
		return false;
	for (i = 0; i < SYNC_FIELDS; i++) {
		bool null = !strncmp(p, "\\N", 2) && (p[2] == '\t' || !p[2]);

		f[i] = w = p;
		if (null) {
			f[i] = NULL;
			p += 2;
		} else {
			while (*p && *p != '\t') {
				if (*p == '\\') {
					p++;
					if (*p == 't')
						*w++ = '\t';
					else if (*p == 'n')
						*w++ = '\n';
					else if (*p == 'r')
						*w++ = '\r';
					else if (*p == '\\')
						*w++ = '\\';
					else
						return false;
					p++;
				} else {
					*w++ = *p++;
				}
			}
		}
		if (i < SYNC_FIELDS - 1 && *p != '\t')
			return false;
		if (i == SYNC_FIELDS - 1 && *p)
			return false;
		if (!null)
			*w = '\0';
		p++;
	}
	return true;
}

/*
 * Which fields each kind carries: 1 required, 0 absent, -1 either. An
 * untag names the tag operation it cancels; an untag with no case is the
 * marker an undo leaves when it had nothing to revert (tags.c).
 */
enum { ABSENT = 0, REQUIRED = 1, EITHER = -1 };
static const struct {
	const char *kind;
	signed char need[SYNC_FIELDS];
} kinds[] = {
    /*                id batch kind key tag ref name text author at */
    {"tag", {1, 1, 1, 1, 1, 0, -1, 0, 1, 1}},	{"untag", {1, 1, 1, -1, -1, -1, -1, 0, 1, 1}},
    {"note", {1, 1, 1, 1, 0, -1, 0, 1, 1, 1}},	{"save", {1, 1, 1, 0, 0, 0, 1, 1, 1, 1}},
    {"unsave", {1, 1, 1, 0, 0, 0, 1, 0, 1, 1}},
};

static const char *field_problem(enum sync_field i, const char *v, time_t now)
{
	switch (i) {
	case SF_ID:
		return userdata_op_id_problem(v);
	case SF_BATCH:
		return userdata_hex_id_problem(v);
	case SF_CASE_KEY:
		return userdata_case_key_problem(v);
	case SF_TAG:
		return userdata_tag_problem(v);
	case SF_REF:
		return userdata_op_id_problem(v);
	case SF_AUTHOR:
		return userdata_author_problem(v);
	case SF_AT:
		return userdata_time_problem(v, now);
	default:
		return NULL; /* kind, name and text depend on the kind */
	}
}

/* The whole check of one operation; a reason, or NULL. `field` names the field at fault. */
static const char *op_problem(const struct sync_op *o, time_t now, const char **field)
{
	const char *why;
	size_t k;
	int i;

	*field = field_names[SF_KIND];
	for (k = 0; k < ARRAY_SIZE(kinds); k++)
		if (o->f[SF_KIND] && !strcmp(o->f[SF_KIND], kinds[k].kind))
			break;
	if (k == ARRAY_SIZE(kinds))
		return _("not a kind of operation (tag, untag, note, save, unsave)");
	for (i = 0; i < SYNC_FIELDS; i++) {
		*field = field_names[i];
		if (kinds[k].need[i] == REQUIRED && !o->f[i])
			return _("missing");
		if (kinds[k].need[i] == ABSENT && o->f[i])
			return _("has no place in this kind of operation");
		if (o->f[i] && (why = field_problem((enum sync_field)i, o->f[i], now)))
			return why;
	}
	*field = field_names[SF_NAME];
	if (o->f[SF_NAME] && !strcmp(o->f[SF_KIND], "unsave") &&
	    (why = userdata_saved_name_problem(o->f[SF_NAME])))
		return why;
	if (o->f[SF_NAME] && strcmp(o->f[SF_KIND], "unsave") && strcmp(o->f[SF_KIND], "save") &&
	    (strncmp(o->f[SF_NAME], "undo ", 5) || userdata_hex_id_problem(o->f[SF_NAME] + 5)))
		return _("a tag operation's name is 'undo BATCH' or nothing");
	if (!strcmp(o->f[SF_KIND], "save")) {
		if ((why = userdata_saved_name_problem(o->f[SF_NAME])))
			return why;
		*field = field_names[SF_TEXT];
		if ((why = userdata_saved_query_problem(o->f[SF_TEXT], false)))
			return why;
	}
	*field = field_names[SF_TEXT];
	if (!strcmp(o->f[SF_KIND], "note") && (why = userdata_note_problem(o->f[SF_TEXT])))
		return why;
	if (!strcmp(o->f[SF_KIND], "untag")) {
		bool marker = !o->f[SF_CASE_KEY] && !o->f[SF_TAG] && !o->f[SF_REF] && o->f[SF_NAME];
		bool full = o->f[SF_CASE_KEY] && o->f[SF_TAG] && o->f[SF_REF];

		*field = field_names[SF_REF];
		if (!marker && !full)
			return _("an untag names its case, its tag and the operation it cancels");
	}
	return NULL;
}

/* A note that replaces a note of the same file on another case would move it there. */
static const struct sync_op *moved_note(const struct sync_file *sf, const struct sync_op *o)
{
	size_t i;

	if (strcmp(o->f[SF_KIND], "note") || !o->f[SF_REF])
		return NULL;
	for (i = 0; i < sf->nops; i++) {
		const struct sync_op *t = &sf->ops[i];
		if (!strcmp(t->f[SF_ID], o->f[SF_REF]) && strcmp(t->f[SF_KIND], "note") == 0 &&
		    strcmp(t->f[SF_CASE_KEY], o->f[SF_CASE_KEY]))
			return t;
	}
	return NULL;
}

enum vt_status sync_file_read(const char *data, size_t len, time_t now, struct sync_file *sf,
			      struct vt_diag *diag)
{
	size_t magic_len = strlen(SYNC_MAGIC), body_len, declared = 0, alloc = 0, i;
	char hex[65], want[65], trailer[128], *line, *next;
	const char *end, *nul;
	long lineno = 0;

	memset(sf, 0, sizeof(*sf));
	/* The file as a whole: magic, trailer, digest. */
	if (len < magic_len + 1 || memcmp(data, SYNC_MAGIC "\n", magic_len + 1))
		return vt_fail(diag, VT_ERR_FORMAT, 1, _("not a vedtak sync file (version 1)"));
	if (data[len - 1] != '\n')
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("the file is cut short (no trailer)"));
	for (end = data + len - 1; end > data && end[-1] != '\n'; end--)
		;
	body_len = (size_t)(end - data);
	/* The data need not end in a NUL: read the trailer from a copy. */
	if (len - body_len >= sizeof(trailer))
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("the file is cut short (no trailer)"));
	memcpy(trailer, end, len - body_len);
	trailer[len - body_len] = '\0';
	if (sscanf(trailer, "end\t%zu\t%64[0-9a-f]\n", &declared, want) != 2)
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("the file is cut short (no trailer)"));
	sha256_hex(data, body_len, hex);
	if (strcmp(hex, want))
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("the file is damaged: its digest does not match"));
	/* The lines are C strings from here on: a NUL would end one early. */
	if ((nul = memchr(data, '\0', body_len))) {
		for (lineno = 1, end = data; end < nul; end++)
			lineno += *end == '\n';
		return vt_fail(diag, VT_ERR_FORMAT, lineno, _("a NUL byte where text belongs"));
	}

	sf->buf = xstrndup(data, body_len);
	for (line = sf->buf; *line; line = next) {
		struct sync_op *o;

		next = strchr(line, '\n');
		*next++ = '\0';
		if (++lineno == 1)
			continue; /* the magic */
		if (lineno == 2) {
			if (strncmp(line, "machine\t", 8) || userdata_hex_id_problem(line + 8))
				return vt_fail(diag, VT_ERR_FORMAT, 2,
					       _("no machine line (machine, then a hex id)"));
			sf->machine = line + 8;
			continue;
		}
		ALLOC_GROW(sf->ops, sf->nops + 1, alloc);
		o = &sf->ops[sf->nops++];
		o->line = lineno;
		if (!split_op(line, o->f))
			return vt_fail(diag, VT_ERR_FORMAT, lineno, _("malformed operation"));
	}
	if (!sf->machine)
		return vt_fail(diag, VT_ERR_FORMAT, 2, _("no machine line (machine, then a hex id)"));
	if (sf->nops != declared)
		return vt_fail(diag, VT_ERR_FORMAT, 0, _("the file says %zu operations but holds %zu"),
			       declared, sf->nops);
	for (i = 0; i < sf->nops; i++) {
		const struct sync_op *o = &sf->ops[i];
		const char *field, *why = op_problem(o, now, &field);

		if (why)
			return vt_fail(diag, VT_ERR_FORMAT, o->line, _("operation %s: %s: %s"),
				       o->f[SF_ID] && !userdata_op_id_problem(o->f[SF_ID]) ? o->f[SF_ID]
											   : "?",
				       field, why);
	}
	/* Only now are all fields known good. */
	for (i = 0; i < sf->nops; i++) {
		const struct sync_op *o = &sf->ops[i], *t;

		if ((t = moved_note(sf, o)))
			return vt_fail(diag, VT_ERR_FORMAT, o->line,
				       _("operation %s: replaces note %s of another case (%s)"), o->f[SF_ID],
				       t->f[SF_ID], t->f[SF_CASE_KEY]);
	}
	return VT_OK;
}

void sync_file_release(struct sync_file *sf)
{
	free(sf->ops);
	free(sf->buf);
	memset(sf, 0, sizeof(*sf));
}
