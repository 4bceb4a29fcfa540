//! Fuzz target `log_parallel`: see `harness::log_parallel` for what it checks.
#![no_main]

#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::log_parallel(data));
