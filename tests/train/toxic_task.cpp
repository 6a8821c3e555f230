/* The toxicity TrainTask's class weighting: with --balance weight the
 * training loss of a batch is the class-weighted mean of its rows' losses
 * (weights n / (2 n_class) over the training rows); evaluation keeps the
 * plain mean. */
#include "train/toxic_task.hpp"
extern "C" {
#include "test_support.h"
}

#include <criterion/criterion.h>

#include <cmath>

namespace {

std::unique_ptr<nlp::TrainTask> make_task(nlp_class_balance balance, const char *out)
{
    nlp_train_options o = nlp_train_options_default();
    o.output_dir = out;
    o.max_train_examples = 16;
    o.max_length = 32;
    o.use_cache = 0;
    o.class_balance = balance;
    nlp__toxic_settings s = {nullptr, nullptr, 0, 0, 0, false, "cpu"};
    std::unique_ptr<nlp::TrainTask> task;
    nlp_train_report r{};
    std::string base = shared_path("fixtures/t5-tiny");
    std::string data = shared_path("data/toxic-chat/toxicchat0124-human/train.csv");
    cr_assert_eq(nlp::toxic_task_create(base.c_str(), data.c_str(), nullptr, s, o, task, r),
                 NLP_OK, "%s", nlp_last_error());
    return task;
}

double batch_loss(nlp::TrainTask &task, const size_t *index, size_t n, bool train)
{
    nlp__batch b;
    cr_assert_eq(nlp__collate(&task.train_features(), index, n, task.pad_id(), &b), NLP_OK);
    double loss = task.loss(b, train).item<double>();
    nlp__batch_free(&b);
    return loss;
}

} // namespace

Test(toxic_task, loss_weighting_weights_rows_by_class, .timeout = 120)
{
    auto plain = make_task(NLP_BALANCE_NONE, scratch_dir("toxic_task_plain"));
    auto weighted = make_task(NLP_BALANCE_LOSS_WEIGHT, scratch_dir("toxic_task_weighted"));
    const nlp__feature_set &f = plain->train_features();
    cr_assert_eq(f.count, 16);
    std::vector<size_t> index(16);
    std::vector<double> row_loss(16);
    std::vector<bool> toxic(16);
    size_t positives = 0;
    for (size_t r = 0; r < 16; r++) {
        index[r] = r;
        row_loss[r] = batch_loss(*plain, &r, 1, true);
        toxic[r] = f.items[r].labels[0] == 4273; /* "yes" */
        positives += toxic[r];
    }
    cr_assert(positives > 0 && positives < 16, "the first 16 rows hold both classes");
    double w_pos = 16.0 / (2.0 * (double)positives), w_neg = 16.0 / (2.0 * (double)(16 - positives));
    double num = 0, den = 0, mean = 0;
    for (size_t r = 0; r < 16; r++) {
        double w = toxic[r] ? w_pos : w_neg; /* every target is 2 tokens */
        num += w * row_loss[r];
        den += w;
        mean += row_loss[r] / 16.0;
    }
    double got = batch_loss(*weighted, index.data(), 16, true);
    cr_assert_lt(std::fabs(got - num / den) / (num / den), 1e-5, "weighted %.9g vs %.9g", got,
                 num / den);
    double eval = batch_loss(*weighted, index.data(), 16, false);
    cr_assert_lt(std::fabs(eval - mean) / mean, 1e-5, "eval loss %.9g vs plain mean %.9g", eval,
                 mean);
    cr_assert_gt(std::fabs(num / den - mean), 1e-4, "weighting must change the loss here");
}
