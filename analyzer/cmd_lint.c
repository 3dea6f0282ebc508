/* cmd_lint.c — `pyrefcheck lint`: options, inputs, the run over every file, output and exit code.
 *
 * Exit codes: 0 nothing found, 1 findings (warnings or errors), 2 a usage or input error or a file
 * with compile errors (its findings are still printed), 3 an internal failure. */
#include "cli.h"
#include "frontend.h"
#include "lint.h"
#include "report.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void print_help(void) {
  fputs("usage: pyrefcheck lint [options] PATH... [-- COMPILER-ARGS...]\n"
        "\n"
        "Analyses C extension sources (files, or directories holding *.c files) for\n"
        "reference-ownership bugs, and prints each finding with the path that explains it.\n"
        "\n"
        "options:\n"
        "  -p DIR                read compile commands from DIR/compile_commands.json\n"
        "  --format FORMAT       output format: text (default), json or sarif\n"
        "  --python-version X.Y  the Python version to target (default: the headers' version)\n"
        "  --color WHEN          colour the output: auto (default), always or never\n"
        "  --dump-cfg            print each function's control-flow graph (debugging)\n"
        "  -h, --help            show this help\n"
        "\n"
        "Compiler arguments after `--` are passed to the parser; a whole compile command\n"
        "(`-- cc -I... -c file.c -o file.o`, as CMAKE_C_CLANG_TIDY passes it) is accepted.\n"
        "Without include paths, those of `python3-config --includes` are used.\n"
        "\n"
        "exit codes: 0 clean, 1 findings, 2 usage or input error (also: a file with compile\n"
        "errors), 3 internal error\n",
        stdout);
}

/* Checks that `path` names a readable file or directory; reports the problem otherwise. */
static int check_input(const char *path, int *status) {
  struct stat st;
  if (stat(path, &st) != 0) {
    rc_cli_error(path, "%s", errno == ENOENT ? "no such file or directory" : strerror(errno));
    *status = RC_EXIT_USAGE;
    return -1;
  }
  if (access(path, R_OK) != 0) {
    rc_cli_error(path, "cannot read: %s", strerror(errno));
    *status = RC_EXIT_USAGE;
    return -1;
  }
  return 0;
}

static int parse_version(const char *text, RcPyVersion *out) {
  int major = 0, minor = 0;
  char extra;
  if (sscanf(text, "%d.%d%c", &major, &minor, &extra) != 2 || major != 3 || minor < 0 || minor > 99)
    return -1;
  *out = RC_PY_VERSION(major, minor);
  return 0;
}

int rc_cmd_lint(int argc, char **argv) {
  static const struct option options[] = {
    {"format", required_argument, NULL, 'f'},
    {"python-version", required_argument, NULL, 'V'},
    {"color", required_argument, NULL, 'c'},
    {"dump-cfg", no_argument, NULL, 'D'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  int status = RC_EXIT_CLEAN;
  int option_argc = rc_cli_split_at_dashdash(argc, argv);
  const char *build_dir = NULL, *format = "text";
  RcLintOptions lo;
  memset(&lo, 0, sizeof lo);
  lo.notes = stdout;
  lo.errors = stderr;
  int color = -1; /* auto */
  int opt;

  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(option_argc, argv, "p:h", options, NULL)) != -1) {
    switch (opt) {
    case 'p': build_dir = optarg; break;
    case 'f':
      if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0 && strcmp(optarg, "sarif") != 0) {
        rc_cli_error("lint", "unknown format '%s' (expected text, json or sarif)", optarg);
        return RC_EXIT_USAGE;
      }
      format = optarg;
      break;
    case 'V':
      if (parse_version(optarg, &lo.version) != 0) {
        rc_cli_error("lint", "bad --python-version '%s' (expected 3.N)", optarg);
        return RC_EXIT_USAGE;
      }
      break;
    case 'c':
      if (strcmp(optarg, "always") == 0) color = 1;
      else if (strcmp(optarg, "never") == 0) color = 0;
      else if (strcmp(optarg, "auto") == 0) color = -1;
      else {
        rc_cli_error("lint", "bad --color '%s' (expected auto, always or never)", optarg);
        return RC_EXIT_USAGE;
      }
      break;
    case 'D': lo.dump_cfg = true; break;
    case 'h': print_help(); return RC_EXIT_CLEAN;
    default:
      rc_cli_error("lint", "bad option '%s' (see 'pyrefcheck lint --help')", argv[optind - 1]);
      return RC_EXIT_USAGE;
    }
  }
  if (build_dir == NULL && optind >= option_argc) {
    rc_cli_error("lint", "no input files (see 'pyrefcheck lint --help')");
    return RC_EXIT_USAGE;
  }
  for (int i = optind; i < option_argc; i++) check_input(argv[i], &status);
  if (build_dir != NULL) {
    char db_path[4096];
    snprintf(db_path, sizeof db_path, "%s/compile_commands.json", build_dir);
    check_input(db_path, &status);
  }
  if (status != RC_EXIT_CLEAN) return status;
  if (strcmp(format, "text") != 0) {
    rc_cli_error("lint", "--format %s is not built yet in this version (text only)", format);
    return RC_EXIT_USAGE;
  }
  if (color < 0) color = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;

  RcJobs jobs = {0};
  char *error = NULL;
  char *const *extra = option_argc < argc ? argv + option_argc + 1 : NULL;
  int nextra = option_argc < argc ? argc - option_argc - 1 : 0;
  if (rc_frontend_jobs(argv + optind, option_argc - optind, build_dir, extra, nextra, &jobs, &error) != 0) {
    fprintf(stderr, "pyrefcheck: %s\n", error);
    free(error);
    return RC_EXIT_USAGE;
  }
  RcLint *lint = NULL;
  if (rc_lint_new(&lo, &lint, &error) != 0) {
    rc_cli_error("lint", "%s", error);
    free(error);
    rc_frontend_jobs_free(&jobs);
    return RC_EXIT_INTERNAL;
  }
  bool any_errors = false;
  for (int i = 0; i < jobs.count; i++) {
    bool had_errors = false;
    size_t before = rc_report_count(rc_lint_report(lint));
    if (rc_lint_file(lint, &jobs.items[i], &had_errors, &error) != 0) {
      fprintf(stderr, "pyrefcheck: %s\n", error);
      free(error);
      error = NULL;
      any_errors = true;
      continue;
    }
    any_errors = any_errors || had_errors;
    (void)before;
  }
  RcReport *report = rc_lint_report(lint);
  rc_report_sort(report);
  rc_report_print_text(report, 0, stdout, color != 0);
  size_t findings = rc_report_count_at_least(report, RC_SEVERITY_WARNING);
  rc_lint_free(lint);
  rc_frontend_jobs_free(&jobs);
  if (any_errors) return RC_EXIT_USAGE;
  return findings > 0 ? RC_EXIT_FINDINGS : RC_EXIT_CLEAN;
}
