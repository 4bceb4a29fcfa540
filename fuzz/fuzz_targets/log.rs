//! Fuzz target `log`: see `harness::log` for what it checks.
#![no_main]

#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::log(data));
