/* test_format.c — the format-string walker over PyArg_Parse* and Py_BuildValue formats. */
#include "rules.h"
#include "test.h"

/* Walks fmt and writes the codes it yields, space-separated, into buf; returns the walker's
 * final status (0 end, -1 malformed). */
static int walk(RcFormatDialect d, const char *fmt, char *buf, size_t size, RcFormatWalk *w) {
  RcFormatUnit u;
  int rc;
  buf[0] = '\0';
  rc_format_begin(w, d, fmt);
  while ((rc = rc_format_next(w, &u)) == 1) {
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, "%s%s%s", len ? " " : "", u.code, u.optional ? "?" : "");
  }
  return rc;
}

TEST(parse_codes_match_longest_first) {
  char got[256];
  RcFormatWalk w;
  CHECK_EQ_INT(walk(RC_FORMAT_PARSE, "O!O&s#es#et|z*$n:func", got, sizeof got, &w), 0);
  CHECK_EQ_STR(got, "O! O& s# es# et z*? n?");
  CHECK_EQ_INT(walk(RC_FORMAT_PARSE, "(ii)O;message with O", got, sizeof got, &w), 0);
  CHECK_EQ_STR(got, "i i O");
  CHECK_EQ_INT(walk(RC_FORMAT_PARSE, "", got, sizeof got, &w), 0);
  CHECK_EQ_STR(got, "");
}

TEST(parse_units_carry_types_and_ownership) {
  RcFormatWalk w;
  RcFormatUnit u;
  rc_format_begin(&w, RC_FORMAT_PARSE, "O!O&");
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_INT(u.ncargs, 2);
  CHECK_EQ_STR(u.ctype[0], "PyTypeObject *");
  CHECK_EQ_INT(u.effect[0], RC_FMTARG_TYPE);
  CHECK_EQ_STR(u.ctype[1], "PyObject **");
  CHECK_EQ_INT(u.effect[1], RC_FMTARG_OUT_BORROWED);
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_INT(u.effect[0], RC_FMTARG_CONVERTER);
  CHECK_EQ_INT(u.effect[1], RC_FMTARG_CONVERTER_DATA);
  CHECK_EQ_INT(rc_format_next(&w, &u), 0);
  rc_format_begin(&w, RC_FORMAT_PARSE, "s*es#");
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_INT(u.effect[0], RC_FMTARG_BUFFER);
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_INT(u.ncargs, 3);
  CHECK_EQ_INT(u.effect[1], RC_FMTARG_MEMORY);
  CHECK_EQ_STR(u.ctype[2], "Py_ssize_t *");
}

TEST(build_codes_increment_or_steal) {
  char got[256];
  RcFormatWalk w;
  RcFormatUnit u;
  CHECK_EQ_INT(walk(RC_FORMAT_BUILD, "(N, O) [S, i] {s:z#}", got, sizeof got, &w), 0);
  CHECK_EQ_STR(got, "N O S i s z#");
  rc_format_begin(&w, RC_FORMAT_BUILD, "NOs#");
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_INT(u.effect[0], RC_FMTARG_STEAL);
  CHECK(u.nullable[0]);
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_INT(u.effect[0], RC_FMTARG_INCREF);
  CHECK_EQ_STR(u.ctype[0], "PyObject *");
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_INT(u.ncargs, 2);
  CHECK_EQ_STR(u.ctype[1], "Py_ssize_t");
}

TEST(malformed_formats_are_rejected) {
  char got[256];
  RcFormatWalk w;
  CHECK_EQ_INT(walk(RC_FORMAT_PARSE, "(O", got, sizeof got, &w), -1);
  CHECK_CONTAINS(w.error, "unclosed");
  CHECK_EQ_INT(walk(RC_FORMAT_PARSE, "O)", got, sizeof got, &w), -1);
  CHECK_EQ_INT(walk(RC_FORMAT_PARSE, "O$O", got, sizeof got, &w), -1);
  CHECK_CONTAINS(w.error, "'$'");
  CHECK_EQ_INT(walk(RC_FORMAT_PARSE, "O|O|O", got, sizeof got, &w), -1);
  CHECK_EQ_INT(walk(RC_FORMAT_PARSE, "iQ", got, sizeof got, &w), -1);
  CHECK_CONTAINS(w.error, "unknown format code 'Q' at offset 1");
  CHECK_EQ_INT(walk(RC_FORMAT_PARSE, "O O", got, sizeof got, &w), -1);
  CHECK_EQ_INT(walk(RC_FORMAT_BUILD, "(O]", got, sizeof got, &w), -1);
  CHECK_CONTAINS(w.error, "unbalanced");
  CHECK_EQ_INT(walk(RC_FORMAT_BUILD, "{O", got, sizeof got, &w), -1);
}

/* Every prefix of a long format ends cleanly or is refused; never a crash or a wild read. */
TEST(walker_survives_every_truncation) {
  static const char *const formats[] = {"O!O&|s#es#$z*(ii):name", "(N,O)[S,i]{s:z#}O&",
                                        "%s %-*.*zd %%%V %lld %"};
  static const RcFormatDialect dialects[] = {RC_FORMAT_PARSE, RC_FORMAT_BUILD, RC_FORMAT_PRINTF};
  for (int d = 0; d < 3; d++) {
    const char *f = formats[d];
    char buf[64];
    for (size_t n = 0; n <= strlen(f); n++) {
      memcpy(buf, f, n);
      buf[n] = '\0';
      RcFormatWalk w;
      RcFormatUnit u;
      int rc, units = 0;
      rc_format_begin(&w, dialects[d], buf);
      while ((rc = rc_format_next(&w, &u)) == 1) units++;
      CHECK(rc == 0 || rc == -1);
      CHECK(units <= 12);
      if (rc == -1) CHECK(w.error[0] != '\0');
    }
  }
}

TEST(printf_conversions_borrow_objects) {
  char got[256];
  RcFormatWalk w;
  RcFormatUnit u;
  CHECK_EQ_INT(walk(RC_FORMAT_PRINTF, "%s: %zd items, %R != %S (100%%) %-5.*d %lld%c", got,
                    sizeof got, &w), 0);
  CHECK_EQ_STR(got, "s zd R S * d lld c");
  rc_format_begin(&w, RC_FORMAT_PRINTF, "%V and %U and %zu");
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_STR(u.code, "V");
  CHECK_EQ_INT(u.ncargs, 2);
  CHECK_EQ_INT(u.effect[0], RC_FMTARG_BORROW);
  CHECK(u.nullable[0]);
  CHECK_EQ_STR(u.ctype[1], "const char *");
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_STR(u.ctype[0], "PyObject *");
  CHECK(!u.nullable[0]);
  REQUIRE(rc_format_next(&w, &u) == 1);
  CHECK_EQ_STR(u.ctype[0], "size_t");
  CHECK_EQ_INT(rc_format_next(&w, &u), 0);
  CHECK_EQ_INT(walk(RC_FORMAT_PRINTF, "no conversions at all", got, sizeof got, &w), 0);
  CHECK_EQ_STR(got, "");
}

TEST(printf_malformed_conversions_are_rejected) {
  char got[256];
  RcFormatWalk w;
  CHECK_EQ_INT(walk(RC_FORMAT_PRINTF, "value %", got, sizeof got, &w), -1);
  CHECK_CONTAINS(w.error, "incomplete conversion");
  CHECK_EQ_INT(walk(RC_FORMAT_PRINTF, "%d %f", got, sizeof got, &w), -1);
  CHECK_CONTAINS(w.error, "unknown conversion 'f' at offset 4");
  CHECK_EQ_INT(walk(RC_FORMAT_PRINTF, "%5.2", got, sizeof got, &w), -1);
}

int main(void) {
  RUN(printf_conversions_borrow_objects);
  RUN(printf_malformed_conversions_are_rejected);
  RUN(walker_survives_every_truncation);
  RUN(parse_codes_match_longest_first);
  RUN(parse_units_carry_types_and_ownership);
  RUN(build_codes_increment_or_steal);
  RUN(malformed_formats_are_rejected);
  return TEST_SUMMARY();
}
