// oruuid/export.hpp: ORUUID_API, which marks what a shared oruuid library exports.
//
// CMake defines ORUUID_SHARED for a shared build of the library and for everything that
// links it (the installed package's target included), and ORUUID_BUILDING while
// compiling the library itself; a static build defines neither. Without CMake, define
// ORUUID_SHARED to use a shared oruuid on Windows.
//
//   Windows (PE):  dllexport while building the DLL, dllimport when using it;
//   elsewhere:     default visibility: the shared library is built with hidden
//                  visibility (-fvisibility=hidden), so it exports only these;
//   static:        nothing.
//
// The attributes are used even with ORUUID_PORTABLE: a shared library has no portable
// way to export its API, and a static build (all that the portable CI build makes)
// uses none.
#pragma once

#if defined(ORUUID_SHARED)
#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(ORUUID_BUILDING)
#define ORUUID_API __declspec(dllexport)
#else
#define ORUUID_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define ORUUID_API __attribute__((visibility("default")))
#else
#define ORUUID_API
#endif
#else
#define ORUUID_API
#endif
