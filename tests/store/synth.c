/* synth.c — synthetic runs for the store tests (see synth.h). */
#include "synth.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const rules[] = {"ref-leak", "ref-release-borrowed", "null-unchecked",
                                    "exc-null-without-error"};
static const char *const severities[] = {"error", "error", "warning", "note"};
static const char *const calls_pool[] = {"PyList_New(0)", "PyLong_FromLong", "PyList_Append",
                                         "PyDict_SetItem", "Py_DECREF", "PyTuple_Pack"};

static int write_file(RcStore *store, int64_t run, const SynthOptions *o, unsigned i) {
  char path[64], hash[32], fn[3][64], msg[160], line_text[96];
  snprintf(path, sizeof path, "src/mod%03u.c", i);
  snprintf(hash, sizeof hash, "%08x%s", i * 2654435761u, o->variant == SYNTH_BASE ? "" : "m");
  RcStoreFileInfo info = {.path = path, .content_hash = hash, .args_hash = "args1", .deps_hash = "deps1"};
  int status = rc_store_file_begin(store, run, &info);
  if (status) return status;
  for (unsigned k = 0; k < 3; k++) {
    if (k == 0 && i % 2 == 0) snprintf(fn[k], sizeof fn[k], "PyInit_mod%03u", i); /* module init */
    else snprintf(fn[k], sizeof fn[k], "mod%03u_f%u", i, k);
    status = rc_store_function(store, fn[k], 5 + 100 * k, k != 2, 10 + k);
    if (status) return status;
  }
  unsigned shift = o->variant == SYNTH_MOVED ? 7 : 0;
  unsigned count = o->findings + (o->variant == SYNTH_EDITED && i == 0 ? 1 : 0);
  for (unsigned j = 0; j < count; j++) {
    if (o->variant == SYNTH_EDITED && i == 0 && j == 0) continue; /* fixed */
    unsigned base = j == 3 ? 0 : j; /* finding 3 repeats finding 0 */
    const char *calls[3] = {calls_pool[base % 6], calls_pool[(base + 1) % 6], calls_pool[(base + 2) % 6]};
    if (o->variant == SYNTH_EDITED && i == 0 && j == 1) calls[1] = "PyObject_GetAttr";
    if (j == o->findings) calls[0] = "PySet_New"; /* the added finding */
    unsigned line = 10 + 20 * j + shift;
    snprintf(msg, sizeof msg, "reference from %s() is leaked on this path", calls[0]);
    snprintf(line_text, sizeof line_text, "    PyObject *v%u = %s;", base, calls[0]);
    RcStoredStep steps[3] = {
      {path, line - 4, 9, "the call returns a new reference"},
      {path, line - 2, 5, "taking the error branch"},
      {path, line, 5, "the reference is lost here"},
    };
    RcStoredFinding f = {
      .rule_id = rules[(i + base) % 4], .severity = severities[(i + base) % 4], .file = path,
      .function = fn[base % 3], .message = msg, .line = line, .column = 5,
      .path_calls = calls, .path_call_count = 3, .steps = steps, .step_count = 1 + j % 3,
      .suppressed = (i == 1 && j == 2), .line_text = line_text,
    };
    if ((status = rc_store_finding(store, &f))) return status;
  }
  status = rc_store_file_end(store, 1.5 + i);
  if (o->delay_us) usleep(o->delay_us);
  return status;
}

int synth_write_run(RcStore *store, const SynthOptions *o, int64_t *run_out) {
  char arg0[] = "pyrefcheck", arg1[] = "lint", arg2[] = "src/";
  char *argv[] = {arg0, arg1, arg2, NULL};
  RcStoreRunInfo info = {
    .tool_version = "0.1.0-test", .libclang_version = "clang version 14.0.6",
    .rules_version = "rules-test-1", .python_version = "3.11", .argc = 3, .argv = argv,
    .root = "/work/synthetic tree", .shard_index = o->shard_index, .shard_count = o->shard_count,
  };
  int status = rc_store_run_begin(store, &info, run_out);
  if (status == RC_STORE_OK && o->on_begin != NULL) o->on_begin(o->ctx, *run_out);
  for (unsigned i = 0; status == RC_STORE_OK && i < o->files; i++) {
    char path[64];
    snprintf(path, sizeof path, "src/mod%03u.c", i);
    if (o->shard_count > 1 && !rc_store_shard_selects(path, o->shard_index, o->shard_count)) continue;
    status = write_file(store, *run_out, o, i);
  }
  if (status == RC_STORE_OK && o->finish) status = rc_store_run_finish(store, *run_out, 1);
  return status;
}
