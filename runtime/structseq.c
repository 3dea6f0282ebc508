/* structseq.c — struct sequences, as CPython's Objects/structseq.c: tuple subtypes with named,
 * read-only fields, some of which may be hidden from the tuple (n_in_sequence < n_fields).
 *
 * Owns: an instance owns all n_fields items (visible or not; NULL until set); the type records
 * n_sequence_fields, n_fields and n_unnamed_fields in its dict, as CPython. A type's member table
 * lives in a bytes object the static registry holds (a readied static type is immortal; a heap
 * type's table is small and kept too), so the leak check sees no block without an owner.
 */
#include "rt_capi.h"

#include <string.h>

const char *const PyStructSequence_UnnamedField = "unnamed field";

/* A count the type's dict records; -1 with an exception when missing. */
static Py_ssize_t type_count(PyTypeObject *type, const char *key)
{
  PyObject *v = type->tp_dict != NULL ? rt_dict_get_cstr(type->tp_dict, key) : NULL;
  if (v == NULL) {
    PyErr_Format(PyExc_TypeError, "Missed attribute '%s' of type %s", key, type->tp_name);
    return -1;
  }
  return PyLong_AsSsize_t(v);
}

#define REAL_SIZE(op) type_count(Py_TYPE(op), "n_fields")

PyObject *PyStructSequence_New(PyTypeObject *type)
{
  Py_ssize_t size = type_count(type, "n_fields"), vsize;
  if (size < 0 || (vsize = type_count(type, "n_sequence_fields")) < 0) return NULL;
  PyStructSequence *obj = (PyStructSequence *)_PyObject_GC_NewVar(type, size);
  if (obj == NULL) return NULL;
  Py_SET_SIZE(obj, vsize);   /* the hidden fields are not part of the tuple */
  for (Py_ssize_t i = 0; i < size; i++) obj->ob_item[i] = NULL;
  return (PyObject *)obj;
}

void PyStructSequence_SetItem(PyObject *p, Py_ssize_t pos, PyObject *o)
{
  PyStructSequence_SET_ITEM(p, pos, o);
}

PyObject *PyStructSequence_GetItem(PyObject *p, Py_ssize_t pos)
{
  return PyStructSequence_GET_ITEM(p, pos);
}

/* --- the instances' slots ------------------------------------------------------------------------*/
static void structseq_dealloc(PyObject *op)
{
  PyTypeObject *tp = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  Py_ssize_t size = REAL_SIZE(op);
  if (size < 0) {   /* the type's dict lost its count: release the visible ones */
    PyErr_Clear();
    size = Py_SIZE(op);
  }
  for (Py_ssize_t i = 0; i < size; i++) Py_XDECREF(((PyStructSequence *)op)->ob_item[i]);
  PyObject_GC_Del(op);
  if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF((PyObject *)tp);
}

static int structseq_traverse(PyObject *op, visitproc visit, void *arg)
{
  if (Py_TYPE(op)->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_VISIT((PyObject *)Py_TYPE(op));
  Py_ssize_t size = REAL_SIZE(op);
  if (size < 0) return -1;
  for (Py_ssize_t i = 0; i < size; i++) Py_VISIT(((PyStructSequence *)op)->ob_item[i]);
  return 0;
}

/* "name(field=repr, ...)" over the visible fields. */
static PyObject *structseq_repr(PyObject *op)
{
  PyTypeObject *type = Py_TYPE(op);
  RtBuf b = {0};
  rt_buf_adds(&b, type->tp_name);
  rt_buf_adds(&b, "(");
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
    PyObject *r = PyObject_Repr(PyStructSequence_GET_ITEM(op, i));
    if (r == NULL) {
      rt_buf_release(&b);
      return NULL;
    }
    const char *name = type->tp_members[i].name;
    rt_buf_addf(&b, "%s%s=%s", i > 0 ? ", " : "", name != NULL ? name : "?", PyUnicode_AsUTF8(r));
    Py_DECREF(r);
  }
  rt_buf_adds(&b, ")");
  return rt_buf_finish_str(&b);
}

/* type(sequence[, dict]): the visible fields from the sequence, the others from dict or None. */
static PyObject *structseq_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = {(char *)"sequence", (char *)"dict", NULL};
  PyObject *arg, *dict = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:structseq", kwlist, &arg, &dict)) return NULL;
  Py_ssize_t min_len = type_count(type, "n_sequence_fields"), max_len = type_count(type, "n_fields");
  Py_ssize_t n_unnamed = type_count(type, "n_unnamed_fields");
  if (min_len < 0 || max_len < 0 || n_unnamed < 0) return NULL;
  PyObject *seq = PySequence_Fast(arg, "constructor requires a sequence");
  if (seq == NULL) return NULL;
  if (dict == Py_None) dict = NULL;
  if (dict != NULL && !PyDict_Check(dict)) {
    Py_DECREF(seq);
    return rt_type_error("%.500s() takes a dict as second arg, if any", type->tp_name);
  }
  Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
  if (len < min_len || len > max_len) {
    if (min_len == max_len)
      PyErr_Format(PyExc_TypeError, "%.500s() takes a %zd-sequence (%zd-sequence given)",
                   type->tp_name, min_len, len);
    else if (len < min_len)
      PyErr_Format(PyExc_TypeError, "%.500s() takes an at least %zd-sequence (%zd-sequence given)",
                   type->tp_name, min_len, len);
    else
      PyErr_Format(PyExc_TypeError, "%.500s() takes an at most %zd-sequence (%zd-sequence given)",
                   type->tp_name, max_len, len);
    Py_DECREF(seq);
    return NULL;
  }
  PyObject *res = PyStructSequence_New(type);
  for (Py_ssize_t i = 0; res != NULL && i < max_len; i++) {
    PyObject *v = NULL;
    if (i < len) v = PySequence_Fast_GET_ITEM(seq, i);
    else if (dict != NULL) v = rt_dict_get_cstr(dict, type->tp_members[i - n_unnamed].name);
    PyStructSequence_SET_ITEM(res, i, Py_NewRef(v != NULL ? v : Py_None));
  }
  Py_DECREF(seq);
  return res;
}

/* --- building the types --------------------------------------------------------------------------*/
static Py_ssize_t count_fields(PyStructSequence_Desc *desc, Py_ssize_t *n_unnamed)
{
  Py_ssize_t n = 0;
  *n_unnamed = 0;
  for (; desc->fields[n].name != NULL; n++)
    if (desc->fields[n].name == PyStructSequence_UnnamedField) (*n_unnamed)++;
  return n;
}

/* The member table of desc's named fields, in a bytes object the static registry holds
 * (borrowed pointer into it), or NULL with an exception. */
static PyMemberDef *make_members(PyStructSequence_Desc *desc, Py_ssize_t n_fields,
                                 Py_ssize_t n_unnamed)
{
  Py_ssize_t n = n_fields - n_unnamed + 1;
  PyObject *store = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(PyMemberDef));
  if (store == NULL) return NULL;
  PyMemberDef *members = (PyMemberDef *)(void *)PyBytes_AS_STRING(store);
  if (rt_static_hold(store) < 0) return NULL;
  Py_ssize_t k = 0;
  for (Py_ssize_t i = 0; i < n_fields; i++) {
    if (desc->fields[i].name == PyStructSequence_UnnamedField) continue;
    members[k].name = desc->fields[i].name;
    members[k].type = _Py_T_OBJECT;   /* None for an unset (NULL) field */
    members[k].offset =
        (Py_ssize_t)(offsetof(PyStructSequence, ob_item) + (size_t)i * sizeof(PyObject *));
    members[k].flags = Py_READONLY;
    members[k].doc = desc->fields[i].doc;
    k++;
  }
  memset(&members[k], 0, sizeof(PyMemberDef));
  return members;
}

/* Records the three counts in the readied type's dict. */
static int set_counts(PyTypeObject *type, PyStructSequence_Desc *desc, Py_ssize_t n_fields,
                      Py_ssize_t n_unnamed)
{
  const char *keys[3] = {"n_sequence_fields", "n_fields", "n_unnamed_fields"};
  Py_ssize_t values[3] = {desc->n_in_sequence, n_fields, n_unnamed};
  for (int i = 0; i < 3; i++) {
    PyObject *v = PyLong_FromSsize_t(values[i]);
    int rc = v != NULL ? PyDict_SetItemString(type->tp_dict, keys[i], v) : -1;
    Py_XDECREF(v);
    if (rc < 0) return -1;
  }
  return 0;
}

int PyStructSequence_InitType2(PyTypeObject *type, PyStructSequence_Desc *desc)
{
  if (type == NULL || desc == NULL || Py_REFCNT(type) != 0 || (type->tp_flags & Py_TPFLAGS_READY)) {
    rt_bad_internal_call();   /* CPython: an initialised type cannot be initialised again */
    return -1;
  }
  Py_ssize_t n_unnamed, n_fields = count_fields(desc, &n_unnamed);
  if (desc->n_in_sequence < 0 || desc->n_in_sequence > n_fields) {
    rt_bad_internal_call();
    return -1;
  }
  PyMemberDef *members = make_members(desc, n_fields, n_unnamed);
  if (members == NULL) return -1;
  Py_SET_REFCNT(type, 1);
  Py_SET_TYPE(type, &PyType_Type);
  type->tp_name = desc->name;
  type->tp_basicsize = (Py_ssize_t)(sizeof(PyStructSequence) - sizeof(PyObject *));
  type->tp_itemsize = (Py_ssize_t)sizeof(PyObject *);
  type->tp_dealloc = structseq_dealloc;
  type->tp_repr = structseq_repr;
  type->tp_doc = desc->doc;
  type->tp_base = &PyTuple_Type;
  type->tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;
  type->tp_traverse = structseq_traverse;
  type->tp_members = members;
  type->tp_new = structseq_new;
  type->tp_free = PyObject_GC_Del;
  if (PyType_Ready(type) < 0) {
    Py_SET_REFCNT(type, 0);
    return -1;
  }
  return set_counts(type, desc, n_fields, n_unnamed);
}

void PyStructSequence_InitType(PyTypeObject *type, PyStructSequence_Desc *desc)
{
  (void)PyStructSequence_InitType2(type, desc);
}

PyTypeObject *PyStructSequence_NewType(PyStructSequence_Desc *desc)
{
  if (desc == NULL) return (PyTypeObject *)rt_bad_internal_call();
  Py_ssize_t n_unnamed, n_fields = count_fields(desc, &n_unnamed);
  PyMemberDef *members = make_members(desc, n_fields, n_unnamed);
  if (members == NULL) return NULL;
  PyType_Slot slots[] = {
      {Py_tp_dealloc, (void *)structseq_dealloc},
      {Py_tp_repr, (void *)structseq_repr},
      {Py_tp_doc, (void *)desc->doc},
      {Py_tp_members, members},
      {Py_tp_new, (void *)structseq_new},
      {Py_tp_traverse, (void *)structseq_traverse},
      {0, NULL},
  };
  PyType_Spec spec = {desc->name, (int)(sizeof(PyStructSequence) - sizeof(PyObject *)),
                      (int)sizeof(PyObject *), Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, slots};
  PyObject *bases = PyTuple_Pack(1, (PyObject *)&PyTuple_Type);
  if (bases == NULL) return NULL;
  PyObject *type = PyType_FromSpecWithBases(&spec, bases);
  Py_DECREF(bases);
  if (type == NULL) return NULL;
  if (set_counts((PyTypeObject *)type, desc, n_fields, n_unnamed) < 0) {
    Py_DECREF(type);
    return NULL;
  }
  return (PyTypeObject *)type;
}
