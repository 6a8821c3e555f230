/* toxic_task.cpp - the toxicity TrainTask (see toxic_task.hpp). Examples
 * follow the text-to-text recipe: input = prefix + text (cut to max_length
 * tokens, </s> kept), target = the label word of the row's class + </s>;
 * the loss is T5ForConditionalGeneration's. Evaluation classifies the eval
 * texts exactly as nlp_toxic_classify does (so the selection metric is the
 * one `nlp toxic eval` reports) and adds the teacher-forced eval loss. */
#include "train/toxic_task.hpp"
#include "io/text_data.h"
#include "metrics/classification.h"
#include "model/t5_train.hpp"
#include "train/cached_features.hpp"
#include "train/files.h"
#include "train/hf_files.hpp"

#include <jansson.h>

#include <cstring>

namespace nlp {

namespace {

struct TextDataDeleter {
    void operator()(nlp__text_data *d) const { nlp__text_data_free(d); }
};
using TextData = std::unique_ptr<nlp__text_data, TextDataDeleter>;

size_t limited(size_t count, size_t limit)
{
    return limit && limit < count ? limit : count;
}

class ToxicTask final : public TrainTask {
public:
    std::string model_dir;
    nlp_toxic_model *toxic = nullptr;
    std::vector<std::pair<std::string, at::Tensor>> params;
    double dropout = 0;
    size_t target[2] = {0, 0}; /* label index of the target word: [not toxic, toxic] */
    nlp__feature_set train{}, eval{};
    TextData eval_data;
    size_t eval_rows = 0;
    bool weighted = false;
    double class_weight[2] = {1, 1};

    ~ToxicTask() override
    {
        nlp__toxic_free(toxic);
        nlp__feature_set_clear(&train);
        nlp__feature_set_clear(&eval);
    }

    nlp__t5_model &model() { return *toxic->t5->model; }

    std::vector<Param> trainable() override
    {
        std::vector<Param> out;
        for (auto &p : params)
            out.push_back({p.first, p.second, param_decays(p.first), {}, {}});
        return out;
    }
    const nlp__feature_set &train_features() const override { return train; }
    int32_t pad_id() const override { return toxic->t5->pad_id; }
    bool can_evaluate() const override { return eval_rows > 0; }
    const char *default_metric() const override { return "f1"; }

    /* Row r of b is a toxic example when its target is the toxic word. */
    bool toxic_row(const nlp__batch &b, size_t r) const
    {
        size_t j = target[1], begin = toxic->candidate_offsets[j];
        size_t n = toxic->candidate_offsets[j + 1] - begin;
        if (n + 1 > b.label_cols)
            return false;
        for (size_t i = 0; i < n; i++)
            if (b.labels[r * b.label_cols + i] != toxic->candidate_ids[begin + i])
                return false;
        return b.labels[r * b.label_cols + n] == toxic->t5->eos_id;
    }

    at::Tensor loss(const nlp__batch &b, bool train_mode) override
    {
        BatchTensors t = batch_tensors(b);
        at::Tensor weights;
        if (weighted && train_mode) { /* the eval loss stays the plain mean */
            std::vector<float> w(b.rows);
            for (size_t r = 0; r < b.rows; r++)
                w[r] = (float)class_weight[toxic_row(b, r)];
            weights = at::tensor(w);
        }
        return t5::seq2seq_loss(model(), t.ids, t.mask.to(at::kFloat), t.labels,
                                train_mode ? dropout : 0.0, weights);
    }

    /* The trained loss's denominator: label positions times the row's
     * class weight when the loss is weighted. */
    double loss_weight(const nlp__batch &b) const override
    {
        if (!weighted)
            return TrainTask::loss_weight(b);
        double sum = 0;
        for (size_t r = 0; r < b.rows; r++) {
            size_t n = 0;
            for (size_t c = 0; c < b.label_cols; c++)
                n += b.labels[r * b.label_cols + c] != -100;
            sum += (double)(float)class_weight[toxic_row(b, r)] * (double)n;
        }
        return sum;
    }

    size_t eval_count() const override { return eval_rows; }
    nlp_status evaluate_part(size_t batch_size, size_t begin, size_t end,
                             std::vector<double> &part) override;
    nlp_status evaluate_metrics(const std::vector<std::vector<double>> &parts,
                                Metrics &out) override;
    nlp_status save_model(const std::string &dir) override;
};

/* A part's record: [eval loss summed over rows, rows, then gold, predicted,
 * score for each row]. */
nlp_status ToxicTask::evaluate_part(size_t batch_size, size_t begin, size_t end,
                                    std::vector<double> &part)
{
    end = std::min(end, eval_rows);
    begin = std::min(begin, end);
    size_t n = end - begin;
    double sum = 0;
    nlp_status st = for_each_batch(eval, begin, end, batch_size, pad_id(), [&](const nlp__batch &b) {
        sum += loss(b, false).item<double>() * (double)b.rows;
        return NLP_OK;
    });
    if (st != NLP_OK)
        return st;
    const nlp__text_row *rows = eval_data->rows + begin;
    std::vector<const char *> texts(n);
    std::vector<size_t> lens(n);
    std::vector<nlp_toxic_result *> res(n);
    for (size_t i = 0; i < n; i++) {
        texts[i] = rows[i].text;
        lens[i] = rows[i].length;
    }
    if (n)
        st = nlp__toxic_classify(toxic, texts.data(), lens.data(), n, res.data());
    if (st != NLP_OK)
        return st;
    part.assign({sum, (double)n});
    for (size_t i = 0; i < n; i++) {
        part.push_back(rows[i].label);
        part.push_back(res[i]->is_toxic);
        part.push_back(res[i]->score);
        nlp__toxic_result_free(res[i]);
    }
    return NLP_OK;
}

nlp_status ToxicTask::evaluate_metrics(const std::vector<std::vector<double>> &parts,
                                       Metrics &out)
{
    std::vector<int> gold, pred;
    std::vector<double> score;
    double sum = 0;
    for (const std::vector<double> &p : parts) {
        if (p.size() < 2 || p.size() != 2 + 3 * (size_t)p[1])
            return nlp__fail(NLP_ERR_INTERNAL, "toxic evaluation: a malformed part record");
        sum += p[0];
        for (size_t i = 2; i < p.size(); i += 3) {
            gold.push_back((int)p[i]);
            pred.push_back((int)p[i + 1]);
            score.push_back(p[i + 2]);
        }
    }
    nlp_classification_metrics m;
    nlp_status st = nlp__classification_evaluate(gold.data(), pred.data(), score.data(),
                                                 gold.size(), &m);
    if (st != NLP_OK)
        return st;
    out["loss"] = gold.empty() ? NAN : sum / (double)gold.size();
    out["accuracy"] = m.accuracy;
    out["precision"] = m.precision;
    out["recall"] = m.recall;
    out["f1"] = m.f1;
    out["auprc"] = m.auprc;
    return NLP_OK;
}

nlp_status ToxicTask::save_model(const std::string &dir)
{
    TensorMap w;
    for (auto &p : params)
        w[p.first] = p.second.detach().contiguous();
    nlp_status st = save_weights((dir + "/model.safetensors").c_str(), w);
    /* Prefix and label words go where nlp_toxic_load looks for them (the
     * prefix also where HF pipelines do). */
    json_t *words = json_array();
    for (size_t i = 0; i < toxic->label_count; i++)
        json_array_append_new(words, json_pack("{s:s,s:b}", "word", toxic->labels[i].word,
                                               "toxic", (int)toxic->labels[i].toxic));
    json_t *extra = json_pack("{s:{s:{s:s,s:o}}}", "task_specific_params", "toxicity",
                              "prefix", toxic->prefix, "label_words", words);
    if (st == NLP_OK)
        st = write_hf_config(model_dir, dir, {}, "T5ForConditionalGeneration", extra);
    else
        json_decref(extra);
    if (st == NLP_OK)
        st = copy_tokenizer_files(model_dir, dir);
    return st;
}

/* Tokenize rows [0, n) of d into out, as nlp__t5_text_input reads a text
 * for classification (same pieces, same truncation rule). */
nlp_status tokenize_rows(const ToxicTask &t, const nlp__text_data *d, size_t n,
                         const nlp_train_options &o, nlp__feature_set &out)
{
    const nlp_toxic_model *m = t.toxic;
    nlp_status st = NLP_OK;
    for (size_t i = 0; i < n && st == NLP_OK; i++) {
        nlp__encoding *enc = nlp__encoding_new();
        if (!enc)
            return NLP_ERR_NOMEM;
        st = nlp__t5_text_encode(m->t5, m->prefix, d->rows[i].text, d->rows[i].length, enc);
        size_t j = t.target[d->rows[i].label != 0];
        size_t begin = m->candidate_offsets[j], len = m->candidate_offsets[j + 1] - begin;
        if (st == NLP_OK)
            st = nlp__t5_feature_push(&out, enc->ids, enc->count, m->candidate_ids + begin, len,
                                      m->t5->eos_id, (uint32_t)o.max_length);
        nlp__encoding_free(enc);
        if (st != NLP_OK)
            st = nlp__wrap(st, "%s:%ld", d->path, d->rows[i].line);
    }
    return st;
}

nlp_status build_features(const ToxicTask &t, const nlp__text_data *d, size_t n,
                          const nlp_train_options &o, nlp__feature_set &out)
{
    const nlp_toxic_model *m = t.toxic;
    std::string opt = "toxic/1|" + std::to_string(o.max_length) + "|" + std::to_string(n) +
                      "|" + m->prefix + "|" + m->labels[t.target[0]].word + "|" +
                      m->labels[t.target[1]].word + "|" +
                      (o.text_column ? o.text_column : "") + "|" +
                      (o.label_column ? o.label_column : "");
    const nlp__tokenizer_files &files = m->t5->config->tokenizer;
    uint64_t key = 0;
    nlp_status st = feature_key(opt, files.spiece_model, d->path, key);
    if (st == NLP_OK && files.tokenizer_json)
        st = nlp__hash_file(files.tokenizer_json, key, &key);
    if (st != NLP_OK)
        return st;
    return cached_features(o, key, [&] { return tokenize_rows(t, d, n, o, out); }, out);
}

size_t count_toxic(const nlp__text_data *d, size_t n)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++)
        pos += d->rows[i].label != 0;
    return pos;
}

/* Repeat the pos toxic examples of rows [0, n) until they are as many as
 * the others: each one k times, the first r once more. */
nlp_status oversample(const nlp__text_data *d, size_t n, size_t pos, nlp__feature_set &set)
{
    size_t neg = n - pos;
    if (pos == 0 || pos >= neg)
        return NLP_OK;
    size_t copies = neg / pos - 1, extra = neg % pos, seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (!d->rows[i].label)
            continue;
        size_t k = copies + (seen++ < extra);
        const nlp__feature f = set.items[i];
        for (size_t c = 0; c < k; c++) {
            nlp_status st = nlp__feature_set_push(&set, f.input_ids, f.n_input, f.labels,
                                                  f.n_labels);
            if (st != NLP_OK)
                return st;
        }
    }
    return NLP_OK;
}

/* scikit-learn's "balanced" class weights n / (2 n_class) for n rows, pos
 * of them toxic. */
void balance_weights(ToxicTask &t, size_t n, size_t pos)
{
    if (pos == 0 || pos == n)
        return;
    t.weighted = true;
    t.class_weight[0] = (double)n / (2.0 * (double)(n - pos));
    t.class_weight[1] = (double)n / (2.0 * (double)pos);
}

/* The first toxic and the first non-toxic label word are the targets;
 * nlp__toxic_load has checked that the set has both. */
void pick_targets(ToxicTask &t)
{
    bool found[2] = {false, false};
    for (size_t j = 0; j < t.toxic->label_count; j++) {
        int c = t.toxic->labels[j].toxic ? 1 : 0;
        if (!found[c])
            t.target[c] = j;
        found[c] = true;
    }
}

nlp_status read_data(const char *path, const nlp_train_options &o, TextData &out)
{
    nlp__text_options to = {o.text_column, o.label_column};
    nlp__text_data *d = nullptr;
    nlp_status st = nlp__text_data_read(path, &to, &d);
    out.reset(d);
    if (st == NLP_OK && d->count == 0)
        st = nlp__fail(NLP_ERR_FORMAT, "%s: no rows", path);
    return st;
}

nlp_status load_model(ToxicTask &t, const nlp__toxic_settings &settings,
                      const nlp_train_options &o)
{
    nlp__toxic_settings s = settings;
    s.device = "cpu";
    s.max_input_tokens = o.max_length;
    s.score_only = false;
    nlp_status st = nlp__toxic_load(t.model_dir.c_str(), &s, &t.toxic);
    if (st != NLP_OK)
        return st;
    pick_targets(t);
    t.params = t5::make_trainable(t.model());
    t.dropout = t.toxic->t5->config->t5.dropout_rate;
    return NLP_OK;
}

} // namespace

nlp_status toxic_task_create(const char *base_dir, const char *train_path,
                             const char *eval_path, const nlp__toxic_settings &settings,
                             const nlp_train_options &o, std::unique_ptr<TrainTask> &out,
                             nlp_train_report &report)
{
    auto t = std::make_unique<ToxicTask>();
    t->model_dir = o.resume_from ? o.resume_from : base_dir;
    TextData train;
    nlp_status st = read_data(train_path, o, train);
    if (st == NLP_OK && eval_path)
        st = read_data(eval_path, o, t->eval_data);
    if (st == NLP_OK)
        st = load_model(*t, settings, o);
    if (st != NLP_OK)
        return st;
    size_t n = limited(train->count, o.max_train_examples);
    st = build_features(*t, train.get(), n, o, t->train);
    if (st == NLP_OK && t->eval_data) {
        t->eval_rows = limited(t->eval_data->count, o.max_eval_examples);
        st = build_features(*t, t->eval_data.get(), t->eval_rows, o, t->eval);
    }
    report.truncated = t->train.truncated;
    size_t pos = count_toxic(train.get(), n);
    if (st == NLP_OK && o.class_balance == NLP_BALANCE_OVERSAMPLE)
        st = oversample(train.get(), n, pos, t->train);
    if (st == NLP_OK && o.class_balance == NLP_BALANCE_LOSS_WEIGHT)
        balance_weights(*t, n, pos);
    if (st != NLP_OK)
        return st;
    report.train_examples = t->train.count;
    report.eval_examples = t->eval_rows;
    out = std::move(t);
    return NLP_OK;
}

} // namespace nlp
