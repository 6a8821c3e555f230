//! NER, toxicity and tokens with the Rust binding (models: the tiny random
//! fixtures under ../shared/fixtures; point the paths at real checkpoints).
use std::path::PathBuf;

fn main() -> Result<(), nlp::Error> {
    let shared = std::env::var("NLP_SHARED_DIR").unwrap_or_else(|_| "../shared".into());
    let fixtures = PathBuf::from(shared).join("fixtures");
    let text = "Mike Müller flew from Zürich to New York .";

    let opts = nlp::NerOptions { device: Some("cpu".into()), ..Default::default() };
    let ner = nlp::NerModel::load(fixtures.join("bert-tiny-ner"), &opts)?;
    for e in ner.run(text)? {
        assert_eq!(&text[e.byte_start..e.byte_end], e.text);
        println!("{:4} {:?} [{}:{}]", e.class, e.text, e.start, e.end);
    }

    let opts = nlp::ToxicOptions {
        prefix: Some("toxic: ".into()),
        labels: Some(vec![("yes".into(), true), ("no".into(), false)]),
        ..Default::default()
    };
    let toxic = nlp::ToxicClassifier::load(fixtures.join("t5-tiny"), &opts)?;
    let r = toxic.classify("You are a wonderful person")?;
    println!("toxic: {} score in [0, 1]: {}", r.is_toxic, (0.0..=1.0).contains(&r.score));

    let tok = nlp::Tokenizer::load(fixtures.join("bert-tiny-ner"))?;
    let enc = tok.encode("Zoë in Zürich", &Default::default())?;
    println!("{:?}", enc.tokens);
    println!("{:?}", enc.offsets);

    if let Err(e) = nlp::NerModel::load("/no/such/model", &Default::default()) {
        println!("error: {:?}", e.status);
    }
    Ok(())
}
