/* cli.c — shared helpers of the command line: error lines and argument splitting. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

char *rc_cli_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  for (size_t got; buf != NULL && (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
    n += got;
    if (n + 1 == cap) {
      char *grown = realloc(buf, cap * 2);
      if (grown == NULL) free(buf);
      buf = grown;
      cap *= 2;
    }
  }
  int failed = buf == NULL ? ENOMEM : ferror(f) ? EIO : 0;
  fclose(f);
  if (failed) {
    free(buf);
    errno = failed;
    return NULL;
  }
  buf[n] = '\0';
  if (len != NULL) *len = n;
  return buf;
}
