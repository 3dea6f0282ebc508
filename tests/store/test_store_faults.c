/* test_store_faults.c — fault injection: the disk fills up at every write point of a run.
 *
 * A shim VFS (registered as the default, test-only) forwards every call to the real VFS but makes
 * the Nth xWrite fail with SQLITE_FULL. For N = 1, 2, … until a run completes without reaching N,
 * a copy of a database holding one complete run is opened through the shim and a synthetic run is
 * recorded into it. After each, through the real VFS again: the database passes integrity and
 * foreign-key checks, the earlier run is intact, every recorded file is whole, and the failing
 * call reported RC_STORE_EFULL ("disk full", exit 2). In the spirit of SQLite's do_faultsim_test.
 * Usage: test_store_faults SCRATCH-DIR */
#include "../test.h"
#include "store_int.h"
#include "synth.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* ===== The shim VFS ========================================================================== */

typedef struct {
  sqlite3_file base;
  sqlite3_file *real; /* the real VFS's file, allocated right after this struct */
} ShimFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static long writes_seen, fail_at = -1;

#define REAL(f) (((ShimFile *)(f))->real)
static int shim_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int shim_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int shim_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o) {
  if (++writes_seen == fail_at) return SQLITE_FULL;
  return REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int shim_truncate(sqlite3_file *f, sqlite3_int64 s) { return REAL(f)->pMethods->xTruncate(REAL(f), s); }
static int shim_sync(sqlite3_file *f, int fl) { return REAL(f)->pMethods->xSync(REAL(f), fl); }
static int shim_size(sqlite3_file *f, sqlite3_int64 *s) { return REAL(f)->pMethods->xFileSize(REAL(f), s); }
static int shim_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int shim_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int shim_reserved(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int shim_control(sqlite3_file *f, int op, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int shim_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int shim_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int shim_shm_map(sqlite3_file *f, int i, int sz, int ext, void volatile **p) { return REAL(f)->pMethods->xShmMap(REAL(f), i, sz, ext, p); }
static int shim_shm_lock(sqlite3_file *f, int o, int n, int fl) { return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl); }
static void shim_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int shim_shm_unmap(sqlite3_file *f, int d) { return REAL(f)->pMethods->xShmUnmap(REAL(f), d); }
static int shim_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return REAL(f)->pMethods->xFetch(REAL(f), o, n, p); }
static int shim_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL(f)->pMethods->xUnfetch(REAL(f), o, p); }

static const sqlite3_io_methods shim_methods = {
  3, shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_size, shim_lock,
  shim_unlock, shim_reserved, shim_control, shim_sector, shim_device, shim_shm_map,
  shim_shm_lock, shim_shm_barrier, shim_shm_unmap, shim_fetch, shim_unfetch,
};

static int shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out) {
  (void)vfs;
  ShimFile *s = (ShimFile *)f;
  s->real = (sqlite3_file *)(s + 1);
  int rc = real_vfs->xOpen(real_vfs, name, s->real, flags, out);
  s->base.pMethods = rc == SQLITE_OK && s->real->pMethods != NULL ? &shim_methods : NULL;
  return rc;
}

static void install_shim(void) {
  real_vfs = sqlite3_vfs_find(NULL);
  shim_vfs = *real_vfs;
  shim_vfs.zName = "faultshim";
  shim_vfs.szOsFile = (int)sizeof(ShimFile) + real_vfs->szOsFile;
  shim_vfs.xOpen = shim_open;
  sqlite3_vfs_register(&shim_vfs, 1); /* the default from now on */
}

/* ===== The test ============================================================================== */

static const char *scratch;

static int copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  char buf[65536];
  size_t n;
  int ok = in != NULL && out != NULL;
  while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0) ok = fwrite(buf, 1, n, out) == n;
  if (in) fclose(in);
  if (out && fclose(out) != 0) ok = 0;
  return ok ? 0 : -1;
}

static void remove_db(const char *path) {
  char side[4200];
  unlink(path);
  snprintf(side, sizeof side, "%s-wal", path);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", path);
  unlink(side);
}

static int64_t one_int(sqlite3 *db, const char *sql) {
  sqlite3_stmt *stmt = NULL;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
    v = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return v;
}

TEST(disk_full_at_every_write_point) {
  char base[4096], work[4096];
  snprintf(base, sizeof base, "%s/faults-base.db", scratch);
  snprintf(work, sizeof work, "%s/faults.db", scratch);
  remove_db(base);
  RcStore *s = NULL;
  int64_t run;
  SynthOptions o = {.files = 3, .findings = 4, .finish = 1};
  REQUIRE(rc_store_open(base, RC_STORE_CREATE, &s) == RC_STORE_OK);
  REQUIRE(synth_write_run(s, &o, &run) == RC_STORE_OK);
  rc_store_close(s); /* checkpoints: base is one self-contained file */

  int full_seen = 0, points = 0, completed = 0;
  for (long n = 1; n < 2000 && !completed; n++) {
    remove_db(work);
    REQUIRE(copy_file(base, work) == 0);
    writes_seen = 0;
    fail_at = n;
    int status = rc_store_open(work, 0, &s);
    if (status == RC_STORE_OK) status = synth_write_run(s, &o, &run);
    if (writes_seen < n) completed = 1; /* the run never reached the failing write */
    else {
      points++;
      if (status == RC_STORE_EFULL) {
        full_seen++;
        if (strstr(rc_store_errmsg(s), "disk full") == NULL) TEST_FAIL_AT("write %ld: message '%s'", n, rc_store_errmsg(s));
      } else if (status != RC_STORE_OK) {
        TEST_FAIL_AT("write %ld: status %d (%s), expected EFULL", n, status, rc_store_errmsg(s));
      }
    }
    rc_store_close(s);
    fail_at = -1;

    sqlite3 *db = NULL;
    REQUIRE(sqlite3_open_v2(work, &db, SQLITE_OPEN_READWRITE, "unix") == SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL);
    int ok = sqlite3_step(stmt) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") == 0;
    sqlite3_finalize(stmt);
    if (!ok) TEST_FAIL_AT("write %ld: integrity_check failed", n);
    if (one_int(db, "SELECT count(*) FROM pragma_foreign_key_check") != 0) TEST_FAIL_AT("write %ld: foreign keys", n);
    if (one_int(db, "SELECT count(*) FROM findings WHERE run_id = 1") != 12) TEST_FAIL_AT("write %ld: run 1 damaged", n);
    if (one_int(db, "SELECT count(*) FROM files WHERE (SELECT count(*) FROM findings WHERE file_id = files.id) != 4") != 0)
      TEST_FAIL_AT("write %ld: a file is not whole", n);
    if (one_int(db, "SELECT count(*) FROM runs WHERE status = 'complete' AND (SELECT count(*) FROM files WHERE run_id = runs.id) != 3") != 0)
      TEST_FAIL_AT("write %ld: a complete run lacks files", n);
    sqlite3_close(db);
  }
  printf("  %d write points failed, %d reported disk full; completed: %d\n", points, full_seen, completed);
  CHECK(completed);
  CHECK(points > 10);
  CHECK(full_seen > points / 2);
}

int main(int argc, char **argv) {
  scratch = argc > 1 ? argv[1] : "test_store_faults.tmp";
  mkdir(scratch, 0777);
  install_shim();
  RUN(disk_full_at_every_write_point);
  return TEST_SUMMARY();
}
