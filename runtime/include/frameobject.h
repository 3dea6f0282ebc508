/* frameobject.h — CPython code includes it for PyFrameObject and the PyFrame_* accessors, which
 * the runtime declares in pystate.h (no frame object ever exists). */
#ifndef Py_FRAMEOBJECT_H
#define Py_FRAMEOBJECT_H
#include "Python.h"
#endif
