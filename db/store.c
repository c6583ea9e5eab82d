/*
 * store.c: import, replacement and loading of meetings.
 *
 * Statements are prepared once per store and reused across imports, so that
 * importing thousands of decks costs what the rows cost. Every import runs
 * in one IMMEDIATE transaction and is rolled back whole on any error.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include "core/doctext.h"
#include "core/document.h"
#include "core/equiv.h"
#include "core/words.h"
#include "db/fts.h"
#include "db/gather.h"
#include "db/lexicon.h"
#include "db/rank.h"
#include "core/meeting.h"
#include "core/i18n.h"
#include "db/schema.h"
#include "db/termsets.h"
#include "core/sha256.h"
#include "core/topics.h"
#include "db/store.h"
#include "db/sql.h"
#include "db/store_db.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/banned.h"

enum stmt_id {
	ST_DOC_BY_SOURCE,
	ST_DOC_RANK,
	ST_DOC_BY_SHA,
	ST_MEETING_FIND,
	ST_DOCS_OF_MEETING,
	ST_DOC_INSERT,
	ST_DOC_PIECES_INSERT,
	ST_SLIDES_OF_MEETING,
	ST_ATTENDEE_INSERT,
	ST_PRESENTERS_DELETE,
	ST_MEETING_DELETE,
	ST_MEETING_INSERT,
	ST_MEMBER_INSERT,
	ST_AGENDA_INSERT,
	ST_CASE_INSERT,
	ST_PERSON_FIND,
	ST_PERSON_INSERT,
	ST_SPELLING_INSERT,
	ST_PRESENTER_INSERT,
	ST_SLIDE_INSERT,
	ST_MEETING_DOCS,
	ST_FTS_INSERT,
	ST_STRONG_INSERT,
	ST_ARRIVAL_INSERT,
	ST_TOPICS_STALE,
	ST_ABBREVS_INSERT,
	ST_ABBREV_PAIR_ADD,
	ST_MARKS_INSERT,
	ST_ABBREVS_DELETE,
	ST_MARKS_DELETE,
	ST_FTS_DELETE_MEETING,
	ST_STRONG_DELETE_MEETING,
	ST_OUTSIDE_INSERT,
	ST_OUTSIDE_DELETE,
	ST_TERM_INSERT,
	ST_VOCAB_INSERT,
	ST_STEM_INSERT,
	ST_FOLD_INSERT,
	ST_CUT_WORD_INSERT,
	ST_PRIOR_CASES,
	ST_SIGNATURE_INSERT,
	ST_KEY_USER_DATA,
	ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    [ST_DOC_BY_SOURCE] =
	"SELECT d.meeting_id, d.sha256, d.text IS NULL AND NOT EXISTS (SELECT 1 FROM document_pieces WHERE "
	"document_id = d.id),"
	" d.source_path, m.body, m.start_date,"
	" m.meeting_number FROM documents d JOIN meetings m ON m.id = d.meeting_id WHERE d.source = ?1",
    [ST_DOC_RANK] = "SELECT count(*) FROM documents o JOIN documents d ON d.source = ?1"
		    " WHERE o.meeting_id = d.meeting_id AND o.id < d.id",
    [ST_DOC_BY_SHA] = "SELECT source FROM documents WHERE sha256 = ?1 AND source <> ?2 LIMIT 1",
    /* The meeting a new document joins: the same body and date, or number
     * where either has no date. Written as one OR, SQLite read every meeting
     * of the body for every document, which made a large import quadratic.
     * Now the first two are lookups by meetings_body_date; the third, which
     * still reads the body's meetings, runs only for a document without a date. */
    [ST_MEETING_FIND] =
	"SELECT id FROM (SELECT id FROM meetings WHERE body = ?1 AND start_date = ?2"
	" UNION ALL SELECT id FROM meetings WHERE body = ?1 AND start_date IS NULL AND meeting_number = ?3"
	" UNION ALL SELECT id FROM meetings WHERE ?2 IS NULL AND body = ?1 AND meeting_number = ?3)"
	" ORDER BY id LIMIT 1",
    [ST_DOCS_OF_MEETING] =
	"SELECT source, kind, sha256, size, pages, line_count, source_path, imported_at, text,"
	" (SELECT count(*) FROM documents WHERE meeting_id = ?1),"
	" (SELECT pieces FROM document_pieces WHERE document_id = documents.id)"
	" FROM documents WHERE meeting_id = ?1 AND source <> ?2 ORDER BY id",
    [ST_DOC_INSERT] =
	"INSERT INTO documents (meeting_id, source, kind, sha256, size, pages, line_count, source_path,"
	" imported_at, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	" coalesce(?9, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?10)",
    [ST_DOC_PIECES_INSERT] = "INSERT INTO document_pieces (document_id, pieces) VALUES (?1, ?2)",
    [ST_SLIDES_OF_MEETING] = "SELECT id, text FROM slides WHERE meeting_id = ?1 ORDER BY id",
    [ST_ATTENDEE_INSERT] = "INSERT INTO attendance (meeting_id, position, name, organization, role, "
			   "for_name, note, source, line)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    /* case_presenters has no cascade (see schema.c), so it goes first. */
    [ST_PRESENTERS_DELETE] =
	"DELETE FROM case_presenters WHERE case_id IN (SELECT id FROM cases WHERE meeting_id = ?1)",
    [ST_MEETING_DELETE] = "DELETE FROM meetings WHERE id = ?1",
    [ST_MEETING_INSERT] =
	"INSERT INTO meetings (source, sha256, size, line_count, body, heading, venue,"
	" start_date, end_date, imported_at, source_path, meeting_number)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?10, ?11)",
    [ST_MEMBER_INSERT] =
	"INSERT INTO member_changes (meeting_id, position, kind, person, organization, replaces,"
	" note, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_AGENDA_INSERT] =
	"INSERT INTO agenda_items (meeting_id, position, day, time, number, title, presenters,"
	" organization, decision_type, remark, line)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [ST_CASE_INSERT] =
	"INSERT INTO cases (meeting_id, case_key, number, seq, year, occurrence, title,"
	" agenda_title, decision_type, decision_type_source, day, time, proposed_decision,"
	" decision_amended, position, line_start, line_end, type_written, facets, recorded_decision,"
	" recorded_source, outcome, source)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
	" ?21, ?22, ?23)",
    [ST_PERSON_FIND] = "SELECT id FROM persons WHERE fold_key = ?1",
    [ST_PERSON_INSERT] = "INSERT INTO persons (fold_key, name) VALUES (?1, ?2)",
    [ST_SPELLING_INSERT] = "INSERT OR IGNORE INTO person_spellings (spelling, person_id) VALUES (?1, ?2)",
    [ST_PRESENTER_INSERT] = "INSERT INTO case_presenters (case_id, position, person_id, name, organization)"
			    " VALUES (?1, ?2, ?3, ?4, ?5)",
    /* In the order the cases were inserted, which is the deck's (insert_meeting_fts). */
    [ST_MEETING_DOCS] = "SELECT * FROM case_doc WHERE id IN (SELECT id FROM cases WHERE meeting_id = ?1)"
			" ORDER BY id",
    [ST_FTS_INSERT] =
	"INSERT INTO case_fts(rowid, title, decision, people, slides) VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_STRONG_INSERT] = "INSERT INTO strong_fts(rowid, title, decision, people) VALUES (?1, ?2, ?3, ?4)",
    /* What schema 14 took off triggers (single-row inserts need no statement journal):
     * when a case first arrived, for "new since last look", and that the topics are to be
     * grouped again. */
    [ST_ARRIVAL_INSERT] = "INSERT OR IGNORE INTO arrivals VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    [ST_TOPICS_STALE] = "INSERT OR REPLACE INTO meta VALUES ('topics', 'stale')",
    /* What ranking and expansion know of a case (db/rank.h), made from the deck at import;
     * abbrev_pairs counts the cases of each pair (schema 10), kept by the store since schema 14. */
    [ST_ABBREVS_INSERT] = "INSERT OR IGNORE INTO abbrevs VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_ABBREV_PAIR_ADD] =
	"INSERT INTO abbrev_pairs VALUES (?1, ?2, 1) ON CONFLICT DO UPDATE SET cases = cases + 1",
    [ST_MARKS_INSERT] = "INSERT OR REPLACE INTO case_marks VALUES (?1, ?2)",
    /* What groups the case into a topic (db/topics.h), when the parse made it. */
    [ST_SIGNATURE_INSERT] = "INSERT OR REPLACE INTO case_signatures VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_ABBREVS_DELETE] = "DELETE FROM abbrevs WHERE case_id IN (SELECT id FROM cases WHERE meeting_id = ?1)",
    [ST_MARKS_DELETE] =
	"DELETE FROM case_marks WHERE case_id IN (SELECT id FROM cases WHERE meeting_id = ?1)",
    /* A contentless index forgets a document only when given its text again. */
    [ST_FTS_DELETE_MEETING] =
	"INSERT INTO case_fts(case_fts, rowid, title, decision, people, slides)"
	" SELECT 'delete', * FROM case_doc WHERE id IN (SELECT id FROM cases WHERE meeting_id = ?1)",
    [ST_STRONG_DELETE_MEETING] = "INSERT INTO strong_fts(strong_fts, rowid, title, decision, people)"
				 " SELECT 'delete', id, title, decision, people FROM case_doc"
				 " WHERE id IN (SELECT id FROM cases WHERE meeting_id = ?1)",
    /* The meeting's text outside its cases, from its slides as written (schema 20). */
    [ST_OUTSIDE_INSERT] = "INSERT INTO outside_fts(rowid, text) VALUES (?1, ?2)",
    [ST_OUTSIDE_DELETE] = "DELETE FROM outside_fts WHERE rowid = ?1",
    [ST_TERM_INSERT] = "INSERT OR IGNORE INTO words(word) VALUES (?1)",
    [ST_VOCAB_INSERT] = "INSERT INTO vocab(word) VALUES (?1)",
    [ST_STEM_INSERT] = "INSERT OR IGNORE INTO stems(stem, word) VALUES (?1, ?2)",
    [ST_FOLD_INSERT] = "INSERT OR IGNORE INTO folds(fold, word) VALUES (?1, ?2)",
    [ST_CUT_WORD_INSERT] = "INSERT OR IGNORE INTO cut_words(word, whole) VALUES (?1, ?2)",
    /* The cases a re-import replaces, for their keys to follow them (deck_keys_assign). */
    [ST_PRIOR_CASES] = "SELECT case_key, number, title, proposed_decision, line_start FROM cases"
		       " WHERE meeting_id = ?1 ORDER BY position",
    /* What users attached to a key: its tags, and whether it has notes. */
    [ST_KEY_USER_DATA] = "SELECT (SELECT group_concat(tag, ', ') FROM (SELECT tag FROM tag_state"
			 " WHERE case_key = ?1 ORDER BY tag)),"
			 " EXISTS (SELECT 1 FROM ops WHERE kind = 'note' AND case_key = ?1)",
    [ST_SLIDE_INSERT] = "INSERT INTO slides (meeting_id, case_id, position, page, line, text)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};

/*
 * How case_fts merges its segments: FTS5's own way (its defaults: the
 * segments joined a few at a time as new ones are written, 'automerge',
 * and at once when a level has 16, 'crisismerge'), or deferred to the end
 * of a bulk run (merging_plan()).
 */
enum merging { MERGING_UNKNOWN = -1, MERGING_FTS5, MERGING_DEFERRED, MERGING_OTHER };

struct store {
	sqlite3 *db;
	bool readonly;
	sqlite3_stmt *stmt[ST_COUNT];
	struct fts_terms *terms;
	struct equivalents *equivalents;
	struct wordizer *wz;	  /* for the keys of abbreviations at import */
	atomic_bool interrupted;  /* set by another thread; read by the search's progress handler */
	atomic_bool stop_waiting; /* store_stop_waiting(): a write no longer waits for a lock */
	void (*waiting)(void *);  /* told once when a write has waited for another process */
	void *waiting_arg;
	double wait_started;
	bool told;
	bool import_cache; /* the import's larger page cache is set */
	size_t indexed;	   /* cases indexed since the last store_settle_index(), in committed imports */
	size_t indexing;   /* cases indexed by the import in progress */
	/* merging_plan(): how case_fts merges as stored (enum merging), and the archive's
	 * cases when the run began (-1: no import since the last store_settle_index()). */
	int merging;
	long long run_base;
	/* The run found case_fts's merging deferred: the run before it ended before it settled
	 * (killed, or interrupted: tui/importer.c), and this one's settling merges its pieces. */
	bool cut_short;
	long long committed_version; /* store_data_version() after the last import's commit, or -1 */
	bool stemless;		     /* case_fts keeps no stem tokens (schema 16) */
	bool foldless;		     /* nor folded ones (schema 18) */
	bool quiet_parts;	     /* it holds the quiet parts of words (schema 19) */
	/* A batch of imports in one transaction (store_batch_begin): the
	 * meetings stored in it, whose cases are indexed at its commit. */
	bool batch;
	struct unindexed {
		long meeting;
		const struct deck *deck; /* the caller's, whose cases' tokens are made; or NULL */
		size_t ids;		 /* with deck: its cases' ids from case_ids[ids] on */
		char *outside;		 /* its text outside its cases (outside_text()), or NULL */
	} * unindexed;
	size_t nunindexed, unindexed_alloc;
	long *case_ids; /* the cases of the batch's decks, as insert_meeting() stored them */
	size_t ncase_ids, case_ids_alloc;
	/* The slides insert_meeting() stored, their texts the deck's, that its documents' texts refer to. */
	struct doctext_slide *meeting_slides;
	size_t nmeeting_slides, meeting_slides_alloc;
	struct strbuf doctext; /* a document's text as references to them */
	/* The running search's deadline, for the helper's progress handler (store_set_deadline). */
	bool has_deadline;
	struct timespec deadline;
	sqlite3 *helper;		   /* store_helper_db(), once opened */
	struct sets_reading *sets_reading; /* store_settle_begin() */
	struct checkpointer *checkpointer; /* store_batch_begin() */
	/* The statements of load() (12 texts), kept by their text: a page of results loads 20 cases. */
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} loads[16];
	bool helper_tried;
};

static struct termsets_rows *sets_read(struct store *s);
static void checkpointer_stop(struct store *s);

static double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * SQLite's busy handler: a write waits for another process's write for as
 * long as it takes (a tagging of every case can take seconds), never fails
 * with "database is locked" and never loses the command. After a second
 * the caller is told once, so that it can say why nothing happens. Reads
 * never come here: in WAL mode they do not wait for writers.
 */
static int busy_wait(void *arg, int count)
{
	struct store *s = arg;
	double now = monotonic_seconds();

	if (atomic_load(&s->stop_waiting))
		return 0; /* SQLITE_BUSY: the caller was asked to stop */
	if (count == 0) {
		s->wait_started = now;
		s->told = false;
	}
	if (!s->told && now - s->wait_started > 1.0 && s->waiting) {
		s->waiting(s->waiting_arg);
		s->told = true;
	}
	sqlite3_sleep(count < 10 ? 5 : 50);
	return 1;
}

void store_on_wait(struct store *s, void (*fn)(void *), void *arg)
{
	s->waiting = fn;
	s->waiting_arg = arg;
}

static enum vt_status db_fail(struct store *s, struct vt_diag *diag, const char *what)
{
	return sql_fail(s->db, diag, what);
}

static sqlite3_stmt *stmt(struct store *s, enum stmt_id id);
static bool run(sqlite3_stmt *st);

/* Word `word` under `stem`, the stem the tokenizer gave it (schema 16); NULL: the word is its own stem. */
static bool write_stem(struct store *s, const char *word, const char *stem)
{
	sqlite3_stmt *st;

	if (!stem)
		return true;
	if (!(st = stmt(s, ST_STEM_INSERT)))
		return false;
	sqlite3_bind_text(st, 1, stem, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, word, -1, SQLITE_STATIC);
	return run(st);
}

/* Word `word` under its folded form, where it has one and case_fts keeps none (schema 18). */
static bool write_fold(struct store *s, const char *word, struct strbuf *fold)
{
	sqlite3_stmt *st;

	strbuf_reset(fold);
	if (!s->foldless || !words_fold_ascii(fold, word, strlen(word)))
		return true;
	if (!(st = stmt(s, ST_FOLD_INSERT)))
		return false;
	sqlite3_bind_text(st, 1, fold->buf, (int)fold->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, word, -1, SQLITE_STATIC);
	return run(st);
}

/* Writes the new words the tokenizer met inside the current transaction (schema.c, version 8). */
static bool write_terms(struct store *s)
{
	const char *const *w, *const *stems;
	struct strbuf fold = STRBUF_INIT;
	size_t n, i;
	bool ok = true;

	w = fts_terms_pending(s->terms, &n);
	stems = fts_terms_pending_stems(s->terms);
	for (i = 0; i < n && ok; i++) {
		sqlite3_stmt *st = stmt(s, ST_TERM_INSERT);

		if (!st)
			ok = false;
		else {
			sqlite3_bind_text(st, 1, w[i], -1, SQLITE_STATIC);
			ok = run(st);
		}
		/* A word new to the archive goes into the trigram table too, and with its stem. */
		if (ok && sqlite3_changes(s->db) == 1) {
			st = stmt(s, ST_VOCAB_INSERT);
			ok = st != NULL;
			if (ok) {
				sqlite3_bind_text(st, 1, w[i], -1, SQLITE_STATIC);
				ok = run(st);
			}
			ok = ok && write_stem(s, w[i], stems[i]) && write_fold(s, w[i], &fold);
		}
	}
	/* Too short for the table words: their folded forms still stand for them. */
	w = fts_terms_pending_short_folded(s->terms, &n);
	for (i = 0; i < n && ok; i++)
		ok = write_fold(s, w[i], &fold);
	/* Cut by the tokenizer (core/words.h): a pattern's narrowing must know what they hide. */
	w = fts_terms_pending_uncut(s->terms, &n);
	for (i = 0; i < n && ok; i++) {
		sqlite3_stmt *st = stmt(s, ST_CUT_WORD_INSERT);

		if (!st)
			ok = false;
		else {
			sqlite3_bind_text(st, 1, w[i], (int)words_cut_len(w[i], strlen(w[i])), SQLITE_STATIC);
			sqlite3_bind_text(st, 2, w[i], -1, SQLITE_STATIC);
			ok = run(st);
		}
	}
	strbuf_release(&fold);
	return ok;
}

/* The first read: a file that is not a database, or cannot be read, fails here. */
#define STORE_PROBE "PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_schema"

/*
 * True where the database exists but cannot be written: a read-only mount
 * (access() says so even to root), a file or folder of another user. Such
 * a database is opened read-only: reads work, and a write says why not.
 */
static bool cannot_write(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	bool no;

	if (access(path, F_OK)) {
		free(dir);
		return false; /* a new database: creating it says what is wrong */
	}
	if (slash)
		slash[slash == dir] = '\0';
	no = access(path, W_OK) || access(slash ? dir : ".", W_OK);
	free(dir);
	return no;
}

/*
 * Every connection vedtak opens is used by one thread at a time (a search's
 * second half has a connection of its own, and so have the checkpointer,
 * the sets' reader and the topics' reader; the UI's searcher a store of its
 * own), and only sqlite3_interrupt(), which takes no lock, comes from
 * another thread. So no connection takes SQLite's lock at every call: at
 * every bind, step and reset of an import, it was 2 % of its CPU.
 */
#define OPEN_ONE_THREAD SQLITE_OPEN_NOMUTEX

/*
 * Opens `path` for reading. Where SQLite cannot make its shared-memory
 * file beside the database (a read-only mount, a full disk), it is opened
 * as an immutable file instead, which reads the same as long as no
 * write-ahead log holds changes not yet in the database; when one does,
 * the error says so.
 */
static int open_readonly(const char *path, sqlite3 **db)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/";
	struct strbuf uri = STRBUF_INIT;
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	const char *p;
	int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY | OPEN_ONE_THREAD, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(*db, STORE_PROBE, NULL, NULL, NULL);
	if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_NOTADB || (!stat(wal, &sb) && sb.st_size > 0))
		goto out;
	sqlite3_close(*db);
	strbuf_addstr(&uri, "file:");
	for (p = path; *p; p++) {
		if (strchr(safe, *p))
			strbuf_addch(&uri, *p);
		else
			strbuf_addf(&uri, "%%%02X", (unsigned char)*p);
	}
	strbuf_addstr(&uri, "?immutable=1");
	rc = sqlite3_open_v2(uri.buf, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | OPEN_ONE_THREAD, NULL);
out:
	strbuf_release(&uri);
	free(wal);
	return rc;
}

/* Sets up a connection just opened and reads from it once; SQLite's result code. */
static int probe(struct store *s)
{
	sqlite3_busy_handler(s->db, busy_wait, s);
	sqlite3_extended_result_codes(s->db, 1);
	return sqlite3_exec(s->db, STORE_PROBE, NULL, NULL, NULL);
}

/*
 * A writer's journal: a WAL, so that readers never wait. Turning a new
 * file into a WAL takes it whole, and while another connection writes it
 * (another vedtak that opened the new file at the same moment, turning it
 * into a WAL too) SQLite says "database is locked" at once instead of
 * asking the busy handler. Such a turn is short (the other then finds the
 * WAL made), so the statement is tried again as the busy handler would (and
 * the caller told after a second), for up to BUSY_SETUP_S on the clock.
 */
#define BUSY_SETUP_S 10.0

static int journal_setup(struct store *s)
{
	double t0 = monotonic_seconds();
	int rc, count;

	for (count = 0;; count++) {
		rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL, NULL,
				  NULL);
		if ((rc & 0xff) != SQLITE_BUSY || monotonic_seconds() - t0 >= BUSY_SETUP_S)
			return rc;
		busy_wait(s, count);
	}
}

enum vt_status store_open(const char *path, bool readonly, struct store **out, struct vt_diag *diag)
{
	return store_open_waiting(path, readonly, NULL, NULL, out, diag);
}

enum vt_status store_open_waiting(const char *path, bool readonly, void (*fn)(void *), void *arg,
				  struct store **out, struct vt_diag *diag)
{
	struct store *s;
	int rc;
	int flags =
	    (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | OPEN_ONE_THREAD;
	enum vt_status st;
	size_t npending;

	*out = NULL;
	/* SQLite opens "" as a temporary database thrown away at close: an
	 * import there would report success and keep nothing. */
	if (!path || !*path)
		return vt_fail(diag, VT_ERR_USAGE, 0,
			       _("the database path is empty (--db or \"database =\" in the configuration)"));
	if (!readonly && cannot_write(path)) {
		readonly = true;
		flags = SQLITE_OPEN_READONLY | OPEN_ONE_THREAD;
	}
	/*
	 * SQLite counts every allocation under one mutex for sqlite3_memory_used(),
	 * which vedtak never asks; the two halves of a search's read
	 * (caseset.c) waited on it for half their time. Only before SQLite's
	 * first use: later the call fails, harmlessly.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	s = xcalloc(1, sizeof(*s));
	strbuf_init(&s->doctext, 0);
	s->readonly = readonly;
	s->waiting = fn;
	s->waiting_arg = arg;
	s->merging = MERGING_UNKNOWN;
	s->run_base = -1;
	s->committed_version = -1;
	if ((readonly ? open_readonly(path, &s->db)
		      : sqlite3_open_v2(path, &s->db, flags, gather_vfs_name())) != SQLITE_OK) {
		st = vt_fail(diag, readonly ? VT_ERR_IO : VT_ERR_DB, 0, _("cannot open database %s: %s"),
			     path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	/* A file that is not a database fails here, before anything is written. */
	rc = probe(s);
	if (rc != SQLITE_OK && !readonly && (rc & 0xff) != SQLITE_NOTADB) {
		/* A database that cannot be read for writing (a full disk leaves no
		 * room for SQLite's shared-memory file) is still read. */
		sqlite3_close(s->db);
		s->db = NULL;
		s->readonly = readonly = true;
		if (open_readonly(path, &s->db) != SQLITE_OK) {
			st = vt_fail(diag, VT_ERR_IO, 0, _("cannot read database %s: %s"), path,
				     s->db ? sqlite3_errmsg(s->db) : "out of memory");
			goto fail;
		}
		rc = probe(s);
	}
	if (rc != SQLITE_OK) {
		st = (sqlite3_errcode(s->db) & 0xff) == SQLITE_NOTADB
			 ? vt_fail(diag, VT_ERR_DB, 0, _("%s is not a vedtak database: %s"), path,
				   sqlite3_errmsg(s->db))
			 : vt_fail(diag, VT_ERR_IO, 0, _("cannot read database %s: %s"), path,
				   sqlite3_errmsg(s->db));
		goto fail;
	}
	/* Before the first write (WAL changes the file's header): a database
	 * vedtak refuses stays byte for byte as it was. */
	if ((st = schema_check(s->db, path, STORE_SCHEMA_VERSION, diag)) != VT_OK)
		goto fail;
	if (!readonly && journal_setup(s) != SQLITE_OK) {
		st = db_fail(s, diag, _("setting up the database"));
		goto fail;
	}
	s->terms = fts_terms_new();
	st = fts_register(s->db, readonly ? NULL : s->terms, diag);
	if (st == VT_OK)
		st = rank_register(s->db, diag);
	if (st == VT_OK)
		st = termsets_register(s->db, diag);
	if (st != VT_OK)
		goto fail;
	st = schema_migrate(s->db, STORE_SCHEMA_VERSION, readonly, diag);
	if (st != VT_OK)
		goto fail;
	if (fts_stemless(s->db, &s->stemless) != SQLITE_OK ||
	    fts_foldless(s->db, &s->foldless) != SQLITE_OK ||
	    fts_quiet_parts(s->db, &s->quiet_parts) != SQLITE_OK) {
		st = db_fail(s, diag, _("setting up the database"));
		goto fail;
	}
	/* Read after the migrations, as version 19 sets it: a later one that tokenized the archive's
	 * texts again would have to read it first. */
	fts_terms_quiet_parts(s->terms, s->quiet_parts);
	/* A migration that built the index leaves words to record. Only then:
	 * every other open writes nothing, so that it never waits for a writer. */
	if (!readonly && (fts_terms_pending(s->terms, &npending), npending)) {
		const char *what = _("recording the index's words");

		st = sql_begin(s->db, true, what, diag);
		if (st == VT_OK && !write_terms(s))
			st = db_fail(s, diag, what);
		if ((st = sql_end(s->db, st, what, diag)) != VT_OK) {
			fts_terms_forget_pending(s->terms, false);
			goto fail;
		}
		fts_terms_forget_pending(s->terms, true);
	}
	*out = s;
	return VT_OK;
fail:
	store_close(s);
	return st;
}

void store_close(struct store *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	for (i = 0; i < ARRAY_SIZE(s->loads); i++)
		sqlite3_finalize(s->loads[i].st);
	termsets_rows_free(sets_read(s));
	checkpointer_stop(s);
	sqlite3_close(s->helper);
	sqlite3_close(s->db); /* rolls back a batch left open */
	for (i = 0; i < s->nunindexed; i++)
		free(s->unindexed[i].outside);
	free(s->unindexed);
	free(s->case_ids);
	free(s->meeting_slides);
	strbuf_release(&s->doctext);
	fts_terms_free(s->terms);
	equivalents_free(s->equivalents);
	wordizer_free(s->wz);
	free(s);
}

void store_set_deadline(struct store *s, const struct timespec *at)
{
	s->has_deadline = at != NULL;
	if (at)
		s->deadline = *at;
}

/* The helper's progress handler: the search was interrupted, or is past its deadline. */
static int helper_should_stop(void *arg)
{
	struct store *s = arg;
	struct timespec now;

	if (atomic_load(&s->interrupted))
		return 1;
	if (!s->has_deadline)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > s->deadline.tv_sec ||
	       (now.tv_sec == s->deadline.tv_sec && now.tv_nsec > s->deadline.tv_nsec);
}

sqlite3 *store_helper_db(struct store *s)
{
	const char *path;
	struct vt_diag d;

	if (s->helper_tried)
		return s->helper;
	s->helper_tried = true;
	path = sqlite3_db_filename(s->db, "main");
	if (!path || !*path)
		return NULL; /* in memory, or a temporary database: nothing to share */
	/* Opened as a read-only store is, so that it reads where the main connection reads (a
	 * database on a read-only mount is opened immutable). */
	if (open_readonly(path, &s->helper) != SQLITE_OK || fts_register(s->helper, NULL, &d) != VT_OK ||
	    rank_register(s->helper, &d) != VT_OK) {
		sqlite3_close(s->helper);
		s->helper = NULL;
		return NULL;
	}
	sqlite3_extended_result_codes(s->helper, 1);
	/* A read waits only for another process's recovery of the WAL: a half that still fails is
	 * read again on the main connection (caseset.c). */
	sqlite3_busy_timeout(s->helper, 2000);
	/* Stopped with the store's search: by store_interrupt(), or past its deadline. */
	sqlite3_progress_handler(s->helper, 1000, helper_should_stop, s);
	return s->helper;
}

/*
 * Not open_readonly(): this store writes, so the shared memory is there,
 * and an immutable file would not see what this store commits.
 */
sqlite3 *store_reader_open(struct store *s)
{
	const char *path = sqlite3_db_filename(s->db, "main");
	sqlite3 *db = NULL;

	if (!path || !*path)
		return NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | OPEN_ONE_THREAD, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(db, 2000) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/*
 * A read's first eighth is timed, and the rest split only when it would
 * take longer than this: opening the second connection and its thread
 * costs about a millisecond and a half (a rare word's search: 10.4 ms →
 * 11.8 when every read was split).
 */
#define HALVES_WORTH_MS 6.0

/*
 * The first eighth is read on one core. A read whose first 64th shows it
 * to be long (the rest over LONG_READ_MS) is split from there, so that
 * one core alone reads a 64th of it, not an eighth: a pattern over every
 * text of 1 GB, 2.4 s, lost 6 % waiting on its first eighth (stop 51).
 */
#define LONG_READ_MS 200.0

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* VEDTAK_TEST_HALVES=1 splits every read of more than one id, so that the tests take that path. */
static bool halves_always(void)
{
	const char *v = getenv("VEDTAK_TEST_HALVES");

	return v && !strcmp(v, "1");
}

struct half_run {
	struct range_read *r;
	sqlite3 *db;
	long lo, hi;
};

static void *half_run(void *arg)
{
	struct half_run *h = arg;

	h->r->rc = h->r->read(h->r, h->db, h->lo, h->hi);
	return NULL;
}

int store_read_halves(struct store *s, long lo, long hi, struct range_read *first, struct range_read *second)
{
	struct half_run other;
	sqlite3 *helper;
	pthread_t tid;
	bool started, always = halves_always();
	double t0 = now_ms();
	long head = always || hi - lo < 8 ? lo : lo + (hi - lo) / 8, glance = lo + (head - lo) / 8, mid;
	int rc;

	second->rc = SQLITE_OK;
	if (hi < lo)
		return SQLITE_OK;
	if (glance > lo) {
		if ((rc = first->read(first, s->db, lo, glance)) != SQLITE_OK)
			return rc;
		lo = glance + 1;
		if ((now_ms() - t0) * 63 >= LONG_READ_MS)
			head = glance;
	}
	if (head >= lo && (rc = first->read(first, s->db, lo, head)) != SQLITE_OK)
		return rc;
	if (head >= hi)
		return SQLITE_OK;
	lo = head + 1;
	if ((!always && (now_ms() - t0) * 7 < HALVES_WORTH_MS) || !(helper = store_helper_db(s)))
		return first->read(first, s->db, lo, hi);
	/* For the tests, whose archives are small, the helper takes nearly all. */
	mid = always ? lo : lo + (hi - lo) / 2;
	other = (struct half_run){second, helper, mid + 1, hi};
	started = !pthread_create(&tid, NULL, half_run, &other);
	rc = first->read(first, s->db, lo, mid);
	if (started && rc == SQLITE_ABORT)
		sqlite3_interrupt(helper);
	if (started)
		pthread_join(tid, NULL);
	else if (rc != SQLITE_ABORT)
		half_run(&other);
	if (rc == SQLITE_OK && second->rc != SQLITE_OK && second->rc != SQLITE_ABORT &&
	    (second->rc & 0xff) != SQLITE_INTERRUPT) {
		/* The helper could not read (busy, say): its half again, here, from nothing. */
		second->forget(second);
		other.db = s->db;
		half_run(&other);
	}
	return rc != SQLITE_OK ? rc : second->rc;
}

/* The prepared statement `id`, reset and unbound; NULL on error. */
static sqlite3_stmt *stmt(struct store *s, enum stmt_id id)
{
	if (!s->stmt[id]) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[id],
				       NULL) != SQLITE_OK)
			return NULL;
	} else {
		sqlite3_reset(s->stmt[id]);
		sqlite3_clear_bindings(s->stmt[id]);
	}
	return s->stmt[id];
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_int_or_null(sqlite3_stmt *st, int i, long v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* Steps a statement that returns no rows; resets it either way. */
static bool run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE;
}

static bool person_id(struct store *s, const char *name, long *id)
{
	struct strbuf key = STRBUF_INIT;
	sqlite3_stmt *st;
	bool ok = false;
	int rc;

	utf8_fold(&key, name, strlen(name));
	if (!(st = stmt(s, ST_PERSON_FIND)))
		goto out;
	sqlite3_bind_text(st, 1, key.buf, (int)key.len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
	} else if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		if (!(st = stmt(s, ST_PERSON_INSERT)))
			goto out;
		sqlite3_bind_text(st, 1, key.buf, (int)key.len, SQLITE_STATIC);
		bind_text(st, 2, name);
		if (!run(st))
			goto out;
		*id = sqlite3_last_insert_rowid(s->db);
	} else {
		goto out;
	}
	sqlite3_reset(st);
	if (!(st = stmt(s, ST_SPELLING_INSERT)))
		goto out;
	bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, *id);
	ok = run(st);
out:
	if (st)
		sqlite3_reset(st);
	strbuf_release(&key);
	return ok;
}

static bool insert_slides(struct store *s, long meeting, long case_id, const struct slide *v, size_t n)
{
	sqlite3_stmt *st = stmt(s, ST_SLIDE_INSERT);
	size_t i;

	if (!st)
		return false;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, meeting);
		if (case_id)
			sqlite3_bind_int64(st, 2, case_id);
		else
			sqlite3_bind_null(st, 2);
		sqlite3_bind_int64(st, 3, (long)i + 1);
		bind_text(st, 4, v[i].page);
		sqlite3_bind_int64(st, 5, v[i].line);
		/* Its length told: SQLite measures the text otherwise. */
		sqlite3_bind_text(st, 6, v[i].text, (int)v[i].len, SQLITE_STATIC);
		if (!run(st))
			return false;
		ALLOC_GROW(s->meeting_slides, s->nmeeting_slides + 1, s->meeting_slides_alloc);
		s->meeting_slides[s->nmeeting_slides++] =
		    (struct doctext_slide){sqlite3_last_insert_rowid(s->db), v[i].text, v[i].len, v[i].line};
	}
	return true;
}

static void lexicon_add_abbrev(void *arg, const char *abbr_key, const char *abbr, const char *long_form,
			       const char *long_key)
{
	struct case_lexicon *l = arg;
	struct case_abbrev *a;

	ALLOC_GROW(l->abbrevs, l->nabbrevs + 1, l->abbrevs_alloc);
	a = &l->abbrevs[l->nabbrevs++];
	a->abbr_key = xstrdup(abbr_key);
	a->abbr = xstrdup(abbr);
	a->long_form = xstrdup(long_form);
	a->long_key = xstrdup(long_key);
}

/* Case `c`'s columns in the index, as the view case_doc (db/schema.c) gives them from its rows. */
static void index_columns(const struct deck_case *c, struct strbuf *col)
{
	size_t i;

	strbuf_addstr(&col[0], c->title ? c->title : "");
	if (c->agenda_title ? !c->title || strcmp(c->agenda_title, c->title) : c->title != NULL) {
		strbuf_addch(&col[0], '\n');
		strbuf_addstr(&col[0], c->agenda_title ? c->agenda_title : "");
	}
	strbuf_addstr(&col[1], c->decision ? c->decision : "");
	if (c->recorded) {
		strbuf_addch(&col[1], '\n');
		strbuf_addstr(&col[1], c->recorded);
	}
	for (i = 0; i < c->npresenters; i++) {
		if (i)
			strbuf_addch(&col[2], '\n');
		strbuf_addstr(&col[2], c->presenters[i].name);
		if (c->presenters[i].organization) {
			strbuf_addstr(&col[2], " (");
			strbuf_addstr(&col[2], c->presenters[i].organization);
			strbuf_addch(&col[2], ')');
		}
	}
	/* Appended, not printed: a slide's text is long, and printf measures and copies it twice. */
	for (i = 0; i < c->nslides; i++) {
		if (i)
			strbuf_addch(&col[3], '\n');
		strbuf_add(&col[3], c->slides[i].text, c->slides[i].len);
	}
}

/*
 * The abbreviations case `c` defines and its slides' marks (db/rank.h),
 * from its text as case_doc joins it for the index: title, decision and
 * slides, a line apart; and its columns' tokens.
 */
/* What a word of the slides is shown to as its tokens are made: the keywords' count and the spots. */
struct slide_seeing {
	struct topic_keyword_count *keywords;
	struct topic_spots *spots;
};

static void see_slide_word(void *arg, const struct word *w)
{
	struct slide_seeing *see = arg;

	topic_keyword_count_word(see->keywords, w);
	topic_spots_word(see->spots, w);
}

struct case_lexicon *store_case_lexicon(struct wordizer *wz, const struct deck_case *c,
					struct topic_spots *spots)
{
	struct case_lexicon *l = xcalloc(1, sizeof(*l));
	struct strbuf text = STRBUF_INIT;
	struct rank_marks marks = {NULL, 0, 0, 0};
	bool tokens = spots != NULL;
	size_t i;

	if (tokens) {
		l->columns = xcalloc(CASE_INDEX_COLUMNS, sizeof(*l->columns));
		l->tokens = xcalloc(CASE_INDEX_COLUMNS, sizeof(*l->tokens));
		for (i = 0; i < CASE_INDEX_COLUMNS; i++) {
			strbuf_init(&l->columns[i], 0);
			strbuf_init(&l->tokens[i].packed, 0);
		}
		struct slide_seeing see = {topic_keyword_count_new(), &spots[2]};
		struct strbuf sb = STRBUF_INIT;

		index_columns(c, l->columns);
		words_mark(wz); /* a row of the index: its words are looked up once (db/fts.c) */
		for (i = 0; i < CASE_INDEX_COLUMNS; i++) {
			const char *col = l->columns[i].buf;
			size_t len = l->columns[i].len;

			/* The references are read in the title, the decision and the slides (topics.h). */
			if (i == CASE_INDEX_SLIDES) {
				spots[2].text = col;
				index_tokens_make_seeing(wz, col, len, &l->tokens[i], see_slide_word, &see);
			} else if (i < 2) {
				spots[i].text = col;
				index_tokens_make_seeing(wz, col, len, &l->tokens[i], topic_spots_word,
							 &spots[i]);
			} else {
				index_tokens_make(wz, col, len, &l->tokens[i]);
			}
		}
		topic_keyword_count_end(see.keywords, TOPIC_KEYWORDS, &sb);
		l->slide_keywords = strbuf_detach(&sb, NULL);
	}

	strbuf_addstr(&text, c->title ? c->title : "");
	if (c->agenda_title && (!c->title || strcmp(c->agenda_title, c->title))) {
		strbuf_addch(&text, '\n');
		strbuf_addstr(&text, c->agenda_title);
	}
	strbuf_addch(&text, '\n');
	strbuf_addstr(&text, c->decision ? c->decision : "");
	if (c->recorded) {
		strbuf_addch(&text, '\n');
		strbuf_addstr(&text, c->recorded);
	}
	strbuf_addch(&text, '\n');
	for (i = 0; i < c->nslides; i++) {
		if (i)
			strbuf_addch(&text, '\n');
		strbuf_add(&text, c->slides[i].text, c->slides[i].len);
		if (!tokens)
			rank_marks_add(&marks, c->slides[i].text, c->slides[i].len);
	}
	if (tokens)
		rank_marks_tokens(&marks, c->slides, c->nslides, l->columns[CASE_INDEX_SLIDES].buf,
				  &l->tokens[CASE_INDEX_SLIDES]);
	rank_abbrevs(wz, text.buf, text.len, lexicon_add_abbrev, l);
	l->marks = rank_marks_blob(&marks, &l->marks_len);
	free(marks.v);
	strbuf_release(&text);
	return l;
}

/* The first `ncols` columns of the row `docs` is on, as statement `id`'s values. */
static bool insert_row(struct store *s, enum stmt_id id, sqlite3_stmt *docs, int ncols)
{
	sqlite3_stmt *st = stmt(s, id);
	int i;

	if (!st)
		return false;
	for (i = 0; i < ncols; i++)
		sqlite3_bind_value(st, i + 1, sqlite3_column_value(docs, i));
	return run(st);
}

/* Row `rowid` of the first `ncols` columns `col`, as statement `id`'s values. */
static bool insert_columns(struct store *s, enum stmt_id id, long rowid, const struct strbuf *col, int ncols)
{
	sqlite3_stmt *st = stmt(s, id);
	int i;

	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, rowid);
	for (i = 0; i < ncols; i++)
		/* Measured, not told: a text SQLite knows ends in a NUL reaches the tokenizer as it is, not a
		 * copy. (Told with its NUL counted, SQLite 3.40 keeps the NUL as a character of the text.) */
		sqlite3_bind_text(st, i + 2, col[i].buf, -1, SQLITE_STATIC);
	return run(st);
}

/* Whether every case of d has its columns and their tokens made ahead (store_case_lexicon()). */
static bool columns_made(const struct deck *d)
{
	size_t k;

	for (k = 0; d && k < d->ncases; k++)
		if (!d->cases[k].lexicon || !d->cases[k].lexicon->tokens)
			return false;
	return d != NULL;
}

/* The meeting's text outside its cases for outside_fts, its pieces a blank line apart; NULL when none. */
static char *outside_text(const struct deck *d)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < d->nother; i++) {
		if (sb.len)
			strbuf_addstr(&sb, "\n\n");
		strbuf_add(&sb, d->other[i].text, d->other[i].len);
	}
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/*
 * The meeting's cases into the full-text indexes (case_fts, and
 * strong_fts for the columns that rank; its text outside them,
 * `outside`, into outside_fts), after everything else the
 * import writes but the words. FTS5 writes the terms it holds out as a new
 * segment whenever a statement opens a savepoint in the transaction, and
 * SQLite opens one for every statement that may abort half-way (foreign
 * keys, several rows): indexed case by case between the other inserts,
 * each case became a segment of its own for the merges to undo. Here the
 * meeting's cases go in one row of values at a time, and are written out
 * once, at the commit.
 * When `d` is the deck stored as the meeting (not a merge), its cases'
 * ids from s->case_ids[ids] on, and its cases' columns and tokens were made ahead
 * (store_case_lexicon(), from the same fields the view case_doc joins),
 * they are given as made: reading the view joined back the slides just
 * written, a twentieth of the store's thread. Otherwise the columns are
 * read from the view, and the tokenizer takes tokens made ahead only for
 * the very texts they were made of.
 */
static bool insert_meeting_fts(struct store *s, long meeting, const struct deck *d, size_t ids,
			       const char *outside)
{
	sqlite3_stmt *docs = NULL;
	bool ok = true, made = columns_made(d);
	int rc = SQLITE_DONE;
	size_t k;

	if (!made) {
		if (!(docs = stmt(s, ST_MEETING_DOCS)))
			return false;
		sqlite3_bind_int64(docs, 1, meeting);
	}
	for (k = 0; ok && (made ? k < d->ncases : (rc = sqlite3_step(docs)) == SQLITE_ROW); k++) {
		const struct case_lexicon *l = d && k < d->ncases ? d->cases[k].lexicon : NULL;
		long id = made ? s->case_ids[ids + k] : (long)sqlite3_column_int64(docs, 0);

		if (l && l->tokens)
			fts_terms_ready(s->terms, l->columns, l->tokens, CASE_INDEX_COLUMNS);
		fts_terms_next_row(s->terms, id);
		fts_terms_apart(s->terms, s->stemless, s->foldless);
		ok = made ? insert_columns(s, ST_FTS_INSERT, id, l->columns, CASE_INDEX_COLUMNS)
			  : insert_row(s, ST_FTS_INSERT, docs, 5);
		fts_terms_apart(s->terms, false, false); /* strong_fts keeps them: its words rank */
		ok = ok && (made ? insert_columns(s, ST_STRONG_INSERT, id, l->columns, CASE_INDEX_COLUMNS - 1)
				 : insert_row(s, ST_STRONG_INSERT, docs, 4));
		fts_terms_ready(s->terms, NULL, NULL, 0);
		s->indexing++;
	}
	if (docs)
		sqlite3_reset(docs);
	if (!ok || rc != SQLITE_DONE)
		return false;
	if (!outside)
		return true;
	if (!(docs = stmt(s, ST_OUTSIDE_INSERT)))
		return false;
	sqlite3_bind_int64(docs, 1, meeting);
	sqlite3_bind_text(docs, 2, outside, -1, SQLITE_STATIC);
	return run(docs);
}

/*
 * The abbreviations the case defines and its slides' marks (db/rank.h),
 * from its text as case_doc joins it for the index: title, decision and
 * slides, a line apart.
 */
static bool insert_case_lexicon(struct store *s, long case_id, const struct deck_case *c)
{
	struct case_lexicon *own = NULL;
	const struct case_lexicon *l = c->lexicon;
	sqlite3_stmt *st;
	size_t i;
	bool ok = true;

	if (!l) {
		if (!s->wz)
			s->wz = wordizer_new();
		l = own = store_case_lexicon(s->wz, c, NULL);
	}
	for (i = 0; i < l->nabbrevs && ok; i++) {
		if (!(st = stmt(s, ST_ABBREVS_INSERT))) {
			ok = false;
			break;
		}
		sqlite3_bind_int64(st, 1, case_id);
		bind_text(st, 2, l->abbrevs[i].abbr_key);
		bind_text(st, 3, l->abbrevs[i].long_key);
		bind_text(st, 4, l->abbrevs[i].abbr);
		bind_text(st, 5, l->abbrevs[i].long_form);
		ok = run(st);
		/* An abbreviation the case defined twice counts once. */
		if (ok && sqlite3_changes(s->db) > 0) {
			if (!(st = stmt(s, ST_ABBREV_PAIR_ADD))) {
				ok = false;
				break;
			}
			bind_text(st, 1, l->abbrevs[i].abbr_key);
			bind_text(st, 2, l->abbrevs[i].long_key);
			ok = run(st);
		}
	}
	if (ok && (st = stmt(s, ST_MARKS_INSERT))) {
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_blob(st, 2, l->marks ? (const void *)l->marks : "", (int)l->marks_len,
				  SQLITE_TRANSIENT);
		ok = run(st);
	} else {
		ok = false;
	}
	case_lexicon_free(own);
	return ok;
}

bool store_put_signature(struct store *s, long case_id, const struct case_signature *sig)
{
	sqlite3_stmt *st = stmt(s, ST_SIGNATURE_INSERT);

	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, case_id);
	bind_text(st, 2, sig->title);
	bind_text(st, 3, sig->decision);
	bind_text(st, 4, sig->orgs);
	bind_text(st, 5, sig->slides);
	bind_text(st, 6, sig->refs);
	return run(st);
}

static bool insert_case(struct store *s, long meeting, const struct deck_case *c, const char *key, long *id)
{
	sqlite3_stmt *st = stmt(s, ST_CASE_INSERT);
	long case_id;
	bool ok = false;
	size_t i;

	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, meeting);
	bind_text(st, 2, key);
	bind_text(st, 3, c->number);
	sqlite3_bind_int(st, 4, c->seq);
	sqlite3_bind_int(st, 5, c->year);
	sqlite3_bind_int(st, 6, c->occurrence);
	bind_text(st, 7, c->title);
	bind_text(st, 8, c->agenda_title);
	bind_text(st, 9, decision_type_name(c->type));
	bind_text(st, 10, decision_source_name(c->type_source));
	bind_int_or_null(st, 11, c->day);
	bind_text(st, 12, c->time);
	bind_text(st, 13, c->decision);
	sqlite3_bind_int(st, 14, c->amended);
	sqlite3_bind_int(st, 15, c->position);
	bind_int_or_null(st, 16, c->line_start);
	bind_int_or_null(st, 17, c->line_end);
	bind_text(st, 18, c->type_written);
	sqlite3_bind_int(st, 19, (int)case_facets(c));
	bind_text(st, 20, c->recorded);
	bind_text(st, 21, c->recorded_source);
	bind_text(st, 22, outcome_name(c->outcome));
	bind_text(st, 23, c->source);
	if (!run(st))
		goto out;
	case_id = *id = sqlite3_last_insert_rowid(s->db);
	if (!(st = stmt(s, ST_ARRIVAL_INSERT)))
		goto out;
	bind_text(st, 1, key);
	if (!run(st))
		goto out;
	for (i = 0; i < c->npresenters; i++) {
		long pid;

		if (!person_id(s, c->presenters[i].name, &pid) || !(st = stmt(s, ST_PRESENTER_INSERT)))
			goto out;
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_int64(st, 2, (long)i + 1);
		sqlite3_bind_int64(st, 3, pid);
		bind_text(st, 4, c->presenters[i].name);
		bind_text(st, 5, c->presenters[i].organization);
		if (!run(st))
			goto out;
	}
	if (!insert_slides(s, meeting, case_id, c->slides, c->nslides))
		goto out;
	ok = insert_case_lexicon(s, case_id, c) &&
	     (!c->signature || store_put_signature(s, case_id, c->signature));
out:
	return ok;
}

static bool insert_document(struct store *s, long meeting, const struct document *doc, const char *text,
			    size_t len)
{
	sqlite3_stmt *st = stmt(s, ST_DOC_INSERT);
	bool pieces;

	if (!st)
		return false;
	/* Kept as references to the meeting's slides where that halves it (core/doctext.h). */
	pieces = text && doctext_encode(text, len, s->meeting_slides, s->nmeeting_slides, &s->doctext);
	sqlite3_bind_int64(st, 1, meeting);
	bind_text(st, 2, doc->source);
	bind_text(st, 3, doc_kind_name(doc->kind));
	bind_text(st, 4, doc->sha256);
	sqlite3_bind_int64(st, 5, doc->size);
	bind_int_or_null(st, 6, doc->pages);
	bind_int_or_null(st, 7, doc->line_count);
	bind_text(st, 8, doc->source_path);
	bind_text(st, 9, doc->imported_at);
	if (text && !pieces)
		sqlite3_bind_text64(st, 10, text, len, SQLITE_STATIC, SQLITE_UTF8);
	else
		sqlite3_bind_null(st, 10);
	if (!run(st))
		return false;
	if (!pieces)
		return true;
	if (!(st = stmt(s, ST_DOC_PIECES_INSERT)))
		return false;
	sqlite3_bind_int64(st, 1, sqlite3_last_insert_rowid(s->db));
	sqlite3_bind_blob64(st, 2, s->doctext.buf, s->doctext.len, SQLITE_STATIC);
	return run(st);
}

/* Stores deck d as a meeting, its id in *id, its cases' ids from s->case_ids[s->ncase_ids] on. */
static bool insert_meeting(struct store *s, const struct deck *d, char *const *keys, long *id)
{
	sqlite3_stmt *st = stmt(s, ST_MEETING_INSERT);
	long meeting;
	size_t i;

	if (!st)
		return false;
	s->nmeeting_slides = 0;
	bind_text(st, 1, d->source);
	bind_text(st, 2, d->sha256);
	sqlite3_bind_int64(st, 3, d->size);
	sqlite3_bind_int64(st, 4, d->line_count);
	bind_text(st, 5, d->body);
	bind_text(st, 6, d->heading);
	bind_text(st, 7, d->venue);
	bind_text(st, 8, d->start_date);
	bind_text(st, 9, d->end_date);
	bind_text(st, 10, d->source_path);
	bind_text(st, 11, d->meeting_number);
	if (!run(st))
		return false;
	meeting = *id = sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < d->nattendance; i++) {
		const struct attendee *a = &d->attendance[i];

		if (!(st = stmt(s, ST_ATTENDEE_INSERT)))
			return false;
		sqlite3_bind_int64(st, 1, meeting);
		sqlite3_bind_int64(st, 2, (long)i + 1);
		bind_text(st, 3, a->name);
		bind_text(st, 4, a->organization);
		bind_text(st, 5, attendee_role_name(a->role));
		bind_text(st, 6, a->for_name);
		bind_text(st, 7, a->note);
		bind_text(st, 8, a->source);
		bind_int_or_null(st, 9, a->line);
		if (!run(st))
			return false;
	}
	for (i = 0; i < d->nmembers; i++) {
		const struct member_change *m = &d->members[i];

		if (!(st = stmt(s, ST_MEMBER_INSERT)))
			return false;
		sqlite3_bind_int64(st, 1, meeting);
		sqlite3_bind_int64(st, 2, (long)i + 1);
		bind_text(st, 3, m->kind);
		bind_text(st, 4, m->person);
		bind_text(st, 5, m->organization);
		bind_text(st, 6, m->replaces);
		bind_text(st, 7, m->note);
		sqlite3_bind_int64(st, 8, m->line);
		if (!run(st))
			return false;
	}
	for (i = 0; i < d->nagenda; i++) {
		const struct agenda_item *a = &d->agenda[i];

		if (!(st = stmt(s, ST_AGENDA_INSERT)))
			return false;
		sqlite3_bind_int64(st, 1, meeting);
		sqlite3_bind_int64(st, 2, (long)i + 1);
		bind_int_or_null(st, 3, a->day);
		bind_text(st, 4, a->time);
		bind_text(st, 5, a->number);
		bind_text(st, 6, a->title);
		bind_text(st, 7, a->presenters);
		bind_text(st, 8, a->organization);
		bind_text(st, 9, decision_type_name(a->type));
		bind_text(st, 10, a->remark);
		sqlite3_bind_int64(st, 11, a->line);
		if (!run(st))
			return false;
	}
	ALLOC_GROW(s->case_ids, s->ncase_ids + d->ncases, s->case_ids_alloc);
	for (i = 0; i < d->ncases; i++)
		if (!insert_case(s, meeting, &d->cases[i], keys[i], &s->case_ids[s->ncase_ids + i]))
			return false;
	if (d->ncases && (!(st = stmt(s, ST_TOPICS_STALE)) || !run(st)))
		return false;
	return insert_slides(s, meeting, 0, d->other, d->nother);
}

/* Deletes meeting `id` with everything imported for it (documents too). */
/* Whether meeting `id` was stored by the open batch and so is not in the indexes yet; forgets it. */
static bool batch_unindexed_take(struct store *s, long id)
{
	size_t i;

	for (i = 0; i < s->nunindexed; i++)
		if (s->unindexed[i].meeting == id) {
			free(s->unindexed[i].outside);
			memmove(s->unindexed + i, s->unindexed + i + 1,
				(s->nunindexed - i - 1) * sizeof(*s->unindexed));
			s->nunindexed--;
			return true;
		}
	return false;
}

/* Runs statement `which` with `id` as its one parameter. */
static bool run_for(struct store *s, enum stmt_id which, long id)
{
	sqlite3_stmt *st = stmt(s, which);

	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	return run(st);
}

static bool delete_meeting(struct store *s, long id)
{
	/* Deleting rows a contentless FTS5 index never had would corrupt it. */
	bool ok;

	if (!batch_unindexed_take(s, id)) {
		fts_terms_unnote(s->terms); /* its cases' words were noted */
		/* Given the tokens it was given: without stems or folded forms, where it keeps none. */
		fts_terms_apart(s->terms, s->stemless, s->foldless);
		ok = run_for(s, ST_FTS_DELETE_MEETING, id);
		fts_terms_apart(s->terms, false, false);
		if (!ok || !run_for(s, ST_STRONG_DELETE_MEETING, id) || !run_for(s, ST_OUTSIDE_DELETE, id))
			return false;
	}
	return run_for(s, ST_ABBREVS_DELETE, id) && run_for(s, ST_MARKS_DELETE, id) &&
	       run_for(s, ST_PRESENTERS_DELETE, id) && run_for(s, ST_MEETING_DELETE, id);
}

static enum vt_status load(struct store *s, long id, long case_id, struct deck **out, struct vt_diag *diag);
static char *col_text(sqlite3_stmt *st, int i);

/* One meeting's slides by id, for its documents' kept texts (core/doctext.h). */
struct slide_texts {
	long meeting;		 /* whose, or 0 before the first */
	struct doctext_slide *v; /* by id; each text owned */
	size_t n, alloc;
};

static void slide_texts_release(struct slide_texts *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free((char *)t->v[i].text);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static bool slide_texts_load(struct store *s, long meeting, struct slide_texts *t)
{
	sqlite3_stmt *st = stmt(s, ST_SLIDES_OF_MEETING);
	int rc;

	slide_texts_release(t);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, meeting);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(st, 1);

		ALLOC_GROW(t->v, t->n + 1, t->alloc);
		t->v[t->n++] =
		    (struct doctext_slide){sqlite3_column_int64(st, 0),
					   xstrndup((const char *)sqlite3_column_text(st, 1), len), len, 0};
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		slide_texts_release(t); /* read again for the next document, not decoded against a part */
		return false;
	}
	t->meeting = meeting;
	return true;
}

static const char *slide_texts_find(void *arg, int64_t id, size_t *len)
{
	const struct slide_texts *t = arg;
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].id == id) {
			*len = t->v[mid].len;
			return t->v[mid].text;
		}
		if (t->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The kept text of a document of meeting `meeting`, the row of `st`: its
 * column `col` as written, or its pieces (column `col_pieces`) read back through the
 * meeting's slides (loaded into `t` once a meeting). *out (owned by the
 * caller) is NULL for a document imported before documents kept their text.
 */
static enum vt_status kept_text(struct store *s, sqlite3_stmt *st, int col, int col_pieces, long meeting,
				struct slide_texts *t, char **out, size_t *len, struct vt_diag *diag)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	struct strbuf sb = STRBUF_INIT;
	enum vt_status ret;

	*out = NULL;
	*len = 0;
	if (text) {
		*len = (size_t)sqlite3_column_bytes(st, col);
		*out = xstrndup(text, *len);
		return VT_OK;
	}
	if (sqlite3_column_type(st, col_pieces) == SQLITE_NULL)
		return VT_OK;
	if (t->meeting != meeting && !slide_texts_load(s, meeting, t))
		return db_fail(s, diag, _("reading a document's kept text"));
	ret = doctext_decode(sqlite3_column_blob(st, col_pieces),
			     (size_t)sqlite3_column_bytes(st, col_pieces), slide_texts_find, t, &sb, diag);
	if (ret == VT_OK)
		*out = strbuf_detach(&sb, len);
	strbuf_release(&sb);
	return ret;
}

/* The documents of meeting `id` other than `source`, read again from their text, in import order. */
struct sibling {
	struct deck *deck;
	char *text; /* NULL for a deck imported before documents kept their text */
	size_t len;
};

static enum vt_status load_siblings(struct store *s, long id, const char *source, struct sibling **out,
				    size_t *n, struct vt_diag *diag)
{
	sqlite3_stmt *st = stmt(s, ST_DOCS_OF_MEETING);
	struct slide_texts slides = {0};
	size_t alloc = 0;
	enum vt_status ret = VT_OK;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return db_fail(s, diag, _("importing the document"));
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, source);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *src = (const char *)sqlite3_column_text(st, 0);
		struct sibling *sib;
		struct deck *d = NULL;

		ALLOC_GROW(*out, *n + 1, alloc);
		sib = &(*out)[(*n)++];
		memset(sib, 0, sizeof(*sib));
		ret = kept_text(s, st, 8, 10, id, &slides, &sib->text, &sib->len, diag);
		if (ret == VT_OK && sib->text) {
			ret = document_read_text(src, sib->text, sib->len,
						 (const char *)sqlite3_column_text(st, 2),
						 (long)sqlite3_column_int64(st, 3), &d, diag);
		} else if (ret == VT_OK && sqlite3_column_int(st, 9) == 1) {
			/* A deck from before version 4, alone in its meeting: its rows are its reading. */
			ret = load(s, id, 0, &d, diag);
		} else if (ret == VT_OK) {
			ret = vt_fail(
			    diag, VT_ERR_FORMAT, 0,
			    _("%s was imported by an older vedtak without its text; import it again first"),
			    src);
		}
		if (ret != VT_OK) {
			char msg[sizeof(diag->msg)];
			snprintf(msg, sizeof(msg), "%s", diag ? diag->msg : "");
			ret = vt_fail(diag, ret, 0, _("reading %s again, to join it: %s"), src, msg);
			break;
		}
		d->kind = doc_kind_parse((const char *)sqlite3_column_text(st, 1));
		if ((int)d->kind < 0)
			d->kind = DOC_DECK;
		d->pages = (long)sqlite3_column_int64(st, 4);
		free(d->source_path);
		d->source_path = col_text(st, 6);
		free(d->imported_at);
		d->imported_at = col_text(st, 7);
		sib->deck = d;
	}
	if (ret == VT_OK && rc != SQLITE_DONE)
		ret = db_fail(s, diag, _("importing the document"));
	sqlite3_reset(st);
	slide_texts_release(&slides);
	return ret;
}

static void siblings_free(struct sibling *sibs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		deck_free(sibs[i].deck);
		free(sibs[i].text);
	}
	free(sibs);
}

/*
 * Whether `d`, from another path than meeting `meeting`'s kept document of
 * its name, is another document of that meeting rather than a new version
 * of it: one of another kind, or one that shares no case number with it
 * (the two days' decks "dag1/lysark.txt" and "dag2/lysark.txt"). The kept
 * documents are read again from their text, as a join does; one that
 * cannot be is taken to be the same document, as before this rule.
 */
static bool another_of_meeting(struct store *s, long meeting, const struct deck *d)
{
	struct sibling *sibs = NULL;
	size_t n = 0, i, j, k;
	struct vt_diag diag;
	bool another = false, shared = false;

	if (load_siblings(s, meeting, "", &sibs, &n, &diag) == VT_OK)
		for (i = 0; i < n; i++) {
			const struct deck *o = sibs[i].deck;

			if (strcmp(o->source, d->source))
				continue;
			for (j = 0; j < o->ncases && !shared; j++)
				for (k = 0; k < d->ncases && !shared; k++)
					shared = !strcmp(o->cases[j].number, d->cases[k].number);
			another = o->kind != d->kind || (!shared && o->ncases && d->ncases);
		}
	siblings_free(sibs, n);
	return another;
}

/*
 * Names document `d` after its folder too ("2021-09/referat.txt"), or with a
 * number after the first try, so that it does not take the place of
 * another meeting's file of the same name.
 */
static void unique_source(struct deck *d, int tries)
{
	const char *path = d->source_path, *slash = path ? strrchr(path, '/') : NULL, *dir = slash;
	char *name;

	while (dir && dir > path && dir[-1] != '/')
		dir--;
	if (tries == 0 && slash && dir && dir < slash)
		name = xasprintf("%.*s/%s", (int)(slash - dir), dir, slash + 1);
	else
		name = xasprintf("%s (%d)", slash ? slash + 1 : d->source, tries + 1);
	deck_rename(d, name);
	free(name);
}

struct prior {
	struct prior_case *v; /* strings owned */
	size_t n;
};

/* The cases meeting `id` has now, before a re-import replaces them. */
static bool prior_load(struct store *s, long id, struct prior *p)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	memset(p, 0, sizeof(*p));
	if (!id)
		return true;
	if (!(st = stmt(s, ST_PRIOR_CASES)))
		return false;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct prior_case *c;

		ALLOC_GROW(p->v, p->n + 1, alloc);
		c = &p->v[p->n++];
		c->key = col_text(st, 0);
		c->number = col_text(st, 1);
		c->title = col_text(st, 2);
		c->decision = col_text(st, 3);
		c->line = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE;
}

static void prior_release(struct prior *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free((char *)p->v[i].key);
		free((char *)p->v[i].number);
		free((char *)p->v[i].title);
		free((char *)p->v[i].decision);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/*
 * Each case of the meeting before that has no case now, and tags or notes
 * on it: a warning at the line it was on. Its tags and notes stay under its
 * key, shown by `vedtak tags`, and come back if the case does.
 */
static bool warn_detached(struct store *s, const struct prior *p, struct strbuf *warnings)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		sqlite3_stmt *st;
		const char *tags;
		bool notes;

		if (p->v[i].kept || !(st = stmt(s, ST_KEY_USER_DATA)))
			continue;
		bind_text(st, 1, p->v[i].key);
		if (sqlite3_step(st) != SQLITE_ROW)
			return false;
		tags = (const char *)sqlite3_column_text(st, 0);
		notes = sqlite3_column_int(st, 1);
		if ((tags || notes) && warnings) {
			strbuf_addf(warnings, "%ld\t", p->v[i].line);
			strbuf_addf(warnings,
				    _("case %s (%s) is no longer in the meeting's documents; its tags (%s) "
				      "and notes are "
				      "kept under %s"),
				    p->v[i].number, p->v[i].title ? p->v[i].title : "-",
				    tags ? tags : _("none"), p->v[i].key);
			strbuf_addch(warnings, '\n');
		}
		sqlite3_reset(st);
	}
	return true;
}

static const struct {
	int automerge, crisismerge;
} merging_values[] = {
    [MERGING_FTS5] = {4, 16},
    /* At most a segment a batch of 8 MB: 256 hold 2 GB of decks, and FTS5 allows 2,000. */
    [MERGING_DEFERRED] = {0, 256},
};

static bool merging_set(struct store *s, enum merging m)
{
	sqlite3_stmt *st = NULL;
	bool ok = sqlite3_prepare_v2(s->db, "INSERT INTO case_fts(case_fts, rank) VALUES (?, ?)", -1, &st,
				     NULL) == SQLITE_OK;

	ok = ok && sqlite3_bind_text(st, 1, "automerge", -1, SQLITE_STATIC) == SQLITE_OK &&
	     sqlite3_bind_int(st, 2, merging_values[m].automerge) == SQLITE_OK && run(st);
	ok = ok && sqlite3_bind_text(st, 1, "crisismerge", -1, SQLITE_STATIC) == SQLITE_OK &&
	     sqlite3_bind_int(st, 2, merging_values[m].crisismerge) == SQLITE_OK && run(st);
	sqlite3_finalize(st);
	if (ok)
		s->merging = m;
	return ok;
}

/* How case_fts merges, as stored (FTS5 keeps a value as given; none: its default). */
static bool merging_read(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int automerge = merging_values[MERGING_FTS5].automerge,
	    crisismerge = merging_values[MERGING_FTS5].crisismerge, rc;
	size_t m;

	if (sqlite3_prepare_v2(s->db,
			       "SELECT k, v FROM case_fts_config WHERE k IN ('automerge', 'crisismerge')", -1,
			       &st, NULL) != SQLITE_OK)
		return false;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*(strcmp((const char *)sqlite3_column_text(st, 0), "automerge") ? &crisismerge : &automerge) =
		    sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	s->merging = MERGING_OTHER;
	for (m = 0; m < ARRAY_SIZE(merging_values); m++)
		if (merging_values[m].automerge == automerge && merging_values[m].crisismerge == crisismerge)
			s->merging = (int)m;
	return rc == SQLITE_DONE;
}

/*
 * FTS5 joins case_fts's segments a few at a time as it writes new ones,
 * and all of a level's at once when it has 16. A run that will end with
 * the index merged into one piece (store_settle_index(): a run that
 * indexes a quarter of the archive or more) only makes work for that
 * merge by them: a run is certain to end so once it has indexed a third
 * of the cases the archive had when it began, at once for an empty
 * archive. From then on, FTS5 merges only when a level has 256 segments
 * (1 GB of decks: 100 -> 82 s; 105 MB: 7.2 -> 7.0 s). Any other import
 * sets FTS5's own merging back, so that a run cut short (a crash, a kill,
 * Ctrl-C) leaves nothing behind but segments, which the next run merges
 * (cut_short).
 * Called in the import's transaction: a rollback takes back what it set.
 */
static bool merging_plan(struct store *s)
{
	sqlite3_stmt *st = NULL;
	enum merging want;
	bool starting = s->run_base < 0;

	if (s->run_base < 0) {
		bool words;

		if (sqlite3_prepare_v2(s->db,
				       "SELECT (SELECT count(*) FROM cases), EXISTS (SELECT 1 FROM words)",
				       -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			return false;
		}
		s->run_base = sqlite3_column_int64(st, 0);
		words = sqlite3_column_int(st, 1);
		sqlite3_finalize(st);
		/* Into an empty archive, the run's counts are the archive's (store_settle_begin()). */
		/*
		 * Noted from half the fewest cases a word with a set is in: a set
		 * is read from the index up to there only, the rest kept in memory
		 * (a few bytes a case of each word so common: 8 MB at 105 MB).
		 * Stems too, where every word of the table stems will be this
		 * run's (fts.h).
		 */
		if (s->run_base == 0)
			fts_terms_count_begin(s->terms, (uint32_t)(termsets_min(0) / 2),
					      s->stemless && !words);
		else
			fts_terms_count_end(s->terms);
	}
	if (s->merging == MERGING_UNKNOWN && !merging_read(s))
		return false;
	if (starting)
		s->cut_short = s->merging == MERGING_DEFERRED;
	want = 3 * (long long)s->indexed >= s->run_base ? MERGING_DEFERRED : MERGING_FTS5;
	return want == (enum merging)s->merging || merging_set(s, want);
}

/* Opens the transaction of one import or of a batch of them. */
static enum vt_status import_begin(struct store *s, struct vt_diag *diag)
{
	enum vt_status st;

	/*
	 * Searches and listings keep SQLite's default cache (2 MB): a process
	 * that reads a few thousand pages once spent more time faulting in a
	 * 32 MB cache than reading (fields-only search at 1 GB, 113 -> 70 ms).
	 * An import writes the same index pages again and again, and keeps them.
	 */
	if (!s->import_cache) {
		if (sqlite3_exec(s->db, "PRAGMA cache_size = -32768", NULL, NULL, NULL) != SQLITE_OK)
			return db_fail(s, diag, _("starting the import"));
		s->import_cache = true;
	}
	if ((st = sql_begin(s->db, true, _("starting the import"), diag)) != VT_OK)
		return st;
	/* Another process wrote since this one's last commit: rows it indexed were not noted. */
	if (s->committed_version >= 0 && store_data_version(s) != s->committed_version)
		fts_terms_unnote(s->terms);
	if (!merging_plan(s)) {
		st = db_fail(s, diag, _("starting the import"));
		sql_end(s->db, st, _("starting the import"), NULL);
		s->merging = MERGING_UNKNOWN;
	}
	return st;
}

/*
 * Commits (st VT_OK) or rolls back the transaction import_begin() opened,
 * with what the store keeps of it: the words the tokenizer met, the cases
 * indexed, the batch's meetings. Returns the outcome.
 */
static enum vt_status import_end(struct store *s, enum vt_status st, struct vt_diag *diag)
{
	size_t i;

	st = sql_end(s->db, st, _("importing the document"), diag);
	fts_terms_forget_pending(s->terms, st == VT_OK);
	if (st == VT_OK) {
		s->indexed += s->indexing;
		s->committed_version = store_data_version(s);
	} else {
		s->merging = MERGING_UNKNOWN; /* as the rollback left it */
		fts_terms_unnote(s->terms);   /* rows noted that the index does not have */
	}
	s->indexing = 0;
	s->batch = false;
	for (i = 0; i < s->nunindexed; i++)
		free(s->unindexed[i].outside);
	s->nunindexed = 0;
	s->ncase_ids = 0;
	return st;
}

/*
 * SQLite copies the WAL into the database (a checkpoint) in the thread of
 * the commit that grows it past 1,000 pages: the store's thread, a tenth
 * of whose time in an import went to it, while the parser's core had time
 * to spare. From the first batch to store_settle_begin() a thread of its
 * own does it on a connection of its own, told by the WAL hook; a passive
 * checkpoint never waits for the
 * store, nor the store for it. What the WAL holds is the same: only who
 * copies it changes.
 * A WAL starts again from its beginning only at a write that begins once
 * everything in it is copied, which a batch begun right after a commit
 * never is: past CHECKPOINT_WAL_MAX pages a batch waits for the copy to
 * end, or the WAL would grow to twice the database.
 */
#define CHECKPOINT_PAGES   1000
#define CHECKPOINT_WAL_MAX 32768 /* 128 MB of 4 KB pages */

struct checkpointer {
	sqlite3 *db;
	pthread_t tid;
	pthread_mutex_t lock;
	pthread_cond_t wake, idle;
	bool due, busy, stop;
	int pages; /* in the WAL, at the last commit */
};

static int wal_written(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct checkpointer *c = arg;

	(void)db;
	(void)name;
	pthread_mutex_lock(&c->lock);
	c->pages = pages;
	if (pages >= CHECKPOINT_PAGES) {
		c->due = true;
		pthread_cond_signal(&c->wake);
	}
	pthread_mutex_unlock(&c->lock);
	return SQLITE_OK;
}

static void *checkpoint_thread(void *arg)
{
	struct checkpointer *c = arg;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->due && !c->stop)
			pthread_cond_wait(&c->wake, &c->lock);
		if (c->stop)
			break;
		c->due = false;
		c->busy = true;
		pthread_mutex_unlock(&c->lock);
		sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->lock);
		c->busy = false;
		pthread_cond_broadcast(&c->idle);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* Before a batch: a WAL past CHECKPOINT_WAL_MAX copied to its end, so that the batch starts it again. */
static void checkpointer_catch_up(struct store *s)
{
	struct checkpointer *c = s->checkpointer;

	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	if (c->pages >= CHECKPOINT_WAL_MAX) {
		while (c->due || c->busy)
			pthread_cond_wait(&c->idle, &c->lock);
		c->pages = 0;
	}
	pthread_mutex_unlock(&c->lock);
}

static void checkpointer_start(struct store *s)
{
	const char *path = sqlite3_db_filename(s->db, "main");
	struct checkpointer *c;

	if (s->checkpointer || !path || !*path)
		return;
	c = xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->wake, NULL);
	pthread_cond_init(&c->idle, NULL);
	/* A connection finds the WAL at its first read: before that it has nothing to copy. */
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | OPEN_ONE_THREAD, gather_vfs_name()) !=
		SQLITE_OK ||
	    sqlite3_exec(c->db, "PRAGMA journal_mode", NULL, NULL, NULL) != SQLITE_OK ||
	    pthread_create(&c->tid, NULL, checkpoint_thread, c)) {
		sqlite3_close(c->db);
		pthread_cond_destroy(&c->wake);
		pthread_cond_destroy(&c->idle);
		pthread_mutex_destroy(&c->lock);
		free(c);
		return; /* the store's thread checkpoints, as SQLite does by default */
	}
	sqlite3_wal_hook(s->db, wal_written, c);
	s->checkpointer = c;
}

static void checkpointer_stop(struct store *s)
{
	struct checkpointer *c = s->checkpointer;

	if (!c)
		return;
	sqlite3_wal_autocheckpoint(s->db, CHECKPOINT_PAGES); /* SQLite's own hook again */
	pthread_mutex_lock(&c->lock);
	c->stop = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->tid, NULL);
	sqlite3_close(c->db);
	pthread_cond_destroy(&c->wake);
	pthread_cond_destroy(&c->idle);
	pthread_mutex_destroy(&c->lock);
	free(c);
	s->checkpointer = NULL;
}

enum vt_status store_batch_begin(struct store *s, struct vt_diag *diag)
{
	enum vt_status ret;

	if (s->readonly)
		return vt_fail(diag, VT_ERR_READONLY, 0, _("the database is open read-only"));
	checkpointer_start(s);
	checkpointer_catch_up(s);
	if ((ret = import_begin(s, diag)) == VT_OK)
		s->batch = true;
	return ret;
}

/*
 * The batch's meetings go into the indexes last, one after the other, so
 * that FTS5 writes their terms out in a few large segments: it writes what
 * it holds whenever a statement opens a savepoint, as most of an import's
 * statements do, and a segment per document left a fifth of an import's
 * time to its merges.
 */
enum vt_status store_batch_commit(struct store *s, struct vt_diag *diag)
{
	enum vt_status ret = VT_OK;
	size_t i;

	if (!s->batch)
		return VT_OK;
	for (i = 0; i < s->nunindexed && ret == VT_OK; i++)
		if (!insert_meeting_fts(s, s->unindexed[i].meeting, s->unindexed[i].deck, s->unindexed[i].ids,
					s->unindexed[i].outside))
			ret = db_fail(s, diag, _("indexing the documents"));
	if (ret == VT_OK && !write_terms(s))
		ret = db_fail(s, diag, _("indexing the documents"));
	return import_end(s, ret, diag);
}

enum vt_status store_import_deck(struct store *s, struct deck *d, const char *text, size_t text_len,
				 enum import_outcome *outcome, char **same_as, struct strbuf *warnings,
				 struct vt_diag *diag)
{
	sqlite3_stmt *st;
	enum vt_status ret = VT_OK;
	long old_id = 0, join_id = 0, meeting;
	struct sibling *sibs = NULL;
	size_t nsibs = 0, i, k, rank;
	int tries;
	struct deck **docs = NULL, *merged = NULL;
	struct prior prior = {NULL, 0};
	char **keys = NULL;
	size_t nkeys = 0, ids;
	int rc;

	if (same_as)
		*same_as = NULL;
	if (s->readonly)
		return vt_fail(diag, VT_ERR_READONLY, 0, _("the database is open read-only"));
	if (!s->batch && (ret = import_begin(s, diag)) != VT_OK)
		return ret;

	for (tries = 0;; tries++) {
		if (!(st = stmt(s, ST_DOC_BY_SOURCE)))
			goto db_error;
		bind_text(st, 1, d->source);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			const char *path = (const char *)sqlite3_column_text(st, 3);
			struct deck other;
			bool elsewhere, another;

			old_id = sqlite3_column_int64(st, 0);
			/* The same bytes: nothing to do, unless an older vedtak kept no text. */
			if (!strcmp((const char *)sqlite3_column_text(st, 1), d->sha256) &&
			    !sqlite3_column_int(st, 2)) {
				sqlite3_reset(st);
				*outcome = IMPORT_UNCHANGED;
				goto commit;
			}
			/* Another file of the same name ("referat.txt" in two folders)
			 * of another meeting is another document, not a new version. */
			memset(&other, 0, sizeof(other));
			other.body = (char *)sqlite3_column_text(st, 4);
			other.start_date = (char *)sqlite3_column_text(st, 5);
			other.meeting_number = (char *)sqlite3_column_text(st, 6);
			elsewhere = tries < 20 && path && d->source_path && strcmp(path, d->source_path);
			another = elsewhere && d->body && (d->start_date || d->meeting_number) &&
				  !meeting_same(d, &other);
			sqlite3_reset(st);
			/* Of the same meeting: another document too, unless it revises the one kept. */
			if (another || (elsewhere && another_of_meeting(s, old_id, d))) {
				unique_source(d, tries);
				old_id = 0;
				continue;
			}
		} else if (rc != SQLITE_DONE) {
			goto db_error;
		}
		sqlite3_reset(st);
		break;
	}

	if (!(st = stmt(s, ST_DOC_BY_SHA)))
		goto db_error;
	bind_text(st, 1, d->sha256);
	bind_text(st, 2, d->source);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (same_as)
			*same_as = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		*outcome = IMPORT_UNCHANGED;
		goto commit;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto db_error;

	/* The meeting this document belongs to: its own, or one of another document. */
	join_id = old_id;
	if (!join_id && d->body && (d->start_date || d->meeting_number)) {
		if (!(st = stmt(s, ST_MEETING_FIND)))
			goto db_error;
		bind_text(st, 1, d->body);
		bind_text(st, 2, d->start_date);
		bind_text(st, 3, d->meeting_number);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			join_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			goto db_error;
	}
	if (join_id && (ret = load_siblings(s, join_id, d->source, &sibs, &nsibs, diag)) != VT_OK)
		goto fail;
	/* A re-imported document keeps its place among its meeting's documents,
	 * so the meeting's source stays the first imported. */
	rank = nsibs;
	if (old_id && nsibs) {
		if (!(st = stmt(s, ST_DOC_RANK)))
			goto db_error;
		bind_text(st, 1, d->source);
		if (sqlite3_step(st) == SQLITE_ROW)
			rank = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rank > nsibs)
			rank = nsibs;
	}
	docs = xcalloc(nsibs + 1, sizeof(*docs));
	for (i = 0, k = 0; i <= nsibs; i++)
		docs[i] = i == rank ? d : sibs[k++].deck;
	merged = nsibs ? meeting_merge(docs, nsibs + 1, d) : NULL;
	/* Keys follow their cases through the rebuild, not their positions. */
	if (!prior_load(s, join_id, &prior))
		goto db_error;
	keys = deck_keys_assign(merged ? merged : d, prior.v, prior.n);
	nkeys = (merged ? merged : d)->ncases;
	if (join_id && !delete_meeting(s, join_id))
		goto db_error;
	*outcome = old_id ? IMPORT_REPLACED : join_id ? IMPORT_JOINED : IMPORT_NEW;
	ids = s->ncase_ids;
	if (!insert_meeting(s, merged ? merged : d, keys, &meeting) || !warn_detached(s, &prior, warnings))
		goto db_error;
	s->ncase_ids += (merged ? merged : d)->ncases;
	for (i = 0, k = 0; merged && i <= nsibs; i++) {
		bool self = i == rank;
		if (!insert_document(s, meeting, &merged->docs[i], self ? text : sibs[k].text,
				     self ? text_len : sibs[k].len))
			goto db_error;
		k += !self;
	}
	if (!merged) {
		struct document self;

		memset(&self, 0, sizeof(self));
		self.source = d->source;
		self.source_path = d->source_path;
		self.kind = d->kind;
		memcpy(self.sha256, d->sha256, sizeof(self.sha256));
		self.size = d->size;
		self.pages = d->pages;
		self.line_count = d->line_count;
		if (!insert_document(s, meeting, &self, text, text_len))
			goto db_error;
	}
	if (s->batch) {
		ALLOC_GROW(s->unindexed, s->nunindexed + 1, s->unindexed_alloc);
		s->unindexed[s->nunindexed].meeting = meeting;
		s->unindexed[s->nunindexed].ids = ids;
		s->unindexed[s->nunindexed].outside = outside_text(merged ? merged : d);
		s->unindexed[s->nunindexed++].deck = merged ? NULL : d;
	} else {
		char *outside = outside_text(merged ? merged : d);
		bool ok = insert_meeting_fts(s, meeting, merged ? NULL : d, ids, outside) && write_terms(s);

		free(outside);
		if (!ok)
			goto db_error;
	}
	if (merged && warnings)
		for (i = 0; i < merged->nwarnings; i++)
			strbuf_addf(warnings, "%ld\t%s\n", merged->warnings[i].line, merged->warnings[i].msg);
commit:
	if (!s->batch && (ret = import_end(s, VT_OK, diag)) != VT_OK)
		goto fail;
	goto out;
db_error:
	ret = db_fail(s, diag, _("importing the document"));
fail:
	import_end(s, ret, diag);
	if (same_as) {
		free(*same_as);
		*same_as = NULL;
	}
out:
	s->nmeeting_slides = 0; /* their texts are the decks' freed here */
	siblings_free(sibs, nsibs);
	free(docs);
	deck_free(merged);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	prior_release(&prior);
	return ret;
}

/*
 * Whether the frequent words' sets (db/termsets.c) have fallen behind:
 * more cases deleted since they were made than a search reads from the
 * index in their stead (half of STALE_MAX there), or a sixteenth of the
 * cases imported since. A secretariat that imports a meeting at a time
 * would otherwise lose them after a few re-imports.
 */
static bool sets_behind(struct store *s, long long total)
{
	sqlite3_stmt *st = NULL;
	bool behind = false;

	if (sqlite3_prepare_v2(
		s->db,
		"SELECT (SELECT count(*) FROM term_sets_stale),"
		" (SELECT coalesce(max(id), 0) FROM cases) - coalesce((SELECT CAST(value AS INTEGER)"
		" FROM meta WHERE key = 'term_sets_upto'), 0)",
		-1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		behind = sqlite3_column_int64(st, 0) > 32 || sqlite3_column_int64(st, 1) * 16 > total;
	sqlite3_finalize(st);
	return behind;
}

/*
 * The frequent words' sets read on a connection and a thread of their own
 * (store_settle_begin()), while the main connection groups the topics and
 * merges the index: a merge changes how the index keeps its words, not
 * which cases hold them. At 100 MB the reading takes a second, and the
 * merge and the topics as long.
 */
struct sets_reading {
	sqlite3 *db;
	pthread_t tid;
	int rc;
	struct termsets_rows *rows;
	long long data_version;	   /* the main connection's, before the thread began */
	struct fts_common *common; /* fts_terms_common(), or NULL */
	size_t ncommon;
	long long min;
	bool stemless, foldless; /* the store's */
};

static void *read_sets_thread(void *arg)
{
	struct sets_reading *r = arg;

	/* One snapshot for all of it: the rows and the newest case they hold. */
	if ((r->rc = sqlite3_exec(r->db, "BEGIN", NULL, NULL, NULL)) == SQLITE_OK) {
		r->rc =
		    termsets_read(r->db, r->stemless, r->foldless, r->common, r->ncommon, r->min, &r->rows);
		sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL);
	}
	return NULL;
}

static void sets_reading_free(struct sets_reading *r)
{
	fts_common_free(r->common, r->ncommon);
	free(r);
}

/* The rows read on the thread, once it is done; NULL when none was started or it failed. */
static struct termsets_rows *sets_read(struct store *s)
{
	struct sets_reading *r = s->sets_reading;
	struct termsets_rows *rows;

	if (!r)
		return NULL;
	pthread_join(r->tid, NULL);
	rows = r->rc == SQLITE_OK ? r->rows : NULL;
	if (!rows)
		termsets_rows_free(r->rows);
	sqlite3_close(r->db);
	sets_reading_free(r);
	s->sets_reading = NULL;
	return rows;
}

/*
 * The sets made again from the index, inside the caller's write
 * transaction: from the thread's reading, unless another process wrote
 * to the database since it began (a meeting imported again), which that
 * reading may not have seen.
 */
static bool make_sets(struct store *s)
{
	long long since = s->sets_reading ? s->sets_reading->data_version : -1;
	struct termsets_rows *rows = sets_read(s);
	int rc = SQLITE_OK;

	if (rows && (since < 0 || store_data_version(s) != since)) {
		termsets_rows_free(rows);
		rows = NULL;
	}
	if (!rows)
		rc = termsets_read(s->db, s->stemless, s->foldless, NULL, 0, 0, &rows);
	if (rc == SQLITE_OK)
		rc = termsets_write(s->db, rows);
	termsets_rows_free(rows);
	return rc == SQLITE_OK;
}

/* The sets made again, without merging the index (12 s at 1 GB, half the merge). */
static enum vt_status remake_sets(struct store *s, struct vt_diag *diag)
{
	const char *what = _("making the frequent words' sets");
	enum vt_status ret;

	if ((ret = sql_begin(s->db, true, what, diag)) != VT_OK)
		return ret;
	if (!make_sets(s))
		ret = db_fail(s, diag, what);
	return sql_end(s->db, ret, what, diag);
}

/*
 * What store_settle_index() will do: merge the index when the run indexed
 * a quarter of the archive or more, or when FTS5's merging is held back
 * (merging_plan(); read again after a rollback, which may have left it
 * so: another process may have added cases since the run began), or was
 * when the run began (a run before it was cut short), and
 * make the sets again then or when they are behind. *total: how many
 * cases the archive has.
 */
static bool settle_plan(struct store *s, bool *merge, bool *sets, long long *total)
{
	sqlite3_stmt *st = NULL;

	*merge = *sets = false;
	if (s->readonly)
		return true;
	if (s->merging == MERGING_UNKNOWN && !merging_read(s))
		return false;
	if (!s->indexed && s->merging != MERGING_DEFERRED && !s->cut_short)
		return true;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM cases", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return false;
	}
	*total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	*merge = (long long)s->indexed * 4 >= *total || s->merging == MERGING_DEFERRED || s->cut_short;
	*sets = *merge || sets_behind(s, *total);
	return true;
}

void store_settle_begin(struct store *s)
{
	struct sets_reading *r;
	const char *path;
	long long total = 0;
	struct vt_diag d;
	bool merge, sets;

	checkpointer_stop(s);		  /* the batches are over: SQLite's own checkpoints again */
	termsets_rows_free(sets_read(s)); /* a reading no settling took: too old now */
	if (!settle_plan(s, &merge, &sets, &total) || !sets)
		return;
	path = sqlite3_db_filename(s->db, "main");
	if (!path || !*path)
		return; /* in memory: no other connection sees it */
	r = xcalloc(1, sizeof(*r));
	r->data_version = store_data_version(s);
	/* Another process wrote since this run's last commit: the cases it indexed or deleted were not
	 * noted (db/fts.h), and the sets are read from the index whole. */
	if (s->committed_version >= 0 && r->data_version != s->committed_version)
		fts_terms_unnote(s->terms);
	/* A run into an empty archive counted its words' cases: only the common ones are read. */
	r->min = termsets_min(total);
	r->common = fts_terms_common(s->terms, r->min, &r->ncommon);
	r->stemless = s->stemless;
	r->foldless = s->foldless;
	if (r->data_version < 0 || open_readonly(path, &r->db) != SQLITE_OK ||
	    fts_register(r->db, NULL, &d) != VT_OK || termsets_register(r->db, &d) != VT_OK ||
	    sqlite3_busy_timeout(r->db, 2000) != SQLITE_OK ||
	    pthread_create(&r->tid, NULL, read_sets_thread, r)) {
		sqlite3_close(r->db);
		sets_reading_free(r);
		return; /* the sets are read on the main connection instead */
	}
	s->sets_reading = r;
}

/*
 * FTS5 keeps an index as segments that its automerge joins a few at a
 * time: 13 for case_fts at 1 GB, and every word of a query is looked up
 * in each (a rare word's search: 15 ms against 10 with one segment). An
 * 'optimize' rewrites the whole index (25 s at 1 GB, a twentieth of that
 * import), so it is done only when the run was a large part of it.
 */
static enum vt_status settle_index(struct store *s, struct vt_diag *diag)
{
	const char *what = _("merging the full-text index");
	long long total = 0;
	enum vt_status ret;
	bool merge, sets;

	checkpointer_stop(s);
	s->run_base = -1; /* the next import begins a run */
	fts_terms_count_end(s->terms);
	if (!settle_plan(s, &merge, &sets, &total)) {
		termsets_rows_free(sets_read(s));
		return db_fail(s, diag, what);
	}
	if (!merge) {
		s->indexed = 0;
		ret = sets ? remake_sets(s, diag) : VT_OK;
		termsets_rows_free(sets_read(s));
		return ret;
	}
	if ((ret = sql_begin(s->db, true, what, diag)) != VT_OK) {
		termsets_rows_free(sets_read(s));
		return ret;
	}
	/* The frequent words' sets are made again with the merged index (termsets.h). */
	if (sqlite3_exec(s->db,
			 "INSERT INTO case_fts(case_fts) VALUES ('optimize');"
			 "INSERT INTO strong_fts(strong_fts) VALUES ('optimize');"
			 "INSERT INTO vocab(vocab) VALUES ('optimize');",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    !make_sets(s) || (s->merging != MERGING_FTS5 && !merging_set(s, MERGING_FTS5)))
		ret = db_fail(s, diag, what);
	termsets_rows_free(sets_read(s));
	if ((ret = sql_end(s->db, ret, what, diag)) == VT_OK) {
		s->indexed = 0;
		s->cut_short = false;
	} else {
		s->merging = MERGING_UNKNOWN;
	}
	return ret;
}

/* The table word_lines made again when the table words has more words than it lists (schema 19). */
static enum vt_status word_lines_make(struct store *s, struct vt_diag *diag)
{
	const char *what = _("listing the index's words");
	sqlite3_stmt *st = NULL;
	enum vt_status ret;
	int rc;

	if (s->readonly)
		return VT_OK;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM word_lines WHERE n = " STORE_WORDS_MADE, -1, &st,
			       NULL) != SQLITE_OK)
		return db_fail(s, diag, what);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return VT_OK;
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, what);
	if ((ret = sql_begin(s->db, true, what, diag)) != VT_OK)
		return ret;
	if (sqlite3_exec(s->db,
			 "DELETE FROM word_lines;"
			 "INSERT INTO word_lines SELECT " STORE_WORDS_MADE ","
			 "  coalesce(group_concat(word, char(10)) || char(10), '') FROM words;",
			 NULL, NULL, NULL) != SQLITE_OK)
		ret = db_fail(s, diag, what);
	return sql_end(s->db, ret, what, diag);
}

/* The settling's progress handler: store_interrupt() came, also between its statements. */
static int settle_should_stop(void *arg)
{
	return atomic_load(&((struct store *)arg)->interrupted);
}

enum vt_status store_settle_index(struct store *s, struct vt_diag *diag)
{
	enum vt_status ret;

	/* sqlite3_interrupt() alone is forgotten when it comes between two statements. */
	sqlite3_progress_handler(s->db, 1000, settle_should_stop, s);
	ret = atomic_load(&s->interrupted)
		  ? vt_fail(diag, VT_ERR_DB, 0, "%s: %s", _("merging the full-text index"), _("interrupted"))
		  : settle_index(s, diag);
	if (ret == VT_OK)
		ret = word_lines_make(s, diag);
	sqlite3_progress_handler(s->db, 0, NULL, NULL);
	return ret;
}

enum vt_status store_meeting_ids(struct store *s, long **ids, size_t *n, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM meetings ORDER BY start_date DESC NULLS LAST, source",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, _("listing meetings"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*ids, *n + 1, alloc);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_fail(s, diag, _("listing meetings"));
	}
	return VT_OK;
}

static char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

/*
 * The statement for `sql`, one of load()'s constant texts, prepared once a
 * store (20 cases of a page: 100 preparations); done with it, the caller
 * resets it. NULL when it cannot be prepared.
 */
static sqlite3_stmt *load_stmt(struct store *s, const char *sql)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(s->loads) && s->loads[i].sql; i++)
		if (s->loads[i].sql == sql)
			return s->loads[i].st;
	if (i == ARRAY_SIZE(s->loads))
		return NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->loads[i].st, NULL) !=
	    SQLITE_OK) {
		sqlite3_finalize(s->loads[i].st);
		s->loads[i].st = NULL;
		return NULL;
	}
	s->loads[i].sql = sql;
	return s->loads[i].st;
}

/* Loads meeting `id`'s rows into `d`; with `case_id` set, only that case (and no agenda or members). */
static enum vt_status load_rows(struct store *s, struct deck *d, long id, long case_id, struct vt_diag *diag)
{
	/*
	 * Each query in two forms: a whole meeting, and one case of it, which
	 * names the case alone so that SQLite reads it through its index (an
	 * "?2 = 0 OR id = ?2" would read every case of the meeting, and a
	 * search that loads each hit would read the meeting once per hit).
	 */
#define CASE_COLUMNS                                                                                         \
	"SELECT id, number, seq, year, occurrence, title, agenda_title, decision_type,"                      \
	" decision_type_source, day, time, proposed_decision, decision_amended, position,"                   \
	" line_start, line_end, type_written, facets, recorded_decision, recorded_source, outcome, source,"  \
	" case_key FROM cases"
	static const char *const sql[][2] = {
	    {"SELECT kind, person, organization, replaces, note, line FROM member_changes"
	     " WHERE meeting_id = ?1 ORDER BY position",
	     NULL},
	    {"SELECT day, time, number, title, presenters, organization, decision_type, remark, line"
	     " FROM agenda_items WHERE meeting_id = ?1 ORDER BY position",
	     NULL},
	    {CASE_COLUMNS " WHERE meeting_id = ?1 ORDER BY position", CASE_COLUMNS " WHERE id = ?2"},
	    {"SELECT c.position, p.name, p.organization FROM case_presenters p"
	     " JOIN cases c ON c.id = p.case_id WHERE c.meeting_id = ?1 ORDER BY c.position, p.position",
	     "SELECT c.position, p.name, p.organization FROM case_presenters p"
	     " JOIN cases c ON c.id = p.case_id WHERE p.case_id = ?2 ORDER BY p.position"},
	    {"SELECT c.position, s.page, s.text, s.line FROM slides s LEFT JOIN cases c ON c.id = s.case_id"
	     " WHERE s.meeting_id = ?1 ORDER BY s.case_id IS NOT NULL, c.position, s.position",
	     "SELECT c.position, s.page, s.text, s.line FROM slides s JOIN cases c ON c.id = s.case_id"
	     " WHERE s.meeting_id = ?1 AND s.case_id = ?2 ORDER BY s.position"},
	    {"SELECT name, organization, role, for_name, note, source, line FROM attendance"
	     " WHERE meeting_id = ?1 ORDER BY position",
	     NULL},
	    {"SELECT source, kind, sha256, size, pages, line_count, source_path, imported_at FROM documents"
	     " WHERE meeting_id = ?1 ORDER BY id",
	     "SELECT source, kind, sha256, size, pages, line_count, source_path, imported_at FROM documents"
	     " WHERE meeting_id = ?1 ORDER BY id"},
	};
#undef CASE_COLUMNS
	size_t q;

	for (q = 0; q < ARRAY_SIZE(sql); q++) {
		const char *text = sql[q][case_id != 0];
		sqlite3_stmt *st = NULL;
		size_t cursor =
		    0; /* rows come by case position: finding their case is a walk, not a search */
		int rc;

		if (!text)
			continue;
		if (!(st = load_stmt(s, text)))
			return db_fail(s, diag, _("loading a meeting"));
		if (sqlite3_bind_parameter_count(st) >= 1)
			sqlite3_bind_int64(st, 1, id);
		if (sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_int64(st, 2, case_id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (q == 0) {
				struct member_change *m = deck_add_member(d);
				m->kind = col_text(st, 0);
				m->person = col_text(st, 1);
				m->organization = col_text(st, 2);
				m->replaces = col_text(st, 3);
				m->note = col_text(st, 4);
				m->line = sqlite3_column_int64(st, 5);
			} else if (q == 1) {
				struct agenda_item *a = deck_add_agenda_item(d);
				a->day = sqlite3_column_int(st, 0);
				a->time = col_text(st, 1);
				a->number = col_text(st, 2);
				a->title = col_text(st, 3);
				a->presenters = col_text(st, 4);
				a->organization = col_text(st, 5);
				a->type = decision_type_parse((const char *)sqlite3_column_text(st, 6));
				a->remark = col_text(st, 7);
				a->line = sqlite3_column_int64(st, 8);
			} else if (q == 2) {
				struct deck_case *c = deck_add_case(d);
				c->id = sqlite3_column_int64(st, 0);
				c->number = col_text(st, 1);
				c->seq = sqlite3_column_int(st, 2);
				c->year = sqlite3_column_int(st, 3);
				c->occurrence = sqlite3_column_int(st, 4);
				c->title = col_text(st, 5);
				c->agenda_title = col_text(st, 6);
				c->type = decision_type_parse((const char *)sqlite3_column_text(st, 7));
				c->type_source =
				    decision_source_parse((const char *)sqlite3_column_text(st, 8));
				c->day = sqlite3_column_int(st, 9);
				c->time = col_text(st, 10);
				c->decision = col_text(st, 11);
				c->amended = sqlite3_column_int(st, 12);
				c->position = sqlite3_column_int(st, 13);
				c->line_start = sqlite3_column_int64(st, 14);
				c->line_end = sqlite3_column_int64(st, 15);
				c->type_written = col_text(st, 16);
				c->facets = (unsigned)sqlite3_column_int(st, 17);
				c->recorded = col_text(st, 18);
				c->recorded_source = col_text(st, 19);
				c->outcome = outcome_parse((const char *)sqlite3_column_text(st, 20));
				c->source = col_text(st, 21);
				c->key = col_text(st, 22);
			} else if (q == 5) {
				struct attendee *a = deck_add_attendee(d);
				int role = attendee_role_parse((const char *)sqlite3_column_text(st, 2));
				a->name = col_text(st, 0);
				a->organization = col_text(st, 1);
				a->role = role < 0 ? ROLE_MEMBER : (enum attendee_role)role;
				a->for_name = col_text(st, 3);
				a->note = col_text(st, 4);
				a->source = col_text(st, 5);
				a->line = sqlite3_column_int64(st, 6);
			} else if (q == 6) {
				struct document *doc = deck_add_document(d);
				int kind = doc_kind_parse((const char *)sqlite3_column_text(st, 1));
				const unsigned char *sha = sqlite3_column_text(st, 2);
				doc->source = col_text(st, 0);
				doc->kind = kind < 0 ? DOC_DECK : (enum doc_kind)kind;
				snprintf(doc->sha256, sizeof(doc->sha256), "%s",
					 sha ? (const char *)sha : "");
				doc->size = sqlite3_column_int64(st, 3);
				doc->pages = sqlite3_column_int64(st, 4);
				doc->line_count = sqlite3_column_int64(st, 5);
				doc->source_path = col_text(st, 6);
				doc->imported_at = col_text(st, 7);
			} else {
				int pos = sqlite3_column_int(st, 0);
				struct deck_case *c = NULL;

				if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
					while (cursor < d->ncases && d->cases[cursor].position < pos)
						cursor++;
					if (cursor < d->ncases && d->cases[cursor].position == pos)
						c = &d->cases[cursor];
				}
				if (q == 3 && c) {
					case_add_presenter(c, (const char *)sqlite3_column_text(st, 1),
							   (const char *)sqlite3_column_text(st, 2));
				} else if (q == 4) {
					if (c)
						slide_list_add(&c->slides, &c->nslides, &c->slides_alloc,
							       (const char *)sqlite3_column_text(st, 1),
							       (const char *)sqlite3_column_text(st, 2),
							       sqlite3_column_int64(st, 3));
					else
						slide_list_add(&d->other, &d->nother, &d->other_alloc,
							       (const char *)sqlite3_column_text(st, 1),
							       (const char *)sqlite3_column_text(st, 2),
							       sqlite3_column_int64(st, 3));
				}
			}
		}
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_DONE)
			return db_fail(s, diag, _("loading a meeting"));
	}
	return VT_OK;
}

static enum vt_status load(struct store *s, long id, long case_id, struct deck **out, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	struct deck *d = NULL;
	enum vt_status ret;
	int rc;

	*out = NULL;
	if (!(st = load_stmt(
		  s, "SELECT source, sha256, size, line_count, body, heading, venue, start_date,"
		     " end_date, imported_at, source_path, meeting_number FROM meetings WHERE id = ?1")))
		return db_fail(s, diag, _("loading a meeting"));
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		ret = rc == SQLITE_DONE ? vt_fail(diag, VT_ERR_NOT_FOUND, 0, _("no meeting with id %ld"), id)
					: db_fail(s, diag, _("loading a meeting"));
		goto out;
	}
	d = deck_new();
	d->id = id;
	d->source = col_text(st, 0);
	{
		const unsigned char *sha = sqlite3_column_text(st, 1);
		size_t l = sha ? strlen((const char *)sha) : 0;
		if (l < sizeof(d->sha256))
			memcpy(d->sha256, sha ? (const char *)sha : "", l + 1);
	}
	d->size = sqlite3_column_int64(st, 2);
	d->line_count = sqlite3_column_int64(st, 3);
	d->body = col_text(st, 4);
	d->heading = col_text(st, 5);
	d->venue = col_text(st, 6);
	d->start_date = col_text(st, 7);
	d->end_date = col_text(st, 8);
	d->imported_at = col_text(st, 9);
	d->source_path = col_text(st, 10);
	d->meeting_number = col_text(st, 11);
	ret = load_rows(s, d, id, case_id, diag);
	if (ret == VT_OK) {
		*out = d;
		d = NULL;
	}
out:
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	deck_free(d);
	return ret;
}

enum vt_status store_load_meeting(struct store *s, long id, struct deck **out, struct vt_diag *diag)
{
	return load(s, id, 0, out, diag);
}

enum vt_status store_load_case(struct store *s, long meeting_id, long case_id, struct deck **out,
			       struct vt_diag *diag)
{
	enum vt_status st = load(s, meeting_id, case_id, out, diag);

	if (st == VT_OK && (*out)->ncases != 1) {
		deck_free(*out);
		*out = NULL;
		return vt_fail(diag, VT_ERR_NOT_FOUND, 0, _("no case with id %ld"), case_id);
	}
	return st;
}

enum vt_status store_find_cases(struct store *s, const char *number, struct case_ref **v, size_t *n,
				struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
		s->db,
		"SELECT c.meeting_id, c.position FROM cases c JOIN meetings m ON m.id = c.meeting_id"
		" WHERE c.number = ?1 ORDER BY m.start_date, c.position",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, _("finding cases"));
	bind_text(st, 1, number);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*v, *n + 1, alloc);
		(*v)[*n].meeting_id = sqlite3_column_int64(st, 0);
		(*v)[*n].position = sqlite3_column_int(st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*v);
		*v = NULL;
		*n = 0;
		return db_fail(s, diag, _("finding cases"));
	}
	return VT_OK;
}

bool store_quiet_parts(struct store *s)
{
	return s->quiet_parts;
}

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

const struct equivalents *store_equivalents(struct store *s)
{
	return s->equivalents;
}

enum vt_status store_set_equivalents(struct store *s, const char *text, size_t n, struct vt_diag *diag)
{
	struct equivalents *e = NULL;
	enum vt_status st = equivalents_parse(text, n, &e, diag);

	if (st != VT_OK)
		return st;
	equivalents_free(s->equivalents);
	s->equivalents = e;
	return VT_OK;
}

void store_interrupt(struct store *s)
{
	/* sqlite3_interrupt alone is lost when no statement is running at that moment
	 * (between the statements of one search): the flag is not. */
	atomic_store(&s->interrupted, true);
	sqlite3_interrupt(s->db);
}

void store_interrupt_clear(struct store *s)
{
	atomic_store(&s->interrupted, false);
}

bool store_interrupted(struct store *s)
{
	return atomic_load(&s->interrupted);
}

void store_stop_waiting(struct store *s)
{
	atomic_store(&s->stop_waiting, true);
}

bool store_readonly(const struct store *s)
{
	return s->readonly;
}

enum vt_status store_is_empty(struct store *s, bool *empty, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT NOT EXISTS (SELECT 1 FROM meetings)", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_fail(s, diag, _("listing meetings"));
	rc = sqlite3_step(st);
	*empty = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? VT_OK : db_fail(s, diag, _("listing meetings"));
}

enum vt_status store_meeting_rows(struct store *s, size_t offset, size_t limit, struct meeting_row **v,
				  size_t *n, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	/*
	 * OFFSET walks the date index up to the page (23,000 meetings take a
	 * few milliseconds); sources are unique, so the order is total and
	 * pages neither overlap nor skip while the table stays as it is.
	 */
	if (sqlite3_prepare_v2(s->db,
			       "SELECT m.id, m.body, m.venue, m.start_date, m.end_date, m.source,"
			       " (SELECT count(*) FROM cases c WHERE c.meeting_id = m.id)"
			       " FROM meetings m ORDER BY m.start_date DESC NULLS LAST, m.source"
			       " LIMIT ?1 OFFSET ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, _("listing meetings"));
	sqlite3_bind_int64(st, 1, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct meeting_row *r;

		ALLOC_GROW(*v, *n + 1, alloc);
		r = &(*v)[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		r->body = col_text(st, 1);
		r->venue = col_text(st, 2);
		r->start_date = col_text(st, 3);
		r->end_date = col_text(st, 4);
		r->source = col_text(st, 5);
		r->ncases = sqlite3_column_int(st, 6);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		meeting_rows_free(*v, *n);
		*v = NULL;
		*n = 0;
		return db_fail(s, diag, _("listing meetings"));
	}
	return VT_OK;
}

void meeting_rows_free(struct meeting_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].body);
		free(v[i].venue);
		free(v[i].start_date);
		free(v[i].end_date);
		free(v[i].source);
	}
	free(v);
}

enum vt_status store_case_rows(struct store *s, const long *ids, size_t n, struct case_row **v,
			       struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	*v = xcalloc(n ? n : 1, sizeof(**v));
	if (sqlite3_prepare_v2(s->db,
			       "SELECT c.meeting_id, c.position, c.number, c.title, m.start_date, m.body,"
			       " c.decision_type, (SELECT group_concat(name, ', ') FROM (SELECT name FROM"
			       " case_presenters WHERE case_id = c.id ORDER BY position)), c.case_key,"
			       " (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tag_state t"
			       " WHERE t.case_key = c.case_key ORDER BY tag))"
			       " FROM cases c JOIN meetings m ON m.id = c.meeting_id WHERE c.id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		struct case_row *r = &(*v)[i];

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		r->id = ids[i];
		if (sqlite3_step(st) != SQLITE_ROW)
			continue; /* gone since the search: an empty row */
		r->meeting_id = sqlite3_column_int64(st, 0);
		r->position = sqlite3_column_int(st, 1);
		r->number = col_text(st, 2);
		r->title = col_text(st, 3);
		r->date = col_text(st, 4);
		r->body = col_text(st, 5);
		r->type = decision_type_parse((const char *)sqlite3_column_text(st, 6));
		r->presenters = col_text(st, 7);
		r->key = col_text(st, 8);
		r->tags = col_text(st, 9);
	}
	sqlite3_finalize(st);
	return VT_OK;
fail:
	sqlite3_finalize(st);
	case_rows_free(*v, n);
	*v = NULL;
	return db_fail(s, diag, _("loading result rows"));
}

void case_rows_free(struct case_row *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++) {
		free(v[i].number);
		free(v[i].title);
		free(v[i].date);
		free(v[i].body);
		free(v[i].presenters);
		free(v[i].key);
		free(v[i].tags);
	}
	free(v);
}

enum vt_status store_person_rows(struct store *s, struct person_row **v, size_t *n, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
		s->db,
		"SELECT pe.name, count(DISTINCT p.case_id) AS n FROM persons pe"
		" JOIN case_presenters p ON p.person_id = pe.id GROUP BY pe.id ORDER BY n DESC, pe.name",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, _("listing presenters"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*v, *n + 1, alloc);
		(*v)[*n].name = col_text(st, 0);
		(*v)[*n].ncases = sqlite3_column_int(st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		person_rows_free(*v, *n);
		*v = NULL;
		*n = 0;
		return db_fail(s, diag, _("listing presenters"));
	}
	return VT_OK;
}

void person_rows_free(struct person_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/*
 * Every document's contribution is whole: its text is kept and reads again,
 * a text file's bytes still have its digest, and each of its cases (and,
 * for minutes, each decision it recorded) is in its meeting.
 */
static bool check_documents(struct store *s, struct strbuf *report, bool *ok, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	struct slide_texts slides = {0};
	char *text = NULL;
	bool done = false;
	int rc;

	if (sqlite3_prepare_v2(s->db,
			       "SELECT meeting_id, source, sha256, size, text,"
			       " (SELECT pieces FROM document_pieces WHERE document_id = d.id)"
			       " FROM documents d ORDER BY meeting_id, id",
			       -1, &st, NULL) != SQLITE_OK)
		return false;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long mid = sqlite3_column_int64(st, 0);
		const char *src = (const char *)sqlite3_column_text(st, 1),
			   *sha = (const char *)sqlite3_column_text(st, 2);
		size_t len, i, k;
		struct deck *doc = NULL, *m = NULL;
		struct vt_diag d2;
		char hex[65];

		free(text);
		switch (kept_text(s, st, 4, 5, mid, &slides, &text, &len, &d2)) {
		case VT_OK:
			break;
		case VT_ERR_FORMAT:
			strbuf_addf(report, "%s: %s\n", src, d2.msg); /* "its kept text is damaged" */
			*ok = false;
			continue;
		default: /* the database failed, not the text */
			if (diag)
				*diag = d2;
			goto out;
		}
		if (!text)
			continue; /* imported before documents kept their text: nothing to compare */
		if ((long)len == sqlite3_column_int64(st, 3)) {
			sha256_hex(text, len, hex);
			if (strcmp(hex, sha)) {
				strbuf_addf(report, _("%s: its kept text does not have its digest\n"), src);
				*ok = false;
			}
		}
		if (document_read_text(src, text, len, sha, 0, &doc, &d2) != VT_OK) {
			strbuf_addf(report, _("%s: its kept text no longer reads: %s\n"), src, d2.msg);
			*ok = false;
			continue;
		}
		if (load(s, mid, 0, &m, diag) != VT_OK) {
			deck_free(doc);
			goto out;
		}
		for (i = 0; i < doc->ncases; i++) {
			const struct deck_case *c = &doc->cases[i];
			const struct deck_case *mc = NULL;

			for (k = 0; k < m->ncases && !mc; k++)
				if (!strcmp(m->cases[k].number, c->number) &&
				    m->cases[k].occurrence == c->occurrence)
					mc = &m->cases[k];
			if (!mc) {
				strbuf_addf(report, _("%s: case %s is missing from its meeting\n"), src,
					    c->number);
				*ok = false;
			} else if (c->recorded && mc->recorded_source && !strcmp(mc->recorded_source, src) &&
				   (!mc->recorded || strcmp(mc->recorded, c->recorded))) {
				strbuf_addf(
				    report,
				    _("%s: the decision it records for case %s differs in its meeting\n"),
				    src, c->number);
				*ok = false;
			}
		}
		deck_free(doc);
		deck_free(m);
	}
	done = rc == SQLITE_DONE;
out:
	free(text);
	slide_texts_release(&slides);
	sqlite3_finalize(st);
	return done;
}

/* Runs `sql`, a count of rows in error; a count above zero goes into the report with `fmt`. */
static bool count_problems(struct store *s, const char *sql, const char *fmt, struct strbuf *report, bool *ok)
{
	sqlite3_stmt *st = NULL;
	bool done =
	    sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;

	if (done && sqlite3_column_int64(st, 0) > 0) {
		strbuf_addf(report, fmt, (long long)sqlite3_column_int64(st, 0));
		*ok = false;
	}
	sqlite3_finalize(st);
	return done;
}

enum vt_status store_check(struct store *s, struct strbuf *report, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	bool ok = true;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, _("checking"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(line, "ok")) {
			strbuf_addf(report, "%s\n", line);
			ok = false;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, _("checking"));
	/* FTS5 checks its own index against itself (a contentless table has no text to compare). */
	if (!s->readonly && (sqlite3_exec(s->db,
					  "INSERT INTO case_fts(case_fts) VALUES ('integrity-check');"
					  "INSERT INTO strong_fts(strong_fts) VALUES ('integrity-check')",
					  NULL, NULL, NULL) != SQLITE_OK)) {
		strbuf_addf(report, "full-text index: %s\n", sqlite3_errmsg(s->db));
		ok = false;
	}
	if (ok && !check_documents(s, report, &ok, diag))
		return db_fail(s, diag, _("checking"));
	/* A word query counts the index's rows (db/caseset.h): each must be a case. */
	if (!count_problems(s,
			    "SELECT count(*) FROM case_fts_docsize d"
			    " WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = d.id)",
			    _("full-text index: cases gone but still indexed: %lld\n"), report, &ok) ||
	    /* A query's other names are read from the counts (schema 10), kept as abbrevs changes. */
	    !count_problems(
		s,
		"SELECT (SELECT count(*) FROM (SELECT abbr_key, long_key, count(*) AS n FROM abbrevs"
		" GROUP BY abbr_key, long_key) a WHERE NOT EXISTS (SELECT 1 FROM abbrev_pairs p"
		" WHERE p.abbr_key = a.abbr_key AND p.long_key = a.long_key AND p.cases = a.n))"
		" + (SELECT count(*) FROM abbrev_pairs p WHERE NOT EXISTS (SELECT 1 FROM abbrevs a"
		" WHERE a.abbr_key = p.abbr_key AND a.long_key = p.long_key))",
		_("abbreviations: counts out of step with the cases: %lld\n"), report, &ok) ||
	    /* A text is kept one way: whole, or as pieces of its meeting's slides (schema 17). */
	    !count_problems(s,
			    "SELECT count(*) FROM document_pieces p JOIN documents d ON d.id = p.document_id"
			    " WHERE d.text IS NOT NULL",
			    _("documents: texts kept both whole and as pieces: %lld\n"), report, &ok))
		return db_fail(s, diag, _("checking"));
	return ok ? VT_OK : vt_fail(diag, VT_ERR_DB, 0, _("the database has problems"));
}

long long store_data_version(struct store *s)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}
