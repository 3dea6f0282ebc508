/* sandbox.c — a supervised child process under resource limits (see sandbox.h). */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__linux__)
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#define RC_HAVE_SECCOMP 1
#endif

#if defined(__SANITIZE_ADDRESS__)
#define RC_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RC_UNDER_ASAN 1
#endif
#endif

RcSandboxLimits rc_sandbox_default_limits(void) {
  RcSandboxLimits limits = {
    .cpu_seconds = 10,
    .wall_millis = 20000,
    .address_space = (size_t)2 << 30,
    .file_size = (size_t)64 << 20,
    .output_cap = (size_t)1 << 20,
    .forbid_processes = true,
  };
  return limits;
}

/* --- in the child ------------------------------------------------------------------------------ */

static void set_limit(int resource, rlim_t soft, rlim_t hard) {
  struct rlimit rl = {soft, hard};
  setrlimit(resource, &rl); /* best effort: a limit we cannot lower is not worth failing the run */
}

#ifdef RC_HAVE_SECCOMP
/* Installs a filter under which fork, vfork and clone fail with EPERM and clone3 with ENOSYS (so
 * that a C library falls back to clone, which then fails). Other system calls are allowed; a
 * foreign architecture is let through untouched. Returns 0, or -1 if the kernel refused. */
static int forbid_new_processes(void) {
#if defined(__x86_64__)
  const unsigned arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
  const unsigned arch = AUDIT_ARCH_AARCH64;
#else
  return -1;
#endif
#define DENY(nr, err) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
                      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((err) & SECCOMP_RET_DATA))
  struct sock_filter filter[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#ifdef __NR_fork
    DENY(__NR_fork, EPERM),
#endif
#ifdef __NR_vfork
    DENY(__NR_vfork, EPERM),
#endif
    DENY(__NR_clone, EPERM),
#ifdef __NR_clone3
    DENY(__NR_clone3, ENOSYS),
#endif
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
#undef DENY
  struct sock_fprog program = {(unsigned short)(sizeof filter / sizeof filter[0]), filter};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0 ? 0 : -1;
}
#endif

/* Applies the limits in the child, before any untrusted code runs. */
static void apply_limits(const RcSandboxLimits *limits) {
  set_limit(RLIMIT_CORE, 0, 0);
  set_limit(RLIMIT_NOFILE, 256, 256);
  if (limits->cpu_seconds) /* SIGXCPU at the soft limit, SIGKILL a second later */
    set_limit(RLIMIT_CPU, limits->cpu_seconds, limits->cpu_seconds + 1);
#ifndef RC_UNDER_ASAN /* AddressSanitizer reserves terabytes of shadow address space */
  if (limits->address_space) set_limit(RLIMIT_AS, limits->address_space, limits->address_space);
#endif
  if (limits->file_size) set_limit(RLIMIT_FSIZE, limits->file_size, limits->file_size);
#ifdef RC_HAVE_SECCOMP
  if (limits->forbid_processes) forbid_new_processes();
#endif
}

/* --- in the parent ------------------------------------------------------------------------------- */

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
  int fd;            /* -1 once closed */
  char *data;
  size_t len, cap;   /* cap: the most bytes kept */
} Capture;

/* Reads what is available into the capture. Returns 1 if the stream is still open, 0 at its end,
 * -1 when it went over its cap. */
static int drain(Capture *c) {
  char chunk[65536];
  ssize_t n = read(c->fd, chunk, sizeof chunk);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
  if (n <= 0) {
    close(c->fd);
    c->fd = -1;
    return 0;
  }
  if (c->len + (size_t)n > c->cap) return -1;
  memcpy(c->data + c->len, chunk, (size_t)n);
  c->len += (size_t)n;
  c->data[c->len] = '\0';
  return 1;
}

static void kill_group(pid_t pid) {
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
}

/* Supervises the child `pid` whose stdout/stderr are out_fd/err_fd, until it has ended. */
static void supervise(pid_t pid, int out_fd, int err_fd, const RcSandboxLimits *limits,
                      RcSandboxResult *result) {
  const double start = now_seconds();
  const double deadline = limits->wall_millis ? start + limits->wall_millis / 1000.0 : 0;
  Capture streams[2] = {{out_fd, result->out, 0, limits->output_cap},
                        {err_fd, result->err, 0, limits->output_cap}};
  bool killed = false;
  int status = 0;

  while (streams[0].fd >= 0 || streams[1].fd >= 0) {
    struct pollfd fds[2];
    nfds_t count = 0;
    for (int i = 0; i < 2; i++)
      if (streams[i].fd >= 0) fds[count++] = (struct pollfd){streams[i].fd, POLLIN, 0};
    int wait_ms = -1;
    if (deadline) {
      double left = deadline - now_seconds();
      wait_ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
    }
    int ready = poll(fds, count, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0 || (deadline && now_seconds() >= deadline)) {
      result->end = RC_SANDBOX_TIMEOUT;
      killed = true;
      break;
    }
    for (nfds_t k = 0; k < count; k++) {
      if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Capture *c = fds[k].fd == streams[0].fd ? &streams[0] : &streams[1];
      if (drain(c) < 0) {
        result->end = RC_SANDBOX_OUTPUT_LIMIT;
        killed = true;
      }
    }
    if (killed) break;
  }
  /* Both streams closed (or the run was cut short): wait for the exit, still under the deadline. */
  while (!killed) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) break;
    if (deadline && now_seconds() >= deadline) {
      result->end = RC_SANDBOX_TIMEOUT;
      killed = true;
      break;
    }
    struct timespec pause = {0, 1000000};
    nanosleep(&pause, NULL);
  }
  kill_group(pid); /* also reaps nothing: it only makes sure no straggler of the group lives on */
  if (killed) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  for (int i = 0; i < 2; i++)
    if (streams[i].fd >= 0) close(streams[i].fd);
  result->out_len = streams[0].len;
  result->err_len = streams[1].len;
  result->wall_seconds = now_seconds() - start;
  if (!killed) {
    if (WIFSIGNALED(status)) {
      result->end = RC_SANDBOX_SIGNALED;
      result->term_signal = WTERMSIG(status);
    } else {
      result->end = RC_SANDBOX_EXITED;
      result->exit_code = WEXITSTATUS(status);
    }
  }
}

typedef struct {
  RcSandboxBody body;
  void *context;
  char *const *argv; /* for rc_sandbox_exec */
} ChildWork;

static int start(const RcSandboxLimits *limits, const ChildWork *work, RcSandboxResult *result) {
  int out_pipe[2], err_pipe[2];
  memset(result, 0, sizeof *result);
  if (pipe(out_pipe) != 0) return -1;
  if (pipe(err_pipe) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return -1;
  }
  result->out = malloc(limits->output_cap + 1);
  result->err = malloc(limits->output_cap + 1);
  if (result->out == NULL || result->err == NULL) goto fail;
  result->out[0] = result->err[0] = '\0';

  fflush(NULL); /* nothing buffered in the parent may be written twice by the child */
  pid_t pid = fork();
  if (pid < 0) goto fail;
  if (pid == 0) {
    setpgid(0, 0);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    close(out_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[0]);
    close(err_pipe[1]);
    apply_limits(limits);
    int code;
    if (work->argv != NULL) {
      execv(work->argv[0], work->argv);
      fprintf(stderr, "cannot execute %s: %s\n", work->argv[0], strerror(errno));
      code = 127;
    } else {
      code = work->body(work->context);
    }
    fflush(stdout);
    fflush(stderr);
    _exit(code);
  }
  setpgid(pid, pid); /* also from here, so the group exists before we might have to kill it */
  close(out_pipe[1]);
  close(err_pipe[1]);
  fcntl(out_pipe[0], F_SETFD, FD_CLOEXEC);
  fcntl(err_pipe[0], F_SETFD, FD_CLOEXEC);
  supervise(pid, out_pipe[0], err_pipe[0], limits, result);
  return 0;

fail:;
  int saved = errno;
  close(out_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[0]);
  close(err_pipe[1]);
  rc_sandbox_result_free(result);
  errno = saved;
  return -1;
}

int rc_sandbox_run(const RcSandboxLimits *limits, RcSandboxBody body, void *context,
                   RcSandboxResult *result) {
  ChildWork work = {body, context, NULL};
  return start(limits, &work, result);
}

int rc_sandbox_exec(const RcSandboxLimits *limits, char *const argv[], RcSandboxResult *result) {
  ChildWork work = {NULL, NULL, argv};
  return start(limits, &work, result);
}

void rc_sandbox_result_free(RcSandboxResult *result) {
  free(result->out);
  free(result->err);
  result->out = result->err = NULL;
  result->out_len = result->err_len = 0;
}

const char *rc_sandbox_signal_name(int sig) {
  switch (sig) {
  case SIGSEGV: return "SIGSEGV";
  case SIGBUS: return "SIGBUS";
  case SIGABRT: return "SIGABRT";
  case SIGFPE: return "SIGFPE";
  case SIGILL: return "SIGILL";
  case SIGKILL: return "SIGKILL";
  case SIGXCPU: return "SIGXCPU";
  case SIGXFSZ: return "SIGXFSZ";
  case SIGTERM: return "SIGTERM";
  case SIGPIPE: return "SIGPIPE";
  case SIGTRAP: return "SIGTRAP";
  case SIGSYS: return "SIGSYS";
  default: return NULL;
  }
}

const char *rc_sandbox_describe(const RcSandboxResult *result, const RcSandboxLimits *limits,
                                char *buf, size_t size) {
  switch (result->end) {
  case RC_SANDBOX_EXITED: snprintf(buf, size, "exited %d", result->exit_code); break;
  case RC_SANDBOX_SIGNALED: {
    const char *name = rc_sandbox_signal_name(result->term_signal);
    if (name != NULL) snprintf(buf, size, "killed by %s", name);
    else snprintf(buf, size, "killed by signal %d", result->term_signal);
    break;
  }
  case RC_SANDBOX_TIMEOUT:
    snprintf(buf, size, "timed out after %.1f s", limits->wall_millis / 1000.0);
    break;
  case RC_SANDBOX_OUTPUT_LIMIT:
    snprintf(buf, size, "output over %zu bytes", limits->output_cap);
    break;
  }
  return buf;
}
