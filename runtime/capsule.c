/* capsule.c — capsules, as CPython's Objects/capsule.c. A capsule holds a C pointer (never NULL),
 * a name (borrowed: it must outlive the capsule), a context pointer and a destructor that runs
 * when the capsule dies. Getters check the name and raise ValueError, as CPython's. A capsule
 * holds no object references, so it is not a GC object. */
#include "rt_capi.h"

#include <string.h>

typedef struct {
  PyObject_HEAD
  void *pointer;
  const char *name;
  void *context;
  PyCapsule_Destructor destructor;
} Capsule;

static int name_matches(const char *a, const char *b)
{
  if (a == NULL || b == NULL) return a == b;
  return strcmp(a, b) == 0;
}

/* o is a valid capsule; else ValueError naming the invalid_capsule (the caller's verb). */
static int legal(PyObject *o, const char *what)
{
  if (o == NULL || !PyCapsule_CheckExact(o) || ((Capsule *)o)->pointer == NULL) {
    PyErr_Format(PyExc_ValueError, "%s called with invalid PyCapsule object", what);
    return 0;
  }
  return 1;
}

PyObject *PyCapsule_New(void *pointer, const char *name, PyCapsule_Destructor dtor)
{
  if (pointer == NULL) {
    PyErr_SetString(PyExc_ValueError, "PyCapsule_New called with null pointer");
    return NULL;
  }
  Capsule *c = (Capsule *)_PyObject_New(&PyCapsule_Type);
  if (c == NULL) return NULL;
  c->pointer = pointer;
  c->name = name;
  c->context = NULL;
  c->destructor = dtor;
  return (PyObject *)c;
}

int PyCapsule_IsValid(PyObject *o, const char *name)
{
  return o != NULL && PyCapsule_CheckExact(o) && ((Capsule *)o)->pointer != NULL &&
         name_matches(((Capsule *)o)->name, name);
}

void *PyCapsule_GetPointer(PyObject *o, const char *name)
{
  if (!legal(o, "PyCapsule_GetPointer")) return NULL;
  if (!name_matches(((Capsule *)o)->name, name)) {
    PyErr_SetString(PyExc_ValueError, "PyCapsule_GetPointer called with incorrect name");
    return NULL;
  }
  return ((Capsule *)o)->pointer;
}

const char *PyCapsule_GetName(PyObject *o)
{
  return legal(o, "PyCapsule_GetName") ? ((Capsule *)o)->name : NULL;
}

PyCapsule_Destructor PyCapsule_GetDestructor(PyObject *o)
{
  return legal(o, "PyCapsule_GetDestructor") ? ((Capsule *)o)->destructor : NULL;
}

void *PyCapsule_GetContext(PyObject *o)
{
  return legal(o, "PyCapsule_GetContext") ? ((Capsule *)o)->context : NULL;
}

int PyCapsule_SetPointer(PyObject *o, void *pointer)
{
  if (pointer == NULL) {
    PyErr_SetString(PyExc_ValueError, "PyCapsule_SetPointer called with null pointer");
    return -1;
  }
  if (!legal(o, "PyCapsule_SetPointer")) return -1;
  ((Capsule *)o)->pointer = pointer;
  return 0;
}

int PyCapsule_SetName(PyObject *o, const char *name)
{
  if (!legal(o, "PyCapsule_SetName")) return -1;
  ((Capsule *)o)->name = name;
  return 0;
}

int PyCapsule_SetDestructor(PyObject *o, PyCapsule_Destructor dtor)
{
  if (!legal(o, "PyCapsule_SetDestructor")) return -1;
  ((Capsule *)o)->destructor = dtor;
  return 0;
}

int PyCapsule_SetContext(PyObject *o, void *context)
{
  if (!legal(o, "PyCapsule_SetContext")) return -1;
  ((Capsule *)o)->context = context;
  return 0;
}

/* As CPython 3.11: imports the first component (a failing import becomes ImportError "could not
 * import module" unless no_block), walks the attributes, and checks the capsule's name. The copy
 * of the name comes from PyMem_Malloc, as CPython's does (a failure point of its own). */
void *PyCapsule_Import(const char *name, int no_block)
{
  size_t len = strlen(name) + 1;
  char *dup = (PyMem_Malloc)(len);
  if (dup == NULL) return PyErr_NoMemory();
  memcpy(dup, name, len);
  PyObject *object = NULL;
  void *r = NULL;
  for (char *trace = dup; trace != NULL;) {
    char *dot = strchr(trace, '.');
    if (dot != NULL) *dot++ = '\0';
    if (object == NULL) {
      object = no_block ? PyImport_ImportModuleNoBlock(trace) : PyImport_ImportModule(trace);
      if (object == NULL && !no_block)
        PyErr_Format(PyExc_ImportError, "PyCapsule_Import could not import module \"%s\"", trace);
    } else {
      Py_SETREF(object, PyObject_GetAttrString(object, trace));
    }
    if (object == NULL) goto out;
    trace = dot;
  }
  if (PyCapsule_IsValid(object, name)) r = ((Capsule *)object)->pointer;
  else PyErr_Format(PyExc_AttributeError, "PyCapsule_Import \"%s\" is not valid", name);
out:
  Py_XDECREF(object);
  (PyMem_Free)(dup);
  return r;
}

static void capsule_dealloc(PyObject *op)
{
  Capsule *c = (Capsule *)op;
  if (c->destructor != NULL) c->destructor(op);
  Py_TYPE(op)->tp_free(op);
}

static PyObject *capsule_repr(PyObject *op)
{
  Capsule *c = (Capsule *)op;
  if (c->name != NULL) return PyUnicode_FromFormat("<capsule object \"%s\" at %p>", c->name, (void *)op);
  return PyUnicode_FromFormat("<capsule object NULL at %p>", (void *)op);
}

PyTypeObject PyCapsule_Type = {
    .ob_base = {{1, &PyType_Type}, 0},
    .tp_name = "PyCapsule",
    .tp_basicsize = sizeof(Capsule),
    .tp_dealloc = capsule_dealloc,
    .tp_repr = capsule_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_free = PyObject_Free,
};
