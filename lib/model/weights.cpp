/* weights.cpp - checkpoint tensors in and out of libtorch.
 *
 * safetensors: each tensor is an at::from_blob view of the file mapping,
 * whose deleter drops one reference to the mapping, so the file stays mapped
 * exactly as long as some tensor uses it. The mapping is private and
 * writable (copy-on-write), so in-place updates (training) are safe and
 * never reach the file. pytorch_model.bin: see weights_bin.cpp. */
#include "model/weights.hpp"
#include "model/weights.h"

#include "core/barrier.hpp"
#include "io/safetensors.h"

#include <cstdio>
#include <cstring>
#include <set>
#include <vector>

namespace nlp {

static at::ScalarType scalar_type(nlp__dtype dtype)
{
    switch (dtype) {
    case NLP__F32: return at::kFloat;
    case NLP__F16: return at::kHalf;
    case NLP__BF16: return at::kBFloat16;
    case NLP__I64: return at::kLong;
    case NLP__I32: return at::kInt;
    case NLP__I8: return at::kChar;
    case NLP__U8: return at::kByte;
    case NLP__BOOL: return at::kBool;
    }
    return at::kFloat; /* unreachable: the reader validated dtype */
}

static bool st_dtype(at::ScalarType type, nlp__dtype *out)
{
    switch (type) {
    case at::kFloat: *out = NLP__F32; return true;
    case at::kHalf: *out = NLP__F16; return true;
    case at::kBFloat16: *out = NLP__BF16; return true;
    case at::kLong: *out = NLP__I64; return true;
    case at::kInt: *out = NLP__I32; return true;
    case at::kChar: *out = NLP__I8; return true;
    case at::kByte: *out = NLP__U8; return true;
    case at::kBool: *out = NLP__BOOL; return true;
    default: return false;
    }
}

/* A view of one mapped tensor. Files written by Python's safetensors and by
 * nlp__st_write align every tensor to its element size; a file that does not
 * gets a copy, since some kernels assume aligned elements. */
static at::Tensor view_of(nlp__st_file *file, const nlp__st_tensor &t)
{
    std::vector<int64_t> shape(t.shape, t.shape + t.ndim);
    auto options = at::TensorOptions().dtype(scalar_type(t.dtype));
    void *data = const_cast<void *>(t.data);
    if (reinterpret_cast<uintptr_t>(data) % nlp__dtype_size(t.dtype) != 0) {
        at::Tensor copy = at::empty(shape, options);
        std::memcpy(copy.data_ptr(), data, t.nbytes);
        return copy;
    }
    nlp__st_retain(file);
    try {
        return at::from_blob(data, shape, [file](void *) { nlp__st_release(file); }, options);
    } catch (...) {
        nlp__st_release(file);
        throw;
    }
}

static nlp_status load_safetensors(const char *path, TensorMap &out)
{
    nlp__st_file *file = nullptr;
    nlp_status st = nlp__st_open(path, &file);
    if (st != NLP_OK)
        return st;
    /* The tensors hold their own references; this one is ours alone. */
    struct Release {
        nlp__st_file *f;
        ~Release() { nlp__st_release(f); }
    } release{file};
    TensorMap map;
    for (size_t i = 0; i < nlp__st_count(file); i++) {
        const nlp__st_tensor *t = nlp__st_at(file, i);
        map.emplace(t->name, view_of(file, *t));
    }
    out = std::move(map);
    return NLP_OK;
}

/* What the first bytes say: safetensors starts with a little-endian header
 * length, torch's zip format with "PK", the pre-1.6 torch format with a
 * pickled magic number (protocol 2 opcode 0x80 0x02). */
enum class Kind { safetensors, torch_zip, torch_legacy };

static nlp_status sniff(const char *path, Kind &kind)
{
    FILE *f = std::fopen(path, "rb");
    if (!f)
        return nlp__fail(NLP_ERR_IO, "%s: %s", path, std::strerror(errno));
    unsigned char head[2] = {0, 0};
    size_t n = std::fread(head, 1, 2, f);
    std::fclose(f);
    if (n == 2 && head[0] == 'P' && head[1] == 'K')
        kind = Kind::torch_zip;
    else if (n == 2 && head[0] == 0x80 && head[1] == 0x02)
        kind = Kind::torch_legacy;
    else
        kind = Kind::safetensors; /* the reader gives precise errors */
    return NLP_OK;
}

static const char convert_hint[] =
    "convert it to safetensors in Python: "
    "AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)";

nlp_status load_weights(const char *path, TensorMap &out)
{
    return guard("loading weights", [&]() -> nlp_status {
        Kind kind;
        nlp_status st = sniff(path, kind);
        if (st != NLP_OK)
            return st;
        switch (kind) {
        case Kind::safetensors: return load_safetensors(path, out);
        case Kind::torch_zip: return load_torch_zip(path, out);
        case Kind::torch_legacy:
            return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: legacy (pre-1.6, non-zip) torch "
                             "format is not supported; %s", path, convert_hint);
        }
        return NLP_ERR_INTERNAL;
    });
}

nlp_status save_weights(const char *path, const TensorMap &tensors)
{
    return guard("saving weights", [&]() -> nlp_status {
        /* Keep the contiguous CPU copies alive until the write is done. */
        std::vector<at::Tensor> keep;
        std::vector<std::vector<int64_t>> shapes;
        std::vector<nlp__st_write_tensor> items;
        keep.reserve(tensors.size());
        shapes.reserve(tensors.size());
        for (const auto &kv : tensors) {
            nlp__dtype dtype;
            if (!st_dtype(kv.second.scalar_type(), &dtype))
                return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: tensor \"%s\": dtype %s has no "
                                 "safetensors equivalent here", path, kv.first.c_str(),
                                 c10::toString(kv.second.scalar_type()));
            if (kv.second.dim() > NLP__MAX_DIMS)
                return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: tensor \"%s\": more than %d "
                                 "dimensions", path, kv.first.c_str(), NLP__MAX_DIMS);
            keep.push_back(kv.second.detach().to(at::kCPU).contiguous());
            shapes.emplace_back(keep.back().sizes().begin(), keep.back().sizes().end());
            items.push_back({kv.first.c_str(), dtype, (int)keep.back().dim(),
                             shapes.back().data(), keep.back().data_ptr()});
        }
        return nlp__st_write(path, items.data(), items.size());
    });
}

} // namespace nlp

/* Parameters counted once per distinct storage region, as Hugging Face's
 * num_parameters() counts tied weights once. */
static int64_t count_unique(const nlp::TensorMap &map)
{
    std::set<std::pair<const void *, int64_t>> seen;
    int64_t total = 0;
    for (const auto &kv : map) {
        const at::Tensor &t = kv.second;
        if (seen.insert({t.data_ptr(), t.numel()}).second)
            total += t.numel();
    }
    return total;
}

extern "C" nlp_status nlp__weights_summary(const char *path, nlp__weights_info *info)
{
    return nlp::guard("inspecting weights", [&]() -> nlp_status {
        nlp::Kind kind;
        nlp_status st = nlp::sniff(path, kind);
        if (st != NLP_OK)
            return st;
        if (kind == nlp::Kind::safetensors) {
            /* Header only: the mapping is lazy, no tensor data is read. */
            nlp__st_file *file = nullptr;
            if ((st = nlp__st_open(path, &file)) != NLP_OK)
                return st;
            info->format = "safetensors";
            info->tensors = nlp__st_count(file);
            info->parameters = 0;
            for (size_t i = 0; i < info->tensors; i++)
                info->parameters += nlp__st_numel(nlp__st_at(file, i));
            nlp__st_release(file);
            return NLP_OK;
        }
        nlp::TensorMap map;
        if ((st = nlp::load_weights(path, map)) != NLP_OK)
            return st;
        info->format = "pytorch";
        info->tensors = map.size();
        info->parameters = count_unique(map);
        return NLP_OK;
    });
}
