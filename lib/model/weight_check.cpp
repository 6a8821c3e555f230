/* weight_check.cpp - see weight_check.hpp. */
#include "model/weight_check.hpp"

#include <set>

namespace nlp {

std::string shape_str(at::IntArrayRef shape)
{
    std::string r = "[";
    for (size_t i = 0; i < shape.size(); i++)
        r += (i ? ", " : "") + std::to_string(shape[i]);
    return r + "]";
}

static const at::Tensor *find(const TensorMap &loaded, const WantedTensor &w,
                              std::set<std::string> &used)
{
    const std::vector<std::string> alone{w.name};
    for (const std::string &name : w.spellings.empty() ? alone : w.spellings) {
        auto it = loaded.find(name);
        if (it != loaded.end()) {
            used.insert(name);
            return &it->second;
        }
    }
    return nullptr;
}

static std::string problem_of(const WantedTensor &w, const at::Tensor *t)
{
    if (!t)
        return "missing tensor " + w.name;
    if (t->sizes() != at::IntArrayRef(w.shape))
        return "tensor " + w.name + " has shape " + shape_str(t->sizes()) + ", expected " +
               shape_str(w.shape);
    if (!t->is_floating_point())
        return "tensor " + w.name + " is not floating point";
    /* A NaN or Inf weight turns every output it touches into NaN: refuse
     * the checkpoint at load rather than answer nonsense later. */
    at::Tensor bad = at::logical_not(at::isfinite(*t)).flatten();
    int64_t n_bad = bad.sum().item<int64_t>();
    if (n_bad > 0)
        return "tensor " + w.name + " holds " + std::to_string(n_bad) +
               " NaN/Inf values (first at element " +
               std::to_string(bad.nonzero()[0][0].item<int64_t>()) + ")";
    return "";
}

static std::string listed(const std::vector<std::string> &names)
{
    std::string r;
    for (size_t i = 0; i < names.size() && i < 8; i++)
        r += (i ? ", " : "") + names[i];
    if (names.size() > 8)
        r += ", ... (" + std::to_string(names.size()) + " in all)";
    return names.empty() ? "" : "; unexpected tensors: " + r;
}

nlp_status check_tensors(const TensorMap &loaded, const std::vector<WantedTensor> &wanted,
                         const char *source, IgnoredTensor ignored,
                         std::vector<const at::Tensor *> &found,
                         std::vector<std::string> *unexpected)
{
    std::set<std::string> used;
    std::string first;
    size_t problems = 0;
    found.assign(wanted.size(), nullptr);
    for (size_t i = 0; i < wanted.size(); i++) {
        const at::Tensor *t = find(loaded, wanted[i], used);
        std::string why = problem_of(wanted[i], t);
        if (why.empty())
            found[i] = t;
        else if (problems++ == 0)
            first = why;
    }
    std::vector<std::string> extra;
    for (const auto &kv : loaded)
        if (!used.count(kv.first) && !(ignored && ignored(kv.first)))
            extra.push_back(kv.first);
    if (unexpected)
        *unexpected = extra;
    if (problems == 0)
        return NLP_OK;
    std::string more =
        problems > 1 ? " (and " + std::to_string(problems - 1) + " more problems)" : "";
    return nlp__fail(NLP_ERR_FORMAT, "%s: %s%s%s", source, first.c_str(), more.c_str(),
                     listed(extra).c_str());
}

} // namespace nlp
