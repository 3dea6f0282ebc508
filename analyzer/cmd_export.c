/* cmd_export.c — `pyrefcheck export --sarif|--json`: a recorded run in an interchange format. */
#include "cli.h"
#include "lint_output.h"
#include "store.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void print_help(void) {
  fputs("usage: pyrefcheck export (--sarif | --json) [--db PATH] [--run N|latest] [-o FILE]\n"
        "                         [--help-uri-base URL]\n"
        "\n"
        "Writes a recorded run (default: the latest complete one) as SARIF 2.1.0 (for GitHub code\n"
        "scanning and other SARIF viewers) or as pyrefcheck's JSON, to FILE or standard output.\n"
        "--help-uri-base sets the absolute URL under which rule pages <id>.md live.\n"
        "\n"
        "exit codes: 0 written, 2 usage or database error, 3 internal error\n",
        stdout);
}

int rc_cmd_export(int argc, char **argv) {
  enum { OPT_DB = 256, OPT_RUN, OPT_SARIF, OPT_JSON, OPT_HELP_BASE };
  static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"run", required_argument, NULL, OPT_RUN},
    {"sarif", no_argument, NULL, OPT_SARIF},
    {"json", no_argument, NULL, OPT_JSON},
    {"help-uri-base", required_argument, NULL, OPT_HELP_BASE},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  const char *db_path = NULL, *run_spec = NULL, *output = NULL, *help_base = NULL;
  int sarif = 0, json = 0, opt;
  RcStore *store = NULL;
  FILE *out = stdout;

  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
    switch (opt) {
    case OPT_DB: db_path = optarg; break;
    case OPT_RUN: run_spec = optarg; break;
    case OPT_SARIF: sarif = 1; break;
    case OPT_JSON: json = 1; break;
    case OPT_HELP_BASE: help_base = optarg; break;
    case 'o': output = optarg; break;
    case 'h': print_help(); return RC_EXIT_CLEAN;
    default:
      rc_cli_error("export", "bad option '%s' (see 'pyrefcheck export --help')", argv[optind - 1]);
      return RC_EXIT_USAGE;
    }
  }
  if (sarif + json != 1 || optind < argc) {
    rc_cli_error("export", "give exactly one of --sarif and --json, and no other argument");
    return RC_EXIT_USAGE;
  }
  int64_t run = 0;
  int status = rc_store_open_default(db_path, RC_STORE_READONLY, &store);
  if (status == RC_STORE_OK) status = rc_store_run_resolve(store, run_spec, &run);
  if (status != RC_STORE_OK) {
    rc_cli_error(rc_store_path(store), "%s", rc_store_errmsg(store));
    rc_store_close(store);
    return rc_store_exit_code(status);
  }
  if (output != NULL && (out = fopen(output, "w")) == NULL) {
    rc_cli_error(output, "cannot write: %s", strerror(errno));
    rc_store_close(store);
    return RC_EXIT_USAGE;
  }
  status = sarif ? rc_store_export_sarif(store, run, help_base, rc_lint_rule_summary, rc_lint_rule_help, out)
                 : rc_store_export_json(store, run, out);
  int exit_code = RC_EXIT_CLEAN;
  if (status != RC_STORE_OK) {
    rc_cli_error(rc_store_path(store), "%s", rc_store_errmsg(store));
    exit_code = rc_store_exit_code(status);
  }
  if (out != stdout && fclose(out) != 0 && exit_code == RC_EXIT_CLEAN) {
    rc_cli_error(output, "cannot write: %s", strerror(errno));
    exit_code = RC_EXIT_USAGE;
  }
  rc_store_close(store);
  return exit_code;
}
