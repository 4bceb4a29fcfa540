//! `ptba history`: placeholder replaced below.
use crate::{cli::HistoryArgs, error::Error, i18n::Lang};
use std::process::ExitCode;
pub fn run(_a: &HistoryArgs, _l: Option<Lang>) -> Result<ExitCode, Error> {
    Ok(ExitCode::SUCCESS)
}
