/* cpython/object.h — the full PyTypeObject and its slot tables, laid out as CPython 3.11's.
 *
 * The slot tables (PyNumberMethods, PySequenceMethods, PyMappingMethods, PyAsyncMethods,
 * PyBufferProcs) and Py_buffer are complete here, field for field in CPython's order, so that
 * positional initialisers written for CPython compile unchanged. Method, member and getset tables
 * are completed in methodobject.h and descrobject.h.
 */
#ifndef Py_CPYTHON_OBJECT_H
#  define Py_CPYTHON_OBJECT_H

typedef PyObject *(*ssizeargfunc)(PyObject *, Py_ssize_t);
typedef int (*ssizeobjargproc)(PyObject *, Py_ssize_t, PyObject *);
typedef int (*objobjproc)(PyObject *, PyObject *);
typedef int (*objobjargproc)(PyObject *, PyObject *, PyObject *);

/* A buffer view (PEP 3118). obj is an owned reference released by PyBuffer_Release. */
typedef struct {
  void *buf;
  PyObject *obj;                   /* owned */
  Py_ssize_t len;
  Py_ssize_t itemsize;
  int readonly;
  int ndim;
  char *format;
  Py_ssize_t *shape;
  Py_ssize_t *strides;
  Py_ssize_t *suboffsets;
  void *internal;
} Py_buffer;
typedef int (*getbufferproc)(PyObject *, Py_buffer *, int);
typedef void (*releasebufferproc)(PyObject *, Py_buffer *);

typedef enum { PYGEN_RETURN = 0, PYGEN_ERROR = -1, PYGEN_NEXT = 1 } PySendResult;
typedef PySendResult (*sendfunc)(PyObject *iter, PyObject *value, PyObject **result);

typedef struct PyNumberMethods {
  binaryfunc nb_add;
  binaryfunc nb_subtract;
  binaryfunc nb_multiply;
  binaryfunc nb_remainder;
  binaryfunc nb_divmod;
  ternaryfunc nb_power;
  unaryfunc nb_negative;
  unaryfunc nb_positive;
  unaryfunc nb_absolute;
  inquiry nb_bool;
  unaryfunc nb_invert;
  binaryfunc nb_lshift;
  binaryfunc nb_rshift;
  binaryfunc nb_and;
  binaryfunc nb_xor;
  binaryfunc nb_or;
  unaryfunc nb_int;
  void *nb_reserved;               /* the slot formerly known as nb_long */
  unaryfunc nb_float;
  binaryfunc nb_inplace_add;
  binaryfunc nb_inplace_subtract;
  binaryfunc nb_inplace_multiply;
  binaryfunc nb_inplace_remainder;
  ternaryfunc nb_inplace_power;
  binaryfunc nb_inplace_lshift;
  binaryfunc nb_inplace_rshift;
  binaryfunc nb_inplace_and;
  binaryfunc nb_inplace_xor;
  binaryfunc nb_inplace_or;
  binaryfunc nb_floor_divide;
  binaryfunc nb_true_divide;
  binaryfunc nb_inplace_floor_divide;
  binaryfunc nb_inplace_true_divide;
  unaryfunc nb_index;
  binaryfunc nb_matrix_multiply;
  binaryfunc nb_inplace_matrix_multiply;
} PyNumberMethods;

typedef struct PySequenceMethods {
  lenfunc sq_length;
  binaryfunc sq_concat;
  ssizeargfunc sq_repeat;
  ssizeargfunc sq_item;
  void *was_sq_slice;
  ssizeobjargproc sq_ass_item;
  void *was_sq_ass_slice;
  objobjproc sq_contains;
  binaryfunc sq_inplace_concat;
  ssizeargfunc sq_inplace_repeat;
} PySequenceMethods;

typedef struct PyMappingMethods {
  lenfunc mp_length;
  binaryfunc mp_subscript;
  objobjargproc mp_ass_subscript;
} PyMappingMethods;

typedef struct PyAsyncMethods {
  unaryfunc am_await;
  unaryfunc am_aiter;
  unaryfunc am_anext;
  sendfunc am_send;
} PyAsyncMethods;

typedef struct PyBufferProcs {
  getbufferproc bf_getbuffer;
  releasebufferproc bf_releasebuffer;
} PyBufferProcs;

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

/* A type created at run time (PyType_FromSpec, PyErr_NewException): its slot tables live in the
 * type object itself. ht_name and ht_qualname are owned str; ht_module is an owned module or NULL. */
typedef struct _heaptypeobject {
  PyTypeObject ht_type;
  PyAsyncMethods as_async;
  PyNumberMethods as_number;
  PyMappingMethods as_mapping;
  PySequenceMethods as_sequence;
  PyBufferProcs as_buffer;
  PyObject *ht_name, *ht_slots, *ht_qualname;
  void *ht_cached_keys;
  PyObject *ht_module;
  char *_ht_tpname;                /* PyMem buffer holding tp_name */
  void *_spec_cache;
} PyHeapTypeObject;

#endif /* Py_CPYTHON_OBJECT_H */
