/* cpython/initconfig.h — the interpreter's configuration types, as CPython 3.11 lays them out
 * (PyWideStringList, PyConfig), so that code reading a configuration through compatibility
 * shims (pythoncapi_compat.h's PyConfig_Get) compiles. The runtime is not configured through
 * them: it has no PyConfig_* functions and no _Py_GetConfig; a shim that is called fails to link.
 */
#ifndef Py_CPYTHON_INITCONFIG_H
#define Py_CPYTHON_INITCONFIG_H

#include <wchar.h>
#include "../pyport.h"

typedef struct {
  Py_ssize_t length;   /* in items */
  wchar_t **items;     /* length wide strings */
} PyWideStringList;

/* CPython 3.11's fields, in its order (Windows' legacy_windows_stdio excepted). */
typedef struct PyConfig {
  int _config_init;
  int isolated, use_environment, dev_mode, install_signal_handlers, use_hash_seed;
  unsigned long hash_seed;
  int faulthandler, tracemalloc, import_time, code_debug_ranges, show_ref_count, dump_refs;
  wchar_t *dump_refs_file;
  int malloc_stats;
  wchar_t *filesystem_encoding, *filesystem_errors, *pycache_prefix;
  int parse_argv;
  PyWideStringList orig_argv, argv, xoptions, warnoptions;
  int site_import, bytes_warning, warn_default_encoding, inspect, interactive, optimization_level;
  int parser_debug, write_bytecode, verbose, quiet, user_site_directory, configure_c_stdio;
  int buffered_stdio;
  wchar_t *stdio_encoding, *stdio_errors, *check_hash_pycs_mode;
  int use_frozen_modules, safe_path, pathconfig_warnings;
  wchar_t *program_name, *pythonpath_env, *home, *platlibdir;
  int module_search_paths_set;
  PyWideStringList module_search_paths;
  wchar_t *stdlib_dir, *executable, *base_executable, *prefix, *base_prefix, *exec_prefix;
  wchar_t *base_exec_prefix;
  int skip_source_first_line;
  wchar_t *run_command, *run_module, *run_filename;
  int _install_importlib, _init_main, _isolated_interpreter, _is_python_build;
} PyConfig;

#endif /* Py_CPYTHON_INITCONFIG_H */
