/* names.c — the keywords of the rules text format and the names of the rules.h enums.
 *
 * One table per enum, indexed by the enum value: the parser maps words to values with
 * rc_rules_word_find, and `rules show` / the generator map values back to words. */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

const char *const rc_api_kind_words[3] = {"function", "macro", "inline"};
const char *const rc_ref_kind_words[4] = {"value", "new", "borrowed", "null"};
const char *const rc_fail_kind_words[7] = {"never", "null",     "-1",         "negative",
                                           "0",     "-1-check", "null-absent"};
const char *const rc_exc_kind_words[3] = {"set", "unset", "maybe"};
const char *const rc_success_kind_words[5] = {"unknown", "zero", "bool", "count", "found"};
const char *const rc_arg_effect_words[11] = {
    "value",  "borrow", "steal",  "steal-on-success", "out-new", "out-borrowed",
    "inout",  "incref", "decref", "clear",            "replace"};
const char *const rc_format_dialect_words[4] = {"none", "parse", "build", "printf"};
const char *const rc_fmtarg_effect_words[11] = {
    "value",  "out-borrowed", "type",   "converter", "converter-data",
    "buffer", "memory",       "incref", "steal",     "build-converter", "borrow"};
const char *const rc_severity_words[3] = {"note", "warning", "error"};
const char *const rc_api_flag_words[RC_API_FLAG_COUNT] = {
    "runs-python",    "noreturn",        "returns-from-caller",
    "variadic",       "sets-exception",  "clears-exception",
    "reports-exception", "untracks",     "fails-on-bad-arg",
    "modifies",       "from-annotations", "false-for-null",
    "small-int-cached", "fails-for-null"};

/* The tables follow the enums of rules.h: one word per value, in order. */
#define WORDS_MATCH(table, last) (sizeof(table) / sizeof((table)[0]) == (size_t)(last) + 1)
_Static_assert(WORDS_MATCH(rc_api_kind_words, RC_API_INLINE), "rc_api_kind_words");
_Static_assert(WORDS_MATCH(rc_ref_kind_words, RC_REF_NULL), "rc_ref_kind_words");
_Static_assert(WORDS_MATCH(rc_fail_kind_words, RC_FAIL_NULL_ABSENT), "rc_fail_kind_words");
_Static_assert(WORDS_MATCH(rc_exc_kind_words, RC_EXC_MAYBE), "rc_exc_kind_words");
_Static_assert(WORDS_MATCH(rc_success_kind_words, RC_SUCCESS_FOUND), "rc_success_kind_words");
_Static_assert(WORDS_MATCH(rc_arg_effect_words, RC_ARG_REPLACE), "rc_arg_effect_words");
_Static_assert(WORDS_MATCH(rc_format_dialect_words, RC_FORMAT_PRINTF), "rc_format_dialect_words");
_Static_assert(WORDS_MATCH(rc_fmtarg_effect_words, RC_FMTARG_BORROW), "rc_fmtarg_effect_words");
_Static_assert(WORDS_MATCH(rc_severity_words, RC_SEVERITY_ERROR), "rc_severity_words");
_Static_assert(RC_API_FAILS_FOR_NULL == 1u << (RC_API_FLAG_COUNT - 1), "rc_api_flag_words");
_Static_assert(RC_API_RESULT_IS_ARG >= 1u << RC_API_FLAG_COUNT, "result-is is not a flag word");

int rc_rules_word_find(const char *const *words, size_t n, const char *word, size_t len) {
  for (size_t i = 0; i < n; i++)
    if (strlen(words[i]) == len && memcmp(words[i], word, len) == 0) return (int)i;
  return -1;
}

#define NAME_OF(table, value)                                                                      \
  ((size_t)(value) < sizeof(table) / sizeof((table)[0]) ? (table)[(value)] : "?")

const char *rc_api_kind_name(RcApiKind kind) { return NAME_OF(rc_api_kind_words, kind); }
const char *rc_ref_kind_name(RcRefKind kind) { return NAME_OF(rc_ref_kind_words, kind); }
const char *rc_fail_kind_name(RcFailKind kind) { return NAME_OF(rc_fail_kind_words, kind); }
const char *rc_exc_kind_name(RcExcKind kind) { return NAME_OF(rc_exc_kind_words, kind); }
const char *rc_success_kind_name(RcSuccessKind kind) { return NAME_OF(rc_success_kind_words, kind); }
const char *rc_arg_effect_name(RcArgEffect effect) { return NAME_OF(rc_arg_effect_words, effect); }
const char *rc_format_dialect_name(RcFormatDialect dialect) {
  return NAME_OF(rc_format_dialect_words, dialect);
}
const char *rc_fmtarg_effect_name(RcFmtArgEffect effect) {
  return NAME_OF(rc_fmtarg_effect_words, effect);
}
const char *rc_severity_name(RcSeverity severity) { return NAME_OF(rc_severity_words, severity); }

char *rc_py_version_format(RcPyVersion version, char *buf) {
  snprintf(buf, 8, "%u.%u", (version >> 16) & 0xffu, (version >> 8) & 0xffu);
  return buf;
}

int rc_py_version_parse(const char *s, size_t len, RcPyVersion *out) {
  unsigned major = 0, minor = 0;
  size_t i = 0;
  if (i >= len || s[i] < '0' || s[i] > '9') return -1;
  while (i < len && s[i] >= '0' && s[i] <= '9' && major < 100) major = major * 10 + (unsigned)(s[i++] - '0');
  if (i >= len || s[i] != '.') return -1;
  i++;
  if (i >= len || s[i] < '0' || s[i] > '9') return -1;
  while (i < len && s[i] >= '0' && s[i] <= '9' && minor < 100) minor = minor * 10 + (unsigned)(s[i++] - '0');
  if (i != len) return -1;
  RcPyVersion v = RC_PY_VERSION(major, minor);
  if (v < RC_PY_OLDEST || v > RC_PY_NEWEST) return -1;
  *out = v;
  return 0;
}
