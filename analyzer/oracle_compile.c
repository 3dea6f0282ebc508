/* oracle_compile.c — the toolchain: compiler, runtime headers, runner; the wrapper; the compile.
 *
 * Where things are found, first match wins:
 *   compiler  $CC (split at spaces: "ccache gcc" works), else the C compiler CMake found when
 *             pyrefcheck was built (RC_ORACLE_CC), else "cc" on PATH;
 *   headers   $PYREFCHECK_RUNTIME_INCLUDE, the source tree's runtime/include (RC_ORACLE_INCLUDE),
 *             then ../share/pyrefcheck/include beside the executable (an installed layout);
 *   runner    $PYREFCHECK_RUNNER, pyrefcheck-runner beside the pyrefcheck executable, the build
 *             tree's (RC_ORACLE_RUNNER), then ../libexec/pyrefcheck/pyrefcheck-runner.
 *
 * The wrapper is a generated translation unit that #includes the snippet by its absolute path
 * (so the snippet's own #include "x.h" still resolve beside it, and its __FILE__ — the site the
 * runtime records — is that path) and exports a table of the addresses of the functions, method
 * tables, types, type specs and module definitions the source scan found, static ones included.
 * A name the scan found but the compiler does not see (hidden by #ifdef) makes the wrapper fail on
 * its own lines: those entries are dropped and the compile is retried once.
 *
 * Everything is written in a private temporary directory (mkdtemp under $TMPDIR) that
 * rc_oracle_toolchain_cleanup removes. The compiler runs under the sandbox's wall timeout and
 * output cap (it may fork: cc1, as, ld). */
#include "oracle.h"
#include "sandbox.h"

#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#ifndef RC_ORACLE_CC
#define RC_ORACLE_CC "cc"
#endif
#ifndef RC_ORACLE_INCLUDE
#define RC_ORACLE_INCLUDE ""
#endif
#ifndef RC_ORACLE_RUNNER
#define RC_ORACLE_RUNNER ""
#endif

/* snprintf that says whether everything fit (paths that do not fit are refused, not cut). */
__attribute__((format(printf, 3, 4))) static int fit(char *dst, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(dst, size, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= size) {
    if (size) dst[0] = '\0';
    return -1;
  }
  return 0;
}

static int is_file(const char *path, int executable) {
  struct stat st;
  return path[0] && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
         (!executable || access(path, X_OK) == 0);
}

static int is_dir_with_python_h(const char *dir) {
  char path[4200];
  (void)fit(path, sizeof path, "%s/Python.h", dir);
  return dir[0] && is_file(path, 0);
}

/* The directory of the running executable (from /proc, else argv0). */
static void exe_dir(const char *argv0, char *out, size_t size) {
  char path[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n > 0) path[n] = '\0';
  else if (realpath(argv0, path) == NULL) (void)fit(path, sizeof path, "%s", argv0);
  char *slash = strrchr(path, '/');
  if (slash) *slash = '\0';
  else (void)fit(path, sizeof path, ".");
  (void)fit(out, size, "%s", path);
}

int rc_oracle_toolchain_find(RcOracleToolchain *tc, const char *argv0) {
  memset(tc, 0, sizeof *tc);
  char here[PATH_MAX];
  exe_dir(argv0, here, sizeof here);
  const char *cc = getenv("CC");
  (void)fit(tc->compiler, sizeof tc->compiler, "%s", cc && *cc ? cc : RC_ORACLE_CC);

  const char *inc = getenv("PYREFCHECK_RUNTIME_INCLUDE");
  char candidate[4200];
  if (inc && *inc) (void)fit(tc->include_dir, sizeof tc->include_dir, "%s", inc);
  else if (is_dir_with_python_h(RC_ORACLE_INCLUDE))
    (void)fit(tc->include_dir, sizeof tc->include_dir, "%s", RC_ORACLE_INCLUDE);
  else {
    (void)fit(candidate, sizeof candidate, "%s/../share/pyrefcheck/include", here);
    if (is_dir_with_python_h(candidate)) (void)fit(tc->include_dir, sizeof tc->include_dir, "%s", candidate);
  }
  if (!is_dir_with_python_h(tc->include_dir)) {
    fprintf(stderr, "pyrefcheck: oracle: the runtime's headers (Python.h) were not found; set "
                    "PYREFCHECK_RUNTIME_INCLUDE to runtime/include\n");
    return -1;
  }

  const char *runner = getenv("PYREFCHECK_RUNNER");
  if (runner && *runner) (void)fit(tc->runner, sizeof tc->runner, "%s", runner);
  else {
    (void)fit(candidate, sizeof candidate, "%s/pyrefcheck-runner", here);
    if (is_file(candidate, 1)) (void)fit(tc->runner, sizeof tc->runner, "%s", candidate);
    else if (is_file(RC_ORACLE_RUNNER, 1)) (void)fit(tc->runner, sizeof tc->runner, "%s", RC_ORACLE_RUNNER);
    else {
      (void)fit(candidate, sizeof candidate, "%s/../libexec/pyrefcheck/pyrefcheck-runner", here);
      (void)fit(tc->runner, sizeof tc->runner, "%s", candidate);
    }
  }
  if (!is_file(tc->runner, 1)) {
    fprintf(stderr, "pyrefcheck: oracle: pyrefcheck-runner was not found (looked for %s); set "
                    "PYREFCHECK_RUNNER\n", tc->runner);
    return -1;
  }

  const char *tmp = getenv("TMPDIR");
  (void)fit(tc->tmpdir, sizeof tc->tmpdir, "%s/pyrefcheck-oracle-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (mkdtemp(tc->tmpdir) == NULL) {
    fprintf(stderr, "pyrefcheck: oracle: cannot make a temporary directory: %s\n", strerror(errno));
    tc->tmpdir[0] = '\0';
    return -1;
  }
  return 0;
}

void rc_oracle_toolchain_cleanup(RcOracleToolchain *tc) {
  if (!tc->tmpdir[0]) return;
  DIR *d = opendir(tc->tmpdir);
  if (d) {
    struct dirent *ent;
    char path[4400];
    while ((ent = readdir(d)) != NULL) {
      if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0) continue;
      (void)fit(path, sizeof path, "%s/%s", tc->tmpdir, ent->d_name);
      if (unlink(path) != 0 && errno == EISDIR) {
        char inner[4500];
        (void)fit(inner, sizeof inner, "%s/Python.h", path);
        unlink(inner);
        rmdir(path);
      }
    }
    closedir(d);
  }
  rmdir(tc->tmpdir);
  tc->tmpdir[0] = '\0';
}

/* --- the wrapper --------------------------------------------------------------------------------- */

typedef struct {
  const char *name;
  int kind;       /* runner.h RcExportKind: 1 function, 2 methods, 3 type, 4 moduledef, 5 spec */
  int line;       /* its line in the wrapper */
  int dropped;
} Export;

static int write_wrapper(const char *path, const char *snippet_abs, Export *ex, size_t n) {
  FILE *f = fopen(path, "w");
  if (f == NULL) return -1;
  int line = 1;
  fprintf(f, "/* generated by pyrefcheck oracle: do not edit */\n");
  line++;
  fprintf(f, "#include \"%s\"\n", snippet_abs);
  line++;
  fprintf(f, "typedef struct { const char *name; int kind; void (*fn)(void); const void *data; } "
             "RcOracleExport;\n");
  line++;
  fprintf(f, "const RcOracleExport rc_oracle_exports[] = {\n");
  line++;
  for (size_t i = 0; i < n; i++) {
    ex[i].line = line;
    if (ex[i].dropped) {
      fprintf(f, "\n");
    } else if (ex[i].kind == 1) {
      fprintf(f, "  {\"%s\", 1, (void (*)(void))%s, 0},\n", ex[i].name, ex[i].name);
    } else {
      fprintf(f, "  {\"%s\", %d, 0, (const void *)%s%s},\n", ex[i].name, ex[i].kind,
              ex[i].kind == 2 ? "" : "&", ex[i].name);
    }
    line++;
  }
  fprintf(f, "  {0, 0, 0, 0}};\n");
  return fclose(f) == 0 ? 0 : -1;
}

/* Replaces every occurrence of `from` in text with `to`, writing the result to out. */
static void write_replacing(FILE *out, const char *text, const char *from, const char *to) {
  size_t n = strlen(from);
  while (*text) {
    const char *hit = n ? strstr(text, from) : NULL;
    if (hit == NULL) {
      fputs(text, out);
      return;
    }
    fwrite(text, 1, (size_t)(hit - text), out);
    fputs(to, out);
    text = hit + n;
  }
}

/* Drops the exports whose wrapper line the compiler complained about. Returns how many it dropped;
 * 0 when an error lies outside the wrapper's table (a real error of the snippet). */
static int drop_failed_exports(const char *messages, const char *wrapper, Export *ex, size_t n) {
  int dropped = 0, foreign = 0;
  size_t wlen = strlen(wrapper);
  for (const char *p = messages; p && *p;) {
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) : strlen(p);
    char *line_text = strndup(p, len);
    int is_error = line_text != NULL && strstr(line_text, "error:") != NULL;
    free(line_text);
    if (is_error) {
      if (len > wlen && strncmp(p, wrapper, wlen) == 0 && p[wlen] == ':') {
        int line = atoi(p + wlen + 1), hit = 0;
        for (size_t i = 0; i < n; i++)
          if (ex[i].line == line && !ex[i].dropped) {
            ex[i].dropped = 1;
            dropped++;
            hit = 1;
          }
        if (!hit) foreign = 1;
      } else {
        foreign = 1;
      }
    }
    p = eol ? eol + 1 : NULL;
  }
  return foreign ? 0 : dropped;
}

/* Prints the compiler's messages as if the snippet had been compiled on its own. */
static void show_messages(const char *text, const char *wrapper, const RcOracle *o) {
  for (const char *p = text; p && *p;) {
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) + 1 : strlen(p);
    char *line = strndup(p, len);
    if (line && strstr(line, wrapper) == NULL) write_replacing(stderr, line, o->snippet_abs, o->snippet);
    free(line);
    p = eol ? eol + 1 : NULL;
  }
}

int rc_oracle_compile(RcOracleToolchain *tc, RcOracle *o, char **cflags, int ncflags) {
  const RcOracleSource *src = &o->source;
  size_t n = src->nfuncs + src->nvars;
  Export *ex = calloc(n ? n : 1, sizeof *ex);
  char **argv = calloc((size_t)ncflags + 64, sizeof *argv);
  char *ccline = strdup(tc->compiler);
  int rc = -1;
  if (ex == NULL || argv == NULL || ccline == NULL) goto out;
  for (size_t i = 0; i < src->nfuncs; i++) ex[i] = (Export){src->funcs[i].name, 1, 0, 0};
  for (size_t i = 0; i < src->nvars; i++)
    ex[src->nfuncs + i] = (Export){src->vars[i].name, src->vars[i].kind == RC_ORACLE_VAR_METHODS ? 2
                                                      : src->vars[i].kind == RC_ORACLE_VAR_TYPE ? 3
                                                      : src->vars[i].kind == RC_ORACLE_VAR_SPEC ? 5 : 4,
                                   0, 0};

  char wrapper[4200], so[4200], include[4200];
  (void)fit(wrapper, sizeof wrapper, "%s/wrapper.c", tc->tmpdir);
  (void)fit(so, sizeof so, "%s/snippet.so", tc->tmpdir);
  (void)fit(include, sizeof include, "-I%s", tc->include_dir);
  int argc = 0;
  for (char *tok = strtok(ccline, " \t"); tok && argc < 16; tok = strtok(NULL, " \t")) argv[argc++] = tok;
  if (argc == 0) goto out;
  /* a bare compiler name is looked up on PATH: the sandbox executes a path */
  char resolved[4200];
  if (strchr(argv[0], '/') == NULL) {
    const char *path = getenv("PATH");
    char *copy = strdup(path ? path : "/usr/bin:/bin");
    resolved[0] = '\0';
    for (char *dir = copy ? strtok(copy, ":") : NULL; dir; dir = strtok(NULL, ":")) {
      (void)fit(resolved, sizeof resolved, "%s/%s", dir, argv[0]);
      if (is_file(resolved, 1)) break;
      resolved[0] = '\0';
    }
    free(copy);
    if (resolved[0] == '\0') {
      fprintf(stderr, "pyrefcheck: oracle: compiler '%s' not found on PATH (set CC)\n", argv[0]);
      goto out;
    }
    argv[0] = resolved;
  }
  static char fixed[][40] = {"-shared", "-fPIC", "-O0", "-DPYREFCHECK_ORACLE=1",
                             "-Werror=implicit-function-declaration", "-Wno-unused-function",
                             "-fno-omit-frame-pointer"};
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) argv[argc++] = fixed[i];
  char shim[4200], shim_flag[4300];
  if (rc_oracle_gates_write(tc->tmpdir, tc->include_dir, shim, sizeof shim) < 0) {
    fprintf(stderr, "pyrefcheck: oracle: cannot write the shim header: %s\n", strerror(errno));
    goto out;
  }
  (void)fit(shim_flag, sizeof shim_flag, "-I%s", shim);
  argv[argc++] = shim_flag; /* first: the snippet's <Python.h> is the shim */
  argv[argc++] = include;
  for (int i = 0; i < ncflags; i++) argv[argc++] = cflags[i];
  static char dash_o[] = "-o";
  argv[argc++] = dash_o;
  argv[argc++] = so;
  argv[argc++] = wrapper;
  argv[argc] = NULL;

  RcSandboxLimits limits = rc_sandbox_default_limits();
  limits.forbid_processes = false;
  limits.wall_millis = 120000;
  limits.cpu_seconds = 120;
  limits.address_space = 0;
  limits.file_size = (size_t)256 << 20;
  for (int attempt = 0; attempt < 2; attempt++) {
    if (write_wrapper(wrapper, o->snippet_abs, ex, n) < 0) {
      fprintf(stderr, "pyrefcheck: oracle: cannot write %s: %s\n", wrapper, strerror(errno));
      goto out;
    }
    RcSandboxResult res;
    if (rc_sandbox_exec(&limits, argv, &res) < 0) {
      fprintf(stderr, "pyrefcheck: oracle: cannot run the compiler: %s\n", strerror(errno));
      goto out;
    }
    int ok = res.end == RC_SANDBOX_EXITED && res.exit_code == 0;
    if (res.end == RC_SANDBOX_EXITED && res.exit_code == 127) {
      fprintf(stderr, "pyrefcheck: oracle: cannot run the compiler %s\n", argv[0]);
      rc_sandbox_result_free(&res);
      goto out;
    }
    if (!ok && attempt == 0 && drop_failed_exports(res.err, wrapper, ex, n) > 0) {
      rc_sandbox_result_free(&res);
      continue;
    }
    show_messages(res.out, wrapper, o);
    show_messages(res.err, wrapper, o);
    if (!ok && res.end != RC_SANDBOX_EXITED) {
      char how[96];
      fprintf(stderr, "pyrefcheck: oracle: the compiler %s\n", rc_sandbox_describe(&res, &limits, how, sizeof how));
    }
    rc_sandbox_result_free(&res);
    rc = ok ? 0 : 1;
    break;
  }
out:
  free(ex);
  free(argv);
  free(ccline);
  return rc;
}

int rc_oracle_run_runner(const RcOracleToolchain *tc, char *const *args, unsigned wall_seconds,
                         char **out) {
  char *argv[16];
  int argc = 0;
  argv[argc++] = (char *)tc->runner;
  for (int i = 0; args[i] && argc < 15; i++) argv[argc++] = args[i];
  argv[argc] = NULL;
  RcSandboxLimits limits = rc_sandbox_default_limits();
  limits.forbid_processes = false; /* the runner starts the (sandboxed) children */
  limits.wall_millis = wall_seconds * 1000u;
  limits.cpu_seconds = 0;
  limits.output_cap = (size_t)64 << 20;
  RcSandboxResult res;
  *out = NULL;
  if (rc_sandbox_exec(&limits, argv, &res) < 0) {
    fprintf(stderr, "pyrefcheck: oracle: cannot run %s: %s\n", tc->runner, strerror(errno));
    return -1;
  }
  int ok = res.end == RC_SANDBOX_EXITED && res.exit_code == 0;
  if (!ok) {
    char how[96];
    fprintf(stderr, "pyrefcheck: oracle: %s %s\n", tc->runner, rc_sandbox_describe(&res, &limits, how, sizeof how));
    if (res.err_len) fprintf(stderr, "%s", res.err);
    rc_sandbox_result_free(&res);
    return -1;
  }
  *out = res.out;
  res.out = NULL;
  rc_sandbox_result_free(&res);
  return 0;
}
