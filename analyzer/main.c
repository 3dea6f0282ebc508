/* main.c — entry point of `pyrefcheck`: global flags and dispatch to a subcommand. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} RcSubcommand;

static const RcSubcommand subcommands[] = {
  {"lint", rc_cmd_lint, "analyse C extension sources for reference-ownership bugs"},
  {"oracle", rc_cmd_oracle, "run a snippet on the reference runtime under fault injection"},
  {"query", rc_cmd_query, "query the findings database"},
  {"diff", rc_cmd_diff, "compare the findings of two recorded runs"},
  {"export", rc_cmd_export, "write a recorded run as SARIF 2.1.0 or JSON"},
  {"merge", rc_cmd_merge, "join the shards of one run into one database"},
  {"baseline", rc_cmd_baseline, "write a plain-text baseline of accepted findings"},
  {"rules", rc_cmd_rules, "list or show what pyrefcheck knows about C-API functions"},
  {"explain", rc_cmd_explain, "print the documentation of a rule id"},
};
enum { SUBCOMMAND_COUNT = sizeof subcommands / sizeof subcommands[0] };

static void print_usage(FILE *out) {
  fputs("usage: pyrefcheck [--version] [--help] <command> [<args>]\n"
        "\n"
        "A reference-ownership linter for CPython C extensions.\n"
        "\n"
        "commands:\n", out);
  for (int i = 0; i < SUBCOMMAND_COUNT; i++)
    fprintf(out, "  %-9s %s\n", subcommands[i].name, subcommands[i].summary);
  fputs("\n"
        "'pyrefcheck <command> --help' describes a command.\n"
        "\n"
        "exit codes:\n"
        "  0  clean: the command ran and found nothing\n"
        "  1  findings were reported (for 'oracle': defects were observed)\n"
        "  2  usage or input error: a bad flag, a missing or unreadable file, a file that does\n"
        "     not parse\n"
        "  3  internal error in pyrefcheck\n", out);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    print_usage(stderr);
    return RC_EXIT_USAGE;
  }
  const char *command = argv[1];
  if (rc_cli_is_help(command) || strcmp(command, "help") == 0) {
    print_usage(stdout);
    return RC_EXIT_CLEAN;
  }
  if (strcmp(command, "--version") == 0 || strcmp(command, "-V") == 0) {
    rc_cli_print_version();
    return RC_EXIT_CLEAN;
  }
  for (int i = 0; i < SUBCOMMAND_COUNT; i++)
    if (strcmp(command, subcommands[i].name) == 0) return subcommands[i].run(argc - 1, argv + 1);
  if (command[0] == '-')
    rc_cli_error(NULL, "unknown option '%s' (see 'pyrefcheck --help')", command);
  else
    rc_cli_error(NULL, "unknown command '%s' (see 'pyrefcheck --help')", command);
  return RC_EXIT_USAGE;
}
