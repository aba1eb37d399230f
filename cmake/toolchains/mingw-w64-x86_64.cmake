# cmake/toolchains/mingw-w64-x86_64.cmake: Windows x86-64 with MinGW-w64 (Debian
# g++-mingw-w64-x86-64-posix), run under Wine (wine64) by ctest.
#
#   cmake -S . -B build/windows --toolchain cmake/toolchains/mingw-w64-x86_64.cmake
#   cmake --preset windows     (the same with the C++ tests: CMakePresets.json)
#
# The posix thread model: std::thread and std::mutex need it with GCC 12's MinGW.
# Executables and DLLs (BUILD_SHARED_LIBS=ON: the windows-shared preset) are linked
# statically against the MinGW runtime, so Wine needs no MinGW DLLs beside them.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(_triple x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${_triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${_triple}-g++-posix)
set(CMAKE_RC_COMPILER ${_triple}-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${_triple})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static")
if(NOT DEFINED CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(_wine NAMES wine64 wine PATHS /usr/lib/wine)
  if(_wine)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${_wine})
  endif()
endif()
