/* cmd_baseline.c — `pyrefcheck baseline write FILE.txt`: a committed plain-text baseline for teams
 * that keep no database between CI runs. */
#include "cli.h"
#include "store.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void print_help(void) {
  fputs("usage: pyrefcheck baseline write FILE.txt [--db PATH] [--run N|latest]\n"
        "\n"
        "Writes the unsuppressed findings of a recorded run (default: the latest complete one) as\n"
        "a plain-text baseline: one line per finding (fingerprint, rule, file, function), sorted,\n"
        "without line numbers so that moving code does not change it. Commit it; then\n"
        "'pyrefcheck lint --baseline FILE.txt' fails only on findings that are not in it.\n"
        "\n"
        "exit codes: 0 written, 2 usage or database error, 3 internal error\n",
        stdout);
}

int rc_cmd_baseline(int argc, char **argv) {
  enum { OPT_DB = 256, OPT_RUN };
  static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"run", required_argument, NULL, OPT_RUN},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  const char *db_path = NULL, *run_spec = NULL;
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (opt) {
    case OPT_DB: db_path = optarg; break;
    case OPT_RUN: run_spec = optarg; break;
    case 'h': print_help(); return RC_EXIT_CLEAN;
    default:
      rc_cli_error("baseline", "bad option '%s' (see 'pyrefcheck baseline --help')",
                   argv[optind - 1]);
      return RC_EXIT_USAGE;
    }
  }
  if (argc - optind != 2 || strcmp(argv[optind], "write") != 0) {
    rc_cli_error("baseline", "expected 'baseline write FILE.txt' (see 'pyrefcheck baseline --help')");
    return RC_EXIT_USAGE;
  }
  const char *path = argv[optind + 1];
  RcStore *store = NULL;
  int64_t run = 0;
  int status = rc_store_open_default(db_path, RC_STORE_READONLY, &store);
  if (status == RC_STORE_OK) status = rc_store_run_resolve(store, run_spec, &run);
  if (status == RC_STORE_OK) status = rc_baseline_write(store, run, path);
  if (status != RC_STORE_OK) {
    rc_cli_error(rc_store_path(store), "%s", rc_store_errmsg(store));
    rc_store_close(store);
    return rc_store_exit_code(status);
  }
  printf("wrote the baseline of run %lld to %s\n", (long long)run, path);
  rc_store_close(store);
  return RC_EXIT_CLEAN;
}
