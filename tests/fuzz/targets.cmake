# The fuzz targets, one list for both builds: the clang libFuzzer build
# (tests/fuzz/CMakeLists.txt) and the replay tests of the normal build
# (tests/fuzz/replay.cmake). Each target is tests/fuzz/<name>.c (or .cpp)
# plus its helper files; its seeds are tests/fuzz/corpus/<name> and its
# crash regressions tests/fuzz/regressions/<name>.
#   NLP_FUZZ_C_TARGETS      the C rooms (core, text, io) only
#   NLP_FUZZ_PICKLE_TARGET  weights_bin.cpp's pickle machine (libtorch)
#   NLP_FUZZ_API_TARGETS    the public API on the fixture models (libtorch)
set(NLP_FUZZ_C_TARGETS
  fuzz_safetensors fuzz_hf_config fuzz_vocab_txt fuzz_tokenizer_json fuzz_spiece_t5
  fuzz_tokenizer_bert fuzz_tokenizer_t5 fuzz_conll fuzz_jsonl_ner fuzz_text_data)
set(NLP_FUZZ_PICKLE_TARGET fuzz_pickle)
set(NLP_FUZZ_API_TARGETS fuzz_ner_run fuzz_toxic_classify)

# Helper sources per target (besides fuzz_support.c, which every one has).
set(NLP_FUZZ_HELPERS_fuzz_vocab_txt fuzz_tokenizer_file.c)
set(NLP_FUZZ_HELPERS_fuzz_tokenizer_json fuzz_tokenizer_file.c)
set(NLP_FUZZ_HELPERS_fuzz_spiece_t5 fuzz_tokenizer_file.c)
set(NLP_FUZZ_HELPERS_fuzz_conll fuzz_ner_data.c)
set(NLP_FUZZ_HELPERS_fuzz_jsonl_ner fuzz_ner_data.c)
