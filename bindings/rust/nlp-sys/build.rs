//! Finds libnlp with pkg-config (no crate dependency: std::process::Command).
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    let out = Command::new("pkg-config")
        .args(["--libs", "nlp"])
        .output()
        .unwrap_or_else(|e| panic!("nlp-sys: cannot run pkg-config: {}", e));
    if !out.status.success() {
        panic!(
            "nlp-sys: `pkg-config --libs nlp` failed (install libnlp-dev or set PKG_CONFIG_PATH): {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let libs = String::from_utf8(out.stdout).expect("pkg-config output is not UTF-8");
    for flag in libs.split_whitespace() {
        if let Some(dir) = flag.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={}", dir);
        } else if let Some(lib) = flag.strip_prefix("-l") {
            println!("cargo:rustc-link-lib={}", lib);
        } else if let Some(rpath) = flag.strip_prefix("-Wl,-rpath,") {
            // Passed on to the nlp crate's build script (DEP_NLP_RPATH).
            println!("cargo:rpath={}", rpath);
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", rpath);
        }
    }
}
