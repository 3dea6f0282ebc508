/* rulesgen.c — the build-time generator: turns the text under rules/ into rules_data.c.
 *
 * usage: rulesgen OUTPUT.c SOURCE-ROOT CATALOGUE DOCS-DIR FORMAT-PARSE FORMAT-BUILD FORMAT-PRINTF
 *                 API-FILE...
 *
 * It reads the API records with the same parser --rules uses (parse.c), refuses a name described
 * twice, sorts the records by name, and writes them as static C tables together with the rule
 * catalogue (each rule's docs page embedded as a string; a missing page is written as NULL and
 * reported, so that the docs test, not the build, fails) and the format-code tables. Paths in
 * records are written relative to SOURCE-ROOT. The output says "do not edit". Exit status 0, or 1
 * with "FILE:LINE: problem" on stderr. */
#include "rules_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const api_kind_ids[] = {"RC_API_FUNCTION", "RC_API_MACRO", "RC_API_INLINE"};
static const char *const ref_kind_ids[] = {"RC_REF_NONE", "RC_REF_NEW", "RC_REF_BORROWED",
                                           "RC_REF_NULL"};
static const char *const fail_kind_ids[] = {
    "RC_FAIL_NEVER", "RC_FAIL_NULL",           "RC_FAIL_MINUS_ONE",  "RC_FAIL_NEGATIVE",
    "RC_FAIL_ZERO",  "RC_FAIL_MINUS_ONE_CHECK", "RC_FAIL_NULL_ABSENT"};
static const char *const exc_kind_ids[] = {"RC_EXC_SET", "RC_EXC_NOT_SET", "RC_EXC_MAYBE"};
static const char *const success_kind_ids[] = {"RC_SUCCESS_UNKNOWN", "RC_SUCCESS_ZERO",
                                               "RC_SUCCESS_BOOL", "RC_SUCCESS_COUNT",
                                               "RC_SUCCESS_FOUND"};
static const char *const arg_effect_ids[] = {
    "RC_ARG_VALUE",   "RC_ARG_BORROW",       "RC_ARG_STEAL",  "RC_ARG_STEAL_ON_SUCCESS",
    "RC_ARG_OUT_NEW", "RC_ARG_OUT_BORROWED", "RC_ARG_INOUT",  "RC_ARG_INCREF",
    "RC_ARG_DECREF",  "RC_ARG_CLEAR",        "RC_ARG_REPLACE"};
static const char *const dialect_ids[] = {"RC_FORMAT_NONE", "RC_FORMAT_PARSE", "RC_FORMAT_BUILD",
                                          "RC_FORMAT_PRINTF"};
static const char *const fmtarg_ids[] = {
    "RC_FMTARG_VALUE",  "RC_FMTARG_OUT_BORROWED", "RC_FMTARG_TYPE",   "RC_FMTARG_CONVERTER",
    "RC_FMTARG_CONVERTER_DATA", "RC_FMTARG_BUFFER", "RC_FMTARG_MEMORY", "RC_FMTARG_INCREF",
    "RC_FMTARG_STEAL",  "RC_FMTARG_BUILD_CONVERTER", "RC_FMTARG_BORROW"};
static const char *const severity_ids[] = {"RC_SEVERITY_NOTE", "RC_SEVERITY_WARNING",
                                           "RC_SEVERITY_ERROR"};

/* The identifier tables follow the enums of rules.h, like the word tables of names.c. */
#define IDS_MATCH(table, last) (sizeof(table) / sizeof((table)[0]) == (size_t)(last) + 1)
_Static_assert(IDS_MATCH(api_kind_ids, RC_API_INLINE), "api_kind_ids");
_Static_assert(IDS_MATCH(ref_kind_ids, RC_REF_NULL), "ref_kind_ids");
_Static_assert(IDS_MATCH(fail_kind_ids, RC_FAIL_NULL_ABSENT), "fail_kind_ids");
_Static_assert(IDS_MATCH(exc_kind_ids, RC_EXC_MAYBE), "exc_kind_ids");
_Static_assert(IDS_MATCH(success_kind_ids, RC_SUCCESS_FOUND), "success_kind_ids");
_Static_assert(IDS_MATCH(arg_effect_ids, RC_ARG_REPLACE), "arg_effect_ids");
_Static_assert(IDS_MATCH(dialect_ids, RC_FORMAT_PRINTF), "dialect_ids");
_Static_assert(IDS_MATCH(fmtarg_ids, RC_FMTARG_BORROW), "fmtarg_ids");
_Static_assert(IDS_MATCH(severity_ids, RC_SEVERITY_ERROR), "severity_ids");

static FILE *out;

/* Writes s as a C string literal (or NULL). Octal escapes are always three digits. */
static void put_str(const char *s) {
  if (s == NULL) {
    fputs("NULL", out);
    return;
  }
  fputc('"', out);
  size_t col = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '\\' || *p == '"') fprintf(out, "\\%c", *p);
    else if (*p == '\n') {
      fputs("\\n", out);
      if (p[1] != '\0' && ++col) fputs("\"\n    \"", out);
    } else if (*p < 0x20 || *p >= 0x7f) fprintf(out, "\\%03o", *p);
    else fputc(*p, out);
  }
  fputc('"', out);
}

static const char *relative(const char *path, const char *root) {
  size_t n = strlen(root);
  if (strncmp(path, root, n) == 0 && path[n] == '/') return path + n + 1;
  return path;
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const RcApi *)a)->name, ((const RcApi *)b)->name);
}

/* ----- catalogue ------------------------------------------------------------------------------ */

typedef struct {
  char *id, *summary, *page;
  int severity;
} Rule;

/* Reads "ID SEVERITY SUMMARY" lines. Returns the count, or -1 after reporting a problem. */
static int read_catalogue(const char *path, const char *docs, Rule *rules, int max) {
  char *text = NULL;
  if (rc_rules_read_file(path, &text) != 0) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    return -1;
  }
  int n = 0, line = 0, rc = -1;
  for (char *s = text, *eol; *s; s = eol ? eol + 1 : s + strlen(s)) {
    eol = strchr(s, '\n');
    if (eol) *eol = '\0';
    line++;
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '\0' || *s == '#') {
      if (!eol) break;
      continue;
    }
    char id[64], sev[16];
    int used = 0;
    if (sscanf(s, "%63s %15s %n", id, sev, &used) != 2 || s[used] == '\0') {
      fprintf(stderr, "%s:%d: a rule is ID SEVERITY SUMMARY\n", path, line);
      goto out;
    }
    int k = rc_rules_word_find(rc_severity_words, 3, sev, strlen(sev));
    if (k < 0) {
      fprintf(stderr, "%s:%d: unknown severity '%s'\n", path, line, sev);
      goto out;
    }
    if (n == max) {
      fprintf(stderr, "%s:%d: too many rules\n", path, line);
      goto out;
    }
    rules[n].id = strdup(id);
    rules[n].summary = strdup(s + used);
    rules[n].severity = k;
    char *page_path = rc_rules_strprintf("%s/%s.md", docs, id);
    if (page_path == NULL || rc_rules_read_file(page_path, &rules[n].page) != 0) {
      fprintf(stderr, "rulesgen: warning: %s: no docs page (the docs test will fail)\n", id);
      rules[n].page = NULL;
    }
    free(page_path);
    n++;
    if (!eol) break;
  }
  rc = n;
out:
  free(text);
  return rc;
}

/* ----- format tables -------------------------------------------------------------------------- */

/* Reads "CODE TYPE EFFECT[?], TYPE EFFECT[?], ..." lines and writes one table. */
static int write_format_table(const char *path, const char *name) {
  char *text = NULL;
  if (rc_rules_read_file(path, &text) != 0) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    return -1;
  }
  int line = 0, count = 0, rc = -1;
  fprintf(out, "\n/* from %s */\nconst RcFormatCode %s[] = {\n", path, name);
  for (char *s = text, *eol; *s; s = eol ? eol + 1 : s + strlen(s)) {
    eol = strchr(s, '\n');
    if (eol) *eol = '\0';
    line++;
    char *hash = strstr(s, " #");
    if (hash) *hash = '\0';
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '\0' || *s == '#') {
      if (!eol) break;
      continue;
    }
    char *code = s;
    while (*s && *s != ' ' && *s != '\t') s++;
    if (*s) *s++ = '\0';
    fputs("  {", out);
    put_str(code);
    int ncargs = 0;
    const char *types[RC_FORMAT_MAX_CARGS];
    int effects[RC_FORMAT_MAX_CARGS];
    bool nullable[RC_FORMAT_MAX_CARGS];
    for (char *part = strtok(s, ","); part != NULL; part = strtok(NULL, ",")) {
      while (*part == ' ' || *part == '\t') part++;
      char *end = part + strlen(part);
      while (end > part && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) *--end = '\0';
      if (strcmp(part, "-") == 0) continue;
      char *sp = strrchr(part, ' ');
      if (sp == NULL || ncargs == RC_FORMAT_MAX_CARGS) {
        fprintf(stderr, "%s:%d: expected 'TYPE EFFECT' for code '%s'\n", path, line, code);
        goto out;
      }
      *sp = '\0';
      char *eff = sp + 1;
      size_t elen = strlen(eff);
      nullable[ncargs] = elen > 0 && eff[elen - 1] == '?';
      if (nullable[ncargs]) eff[--elen] = '\0';
      int e = rc_rules_word_find(rc_fmtarg_effect_words, 11, eff, elen);
      if (e < 0) {
        fprintf(stderr, "%s:%d: unknown format effect '%s'\n", path, line, eff);
        goto out;
      }
      while (sp > part && sp[-1] == ' ') *--sp = '\0';
      types[ncargs] = part;
      effects[ncargs] = e;
      ncargs++;
    }
    fprintf(out, ", %d, {", ncargs);
    for (int i = 0; i < RC_FORMAT_MAX_CARGS; i++) {
      if (i) fputs(", ", out);
      put_str(i < ncargs ? types[i] : NULL);
    }
    fputs("}, {", out);
    for (int i = 0; i < RC_FORMAT_MAX_CARGS; i++)
      fprintf(out, "%s%s", i ? ", " : "", fmtarg_ids[i < ncargs ? effects[i] : 0]);
    fputs("}, {", out);
    for (int i = 0; i < RC_FORMAT_MAX_CARGS; i++)
      fprintf(out, "%s%s", i ? ", " : "", i < ncargs && nullable[i] ? "true" : "false");
    fputs("}},\n", out);
    count++;
    if (!eol) break;
  }
  fprintf(out, "};\nconst size_t %s_count = %d;\n", name, count);
  rc = 0;
out:
  free(text);
  return rc;
}

/* ----- main ----------------------------------------------------------------------------------- */

int main(int argc, char **argv) {
  if (argc < 9) {
    fputs("usage: rulesgen OUTPUT.c SOURCE-ROOT CATALOGUE DOCS-DIR FORMAT-PARSE FORMAT-BUILD "
          "FORMAT-PRINTF API-FILE...\n",
          stderr);
    return 1;
  }
  const char *output = argv[1], *root = argv[2];
  int status = 1;
  RcRulesArena *arena = rc_rules_arena_new();
  RcApi *all = NULL;
  size_t nall = 0;
  static Rule rules[64];
  int nrules = 0;
  char *tmp = rc_rules_strprintf("%s.tmp", output);
  out = NULL;
  if (arena == NULL || tmp == NULL) goto out;

  for (int i = 8; i < argc; i++) {
    char *text = NULL, *error = NULL;
    RcApi *recs = NULL;
    size_t n = 0;
    if (rc_rules_read_file(argv[i], &text) != 0) {
      fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
      goto out;
    }
    int rc = rc_rules_parse_api_text(arena, relative(argv[i], root), text, &recs, &n, &error);
    free(text);
    if (rc != 0) {
      fprintf(stderr, "%s\n", error);
      free(error);
      goto out;
    }
    RcApi *grown = realloc(all, (nall + n + 1) * sizeof(RcApi));
    if (grown == NULL) goto out;
    all = grown;
    if (n > 0) memcpy(all + nall, recs, n * sizeof(RcApi));
    nall += n;
  }
  if (nall > 0) qsort(all, nall, sizeof(RcApi), by_name);
  for (size_t i = 1; i < nall; i++)
    if (strcmp(all[i].name, all[i - 1].name) == 0) {
      fprintf(stderr, "%s:%d: '%s' is already described at %s:%d\n", all[i].file, all[i].line,
              all[i].name, all[i - 1].file, all[i - 1].line);
      goto out;
    }
  nrules = read_catalogue(argv[3], argv[4], rules, 64);
  if (nrules < 0) goto out;

  out = fopen(tmp, "w");
  if (out == NULL) {
    fprintf(stderr, "%s: %s\n", tmp, strerror(errno));
    goto out;
  }
  fputs("/* rules_data.c — GENERATED by rules/gen/rulesgen.c from the text under rules/ and "
        "docs/rules/.\n * DO NOT EDIT: edit the data files and rebuild. */\n"
        "#include \"rules_int.h\"\n\n#include <stddef.h>\n",
        out);

  /* argument arrays */
  for (size_t i = 0; i < nall; i++) {
    if (all[i].nargs == 0) continue;
    fprintf(out, "static const RcApiArg args_%zu[] = {", i);
    for (int k = 0; k < all[i].nargs; k++) {
      const RcApiArg *g = &all[i].args[k];
      fputs(k ? ", {" : "{", out);
      put_str(g->name);
      fputs(", ", out);
      put_str(g->type);
      fprintf(out, ", %s, %s}", arg_effect_ids[g->effect], g->nullable ? "true" : "false");
    }
    fputs("};\n", out);
  }
  fputs("\nconst RcApi rc_builtin_apis[] = {\n", out);
  for (size_t i = 0; i < nall; i++) {
    const RcApi *a = &all[i];
    fputs("  {.name = ", out);
    put_str(a->name);
    fprintf(out, ", .kind = %s, .ret_type = ", api_kind_ids[a->kind]);
    put_str(a->ret_type);
    fprintf(out, ", .ret = %s, .borrowed_from = %d, .fail = %s, .exc = %s, .success = %s,\n"
                 "   .flags = 0x%xu, .result_arg = %d,\n",
            ref_kind_ids[a->ret], a->borrowed_from, fail_kind_ids[a->fail], exc_kind_ids[a->exc],
            success_kind_ids[a->success], a->flags, a->result_arg);
    fprintf(out, "   .since = 0x%06x, .until = 0x%06x, .deprecated = 0x%06x, .replacement = ",
            a->since, a->until, a->deprecated);
    put_str(a->replacement);
    fprintf(out, ", .replacement_since = 0x%06x,\n   .format = %s, .format_arg = %d, "
                 ".varargs_arg = %d, .nargs = %d, .args = ",
            a->replacement_since, dialect_ids[a->format], a->format_arg, a->varargs_arg, a->nargs);
    if (a->nargs) fprintf(out, "args_%zu", i);
    else fputs("NULL", out);
    fputs(", .note = ", out);
    put_str(a->note);
    fputs(", .checks_type = ", out);
    put_str(a->checks_type);
    fputs(", .file = ", out);
    put_str(a->file);
    fprintf(out, ", .line = %d},\n", a->line);
  }
  if (nall == 0) fputs("  {.name = NULL}\n", out);
  fprintf(out, "};\nconst size_t rc_builtin_apis_count = %zu;\n", nall);

  fputs("\nconst RcRuleInfo rc_builtin_rules[] = {\n", out);
  for (int i = 0; i < nrules; i++) {
    fputs("  {", out);
    put_str(rules[i].id);
    fprintf(out, ", %s, ", severity_ids[rules[i].severity]);
    put_str(rules[i].summary);
    fputs(",\n   ", out);
    put_str(rules[i].page);
    fputs("},\n", out);
  }
  fprintf(out, "};\nconst size_t rc_builtin_rules_count = %d;\n", nrules);

  if (write_format_table(argv[5], "rc_format_parse_codes") != 0) goto out;
  if (write_format_table(argv[6], "rc_format_build_codes") != 0) goto out;
  if (write_format_table(argv[7], "rc_format_printf_codes") != 0) goto out;
  if (fclose(out) != 0) {
    out = NULL;
    goto out;
  }
  out = NULL;
  if (rename(tmp, output) != 0) {
    fprintf(stderr, "%s: %s\n", output, strerror(errno));
    goto out;
  }
  status = 0;
out:
  if (out != NULL) fclose(out);
  if (status != 0 && tmp != NULL) remove(tmp);
  for (int i = 0; i < nrules; i++) {
    free(rules[i].id);
    free(rules[i].summary);
    free(rules[i].page);
  }
  free(tmp);
  free(all);
  rc_rules_arena_free(arena);
  return status;
}
