/* cmd_merge.c — `pyrefcheck merge OUT.db IN.db...`: joins the shards of one logical run. */
#include "cli.h"
#include "store.h"

#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static void print_help(void) {
  fputs("usage: pyrefcheck merge [--force] OUT.db IN.db...\n"
        "\n"
        "Joins the shards of one logical run ('pyrefcheck lint --shard I/N' in N CI jobs) into one\n"
        "complete run of OUT.db (created when missing; an existing database keeps its history).\n"
        "Each IN.db contributes its latest complete run. The inputs must be the N shards of one\n"
        "split, recorded by the same pyrefcheck and rules versions; --force merges any runs,\n"
        "keeping the first input's record of a file that appears twice.\n"
        "\n"
        "exit codes: 0 merged, 2 usage or database error (nothing merged), 3 internal error\n",
        stdout);
}

/* Removes a database this command created (and its WAL files) after a failed merge. */
static void remove_new_database(const char *path) {
  char side[4200];
  unlink(path);
  snprintf(side, sizeof side, "%s-wal", path);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", path);
  unlink(side);
}

int rc_cmd_merge(int argc, char **argv) {
  static const struct option options[] = {
    {"force", no_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  int force = 0, opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (opt) {
    case 'f': force = 1; break;
    case 'h': print_help(); return RC_EXIT_CLEAN;
    default:
      rc_cli_error("merge", "bad option '%s' (see 'pyrefcheck merge --help')", argv[optind - 1]);
      return RC_EXIT_USAGE;
    }
  }
  if (argc - optind < 2) {
    rc_cli_error("merge", "need OUT.db and at least one IN.db (see 'pyrefcheck merge --help')");
    return RC_EXIT_USAGE;
  }
  const char *output = argv[optind];
  RcStore *store = NULL;
  int64_t run = 0;
  struct stat st;
  int existed = stat(output, &st) == 0;
  int status = rc_store_open(output, RC_STORE_CREATE, &store);
  if (status == RC_STORE_OK)
    status = rc_store_merge(store, (const char *const *)argv + optind + 1,
                            (size_t)(argc - optind - 1), force, &run);
  if (status != RC_STORE_OK) {
    rc_cli_error(output, "%s", rc_store_errmsg(store));
    rc_store_close(store);
    if (!existed) remove_new_database(output); /* we created it: leave nothing behind */
    return rc_store_exit_code(status);
  }
  printf("merged %d runs into run %lld of %s\n", argc - optind - 1, (long long)run, output);
  rc_store_close(store);
  return RC_EXIT_CLEAN;
}
