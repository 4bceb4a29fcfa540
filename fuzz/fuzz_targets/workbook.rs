//! Fuzz target `workbook`: see `harness::workbook` for what it checks.
#![no_main]

#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::workbook(data));
