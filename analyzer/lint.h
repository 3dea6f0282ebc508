/* lint.h — one lint session: parse each file, lower its functions, summarise them bottom-up, walk
 * their paths, run the table checks, and collect the findings.
 *
 * The session owns the libclang index, the name table, the rule set adapter and the report; a
 * file's translation unit, CFGs and summaries live in a per-file arena, and each function's path
 * states in a per-function arena, both freed when done (rc_arena_free), so memory stays bounded by
 * the largest file and function.
 *
 * Failure: rc_lint_file returns 0 when the file was analysed (possibly with compile errors: then
 * *had_errors is set, the errors were printed to stderr as clang prints them, and the functions
 * they touch were skipped with a note on `notes`), -1 when it could not be parsed at all (*error
 * says why). */
#ifndef RC_LINT_H
#define RC_LINT_H

#include "frontend.h"
#include "report.h"
#include "rules.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct {
  RcPyVersion version;   /* for api-prefer-strong; 0: the version of the headers in use */
  bool dump_cfg;         /* print each function's CFG to `notes` (debugging) */
  FILE *notes;           /* where notes about skipped functions go (stdout) */
  FILE *errors;          /* where compile errors go (stderr) */
  unsigned long max_steps; /* per-function budget (0: default) */
  double max_seconds;
  char *const *rules_files; /* extra API rules files (--rules, the config's `rules`), loaded in order */
  int nrules_files;
  /* When set, called with each file the translation unit included (clang_getInclusions), after
   * the analysis and before the unit is freed: the incremental runs hash them (lint_db.h). */
  void (*on_inclusion)(void *ctx, const char *path);
  void *inclusion_ctx;
  /* When set, called for each function definition of the file once its analysis is done, or when
   * it was skipped (complete false, 0 steps): the database records them (lint_db.h). */
  void (*on_function)(void *ctx, const char *name, unsigned line, bool complete, unsigned long steps);
  void *function_ctx;
} RcLintOptions;

/* A function of a file as the database records it. */
typedef struct {
  char *name;            /* malloc'd */
  unsigned line;
  bool complete;         /* its paths were walked to the end (no budget ran out) */
  unsigned long steps;   /* statement evaluations of the walk */
} RcLintFunction;

typedef struct RcLint RcLint;

/* Starts a session. Fails (-1, *error malloc'd) when the rules data or an extra rules file cannot
 * be loaded: the message names the file and line. */
int rc_lint_new(const RcLintOptions *opt, RcLint **out, char **error);
void rc_lint_free(RcLint *lint);

int rc_lint_file(RcLint *lint, const RcJob *job, bool *had_errors, char **error);

RcReport *rc_lint_report(RcLint *lint);

/* Hands the session's report (the findings added so far) to the caller, who frees it with
 * rc_report_free; the session goes on with a new, empty one (lint_pool.c: one report per file). */
RcReport *rc_lint_take_report(RcLint *lint);

/* Where the next files' notes (--dump-cfg) and compile errors go, instead of the streams the
 * session was started with (lint_pool.c keeps each file's text apart, to print it in order). */
void rc_lint_set_streams(RcLint *lint, FILE *notes, FILE *errors);

/* Wall-clock milliseconds of the last rc_lint_file: libclang's parse, and everything after it
 * (macro records, lowering, summaries, paths, checks). For the benchmark (docs/benchmarks.md). */
void rc_lint_last_times(const RcLint *lint, double *parse_ms, double *analysis_ms);

#endif
