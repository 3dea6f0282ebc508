/* suppress.c — finding and matching suppression comments (see suppress.h). */
#include "suppress.h"

#include "rules.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  RcSuppression pub;
  unsigned lines[2];  /* the lines it applies to; 0 = unused slot */
  bool all_rules;
  char **ids;         /* owned; nids entries */
  size_t nids;
} Entry;

struct RcSuppressions {
  Entry *entries;
  size_t count, capacity;
};

/* --- parsing one comment ---------------------------------------------------------------------- */

static bool is_id_char(char c) { return islower((unsigned char)c) || isdigit((unsigned char)c) || c == '-'; }

/* Adds `id` (n bytes) to the entry's list; validates it against the catalogue. */
static int add_id(Entry *e, const char *id, size_t n, char *problem, size_t problem_size) {
  char **grown = realloc(e->ids, (e->nids + 1) * sizeof *grown);
  if (grown == NULL) return -1;
  e->ids = grown;
  e->ids[e->nids] = strndup(id, n);
  if (e->ids[e->nids] == NULL) return -1;
  if (rc_rules_find(e->ids[e->nids]) == NULL && problem[0] == '\0')
    snprintf(problem, problem_size, "unknown rule id '%s' in suppression", e->ids[e->nids]);
  e->nids++;
  return 0;
}

/* Parses a bracketed or parenthesised list starting after `open` up to `close`, keeping the ids
 * with `prefix` (stripped). Sets *any when at least one id had the prefix. Returns the position
 * after the closing character, or NULL when the list is not closed. */
static const char *parse_list(Entry *e, const char *p, const char *end, char close,
                              const char *prefix, bool *any, char *problem, size_t problem_size,
                              int *status) {
  size_t prefix_len = strlen(prefix);
  while (p < end && *p != close) {
    while (p < end && (isspace((unsigned char)*p) || *p == ',')) p++;
    const char *start = p;
    while (p < end && *p != ',' && *p != close && !isspace((unsigned char)*p)) p++;
    size_t n = (size_t)(p - start);
    if (n == 0) continue;
    if (strncmp(start, prefix, prefix_len) != 0) continue; /* another tool's check */
    *any = true;
    start += prefix_len;
    n -= prefix_len;
    if (n == 1 && *start == '*') {
      e->all_rules = true;
      continue;
    }
    bool plain = n > 0;
    for (size_t i = 0; i < n; i++) plain = plain && is_id_char(start[i]);
    if (!plain) {
      if (problem[0] == '\0') snprintf(problem, problem_size, "malformed rule id '%.*s' in suppression", (int)n, start);
      continue;
    }
    if (add_id(e, start, n, problem, problem_size) != 0) {
      *status = -1;
      return NULL;
    }
  }
  return p < end ? p + 1 : NULL;
}

/* Looks for our spellings in the comment body [body, end). Fills `e` and returns 1 when the
 * comment is a suppression, 0 when it is not, -1 when memory ran out. `own` is the comment's first
 * line, `next` the line after its last; `alone` says nothing but blanks precede it on its line. */
static int parse_comment(const char *body, const char *end, unsigned own, unsigned next, bool alone,
                         Entry *e) {
  char problem[160] = "";
  int status = 0;
  memset(e, 0, sizeof *e);
  const char *at = NULL;
  for (const char *p = body; p + 11 <= end && at == NULL; p++)
    if (strncmp(p, "pyrefcheck:", 11) == 0) at = p;
  if (at != NULL) {
    const char *p = at + 11;
    while (p < end && isspace((unsigned char)*p)) p++;
    if (end - p < 6 || strncmp(p, "ignore", 6) != 0) return 0;
    p += 6;
    const char *list_start = p;
    if (p < end && *p == '[') {
      bool any = false;
      if (parse_list(e, p + 1, end, ']', "", &any, problem, sizeof problem, &status) == NULL) {
        if (status != 0) return -1;
        snprintf(problem, sizeof problem, "unclosed '[' in suppression");
      }
      if (!any && problem[0] == '\0') snprintf(problem, sizeof problem, "empty rule list in suppression");
      const char *close = memchr(list_start, ']', (size_t)(end - list_start));
      e->pub.rules = strndup(list_start + 1, close ? (size_t)(close - list_start - 1) : (size_t)(end - list_start - 1));
    } else {
      e->all_rules = true;
      e->pub.rules = strdup("");
    }
    e->lines[0] = own;
    if (alone) e->lines[1] = next;
  } else {
    bool next_line = false;
    /* NOLINT or NOLINTNEXTLINE as a whole word ("NOLINTED" is neither). */
    const char *p = NULL;
    for (const char *q = body; q + 6 <= end && at == NULL; q++) {
      if (strncmp(q, "NOLINT", 6) != 0 || (q > body && (isalnum((unsigned char)q[-1]) || q[-1] == '_')))
        continue;
      p = q + 6;
      next_line = end - p >= 8 && strncmp(p, "NEXTLINE", 8) == 0;
      if (next_line) p += 8;
      if (p == end || !(isalnum((unsigned char)*p) || *p == '_')) at = q;
    }
    if (at == NULL) return 0;
    if (p < end && *p == '(') {
      bool any = false;
      const char *close = parse_list(e, p + 1, end, ')', "pyrefcheck-", &any, problem, sizeof problem, &status);
      if (close == NULL && status != 0) return -1;
      if (!any) { /* only other tools' checks: not ours */
        for (size_t i = 0; i < e->nids; i++) free(e->ids[i]);
        free(e->ids);
        return 0;
      }
      e->pub.rules = strndup(p + 1, close ? (size_t)(close - p - 2) : (size_t)(end - p - 1));
    } else {
      e->all_rules = true;
      e->pub.rules = strdup("");
    }
    e->lines[0] = next_line ? next : own;
  }
  if (e->pub.rules == NULL) return -1;
  if (problem[0] != '\0') {
    e->pub.problem = strdup(problem);
    if (e->pub.problem == NULL) return -1;
  }
  return 1;
}

/* --- scanning a file ------------------------------------------------------------------------------ */

static int append(RcSuppressions *set, const Entry *e) {
  if (set->count == set->capacity) {
    size_t capacity = set->capacity ? set->capacity * 2 : 8;
    Entry *grown = realloc(set->entries, capacity * sizeof *grown);
    if (grown == NULL) return -1;
    set->entries = grown;
    set->capacity = capacity;
  }
  set->entries[set->count++] = *e;
  return 0;
}

static void entry_free(Entry *e) {
  for (size_t i = 0; i < e->nids; i++) free(e->ids[i]);
  free(e->ids);
  free((char *)e->pub.rules);
  free((char *)e->pub.problem);
}

int rc_suppress_scan(const char *text, size_t len, RcSuppressions **out) {
  RcSuppressions *set = calloc(1, sizeof *set);
  if (set == NULL) return -1;
  unsigned line = 1;
  size_t line_start = 0;
  const char *end = text + len;
  for (const char *p = text; p < end; p++) {
    if (*p == '\n') {
      line++;
      line_start = (size_t)(p + 1 - text);
      continue;
    }
    if (*p == '"' || *p == '\'') { /* skip a literal: its text is not a comment */
      char quote = *p;
      for (p++; p < end && *p != quote && *p != '\n'; p++)
        if (*p == '\\' && p + 1 < end) p++;
      if (p < end && *p == '\n') p--;
      continue;
    }
    if (*p != '/' || p + 1 >= end || (p[1] != '/' && p[1] != '*')) continue;
    bool block = p[1] == '*';
    const char *body = p + 2, *stop;
    unsigned first = line;
    if (block) {
      stop = body;
      while (stop + 1 < end && !(stop[0] == '*' && stop[1] == '/')) stop++;
      if (stop + 1 >= end) stop = end;
    } else {
      stop = memchr(body, '\n', (size_t)(end - body));
      if (stop == NULL) stop = end;
    }
    bool alone = true;
    for (const char *q = text + line_start; q < p; q++) alone = alone && isspace((unsigned char)*q);
    unsigned last = line;
    for (const char *q = body; q < stop; q++) last += *q == '\n';
    Entry e;
    int found = parse_comment(body, stop, first, last + 1, alone, &e);
    if (found < 0) goto oom;
    if (found > 0) {
      e.pub.line = first;
      e.pub.column = (unsigned)(p - (text + line_start)) + 1;
      if (append(set, &e) != 0) {
        entry_free(&e);
        goto oom;
      }
    }
    /* Continue after the comment, counting its lines. */
    for (const char *q = body; q < stop; q++)
      if (*q == '\n') {
        line++;
        line_start = (size_t)(q + 1 - text);
      }
    p = block && stop < end ? stop + 1 : stop - 1;
  }
  *out = set;
  return 0;
oom:
  rc_suppress_free(set);
  return -1;
}

bool rc_suppress_match(RcSuppressions *set, unsigned line, const char *rule_id) {
  bool matched = false;
  for (size_t i = 0; i < set->count; i++) {
    Entry *e = &set->entries[i];
    if (e->pub.problem != NULL || (e->lines[0] != line && e->lines[1] != line)) continue;
    bool hit = e->all_rules;
    for (size_t k = 0; k < e->nids && !hit; k++) hit = strcmp(e->ids[k], rule_id) == 0;
    if (hit) {
      e->pub.used = true;
      matched = true;
    }
  }
  return matched;
}

size_t rc_suppress_count(const RcSuppressions *set) { return set->count; }

const RcSuppression *rc_suppress_at(const RcSuppressions *set, size_t index) {
  return index < set->count ? &set->entries[index].pub : NULL;
}

void rc_suppress_free(RcSuppressions *set) {
  if (set == NULL) return;
  for (size_t i = 0; i < set->count; i++) entry_free(&set->entries[i]);
  free(set->entries);
  free(set);
}
