/* cli.h — the `pyrefcheck` command line: exit codes, error reporting and the subcommand table.
 *
 * Every subcommand is a function `int rc_cmd_<name>(int argc, char **argv)` in its own file
 * (cmd_<name>.c); argv[0] is the subcommand's name. It returns one of the RC_EXIT_* codes below,
 * which main() passes to exit(). Errors go to stderr as `pyrefcheck: <file>: <problem>` — one line,
 * naming the file the problem is about (or the subcommand, when no file is involved). */
#ifndef RC_CLI_H
#define RC_CLI_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes, documented in `pyrefcheck --help` and docs/cli.md. */
enum {
  RC_EXIT_CLEAN = 0,    /* ran to completion, nothing found */
  RC_EXIT_FINDINGS = 1, /* findings reported (for the oracle: defects found) */
  RC_EXIT_USAGE = 2,    /* usage or input error: bad flag, unreadable file, a file that won't parse */
  RC_EXIT_INTERNAL = 3  /* a bug or resource failure inside pyrefcheck itself */
};

/* Reads the whole file at `path` into a malloc'd, NUL-terminated buffer (its length in *len when
 * len is not NULL). Returns NULL with errno set (from fopen, ENOMEM or EIO) when it cannot. */
char *rc_cli_read_file(const char *path, size_t *len);

/* Prints `pyrefcheck: <subject>: <message>` to stderr. `subject` is the file (or subcommand) the
 * problem concerns; NULL prints `pyrefcheck: <message>`. */
void rc_cli_error(const char *subject, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Splits argv at the first "--": returns the number of arguments before it (which is argc when
 * there is none). Arguments after it, if any, start at argv[result + 1]. */
int rc_cli_split_at_dashdash(int argc, char **argv);

/* True when `arg` is -h or --help. */
bool rc_cli_is_help(const char *arg);

/* The subcommands. */
int rc_cmd_lint(int argc, char **argv);
int rc_cmd_oracle(int argc, char **argv);
int rc_cmd_query(int argc, char **argv);
int rc_cmd_diff(int argc, char **argv);
int rc_cmd_export(int argc, char **argv);
int rc_cmd_merge(int argc, char **argv);
int rc_cmd_baseline(int argc, char **argv);
int rc_cmd_rules(int argc, char **argv);
int rc_cmd_explain(int argc, char **argv);

/* Prints the version block (ours, libclang's, SQLite's, the rules data's) to stdout. */
void rc_cli_print_version(void);

#endif
