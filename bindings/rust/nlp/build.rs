//! Gives this crate's tests, examples and doc-tests the runpath that
//! nlp-sys found with pkg-config (DEP_NLP_RPATH), when there is one.
fn main() {
    if let Ok(rpath) = std::env::var("DEP_NLP_RPATH") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", rpath);
    }
}
