/* cli.c — shared helpers of the command line: error lines and argument splitting. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void rc_cli_error(const char *subject, const char *fmt, ...) {
  va_list ap;
  fputs("pyrefcheck: ", stderr);
  if (subject != NULL) fprintf(stderr, "%s: ", subject);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

int rc_cli_split_at_dashdash(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--") == 0) return i;
  return argc;
}

bool rc_cli_is_help(const char *arg) {
  return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int rc_cli_not_built(const char *command) {
  rc_cli_error(command, "not implemented yet in pyrefcheck %s", PYREFCHECK_VERSION);
  return RC_EXIT_USAGE;
}
