/* test_store.c — unit tests of the findings database through its API: schema and migrations,
 * refusals of bad files, per-file transactions, fingerprints, queries, diff, baselines,
 * incremental carry-over, disk full, and the read-only fence of `query --sql`.
 * Usage: test_store SCRATCH-DIR (created if missing; each test uses its own files in it). */
#include "../test.h"
#include "fingerprint.h"
#include "json.h"
#include "store_int.h"
#include "synth.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *scratch;

/* A fresh path in the scratch directory (any old file removed). */
static const char *fresh(const char *name) {
  static char buf[8][4096];
  static int next;
  char *p = buf[next++ % 8];
  snprintf(p, 4096, "%s/%s", scratch, name);
  unlink(p);
  char side[4200];
  snprintf(side, sizeof side, "%s-wal", p);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", p);
  unlink(side);
  return p;
}

/* FNV-1a of a whole file, or 0 when unreadable: "the file is untouched" checks. */
static uint64_t file_hash(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return 0;
  uint64_t h = RC_FNV_OFFSET;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) h = rc_fingerprint_fnv(h, buf, n);
  fclose(f);
  return h;
}

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
}

static int raw_exec(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open(path, &db);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
  sqlite3_close(db);
  return rc;
}

static int64_t count_of(RcStore *s, const char *sql) {
  int64_t v = -1;
  rc_store_query_int(s, sql, &v, "test");
  return v;
}

/* A database holding one complete synthetic run (8 files x 4 findings). */
static RcStore *synthetic(const char *name, SynthVariant variant, int64_t *run) {
  RcStore *s = NULL;
  SynthOptions o = {.files = 8, .findings = 4, .variant = variant, .finish = 1};
  if (rc_store_open(fresh(name), RC_STORE_CREATE, &s) != RC_STORE_OK) return s;
  if (synth_write_run(s, &o, run) != RC_STORE_OK) printf("  synth: %s\n", rc_store_errmsg(s));
  return s;
}

/* ===== JSON and fingerprints ================================================================= */

TEST(json_escapes_and_nests) {
  char *buf = NULL;
  size_t size = 0;
  FILE *mem = open_memstream(&buf, &size);
  RcJson *w = rc_json_new(mem, 0);
  rc_json_object_begin(w);
  rc_json_key(w, "s");
  rc_json_string(w, "a\"b\\c\n\x01\xff" "é");
  rc_json_key(w, "a");
  rc_json_array_begin(w);
  rc_json_int(w, -3);
  rc_json_bool(w, 1);
  rc_json_null(w);
  rc_json_array_end(w);
  rc_json_object_end(w);
  CHECK_EQ_INT(rc_json_finish(w), 0);
  fclose(mem);
  CHECK_EQ_STR(buf, "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\ufffdé\",\"a\":[-3,true,null]}\n");
  free(buf);
}

TEST(json_reports_misuse) {
  FILE *null = fopen("/dev/null", "w");
  RcJson *w = rc_json_new(null, 0);
  rc_json_object_begin(w);
  rc_json_string(w, "value without a key");
  rc_json_object_end(w);
  CHECK_EQ_INT(rc_json_finish(w), -1);
  w = rc_json_new(null, 0);
  rc_json_array_begin(w);
  CHECK_EQ_INT(rc_json_finish(w), -1); /* unclosed */
  fclose(null);
}

TEST(fingerprint_ignores_lines_and_noise) {
  const char *a[] = {"PyList_New(0)", "PyList_Append", "PyList_Append", " Py_DECREF "};
  const char *b[] = {"PyList_New", "PyList_Append", "Py_DECREF"};
  char fa[RC_FINGERPRINT_HEX], fb[RC_FINGERPRINT_HEX];
  rc_fingerprint_compute("ref-leak", "m.c", "f", a, 4, fa);
  rc_fingerprint_compute("ref-leak", "m.c", "f", b, 3, fb);
  CHECK_EQ_STR(fa, fb); /* arguments, blanks and repeated calls do not count */
  CHECK_EQ_INT(strlen(fa), 16);
}

TEST(fingerprint_changes_with_real_changes) {
  const char *a[] = {"PyList_New", "PyList_Append"};
  const char *c[] = {"PyList_New", "PyList_SetItem"};
  char base[RC_FINGERPRINT_HEX], other[RC_FINGERPRINT_HEX];
  rc_fingerprint_compute("ref-leak", "m.c", "f", a, 2, base);
  rc_fingerprint_compute("ref-leak", "m.c", "f", c, 2, other);
  CHECK(strcmp(base, other) != 0);
  rc_fingerprint_compute("ref-leak", "m.c", "g", a, 2, other);
  CHECK(strcmp(base, other) != 0);
  rc_fingerprint_compute("null-unchecked", "m.c", "f", a, 2, other);
  CHECK(strcmp(base, other) != 0);
  rc_fingerprint_compute("ref-leak", "n.c", "f", a, 2, other);
  CHECK(strcmp(base, other) != 0);
  const char *rev[] = {"PyList_Append", "PyList_New"};
  rc_fingerprint_compute("ref-leak", "m.c", "f", rev, 2, other);
  CHECK(strcmp(base, other) != 0); /* order matters */
}

TEST(line_hash_ignores_blanks) {
  char a[RC_FINGERPRINT_HEX], b[RC_FINGERPRINT_HEX], c[RC_FINGERPRINT_HEX];
  rc_fingerprint_line_hash("  x = PyList_New(0);", NULL, a);
  rc_fingerprint_line_hash("x=PyList_New(0);\t", NULL, b);
  rc_fingerprint_line_hash("x = PyList_New(1);", NULL, c);
  CHECK_EQ_STR(a, b);
  CHECK(strcmp(a, c) != 0);
}

TEST(shards_partition_the_files) {
  unsigned seen[4] = {0};
  for (int i = 0; i < 200; i++) {
    char path[32];
    snprintf(path, sizeof path, "src/f%d.c", i);
    int owners = 0;
    for (unsigned k = 0; k < 4; k++)
      if (rc_store_shard_selects(path, k, 4)) { owners++; seen[k]++; }
    CHECK_EQ_INT(owners, 1);
  }
  for (unsigned k = 0; k < 4; k++) CHECK(seen[k] > 20); /* roughly even */
}

TEST(numbering_without_a_store_matches_the_store) {
  /* One file's findings in a shuffled order: three share a base, two share another. */
  static const unsigned lines[] = {40, 10, 25, 10, 70, 5};
  static const unsigned cols[] = {1, 9, 3, 2, 1, 1};
  static const char *const fns[] = {"f", "f", "g", "f", "g", "h"};
  const char *calls[] = {"PyList_New", "PyList_Append"};
  enum { N = 6 };
  char ids[N][RC_FINGERPRINT_ID];
  RcStore *s = NULL;
  int64_t run;
  REQUIRE(rc_store_open(fresh("number.db"), RC_STORE_CREATE, &s) == RC_STORE_OK);
  RcStoreRunInfo info = {.root = "/r"};
  REQUIRE(rc_store_run_begin(s, &info, &run) == RC_STORE_OK);
  RcStoreFileInfo file = {.path = "m.c", .content_hash = "h"};
  REQUIRE(rc_store_file_begin(s, run, &file) == RC_STORE_OK);
  for (int i = 0; i < N; i++) {
    RcStoredFinding f = {.rule_id = "ref-leak", .severity = "error", .file = "m.c",
                         .function = fns[i], .message = "m", .line = lines[i], .column = cols[i],
                         .path_calls = calls, .path_call_count = 2};
    REQUIRE(rc_store_finding(s, &f) == RC_STORE_OK);
    rc_fingerprint_compute("ref-leak", "m.c", fns[i], calls, 2, ids[i]);
  }
  REQUIRE(rc_store_file_end(s, 0) == RC_STORE_OK);
  REQUIRE(rc_fingerprint_number(N, lines, cols, ids) == 0);
  sqlite3_stmt *st = NULL;
  REQUIRE(sqlite3_prepare_v2(s->db, "SELECT fingerprint FROM findings ORDER BY id", -1, &st, NULL) == SQLITE_OK);
  int suffixed = 0;
  for (int i = 0; i < N && sqlite3_step(st) == SQLITE_ROW; i++) {
    CHECK_EQ_STR(ids[i], (const char *)sqlite3_column_text(st, 0));
    if (strchr(ids[i], '.')) suffixed++;
  }
  sqlite3_finalize(st);
  CHECK_EQ_INT(suffixed, 3); /* f: 10/2 first, then 10/9 ".1", 40 ".2"; g: 25, then 70 ".1" */
  CHECK(strstr(ids[0], ".2") != NULL);
  rc_store_close(s);
}

/* ===== Schema, versions, refusals ============================================================ */

TEST(new_database_has_schema_v1_and_wal) {
  RcStore *s = NULL;
  const char *path = fresh("new/sub.db"); /* the parent directory is created */
  mkdir(fresh("new"), 0777);
  rmdir(fresh("new"));
  REQUIRE(rc_store_open(path, RC_STORE_CREATE, &s) == RC_STORE_OK);
  CHECK_EQ_INT(count_of(s, "PRAGMA user_version"), RC_STORE_SCHEMA_VERSION);
  CHECK_EQ_INT(count_of(s, "PRAGMA application_id"), RC_STORE_APPLICATION_ID);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                           "('runs','files','functions','findings','path_steps','oracle_verdicts',"
                           "'meta')"), 7);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE "
                           "'findings_%'"), 4);
  CHECK_EQ_INT(count_of(s, "PRAGMA foreign_keys"), 1);
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2(s->db, "PRAGMA journal_mode", -1, &st, NULL);
  sqlite3_step(st);
  CHECK_EQ_STR((const char *)sqlite3_column_text(st, 0), "wal");
  sqlite3_finalize(st);
  rc_store_close(s);
  /* Reopening an existing database keeps it. */
  REQUIRE(rc_store_open(path, 0, &s) == RC_STORE_OK);
  rc_store_close(s);
}

TEST(missing_database_without_create) {
  RcStore *s = NULL;
  CHECK_EQ_INT(rc_store_open(fresh("absent.db"), RC_STORE_READONLY, &s), RC_STORE_ENOTFOUND);
  CHECK_CONTAINS(rc_store_errmsg(s), "no findings database");
  CHECK_EQ_INT(rc_store_exit_code(RC_STORE_ENOTFOUND), 2);
  rc_store_close(s);
  CHECK(access(fresh("absent.db"), F_OK) != 0);
}

TEST(migrates_a_version_0_database) {
  const char *path = fresh("v0.db");
  /* A database claimed by pyrefcheck but at version 0, as a first release would leave it. */
  REQUIRE(raw_exec(path, "PRAGMA application_id = 1347568454; PRAGMA user_version = 0") == SQLITE_OK);
  RcStore *s = NULL;
  REQUIRE(rc_store_open(path, 0, &s) == RC_STORE_OK);
  CHECK_EQ_INT(count_of(s, "PRAGMA user_version"), RC_STORE_SCHEMA_VERSION);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM runs"), 0);
  rc_store_close(s);
}

TEST(migrates_a_version_1_database_keeping_its_runs) {
  /* Version 1 had no findings.fixit: make one by dropping it, as a database of the first
   * release is, then open it for writing: migrated, every finding kept, fix-its NULL. */
  int64_t run;
  const char *path = fresh("v1.db"); /* (fresh() removes the file: name it before writing it) */
  RcStore *s = synthetic("v1.db", SYNTH_BASE, &run);
  int64_t findings = count_of(s, "SELECT count(*) FROM findings");
  rc_store_close(s);
  REQUIRE(findings > 0);
  REQUIRE(raw_exec(path, "ALTER TABLE findings DROP COLUMN fixit; PRAGMA user_version = 1") == SQLITE_OK);
  REQUIRE(rc_store_open(path, RC_STORE_READONLY, &s) == RC_STORE_EREADONLY); /* cannot migrate */
  rc_store_close(s);
  REQUIRE(rc_store_open(path, 0, &s) == RC_STORE_OK);
  CHECK_EQ_INT(count_of(s, "PRAGMA user_version"), RC_STORE_SCHEMA_VERSION);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM findings"), findings);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM findings WHERE fixit IS NOT NULL"), 0);
  rc_store_close(s);
}

TEST(refuses_a_newer_schema_untouched) {
  int64_t run;
  RcStore *s = synthetic("newer.db", SYNTH_BASE, &run);
  rc_store_close(s);
  const char *path = fresh("newer.db");
  s = synthetic("newer.db", SYNTH_BASE, &run);
  rc_store_close(s);
  REQUIRE(raw_exec(path, "PRAGMA user_version = 99") == SQLITE_OK);
  uint64_t before = file_hash(path);
  CHECK_EQ_INT(rc_store_open(path, 0, &s), RC_STORE_ENEWER);
  CHECK_CONTAINS(rc_store_errmsg(s), "newer pyrefcheck (schema version 99");
  rc_store_close(s);
  CHECK_EQ_INT(rc_store_open(path, RC_STORE_READONLY, &s), RC_STORE_ENEWER);
  rc_store_close(s);
  CHECK(file_hash(path) == before);
}

TEST(refuses_a_text_file_untouched) {
  const char *path = fresh("notes.db");
  write_text(path, "these are my notes, not a database\n");
  uint64_t before = file_hash(path);
  RcStore *s = NULL;
  CHECK_EQ_INT(rc_store_open(path, RC_STORE_CREATE, &s), RC_STORE_ENOTDB);
  CHECK_CONTAINS(rc_store_errmsg(s), "not a pyrefcheck database");
  rc_store_close(s);
  CHECK(file_hash(path) == before);
}

TEST(refuses_another_applications_database) {
  const char *path = fresh("other.db");
  REQUIRE(raw_exec(path, "CREATE TABLE t(x); INSERT INTO t VALUES(1)") == SQLITE_OK);
  uint64_t before = file_hash(path);
  RcStore *s = NULL;
  CHECK_EQ_INT(rc_store_open(path, RC_STORE_CREATE, &s), RC_STORE_ENOTDB);
  CHECK_CONTAINS(rc_store_errmsg(s), "another application");
  rc_store_close(s);
  CHECK(file_hash(path) == before);
}

TEST(refuses_a_truncated_database_untouched) {
  int64_t run;
  const char *path = fresh("trunc.db");
  SynthOptions o = {.files = 40, .findings = 4, .finish = 1};
  RcStore *s = NULL;
  REQUIRE(rc_store_open(path, RC_STORE_CREATE, &s) == RC_STORE_OK);
  REQUIRE(synth_write_run(s, &o, &run) == RC_STORE_OK);
  rc_store_close(s);
  struct stat st;
  REQUIRE(stat(path, &st) == 0 && st.st_size > 8192);
  REQUIRE(truncate(path, st.st_size / 2) == 0);
  uint64_t before = file_hash(path);
  int status = rc_store_open(path, 0, &s);
  CHECK_EQ_INT(status, RC_STORE_ECORRUPT);
  CHECK_CONTAINS(rc_store_errmsg(s), "corrupt");
  rc_store_close(s);
  CHECK_EQ_INT(rc_store_open(path, RC_STORE_READONLY, &s), RC_STORE_ECORRUPT);
  rc_store_close(s);
  CHECK(file_hash(path) == before);
  REQUIRE(truncate(path, 50) == 0); /* shorter than the header */
  CHECK_EQ_INT(rc_store_open(path, 0, &s), RC_STORE_ECORRUPT);
  rc_store_close(s);
}

/* ===== Recording ============================================================================= */

TEST(run_is_unfinished_until_finished) {
  RcStore *s = NULL;
  int64_t run = 0;
  REQUIRE(rc_store_open(fresh("runs.db"), RC_STORE_CREATE, &s) == RC_STORE_OK);
  RcStoreRunInfo info = {.root = "/r"};
  REQUIRE(rc_store_run_begin(s, &info, &run) == RC_STORE_OK);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM runs WHERE status = 'unfinished' AND finished_at IS NULL"), 1);
  int64_t latest = 0;
  CHECK_EQ_INT(rc_store_run_resolve(s, "latest", &latest), RC_STORE_ENOTFOUND); /* not complete */
  CHECK_EQ_INT(rc_store_run_finish(s, run, 1), RC_STORE_OK);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM runs WHERE status = 'complete' AND finished_at IS NOT NULL"), 1);
  CHECK_EQ_INT(rc_store_run_resolve(s, "latest", &latest), RC_STORE_OK);
  CHECK_EQ_INT(latest, run);
  CHECK_EQ_INT(rc_store_run_finish(s, 999, 1), RC_STORE_ENOTFOUND);
  rc_store_close(s);
}

TEST(file_transaction_is_all_or_nothing) {
  RcStore *s = NULL;
  int64_t run = 0;
  REQUIRE(rc_store_open(fresh("tx.db"), RC_STORE_CREATE, &s) == RC_STORE_OK);
  RcStoreRunInfo info = {.root = "/r"};
  REQUIRE(rc_store_run_begin(s, &info, &run) == RC_STORE_OK);
  RcStoreFileInfo file = {.path = "a.c", .content_hash = "h"};
  REQUIRE(rc_store_file_begin(s, run, &file) == RC_STORE_OK);
  CHECK_EQ_INT(rc_store_file_begin(s, run, &file), RC_STORE_EMISUSE); /* one at a time */
  RcStoredFinding good = {.rule_id = "ref-leak", .severity = "error", .file = "a.c",
                          .function = "f", .message = "m", .line = 3};
  CHECK_EQ_INT(rc_store_finding(s, &good), RC_STORE_OK);
  RcStoredFinding bad = good;
  bad.severity = "fatal";
  CHECK_EQ_INT(rc_store_finding(s, &bad), RC_STORE_EMISUSE); /* rolls the file back */
  CHECK_CONTAINS(rc_store_errmsg(s), "bad severity");
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM files"), 0);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM findings"), 0);
  CHECK_EQ_INT(rc_store_file_end(s, 1), RC_STORE_EMISUSE); /* nothing open any more */
  REQUIRE(rc_store_file_begin(s, run, &file) == RC_STORE_OK);
  RcStoredFinding elsewhere = good;
  elsewhere.file = "b.c";
  CHECK_EQ_INT(rc_store_finding(s, &elsewhere), RC_STORE_EMISUSE);
  REQUIRE(rc_store_file_begin(s, run, &file) == RC_STORE_OK);
  CHECK_EQ_INT(rc_store_function(s, "f", 1, 0, 77), RC_STORE_OK);
  CHECK_EQ_INT(rc_store_finding(s, &good), RC_STORE_OK);
  rc_store_file_abort(s);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM functions"), 0);
  REQUIRE(rc_store_file_begin(s, run, &file) == RC_STORE_OK);
  CHECK_EQ_INT(rc_store_function(s, "f", 1, 0, 77), RC_STORE_OK);
  CHECK_EQ_INT(rc_store_finding(s, &good), RC_STORE_OK);
  CHECK_EQ_INT(rc_store_file_end(s, 2.5), RC_STORE_OK);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM findings f JOIN functions fn ON fn.id = f.function_id "
                           "WHERE fn.complete = 0 AND fn.paths_explored = 77"), 1);
  CHECK_EQ_INT(rc_store_file_begin(s, run, &file), RC_STORE_EMISUSE); /* a.c already in the run */
  rc_store_close(s);
}

typedef struct {
  int n;
  char fingerprints[64][24];
  unsigned lines[64];
  size_t steps[64];
  char line_hash[64][24];
} Collected;

static int collect(void *ctx, const RcStoredFinding *f) {
  Collected *c = ctx;
  if (c->n < 64) {
    snprintf(c->fingerprints[c->n], 24, "%s", f->fingerprint);
    snprintf(c->line_hash[c->n], 24, "%s", f->line_hash);
    c->lines[c->n] = f->line;
    c->steps[c->n] = f->step_count;
  }
  c->n++;
  return 0;
}

TEST(fingerprints_survive_line_moves_in_the_store) {
  int64_t r1, r2;
  RcStore *a = synthetic("fp-a.db", SYNTH_BASE, &r1);
  RcStore *b = synthetic("fp-b.db", SYNTH_MOVED, &r2);
  Collected ca = {0}, cb = {0};
  RcStoreFilter fa = {.run = r1}, fb = {.run = r2};
  REQUIRE(rc_store_findings_each(a, &fa, 1, collect, &ca) == RC_STORE_OK);
  REQUIRE(rc_store_findings_each(b, &fb, 1, collect, &cb) == RC_STORE_OK);
  CHECK_EQ_INT(ca.n, 32);
  CHECK_EQ_INT(cb.n, 32);
  for (int i = 0; i < 32 && i < ca.n && i < cb.n; i++) {
    CHECK_EQ_STR(ca.fingerprints[i], cb.fingerprints[i]);
    CHECK_EQ_INT(cb.lines[i], ca.lines[i] + 7);
  }
  /* The repeated finding (index 3 of a file) gets ".1"; line hashes carry ":N". */
  CHECK(strstr(ca.fingerprints[3], ".1") != NULL);
  CHECK_EQ_INT(strncmp(ca.fingerprints[3], ca.fingerprints[0], 16), 0);
  CHECK(strchr(ca.line_hash[0], ':') != NULL);
  CHECK_EQ_INT(ca.steps[1], 2);
  rc_store_close(a);
  rc_store_close(b);
}

TEST(diff_counts_new_fixed_unchanged) {
  const char *path = fresh("diff.db");
  RcStore *s = NULL;
  int64_t r1, r2, r3;
  REQUIRE(rc_store_open(path, RC_STORE_CREATE, &s) == RC_STORE_OK);
  SynthOptions o = {.files = 8, .findings = 4, .finish = 1};
  REQUIRE(synth_write_run(s, &o, &r1) == RC_STORE_OK);
  o.variant = SYNTH_MOVED;
  REQUIRE(synth_write_run(s, &o, &r2) == RC_STORE_OK);
  o.variant = SYNTH_EDITED;
  REQUIRE(synth_write_run(s, &o, &r3) == RC_STORE_OK);
  FILE *null = fopen("/dev/null", "w");
  size_t counts[3];
  CHECK_EQ_INT(rc_store_print_diff(s, r1, r2, RC_STORE_CSV, null, counts), RC_STORE_OK);
  CHECK_EQ_INT(counts[0], 0);
  CHECK_EQ_INT(counts[1], 0);
  CHECK_EQ_INT(counts[2], 32);
  CHECK_EQ_INT(rc_store_print_diff(s, r2, r3, RC_STORE_JSON, null, counts), RC_STORE_OK);
  CHECK_EQ_INT(counts[0], 2);
  CHECK_EQ_INT(counts[1], 2);
  CHECK_EQ_INT(counts[2], 30);
  /* query --new / --fixed agree with the diff. */
  size_t n = 0;
  RcStoreFilter f = {.run = r3, .only_new = 1};
  CHECK_EQ_INT(rc_store_print_findings(s, &f, RC_STORE_TABLE, null, &n), RC_STORE_OK);
  CHECK_EQ_INT(n, 2);
  f.only_new = 0;
  f.only_fixed = 1;
  CHECK_EQ_INT(rc_store_print_findings(s, &f, RC_STORE_TABLE, null, &n), RC_STORE_OK);
  CHECK_EQ_INT(n, 2);
  RcStoreFilter g = {.run = r3, .rule = "ref-leak", .file_glob = "src/mod00[01].c"};
  CHECK_EQ_INT(rc_store_print_findings(s, &g, RC_STORE_TABLE, null, &n), RC_STORE_OK);
  CHECK_EQ_INT(n, 2); /* mod000: the kept PyList_New leak and the added one */
  RcStoreFilter h = {.run = r3, .incomplete = 1};
  CHECK_EQ_INT(rc_store_print_findings(s, &h, RC_STORE_TABLE, null, &n), RC_STORE_OK);
  CHECK_EQ_INT(n, 8); /* function _f2 of each file is marked incomplete: finding 2 */
  int64_t latest;
  CHECK_EQ_INT(rc_store_run_resolve(s, "latest~1", &latest), RC_STORE_OK);
  CHECK_EQ_INT(latest, r2);
  CHECK_EQ_INT(rc_store_run_resolve(s, "latest~3", &latest), RC_STORE_ENOTFOUND);
  CHECK_EQ_INT(rc_store_run_resolve(s, "zzz", &latest), RC_STORE_ENOTFOUND);
  fclose(null);
  rc_store_close(s);
}

TEST(baselines_from_text_database_and_run) {
  int64_t r1, r3;
  const char *path = fresh("base.db");
  RcStore *s = NULL;
  REQUIRE(rc_store_open(path, RC_STORE_CREATE, &s) == RC_STORE_OK);
  SynthOptions o = {.files = 8, .findings = 4, .finish = 1};
  REQUIRE(synth_write_run(s, &o, &r1) == RC_STORE_OK);
  const char *txt = fresh("baseline.txt");
  REQUIRE(rc_baseline_write(s, r1, txt) == RC_STORE_OK);
  o.variant = SYNTH_EDITED;
  REQUIRE(synth_write_run(s, &o, &r3) == RC_STORE_OK);
  char msg[256];
  const char *specs[3] = {txt, path, "1"};
  for (int k = 0; k < 3; k++) {
    RcBaseline *b = NULL;
    REQUIRE(rc_baseline_load(s, specs[k], &b, msg, sizeof msg) == RC_STORE_OK);
    if (k == 1) {
      CHECK_EQ_INT(rc_baseline_count(b), 31); /* the db's latest run is the edited one */
    } else {
      CHECK_EQ_INT(rc_baseline_count(b), 31); /* 32 findings, one suppressed */
    }
    Collected c = {0};
    RcStoreFilter f = {.run = r3};
    rc_store_findings_each(s, &f, 0, collect, &c);
    int outside = 0;
    for (int i = 0; i < c.n && i < 64; i++)
      if (!rc_baseline_contains(b, c.fingerprints[i])) outside++;
    /* 2 new, plus the suppressed one, which a baseline never holds (lint skips it anyway) */
    CHECK_EQ_INT(outside, k == 1 ? 1 : 3);
    rc_baseline_free(b);
  }
  RcBaseline *b = NULL;
  const char *junk = fresh("junk.txt");
  write_text(junk, "hello\n");
  CHECK_EQ_INT(rc_baseline_load(s, junk, &b, msg, sizeof msg), RC_STORE_ENOTDB);
  CHECK_CONTAINS(msg, "not a pyrefcheck baseline");
  CHECK_EQ_INT(rc_baseline_load(s, fresh("none.txt"), &b, msg, sizeof msg), RC_STORE_ENOTFOUND);
  CHECK(b == NULL);
  rc_store_close(s);
}

TEST(unchanged_files_are_carried_over) {
  RcStore *s = NULL;
  int64_t r1, r2, prev = 0;
  REQUIRE(rc_store_open(fresh("incr.db"), RC_STORE_CREATE, &s) == RC_STORE_OK);
  SynthOptions o = {.files = 3, .findings = 4, .finish = 1};
  REQUIRE(synth_write_run(s, &o, &r1) == RC_STORE_OK);
  char a0[] = "pyrefcheck";
  char *argv[] = {a0, NULL};
  RcStoreRunInfo info = {.tool_version = "0.1.0-test", .rules_version = "rules-test-1",
                         .argc = 1, .argv = argv, .root = "/r"};
  REQUIRE(rc_store_run_begin(s, &info, &r2) == RC_STORE_OK);
  /* mod000's content hash as synth writes it for the base variant. */
  char hash[32];
  snprintf(hash, sizeof hash, "%08x", 0u);
  RcStoreFileInfo same = {.path = "src/mod000.c", .content_hash = hash, .args_hash = "args1",
                          .deps_hash = "deps1"};
  CHECK_EQ_INT(rc_store_file_unchanged(s, &same, "0.1.0-test", "rules-test-1", &prev), RC_STORE_OK);
  CHECK(prev > 0);
  int64_t none = 1;
  RcStoreFileInfo changed_args = same;
  changed_args.args_hash = "args2";
  CHECK_EQ_INT(rc_store_file_unchanged(s, &changed_args, "0.1.0-test", "rules-test-1", &none), RC_STORE_OK);
  CHECK_EQ_INT(none, 0);
  none = 1;
  CHECK_EQ_INT(rc_store_file_unchanged(s, &same, "0.2.0", "rules-test-1", &none), RC_STORE_OK);
  CHECK_EQ_INT(none, 0); /* another tool version analyses again */
  none = 1;
  CHECK_EQ_INT(rc_store_file_unchanged(s, &same, "0.1.0-test", "rules-test-2", &none), RC_STORE_OK);
  CHECK_EQ_INT(none, 0);
  CHECK_EQ_INT(rc_store_file_carry(s, r2, prev), RC_STORE_OK);
  CHECK_EQ_INT(rc_store_run_finish(s, r2, 1), RC_STORE_OK);
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM findings WHERE run_id = %lld", (long long)r2);
  CHECK_EQ_INT(count_of(s, sql), 4);
  snprintf(sql, sizeof sql, "SELECT count(*) FROM files WHERE run_id = %lld AND carried_from = %lld",
           (long long)r2, (long long)r1);
  CHECK_EQ_INT(count_of(s, sql), 1);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM path_steps p JOIN findings f ON f.id = p.finding_id "
                           "WHERE f.run_id = 2"), 1 + 2 + 3 + 1);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM findings WHERE run_id = 2 AND function_id IS NULL"), 0);
  rc_store_close(s);
}

TEST(disk_full_keeps_earlier_data) {
  RcStore *s = NULL;
  int64_t r1, r2;
  const char *path = fresh("full.db");
  REQUIRE(rc_store_open(path, RC_STORE_CREATE, &s) == RC_STORE_OK);
  SynthOptions o = {.files = 4, .findings = 4, .finish = 1};
  REQUIRE(synth_write_run(s, &o, &r1) == RC_STORE_OK);
  int64_t pages = count_of(s, "PRAGMA page_count");
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages + 1);
  REQUIRE(rc_store_exec(s, sql, "test") == RC_STORE_OK);
  o.files = 200;
  int status = synth_write_run(s, &o, &r2);
  CHECK_EQ_INT(status, RC_STORE_EFULL);
  CHECK_CONTAINS(rc_store_errmsg(s), "disk full");
  CHECK_EQ_INT(rc_store_exit_code(status), 2);
  rc_store_close(s);
  REQUIRE(rc_store_open(path, RC_STORE_READONLY, &s) == RC_STORE_OK);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM findings WHERE run_id = 1"), 16);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM runs WHERE status = 'complete'"), 1);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM files WHERE run_id = 2 AND "
                           "(SELECT count(*) FROM findings WHERE file_id = files.id) != 4"), 0);
  rc_store_close(s);
}

TEST(oracle_verdicts_are_recorded) {
  RcStore *s = NULL;
  int64_t run = 0;
  REQUIRE(rc_store_open(fresh("oracle.db"), RC_STORE_CREATE, &s) == RC_STORE_OK);
  RcStoreRunInfo info = {.kind = "oracle", .root = "/r"};
  REQUIRE(rc_store_run_begin(s, &info, &run) == RC_STORE_OK);
  RcStoredVerdict v = {.snippet = "m.c", .entry = "PyInit_m", .failure_point = 3, .verdict = "leak",
                       .detector = "refcount", .file = "m.c", .line = 12, .message = "list leaked",
                       .replay = "pyrefcheck oracle m.c --fail 3"};
  CHECK_EQ_INT(rc_store_verdict(s, run, &v), RC_STORE_OK);
  v.finding_id = 42;
  CHECK_EQ_INT(rc_store_verdict(s, run, &v), RC_STORE_ENOTFOUND);
  v.finding_id = 0;
  CHECK_EQ_INT(rc_store_verdict(s, run + 5, &v), RC_STORE_ENOTFOUND);
  v.verdict = NULL;
  CHECK_EQ_INT(rc_store_verdict(s, run, &v), RC_STORE_EMISUSE);
  CHECK_EQ_INT(rc_store_run_finish(s, run, 1), RC_STORE_OK);
  CHECK_EQ_INT(count_of(s, "SELECT count(*) FROM oracle_verdicts WHERE verdict = 'leak' AND "
                           "failure_point = 3 AND line = 12 AND finding_id IS NULL"), 1);
  int64_t latest = 0;
  CHECK_EQ_INT(rc_store_run_resolve(s, "latest", &latest), RC_STORE_ENOTFOUND); /* lint runs only */
  rc_store_close(s);
}

/* ===== query --sql =========================================================================== */

TEST(sql_refuses_every_write_form) {
  int64_t run;
  RcStore *w = synthetic("sql.db", SYNTH_BASE, &run);
  rc_store_close(w);
  const char *path = fresh("sql.db");
  w = synthetic("sql.db", SYNTH_BASE, &run);
  rc_store_close(w);
  uint64_t before = file_hash(path);
  RcStore *s = NULL;
  REQUIRE(rc_store_open(path, RC_STORE_READONLY, &s) == RC_STORE_OK);
  FILE *null = fopen("/dev/null", "w");
  static const char *const refused[] = {
    "INSERT INTO runs(tool_version, root, started_at) VALUES('x', 'y', 'z')",
    "UPDATE findings SET message = 'x'",
    "UPDATE sqlite_master SET sql = ''",
    "UPDATE sqlite_schema SET name = 'x' WHERE name = 'runs'",
    "DELETE FROM findings",
    "REPLACE INTO meta VALUES('a', 'b')",
    "CREATE TABLE t(x)",
    "CREATE TEMP TABLE t(x)",
    "CREATE VIEW v AS SELECT 1",
    "CREATE INDEX i ON findings(message)",
    "CREATE TRIGGER tr AFTER INSERT ON runs BEGIN SELECT 1; END",
    "DROP TABLE findings",
    "DROP VIEW finding_rows",
    "ALTER TABLE runs ADD COLUMN x",
    "ATTACH ':memory:' AS other",
    "ATTACH 'stolen.db' AS other",
    "DETACH main",
    "PRAGMA user_version = 7",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA foreign_keys = OFF",
    "PRAGMA writable_schema = ON",
    "PRAGMA wal_checkpoint",
    "PRAGMA optimize",
    "VACUUM",
    "VACUUM INTO 'copy.db'",
    "REINDEX",
    "ANALYZE",
    "BEGIN",
    "SAVEPOINT s",
    "SELECT 1; DELETE FROM findings",
    "WITH x AS (SELECT 1) DELETE FROM findings",
    "INSERT INTO findings SELECT * FROM findings",
    "SELECT load_extension('/nonexistent/ext')",
  };
  for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
    int status = rc_store_print_sql(s, refused[i], RC_STORE_TABLE, null);
    if (status != RC_STORE_EDENIED) TEST_FAIL_AT("not refused (%d): %s", status, refused[i]);
    else CHECK_CONTAINS(rc_store_errmsg(s), "read-only");
  }
  static const char *const allowed[] = {
    "SELECT count(*) FROM findings",
    "SELECT * FROM finding_rows WHERE rule_id = 'ref-leak'",
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) SELECT * FROM n",
    "PRAGMA user_version",
    "PRAGMA table_info(findings)",
    "SELECT * FROM pragma_table_info('runs')",
    "PRAGMA integrity_check",
  };
  for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++) {
    int status = rc_store_print_sql(s, allowed[i], RC_STORE_CSV, null);
    if (status != RC_STORE_OK) TEST_FAIL_AT("refused (%s): %s", rc_store_errmsg(s), allowed[i]);
  }
  CHECK_EQ_INT(rc_store_print_sql(s, "SELEC 1", RC_STORE_CSV, null), RC_STORE_ESQL);
  CHECK_EQ_INT(rc_store_print_sql(s, "SELECT * FROM nowhere", RC_STORE_CSV, null), RC_STORE_ESQL);
  CHECK_EQ_INT(rc_store_print_sql(s, "SELECT * FROM pragma_journal_mode('delete')", RC_STORE_CSV, null),
               RC_STORE_ESQL); /* a runtime error of the user's SQL: exit 2 */
  CHECK_EQ_INT(rc_store_print_sql(s, "SELECT * FROM pragma_user_version(5)", RC_STORE_CSV, null),
               RC_STORE_ESQL);
  fclose(null);
  rc_store_close(s);
  CHECK(file_hash(path) == before);
  CHECK(access("copy.db", F_OK) != 0);
  CHECK(access("stolen.db", F_OK) != 0);
}

int main(int argc, char **argv) {
  scratch = argc > 1 ? argv[1] : "test_store.tmp";
  mkdir(scratch, 0777);
  RUN(json_escapes_and_nests);
  RUN(json_reports_misuse);
  RUN(fingerprint_ignores_lines_and_noise);
  RUN(fingerprint_changes_with_real_changes);
  RUN(line_hash_ignores_blanks);
  RUN(shards_partition_the_files);
  RUN(numbering_without_a_store_matches_the_store);
  RUN(new_database_has_schema_v1_and_wal);
  RUN(missing_database_without_create);
  RUN(migrates_a_version_0_database);
  RUN(migrates_a_version_1_database_keeping_its_runs);
  RUN(refuses_a_newer_schema_untouched);
  RUN(refuses_a_text_file_untouched);
  RUN(refuses_another_applications_database);
  RUN(refuses_a_truncated_database_untouched);
  RUN(run_is_unfinished_until_finished);
  RUN(file_transaction_is_all_or_nothing);
  RUN(fingerprints_survive_line_moves_in_the_store);
  RUN(diff_counts_new_fixed_unchanged);
  RUN(baselines_from_text_database_and_run);
  RUN(unchanged_files_are_carried_over);
  RUN(disk_full_keeps_earlier_data);
  RUN(oracle_verdicts_are_recorded);
  RUN(sql_refuses_every_write_form);
  return TEST_SUMMARY();
}
