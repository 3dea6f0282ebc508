/* test_sandbox.c — the oracle's sandbox against well-behaved and hostile children. */
#include "sandbox.h"
#include "test.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#else
#define UNDER_ASAN 0
#endif

static RcSandboxLimits quick_limits(void) {
  RcSandboxLimits limits = rc_sandbox_default_limits();
  limits.wall_millis = 3000;
  limits.cpu_seconds = 2;
  limits.output_cap = 4096;
  return limits;
}

static int say_hello(void *context) {
  (void)context;
  printf("hello\n");
  fprintf(stderr, "warning\n");
  return 3;
}

TEST(exit_code_and_output_are_captured) {
  RcSandboxLimits limits = quick_limits();
  RcSandboxResult r;
  REQUIRE(rc_sandbox_run(&limits, say_hello, NULL, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_EXITED);
  CHECK_EQ_INT(r.exit_code, 3);
  CHECK_EQ_STR(r.out, "hello\n");
  CHECK_EQ_STR(r.err, "warning\n");
  char text[64];
  CHECK_EQ_STR(rc_sandbox_describe(&r, &limits, text, sizeof text), "exited 3");
  rc_sandbox_result_free(&r);
}

static int die_by_signal(void *context) {
  (void)context;
  raise(SIGUSR1); /* not SIGSEGV: AddressSanitizer would turn that into an exit */
  return 0;
}

TEST(death_by_signal_is_reported) {
  RcSandboxLimits limits = quick_limits();
  RcSandboxResult r;
  REQUIRE(rc_sandbox_run(&limits, die_by_signal, NULL, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_SIGNALED);
  CHECK_EQ_INT(r.term_signal, SIGUSR1);
  rc_sandbox_result_free(&r);
}

static int spin_forever(void *context) {
  (void)context;
  for (volatile unsigned long i = 0;; i++) {
  }
  return 0;
}

TEST(endless_loop_times_out) {
  RcSandboxLimits limits = quick_limits();
  limits.wall_millis = 300;
  limits.cpu_seconds = 0;
  RcSandboxResult r;
  REQUIRE(rc_sandbox_run(&limits, spin_forever, NULL, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_TIMEOUT);
  /* killed at the deadline, not when the child ends: the upper bound is loose because a loaded
   * CI machine can take seconds to schedule the parent (a child that ran on would take forever) */
  CHECK(r.wall_seconds >= 0.3 && r.wall_seconds < 15.0);
  rc_sandbox_result_free(&r);
}

TEST(cpu_limit_stops_a_busy_child) {
  RcSandboxLimits limits = quick_limits();
  limits.cpu_seconds = 1;
  limits.wall_millis = 120000; /* one CPU second can take many wall seconds on a loaded machine */
  RcSandboxResult r;
  REQUIRE(rc_sandbox_run(&limits, spin_forever, NULL, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_SIGNALED);
  CHECK(r.term_signal == SIGXCPU || r.term_signal == SIGKILL);
  rc_sandbox_result_free(&r);
}

static int close_streams_and_spin(void *context) {
  close(STDOUT_FILENO);
  close(STDERR_FILENO);
  return spin_forever(context);
}

TEST(silent_endless_child_times_out) {
  RcSandboxLimits limits = quick_limits();
  limits.wall_millis = 300;
  limits.cpu_seconds = 0;
  RcSandboxResult r;
  REQUIRE(rc_sandbox_run(&limits, close_streams_and_spin, NULL, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_TIMEOUT);
  rc_sandbox_result_free(&r);
}

static int fork_bomb(void *context) {
  (void)context;
  int started = 0, refused = 0;
  for (int i = 0; i < 1000; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      for (;;) pause(); /* a child that got through stays around */
    }
    if (pid > 0) started++;
    if (pid < 0 && errno == EPERM) refused++;
  }
  printf("started %d refused %d\n", started, refused);
  return 0;
}

TEST(fork_bomb_is_refused) {
  RcSandboxLimits limits = quick_limits();
  RcSandboxResult r;
  REQUIRE(rc_sandbox_run(&limits, fork_bomb, NULL, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_EXITED);
  CHECK_EQ_STR(r.out, "started 0 refused 1000\n");
  rc_sandbox_result_free(&r);
}

static int allocate_without_bound(void *context) {
  (void)context;
  size_t chunks = 0;
  for (;;) {
    char *p = malloc((size_t)1 << 20);
    if (p == NULL) break;
    for (size_t i = 0; i < ((size_t)1 << 20); i += 4096) p[i] = 1; /* really use it */
    chunks++;
  }
  printf("%zu\n", chunks);
  return 0;
}

TEST(unbounded_allocation_hits_the_address_space_limit) {
  if (UNDER_ASAN) return; /* the address-space limit is off under AddressSanitizer */
  RcSandboxLimits limits = quick_limits();
  limits.address_space = (size_t)256 << 20;
  RcSandboxResult r;
  REQUIRE(rc_sandbox_run(&limits, allocate_without_bound, NULL, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_EXITED);
  long chunks = atol(r.out);
  CHECK(chunks > 0 && chunks < 256);
  rc_sandbox_result_free(&r);
}

static int flood_stdout(void *context) {
  (void)context;
  for (;;) fputs("spam spam spam spam spam spam spam spam\n", stdout);
  return 0;
}

TEST(output_flood_is_cut) {
  RcSandboxLimits limits = quick_limits();
  RcSandboxResult r;
  REQUIRE(rc_sandbox_run(&limits, flood_stdout, NULL, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_OUTPUT_LIMIT);
  CHECK(r.out_len <= limits.output_cap);
  CHECK(r.wall_seconds < 15.0); /* loose: a loaded machine can take seconds to schedule us */
  rc_sandbox_result_free(&r);
}

static int write_big_file(void *context) {
  FILE *f = fopen((const char *)context, "wb");
  if (f == NULL) return 9;
  static char block[65536];
  for (int i = 0; i < 64; i++) fwrite(block, 1, sizeof block, f); /* 4 MiB */
  fclose(f);
  return 0;
}

TEST(file_size_limit_stops_a_writer) {
  RcSandboxLimits limits = quick_limits();
  limits.file_size = (size_t)1 << 20;
  char path[] = "/tmp/rc-sandbox-fsize-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  RcSandboxResult r;
  REQUIRE(rc_sandbox_run(&limits, write_big_file, path, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_SIGNALED);
  CHECK_EQ_INT(r.term_signal, SIGXFSZ);
  unlink(path);
  rc_sandbox_result_free(&r);
}

TEST(exec_runs_a_program) {
  RcSandboxLimits limits = quick_limits();
  limits.forbid_processes = true; /* execve stays allowed */
  char *argv[] = {(char *)"/bin/echo", (char *)"from echo", NULL};
  RcSandboxResult r;
  REQUIRE(rc_sandbox_exec(&limits, argv, &r) == 0);
  CHECK_EQ_INT(r.end, RC_SANDBOX_EXITED);
  CHECK_EQ_INT(r.exit_code, 0);
  CHECK_EQ_STR(r.out, "from echo\n");
  rc_sandbox_result_free(&r);

  char *missing[] = {(char *)"/nonexistent/program", NULL};
  REQUIRE(rc_sandbox_exec(&limits, missing, &r) == 0);
  CHECK_EQ_INT(r.exit_code, 127);
  CHECK_CONTAINS(r.err, "cannot execute /nonexistent/program");
  rc_sandbox_result_free(&r);
}

int main(void) {
  RUN(exit_code_and_output_are_captured);
  RUN(death_by_signal_is_reported);
  RUN(endless_loop_times_out);
  RUN(cpu_limit_stops_a_busy_child);
  RUN(silent_endless_child_times_out);
  RUN(fork_bomb_is_refused);
  RUN(unbounded_allocation_hits_the_address_space_limit);
  RUN(output_flood_is_cut);
  RUN(file_size_limit_stops_a_writer);
  RUN(exec_runs_a_program);
  return TEST_SUMMARY();
}
