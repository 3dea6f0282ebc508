/* synth.h — synthetic runs for the store tests: a deterministic tree of files and findings
 * written through the store API exactly as lint will write them.
 *
 * File i is "src/modNNN.c"; it has `findings` findings with rules, functions and path calls
 * derived from (i, j); function 0 of an even-numbered file is its module init, PyInit_modNNN. Finding 3 of every file repeats finding 0's rule, function and calls on
 * another line, so fingerprint numbering (".1") is exercised. Variants:
 *   SYNTH_BASE    the reference tree;
 *   SYNTH_MOVED   every line moved down by 7 (unrelated edits above): same fingerprints;
 *   SYNTH_EDITED  in file 0, finding 0 fixed, finding 1's path changed (a different call), and
 *                 one finding added: 2 new, 2 fixed, the rest unchanged. */
#ifndef RC_TEST_SYNTH_H
#define RC_TEST_SYNTH_H

#include "store.h"

typedef enum { SYNTH_BASE, SYNTH_MOVED, SYNTH_EDITED } SynthVariant;

typedef struct {
  unsigned files, findings;       /* tree size */
  SynthVariant variant;
  unsigned shard_index, shard_count; /* 0/0: all files */
  unsigned delay_us;              /* sleep after each file (to widen kill windows) */
  int finish;                     /* call rc_store_run_finish at the end */
  void (*on_begin)(void *ctx, int64_t run); /* called once the run row is committed; may be NULL */
  void *ctx;
} SynthOptions;

/* Writes one run of the synthetic tree into `store`; *run_out gets its id. Returns a store status
 * (message in rc_store_errmsg). */
int synth_write_run(RcStore *store, const SynthOptions *o, int64_t *run_out);

#endif
