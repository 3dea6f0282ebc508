# Locates libclang's C API (clang-c/Index.h and libclang.so) for LLVM 14 or newer and defines the
# imported target LibClang::LibClang. Search order: $LLVM_CONFIG / llvm-config on PATH, then the
# Debian layout /usr/lib/llvm-N (newest first). Fails with the Debian package to install.

set(RC_LIBCLANG_MIN_MAJOR 14)
set(_rc_clang_prefixes "")

find_program(RC_LLVM_CONFIG NAMES llvm-config HINTS ENV LLVM_CONFIG)
if(RC_LLVM_CONFIG)
  execute_process(COMMAND ${RC_LLVM_CONFIG} --prefix OUTPUT_VARIABLE _prefix
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  execute_process(COMMAND ${RC_LLVM_CONFIG} --version OUTPUT_VARIABLE _ver
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  string(REGEX MATCH "^[0-9]+" _major "${_ver}")
  if(_prefix AND _major AND NOT _major LESS RC_LIBCLANG_MIN_MAJOR)
    list(APPEND _rc_clang_prefixes "${_prefix}")
  endif()
endif()

file(GLOB _llvm_dirs LIST_DIRECTORIES true /usr/lib/llvm-*)
list(SORT _llvm_dirs COMPARE NATURAL ORDER DESCENDING)
foreach(_dir IN LISTS _llvm_dirs)
  string(REGEX MATCH "llvm-([0-9]+)$" _m "${_dir}")
  if(_m AND NOT CMAKE_MATCH_1 LESS RC_LIBCLANG_MIN_MAJOR)
    list(APPEND _rc_clang_prefixes "${_dir}")
  endif()
endforeach()

set(LIBCLANG_INCLUDE_DIR "")
set(LIBCLANG_LIBRARY "")
foreach(_prefix IN LISTS _rc_clang_prefixes)
  if(EXISTS "${_prefix}/include/clang-c/Index.h")
    find_library(_rc_libclang NAMES clang libclang PATHS "${_prefix}/lib" NO_DEFAULT_PATH)
    if(_rc_libclang)
      set(LIBCLANG_INCLUDE_DIR "${_prefix}/include")
      set(LIBCLANG_LIBRARY "${_rc_libclang}")
      break()
    endif()
    unset(_rc_libclang CACHE)
  endif()
endforeach()

if(NOT LIBCLANG_LIBRARY)
  message(FATAL_ERROR "libclang (clang-c/Index.h and libclang.so, LLVM ${RC_LIBCLANG_MIN_MAJOR} "
                      "or newer) not found: install the Debian package 'libclang-dev' "
                      "(or run 'make deps'), or set LLVM_CONFIG to your llvm-config.")
endif()
message(STATUS "libclang: ${LIBCLANG_LIBRARY} (headers in ${LIBCLANG_INCLUDE_DIR})")

add_library(LibClang::LibClang UNKNOWN IMPORTED)
set_target_properties(LibClang::LibClang PROPERTIES
  IMPORTED_LOCATION "${LIBCLANG_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${LIBCLANG_INCLUDE_DIR}")
