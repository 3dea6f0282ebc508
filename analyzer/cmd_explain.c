/* cmd_explain.c — `pyrefcheck explain`. Not built yet: --help describes it, running it says so. */
#include "cli.h"

#include <stdio.h>

int rc_cmd_explain(int argc, char **argv) {
  if (argc > 1 && rc_cli_is_help(argv[1])) {
    fputs("usage: pyrefcheck explain RULE-ID\n"
          "\n"
          "Prints the documentation page of a rule id (for example: ref-leak).\n"
          "\n"
          "Not implemented yet in this version: running it exits 2.\n",
          stdout);
    return RC_EXIT_CLEAN;
  }
  return rc_cli_not_built(argv[0]);
}
