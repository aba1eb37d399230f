# cmake/toolchains/linux-qemu.cmake: shared by the Linux cross toolchains: Debian's
# ${_triple}-g++, its libraries under /usr/${_triple}, and qemu-${CMAKE_SYSTEM_PROCESSOR}
# (qemu-user) as the emulator that runs the tests.
set(CMAKE_C_COMPILER ${_triple}-gcc)
set(CMAKE_CXX_COMPILER ${_triple}-g++)
set(CMAKE_FIND_ROOT_PATH /usr/${_triple})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
if(NOT DEFINED CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(_qemu NAMES qemu-${CMAKE_SYSTEM_PROCESSOR} qemu-${CMAKE_SYSTEM_PROCESSOR}-static)
  if(_qemu)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${_qemu};-L;/usr/${_triple})
  endif()
endif()
