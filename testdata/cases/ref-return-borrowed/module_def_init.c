/* Multi-phase initialisation (PEP 489): PyInit_* returns what PyModuleDef_Init() gives back, the
 * definition itself, which is no borrowed reference to take a reference to. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int
exec_module(PyObject *m)
{
    // expect-clean
    return PyModule_AddIntConstant(m, "answer", 42);
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {0, NULL},
};

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "module_def_init", NULL, 0, NULL, slots};

PyMODINIT_FUNC
PyInit_module_def_init(void)
{
    // expect-clean
    return PyModuleDef_Init(&def);
}
