/* test_lint.c — the lint session end to end on small files, checking the finding records that
 * renderers (text today; JSON, SARIF and the store later) read: rule, severity, place, function,
 * message and path steps; and the summaries of a file's own functions as their callers see them. */
#include "../test.h"

#include "frontend.h"
#include "lint.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Lints `src` (written to a temporary file) and returns the session; *path receives the file. */
static RcLint *lint_source(const char *src, char *path, size_t size, bool *had_errors) {
  snprintf(path, size, "/tmp/rc-test-lint-XXXXXX.c");
  int fd = mkstemps(path, 2);
  if (fd < 0) return NULL;
  FILE *f = fdopen(fd, "w");
  fputs(src, f);
  fclose(f);
  RcLintOptions opt;
  memset(&opt, 0, sizeof opt);
  opt.notes = stdout;
  opt.errors = stdout;
  RcLint *lint = NULL;
  char *error = NULL;
  if (rc_lint_new(&opt, &lint, &error) != 0) {
    free(error);
    return NULL;
  }
  RcJobs jobs = {0};
  char *paths[] = {path};
  if (rc_frontend_jobs(paths, 1, NULL, NULL, 0, &jobs, &error) == 0 && jobs.count == 1)
    rc_lint_file(lint, &jobs.items[0], had_errors, &error);
  free(error);
  rc_frontend_jobs_free(&jobs);
  rc_report_sort(rc_lint_report(lint));
  return lint;
}

/* Findings proper (notes of the run, such as a function not analysed, have no rule id). */
static size_t count_findings(RcReport *r) {
  size_t n = 0;
  for (size_t i = 0; i < rc_report_count(r); i++) n += rc_report_at(r, i)->rule[0] != '\0';
  return n;
}

static const RcFinding *find_rule(RcReport *r, const char *rule) {
  for (size_t i = 0; i < rc_report_count(r); i++)
    if (strcmp(rc_report_at(r, i)->rule, rule) == 0) return rc_report_at(r, i);
  return NULL;
}

TEST(leak_record_has_place_function_and_steps) {
  char path[64];
  bool errors = false;
  RcLint *lint = lint_source("#include <Python.h>\n"
                             "static PyObject *\n"
                             "f(PyObject *self, PyObject *list)\n"
                             "{\n"
                             "    PyObject *v = PyLong_FromLong(1);\n"
                             "    if (v == NULL)\n"
                             "        return NULL;\n"
                             "    if (PyList_Append(list, v) < 0)\n"
                             "        return NULL;\n"
                             "    Py_DECREF(v);\n"
                             "    Py_RETURN_NONE;\n"
                             "}\n"
                             "static PyMethodDef m[] = {{\"f\", f, METH_O, NULL}, {NULL, NULL, 0, NULL}};\n",
                             path, sizeof path, &errors);
  REQUIRE(lint != NULL);
  CHECK(!errors);
  RcReport *r = rc_lint_report(lint);
  CHECK_EQ_INT(count_findings(r), 1);
  const RcFinding *leak = find_rule(r, "ref-leak");
  REQUIRE(leak != NULL);
  CHECK_EQ_INT(leak->line, 9);
  CHECK_EQ_INT(leak->col, 9);
  CHECK_EQ_INT(leak->severity, RC_SEVERITY_ERROR);
  CHECK_EQ_STR(leak->function, "f");
  CHECK_EQ_STR(leak->file, path);
  CHECK_CONTAINS(leak->message, "error path");
  REQUIRE(leak->nsteps == 3);
  CHECK_CONTAINS(leak->steps[0].text, "PyLong_FromLong() returns a new reference 'v'");
  CHECK_EQ_INT(leak->steps[0].line, 5);
  CHECK_CONTAINS(leak->steps[1].text, "PyList_Append() fails");
  CHECK_CONTAINS(leak->steps[2].text, "'v' leaks here: 1 reference owned, 0 released");
  rc_lint_free(lint);
  unlink(path);
}

TEST(local_summary_steals_at_call_sites) {
  char path[64];
  bool errors = false;
  RcLint *lint = lint_source("#include <Python.h>\n"
                             "static int\n"
                             "keep(PyObject *list, PyObject *item)\n"
                             "{\n"
                             "    int rc = PyList_Append(list, item);\n"
                             "    Py_DECREF(item);\n"
                             "    return rc;\n"
                             "}\n"
                             "static PyObject *\n"
                             "g(PyObject *self, PyObject *list)\n"
                             "{\n"
                             "    PyObject *n = PyLong_FromLong(1);\n"
                             "    if (n == NULL)\n"
                             "        return NULL;\n"
                             "    if (keep(list, n) < 0)\n"
                             "        return NULL;\n"
                             "    if (keep(list, self) < 0)\n"
                             "        return NULL;\n"
                             "    Py_RETURN_NONE;\n"
                             "}\n"
                             "static PyMethodDef m[] = {{\"g\", g, METH_O, NULL}, {NULL, NULL, 0, NULL}};\n",
                             path, sizeof path, &errors);
  REQUIRE(lint != NULL);
  RcReport *r = rc_lint_report(lint);
  CHECK_EQ_INT(count_findings(r), 1); /* no leak of n; self is stolen while borrowed */
  const RcFinding *steal = find_rule(r, "ref-steal-borrowed");
  REQUIRE(steal != NULL);
  CHECK_EQ_INT(steal->line, 17);
  CHECK_CONTAINS(steal->message, "keep() steals 'self'");
  rc_lint_free(lint);
  unlink(path);
}

TEST(compile_error_skips_only_the_touched_function) {
  char path[64];
  bool errors = false;
  RcLint *lint = lint_source("#include <Python.h>\n"
                             "static PyObject *\n"
                             "ok(PyObject *self, PyObject *arg)\n"
                             "{\n"
                             "    return Py_None;\n"
                             "}\n"
                             "static PyObject *\n"
                             "bad(PyObject *self, PyObject *arg)\n"
                             "{\n"
                             "    return undefined_name;\n"
                             "}\n"
                             "static PyMethodDef m[] = {{\"ok\", ok, METH_O, NULL}, {\"bad\", bad, METH_O, NULL},\n"
                             "    {NULL, NULL, 0, NULL}};\n",
                             path, sizeof path, &errors);
  REQUIRE(lint != NULL);
  CHECK(errors);
  RcReport *r = rc_lint_report(lint);
  CHECK_EQ_INT(count_findings(r), 1);
  const RcFinding *f = find_rule(r, "ref-return-borrowed");
  REQUIRE(f != NULL);
  CHECK_EQ_INT(f->line, 5);
  CHECK(f->fixit != NULL);
  const RcFinding *note = find_rule(r, "");
  REQUIRE(note != NULL);
  CHECK_EQ_INT(note->severity, RC_SEVERITY_NOTE);
  CHECK_EQ_INT(note->line, 8);
  CHECK_CONTAINS(note->message, "'bad' was not analysed: use of undeclared identifier");
  rc_lint_free(lint);
  unlink(path);
}

TEST(clean_code_has_no_findings) {
  char path[64];
  bool errors = false;
  RcLint *lint = lint_source("#include <Python.h>\n"
                             "static PyObject *\n"
                             "h(PyObject *self, PyObject *args)\n"
                             "{\n"
                             "    PyObject *a = NULL, *b = NULL, *r = NULL;\n"
                             "    if (!PyArg_ParseTuple(args, \"OO\", &a, &b))\n"
                             "        return NULL;\n"
                             "    PyObject *s = PyObject_Str(a);\n"
                             "    if (s == NULL)\n"
                             "        goto done;\n"
                             "    r = PyTuple_Pack(2, s, b);\n"
                             "done:\n"
                             "    Py_XDECREF(s);\n"
                             "    return r;\n"
                             "}\n"
                             "static PyMethodDef m[] = {{\"h\", h, METH_VARARGS, NULL}, {NULL, NULL, 0, NULL}};\n",
                             path, sizeof path, &errors);
  REQUIRE(lint != NULL);
  CHECK(!errors);
  CHECK_EQ_INT(count_findings(rc_lint_report(lint)), 0);
  rc_lint_free(lint);
  unlink(path);
}

int main(void) {
  RUN(leak_record_has_place_function_and_steps);
  RUN(local_summary_steals_at_call_sites);
  RUN(compile_error_skips_only_the_touched_function);
  RUN(clean_code_has_no_findings);
  return TEST_SUMMARY();
}
