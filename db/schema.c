/*
 * schema.c: the schema, one SQL script per version, applied in order and
 * recorded in PRAGMA user_version (as neomutt's autocrypt schema does).
 * Imported deck data and, later, user data (tags, notes) live in separate
 * tables; user data is keyed by a case's stable key, never by a rowid that a
 * re-import changes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "db/schema.h"
#include "db/termsets.h"
#include "db/sql.h"
#include "core/i18n.h"
#include "core/topics.h"
#include "core/util.h"
#include "core/banned.h"

static const char *const migrations[] = {
    /* version 1: imported meetings */
    "CREATE TABLE meetings ("
    "  id INTEGER PRIMARY KEY,"
    "  source TEXT NOT NULL UNIQUE,"
    "  sha256 TEXT NOT NULL,"
    "  size INTEGER NOT NULL,"
    "  line_count INTEGER NOT NULL,"
    "  body TEXT, heading TEXT, venue TEXT,"
    "  start_date TEXT, end_date TEXT,"
    "  imported_at TEXT NOT NULL);"
    "CREATE INDEX meetings_sha256 ON meetings(sha256);"
    "CREATE INDEX meetings_date ON meetings(start_date);"
    "CREATE TABLE member_changes ("
    "  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  kind TEXT NOT NULL, person TEXT, organization TEXT, replaces TEXT, note TEXT, line INTEGER,"
    "  PRIMARY KEY (meeting_id, position)) WITHOUT ROWID;"
    "CREATE TABLE agenda_items ("
    "  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  day INTEGER, time TEXT, number TEXT, title TEXT, presenters TEXT, organization TEXT,"
    "  decision_type TEXT, remark TEXT, line INTEGER,"
    "  PRIMARY KEY (meeting_id, position)) WITHOUT ROWID;"
    "CREATE TABLE cases ("
    "  id INTEGER PRIMARY KEY,"
    "  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
    "  case_key TEXT NOT NULL,"
    "  number TEXT NOT NULL, seq INTEGER NOT NULL, year INTEGER NOT NULL,"
    "  occurrence INTEGER NOT NULL,"
    "  title TEXT, agenda_title TEXT,"
    "  decision_type TEXT CHECK (decision_type IN ('Godkjenning', 'Orientering', 'Drøfting')),"
    "  decision_type_source TEXT,"
    "  day INTEGER, time TEXT,"
    "  proposed_decision TEXT,"
    "  decision_amended INTEGER NOT NULL DEFAULT 0,"
    "  position INTEGER NOT NULL,"
    "  line_start INTEGER, line_end INTEGER,"
    "  UNIQUE (meeting_id, position));"
    "CREATE INDEX cases_key ON cases(case_key);"
    "CREATE INDEX cases_number ON cases(number);"
    "CREATE INDEX cases_year_type ON cases(year, decision_type);"
    "CREATE TABLE persons ("
    "  id INTEGER PRIMARY KEY,"
    "  fold_key TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL);"
    "CREATE TABLE person_spellings ("
    "  spelling TEXT PRIMARY KEY,"
    "  person_id INTEGER NOT NULL REFERENCES persons(id)) WITHOUT ROWID;"
    /* case_id has no foreign key: cases go only with their meeting, and an
     * unindexed child check would make each delete scan the table. */
    "CREATE TABLE case_presenters ("
    "  case_id INTEGER NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  person_id INTEGER NOT NULL REFERENCES persons(id),"
    "  name TEXT NOT NULL, organization TEXT,"
    "  PRIMARY KEY (case_id, position)) WITHOUT ROWID;"
    "CREATE INDEX case_presenters_person ON case_presenters(person_id);"
    "CREATE TABLE slides ("
    "  id INTEGER PRIMARY KEY,"
    "  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
    "  case_id INTEGER,"
    "  position INTEGER NOT NULL,"
    "  page TEXT, line INTEGER,"
    "  text TEXT NOT NULL);"
    "CREATE INDEX slides_meeting ON slides(meeting_id, case_id, position);",

    /* version 2: the full-text index, one document per case. It is
     * contentless: the text lives once, in the tables above, and case_doc
     * rebuilds a document (for indexing, and for the 'delete' command a
     * contentless table needs) always the same way. */
    "CREATE VIEW case_doc(id, title, decision, people, slides) AS SELECT c.id,"
    "  coalesce(c.title, '') || CASE WHEN c.agenda_title IS NOT c.title"
    "    THEN char(10) || coalesce(c.agenda_title, '') ELSE '' END,"
    "  coalesce(c.proposed_decision, ''),"
    "  coalesce((SELECT group_concat(p.name || coalesce(' (' || p.organization || ')', ''), char(10))"
    "    FROM (SELECT name, organization FROM case_presenters WHERE case_id = c.id ORDER BY position) p), "
    "''),"
    "  coalesce((SELECT group_concat(s.text, char(10)) FROM (SELECT text FROM slides"
    "    WHERE meeting_id = c.meeting_id AND case_id = c.id ORDER BY position) s), '')"
    "  FROM cases c;"
    "CREATE VIRTUAL TABLE case_fts USING fts5(title, decision, people, slides,"
    "  content = '', tokenize = 'vedtak');"
    /* Indexed words reversed, so that words ending in a query word are a
     * range of this table ("igetarts*" finds "igetartsesleh", e-helsestrategi). */
    "CREATE TABLE terms(rev TEXT PRIMARY KEY) WITHOUT ROWID;"
    "INSERT INTO case_fts(rowid, title, decision, people, slides) SELECT * FROM case_doc;",

    /* version 3: what users add, apart from imported decks and keyed by
     * the stable case key, so that no import or re-import touches it.
     * Every change is an operation in `ops` with a unique id; the state
     * (tags, notes, saved searches) follows from the operations, which is
     * what lets two machines exchange them and converge (see README). */
    "ALTER TABLE meetings ADD COLUMN source_path TEXT;" /* the deck on disk, to open it again */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
    "INSERT INTO meta VALUES ('machine', lower(hex(randomblob(8))));"
    "CREATE TABLE ops("
    "  seq INTEGER PRIMARY KEY," /* local order, also of ops from other machines */
    "  id TEXT NOT NULL UNIQUE," /* origin machine and a random part */
    "  batch TEXT NOT NULL,"	 /* the command it came from, for undo */
    "  kind TEXT NOT NULL CHECK (kind IN ('tag', 'untag', 'note', 'save', 'unsave')),"
    "  case_key TEXT, tag TEXT,"
    "  ref TEXT,"	      /* untag: the tag op removed; note: the note replaced */
    "  name TEXT, text TEXT," /* saved searches and notes */
    "  author TEXT NOT NULL, at TEXT NOT NULL);"
    "CREATE INDEX ops_case ON ops(case_key, kind);"
    "CREATE INDEX ops_ref ON ops(ref);"
    "CREATE INDEX ops_tag ON ops(tag, kind);"
    /* A tag is on a case while one of its 'tag' ops has no 'untag' naming it. */
    "CREATE VIEW tag_state(case_key, tag) AS SELECT DISTINCT a.case_key, a.tag FROM ops a"
    "  WHERE a.kind = 'tag' AND NOT EXISTS (SELECT 1 FROM ops r WHERE r.kind = 'untag' AND r.ref = a.id);"
    /* What was last sent to each peer, and the peer's own machine id (to
     * send it back nothing that came from it). */
    "CREATE TABLE peers(peer TEXT PRIMARY KEY, sent INTEGER NOT NULL DEFAULT 0, machine TEXT) WITHOUT ROWID;",

    /* version 4: a meeting made of several documents (notice, decks,
     * minutes), each kept with its text so that the meeting can be built
     * again when one of them is re-imported; attendance; the decision the
     * minutes record; types as written with the facets they belong to.
     * The index's decision column gains the recorded decision: rows
     * indexed before have none, so their text for 'delete' is unchanged. */
    "ALTER TABLE meetings ADD COLUMN meeting_number TEXT;"
    "CREATE INDEX meetings_body_date ON meetings(body, start_date);"
    "ALTER TABLE cases ADD COLUMN type_written TEXT;"
    "ALTER TABLE cases ADD COLUMN facets INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE cases ADD COLUMN recorded_decision TEXT;"
    "ALTER TABLE cases ADD COLUMN recorded_source TEXT;"
    "ALTER TABLE cases ADD COLUMN outcome TEXT CHECK (outcome IN ('decided', 'postponed', 'withdrawn'));"
    "ALTER TABLE cases ADD COLUMN source TEXT;" /* the document of line_start/line_end; NULL: the meeting's */
    "UPDATE cases SET facets = CASE decision_type WHEN 'Godkjenning' THEN 2 WHEN 'Orientering' THEN 4"
    "  WHEN 'Drøfting' THEN 8 ELSE 0 END;"
    "CREATE TABLE documents ("
    "  id INTEGER PRIMARY KEY,"
    "  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
    "  source TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('deck', 'notice', 'minutes')),"
    "  sha256 TEXT NOT NULL, size INTEGER NOT NULL, pages INTEGER, line_count INTEGER,"
    "  source_path TEXT, imported_at TEXT NOT NULL,"
    "  text TEXT);" /* NULL for decks imported before version 4 */
    "CREATE INDEX documents_meeting ON documents(meeting_id);"
    "CREATE INDEX documents_sha256 ON documents(sha256);"
    "INSERT INTO documents (meeting_id, source, kind, sha256, size, line_count, source_path, imported_at)"
    "  SELECT id, source, 'deck', sha256, size, line_count, source_path, imported_at FROM meetings;"
    "CREATE TABLE attendance ("
    "  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  name TEXT NOT NULL, organization TEXT,"
    "  role TEXT NOT NULL CHECK (role IN ('member', 'observer', 'absent', 'substitute', 'secretariat')),"
    "  for_name TEXT, note TEXT, source TEXT, line INTEGER,"
    "  PRIMARY KEY (meeting_id, position)) WITHOUT ROWID;"
    "DROP VIEW case_doc;"
    "CREATE VIEW case_doc(id, title, decision, people, slides) AS SELECT c.id,"
    "  coalesce(c.title, '') || CASE WHEN c.agenda_title IS NOT c.title"
    "    THEN char(10) || coalesce(c.agenda_title, '') ELSE '' END,"
    "  coalesce(c.proposed_decision, '') || coalesce(char(10) || c.recorded_decision, ''),"
    "  coalesce((SELECT group_concat(p.name || coalesce(' (' || p.organization || ')', ''), char(10))"
    "    FROM (SELECT name, organization FROM case_presenters WHERE case_id = c.id ORDER BY position) p), "
    "''),"
    "  coalesce((SELECT group_concat(s.text, char(10)) FROM (SELECT text FROM slides"
    "    WHERE meeting_id = c.meeting_id AND case_id = c.id ORDER BY position) s), '')"
    "  FROM cases c;",

    /* version 5: sync files are checked field by field (core/syncfile.c).
     * Operations that an earlier version let in without the fields their
     * kind needs (a tag with no tag, a saved search with no name) are
     * moved aside, kept but no longer read, so that no reader meets them. */
    "CREATE TABLE ops_refused(seq INTEGER, id TEXT, batch TEXT, kind TEXT, case_key TEXT, tag TEXT,"
    "  ref TEXT, name TEXT, text TEXT, author TEXT, at TEXT);"
    "CREATE TEMP VIEW bad_ops AS SELECT seq FROM ops WHERE"
    "  (kind = 'tag' AND (case_key IS NULL OR tag IS NULL))"
    "  OR (kind = 'untag' AND ref IS NOT NULL AND (case_key IS NULL OR tag IS NULL))"
    "  OR (kind = 'note' AND (case_key IS NULL OR text IS NULL))"
    "  OR (kind = 'save' AND (name IS NULL OR text IS NULL))"
    "  OR (kind = 'unsave' AND name IS NULL);"
    "INSERT INTO ops_refused SELECT * FROM ops WHERE seq IN bad_ops;"
    "DELETE FROM ops WHERE seq IN bad_ops;"
    "DROP VIEW bad_ops;"
    /* An untag cancels a tag of its own case and name only: one that names
     * another case's tag operation (a crafted file) cancels nothing. */
    "DROP VIEW tag_state;"
    "CREATE VIEW tag_state(case_key, tag) AS SELECT DISTINCT a.case_key, a.tag FROM ops a"
    "  WHERE a.kind = 'tag' AND NOT EXISTS (SELECT 1 FROM ops r WHERE r.kind = 'untag' AND r.ref = a.id"
    "  AND r.case_key = a.case_key AND r.tag = a.tag);",

    /* version 6: what ranking and query expansion know of each case (issue
     * 13): the abbreviations it defines, and where its slides and their
     * title lines begin in the index's slides column (db/rank.h). Both are
     * rebuilt from the documents, so they are filled here for the cases
     * imported before. */
    "CREATE TABLE IF NOT EXISTS abbrevs(case_id INTEGER NOT NULL, abbr_key TEXT NOT NULL,"
    "  long_key TEXT NOT NULL, abbr TEXT NOT NULL, long TEXT NOT NULL,"
    "  PRIMARY KEY (case_id, abbr_key, long_key)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS abbrevs_abbr ON abbrevs(abbr_key);"
    "CREATE INDEX IF NOT EXISTS abbrevs_long ON abbrevs(long_key);"
    "CREATE TABLE IF NOT EXISTS case_marks(case_id INTEGER PRIMARY KEY, marks BLOB NOT NULL);"
    "DELETE FROM abbrevs;"
    "DELETE FROM case_marks;"
    "INSERT OR IGNORE INTO abbrevs SELECT d.id, j.value ->> 0, j.value ->> 3, j.value ->> 1, j.value ->> 2"
    "  FROM case_doc d, json_each(vedtak_abbrevs(d.title || char(10) || d.decision || char(10) || d.slides)) "
    "j;"
    "INSERT INTO case_marks SELECT c.id, (SELECT coalesce(vedtak_slide_marks(text), x'') FROM (SELECT text"
    "  FROM slides WHERE meeting_id = c.meeting_id AND case_id = c.id ORDER BY position)) FROM cases c;",

    /* version 7: topics and what is new (issue 16). A case's signature
     * (db/topics.c) is made once; topics are made again after any change
     * of the cases, which the triggers mark. `arrivals` keeps when each
     * case key first came, so that a re-import is not news; `looks` when
     * the user last looked (at the archive, at a saved search). Both are
     * this machine's, not synced. */
    "CREATE TABLE IF NOT EXISTS case_signatures(case_id INTEGER PRIMARY KEY, title_words TEXT NOT NULL,"
    "  decision_words TEXT NOT NULL, org_words TEXT NOT NULL, slide_words TEXT NOT NULL, refs TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS case_topics(case_id INTEGER PRIMARY KEY, topic INTEGER NOT NULL, standing "
    "INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS case_topics_topic ON case_topics(topic);"
    "CREATE TABLE IF NOT EXISTS arrivals(case_key TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO arrivals SELECT c.case_key, strftime('%Y-%m-%dT%H:%M:%fZ', min(m.imported_at))"
    "  FROM cases c"
    "  JOIN meetings m ON m.id = c.meeting_id GROUP BY c.case_key;"
    "CREATE TABLE IF NOT EXISTS looks(what TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TRIGGER IF NOT EXISTS cases_added AFTER INSERT ON cases BEGIN"
    "  INSERT OR IGNORE INTO arrivals VALUES (new.case_key, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));"
    "  INSERT OR REPLACE INTO meta VALUES ('topics', 'stale');"
    "  END;"
    "CREATE TRIGGER IF NOT EXISTS cases_removed AFTER DELETE ON cases BEGIN"
    "  DELETE FROM case_signatures WHERE case_id = old.id;"
    "  DELETE FROM case_topics WHERE case_id = old.id;"
    "  INSERT OR REPLACE INTO meta VALUES ('topics', 'stale');"
    "  END;"
    "INSERT OR REPLACE INTO meta VALUES ('topics', 'stale');",

    /* version 8: the index's words by their trigrams (issue 15), so that
     * the words containing a piece of text ("fhir" in a pattern,
     * "strategi" inside "e-helsestrategiene") are a short list found
     * before any of the index's postings is read. The words are the exact
     * forms the tokenizer gives (lower case). `words` keeps them in order,
     * for a range of them (the words that start with a letter), and
     * replaces the table of reversed words that the trigrams made idle. */
    "CREATE TABLE IF NOT EXISTS words(word TEXT PRIMARY KEY) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS terms(rev TEXT PRIMARY KEY) WITHOUT ROWID;" /* a step made again */
    "INSERT OR IGNORE INTO words SELECT vedtak_reverse(rev) FROM terms;"
    "CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5(word, tokenize = 'trigram', detail = 'none');"
    "DELETE FROM vocab;"
    "INSERT INTO vocab(word) SELECT word FROM words;"
    /* Words the tokenizer may have cut at WORD_MAX bytes: any text may hide in their lost end. */
    "CREATE TABLE IF NOT EXISTS long_words(word TEXT PRIMARY KEY) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO long_words SELECT word FROM words WHERE length(CAST(word AS BLOB)) >= 61;"
    "DROP TABLE terms;"
    /* What arrived since a look is read from its end: not a key lookup for every case. */
    "CREATE INDEX IF NOT EXISTS arrivals_at ON arrivals(at);"
    /* A database with no signature yet gets them from the importer, as this version makes
     * them: the first topics made need not throw them away and make them all again. */
    "INSERT OR IGNORE INTO meta SELECT 'topic_signatures', '" TOPIC_SIGNATURE_VERSION "'"
    "  WHERE NOT EXISTS (SELECT 1 FROM case_signatures);",

    /* version 9: the columns that rank a word found in thousands of cases (title, decision,
     * presenters: search.h) in an index of their own (issue 15). The first page of such a
     * word reads their postings only, a small part of case_fts's, which holds the slides. */
    "CREATE VIRTUAL TABLE IF NOT EXISTS strong_fts USING fts5(title, decision, people,"
    "  content = '', tokenize = 'vedtak');"
    "INSERT INTO strong_fts(strong_fts) VALUES ('delete-all');" /* a step made again */
    "INSERT INTO strong_fts(rowid, title, decision, people) SELECT id, title, decision, people FROM "
    "case_doc;",

    /* version 10: what every search asks before it reads a posting (issue 15).
     * - How many cases define each abbreviation with each long form: the
     *   other names of a query's words are read from a few rows, not counted
     *   over thousands of abbrevs' rows for each search (a phrase: 13 ms).
     *   The triggers keep it as abbrevs changes.
     * - Each case's facets beside its meeting, so that a decision type is read
     *   from an index, with its meeting's body or dates, not from every case's
     *   row (type:orientering body:nufa at 1 GB: 45 ms → 10). */
    "CREATE TABLE IF NOT EXISTS abbrev_pairs(abbr_key TEXT NOT NULL, long_key TEXT NOT NULL,"
    "  cases INTEGER NOT NULL, PRIMARY KEY (abbr_key, long_key)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS abbrev_pairs_long ON abbrev_pairs(long_key);"
    "DELETE FROM abbrev_pairs;" /* a step made again */
    "INSERT INTO abbrev_pairs SELECT abbr_key, long_key, count(*) FROM abbrevs GROUP BY abbr_key, long_key;"
    "CREATE TRIGGER IF NOT EXISTS abbrevs_added AFTER INSERT ON abbrevs BEGIN"
    "  INSERT INTO abbrev_pairs VALUES (new.abbr_key, new.long_key, 1)"
    "  ON CONFLICT DO UPDATE SET cases = cases + 1;"
    "  END;"
    "CREATE TRIGGER IF NOT EXISTS abbrevs_removed AFTER DELETE ON abbrevs BEGIN"
    "  UPDATE abbrev_pairs SET cases = cases - 1 WHERE abbr_key = old.abbr_key AND long_key = old.long_key;"
    "  DELETE FROM abbrev_pairs WHERE abbr_key = old.abbr_key AND long_key = old.long_key AND cases <= 0;"
    "  END;"
    "CREATE INDEX IF NOT EXISTS cases_meeting_facets ON cases(meeting_id, facets);",

    /* version 11: the words the tokenizer cut at WORD_MAX bytes, with their whole form
     * (issue 15). A pattern's narrowing had to read every case with such a word, as any
     * text might hide in its lost end: at 1 GB, 5,836 cases for each pattern. Now only
     * those whose whole word holds a word of the pattern. The texts are read once here
     * for the words cut before (only a text with a run that long is tokenized). */
    "CREATE TABLE IF NOT EXISTS cut_words(word TEXT NOT NULL, whole TEXT NOT NULL,"
    "  PRIMARY KEY (word, whole)) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO cut_words SELECT value ->> 0, value ->> 1 FROM case_doc,"
    "  json_each(vedtak_cut_words(title || char(10) || decision || char(10) || people || char(10) ||"
    "  slides));"
    "DROP TABLE IF EXISTS long_words;",

    /* version 12: the cases of the index's frequent words as sets (db/termsets.c), so
     * that counting `helse` at 1 GB reads 100 sets of a few kilobytes instead of decoding
     * 1.6 million postings. A deleted case is noted, for searches to read from the index
     * until the next making. (The builds of version 12 made the sets here; version 13 makes
     * them all again.) */
    "CREATE TABLE IF NOT EXISTS term_sets(term TEXT PRIMARY KEY, bits BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS term_sets_stale(id INTEGER PRIMARY KEY);"
    "CREATE TRIGGER IF NOT EXISTS cases_term_sets_stale AFTER DELETE ON cases BEGIN"
    "  INSERT OR IGNORE INTO term_sets_stale VALUES (old.id);"
    "  END;",

    /* version 13: the same for each column of strong_fts that ranks (strong_sets), so that
     * ranking one word over thousands of matches reads sets instead of scoring every row.
     * Both kinds are made here from the index (about 12 s at 1 GB) and again when an import
     * settles it. A version of its own: a build of version 12 would make term_sets again
     * and leave these out of date. */
    "CREATE TABLE IF NOT EXISTS strong_sets(term TEXT NOT NULL, col TEXT NOT NULL, bits BLOB NOT NULL,"
    "  PRIMARY KEY (term, col));" TERMSETS_BUILD,

    /* version 14: the import writes a case's arrival, the topics' staleness and an
     * abbreviation's pair count itself (db/store.c). An INSERT that fires a trigger may stop
     * half-way, so SQLite kept a statement journal for every case and abbreviation: a copy of
     * each page the row touched, 565 MB of temporary files for a 105 MB import. */
    "DROP TRIGGER IF EXISTS cases_added; DROP TRIGGER IF EXISTS abbrevs_added;",

    /* version 15: case_fts holds up to 32 MB of terms before it writes them out as a
     * segment (FTS5's 'hashsize', 1 MB by default): a batch of 8 MB of decks became a dozen
     * segments, for its automerge to join again (import of 105 MB: 7.8 -> 7.2 s). */
    "INSERT INTO case_fts(case_fts, rank) VALUES ('hashsize', 33554432);",

    /* version 16: the stems apart from the index. Each word with a stem of its own gave
     * case_fts a second token, a quarter of them (import of 105 MB: 5.8 -> 5.45 s); the
     * table stems lists the words of each stem instead, and a query's stem stands for
     * them (db/fts.c). An index that has rows keeps its stem tokens (making it again
     * would cost minutes at 1 GB), and its stems table has only the words it gains:
     * their stems are in the index. So does one with words from rows since deleted: a
     * word is given its stem's row as it first reaches the table words. */
    "CREATE TABLE IF NOT EXISTS stems(stem TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (stem, word))"
    "  WITHOUT ROWID;"
    "INSERT OR IGNORE INTO meta SELECT 'case_fts_stems', 'none'"
    "  WHERE NOT EXISTS (SELECT 1 FROM case_fts_docsize) AND NOT EXISTS (SELECT 1 FROM words);",

    /* version 17: a document's text kept as pieces of its meeting's slides where that
     * halves it (core/doctext.h; documents.text is NULL then): a deck's text is nearly all
     * its slides, and writing it twice cost 0.29 s of a 105 MB import. Texts kept whole
     * stay so. A table of its own, as a step must be able to run again. */
    "CREATE TABLE IF NOT EXISTS document_pieces ("
    "  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
    "  pieces BLOB NOT NULL);",

    /* version 18: the folded forms apart from the index, as the stems are (version 16). Each
     * word with æ, ø or å gave case_fts a second token (import of 105 MB: 0.15 s); the table
     * folds lists the words of each folded form instead, and a query's folded form stands for
     * them (db/fts.c). An index that has rows keeps its folded tokens. */
    "CREATE TABLE IF NOT EXISTS folds(fold TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (fold, word))"
    "  WITHOUT ROWID;"
    "INSERT OR IGNORE INTO meta SELECT 'case_fts_folds', 'none'"
    "  WHERE NOT EXISTS (SELECT 1 FROM case_fts_docsize) AND NOT EXISTS (SELECT 1 FROM words);",

    /* version 19: the quiet parts of words (core/words.h: "NUFA’s" gives "nufa" and "s", as
     * "NUFA's" did), in an archive begun with them. An index that has rows was given none,
     * and is given none (a delete must give the tokens the index holds): a pattern's word
     * narrowing leaves \b out there (db/patterns.c). */
    "INSERT OR IGNORE INTO meta SELECT 'quiet_parts', 'indexed'"
    "  WHERE NOT EXISTS (SELECT 1 FROM case_fts_docsize) AND NOT EXISTS (SELECT 1 FROM words);"
    /* The table words as one text, a word a line, for that narrowing to read at once: 150,000
     * rows at 1 GB took 10 ms to read one by one. Made at the end of an import (n: how many
     * words it lists; words are never deleted, so the same count is the same words). */
    "CREATE TABLE IF NOT EXISTS word_lines(n INTEGER NOT NULL, lines TEXT NOT NULL);",

    /* version 20: each meeting's text outside its cases (a deck's title, members and break
     * slides, a notice's unnumbered Eventuelt), a row a meeting (rowid: its id), for a search
     * that no case answers (store_search_outside()). Its own plain index: SQLite's tokenizer,
     * letters as written, case folded. Filled from the slides, made again when run again. */
    "CREATE VIRTUAL TABLE IF NOT EXISTS outside_fts USING fts5(text, tokenize = 'unicode61 "
    "remove_diacritics 0');"
    "DELETE FROM outside_fts;"
    "INSERT INTO outside_fts(rowid, text) SELECT meeting_id, group_concat(text, char(10) || char(10))"
    "  FROM (SELECT meeting_id, text FROM slides WHERE case_id IS NULL ORDER BY meeting_id, position)"
    "  GROUP BY meeting_id;",

    /* version 21: the presenters' organisations in order, so that the distinct ones are a
     * seek each (LEXICON_ORGS) and an organisation's presenters a lookup: every search of a
     * word in some organisation's name scanned every presenter (`helse` at 1 GB: 116,729
     * rows, 6 ms). */
    "CREATE INDEX IF NOT EXISTS case_presenters_org ON case_presenters(organization);",
};

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static enum vt_status newer(int v, int target, struct vt_diag *diag)
{
	return vt_fail(diag, VT_ERR_SCHEMA, 0,
		       _("database schema version %d is newer than this vedtak supports (%d); "
			 "use a newer vedtak (the database was left untouched)"),
		       v, target);
}

enum vt_status schema_check(sqlite3 *db, const char *path, int target, struct vt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	int v = -1, objects = -1;

	/* One statement, one snapshot: another vedtak may take the first step in between. */
	if (sqlite3_prepare_v2(db,
			       "SELECT (SELECT user_version FROM pragma_user_version),"
			       " (SELECT count(*) FROM sqlite_schema)",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int(st, 0);
		objects = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (v < 0 || objects < 0)
		return sql_fail(db, diag, _("cannot read the schema version"));
	if (v > target)
		return newer(v, target, diag);
	if (v > 0)
		return VT_OK;
	/* Version 0: empty, or another program's tables that vedtak must not add to. */
	if (objects > 0)
		return vt_fail(
		    diag, VT_ERR_FORMAT, 0,
		    _("%s is not a vedtak database: it holds another program's tables (left untouched)"),
		    path);
	return VT_OK;
}

enum vt_status schema_migrate(sqlite3 *db, int target, bool readonly, struct vt_diag *diag)
{
	int v = user_version(db);

	/* schema_check() refused a newer database; another vedtak may have upgraded it since. */
	if (v > target)
		return newer(v, target, diag);
	if (v < 0)
		return sql_fail(db, diag, _("cannot read the schema version"));
	if (v < target && readonly)
		return vt_fail(
		    diag, VT_ERR_READONLY, 0,
		    _("database schema version %d needs upgrading to %d; open it once without --read-only"),
		    v, target);
	if (target > (int)ARRAY_SIZE(migrations))
		return vt_fail(diag, VT_ERR_SCHEMA, 0,
			       _("database schema version %d is unknown to this vedtak"), target);
	while (v < target) {
		/*
		 * Each step in its own transaction: a failed step leaves the one
		 * before it whole. A new database takes every step in one, so
		 * that a failure leaves it empty; it also spares SQLite reading
		 * its schema again at each commit (1 ms of a first import's 24).
		 */
		int upto = v == 0 ? target : v + 1;
		char *what = xasprintf(_("migrating the schema to version %d"), v + 1);
		enum vt_status st = sql_begin(db, true, what, diag);
		int now = st == VT_OK ? user_version(db) : v;

		/*
		 * Read again under the write lock: another vedtak (two imports
		 * begun at once into a new archive) may have taken the steps
		 * while this one waited for it.
		 */
		if (now != v) {
			if (now > target)
				st = newer(now, target, diag);
			else if (now < v)
				st = sql_fail(db, diag, _("cannot read the schema version"));
		} else if (st == VT_OK) {
			/* A step at a time within the transaction too: a failure names its step. */
			for (; now < upto && st == VT_OK; now++) {
				char *sql =
				    xasprintf("%s\nPRAGMA user_version = %d;", migrations[now], now + 1);

				if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
					free(what);
					what = xasprintf(_("migrating the schema to version %d"), now + 1);
					st = sql_fail(db, diag, what);
				}
				free(sql);
			}
		}
		st = sql_end(db, st, what, diag);
		free(what);
		if (st != VT_OK)
			return st;
		v = now;
	}
	return VT_OK;
}
