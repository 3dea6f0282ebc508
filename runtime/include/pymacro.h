/* pymacro.h — CPython's small utility macros (Py_MIN, Py_ARRAY_LENGTH, ...), as its pymacro.h. */
#ifndef Py_PYMACRO_H
#define Py_PYMACRO_H

#define Py_ABS(x) ((x) < 0 ? -(x) : (x))
#define Py_MIN(x, y) (((x) > (y)) ? (y) : (x))
#define Py_MAX(x, y) (((x) > (y)) ? (x) : (y))
#define Py_ARRAY_LENGTH(array) (sizeof(array) / sizeof((array)[0]))
#define _Py_STRINGIFY(x) #x
#define Py_STRINGIFY(x) _Py_STRINGIFY(x)
#define Py_CHARMASK(c) ((unsigned char)((c) & 0xff))
#define Py_SAFE_DOWNCAST(VALUE, WIDE, NARROW) ((NARROW)(VALUE))
#define Py_BUILD_ASSERT(cond) ((void)sizeof(char[1 - 2 * !(cond)]))
#define Py_MEMBER_SIZE(type, member) sizeof(((type *)0)->member)
#define _Py_NULL NULL
#define Py_DEPRECATED(version_unused)
#define Py_ALWAYS_INLINE
#define Py_LOCAL(type) static type
#define Py_MEMCPY memcpy

/* Docstrings (CPython's pymacro.h): PyDoc_STRVAR(name, "text") defines a static string. */
#define PyDoc_VAR(name) static const char name[]
#define PyDoc_STR(str) str
#define PyDoc_STRVAR(name, str) PyDoc_VAR(name) = PyDoc_STR(str)
#if defined(__GNUC__) || defined(__clang__)
#  define Py_UNREACHABLE() __builtin_unreachable()
#else
#  define Py_UNREACHABLE() abort()
#endif

#endif /* Py_PYMACRO_H */
