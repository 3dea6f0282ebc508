/* analysis-incomplete: more functions whose paths outgrow the budget (each gets the note on its
 * name), and large functions whose paths merge and are analysed completely. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Fourteen objects created depending on the truth of the arguments. */
static PyObject *
truthy_options(PyObject *self, PyObject *args)  // expect: analysis-incomplete
{
    if (PyTuple_GET_SIZE(args) == 0)
        Py_RETURN_NONE;
    PyObject *o0 = NULL, *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL, *o5 = NULL, *o6 = NULL, *o7 = NULL, *o8 = NULL, *o9 = NULL, *o10 = NULL, *o11 = NULL, *o12 = NULL, *o13 = NULL;
    PyObject *result = NULL;
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 0 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o0 = PyLong_FromLong(0);
            if (o0 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 1 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o1 = PyLong_FromLong(1);
            if (o1 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 2 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o2 = PyLong_FromLong(2);
            if (o2 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 3 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o3 = PyLong_FromLong(3);
            if (o3 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 4 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o4 = PyLong_FromLong(4);
            if (o4 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 5 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o5 = PyLong_FromLong(5);
            if (o5 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 6 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o6 = PyLong_FromLong(6);
            if (o6 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 7 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o7 = PyLong_FromLong(7);
            if (o7 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 8 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o8 = PyLong_FromLong(8);
            if (o8 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 9 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o9 = PyLong_FromLong(9);
            if (o9 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 10 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o10 = PyLong_FromLong(10);
            if (o10 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 11 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o11 = PyLong_FromLong(11);
            if (o11 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 12 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o12 = PyLong_FromLong(12);
            if (o12 == NULL)
                goto done;
        }
    }
    {
        int t = PyObject_IsTrue(PyTuple_GET_ITEM(args, 13 % PyTuple_GET_SIZE(args)));
        if (t < 0)
            goto done;
        if (t) {
            o13 = PyLong_FromLong(13);
            if (o13 == NULL)
                goto done;
        }
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(o0);
    Py_XDECREF(o1);
    Py_XDECREF(o2);
    Py_XDECREF(o3);
    Py_XDECREF(o4);
    Py_XDECREF(o5);
    Py_XDECREF(o6);
    Py_XDECREF(o7);
    Py_XDECREF(o8);
    Py_XDECREF(o9);
    Py_XDECREF(o10);
    Py_XDECREF(o11);
    Py_XDECREF(o12);
    Py_XDECREF(o13);
    return result;
}

/* Fourteen switches, each choosing whether to create an object. */
static PyObject *
switch_options(PyObject *self, PyObject *arg)  // expect: analysis-incomplete
{
    long mode = PyLong_AsLong(arg);
    if (mode == -1 && PyErr_Occurred())
        return NULL;
    PyObject *s0 = NULL, *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *s5 = NULL, *s6 = NULL, *s7 = NULL, *s8 = NULL, *s9 = NULL, *s10 = NULL, *s11 = NULL, *s12 = NULL, *s13 = NULL;
    PyObject *result = NULL;
    switch ((mode >> 0) & 3) {
    case 1:
        s0 = PyUnicode_FromString("x");
        if (s0 == NULL)
            goto done;
        break;
    case 2:
        s0 = PyLong_FromLong(2);
        if (s0 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 1) & 3) {
    case 1:
        s1 = PyUnicode_FromString("x");
        if (s1 == NULL)
            goto done;
        break;
    case 2:
        s1 = PyLong_FromLong(2);
        if (s1 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 2) & 3) {
    case 1:
        s2 = PyUnicode_FromString("x");
        if (s2 == NULL)
            goto done;
        break;
    case 2:
        s2 = PyLong_FromLong(2);
        if (s2 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 3) & 3) {
    case 1:
        s3 = PyUnicode_FromString("x");
        if (s3 == NULL)
            goto done;
        break;
    case 2:
        s3 = PyLong_FromLong(2);
        if (s3 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 4) & 3) {
    case 1:
        s4 = PyUnicode_FromString("x");
        if (s4 == NULL)
            goto done;
        break;
    case 2:
        s4 = PyLong_FromLong(2);
        if (s4 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 5) & 3) {
    case 1:
        s5 = PyUnicode_FromString("x");
        if (s5 == NULL)
            goto done;
        break;
    case 2:
        s5 = PyLong_FromLong(2);
        if (s5 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 6) & 3) {
    case 1:
        s6 = PyUnicode_FromString("x");
        if (s6 == NULL)
            goto done;
        break;
    case 2:
        s6 = PyLong_FromLong(2);
        if (s6 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 7) & 3) {
    case 1:
        s7 = PyUnicode_FromString("x");
        if (s7 == NULL)
            goto done;
        break;
    case 2:
        s7 = PyLong_FromLong(2);
        if (s7 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 8) & 3) {
    case 1:
        s8 = PyUnicode_FromString("x");
        if (s8 == NULL)
            goto done;
        break;
    case 2:
        s8 = PyLong_FromLong(2);
        if (s8 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 9) & 3) {
    case 1:
        s9 = PyUnicode_FromString("x");
        if (s9 == NULL)
            goto done;
        break;
    case 2:
        s9 = PyLong_FromLong(2);
        if (s9 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 10) & 3) {
    case 1:
        s10 = PyUnicode_FromString("x");
        if (s10 == NULL)
            goto done;
        break;
    case 2:
        s10 = PyLong_FromLong(2);
        if (s10 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 11) & 3) {
    case 1:
        s11 = PyUnicode_FromString("x");
        if (s11 == NULL)
            goto done;
        break;
    case 2:
        s11 = PyLong_FromLong(2);
        if (s11 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 12) & 3) {
    case 1:
        s12 = PyUnicode_FromString("x");
        if (s12 == NULL)
            goto done;
        break;
    case 2:
        s12 = PyLong_FromLong(2);
        if (s12 == NULL)
            goto done;
        break;
    default:
        break;
    }
    switch ((mode >> 13) & 3) {
    case 1:
        s13 = PyUnicode_FromString("x");
        if (s13 == NULL)
            goto done;
        break;
    case 2:
        s13 = PyLong_FromLong(2);
        if (s13 == NULL)
            goto done;
        break;
    default:
        break;
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(s0);
    Py_XDECREF(s1);
    Py_XDECREF(s2);
    Py_XDECREF(s3);
    Py_XDECREF(s4);
    Py_XDECREF(s5);
    Py_XDECREF(s6);
    Py_XDECREF(s7);
    Py_XDECREF(s8);
    Py_XDECREF(s9);
    Py_XDECREF(s10);
    Py_XDECREF(s11);
    Py_XDECREF(s12);
    Py_XDECREF(s13);
    return result;
}

/* Fourteen conditional expressions. */
static PyObject *
conditional_options(PyObject *self, PyObject *arg)  // expect: analysis-incomplete
{
    long bits = PyLong_AsLong(arg);
    if (bits == -1 && PyErr_Occurred())
        return NULL;
    PyObject *t0 = NULL, *t1 = NULL, *t2 = NULL, *t3 = NULL, *t4 = NULL, *t5 = NULL, *t6 = NULL, *t7 = NULL, *t8 = NULL, *t9 = NULL, *t10 = NULL, *t11 = NULL, *t12 = NULL, *t13 = NULL;
    PyObject *result = NULL;
    t0 = (bits & (1L << 0)) ? PyLong_FromLong(0) : NULL;
    if (t0 == NULL && PyErr_Occurred())
        goto done;
    t1 = (bits & (1L << 1)) ? PyLong_FromLong(1) : NULL;
    if (t1 == NULL && PyErr_Occurred())
        goto done;
    t2 = (bits & (1L << 2)) ? PyLong_FromLong(2) : NULL;
    if (t2 == NULL && PyErr_Occurred())
        goto done;
    t3 = (bits & (1L << 3)) ? PyLong_FromLong(3) : NULL;
    if (t3 == NULL && PyErr_Occurred())
        goto done;
    t4 = (bits & (1L << 4)) ? PyLong_FromLong(4) : NULL;
    if (t4 == NULL && PyErr_Occurred())
        goto done;
    t5 = (bits & (1L << 5)) ? PyLong_FromLong(5) : NULL;
    if (t5 == NULL && PyErr_Occurred())
        goto done;
    t6 = (bits & (1L << 6)) ? PyLong_FromLong(6) : NULL;
    if (t6 == NULL && PyErr_Occurred())
        goto done;
    t7 = (bits & (1L << 7)) ? PyLong_FromLong(7) : NULL;
    if (t7 == NULL && PyErr_Occurred())
        goto done;
    t8 = (bits & (1L << 8)) ? PyLong_FromLong(8) : NULL;
    if (t8 == NULL && PyErr_Occurred())
        goto done;
    t9 = (bits & (1L << 9)) ? PyLong_FromLong(9) : NULL;
    if (t9 == NULL && PyErr_Occurred())
        goto done;
    t10 = (bits & (1L << 10)) ? PyLong_FromLong(10) : NULL;
    if (t10 == NULL && PyErr_Occurred())
        goto done;
    t11 = (bits & (1L << 11)) ? PyLong_FromLong(11) : NULL;
    if (t11 == NULL && PyErr_Occurred())
        goto done;
    t12 = (bits & (1L << 12)) ? PyLong_FromLong(12) : NULL;
    if (t12 == NULL && PyErr_Occurred())
        goto done;
    t13 = (bits & (1L << 13)) ? PyLong_FromLong(13) : NULL;
    if (t13 == NULL && PyErr_Occurred())
        goto done;
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(t0);
    Py_XDECREF(t1);
    Py_XDECREF(t2);
    Py_XDECREF(t3);
    Py_XDECREF(t4);
    Py_XDECREF(t5);
    Py_XDECREF(t6);
    Py_XDECREF(t7);
    Py_XDECREF(t8);
    Py_XDECREF(t9);
    Py_XDECREF(t10);
    Py_XDECREF(t11);
    Py_XDECREF(t12);
    Py_XDECREF(t13);
    return result;
}

/* Fourteen optional attributes. */
static PyObject *
optional_attributes(PyObject *self, PyObject *obj)  // expect: analysis-incomplete
{
    PyObject *f0 = NULL, *f1 = NULL, *f2 = NULL, *f3 = NULL, *f4 = NULL, *f5 = NULL, *f6 = NULL, *f7 = NULL, *f8 = NULL, *f9 = NULL, *f10 = NULL, *f11 = NULL, *f12 = NULL, *f13 = NULL;
    PyObject *result = NULL;
    if (PyObject_HasAttrString(obj, "a0")) {
        f0 = PyObject_GetAttrString(obj, "a0");
        if (f0 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a1")) {
        f1 = PyObject_GetAttrString(obj, "a1");
        if (f1 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a2")) {
        f2 = PyObject_GetAttrString(obj, "a2");
        if (f2 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a3")) {
        f3 = PyObject_GetAttrString(obj, "a3");
        if (f3 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a4")) {
        f4 = PyObject_GetAttrString(obj, "a4");
        if (f4 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a5")) {
        f5 = PyObject_GetAttrString(obj, "a5");
        if (f5 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a6")) {
        f6 = PyObject_GetAttrString(obj, "a6");
        if (f6 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a7")) {
        f7 = PyObject_GetAttrString(obj, "a7");
        if (f7 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a8")) {
        f8 = PyObject_GetAttrString(obj, "a8");
        if (f8 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a9")) {
        f9 = PyObject_GetAttrString(obj, "a9");
        if (f9 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a10")) {
        f10 = PyObject_GetAttrString(obj, "a10");
        if (f10 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a11")) {
        f11 = PyObject_GetAttrString(obj, "a11");
        if (f11 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a12")) {
        f12 = PyObject_GetAttrString(obj, "a12");
        if (f12 == NULL)
            goto done;
    }
    if (PyObject_HasAttrString(obj, "a13")) {
        f13 = PyObject_GetAttrString(obj, "a13");
        if (f13 == NULL)
            goto done;
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(f0);
    Py_XDECREF(f1);
    Py_XDECREF(f2);
    Py_XDECREF(f3);
    Py_XDECREF(f4);
    Py_XDECREF(f5);
    Py_XDECREF(f6);
    Py_XDECREF(f7);
    Py_XDECREF(f8);
    Py_XDECREF(f9);
    Py_XDECREF(f10);
    Py_XDECREF(f11);
    Py_XDECREF(f12);
    Py_XDECREF(f13);
    return result;
}

/* Twenty allocations in a row, one cleanup: long, but every path is the same shape. */
static PyObject *
long_chain_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    PyObject *c0 = NULL, *c1 = NULL, *c2 = NULL, *c3 = NULL, *c4 = NULL, *c5 = NULL, *c6 = NULL, *c7 = NULL, *c8 = NULL, *c9 = NULL, *c10 = NULL, *c11 = NULL, *c12 = NULL, *c13 = NULL, *c14 = NULL, *c15 = NULL, *c16 = NULL, *c17 = NULL, *c18 = NULL, *c19 = NULL;
    PyObject *result = NULL;
    c0 = PyLong_FromLong(0);
    if (c0 == NULL)
        goto done;
    c1 = PyLong_FromLong(1);
    if (c1 == NULL)
        goto done;
    c2 = PyLong_FromLong(2);
    if (c2 == NULL)
        goto done;
    c3 = PyLong_FromLong(3);
    if (c3 == NULL)
        goto done;
    c4 = PyLong_FromLong(4);
    if (c4 == NULL)
        goto done;
    c5 = PyLong_FromLong(5);
    if (c5 == NULL)
        goto done;
    c6 = PyLong_FromLong(6);
    if (c6 == NULL)
        goto done;
    c7 = PyLong_FromLong(7);
    if (c7 == NULL)
        goto done;
    c8 = PyLong_FromLong(8);
    if (c8 == NULL)
        goto done;
    c9 = PyLong_FromLong(9);
    if (c9 == NULL)
        goto done;
    c10 = PyLong_FromLong(10);
    if (c10 == NULL)
        goto done;
    c11 = PyLong_FromLong(11);
    if (c11 == NULL)
        goto done;
    c12 = PyLong_FromLong(12);
    if (c12 == NULL)
        goto done;
    c13 = PyLong_FromLong(13);
    if (c13 == NULL)
        goto done;
    c14 = PyLong_FromLong(14);
    if (c14 == NULL)
        goto done;
    c15 = PyLong_FromLong(15);
    if (c15 == NULL)
        goto done;
    c16 = PyLong_FromLong(16);
    if (c16 == NULL)
        goto done;
    c17 = PyLong_FromLong(17);
    if (c17 == NULL)
        goto done;
    c18 = PyLong_FromLong(18);
    if (c18 == NULL)
        goto done;
    c19 = PyLong_FromLong(19);
    if (c19 == NULL)
        goto done;
    result = PyTuple_Pack(2, c0, c19);
done:
    Py_XDECREF(c0);
    Py_XDECREF(c1);
    Py_XDECREF(c2);
    Py_XDECREF(c3);
    Py_XDECREF(c4);
    Py_XDECREF(c5);
    Py_XDECREF(c6);
    Py_XDECREF(c7);
    Py_XDECREF(c8);
    Py_XDECREF(c9);
    Py_XDECREF(c10);
    Py_XDECREF(c11);
    Py_XDECREF(c12);
    Py_XDECREF(c13);
    Py_XDECREF(c14);
    Py_XDECREF(c15);
    Py_XDECREF(c16);
    Py_XDECREF(c17);
    Py_XDECREF(c18);
    Py_XDECREF(c19);
    return result;
}

/* A loop whose iterations leave the same state. */
static PyObject *
loop_ok(PyObject *self, PyObject *seq)
{
    // expect-clean
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(seq); i++) {
        PyObject *s = PyObject_Str(PyTuple_GET_ITEM(seq, i));
        if (s == NULL)
            goto error;
        int rc = PyList_Append(out, s);
        Py_DECREF(s);
        if (rc < 0)
            goto error;
        for (int j = 0; j < 3; j++) {
            PyObject *n = PyLong_FromLong(j);
            if (n == NULL)
                goto error;
            rc = PyList_Append(out, n);
            Py_DECREF(n);
            if (rc < 0)
                goto error;
        }
    }
    return out;
error:
    Py_DECREF(out);
    return NULL;
}
/* oracle: call loop_ok((1, 2)) */

/* Twenty-four independent tests that change nothing the analysis tracks. */
static PyObject *
many_tests_ok(PyObject *self, PyObject *obj)
{
    // expect-clean
    long count = 0;
    if (PyObject_HasAttrString(obj, "f0"))
        count++;
    if (PyObject_HasAttrString(obj, "f1"))
        count++;
    if (PyObject_HasAttrString(obj, "f2"))
        count++;
    if (PyObject_HasAttrString(obj, "f3"))
        count++;
    if (PyObject_HasAttrString(obj, "f4"))
        count++;
    if (PyObject_HasAttrString(obj, "f5"))
        count++;
    if (PyObject_HasAttrString(obj, "f6"))
        count++;
    if (PyObject_HasAttrString(obj, "f7"))
        count++;
    if (PyObject_HasAttrString(obj, "f8"))
        count++;
    if (PyObject_HasAttrString(obj, "f9"))
        count++;
    if (PyObject_HasAttrString(obj, "f10"))
        count++;
    if (PyObject_HasAttrString(obj, "f11"))
        count++;
    if (PyObject_HasAttrString(obj, "f12"))
        count++;
    if (PyObject_HasAttrString(obj, "f13"))
        count++;
    if (PyObject_HasAttrString(obj, "f14"))
        count++;
    if (PyObject_HasAttrString(obj, "f15"))
        count++;
    if (PyObject_HasAttrString(obj, "f16"))
        count++;
    if (PyObject_HasAttrString(obj, "f17"))
        count++;
    if (PyObject_HasAttrString(obj, "f18"))
        count++;
    if (PyObject_HasAttrString(obj, "f19"))
        count++;
    if (PyObject_HasAttrString(obj, "f20"))
        count++;
    if (PyObject_HasAttrString(obj, "f21"))
        count++;
    if (PyObject_HasAttrString(obj, "f22"))
        count++;
    if (PyObject_HasAttrString(obj, "f23"))
        count++;
    return PyLong_FromLong(count);
}

/* Forty cases, each returning its own new object. */
static PyObject *
big_switch_ok(PyObject *self, PyObject *arg)
{
    // expect-clean
    long k = PyLong_AsLong(arg);
    if (k == -1 && PyErr_Occurred())
        return NULL;
    switch (k) {
    case 0:
        return PyLong_FromLong(0);
    case 1:
        return PyLong_FromLong(1);
    case 2:
        return PyLong_FromLong(4);
    case 3:
        return PyLong_FromLong(9);
    case 4:
        return PyLong_FromLong(16);
    case 5:
        return PyLong_FromLong(25);
    case 6:
        return PyLong_FromLong(36);
    case 7:
        return PyLong_FromLong(49);
    case 8:
        return PyLong_FromLong(64);
    case 9:
        return PyLong_FromLong(81);
    case 10:
        return PyLong_FromLong(100);
    case 11:
        return PyLong_FromLong(121);
    case 12:
        return PyLong_FromLong(144);
    case 13:
        return PyLong_FromLong(169);
    case 14:
        return PyLong_FromLong(196);
    case 15:
        return PyLong_FromLong(225);
    case 16:
        return PyLong_FromLong(256);
    case 17:
        return PyLong_FromLong(289);
    case 18:
        return PyLong_FromLong(324);
    case 19:
        return PyLong_FromLong(361);
    case 20:
        return PyLong_FromLong(400);
    case 21:
        return PyLong_FromLong(441);
    case 22:
        return PyLong_FromLong(484);
    case 23:
        return PyLong_FromLong(529);
    case 24:
        return PyLong_FromLong(576);
    case 25:
        return PyLong_FromLong(625);
    case 26:
        return PyLong_FromLong(676);
    case 27:
        return PyLong_FromLong(729);
    case 28:
        return PyLong_FromLong(784);
    case 29:
        return PyLong_FromLong(841);
    case 30:
        return PyLong_FromLong(900);
    case 31:
        return PyLong_FromLong(961);
    case 32:
        return PyLong_FromLong(1024);
    case 33:
        return PyLong_FromLong(1089);
    case 34:
        return PyLong_FromLong(1156);
    case 35:
        return PyLong_FromLong(1225);
    case 36:
        return PyLong_FromLong(1296);
    case 37:
        return PyLong_FromLong(1369);
    case 38:
        return PyLong_FromLong(1444);
    case 39:
        return PyLong_FromLong(1521);
    default:
        Py_RETURN_NONE;
    }
}

static PyMethodDef methods[] = {
    {"truthy_options", truthy_options, METH_VARARGS, NULL},
    {"switch_options", switch_options, METH_O, NULL},
    {"conditional_options", conditional_options, METH_O, NULL},
    {"optional_attributes", optional_attributes, METH_O, NULL},
    {"long_chain_ok", long_chain_ok, METH_NOARGS, NULL},
    {"loop_ok", loop_ok, METH_O, NULL},
    {"many_tests_ok", many_tests_ok, METH_O, NULL},
    {"big_switch_ok", big_switch_ok, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
