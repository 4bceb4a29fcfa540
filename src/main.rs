use std::process::ExitCode;

fn main() -> ExitCode {
    match ptba::run(std::env::args_os()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ptba: {e}");
            ExitCode::from(e.code())
        }
    }
}
