/* cmd_oracle.c — `pyrefcheck oracle`. Not built yet: --help describes it, running it says so. */
#include "cli.h"

#include <stdio.h>

int rc_cmd_oracle(int argc, char **argv) {
  if (argc > 1 && rc_cli_is_help(argv[1])) {
    fputs("usage: pyrefcheck oracle [options] SNIPPET.c [-- CFLAGS...]\n"
          "\n"
          "Compiles SNIPPET.c against the bundled reference runtime and runs its entry points under\n"
          "systematic fault injection, reporting leaks, over-releases and exception-state mistakes\n"
          "observed by execution.\n"
          "\n"
          "Not implemented yet in this version: running it exits 2.\n",
          stdout);
    return RC_EXIT_CLEAN;
  }
  return rc_cli_not_built(argv[0]);
}
