/* rt_capi.h — internals shared by the C-API files of the runtime (not installed).
 *
 * The C-API files (errors.c, exceptions.c, typeobject.c, typespec.c, descrobject.c,
 * methodobject.c, moduleobject.c, the <type>object.c files, abstract.c, call.c, getargs.c,
 * buildvalue.c, modsupport.c, interp.c, ...) sit on top of the core (rt_internal.h). What they
 * share:
 *  - the interpreter state (interp.c): the registry that owns the dicts and tuples of static types,
 *    the module registry (sys.modules), and rt_interp_init(), which readies every built-in type
 *    before the first check window opens, so nothing the runtime creates for itself is a leak;
 *  - error helpers: CPython's standard messages for misuse (SystemError for a NULL or a wrong type
 *    where the real API rejects it), raised through the real indicator;
 *  - fast paths between types that do not allocate (a dict lookup by a C string, str equality).
 *
 * Invariants:
 *  - every object the runtime creates goes through the families (PyObject_Malloc, PyMem_Malloc,
 *    the GC allocator), so fault injection and the leak check cover it; no free lists;
 *  - a function that fails leaves an exception set and releases what it took;
 *  - the runtime calls allocation functions by their parenthesised names or the _Py* functions,
 *    never through the site-capturing macros, so the caller's site stays with the object.
 */
#ifndef RT_CAPI_H
#define RT_CAPI_H

#include <stdarg.h>
#include "rt_internal.h"

/* --- interp.c ------------------------------------------------------------------------------------*/
/* Readies the built-in types and creates the registries; 0, or -1 (out of memory). Idempotent. */
int rt_interp_init(void);
/* The static-object registry takes o (steals the reference): o lives as long as the runtime and
 * the leak check sees it held by older state. 0, or -1 with MemoryError (o released). */
int rt_static_hold(PyObject *o);
/* sys.modules: a dict from name to module (borrowed; NULL before rt_interp_init). */
PyObject *rt_modules_dict(void);
/* The sys module's namespace (borrowed; NULL before rt_interp_init), filled by rt_sys_fill
 * (import.c). */
PyObject *rt_sys_dict(void);
int rt_sys_fill(PyObject *d, PyObject *modules);
/* Calls fn for every built-in static type (the exception classes included). */
void rt_static_types_each(void (*fn)(PyTypeObject *type, void *ctx), void *ctx);

/* --- pystate.c -----------------------------------------------------------------------------------*/
/* Registers a single-phase module under its definition's index (PyState_FindModule finds it);
 * 0, or -1 with an exception (SystemError for a multi-phase definition). */
int rt_state_add_module(PyObject *module, PyModuleDef *def);
/* Runs the Py_AtExit functions, last registered first, once (from Py_FinalizeEx). */
void rt_atexit_run(void);

/* --- unicodeobject.c / unicodekind.c: str storage (UTF-8 and the PEP 393 view) --------------------*/
/* A str block for capacity UTF-8 bytes and length code points of PEP 393 kind (0: ASCII, the
 * UTF-8 is the data; 1, 2, 4: an area after it); zeroed, flags set for ASCII or not. */
PyObject *rt_str_alloc(Py_ssize_t capacity, Py_ssize_t length, int kind);
/* The kind for code points up to maxchar: 0 (ASCII), 1, 2 or 4. */
int rt_kind_of(Py_UCS4 maxchar);
/* Decodes a (non-ASCII) str's UTF-8 into its code points area. */
void rt_str_fill_kdata(PyObject *op);
/* Re-encodes the UTF-8 of a PyUnicode_New str from its code points (kmaster). */
void rt_unicode_sync(PyObject *op);
/* UTF-8 bytes of code point c (1 to 4). */
int rt_utf8_size(Py_UCS4 c);
#define RT_STR_READY(op)                                                                           \
  do {                                                                                             \
    if (((PyUnicodeObject *)(op))->kmaster) rt_unicode_sync((PyObject *)(op));                     \
  } while (0)

/* --- floatobject.c -------------------------------------------------------------------------------*/
/* CPython's repr of a double into buf (at least RT_DOUBLE_REPR_SIZE bytes): the shortest digits
 * that read back to v; add_dot_0 appends ".0" to integral values (float's repr, not complex's). */
#define RT_DOUBLE_REPR_SIZE 40
void rt_double_repr(double v, int add_dot_0, char *buf);

/* --- errors.c ------------------------------------------------------------------------------------*/
/* The current exception (borrowed) or NULL. */
PyObject *rt_err_current(void);
/* The handled exception (borrowed) or NULL. */
PyObject *rt_err_handled(void);
/* SystemError("null argument to internal routine") unless an exception is set; returns NULL. */
PyObject *rt_null_error(void);
/* SystemError("bad argument to internal function"), with the runtime's file and line; NULL. */
PyObject *rt_bad_internal_call(void);
/* TypeError formatted as PyErr_Format does; returns NULL. */
PyObject *rt_type_error(const char *fmt, ...);
/* _Py_CheckFunctionResult: result NULL without an exception, or non-NULL with one, becomes
 * SystemError naming callable (or where). Consumes result; returns it or NULL. */
PyObject *rt_check_result(PyObject *callable, PyObject *result, const char *where);

/* --- exceptions.c --------------------------------------------------------------------------------*/
/* The preallocated MemoryError instance PyErr_NoMemory raises (static, never freed). */
PyObject *rt_memory_error_instance(void);
/* Whether op is that instance (its count reaching zero is a defect, not a free). */
int rt_is_static_exception(const void *op);
/* A new instance of the exception class type for value (borrowed): NULL → type(), a tuple →
 * type(*value), an instance of type → value itself, anything else → type(value). */
PyObject *rt_exc_create(PyObject *type, PyObject *value);

/* --- typeobject.c --------------------------------------------------------------------------------*/
/* The short name of a type (after the last dot of tp_name). */
const char *rt_type_name(PyTypeObject *type);
/* Looks name up in type's dict and its bases' (borrowed, or NULL without an exception). */
PyObject *rt_type_lookup(PyTypeObject *type, PyObject *name);
/* Same by C string, without creating a str (never fails). */
PyObject *rt_type_lookup_str(PyTypeObject *type, const char *name);
/* type(name, bases, dict) for a heap type: bases a tuple (borrowed), dict borrowed (copied).
 * New reference or NULL. */
PyObject *rt_type_new_heap(const char *name, PyObject *bases, PyObject *dict);
/* tp_dealloc of heap types that have none of their own (CPython's subtype_dealloc), and the
 * tp_traverse of heap types derived from GC types (visits the type, then the base's traverse). */
void rt_subtype_dealloc(PyObject *self);
int rt_subtype_traverse(PyObject *self, visitproc visit, void *arg);
/* Adds tp_methods, tp_members and tp_getset of type to dict as descriptors; 0 or -1. */
int rt_type_add_descriptors(PyTypeObject *type, PyObject *dict);
/* Copies to type every slot it leaves NULL and base defines (CPython's inherit_slots). */
void rt_type_inherit(PyTypeObject *type, PyTypeObject *base);

/* Fill a heap type freshly allocated from PyType_Type: its names from "module.Name", and its
 * tables, base, bases (borrowed tuple) and mro. 0, or -1 with an exception (the caller releases
 * the type, whose dealloc frees what was set). */
int rt_heaptype_set_name(PyHeapTypeObject *ht, const char *name);
int rt_heaptype_set_bases(PyHeapTypeObject *ht, PyObject *bases);

/* --- exceptions.c (more) --------------------------------------------------------------------------*/
int rt_exceptions_init(void);   /* readies every exception class */
void rt_exceptions_each(void (*fn)(PyTypeObject *type, void *ctx), void *ctx);

/* --- unicodeobject.c -----------------------------------------------------------------------------*/
/* Whether a and b (both str) hold the same text. */
int rt_str_equal(PyObject *a, PyObject *b);
/* Whether str a holds the NUL-terminated UTF-8 text s. */
int rt_str_equal_cstr(PyObject *a, const char *s);
Py_hash_t rt_str_hash(PyObject *s);
/* A new str from a UTF-8 buffer known to be valid (no check). */
PyObject *rt_str_from_valid(const char *s, Py_ssize_t n);
/* str(o) or repr(o) appended to a growing buffer, for format helpers. */
typedef struct RtBuf {
  char *p;                         /* PyMem block or NULL */
  Py_ssize_t len, cap;
  int failed;                      /* an allocation or a conversion failed: exception set */
} RtBuf;
void rt_buf_add(RtBuf *b, const char *s, Py_ssize_t n);
void rt_buf_adds(RtBuf *b, const char *s);
void rt_buf_addf(RtBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends str(o) (repr when repr is 1); sets failed on error. */
void rt_buf_add_object(RtBuf *b, PyObject *o, int repr);
/* printf-style formatting into b (PyUnicode_FromFormat's codes; bytes_only refuses the object
 * codes, for PyBytes_FromFormat). 0, or -1 with an exception set and b marked failed. */
int rt_format_v(RtBuf *b, const char *format, va_list *va, int bytes_only);
/* A new str from the buffer, which is released; NULL if the buffer failed. */
PyObject *rt_buf_finish_str(RtBuf *b);
void rt_buf_release(RtBuf *b);

/* --- tupleobject.c / listobject.c ----------------------------------------------------------------*/
/* A new tuple holding new references to items[0..n). */
PyObject *rt_tuple_from_array(PyObject *const *items, Py_ssize_t n);
/* A new list holding new references to items[0..n). */
PyObject *rt_list_from_array(PyObject *const *items, Py_ssize_t n);
/* Lexicographic rich comparison of two item arrays (tuple and list); new bool or NULL. */
PyObject *rt_seq_richcompare(PyObject *const *a, Py_ssize_t na, PyObject *const *b, Py_ssize_t nb,
                             int op);

/* --- dictobject.c --------------------------------------------------------------------------------*/
/* Borrowed value for a str key given as a C string, or NULL; never fails, never allocates. */
PyObject *rt_dict_get_cstr(PyObject *d, const char *key);

/* --- longobject.c --------------------------------------------------------------------------------*/
/* A new int for sign and 64-bit magnitude. */
PyObject *rt_long_from_parts(int negative, uint64_t magnitude);

/* --- call.c --------------------------------------------------------------------------------------*/
/* Calls callable with n positional arguments (borrowed). New reference or NULL. */
PyObject *rt_call_array(PyObject *callable, PyObject *const *args, Py_ssize_t n, PyObject *kwargs);
/* Calls obj.name(*args) (borrowed). */
PyObject *rt_call_method_array(PyObject *obj, const char *name, PyObject *const *args,
                               Py_ssize_t n);

/* --- abstract.c ----------------------------------------------------------------------------------*/
/* A new list of the items of iterable (any iterable). */
PyObject *rt_list_from_iterable(PyObject *iterable);

/* --- buildvalue.c --------------------------------------------------------------------------------*/
/* The arguments of PyObject_CallFunction-style formats as a tuple: a format building a single
 * non-tuple value gives a 1-tuple. New reference or NULL. */
PyObject *rt_build_args(const char *format, va_list va);

/* --- common messages -----------------------------------------------------------------------------*/
#define RT_TYPE_NAME(o) (Py_TYPE(o)->tp_name)

#endif /* RT_CAPI_H */
