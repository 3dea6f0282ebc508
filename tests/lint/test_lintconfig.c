/* test_lintconfig.c — suppression comments (analyzer/suppress.c) and .pyrefcheck files
 * (analyzer/config.c). */
#include "config.h"
#include "suppress.h"
#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static RcSuppressions *scan(const char *text) {
  RcSuppressions *set = NULL;
  if (rc_suppress_scan(text, strlen(text), &set) != 0) return NULL;
  return set;
}

TEST(ignore_on_the_same_line) {
  RcSuppressions *s = scan("x;\n"
                           "Py_DECREF(a);  // pyrefcheck: ignore[ref-leak, null-unchecked]\n");
  REQUIRE(s != NULL);
  CHECK_EQ_INT(rc_suppress_count(s), 1);
  CHECK(rc_suppress_match(s, 2, "ref-leak"));
  CHECK(rc_suppress_match(s, 2, "null-unchecked"));
  CHECK(!rc_suppress_match(s, 2, "ref-release-borrowed"));
  CHECK(!rc_suppress_match(s, 3, "ref-leak")); /* a trailing comment covers its own line only */
  CHECK(!rc_suppress_match(s, 1, "ref-leak"));
  const RcSuppression *one = rc_suppress_at(s, 0);
  CHECK_EQ_INT(one->line, 2);
  CHECK_EQ_INT(one->column, 16);
  CHECK_EQ_STR(one->rules, "ref-leak, null-unchecked");
  CHECK(one->used);
  rc_suppress_free(s);
}

TEST(ignore_alone_on_the_line_before) {
  RcSuppressions *s = scan("  /* pyrefcheck: ignore[ref-leak] -- kept for the module's life */\n"
                           "  return module;\n");
  REQUIRE(s != NULL);
  CHECK(rc_suppress_match(s, 2, "ref-leak"));
  CHECK(rc_suppress_match(s, 1, "ref-leak"));
  CHECK(!rc_suppress_match(s, 3, "ref-leak"));
  rc_suppress_free(s);
}

TEST(ignore_without_list_covers_every_rule) {
  RcSuppressions *s = scan("f(); // pyrefcheck: ignore\n");
  REQUIRE(s != NULL);
  CHECK(rc_suppress_match(s, 1, "format-args"));
  CHECK_EQ_STR(rc_suppress_at(s, 0)->rules, "");
  rc_suppress_free(s);
}

TEST(nolint_spellings) {
  RcSuppressions *s = scan("a(); // NOLINT(pyrefcheck-ref-leak)\n"
                           "// NOLINTNEXTLINE(bugprone-foo, pyrefcheck-null-unchecked)\n"
                           "b();\n"
                           "c(); // NOLINT\n"
                           "d(); // NOLINT(pyrefcheck-*)\n"
                           "e(); // NOLINT(bugprone-only)\n");
  REQUIRE(s != NULL);
  CHECK_EQ_INT(rc_suppress_count(s), 4); /* the bugprone-only one is not ours */
  CHECK(rc_suppress_match(s, 1, "ref-leak"));
  CHECK(!rc_suppress_match(s, 1, "null-unchecked"));
  CHECK(rc_suppress_match(s, 3, "null-unchecked"));
  CHECK(!rc_suppress_match(s, 2, "null-unchecked")); /* NEXTLINE: not its own line */
  CHECK(rc_suppress_match(s, 4, "type-dealloc"));
  CHECK(rc_suppress_match(s, 5, "ref-leak"));
  CHECK(!rc_suppress_match(s, 6, "ref-leak"));
  rc_suppress_free(s);
}

TEST(unknown_rule_is_a_problem_and_suppresses_nothing) {
  RcSuppressions *s = scan("x(); // pyrefcheck: ignore[ref-leek]\n");
  REQUIRE(s != NULL);
  REQUIRE(rc_suppress_count(s) == 1);
  CHECK_CONTAINS(rc_suppress_at(s, 0)->problem, "unknown rule id 'ref-leek'");
  CHECK(!rc_suppress_match(s, 1, "ref-leak"));
  rc_suppress_free(s);
}

TEST(strings_and_plain_comments_are_not_suppressions) {
  RcSuppressions *s = scan("const char *t = \"// pyrefcheck: ignore[ref-leak]\";\n"
                           "/* pyrefcheck is great */\n"
                           "// a NOLINTED word\n");
  REQUIRE(s != NULL);
  CHECK_EQ_INT(rc_suppress_count(s), 0);
  CHECK(!rc_suppress_match(s, 1, "ref-leak"));
  CHECK(!rc_suppress_match(s, 2, "ref-leak"));
  CHECK(!rc_suppress_match(s, 3, "ref-leak")); /* "NOLINTED" is not NOLINT */
  rc_suppress_free(s);
}

TEST(unused_suppressions_are_visible) {
  RcSuppressions *s = scan("a(); // pyrefcheck: ignore[ref-leak]\nb(); // NOLINT(pyrefcheck-format-args)\n");
  REQUIRE(s != NULL);
  rc_suppress_match(s, 1, "ref-leak");
  CHECK(rc_suppress_at(s, 0)->used);
  CHECK(!rc_suppress_at(s, 1)->used);
  rc_suppress_free(s);
}

/* --- .pyrefcheck ---------------------------------------------------------------------------- */

static char temp_root[] = "/tmp/rc-config-XXXXXX";

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (f == NULL) return;
  fputs(text, f);
  fclose(f);
}

TEST(config_is_read) {
  char path[256];
  snprintf(path, sizeof path, "%s/.pyrefcheck", temp_root);
  write_file(path, "# project settings\n"
                   "disable = api-prefer-strong, analysis-incomplete  # noisy\n"
                   "python-version = 3.9\n"
                   "rules = tools/numpy.api\n"
                   "include = include, /opt/inc\n"
                   "define = NDEBUG, LEVEL=2\n");
  RcConfig *c = NULL;
  char *error = NULL;
  REQUIRE(rc_config_load(path, &c, &error) == 0);
  CHECK_EQ_INT(c->disabled.count, 2);
  CHECK(!rc_config_rule_enabled(c, "api-prefer-strong"));
  CHECK(rc_config_rule_enabled(c, "ref-leak"));
  CHECK_EQ_INT(c->python_version, RC_PY_VERSION(3, 9));
  REQUIRE(c->rules_files.count == 1);
  char expected[300];
  snprintf(expected, sizeof expected, "%s/tools/numpy.api", temp_root);
  CHECK_EQ_STR(c->rules_files.items[0], expected);
  REQUIRE(c->include_dirs.count == 2);
  CHECK_EQ_STR(c->include_dirs.items[1], "/opt/inc");
  REQUIRE(c->defines.count == 2);
  CHECK_EQ_STR(c->defines.items[1], "LEVEL=2");
  rc_config_free(c);
}

TEST(enable_lists_only_those_rules) {
  char path[256];
  snprintf(path, sizeof path, "%s/.pyrefcheck", temp_root);
  write_file(path, "enable = ref-leak\n");
  RcConfig *c = NULL;
  char *error = NULL;
  REQUIRE(rc_config_load(path, &c, &error) == 0);
  CHECK(rc_config_rule_enabled(c, "ref-leak"));
  CHECK(!rc_config_rule_enabled(c, "null-unchecked"));
  rc_config_free(c);
}

/* Loads `text` as a config file and returns the error (malloc'd), or NULL if it loaded. */
static char *load_error(const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/.pyrefcheck", temp_root);
  write_file(path, text);
  RcConfig *c = NULL;
  char *error = NULL;
  if (rc_config_load(path, &c, &error) == 0) {
    rc_config_free(c);
    return NULL;
  }
  return error;
}

TEST(bad_configs_name_file_and_line) {
  char *e;
  e = load_error("disable = ref-leak\nfrobnicate = 1\n");
  CHECK_CONTAINS(e, "/.pyrefcheck:2: unknown key 'frobnicate'");
  free(e);
  e = load_error("disable = ref-leek\n");
  CHECK_CONTAINS(e, ":1: unknown rule id 'ref-leek'");
  free(e);
  e = load_error("python-version = 2.7\n");
  CHECK_CONTAINS(e, ":1: bad python-version '2.7'");
  free(e);
  e = load_error("python-version = 3.10\npython-version = 3.11\n");
  CHECK_CONTAINS(e, ":2: 'python-version' given twice");
  free(e);
  e = load_error("\n\njust words\n");
  CHECK_CONTAINS(e, ":3: expected 'key = value'");
  free(e);
  RcConfig *c = NULL;
  e = NULL;
  CHECK(rc_config_load("/nonexistent/.pyrefcheck", &c, &e) == -1);
  CHECK_CONTAINS(e, "/nonexistent/.pyrefcheck: No such file or directory");
  free(e);
}

TEST(nearest_config_is_found) {
  char sub[256], deeper[300], top[300], near[300];
  snprintf(sub, sizeof sub, "%s/pkg", temp_root);
  snprintf(deeper, sizeof deeper, "%s/pkg/src", temp_root);
  mkdir(sub, 0700);
  mkdir(deeper, 0700);
  snprintf(top, sizeof top, "%s/.pyrefcheck", temp_root);
  write_file(top, "\n");
  char *found = rc_config_find(deeper);
  char *resolved_top = realpath(top, NULL);
  CHECK_EQ_STR(found, resolved_top);
  free(found);
  snprintf(near, sizeof near, "%s/pkg/.pyrefcheck", temp_root);
  write_file(near, "\n");
  found = rc_config_find(deeper);
  char *resolved_near = realpath(near, NULL);
  CHECK_EQ_STR(found, resolved_near);
  free(found);
  free(resolved_top);
  free(resolved_near);
  unlink(near);
  rmdir(deeper);
  rmdir(sub);
}

int main(void) {
  RUN(ignore_on_the_same_line);
  RUN(ignore_alone_on_the_line_before);
  RUN(ignore_without_list_covers_every_rule);
  RUN(nolint_spellings);
  RUN(unknown_rule_is_a_problem_and_suppresses_nothing);
  RUN(strings_and_plain_comments_are_not_suppressions);
  RUN(unused_suppressions_are_visible);
  if (mkdtemp(temp_root) == NULL) return 1;
  RUN(config_is_read);
  RUN(enable_lists_only_those_rules);
  RUN(bad_configs_name_file_and_line);
  RUN(nearest_config_is_found);
  char top[300];
  snprintf(top, sizeof top, "%s/.pyrefcheck", temp_root);
  unlink(top);
  rmdir(temp_root);
  return TEST_SUMMARY();
}
