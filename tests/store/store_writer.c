/* store_writer.c — a test-only command that writes synthetic runs through the store API and checks
 * databases, for the shell tests (store_cli_test.sh) and by hand.
 *
 *   store_writer write DB [--files N] [--findings M] [--variant base|moved|edited]
 *                         [--shard I/N] [--delay-us U] [--unfinished]
 *   store_writer check DB --files N --findings M   integrity, and every complete run whole
 *   store_writer raw DB SQL                        runs SQL on the database, bypassing the store
 *   store_writer sarif-direct OUT.sarif            synthetic findings straight through sarif.c,
 *                                                  as lint --format sarif will (no database)
 * Exit status: 0 success; 1 check failed; 2 store error (message on stderr). */
#include "sarif.h"
#include "store.h"
#include "synth.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void) {
  fputs("usage: store_writer write|check|raw DB ...\n", stderr);
  return 2;
}

static int cmd_write(const char *db, int argc, char **argv) {
  SynthOptions o = {.files = 8, .findings = 4, .finish = 1};
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--unfinished") == 0) { o.finish = 0; continue; }
    if (v == NULL) return usage();
    i++;
    if (strcmp(a, "--files") == 0) o.files = (unsigned)atoi(v);
    else if (strcmp(a, "--findings") == 0) o.findings = (unsigned)atoi(v);
    else if (strcmp(a, "--delay-us") == 0) o.delay_us = (unsigned)atoi(v);
    else if (strcmp(a, "--variant") == 0)
      o.variant = strcmp(v, "moved") == 0 ? SYNTH_MOVED : strcmp(v, "edited") == 0 ? SYNTH_EDITED : SYNTH_BASE;
    else if (strcmp(a, "--shard") == 0) {
      unsigned si, sn;
      if (sscanf(v, "%u/%u", &si, &sn) != 2 || si < 1 || si > sn) return usage();
      o.shard_index = si - 1;
      o.shard_count = sn;
    } else return usage();
  }
  RcStore *store = NULL;
  int64_t run = 0;
  int status = rc_store_open(db, RC_STORE_CREATE, &store);
  if (status == RC_STORE_OK) status = synth_write_run(store, &o, &run);
  if (status != RC_STORE_OK) fprintf(stderr, "store_writer: %s: %s\n", db, rc_store_errmsg(store));
  else printf("run %lld\n", (long long)run);
  rc_store_close(store);
  return status == RC_STORE_OK ? 0 : 2;
}

static int64_t one_int(sqlite3 *db, const char *sql) {
  sqlite3_stmt *stmt = NULL;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
    v = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return v;
}

static int cmd_check(const char *path, int argc, char **argv) {
  unsigned files = 8, findings = 4;
  for (int i = 0; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--files") == 0) files = (unsigned)atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--findings") == 0) findings = (unsigned)atoi(argv[i + 1]);
  }
  sqlite3 *db = NULL;
  int bad = 0;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    fprintf(stderr, "check: cannot open %s\n", path);
    sqlite3_close(db);
    return 2;
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt *stmt = NULL;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL);
  const char *r = sqlite3_step(stmt) == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : "no result";
  if (strcmp(r, "ok") != 0) { printf("integrity_check: %s\n", r); bad = 1; }
  sqlite3_finalize(stmt);
  if (one_int(db, "SELECT count(*) FROM pragma_foreign_key_check") != 0) { puts("foreign keys broken"); bad = 1; }
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM runs WHERE status = 'complete' AND "
           "(SELECT count(*) FROM files WHERE run_id = runs.id) != %u", files);
  if (one_int(db, sql) != 0) { puts("a complete run lacks files"); bad = 1; }
  snprintf(sql, sizeof sql, "SELECT count(*) FROM files WHERE "
           "(SELECT count(*) FROM findings WHERE file_id = files.id) != %u", findings);
  if (one_int(db, sql) != 0) { puts("a file was recorded without all its findings"); bad = 1; }
  printf("runs %lld complete %lld unfinished %lld files %lld findings %lld\n",
         (long long)one_int(db, "SELECT count(*) FROM runs"),
         (long long)one_int(db, "SELECT count(*) FROM runs WHERE status = 'complete'"),
         (long long)one_int(db, "SELECT count(*) FROM runs WHERE status = 'unfinished'"),
         (long long)one_int(db, "SELECT count(*) FROM files"),
         (long long)one_int(db, "SELECT count(*) FROM findings"));
  sqlite3_close(db);
  return bad;
}

static int cmd_raw(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  char *err = NULL;
  int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql, NULL, NULL, &err);
  if (rc != SQLITE_OK) fprintf(stderr, "raw: %s\n", err ? err : sqlite3_errmsg(db));
  sqlite3_free(err);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : 2;
}

static int cmd_sarif_direct(const char *path) {
  FILE *out = fopen(path, "w");
  if (out == NULL) return 2;
  RcSarifRun run = {.complete = 1}; /* no root: plain relative URIs */
  RcSarif *s = rc_sarif_begin(out, &run);
  const char *calls[] = {"PyList_New", "PyList_Append"};
  RcStoredStep steps[] = {{"ext/m o d.c", 3, 0, "new reference"}, {NULL, 5, 2, "leaked"}};
  RcStoredFinding f = {.rule_id = "ref-leak", .severity = "error", .file = "ext/m o d.c",
                       .function = "f", .message = "leak \"quoted\" \xe2\x9c\x93", .line = 5,
                       .column = 2, .path_calls = calls, .path_call_count = 2, .steps = steps,
                       .step_count = 2};
  rc_sarif_add(s, &f);
  f.function = "";
  f.line = 0; /* no region */
  f.severity = "note";
  f.suppressed = 1;
  f.step_count = 0;
  rc_sarif_add(s, &f);
  int rc = rc_sarif_end(s);
  return fclose(out) != 0 || rc != 0 ? 2 : 0;
}

int main(int argc, char **argv) {
  if (argc < 3) return usage();
  if (strcmp(argv[1], "write") == 0) return cmd_write(argv[2], argc - 3, argv + 3);
  if (strcmp(argv[1], "check") == 0) return cmd_check(argv[2], argc - 3, argv + 3);
  if (strcmp(argv[1], "raw") == 0 && argc == 4) return cmd_raw(argv[2], argv[3]);
  if (strcmp(argv[1], "sarif-direct") == 0) return cmd_sarif_direct(argv[2]);
  return usage();
}
