/* test_wire.c — the runner's line format (runtime/runner/wire.h): escaping round trips, records
 * that do not fit are dropped whole, and malformed lines are refused. */
#include "wire.h"
#include "test.h"

#include <stdlib.h>

TEST(a_record_round_trips_with_awkward_bytes) {
  RcWireBuf b = {0};
  rc_wire_record(&b, "defect");
  rc_wire_str(&b, "message", "tab\there, newline\nthere, back\\slash = fine");
  rc_wire_int(&b, "line", -42);
  rc_wire_str(&b, "empty", NULL);
  rc_wire_end(&b);
  REQUIRE(b.data != NULL);
  CHECK(strchr(b.data, '\n') == b.data + b.len - 1); /* one line */
  RcWireRecord r;
  REQUIRE(rc_wire_parse(b.data, &r) == 0);
  CHECK_EQ_STR(r.name, "defect");
  CHECK_EQ_INT((int)r.nfields, 3);
  CHECK_EQ_STR(rc_wire_get(&r, "message"), "tab\there, newline\nthere, back\\slash = fine");
  CHECK_EQ_INT((int)rc_wire_get_int(&r, "line", 0), -42);
  CHECK_EQ_STR(rc_wire_get(&r, "empty"), "");
  CHECK(rc_wire_get(&r, "absent") == NULL);
  CHECK_EQ_INT((int)rc_wire_get_int(&r, "message", 7), 7); /* not a number: the fallback */
  rc_wire_free(&b);
}

TEST(a_record_over_the_limit_is_dropped_whole) {
  RcWireBuf b = {.limit = 64};
  rc_wire_record(&b, "first");
  rc_wire_str(&b, "k", "v");
  rc_wire_end(&b);
  rc_wire_record(&b, "second");
  rc_wire_str(&b, "k", "a value far too long to fit in what is left of the sixty-four bytes");
  rc_wire_end(&b);
  CHECK(b.overflow);
  CHECK_EQ_STR(b.data, "first\tk=v\n");
  rc_wire_free(&b);
}

TEST(malformed_lines_are_refused) {
  RcWireRecord r;
  char empty[] = "\n";
  CHECK(rc_wire_parse(empty, &r) < 0);
  char no_equals[] = "name\tfield\n";
  CHECK(rc_wire_parse(no_equals, &r) < 0);
  char bare[] = "done\n";
  CHECK(rc_wire_parse(bare, &r) == 0);
  CHECK_EQ_STR(r.name, "done");
  CHECK_EQ_INT((int)r.nfields, 0);
}

int main(void) {
  RUN(a_record_round_trips_with_awkward_bytes);
  RUN(a_record_over_the_limit_is_dropped_whole);
  RUN(malformed_lines_are_refused);
  return TEST_SUMMARY();
}
