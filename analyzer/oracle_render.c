/* oracle_render.c — the oracle's reports: text for people, JSON for tools (docs/oracle.md).
 *
 * Text: one line per defect in the compiler's shape, FILE:LINE: VERDICT: MESSAGE [entry, schedule],
 * followed by indented details (allocation site, the injected failure, what CPython does, which
 * versions notice, the replay command), then the entries that were clean, the notes (what was not
 * run, and why), and a summary line. JSON: one object, written with the shared writer (json.h). */
#include "oracle.h"
#include "json.h"

#include <ctype.h>
#include <string.h>

static int shell_safe(const char *s) {
  for (; *s; s++)
    if (!(isalnum((unsigned char)*s) || strchr("/._-+=:,@%", *s))) return 0;
  return 1;
}

void rc_oracle_replay_command(const RcOracle *o, const RcOracleDefect *d, char *buf, size_t size) {
  const char *snippet = o->snippet;
  snprintf(buf, size, shell_safe(snippet) ? "pyrefcheck oracle %s --entry %s --schedule %ld%s%s"
                                          : "pyrefcheck oracle '%s' --entry %s --schedule %ld%s%s",
           snippet, o->entries[d->entry].name, d->schedule,
           o->replay_options && *o->replay_options ? " " : "",
           o->replay_options ? o->replay_options : "");
}

/* Where a defect is reported: its offending site, else its allocation site, else the snippet. */
static void location(const RcOracle *o, const RcOracleDefect *d, char *buf, size_t size) {
  if (d->site_file && d->site_line) snprintf(buf, size, "%s:%d", d->site_file, d->site_line);
  else if (d->alloc_file && d->alloc_line) snprintf(buf, size, "%s:%d", d->alloc_file, d->alloc_line);
  else snprintf(buf, size, "%s", o->snippet);
}

void rc_oracle_render_text(const RcOracle *o, FILE *out) {
  char where[512], replay[1024];
  for (size_t i = 0; i < o->ndefects; i++) {
    const RcOracleDefect *d = &o->defects[i];
    const RcOracleEntry *e = &o->entries[d->entry];
    location(o, d, where, sizeof where);
    fprintf(out, "%s: %s: %s [%s, schedule %ld]\n", where, rc_oracle_verdict_name(d->verdict),
            d->message, e->name, d->schedule);
    if (d->alloc_file && d->alloc_line &&
        !(d->site_file && strcmp(d->site_file, d->alloc_file) == 0 && d->site_line == d->alloc_line))
      fprintf(out, "    the %s was allocated at %s:%d\n", d->type[0] ? d->type : "object",
              d->alloc_file, d->alloc_line);
    else if (d->alloc_file && d->alloc_line)
      fprintf(out, "    the %s was allocated here\n", d->type[0] ? d->type : "object");
    if (d->fault_only && d->fail_call > 0)
      fprintf(out, "    only on an error path: seen when call %ld, %s%s%s%s, was made to fail, in %ld "
                   "run%s; the normal runs are clean of it\n",
              d->fail_call, d->fail_name ? d->fail_name : "?", d->fail_site ? " (" : "",
              d->fail_site ? d->fail_site : "", d->fail_site ? ")" : "", d->runs_seen,
              d->runs_seen == 1 ? "" : "s");
    else if (d->fault_only)
      fprintf(out, "    only on an error path: seen when allocation %ld%s%s%s failed (MemoryError), "
                   "in %ld run%s; the normal runs are clean of it\n",
              d->fail_alloc, d->fail_site ? " (" : "", d->fail_site ? d->fail_site : "",
              d->fail_site ? ")" : "", d->runs_seen, d->runs_seen == 1 ? "" : "s");
    else
      fprintf(out, "    on the normal path: seen in %ld run%s\n", d->runs_seen, d->runs_seen == 1 ? "" : "s");
    fprintf(out, "    arguments: %s\n", d->argset ? d->argset : "()");
    if (d->consequence && *d->consequence)
      fprintf(out, "    CPython %s: %s\n", o->profile, d->consequence);
    if (d->versions && *d->versions) fprintf(out, "    versions: %s\n", d->versions);
    rc_oracle_replay_command(o, d, replay, sizeof replay);
    fprintf(out, "    replay: %s\n", replay);
  }
  long points = 0, covered = 0;
  size_t clean = 0;
  for (size_t i = 0; i < o->nentries; i++) {
    points += o->entries[i].points;
    covered += o->entries[i].covered;
  }
  for (size_t i = 0; i < o->nentries; i++) {
    const RcOracleEntry *e = &o->entries[i];
    int bad = 0;
    for (size_t k = 0; k < o->ndefects; k++) bad |= o->defects[k].entry == i;
    if (bad || e->runs == 0 || e->not_run_sets == (long)e->nargsets) continue;
    fprintf(out, "%s%s (%ld run%s)", clean++ ? ", " : "ok: ", e->name, e->runs, e->runs == 1 ? "" : "s");
  }
  if (clean) fputc('\n', out);
  for (size_t i = 0; i < o->nnotes; i++) fprintf(out, "note: %s\n", o->notes[i]);
  for (size_t i = 0; i < o->nentries; i++) {
    const RcOracleEntry *e = &o->entries[i];
    for (size_t n = 0; n < e->nnotes; n++) {
      long sets = e->note_sets ? e->note_sets[n] : 0;
      if (sets > 0)
        fprintf(out, "note: %s: %ld of %zu argument set%s not run: %s\n", e->name, sets,
                e->nargsets, e->nargsets == 1 ? "" : "s", e->notes[n]);
      else
        fprintf(out, "note: %s\n", e->notes[n]);
    }
  }
  if (!o->replay && covered < points)
    fprintf(out, "note: --max-runs stopped the exploration: %ld of %ld failure points were made "
                 "to fail\n", covered, points);
  size_t faulty = 0;
  for (size_t i = 0; i < o->nentries; i++) {
    int bad = 0;
    for (size_t k = 0; k < o->ndefects; k++) bad |= o->defects[k].entry == i;
    faulty += bad;
  }
  fprintf(out, "%s: %zu defect%s in %zu of %zu entry point%s; %ld run%s, %ld of %ld failure points "
               "(allocations and fallible calls) made to fail; %.2f s (compile %.2f s); profile %s\n",
          o->snippet, o->ndefects, o->ndefects == 1 ? "" : "s", faulty, o->nentries,
          o->nentries == 1 ? "" : "s", o->runs, o->runs == 1 ? "" : "s", covered, points,
          o->seconds, o->compile_seconds, o->profile);
}

static void site(RcJson *w, const char *key, const char *file, int line) {
  rc_json_key(w, key);
  if (file == NULL || line == 0) {
    rc_json_null(w);
    return;
  }
  rc_json_object_begin(w);
  rc_json_key(w, "file");
  rc_json_string(w, file);
  rc_json_key(w, "line");
  rc_json_int(w, line);
  rc_json_object_end(w);
}

int rc_oracle_render_json(const RcOracle *o, FILE *out) {
  RcJson *w = rc_json_new(out, 1);
  if (w == NULL) return -1;
  char replay[1024];
  rc_json_object_begin(w);
  rc_json_key(w, "format");
  rc_json_string(w, "pyrefcheck-oracle");
  rc_json_key(w, "version");
  rc_json_int(w, 1);
  rc_json_key(w, "snippet");
  rc_json_string(w, o->snippet);
  rc_json_key(w, "profile");
  rc_json_string(w, o->profile);
  rc_json_key(w, "runs");
  rc_json_int(w, o->runs);
  rc_json_key(w, "seconds");
  rc_json_double(w, o->seconds);
  rc_json_key(w, "compile_seconds");
  rc_json_double(w, o->compile_seconds);
  rc_json_key(w, "replay");
  rc_json_bool(w, o->replay);

  rc_json_key(w, "entries");
  rc_json_array_begin(w);
  for (size_t i = 0; i < o->nentries; i++) {
    const RcOracleEntry *e = &o->entries[i];
    RcOracleVerdict worst = RC_ORACLE_OK;
    size_t ndefects = 0;
    for (size_t k = 0; k < o->ndefects; k++)
      if (o->defects[k].entry == i) {
        if (ndefects++ == 0) worst = o->defects[k].verdict;
      }
    rc_json_object_begin(w);
    rc_json_key(w, "name");
    rc_json_string(w, e->name);
    rc_json_key(w, "convention");
    rc_json_string(w, rc_oracle_conv_name(e->conv));
    rc_json_key(w, "line");
    if (e->line) rc_json_int(w, e->line);
    else rc_json_null(w);
    rc_json_key(w, "arguments_from");
    rc_json_string(w, e->args_origin);
    rc_json_key(w, "argument_sets");
    rc_json_array_begin(w);
    for (size_t a = 0; a < e->nargsets; a++) rc_json_string(w, e->argsets[a]);
    rc_json_array_end(w);
    rc_json_key(w, "runs");
    rc_json_int(w, e->runs);
    rc_json_key(w, "failure_points");
    rc_json_int(w, e->points);
    rc_json_key(w, "covered");
    rc_json_int(w, e->covered);
    rc_json_key(w, "same_path_sets");
    rc_json_int(w, e->same_path_sets);
    rc_json_key(w, "verdict");
    rc_json_string(w, e->runs == 0 || (e->not_run_sets == (long)e->nargsets && ndefects == 0)
                          ? "not-run" : rc_oracle_verdict_name(worst));
    rc_json_key(w, "defects");
    rc_json_int(w, (int64_t)ndefects);
    rc_json_key(w, "notes");
    rc_json_array_begin(w);
    for (size_t n = 0; n < e->nnotes; n++) {
      rc_json_object_begin(w);
      rc_json_key(w, "text");
      rc_json_string(w, e->notes[n]);
      rc_json_key(w, "argument_sets");
      rc_json_int(w, e->note_sets ? e->note_sets[n] : 0);
      rc_json_object_end(w);
    }
    rc_json_array_end(w);
    rc_json_object_end(w);
  }
  rc_json_array_end(w);

  rc_json_key(w, "defects");
  rc_json_array_begin(w);
  for (size_t i = 0; i < o->ndefects; i++) {
    const RcOracleDefect *d = &o->defects[i];
    rc_json_object_begin(w);
    rc_json_key(w, "verdict");
    rc_json_string(w, rc_oracle_verdict_name(d->verdict));
    rc_json_key(w, "detector");
    rc_json_string(w, d->detector);
    rc_json_key(w, "entry");
    rc_json_string(w, o->entries[d->entry].name);
    rc_json_key(w, "schedule");
    rc_json_int(w, d->schedule);
    rc_json_key(w, "fault");
    if (d->fail_alloc > 0 || d->fail_call > 0) {
      rc_json_object_begin(w);
      rc_json_key(w, "kind");
      rc_json_string(w, d->fail_call > 0 ? "call" : "allocation");
      rc_json_key(w, "index");
      rc_json_int(w, d->fail_call > 0 ? d->fail_call : d->fail_alloc);
      rc_json_key(w, "call");
      rc_json_string(w, d->fail_name);
      rc_json_key(w, "site");
      rc_json_string(w, d->fail_site);
      rc_json_object_end(w);
    } else {
      rc_json_null(w);
    }
    rc_json_key(w, "fault_only");
    rc_json_bool(w, d->fault_only);
    rc_json_key(w, "runs_seen");
    rc_json_int(w, d->runs_seen);
    rc_json_key(w, "type");
    rc_json_string(w, d->type);
    site(w, "alloc", d->alloc_file, d->alloc_line);
    site(w, "site", d->site_file, d->site_line);
    rc_json_key(w, "message");
    rc_json_string(w, d->message);
    rc_json_key(w, "consequence");
    rc_json_string(w, d->consequence);
    rc_json_key(w, "versions");
    rc_json_string(w, d->versions);
    rc_json_key(w, "arguments");
    rc_json_string(w, d->argset);
    rc_oracle_replay_command(o, d, replay, sizeof replay);
    rc_json_key(w, "replay");
    rc_json_string(w, replay);
    rc_json_object_end(w);
  }
  rc_json_array_end(w);

  rc_json_key(w, "notes");
  rc_json_array_begin(w);
  for (size_t i = 0; i < o->nnotes; i++) rc_json_string(w, o->notes[i]);
  rc_json_array_end(w);
  rc_json_object_end(w);
  return rc_json_finish(w);
}
