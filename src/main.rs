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

// Loading a national plan makes millions of small allocations (ids, titles,
// records): mimalloc makes them markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
