# kernels_self_contained.cmake: fails if an object of src/simd/ defines a weak (inline) symbol.
# Those files are built with wider -m flags than the rest; a weak copy of an inline
# function made there could be the one the linker keeps, and run on a CPU without them.
foreach(obj IN LISTS OBJECTS)
  if(NOT obj MATCHES "/simd/")
    continue()
  endif()
  execute_process(COMMAND ${NM} -C ${obj} OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} failed on ${obj}")
  endif()
  string(REGEX MATCHALL "[^\n]* [WVu] [^\n]*" weak "${symbols}")
  # The exception-handling personality pointer is data the compiler emits, not code;
  # clang's __clang_call_terminate only calls __cxa_begin_catch and std::terminate.
  list(FILTER weak EXCLUDE REGEX " DW\\.ref\\.| __clang_call_terminate$")
  if(weak)
    string(REPLACE ";" "\n" weak "${weak}")
    message(FATAL_ERROR "${obj} defines weak symbols built with its -m flags:\n${weak}")
  endif()
  math(EXPR checked "${checked} + 1")
endforeach()
message(STATUS "checked ${checked} kernel objects")
