# cmake/toolchains/s390x-linux-gnu.cmake: Linux s390x, big-endian, with Debian's
# g++-s390x-linux-gnu, run under qemu-s390x (qemu-user) by ctest.
#
#   cmake -S . -B build/s390x --toolchain cmake/toolchains/s390x-linux-gnu.cmake
#   cmake --preset s390x     (the same with the C++ tests: CMakePresets.json)
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(_triple s390x-linux-gnu)
include(${CMAKE_CURRENT_LIST_DIR}/linux-qemu.cmake)
