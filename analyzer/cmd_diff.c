/* cmd_diff.c — `pyrefcheck diff`. Not built yet: --help describes it, running it says so. */
#include "cli.h"

#include <stdio.h>

int rc_cmd_diff(int argc, char **argv) {
  if (argc > 1 && rc_cli_is_help(argv[1])) {
    fputs("usage: pyrefcheck diff [RUN_A] [RUN_B]\n"
          "\n"
          "Lists new, fixed and unchanged findings between two recorded runs (default: the two latest).\n"
          "\n"
          "Not implemented yet in this version: running it exits 2.\n",
          stdout);
    return RC_EXIT_CLEAN;
  }
  return rc_cli_not_built(argv[0]);
}
