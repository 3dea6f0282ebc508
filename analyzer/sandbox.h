/* sandbox.h — runs untrusted code (an oracle snippet) in a child process under limits, and says how
 * it ended.
 *
 * The child runs in its own process group with resource limits (CPU seconds, address space, file
 * size, open files, no core files) and, where the kernel allows, a seccomp filter that makes fork,
 * vfork and clone fail, so a snippet cannot multiply. The parent supervises: it collects the child's
 * standard output and error up to a cap, kills the whole process group when the wall-clock timeout
 * passes or the output exceeds its cap, and always reaps the child. Nothing the child does can block
 * the parent for longer than the wall-clock timeout.
 *
 * Invariant: when rc_sandbox_run() returns, no process of the child's group is left running. */
#ifndef RC_SANDBOX_H
#define RC_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  unsigned cpu_seconds;   /* RLIMIT_CPU; 0 = no limit */
  unsigned wall_millis;   /* wall-clock timeout; 0 = no limit */
  size_t address_space;   /* RLIMIT_AS in bytes; 0 = no limit (ignored under AddressSanitizer) */
  size_t file_size;       /* RLIMIT_FSIZE in bytes; 0 = no limit */
  size_t output_cap;      /* bytes kept of stdout and of stderr each; more ends the run */
  bool forbid_processes;  /* seccomp: fork, vfork and clone fail with EPERM */
} RcSandboxLimits;

/* Limits for one oracle run: 10 s CPU, 20 s wall, 2 GiB address space, 64 MiB files, 1 MiB output,
 * no new processes. */
RcSandboxLimits rc_sandbox_default_limits(void);

typedef enum {
  RC_SANDBOX_EXITED,       /* exit_code is valid */
  RC_SANDBOX_SIGNALED,     /* term_signal is valid (SIGXCPU when the CPU limit hit) */
  RC_SANDBOX_TIMEOUT,      /* the wall-clock timeout passed; the group was killed */
  RC_SANDBOX_OUTPUT_LIMIT  /* stdout or stderr exceeded output_cap; the group was killed */
} RcSandboxEnd;

typedef struct {
  RcSandboxEnd end;
  int exit_code;         /* when end == RC_SANDBOX_EXITED */
  int term_signal;       /* when end == RC_SANDBOX_SIGNALED */
  double wall_seconds;   /* how long the child ran */
  char *out, *err;       /* captured output, NUL-terminated, owned by the result */
  size_t out_len, err_len;
} RcSandboxResult;

/* The code to run in the child. Its return value becomes the child's exit status. It must not
 * return to the caller's stack in any other way; the child exits with _exit() after it. */
typedef int (*RcSandboxBody)(void *context);

/* Forks, applies `limits` in the child, runs `body(context)` there, and supervises it until it ends.
 * Returns 0 and fills `result` (release it with rc_sandbox_result_free), or -1 with errno set when
 * the child could not be started (then `result` holds nothing to free). */
int rc_sandbox_run(const RcSandboxLimits *limits, RcSandboxBody body, void *context,
                   RcSandboxResult *result);

/* Like rc_sandbox_run, with the child executing argv[0] (a path) with arguments argv. Exit status
 * 127 means the program could not be executed. */
int rc_sandbox_exec(const RcSandboxLimits *limits, char *const argv[], RcSandboxResult *result);

/* Releases what a result owns. */
void rc_sandbox_result_free(RcSandboxResult *result);

/* The SIG* name of a signal a run can end with ("SIGSEGV"), or NULL for another one. */
const char *rc_sandbox_signal_name(int sig);

/* A short phrase for how the run ended ("exited 3", "killed by SIGSEGV", "timed out after 2.0 s",
 * "output over 1048576 bytes"), written into buf. Returns buf. */
const char *rc_sandbox_describe(const RcSandboxResult *result, const RcSandboxLimits *limits,
                                char *buf, size_t size);

#endif
