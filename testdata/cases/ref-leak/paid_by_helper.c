/* ref-leak: a helper of the file that stores its argument *and takes its own reference* leaves
 * the caller's reference with the caller. A caller that hands it a new reference and forgets it
 * leaks; one that releases it after the call is right. A helper that stores without a Py_INCREF
 * takes the caller's reference over. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject *options;    /* owned */
    int tz_aware;
} Codec;

/* Takes its own reference to 'options'. */
static int
codec_init(PyObject *options, Codec *codec)
{
    // expect-clean
    codec->tz_aware = PyObject_IsTrue(options);
    if (codec->tz_aware < 0) {
        return 0;
    }
    Py_INCREF(options);
    codec->options = options;
    return 1;
}

/* Takes the caller's reference over. */
static void
codec_adopt(PyObject *options, Codec *codec)
{
    // expect-clean
    codec->options = options;
    codec->tz_aware = 0;
}

static void
codec_free(Codec *codec)
{
    // expect-clean
    Py_CLEAR(codec->options);
}

/* Bug: the dict from PyDict_New() keeps the reference the helper did not take. */
static PyObject *
default_codec(PyObject *self, PyObject *unused)
{
    Codec codec = {NULL, 0};
    PyObject *options = PyDict_New();
    if (options == NULL) {
        return NULL;
    }
    if (!codec_init(options, &codec)) {
        Py_DECREF(options);
        return NULL;
    }
    codec_free(&codec);
    Py_RETURN_NONE;  // expect: ref-leak
}
/* oracle: call default_codec(None) */

/* Right: the caller releases its own reference after the call. */
static PyObject *
default_codec_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    Codec codec = {NULL, 0};
    PyObject *options = PyDict_New();
    int ok;
    if (options == NULL) {
        return NULL;
    }
    ok = codec_init(options, &codec);
    Py_DECREF(options);
    if (!ok) {
        return NULL;
    }
    codec_free(&codec);
    Py_RETURN_NONE;
}
/* oracle: call default_codec_ok(None) */

/* Right: codec_adopt takes the reference over. */
static PyObject *
adopted_codec_ok(PyObject *self, PyObject *unused)
{
    // expect-clean
    Codec codec = {NULL, 0};
    PyObject *options = PyDict_New();
    if (options == NULL) {
        return NULL;
    }
    codec_adopt(options, &codec);
    codec_free(&codec);
    Py_RETURN_NONE;
}
/* oracle: call adopted_codec_ok(None) */

static PyMethodDef paid_by_helper_methods[] = {
    {"default_codec", default_codec, METH_NOARGS, NULL},
    {"default_codec_ok", default_codec_ok, METH_NOARGS, NULL},
    {"adopted_codec_ok", adopted_codec_ok, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef paid_by_helper_module = {
    PyModuleDef_HEAD_INIT, "paid_by_helper", NULL, -1, paid_by_helper_methods,
};

PyMODINIT_FUNC
PyInit_paid_by_helper(void)
{
    // expect-clean
    return PyModule_Create(&paid_by_helper_module);
}
