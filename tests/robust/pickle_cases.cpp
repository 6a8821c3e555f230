/* Hostile pytorch_model.bin files (rows ROBUST_PICKLE_CASES of cases.h):
 * pickles that would run a shell command under Python's pickle.load. The
 * loader must refuse them, and the command must not have run. */
#include "cases.h"
#include "robust_support.h"
#include "test_support.h"

#include <caffe2/serialize/inline_container.h>
#include <criterion/criterion.h>

#include <cstdio>
#include <string>
#include <unistd.h>

namespace {

std::string binunicode(const std::string &s)
{
    std::string r = "X";
    for (int i = 0; i < 4; i++)
        r += (char)((s.size() >> (8 * i)) & 0xff);
    return r + s;
}

/* A BERT fixture copy whose weights are a torch zip holding `pickle`; the
 * marker file is what the pickle's command would create. */
nlp_status load_with_pickle(const char *name, const std::string &(*make)(const std::string &))
{
    std::string dir = robust_fixture_copy(NER_FIXTURE, name);
    unlink((dir + "/model.safetensors").c_str());
    std::string marker = dir + "/pwned";
    std::string pickle = make("touch '" + marker + "'");
    {
        caffe2::serialize::PyTorchStreamWriter w(dir + "/pytorch_model.bin");
        w.writeRecord("data.pkl", pickle.data(), pickle.size());
        w.writeEndOfFile();
    }
    nlp_ner_model *m = nullptr;
    nlp_status st = nlp_ner_load(dir.c_str(), nullptr, &m);
    nlp_ner_free(m);
    cr_assert(access(marker.c_str(), F_OK) != 0, "the pickle's command ran: %s exists",
              marker.c_str());
    return st;
}

/* os.system(cmd) by GLOBAL + TUPLE1 + REDUCE: the textbook exploit. */
const std::string &os_system(const std::string &cmd)
{
    static std::string p;
    p = "\x80\x02" "cos\nsystem\n" + binunicode(cmd) + "\x85" "R.";
    return p;
}

/* INST: MARK, the argument, then `i module\nname\n` calls it. */
const std::string &inst(const std::string &cmd)
{
    static std::string p;
    p = "\x80\x02(" + binunicode(cmd) + "ios\nsystem\n.";
    return p;
}

/* builtins.eval via STACK_GLOBAL (protocol 4). */
const std::string &builtins_eval(const std::string &cmd)
{
    static std::string p;
    p = "\x80\x04" + binunicode("builtins") + binunicode("eval") + "\x93" +
        binunicode("__import__('os').system(\"" + cmd + "\")") + "\x85" "R.";
    return p;
}

nlp_status run_pickle_calls_os_system(char *, size_t)
{
    return load_with_pickle("pickle-os-system", os_system);
}

nlp_status run_pickle_inst_opcode(char *, size_t)
{
    return load_with_pickle("pickle-inst", inst);
}

nlp_status run_pickle_builtins_eval(char *, size_t)
{
    return load_with_pickle("pickle-eval", builtins_eval);
}

} // namespace

#define X(suite, id, input, call, want, says)                                                 \
    Test(suite, id) { robust_check(#id, want, says, run_##id); }
ROBUST_PICKLE_CASES(X)
#undef X
