/* confirm.h — `pyrefcheck lint --confirm`: the oracle run on each function that has a finding, and
 * every finding marked confirmed (with the command that replays what the oracle saw) or
 * unconfirmed (with why).
 *
 * Purpose: the two sides of pyrefcheck in one view. The analyzer claims a bug on a path; the
 * oracle (oracle.h) compiles the same file against the reference runtime and runs it under fault
 * injection. A finding is confirmed when a run of its function (or of an entry point whose run
 * went through it) showed a defect of the kind the rule predicts, at the finding's line or at a
 * line of its path notes (or, for the verdicts the oracle places at the entry's definition —
 * a borrowed result, an exception-state mistake, a crash — anywhere in that function).
 *
 * How a file is run: compiled once; every entry point the oracle finds by itself is explored
 * once; each function with a finding that is not among them is then tried alone (`oracle --entry
 * F`: static helpers called as their prototype says). A function neither reaches is "not
 * runnable", with the oracle's own reason. The compile takes the job's -D and -I flags, except
 * include directories of a real CPython (the runtime's headers stand in for them).
 *
 * Rule to verdict (the mapping of docs/testing.md): ref-leak -> leak; ref-release-borrowed,
 * ref-use-after-release, ref-use-after-steal, ref-steal-borrowed, ref-borrowed-invalidated,
 * ref-return-borrowed -> over-release, use-after-free, negative-refcount (or a crash);
 * null-unchecked -> crash; exc-null-without-error -> null-without-error; exc-success-with-error
 * -> success-with-error; type-traverse -> uncollectable (or leak); type-dealloc -> memory-error,
 * crash, use-after-free. format-args, methoddef-mismatch and api-prefer-strong are not observable
 * by running: they are marked unconfirmed without a run. Notes are not marked.
 *
 * Ownership: marks are written into the report (rc_report_set_confirmation: copied into its
 * arena). Nothing else outlives a call. Failure: rc_confirm_report returns 0, or -1 when the
 * oracle's toolchain is missing or memory ran out (a message on stderr); a file or function the
 * oracle cannot run is not a failure, only an unconfirmed mark. */
#ifndef RC_CONFIRM_H
#define RC_CONFIRM_H

#include "frontend.h"
#include "report.h"
#include "store.h"

#include <stdint.h>

typedef struct {
  const char *argv0;       /* to find pyrefcheck-runner beside the executable */
  const char *profile;     /* the CPython profile of the runs ("3.11") */
  bool progress;           /* one line per function on stderr */
} RcConfirmOptions;

/* Marks every unsuppressed warning or error of `report` whose file is one of `jobs`. */
int rc_confirm_report(RcReport *report, const RcJobs *jobs, const RcConfirmOptions *opt);

/* Records each marked finding of `report` in run `run` of `store` as an oracle_verdicts row whose
 * finding_id is the finding's row (found by file and fingerprint): the confirming verdict with
 * its replay command, `ok` when the oracle ran the function and saw nothing of the kind, or
 * `not-run` with the reason as the message. Returns RC_STORE_OK or the store's error. */
int rc_confirm_record(const RcReport *report, RcStore *store, int64_t run, const char *root);

/* How many findings of the report carry each mark. */
void rc_confirm_counts(const RcReport *report, size_t *confirmed, size_t *unconfirmed);

#endif
