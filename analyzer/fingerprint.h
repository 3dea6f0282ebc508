/* fingerprint.h — the identity of a finding across runs, independent of line numbers.
 *
 * Purpose: a finding must keep its identity when unrelated lines move (so that `diff`, baselines
 * and GitHub code scanning see "unchanged", not "fixed + new"), and lose it when the code that
 * causes it really changes. The recipe (docs/database.md, "Fingerprints"), version 1:
 *
 *   base = FNV-1a-64 over "pyrefcheck-fp-1" NUL rule NUL file NUL function NUL calls
 *   calls = the API calls on the finding's path, each normalised (surrounding blanks and any
 *           argument list "(...)" dropped), empty names skipped, runs of the same call collapsed
 *           to one, joined by '\n'
 *   fingerprint = 16 lowercase hex digits of base; the store appends ".K" (K >= 1) to the K-th
 *           further finding of a run with the same base, in (line, column) order.
 *
 * Line numbers, columns, messages and severities are not part of it. The file (relative to the
 * run's root) is, so that two static functions of one name in two files stay apart.
 * Ownership: pure functions; results are written into caller buffers. Nothing here fails.
 */
#ifndef RC_FINGERPRINT_H
#define RC_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#define RC_FINGERPRINT_VERSION 1
#define RC_FINGERPRINT_HEX 17 /* 16 hex digits and the NUL */

/* FNV-1a 64 of `n` bytes, continuing from `h` (start with RC_FNV_OFFSET). */
#define RC_FNV_OFFSET UINT64_C(0xcbf29ce484222325)
uint64_t rc_fingerprint_fnv(uint64_t h, const void *data, size_t n);

/* Computes the base fingerprint (recipe above) into out[RC_FINGERPRINT_HEX]. Any string may be
 * NULL (treated as empty); `calls` may be NULL when `ncalls` is 0. */
void rc_fingerprint_compute(const char *rule, const char *file, const char *function,
                            const char *const *calls, size_t ncalls, char out[RC_FINGERPRINT_HEX]);

/* A numbered fingerprint: 16 hex digits, optionally ".K", and the NUL. */
#define RC_FINGERPRINT_ID 32

/* Step 3 of the recipe, for callers without a store (lint --no-db --baseline FILE.txt): given the
 * `n` findings of ONE file with their base fingerprints in id[i] and their lines and columns,
 * appends ".K" in place to the K-th (K >= 1) further finding of each base, in (line, column,
 * index) order: exactly what the store does at rc_store_file_end(). Returns 0, or -1 when out of
 * memory (id[] unchanged). */
int rc_fingerprint_number(size_t n, const unsigned *line, const unsigned *column,
                          char (*id)[RC_FINGERPRINT_ID]);

/* The line part of SARIF's primaryLocationLineHash: 16 hex digits of FNV-1a-64 over the source
 * line with every blank removed (so re-indentation keeps it). NULL `line_text` hashes `fallback`
 * (the finding's fingerprint) instead, so the value stays stable when no source text is known. */
void rc_fingerprint_line_hash(const char *line_text, const char *fallback,
                              char out[RC_FINGERPRINT_HEX]);

/* Which of `count` shards `path` (relative to the root) belongs to: a stable value in
 * [0, count), the same on every machine and every run. `count` 0 is treated as 1. */
unsigned rc_fingerprint_shard(const char *path, unsigned count);

#endif
