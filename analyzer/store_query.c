/* store_query.c — reading the findings database: run specs, filtered findings, diffs between runs
 * and the user's read-only SQL. Nothing here writes; `query --sql` is additionally fenced by a
 * read-only connection, an authorizer and sqlite3_stmt_readonly() (see print_sql below). */
#include "store_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ===== Runs ================================================================================== */

int rc_store_run_resolve(RcStore *store, const char *spec, int64_t *run_out) {
  char *end;
  long long back = 0;
  *run_out = 0;
  if (spec == NULL || strcmp(spec, "latest") == 0) {
    back = 0;
  } else if (strncmp(spec, "latest~", 7) == 0) {
    errno = 0;
    back = strtoll(spec + 7, &end, 10);
    if (errno || *end || back < 0 || end == spec + 7)
      return rc_store_fail(store, RC_STORE_ENOTFOUND, "bad run '%s' (expected N, latest or latest~K)", spec);
  } else {
    errno = 0;
    long long id = strtoll(spec, &end, 10);
    if (errno || *end || id <= 0 || end == spec)
      return rc_store_fail(store, RC_STORE_ENOTFOUND, "bad run '%s' (expected N, latest or latest~K)", spec);
    int64_t found = 0;
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT id FROM runs WHERE id = %lld", id);
    int status = rc_store_query_int(store, sql, &found, "looking up a run");
    if (status) return status;
    if (found == 0) return rc_store_fail(store, RC_STORE_ENOTFOUND, "no run %lld in the database", id);
    *run_out = found;
    return RC_STORE_OK;
  }
  char sql[160];
  snprintf(sql, sizeof sql,
           "SELECT id FROM runs WHERE status = 'complete' AND kind = 'lint'"
           " ORDER BY id DESC LIMIT 1 OFFSET %lld", back);
  int status = rc_store_query_int(store, sql, run_out, "looking up a run");
  if (status == RC_STORE_OK && *run_out == 0) {
    if (back > 0)
      status = rc_store_fail(store, RC_STORE_ENOTFOUND, "fewer than %lld complete runs recorded",
                             back + 1);
    else
      status = rc_store_fail(store, RC_STORE_ENOTFOUND, "no complete run recorded yet");
  }
  return status;
}

int rc_store_run_previous(RcStore *store, int64_t run, int64_t *prev_out) {
  char sql[160];
  snprintf(sql, sizeof sql,
           "SELECT id FROM runs WHERE status = 'complete' AND kind = 'lint' AND id < %lld"
           " ORDER BY id DESC LIMIT 1", (long long)run);
  return rc_store_query_int(store, sql, prev_out, "looking up the previous run");
}

int rc_store_run_get(RcStore *store, int64_t run,
                     int (*fn)(void *ctx, const RcStoreRunRecord *r), void *ctx) {
  sqlite3_stmt *stmt = NULL;
  int status = rc_store_prepare(store,
      "SELECT id, kind, status, started_at, finished_at, tool_version, libclang_version,"
      " rules_version, python_version, arguments, root, shard_index, shard_count"
      " FROM runs WHERE id = ?1", &stmt, "reading a run");
  if (status) goto out;
  sqlite3_bind_int64(stmt, 1, run);
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_DONE) {
    status = rc_store_fail(store, RC_STORE_ENOTFOUND, "no run %lld in the database", (long long)run);
  } else if (rc != SQLITE_ROW) {
    status = rc_store_fail_sqlite(store, rc, "reading a run");
  } else {
#define TXT(i) ((const char *)sqlite3_column_text(stmt, (i)))
    RcStoreRunRecord r = {
      .id = sqlite3_column_int64(stmt, 0), .kind = TXT(1), .status = TXT(2),
      .started_at = TXT(3), .finished_at = TXT(4), .tool_version = TXT(5),
      .libclang_version = TXT(6), .rules_version = TXT(7), .python_version = TXT(8),
      .arguments = TXT(9), .root = TXT(10),
      .shard_index = (unsigned)sqlite3_column_int(stmt, 11),
      .shard_count = (unsigned)sqlite3_column_int(stmt, 12),
    };
#undef TXT
    status = fn(ctx, &r);
  }
out:
  sqlite3_finalize(stmt);
  return status;
}

/* ===== Findings ============================================================================== */

/* Columns 0..8 are what `query` prints; 9.. are for rc_store_findings_each. */
static const char findings_sql[] =
    "SELECT fi.path AS file, f.line AS line, f.col AS \"column\", f.severity AS severity,"
    "       f.rule_id AS rule, f.function AS function, f.message AS message,"
    "       f.fingerprint AS fingerprint, f.suppressed AS suppressed, f.id, f.line_hash, f.fixit"
    " FROM findings f JOIN files fi ON fi.id = f.file_id"
    " LEFT JOIN functions fn ON fn.id = f.function_id"
    " WHERE f.run_id = ?1"
    "   AND (?2 IS NULL OR f.rule_id = ?2)"
    "   AND (?3 IS NULL OR fi.path GLOB ?3)"
    "   AND (?4 IS NULL OR f.function = ?4)"
    "   AND (?5 IS NULL OR f.severity = ?5)"
    "   AND (?6 = 0 OR fn.complete = 0)"
    "   AND (?7 = 0 OR NOT EXISTS (SELECT 1 FROM findings o"
    "                              WHERE o.run_id = ?8 AND o.fingerprint = f.fingerprint))"
    " ORDER BY fi.path, f.line, f.col, f.id";
enum { FINDINGS_SHOWN = 9 };

static int prepare_findings(RcStore *store, const RcStoreFilter *filter, sqlite3_stmt **stmt) {
  int64_t prev = 0;
  int status = RC_STORE_OK;
  if ((filter->only_new || filter->only_fixed) &&
      (status = rc_store_run_previous(store, filter->run, &prev)))
    return status;
  if ((status = rc_store_prepare(store, findings_sql, stmt, "querying findings"))) return status;
  /* --fixed lists the previous run's findings that are not in this one. */
  int64_t target = filter->only_fixed ? prev : filter->run;
  int64_t other = filter->only_fixed ? filter->run : prev;
  sqlite3_bind_int64(*stmt, 1, target);
  rc_store_bind_text(*stmt, 2, filter->rule);
  rc_store_bind_text(*stmt, 3, filter->file_glob);
  rc_store_bind_text(*stmt, 4, filter->function);
  rc_store_bind_text(*stmt, 5, filter->severity);
  sqlite3_bind_int(*stmt, 6, filter->incomplete ? 1 : 0);
  sqlite3_bind_int(*stmt, 7, filter->only_new || filter->only_fixed);
  sqlite3_bind_int64(*stmt, 8, other);
  return RC_STORE_OK;
}

int rc_store_print_findings(RcStore *store, const RcStoreFilter *filter, RcStoreFormat format,
                            FILE *out, size_t *count_out) {
  sqlite3_stmt *stmt = NULL;
  int status = prepare_findings(store, filter, &stmt);
  if (status == RC_STORE_OK)
    status = rc_store_render(store, stmt, FINDINGS_SHOWN, format, out, NULL, NULL, count_out);
  sqlite3_finalize(stmt);
  return status;
}

/* Loads the steps of finding `id` into malloc'd arrays (strings copied). */
static int load_steps(RcStore *store, sqlite3_stmt *steps, int64_t id, RcStoredStep **out,
                      size_t *n_out) {
  size_t n = 0, cap = 0;
  RcStoredStep *list = NULL;
  int rc, status = RC_STORE_OK;
  sqlite3_reset(steps);
  sqlite3_bind_int64(steps, 1, id);
  while ((rc = sqlite3_step(steps)) == SQLITE_ROW) {
    if (n == cap) {
      cap = cap ? cap * 2 : 8;
      RcStoredStep *grown = realloc(list, cap * sizeof *grown);
      if (grown == NULL) { status = rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory"); break; }
      list = grown;
    }
    list[n].file = strdup((const char *)sqlite3_column_text(steps, 0));
    list[n].line = (unsigned)sqlite3_column_int64(steps, 1);
    list[n].column = (unsigned)sqlite3_column_int64(steps, 2);
    list[n].message = strdup((const char *)sqlite3_column_text(steps, 3));
    n++;
    if (list[n - 1].file == NULL || list[n - 1].message == NULL) {
      status = rc_store_fail(store, RC_STORE_EINTERNAL, "out of memory");
      break;
    }
  }
  if (status == RC_STORE_OK && rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, "reading path steps");
  *out = list;
  *n_out = n;
  return status;
}

static void free_steps(RcStoredStep *steps, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free((char *)steps[i].file);
    free((char *)steps[i].message);
  }
  free(steps);
}

int rc_store_findings_each(RcStore *store, const RcStoreFilter *filter, int with_steps,
                           int (*fn)(void *ctx, const RcStoredFinding *f), void *ctx) {
  sqlite3_stmt *stmt = NULL, *steps = NULL;
  int rc, status = prepare_findings(store, filter, &stmt);
  if (status) goto out;
  if (with_steps &&
      (status = rc_store_prepare(store,
           "SELECT path, line, col, message FROM path_steps WHERE finding_id = ?1 ORDER BY ord",
           &steps, "reading path steps")))
    goto out;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
#define TXT(i) ((const char *)sqlite3_column_text(stmt, (i)))
    RcStoredFinding f = {
      .file = TXT(0), .line = (unsigned)sqlite3_column_int64(stmt, 1),
      .column = (unsigned)sqlite3_column_int64(stmt, 2), .severity = TXT(3), .rule_id = TXT(4),
      .function = TXT(5), .message = TXT(6), .fingerprint = TXT(7),
      .suppressed = sqlite3_column_int(stmt, 8), .id = sqlite3_column_int64(stmt, 9),
      .line_hash = TXT(10), .fixit = TXT(11),
    };
#undef TXT
    RcStoredStep *list = NULL;
    size_t n = 0;
    if (with_steps) {
      status = load_steps(store, steps, f.id, &list, &n);
      f.steps = list;
      f.step_count = n;
    }
    if (status == RC_STORE_OK) status = fn(ctx, &f);
    free_steps(list, n);
    if (status) goto out;
  }
  if (rc != SQLITE_DONE) status = rc_store_fail_sqlite(store, rc, "reading findings");
out:
  sqlite3_finalize(stmt);
  sqlite3_finalize(steps);
  return status;
}

/* ===== Diff ================================================================================== */

static void count_state(void *ctx, sqlite3_stmt *stmt) {
  size_t *counts = ctx;
  const char *state = (const char *)sqlite3_column_text(stmt, 0);
  if (state == NULL) return;
  if (strcmp(state, "new") == 0) counts[0]++;
  else if (strcmp(state, "fixed") == 0) counts[1]++;
  else counts[2]++;
}

int rc_store_print_diff(RcStore *store, int64_t run_a, int64_t run_b, RcStoreFormat format,
                        FILE *out, size_t counts[3]) {
  sqlite3_stmt *stmt = NULL;
  size_t local[3] = {0, 0, 0};
  int status = rc_store_prepare(store,
      "WITH a AS (SELECT f.*, fi.path FROM findings f JOIN files fi ON fi.id = f.file_id"
      "           WHERE f.run_id = ?1),"
      "     b AS (SELECT f.*, fi.path FROM findings f JOIN files fi ON fi.id = f.file_id"
      "           WHERE f.run_id = ?2),"
      "     d AS (SELECT 'new' AS state, 0 AS o, * FROM b"
      "           WHERE NOT EXISTS (SELECT 1 FROM a WHERE a.fingerprint = b.fingerprint)"
      "           UNION ALL"
      "           SELECT 'fixed', 1, * FROM a"
      "           WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.fingerprint = a.fingerprint)"
      "           UNION ALL"
      "           SELECT 'unchanged', 2, * FROM b"
      "           WHERE EXISTS (SELECT 1 FROM a WHERE a.fingerprint = b.fingerprint))"
      " SELECT state, path AS file, line, col AS \"column\", severity, rule_id AS rule, function,"
      "        message, fingerprint FROM d ORDER BY o, path, line, col, id",
      &stmt, "comparing runs");
  if (status == RC_STORE_OK) {
    sqlite3_bind_int64(stmt, 1, run_a);
    sqlite3_bind_int64(stmt, 2, run_b);
    status = rc_store_render(store, stmt, 0, format, out, count_state, local, NULL);
  }
  sqlite3_finalize(stmt);
  if (counts) memcpy(counts, local, sizeof local);
  return status;
}

int rc_store_print_runs(RcStore *store, RcStoreFormat format, FILE *out) {
  sqlite3_stmt *stmt = NULL;
  int status = rc_store_prepare(store,
      "SELECT r.id AS run, r.kind, r.status, r.started_at, r.finished_at,"
      "       CASE WHEN r.shard_count IS NULL THEN ''"
      "            ELSE (r.shard_index + 1) || '/' || r.shard_count END AS shard,"
      "       (SELECT count(*) FROM files WHERE run_id = r.id) AS files,"
      "       (SELECT count(*) FROM findings WHERE run_id = r.id) AS findings"
      " FROM runs r ORDER BY r.id", &stmt, "listing runs");
  if (status == RC_STORE_OK) status = rc_store_render(store, stmt, 0, format, out, NULL, NULL, NULL);
  sqlite3_finalize(stmt);
  return status;
}

/* ===== The user's SQL, read-only ============================================================= */

typedef struct {
  char refused[160]; /* what the authorizer refused first, "" if nothing */
} Fence;

static const char *const pragmas_with_argument[] = {
  "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
  "integrity_check", "quick_check", "foreign_key_check", NULL,
};
static const char *const pragmas_read_only[] = {
  "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
  "integrity_check", "quick_check", "foreign_key_check", "user_version", "application_id",
  "schema_version", "page_count", "page_size", "freelist_count", "journal_mode", "encoding",
  "foreign_keys", "data_version", "database_list", "table_list", "compile_options",
  "function_list", "module_list", "pragma_list", "collation_list", NULL,
};

static int listed(const char *const *list, const char *name) {
  for (; name != NULL && *list != NULL; list++)
    if (strcmp(*list, name) == 0) return 1;
  return 0;
}

static const char *action_name(int action) {
  switch (action) {
  case SQLITE_INSERT: return "INSERT";
  case SQLITE_UPDATE: return "UPDATE";
  case SQLITE_DELETE: return "DELETE";
  case SQLITE_ATTACH: return "ATTACH";
  case SQLITE_DETACH: return "DETACH";
  case SQLITE_ALTER_TABLE: return "ALTER TABLE";
  case SQLITE_REINDEX: return "REINDEX";
  case SQLITE_ANALYZE: return "ANALYZE";
  case SQLITE_TRANSACTION: return "a transaction statement";
  case SQLITE_SAVEPOINT: return "SAVEPOINT";
  case SQLITE_CREATE_VTABLE: return "CREATE VIRTUAL TABLE";
  case SQLITE_DROP_VTABLE: return "DROP VIRTUAL TABLE";
  case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TABLE: case SQLITE_CREATE_TEMP_INDEX:
  case SQLITE_CREATE_TEMP_TABLE: case SQLITE_CREATE_TEMP_TRIGGER: case SQLITE_CREATE_TEMP_VIEW:
  case SQLITE_CREATE_TRIGGER: case SQLITE_CREATE_VIEW: return "CREATE";
  case SQLITE_DROP_INDEX: case SQLITE_DROP_TABLE: case SQLITE_DROP_TEMP_INDEX:
  case SQLITE_DROP_TEMP_TABLE: case SQLITE_DROP_TEMP_TRIGGER: case SQLITE_DROP_TEMP_VIEW:
  case SQLITE_DROP_TRIGGER: case SQLITE_DROP_VIEW: return "DROP";
  default: return "this statement";
  }
}

static int authorize(void *ctx, int action, const char *a, const char *b, const char *db,
                     const char *trigger) {
  Fence *fence = ctx;
  (void)db;
  (void)trigger;
  switch (action) {
  case SQLITE_SELECT:
  case SQLITE_READ:
  case SQLITE_FUNCTION:
  case SQLITE_RECURSIVE:
    return SQLITE_OK;
  case SQLITE_UPDATE:
    /* SQLite itself asks this while it builds a pragma table-valued function's schema
     * (pragma_table_info(...)). A user's UPDATE of the schema table is still stopped by the
     * read-only connection, defensive mode and the sqlite3_stmt_readonly() check. */
    if (a != NULL && (strcmp(a, "sqlite_master") == 0 || strcmp(a, "sqlite_schema") == 0))
      return SQLITE_OK;
    break;
  case SQLITE_PRAGMA:
    if (b == NULL ? listed(pragmas_read_only, a) : listed(pragmas_with_argument, a))
      return SQLITE_OK;
    if (fence->refused[0] == '\0')
      snprintf(fence->refused, sizeof fence->refused, "PRAGMA %s%s", a ? a : "?",
               b ? " with a value" : "");
    return SQLITE_DENY;
  default:
    break;
  }
  if (fence->refused[0] == '\0')
    snprintf(fence->refused, sizeof fence->refused, "%s", action_name(action));
  return SQLITE_DENY;
}

static int refuse(RcStore *store, const char *what) {
  return rc_store_fail(store, RC_STORE_EDENIED,
                       "--sql is read-only: %s is not allowed (the findings database is opened "
                       "read-only; only SELECT and read-only PRAGMAs run)", what);
}

int rc_store_print_sql(RcStore *store, const char *sql, RcStoreFormat format, FILE *out) {
  Fence fence = {{0}};
  sqlite3_stmt *stmt = NULL;
  int status = RC_STORE_OK, statements = 0;
  if (!(store->flags & RC_STORE_READONLY) || !sqlite3_db_readonly(store->db, "main"))
    return rc_store_fail(store, RC_STORE_EMISUSE, "rc_store_print_sql needs a read-only store");
  sqlite3_limit(store->db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_set_authorizer(store->db, authorize, &fence);
  const char *tail = sql;
  while (status == RC_STORE_OK && tail != NULL && *tail != '\0') {
    const char *next = NULL;
    fence.refused[0] = '\0';
    int rc = sqlite3_prepare_v2(store->db, tail, -1, &stmt, &next);
    if (rc != SQLITE_OK) {
      const char *why = sqlite3_errmsg(store->db);
      if (fence.refused[0] != '\0') status = refuse(store, fence.refused);
      else if (strstr(why, "may not be modified") != NULL || strstr(why, "readonly") != NULL)
        status = refuse(store, "changing the schema");
      else if ((rc & 0xff) == SQLITE_ERROR || (rc & 0xff) == SQLITE_AUTH)
        status = rc_store_fail(store, RC_STORE_ESQL, "bad SQL: %s", sqlite3_errmsg(store->db));
      else
        status = rc_store_fail_sqlite(store, rc, "running --sql");
      break;
    }
    tail = next;
    if (stmt == NULL) continue; /* blank or comment */
    if (!sqlite3_stmt_readonly(stmt)) {
      const char *word = sqlite3_sql(stmt);
      while (*word == ' ' || *word == '\n' || *word == '\t') word++;
      char first[32];
      size_t n = strcspn(word, " \t\n;(");
      snprintf(first, sizeof first, "%.*s", (int)(n < 31 ? n : 31), word);
      status = refuse(store, first);
    } else {
      if (statements++ > 0 && format == RC_STORE_TABLE) fputc('\n', out);
      status = rc_store_render(store, stmt, 0, format, out, NULL, NULL, NULL);
      /* Errors while stepping the user's statement are the user's SQL (a wrong argument, a
       * refused function), not ours: exit 2, not 3. */
      int code = sqlite3_errcode(store->db) & 0xff;
      if (status == RC_STORE_EINTERNAL &&
          (code == SQLITE_AUTH || strcmp(sqlite3_errmsg(store->db), "not authorized") == 0))
        status = refuse(store, "this function");
      else if (status == RC_STORE_EINTERNAL &&
               (code == SQLITE_ERROR || code == SQLITE_RANGE || code == SQLITE_MISMATCH ||
                code == SQLITE_CONSTRAINT || code == SQLITE_TOOBIG))
        status = rc_store_fail(store, RC_STORE_ESQL, "SQL error: %s", sqlite3_errmsg(store->db));
    }
    sqlite3_finalize(stmt);
    stmt = NULL;
  }
  sqlite3_set_authorizer(store->db, NULL, NULL);
  if (status == RC_STORE_OK && statements == 0)
    status = rc_store_fail(store, RC_STORE_ESQL, "--sql: no statement given");
  return status;
}
