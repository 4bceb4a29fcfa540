//! Fuzz target `tree_differential`: see `harness::tree_differential` for what it checks.
#![no_main]

#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::tree_differential(data));
