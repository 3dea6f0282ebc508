/* test.h — a one-header unit-test harness for pyrefcheck's C modules (no framework).
 *
 * A test file defines functions with TEST(name), lists them in main() with RUN(name), and returns
 * TEST_SUMMARY(). CHECK* macros record a failure with file and line and let the test go on;
 * REQUIRE* also return from the test function. The summary line is "N passed, N failed" (per
 * test function), and the exit status is nonzero when any check failed, which is what CTest reads.
 *
 *   TEST(pools_are_recycled) { CHECK_EQ_INT(rt_pool_count(), 0); }
 *   int main(void) { RUN(pools_are_recycled); return TEST_SUMMARY(); }
 */
#ifndef RC_TEST_H
#define RC_TEST_H

#include <stdio.h>
#include <string.h>

static int test_checks_failed_in_current; /* failures in the running test function */
static int test_functions_passed;
static int test_functions_failed;

#define TEST(name) static void test_##name(void)

#define RUN(name)                                                                                   \
  do {                                                                                              \
    test_checks_failed_in_current = 0;                                                              \
    test_##name();                                                                                  \
    if (test_checks_failed_in_current) {                                                            \
      test_functions_failed++;                                                                      \
      printf("FAIL %s\n", #name);                                                                   \
    } else {                                                                                        \
      test_functions_passed++;                                                                      \
      printf("ok   %s\n", #name);                                                               \
    }                                                                                               \
    fflush(stdout);                                                                                 \
  } while (0)

#define TEST_FAIL_AT(...)                                                                          \
  do {                                                                                              \
    test_checks_failed_in_current++;                                                                \
    printf("  %s:%d: ", __FILE__, __LINE__);                                                        \
    printf(__VA_ARGS__);                                                                            \
    putchar('\n');                                                                                  \
  } while (0)

#define CHECK(cond)                                                                                 \
  do {                                                                                              \
    if (!(cond)) TEST_FAIL_AT("check failed: %s", #cond);                                          \
  } while (0)

#define REQUIRE(cond)                                                                               \
  do {                                                                                              \
    if (!(cond)) {                                                                                  \
      TEST_FAIL_AT("requirement failed: %s", #cond);                                               \
      return;                                                                                       \
    }                                                                                               \
  } while (0)

#define CHECK_EQ_INT(actual, expected)                                                              \
  do {                                                                                              \
    long long test_a_ = (long long)(actual), test_e_ = (long long)(expected);                       \
    if (test_a_ != test_e_)                                                                         \
      TEST_FAIL_AT("%s == %lld, expected %s == %lld", #actual, test_a_, #expected, test_e_);        \
  } while (0)

#define CHECK_EQ_STR(actual, expected)                                                              \
  do {                                                                                              \
    const char *test_a_ = (actual), *test_e_ = (expected);                                          \
    if (test_a_ == NULL || test_e_ == NULL ? test_a_ != test_e_ : strcmp(test_a_, test_e_) != 0)    \
      TEST_FAIL_AT("%s == \"%s\", expected \"%s\"", #actual, test_a_ ? test_a_ : "(null)",          \
                   test_e_ ? test_e_ : "(null)");                                                   \
  } while (0)

#define CHECK_CONTAINS(haystack, needle)                                                            \
  do {                                                                                              \
    const char *test_h_ = (haystack), *test_n_ = (needle);                                          \
    if (test_h_ == NULL || strstr(test_h_, test_n_) == NULL)                                        \
      TEST_FAIL_AT("%s does not contain \"%s\": \"%s\"", #haystack, test_n_,                        \
                   test_h_ ? test_h_ : "(null)");                                                   \
  } while (0)

#define TEST_SUMMARY()                                                                              \
  (printf("%d passed, %d failed\n", test_functions_passed, test_functions_failed),                 \
   test_functions_failed != 0)

#endif
