//! Ids that look alike (SPEC §2): Latin `A` and Cyrillic `А` print the same,
//! so `A1.1.1` and `А1.1.1` would be two activities no reader can tell
//! apart. A small table of the common Latin / Cyrillic / Greek look-alikes
//! (and full-width forms) gives each id a *skeleton*; two ids with the same
//! skeleton are duplicates. An id mixing scripts is suspicious on its own.

/// The Latin letter a Cyrillic or Greek letter is mistaken for.
const LOOK_ALIKES: &[(char, char)] = &[
    // Cyrillic capitals
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('У', 'Y'),
    ('Ү', 'Y'),
    ('І', 'I'),
    ('Ӏ', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
    ('Һ', 'H'),
    ('Ԛ', 'Q'),
    ('Ԝ', 'W'),
    ('Ԁ', 'D'),
    // Cyrillic small letters
    ('а', 'a'),
    ('в', 'B'),
    ('е', 'e'),
    ('к', 'k'),
    ('м', 'M'),
    ('н', 'H'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('т', 'T'),
    ('х', 'x'),
    ('у', 'y'),
    ('ү', 'y'),
    ('і', 'i'),
    ('ӏ', 'l'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('һ', 'h'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
    ('ԁ', 'd'),
    ('ɡ', 'g'),
    // Greek capitals
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
    // Greek small letters
    ('α', 'a'),
    ('ι', 'i'),
    ('κ', 'k'),
    ('ν', 'v'),
    ('ο', 'o'),
    ('ρ', 'p'),
    ('υ', 'u'),
    ('χ', 'x'),
    // Latin look-alikes of Latin letters
    ('ı', 'i'),
    ('ȷ', 'j'),
];

/// The skeleton of an id: every look-alike replaced by the Latin letter it
/// is mistaken for, full-width forms by their ASCII letter or digit.
pub fn skeleton(id: &str) -> String {
    id.chars().map(plain).collect()
}

fn plain(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    // Full-width ASCII (U+FF01..U+FF5E).
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        return char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
    }
    LOOK_ALIKES
        .iter()
        .find(|(k, _)| *k == c)
        .map_or(c, |&(_, v)| v)
}

/// The script of a letter, for the mixed-script warning; `None` for what
/// belongs to no script (digits, `.`, `-`, `_`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

pub fn script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c as u32 {
        0x41..=0x5A
        | 0x61..=0x7A
        | 0xC0..=0x24F
        | 0x1E00..=0x1EFF
        | 0xFF21..=0xFF3A
        | 0xFF41..=0xFF5A
        | 0x250..=0x2AF => Script::Latin,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        _ => Script::Other,
    })
}

/// Whether the letters of `id` come from more than one script.
pub fn mixes_scripts(id: &str) -> bool {
    let mut first = None;
    for s in id.chars().filter_map(script) {
        match first {
            None => first = Some(s),
            Some(f) if f != s => return true,
            _ => {}
        }
    }
    false
}

/// The characters of `id` outside ASCII, named by code point, for messages:
/// "А (U+0410)".
pub fn non_ascii(id: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for c in id.chars().filter(|c| !c.is_ascii()) {
        let s = format!("{c} (U+{:04X})", c as u32);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_share_a_skeleton() {
        assert_eq!(skeleton("А1.1.1"), "A1.1.1");
        assert_eq!(skeleton("A1.1.1"), "A1.1.1");
        assert_eq!(skeleton("РТF"), "PTF");
        assert_eq!(skeleton("ΕΤΑΤ"), "ETAT");
        assert_eq!(skeleton("Ａ１"), "A1");
        assert_ne!(skeleton("A1"), skeleton("B1"));
        // Letters that do not look Latin keep their own identity.
        assert_eq!(skeleton("Ж1"), "Ж1");
        assert_eq!(skeleton("é1"), "é1");
    }

    #[test]
    fn mixed_scripts() {
        assert!(mixes_scripts("Аxe1"));
        assert!(!mixes_scripts("Axe-1.2_é"));
        assert!(!mixes_scripts("Ось1"));
        assert!(!mixes_scripts("123"));
        assert_eq!(non_ascii("А1.1.А"), "А (U+0410)");
    }
}
