/* version.c — `pyrefcheck --version`: our version and those of what we are built on. */
#include "cli.h"
#include "rules.h"

#include <clang-c/Index.h>
#include <sqlite3.h>
#include <stdio.h>

#ifndef PYREFCHECK_VERSION
#error "PYREFCHECK_VERSION must be defined by the build"
#endif

void rc_cli_print_version(void) {
  CXString clang_version = clang_getClangVersion();
  printf("pyrefcheck %s\n", PYREFCHECK_VERSION);
  printf("libclang: %s\n", clang_getCString(clang_version));
  printf("SQLite: %s\n", sqlite3_libversion());
  printf("rules data: %s\n", rc_rules_data_version());
  clang_disposeString(clang_version);
}
