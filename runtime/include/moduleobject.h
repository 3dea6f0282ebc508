/* moduleobject.h — module objects and module definitions, as CPython's moduleobject.h
 * (runtime/moduleobject.c).
 *
 * A module owns its dict (md_dict) and, when its PyModuleDef asks for it (m_size > 0), a zeroed
 * state block of m_size bytes from PyMem_Malloc, freed after m_free when the module dies. The
 * module's tp_traverse and tp_clear call the definition's m_traverse and m_clear, so objects kept
 * in module state are seen by the collector and the leak check.
 */
#ifndef Py_MODULEOBJECT_H
#define Py_MODULEOBJECT_H

#include "object.h"
#include "methodobject.h"

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyModule_Type;
PyAPI_DATA(PyTypeObject) PyModuleDef_Type;
#define PyModule_Check(op) PyObject_TypeCheck((op), &PyModule_Type)
#define PyModule_CheckExact(op) Py_IS_TYPE((op), &PyModule_Type)

typedef struct PyModuleDef_Base {
  PyObject_HEAD
  PyObject *(*m_init)(void);
  Py_ssize_t m_index;
  PyObject *m_copy;
} PyModuleDef_Base;

#define PyModuleDef_HEAD_INIT {PyObject_HEAD_INIT(NULL) NULL, 0, NULL}

typedef struct PyModuleDef_Slot {
  int slot;                        /* Py_mod_create, Py_mod_exec */
  void *value;
} PyModuleDef_Slot;

#define Py_mod_create 1
#define Py_mod_exec 2
#define Py_mod_multiple_interpreters 3
#define Py_mod_gil 4
#define Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED ((void *)0)
#define Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED ((void *)1)
#define Py_MOD_PER_INTERPRETER_GIL_SUPPORTED ((void *)2)
#define Py_MOD_GIL_USED ((void *)0)
#define Py_MOD_GIL_NOT_USED ((void *)1)

typedef struct PyModuleDef {
  PyModuleDef_Base m_base;
  const char *m_name;
  const char *m_doc;
  Py_ssize_t m_size;               /* bytes of per-module state; -1: none (single-phase, global) */
  PyMethodDef *m_methods;
  PyModuleDef_Slot *m_slots;       /* multi-phase init when not NULL */
  traverseproc m_traverse;
  inquiry m_clear;
  freefunc m_free;
} PyModuleDef;

typedef struct {
  PyObject_HEAD
  PyObject *md_dict;               /* owned */
  PyModuleDef *md_def;             /* borrowed (static) or NULL */
  void *md_state;                  /* PyMem block of md_def->m_size bytes, or NULL */
  PyObject *md_weaklist;           /* weak references to the module */
  PyObject *md_name;               /* owned str */
} PyModuleObject;

/* New modules (new references) or NULL with an exception set. */
PyAPI_FUNC(PyObject *) PyModule_NewObject(PyObject *name);
PyAPI_FUNC(PyObject *) PyModule_New(const char *name);
/* Borrowed: the module's dict; NULL with SystemError (bad argument) when m is not a module. */
PyAPI_FUNC(PyObject *) PyModule_GetDict(PyObject *m);
PyAPI_FUNC(PyObject *) PyModule_GetNameObject(PyObject *m);   /* new */
PyAPI_FUNC(const char *) PyModule_GetName(PyObject *m);       /* borrowed buffer */
PyAPI_FUNC(PyObject *) PyModule_GetFilenameObject(PyObject *m);
PyAPI_FUNC(const char *) PyModule_GetFilename(PyObject *m);   /* borrowed buffer (deprecated) */
PyAPI_FUNC(PyModuleDef *) PyModule_GetDef(PyObject *m);
PyAPI_FUNC(void *) PyModule_GetState(PyObject *m);
/* Returns def itself as an object (borrowed: definitions are static), ready for multi-phase init. */
PyAPI_FUNC(PyObject *) PyModuleDef_Init(PyModuleDef *def);

#ifdef __cplusplus
}
#endif
#endif /* Py_MODULEOBJECT_H */
