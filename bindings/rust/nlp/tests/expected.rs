//! The safe crate gives the C library's answers: entities, verdicts and
//! scores, token ids and offsets, as tests/bindings/expected.c wrote them.
mod common;

use common::{expected, fixture, Json};
use nlp::{Aggregation, NerModel, NerOptions, Tokenizer, ToxicClassifier, ToxicOptions};

macro_rules! expected_or_skip {
    () => {
        match expected() {
            Some(e) => e,
            None => {
                eprintln!("NLP_EXPECTED is not set (run through ctest): skipped");
                return;
            }
        }
    };
}

#[test]
fn struct_sizes_match_the_header() {
    let e = expected_or_skip!();
    for (name, size) in nlp_sys::struct_sizes() {
        assert_eq!(size as i64, e.get("sizes").get(name).int(), "{}", name);
    }
    assert_eq!(nlp::version(), e.get("version").str());
}

fn check_entities(got: &[nlp::Entity], want: &Json, text: &str) {
    let want = want.arr();
    assert_eq!(got.len(), want.len(), "{:?}: {:?}", text, got);
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.class, w.get("class").str());
        assert_eq!(g.text, w.get("text").str());
        assert_eq!(g.start as i64, w.get("start").int());
        assert_eq!(g.end as i64, w.get("end").int());
        assert_eq!(g.byte_start as i64, w.get("byte_start").int());
        assert_eq!(g.byte_end as i64, w.get("byte_end").int());
        assert_eq!(g.score as f64, w.get("score").num(), "{:?}", g);
        assert_eq!(&text[g.byte_start..g.byte_end], g.text);
        assert_eq!(text[..g.byte_start].chars().count(), g.start);
    }
}

#[test]
fn ner_equals_expected() {
    let e = expected_or_skip!();
    for (key, agg) in [("ner", Aggregation::First), ("ner_average", Aggregation::Average)] {
        let opts = NerOptions { device: Some("cpu".into()), aggregation: Some(agg), ..Default::default() };
        let m = NerModel::load(fixture("bert-tiny-ner"), &opts).unwrap();
        let want = e.get(key);
        let labels: Vec<&str> = want.get("labels").arr().iter().map(Json::str).collect();
        assert_eq!(m.labels(), labels.as_slice());
        let mut texts = Vec::new();
        for c in want.get("cases").arr() {
            let text = c.get("text").str();
            check_entities(&m.run(text).unwrap(), c.get("entities"), text);
            texts.push(text);
        }
        let batch = m.run_batch(&texts).unwrap();
        for (b, c) in batch.iter().zip(want.get("cases").arr()) {
            assert_eq!(b.len(), c.get("entities").arr().len());
            for (g, w) in b.iter().zip(c.get("entities").arr()) {
                assert_eq!(g.class, w.get("class").str());
                assert_eq!(g.start as i64, w.get("start").int());
                let ws = w.get("score").num();
                assert!((g.score as f64 - ws).abs() <= 1e-5 * ws, "{} vs {}", g.score, ws);
            }
        }
    }
}

#[test]
fn toxic_equals_expected() {
    let e = expected_or_skip!();
    let t = e.get("toxic");
    let opts = ToxicOptions {
        prefix: Some(t.get("prefix").str().into()),
        device: Some("cpu".into()),
        ..Default::default()
    };
    let m = ToxicClassifier::load(fixture("t5-tiny"), &opts).unwrap();
    for c in t.get("cases").arr() {
        let r = m.classify(c.get("text").str()).unwrap();
        assert_eq!(r.is_toxic, c.get("is_toxic").bool());
        assert_eq!(r.matched, c.get("matched").bool());
        assert_eq!(r.score, c.get("score").num());
        assert_eq!(r.generated, c.get("generated").str());
        assert_eq!(r.label as i64, c.get("label").int());
    }
}

fn check_encoding(got: &nlp::Encoding, want: &Json) {
    let ints = |k: &str| want.get(k).arr().iter().map(Json::int).collect::<Vec<i64>>();
    assert_eq!(got.ids.iter().map(|&i| i as i64).collect::<Vec<_>>(), ints("ids"));
    let tokens: Vec<&str> = want.get("tokens").arr().iter().map(Json::str).collect();
    assert_eq!(got.tokens, tokens);
    let spans = |a: &str, b: &str| ints(a).into_iter().zip(ints(b)).map(|(x, y)| (x as usize, y as usize)).collect::<Vec<_>>();
    assert_eq!(got.offsets, spans("start", "end"));
    assert_eq!(got.byte_offsets, spans("byte_start", "byte_end"));
    let words: Vec<i64> = got.word_ids.iter().map(|w| w.map_or(-1, |w| w as i64)).collect();
    assert_eq!(words, ints("word_ids"));
    assert_eq!(got.special_tokens_mask.iter().map(|&m| m as i64).collect::<Vec<_>>(), ints("special_mask"));
}

#[test]
fn tokenizers_equal_expected() {
    let e = expected_or_skip!();
    for (kind, dir) in [("bert", "bert-tiny-ner"), ("t5", "t5-tiny")] {
        let tok = Tokenizer::load(fixture(dir)).unwrap();
        let want = e.get("tokenizer").get(kind);
        assert_eq!(tok.kind(), kind);
        assert_eq!(tok.vocab_size() as i64, want.get("vocab_size").int());
        for c in want.get("texts").arr() {
            check_encoding(&tok.encode(c.get("text").str(), &Default::default()).unwrap(), c);
        }
        let w = want.get("words");
        let words: Vec<&str> = w.get("words").arr().iter().map(Json::str).collect();
        check_encoding(&tok.encode_words(&words, &Default::default()).unwrap(), w);
    }
}
