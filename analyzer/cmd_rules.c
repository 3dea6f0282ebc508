/* cmd_rules.c — `pyrefcheck rules`. Not built yet: --help describes it, running it says so. */
#include "cli.h"

#include <stdio.h>

int rc_cmd_rules(int argc, char **argv) {
  if (argc > 1 && rc_cli_is_help(argv[1])) {
    fputs("usage: pyrefcheck rules list [PATTERN] | pyrefcheck rules show NAME\n"
          "\n"
          "Shows what pyrefcheck knows about C-API functions and macros: what they return,\n"
          "how they fail, which arguments they steal.\n"
          "\n"
          "Not implemented yet in this version: running it exits 2.\n",
          stdout);
    return RC_EXIT_CLEAN;
  }
  return rc_cli_not_built(argv[0]);
}
