/* report.h — findings as records, and their rendering as text.
 *
 * A finding is data: rule id, severity, file, line, column, function, message, the numbered path
 * steps that explain it and an optional fix-it. The engine and the checks add findings; renderers
 * turn them into output: the text renderer here (rc_report_print_text); JSON, SARIF and the
 * SQLite store in lint_output.c and lint_db.c read the same records.
 *
 * Ownership: an RcReport owns every finding and string added to it (its own arena) until
 * rc_report_free(). Strings passed in are copied.
 *
 * Invariants: after rc_report_sort(), findings are in (file, line, column, rule) order; a rule id
 * is one of the catalogue's (rc_rules_find), or "" for a note of the run (severity note: a
 * function not analysed because of a compile error), which renderers print without a rule id. */
#ifndef RC_REPORT_H
#define RC_REPORT_H

#include "rules.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct {
  char *text;            /* "PyLong_FromLong() returns a new reference 'v'" */
  const char *file;
  unsigned line, col;
} RcStep;

typedef struct {
  const char *rule;      /* "ref-leak"; "" for a note of the run (a function not analysed) */
  RcSeverity severity;
  const char *file;
  unsigned line, col;
  const char *function;  /* the function analysed, or NULL */
  char *message;
  RcStep *steps;
  int nsteps;
  char *fixit;           /* a replacement text, or NULL */
  bool suppressed;       /* silenced by a suppression comment: recorded, not printed, not failing */
  bool in_baseline;      /* known to the --baseline: printed only in JSON/SARIF, not failing */
  char *fingerprint;     /* the numbered fingerprint (fingerprint.h) once the driver set it */
  /* lint --confirm (confirm.h); all NULL when the finding was not checked */
  const char *confirmation; /* "confirmed" or "unconfirmed" (static strings) */
  char *confirm_verdict;    /* the oracle's verdict that confirms it; "ok" (ran, nothing of the
                             * kind seen) or "not-run" when unconfirmed */
  char *confirm_entry;      /* the entry point whose run showed it (or was tried), or NULL */
  char *confirm_detail;     /* confirmed: the replay command; unconfirmed: why */
} RcFinding;

typedef struct RcReport RcReport;

RcReport *rc_report_new(void);
void rc_report_free(RcReport *report);

/* Adds a finding; its strings and steps are copied. Returns the stored record. */
RcFinding *rc_report_add(RcReport *report, const RcFinding *finding);

size_t rc_report_count(const RcReport *report);
const RcFinding *rc_report_at(const RcReport *report, size_t index);
/* Number of findings whose severity is at least `severity`, neither suppressed nor in the
 * baseline (for the exit code). */
size_t rc_report_count_at_least(const RcReport *report, RcSeverity severity);

void rc_report_sort(RcReport *report);

/* Removes the record at `index`, keeping the order of the others (its memory stays in the
 * arena until rc_report_free). */
void rc_report_remove(RcReport *report, size_t index);

/* Sets the fingerprint of the record at `index` (copied into the report's arena). */
void rc_report_set_fingerprint(RcReport *report, size_t index, const char *fingerprint);

/* Sets the --confirm mark of the record at `index`: `confirmed` true or false, the oracle's
 * verdict, the entry run (may be NULL) and the replay command or the reason (strings copied). */
void rc_report_set_confirmation(RcReport *report, size_t index, bool confirmed, const char *verdict,
                                const char *entry, const char *detail);

/* Prints findings as `file:line:col: warning: message [rule-id]` followed by `  note: (1) ...`
 * lines (and, when checked by --confirm, a note saying whether the oracle confirmed it); colours
 * when `color`. Prints the findings from index `from` on (so that a run can print
 * file by file); suppressed findings and findings in the baseline are not printed. */
void rc_report_print_text(const RcReport *report, size_t from, FILE *out, bool color);

#endif
