/* cmd_diff.c — `pyrefcheck diff [RUN_A] [RUN_B]`: new, fixed and unchanged findings between two
 * recorded runs, matched by fingerprint. */
#include "cli.h"
#include "store.h"

#include <getopt.h>
#include <stdio.h>

static void print_help(void) {
  fputs("usage: pyrefcheck diff [--db PATH] [--format table|json|csv] [RUN_A] [RUN_B]\n"
        "\n"
        "Lists new, fixed and unchanged findings between two recorded runs (default: the two latest\n"
        "complete runs; with one run: that run against the latest). Findings are matched by\n"
        "fingerprint, so code that only moved is 'unchanged'. A run is N, latest or latest~K.\n"
        "\n"
        "exit codes: 0 no new finding, 1 new findings, 2 usage or database error, 3 internal error\n",
        stdout);
}

int rc_cmd_diff(int argc, char **argv) {
  enum { OPT_DB = 256, OPT_FORMAT };
  static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  const char *db_path = NULL;
  RcStoreFormat format = RC_STORE_TABLE;
  RcStore *store = NULL;
  int opt;

  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (opt) {
    case OPT_DB: db_path = optarg; break;
    case OPT_FORMAT:
      if (rc_store_parse_format(optarg, &format) != 0) {
        rc_cli_error("diff", "unknown format '%s' (expected table, json or csv)", optarg);
        return RC_EXIT_USAGE;
      }
      break;
    case 'h': print_help(); return RC_EXIT_CLEAN;
    default:
      rc_cli_error("diff", "bad option '%s' (see 'pyrefcheck diff --help')", argv[optind - 1]);
      return RC_EXIT_USAGE;
    }
  }
  int nruns = argc - optind;
  if (nruns > 2) {
    rc_cli_error("diff", "at most two runs (see 'pyrefcheck diff --help')");
    return RC_EXIT_USAGE;
  }
  int64_t a = 0, b = 0;
  size_t counts[3] = {0, 0, 0};
  int status = rc_store_open_default(db_path, RC_STORE_READONLY, &store);
  if (status == RC_STORE_OK)
    status = rc_store_run_resolve(store, nruns == 2 ? argv[optind + 1] : "latest", &b);
  if (status == RC_STORE_OK) {
    if (nruns >= 1) {
      status = rc_store_run_resolve(store, argv[optind], &a);
    } else {
      status = rc_store_run_previous(store, b, &a);
      if (status == RC_STORE_OK && a == 0) {
        rc_cli_error(rc_store_path(store), "only one complete run recorded: nothing to compare");
        rc_store_close(store);
        return RC_EXIT_USAGE;
      }
    }
  }
  if (status == RC_STORE_OK) status = rc_store_print_diff(store, a, b, format, stdout, counts);
  if (status != RC_STORE_OK) {
    rc_cli_error(rc_store_path(store), "%s", rc_store_errmsg(store));
    rc_store_close(store);
    return rc_store_exit_code(status);
  }
  if (format == RC_STORE_TABLE)
    printf("\nrun %lld -> run %lld: %zu new, %zu fixed, %zu unchanged\n", (long long)a,
           (long long)b, counts[0], counts[1], counts[2]);
  rc_store_close(store);
  return counts[0] > 0 ? RC_EXIT_FINDINGS : RC_EXIT_CLEAN;
}
