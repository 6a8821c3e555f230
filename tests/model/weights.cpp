/* Weights: pytorch_model.bin loads to exactly the tensors of
 * model.safetensors; safetensors views, saving and the error paths. */
#include "model/weights.h"
#include "model/weights.hpp"
extern "C" {
#include "test_support.h"
}

#include <caffe2/serialize/inline_container.h>
#include <criterion/criterion.h>

#include <cstdio>
#include <cstring>
#include <string>

using nlp::TensorMap;

static TensorMap load(const char *path)
{
    TensorMap m;
    nlp_status st = nlp::load_weights(path, m);
    cr_assert_eq(st, NLP_OK, "%s: %s", path, nlp_last_error());
    return m;
}

static void assert_same(const std::string &name, const at::Tensor &a, const at::Tensor &b)
{
    cr_assert_eq(a.scalar_type(), b.scalar_type(), "%s: dtype", name.c_str());
    cr_assert(a.sizes() == b.sizes(), "%s: shape", name.c_str());
    cr_assert(at::equal(a, b), "%s: values differ", name.c_str());
}

Test(weights, bert_bin_equals_safetensors_exactly)
{
    TensorMap st = load(shared_path("fixtures/bert-tiny-ner/model.safetensors"));
    TensorMap bin = load(shared_path("fixtures/bert-tiny-ner/pytorch_model.bin"));
    cr_assert_eq(st.size(), 39);
    cr_assert_eq(bin.size(), st.size());
    for (const auto &kv : st) {
        auto it = bin.find(kv.first);
        cr_assert(it != bin.end(), "%s missing from the .bin", kv.first.c_str());
        assert_same(kv.first, kv.second, it->second);
    }
}

Test(weights, t5_bin_equals_safetensors_and_keeps_tied_storage)
{
    TensorMap st = load(shared_path("fixtures/t5-tiny/model.safetensors"));
    TensorMap bin = load(shared_path("fixtures/t5-tiny-bin/pytorch_model.bin"));
    for (const auto &kv : st) {
        auto it = bin.find(kv.first);
        cr_assert(it != bin.end(), "%s missing from the .bin", kv.first.c_str());
        assert_same(kv.first, kv.second, it->second);
    }
    /* The .bin also has the three aliases of the tied embedding, all in the
     * one storage, as torch.save wrote them. */
    cr_assert_eq(bin.size(), st.size() + 3);
    const at::Tensor &shared = bin.at("shared.weight");
    for (const char *alias : {"encoder.embed_tokens.weight", "decoder.embed_tokens.weight",
                              "lm_head.weight"}) {
        cr_assert_eq(bin.at(alias).data_ptr(), shared.data_ptr(), "%s", alias);
        cr_assert_eq(st.count(alias), 0);
    }

    nlp__weights_info a, b;
    cr_assert_eq(nlp__weights_summary(shared_path("fixtures/t5-tiny/model.safetensors"), &a),
                 NLP_OK, "%s", nlp_last_error());
    cr_assert_eq(nlp__weights_summary(shared_path("fixtures/t5-tiny-bin/pytorch_model.bin"),
                                      &b), NLP_OK, "%s", nlp_last_error());
    cr_assert_str_eq(a.format, "safetensors");
    cr_assert_str_eq(b.format, "pytorch");
    cr_assert_eq(b.tensors, a.tensors + 3);
    cr_assert_eq(a.parameters, b.parameters, "tied weights counted once");
    int64_t total = 0;
    for (const auto &kv : st)
        total += kv.second.numel();
    cr_assert_eq(a.parameters, total);
}

Test(weights, safetensors_views_outlive_nothing_and_never_write_the_file)
{
    const char *path = shared_path("fixtures/bert-tiny-ner/model.safetensors");
    at::Tensor bias;
    {
        TensorMap m = load(path);
        bias = m.at("classifier.bias");
    } /* the map is gone; the view keeps the mapping alive */
    at::Tensor before = bias.clone();
    bias.add_(1.0); /* copy-on-write: allowed, and private */
    cr_assert(at::equal(bias, before + 1.0));
    TensorMap again = load(path);
    cr_assert(at::equal(again.at("classifier.bias"), before), "the file changed");
}

Test(weights, save_then_load_round_trips_every_dtype)
{
    const char *dir = scratch_dir("weights-save");
    std::string path = std::string(dir) + "/model.safetensors";
    TensorMap m;
    m["f32.t"] = at::arange(12, at::kFloat).reshape({3, 4}).t(); /* non-contiguous */
    m["f16"] = at::arange(5, at::kHalf);
    m["bf16"] = at::arange(7, at::kBFloat16) / 3;
    m["i64"] = at::arange(3, at::kLong) - 1;
    m["i32"] = at::arange(3, at::kInt);
    m["i8"] = at::arange(-3, 2, at::kChar);
    m["u8"] = at::arange(200, 205, at::kByte);
    m["bool"] = at::arange(4) % 2 == 0;
    m["scalar"] = at::scalar_tensor(2.5);
    cr_assert_eq(nlp::save_weights(path.c_str(), m), NLP_OK, "%s", nlp_last_error());
    TensorMap back = load(path.c_str());
    cr_assert_eq(back.size(), m.size());
    for (const auto &kv : m)
        assert_same(kv.first, kv.second, back.at(kv.first));

    TensorMap f64;
    f64["x"] = at::zeros({2}, at::kDouble);
    cr_assert_eq(nlp::save_weights(path.c_str(), f64), NLP_ERR_UNSUPPORTED);
    cr_assert(std::strstr(nlp_last_error(), "\"x\"") != nullptr, "%s", nlp_last_error());
}

static std::string write_file(const char *dir, const char *name, const void *data, size_t n)
{
    std::string path = std::string(dir) + "/" + name;
    cr_assert(write_bytes(path.c_str(), data, n));
    return path;
}

Test(weights, bad_files_fail_with_the_file_named)
{
    const char *dir = scratch_dir("weights-bad");
    TensorMap m;
    m["keep"] = at::ones({1});

    std::string missing = std::string(dir) + "/nothing.bin";
    cr_assert_eq(nlp::load_weights(missing.c_str(), m), NLP_ERR_IO);
    cr_assert(std::strstr(nlp_last_error(), missing.c_str()) != nullptr, "%s",
              nlp_last_error());

    std::string zip = write_file(dir, "garbage.bin", "PK\3\4garbage", 11);
    cr_assert_eq(nlp::load_weights(zip.c_str(), m), NLP_ERR_FORMAT);
    cr_assert(std::strstr(nlp_last_error(), zip.c_str()) != nullptr, "%s", nlp_last_error());

    /* 10 bytes: "\x0a" ends at the 'l' (ASan caught the old count, 12). */
    static const char legacy_bytes[] = "\x80\x02\x8a\x0a" "legacy";
    std::string legacy = write_file(dir, "legacy.bin", legacy_bytes, sizeof legacy_bytes - 1);
    cr_assert_eq(nlp::load_weights(legacy.c_str(), m), NLP_ERR_UNSUPPORTED);
    cr_assert(std::strstr(nlp_last_error(), "safe_serialization=True") != nullptr, "%s",
              nlp_last_error());

    /* A real .bin cut short loses its zip directory. */
    char *data;
    size_t size;
    cr_assert_eq(nlp__read_file(shared_path("fixtures/bert-tiny-ner/pytorch_model.bin"),
                                &data, &size), NLP_OK);
    std::string cut = write_file(dir, "cut.bin", data, size / 2);
    std::free(data);
    cr_assert_eq(nlp::load_weights(cut.c_str(), m), NLP_ERR_FORMAT);
    cr_assert(std::strstr(nlp_last_error(), cut.c_str()) != nullptr, "%s", nlp_last_error());

    std::string st = write_file(dir, "bad.safetensors", "\2\0\0\0\0\0\0\0[]", 10);
    cr_assert_eq(nlp::load_weights(st.c_str(), m), NLP_ERR_FORMAT);
    cr_assert(std::strstr(nlp_last_error(), st.c_str()) != nullptr, "%s", nlp_last_error());

    cr_assert_eq(m.size(), 1, "the output map is touched only on success");
}

/* ---- hand-made torch.save files: what the state-dict reader refuses ------ */

/* A protocol-2 pickle of OrderedDict{"w": rebuild(storage "0", offset 0,
 * size, stride)}, as torch.save writes it; `fn` replaces the rebuild global
 * and `key` the storage record. */
static std::string state_dict_pickle(const std::string &size, const std::string &stride,
                                     const std::string &fn = "torch._utils\n_rebuild_tensor_v2\n",
                                     const std::string &key = "0")
{
    std::string od = "ccollections\nOrderedDict\n";
    std::string pid = std::string("(X\x07\0\0\0storage", 13) + "ctorch\nFloatStorage\n" +
                      "X" + std::string(1, (char)key.size()) + std::string(3, '\0') + key +
                      std::string("X\x03\0\0\0cpu", 8) + "K\x04t";
    return "\x80\x02" + od + ")R" + std::string("X\x01\0\0\0w", 6) + "c" + fn + "(" + pid +
           "Q" + std::string("K\0", 2) + size + stride + "\x89" + od + ")Rt" + "Rs.";
}

static std::string write_bin(const char *dir, const char *name, const std::string &pickle)
{
    std::string path = std::string(dir) + "/" + name;
    caffe2::serialize::PyTorchStreamWriter w(path);
    const float data[4] = {1, 2, 3, 4};
    w.writeRecord("data.pkl", pickle.data(), pickle.size());
    w.writeRecord("data/0", data, sizeof data);
    w.writeEndOfFile();
    return path;
}

static void expect_refused(const std::string &path, nlp_status want, const char *needle)
{
    TensorMap m;
    cr_assert_eq(nlp::load_weights(path.c_str(), m), want, "%s: %s", path.c_str(),
                 nlp_last_error());
    cr_assert(std::strstr(nlp_last_error(), path.c_str()) != nullptr, "%s", nlp_last_error());
    cr_assert(std::strstr(nlp_last_error(), needle) != nullptr, "want \"%s\" in: %s", needle,
              nlp_last_error());
    cr_assert(m.empty());
}

Test(weights, bin_reader_loads_a_state_dict_and_refuses_anything_else)
{
    const char *dir = scratch_dir("weights-pickle");
    const std::string s22 = "K\x02K\x02\x86", s21 = "K\x02K\x01\x86";
    TensorMap m = load(write_bin(dir, "good.bin", state_dict_pickle(s22, s21)).c_str());
    cr_assert_eq(m.size(), 1);
    float want[] = {1, 2, 3, 4};
    cr_assert(at::equal(m.at("w"), at::from_blob(want, {2, 2})));

    expect_refused(write_bin(dir, "code.bin", state_dict_pickle(s22, s21, "os\nsystem\n")),
                   NLP_ERR_UNSUPPORTED, "os.system");
    expect_refused(write_bin(dir, "code.bin", state_dict_pickle(s22, s21, "os\nsystem\n")),
                   NLP_ERR_UNSUPPORTED, "safe_serialization=True");
    expect_refused(write_bin(dir, "big.bin", state_dict_pickle("K\x03K\x02\x86", s21)),
                   NLP_ERR_FORMAT, "past its storage");
    expect_refused(write_bin(dir, "key.bin", state_dict_pickle(s22, s21,
                   "torch._utils\n_rebuild_tensor_v2\n", "7")), NLP_ERR_FORMAT, "data/7");
    std::string cut = state_dict_pickle(s22, s21);
    cut.pop_back(); /* no STOP */
    expect_refused(write_bin(dir, "cut.bin", cut), NLP_ERR_FORMAT, "ends in the middle");
    expect_refused(write_bin(dir, "list.bin", "\x80\x02]."), NLP_ERR_UNSUPPORTED,
                   "no dict of tensors");
}

/* Every single-byte change to the state-dict pickle loads or is refused
 * with FORMAT or UNSUPPORTED: the reader never crashes or throws. */
Test(weights, mutated_pickles_never_crash)
{
    const char *dir = scratch_dir("weights-mutate");
    const std::string good = state_dict_pickle("K\x02K\x02\x86", "K\x02K\x01\x86");
    const char subst[] = {'\0', '\x01', '\x7f', '\xff', '(', ')', 't', 'R', 'Q', 'h', '.'};
    size_t tried = 0, refused = 0;
    for (size_t at = 0; at < good.size(); at++)
        for (char c : subst) {
            if (good[at] == c)
                continue;
            std::string bad = good;
            bad[at] = c;
            std::string path = write_bin(dir, "m.bin", bad);
            TensorMap m;
            nlp_status st = nlp::load_weights(path.c_str(), m);
            cr_assert(st == NLP_OK || st == NLP_ERR_FORMAT || st == NLP_ERR_UNSUPPORTED,
                      "byte %zu -> %d: %d %s", at, c, st, nlp_last_error());
            refused += st != NLP_OK;
            tried++;
        }
    cr_assert_gt(refused, tried / 2, "%zu of %zu refused", refused, tried);
}
