use std::process::ExitCode;

fn main() -> ExitCode {
    let _console = ptba::console::Utf8Console::enable();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = ptba::i18n::help::arg_lang(&args);
    match ptba::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.reported() {
                eprintln!("ptba: {}", e.render(lang));
            }
            ExitCode::from(e.code())
        }
    }
}

// Loading a national plan makes millions of small allocations (ids, titles,
// records): mimalloc makes them markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
