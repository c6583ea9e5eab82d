/*
 * test_seen.c: the words the tokenizer hands the store as new (db/fts.h),
 * each once, whatever its length against the slot's room for a word, across
 * the table's growth, and again after a rollback. The expected words are
 * the texts' own, written out by hand.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/strbuf.h"
#include "db/fts.h"
#include "tap.h"

/* 15, 16 and 17 bytes: the longest word a slot keeps itself, and the two shortest it does not. */
#define W15 "abcdefghijklmno"
#define W16 "abcdefghijklmnop"
#define W17 "abcdefghijklmnopq"

static int index_text(sqlite3 *db, const char *text)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "INSERT INTO t(x) VALUES (?1)", -1, &st, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The pending words, space-separated, in the order they were offered. */
static char *pending(struct fts_terms *terms)
{
	struct strbuf sb = STRBUF_INIT;
	const char *const *w;
	size_t n, i;

	w = fts_terms_pending(terms, &n);
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, w[i]);
	}
	return strbuf_detach(&sb, NULL);
}

int main(void)
{
	struct fts_terms *terms = fts_terms_new();
	struct vt_diag diag;
	struct strbuf many = STRBUF_INIT;
	sqlite3 *db = NULL;
	const char *const *w;
	size_t n, i, found;
	char *got;

	vt_diag_clear(&diag);
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || fts_register(db, terms, &diag) != VT_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'vedtak')", NULL, NULL, NULL) !=
		SQLITE_OK) {
		printf("Bail out! cannot set up the index: %s\n", diag.msg);
		return 1;
	}

	ok(index_text(db, "og " W15 " " W16 " " W17 " " W16 " og") == SQLITE_OK, "a text indexed");
	got = pending(terms);
	is_str(got, W15 " " W16 " " W17, "each word of four bytes or more offered once, as written");
	free(got);
	fts_terms_forget_pending(terms, true);

	ok(index_text(db, W17 " " W15 " " W16) == SQLITE_OK, "the same words again");
	got = pending(terms);
	is_str(got, "", "words offered and written are not offered again");
	free(got);

	/* Three thousand new words: the table of 4096 slots grows past half full. */
	for (i = 0; i < 3000; i++)
		strbuf_addf(&many, "%sord%zu", i ? " " : "", i);
	ok(index_text(db, many.buf) == SQLITE_OK, "three thousand words indexed");
	w = fts_terms_pending(terms, &n);
	found = 0;
	for (i = 0; i < n; i++)
		found += !strcmp(w[i], "ord0") || !strcmp(w[i], "ord2999");
	is_int((int)n, 3000, "each new word offered once");
	is_int((int)found, 2, "the first and the last of them among them");
	fts_terms_forget_pending(terms, true);

	/* Long words of one length that differ only past the first bytes a slot keeps of them. */
	strbuf_reset(&many);
	for (i = 0; i < 3000; i++)
		strbuf_addf(&many, "%slangtord%012zu", i ? " " : "", i);
	ok(index_text(db, many.buf) == SQLITE_OK, "three thousand long words indexed");
	w = fts_terms_pending(terms, &n);
	is_int((int)n, 3000, "each long word offered once, however alike its first bytes");
	fts_terms_forget_pending(terms, true);
	ok(index_text(db, "langtord000000000007 langtord000000002999") == SQLITE_OK, "two of them again");
	got = pending(terms);
	is_str(got, "", "long words alike but for their last bytes are each known");
	free(got);

	ok(index_text(db, W16 " ord1500 " W15 " " W17) == SQLITE_OK, "old words after the table grew");
	got = pending(terms);
	is_str(got, "", "still known after the table grew");
	free(got);

	/* A rollback: the store may lack any word, so every word is offered again. */
	ok(index_text(db, "kvasarord") == SQLITE_OK, "a new word indexed");
	fts_terms_forget_pending(terms, false);
	ok(index_text(db, W17 " kvasarord " W15) == SQLITE_OK, "after a rollback");
	got = pending(terms);
	is_str(got, W17 " kvasarord " W15, "after a rollback, words are offered again");
	free(got);

	strbuf_release(&many);
	sqlite3_close(db);
	fts_terms_free(terms);
	return done_testing();
}
