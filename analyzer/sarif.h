/* sarif.h — SARIF 2.1.0 rendering of findings, for `export --sarif` and (later) `lint --format
 * sarif`.
 *
 * Purpose: turn RcStoredFinding records plus run metadata into one SARIF log that validates
 * against the official schema (tests/store checks it with a JSON Schema validator) and that
 * GitHub code scanning reads well: rules metadata with a helpUri per rule, codeFlows for the
 * path notes, logical locations naming the function, and partialFingerprints (our line-
 * independent fingerprint and GitHub's primaryLocationLineHash).
 * Ownership: the writer streams to the caller's FILE* (never closed here) and copies only the
 * rule ids it has seen (to write the rules array and ruleIndex); records are borrowed per call.
 * Invariants: results are written as they are added; the tool/rules part is written by
 * rc_sarif_end() (JSON member order is free), so memory does not grow with the number of
 * results. Paths are relative to the run's root and written as URIs relative to the base id
 * SRCROOT, which originalUriBaseIds maps to the root's file:// URI.
 * Errors: rc_sarif_add/rc_sarif_end return 0 or -1 (out of memory or write error); after a
 * failure the output is incomplete and the caller reports the failure. */
#ifndef RC_SARIF_H
#define RC_SARIF_H

#include "store.h"

#include <stdio.h>

/* The rule pages' base URI: helpUri = base + rule id + ".md". SARIF wants an absolute URI; the
 * build may override it (-DRC_SARIF_DEFAULT_HELP_BASE=...), the command line too. */
#ifndef RC_SARIF_DEFAULT_HELP_BASE
#define RC_SARIF_DEFAULT_HELP_BASE "https://github.com/pyrefcheck/pyrefcheck/blob/main/docs/rules/"
#endif

typedef struct {
  const char *tool_version;  /* NULL = this build's */
  const char *root;          /* absolute path of the run's root; NULL or "" = no SRCROOT */
  const char *help_uri_base; /* NULL = RC_SARIF_DEFAULT_HELP_BASE */
  const char *started_at, *finished_at; /* ISO 8601 UTC, or NULL */
  int complete;              /* the run finished normally: invocations[].executionSuccessful */
  /* Optional: the catalogue's one-line summary of a rule (shortDescription), or NULL. */
  const char *(*rule_summary)(const char *rule_id);
  /* Optional: the rule's docs page as Markdown (help.text and help.markdown), or NULL. */
  const char *(*rule_help)(const char *rule_id);
} RcSarifRun;

typedef struct RcSarif RcSarif;

/* Starts a log with one run. Returns NULL when out of memory (nothing written). */
RcSarif *rc_sarif_begin(FILE *out, const RcSarifRun *run);

/* Writes one result. Returns 0, or -1 on failure (the writer stays usable for rc_sarif_end). */
int rc_sarif_add(RcSarif *s, const RcStoredFinding *f);

/* Writes the tool and rules metadata, closes the log and frees the writer. Returns 0, or -1
 * when this or any earlier call failed. Accepts NULL (returns -1). */
int rc_sarif_end(RcSarif *s);

#endif
