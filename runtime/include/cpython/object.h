/* cpython/object.h — the full PyTypeObject, laid out as CPython 3.11's struct _typeobject.
 *
 * Slot tables (PyNumberMethods, PySequenceMethods, ...) and method/member tables are declared as
 * incomplete struct types here; the C-API issue completes them in their own headers. The field order
 * must stay CPython's so that static type definitions written for CPython compile unchanged.
 */
#ifndef Py_CPYTHON_OBJECT_H
#  define Py_CPYTHON_OBJECT_H

typedef struct PyNumberMethods PyNumberMethods;
typedef struct PySequenceMethods PySequenceMethods;
typedef struct PyMappingMethods PyMappingMethods;
typedef struct PyAsyncMethods PyAsyncMethods;
typedef struct PyBufferProcs PyBufferProcs;
struct PyMethodDef;
struct PyMemberDef;
struct PyGetSetDef;

struct _typeobject {
  PyObject_VAR_HEAD
  const char *tp_name;             /* "module.name"; static storage for static types */
  Py_ssize_t tp_basicsize, tp_itemsize;

  destructor tp_dealloc;           /* called when the count reaches zero; releases the object */
  Py_ssize_t tp_vectorcall_offset;
  getattrfunc tp_getattr;
  setattrfunc tp_setattr;
  PyAsyncMethods *tp_as_async;
  reprfunc tp_repr;

  PyNumberMethods *tp_as_number;
  PySequenceMethods *tp_as_sequence;
  PyMappingMethods *tp_as_mapping;

  hashfunc tp_hash;
  ternaryfunc tp_call;
  reprfunc tp_str;
  getattrofunc tp_getattro;
  setattrofunc tp_setattro;

  PyBufferProcs *tp_as_buffer;
  unsigned long tp_flags;          /* Py_TPFLAGS_*; Py_TPFLAGS_HAVE_GC selects the GC allocator */
  const char *tp_doc;

  traverseproc tp_traverse;        /* must visit every owned reference (the GC relies on it) */
  inquiry tp_clear;                /* drops references to break cycles */
  richcmpfunc tp_richcompare;
  Py_ssize_t tp_weaklistoffset;
  getiterfunc tp_iter;
  iternextfunc tp_iternext;

  struct PyMethodDef *tp_methods;
  struct PyMemberDef *tp_members;
  struct PyGetSetDef *tp_getset;
  PyTypeObject *tp_base;
  PyObject *tp_dict;
  descrgetfunc tp_descr_get;
  descrsetfunc tp_descr_set;
  Py_ssize_t tp_dictoffset;
  initproc tp_init;
  allocfunc tp_alloc;
  newfunc tp_new;
  freefunc tp_free;                /* PyObject_Del or PyObject_GC_Del, matching the allocator */
  inquiry tp_is_gc;
  PyObject *tp_bases;
  PyObject *tp_mro;
  PyObject *tp_cache;
  PyObject *tp_subclasses;
  PyObject *tp_weaklist;
  destructor tp_del;
  unsigned int tp_version_tag;
  destructor tp_finalize;          /* called once by the GC before tp_clear (PEP 442) */
  vectorcallfunc tp_vectorcall;
};

#endif /* Py_CPYTHON_OBJECT_H */
