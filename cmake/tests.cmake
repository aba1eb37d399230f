# cmake/tests.cmake: whether to build the C++ tests, and where their GoogleTest comes from.
#
# ORUUID_BUILD_TESTS=ON requires GoogleTest and nlohmann_json and fails clearly without
# them; AUTO builds the tests in a top-level build when both are found; OFF never does.
# When cross-compiling, GoogleTest is built from source with the same toolchain
# (ORUUID_GTEST_SOURCE_DIR, default /usr/src/googletest, as Debian's libgtest-dev ships
# it), and nlohmann_json, header-only, is taken from the build machine.
set(ORUUID_GTEST_SOURCE_DIR "" CACHE PATH
    "GoogleTest sources to build with the project (default when cross-compiling: /usr/src/googletest)")

function(_oruuid_find_test_deps out_ok out_why)
  set(${out_ok} OFF PARENT_SCOPE)  # until every dependency is found
  set(_src "${ORUUID_GTEST_SOURCE_DIR}")
  if(NOT _src AND CMAKE_CROSSCOMPILING AND EXISTS /usr/src/googletest/CMakeLists.txt)
    set(_src /usr/src/googletest)
  endif()
  if(_src)
    if(NOT EXISTS "${_src}/CMakeLists.txt")
      set(${out_why} "no GoogleTest sources in ${_src}" PARENT_SCOPE)
      return()
    endif()
    set(_oruuid_gtest_source "${_src}" CACHE INTERNAL "")
  else()
    find_package(GTest QUIET)
    if(NOT GTest_FOUND)
      set(${out_why} "GoogleTest not found (Debian: libgtest-dev)" PARENT_SCOPE)
      return()
    endif()
    set(_oruuid_gtest_source "" CACHE INTERNAL "")
  endif()
  if(CMAKE_CROSSCOMPILING)
    # The header only, from the build machine: its CMake package would add the host's
    # /usr/include to a cross build.
    find_path(ORUUID_NLOHMANN_JSON_INCLUDE_DIR nlohmann/json.hpp PATHS /usr/local/include /usr/include
              NO_CMAKE_FIND_ROOT_PATH)
    set(_json_ok "${ORUUID_NLOHMANN_JSON_INCLUDE_DIR}")
  else()
    find_package(nlohmann_json 3 QUIET)
    set(_json_ok "${nlohmann_json_FOUND}")
  endif()
  if(NOT _json_ok)
    set(${out_why} "nlohmann_json not found (Debian: nlohmann-json3-dev)" PARENT_SCOPE)
    return()
  endif()
  set(${out_ok} ON PARENT_SCOPE)
  if(_src)
    set(${out_why} "GoogleTest built from ${_src}" PARENT_SCOPE)
  else()
    set(${out_why} "GoogleTest found" PARENT_SCOPE)
  endif()
endfunction()

string(TOUPPER "${ORUUID_BUILD_TESTS}" _want)
set(_oruuid_tests OFF)
if(_want STREQUAL "AUTO")
  if(_top)
    _oruuid_find_test_deps(_ok _why)
    set(_oruuid_tests ${_ok})
    if(_ok)
      message(STATUS "oruuid: building the C++ tests (${_why}; -DORUUID_BUILD_TESTS=OFF to skip)")
    else()
      message(STATUS "oruuid: not building the C++ tests: ${_why} (-DORUUID_BUILD_TESTS=ON requires them)")
    endif()
  endif()
elseif(ORUUID_BUILD_TESTS)
  _oruuid_find_test_deps(_ok _why)
  if(NOT _ok)
    message(FATAL_ERROR "oruuid: ORUUID_BUILD_TESTS=ON, but ${_why}. Install it, or "
                        "configure with -DORUUID_BUILD_TESTS=OFF.")
  endif()
  set(_oruuid_tests ON)
  message(STATUS "oruuid: building the C++ tests (${_why})")
else()
  message(STATUS "oruuid: not building the C++ tests (ORUUID_BUILD_TESTS=OFF)")
endif()
