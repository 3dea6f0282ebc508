/* rules_int.h — internals shared by the files of rules/ and by its generator.
 *
 * Owns nothing itself; declares the arena the parser allocates records in, the record parser
 * (used both by the build-time generator and by --rules at run time, so both read one format),
 * the keyword tables of the text format, and the tables the generator emits (rules_data.c in the
 * build tree).
 *
 * Invariant: the keyword tables below are indexed by the enum values of rules.h, in order. */
#ifndef RC_RULES_INT_H
#define RC_RULES_INT_H

#include "rules.h"

#include <stddef.h>

/* ----- allocation ------------------------------------------------------------------------------ */

/* malloc, calloc and realloc for the whole module (util.c). In a build with
 * RC_RULES_FAULT_INJECTION (tests only), rc_rules_fault_after(n) makes the nth allocation from now
 * fail (0 turns it off) and rc_rules_faults() says how many failed. */
void *rc_rules_malloc(size_t size);
void *rc_rules_calloc(size_t n, size_t size);
void *rc_rules_realloc(void *p, size_t size);
#ifdef RC_RULES_FAULT_INJECTION
void rc_rules_fault_after(long n);
long rc_rules_faults(void);
#endif

/* ----- arena --------------------------------------------------------------------------------- */

/* A bump allocator: everything allocated from it is freed at once by rc_rules_arena_free. */
typedef struct RcRulesArena RcRulesArena;

RcRulesArena *rc_rules_arena_new(void);                 /* NULL when out of memory */
void rc_rules_arena_free(RcRulesArena *arena);          /* NULL allowed */
void *rc_rules_arena_alloc(RcRulesArena *arena, size_t size); /* zeroed, aligned; NULL when out of memory */
char *rc_rules_arena_strndup(RcRulesArena *arena, const char *s, size_t n); /* NUL-terminated copy */

/* ----- keywords of the text format ------------------------------------------------------------ */

extern const char *const rc_api_kind_words[3];
extern const char *const rc_ref_kind_words[4];
extern const char *const rc_fail_kind_words[7];
extern const char *const rc_exc_kind_words[3];
extern const char *const rc_success_kind_words[5];
extern const char *const rc_arg_effect_words[11];
extern const char *const rc_format_dialect_words[4];
extern const char *const rc_fmtarg_effect_words[11];
extern const char *const rc_severity_words[3];

/* Flag names, in bit order (RC_API_RUNS_PYTHON is "runs-python"). */
#define RC_API_FLAG_COUNT 14
extern const char *const rc_api_flag_words[RC_API_FLAG_COUNT];

/* Index of the word (len bytes) in words[0..n), or -1. */
int rc_rules_word_find(const char *const *words, size_t n, const char *word, size_t len);

/* Parses "3.13" (len bytes) into *out; the version must lie in RC_PY_OLDEST..RC_PY_NEWEST.
 * Returns 0 or -1. */
int rc_py_version_parse(const char *s, size_t len, RcPyVersion *out);

/* ----- record parser -------------------------------------------------------------------------- */

/* Parses the API records in `text`. Records, argument arrays and strings are allocated in
 * `arena`; *out receives an arena array of *count records in file order. On a malformed record
 * returns -1 with *error = malloc'd "ORIGIN:LINE: problem" and *out and *count untouched. */
int rc_rules_parse_api_text(RcRulesArena *arena, const char *origin, const char *text, RcApi **out,
                      size_t *count, char **error);

/* Checks that a record holds together (argument indexes in range, flags consistent). Returns 0,
 * or -1 with a static message in *why. */
int rc_rules_api_validate(const RcApi *api, const char **why);

/* Reads a whole file into a malloc'd NUL-terminated buffer. Returns 0, or -1 with errno set. */
int rc_rules_read_file(const char *path, char **out);

/* malloc'd printf; NULL when out of memory. */
char *rc_rules_strprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ----- generated tables (rules_data.c, written by rules/gen/rulesgen.c) ----------------------- */

/* One code of a format dialect, from rules/data/format-*.tbl. */
typedef struct {
  const char *code;
  int ncargs;
  const char *ctype[RC_FORMAT_MAX_CARGS];
  RcFmtArgEffect effect[RC_FORMAT_MAX_CARGS];
  bool nullable[RC_FORMAT_MAX_CARGS];
} RcFormatCode;

extern const RcApi rc_builtin_apis[];   /* sorted by name */
extern const size_t rc_builtin_apis_count;
extern const RcRuleInfo rc_builtin_rules[];
extern const size_t rc_builtin_rules_count;
extern const RcFormatCode rc_format_parse_codes[];
extern const size_t rc_format_parse_codes_count;
extern const RcFormatCode rc_format_build_codes[];
extern const size_t rc_format_build_codes_count;
extern const RcFormatCode rc_format_printf_codes[];
extern const size_t rc_format_printf_codes_count;

#endif
