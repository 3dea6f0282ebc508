/* conformance_drivers.h — one driver per C-API function or macro of refcounts.dat that the runtime
 * implements: each builds its arguments, names the object parameters in the table's order (only
 * those whose refcount field the table fills: CONF_BEGIN(A(x), OUTP(&p)); A(NULL) where the table
 * lists as an object what is not one, or an optional argument left NULL) and makes the call once.
 * The drivers leak what they build on purpose: measuring stays simple and nothing a call stole can
 * be released twice. Header-only: included once, by test_capi_conformance.c.
 */
#ifndef CONFORMANCE_DRIVERS_H
#define CONFORMANCE_DRIVERS_H

#include <stdarg.h>
#include <wchar.h>
#include "conformance_harness.h"

/* --- what the drivers build ----------------------------------------------------------------------*/
static PyObject *I(long v) { return PyLong_FromLong(v); }
static PyObject *F(void) { return PyFloat_FromDouble(0.25); }   /* a fresh, hashable object */
static PyObject *S(const char *s) { return PyUnicode_FromString(s); }
static PyObject *B(const char *s) { return PyBytes_FromString(s); }
static PyObject *BV(const char *fmt, ...)
{
  va_list va;
  va_start(va, fmt);
  PyObject *r = Py_VaBuildValue(fmt, va);
  va_end(va);
  return r;
}
static PyObject *EXC(void) { return PyObject_CallFunction(PyExc_ValueError, "s", "conformance"); }
static PyObject *MOD(void) { return PyModule_New("confmod"); }

typedef struct {
  PyObject_HEAD
  PyObject *item;   /* owned */
} ConfObj;

static int confobj_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((ConfObj *)op)->item);
  return 0;
}

static PyTypeObject ConfPlain_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "conf.Plain",
    .tp_basicsize = sizeof(ConfObj),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
};

static PyTypeObject ConfGC_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "conf.GC",
    .tp_basicsize = sizeof(ConfObj),
    .tp_itemsize = sizeof(PyObject *),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = confobj_traverse,
    .tp_new = PyType_GenericNew,
};

static PyTypeObject ConfBare_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "conf.Bare",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

/* An async iterator: aiter() returns itself, anext() a number. */
static PyObject *conf_aiter(PyObject *self) { return Py_NewRef(self); }
static PyObject *conf_anext(PyObject *self)
{
  (void)self;
  return PyLong_FromLong(1);
}
static PyAsyncMethods conf_async = {.am_aiter = conf_aiter, .am_anext = conf_anext};
static PyTypeObject ConfAsync_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "conf.Async",
    .tp_basicsize = sizeof(ConfObj),
    .tp_as_async = &conf_async,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
};

/* A number type with @ and @=. */
static PyObject *conf_matmul(PyObject *a, PyObject *b)
{
  (void)a;
  (void)b;
  return PyLong_FromLong(4242);
}
static PyNumberMethods conf_matnum = {.nb_matrix_multiply = conf_matmul, .nb_inplace_matrix_multiply = conf_matmul};
static PyTypeObject ConfMat_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "conf.Mat",
    .tp_basicsize = sizeof(ConfObj),
    .tp_as_number = &conf_matnum,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
};
static PyObject *MAT(void) { return PyType_GenericNew(&ConfMat_Type, NULL, NULL); }

static PyObject *conf_noargs(PyObject *self, PyObject *unused)
{
  (void)unused;
  return Py_NewRef(self ? self : Py_None);
}
static PyObject *conf_method(PyObject *self, PyTypeObject *cls, PyObject *const *args, size_t n, PyObject *kw)
{
  (void)self;
  (void)cls;
  (void)args;
  (void)n;
  (void)kw;
  Py_RETURN_NONE;
}
static PyMethodDef conf_noargs_def = {"noargs", conf_noargs, METH_NOARGS, NULL};
static PyMethodDef conf_method_def = {"meth", (PyCFunction)(void (*)(void))conf_method,
                                      METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL};
static PyMethodDef conf_class_def = {"cm", conf_noargs, METH_CLASS | METH_NOARGS, NULL};
static PyMethodDef conf_functions[] = {{"noargs", conf_noargs, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static PyObject *conf_get(PyObject *self, void *closure)
{
  (void)self;
  (void)closure;
  Py_RETURN_NONE;
}
static PyGetSetDef conf_getset_def = {"g", conf_get, NULL, NULL, NULL};
static PyMemberDef conf_member_def = {"item", _Py_T_OBJECT, offsetof(ConfObj, item), 0, NULL};

static int conf_exec(PyObject *m) { return PyModule_AddIntConstant(m, "X", 1); }
static PyModuleDef_Slot conf_slots[] = {{Py_mod_exec, (void *)conf_exec}, {0, NULL}};
static struct PyModuleDef conf_single_def = {PyModuleDef_HEAD_INIT, "confsingle", NULL, 0, conf_functions, NULL, NULL, NULL, NULL};
static struct PyModuleDef conf_multi_def = {PyModuleDef_HEAD_INIT, "confmulti", NULL, 0, NULL, conf_slots, NULL, NULL, NULL};
static struct PyModuleDef conf_init_def = {PyModuleDef_HEAD_INIT, "confinit", NULL, 0, NULL, conf_slots, NULL, NULL, NULL};
static PyType_Slot conf_spec_slots[] = {{0, NULL}};
static PyType_Spec conf_spec = {"conf.Spec", sizeof(ConfObj), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, conf_spec_slots};

static int conf_capsule_ctx;
static void conf_capsule_dtor(PyObject *cap) { (void)cap; }
static PyObject *CAP(void) { return PyCapsule_New(&conf_capsule_ctx, "conf.cap", NULL); }

/* A module registered in the module registry, holding a capsule (for PyCapsule_Import). */
static PyObject *REGISTERED(void)
{
  PyObject *m = PyImport_AddModule("confreg");
  PyObject *cap = CAP();
  (void)PyModule_AddObjectRef(m, "cap", cap);
  return m;
}

/* A file: a module whose write() takes one argument and whose readline() returns a line. */
static PyObject *conf_write(PyObject *self, PyObject *arg)
{
  (void)self;
  (void)arg;
  Py_RETURN_NONE;
}
static PyObject *conf_readline(PyObject *self, PyObject *args)
{
  (void)self;
  (void)args;
  return PyUnicode_FromString("line\n");
}
static PyMethodDef conf_write_def = {"write", conf_write, METH_O, NULL};
static PyMethodDef conf_readline_def = {"readline", conf_readline, METH_VARARGS, NULL};
static PyObject *FILEOBJ(void)
{
  PyObject *m = MOD();
  PyObject *w = PyCFunction_New(&conf_write_def, NULL), *r = PyCFunction_New(&conf_readline_def, NULL);
  (void)PyModule_AddObjectRef(m, "write", w);
  (void)PyModule_AddObjectRef(m, "readline", r);
  return m;
}

static PyModuleDef conf_state_def = {PyModuleDef_HEAD_INIT, "confstate", NULL, -1,
                                     NULL, NULL, NULL, NULL, NULL};
static void conf_atexit(void) {}

/* Struct sequences: a description and one zeroed static type per driver that readies one. */
static PyStructSequence_Field conf_ss_fields[] = {{"a", NULL}, {"b", NULL}, {NULL, NULL}};
static PyStructSequence_Desc conf_ss_desc = {"conf.SS", NULL, conf_ss_fields, 2};
static PyTypeObject ConfSS_Type, ConfSS_Type1, ConfSS_Type2;
static PyObject *SS(void)
{
  if (!(ConfSS_Type.tp_flags & Py_TPFLAGS_READY)) PyStructSequence_InitType2(&ConfSS_Type, &conf_ss_desc);
  PyObject *o = PyStructSequence_New(&ConfSS_Type);
  PyStructSequence_SET_ITEM(o, 0, I(1));
  PyStructSequence_SET_ITEM(o, 1, I(2));
  return o;
}

static PyObject *conf_va_build(const char *fmt, ...)
{
  va_list va;
  va_start(va, fmt);
  PyObject *r = Py_VaBuildValue(fmt, va);
  va_end(va);
  return r;
}
static PyObject *conf_va_format(const char *fmt, ...)
{
  va_list va;
  va_start(va, fmt);
  PyObject *r = PyUnicode_FromFormatV(fmt, va);
  va_end(va);
  return r;
}
static PyObject *conf_va_bytes(const char *fmt, ...)
{
  va_list va;
  va_start(va, fmt);
  PyObject *r = PyBytes_FromFormatV(fmt, va);
  va_end(va);
  return r;
}
static PyObject *conf_va_err(PyObject *type, const char *fmt, ...)
{
  va_list va;
  va_start(va, fmt);
  PyObject *r = PyErr_FormatV(type, fmt, va);
  va_end(va);
  return r;
}

/* An exception set on the indicator, and one handled (sys.exc_info()). */
static void RAISE(void) { PyErr_SetString(PyExc_KeyError, "raised"); }

#define D(name) static void d_##name(void)

/* --- the drivers, in refcounts.dat's order ----------------------------------------------------------*/
D(PyAIter_Check) { PyObject *o = PyType_GenericNew(&ConfAsync_Type, NULL, NULL); CONF_BEGIN(A(o)); CONF_VOID(PyAIter_Check(o)); }
D(PyAnySet_Check) { PyObject *o = PySet_New(NULL); CONF_BEGIN(A(o)); CONF_VOID(PyAnySet_Check(o)); }
D(PyAnySet_CheckExact) { PyObject *o = PySet_New(NULL); CONF_BEGIN(A(o)); CONF_VOID(PyAnySet_CheckExact(o)); }
D(PyBool_Check) { CONF_BEGIN(A(Py_True)); CONF_VOID(PyBool_Check(Py_True)); }
D(PyBool_FromLong) { CONF_BEGIN0(); CONF_RET(PyBool_FromLong(3)); }
D(PyBuffer_FillContiguousStrides) { Py_ssize_t shape[1] = {3}, strides[1]; CONF_BEGIN0(); CONF_VOID(PyBuffer_FillContiguousStrides(1, shape, strides, 1, 'C')); }
D(PyBuffer_FillInfo) { static Py_buffer v; PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_VOID(PyBuffer_FillInfo(&v, o, PyBytes_AS_STRING(o), 3, 1, 0)); }
D(PyBuffer_IsContiguous) { static Py_buffer v; PyObject *o = B("abc"); PyObject_GetBuffer(o, &v, PyBUF_FULL_RO); CONF_BEGIN0(); CONF_VOID(PyBuffer_IsContiguous(&v, 'C')); }
D(PyBuffer_Release) { static Py_buffer v; PyObject *o = B("abc"); PyObject_GetBuffer(o, &v, 0); CONF_BEGIN0(); CONF_VOID(PyBuffer_Release(&v)); }
D(PyBuffer_ToContiguous) { static Py_buffer v; static char out[3]; PyObject *o = B("abc"); PyObject_GetBuffer(o, &v, PyBUF_FULL_RO); CONF_BEGIN0(); CONF_VOID(PyBuffer_ToContiguous(out, &v, 3, 'C')); }
D(PyByteArray_AS_STRING) { PyObject *b = PyByteArray_FromStringAndSize("ab", 2); CONF_BEGIN(A(b)); CONF_VOID(PyByteArray_AS_STRING(b)); }
D(PyByteArray_AsString) { PyObject *b = PyByteArray_FromStringAndSize("ab", 2); CONF_BEGIN(A(b)); CONF_VOID(PyByteArray_AsString(b)); }
D(PyByteArray_Check) { PyObject *b = PyByteArray_FromStringAndSize("ab", 2); CONF_BEGIN(A(b)); CONF_VOID(PyByteArray_Check(b)); }
D(PyByteArray_CheckExact) { PyObject *b = PyByteArray_FromStringAndSize("ab", 2); CONF_BEGIN(A(b)); CONF_VOID(PyByteArray_CheckExact(b)); }
D(PyByteArray_Concat) { PyObject *a = PyByteArray_FromStringAndSize("ab", 2), *b = B("cd"); CONF_BEGIN(A(a), A(b)); CONF_RET(PyByteArray_Concat(a, b)); }
D(PyByteArray_FromObject) { PyObject *b = B("ab"); CONF_BEGIN(A(b)); CONF_RET(PyByteArray_FromObject(b)); }
D(PyByteArray_FromStringAndSize) { CONF_BEGIN0(); CONF_RET(PyByteArray_FromStringAndSize("ab", 2)); }
D(PyByteArray_GET_SIZE) { PyObject *b = PyByteArray_FromStringAndSize("ab", 2); CONF_BEGIN(A(b)); CONF_VOID(PyByteArray_GET_SIZE(b)); }
D(PyByteArray_Resize) { PyObject *b = PyByteArray_FromStringAndSize("ab", 2); CONF_BEGIN(A(b)); CONF_VOID(PyByteArray_Resize(b, 5)); }
D(PyByteArray_Size) { PyObject *b = PyByteArray_FromStringAndSize("ab", 2); CONF_BEGIN(A(b)); CONF_VOID(PyByteArray_Size(b)); }
D(PyBytes_AS_STRING) { PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_VOID(PyBytes_AS_STRING(o)); }
D(PyBytes_AsString) { PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_VOID(PyBytes_AsString(o)); }
D(PyBytes_AsStringAndSize) { char *s; Py_ssize_t n; PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_VOID(PyBytes_AsStringAndSize(o, &s, &n)); }
D(PyBytes_Check) { PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_VOID(PyBytes_Check(o)); }
D(PyBytes_CheckExact) { PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_VOID(PyBytes_CheckExact(o)); }
D(PyBytes_Concat) { PyObject *b = B("ab"), *w = B("cd"); CONF_BEGIN(OUTP(&b), A(w)); CONF_VOID(PyBytes_Concat(&b, w)); }
D(PyBytes_ConcatAndDel) { PyObject *b = B("ab"), *w = B("cd"); CONF_BEGIN(OUTP(&b), A(w)); CONF_VOID(PyBytes_ConcatAndDel(&b, w)); }
D(PyBytes_FromFormat) { CONF_BEGIN0(); CONF_RET(PyBytes_FromFormat("%d", 5)); }
D(PyBytes_FromFormatV) { CONF_BEGIN0(); CONF_RET(conf_va_bytes("%d", 5)); }
D(PyBytes_FromObject) { PyObject *o = BV("[ii]", 65, 66); CONF_BEGIN(A(o)); CONF_RET(PyBytes_FromObject(o)); }
D(PyBytes_FromString) { CONF_BEGIN0(); CONF_RET(PyBytes_FromString("x")); }
D(PyBytes_FromStringAndSize) { CONF_BEGIN0(); CONF_RET(PyBytes_FromStringAndSize("xy", 2)); }
D(PyBytes_GET_SIZE) { PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_VOID(PyBytes_GET_SIZE(o)); }
D(PyBytes_Size) { PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_VOID(PyBytes_Size(o)); }
D(PyCFunction_New) { PyObject *self = F(); CONF_BEGIN(A(self)); CONF_RET(PyCFunction_New(&conf_noargs_def, self)); }
D(PyCFunction_NewEx) { PyObject *self = F(), *mod = S("m"); CONF_BEGIN(A(self), A(mod)); CONF_RET(PyCFunction_NewEx(&conf_noargs_def, self, mod)); }
D(PyCMethod_New) { PyObject *self = F(), *mod = S("m"), *cls = PyType_FromSpec(&conf_spec); CONF_BEGIN(A(self), A(mod), A(cls)); CONF_RET(PyCMethod_New(&conf_method_def, self, mod, (PyTypeObject *)cls)); }
D(PyCallIter_Check) { CONF_BEGIN0(); CONF_VOID(PyCallIter_Check(Py_None)); }
D(PyCallIter_New) { PyObject *c = PyCFunction_New(&conf_noargs_def, NULL), *s = F(); CONF_BEGIN(A(c), A(s)); CONF_RET(PyCallIter_New(c, s)); }
D(PyCallable_Check) { PyObject *c = PyCFunction_New(&conf_noargs_def, NULL); CONF_BEGIN(A(c)); CONF_VOID(PyCallable_Check(c)); }
D(PyCapsule_CheckExact) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_CheckExact(c)); }
D(PyCapsule_GetContext) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_GetContext(c)); }
D(PyCapsule_GetDestructor) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_GetDestructor(c)); }
D(PyCapsule_GetName) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_GetName(c)); }
D(PyCapsule_GetPointer) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_GetPointer(c, "conf.cap")); }
D(PyCapsule_Import) { (void)REGISTERED(); CONF_BEGIN0(); CONF_VOID(PyCapsule_Import("confreg.cap", 0)); }
D(PyCapsule_IsValid) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_IsValid(c, "conf.cap")); }
D(PyCapsule_New) { CONF_BEGIN0(); CONF_RET(PyCapsule_New(&conf_capsule_ctx, "conf.cap", conf_capsule_dtor)); }
D(PyCapsule_SetContext) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_SetContext(c, NULL)); }
D(PyCapsule_SetDestructor) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_SetDestructor(c, conf_capsule_dtor)); }
D(PyCapsule_SetName) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_SetName(c, "conf.cap")); }
D(PyCapsule_SetPointer) { PyObject *c = CAP(); CONF_BEGIN(A(c)); CONF_VOID(PyCapsule_SetPointer(c, &conf_capsule_ctx)); }
D(PyCell_Check) { PyObject *c = PyCell_New(NULL); CONF_BEGIN0(); CONF_VOID(PyCell_Check(c)); }
D(PyCell_GET) { PyObject *v = F(), *c = PyCell_New(v); CONF_BEGIN(A(c)); CONF_RET(PyCell_GET(c)); }
D(PyCell_Get) { PyObject *v = F(), *c = PyCell_New(v); CONF_BEGIN(A(c)); CONF_RET(PyCell_Get(c)); }
D(PyCell_New) { PyObject *v = F(); CONF_BEGIN(A(v)); CONF_RET(PyCell_New(v)); }
D(PyCell_SET) { PyObject *v = F(), *c = PyCell_New(NULL); CONF_BEGIN(A(c), A(v)); CONF_VOID(PyCell_SET(c, v)); }
D(PyCell_Set) { PyObject *v = F(), *c = PyCell_New(NULL); CONF_BEGIN(A(c), A(v)); CONF_VOID(PyCell_Set(c, v)); }
D(PyComplex_AsCComplex) { PyObject *c = PyComplex_FromDoubles(1.0, 2.0); CONF_BEGIN(A(c)); CONF_VOID(PyComplex_AsCComplex(c)); }
D(PyComplex_Check) { PyObject *c = PyComplex_FromDoubles(1.0, 2.0); CONF_BEGIN(A(c)); CONF_VOID(PyComplex_Check(c)); }
D(PyComplex_CheckExact) { PyObject *c = PyComplex_FromDoubles(1.0, 2.0); CONF_BEGIN(A(c)); CONF_VOID(PyComplex_CheckExact(c)); }
D(PyComplex_FromCComplex) { Py_complex v = {1.0, 2.0}; CONF_BEGIN0(); CONF_RET(PyComplex_FromCComplex(v)); }
D(PyComplex_FromDoubles) { CONF_BEGIN0(); CONF_RET(PyComplex_FromDoubles(1.0, 2.0)); }
D(PyComplex_ImagAsDouble) { PyObject *c = PyComplex_FromDoubles(1.0, 2.0); CONF_BEGIN(A(c)); CONF_VOID(PyComplex_ImagAsDouble(c)); }
D(PyComplex_RealAsDouble) { PyObject *c = PyComplex_FromDoubles(1.0, 2.0); CONF_BEGIN(A(c)); CONF_VOID(PyComplex_RealAsDouble(c)); }
D(PyDescr_NewClassMethod) { PyObject *t = PyType_FromSpec(&conf_spec); CONF_BEGIN(A(t)); CONF_RET(PyDescr_NewClassMethod((PyTypeObject *)t, &conf_class_def)); }
D(PyDescr_NewGetSet) { PyObject *t = PyType_FromSpec(&conf_spec); CONF_BEGIN(A(t)); CONF_RET(PyDescr_NewGetSet((PyTypeObject *)t, &conf_getset_def)); }
D(PyDescr_NewMember) { PyObject *t = PyType_FromSpec(&conf_spec); CONF_BEGIN(A(t)); CONF_RET(PyDescr_NewMember((PyTypeObject *)t, &conf_member_def)); }
D(PyDescr_NewMethod) { PyObject *t = PyType_FromSpec(&conf_spec); CONF_BEGIN(A(t)); CONF_RET(PyDescr_NewMethod((PyTypeObject *)t, &conf_noargs_def)); }
D(PyDictProxy_New) { PyObject *d = PyDict_New(); CONF_BEGIN(A(d)); CONF_RET(PyDictProxy_New(d)); }
D(PyDict_Check) { PyObject *d = PyDict_New(); CONF_BEGIN(A(d)); CONF_VOID(PyDict_Check(d)); }
D(PyDict_CheckExact) { PyObject *d = PyDict_New(); CONF_BEGIN(A(d)); CONF_VOID(PyDict_CheckExact(d)); }
D(PyDict_Clear) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_VOID(PyDict_Clear(d)); }
D(PyDict_Contains) { PyObject *d = BV("{s:i}", "a", 1), *k = S("a"); CONF_BEGIN(A(d), A(k)); CONF_VOID(PyDict_Contains(d, k)); }
D(PyDict_Copy) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_RET(PyDict_Copy(d)); }
D(PyDict_DelItem) { PyObject *d = BV("{s:i}", "a", 1), *k = S("a"); CONF_BEGIN(A(d), A(k)); CONF_VOID(PyDict_DelItem(d, k)); }
D(PyDict_DelItemString) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_VOID(PyDict_DelItemString(d, "a")); }
D(PyDict_GetItem) { PyObject *d = BV("{s:f}", "a", 1.5), *k = S("a"); CONF_BEGIN(A(d), A(k)); CONF_RET(PyDict_GetItem(d, k)); }
D(PyDict_GetItemString) { PyObject *d = BV("{s:f}", "a", 1.5); CONF_BEGIN(A(d)); CONF_RET(PyDict_GetItemString(d, "a")); }
D(PyDict_GetItemWithError) { PyObject *d = BV("{s:f}", "a", 1.5), *k = S("a"); CONF_BEGIN(A(d), A(k)); CONF_RET(PyDict_GetItemWithError(d, k)); }
D(PyDict_Items) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_RET(PyDict_Items(d)); }
D(PyDict_Keys) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_RET(PyDict_Keys(d)); }
D(PyDict_Merge) { PyObject *a = PyDict_New(), *b = BV("{s:i}", "a", 1); CONF_BEGIN(A(a), A(b)); CONF_VOID(PyDict_Merge(a, b, 1)); }
D(PyDict_MergeFromSeq2) { PyObject *a = PyDict_New(), *b = BV("[(si)]", "a", 1); CONF_BEGIN(A(a), A(b)); CONF_VOID(PyDict_MergeFromSeq2(a, b, 1)); }
D(PyDict_New) { CONF_BEGIN0(); CONF_RET(PyDict_New()); }
D(PyDict_Next) { PyObject *d = BV("{s:f}", "a", 1.5), *k = NULL, *v = NULL; Py_ssize_t pos = 0; CONF_BEGIN(A(d), OUTP(&k), OUTP(&v)); CONF_VOID(PyDict_Next(d, &pos, &k, &v)); }
D(PyDict_SetDefault) { PyObject *d = PyDict_New(), *k = F(), *dflt = F(); CONF_BEGIN(A(d), A(k), A(dflt)); CONF_RET(PyDict_SetDefault(d, k, dflt)); }
D(PyDict_SetItem) { PyObject *d = PyDict_New(), *k = F(), *v = F(); CONF_BEGIN(A(d), A(k), A(v)); CONF_VOID(PyDict_SetItem(d, k, v)); }
D(PyDict_SetItemString) { PyObject *d = PyDict_New(), *v = F(); CONF_BEGIN(A(d), A(v)); CONF_VOID(PyDict_SetItemString(d, "k", v)); }
D(PyDict_Size) { PyObject *d = PyDict_New(); CONF_BEGIN(A(d)); CONF_VOID(PyDict_Size(d)); }
D(PyDict_Update) { PyObject *a = PyDict_New(), *b = BV("{s:i}", "a", 1); CONF_BEGIN(A(a), A(b)); CONF_VOID(PyDict_Update(a, b)); }
D(PyDict_Values) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_RET(PyDict_Values(d)); }
D(PyErr_BadArgument) { CONF_BEGIN0(); CONF_VOID(PyErr_BadArgument()); }
D(PyErr_BadInternalCall) { CONF_BEGIN0(); CONF_VOID((PyErr_BadInternalCall)()); }
D(PyErr_CheckSignals) { CONF_BEGIN0(); CONF_VOID(PyErr_CheckSignals()); }
D(PyErr_Clear) { RAISE(); CONF_BEGIN0(); CONF_VOID(PyErr_Clear()); }
D(PyErr_ExceptionMatches) { RAISE(); CONF_BEGIN(A(PyExc_LookupError)); CONF_VOID(PyErr_ExceptionMatches(PyExc_LookupError)); }
D(PyErr_Fetch) { PyObject *t = NULL, *v = NULL, *tb = NULL; RAISE(); CONF_BEGIN(OUTP(&t), OUTP(&v), OUTP(&tb)); CONF_VOID(PyErr_Fetch(&t, &v, &tb)); }
D(PyErr_Format) { CONF_BEGIN(A(PyExc_ValueError)); CONF_RET(PyErr_Format(PyExc_ValueError, "%d", 1)); }
D(PyErr_FormatV) { CONF_BEGIN(A(PyExc_ValueError)); CONF_RET(conf_va_err(PyExc_ValueError, "%d", 1)); }
D(PyErr_GetExcInfo) { PyObject *e = EXC(), *t = NULL, *v = NULL, *tb = NULL; PyErr_SetHandledException(e); CONF_BEGIN(OUTP(&t), OUTP(&v), OUTP(&tb)); CONF_VOID(PyErr_GetExcInfo(&t, &v, &tb)); PyErr_SetHandledException(NULL); }
D(PyErr_GetRaisedException) { RAISE(); CONF_BEGIN0(); CONF_RET(PyErr_GetRaisedException()); }
D(PyErr_GivenExceptionMatches) { PyObject *e = EXC(); CONF_BEGIN(A(e), A(PyExc_Exception)); CONF_VOID(PyErr_GivenExceptionMatches(e, PyExc_Exception)); }
D(PyErr_NewException) { PyObject *d = PyDict_New(), *base = PyErr_NewException("conf.Base", NULL, NULL); CONF_BEGIN(A(base), A(d)); CONF_RET(PyErr_NewException("conf.E", base, d)); }
D(PyErr_NewExceptionWithDoc) { PyObject *d = PyDict_New(), *base = PyErr_NewException("conf.Base", NULL, NULL); CONF_BEGIN(A(base), A(d)); CONF_RET(PyErr_NewExceptionWithDoc("conf.E", "doc", base, d)); }
D(PyErr_NoMemory) { CONF_BEGIN0(); CONF_RET(PyErr_NoMemory()); }
D(PyErr_NormalizeException) { PyObject *t = Py_NewRef(PyExc_ValueError), *v = S("x"), *tb = NULL; CONF_BEGIN0(); CONF_VOID(PyErr_NormalizeException(&t, &v, &tb)); }
D(PyErr_Occurred) { RAISE(); CONF_BEGIN0(); CONF_RET(PyErr_Occurred()); }
D(PyErr_Print) { CONF_BEGIN0(); CONF_VOID(PyErr_Print()); }
D(PyErr_PrintEx) { CONF_BEGIN0(); CONF_VOID(PyErr_PrintEx(0)); }
D(PyErr_ResourceWarning) { PyObject *src = F(); CONF_BEGIN(A(src)); CONF_VOID(PyErr_ResourceWarning(src, 1, "%s", "w")); }
D(PyErr_Restore) { PyObject *t = Py_NewRef(PyExc_ValueError), *v = EXC(); CONF_BEGIN(A(t), A(v), A(NULL)); CONF_VOID(PyErr_Restore(t, v, NULL)); }
D(PyErr_SetExcInfo) { PyObject *t = Py_NewRef(PyExc_ValueError), *v = EXC(); CONF_BEGIN(A(t), A(v), A(NULL)); CONF_VOID(PyErr_SetExcInfo(t, v, NULL)); PyErr_SetHandledException(NULL); }
D(PyErr_SetFromErrno) { errno = 2; CONF_BEGIN(A(PyExc_OSError)); CONF_RET(PyErr_SetFromErrno(PyExc_OSError)); }
D(PyErr_SetFromErrnoWithFilename) { errno = 2; CONF_BEGIN(A(PyExc_OSError)); CONF_RET(PyErr_SetFromErrnoWithFilename(PyExc_OSError, "f")); }
D(PyErr_SetFromErrnoWithFilenameObject) { PyObject *f = S("f"); errno = 2; CONF_BEGIN(A(PyExc_OSError), A(f)); CONF_RET(PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, f)); }
D(PyErr_SetFromErrnoWithFilenameObjects) { PyObject *f = S("f"), *g = S("g"); errno = 2; CONF_BEGIN(A(PyExc_OSError), A(f), A(g)); CONF_RET(PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, f, g)); }
D(PyErr_SetImportError) { PyObject *m = S("msg"), *n = S("name"), *p = S("path"); CONF_BEGIN(A(m), A(n), A(p)); CONF_VOID(PyErr_SetImportError(m, n, p)); }
D(PyErr_SetImportErrorSubclass) { PyObject *m = S("msg"), *n = S("name"), *p = S("path"); CONF_BEGIN(A(m), A(n), A(p)); CONF_RET(PyErr_SetImportErrorSubclass(PyExc_ModuleNotFoundError, m, n, p)); }
D(PyErr_SetInterrupt) { CONF_BEGIN0(); CONF_VOID(PyErr_SetInterrupt()); (void)PyErr_CheckSignals(); PyErr_Clear(); }
D(PyErr_SetNone) { CONF_BEGIN(A(PyExc_ValueError)); CONF_VOID(PyErr_SetNone(PyExc_ValueError)); }
D(PyErr_SetObject) { PyObject *v = S("value"); CONF_BEGIN(A(PyExc_ValueError), A(v)); CONF_VOID(PyErr_SetObject(PyExc_ValueError, v)); }
D(PyErr_SetRaisedException) { PyObject *e = EXC(); CONF_BEGIN0(); CONF_VOID(PyErr_SetRaisedException(e)); }
D(PyErr_SetString) { CONF_BEGIN(A(PyExc_ValueError)); CONF_VOID(PyErr_SetString(PyExc_ValueError, "s")); }
D(PyErr_SyntaxLocation) { CONF_BEGIN0(); CONF_VOID(PyErr_SyntaxLocation("f", 1)); }
D(PyErr_SyntaxLocationEx) { CONF_BEGIN0(); CONF_VOID(PyErr_SyntaxLocationEx("f", 1, 2)); }
D(PyErr_SyntaxLocationObject) { PyObject *f = S("conf.py"); PyErr_SetString(PyExc_SyntaxError, "bad"); CONF_BEGIN(A(f)); CONF_VOID(PyErr_SyntaxLocationObject(f, 1, 2)); }
D(PyErr_WarnEx) { CONF_BEGIN(A(PyExc_UserWarning)); CONF_VOID(PyErr_WarnEx(PyExc_UserWarning, "w", 1)); }
D(PyErr_WarnExplicit) { CONF_BEGIN(A(PyExc_UserWarning), A(NULL)); CONF_VOID(PyErr_WarnExplicit(PyExc_UserWarning, "w", "f", 1, "m", NULL)); }
D(PyErr_WarnExplicitObject) { PyObject *m = S("w"), *f = S("f"), *mod = S("m"); CONF_BEGIN(A(PyExc_UserWarning), A(m), A(f), A(mod), A(NULL)); CONF_VOID(PyErr_WarnExplicitObject(PyExc_UserWarning, m, f, 1, mod, NULL)); }
D(PyErr_WarnFormat) { CONF_BEGIN(A(PyExc_UserWarning)); CONF_VOID(PyErr_WarnFormat(PyExc_UserWarning, 1, "%d", 1)); }
D(PyErr_WriteUnraisable) { PyObject *o = F(); RAISE(); CONF_BEGIN(A(o)); CONF_VOID(PyErr_WriteUnraisable(o)); }
D(PyEval_AcquireThread) { PyThreadState *t = PyEval_SaveThread(); CONF_BEGIN0(); CONF_VOID(PyEval_AcquireThread(t)); }
D(PyEval_GetBuiltins) { CONF_BEGIN0(); CONF_RET(PyEval_GetBuiltins()); }
D(PyEval_GetFrame) { CONF_BEGIN0(); CONF_RET(PyEval_GetFrame()); }
D(PyEval_GetFuncDesc) { PyObject *c = PyCFunction_New(&conf_noargs_def, NULL); CONF_BEGIN(A(c)); CONF_VOID(PyEval_GetFuncDesc(c)); }
D(PyEval_GetFuncName) { PyObject *c = PyCFunction_New(&conf_noargs_def, NULL); CONF_BEGIN(A(c)); CONF_VOID(PyEval_GetFuncName(c)); }
D(PyEval_GetGlobals) { CONF_BEGIN0(); CONF_RET(PyEval_GetGlobals()); }
D(PyEval_GetLocals) { CONF_BEGIN0(); CONF_RET(PyEval_GetLocals()); }
D(PyEval_ReleaseThread) { PyThreadState *t = PyThreadState_Get(); CONF_BEGIN0(); CONF_VOID(PyEval_ReleaseThread(t)); PyEval_AcquireThread(t); }
D(PyEval_RestoreThread) { PyThreadState *t = PyEval_SaveThread(); CONF_BEGIN0(); CONF_VOID(PyEval_RestoreThread(t)); }
D(PyEval_SaveThread) { PyThreadState *t = NULL; CONF_BEGIN0(); CONF_STMT(t = PyEval_SaveThread()); PyEval_RestoreThread(t); }
D(PyException_GetArgs) { PyObject *e = EXC(); CONF_BEGIN0(); CONF_RET(PyException_GetArgs(e)); }
D(PyException_GetCause) { PyObject *e = EXC(); PyException_SetCause(e, EXC()); CONF_BEGIN(A(e)); CONF_RET(PyException_GetCause(e)); }
D(PyException_GetContext) { PyObject *e = EXC(); PyException_SetContext(e, EXC()); CONF_BEGIN(A(e)); CONF_RET(PyException_GetContext(e)); }
D(PyException_GetTraceback) { PyObject *e = EXC(); CONF_BEGIN(A(e)); CONF_RET(PyException_GetTraceback(e)); }
D(PyException_SetCause) { PyObject *e = EXC(), *c = EXC(); CONF_BEGIN(A(e), A(c)); CONF_VOID(PyException_SetCause(e, c)); }
D(PyException_SetContext) { PyObject *e = EXC(), *c = EXC(); CONF_BEGIN(A(e), A(c)); CONF_VOID(PyException_SetContext(e, c)); }
D(PyException_SetTraceback) { PyObject *e = EXC(); CONF_BEGIN(A(e), A(Py_None)); CONF_VOID(PyException_SetTraceback(e, Py_None)); }
D(PyFile_GetLine) { PyObject *f = FILEOBJ(); CONF_BEGIN(A(f)); CONF_RET(PyFile_GetLine(f, -1)); }
D(PyFile_WriteObject) { PyObject *f = FILEOBJ(), *o = F(); CONF_BEGIN(A(o), A(f)); CONF_VOID(PyFile_WriteObject(o, f, 0)); }
D(PyFile_WriteString) { PyObject *f = FILEOBJ(); CONF_BEGIN(A(f)); CONF_VOID(PyFile_WriteString("text", f)); }
D(PyFloat_AS_DOUBLE) { PyObject *f = F(); CONF_BEGIN(A(f)); CONF_VOID(PyFloat_AS_DOUBLE(f)); }
D(PyFloat_AsDouble) { PyObject *f = F(); CONF_BEGIN(A(f)); CONF_VOID(PyFloat_AsDouble(f)); }
D(PyFloat_Check) { PyObject *f = F(); CONF_BEGIN(A(f)); CONF_VOID(PyFloat_Check(f)); }
D(PyFloat_CheckExact) { PyObject *f = F(); CONF_BEGIN(A(f)); CONF_VOID(PyFloat_CheckExact(f)); }
D(PyFloat_FromDouble) { CONF_BEGIN0(); CONF_RET(PyFloat_FromDouble(2.0)); }
D(PyFloat_FromString) { PyObject *s = S("2.5"); CONF_BEGIN(A(s)); CONF_RET(PyFloat_FromString(s)); }
D(PyFloat_GetInfo) { CONF_BEGIN0(); CONF_RET(PyFloat_GetInfo()); }
D(PyFunction_Check) { PyObject *f = F(); CONF_BEGIN(A(f)); CONF_VOID(PyFunction_Check(f)); }
D(PyFrozenSet_Check) { PyObject *o = PyFrozenSet_New(NULL); CONF_BEGIN(A(o)); CONF_VOID(PyFrozenSet_Check(o)); }
D(PyFrozenSet_CheckExact) { PyObject *o = PyFrozenSet_New(NULL); CONF_BEGIN(A(o)); CONF_VOID(PyFrozenSet_CheckExact(o)); }
D(PyFrozenSet_New) { PyObject *l = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(l)); CONF_RET(PyFrozenSet_New(l)); }
D(PyImport_AddModule) { CONF_BEGIN0(); CONF_RET(PyImport_AddModule("confadded")); }
D(PyImport_AddModuleObject) { PyObject *n = S("confadded2"); CONF_BEGIN(A(n)); CONF_RET(PyImport_AddModuleObject(n)); }
D(PyImport_AddModuleRef) { CONF_BEGIN0(); CONF_RET(PyImport_AddModuleRef("confadded3")); }
D(PyImport_GetMagicNumber) { CONF_BEGIN0(); CONF_VOID(PyImport_GetMagicNumber()); }
D(PyImport_GetModule) { PyObject *n = S("confreg"); (void)REGISTERED(); CONF_BEGIN(A(n)); CONF_RET(PyImport_GetModule(n)); }
D(PyImport_GetModuleDict) { CONF_BEGIN0(); CONF_RET(PyImport_GetModuleDict()); }
D(PyImport_Import) { PyObject *n = S("confreg"); (void)REGISTERED(); CONF_BEGIN(A(n)); CONF_RET(PyImport_Import(n)); }
D(PyImport_ImportModule) { (void)REGISTERED(); CONF_BEGIN0(); CONF_RET(PyImport_ImportModule("confreg")); }
D(PyImport_ImportModuleEx) { (void)REGISTERED(); CONF_BEGIN(A(NULL), A(NULL), A(NULL)); CONF_RET(PyImport_ImportModuleEx("confreg", NULL, NULL, NULL)); }
D(PyImport_ImportModuleLevel) { (void)REGISTERED(); CONF_BEGIN(A(NULL), A(NULL), A(NULL)); CONF_RET(PyImport_ImportModuleLevel("confreg", NULL, NULL, NULL, 0)); }
D(PyImport_ImportModuleLevelObject) { PyObject *n = S("confreg"); (void)REGISTERED(); CONF_BEGIN(A(n), A(NULL), A(NULL), A(NULL)); CONF_RET(PyImport_ImportModuleLevelObject(n, NULL, NULL, NULL, 0)); }
D(PyImport_ImportModuleNoBlock) { (void)REGISTERED(); CONF_BEGIN0(); CONF_RET(PyImport_ImportModuleNoBlock("confreg")); }
D(PyIndex_Check) { PyObject *o = I(1000); CONF_BEGIN(A(o)); CONF_VOID(PyIndex_Check(o)); }
D(PyInstanceMethod_Check) { PyObject *m = PyInstanceMethod_New(PyCFunction_New(&conf_noargs_def, NULL)); CONF_BEGIN(A(m)); CONF_VOID(PyInstanceMethod_Check(m)); }
D(PyInstanceMethod_Function) { PyObject *m = PyInstanceMethod_New(PyCFunction_New(&conf_noargs_def, NULL)); CONF_BEGIN(A(m)); CONF_RET(PyInstanceMethod_Function(m)); }
D(PyInstanceMethod_GET_FUNCTION) { PyObject *m = PyInstanceMethod_New(PyCFunction_New(&conf_noargs_def, NULL)); CONF_BEGIN(A(m)); CONF_RET(PyInstanceMethod_GET_FUNCTION(m)); }
D(PyInstanceMethod_New) { PyObject *f = PyCFunction_New(&conf_noargs_def, NULL); CONF_BEGIN(A(f)); CONF_RET(PyInstanceMethod_New(f)); }
D(PyInterpreterState_Clear) { PyInterpreterState *i = PyInterpreterState_New(); CONF_BEGIN0(); CONF_VOID(PyInterpreterState_Clear(i)); }
D(PyInterpreterState_Delete) { PyInterpreterState *i = PyInterpreterState_New(); CONF_BEGIN0(); CONF_VOID(PyInterpreterState_Delete(i)); }
D(PyInterpreterState_GetID) { CONF_BEGIN0(); CONF_VOID(PyInterpreterState_GetID(PyInterpreterState_Main())); }
D(PyInterpreterState_New) { CONF_BEGIN0(); CONF_VOID(PyInterpreterState_New()); }
D(PyIter_Check) { PyObject *it = PyObject_GetIter(BV("[i]", 1)); CONF_BEGIN(A(it)); CONF_VOID(PyIter_Check(it)); }
D(PyIter_Next) { PyObject *it = PyObject_GetIter(BV("[f]", 1.5)); CONF_BEGIN(A(it)); CONF_RET(PyIter_Next(it)); }
D(PyIter_Send) { PyObject *it = PyObject_GetIter(BV("[f]", 1.5)), *r = NULL; CONF_BEGIN(A(it), A(Py_None), OUTP(&r)); CONF_VOID(PyIter_Send(it, Py_None, &r)); }
D(PyList_Append) { PyObject *l = PyList_New(0), *x = F(); CONF_BEGIN(A(l), A(x)); CONF_VOID(PyList_Append(l, x)); }
D(PyList_AsTuple) { PyObject *l = BV("[i]", 1); CONF_BEGIN(A(l)); CONF_RET(PyList_AsTuple(l)); }
D(PyList_Check) { PyObject *l = PyList_New(0); CONF_BEGIN(A(l)); CONF_VOID(PyList_Check(l)); }
D(PyList_CheckExact) { PyObject *l = PyList_New(0); CONF_BEGIN(A(l)); CONF_VOID(PyList_CheckExact(l)); }
D(PyList_GET_ITEM) { PyObject *l = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(l)); CONF_RET(PyList_GET_ITEM(l, 1)); }
D(PyList_GET_SIZE) { PyObject *l = PyList_New(0); CONF_BEGIN(A(l)); CONF_VOID(PyList_GET_SIZE(l)); }
D(PyList_GetItem) { PyObject *l = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(l)); CONF_RET(PyList_GetItem(l, 1)); }
D(PyList_GetItemRef) { PyObject *l = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(l)); CONF_RET(PyList_GetItemRef(l, 1)); }
D(PyList_GetSlice) { PyObject *l = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(l)); CONF_RET(PyList_GetSlice(l, 0, 1)); }
D(PyList_Insert) { PyObject *l = PyList_New(0), *x = F(); CONF_BEGIN(A(l), A(x)); CONF_VOID(PyList_Insert(l, 0, x)); }
D(PyList_New) { CONF_BEGIN0(); CONF_RET(PyList_New(2)); }
D(PyList_Reverse) { PyObject *l = BV("[ii]", 1, 2); CONF_BEGIN(A(l)); CONF_VOID(PyList_Reverse(l)); }
D(PyList_SET_ITEM) { PyObject *l = PyList_New(1), *x = F(); CONF_BEGIN(A(l), A(x)); CONF_VOID(PyList_SET_ITEM(l, 0, x)); }
D(PyList_SetItem) { PyObject *l = PyList_New(1), *x = F(); CONF_BEGIN(A(l), A(x)); CONF_VOID(PyList_SetItem(l, 0, x)); }
D(PyList_SetSlice) { PyObject *l = PyList_New(0), *items = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(l), A(items)); CONF_VOID(PyList_SetSlice(l, 0, 0, items)); }
D(PyList_Size) { PyObject *l = PyList_New(0); CONF_BEGIN(A(l)); CONF_VOID(PyList_Size(l)); }
D(PyList_Sort) { PyObject *l = BV("[ii]", 2, 1); CONF_BEGIN(A(l)); CONF_VOID(PyList_Sort(l)); }
#define AS_DRIVER(fn, make)                                                                        \
  D(fn)                                                                                            \
  {                                                                                                \
    PyObject *o = make;                                                                            \
    CONF_BEGIN(A(o));                                                                              \
    CONF_VOID(fn(o));                                                                              \
  }
AS_DRIVER(PyLong_AsDouble, I(1000))
AS_DRIVER(PyLong_AsLong, I(1000))
AS_DRIVER(PyLong_AsLongLong, I(1000))
AS_DRIVER(PyLong_AsSize_t, I(1000))
AS_DRIVER(PyLong_AsSsize_t, I(1000))
AS_DRIVER(PyLong_AsUnsignedLong, I(1000))
AS_DRIVER(PyLong_AsUnsignedLongLong, I(1000))
AS_DRIVER(PyLong_AsUnsignedLongLongMask, I(1000))
AS_DRIVER(PyLong_AsUnsignedLongMask, I(1000))
AS_DRIVER(PyLong_AsVoidPtr, I(1000))
AS_DRIVER(PyLong_Check, I(1000))
AS_DRIVER(PyLong_CheckExact, I(1000))
D(PyLong_AsLongAndOverflow) { int ovf; PyObject *o = I(1000); CONF_BEGIN(A(o)); CONF_VOID(PyLong_AsLongAndOverflow(o, &ovf)); }
D(PyLong_AsLongLongAndOverflow) { int ovf; PyObject *o = I(1000); CONF_BEGIN(A(o)); CONF_VOID(PyLong_AsLongLongAndOverflow(o, &ovf)); }
D(PyLong_FromDouble) { CONF_BEGIN0(); CONF_RET(PyLong_FromDouble(1e6)); }
D(PyLong_FromLong) { CONF_BEGIN0(); CONF_RET(PyLong_FromLong(123456)); }
D(PyLong_FromLongLong) { CONF_BEGIN0(); CONF_RET(PyLong_FromLongLong(123456)); }
D(PyLong_FromSize_t) { CONF_BEGIN0(); CONF_RET(PyLong_FromSize_t(123456)); }
D(PyLong_FromSsize_t) { CONF_BEGIN0(); CONF_RET(PyLong_FromSsize_t(123456)); }
D(PyLong_FromString) { CONF_BEGIN0(); CONF_RET(PyLong_FromString("123456", NULL, 10)); }
D(PyLong_FromUnicodeObject) { PyObject *s = S("123456"); CONF_BEGIN(A(s)); CONF_RET(PyLong_FromUnicodeObject(s, 10)); }
D(PyLong_FromUnsignedLong) { CONF_BEGIN0(); CONF_RET(PyLong_FromUnsignedLong(123456)); }
D(PyLong_FromUnsignedLongLong) { CONF_BEGIN0(); CONF_RET(PyLong_FromUnsignedLongLong(123456)); }
D(PyLong_FromVoidPtr) { CONF_BEGIN0(); CONF_RET(PyLong_FromVoidPtr(&conf_capsule_ctx)); }
D(PyMapping_Check) { PyObject *d = PyDict_New(); CONF_BEGIN(A(d)); CONF_VOID(PyMapping_Check(d)); }
D(PyMapping_DelItem) { PyObject *d = BV("{s:i}", "a", 1), *k = S("a"); CONF_BEGIN(A(d), A(k)); CONF_VOID(PyMapping_DelItem(d, k)); }
D(PyMapping_DelItemString) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_VOID(PyMapping_DelItemString(d, "a")); }
D(PyMapping_GetItemString) { PyObject *d = BV("{s:f}", "a", 1.5); CONF_BEGIN(A(d)); CONF_RET(PyMapping_GetItemString(d, "a")); }
D(PyMapping_HasKey) { PyObject *d = BV("{s:i}", "a", 1), *k = S("a"); CONF_BEGIN(A(d)); CONF_VOID(PyMapping_HasKey(d, k)); }
D(PyMapping_HasKeyString) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_VOID(PyMapping_HasKeyString(d, "a")); }
D(PyMapping_Items) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_RET(PyMapping_Items(d)); }
D(PyMapping_Keys) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_RET(PyMapping_Keys(d)); }
D(PyMapping_Length) { PyObject *d = PyDict_New(); CONF_BEGIN(A(d)); CONF_VOID(PyMapping_Length(d)); }
D(PyMapping_SetItemString) { PyObject *d = PyDict_New(), *v = F(); CONF_BEGIN(A(d), A(v)); CONF_VOID(PyMapping_SetItemString(d, "k", v)); }
D(PyMapping_Size) { PyObject *d = PyDict_New(); CONF_BEGIN(A(d)); CONF_VOID(PyMapping_Size(d)); }
D(PyMapping_Values) { PyObject *d = BV("{s:i}", "a", 1); CONF_BEGIN(A(d)); CONF_RET(PyMapping_Values(d)); }
D(PyMemoryView_Check) { PyObject *m = PyMemoryView_FromObject(B("abc")); CONF_BEGIN(A(m)); CONF_VOID(PyMemoryView_Check(m)); }
D(PyMemoryView_FromBuffer) { static Py_buffer v; PyObject *o = B("abc"); PyObject_GetBuffer(o, &v, PyBUF_FULL_RO); CONF_BEGIN0(); CONF_RET(PyMemoryView_FromBuffer(&v)); }
D(PyMemoryView_FromMemory) { static char mem[4]; CONF_BEGIN0(); CONF_RET(PyMemoryView_FromMemory(mem, 4, PyBUF_READ)); }
D(PyMemoryView_FromObject) { PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_RET(PyMemoryView_FromObject(o)); }
D(PyMemoryView_GET_BASE) { PyObject *m = PyMemoryView_FromObject(B("abc")); CONF_BEGIN(A(m)); CONF_VOID(PyMemoryView_GET_BASE(m)); }
D(PyMemoryView_GET_BUFFER) { PyObject *m = PyMemoryView_FromObject(B("abc")); CONF_BEGIN(A(m)); CONF_VOID(PyMemoryView_GET_BUFFER(m)); }
D(PyMemoryView_GetContiguous) { PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_RET(PyMemoryView_GetContiguous(o, PyBUF_READ, 'C')); }
D(PyMethod_Check) { PyObject *m = PyMethod_New(PyCFunction_New(&conf_noargs_def, NULL), F()); CONF_BEGIN(A(m)); CONF_VOID(PyMethod_Check(m)); }
D(PyMethod_Function) { PyObject *m = PyMethod_New(PyCFunction_New(&conf_noargs_def, NULL), F()); CONF_BEGIN(A(m)); CONF_RET(PyMethod_Function(m)); }
D(PyMethod_GET_FUNCTION) { PyObject *m = PyMethod_New(PyCFunction_New(&conf_noargs_def, NULL), F()); CONF_BEGIN(A(m)); CONF_RET(PyMethod_GET_FUNCTION(m)); }
D(PyMethod_GET_SELF) { PyObject *m = PyMethod_New(PyCFunction_New(&conf_noargs_def, NULL), F()); CONF_BEGIN(A(m)); CONF_RET(PyMethod_GET_SELF(m)); }
D(PyMethod_New) { PyObject *f = PyCFunction_New(&conf_noargs_def, NULL), *self = F(); CONF_BEGIN(A(f), A(self), A(NULL)); CONF_RET(PyMethod_New(f, self)); }
D(PyMethod_Self) { PyObject *m = PyMethod_New(PyCFunction_New(&conf_noargs_def, NULL), F()); CONF_BEGIN(A(m)); CONF_RET(PyMethod_Self(m)); }
D(PyModuleDef_Init) { CONF_BEGIN(A(&conf_init_def)); CONF_RET(PyModuleDef_Init(&conf_init_def)); }
D(PyModule_AddFunctions) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_AddFunctions(m, conf_functions)); }
D(PyModule_AddIntConstant) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_AddIntConstant(m, "N", 5)); }
D(PyModule_AddIntMacro) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_AddIntMacro(m, EINVAL)); }
D(PyModule_AddObject) { PyObject *m = MOD(), *v = F(); CONF_BEGIN(A(m), A(v)); CONF_VOID(PyModule_AddObject(m, "v", v)); }
D(PyModule_AddStringConstant) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_AddStringConstant(m, "S", "s")); }
#define CONF_STRING_MACRO "text"
D(PyModule_AddStringMacro) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_AddStringMacro(m, CONF_STRING_MACRO)); }
D(PyModule_Check) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_Check(m)); }
D(PyModule_CheckExact) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_CheckExact(m)); }
D(PyModule_Create) { CONF_BEGIN0(); CONF_RET(PyModule_Create(&conf_single_def)); }
D(PyModule_Create2) { CONF_BEGIN0(); CONF_RET(PyModule_Create2(&conf_single_def, PYTHON_API_VERSION)); }
D(PyModule_ExecDef) { PyObject *spec = MOD(); PyObject_SetAttrString(spec, "name", S("confmulti")); PyObject *m = PyModule_FromDefAndSpec(&conf_multi_def, spec); CONF_BEGIN(A(m)); CONF_VOID(PyModule_ExecDef(m, &conf_multi_def)); }
D(PyModule_FromDefAndSpec) { PyObject *spec = MOD(); PyObject_SetAttrString(spec, "name", S("confmulti")); CONF_BEGIN(A(spec)); CONF_RET(PyModule_FromDefAndSpec(&conf_multi_def, spec)); }
D(PyModule_FromDefAndSpec2) { PyObject *spec = MOD(); PyObject_SetAttrString(spec, "name", S("confmulti")); CONF_BEGIN(A(spec)); CONF_RET(PyModule_FromDefAndSpec2(&conf_multi_def, spec, PYTHON_API_VERSION)); }
D(PyModule_GetDef) { PyObject *m = PyModule_Create(&conf_single_def); CONF_BEGIN(A(m)); conf_watch((PyObject *)&conf_single_def); CONF_RET(PyModule_GetDef(m)); }
D(PyModule_GetDict) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_RET(PyModule_GetDict(m)); }
D(PyModule_GetFilename) { PyObject *m = MOD(), *f = S("conf.py"); PyModule_AddObjectRef(m, "__file__", f); CONF_BEGIN(A(m)); CONF_VOID(PyModule_GetFilename(m)); }
D(PyModule_GetFilenameObject) { PyObject *m = MOD(); PyObject_SetAttrString(m, "__file__", S("f.py")); CONF_BEGIN(A(m)); CONF_RET(PyModule_GetFilenameObject(m)); }
D(PyModule_GetName) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_GetName(m)); }
D(PyModule_GetNameObject) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_RET(PyModule_GetNameObject(m)); }
D(PyModule_GetState) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_GetState(m)); }
D(PyModule_New) { CONF_BEGIN0(); CONF_RET(PyModule_New("confnew")); }
D(PyModule_NewObject) { PyObject *n = S("confnew"); CONF_BEGIN(A(n)); CONF_RET(PyModule_NewObject(n)); }
D(PyModule_SetDocString) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyModule_SetDocString(m, "doc")); }
#define UNARY_NUM(fn, make)                                                                        \
  D(fn)                                                                                            \
  {                                                                                                \
    PyObject *o = make;                                                                            \
    CONF_BEGIN(A(o));                                                                              \
    CONF_RET(fn(o));                                                                               \
  }
#define BINARY_NUM(fn, ma, mb)                                                                     \
  D(fn)                                                                                            \
  {                                                                                                \
    PyObject *a = ma, *b = mb;                                                                     \
    CONF_BEGIN(A(a), A(b));                                                                        \
    CONF_RET(fn(a, b));                                                                            \
  }
UNARY_NUM(PyNumber_Absolute, I(-1000))
BINARY_NUM(PyNumber_Add, I(1000), I(2000))
BINARY_NUM(PyNumber_And, I(1000), I(2000))
D(PyNumber_AsSsize_t) { PyObject *o = I(1000); CONF_BEGIN(A(o), A(PyExc_OverflowError)); CONF_VOID(PyNumber_AsSsize_t(o, PyExc_OverflowError)); }
D(PyNumber_Check) { PyObject *o = I(1000); CONF_BEGIN(A(o)); CONF_VOID(PyNumber_Check(o)); }
BINARY_NUM(PyNumber_Divmod, I(1000), I(7))
UNARY_NUM(PyNumber_Float, I(1000))
BINARY_NUM(PyNumber_FloorDivide, I(1000), I(7))
BINARY_NUM(PyNumber_InPlaceAdd, BV("[i]", 1), BV("[i]", 2))
BINARY_NUM(PyNumber_InPlaceAnd, I(1000), I(2000))
BINARY_NUM(PyNumber_InPlaceFloorDivide, I(1000), I(7))
BINARY_NUM(PyNumber_InPlaceLshift, I(1000), I(2))
BINARY_NUM(PyNumber_InPlaceMatrixMultiply, MAT(), MAT())
BINARY_NUM(PyNumber_InPlaceMultiply, I(1000), I(2))
BINARY_NUM(PyNumber_InPlaceOr, I(1000), I(2))
D(PyNumber_InPlacePower) { PyObject *a = I(1000), *b = I(2); CONF_BEGIN(A(a), A(b), A(Py_None)); CONF_RET(PyNumber_InPlacePower(a, b, Py_None)); }
BINARY_NUM(PyNumber_InPlaceRemainder, I(1000), I(7))
BINARY_NUM(PyNumber_InPlaceRshift, I(1000), I(2))
BINARY_NUM(PyNumber_InPlaceSubtract, I(1000), I(2))
BINARY_NUM(PyNumber_InPlaceTrueDivide, I(1000), I(2))
BINARY_NUM(PyNumber_InPlaceXor, I(1000), I(2))
UNARY_NUM(PyNumber_Index, I(1000))
UNARY_NUM(PyNumber_Invert, I(1000))
UNARY_NUM(PyNumber_Long, F())
BINARY_NUM(PyNumber_Lshift, I(1000), I(2))
BINARY_NUM(PyNumber_MatrixMultiply, MAT(), MAT())
BINARY_NUM(PyNumber_Multiply, I(1000), I(2))
UNARY_NUM(PyNumber_Negative, I(1000))
BINARY_NUM(PyNumber_Or, I(1000), I(2))
UNARY_NUM(PyNumber_Positive, I(1000))
D(PyNumber_Power) { PyObject *a = I(1000), *b = I(2); CONF_BEGIN(A(a), A(b), A(Py_None)); CONF_RET(PyNumber_Power(a, b, Py_None)); }
BINARY_NUM(PyNumber_Remainder, I(1000), I(7))
BINARY_NUM(PyNumber_Rshift, I(1000), I(2))
BINARY_NUM(PyNumber_Subtract, I(1000), I(2))
D(PyNumber_ToBase) { PyObject *o = I(1000); CONF_BEGIN(A(o)); CONF_RET(PyNumber_ToBase(o, 16)); }
BINARY_NUM(PyNumber_TrueDivide, I(1000), I(2))
BINARY_NUM(PyNumber_Xor, I(1000), I(2))
UNARY_NUM(PyObject_ASCII, S("x"))
UNARY_NUM(PyObject_Bytes, BV("[i]", 65))
D(PyOS_AfterFork) { CONF_BEGIN0(); CONF_VOID(PyOS_AfterFork()); }
D(PyOS_AfterFork_Child) { CONF_BEGIN0(); CONF_VOID(PyOS_AfterFork_Child()); }
D(PyOS_AfterFork_Parent) { CONF_BEGIN0(); CONF_VOID(PyOS_AfterFork_Parent()); }
D(PyOS_BeforeFork) { CONF_BEGIN0(); CONF_VOID(PyOS_BeforeFork()); }
D(PyOS_FSPath) { PyObject *p = S("conf/path"); CONF_BEGIN(A(p)); CONF_RET(PyOS_FSPath(p)); }
D(PyObject_AsFileDescriptor) { PyObject *fd = I(1); CONF_BEGIN(A(fd)); CONF_VOID(PyObject_AsFileDescriptor(fd)); }
D(PyObject_Call) { PyObject *c = (PyObject *)&PyList_Type, *args = BV("([f])", 1.5), *kw = PyDict_New(); CONF_BEGIN(A(c), A(args), A(kw)); CONF_RET(PyObject_Call(c, args, kw)); }
D(PyObject_CallFunction) { PyObject *c = (PyObject *)&PyList_Type; CONF_BEGIN(A(c)); CONF_RET(PyObject_CallFunction(c, "[f]", 1.5)); }
D(PyObject_CallFunctionObjArgs) { PyObject *c = (PyObject *)&PyList_Type, *x = BV("[f]", 1.5); CONF_BEGIN(A(c)); CONF_RET(PyObject_CallFunctionObjArgs(c, x, NULL)); }
D(PyObject_CallMethod) { PyObject *o = PyList_New(0); CONF_BEGIN(A(o)); CONF_RET(PyObject_CallMethod(o, "append", "f", 1.5)); }
D(PyObject_CallMethodObjArgs) { PyObject *o = PyList_New(0), *n = S("append"), *x = F(); CONF_BEGIN(A(o), A(n)); CONF_RET(PyObject_CallMethodObjArgs(o, n, x, NULL)); }
D(PyObject_CallNoArgs) { PyObject *c = (PyObject *)&PyList_Type; CONF_BEGIN(A(c)); CONF_RET(PyObject_CallNoArgs(c)); }
D(PyObject_CallObject) { PyObject *c = (PyObject *)&PyList_Type, *args = BV("([f])", 1.5); CONF_BEGIN(A(c), A(args)); CONF_RET(PyObject_CallObject(c, args)); }
D(PyObject_CallOneArg) { PyObject *c = (PyObject *)&PyList_Type, *x = BV("[f]", 1.5); CONF_BEGIN(A(c), A(x)); CONF_RET(PyObject_CallOneArg(c, x)); }
D(PyObject_CheckBuffer) { PyObject *o = B("x"); CONF_BEGIN(A(o)); CONF_VOID(PyObject_CheckBuffer(o)); }
D(PyObject_DelAttr) { PyObject *m = MOD(), *n = S("x"); PyObject_SetAttr(m, n, F()); CONF_BEGIN(A(m), A(n)); CONF_VOID(PyObject_DelAttr(m, n)); }
D(PyObject_DelAttrString) { PyObject *m = MOD(); PyObject_SetAttrString(m, "x", F()); CONF_BEGIN(A(m)); CONF_VOID(PyObject_DelAttrString(m, "x")); }
D(PyObject_DelItem) { PyObject *d = BV("{s:i}", "a", 1), *k = S("a"); CONF_BEGIN(A(d), A(k)); CONF_VOID(PyObject_DelItem(d, k)); }
UNARY_NUM(PyObject_Dir, MOD())
D(PyObject_GC_Del) { PyObject *o = (PyObject *)PyObject_GC_New(ConfObj, &ConfGC_Type); ((ConfObj *)o)->item = NULL; CONF_BEGIN0(); CONF_VOID(PyObject_GC_Del(o)); }
D(PyObject_GC_New) { CONF_BEGIN(A(&ConfGC_Type)); CONF_RET(PyObject_GC_New(ConfObj, &ConfGC_Type)); }
D(PyObject_GC_NewVar) { CONF_BEGIN(A(&ConfGC_Type)); CONF_RET(PyObject_GC_NewVar(PyVarObject, &ConfGC_Type, 2)); }
D(PyObject_GC_Resize) { PyVarObject *o = PyObject_GC_NewVar(PyVarObject, &ConfGC_Type, 2); ((ConfObj *)o)->item = NULL; CONF_BEGIN(A(o)); CONF_RET(PyObject_GC_Resize(PyVarObject, o, 4)); }
D(PyObject_GC_Track) { ConfObj *o = PyObject_GC_New(ConfObj, &ConfGC_Type); o->item = NULL; CONF_BEGIN(A(o)); CONF_VOID(PyObject_GC_Track(o)); }
D(PyObject_GC_UnTrack) { PyObject *o = BV("[i]", 1); CONF_BEGIN0(); CONF_VOID(PyObject_GC_UnTrack(o)); }
D(PyObject_GenericGetAttr) { PyObject *m = MOD(), *n = S("__name__"); CONF_BEGIN(A(m), A(n)); CONF_RET(PyObject_GenericGetAttr(m, n)); }
D(PyObject_GenericGetDict) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_RET(PyObject_GenericGetDict(m, NULL)); }
D(PyObject_GenericSetAttr) { PyObject *m = MOD(), *n = S("x"), *v = F(); CONF_BEGIN(A(m), A(n), A(v)); CONF_VOID(PyObject_GenericSetAttr(m, n, v)); }
D(PyObject_GenericSetDict) { PyObject *e = EXC(), *d = PyDict_New(); CONF_BEGIN(A(e), A(d)); CONF_VOID(PyObject_GenericSetDict(e, d, NULL)); }
D(PyObject_GetAIter) { PyObject *o = PyType_GenericNew(&ConfAsync_Type, NULL, NULL); CONF_BEGIN(A(o)); CONF_RET(PyObject_GetAIter(o)); }
D(PyObject_GetAttr) { PyObject *m = MOD(), *n = S("__name__"); CONF_BEGIN(A(m), A(n)); CONF_RET(PyObject_GetAttr(m, n)); }
D(PyObject_GetAttrString) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_RET(PyObject_GetAttrString(m, "__name__")); }
D(PyObject_GetBuffer) { static Py_buffer v; PyObject *o = B("abc"); CONF_BEGIN(A(o)); CONF_VOID(PyObject_GetBuffer(o, &v, 0)); }
D(PyObject_GetItem) { PyObject *d = BV("{s:f}", "a", 1.5), *k = S("a"); CONF_BEGIN(A(d), A(k)); CONF_RET(PyObject_GetItem(d, k)); }
UNARY_NUM(PyObject_GetIter, BV("[i]", 1))
D(PyObject_HasAttr) { PyObject *m = MOD(), *n = S("__name__"); CONF_BEGIN(A(m), A(n)); CONF_VOID(PyObject_HasAttr(m, n)); }
D(PyObject_HasAttrString) { PyObject *m = MOD(); CONF_BEGIN(A(m)); CONF_VOID(PyObject_HasAttrString(m, "__name__")); }
D(PyObject_Hash) { PyObject *o = S("x"); CONF_BEGIN(A(o)); CONF_VOID(PyObject_Hash(o)); }
D(PyObject_HashNotImplemented) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PyObject_HashNotImplemented(o)); }
D(PyObject_Init) { PyObject *o = PyObject_Malloc(sizeof(ConfObj)); memset(o, 0, sizeof(ConfObj)); CONF_BEGIN(A(o), A(&ConfPlain_Type)); CONF_RET(PyObject_Init(o, &ConfPlain_Type)); }
D(PyObject_InitVar) { PyVarObject *o = PyObject_Malloc(sizeof(ConfObj) + 2 * sizeof(PyObject *)); memset(o, 0, sizeof(ConfObj)); CONF_BEGIN(A(o)); CONF_RET(PyObject_InitVar(o, &ConfPlain_Type, 2)); }
D(PyObject_IsInstance) { PyObject *o = PyList_New(0); CONF_BEGIN(A(o), A(&PyList_Type)); CONF_VOID(PyObject_IsInstance(o, (PyObject *)&PyList_Type)); }
D(PyObject_IsSubclass) { CONF_BEGIN(A(&PyBool_Type), A(&PyLong_Type)); CONF_VOID(PyObject_IsSubclass((PyObject *)&PyBool_Type, (PyObject *)&PyLong_Type)); }
D(PyObject_IsTrue) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PyObject_IsTrue(o)); }
D(PyObject_Length) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PyObject_Length(o)); }
D(PyObject_LengthHint) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PyObject_LengthHint(o, 0)); }
D(PyObject_NEW) { CONF_BEGIN(A(&ConfPlain_Type)); CONF_RET(PyObject_NEW(ConfObj, &ConfPlain_Type)); }
D(PyObject_NEW_VAR) { CONF_BEGIN(A(&ConfPlain_Type)); CONF_RET(PyObject_NEW_VAR(PyVarObject, &ConfPlain_Type, 2)); }
D(PyObject_New) { CONF_BEGIN(A(&ConfPlain_Type)); CONF_RET(PyObject_New(ConfObj, &ConfPlain_Type)); }
D(PyObject_NewVar) { CONF_BEGIN(A(&ConfPlain_Type)); CONF_RET(PyObject_NewVar(PyVarObject, &ConfPlain_Type, 2)); }
D(PyObject_Not) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PyObject_Not(o)); }
D(PyObject_Print) { FILE *f = fopen("/dev/null", "w"); PyObject *o = S("x"); CONF_BEGIN(A(o)); CONF_VOID(PyObject_Print(o, f, 0)); fclose(f); }
UNARY_NUM(PyObject_Repr, S("x"))
D(PyObject_RichCompare) { PyObject *a = I(1000), *b = I(2000); CONF_BEGIN(A(a), A(b)); CONF_RET(PyObject_RichCompare(a, b, Py_LT)); }
D(PyObject_RichCompareBool) { PyObject *a = I(1000), *b = I(2000); CONF_BEGIN(A(a), A(b)); CONF_VOID(PyObject_RichCompareBool(a, b, Py_LT)); }
D(PyObject_SetAttr) { PyObject *m = MOD(), *n = S("x"), *v = F(); CONF_BEGIN(A(m), A(n), A(v)); CONF_VOID(PyObject_SetAttr(m, n, v)); }
D(PyObject_SetAttrString) { PyObject *m = MOD(), *v = F(); CONF_BEGIN(A(m), A(v)); CONF_VOID(PyObject_SetAttrString(m, "x", v)); }
D(PyObject_SetItem) { PyObject *d = PyDict_New(), *k = F(), *v = F(); CONF_BEGIN(A(d), A(k), A(v)); CONF_VOID(PyObject_SetItem(d, k, v)); }
D(PyObject_Size) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PyObject_Size(o)); }
UNARY_NUM(PyObject_Str, F())
UNARY_NUM(PyObject_Type, F())
D(PyObject_TypeCheck) { PyObject *o = F(); CONF_BEGIN(A(o), A(&PyFloat_Type)); CONF_VOID(PyObject_TypeCheck(o, &PyFloat_Type)); }
D(PySeqIter_Check) { PyObject *o = PySeqIter_New(B("ab")); CONF_BEGIN0(); CONF_VOID(PySeqIter_Check(o)); }
D(PySeqIter_New) { PyObject *o = B("ab"); CONF_BEGIN0(); CONF_RET(PySeqIter_New(o)); }
D(PySequence_Check) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PySequence_Check(o)); }
BINARY_NUM(PySequence_Concat, BV("[i]", 1), BV("[i]", 2))
D(PySequence_Contains) { PyObject *o = BV("[i]", 1), *v = I(1); CONF_BEGIN(A(o), A(v)); CONF_VOID(PySequence_Contains(o, v)); }
D(PySequence_Count) { PyObject *o = BV("[i]", 1), *v = I(1); CONF_BEGIN(A(o), A(v)); CONF_VOID(PySequence_Count(o, v)); }
D(PySequence_DelItem) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PySequence_DelItem(o, 0)); }
D(PySequence_DelSlice) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PySequence_DelSlice(o, 0, 1)); }
D(PySequence_Fast) { PyObject *o = BV("(ff)", 1.5, 2.5); CONF_BEGIN(A(o)); CONF_RET(PySequence_Fast(o, "x")); }
D(PySequence_Fast_GET_ITEM) { PyObject *o = BV("(ff)", 1.5, 2.5); CONF_BEGIN(A(o)); CONF_RET(PySequence_Fast_GET_ITEM(o, 1)); }
D(PySequence_Fast_GET_SIZE) { PyObject *o = BV("(ff)", 1.5, 2.5); CONF_BEGIN(A(o)); CONF_VOID(PySequence_Fast_GET_SIZE(o)); }
D(PySequence_Fast_ITEMS) { PyObject *o = BV("(ff)", 1.5, 2.5); CONF_BEGIN(A(o)); CONF_VOID(PySequence_Fast_ITEMS(o)); }
D(PySequence_GetItem) { PyObject *o = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(o)); CONF_RET(PySequence_GetItem(o, 1)); }
D(PySequence_GetSlice) { PyObject *o = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(o)); CONF_RET(PySequence_GetSlice(o, 0, 1)); }
D(PySequence_ITEM) { PyObject *o = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(o)); CONF_RET(PySequence_ITEM(o, 1)); }
D(PySequence_In) { PyObject *o = BV("[i]", 1), *v = I(1); CONF_BEGIN(A(o), A(v)); CONF_VOID(PySequence_In(o, v)); }
BINARY_NUM(PySequence_InPlaceConcat, BV("[i]", 1), BV("[i]", 2))
/* The table lists the count of PySequence_InPlaceRepeat as an object: it is a Py_ssize_t. */
D(PySequence_InPlaceRepeat) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o), A(NULL)); CONF_RET(PySequence_InPlaceRepeat(o, 2)); }
D(PySequence_Index) { PyObject *o = BV("[i]", 1), *v = I(1); CONF_BEGIN(A(o), A(v)); CONF_VOID(PySequence_Index(o, v)); }
UNARY_NUM(PySequence_List, BV("(i)", 1))
D(PySequence_Repeat) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_RET(PySequence_Repeat(o, 2)); }
D(PySequence_SetItem) { PyObject *o = BV("[i]", 1), *v = F(); CONF_BEGIN(A(o), A(v)); CONF_VOID(PySequence_SetItem(o, 0, v)); }
D(PySequence_SetSlice) { PyObject *o = BV("[i]", 1), *v = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(o), A(v)); CONF_VOID(PySequence_SetSlice(o, 0, 1, v)); }
D(PySequence_Size) { PyObject *o = BV("[i]", 1); CONF_BEGIN(A(o)); CONF_VOID(PySequence_Size(o)); }
UNARY_NUM(PySequence_Tuple, BV("[i]", 1))
D(PySet_Add) { PyObject *s = PySet_New(NULL), *k = F(); CONF_BEGIN(A(s), A(k)); CONF_VOID(PySet_Add(s, k)); }
D(PySet_Check) { PyObject *s = PySet_New(NULL); CONF_BEGIN(A(s)); CONF_VOID(PySet_Check(s)); }
D(PySet_Clear) { PyObject *s = PySet_New(NULL); CONF_BEGIN(A(s)); CONF_VOID(PySet_Clear(s)); }
D(PySet_Contains) { PyObject *s = PySet_New(NULL), *k = F(); CONF_BEGIN(A(s), A(k)); CONF_VOID(PySet_Contains(s, k)); }
D(PySet_Discard) { PyObject *s = PySet_New(NULL), *k = F(); PySet_Add(s, k); CONF_BEGIN(A(s), A(k)); CONF_VOID(PySet_Discard(s, k)); }
D(PySet_GET_SIZE) { PyObject *s = PySet_New(NULL); CONF_BEGIN(A(s)); CONF_VOID(PySet_GET_SIZE(s)); }
D(PySet_New) { PyObject *l = BV("[ff]", 1.5, 2.5); CONF_BEGIN(A(l)); CONF_RET(PySet_New(l)); }
D(PySet_Pop) { PyObject *s = PySet_New(NULL); PySet_Add(s, F()); CONF_BEGIN(A(s)); CONF_RET(PySet_Pop(s)); }
D(PySet_Size) { PyObject *s = PySet_New(NULL); CONF_BEGIN(A(s)); CONF_VOID(PySet_Size(s)); }
D(PySlice_AdjustIndices) { Py_ssize_t a = 0, b = 5, c = 1; CONF_BEGIN0(); CONF_VOID(PySlice_AdjustIndices(3, &a, &b, c)); }
D(PySlice_Check) { PyObject *s = PySlice_New(NULL, NULL, NULL); CONF_BEGIN(A(s)); CONF_VOID(PySlice_Check(s)); }
D(PySlice_GetIndices) { Py_ssize_t a, b, c; PyObject *s = PySlice_New(NULL, NULL, NULL); CONF_BEGIN(A(s)); CONF_VOID(PySlice_GetIndices(s, 3, &a, &b, &c)); }
D(PySlice_GetIndicesEx) { Py_ssize_t a, b, c, n; PyObject *s = PySlice_New(NULL, NULL, NULL); CONF_BEGIN(A(s)); CONF_VOID(PySlice_GetIndicesEx(s, 3, &a, &b, &c, &n)); }
D(PySlice_New) { PyObject *a = I(1000), *b = I(2000), *c = I(3000); CONF_BEGIN(A(a), A(b), A(c)); CONF_RET(PySlice_New(a, b, c)); }
D(PySlice_Unpack) { Py_ssize_t a, b, c; PyObject *s = PySlice_New(NULL, NULL, NULL); CONF_BEGIN(A(s)); CONF_VOID(PySlice_Unpack(s, &a, &b, &c)); }
D(PyState_AddModule) { PyObject *m = PyModule_Create(&conf_state_def); CONF_BEGIN(A(m)); CONF_VOID(PyState_AddModule(m, &conf_state_def)); }
D(PyState_FindModule) { PyObject *m = PyModule_Create(&conf_state_def); PyState_AddModule(m, &conf_state_def); CONF_BEGIN0(); CONF_RET(PyState_FindModule(&conf_state_def)); }
D(PyState_RemoveModule) { PyObject *m = PyModule_Create(&conf_state_def); PyState_AddModule(m, &conf_state_def); CONF_BEGIN0(); CONF_VOID(PyState_RemoveModule(&conf_state_def)); }
D(PyStructSequence_GET_ITEM) { PyObject *o = SS(); CONF_BEGIN(A(o)); CONF_RET(PyStructSequence_GET_ITEM(o, 0)); }
D(PyStructSequence_GetItem) { PyObject *o = SS(); CONF_BEGIN(A(o)); CONF_RET(PyStructSequence_GetItem(o, 0)); }
D(PyStructSequence_InitType) { CONF_BEGIN(A(&ConfSS_Type1)); CONF_VOID(PyStructSequence_InitType(&ConfSS_Type1, &conf_ss_desc)); }
D(PyStructSequence_InitType2) { CONF_BEGIN(A(&ConfSS_Type2)); CONF_VOID(PyStructSequence_InitType2(&ConfSS_Type2, &conf_ss_desc)); }
D(PyStructSequence_New) { (void)SS(); CONF_BEGIN(A(&ConfSS_Type)); CONF_RET(PyStructSequence_New(&ConfSS_Type)); }
D(PyStructSequence_NewType) { CONF_BEGIN0(); CONF_RET(PyStructSequence_NewType(&conf_ss_desc)); }
D(PyStructSequence_SET_ITEM) { PyObject *o = SS(), *v = F(); CONF_BEGIN(A(o), A(v)); CONF_VOID(PyStructSequence_SET_ITEM(o, 0, v)); }
D(PyStructSequence_SetItem) { PyObject *o = SS(), *v = F(); CONF_BEGIN(A(o), A(v)); CONF_VOID(PyStructSequence_SetItem(o, 0, v)); }
D(PySys_FormatStderr) { CONF_BEGIN0(); CONF_VOID(PySys_FormatStderr("%s", "")); }
D(PySys_FormatStdout) { CONF_BEGIN0(); CONF_VOID(PySys_FormatStdout("%s", "")); }
D(PySys_GetObject) { CONF_BEGIN0(); CONF_RET(PySys_GetObject("path")); }
D(PySys_GetXOptions) { CONF_BEGIN0(); CONF_RET(PySys_GetXOptions()); }
D(PySys_SetObject) { PyObject *v = F(); CONF_BEGIN(A(v)); CONF_VOID(PySys_SetObject("conf_attr", v)); }
D(PySys_WriteStderr) { CONF_BEGIN0(); CONF_VOID(PySys_WriteStderr("%s", "")); }
D(PySys_WriteStdout) { CONF_BEGIN0(); CONF_VOID(PySys_WriteStdout("%s", "")); }
D(PyThreadState_Clear) { PyThreadState *t = PyThreadState_New(PyInterpreterState_Main()); CONF_BEGIN0(); CONF_VOID(PyThreadState_Clear(t)); }
D(PyThreadState_Delete) { PyThreadState *t = PyThreadState_New(PyInterpreterState_Main()); CONF_BEGIN0(); CONF_VOID(PyThreadState_Delete(t)); }
D(PyThreadState_Get) { CONF_BEGIN0(); CONF_VOID(PyThreadState_Get()); }
D(PyThreadState_GetDict) { (void)PyThreadState_GetDict(); CONF_BEGIN0(); CONF_RET(PyThreadState_GetDict()); }
D(PyThreadState_New) { CONF_BEGIN0(); CONF_VOID(PyThreadState_New(PyInterpreterState_Main())); }
D(PyThreadState_Swap) { PyThreadState *t = PyThreadState_New(PyInterpreterState_Main()), *old = NULL; CONF_BEGIN0(); CONF_STMT(old = PyThreadState_Swap(t)); PyThreadState_Swap(old); }
D(PyThread_tss_alloc) { CONF_BEGIN0(); CONF_VOID(PyThread_tss_alloc()); }
D(PyThread_tss_create) { Py_tss_t *k = PyThread_tss_alloc(); CONF_BEGIN0(); CONF_VOID(PyThread_tss_create(k)); }
D(PyThread_tss_delete) { Py_tss_t *k = PyThread_tss_alloc(); PyThread_tss_create(k); CONF_BEGIN0(); CONF_VOID(PyThread_tss_delete(k)); }
D(PyThread_tss_free) { Py_tss_t *k = PyThread_tss_alloc(); CONF_BEGIN0(); CONF_VOID(PyThread_tss_free(k)); }
D(PyThread_tss_get) { Py_tss_t *k = PyThread_tss_alloc(); PyThread_tss_create(k); CONF_BEGIN0(); CONF_VOID(PyThread_tss_get(k)); }
D(PyThread_tss_is_created) { Py_tss_t *k = PyThread_tss_alloc(); CONF_BEGIN0(); CONF_VOID(PyThread_tss_is_created(k)); }
D(PyThread_tss_set) { Py_tss_t *k = PyThread_tss_alloc(); PyThread_tss_create(k); CONF_BEGIN0(); CONF_VOID(PyThread_tss_set(k, k)); }
D(PyTraceMalloc_Track) { CONF_BEGIN0(); CONF_VOID(PyTraceMalloc_Track(0, 0, 1)); }
D(PyTraceMalloc_Untrack) { CONF_BEGIN0(); CONF_VOID(PyTraceMalloc_Untrack(0, 0)); }
D(PyTuple_Check) { PyObject *t = PyTuple_New(0); CONF_BEGIN(A(t)); CONF_VOID(PyTuple_Check(t)); }
D(PyTuple_CheckExact) { PyObject *t = PyTuple_New(0); CONF_BEGIN(A(t)); CONF_VOID(PyTuple_CheckExact(t)); }
D(PyTuple_GET_ITEM) { PyObject *t = BV("(ff)", 1.5, 2.5); CONF_BEGIN(A(t)); CONF_RET(PyTuple_GET_ITEM(t, 1)); }
D(PyTuple_GET_SIZE) { PyObject *t = PyTuple_New(0); CONF_BEGIN(A(t)); CONF_VOID(PyTuple_GET_SIZE(t)); }
D(PyTuple_GetItem) { PyObject *t = BV("(ff)", 1.5, 2.5); CONF_BEGIN(A(t)); CONF_RET(PyTuple_GetItem(t, 1)); }
D(PyTuple_GetSlice) { PyObject *t = BV("(ff)", 1.5, 2.5); CONF_BEGIN(A(t)); CONF_RET(PyTuple_GetSlice(t, 0, 1)); }
D(PyTuple_New) { CONF_BEGIN0(); CONF_RET(PyTuple_New(2)); }
D(PyTuple_Pack) { PyObject *x = F(); CONF_BEGIN(A(x)); CONF_RET(PyTuple_Pack(1, x)); }
D(PyTuple_SET_ITEM) { PyObject *t = PyTuple_New(1), *x = F(); CONF_BEGIN(A(t), A(x)); CONF_VOID(PyTuple_SET_ITEM(t, 0, x)); }
D(PyTuple_SetItem) { PyObject *t = PyTuple_New(1), *x = F(); CONF_BEGIN(A(t), A(x)); CONF_VOID(PyTuple_SetItem(t, 0, x)); }
D(PyTuple_Size) { PyObject *t = PyTuple_New(0); CONF_BEGIN(A(t)); CONF_VOID(PyTuple_Size(t)); }
D(PyType_Check) { CONF_BEGIN(A(&PyLong_Type)); CONF_VOID(PyType_Check((PyObject *)&PyLong_Type)); }
D(PyType_CheckExact) { CONF_BEGIN(A(&PyLong_Type)); CONF_VOID(PyType_CheckExact((PyObject *)&PyLong_Type)); }
D(PyType_FromModuleAndSpec) { PyObject *m = MOD(), *bases = BV("(O)", &PyBaseObject_Type); CONF_BEGIN(A(m), A(bases)); CONF_RET(PyType_FromModuleAndSpec(m, &conf_spec, bases)); }
D(PyType_FromSpec) { CONF_BEGIN0(); CONF_RET(PyType_FromSpec(&conf_spec)); }
D(PyType_FromSpecWithBases) { PyObject *bases = BV("(O)", &PyBaseObject_Type); CONF_BEGIN(A(bases)); CONF_RET(PyType_FromSpecWithBases(&conf_spec, bases)); }
D(PyType_GenericAlloc) { CONF_BEGIN(A(&ConfGC_Type)); CONF_RET(PyType_GenericAlloc(&ConfGC_Type, 0)); }
D(PyType_GenericNew) { PyObject *args = PyTuple_New(0), *kw = PyDict_New(); CONF_BEGIN(A(&ConfPlain_Type), A(args), A(kw)); CONF_RET(PyType_GenericNew(&ConfPlain_Type, args, kw)); }
D(PyType_GetFlags) { CONF_BEGIN(A(&PyLong_Type)); CONF_VOID(PyType_GetFlags(&PyLong_Type)); }
D(PyType_GetName) { PyObject *t = PyType_FromSpec(&conf_spec); CONF_BEGIN(A(t)); CONF_RET(PyType_GetName((PyTypeObject *)t)); }
D(PyType_GetQualName) { PyObject *t = PyType_FromSpec(&conf_spec); CONF_BEGIN(A(t)); CONF_RET(PyType_GetQualName((PyTypeObject *)t)); }
D(PyType_GetSlot) { CONF_BEGIN(A(&PyLong_Type)); CONF_VOID(PyType_GetSlot(&PyLong_Type, Py_nb_add)); }
D(PyType_HasFeature) { CONF_BEGIN(A(&PyLong_Type)); CONF_VOID(PyType_HasFeature(&PyLong_Type, Py_TPFLAGS_BASETYPE)); }
D(PyType_IS_GC) { CONF_BEGIN(A(&PyList_Type)); CONF_VOID(PyType_IS_GC(&PyList_Type)); }
D(PyType_IsSubtype) { CONF_BEGIN(A(&PyBool_Type), A(&PyLong_Type)); CONF_VOID(PyType_IsSubtype(&PyBool_Type, &PyLong_Type)); }
D(PyType_Modified) { CONF_BEGIN(A(&PyLong_Type)); CONF_VOID(PyType_Modified(&PyLong_Type)); }
D(PyType_Ready) { CONF_BEGIN(A(&ConfBare_Type)); CONF_VOID(PyType_Ready(&ConfBare_Type)); }
UNARY_NUM(PyUnicode_AsASCIIString, S("abc"))
D(PyUnicode_1BYTE_DATA) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_1BYTE_DATA(s)); }
D(PyUnicode_AsEncodedString) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_RET(PyUnicode_AsEncodedString(s, "utf-8", NULL)); }
UNARY_NUM(PyUnicode_AsLatin1String, S("abc"))
D(PyUnicode_AsUCS4) { static Py_UCS4 buf[8]; PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_AsUCS4(s, buf, 8, 1)); }
D(PyUnicode_AsUCS4Copy) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_AsUCS4Copy(s)); }
D(PyUnicode_AsUTF8) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_AsUTF8(s)); }
/* The table lists the size pointer of PyUnicode_AsUTF8AndSize as an object: it is a Py_ssize_t *. */
D(PyUnicode_AsUTF8AndSize) { Py_ssize_t n; PyObject *s = S("abc"); CONF_BEGIN(A(s), A(NULL)); CONF_VOID(PyUnicode_AsUTF8AndSize(s, &n)); }
UNARY_NUM(PyUnicode_AsUTF8String, S("abc"))
D(PyUnicode_AsWideChar) { wchar_t w[8]; PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_AsWideChar(s, w, 8)); }
D(PyUnicode_AsWideCharString) { Py_ssize_t n; PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_AsWideCharString(s, &n)); }
D(PyUnicode_Check) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_Check(s)); }
D(PyUnicode_CheckExact) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_CheckExact(s)); }
D(PyUnicode_Compare) { PyObject *a = S("a"), *b = S("b"); CONF_BEGIN(A(a), A(b)); CONF_VOID(PyUnicode_Compare(a, b)); }
D(PyUnicode_CompareWithASCIIString) { PyObject *a = S("a"); CONF_BEGIN(A(a)); CONF_VOID(PyUnicode_CompareWithASCIIString(a, "a")); }
BINARY_NUM(PyUnicode_Concat, S("a"), S("b"))
D(PyUnicode_Contains) { PyObject *a = S("abc"), *b = S("b"); CONF_BEGIN(A(a), A(b)); CONF_VOID(PyUnicode_Contains(a, b)); }
D(PyUnicode_CopyCharacters) { PyObject *to = PyUnicode_New(3, 0x3b1), *from = S("xyz"); CONF_BEGIN(A(to), A(from)); CONF_VOID(PyUnicode_CopyCharacters(to, 0, from, 0, 3)); }
D(PyUnicode_Count) { PyObject *a = S("abc"), *b = S("b"); CONF_BEGIN(A(a), A(b)); CONF_VOID(PyUnicode_Count(a, b, 0, 3)); }
D(PyUnicode_DATA) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_DATA(s)); }
D(PyUnicode_Decode) { CONF_BEGIN0(); CONF_RET(PyUnicode_Decode("abc", 3, "utf-8", NULL)); }
D(PyUnicode_DecodeASCII) { CONF_BEGIN0(); CONF_RET(PyUnicode_DecodeASCII("abc", 3, NULL)); }
D(PyUnicode_DecodeFSDefault) { CONF_BEGIN0(); CONF_RET(PyUnicode_DecodeFSDefault("conf/path")); }
D(PyUnicode_DecodeFSDefaultAndSize) { CONF_BEGIN0(); CONF_RET(PyUnicode_DecodeFSDefaultAndSize("conf/path", 4)); }
D(PyUnicode_DecodeLatin1) { CONF_BEGIN0(); CONF_RET(PyUnicode_DecodeLatin1("abc", 3, NULL)); }
D(PyUnicode_DecodeLocale) { CONF_BEGIN0(); CONF_RET(PyUnicode_DecodeLocale("abc", NULL)); }
D(PyUnicode_DecodeLocaleAndSize) { CONF_BEGIN0(); CONF_RET(PyUnicode_DecodeLocaleAndSize("abc", 2, NULL)); }
D(PyUnicode_DecodeUTF8) { CONF_BEGIN0(); CONF_RET(PyUnicode_DecodeUTF8("abc", 3, NULL)); }
D(PyUnicode_DecodeUTF8Stateful) { Py_ssize_t used = 0; CONF_BEGIN0(); CONF_RET(PyUnicode_DecodeUTF8Stateful("ab\xc3", 3, NULL, &used)); }
D(PyUnicode_EncodeFSDefault) { PyObject *s = S("conf/path"); CONF_BEGIN(A(s)); CONF_RET(PyUnicode_EncodeFSDefault(s)); }
D(PyUnicode_EncodeLocale) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_RET(PyUnicode_EncodeLocale(s, NULL)); }
D(PyUnicode_FSConverter) { PyObject *s = S("conf/path"), *r = NULL; CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_FSConverter(s, &r)); }
D(PyUnicode_FSDecoder) { PyObject *s = B("conf/path"), *r = NULL; CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_FSDecoder(s, &r)); }
D(PyUnicode_Fill) { PyObject *s = PyUnicode_New(3, 127); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_Fill(s, 0, 3, 'x')); }
D(PyUnicode_Find) { PyObject *a = S("abc"), *b = S("b"); CONF_BEGIN(A(a), A(b)); CONF_VOID(PyUnicode_Find(a, b, 0, 3, 1)); }
D(PyUnicode_FindChar) { PyObject *a = S("abc"); CONF_BEGIN(A(a)); CONF_VOID(PyUnicode_FindChar(a, 'b', 0, 3, 1)); }
BINARY_NUM(PyUnicode_Format, S("%s"), BV("(f)", 1.5))
D(PyUnicode_FromEncodedObject) { PyObject *b = B("abc"); CONF_BEGIN(A(b)); CONF_RET(PyUnicode_FromEncodedObject(b, "utf-8", NULL)); }
D(PyUnicode_FromFormat) { CONF_BEGIN0(); CONF_RET(PyUnicode_FromFormat("%d", 5)); }
D(PyUnicode_FromFormatV) { CONF_BEGIN0(); CONF_RET(conf_va_format("%d", 5)); }
D(PyUnicode_FromKindAndData) { static const Py_UCS4 data[] = {'a', 'b'}; CONF_BEGIN0(); CONF_RET(PyUnicode_FromKindAndData(4, data, 2)); }
UNARY_NUM(PyUnicode_FromObject, S("abc"))
D(PyUnicode_FromString) { CONF_BEGIN0(); CONF_RET(PyUnicode_FromString("abc")); }
D(PyUnicode_FromStringAndSize) { CONF_BEGIN0(); CONF_RET(PyUnicode_FromStringAndSize("abc", 2)); }
D(PyUnicode_FromWideChar) { CONF_BEGIN0(); CONF_RET(PyUnicode_FromWideChar(L"abc", 3)); }
D(PyUnicode_GET_LENGTH) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_GET_LENGTH(s)); }
D(PyUnicode_GetLength) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_GetLength(s)); }
D(PyUnicode_InternFromString) { CONF_BEGIN0(); CONF_RET(PyUnicode_InternFromString("conf-interned")); }
D(PyUnicode_InternInPlace) { PyObject *s = S("conf-in-place"); CONF_BEGIN(OUTP(&s)); CONF_VOID(PyUnicode_InternInPlace(&s)); }
BINARY_NUM(PyUnicode_Join, S(","), BV("[ss]", "a", "b"))
D(PyUnicode_KIND) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_KIND(s)); }
D(PyUnicode_MAX_CHAR_VALUE) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_MAX_CHAR_VALUE(s)); }
D(PyUnicode_New) { CONF_BEGIN0(); CONF_RET(PyUnicode_New(3, 0x3b1)); }
D(PyUnicode_READ) { PyObject *s = S("abc"); CONF_BEGIN0(); CONF_VOID(PyUnicode_READ(PyUnicode_KIND(s), PyUnicode_DATA(s), 1)); }
D(PyUnicode_READY) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_READY(s)); }
D(PyUnicode_READ_CHAR) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_READ_CHAR(s, 1)); }
D(PyUnicode_ReadChar) { PyObject *s = S("abc"); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_ReadChar(s, 1)); }
D(PyUnicode_Replace) { PyObject *a = S("abc"), *b = S("b"), *c = S("x"); CONF_BEGIN(A(a), A(b), A(c)); CONF_RET(PyUnicode_Replace(a, b, c, -1)); }
D(PyUnicode_RichCompare) { PyObject *a = S("a"), *b = S("b"); CONF_BEGIN(A(a), A(b)); CONF_RET(PyUnicode_RichCompare(a, b, Py_LT)); }
D(PyUnicode_Split) { PyObject *a = S("a,b"), *b = S(","); CONF_BEGIN(A(a), A(b)); CONF_RET(PyUnicode_Split(a, b, -1)); }
D(PyUnicode_Splitlines) { PyObject *s = S("a\nb"); CONF_BEGIN(A(s)); CONF_RET(PyUnicode_Splitlines(s, 0)); }
D(PyUnicode_Substring) { PyObject *a = S("abc"); CONF_BEGIN(A(a)); CONF_RET(PyUnicode_Substring(a, 1, 2)); }
D(PyUnicode_Tailmatch) { PyObject *a = S("abc"), *b = S("c"); CONF_BEGIN(A(a), A(b)); CONF_VOID(PyUnicode_Tailmatch(a, b, 0, 3, 1)); }
D(PyUnicode_WRITE) { PyObject *s = PyUnicode_New(3, 127); CONF_BEGIN0(); CONF_VOID(PyUnicode_WRITE(PyUnicode_KIND(s), PyUnicode_DATA(s), 1, 'q')); }
D(PyUnicode_WriteChar) { PyObject *s = PyUnicode_New(3, 127); CONF_BEGIN(A(s)); CONF_VOID(PyUnicode_WriteChar(s, 0, 'w')); }
D(PyWeakref_Check) { PyObject *m = MOD(), *r = PyWeakref_NewRef(m, NULL); CONF_BEGIN0(); CONF_VOID(PyWeakref_Check(r)); }
D(PyWeakref_CheckProxy) { PyObject *m = MOD(), *r = PyWeakref_NewProxy(m, NULL); CONF_BEGIN0(); CONF_VOID(PyWeakref_CheckProxy(r)); }
D(PyWeakref_CheckRef) { PyObject *m = MOD(), *r = PyWeakref_NewRef(m, NULL); CONF_BEGIN0(); CONF_VOID(PyWeakref_CheckRef(r)); }
D(PyWeakref_GET_OBJECT) { PyObject *m = MOD(), *r = PyWeakref_NewRef(m, NULL); CONF_BEGIN(A(r)); CONF_RET(PyWeakref_GET_OBJECT(r)); }
D(PyWeakref_GetObject) { PyObject *m = MOD(), *r = PyWeakref_NewRef(m, NULL); CONF_BEGIN(A(r)); CONF_RET(PyWeakref_GetObject(r)); }
D(PyWeakref_GetRef) { PyObject *m = MOD(), *r = PyWeakref_NewRef(m, NULL), *o = NULL; CONF_BEGIN(A(r), OUTP(&o)); CONF_VOID(PyWeakref_GetRef(r, &o)); }
D(PyWeakref_NewProxy) { PyObject *m = MOD(), *cb = PyCFunction_New(&conf_noargs_def, NULL); CONF_BEGIN(A(m), A(cb)); CONF_RET(PyWeakref_NewProxy(m, cb)); }
D(PyWeakref_NewRef) { PyObject *m = MOD(), *cb = PyCFunction_New(&conf_noargs_def, NULL); CONF_BEGIN(A(m), A(cb)); CONF_RET(PyWeakref_NewRef(m, cb)); }
D(Py_AtExit) { CONF_BEGIN0(); CONF_VOID(Py_AtExit(conf_atexit)); }
D(Py_BuildValue) { CONF_BEGIN0(); CONF_RET(Py_BuildValue("(ff)", 1.5, 2.5)); }
D(Py_CLEAR) { PyObject *o = F(); CONF_BEGIN(A(o)); CONF_STMT(Py_CLEAR(o)); }
D(Py_DECREF) { PyObject *o = F(); Py_INCREF(o); CONF_BEGIN(A(o)); CONF_VOID(Py_DECREF(o)); }
D(Py_GetBuildInfo) { CONF_BEGIN0(); CONF_VOID(Py_GetBuildInfo()); }
D(Py_GetCompiler) { CONF_BEGIN0(); CONF_VOID(Py_GetCompiler()); }
D(Py_GetCopyright) { CONF_BEGIN0(); CONF_VOID(Py_GetCopyright()); }
D(Py_GetPlatform) { CONF_BEGIN0(); CONF_VOID(Py_GetPlatform()); }
D(Py_GetVersion) { CONF_BEGIN0(); CONF_VOID(Py_GetVersion()); }
D(Py_INCREF) { PyObject *o = F(); CONF_BEGIN(A(o)); CONF_VOID(Py_INCREF(o)); }
D(Py_Initialize) { CONF_BEGIN0(); CONF_VOID(Py_Initialize()); }
D(Py_IsInitialized) { CONF_BEGIN0(); CONF_VOID(Py_IsInitialized()); }
D(Py_NewRef) { PyObject *o = F(); CONF_BEGIN(A(o)); CONF_VOID(Py_NewRef(o)); }
D(Py_ReprEnter) { PyObject *o = F(); CONF_BEGIN(A(o)); CONF_VOID(Py_ReprEnter(o)); Py_ReprLeave(o); }
D(Py_ReprLeave) { PyObject *o = F(); Py_ReprEnter(o); CONF_BEGIN(A(o)); CONF_VOID(Py_ReprLeave(o)); }
D(Py_TYPE) { PyObject *o = F(); CONF_BEGIN(A(o)); CONF_RET(Py_TYPE(o)); }
D(Py_VaBuildValue) { CONF_BEGIN0(); CONF_RET(conf_va_build("(ff)", 1.5, 2.5)); }
D(Py_XDECREF) { PyObject *o = F(); Py_INCREF(o); CONF_BEGIN(A(o)); CONF_VOID(Py_XDECREF(o)); }
D(Py_XINCREF) { PyObject *o = F(); CONF_BEGIN(A(o)); CONF_VOID(Py_XINCREF(o)); }
D(Py_XNewRef) { PyObject *o = F(); CONF_BEGIN(A(o)); CONF_VOID(Py_XNewRef(o)); }
D(_PyBytes_Resize) { PyObject *b = PyBytes_FromStringAndSize(NULL, 4); CONF_BEGIN(OUTP(&b)); CONF_VOID(_PyBytes_Resize(&b, 2)); }
D(_PyObject_New) { CONF_BEGIN(A(&ConfPlain_Type)); CONF_RET(_PyObject_New(&ConfPlain_Type)); }
D(_PyObject_NewVar) { CONF_BEGIN(A(&ConfPlain_Type)); CONF_RET(_PyObject_NewVar(&ConfPlain_Type, 2)); }
D(_PyTuple_Resize) { PyObject *t = PyTuple_New(3); CONF_BEGIN(OUTP(&t)); CONF_VOID(_PyTuple_Resize(&t, 1)); }
D(_Py_c_diff) { Py_complex a = {1.0, 2.0}; CONF_BEGIN0(); CONF_VOID(_Py_c_diff(a, a)); }
D(_Py_c_neg) { Py_complex a = {1.0, 2.0}; CONF_BEGIN0(); CONF_VOID(_Py_c_neg(a)); }
D(_Py_c_pow) { Py_complex a = {1.0, 2.0}; CONF_BEGIN0(); CONF_VOID(_Py_c_pow(a, a)); }
D(_Py_c_prod) { Py_complex a = {1.0, 2.0}; CONF_BEGIN0(); CONF_VOID(_Py_c_prod(a, a)); }
D(_Py_c_quot) { Py_complex a = {1.0, 2.0}; CONF_BEGIN0(); CONF_VOID(_Py_c_quot(a, a)); }
D(_Py_c_sum) { Py_complex a = {1.0, 2.0}; CONF_BEGIN0(); CONF_VOID(_Py_c_sum(a, a)); }

D(PyDescr_IsData) { PyObject *d = PyDescr_NewGetSet(&ConfPlain_Type, &conf_getset_def); CONF_BEGIN(A(d)); CONF_VOID(PyDescr_IsData(d)); }
D(PyObject_CheckReadBuffer) { PyObject *b = B("x"); CONF_BEGIN(A(b)); CONF_VOID(PyObject_CheckReadBuffer(b)); }
/* The character database (no object arguments). */
D(Py_UNICODE_ISALNUM) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISALNUM(0x3000)); }
D(Py_UNICODE_ISALPHA) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISALPHA(0x3000)); }
D(Py_UNICODE_ISSPACE) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISSPACE(0x3000)); }
D(Py_UNICODE_ISLOWER) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISLOWER(0x3000)); }
D(Py_UNICODE_ISUPPER) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISUPPER(0x3000)); }
D(Py_UNICODE_ISTITLE) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISTITLE(0x3000)); }
D(Py_UNICODE_ISLINEBREAK) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISLINEBREAK(0x3000)); }
D(Py_UNICODE_ISDECIMAL) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISDECIMAL(0x3000)); }
D(Py_UNICODE_ISDIGIT) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISDIGIT(0x3000)); }
D(Py_UNICODE_ISNUMERIC) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISNUMERIC(0x3000)); }
D(Py_UNICODE_ISPRINTABLE) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_ISPRINTABLE(0x3000)); }
D(Py_UNICODE_TOLOWER) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_TOLOWER(0x3000)); }
D(Py_UNICODE_TOUPPER) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_TOUPPER(0x3000)); }
D(Py_UNICODE_TOTITLE) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_TOTITLE(0x3000)); }
D(Py_UNICODE_TODECIMAL) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_TODECIMAL(0x3000)); }
D(Py_UNICODE_TODIGIT) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_TODIGIT(0x3000)); }
D(Py_UNICODE_TONUMERIC) { CONF_BEGIN0(); CONF_VOID(Py_UNICODE_TONUMERIC(0x3000)); }

#endif
