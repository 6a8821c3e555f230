# valgrind memcheck tests (NLP_VALGRIND_TESTS=ON; scripts/test-valgrind.sh,
# label valgrind; docs/robustness.md). Included from tests/CMakeLists.txt.
#
# The C test programs (test_core, test_text, test_io, test_metrics) link
# the C rooms without libtorch, so each Criterion test process starts in a
# second under valgrind (--trace-children: every test runs in its own
# process; the shell and tools a test starts through system() are not
# traced). api_roundtrip, a program on libnlp.so, runs NER, toxicity and a
# tokenizer with libtorch. Every process must end with no memory error and
# 0 bytes definitely lost; tests/sanitizers/valgrind.supp holds the
# suppressions for libtorch's start-up, each explained.
find_program(NLP_VALGRIND valgrind REQUIRED)
set(NLP_VALGRIND_COMMAND ${NLP_VALGRIND} --tool=memcheck --error-exitcode=99
  --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite
  --suppressions=${CMAKE_CURRENT_LIST_DIR}/valgrind.supp --num-callers=40
  --trace-children=yes --trace-children-skip=/bin/*,/usr/bin/*,/usr/sbin/*
  --log-file=${PROJECT_BINARY_DIR}/valgrind/%q{NLP_VG_NAME}.%p.log)
file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/valgrind)

foreach(room core text io metrics)
  add_test(NAME valgrind_${room} COMMAND ${NLP_VALGRIND_COMMAND}
    $<TARGET_FILE:test_${room}> --jobs 1 --short-filename)
  set_tests_properties(valgrind_${room} PROPERTIES LABELS valgrind TIMEOUT 3600
    ENVIRONMENT "${NLP_TEST_ENV};NLP_VG_NAME=${room}")
endforeach()

add_test(NAME valgrind_api_roundtrip COMMAND ${NLP_VALGRIND_COMMAND}
  $<TARGET_FILE:api_roundtrip> ${PROJECT_SOURCE_DIR}/../shared)
set_tests_properties(valgrind_api_roundtrip PROPERTIES LABELS valgrind TIMEOUT 3600
  ENVIRONMENT "${NLP_TEST_ENV};NLP_VG_NAME=api_roundtrip")
