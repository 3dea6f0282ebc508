/* lint_pool.h — `lint -j N`: the files of a run analysed on N threads, handed back in order.
 *
 * Purpose: each worker thread has a lint session of its own (RcLint: its own libclang index,
 * names, rules and report), so that the analyses share nothing but the table of precompiled
 * headers (frontend.c, locked there). Workers take the next file in the order given; the caller
 * takes the outcomes in that same order (rc_lint_pool_next waits for the file to be done), so the
 * output, the database records and the exit status of -j N are those of -j 1.
 *
 * What a file prints while it is analysed (compile errors, --dump-cfg notes) is kept as text in
 * its outcome and printed by the caller when it takes it. With one thread no thread is started:
 * rc_lint_pool_next analyses the file in the caller's thread.
 *
 * Invariant: every worker's session is started from the same options and sees the files in job
 * order, one at a time; a session carries nothing from one file to the next that changes
 * findings (the source annotations a file forwards to the rules are undone after it, lint.c), so
 * which thread analyses a file does not matter.
 *
 * Ownership: the pool borrows the jobs (they must outlive it) and owns its sessions; an outcome
 * belongs to the caller (rc_lint_outcome_free).
 * Failure: rc_lint_pool_new fails (-1, *error malloc'd) when a session cannot be started (the
 * rules data or a --rules file) or a thread cannot be created. */
#ifndef RC_LINT_POOL_H
#define RC_LINT_POOL_H

#include "frontend.h"
#include "lint.h"
#include "report.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct RcLintPool RcLintPool;

typedef struct {
  bool parsed;          /* false: libclang could not parse the file at all (`error` says why) */
  bool had_errors;      /* it has compile errors (printed in `diagnostics`) */
  char *error;          /* malloc'd, when !parsed */
  char *diagnostics;    /* what the analysis wrote to stderr (compile errors), "" if nothing */
  char *notes;          /* what it wrote to stdout (--dump-cfg), "" if nothing */
  RcReport *report;     /* the file's findings and notes */
  char **headers;       /* the files the translation unit included (when asked for), malloc'd */
  size_t nheaders;
  RcLintFunction *functions; /* its function definitions (when headers are asked for), malloc'd */
  size_t nfunctions;
  double parse_ms, analysis_ms;
} RcLintOutcome;

/* Starts `nthreads` (>= 1; no more than `count`) sessions of `opt` over `jobs[0..count)`; with
 * `want_headers` each outcome lists the included files and the functions (for the database:
 * opt->on_inclusion and on_function are then the pool's own). */
int rc_lint_pool_new(const RcLintOptions *opt, int nthreads, const RcJob *const *jobs, int count,
                     bool want_headers, RcLintPool **out, char **error);

/* The outcome of the next file in job order, waiting for it; NULL after the last. */
RcLintOutcome *rc_lint_pool_next(RcLintPool *pool);

void rc_lint_outcome_free(RcLintOutcome *outcome);

/* Stops the workers (files not taken yet are not analysed) and frees the pool. Accepts NULL. */
void rc_lint_pool_free(RcLintPool *pool);

/* The number of threads `-j` uses when not given: the processors online, at least 1. */
int rc_lint_pool_default_threads(void);

#endif
