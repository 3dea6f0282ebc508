/* lint_output.h — lint's findings as interchange records: root-relative paths, fingerprints, and
 * the JSON and SARIF renderers of `pyrefcheck lint --format json|sarif`.
 *
 * Purpose: the report (report.h) holds findings as the analyzer made them, with file names as the
 * user spelled them. Everything that leaves the process for another tool or another run (JSON,
 * SARIF, the database, a baseline) wants the same finding as an RcStoredFinding (store.h): the
 * file relative to the run's root, the API calls of the path (the fingerprint's input) and a
 * fingerprint numbered as the store numbers it. This module makes those records; the renderers
 * reuse sarif.c and rc_store_finding_json(), so `lint --format sarif` and `export --sarif` write
 * one format.
 *
 * The root: an absolute directory (lint_config/cmd_lint decide which, docs/lint.md "The root").
 * A file below it is written relative to it ('/'-separated); a file elsewhere keeps its absolute
 * path.
 *
 * Records of the run without a rule id (a function not analysed because of a compile error) are
 * written under the catalogue's `analysis-incomplete`, which says the same thing: findings of that
 * function may be missing.
 *
 * Ownership: an RcLintRecord owns the strings it made (rc_lint_record_free); the RcFinding it was
 * made from is borrowed and must outlive it. Failure: functions returning int give 0, or -1 when
 * memory ran out or a write failed. */
#ifndef RC_LINT_OUTPUT_H
#define RC_LINT_OUTPUT_H

#include "report.h"
#include "store.h"

#include <stdio.h>

/* The path of `path` relative to `root` when below it, else its absolute path; malloc'd (NULL when
 * out of memory). `root` NULL or "" keeps `path` as given. */
char *rc_lint_relpath(const char *root, const char *path);

typedef struct {
  RcStoredFinding rec;   /* the interchange record; its strings point into this struct or the finding */
  char *file;            /* owned: root-relative */
  RcStoredStep *steps;   /* owned */
  char **step_files;     /* owned */
  const char **calls;    /* owned array; names point into call_text */
  char *call_text;       /* owned */
} RcLintRecord;

/* Makes the interchange record of `f` (its fingerprint field is f->fingerprint, NULL when not
 * set yet). Returns 0, or -1 when out of memory (nothing to free). */
int rc_lint_record_make(const RcFinding *f, const char *root, RcLintRecord *out);
void rc_lint_record_free(RcLintRecord *r);

/* Sets the numbered fingerprints of the report's records [from, to), which must be the findings of
 * one file, exactly as the store would number them (fingerprint.h). Returns 0 or -1. */
int rc_lint_fingerprint_file(RcReport *report, size_t from, size_t to, const char *root);

typedef struct {
  const char *root;                     /* absolute; NULL = paths as given */
  const char *started_at, *finished_at; /* ISO 8601 UTC, or NULL */
  int complete;                         /* every file was analysed */
  const char *python_version;           /* "3.11", or NULL */
  int has_baseline;                     /* --baseline given: SARIF results say baselineState */
} RcLintRunInfo;

/* The rule catalogue's one-line summary and docs page of rule `id` (NULL when unknown): the rules
 * metadata of SARIF, for lint's output and for `export`. */
const char *rc_lint_rule_summary(const char *id);
const char *rc_lint_rule_help(const char *id);

/* Writes every finding of the report (suppressed ones flagged, in SARIF as inSource suppressions)
 * as pyrefcheck's JSON ({"format": "pyrefcheck-findings", ...}, the format of `export --json`) or
 * as one SARIF 2.1.0 log. Findings in the --baseline are written too (code scanning tracks what
 * is new by the fingerprints itself); only the text output and the exit status leave them out.
 * Returns 0 or -1. */
int rc_lint_write_json(const RcReport *report, const RcLintRunInfo *run, FILE *out);
int rc_lint_write_sarif(const RcReport *report, const RcLintRunInfo *run, FILE *out);

/* The current time as ISO 8601 UTC ("2024-05-01T12:00:00Z") into out[size]. */
void rc_lint_now(char *out, size_t size);

#endif
