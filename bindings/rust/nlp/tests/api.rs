//! Errors, training (progress, cancel), evaluation, threads.
mod common;

use std::path::Path;

use common::{fixture, shared};
use nlp::{NerModel, Status, Tokenizer, ToxicClassifier, ToxicOptions, TrainOptions};

fn in_ctest() -> bool {
    std::env::var("NLP_EXPECTED").is_ok()
}

#[test]
fn errors_carry_status_and_message() {
    let err = NerModel::load("/no/such/checkpoint-dir", &Default::default()).err().unwrap();
    assert_eq!(err.status, Status::Io);
    assert!(err.message.contains("/no/such/checkpoint-dir"), "{}", err);
    let opts = ToxicOptions { labels: Some(vec![("yes".into(), true), ("{}".into(), false)]), ..Default::default() };
    let err = ToxicClassifier::load(fixture("t5-tiny"), &opts).err().unwrap();
    assert_eq!(err.status, Status::InvalidArg);
    assert!(err.message.contains("{}"), "{}", err);
    let tok = Tokenizer::load(fixture("bert-tiny-ner")).unwrap();
    assert_eq!(tok.token_to_id("no-such-token-here").unwrap_err().status, Status::NotFound);
    assert_eq!(tok.decode(&[100_000_000], true).unwrap_err().status, Status::InvalidArg);
    assert_eq!(tok.id_to_token(100_000_000), None);
    assert_eq!(nlp::set_num_threads(-1).unwrap_err().status, Status::InvalidArg);
}

#[test]
fn one_model_serves_several_threads() {
    let m = NerModel::load(fixture("bert-tiny-ner"), &Default::default()).unwrap();
    let text = "EU officials meet German farmers near British ports .";
    let want = m.run(text).unwrap();
    std::thread::scope(|s| {
        let hs: Vec<_> = (0..3).map(|_| s.spawn(|| m.run(text).unwrap())).collect();
        for h in hs {
            assert_eq!(h.join().unwrap(), want);
        }
    });
}

fn small(out: &Path) -> TrainOptions {
    let mut o = TrainOptions::new(out.to_str().unwrap()).unwrap();
    o.max_steps = 2;
    o.batch_size = 8;
    o.max_train_examples = 16;
    o.max_eval_examples = 8;
    o.eval_steps = 1;
    o.logging_steps = 1;
    o.seed = 7;
    o.learning_rate = 1e-3;
    o
}

fn scratch(name: &str) -> std::path::PathBuf {
    let base = std::env::var("NLP_SCRATCH").unwrap_or_else(|_| std::env::temp_dir().to_string_lossy().into());
    let p = Path::new(&base).join("rust").join(name);
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

#[test]
fn train_ner_progress_cancel_and_evaluate() {
    if !in_ctest() {
        return;
    }
    let conll = shared().join("data").join("conll2003");
    let out = scratch("ner");
    let mut seen = Vec::new();
    let mut record = |p: &nlp::Progress| {
        seen.push(p.clone());
        false
    };
    let r = nlp::train_ner(&fixture("bert-tiny-ner"), &conll.join("train.txt"), Some(&conll.join("valid.txt")),
        &small(&out), Some(&mut record)).unwrap();
    assert_eq!(r.steps, 2);
    assert_eq!(r.train_examples, 16);
    assert!(seen.iter().any(|p| p.evaluation.as_ref().map_or(false, |e| e.2 == "overall_f1")), "{:?}", seen);
    let m = NerModel::load(&out, &Default::default()).unwrap();
    let mut done = Vec::new();
    let mut track = |d: usize, t: usize| {
        done.push((d, t));
        false
    };
    let eo = nlp::EvalOptions { max_examples: 20, batch_size: 8, ..Default::default() };
    let rep = nlp::evaluate_ner(&m, &conll.join("valid.txt"), &eo, Some(&mut track)).unwrap();
    assert!(rep.accuracy >= 0.0 && rep.accuracy <= 1.0);
    assert_eq!(done.last(), Some(&(20, 20)));
    let mut cancel = |_: usize, _: usize| true;
    let err = nlp::evaluate_ner(&m, &conll.join("valid.txt"), &eo, Some(&mut cancel)).unwrap_err();
    assert_eq!(err.status, Status::Cancelled);

    let mut calls = 0;
    let mut stop = |_: &nlp::Progress| {
        calls += 1;
        true
    };
    let err = nlp::train_ner(&fixture("bert-tiny-ner"), &conll.join("train.txt"), None, &small(&scratch("cancel")),
        Some(&mut stop)).unwrap_err();
    assert_eq!(err.status, Status::Cancelled);
    assert_eq!(calls, 1);
}

#[test]
fn a_panic_in_the_callback_reaches_the_caller() {
    if !in_ctest() {
        return;
    }
    let conll = shared().join("data").join("conll2003");
    let out = scratch("panic");
    let caught = std::panic::catch_unwind(|| {
        let mut boom = |_: &nlp::Progress| -> bool { panic!("from the callback") };
        let _ = nlp::train_ner(&fixture("bert-tiny-ner"), &conll.join("train.txt"), None, &small(&out), Some(&mut boom));
    });
    assert!(caught.is_err());
}

#[test]
fn train_toxic_then_evaluate() {
    if !in_ctest() {
        return;
    }
    let data = shared().join("data").join("toxic-chat").join("toxicchat0124-human");
    let out = scratch("toxic");
    let mut o = small(&out);
    o.batch_size = 4;
    o.max_train_examples = 8;
    o.max_length = 32;
    o.eval_steps = 0;
    let model = ToxicOptions { prefix: Some("toxic: ".into()), ..Default::default() };
    let r = nlp::train_toxic(&fixture("t5-tiny"), &data.join("train.csv"), None, &model, &o, None).unwrap();
    assert_eq!(r.steps, 2);
    let c = ToxicClassifier::load(&out, &Default::default()).unwrap();
    let eo = nlp::EvalOptions { max_examples: 8, ..Default::default() };
    let m = nlp::evaluate_toxic(&c, &data.join("test.jsonl"), &eo, None).unwrap();
    assert_eq!(m.count, 8);
    assert_eq!(m.confusion.iter().flatten().sum::<usize>(), 8);
}
