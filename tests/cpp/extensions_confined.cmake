# extensions_confined.cmake: fails if a compiler extension or x86 intrinsic appears
# outside the files that give each one a portable fallback (issue 15): the config
# headers, the platform layer, the vector kernels, Uuid's guarded u128 members and the
# binding's guarded __int128 digit paths; and the export header, whose dllexport and
# visibility attributes only a shared build uses (a shared library has no portable
# way to export its API); and the binding's py.hpp, whose initial-exec TLS model is
# glibc-only and falls back to the default model elsewhere.
# The policies of the project (IN_LIST): a -P script starts with none set.
cmake_minimum_required(VERSION 3.18...3.31)
set(allowed
  include/oruuid/config.hpp
  include/oruuid/export.hpp
  include/oruuid/uuid.hpp
  src/internal/config.hpp
  src/internal/platform.hpp
  src/platform.cpp
  binding/py.hpp
  binding/uuid_object.cpp)
set(pattern "__int128|__builtin_|__attribute__|__asm|__declspec|_mm(256|512)?_[a-z]|intrin\\.h|__thread[^_]")
file(GLOB_RECURSE files RELATIVE ${ROOT}
  ${ROOT}/include/*.hpp ${ROOT}/src/*.hpp ${ROOT}/src/*.cpp ${ROOT}/binding/*.hpp ${ROOT}/binding/*.cpp)
set(bad "")
foreach(f IN LISTS files)
  if(f IN_LIST allowed OR f MATCHES "^src/simd/")
    continue()
  endif()
  file(STRINGS ${ROOT}/${f} hits REGEX "${pattern}")
  foreach(h IN LISTS hits)
    string(APPEND bad "${f}: ${h}\n")
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "compiler extensions outside the config/platform layer:\n${bad}")
endif()
