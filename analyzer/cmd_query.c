/* cmd_query.c — `pyrefcheck query`: filtered findings of a recorded run, or the user's read-only
 * SQL over the findings database. Option parsing only; store_query.c does the work. */
#include "cli.h"
#include "store.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void print_help(void) {
  fputs("usage: pyrefcheck query [--db PATH] [--run N|latest] [filters] [--format table|json|csv]\n"
        "       pyrefcheck query [--db PATH] [--format table|json|csv] --sql \"SELECT ...\"\n"
        "       pyrefcheck query [--db PATH] [--format table|json|csv] --runs\n"
        "\n"
        "Reads findings recorded in the findings database (default: .pyrefcheck/findings.db in\n"
        "the current directory or the nearest parent that has one).\n"
        "\n"
        "filters:\n"
        "  --run N|latest|latest~K  the run to read (default: the latest complete run)\n"
        "  --rule ID             only this rule\n"
        "  --file GLOB           only files matching GLOB (relative to the root; '*' crosses '/')\n"
        "  --function NAME       only findings in this function\n"
        "  --severity S          only this severity (error, warning, note)\n"
        "  --new                 only findings not in the previous complete run\n"
        "  --fixed               instead: findings of the previous complete run that are gone\n"
        "  --incomplete          only findings in functions whose analysis was cut short\n"
        "\n"
        "  --runs                list the recorded runs (id, status, times, counts) instead\n"
        "  --sql SQL             run SQL read-only (SELECT, read-only PRAGMAs); see\n"
        "                        docs/database.md for the schema and examples\n"
        "  --format FORMAT       table (default), json or csv\n"
        "\n"
        "exit codes: 0 no finding matched (or --sql ran), 1 findings listed, 2 usage or database\n"
        "error (not a pyrefcheck database, newer schema, corrupt, --sql that would write), 3\n"
        "internal error\n",
        stdout);
}

int rc_cmd_query(int argc, char **argv) {
  enum { OPT_DB = 256, OPT_RUN, OPT_RULE, OPT_FILE, OPT_FUNCTION, OPT_SEVERITY, OPT_NEW,
         OPT_FIXED, OPT_INCOMPLETE, OPT_SQL, OPT_FORMAT, OPT_RUNS };
  static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"run", required_argument, NULL, OPT_RUN},
    {"rule", required_argument, NULL, OPT_RULE},
    {"file", required_argument, NULL, OPT_FILE},
    {"function", required_argument, NULL, OPT_FUNCTION},
    {"severity", required_argument, NULL, OPT_SEVERITY},
    {"new", no_argument, NULL, OPT_NEW},
    {"fixed", no_argument, NULL, OPT_FIXED},
    {"incomplete", no_argument, NULL, OPT_INCOMPLETE},
    {"sql", required_argument, NULL, OPT_SQL},
    {"runs", no_argument, NULL, OPT_RUNS},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  const char *db_path = NULL, *run_spec = NULL, *sql = NULL;
  RcStoreFilter filter = {0};
  RcStoreFormat format = RC_STORE_TABLE;
  RcStore *store = NULL;
  int opt, status, exit_code, runs = 0;

  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (opt) {
    case OPT_DB: db_path = optarg; break;
    case OPT_RUN: run_spec = optarg; break;
    case OPT_RULE: filter.rule = optarg; break;
    case OPT_FILE: filter.file_glob = optarg; break;
    case OPT_FUNCTION: filter.function = optarg; break;
    case OPT_SEVERITY: filter.severity = optarg; break;
    case OPT_NEW: filter.only_new = 1; break;
    case OPT_FIXED: filter.only_fixed = 1; break;
    case OPT_INCOMPLETE: filter.incomplete = 1; break;
    case OPT_SQL: sql = optarg; break;
    case OPT_RUNS: runs = 1; break;
    case OPT_FORMAT:
      if (rc_store_parse_format(optarg, &format) != 0) {
        rc_cli_error("query", "unknown format '%s' (expected table, json or csv)", optarg);
        return RC_EXIT_USAGE;
      }
      break;
    case 'h': print_help(); return RC_EXIT_CLEAN;
    default:
      rc_cli_error("query", "bad option '%s' (see 'pyrefcheck query --help')", argv[optind - 1]);
      return RC_EXIT_USAGE;
    }
  }
  if (optind < argc) {
    rc_cli_error("query", "unexpected argument '%s' (see 'pyrefcheck query --help')", argv[optind]);
    return RC_EXIT_USAGE;
  }
  if (filter.only_new && filter.only_fixed) {
    rc_cli_error("query", "--new and --fixed exclude each other");
    return RC_EXIT_USAGE;
  }
  if ((sql != NULL || runs) && (run_spec || filter.rule || filter.file_glob || filter.function ||
                      filter.severity || filter.only_new || filter.only_fixed || filter.incomplete)) {
    rc_cli_error("query", "--sql and --runs take no filters");
    return RC_EXIT_USAGE;
  }

  status = rc_store_open_default(db_path, RC_STORE_READONLY, &store);
  if (status == RC_STORE_OK) {
    if (sql != NULL && runs) {
      rc_cli_error("query", "--sql and --runs exclude each other");
      rc_store_close(store);
      return RC_EXIT_USAGE;
    }
    if (runs) {
      status = rc_store_print_runs(store, format, stdout);
      exit_code = RC_EXIT_CLEAN;
    } else if (sql != NULL) {
      status = rc_store_print_sql(store, sql, format, stdout);
      exit_code = RC_EXIT_CLEAN;
    } else {
      size_t count = 0;
      status = rc_store_run_resolve(store, run_spec, &filter.run);
      if (status == RC_STORE_OK) status = rc_store_print_findings(store, &filter, format, stdout, &count);
      exit_code = count > 0 ? RC_EXIT_FINDINGS : RC_EXIT_CLEAN;
    }
  }
  if (status != RC_STORE_OK) {
    rc_cli_error(status == RC_STORE_EDENIED || status == RC_STORE_ESQL ? "query"
                                                                       : rc_store_path(store),
                 "%s", rc_store_errmsg(store));
    exit_code = rc_store_exit_code(status);
  }
  rc_store_close(store);
  return exit_code;
}
