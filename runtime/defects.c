/* defects.c — the defect records: reporting (deduplicated), reading, and the JSON rendering.
 *
 * Owns the record array (system memory, not a family: records are not leaks and cannot fail by
 * fault injection). A defect is recorded once per (kind, object, allocation site, offending site)
 * — per (kind, object, allocation site) for leaks and for a type without tp_traverse: a DECREF of a
 * freed object inside a loop is one record, and two objects that had the same address in turn are
 * two. The strings a record points to are static (file names from __FILE__, static type names) or
 * copied into it (message). At most RT_DEFECT_CAP records are
 * kept; the rest are counted in the JSON's "dropped".
 */
#include "rt_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define RT_DEFECT_CAP 10000

static RtDefect *records;
static size_t n_records, cap_records, dropped;

static const char *const kind_names[] = {
    [RT_DEFECT_NEGATIVE_REFCNT] = "negative-refcount",
    [RT_DEFECT_INCREF_NULL] = "incref-null",
    [RT_DEFECT_DECREF_NULL] = "decref-null",
    [RT_DEFECT_INCREF_FREED] = "incref-freed",
    [RT_DEFECT_DECREF_FREED] = "decref-freed",
    [RT_DEFECT_DOUBLE_FREE] = "double-free",
    [RT_DEFECT_WRONG_FAMILY] = "wrong-family",
    [RT_DEFECT_INVALID_FREE] = "invalid-free",
    [RT_DEFECT_OVERRUN] = "overrun",
    [RT_DEFECT_UNDERRUN] = "underrun",
    [RT_DEFECT_WRITE_AFTER_FREE] = "write-after-free",
    [RT_DEFECT_LEAK] = "leak",
    [RT_DEFECT_LEAK_UNTRAVERSED] = "leak-untraversed",
    [RT_DEFECT_MEMORY_LEAK] = "memory-leak",
    [RT_DEFECT_SINGLETON_DEALLOC] = "singleton-dealloc",
    [RT_DEFECT_SINGLETON_BALANCE] = "singleton-balance",
    [RT_DEFECT_GC_TRACK_TWICE] = "gc-track-twice",
    [RT_DEFECT_GC_FREE_TRACKED] = "gc-free-tracked",
    [RT_DEFECT_GC_NO_TRAVERSE] = "gc-no-traverse",
    [RT_DEFECT_GC_NOT_GC_OBJECT] = "gc-not-gc-object",
    [RT_DEFECT_GC_UNINIT_MEMBER] = "gc-uninitialised-member",
};

const char *rt_defect_kind_name(RtDefectKind kind)
{
  if ((size_t)kind < sizeof(kind_names) / sizeof(kind_names[0]) && kind_names[kind])
    return kind_names[kind];
  return "unknown";
}

static int same_site(const char *a, const char *b)
{
  return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

RtDefect *rt_defect_report(RtDefectKind kind, const void *object, const char *type_name,
                           const char *alloc_file, int alloc_line, const char *site_file,
                           int site_line, Py_ssize_t refcnt, const char *fmt, ...)
{
  /* A type without traverse, a leak: one record per object whatever the site. */
  int any_site = kind == RT_DEFECT_GC_NO_TRAVERSE || kind == RT_DEFECT_LEAK ||
                 kind == RT_DEFECT_LEAK_UNTRAVERSED || kind == RT_DEFECT_MEMORY_LEAK;
  for (size_t i = 0; i < n_records; i++) {
    RtDefect *d = &records[i];
    /* The allocation site tells apart two objects that had the same address in turn. */
    if (d->kind == kind && d->object == object && d->alloc_line == alloc_line &&
        same_site(d->alloc_file, alloc_file) &&
        (any_site || (d->site_line == site_line && same_site(d->site_file, site_file))))
      return NULL;
  }
  if (n_records == cap_records) {
    size_t ncap = cap_records ? cap_records * 2 : 16;
    RtDefect *nr = ncap <= RT_DEFECT_CAP ? realloc(records, ncap * sizeof(RtDefect)) : NULL;
    if (nr == NULL) {
      dropped++;
      return NULL;
    }
    records = nr;
    cap_records = ncap;
  }
  RtDefect *d = &records[n_records++];
  memset(d, 0, sizeof(*d));
  d->kind = kind;
  d->object = object;
  d->type_name = type_name ? type_name : "";
  d->alloc_file = alloc_file;
  d->alloc_line = alloc_line;
  d->site_file = site_file;
  d->site_line = site_line;
  d->refcnt = refcnt;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->message, sizeof(d->message), fmt, ap);
  va_end(ap);
  d->consequence = rt_profile_consequence(kind, object);
  return d;
}

RtDefect *rt_defect_object(RtDefectKind kind, PyObject *op, RtBlock *b, RtSite site,
                           const char *msg)
{
  const char *tname = "";
  const char *afile = NULL;
  int aline = 0;
  Py_ssize_t refcnt = 0;
  if (b != NULL) {
    afile = b->alloc_file;
    aline = b->alloc_line;
    if (b->state == RT_STATE_LIVE) {
      tname = op->ob_type && op->ob_type->tp_name ? op->ob_type->tp_name : "";
      refcnt = op->ob_refcnt;
    } else if (b->type_name) {
      tname = b->type_name;
    }
  } else if (op != NULL) {
    tname = op->ob_type && op->ob_type->tp_name ? op->ob_type->tp_name : "";
    refcnt = op->ob_refcnt;
  }
  RtDefect *d = rt_defect_report(kind, op, tname, afile, aline, site.file, site.line, refcnt, "%s",
                                 msg);
#if RT_DEBUG_LAYER
  if (d != NULL && b != NULL)
    d->history_len = rt_ledger_tail(b, d->history, RT_DEFECT_HISTORY, &d->history_total);
#endif
  return d;
}

size_t rt_defect_count(void) { return n_records; }

const RtDefect *rt_defect_get(size_t i) { return i < n_records ? &records[i] : NULL; }

size_t rt_defect_count_kind(RtDefectKind kind)
{
  size_t n = 0;
  for (size_t i = 0; i < n_records; i++) n += records[i].kind == kind;
  return n;
}

const RtDefect *rt_defect_find(RtDefectKind kind)
{
  for (size_t i = 0; i < n_records; i++)
    if (records[i].kind == kind) return &records[i];
  return NULL;
}

void rt_defects_clear(void)
{
  n_records = 0;
  dropped = 0;
}

/* --- JSON ---------------------------------------------------------------------------------------*/
static void json_string(FILE *out, const char *s)
{
  if (s == NULL) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\t': fputs("\\t", out); break;
    case '\r': fputs("\\r", out); break;
    default:
      if (*p < 0x20) fprintf(out, "\\u%04x", *p);
      else fputc(*p, out);
    }
  }
  fputc('"', out);
}

int rt_defects_write_json(FILE *out)
{
  fprintf(out, "{\"profile\":\"3.%d\",\"debug_layer\":%s,\"dropped\":%zu,\"defects\":[",
          rt_profile_minor(), rt_debug_layer_enabled() ? "true" : "false", dropped);
  for (size_t i = 0; i < n_records; i++) {
    const RtDefect *d = &records[i];
    fputs(i ? ",\n {" : "\n {", out);
    fputs("\"kind\":", out);
    json_string(out, rt_defect_kind_name(d->kind));
    fputs(",\"type\":", out);
    json_string(out, d->type_name);
    fputs(",\"alloc\":", out);
    if (d->alloc_file) {
      fputs("{\"file\":", out);
      json_string(out, d->alloc_file);
      fprintf(out, ",\"line\":%d}", d->alloc_line);
    } else {
      fputs("null", out);
    }
    fputs(",\"site\":", out);
    if (d->site_file) {
      fputs("{\"file\":", out);
      json_string(out, d->site_file);
      fprintf(out, ",\"line\":%d}", d->site_line);
    } else {
      fputs("null", out);
    }
    fprintf(out, ",\"refcnt\":%lld,\"message\":", (long long)d->refcnt);
    json_string(out, d->message);
    fputs(",\"consequence\":", out);
    json_string(out, d->consequence);
    fprintf(out, ",\"history_total\":%zu,\"history\":[", d->history_total);
    for (size_t k = 0; k < d->history_len; k++) {
      const RtRefEvent *e = &d->history[k];
      fputs(k ? ",{\"file\":" : "{\"file\":", out);
      json_string(out, e->file);
      fprintf(out, ",\"line\":%d,\"delta\":%d,\"refcnt\":%lld}", e->line, e->delta,
              (long long)e->refcnt);
    }
    fputs("]}", out);
  }
  fputs(n_records ? "\n]}\n" : "]}\n", out);
  return ferror(out) ? -1 : 0;
}
