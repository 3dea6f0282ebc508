/* cmd_rules.c — `pyrefcheck rules list [PATTERN]` and `pyrefcheck rules show NAME`.
 *
 * Shows the API records of the rule set the analyzer would use: the built-in data plus the files
 * given with --rules. PATTERN is a shell glob (fnmatch) or, without glob characters, a substring
 * of the name. */
#include "cli.h"
#include "rules.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out) {
  fputs("usage: pyrefcheck rules list [--rules FILE]... [PATTERN]\n"
        "       pyrefcheck rules show [--rules FILE]... NAME\n"
        "\n"
        "Shows what pyrefcheck knows about C-API functions and macros: what they return,\n"
        "how they fail, which arguments they steal, which versions have them.\n"
        "\n"
        "  list     one line per record; PATTERN is a glob (PyDict_*) or a substring\n"
        "  show     one record in words\n"
        "  --rules FILE   add the records of FILE (format: docs/rules.md), as lint does\n",
        out);
}

static bool matches(const char *name, const char *pattern) {
  if (pattern == NULL) return true;
  if (strpbrk(pattern, "*?[") != NULL) return fnmatch(pattern, name, 0) == 0;
  return strstr(name, pattern) != NULL;
}

int rc_cmd_rules(int argc, char **argv) {
  int rc = RC_EXIT_USAGE;
  RcRuleSet *set = NULL;
  char *error = NULL;
  const char *verb = NULL, *operand = NULL;
  if (argc > 1 && rc_cli_is_help(argv[1])) {
    usage(stdout);
    return RC_EXIT_CLEAN;
  }
  if (rc_ruleset_new(&set) != 0) {
    rc_cli_error(argv[0], "out of memory");
    rc = RC_EXIT_INTERNAL;
    goto out;
  }
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--rules") == 0) {
      if (i + 1 >= argc) {
        rc_cli_error(argv[0], "--rules needs a file");
        goto out;
      }
      if (rc_ruleset_load_file(set, argv[++i], &error) != 0) {
        rc_cli_error(error ? NULL : argv[i], "%s", error ? error : "out of memory");
        rc = error ? RC_EXIT_USAGE : RC_EXIT_INTERNAL;
        goto out;
      }
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      rc_cli_error(argv[0], "unknown option '%s' (see 'pyrefcheck rules --help')", argv[i]);
      goto out;
    } else if (verb == NULL) {
      verb = argv[i];
    } else if (operand == NULL) {
      operand = argv[i];
    } else {
      rc_cli_error(argv[0], "too many arguments (see 'pyrefcheck rules --help')");
      goto out;
    }
  }
  if (verb != NULL && strcmp(verb, "list") == 0) {
    for (size_t i = 0; i < rc_ruleset_count(set); i++) {
      const RcApi *a = rc_ruleset_at(set, i);
      if (matches(a->name, operand)) rc_api_summarize(a, stdout);
    }
    rc = RC_EXIT_CLEAN;
  } else if (verb != NULL && strcmp(verb, "show") == 0) {
    if (operand == NULL) {
      rc_cli_error(argv[0], "show needs a name (see 'pyrefcheck rules --help')");
      goto out;
    }
    const RcApi *a = rc_ruleset_lookup(set, operand);
    if (a == NULL) {
      rc_cli_error(argv[0], "no record for '%s' (try 'pyrefcheck rules list %s')", operand, operand);
      goto out;
    }
    rc_api_describe(a, stdout);
    rc = RC_EXIT_CLEAN;
  } else {
    rc_cli_error(argv[0], verb ? "unknown subcommand '%s' (expected list or show)"
                               : "expected list or show%s", verb ? verb : "");
  }
out:
  free(error);
  rc_ruleset_free(set);
  return rc;
}
