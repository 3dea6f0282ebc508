/* test_store_crash.c — the findings database under process death and contention:
 *   - a writer killed with SIGKILL at random points, many times, leaves a database that passes
 *     PRAGMA integrity_check and foreign_key_check, opens again, marks the killed run unfinished,
 *     and holds every recorded file whole (all its findings) and every complete run whole;
 *   - several processes creating and writing one new database at once all succeed.
 * Usage: test_store_crash SCRATCH-DIR [ITERATIONS]. The seed is printed; STORE_CRASH_SEED=N
 * replays one. */
#include "../test.h"
#include "store_int.h"
#include "synth.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *scratch;
static int iterations = 40;

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

/* Checks the database at `path` is valid and whole; returns the number of problems. */
static int check_db(const char *path, unsigned files, unsigned findings, int64_t *unfinished) {
  int problems = 0;
  RcStore *s = NULL;
  int status = rc_store_open(path, RC_STORE_CREATE, &s); /* read-write: recovers the WAL */
  if (status != RC_STORE_OK) {
    printf("  reopen failed: %s\n", rc_store_errmsg(s));
    rc_store_close(s);
    return 1;
  }
  sqlite3 *db = s->db;
  sqlite3_stmt *stmt = NULL;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (sqlite3_step(stmt) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0) {
    printf("  integrity_check: %s\n", (const char *)sqlite3_column_text(stmt, 0));
    problems++;
  }
  sqlite3_finalize(stmt);
  if (one_int(db, "SELECT count(*) FROM pragma_foreign_key_check") != 0) { puts("  foreign keys"); problems++; }
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM runs WHERE status = 'complete' AND "
           "(SELECT count(*) FROM files WHERE run_id = runs.id) != %u", files);
  if (one_int(db, sql) != 0) { puts("  a complete run lacks files"); problems++; }
  snprintf(sql, sizeof sql, "SELECT count(*) FROM files WHERE "
           "(SELECT count(*) FROM findings WHERE file_id = files.id) != %u", findings);
  if (one_int(db, sql) != 0) { puts("  a file lacks findings"); problems++; }
  if (one_int(db, "SELECT count(*) FROM runs WHERE status = 'unfinished' AND finished_at IS NOT NULL") != 0) {
    puts("  an unfinished run has an end time");
    problems++;
  }
  *unfinished = one_int(db, "SELECT count(*) FROM runs WHERE status = 'unfinished'");
  rc_store_close(s);
  return problems;
}

/* Tells the parent through the pipe `ctx` that the run row is committed. */
static void signal_begun(void *ctx, int64_t run) {
  (void)run;
  int fd = *(int *)ctx;
  if (fd >= 0 && write(fd, "b", 1) != 1) _exit(3);
}

static void child_write_signalling(const char *path, unsigned files, unsigned delay_us, int runs,
                                   int fd) {
  RcStore *s = NULL;
  int64_t run;
  SynthOptions o = {.files = files, .findings = 4, .delay_us = delay_us, .finish = 1,
                    .on_begin = signal_begun, .ctx = &fd};
  int status = rc_store_open(path, RC_STORE_CREATE, &s);
  for (int i = 0; status == RC_STORE_OK && i < runs; i++) status = synth_write_run(s, &o, &run);
  if (status != RC_STORE_OK) fprintf(stderr, "writer %d: %s\n", (int)getpid(), rc_store_errmsg(s));
  rc_store_close(s);
  _exit(status == RC_STORE_OK ? 0 : 1);
}

static void child_write(const char *path, unsigned files, unsigned delay_us, int runs) {
  child_write_signalling(path, files, delay_us, runs, -1);
}

TEST(sigkill_at_random_points_leaves_a_valid_database) {
  char path[4096];
  snprintf(path, sizeof path, "%s/crash.db", scratch);
  remove_db(path);
  unsigned seed = getenv("STORE_CRASH_SEED") ? (unsigned)atoi(getenv("STORE_CRASH_SEED"))
                                             : (unsigned)time(NULL) ^ (unsigned)getpid();
  printf("  seed %u, %d iterations\n", seed, iterations);
  srand(seed);
  int killed_mid_run = 0, killed_after = 0, finished = 0;
  int64_t last_unfinished = 0, last_complete = 2; /* the two calibration runs */
  /* Calibration: how long one writer of each kind takes here (a sanitizer build is slower), so
   * that kill times spread over the whole run on any machine. Half the writers pause between
   * files (kills land between transactions), half run flat out (kills land inside them). */
  long span_us[2], run_us[2]; /* fork to exit; run row committed to exit */
  for (int kind = 0; kind < 2; kind++) {
    struct timespec t0, t1, t2;
    int fds[2];
    char byte;
    REQUIRE(pipe(fds) == 0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      child_write_signalling(path, kind ? 12 : 60, kind ? 1500 : 0, 1, fds[1]);
    }
    close(fds[1]);
    REQUIRE(read(fds[0], &byte, 1) == 1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    close(fds[0]);
    int wstatus;
    waitpid(pid, &wstatus, 0);
    clock_gettime(CLOCK_MONOTONIC, &t2);
    REQUIRE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
    span_us[kind] = (t2.tv_sec - t0.tv_sec) * 1000000L + (t2.tv_nsec - t0.tv_nsec) / 1000;
    run_us[kind] = (t2.tv_sec - t1.tv_sec) * 1000000L + (t2.tv_nsec - t1.tv_nsec) / 1000;
  }
  printf("  a writer takes %ld us flat out (%ld us of it in the run), %ld us with pauses (%ld us)\n",
         span_us[0], run_us[0], span_us[1], run_us[1]);
  for (int it = 0; it < iterations; it++) {
    /* Three kills in four are timed from the moment the run row is committed (so they land in
     * the run, or just after it); the fourth from the fork (so some land while opening, creating
     * or recovering the database). */
    int kind = it % 2, from_begin = it % 4 != 3;
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      child_write_signalling(path, kind ? 12 : 60, kind ? 1500 : 0, 1, fds[1]);
    }
    close(fds[1]);
    char byte;
    if (from_begin && read(fds[0], &byte, 1) != 1) TEST_FAIL_AT("iteration %d: the writer never began", it);
    close(fds[0]);
    long window = from_begin ? run_us[kind] : span_us[kind];
    usleep((useconds_t)(rand() % (window + 1)));
    kill(pid, SIGKILL);
    int wstatus;
    waitpid(pid, &wstatus, 0);
    if (WIFEXITED(wstatus)) {
      finished++;
      CHECK_EQ_INT(WEXITSTATUS(wstatus), 0);
    }
    /* Each iteration's runs use their own file count: check with the count of this writer by
     * restricting the whole-run check to runs of that size (both sizes are multiples of 12). */
    int64_t unfinished = 0, complete = 0;
    int problems = 0;
    {
      RcStore *s = NULL;
      if (rc_store_open(path, RC_STORE_CREATE, &s) != RC_STORE_OK) {
        printf("  iteration %d: reopen failed: %s\n", it, rc_store_errmsg(s));
        problems++;
      } else {
        sqlite3 *db = s->db;
        sqlite3_stmt *stmt = NULL;
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL);
        if (sqlite3_step(stmt) != SQLITE_ROW ||
            strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0) {
          printf("  iteration %d: integrity_check failed\n", it);
          problems++;
        }
        sqlite3_finalize(stmt);
        if (one_int(db, "SELECT count(*) FROM pragma_foreign_key_check") != 0) problems++;
        if (one_int(db, "SELECT count(*) FROM runs WHERE status = 'complete' AND "
                        "(SELECT count(*) FROM files WHERE run_id = runs.id) NOT IN (12, 60)") != 0) {
          printf("  iteration %d: a complete run lacks files\n", it);
          problems++;
        }
        if (one_int(db, "SELECT count(*) FROM files WHERE "
                        "(SELECT count(*) FROM findings WHERE file_id = files.id) != 4") != 0) {
          printf("  iteration %d: a file lacks findings\n", it);
          problems++;
        }
        unfinished = one_int(db, "SELECT count(*) FROM runs WHERE status = 'unfinished'");
        complete = one_int(db, "SELECT count(*) FROM runs WHERE status = 'complete'");
      }
      rc_store_close(s);
    }
    CHECK_EQ_INT(problems, 0);
    if (!WIFEXITED(wstatus) && unfinished > last_unfinished) killed_mid_run++;
    if (!WIFEXITED(wstatus) && complete > last_complete) killed_after++; /* while closing */
    last_unfinished = unfinished;
    last_complete = complete;
  }
  printf("  %d killed mid-run (run left unfinished), %d after finishing it (while closing), %d "
         "exited before the kill\n", killed_mid_run, killed_after, finished);
  /* The test is only worth something if kills did land inside runs. */
  CHECK(killed_mid_run >= iterations / 3);
}

TEST(concurrent_writers_all_succeed) {
  char path[4096];
  snprintf(path, sizeof path, "%s/concurrent.db", scratch);
  remove_db(path); /* they race to create it too */
  enum { WRITERS = 4, RUNS = 3, FILES = 20 };
  pid_t pids[WRITERS];
  for (int i = 0; i < WRITERS; i++) {
    pids[i] = fork();
    REQUIRE(pids[i] >= 0);
    if (pids[i] == 0) child_write(path, FILES, 0, RUNS);
  }
  for (int i = 0; i < WRITERS; i++) {
    int wstatus;
    waitpid(pids[i], &wstatus, 0);
    CHECK(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
  }
  int64_t unfinished = -1;
  CHECK_EQ_INT(check_db(path, FILES, 4, &unfinished), 0);
  CHECK_EQ_INT(unfinished, 0);
  RcStore *s = NULL;
  REQUIRE(rc_store_open(path, RC_STORE_READONLY, &s) == RC_STORE_OK);
  int64_t complete = 0;
  rc_store_query_int(s, "SELECT count(*) FROM runs WHERE status = 'complete'", &complete, "test");
  CHECK_EQ_INT(complete, WRITERS * RUNS);
  rc_store_close(s);
}

int main(int argc, char **argv) {
  scratch = argc > 1 ? argv[1] : "test_store_crash.tmp";
  if (argc > 2) iterations = atoi(argv[2]);
  mkdir(scratch, 0777);
  RUN(sigkill_at_random_points_leaves_a_valid_database);
  RUN(concurrent_writers_all_succeed);
  return TEST_SUMMARY();
}
