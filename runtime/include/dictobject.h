/* dictobject.h — dict, insertion-ordered (runtime/dictobject.c).
 *
 * A dict owns its keys and values. The GetItem family, with CPython's exact semantics:
 *  - PyDict_GetItem, PyDict_GetItemString: borrowed or NULL; they never raise — errors of hashing
 *    or comparing are swallowed and an exception set before the call is kept;
 *  - PyDict_GetItemWithError: borrowed, or NULL with an exception set, or NULL without one (absent);
 *  - PyDict_GetItemRef, PyDict_GetItemStringRef: 1 with *result a new reference, 0 (absent, *result
 *    NULL), -1 with an exception set;
 *  - PyDict_SetDefault: borrowed; PyDict_SetDefaultRef: like GetItemRef with a new reference;
 *  - PyDict_Next: borrowed key and value; the dict must not change size meanwhile.
 * PyDict_SetItem never steals (it takes new references to key and value).
 */
#ifndef Py_DICTOBJECT_H
#define Py_DICTOBJECT_H

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _rt_dict_entry _rt_dict_entry;
typedef struct {
  PyObject_HEAD
  Py_ssize_t ma_used;              /* live entries */
  uint64_t ma_version_tag;         /* changes at every mutation */
  _rt_dict_entry *ma_entries;      /* PyMem block: entries in insertion order (deleted: key NULL) */
  Py_ssize_t ma_nentries;          /* entries used, deleted ones included */
  Py_ssize_t ma_capacity;          /* entries allocated */
  Py_ssize_t *ma_index;            /* PyMem block: open-addressing table of entry numbers */
  Py_ssize_t ma_index_size;        /* a power of two, or 0 */
} PyDictObject;

PyAPI_DATA(PyTypeObject) PyDict_Type;
PyAPI_DATA(PyTypeObject) PyDictIterKey_Type;
PyAPI_DATA(PyTypeObject) PyDictIterValue_Type;
PyAPI_DATA(PyTypeObject) PyDictIterItem_Type;
#define PyDict_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_DICT_SUBCLASS)
#define PyDict_CheckExact(op) Py_IS_TYPE((op), &PyDict_Type)
#define PyDict_GET_SIZE(op) (((PyDictObject *)(op))->ma_used)

PyAPI_FUNC(PyObject *) PyDict_New(void);
PyAPI_FUNC(PyObject *) PyDict_GetItem(PyObject *mp, PyObject *key);
PyAPI_FUNC(PyObject *) PyDict_GetItemWithError(PyObject *mp, PyObject *key);
/* 3.11's private pop: a new reference to the removed value, deflt, or NULL (KeyError). */
PyAPI_FUNC(PyObject *) _PyDict_Pop(PyObject *dict, PyObject *key, PyObject *deflt);
PyAPI_FUNC(PyObject *) PyDict_GetItemString(PyObject *dp, const char *key);
PyAPI_FUNC(PyObject *) _PyDict_GetItemStringWithError(PyObject *dp, const char *key);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyDict_GetItemRef(PyObject *mp, PyObject *key, PyObject **result);
PyAPI_FUNC(int) PyDict_GetItemStringRef(PyObject *mp, const char *key, PyObject **result);
#endif
PyAPI_FUNC(int) PyDict_SetItem(PyObject *mp, PyObject *key, PyObject *item);
PyAPI_FUNC(int) PyDict_SetItemString(PyObject *dp, const char *key, PyObject *item);
PyAPI_FUNC(int) PyDict_DelItem(PyObject *mp, PyObject *key);
PyAPI_FUNC(int) PyDict_DelItemString(PyObject *dp, const char *key);
PyAPI_FUNC(PyObject *) PyDict_SetDefault(PyObject *mp, PyObject *key, PyObject *defaultobj);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyDict_SetDefaultRef(PyObject *mp, PyObject *key, PyObject *default_value,
                                     PyObject **result);
PyAPI_FUNC(int) PyDict_Pop(PyObject *dict, PyObject *key, PyObject **result);
PyAPI_FUNC(int) PyDict_PopString(PyObject *dict, const char *key, PyObject **result);
#endif
PyAPI_FUNC(void) PyDict_Clear(PyObject *mp);
PyAPI_FUNC(int) PyDict_Next(PyObject *mp, Py_ssize_t *pos, PyObject **key, PyObject **value);
PyAPI_FUNC(PyObject *) PyDict_Keys(PyObject *mp);     /* new list */
PyAPI_FUNC(PyObject *) PyDict_Values(PyObject *mp);   /* new list */
PyAPI_FUNC(PyObject *) PyDict_Items(PyObject *mp);    /* new list of (key, value) tuples */
PyAPI_FUNC(Py_ssize_t) PyDict_Size(PyObject *mp);
PyAPI_FUNC(PyObject *) PyDict_Copy(PyObject *mp);
PyAPI_FUNC(int) PyDict_Contains(PyObject *mp, PyObject *key);
#ifdef _RT_NEWER_API   /* CPython 3.12+ */
PyAPI_FUNC(int) PyDict_ContainsString(PyObject *mp, const char *key);
#endif
PyAPI_FUNC(int) PyDict_Update(PyObject *mp, PyObject *other);
PyAPI_FUNC(int) PyDict_Merge(PyObject *mp, PyObject *other, int override);
PyAPI_FUNC(int) PyDict_MergeFromSeq2(PyObject *d, PyObject *seq2, int override);

#ifdef __cplusplus
}
#endif
#endif /* Py_DICTOBJECT_H */
