/* call.c — calling objects: PyObject_Call and its family, and vectorcall, as CPython's
 * Objects/call.c.
 *
 * Every entry point returns a new reference or NULL with an exception set; the arguments are
 * borrowed. A callable with vectorcall (Py_TPFLAGS_HAVE_VECTORCALL and a function at
 * tp_vectorcall_offset) is called through it; any other through tp_call with a tuple and a dict
 * (a dict only when there are keywords). Every result is checked as CPython's
 * _Py_CheckFunctionResult does (rt_check_result). Argument arrays longer than a few items live in
 * PyMem blocks, so they are failure points under fault injection as CPython's are.
 */
#include "rt_capi.h"

#include <stdarg.h>
#include <string.h>

#define SMALL_STACK 8

vectorcallfunc PyVectorcall_Function(PyObject *callable)
{
  PyTypeObject *tp = Py_TYPE(callable);
  if (!PyType_HasFeature(tp, Py_TPFLAGS_HAVE_VECTORCALL) || tp->tp_vectorcall_offset <= 0) return NULL;
  vectorcallfunc f;
  memcpy(&f, (char *)callable + tp->tp_vectorcall_offset, sizeof(f));
  return f;
}

/* tp_call with a tuple built from the array and a dict from kwnames (CPython's
 * _PyObject_MakeTpCall). */
static PyObject *make_tp_call(PyObject *callable, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames)
{
  ternaryfunc call = Py_TYPE(callable)->tp_call;
  if (call == NULL) return rt_type_error("'%s' object is not callable", Py_TYPE(callable)->tp_name);
  PyObject *tuple = rt_tuple_from_array(args, nargs), *kwdict = NULL, *result = NULL;
  if (tuple == NULL) return NULL;
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  if (nkw > 0) {
    kwdict = PyDict_New();
    if (kwdict == NULL) goto out;
    for (Py_ssize_t i = 0; i < nkw; i++)
      if (PyDict_SetItem(kwdict, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) goto out;
  }
  result = rt_check_result(callable, call(callable, tuple, kwdict), NULL);
out:
  Py_DECREF(tuple);
  Py_XDECREF(kwdict);
  return result;
}

PyObject *PyObject_Vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf,
                              PyObject *kwnames)
{
  if (callable == NULL) return rt_null_error();
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  vectorcallfunc func = PyVectorcall_Function(callable);
  if (func == NULL) return make_tp_call(callable, args, nargs, kwnames);
  return rt_check_result(callable, func(callable, args, nargsf, kwnames), NULL);
}

/* A vectorcall from a tuple and a dict: the dict's values follow the positional arguments. */
PyObject *PyVectorcall_Call(PyObject *callable, PyObject *tuple, PyObject *kwargs)
{
  vectorcallfunc func = PyVectorcall_Function(callable);
  if (func == NULL)
    return rt_type_error("'%s' object does not support vectorcall", Py_TYPE(callable)->tp_name);
  Py_ssize_t nargs = PyTuple_GET_SIZE(tuple);
  Py_ssize_t nkw = kwargs ? PyDict_GET_SIZE(kwargs) : 0;
  if (nkw == 0) return func(callable, PyTuple_ITEMS(tuple), (size_t)nargs, NULL);
  PyObject *small[SMALL_STACK], **stack = small, *kwnames = NULL, *result = NULL;
  if (nargs + nkw > SMALL_STACK) {
    stack = (PyMem_Malloc)((size_t)(nargs + nkw) * sizeof(PyObject *));
    if (stack == NULL) return PyErr_NoMemory();
  }
  kwnames = PyTuple_New(nkw);
  if (kwnames == NULL) goto out;
  for (Py_ssize_t i = 0; i < nargs; i++) stack[i] = PyTuple_GET_ITEM(tuple, i);
  Py_ssize_t pos = 0, i = 0;
  PyObject *key, *value;
  while (PyDict_Next(kwargs, &pos, &key, &value)) {
    PyTuple_SET_ITEM(kwnames, i, Py_NewRef(key));
    stack[nargs + i] = value;
    i++;
  }
  result = func(callable, stack, (size_t)nargs, kwnames);
out:
  Py_XDECREF(kwnames);
  if (stack != small) (PyMem_Free)(stack);
  return result;
}

PyObject *PyObject_Call(PyObject *callable, PyObject *args, PyObject *kwargs)
{
  if (callable == NULL || args == NULL) return rt_null_error();
  if (!PyTuple_Check(args)) return rt_type_error("argument list must be a tuple");
  if (kwargs != NULL && !PyDict_Check(kwargs)) return rt_type_error("keyword list must be a dictionary");
  if (PyVectorcall_Function(callable) != NULL)
    return rt_check_result(callable, PyVectorcall_Call(callable, args, kwargs), NULL);
  ternaryfunc call = Py_TYPE(callable)->tp_call;
  if (call == NULL) return rt_type_error("'%s' object is not callable", Py_TYPE(callable)->tp_name);
  if (kwargs != NULL && PyDict_GET_SIZE(kwargs) == 0) kwargs = NULL;
  return rt_check_result(callable, call(callable, args, kwargs), NULL);
}

PyObject *PyEval_CallObjectWithKeywords(PyObject *callable, PyObject *args, PyObject *kwargs)
{
  if (args == NULL) return PyObject_VectorcallDict(callable, NULL, 0, kwargs);
  return PyObject_Call(callable, args, kwargs);
}

PyObject *PyObject_CallObject(PyObject *callable, PyObject *args)
{
  if (args == NULL) return PyObject_Vectorcall(callable, NULL, 0, NULL);
  return PyObject_Call(callable, args, NULL);
}

PyObject *PyObject_CallNoArgs(PyObject *callable) { return PyObject_Vectorcall(callable, NULL, 0, NULL); }

PyObject *PyObject_CallOneArg(PyObject *callable, PyObject *arg)
{
  if (arg == NULL) return rt_null_error();
  return PyObject_Vectorcall(callable, &arg, 1, NULL);
}

PyObject *PyObject_VectorcallDict(PyObject *callable, PyObject *const *args, size_t nargsf,
                                  PyObject *kwdict)
{
  if (kwdict == NULL || PyDict_GET_SIZE(kwdict) == 0)
    return PyObject_Vectorcall(callable, args, nargsf, NULL);
  PyObject *tuple = rt_tuple_from_array(args, PyVectorcall_NARGS(nargsf));
  if (tuple == NULL) return NULL;
  PyObject *r = PyObject_Call(callable, tuple, kwdict);
  Py_DECREF(tuple);
  return r;
}

PyObject *rt_call_array(PyObject *callable, PyObject *const *args, Py_ssize_t n, PyObject *kwargs)
{
  return PyObject_VectorcallDict(callable, args, (size_t)n, kwargs);
}

PyObject *rt_call_method_array(PyObject *obj, const char *name, PyObject *const *args, Py_ssize_t n)
{
  PyObject *meth = PyObject_GetAttrString(obj, name);
  if (meth == NULL) return NULL;
  PyObject *r = PyObject_Vectorcall(meth, args, (size_t)n, NULL);
  Py_DECREF(meth);
  return r;
}

PyObject *PyObject_VectorcallMethod(PyObject *name, PyObject *const *args, size_t nargsf,
                                    PyObject *kwnames)
{
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (name == NULL || args == NULL || nargs < 1) return rt_null_error();
  PyObject *meth = PyObject_GetAttr(args[0], name);
  if (meth == NULL) return NULL;
  PyObject *r = PyObject_Vectorcall(meth, args + 1, (size_t)(nargs - 1), kwnames);
  Py_DECREF(meth);
  return r;
}

PyObject *PyObject_CallMethodNoArgs(PyObject *obj, PyObject *name)
{
  return PyObject_VectorcallMethod(name, &obj, 1, NULL);
}

PyObject *PyObject_CallMethodOneArg(PyObject *obj, PyObject *name, PyObject *arg)
{
  if (arg == NULL) return rt_null_error();
  PyObject *args[2] = {obj, arg};
  return PyObject_VectorcallMethod(name, args, 2, NULL);
}

/* --- format-driven calls ------------------------------------------------------------------------*/
/* Calls callable with the arguments format builds (CPython's _PyObject_CallFunctionVa: a single
 * tuple argument is unpacked, for backward compatibility). */
static PyObject *call_format_va(PyObject *callable, const char *format, va_list va)
{
  if (callable == NULL) return rt_null_error();
  if (format == NULL || *format == '\0') return PyObject_CallNoArgs(callable);
  PyObject *args = rt_build_args(format, va);
  if (args == NULL) return NULL;
  PyObject *r = PyObject_Call(callable, args, NULL);
  Py_DECREF(args);
  return r;
}

PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...)
{
  va_list va;
  va_start(va, format);
  PyObject *r = call_format_va(callable, format, va);
  va_end(va);
  return r;
}

PyObject *_PyObject_CallFunction_SizeT(PyObject *callable, const char *format, ...)
{
  va_list va;
  va_start(va, format);
  PyObject *r = call_format_va(callable, format, va);
  va_end(va);
  return r;
}

static PyObject *call_method_va(PyObject *obj, const char *name, const char *format, va_list va)
{
  if (obj == NULL || name == NULL) return rt_null_error();
  PyObject *callable = PyObject_GetAttrString(obj, name);
  if (callable == NULL) return NULL;
  PyObject *r;
  if (!PyCallable_Check(callable))
    r = rt_type_error("attribute of type '%s' is not callable", Py_TYPE(callable)->tp_name);
  else
    r = call_format_va(callable, format, va);
  Py_DECREF(callable);
  return r;
}

PyObject *PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...)
{
  va_list va;
  va_start(va, format);
  PyObject *r = call_method_va(obj, name, format, va);
  va_end(va);
  return r;
}

PyObject *_PyObject_CallMethod_SizeT(PyObject *obj, const char *name, const char *format, ...)
{
  va_list va;
  va_start(va, format);
  PyObject *r = call_method_va(obj, name, format, va);
  va_end(va);
  return r;
}

/* Collects the NULL-terminated object arguments of va into a PyMem or stack array. */
static PyObject *call_objargs(PyObject *callable, va_list va)
{
  va_list count;
  va_copy(count, va);
  Py_ssize_t n = 0;
  while (va_arg(count, PyObject *) != NULL) n++;
  va_end(count);
  PyObject *small[SMALL_STACK], **stack = small;
  if (n > SMALL_STACK) {
    stack = (PyMem_Malloc)((size_t)n * sizeof(PyObject *));
    if (stack == NULL) return PyErr_NoMemory();
  }
  for (Py_ssize_t i = 0; i < n; i++) stack[i] = va_arg(va, PyObject *);
  PyObject *r = PyObject_Vectorcall(callable, stack, (size_t)n, NULL);
  if (stack != small) (PyMem_Free)(stack);
  return r;
}

PyObject *PyObject_CallFunctionObjArgs(PyObject *callable, ...)
{
  if (callable == NULL) return rt_null_error();
  va_list va;
  va_start(va, callable);
  PyObject *r = call_objargs(callable, va);
  va_end(va);
  return r;
}

PyObject *PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...)
{
  if (obj == NULL || name == NULL) return rt_null_error();
  PyObject *callable = PyObject_GetAttr(obj, name);
  if (callable == NULL) return NULL;
  va_list va;
  va_start(va, name);
  PyObject *r = call_objargs(callable, va);
  va_end(va);
  Py_DECREF(callable);
  return r;
}
