/* rt_testtypes.h — small object types the runtime tests share: a plain object, a GC "node" with
 * one or two members (optionally with a tp_traverse that forgets its second member, a finalizer
 * that resurrects, a legacy tp_del), and counters of deallocations and finalizations.
 * Header-only (static definitions): each test program includes it once.
 */
#ifndef RT_TESTTYPES_H
#define RT_TESTTYPES_H

#include "Python.h"

#define RT_TEST_UNUSED __attribute__((unused))   /* not every program uses every type */

typedef struct {
  PyObject_HEAD
  long value;
} Plain;

static int plain_deallocs;

static void plain_dealloc(PyObject *op)
{
  plain_deallocs++;
  PyObject_Free(op);
}

RT_TEST_UNUSED static PyTypeObject Plain_Type = {
    .ob_base = {{1, NULL}, 0},
    .tp_name = "test.Plain",
    .tp_basicsize = sizeof(Plain),
    .tp_dealloc = plain_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

typedef struct {
  PyObject_HEAD
  PyObject *a;   /* owned */
  PyObject *b;   /* owned */
} Node;

static int node_deallocs, node_finalizes;
static PyObject *resurrect_into_me;   /* a finalizer stores a new reference here when asked */
static int resurrect;

static int node_traverse(PyObject *op, visitproc visit, void *arg)
{
  Node *n = (Node *)op;
  Py_VISIT(n->a);
  Py_VISIT(n->b);
  return 0;
}

/* Broken on purpose: forgets member b. */
RT_TEST_UNUSED static int node_traverse_forgets_b(PyObject *op, visitproc visit, void *arg)
{
  Node *n = (Node *)op;
  Py_VISIT(n->a);
  return 0;
}

static int node_clear(PyObject *op)
{
  Node *n = (Node *)op;
  Py_CLEAR(n->a);
  Py_CLEAR(n->b);
  return 0;
}

static void node_dealloc(PyObject *op)
{
  node_deallocs++;
  PyObject_GC_UnTrack(op);
  node_clear(op);
  Py_TYPE(op)->tp_free(op);
}

static void node_finalize(PyObject *op)
{
  node_finalizes++;
  if (resurrect) {
    resurrect = 0;
    resurrect_into_me = Py_NewRef(op);
  }
}

static void node_del(PyObject *op) { (void)op; }

#define NODE_TYPE(var, name, traverse)                                                             \
  RT_TEST_UNUSED static PyTypeObject var = {                                                                      \
      .ob_base = {{1, NULL}, 0},                                                                   \
      .tp_name = name,                                                                             \
      .tp_basicsize = sizeof(Node),                                                                \
      .tp_dealloc = node_dealloc,                                                                  \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                                         \
      .tp_traverse = traverse,                                                                     \
      .tp_clear = node_clear,                                                                      \
      .tp_free = PyObject_GC_Del,                                                                  \
  }

NODE_TYPE(Node_Type, "test.Node", node_traverse);
NODE_TYPE(BrokenNode_Type, "test.BrokenNode", node_traverse_forgets_b);
RT_TEST_UNUSED static PyTypeObject FinalNode_Type = {
    .ob_base = {{1, NULL}, 0},
    .tp_name = "test.FinalNode",
    .tp_basicsize = sizeof(Node),
    .tp_dealloc = node_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
    .tp_free = PyObject_GC_Del,
    .tp_finalize = node_finalize,
};
RT_TEST_UNUSED static PyTypeObject DelNode_Type = {
    .ob_base = {{1, NULL}, 0},
    .tp_name = "test.DelNode",
    .tp_basicsize = sizeof(Node),
    .tp_dealloc = node_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
    .tp_free = PyObject_GC_Del,
    .tp_del = node_del,
};

/* A new tracked node of type tp with empty members, or NULL. */
RT_TEST_UNUSED static PyObject *node_new(PyTypeObject *tp)
{
  Node *n = PyObject_GC_New(Node, tp);
  if (n == NULL) return NULL;
  n->a = NULL;
  n->b = NULL;
  PyObject_GC_Track((PyObject *)n);
  return (PyObject *)n;
}

#endif
