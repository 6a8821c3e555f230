/* weights_bin.cpp - pytorch_model.bin (torch.save's zip format) without
 * Python.
 *
 * libtorch 1.13's own torch::jit::pickle_load cannot read a state dict
 * saved by Python: its unpickler turns collections.OrderedDict into None (it
 * expects one only as a tensor's unused backward-hooks argument) and then
 * fails on the first SETITEMS ("Expected GenericDict but got None"). So the
 * zip container is read with libtorch's PyTorchStreamReader and data.pkl
 * with the small pickle machine below, which knows exactly the opcodes and
 * the handful of globals torch.save emits for a state dict and refuses
 * everything else: no arbitrary code runs, unlike Python's torch.load. */
#include "model/weights.hpp"

#include <caffe2/serialize/inline_container.h>
#include <c10/util/Exception.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace nlp {
namespace {

/* A problem with the file's contents (FORMAT) or a valid file using pickle
 * features this loader leaves out (UNSUPPORTED). */
struct BadPickle : std::runtime_error {
    nlp_status status;
    BadPickle(nlp_status s, const std::string &m) : std::runtime_error(m), status(s) {}
};

[[noreturn]] void bad(const std::string &message)
{
    throw BadPickle(NLP_ERR_FORMAT, message);
}

[[noreturn]] void unsupported(const std::string &message)
{
    throw BadPickle(NLP_ERR_UNSUPPORTED, message);
}

/* A Python object, as far as a state dict needs. */
struct Value;
using Ref = std::shared_ptr<Value>;
struct Value {
    enum Kind { none, boolean, integer, floating, string, tuple, list, dict, global,
                storage, tensor } kind = none;
    int64_t i = 0;
    double f = 0;
    std::string s;                        /* string; global as "module.name" */
    std::vector<Ref> items;               /* tuple, list */
    std::vector<std::pair<Ref, Ref>> map; /* dict, in insertion order */
    at::Storage store;                    /* storage */
    at::ScalarType type = at::kFloat;     /* storage element type */
    at::Tensor t;                         /* tensor */
};

Ref make(Value::Kind kind)
{
    auto v = std::make_shared<Value>();
    v->kind = kind;
    return v;
}

at::ScalarType storage_type(const std::string &name)
{
    static const std::unordered_map<std::string, at::ScalarType> types = {
        {"torch.FloatStorage", at::kFloat},   {"torch.DoubleStorage", at::kDouble},
        {"torch.HalfStorage", at::kHalf},     {"torch.BFloat16Storage", at::kBFloat16},
        {"torch.LongStorage", at::kLong},     {"torch.IntStorage", at::kInt},
        {"torch.ShortStorage", at::kShort},   {"torch.CharStorage", at::kChar},
        {"torch.ByteStorage", at::kByte},     {"torch.BoolStorage", at::kBool},
    };
    auto it = types.find(name);
    if (it == types.end())
        unsupported("storage type " + name);
    return it->second;
}

class Unpickler {
public:
    Unpickler(const uint8_t *data, size_t size, caffe2::serialize::PyTorchStreamReader &zip)
        : start_(data), p_(data), end_(data + size), zip_(zip) {}

    Ref run()
    {
        for (;;) {
            uint8_t op = byte();
            if (op == '.')
                return pop();
            step(op);
        }
    }

private:
    const uint8_t *start_, *p_, *end_;
    caffe2::serialize::PyTorchStreamReader &zip_;
    std::vector<Ref> stack_;
    std::vector<size_t> marks_;
    std::unordered_map<uint64_t, Ref> memo_;
    std::unordered_map<std::string, Ref> storages_; /* by record key: shared storage */

    /* ---- input ---- */
    const uint8_t *take(size_t n)
    {
        if ((size_t)(end_ - p_) < n)
            bad("data.pkl ends in the middle of an instruction");
        const uint8_t *at = p_;
        p_ += n;
        return at;
    }
    uint8_t byte() { return *take(1); }
    uint64_t uint_le(size_t n)
    {
        const uint8_t *b = take(n);
        uint64_t v = 0;
        for (size_t k = n; k-- > 0;)
            v = (v << 8) | b[k];
        return v;
    }
    std::string text(size_t n)
    {
        const uint8_t *b = take(n);
        return std::string(reinterpret_cast<const char *>(b), n);
    }
    std::string line()
    {
        const uint8_t *nl = static_cast<const uint8_t *>(std::memchr(p_, '\n', end_ - p_));
        if (!nl)
            bad("data.pkl: unterminated GLOBAL");
        std::string s(reinterpret_cast<const char *>(p_), nl - p_);
        p_ = nl + 1;
        return s;
    }

    /* ---- stack ---- */
    Ref pop()
    {
        if (stack_.size() <= (marks_.empty() ? 0 : marks_.back()))
            bad("data.pkl: stack underflow");
        Ref v = stack_.back();
        stack_.pop_back();
        return v;
    }
    Ref &top()
    {
        if (stack_.empty())
            bad("data.pkl: stack underflow");
        return stack_.back();
    }
    std::vector<Ref> pop_to_mark()
    {
        if (marks_.empty())
            bad("data.pkl: MARK missing");
        size_t m = marks_.back();
        marks_.pop_back();
        std::vector<Ref> items(stack_.begin() + m, stack_.end());
        stack_.resize(m);
        return items;
    }
    void push(Ref v) { stack_.push_back(std::move(v)); }
    void push_int(int64_t i)
    {
        Ref v = make(Value::integer);
        v->i = i;
        push(v);
    }
    void push_string(std::string s)
    {
        Ref v = make(Value::string);
        v->s = std::move(s);
        push(v);
    }
    void push_tuple(std::vector<Ref> items)
    {
        Ref v = make(Value::tuple);
        v->items = std::move(items);
        push(v);
    }
    void memo_get(uint64_t key)
    {
        auto it = memo_.find(key);
        if (it == memo_.end())
            bad("data.pkl: memo entry " + std::to_string(key) + " read before written");
        push(it->second);
    }
    Ref &dict_below()
    {
        Ref &d = top();
        if (d->kind != Value::dict)
            unsupported("data.pkl: items set on something other than a dict");
        return d;
    }

    /* ---- instructions ---- */
    void step(uint8_t op);
    void call(const Ref &callable, const Ref &args);
    Ref persistent_load(const Ref &pid);
    Ref rebuild_tensor(const std::vector<Ref> &args);
};

void Unpickler::step(uint8_t op)
{
    switch (op) {
    case 0x80: if (byte() > 5) unsupported("pickle protocol above 5"); break; /* PROTO */
    case 0x95: take(8); break;                                          /* FRAME */
    case '(': marks_.push_back(stack_.size()); break;                   /* MARK */
    case 'N': push(make(Value::none)); break;
    case 0x88: case 0x89: {                                             /* NEWTRUE/FALSE */
        Ref v = make(Value::boolean);
        v->i = op == 0x88;
        push(v);
        break;
    }
    case 'K': push_int((int64_t)uint_le(1)); break;                     /* BININT1 */
    case 'M': push_int((int64_t)uint_le(2)); break;                     /* BININT2 */
    case 'J': push_int((int32_t)(uint32_t)uint_le(4)); break;           /* BININT */
    case 0x8a: {                                                        /* LONG1 */
        size_t n = byte();
        if (n > 8)
            unsupported("integer wider than 64 bits");
        uint64_t v = n ? uint_le(n) : 0;
        if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1)
            v |= ~(uint64_t)0 << (8 * n); /* sign-extend */
        push_int((int64_t)v);
        break;
    }
    case 'G': {                                                         /* BINFLOAT */
        const uint8_t *b = take(8);
        uint64_t bits = 0;
        for (int k = 0; k < 8; k++)
            bits = (bits << 8) | b[k]; /* big-endian */
        Ref v = make(Value::floating);
        std::memcpy(&v->f, &bits, 8);
        push(v);
        break;
    }
    case 'X': push_string(text(uint_le(4))); break;                     /* BINUNICODE */
    case 0x8c: case 'U': case 'C': push_string(text(byte())); break;    /* short strings */
    case 'T': case 'B': push_string(text(uint_le(4))); break;           /* BINSTRING/BYTES */
    case 0x8d: case 0x8e: push_string(text(uint_le(8))); break;         /* 8-byte lengths */
    case ')': push_tuple({}); break;
    case 't': push_tuple(pop_to_mark()); break;
    case 0x85: push_tuple({pop()}); break;
    case 0x86: { Ref b = pop(), a = pop(); push_tuple({a, b}); break; }
    case 0x87: { Ref c = pop(), b = pop(), a = pop(); push_tuple({a, b, c}); break; }
    case ']': push(make(Value::list)); break;
    case 'l': { Ref v = make(Value::list); v->items = pop_to_mark(); push(v); break; }
    case 'a': { Ref v = pop(); top()->items.push_back(v); break; }
    case 'e': { auto vs = pop_to_mark(); for (auto &v : vs) top()->items.push_back(v); break; }
    case '}': push(make(Value::dict)); break;
    case 's': { Ref v = pop(), k = pop(); dict_below()->map.emplace_back(k, v); break; }
    case 'u': {                                                         /* SETITEMS */
        auto kv = pop_to_mark();
        if (kv.size() % 2)
            bad("data.pkl: SETITEMS with an odd number of items");
        Ref &d = dict_below();
        for (size_t k = 0; k < kv.size(); k += 2)
            d->map.emplace_back(kv[k], kv[k + 1]);
        break;
    }
    case 'q': memo_[uint_le(1)] = top(); break;                         /* BINPUT */
    case 'r': memo_[uint_le(4)] = top(); break;                         /* LONG_BINPUT */
    case 0x94: memo_[memo_.size()] = top(); break;                      /* MEMOIZE */
    case 'h': memo_get(uint_le(1)); break;                              /* BINGET */
    case 'j': memo_get(uint_le(4)); break;                              /* LONG_BINGET */
    case 'c': {                                                         /* GLOBAL */
        Ref g = make(Value::global);
        g->s = line();
        g->s += "." + line();
        push(g);
        break;
    }
    case 0x93: {                                                        /* STACK_GLOBAL */
        Ref name = pop(), module = pop();
        Ref g = make(Value::global);
        g->s = module->s + "." + name->s;
        push(g);
        break;
    }
    case 'Q': push(persistent_load(pop())); break;                      /* BINPERSID */
    case 'R': case 0x81: { Ref args = pop(), fn = pop(); call(fn, args); break; }
    case 'b': pop(); top(); break; /* BUILD: state (a dict's _metadata) is not needed */
    default: {
        char msg[96];
        std::snprintf(msg, sizeof msg, "data.pkl: pickle opcode 0x%02x at byte %zu",
                      (unsigned)op, (size_t)(p_ - 1 - start_));
        unsupported(msg);
    }
    }
}

void Unpickler::call(const Ref &fn, const Ref &args)
{
    if (fn->kind != Value::global || args->kind != Value::tuple)
        unsupported("data.pkl: a call of something that is not a known function");
    const std::string &name = fn->s;
    if (name == "collections.OrderedDict") {
        push(make(Value::dict));
    } else if (name == "torch._utils._rebuild_tensor_v2") {
        push(rebuild_tensor(args->items));
    } else if (name == "torch._utils._rebuild_parameter" ||
               name == "torch._utils._rebuild_parameter_with_state") {
        if (args->items.empty() || args->items[0]->kind != Value::tensor)
            bad("data.pkl: _rebuild_parameter without a tensor");
        push(args->items[0]);
    } else {
        unsupported("data.pkl calls " + name + ", which libnlp does not load");
    }
}

/* ('storage', torch.FloatStorage, key, location, numel): the bytes are the
 * zip record data/<key>. */
Ref Unpickler::persistent_load(const Ref &pid)
{
    const auto &it = pid->items;
    if (pid->kind != Value::tuple || it.size() != 5 || it[0]->s != "storage" ||
        it[1]->kind != Value::global || it[2]->kind != Value::string ||
        it[4]->kind != Value::integer || it[4]->i < 0)
        unsupported("data.pkl: a persistent id other than a tensor storage");
    auto cached = storages_.find(it[2]->s);
    if (cached != storages_.end())
        return cached->second;
    Ref v = make(Value::storage);
    v->type = storage_type(it[1]->s);
    std::string record = "data/" + it[2]->s;
    if (!zip_.hasRecord(record))
        bad("record " + record + " is missing");
    auto data = zip_.getRecord(record);
    size_t need = (size_t)it[4]->i * c10::elementSize(v->type);
    if (std::get<1>(data) < need)
        bad("record " + record + " is shorter than its storage");
    v->store = at::Storage(at::Storage::use_byte_size_t(), std::get<1>(data),
                           std::move(std::get<0>(data)), nullptr, false);
    storages_.emplace(it[2]->s, v);
    return v;
}

std::vector<int64_t> ints(const Ref &v, const char *what)
{
    if (v->kind != Value::tuple)
        bad(std::string("data.pkl: tensor ") + what + " is not a tuple");
    std::vector<int64_t> out;
    for (const Ref &x : v->items) {
        if (x->kind != Value::integer || x->i < 0)
            bad(std::string("data.pkl: tensor ") + what + " holds a non-integer");
        out.push_back(x->i);
    }
    return out;
}

/* _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks):
 * a view of the storage, checked to stay inside it. */
Ref Unpickler::rebuild_tensor(const std::vector<Ref> &args)
{
    if (args.size() < 4 || args[0]->kind != Value::storage ||
        args[1]->kind != Value::integer || args[1]->i < 0)
        bad("data.pkl: malformed _rebuild_tensor_v2 arguments");
    std::vector<int64_t> size = ints(args[2], "size"), stride = ints(args[3], "stride");
    if (size.size() != stride.size())
        bad("data.pkl: tensor size and stride differ in length");
    const Value &s = *args[0];
    int64_t capacity = (int64_t)(s.store.nbytes() / c10::elementSize(s.type));
    int64_t last = args[1]->i; /* highest element index used */
    bool empty = false;
    for (size_t d = 0; d < size.size(); d++) {
        int64_t span = 0;
        if (size[d] == 0)
            empty = true;
        else if (__builtin_mul_overflow(size[d] - 1, stride[d], &span) ||
                 __builtin_add_overflow(last, span, &last))
            bad("data.pkl: tensor size overflows");
    }
    if (!empty && last >= capacity)
        bad("data.pkl: tensor extends past its storage");
    Ref v = make(Value::tensor);
    v->t = at::empty({0}, at::TensorOptions().dtype(s.type)).set_(s.store, args[1]->i, size,
                                                                     stride);
    return v;
}

std::string read_byteorder(caffe2::serialize::PyTorchStreamReader &zip)
{
    if (!zip.hasRecord("byteorder"))
        return "little"; /* written before torch 2.1: the writer's, always little here */
    auto rec = zip.getRecord("byteorder");
    return std::string(static_cast<const char *>(std::get<0>(rec).get()), std::get<1>(rec));
}

TensorMap to_tensor_map(const Ref &root)
{
    if (root->kind != Value::dict)
        unsupported("data.pkl holds no dict of tensors (a whole pickled model?)");
    TensorMap out;
    for (const auto &kv : root->map) {
        if (kv.first->kind != Value::string || kv.second->kind != Value::tensor)
            unsupported("data.pkl is not a flat name -> tensor dict (key \"" + kv.first->s +
                        "\")");
        out[kv.first->s] = kv.second->t;
    }
    return out;
}

} // namespace

nlp_status load_torch_zip(const char *path, TensorMap &out)
{
    static const char hint[] = "; convert it to safetensors in Python with "
        "AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)";
    try {
        caffe2::serialize::PyTorchStreamReader zip{std::string(path)};
        if (read_byteorder(zip) != "little")
            unsupported("big-endian tensor data");
        if (!zip.hasRecord("data.pkl"))
            bad("no data.pkl record: not a torch.save file");
        auto pkl = zip.getRecord("data.pkl");
        Unpickler u(static_cast<const uint8_t *>(std::get<0>(pkl).get()), std::get<1>(pkl), zip);
        out = to_tensor_map(u.run());
        return NLP_OK;
    } catch (const BadPickle &e) {
        if (e.status == NLP_ERR_UNSUPPORTED)
            return nlp__fail(e.status, "%s: %s%s", path, e.what(), hint);
        return nlp__fail(e.status, "%s: %s", path, e.what());
    } catch (const c10::Error &e) {
        /* PyTorchStreamReader's complaints: not a zip, bad record, ... */
        std::string what = e.what_without_backtrace();
        return nlp__fail(NLP_ERR_FORMAT, "%s: not a readable torch zip file: %s", path,
                         what.substr(0, what.find('\n')).c_str());
    }
}

} // namespace nlp
