/* report.c — finding records and the text renderer (see report.h). */
#include "report.h"

#include "arena.h"

#include <stdlib.h>
#include <string.h>

struct RcReport {
  RcArena *arena;
  RcFinding **items;
  size_t count, cap;
};

RcReport *rc_report_new(void) {
  RcReport *r = calloc(1, sizeof *r);
  if (r == NULL) abort();
  r->arena = rc_arena_new();
  return r;
}

void rc_report_free(RcReport *report) {
  if (report == NULL) return;
  rc_arena_free(report->arena);
  free(report->items);
  free(report);
}

static char *copy(RcArena *a, const char *s) { return s ? rc_arena_strdup(a, s) : NULL; }

RcFinding *rc_report_add(RcReport *report, const RcFinding *finding) {
  RcFinding *f = RC_NEW(report->arena, RcFinding);
  *f = *finding;
  f->rule = copy(report->arena, finding->rule);
  f->file = copy(report->arena, finding->file);
  f->function = copy(report->arena, finding->function);
  f->message = copy(report->arena, finding->message);
  f->fixit = copy(report->arena, finding->fixit);
  f->fingerprint = copy(report->arena, finding->fingerprint);
  f->confirm_verdict = copy(report->arena, finding->confirm_verdict);
  f->confirm_entry = copy(report->arena, finding->confirm_entry);
  f->confirm_detail = copy(report->arena, finding->confirm_detail);
  if (finding->nsteps > 0) {
    f->steps = RC_NEW_ARRAY(report->arena, RcStep, finding->nsteps);
    for (int i = 0; i < finding->nsteps; i++) {
      f->steps[i] = finding->steps[i];
      f->steps[i].text = copy(report->arena, finding->steps[i].text);
      f->steps[i].file = copy(report->arena, finding->steps[i].file);
    }
  }
  if (report->count == report->cap) {
    report->cap = report->cap ? report->cap * 2 : 32;
    report->items = realloc(report->items, report->cap * sizeof *report->items);
    if (report->items == NULL) abort();
  }
  report->items[report->count++] = f;
  return f;
}

size_t rc_report_count(const RcReport *report) { return report->count; }
const RcFinding *rc_report_at(const RcReport *report, size_t index) { return report->items[index]; }

size_t rc_report_count_at_least(const RcReport *report, RcSeverity severity) {
  size_t n = 0;
  for (size_t i = 0; i < report->count; i++) {
    const RcFinding *f = report->items[i];
    n += f->severity >= severity && !f->suppressed && !f->in_baseline;
  }
  return n;
}

static int by_place(const void *a, const void *b) {
  const RcFinding *x = *(RcFinding *const *)a, *y = *(RcFinding *const *)b;
  int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
  if (c != 0) return c;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  return strcmp(x->rule, y->rule);
}

void rc_report_remove(RcReport *report, size_t index) {
  if (index >= report->count) return;
  memmove(&report->items[index], &report->items[index + 1],
          (report->count - index - 1) * sizeof *report->items);
  report->count--;
}

void rc_report_set_fingerprint(RcReport *report, size_t index, const char *fingerprint) {
  report->items[index]->fingerprint = copy(report->arena, fingerprint);
}

void rc_report_set_confirmation(RcReport *report, size_t index, bool confirmed, const char *verdict,
                                const char *entry, const char *detail) {
  RcFinding *f = report->items[index];
  f->confirmation = confirmed ? "confirmed" : "unconfirmed";
  f->confirm_verdict = copy(report->arena, verdict);
  f->confirm_entry = copy(report->arena, entry);
  f->confirm_detail = copy(report->arena, detail);
}

void rc_report_sort(RcReport *report) {
  if (report->count > 1) qsort(report->items, report->count, sizeof *report->items, by_place);
}

void rc_report_print_text(const RcReport *report, size_t from, FILE *out, bool color) {
  const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
  for (size_t i = from; i < report->count; i++) {
    const RcFinding *f = report->items[i];
    if (f->suppressed || f->in_baseline) continue;
    const char *sev = rc_severity_name(f->severity);
    const char *sev_color = !color ? ""
                            : f->severity == RC_SEVERITY_ERROR ? "\033[1;31m"
                            : f->severity == RC_SEVERITY_WARNING ? "\033[1;35m" : "\033[1;36m";
    if (f->rule[0] == '\0') /* a note of the run (a function not analysed): no rule id */
      fprintf(out, "%s%s:%u:%u:%s %s%s:%s %s\n", bold, f->file, f->line, f->col, reset, sev_color,
              sev, reset, f->message);
    else
      fprintf(out, "%s%s:%u:%u:%s %s%s:%s %s%s%s [%s]\n", bold, f->file, f->line, f->col, reset,
              sev_color, sev, reset, bold, f->message, reset, f->rule);
    for (int k = 0; k < f->nsteps; k++) {
      const RcStep *s = &f->steps[k];
      fprintf(out, "%s:%u:%u: %snote:%s (%d) %s\n", s->file ? s->file : f->file, s->line, s->col,
              color ? "\033[1;30m" : "", reset, k + 1, s->text);
    }
    if (f->fixit != NULL)
      fprintf(out, "%s:%u:%u: %snote:%s fix-it: %s\n", f->file, f->line, f->col,
              color ? "\033[1;32m" : "", reset, f->fixit);
    if (f->confirmation != NULL)
      fprintf(out, "%s:%u:%u: %snote:%s %s by the oracle%s%s%s: %s\n", f->file, f->line, f->col,
              color ? "\033[1;34m" : "", reset, f->confirmation, f->confirm_verdict ? " (" : "",
              f->confirm_verdict ? f->confirm_verdict : "", f->confirm_verdict ? ")" : "",
              f->confirm_detail ? f->confirm_detail : "");
  }
}
