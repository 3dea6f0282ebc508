/* cmd_lint.c — `pyrefcheck lint`: option parsing and input validation. The analysis itself is not
 * built yet; the inputs are checked so that a bad invocation already fails the way it always will. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void print_help(void) {
  fputs("usage: pyrefcheck lint [options] PATH... [-- COMPILER-ARGS...]\n"
        "\n"
        "Analyses C extension sources (files, or directories holding *.c files) for\n"
        "reference-ownership bugs.\n"
        "\n"
        "options:\n"
        "  -p DIR            read compile commands from DIR/compile_commands.json\n"
        "  --format FORMAT   output format: text (default), json or sarif\n"
        "  -h, --help        show this help\n"
        "\n"
        "Not implemented yet in this version: after checking its inputs, lint exits 2.\n"
        "\n"
        "exit codes: 0 clean, 1 findings, 2 usage or input error, 3 internal error\n",
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

int rc_cmd_lint(int argc, char **argv) {
  static const struct option options[] = {
    {"format", required_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  int status = RC_EXIT_CLEAN;
  int option_argc = rc_cli_split_at_dashdash(argc, argv);
  const char *build_dir = NULL;
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
      break;
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
  return rc_cli_not_built("lint");
}
