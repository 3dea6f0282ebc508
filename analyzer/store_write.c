/* store_write.c — recording runs: run rows, one transaction per file, incremental carry-over and
 * merging shards. See store.h for the contracts; the invariants kept here are that a run row is
 * committed before any of its files, and that a file's rows are committed together. */
#include "fingerprint.h"
#include "json.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%fZ','now')"

/* ===== Runs ================================================================================== */

/* The command line as a JSON array, malloc'd into *out. */
static int arguments_json(RcStore *store, int argc, char *const *argv, char **out) {
  size_t size = 0;
  FILE *mem = open_memstream(out, &size);
  if (mem == NULL) return rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory");
  RcJson *w = rc_json_new(mem, 0);
  rc_json_array_begin(w);
  for (int i = 0; w != NULL && i < argc; i++) rc_json_string(w, argv[i]);
  if (w != NULL) rc_json_array_end(w);
  int bad = rc_json_finish(w);
  fclose(mem);
  if (bad) {
    free(*out);
    *out = NULL;
    return rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory");
  }
  (*out)[strcspn(*out, "\n")] = '\0';
  return RC_STORE_OK;
}

int rc_store_run_begin(RcStore *store, const RcStoreRunInfo *info, int64_t *run_out) {
  sqlite3_stmt *stmt = NULL;
  char *args = NULL;
  int status = RC_STORE_OK;
  *run_out = 0;
  if (store->flags & RC_STORE_READONLY) {
    status = rc_store_fail(store, RC_STORE_EMISUSE, "the database was opened read-only");
    goto out;
  }
  if ((status = arguments_json(store, info->argc, info->argv, &args))) goto out;
  status = rc_store_prepare(store,
      "INSERT INTO runs(kind, status, started_at, tool_version, libclang_version, rules_version,"
      " python_version, arguments, root, shard_index, shard_count)"
      " VALUES(?1, 'unfinished', " NOW_SQL ", ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      &stmt, "recording the run");
  if (status) goto out;
  rc_store_bind_text(stmt, 1, info->kind ? info->kind : "lint");
  rc_store_bind_text(stmt, 2, info->tool_version ? info->tool_version : PYREFCHECK_VERSION);
  rc_store_bind_text(stmt, 3, info->libclang_version);
  rc_store_bind_text(stmt, 4, info->rules_version);
  rc_store_bind_text(stmt, 5, info->python_version);
  rc_store_bind_text(stmt, 6, args);
  rc_store_bind_text(stmt, 7, info->root ? info->root : "");
  if (info->shard_count > 0) {
    sqlite3_bind_int64(stmt, 8, info->shard_index);
    sqlite3_bind_int64(stmt, 9, info->shard_count);
  }
  int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) { status = rc_store_fail_sqlite(store, rc, "recording the run"); goto out; }
  *run_out = sqlite3_last_insert_rowid(store->db);
out:
  sqlite3_finalize(stmt);
  free(args);
  return status;
}

int rc_store_run_finish(RcStore *store, int64_t run, int ok) {
  sqlite3_stmt *stmt = NULL;
  int status = rc_store_prepare(store,
      "UPDATE runs SET status = ?1, finished_at = " NOW_SQL " WHERE id = ?2", &stmt,
      "finishing the run");
  if (status) goto out;
  rc_store_bind_text(stmt, 1, ok ? "complete" : "failed");
  sqlite3_bind_int64(stmt, 2, run);
  int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, "finishing the run");
  else if (sqlite3_changes(store->db) == 0)
    status = rc_store_fail(store, RC_STORE_ENOTFOUND, "no run %lld", (long long)run);
out:
  sqlite3_finalize(stmt);
  return status;
}

/* ===== One file's transaction ================================================================ */

static void end_file_state(RcStore *store) {
  free(store->file_path);
  store->file_path = NULL;
  store->file_run = 0;
  store->file_id = 0;
}

void rc_store_file_abort(RcStore *store) {
  if (store == NULL || store->file_run == 0) return;
  sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
  end_file_state(store);
}

/* Rolls the open file back after a failure and passes the status on. */
static int abort_with(RcStore *store, int status) {
  rc_store_file_abort(store);
  return status;
}

int rc_store_file_begin(RcStore *store, int64_t run, const RcStoreFileInfo *file) {
  sqlite3_stmt *stmt = NULL;
  int status = RC_STORE_OK;
  if (store->file_run != 0 || file == NULL || file->path == NULL || file->content_hash == NULL)
    return rc_store_fail(store, RC_STORE_EMISUSE,
                         store->file_run ? "rc_store_file_begin: a file is already open"
                                         : "rc_store_file_begin: path and content hash required");
  if ((status = rc_store_exec(store, "BEGIN IMMEDIATE", "locking the database"))) return status;
  store->file_run = run;
  store->file_path = strdup(file->path);
  if (store->file_path == NULL) {
    status = rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory");
    goto out;
  }
  status = rc_store_cached(store, STMT_FILE_INSERT,
      "INSERT INTO files(run_id, path, content_hash, args_hash, deps_hash, parse_status)"
      " VALUES(?1, ?2, ?3, ?4, ?5, ?6)", &stmt, "recording a file");
  if (status) goto out;
  sqlite3_bind_int64(stmt, 1, run);
  rc_store_bind_text(stmt, 2, file->path);
  rc_store_bind_text(stmt, 3, file->content_hash);
  rc_store_bind_text(stmt, 4, file->args_hash ? file->args_hash : "");
  rc_store_bind_text(stmt, 5, file->deps_hash ? file->deps_hash : "");
  rc_store_bind_text(stmt, 6, file->parse_status ? file->parse_status : "ok");
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    status = rc_store_fail(store, RC_STORE_EMISUSE, "file '%s' is already recorded in run %lld",
                           file->path, (long long)run);
  else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    status = rc_store_fail(store, RC_STORE_ENOTFOUND, "no run %lld", (long long)run);
  else if (rc != SQLITE_DONE)
    status = rc_store_fail_sqlite(store, rc, "recording a file");
  else
    store->file_id = sqlite3_last_insert_rowid(store->db);
out:
  sqlite3_reset(stmt); /* cached: reset, never finalized */
  return status ? abort_with(store, status) : RC_STORE_OK;
}

int rc_store_function(RcStore *store, const char *name, unsigned line, int complete,
                      unsigned paths_explored) {
  sqlite3_stmt *stmt = NULL;
  if (store->file_run == 0)
    return rc_store_fail(store, RC_STORE_EMISUSE, "rc_store_function: no file is open");
  int status = rc_store_cached(store, STMT_FUNCTION_UPSERT,
      "INSERT INTO functions(file_id, name, line, complete, paths_explored) VALUES(?1,?2,?3,?4,?5)"
      " ON CONFLICT(file_id, name) DO UPDATE SET line = excluded.line,"
      " complete = excluded.complete, paths_explored = excluded.paths_explored",
      &stmt, "recording a function");
  if (status) goto out;
  sqlite3_bind_int64(stmt, 1, store->file_id);
  rc_store_bind_text(stmt, 2, name ? name : "");
  sqlite3_bind_int64(stmt, 3, line);
  sqlite3_bind_int(stmt, 4, complete ? 1 : 0);
  sqlite3_bind_int64(stmt, 5, paths_explored);
  int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, "recording a function");
out:
  sqlite3_reset(stmt);
  return status ? abort_with(store, status) : RC_STORE_OK;
}

static int insert_steps(RcStore *store, int64_t finding, const RcStoredFinding *f) {
  sqlite3_stmt *stmt = NULL;
  int status = RC_STORE_OK;
  if (f->step_count == 0) return RC_STORE_OK;
  status = rc_store_cached(store, STMT_STEP_INSERT,
      "INSERT INTO path_steps(finding_id, ord, path, line, col, message) VALUES(?1,?2,?3,?4,?5,?6)",
      &stmt, "recording a path step");
  for (size_t i = 0; status == RC_STORE_OK && i < f->step_count; i++) {
    const RcStoredStep *s = &f->steps[i];
    sqlite3_bind_int64(stmt, 1, finding);
    sqlite3_bind_int64(stmt, 2, (int64_t)i + 1);
    rc_store_bind_text(stmt, 3, s->file ? s->file : f->file);
    sqlite3_bind_int64(stmt, 4, s->line);
    sqlite3_bind_int64(stmt, 5, s->column);
    rc_store_bind_text(stmt, 6, s->message ? s->message : "");
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, "recording a path step");
    sqlite3_reset(stmt);
  }
  sqlite3_reset(stmt);
  return status;
}

int rc_store_finding(RcStore *store, const RcStoredFinding *f) {
  sqlite3_stmt *stmt = NULL;
  char fp[RC_FINGERPRINT_HEX], lh[RC_FINGERPRINT_HEX];
  int status = RC_STORE_OK;
  if (store->file_run == 0)
    return rc_store_fail(store, RC_STORE_EMISUSE, "rc_store_finding: no file is open");
  if (f->rule_id == NULL || f->severity == NULL || f->message == NULL) {
    status = rc_store_fail(store, RC_STORE_EMISUSE, "rc_store_finding: rule, severity and "
                                                    "message are required");
    goto out;
  }
  if (f->file != NULL && strcmp(f->file, store->file_path) != 0) {
    status = rc_store_fail(store, RC_STORE_EMISUSE, "finding in '%s' recorded while '%s' is open",
                           f->file, store->file_path);
    goto out;
  }
  if (f->fingerprint == NULL)
    rc_fingerprint_compute(f->rule_id, store->file_path, f->function, f->path_calls,
                           f->path_call_count, fp);
  else
    snprintf(fp, sizeof fp, "%s", f->fingerprint);
  rc_fingerprint_line_hash(f->line_text, fp, lh);
  status = rc_store_cached(store, STMT_FINDING_INSERT,
      "INSERT INTO findings(run_id, file_id, function_id, rule_id, severity, line, col, function,"
      " message, fingerprint, line_hash, suppressed, fixit)"
      " VALUES(?1, ?2, (SELECT id FROM functions WHERE file_id = ?2 AND name = ?7),"
      " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", &stmt, "recording a finding");
  if (status) goto out;
  sqlite3_bind_int64(stmt, 1, store->file_run);
  sqlite3_bind_int64(stmt, 2, store->file_id);
  rc_store_bind_text(stmt, 3, f->rule_id);
  rc_store_bind_text(stmt, 4, f->severity);
  sqlite3_bind_int64(stmt, 5, f->line);
  sqlite3_bind_int64(stmt, 6, f->column);
  rc_store_bind_text(stmt, 7, f->function ? f->function : "");
  rc_store_bind_text(stmt, 8, f->message);
  rc_store_bind_text(stmt, 9, f->fingerprint ? f->fingerprint : fp);
  rc_store_bind_text(stmt, 10, lh);
  sqlite3_bind_int(stmt, 11, f->suppressed ? 1 : 0);
  if (f->fixit != NULL) rc_store_bind_text(stmt, 12, f->fixit);
  else sqlite3_bind_null(stmt, 12);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_CONSTRAINT_CHECK)
    status = rc_store_fail(store, RC_STORE_EMISUSE, "bad severity '%s' (error, warning or note)",
                           f->severity);
  else if (rc != SQLITE_DONE)
    status = rc_store_fail_sqlite(store, rc, "recording a finding");
  else
    status = insert_steps(store, sqlite3_last_insert_rowid(store->db), f);
out:
  sqlite3_reset(stmt);
  return status ? abort_with(store, status) : RC_STORE_OK;
}

int rc_store_file_end(RcStore *store, double analysis_ms) {
  sqlite3_stmt *stmt = NULL;
  if (store->file_run == 0)
    return rc_store_fail(store, RC_STORE_EMISUSE, "rc_store_file_end: no file is open");
  /* Same-base fingerprints get ".K" in (line, column) order; line hashes get ":N" (1-based)
   * among equal hashes of the file, as GitHub's primaryLocationLineHash does. */
  int status = rc_store_cached(store, STMT_FILE_NUMBER,
      "UPDATE findings SET fingerprint = CASE WHEN r.k > 0 THEN fingerprint || '.' || r.k"
      "                                       ELSE fingerprint END,"
      "                    line_hash = line_hash || ':' || r.n"
      " FROM (SELECT id,"
      "         row_number() OVER (PARTITION BY fingerprint ORDER BY line, col, id) - 1 AS k,"
      "         row_number() OVER (PARTITION BY line_hash ORDER BY line, col, id) AS n"
      "       FROM findings WHERE file_id = ?1) AS r"
      " WHERE findings.id = r.id", &stmt, "numbering fingerprints");
  if (status) goto out;
  sqlite3_bind_int64(stmt, 1, store->file_id);
  int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) { status = rc_store_fail_sqlite(store, rc, "numbering fingerprints"); goto out; }
  sqlite3_reset(stmt);
  status = rc_store_cached(store, STMT_FILE_TIME, "UPDATE files SET analysis_ms = ?1 WHERE id = ?2",
                           &stmt, "recording a file");
  if (status) goto out;
  sqlite3_bind_double(stmt, 1, analysis_ms);
  sqlite3_bind_int64(stmt, 2, store->file_id);
  rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) { status = rc_store_fail_sqlite(store, rc, "recording a file"); goto out; }
  if ((status = rc_store_exec(store, "COMMIT", "committing a file"))) goto out;
  end_file_state(store);
out:
  sqlite3_reset(stmt);
  return status ? abort_with(store, status) : RC_STORE_OK;
}

/* ===== Oracle verdicts ======================================================================== */

int rc_store_verdict(RcStore *store, int64_t run, const RcStoredVerdict *v) {
  sqlite3_stmt *stmt = NULL;
  if (v == NULL || v->snippet == NULL || v->entry == NULL || v->verdict == NULL)
    return rc_store_fail(store, RC_STORE_EMISUSE, "rc_store_verdict: snippet, entry and verdict required");
  int status = rc_store_prepare(store,
      "INSERT INTO oracle_verdicts(run_id, snippet, entry, failure_point, verdict, detector, path,"
      " line, message, replay, finding_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
      &stmt, "recording a verdict");
  if (status) goto out;
  sqlite3_bind_int64(stmt, 1, run);
  rc_store_bind_text(stmt, 2, v->snippet);
  rc_store_bind_text(stmt, 3, v->entry);
  if (v->failure_point > 0) sqlite3_bind_int(stmt, 4, v->failure_point);
  rc_store_bind_text(stmt, 5, v->verdict);
  rc_store_bind_text(stmt, 6, v->detector);
  rc_store_bind_text(stmt, 7, v->file);
  if (v->line > 0) sqlite3_bind_int64(stmt, 8, v->line);
  rc_store_bind_text(stmt, 9, v->message);
  rc_store_bind_text(stmt, 10, v->replay);
  if (v->finding_id > 0) sqlite3_bind_int64(stmt, 11, v->finding_id);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    status = rc_store_fail(store, RC_STORE_ENOTFOUND, "no run %lld or finding %lld", (long long)run,
                           (long long)v->finding_id);
  else if (rc != SQLITE_DONE)
    status = rc_store_fail_sqlite(store, rc, "recording a verdict");
out:
  sqlite3_finalize(stmt);
  return status;
}

/* ===== Incremental re-runs =================================================================== */

int rc_store_file_unchanged(RcStore *store, const RcStoreFileInfo *file, const char *tool_version,
                            const char *rules_version, int64_t *file_out) {
  sqlite3_stmt *stmt = NULL;
  *file_out = 0;
  int status = rc_store_prepare(store,
      "SELECT fi.id FROM files fi JOIN runs r ON r.id = fi.run_id"
      " WHERE fi.path = ?1 AND fi.content_hash = ?2 AND fi.args_hash = ?3 AND fi.deps_hash = ?4"
      "   AND (fi.parse_status = 'ok' OR (?7 AND fi.parse_status = 'error'))"
      "   AND r.status = 'complete' AND r.kind = 'lint'"
      "   AND r.tool_version = ?5 AND r.rules_version IS ?6"
      " ORDER BY r.id DESC LIMIT 1", &stmt, "looking up an unchanged file");
  if (status) goto out;
  rc_store_bind_text(stmt, 1, file->path);
  rc_store_bind_text(stmt, 2, file->content_hash);
  rc_store_bind_text(stmt, 3, file->args_hash ? file->args_hash : "");
  rc_store_bind_text(stmt, 4, file->deps_hash ? file->deps_hash : "");
  rc_store_bind_text(stmt, 5, tool_version ? tool_version : PYREFCHECK_VERSION);
  rc_store_bind_text(stmt, 6, rules_version);
  sqlite3_bind_int(stmt, 7, file->parse_status != NULL && strcmp(file->parse_status, "error") == 0);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) *file_out = sqlite3_column_int64(stmt, 0);
  else if (rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, "looking up an unchanged file");
out:
  sqlite3_finalize(stmt);
  return status;
}

/* Runs a prepared copy statement bound with (?1, ?2) = (a, b); finalizes it. */
static int run_copy(RcStore *store, const char *sql, int64_t a, int64_t b, int64_t c) {
  sqlite3_stmt *stmt = NULL;
  int status = rc_store_prepare(store, sql, &stmt, "copying a file's records");
  if (status) return status;
  sqlite3_bind_int64(stmt, 1, a);
  sqlite3_bind_int64(stmt, 2, b);
  if (sqlite3_bind_parameter_count(stmt) >= 3) sqlite3_bind_int64(stmt, 3, c);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    status = rc_store_fail(store, RC_STORE_EMISUSE, "a file of that path is already in the run");
  else if (rc != SQLITE_DONE)
    status = rc_store_fail_sqlite(store, rc, "copying a file's records");
  sqlite3_finalize(stmt);
  return status;
}

int rc_store_copy_file(RcStore *store, const char *src, int64_t src_file, int64_t run,
                       int64_t carried_from) {
  char sql[1024];
  int status;
  snprintf(sql, sizeof sql,
           "INSERT INTO main.files(run_id, path, content_hash, args_hash, deps_hash,"
           " parse_status, analysis_ms, carried_from)"
           " SELECT ?1, path, content_hash, args_hash, deps_hash, parse_status, analysis_ms, %s"
           " FROM %s.files WHERE id = ?2",
           carried_from ? "coalesce(carried_from, run_id)" : "NULL", src);
  if ((status = run_copy(store, sql, run, src_file, 0))) return status;
  int64_t new_file = sqlite3_last_insert_rowid(store->db);
  snprintf(sql, sizeof sql,
           "INSERT INTO main.functions(file_id, name, line, complete, paths_explored)"
           " SELECT ?1, name, line, complete, paths_explored FROM %s.functions WHERE file_id = ?2",
           src);
  if ((status = run_copy(store, sql, new_file, src_file, 0))) return status;

  /* Findings keep their order and spacing: new id = old id - first old id + first free id, so
   * the path steps can follow them in one statement. The range is free because it starts above
   * the largest id and the caller's write transaction keeps other writers out. */
  int64_t first_old = 0, first_free = 0;
  snprintf(sql, sizeof sql, "SELECT coalesce(min(id), 0) FROM %s.findings WHERE file_id = %lld",
           src, (long long)src_file);
  if ((status = rc_store_query_int(store, sql, &first_old, "copying a file's records"))) return status;
  if (first_old == 0) return RC_STORE_OK; /* no findings */
  status = rc_store_query_int(store, "SELECT coalesce(max(id), 0) + 1 FROM main.findings",
                              &first_free, "copying a file's records");
  if (status) return status;
  int64_t offset = first_free - first_old;
  snprintf(sql, sizeof sql,
           "INSERT INTO main.findings(id, run_id, file_id, function_id, rule_id, severity, line,"
           " col, function, message, fingerprint, line_hash, suppressed, fixit)"
           " SELECT f.id + %lld, ?1, ?2, (SELECT id FROM main.functions WHERE file_id = ?2 AND"
           " name = f.function), rule_id, severity, line, col, function, message, fingerprint,"
           " line_hash, suppressed, fixit FROM %s.findings f WHERE f.file_id = ?3 ORDER BY f.id",
           (long long)offset, src);
  if ((status = run_copy(store, sql, run, new_file, src_file))) return status;
  snprintf(sql, sizeof sql,
           "INSERT INTO main.path_steps(finding_id, ord, path, line, col, message)"
           " SELECT s.finding_id + %lld, s.ord, s.path, s.line, s.col, s.message"
           " FROM %s.path_steps s JOIN %s.findings f ON f.id = s.finding_id"
           " WHERE f.file_id = ?1 AND ?2 = ?2",
           (long long)offset, src, src);
  return run_copy(store, sql, src_file, 0, 0);
}

int rc_store_file_carry(RcStore *store, int64_t run, int64_t prev_file) {
  if (store->file_run != 0)
    return rc_store_fail(store, RC_STORE_EMISUSE, "rc_store_file_carry: a file is open");
  int status = rc_store_exec(store, "BEGIN IMMEDIATE", "locking the database");
  if (status) return status;
  status = rc_store_copy_file(store, "main", prev_file, run, 1);
  if (status == RC_STORE_OK) status = rc_store_exec(store, "COMMIT", "committing a file");
  if (status) sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
  return status;
}

int rc_store_shard_selects(const char *path, unsigned index, unsigned count) {
  return rc_fingerprint_shard(path, count) == (count <= 1 ? 0 : index);
}
