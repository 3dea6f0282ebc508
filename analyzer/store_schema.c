/* store_schema.c — the findings database's schema, its version checks and forward migrations.
 *
 * The schema version lives in PRAGMA user_version and the database is claimed as ours by PRAGMA
 * application_id (RC_STORE_APPLICATION_ID); both sit in the file header, so they are read before
 * anything is written. migrations[N] turns version N-1 into version N; a new database is version
 * 0 and runs them all. Every migration of one open runs in one BEGIN IMMEDIATE transaction, so two
 * processes opening a new database at once create it once, and a killed migration leaves the old
 * version. Rule: never edit a released migration; add the next one (and a test from the old
 * version). docs/database.md documents the current schema. */
#include "store_int.h"

#include <string.h>

static const char *const migrations[] = {
  NULL, /* version 0: the empty database */
  /* version 1 */
  "CREATE TABLE meta(\n"
  "  key TEXT PRIMARY KEY,\n"
  "  value TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE runs(\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  kind TEXT NOT NULL DEFAULT 'lint' CHECK(kind IN ('lint','oracle','merge')),\n"
  "  status TEXT NOT NULL DEFAULT 'unfinished' CHECK(status IN ('unfinished','complete','failed')),\n"
  "  started_at TEXT NOT NULL,\n"
  "  finished_at TEXT,\n"
  "  tool_version TEXT NOT NULL,\n"
  "  libclang_version TEXT,\n"
  "  rules_version TEXT,\n"
  "  python_version TEXT,\n"
  "  arguments TEXT NOT NULL DEFAULT '[]',\n"
  "  root TEXT NOT NULL,\n"
  "  shard_index INTEGER,\n"
  "  shard_count INTEGER,\n"
  "  merged_from INTEGER\n"
  ");\n"
  "CREATE INDEX runs_status ON runs(status, id);\n"
  "CREATE TABLE files(\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
  "  path TEXT NOT NULL,\n"
  "  content_hash TEXT NOT NULL,\n"
  "  args_hash TEXT NOT NULL DEFAULT '',\n"
  "  deps_hash TEXT NOT NULL DEFAULT '',\n"
  "  parse_status TEXT NOT NULL DEFAULT 'ok' CHECK(parse_status IN ('ok','error','skipped')),\n"
  "  analysis_ms REAL,\n"
  "  carried_from INTEGER REFERENCES runs(id) ON DELETE SET NULL,\n"
  "  UNIQUE(run_id, path)\n"
  ");\n"
  "CREATE INDEX files_path ON files(path, content_hash);\n"
  "CREATE TABLE functions(\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,\n"
  "  name TEXT NOT NULL,\n"
  "  line INTEGER,\n"
  "  complete INTEGER NOT NULL CHECK(complete IN (0,1)),\n"
  "  paths_explored INTEGER NOT NULL DEFAULT 0,\n"
  "  UNIQUE(file_id, name)\n"
  ");\n"
  "CREATE TABLE findings(\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
  "  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,\n"
  "  function_id INTEGER REFERENCES functions(id) ON DELETE SET NULL,\n"
  "  rule_id TEXT NOT NULL,\n"
  "  severity TEXT NOT NULL CHECK(severity IN ('error','warning','note')),\n"
  "  line INTEGER NOT NULL,\n"
  "  col INTEGER NOT NULL DEFAULT 0,\n"
  "  function TEXT NOT NULL DEFAULT '',\n"
  "  message TEXT NOT NULL,\n"
  "  fingerprint TEXT NOT NULL,\n"
  "  line_hash TEXT NOT NULL,\n"
  "  suppressed INTEGER NOT NULL DEFAULT 0 CHECK(suppressed IN (0,1))\n"
  ");\n"
  "CREATE INDEX findings_run_rule ON findings(run_id, rule_id);\n"
  "CREATE INDEX findings_run_fingerprint ON findings(run_id, fingerprint);\n"
  "CREATE INDEX findings_file ON findings(file_id, line);\n"
  "CREATE INDEX findings_function ON findings(function_id);\n"
  "CREATE TABLE path_steps(\n"
  "  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,\n"
  "  ord INTEGER NOT NULL,\n"
  "  path TEXT NOT NULL,\n"
  "  line INTEGER NOT NULL,\n"
  "  col INTEGER NOT NULL DEFAULT 0,\n"
  "  message TEXT NOT NULL,\n"
  "  PRIMARY KEY(finding_id, ord)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE oracle_verdicts(\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
  "  snippet TEXT NOT NULL,\n"
  "  entry TEXT NOT NULL,\n"
  "  failure_point INTEGER,\n"
  "  verdict TEXT NOT NULL,\n"
  "  detector TEXT,\n"
  "  path TEXT,\n"
  "  line INTEGER,\n"
  "  message TEXT,\n"
  "  replay TEXT,\n"
  "  finding_id INTEGER REFERENCES findings(id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX oracle_verdicts_run ON oracle_verdicts(run_id, verdict);\n"
  "CREATE INDEX oracle_verdicts_finding ON oracle_verdicts(finding_id);\n"
  "CREATE VIEW finding_rows AS\n"
  "  SELECT f.id, f.run_id, r.status AS run_status, f.rule_id, f.severity, fi.path AS file,\n"
  "         f.line, f.col, f.function, f.message, f.fingerprint, f.suppressed,\n"
  "         fn.complete AS function_complete\n"
  "  FROM findings f JOIN files fi ON fi.id = f.file_id JOIN runs r ON r.id = f.run_id\n"
  "  LEFT JOIN functions fn ON fn.id = f.function_id;\n",
  /* version 2: a finding's fix-it, so that a carried-over finding prints it as it was found */
  "ALTER TABLE findings ADD COLUMN fixit TEXT;\n",
};
enum { MIGRATION_COUNT = sizeof migrations / sizeof migrations[0] };
_Static_assert(MIGRATION_COUNT == RC_STORE_SCHEMA_VERSION + 1, "one migration per version");

int rc_store_schema_read(RcStore *store, int64_t *app_id, int64_t *version, int64_t *objects) {
  /* One statement, so one read transaction: another process creating the schema meanwhile
   * cannot make the three values disagree. */
  sqlite3_stmt *stmt = NULL;
  int status = rc_store_prepare(store,
      "SELECT (SELECT application_id FROM pragma_application_id),"
      "       (SELECT user_version FROM pragma_user_version),"
      "       (SELECT count(*) FROM sqlite_schema)", &stmt, "reading the header");
  if (status) return status;
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    *app_id = sqlite3_column_int64(stmt, 0);
    *version = sqlite3_column_int64(stmt, 1);
    *objects = sqlite3_column_int64(stmt, 2);
  } else {
    status = rc_store_fail_sqlite(store, rc, "reading the header");
  }
  sqlite3_finalize(stmt);
  return status;
}

/* Refuses what is not ours or too new. `objects` is the number of schema objects. */
static int check_identity(RcStore *store, int64_t app_id, int64_t version, int64_t objects) {
  if (app_id == 0 && objects == 0 && version == 0) return RC_STORE_OK; /* empty: ours to create */
  if (app_id != RC_STORE_APPLICATION_ID)
    return rc_store_fail(store, RC_STORE_ENOTDB,
                         "not a pyrefcheck database (an SQLite database of another application, "
                         "application_id %lld); left untouched",
                         (long long)app_id);
  if (version > RC_STORE_SCHEMA_VERSION)
    return rc_store_fail(store, RC_STORE_ENEWER,
                         "written by a newer pyrefcheck (schema version %lld; this pyrefcheck "
                         "reads up to %d): upgrade pyrefcheck; the database was left untouched",
                         (long long)version, RC_STORE_SCHEMA_VERSION);
  return RC_STORE_OK;
}

static int quick_check(RcStore *store) {
  sqlite3_stmt *stmt = NULL;
  int status = rc_store_prepare(store, "PRAGMA quick_check(1)", &stmt, "checking integrity");
  if (status != RC_STORE_OK) goto out;
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    const char *result = (const char *)sqlite3_column_text(stmt, 0);
    if (result == NULL || strcmp(result, "ok") != 0)
      status = rc_store_fail(store, RC_STORE_ECORRUPT,
                             "the database is corrupt (%s); it was left as it is",
                             result ? result : "no result");
  } else if (rc != SQLITE_DONE) {
    status = rc_store_fail_sqlite(store, rc, "checking integrity");
  }
out:
  sqlite3_finalize(stmt);
  return status;
}

/* Applies migrations[from+1 .. current] inside the open transaction. */
static int migrate(RcStore *store, int64_t from) {
  char sql[128];
  int status = RC_STORE_OK;
  for (int64_t v = from + 1; v < MIGRATION_COUNT && status == RC_STORE_OK; v++)
    status = rc_store_exec(store, migrations[v], "migrating the schema");
  if (status != RC_STORE_OK) return status;
  snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
           RC_STORE_APPLICATION_ID, RC_STORE_SCHEMA_VERSION);
  return rc_store_exec(store, sql, "migrating the schema");
}

/* Switches the database to WAL mode unless it is already. Changing the journal mode needs an
 * exclusive moment that SQLite does not wait for through the busy handler when another process
 * is creating the same new database, so BUSY is retried here for up to the busy timeout. */
static int set_wal(RcStore *store) {
  sqlite3_stmt *stmt = NULL;
  int status = RC_STORE_OK, rc = SQLITE_BUSY;
  for (int waited = 0; rc == SQLITE_BUSY || rc == SQLITE_LOCKED; waited += 20) {
    const char *sql = "PRAGMA journal_mode";
    if ((status = rc_store_prepare(store, sql, &stmt, "reading the journal mode"))) return status;
    rc = sqlite3_step(stmt);
    int is_wal = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(stmt, 0), "wal") == 0;
    sqlite3_finalize(stmt);
    if (is_wal) return RC_STORE_OK;
    if (rc == SQLITE_ROW) {
      if ((status = rc_store_prepare(store, "PRAGMA journal_mode=WAL", &stmt, "setting WAL mode")))
        return status;
      rc = sqlite3_step(stmt);
      is_wal = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(stmt, 0), "wal") == 0;
      sqlite3_finalize(stmt);
      if (is_wal) return RC_STORE_OK;
      if (rc == SQLITE_ROW) rc = SQLITE_BUSY; /* the mode did not change: someone holds a lock */
    }
    if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) break;
    rc &= 0xff;
    if (waited >= RC_STORE_BUSY_TIMEOUT_MS) break;
    sqlite3_sleep(20);
  }
  return rc_store_fail_sqlite(store, rc, "setting WAL mode");
}

int rc_store_schema_prepare(RcStore *store, int existed) {
  int64_t app_id = 0, version = 0, objects = 0;
  int status = rc_store_schema_read(store, &app_id, &version, &objects);
  if (status != RC_STORE_OK) return status;
  if ((status = check_identity(store, app_id, version, objects)) != RC_STORE_OK) return status;
  if (existed && objects > 0 && (status = quick_check(store)) != RC_STORE_OK) return status;

  if (store->flags & RC_STORE_READONLY) {
    if (objects == 0)
      return rc_store_fail(store, RC_STORE_ENOTDB, "an empty database: no runs recorded yet");
    if (version < RC_STORE_SCHEMA_VERSION)
      return rc_store_fail(store, RC_STORE_EREADONLY,
                           "schema version %lld is older than %d and a read-only open cannot "
                           "migrate it; record one run into it first",
                           (long long)version, RC_STORE_SCHEMA_VERSION);
    return RC_STORE_OK;
  }

  /* From here on we write: the file is ours (or empty) and not newer. */
  if ((status = set_wal(store))) return status;
  /* NORMAL: in WAL mode a commit survives a killed process (not a power cut) without an fsync;
   * checkpoints every 4000 pages (16 MiB) keep those fsyncs rare on a run of many files. */
  status = rc_store_exec(store,
                         "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
                         " PRAGMA wal_autocheckpoint = 4000; PRAGMA journal_size_limit = 67108864",
                         "configuring the connection");
  if (status != RC_STORE_OK) return status;

  if ((status = rc_store_exec(store, "BEGIN IMMEDIATE", "locking the database"))) return status;
  /* Again under the lock: another process may have created or migrated it meanwhile. */
  status = rc_store_schema_read(store, &app_id, &version, &objects);
  if (status == RC_STORE_OK) status = check_identity(store, app_id, version, objects);
  if (status == RC_STORE_OK && version < RC_STORE_SCHEMA_VERSION) status = migrate(store, version);
  if (status == RC_STORE_OK) {
    status = rc_store_exec(store, "COMMIT", "migrating the schema");
    if (status == RC_STORE_OK) return RC_STORE_OK;
  }
  sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
  return status;
}
