/* methodobject.c — builtin function objects and their calling conventions, as CPython's
 * Objects/methodobject.c.
 *
 * Owns: PyCFunction_Type ("builtin_function_or_method") and PyCMethod_Type. A function object
 * holds its PyMethodDef (borrowed: tables are static), an owned self and an owned __module__.
 *
 * Calls go through vectorcall (the arguments as an array, keywords as a tuple of names after the
 * positional values) and tp_call (a tuple and a dict). Both check the convention ml_flags names:
 *   METH_NOARGS   meth(self, NULL)             no arguments, no keywords
 *   METH_O        meth(self, arg)              exactly one argument, no keywords
 *   METH_VARARGS  meth(self, tuple)            no keywords unless METH_KEYWORDS: meth(self, t, d)
 *   METH_FASTCALL meth(self, args, nargs)      no keywords unless METH_KEYWORDS:
 *                                              meth(self, args, nargs, kwnames)
 *   METH_METHOD|METH_FASTCALL|METH_KEYWORDS    meth(self, cls, args, nargs, kwnames)
 * and the result: NULL without an exception or a result with one becomes SystemError
 * (rt_check_result), as CPython's _Py_CheckFunctionResult.
 */
#include "rt_capi.h"

#include <string.h>

static int cfunc_traverse(PyObject *op, visitproc visit, void *arg)
{
  PyCFunctionObject *f = (PyCFunctionObject *)op;
  Py_VISIT(f->m_self);
  Py_VISIT(f->m_module);
  if (f->m_ml->ml_flags & METH_METHOD) Py_VISIT((PyObject *)((PyCMethodObject *)op)->mm_class);
  return 0;
}

static void cfunc_dealloc(PyObject *op)
{
  PyCFunctionObject *f = (PyCFunctionObject *)op;
  PyObject_GC_UnTrack(op);
  Py_XDECREF(f->m_self);
  Py_XDECREF(f->m_module);
  if (Py_IS_TYPE(op, &PyCMethod_Type)) Py_XDECREF((PyObject *)((PyCMethodObject *)op)->mm_class);
  PyObject_GC_Del(op);
}

static PyObject *cfunc_repr(PyObject *op)
{
  PyCFunctionObject *f = (PyCFunctionObject *)op;
  if (f->m_self == NULL || PyModule_Check(f->m_self))
    return PyUnicode_FromFormat("<built-in function %s>", f->m_ml->ml_name);
  return PyUnicode_FromFormat("<built-in method %s of %s object at %p>", f->m_ml->ml_name,
                              Py_TYPE(f->m_self)->tp_name, (void *)f->m_self);
}

static Py_hash_t cfunc_hash(PyObject *op)
{
  PyCFunctionObject *f = (PyCFunctionObject *)op;
  Py_hash_t x = _Py_HashPointer(f->m_self) ^ _Py_HashPointer((void *)f->m_ml->ml_meth);
  return x == -1 ? -2 : x;
}

static PyObject *cfunc_richcompare(PyObject *a, PyObject *b, int op)
{
  if ((op != Py_EQ && op != Py_NE) || !PyCFunction_Check(a) || !PyCFunction_Check(b))
    Py_RETURN_NOTIMPLEMENTED;
  PyCFunctionObject *x = (PyCFunctionObject *)a, *y = (PyCFunctionObject *)b;
  int eq = x->m_self == y->m_self && x->m_ml->ml_meth == y->m_ml->ml_meth;
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static const char *name_of(PyObject *func) { return ((PyCFunctionObject *)func)->m_ml->ml_name; }

/* CPython's _PyObject_FunctionStr for a builtin: "module.name()" for a module's function (but not
 * builtins'), "Type.name()" for a method bound to an instance or a class. A new str, or NULL. */
static PyObject *function_str(PyObject *func)
{
  PyCFunctionObject *f = (PyCFunctionObject *)func;
  PyObject *self = f->m_self;
  if (self != NULL && !PyModule_Check(self)) {
    PyTypeObject *type = PyType_Check(self) ? (PyTypeObject *)self : Py_TYPE(self);
    PyObject *qual = PyType_GetQualName(type);
    if (qual == NULL) return NULL;
    PyObject *r = PyUnicode_FromFormat("%U.%s()", qual, f->m_ml->ml_name);
    Py_DECREF(qual);
    return r;
  }
  PyObject *mod = f->m_module;
  if (mod != NULL && PyUnicode_Check(mod) && PyUnicode_CompareWithASCIIString(mod, "builtins") != 0)
    return PyUnicode_FromFormat("%U.%s()", mod, f->m_ml->ml_name);
  return PyUnicode_FromFormat("%s()", f->m_ml->ml_name);
}

/* The TypeError of a vectorcall builtin given the wrong arguments (CPython's messages). */
enum { NO_KEYWORDS, NO_ARGUMENTS, ONE_ARGUMENT };
static PyObject *call_error(PyObject *func, int kind, Py_ssize_t nargs)
{
  PyObject *fs = function_str(func);
  if (fs == NULL) return NULL;
  if (kind == NO_KEYWORDS) PyErr_Format(PyExc_TypeError, "%U takes no keyword arguments", fs);
  else if (kind == NO_ARGUMENTS) PyErr_Format(PyExc_TypeError, "%U takes no arguments (%zd given)", fs, nargs);
  else PyErr_Format(PyExc_TypeError, "%U takes exactly one argument (%zd given)", fs, nargs);
  Py_DECREF(fs);
  return NULL;
}

/* --- calling --------------------------------------------------------------------------------------*/
static PyObject *no_keywords(PyObject *func)
{
  return call_error(func, NO_KEYWORDS, 0);
}

/* The vectorcall of every builtin function: dispatches on ml_flags. */
static PyObject *cfunc_vectorcall(PyObject *func, PyObject *const *args, size_t nargsf,
                                  PyObject *kwnames)
{
  PyCFunctionObject *f = (PyCFunctionObject *)func;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
  int flags = f->m_ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
  PyObject *self = (f->m_ml->ml_flags & METH_STATIC) ? NULL : f->m_self;
  PyCFunction meth = f->m_ml->ml_meth;
  PyObject *result;
  switch (flags) {
  case METH_NOARGS:
    if (nkw) return no_keywords(func);
    if (nargs != 0)
      return call_error(func, NO_ARGUMENTS, nargs);
    result = meth(self, NULL);
    break;
  case METH_O:
    if (nkw) return no_keywords(func);
    if (nargs != 1)
      return call_error(func, ONE_ARGUMENT, nargs);
    result = meth(self, args[0]);
    break;
  case METH_FASTCALL:
    if (nkw) return no_keywords(func);
    result = ((_PyCFunctionFast)(void (*)(void))meth)(self, args, nargs);
    break;
  case METH_FASTCALL | METH_KEYWORDS:
    result = ((_PyCFunctionFastWithKeywords)(void (*)(void))meth)(self, args, nargs,
                                                                  nkw ? kwnames : NULL);
    break;
  case METH_METHOD | METH_FASTCALL | METH_KEYWORDS:
    result = ((PyCMethod)(void (*)(void))meth)(self, ((PyCMethodObject *)func)->mm_class, args,
                                                (size_t)nargs, nkw ? kwnames : NULL);
    break;
  case METH_VARARGS:
  case METH_VARARGS | METH_KEYWORDS: {
    if (nkw && !(flags & METH_KEYWORDS))   /* cfunction_call's message: the bare name */
      return rt_type_error("%.200s() takes no keyword arguments", name_of(func));
    PyObject *tuple = rt_tuple_from_array(args, nargs), *kwdict = NULL;
    if (tuple == NULL) return NULL;
    if (nkw) {
      kwdict = PyDict_New();
      if (kwdict == NULL) {
        Py_DECREF(tuple);
        return NULL;
      }
      for (Py_ssize_t i = 0; i < nkw; i++)
        if (PyDict_SetItem(kwdict, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) {
          Py_DECREF(tuple);
          Py_DECREF(kwdict);
          return NULL;
        }
    }
    if (flags & METH_KEYWORDS)
      result = ((PyCFunctionWithKeywords)(void (*)(void))meth)(self, tuple, kwdict);
    else
      result = meth(self, tuple);
    Py_DECREF(tuple);
    Py_XDECREF(kwdict);
    break;
  }
  default:
    PyErr_Format(PyExc_SystemError, "%s() method: bad call flags", name_of(func));
    return NULL;
  }
  return rt_check_result(func, result, NULL);
}

PyObject *PyCFunction_Call(PyObject *callable, PyObject *args, PyObject *kwargs)
{
  return PyVectorcall_Call(callable, args, kwargs);
}

/* --- creating -------------------------------------------------------------------------------------*/
PyObject *PyCMethod_New(PyMethodDef *ml, PyObject *self, PyObject *module, PyTypeObject *cls)
{
  if (ml == NULL) return rt_bad_internal_call();
  PyTypeObject *type;
  if (ml->ml_flags & METH_METHOD) {
    if (cls == NULL) {
      PyErr_SetString(PyExc_SystemError, "attempting to create PyCMethod with a METH_METHOD flag "
                                         "but no class");
      return NULL;
    }
    type = &PyCMethod_Type;
  } else {
    if (cls != NULL) {
      PyErr_SetString(PyExc_SystemError, "attempting to create PyCFunction with class but no "
                                         "METH_METHOD flag");
      return NULL;
    }
    type = &PyCFunction_Type;
  }
  PyCFunctionObject *f = (PyCFunctionObject *)_PyObject_GC_New(type);
  if (f == NULL) return NULL;
  f->m_ml = ml;
  f->m_self = Py_XNewRef(self);
  f->m_module = Py_XNewRef(module);
  f->m_weakreflist = NULL;
  f->vectorcall = cfunc_vectorcall;
  if (type == &PyCMethod_Type) ((PyCMethodObject *)f)->mm_class = (PyTypeObject *)Py_NewRef((PyObject *)cls);
  (PyObject_GC_Track)(f);
  return (PyObject *)f;
}

PyObject *(PyCFunction_NewEx)(PyMethodDef *ml, PyObject *self, PyObject *module)
{
  return PyCMethod_New(ml, self, module, NULL);
}

PyObject *(PyCFunction_New)(PyMethodDef *ml, PyObject *self) { return PyCMethod_New(ml, self, NULL, NULL); }

PyCFunction PyCFunction_GetFunction(PyObject *op)
{
  if (!PyCFunction_Check(op)) {
    (PyErr_BadInternalCall)();
    return NULL;
  }
  return ((PyCFunctionObject *)op)->m_ml->ml_meth;
}

PyObject *PyCFunction_GetSelf(PyObject *op)
{
  if (!PyCFunction_Check(op)) return rt_bad_internal_call();
  return PyCFunction_GET_SELF(op);
}

int PyCFunction_GetFlags(PyObject *op)
{
  if (!PyCFunction_Check(op)) {
    (PyErr_BadInternalCall)();
    return -1;
  }
  return ((PyCFunctionObject *)op)->m_ml->ml_flags;
}

/* --- attributes -------------------------------------------------------------------------------------*/
static PyObject *cfunc_get_name(PyObject *op, void *closure)
{
  (void)closure;
  return PyUnicode_FromString(name_of(op));
}

static PyObject *cfunc_get_doc(PyObject *op, void *closure)
{
  (void)closure;
  const char *doc = ((PyCFunctionObject *)op)->m_ml->ml_doc;
  return doc ? PyUnicode_FromString(doc) : Py_NewRef(Py_None);
}

static PyObject *cfunc_get_self(PyObject *op, void *closure)
{
  (void)closure;
  PyObject *self = PyCFunction_GET_SELF(op);
  return Py_NewRef(self != NULL ? self : Py_None);
}

static PyGetSetDef cfunc_getset[] = {
    {"__name__", cfunc_get_name, NULL, NULL, NULL},
    {"__qualname__", cfunc_get_name, NULL, NULL, NULL},
    {"__doc__", cfunc_get_doc, NULL, NULL, NULL},
    {"__self__", cfunc_get_self, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef cfunc_members[] = {
    {"__module__", _Py_T_OBJECT, offsetof(PyCFunctionObject, m_module), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyCFunction_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(PyCFunctionObject),
    .tp_dealloc = cfunc_dealloc,
    .tp_vectorcall_offset = offsetof(PyCFunctionObject, vectorcall),
    .tp_repr = cfunc_repr,
    .tp_hash = cfunc_hash,
    .tp_call = PyVectorcall_Call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = cfunc_traverse,
    .tp_richcompare = cfunc_richcompare,
    .tp_members = cfunc_members,
    .tp_getset = cfunc_getset,
};

PyTypeObject PyCMethod_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "builtin_method",
    .tp_basicsize = sizeof(PyCMethodObject),
    .tp_dealloc = cfunc_dealloc,
    .tp_vectorcall_offset = offsetof(PyCFunctionObject, vectorcall),
    .tp_repr = cfunc_repr,
    .tp_hash = cfunc_hash,
    .tp_call = PyVectorcall_Call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = cfunc_traverse,
    .tp_richcompare = cfunc_richcompare,
    .tp_base = &PyCFunction_Type,
};
