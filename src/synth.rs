//! Large synthetic plans and logs, for benchmarks and scale tests
//! (`examples/synth.rs`, `benches/`).

use std::fmt::Write as _;

/// xorshift64*: small, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const SOURCES: [(&str, &str, &str); 6] = [
    ("ETAT", "Budget de l'État", "secured"),
    ("UNICEF", "UNICEF", "secured"),
    ("UNODC", "UNODC", "secured"),
    (
        "OIM",
        "Organisation internationale pour les migrations",
        "pledged",
    ),
    ("EF", "Expertise France", "pledged"),
    ("GAP", "Financement à rechercher", "unfunded"),
];

const VERBS: [&str; 8] = [
    "Organiser",
    "Former",
    "Équiper",
    "Sensibiliser",
    "Appuyer",
    "Réaliser",
    "Élaborer",
    "Suivre",
];
const OBJECTS: [&str; 8] = [
    "les comités régionaux",
    "les officiers de police judiciaire",
    "les centres d'accueil",
    "les communautés frontalières",
    "les travailleurs sociaux",
    "une étude de référence",
    "le plan de communication",
    "les missions de terrain",
];
const RESPONSIBLES: [&str; 6] = [
    "Direction de la prévention",
    "Direction de la protection de l'enfant",
    "Ministère de la Justice",
    "Police criminelle",
    "Secrétariat permanent",
    "Direction régionale",
];
const STATUSES: [&str; 4] = ["planned", "ongoing", "done", "postponed"];

/// The plan and log texts of [`generate`] read into a project (for a plan
/// workbook of the same plan: `examples/synth.rs --format xlsx`).
pub fn project(plan: &str, log: &str) -> Result<crate::model::Project, String> {
    use crate::i18n::Lang;
    let (plan, diags) = crate::load::toml::parse_plan(plan, 0, Lang::Fr);
    let (records, log_diags) = crate::load::toml::parse_log(log, 1, Lang::Fr);
    if let Some(d) = diags.iter().chain(&log_diags).next() {
        return Err(format!("generated plan not readable: {}", d.message));
    }
    Ok(crate::model::Project {
        plan,
        records,
        ..Default::default()
    })
}

/// The plan and log texts: several axes, about ten activities per action,
/// six sources, indicators, records spread over 2024. Deterministic per seed.
pub fn generate(activities: usize, records: usize, seed: u64) -> (String, String) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let axes = (activities / 2000).clamp(4, 12);
    let actions = activities.div_ceil(10);
    let mut plan = String::with_capacity(activities * 420);
    let _ = write!(
        plan,
        "# Plan synthétique : {activities} activités, graine {seed}\n\n[plan]\ntitle = \"Plan national consolidé (synthétique)\"\norganization = \"Ministère du Plan\"\nyear = 2024\ncurrency = \"XOF\"\nlang = \"fr\"\n\n"
    );
    for (id, name, status) in SOURCES {
        let _ = write!(
            plan,
            "[[source]]\nid = \"{id}\"\nname = \"{name}\"\nstatus = \"{status}\"\n\n"
        );
    }
    for x in 1..=axes {
        let _ = write!(
            plan,
            "[[axis]]\nid = \"A{x}\"\ntitle = \"Axe stratégique {x}\"\n\n"
        );
        let _ = write!(
            plan,
            "[[axis.indicator]]\nname = \"Taux de couverture\"\nunit = \"%\"\nbaseline = 20\ntarget = 60\n\n"
        );
    }
    let mut action_ids = Vec::with_capacity(actions);
    for n in 0..actions {
        let axis = n % axes + 1;
        let id = format!("A{axis}.{}", n / axes + 1);
        let _ = write!(
            plan,
            "[[action]]\nid = \"{id}\"\naxis = \"A{axis}\"\ntitle = \"{} {}\"\n\n",
            VERBS[n % VERBS.len()],
            OBJECTS[(n / 3) % OBJECTS.len()]
        );
        action_ids.push(id);
    }
    let planned = write_activities(&mut plan, &mut rng, &action_ids, activities);
    let log = write_log(&mut rng, &planned, records);
    (plan, log)
}

/// An activity written in the plan, as the log needs it.
struct Planned {
    id: String,
    sources: Vec<&'static str>,
    budget: u64,
}

/// The `[[activity]]` tables, spread over the actions in turn.
fn write_activities(
    plan: &mut String,
    rng: &mut Rng,
    action_ids: &[String],
    activities: usize,
) -> Vec<Planned> {
    let mut planned = Vec::with_capacity(activities);
    for n in 0..activities {
        let action = &action_ids[n % action_ids.len()];
        let id = format!("{action}.{}", n / action_ids.len() + 1);
        let q1 = rng.below(4) + 1;
        let q2 = (q1 + rng.below(2)).min(4);
        let s1 = rng.below(SOURCES.len() as u64) as usize;
        let s2 = (s1 + 1 + rng.below(SOURCES.len() as u64 - 1) as usize) % SOURCES.len();
        let a1 = (rng.below(400) + 10) * 50_000;
        let _ = write!(
            plan,
            "[[activity]]\nid = \"{id}\"\naction = \"{action}\"\ntitle = \"{} {} ({})\"\nresponsible = \"{}\"\npartners = [\"{}\"]\nquarters = [{}]\n",
            VERBS[(n / 7) % VERBS.len()],
            OBJECTS[n % OBJECTS.len()],
            n + 1,
            RESPONSIBLES[n % RESPONSIBLES.len()],
            SOURCES[s2].0,
            if q1 == q2 {
                q1.to_string()
            } else {
                format!("{q1}, {q2}")
            }
        );
        let mut total = a1;
        let mut srcs = vec![SOURCES[s1].0];
        if n.is_multiple_of(2) {
            let qty = rng.below(9) + 1;
            let unit = (rng.below(40) + 1) * 25_000;
            total += qty * unit;
            srcs.push(SOURCES[s2].0);
            let _ = write!(
                plan,
                "budget = [\n  {{ source = \"{}\", amount = {a1} }},\n  {{ source = \"{}\", quantity = {qty}, unit_cost = {unit} }},\n]\n",
                SOURCES[s1].0, SOURCES[s2].0
            );
        } else {
            let _ = writeln!(
                plan,
                "budget = [{{ source = \"{}\", amount = \"{a1}\", category = \"Biens et services\" }}]",
                SOURCES[s1].0
            );
        }
        if n.is_multiple_of(3) {
            let _ = write!(
                plan,
                "\n[[activity.indicator]]\nname = \"Réalisations\"\nunit = \"unités\"\nbaseline = 0\ntarget = {}\n",
                rng.below(20) + 1
            );
        }
        plan.push('\n');
        planned.push(Planned {
            id,
            sources: srcs,
            budget: total,
        });
    }
    planned
}

/// The log: records in date order, each a small step for a random activity.
fn write_log(rng: &mut Rng, planned: &[Planned], records: usize) -> String {
    let mut log = String::with_capacity(records * 130);
    log.push_str("# Journal de suivi synthétique\n");
    // Records in date order, each a small step for a random activity.
    let mut spent = vec![0u64; planned.len()];
    for r in 0..records {
        let day = (r * 365 / records.max(1)) as u32;
        let date = chrono_like(day);
        let a = rng.below(planned.len() as u64) as usize;
        let status = STATUSES[rng.below(STATUSES.len() as u64) as usize];
        let progress = if status == "done" {
            100
        } else {
            rng.below(100)
        };
        let room = planned[a].budget.saturating_sub(spent[a]);
        let step = (room / 10 / 1000) * 1000;
        spent[a] += step;
        let source = planned[a].sources[rng.below(planned[a].sources.len() as u64) as usize];
        let _ = write!(
            log,
            "\n[[record]]\nactivity = \"{}\"\ndate = {date}\nstatus = \"{status}\"\nprogress = {progress}\ncommitted = {}\nspent = {step}\nsource = \"{source}\"\n",
            planned[a].id,
            step + step / 10 / 1000 * 1000
        );
        if a.is_multiple_of(3) {
            let _ = writeln!(
                log,
                "indicators = {{ \"Réalisations\" = {} }}",
                rng.below(10)
            );
        }
        if r.is_multiple_of(5) {
            let _ = writeln!(log, "note = \"Point d'étape n° {r}\"");
        }
    }
    log
}

/// Day `n` of 2024 (0-based) as `2024-MM-DD`.
fn chrono_like(n: u32) -> String {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut n = n.min(365);
    for (m, d) in DAYS.iter().enumerate() {
        if n < *d {
            return format!("2024-{:02}-{:02}", m + 1, n + 1);
        }
        n -= d;
    }
    "2024-12-31".to_string()
}
