//! What the readers of hand-made workbooks, the input guard, the mapping and the amount parser say.
//! One file per subject; every sentence is reached as `i18n::load::name`.

mod book;
mod guard;
mod handmade;
mod log;
mod mapping;
mod money;
mod text;

pub use book::*;
pub use guard::*;
pub use handmade::*;
pub use log::*;
pub use mapping::*;
pub use money::*;
pub use text::*;
