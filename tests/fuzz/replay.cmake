# Replay tests (included from tests/CMakeLists.txt): every fuzz target of
# targets.cmake is built with the normal compiler against libnlp.a, with
# regression_driver.c's main() instead of libFuzzer, and ctest runs it over
# its seed corpus and its crash regressions. So the corpora are tests on
# every build, sanitizer-free here and under ASan in the asan preset.
include(${CMAKE_CURRENT_LIST_DIR}/targets.cmake)
set(fuzz_dir ${CMAKE_CURRENT_LIST_DIR})
foreach(t ${NLP_FUZZ_C_TARGETS} ${NLP_FUZZ_PICKLE_TARGET} ${NLP_FUZZ_API_TARGETS})
  set(source ${fuzz_dir}/${t}.c)
  if(t STREQUAL NLP_FUZZ_PICKLE_TARGET)
    set(source ${fuzz_dir}/${t}.cpp)
  endif()
  set(helpers)
  foreach(h ${NLP_FUZZ_HELPERS_${t}})
    list(APPEND helpers ${fuzz_dir}/${h})
  endforeach()
  add_executable(replay_${t} ${source} ${helpers} ${fuzz_dir}/fuzz_support.c
    ${fuzz_dir}/regression_driver.c)
  target_include_directories(replay_${t} PRIVATE ${fuzz_dir})
  target_compile_definitions(replay_${t} PRIVATE
    _POSIX_C_SOURCE=200809L NLP_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_link_libraries(replay_${t} PRIVATE nlp_static)
  set_target_properties(replay_${t} PROPERTIES LINKER_LANGUAGE CXX)
  add_test(NAME fuzz_replay_${t} COMMAND replay_${t}
    ${fuzz_dir}/corpus/${t} ${fuzz_dir}/regressions/${t})
  set_tests_properties(fuzz_replay_${t} PROPERTIES
    ENVIRONMENT "${NLP_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 600 LABELS fuzz)
endforeach()

# The checked-in seeds are exactly what scripts/fuzz-seeds.py writes.
find_program(NLP_FUZZ_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NLP_FUZZ_PYTHON3)
  add_test(NAME fuzz_seeds_current COMMAND ${NLP_FUZZ_PYTHON3}
    ${PROJECT_SOURCE_DIR}/scripts/fuzz-seeds.py --check ${fuzz_dir}/corpus)
  set_tests_properties(fuzz_seeds_current PROPERTIES LABELS fuzz)
endif()
