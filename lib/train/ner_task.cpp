/* ner_task.cpp - the NER TrainTask (see ner_task.hpp). Training features
 * follow run_ner.py: word tags expanded to subwords (label_all_tokens);
 * evaluation counts each word once, at its first subword, with seqeval's
 * default mode. */
#include "train/ner_task.hpp"
#include "io/hf_config.h"
#include "io/ner_data.h"
#include "metrics/seqeval.h"
#include "model/bert_train.hpp"
#include "text/tokenizer.h"
#include "train/cached_features.hpp"
#include "train/hf_files.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <jansson.h>

#include <algorithm>
#include <cstring>
#include <set>

namespace nlp {

namespace {

struct ConllDeleter {
    void operator()(nlp__ner_data *c) const { nlp__ner_data_free(c); }
};
using Conll = std::unique_ptr<nlp__ner_data, ConllDeleter>;

nlp_status read_conll(const char *path, Conll &out)
{
    nlp__ner_data *c = nullptr;
    nlp__ner_read_options opts = nlp__ner_read_options_conll2003();
    nlp_status st = nlp__ner_read(path, &opts, &c);
    out.reset(c);
    return st;
}

/* O first, then B-/I- of each type in byte order (CoNLL tags are IOB2
 * after reading). */
std::vector<std::string> labels_from_data(const std::vector<const nlp__ner_data *> &sets)
{
    std::set<std::string> types;
    for (const nlp__ner_data *c : sets) {
        const char *const *tags = c->tags;
        for (size_t i = 0; i < c->token_count; i++)
            if (strcmp(tags[i], "O") != 0 && strlen(tags[i]) > 2)
                types.insert(tags[i] + 2);
    }
    std::vector<std::string> out = {"O"};
    for (const std::string &t : types) {
        out.push_back("B-" + t);
        out.push_back("I-" + t);
    }
    return out;
}

bool covers(const std::vector<std::string> &labels, const std::vector<const nlp__ner_data *> &sets)
{
    std::set<std::string> have(labels.begin(), labels.end());
    for (const nlp__ner_data *c : sets) {
        const char *const *tags = c->tags;
        for (size_t i = 0; i < c->token_count; i++)
            if (!have.count(tags[i]))
                return false;
    }
    return true;
}

class NerTask final : public TrainTask {
public:
    nlp__hf_config *cfg = nullptr;
    std::string model_dir;
    std::vector<std::string> labels;
    BertTrainModel model;
    nlp__tokenizer *tok = nullptr;
    nlp__feature_set train{}, eval{};
    bool has_eval = false;

    ~NerTask() override
    {
        nlp__hf_config_free(cfg);
        nlp__tokenizer_free(tok);
        nlp__feature_set_clear(&train);
        nlp__feature_set_clear(&eval);
    }

    std::vector<Param> trainable() override
    {
        std::vector<Param> out;
        for (const std::string &n : model.names)
            out.push_back({n, model.params.at(n), param_decays(n), {}, {}});
        return out;
    }
    const nlp__feature_set &train_features() const override { return train; }
    int32_t pad_id() const override { return (int32_t)model.config.pad_token_id; }
    bool can_evaluate() const override { return has_eval; }
    const char *default_metric() const override { return "overall_f1"; }

    at::Tensor logits(const BatchTensors &t, bool train_mode)
    {
        return bert_token_logits(model, t.ids, at::zeros_like(t.ids), t.mask, train_mode);
    }

    at::Tensor loss(const nlp__batch &b, bool train_mode) override
    {
        BatchTensors t = batch_tensors(b);
        return token_classification_loss(logits(t, train_mode), t.labels);
    }

    size_t eval_count() const override { return has_eval ? eval.count : 0; }
    nlp_status evaluate_part(size_t batch_size, size_t begin, size_t end,
                             std::vector<double> &part) override;
    nlp_status evaluate_metrics(const std::vector<std::vector<double>> &parts,
                                Metrics &out) override;
    nlp_status save_model(const std::string &dir) override;
};

/* A part's record: [eval loss summed over rows (batch mean x rows), rows,
 * then per row: its word count w, w gold label ids, w predicted ids]. Each
 * word counts once, at its first subword (the only labelled one). */
nlp_status NerTask::evaluate_part(size_t batch_size, size_t begin, size_t end,
                                  std::vector<double> &part)
{
    double loss_sum = 0;
    std::vector<double> words;
    size_t rows = 0;
    auto score = [&](const nlp__batch &b) {
        BatchTensors t = batch_tensors(b);
        at::Tensor lg = logits(t, false);
        loss_sum += token_classification_loss(lg, t.labels).item<double>() * (double)b.rows;
        at::Tensor arg = lg.argmax(-1).contiguous();
        const int64_t *p = arg.data_ptr<int64_t>();
        for (size_t r = 0; r < b.rows; r++) {
            size_t at_len = words.size();
            words.push_back(0);
            std::vector<double> pred;
            for (size_t c = 0; c < b.cols; c++) {
                int64_t g = b.labels[r * b.label_cols + c];
                if (g < 0)
                    continue;
                words.push_back((double)g);
                pred.push_back((double)p[r * b.cols + c]);
            }
            words[at_len] = (double)pred.size();
            words.insert(words.end(), pred.begin(), pred.end());
        }
        rows += b.rows;
        return NLP_OK;
    };
    nlp_status st = for_each_batch(eval, begin, end, batch_size, pad_id(), score);
    if (st != NLP_OK)
        return st;
    part.assign({loss_sum, (double)rows});
    part.insert(part.end(), words.begin(), words.end());
    return NLP_OK;
}

nlp_status NerTask::evaluate_metrics(const std::vector<std::vector<double>> &parts,
                                     Metrics &out)
{
    std::vector<const char *> gold, pred;
    std::vector<size_t> lengths;
    double loss_sum = 0;
    size_t rows = 0;
    for (const std::vector<double> &p : parts) {
        if (p.size() < 2)
            return nlp__fail(NLP_ERR_INTERNAL, "NER evaluation: a malformed part record");
        loss_sum += p[0];
        rows += (size_t)p[1];
        for (size_t i = 2; i < p.size();) {
            size_t w = (size_t)p[i];
            if (i + 1 + 2 * w > p.size())
                return nlp__fail(NLP_ERR_INTERNAL, "NER evaluation: a malformed part record");
            for (size_t k = 0; k < w; k++) {
                size_t g = (size_t)p[i + 1 + k], q = (size_t)p[i + 1 + w + k];
                if (g >= labels.size() || q >= labels.size())
                    return nlp__fail(NLP_ERR_INTERNAL, "NER evaluation: label id out of range");
                gold.push_back(labels[g].c_str());
                pred.push_back(labels[q].c_str());
            }
            lengths.push_back(w);
            i += 1 + 2 * w;
        }
    }
    nlp_seqeval_report *rep = nullptr;
    nlp_status st = nlp__seqeval_evaluate(gold.data(), pred.data(), lengths.data(),
                                         lengths.size(), nullptr, &rep);
    if (st != NLP_OK)
        return st;
    const nlp_entity_score *micro = &rep->avg[NLP_AVERAGE_MICRO];
    out["loss"] = rows ? loss_sum / (double)rows : NAN;
    out["overall_precision"] = micro->precision;
    out["overall_recall"] = micro->recall;
    out["overall_f1"] = micro->f1;
    out["f1"] = micro->f1;
    out["accuracy"] = rep->accuracy;
    nlp__seqeval_report_free(rep);
    return NLP_OK;
}

nlp_status NerTask::save_model(const std::string &dir)
{
    TensorMap w;
    for (const std::string &n : model.names)
        w[n] = model.params.at(n).detach().contiguous();
    nlp_status st = save_weights((dir + "/model.safetensors").c_str(), w);
    if (st == NLP_OK)
        st = write_hf_config(model_dir, dir, labels, "BertForTokenClassification");
    if (st == NLP_OK)
        st = copy_tokenizer_files(model_dir, dir);
    return st;
}

/* Tokenize sentences [0, n) into out. */
nlp_status tokenize_sentences(NerTask &t, const nlp__ner_data *c, const char *path, size_t n,
                              const nlp_train_options &o, bool label_all, nlp__feature_set &out)
{
    std::vector<int32_t> cont(t.labels.size());
    std::vector<const char *> names;
    for (const std::string &l : t.labels)
        names.push_back(l.c_str());
    nlp__ner_continuation_labels(names.data(), names.size(), cont.data());
    const char *const *words = c->words;
    const char *const *tags = c->tags;
    const size_t *lens = c->lengths;
    size_t off = 0;
    nlp_status st = NLP_OK;
    for (size_t s = 0; s < n && st == NLP_OK; off += lens[s], s++) {
        std::vector<size_t> wl(lens[s]);
        std::vector<int32_t> wlab(lens[s]);
        for (size_t w = 0; w < lens[s]; w++) {
            wl[w] = strlen(words[off + w]);
            auto it = std::find(t.labels.begin(), t.labels.end(), tags[off + w]);
            if (it == t.labels.end())
                return nlp__fail_at(NLP_ERR_FORMAT, path, c->lines[s] + (long)w,
                                    "tag \"%s\" is not one of the model's labels",
                                    tags[off + w]);
            wlab[w] = (int32_t)(it - t.labels.begin());
        }
        nlp__encoding *enc = nullptr;
        st = nlp__tokenizer_encode_words(t.tok, words + off, wl.data(), lens[s], true, 0, &enc);
        if (st == NLP_OK)
            st = nlp__ner_feature_push(&out, enc, wlab.data(), wlab.size(), cont.data(),
                                       label_all, (uint32_t)o.max_length);
        nlp__encoding_free(enc);
        if (st != NLP_OK)
            st = nlp__wrap(st, "%s:%ld", path, c->lines[s]);
    }
    return st;
}

/* Tokenize every sentence (or read the cached result). */
nlp_status build_features(NerTask &t, const nlp__ner_data *c, const char *path,
                          const nlp_train_options &o, bool label_all, size_t limit,
                          nlp__feature_set &out)
{
    size_t n = c->sentence_count;
    n = limit && limit < n ? limit : n;
    std::string opt = "ner/1|" + std::to_string(o.max_length) + "|" +
                      std::to_string(label_all) + "|" + std::to_string(n) + "|";
    for (const std::string &l : t.labels)
        opt += l + ",";
    const char *tokfile = t.cfg->tokenizer.tokenizer_json ? t.cfg->tokenizer.tokenizer_json
                                                          : t.cfg->tokenizer.vocab_txt;
    uint64_t key = 0;
    nlp_status st = feature_key(opt, tokfile, path, key);
    if (st != NLP_OK)
        return st;
    return cached_features(o, key, [&] {
        return tokenize_sentences(t, c, path, n, o, label_all, out);
    }, out);
}

/* HF initialises a new classifier as N(0, initializer_range), bias 0. */
void new_classifier(TensorMap &w, int64_t labels, const nlp__bert_config &c, uint64_t seed)
{
    at::Generator g = at::make_generator<at::CPUGeneratorImpl>(seed);
    at::Tensor weight = at::empty({labels, c.hidden_size}, at::kFloat);
    weight.normal_(0.0, c.initializer_range, g);
    w["classifier.weight"] = weight;
    w["classifier.bias"] = at::zeros({labels}, at::kFloat);
}

} // namespace

nlp_status ner_task_create(const char *base_dir, const char *train_path, const char *eval_path,
                           const nlp_train_options &o, std::unique_ptr<TrainTask> &out,
                           nlp_train_report &report)
{
    auto t = std::make_unique<NerTask>();
    t->model_dir = o.resume_from ? o.resume_from : base_dir;
    nlp_status st = nlp__hf_config_load(t->model_dir.c_str(), &t->cfg);
    if (st != NLP_OK)
        return st;
    if (t->cfg->type != NLP__MODEL_BERT)
        return nlp__fail(NLP_ERR_UNSUPPORTED, "%s: NER training needs a BERT checkpoint",
                         t->model_dir.c_str());
    Conll train, eval;
    st = read_conll(train_path, train);
    if (st == NLP_OK && eval_path)
        st = read_conll(eval_path, eval);
    if (st != NLP_OK)
        return st;
    std::vector<const nlp__ner_data *> sets = {train.get()};
    if (eval)
        sets.push_back(eval.get());
    for (size_t i = 0; i < t->cfg->num_labels; i++)
        t->labels.push_back(t->cfg->id2label[i]);
    bool keep_head = !t->labels.empty() && covers(t->labels, sets);
    if (!keep_head)
        t->labels = labels_from_data(sets);
    st = nlp__tokenizer_load(t->cfg->dir, &t->cfg->tokenizer.settings, &t->tok);
    if (st == NLP_OK)
        st = build_features(*t, train.get(), train_path, o, o.label_all_tokens != 0,
                            o.max_train_examples, t->train);
    if (st == NLP_OK && eval)
        st = build_features(*t, eval.get(), eval_path, o, false, o.max_eval_examples, t->eval);
    if (st != NLP_OK)
        return st;
    t->has_eval = eval && t->eval.count > 0;
    TensorMap w;
    if (!t->cfg->weights_path)
        return nlp__fail(NLP_ERR_IO, "%s: no model.safetensors or pytorch_model.bin",
                         t->model_dir.c_str());
    st = load_weights(t->cfg->weights_path, w);
    if (st != NLP_OK)
        return st;
    if (!keep_head)
        new_classifier(w, (int64_t)t->labels.size(), t->cfg->bert, o.seed);
    st = bert_train_model_init(t->cfg->bert, (int64_t)t->labels.size(), w, t->model);
    if (st != NLP_OK)
        return st;
    report.train_examples = t->train.count;
    report.eval_examples = t->eval.count;
    report.truncated = t->train.truncated;
    out = std::move(t);
    return NLP_OK;
}

} // namespace nlp
