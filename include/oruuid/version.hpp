// oruuid/version.hpp: the release number, the single source for C++, CMake and Python.
#pragma once

#define ORUUID_VERSION_MAJOR 0
#define ORUUID_VERSION_MINOR 1
#define ORUUID_VERSION_PATCH 0
#define ORUUID_VERSION_STRING "0.1.0"
