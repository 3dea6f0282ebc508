/* Python.h — the pyrefcheck runtime's CPython-compatible header: include it instead of CPython's.
 *
 * Extension code compiled against this header and linked with rc_runtime (release) or
 * rc_runtime_oracle (defect detection; define PYREFCHECK_ORACLE, which that target does for you)
 * runs with real reference counts, the pooled allocator and the cycle GC. The headers are split
 * and named as CPython's; docs/runtime-api.md lists what is implemented.
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
#include "pymacro.h"
#include "pymath.h"
#include "pymem.h"
#include "object.h"
#include "objimpl.h"
#include "typeslots.h"
#include "pyhash.h"
#include "longobject.h"
#include "boolobject.h"
#include "floatobject.h"
#include "complexobject.h"
#include "pystrtod.h"
#include "pystrcmp.h"
#include "unicodeobject.h"
#include "bytesobject.h"
#include "bytearrayobject.h"
#include "memoryobject.h"
#include "tupleobject.h"
#include "structseq.h"
#include "listobject.h"
#include "dictobject.h"
#include "setobject.h"
#include "methodobject.h"
#include "classobject.h"
#include "funcobject.h"
#include "genericaliasobject.h"
#include "cellobject.h"
#include "moduleobject.h"
#include "descrobject.h"
#include "iterobject.h"
#include "sliceobject.h"
#include "pycapsule.h"
#include "weakrefobject.h"
#include "pyerrors.h"
#include "modsupport.h"
#include "abstract.h"
#include "ceval.h"
#include "import.h"
#include "sysmodule.h"
#include "pystate.h"
#include "pythread.h"
#include "fileobject.h"
#include "pylifecycle.h"
#include "cpython/initconfig.h"
#include "cpython/pytime.h"
#include "pyrefcheck_runtime.h"
#include "pyrefcheck_sites.h"

#endif /* Py_PYTHON_H */
