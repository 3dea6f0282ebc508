/* Python.h — the pyrefcheck runtime's CPython-compatible header: include it instead of CPython's.
 *
 * Extension code compiled against this header and linked with rc_runtime (release) or
 * rc_runtime_oracle (defect detection; define PYREFCHECK_ORACLE, which that target does for you)
 * runs with real reference counts, the pooled allocator and the cycle GC. The C-API issue adds the
 * built-in types' headers here (listobject.h, dictobject.h, ...).
 */
#ifndef Py_PYTHON_H
#define Py_PYTHON_H

#define PY_MAJOR_VERSION 3
#define PY_MINOR_VERSION 11
#define PY_VERSION_HEX 0x030B00F0   /* the header layout follows 3.11 */

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyport.h"
#include "pymem.h"
#include "object.h"
#include "objimpl.h"
#include "longobject.h"
#include "boolobject.h"
#include "pyerrors.h"
#include "pylifecycle.h"
#include "pyrefcheck_runtime.h"

#endif /* Py_PYTHON_H */
