/* test_cli.c — unit tests of the command line's helpers (analyzer/cli.c). */
#include "cli.h"
#include "test.h"

TEST(split_without_dashdash_keeps_everything) {
  char *argv[] = {(char *)"lint", (char *)"a.c", (char *)"b.c", NULL};
  CHECK_EQ_INT(rc_cli_split_at_dashdash(3, argv), 3);
}

TEST(split_at_first_dashdash) {
  char *argv[] = {(char *)"lint", (char *)"a.c", (char *)"--", (char *)"-I", (char *)"--", NULL};
  CHECK_EQ_INT(rc_cli_split_at_dashdash(5, argv), 2);
}

TEST(dashdash_as_command_name_is_not_a_split) {
  char *argv[] = {(char *)"--", (char *)"a.c", NULL};
  CHECK_EQ_INT(rc_cli_split_at_dashdash(2, argv), 2);
}

TEST(help_spellings) {
  CHECK(rc_cli_is_help("-h"));
  CHECK(rc_cli_is_help("--help"));
  CHECK(!rc_cli_is_help("--helpful"));
  CHECK(!rc_cli_is_help("help"));
}

int main(void) {
  RUN(split_without_dashdash_keeps_everything);
  RUN(split_at_first_dashdash);
  RUN(dashdash_as_command_name_is_not_a_split);
  RUN(help_spellings);
  return TEST_SUMMARY();
}
