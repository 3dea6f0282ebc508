/* test_fault_site.c — rt_fault_refused: how many allocations fault injection refused and the site
 * of the first one, which the oracle uses to name the call it made fail. */
#include "Python.h"
#include "test.h"

typedef struct {
  PyObject_HEAD
} Thing;

static PyTypeObject Thing_Type = {
    .ob_base = {{1, NULL}, 0},
    .tp_name = "test.Thing",
    .tp_basicsize = sizeof(Thing),
    .tp_dealloc = (destructor)PyObject_Free,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

TEST(the_first_refused_allocation_names_its_site) {
  rt_set_nomemory(1, 2); /* allocation 2 fails */
  void *a = PyMem_Malloc(8);
  int line = __LINE__ + 1;
  Thing *t = PyObject_New(Thing, &Thing_Type);
  void *c = PyMem_Malloc(8);
  const char *file = NULL;
  int got_line = 0;
  long refused = rt_fault_refused(&file, &got_line);
  rt_remove_mem_hooks();
  CHECK(a != NULL && t == NULL && c != NULL);
  CHECK_EQ_INT((int)refused, 1);
  REQUIRE(file != NULL);
  CHECK(strstr(file, "test_fault_site.c") != NULL);
  CHECK_EQ_INT(got_line, line);
  PyMem_Free(a);
  PyMem_Free(c);
}

TEST(a_new_injection_forgets_the_last_one) {
  rt_set_nomemory(0, 0);
  CHECK(PyMem_Malloc(8) == NULL);
  CHECK(PyMem_Malloc(8) == NULL);
  CHECK_EQ_INT((int)rt_fault_refused(NULL, NULL), 2);
  rt_set_nomemory(5, 6);
  const char *file = "stale";
  CHECK_EQ_INT((int)rt_fault_refused(&file, NULL), 0);
  CHECK(file == NULL);
  rt_remove_mem_hooks();
}

int main(void) {
  Py_Initialize();
  RUN(the_first_refused_allocation_names_its_site);
  RUN(a_new_injection_forgets_the_last_one);
  Py_FinalizeEx();
  return TEST_SUMMARY();
}
