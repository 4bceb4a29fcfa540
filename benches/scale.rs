//! How the cost of loading, checking and summarizing grows with the plan:
//! 1 000, 10 000 and 50 000 activities, four records per activity.
//!
//! `cargo bench --bench scale` (whole-command timings and peak memory:
//! `scripts/bench.sh`).

use std::sync::OnceLock;

use chrono::NaiveDate;
use divan::Bencher;
use ptba::compute::{self, GroupBy, Options};
use ptba::i18n::Lang;
use ptba::model::Project;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [1_000, 10_000, 50_000];

/// Plan and log texts per size, generated once.
fn texts(n: usize) -> &'static (String, String) {
    static CACHE: OnceLock<Vec<(usize, (String, String))>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        SIZES
            .iter()
            .map(|&n| (n, ptba::synth::generate(n, n * 4, 1)))
            .collect()
    });
    &all.iter()
        .find(|(m, _)| *m == n)
        .expect("a benchmarked size")
        .1
}

fn project(n: usize) -> Project {
    let (plan, log) = texts(n);
    let (plan, _) = ptba::load::toml::parse_plan(plan, 0, Lang::Fr);
    let (records, _) = ptba::load::toml::parse_log(log, 1, Lang::Fr);
    Project {
        plan,
        records,
        log_path: Default::default(),
        imports: Vec::new(),
    }
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn load_and_check(b: Bencher, n: usize) {
    texts(n);
    b.bench(|| {
        let p = project(n);
        ptba::check::check(&p, Lang::Fr).len()
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_log(b: Bencher, n: usize) {
    let (_, log) = texts(n);
    b.bench(|| ptba::load::toml::parse_log(log, 1, Lang::Fr).0.len());
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_plan(b: Bencher, n: usize) {
    let (plan, _) = texts(n);
    b.bench(|| {
        ptba::load::toml::parse_plan(plan, 0, Lang::Fr)
            .0
            .activities
            .len()
    });
}

fn summarize(b: Bencher, n: usize, by: GroupBy, as_of: Option<NaiveDate>) {
    let p = project(n);
    let opts = Options {
        as_of,
        weighting: None,
    };
    b.bench(|| {
        compute::summarize(std::slice::from_ref(&p), by, &opts)
            .groups
            .len()
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn summary_by_axis(b: Bencher, n: usize) {
    summarize(b, n, GroupBy::Axis, None);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn summary_by_action(b: Bencher, n: usize) {
    summarize(b, n, GroupBy::Action, None);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn summary_by_source(b: Bencher, n: usize) {
    summarize(b, n, GroupBy::Source, None);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn summary_by_responsible(b: Bencher, n: usize) {
    summarize(b, n, GroupBy::Responsible, None);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn summary_by_quarter(b: Bencher, n: usize) {
    summarize(b, n, GroupBy::Quarter, None);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn summary_as_of_mid_year(b: Bencher, n: usize) {
    summarize(b, n, GroupBy::Axis, NaiveDate::from_ymd_opt(2024, 6, 30));
}

// The binary's allocator, so that the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
