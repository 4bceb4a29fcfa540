//! Damaged copies of real workbooks (bytes flipped, cut, zeroed, repeated),
//! read in-process: every one gives a model with diagnostics or an error,
//! never a panic or an abort. Seeded, so a failure replays.

use std::path::Path;

use ptba::diagnostic::Files;
use ptba::i18n::Lang;
use ptba::load::{LoadOptions, load_project_with};

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    match rng.next(5) {
        0 => {
            for _ in 0..1 + rng.next(8) {
                let i = rng.next(b.len());
                b[i] ^= 1 << rng.next(8);
            }
        }
        1 => b.truncate(rng.next(b.len())),
        2 => {
            let i = rng.next(b.len());
            let n = rng.next(64).min(b.len() - i);
            b[i..i + n].iter_mut().for_each(|x| *x = 0xFF);
        }
        3 => {
            let i = rng.next(b.len());
            let n = rng.next(32).min(b.len() - i);
            let chunk = b[i..i + n].to_vec();
            b.splice(i..i, chunk);
        }
        _ => {
            // A 32-bit field set to a huge value somewhere.
            let i = rng.next(b.len().saturating_sub(4));
            b[i..i + 4].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        }
    }
    b
}

#[test]
fn damaged_workbooks_never_crash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let fixtures = [
        "workbooks/merged.xlsx",
        "workbooks/merged.xls",
        "workbooks/merged.ods",
        "workbooks/sections.xlsx",
        "workbooks/sections.xls",
        "workbooks/blank-below.ods",
        // Hidden rows and columns, shaded months: the looks read from the parts.
        "families/projet.xls",
        "families/revise.ods",
        "families/projet.xlsx",
        "import/filled.xlsx",
    ];
    let dir = tempfile::tempdir().unwrap();
    // 120 per file under PTBA_SLOW=1 (CI), 20 on a developer's `cargo test`;
    // PTBA_MUTATIONS=N PTBA_MUTATION_SEED=S for a longer run.
    let per_file: usize = std::env::var("PTBA_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(crate::support::scaled(120, 20));
    let seed: u64 = std::env::var("PTBA_MUTATION_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x2545_F491_4F6C_DD1D);
    let mut rng = Rng(seed | 1);
    let mut read = 0;
    for f in fixtures {
        let bytes = std::fs::read(root.join(f)).unwrap();
        let ext = Path::new(f).extension().unwrap().to_str().unwrap();
        for i in 0..per_file {
            let damaged = mutate(&mut rng, &bytes);
            let path = dir.path().join(format!("case.{ext}"));
            std::fs::write(&path, &damaged).unwrap();
            let r = std::panic::catch_unwind(|| {
                let mut files = Files::default();
                let mut diags = Vec::new();
                let p = load_project_with(
                    &path,
                    &LoadOptions::default(),
                    &mut files,
                    Lang::Fr,
                    &mut diags,
                );
                if let Ok(p) = p {
                    let _ = ptba::check::check(&p, Lang::Fr);
                }
            });
            if r.is_err() {
                let keep = root.join(format!("../../target/mutation-{i}.{ext}"));
                let _ = std::fs::write(&keep, &damaged);
                panic!("{f}: case {i} panicked (saved to {})", keep.display());
            }
            read += 1;
        }
    }
    assert_eq!(read, fixtures.len() * per_file);
}
