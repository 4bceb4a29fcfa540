//! Every input that once broke a fuzz target, replayed through the same
//! checks as the fuzzer (`fuzz/fuzz_targets/harness.rs`, included here):
//! `tests/data/fuzz/<target>/<file>`. See docs/fuzzing.md.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

#[allow(dead_code)]
#[path = "../../fuzz/fuzz_targets/harness.rs"]
mod harness;

#[test]
fn inputs_that_once_broke_a_fuzz_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut failed = Vec::new();
    let mut ran = 0;
    for (target, check) in harness::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).expect("readable regression input");
            ran += 1;
            if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
                failed.push(path.display().to_string());
            }
        }
    }
    assert!(ran > 0, "no input under {}", root.display());
    assert!(failed.is_empty(), "inputs that break again: {failed:#?}");
}
