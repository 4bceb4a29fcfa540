//! The terminal ptba writes to: colours (`--color`, `NO_COLOR`, a terminal
//! or not) and, on Windows, the console's output code page.
//!
//! This is the one module allowed `unsafe` (the crate denies it elsewhere, and
//! a test checks that no other file uses it): setting the Windows console's
//! code page is a Win32 call, `SetConsoleOutputCP`, which `windows-sys`
//! (already in the dependency tree through tempfile; Microsoft's bindings)
//! exposes only as an `unsafe extern` function. The calls take and return
//! plain integers; nothing is shared or borrowed. No small, maintained crate
//! offers a safe wrapper.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// `--color`: `auto` (the default) colours only a terminal, and never when
/// `NO_COLOR` is set to a non-empty value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

const UNSET: u8 = 0;
const ON: u8 = 1;
const OFF: u8 = 2;
static COLOR: AtomicU8 = AtomicU8::new(UNSET);

/// Whether to colour standard output, decided once from the choice, the
/// `NO_COLOR` convention (no-color.org) and whether stdout is a terminal.
pub fn decide(choice: ColorChoice) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
    };
    COLOR.store(if on { ON } else { OFF }, Ordering::Relaxed);
    on
}

/// Whether stdout is coloured (as [`decide`]d; `auto` if it was not called).
pub fn color() -> bool {
    match COLOR.load(Ordering::Relaxed) {
        ON => true,
        OFF => false,
        _ => decide(ColorChoice::Auto),
    }
}

/// Sets the Windows console's output code page to UTF-8 for the life of the
/// value, and puts the previous one back when it is dropped. Rust already
/// writes to a console window in UTF-16, so French shows right there; the code
/// page matters when ptba's output is piped into another console program
/// (`ptba summary … | more`), which decodes bytes with it. Does nothing
/// elsewhere, or without a console.
pub struct Utf8Console {
    #[cfg_attr(not(windows), allow(dead_code))]
    previous: u32,
}

impl Utf8Console {
    pub fn enable() -> Utf8Console {
        Utf8Console {
            previous: imp::set_output_cp(imp::UTF8),
        }
    }
}

impl Drop for Utf8Console {
    fn drop(&mut self) {
        if self.previous != 0 && self.previous != imp::UTF8 {
            imp::set_output_cp(self.previous);
        }
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod imp {
    use windows_sys::Win32::System::Console::{GetConsoleOutputCP, SetConsoleOutputCP};

    pub const UTF8: u32 = 65001;

    /// Sets the output code page; returns the previous one (0: no console).
    pub fn set_output_cp(cp: u32) -> u32 {
        // SAFETY: both calls take and return plain integers and touch only
        // the console attached to this process; with no console they fail
        // (0), which is handled.
        let previous = unsafe { GetConsoleOutputCP() };
        if previous == 0 {
            return 0;
        }
        if previous != cp && unsafe { SetConsoleOutputCP(cp) } == 0 {
            return 0;
        }
        previous
    }
}

#[cfg(not(windows))]
mod imp {
    pub const UTF8: u32 = 65001;

    pub fn set_output_cp(_cp: u32) -> u32 {
        0
    }
}
