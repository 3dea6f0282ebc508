/* cmd_query.c — `pyrefcheck query`. Not built yet: --help describes it, running it says so. */
#include "cli.h"

#include <stdio.h>

int rc_cmd_query(int argc, char **argv) {
  if (argc > 1 && rc_cli_is_help(argv[1])) {
    fputs("usage: pyrefcheck query [filters] [--format table|json|csv] | --sql \"SELECT ...\"\n"
          "\n"
          "Reads findings recorded in the findings database (.pyrefcheck/findings.db).\n"
          "\n"
          "Not implemented yet in this version: running it exits 2.\n",
          stdout);
    return RC_EXIT_CLEAN;
  }
  return rc_cli_not_built(argv[0]);
}
