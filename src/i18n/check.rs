//! Messages of the diagnostics the rules of `check` produce, by code.
