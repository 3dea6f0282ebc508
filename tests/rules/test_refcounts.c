/* test_refcounts.c — our built-in API records against CPython's Doc/data/refcounts.dat.
 *
 * usage: test_refcounts REFCOUNTS.DAT CORRECTIONS.TBL [STABLE_ABI.DAT]
 *
 * Every function of the table must have a built-in record, unless the corrections list says it
 * was removed before 3.13. For each record, the result kind, the number of parameters (and
 * "..."), and each parameter's refcount column are compared with ours; each difference must be
 * listed in rules/refcounts-corrections.tbl with a reason, and each listed correction must still
 * be a difference (a stale entry fails too). With STABLE_ABI.DAT, every function of the Limited
 * API / Stable ABI must have a record as well. Exit 77 (skipped) when the table is not there. */
#include "rules.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FUNCS 2048
#define MAX_PARAMS 40

typedef struct {
  char name[96];
  char ret[8];                 /* "+1", "0", "null", "value" */
  int nparams;
  bool variadic;
  char pname[MAX_PARAMS][48];
  char prc[MAX_PARAMS][8];     /* "+1", "0", "-1", "value" */
} TableFunc;

typedef struct {
  char name[96], where[48], table[24], ours[24];
  int line;
  bool used;
} Correction;

static TableFunc funcs[MAX_FUNCS];
static int nfuncs;
static Correction corrections[512];
static int ncorrections;
static int differences_unlisted;

static const char *canon_rc(const char *rc) {
  if (strcmp(rc, "+1") == 0 || strcmp(rc, "0") == 0 || strcmp(rc, "-1") == 0 ||
      strcmp(rc, "null") == 0)
    return rc;
  return "value";
}

/* Splits a refcounts.dat line into its five ':'-separated fields (in place). */
static int split_fields(char *line, char **f) {
  int n = 0;
  f[n++] = line;
  for (char *p = line; *p && n < 5; p++)
    if (*p == ':') {
      *p = '\0';
      f[n++] = p + 1;
    }
  static char empty[1];
  for (int i = n; i < 5; i++) f[i] = empty;
  return n;
}

static int load_table(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) return -1;
  char line[1024];
  TableFunc *cur = NULL;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0') continue;
    char *fld[5];
    if (split_fields(line, fld) < 4) continue;
    if (cur == NULL || strcmp(cur->name, fld[0]) != 0) {
      if (nfuncs == MAX_FUNCS) break;
      cur = &funcs[nfuncs++];
      memset(cur, 0, sizeof *cur);
      snprintf(cur->name, sizeof cur->name, "%s", fld[0]);
      snprintf(cur->ret, sizeof cur->ret, "%s", canon_rc(fld[3]));
      continue;
    }
    if (strcmp(fld[2], "...") == 0) {
      cur->variadic = true;
      continue;
    }
    if (cur->nparams == MAX_PARAMS) continue;
    snprintf(cur->pname[cur->nparams], sizeof cur->pname[0], "%s", fld[2]);
    snprintf(cur->prc[cur->nparams], sizeof cur->prc[0], "%s", canon_rc(fld[3]));
    cur->nparams++;
  }
  fclose(f);
  return 0;
}

/* Lines: NAME WHERE TABLE OURS REASON... ("NAME - present removed REASON" for an exclusion). */
static int load_corrections(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) return -1;
  char line[1024];
  int lineno = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    char *s = line;
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '#' || *s == '\n' || *s == '\0') continue;
    Correction *c = &corrections[ncorrections];
    int used = 0;
    if (sscanf(s, "%95s %47s %23s %23s %n", c->name, c->where, c->table, c->ours, &used) != 4 ||
        s[used] == '\0' || s[used] == '\n') {
      printf("  %s:%d: a correction is NAME WHERE TABLE OURS REASON\n", path, lineno);
      test_checks_failed_in_current++;
      continue;
    }
    c->line = lineno;
    if (++ncorrections == (int)(sizeof corrections / sizeof corrections[0])) break;
  }
  fclose(f);
  return 0;
}

/* Records a difference; it passes when the corrections list has it. */
static void difference(const char *name, const char *where, const char *table, const char *ours) {
  for (int i = 0; i < ncorrections; i++) {
    Correction *c = &corrections[i];
    if (strcmp(c->name, name) == 0 && strcmp(c->where, where) == 0 &&
        strcmp(c->table, table) == 0 && strcmp(c->ours, ours) == 0) {
      c->used = true;
      return;
    }
  }
  differences_unlisted++;
  TEST_FAIL_AT("unlisted difference: %s %s %s %s", name, where, table, ours);
}

static const char *our_ret(const RcApi *a) {
  switch (a->ret) {
  case RC_REF_NEW: return "+1";
  case RC_REF_BORROWED: return "0";
  case RC_REF_NULL: return "null";
  case RC_REF_NONE: break;
  }
  return "value";
}

/* Our argument effect in the table's terms; "borrow" matches both 0 and +1. */
static const char *our_rc(const RcApiArg *g) {
  switch (g->effect) {
  case RC_ARG_VALUE: return "value";
  case RC_ARG_BORROW: return "borrow";
  case RC_ARG_STEAL: return "steal";
  case RC_ARG_STEAL_ON_SUCCESS: return "steal-on-success";
  case RC_ARG_OUT_NEW: return "+1";
  case RC_ARG_OUT_BORROWED: return "0";
  case RC_ARG_INOUT: return "inout";
  case RC_ARG_INCREF: return "+1";
  case RC_ARG_DECREF:
  case RC_ARG_CLEAR:
  case RC_ARG_REPLACE: return "-1";
  }
  return "?";
}

static const char *path_table, *path_corrections;
static int covered, excluded;

TEST(table_and_records_agree_up_to_listed_corrections) {
  RcRuleSet *set = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  REQUIRE(load_corrections(path_corrections) == 0);
  for (int i = 0; i < nfuncs; i++) {
    const TableFunc *t = &funcs[i];
    const RcApi *a = rc_ruleset_lookup(set, t->name);
    if (a == NULL) {
      difference(t->name, "-", "present", "removed");
      excluded++;
      continue;
    }
    covered++;
    if (strcmp(our_ret(a), t->ret) != 0) difference(t->name, "return", t->ret, our_ret(a));
    if (t->variadic != ((a->flags & RC_API_VARIADIC) != 0))
      difference(t->name, "...", t->variadic ? "yes" : "no", t->variadic ? "no" : "yes");
    if (t->nparams != a->nargs) {
      char tn[16], on[16];
      snprintf(tn, sizeof tn, "%d", t->nparams);
      snprintf(on, sizeof on, "%d", a->nargs);
      difference(t->name, "arity", tn, on);
      continue;
    }
    for (int k = 0; k < t->nparams; k++) {
      const char *ours = our_rc(&a->args[k]);
      bool same = strcmp(ours, t->prc[k]) == 0 ||
                  (strcmp(ours, "borrow") == 0 &&
                   (strcmp(t->prc[k], "0") == 0 || strcmp(t->prc[k], "+1") == 0));
      if (!same) difference(t->name, t->pname[k][0] ? t->pname[k] : "-", t->prc[k], ours);
    }
  }
  for (int i = 0; i < ncorrections; i++)
    if (!corrections[i].used)
      TEST_FAIL_AT("%s:%d: stale correction (not a difference any more): %s %s %s %s",
                   path_corrections, corrections[i].line, corrections[i].name,
                   corrections[i].where, corrections[i].table, corrections[i].ours);
  printf("  refcounts.dat: %d functions, %d covered, %d excluded as removed; %d corrections "
         "listed; %d unlisted differences\n",
         nfuncs, covered, excluded, ncorrections, differences_unlisted);
  rc_ruleset_free(set);
}

static const char *path_stable_abi;

/* stable_abi.dat is CSV: role,name,added,ifdef_note,struct_abi_kind. */
TEST(every_stable_abi_function_has_a_record) {
  FILE *f = fopen(path_stable_abi, "r");
  REQUIRE(f != NULL);
  RcRuleSet *set = NULL;
  REQUIRE(rc_ruleset_new(&set) == 0);
  char line[512];
  int functions = 0, missing = 0;
  while (fgets(line, sizeof line, f)) {
    char *name = strchr(line, ',');
    if (strncmp(line, "function,", 9) != 0 || name == NULL) continue;
    name++;
    name[strcspn(name, ",\r\n")] = '\0';
    functions++;
    if (rc_ruleset_lookup(set, name) == NULL) {
      missing++;
      TEST_FAIL_AT("Stable ABI function %s has no record", name);
    }
  }
  fclose(f);
  printf("  stable_abi.dat: %d functions, %d without a record\n", functions, missing);
  CHECK(functions > 0);
  rc_ruleset_free(set);
}

int main(int argc, char **argv) {
  if (argc != 3 && argc != 4) {
    fputs("usage: test_refcounts REFCOUNTS.DAT CORRECTIONS.TBL [STABLE_ABI.DAT]\n", stderr);
    return 2;
  }
  path_stable_abi = argc == 4 ? argv[3] : NULL;
  path_table = argv[1];
  path_corrections = argv[2];
  if (load_table(path_table) != 0) {
    printf("skipped: %s not found\n", path_table);
    return 77;
  }
  RUN(table_and_records_agree_up_to_listed_corrections);
  if (path_stable_abi != NULL) RUN(every_stable_abi_function_has_a_record);
  return TEST_SUMMARY();
}
