/* fuzz_pickle.cpp - libFuzzer target: the pickle state-dict reader of
 * pytorch_model.bin (lib/model/weights_bin.cpp). The input is data.pkl; the
 * harness wraps it in a torch zip (libtorch's own writer, records stored
 * uncompressed with their checksums) next to four storage records,
 * data/0 .. data/3 of 64 bytes, so the fuzzer mutates the pickle and not
 * the zip's CRCs. load_torch_zip must return NLP_OK with tensors inside
 * their storages, or a status with a message naming the file; it must
 * never throw, and it never executes anything (only the state-dict globals
 * are known). */
#include "fuzz_support.h"
#include "model/weights.hpp"

#include <caffe2/serialize/inline_container.h>

#include <cstdlib>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::string path = std::string(nlp_fuzz_dir()) + "/pytorch_model.bin";
    {
        caffe2::serialize::PyTorchStreamWriter zip(path);
        zip.writeRecord("data.pkl", data, size);
        static const uint8_t storage[64] = {1, 2, 3, 4, 5, 6, 7, 8};
        for (int k = 0; k < 4; k++)
            zip.writeRecord("data/" + std::to_string(k), storage, sizeof storage);
        zip.writeEndOfFile();
    }
    nlp::TensorMap tensors;
    nlp_status st = nlp::load_torch_zip(path.c_str(), tensors);
    if (st != NLP_OK) {
        if (!tensors.empty() || !std::strstr(nlp_last_error(), path.c_str()))
            std::abort();
        return 0;
    }
    for (const auto &kv : tensors) {
        const at::Tensor &t = kv.second;
        /* Touch every element: ASan sees a view reaching past its storage. */
        if (t.numel() > 0 && t.scalar_type() != at::kBool)
            (void)t.to(at::kDouble).sum().item<double>();
    }
    return 0;
}
