/* suppress.h — suppression comments in linted sources.
 *
 * A finding is suppressed by a comment on its line, or by a comment standing alone on the line
 * before it. The spellings:
 *
 *   // pyrefcheck: ignore[ref-leak, null-unchecked]     these rules (also in a block comment)
 *   // pyrefcheck: ignore                               every rule
 *   // NOLINT(pyrefcheck-ref-leak)                      clang-tidy's: this line only
 *   // NOLINTNEXTLINE(pyrefcheck-ref-leak)              clang-tidy's: the next line only
 *   // NOLINT  or  NOLINT(pyrefcheck-*)                 every rule, this line
 *
 * Checks of other tools named in a NOLINT list (bugprone-*) are ignored. A rule id that is not in
 * the catalogue makes the comment malformed: it is kept as a problem to report, and suppresses
 * nothing. Each suppression remembers whether it matched a finding, so that unused ones can be
 * reported (--report-unused-suppressions).
 *
 * Ownership: an RcSuppressions owns copies of everything it holds; the source text passed to
 * rc_suppress_scan is not kept. */
#ifndef RC_SUPPRESS_H
#define RC_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct RcSuppressions RcSuppressions;

typedef struct {
  unsigned line, column;  /* where the comment is (1-based) */
  const char *rules;      /* the rule ids as written ("ref-leak, null-unchecked"), "" for all */
  const char *problem;    /* NULL, or why the comment suppresses nothing (unknown rule id) */
  bool used;              /* matched at least one finding */
} RcSuppression;

/* Finds every suppression comment in `text` (`len` bytes). Returns 0 and a new set in *out, or -1
 * when memory ran out. */
int rc_suppress_scan(const char *text, size_t len, RcSuppressions **out);

/* True when a finding of `rule_id` reported on `line` is suppressed; marks the suppressions that
 * matched as used. */
bool rc_suppress_match(RcSuppressions *set, unsigned line, const char *rule_id);

/* The suppressions found, in source order. */
size_t rc_suppress_count(const RcSuppressions *set);
const RcSuppression *rc_suppress_at(const RcSuppressions *set, size_t index);

void rc_suppress_free(RcSuppressions *set);

#endif
