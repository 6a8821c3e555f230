/* trainer.hpp - the training loop shared by NER and toxicity: a TrainTask
 * says how to compute a batch's loss, evaluate and save the model; the loop
 * does the rest (epochs, order, accumulation, clipping, AdamW, schedule,
 * evaluation, checkpoints, resume, callbacks). */
#ifndef NLP_TRAIN_TRAINER_HPP
#define NLP_TRAIN_TRAINER_HPP

#include "train/collate.h"
#include "train/optim.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace nlp {

/* Scores of one evaluation: "loss" always, plus the task's metrics. */
using Metrics = std::map<std::string, double>;

class TrainTask {
public:
    virtual ~TrainTask() = default;
    /* Parameters in torch's named_parameters() order. */
    virtual std::vector<Param> trainable() = 0;
    virtual const nlp__feature_set &train_features() const = 0;
    virtual int32_t pad_id() const = 0;
    /* Mean loss of a batch (training mode when train). */
    virtual at::Tensor loss(const nlp__batch &batch, bool train) = 0;
    /* The denominator of loss(batch, true)'s mean: the (weighted) number
     * of labelled positions. Data-parallel ranks weight their losses by it,
     * so N ranks give the gradient of one batch of all their rows. The
     * default counts labels other than -100. */
    virtual double loss_weight(const nlp__batch &batch) const;
    /* Evaluation in two halves so ranks can share it: evaluate_part scores
     * evaluation examples [begin, end) into a flat record (begin == end
     * gives an empty one); evaluate_metrics turns the records of
     * consecutive parts, in order, into the scores of their union. */
    virtual size_t eval_count() const = 0;
    virtual nlp_status evaluate_part(size_t batch_size, size_t begin, size_t end,
                                     std::vector<double> &part) = 0;
    virtual nlp_status evaluate_metrics(const std::vector<std::vector<double>> &parts,
                                        Metrics &out) = 0;
    virtual bool can_evaluate() const = 0;
    /* config.json, model.safetensors, tokenizer files into dir. */
    virtual nlp_status save_model(const std::string &dir) = 0;
    /* The default selection metric and whether larger is better for m. */
    virtual const char *default_metric() const = 0;
};

/* A collated batch as libtorch tensors [rows, cols] (labels [rows,
 * label_cols]), int64, owning their memory. */
struct BatchTensors {
    at::Tensor ids, mask, labels;
};
BatchTensors batch_tensors(const nlp__batch &batch);

/* Collate set in order, batch_size examples at a time, and call fn on each
 * batch (fn's status stops the walk). */
nlp_status for_each_batch(const nlp__feature_set &set, size_t batch_size, int32_t pad_id,
                          const std::function<nlp_status(const nlp__batch &)> &fn);
/* The same over examples [begin, end) of set. */
nlp_status for_each_batch(const nlp__feature_set &set, size_t begin, size_t end,
                          size_t batch_size, int32_t pad_id,
                          const std::function<nlp_status(const nlp__batch &)> &fn);

nlp_status run_training(TrainTask &task, const nlp_train_options &opts,
                        nlp_train_report &report);

/* Options with the caller's size honoured: fields beyond it keep their
 * defaults. NLP_ERR_INVALID_ARG for values that make no sense. */
nlp_status resolve_train_options(const nlp_train_options *in, nlp_train_options &out);

} // namespace nlp

#endif
