//! A spanned TOML tree, and a fast parser for the shapes plans and logs use.
//!
//! The `toml` crate is exact but slow on 200 000-record logs (it builds a
//! spanned tree through a general event parser). Plans and logs are made of
//! simple blocks — a header, then `key = value` lines with strings, numbers,
//! dates, arrays and one-line inline tables — so [`parse_block`] reads those
//! directly. Anything it is not sure of (multi-line strings, dotted keys,
//! times, hex numbers, duplicate keys, syntax errors…) makes it give up on the
//! block, which is then parsed by the `toml` crate and converted
//! ([`from_de`]): the fast path never decides what is valid TOML.
//!
//! Spans are absolute byte offsets into the document.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::{Date, Datetime};

#[derive(Debug, Clone, PartialEq)]
pub struct Key<'i> {
    pub name: Cow<'i, str>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node<'i> {
    pub value: Value<'i>,
    pub span: Range<usize>,
}

pub type Table<'i> = Vec<(Key<'i>, Node<'i>)>;

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'i> {
    String(Cow<'i, str>),
    /// The literal text (without underscores) and its radix.
    Integer(Cow<'i, str>, u32),
    /// The literal text, never converted through binary floating point.
    Float(Cow<'i, str>),
    Boolean(bool),
    Datetime(Datetime),
    Array(Vec<Node<'i>>),
    Table(Table<'i>),
}

impl Value<'_> {
    pub fn type_str(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer(..) => "integer",
            Value::Float(_) => "float",
            Value::Boolean(_) => "boolean",
            Value::Datetime(_) => "datetime",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }
}

/// Converts a tree parsed by the `toml` crate from `text[base..]`.
pub fn from_de<'i>(table: DeTable<'i>, base: usize) -> Table<'i> {
    table
        .into_iter()
        .map(|(k, v)| {
            let span = shift(k.span(), base);
            (
                Key {
                    name: k.into_inner(),
                    span,
                },
                node_from_de(v, base),
            )
        })
        .collect()
}

fn shift(r: Range<usize>, base: usize) -> Range<usize> {
    r.start + base..r.end + base
}

fn node_from_de<'i>(v: Spanned<DeValue<'i>>, base: usize) -> Node<'i> {
    let span = shift(v.span(), base);
    let value = match v.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => Value::Integer(Cow::Owned(i.as_str().to_string()), i.radix()),
        DeValue::Float(f) => Value::Float(Cow::Owned(f.as_str().to_string())),
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(a) => Value::Array(a.into_iter().map(|x| node_from_de(x, base)).collect()),
        DeValue::Table(t) => Value::Table(from_de(t, base)),
    };
    Node { value, span }
}

/// Deepest nesting the fast parser follows before giving up.
const FAST_DEPTH: usize = 32;

/// The fast path: parses the block starting at `start` (a header line, or the
/// start of the document) up to the next header line. Returns the block as
/// the root table the `toml` crate would give for it, and where it ends;
/// `None` when the block is not of the simple shapes (then use the scanner
/// and the `toml` crate).
pub fn parse_block(text: &str, start: usize) -> Option<(Table<'_>, usize)> {
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        i: start,
    };
    let header = if p.at_header() {
        Some(p.header()?)
    } else {
        None
    };
    let mut body: Table<'_> = Vec::new();
    loop {
        p.skip_blank_lines();
        if p.i >= p.b.len() || p.at_header() {
            break;
        }
        let key = p.key()?;
        p.ws();
        p.eat(b'=')?;
        p.ws();
        let value = p.value(0)?;
        p.end_of_line()?;
        body.push((key, value));
    }
    if has_duplicate_key(&body) {
        return None;
    }
    let end = p.i;
    let root = match header {
        None => body,
        Some((path, array, span)) => {
            let table = Node {
                value: Value::Table(body),
                span: span.clone(),
            };
            let mut node = if array {
                Node {
                    value: Value::Array(vec![table]),
                    span: span.clone(),
                }
            } else {
                table
            };
            let mut keys = path.into_iter().rev();
            let last = keys.next()?;
            let mut root = vec![(last, node)];
            for k in keys {
                // An implicit parent table spans its own key, as in the crate.
                node = Node {
                    value: Value::Table(root),
                    span: k.span.clone(),
                };
                root = vec![(k, node)];
            }
            root
        }
    };
    Some((root, end))
}

struct Parser<'i> {
    s: &'i str,
    b: &'i [u8],
    i: usize,
}

impl<'i> Parser<'i> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        if self.peek() == Some(c) {
            self.i += 1;
            Some(())
        } else {
            None
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// Is the current line (from `i`, a line start) a table header?
    fn at_header(&self) -> bool {
        let mut j = self.i;
        while matches!(self.b.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        self.b.get(j) == Some(&b'[')
    }

    /// Skips blank and comment-only lines; stops at a line start.
    fn skip_blank_lines(&mut self) {
        loop {
            let line_start = self.i;
            self.ws();
            match self.peek() {
                Some(b'\n') => self.i += 1,
                Some(b'\r') if self.b.get(self.i + 1) == Some(&b'\n') => self.i += 2,
                Some(b'#') => {
                    if self.comment().is_none() {
                        self.i = line_start;
                        return;
                    }
                }
                None => return,
                _ => {
                    self.i = line_start;
                    return;
                }
            }
        }
    }

    /// A comment up to (not including) the end of line. Control characters
    /// other than tab are not allowed in comments: give up on them.
    fn comment(&mut self) -> Option<()> {
        self.eat(b'#')?;
        while let Some(c) = self.peek() {
            match c {
                b'\n' => return Some(()),
                b'\r' => {
                    return if self.b.get(self.i + 1) == Some(&b'\n') {
                        Some(())
                    } else {
                        None
                    };
                }
                b'\t' => self.i += 1,
                c if c < 0x20 || c == 0x7f => return None,
                _ => self.i += 1,
            }
        }
        Some(())
    }

    /// After a value or header: spaces, an optional comment, then a newline or the end.
    fn end_of_line(&mut self) -> Option<()> {
        self.ws();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.i += 1;
                Some(())
            }
            Some(b'\r') if self.b.get(self.i + 1) == Some(&b'\n') => {
                self.i += 2;
                Some(())
            }
            _ => None,
        }
    }

    /// `[a.b]` or `[[a.b]]`: the key path, whether it is an array of tables, the span.
    #[allow(clippy::type_complexity)]
    fn header(&mut self) -> Option<(Vec<Key<'i>>, bool, Range<usize>)> {
        self.ws();
        let start = self.i;
        self.eat(b'[')?;
        let array = self.eat(b'[').is_some();
        let mut path = Vec::new();
        loop {
            self.ws();
            // The crate refuses paths of 80 keys ("recursion limit"), and a
            // tree as deep as the path would be dropped recursively.
            if path.len() == FAST_DEPTH {
                return None;
            }
            path.push(self.simple_key()?);
            self.ws();
            if self.eat(b'.').is_none() {
                break;
            }
        }
        self.eat(b']')?;
        if array {
            self.eat(b']')?;
        }
        let span = start..self.i;
        self.end_of_line()?;
        Some((path, array, span))
    }

    /// A key of a key/value line: one bare or quoted key (dotted keys give up).
    fn key(&mut self) -> Option<Key<'i>> {
        self.ws();
        let k = self.simple_key()?;
        self.ws();
        if self.peek() == Some(b'.') {
            return None;
        }
        Some(k)
    }

    fn simple_key(&mut self) -> Option<Key<'i>> {
        let start = self.i;
        match self.peek()? {
            b'"' => {
                let name = self.basic_string()?;
                Some(Key {
                    name,
                    span: start..self.i,
                })
            }
            b'\'' => {
                let name = self.literal_string()?;
                Some(Key {
                    name,
                    span: start..self.i,
                })
            }
            _ => {
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
                {
                    self.i += 1;
                }
                if self.i == start {
                    return None;
                }
                Some(Key {
                    name: Cow::Borrowed(&self.s[start..self.i]),
                    span: start..self.i,
                })
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node<'i>> {
        if depth > FAST_DEPTH {
            return None;
        }
        let start = self.i;
        let value = match self.peek()? {
            b'"' => Value::String(self.basic_string()?),
            b'\'' => Value::String(self.literal_string()?),
            b'[' => Value::Array(self.array(depth)?),
            b'{' => Value::Table(self.inline_table(depth)?),
            _ => self.scalar()?,
        };
        Some(Node {
            value,
            span: start..self.i,
        })
    }

    /// `"…"` with escapes; `"""` gives up.
    fn basic_string(&mut self) -> Option<Cow<'i, str>> {
        self.eat(b'"')?;
        if self.peek() == Some(b'"') && self.b.get(self.i + 1) == Some(&b'"') {
            return None;
        }
        let start = self.i;
        let mut owned: Option<String> = None;
        loop {
            let c = self.peek()?;
            match c {
                b'"' => {
                    let raw = &self.s[start..self.i];
                    self.i += 1;
                    return Some(match owned {
                        Some(o) => Cow::Owned(o),
                        None => Cow::Borrowed(raw),
                    });
                }
                b'\\' => {
                    let buf = owned.get_or_insert_with(|| self.s[start..self.i].to_string());
                    self.i += 1;
                    let e = self.peek()?;
                    self.i += 1;
                    match e {
                        b'b' => buf.push('\u{8}'),
                        b't' => buf.push('\t'),
                        b'n' => buf.push('\n'),
                        b'f' => buf.push('\u{c}'),
                        b'r' => buf.push('\r'),
                        b'"' => buf.push('"'),
                        b'\\' => buf.push('\\'),
                        b'u' | b'U' => {
                            let n = if e == b'u' { 4 } else { 8 };
                            let hex = self.s.get(self.i..self.i + n)?;
                            if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                                return None;
                            }
                            let ch = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                            buf.push(ch);
                            self.i += n;
                        }
                        _ => return None,
                    }
                }
                c if (c < 0x20 && c != b'\t') || c == 0x7f => return None,
                _ => {
                    // Copy one whole UTF-8 character.
                    let len = utf8_len(c);
                    if let Some(buf) = owned.as_mut() {
                        buf.push_str(self.s.get(self.i..self.i + len)?);
                    }
                    self.i += len;
                }
            }
        }
    }

    /// `'…'`; `'''` gives up.
    fn literal_string(&mut self) -> Option<Cow<'i, str>> {
        self.eat(b'\'')?;
        if self.peek() == Some(b'\'') && self.b.get(self.i + 1) == Some(&b'\'') {
            return None;
        }
        let start = self.i;
        loop {
            match self.peek()? {
                b'\'' => {
                    let raw = &self.s[start..self.i];
                    self.i += 1;
                    return Some(Cow::Borrowed(raw));
                }
                c if (c < 0x20 && c != b'\t') || c == 0x7f => return None,
                _ => self.i += 1,
            }
        }
    }

    /// Whitespace, newlines and comments inside an array.
    fn array_space(&mut self) -> Option<()> {
        loop {
            match self.peek()? {
                b' ' | b'\t' | b'\n' => self.i += 1,
                b'\r' if self.b.get(self.i + 1) == Some(&b'\n') => self.i += 2,
                b'#' => self.comment()?,
                _ => return Some(()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<Vec<Node<'i>>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        loop {
            self.array_space()?;
            if self.eat(b']').is_some() {
                return Some(items);
            }
            items.push(self.value(depth + 1)?);
            self.array_space()?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(items);
                }
                _ => return None,
            }
        }
    }

    /// `{ k = v, … }` on one line.
    fn inline_table(&mut self, depth: usize) -> Option<Table<'i>> {
        self.eat(b'{')?;
        let mut t: Table<'i> = Vec::new();
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(t);
        }
        loop {
            let k = self.key()?;
            self.ws();
            self.eat(b'=')?;
            self.ws();
            let v = self.value(depth + 1)?;
            t.push((k, v));
            self.ws();
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.ws();
                    // A trailing comma is TOML 1.1 only: leave it to the crate.
                    if self.peek() == Some(b'}') {
                        return None;
                    }
                }
                b'}' => {
                    self.i += 1;
                    return (!has_duplicate_key(&t)).then_some(t);
                }
                _ => return None,
            }
        }
    }

    /// Integers, floats, booleans and plain dates; anything else gives up.
    fn scalar(&mut self) -> Option<Value<'i>> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'-' | b'.' | b':') {
                self.i += 1;
            } else {
                break;
            }
        }
        let tok = &self.s[start..self.i];
        match tok {
            "true" => return Some(Value::Boolean(true)),
            "false" => return Some(Value::Boolean(false)),
            _ => {}
        }
        if let Some(d) = plain_date(tok) {
            return Some(Value::Datetime(d));
        }
        // The literal as the `toml` crate keeps it: without underscores.
        let lit = if tok.contains('_') {
            Cow::Owned(tok.replace('_', ""))
        } else {
            Cow::Borrowed(tok)
        };
        match number_kind(tok)? {
            false => Some(Value::Integer(lit, 10)),
            true => Some(Value::Float(lit)),
        }
    }
}

/// Whether a key occurs twice (then the `toml` crate decides: it is an
/// error). Sorting, not pairwise comparison: a hostile block of 100 000 keys
/// took 20 s pairwise.
fn has_duplicate_key(t: &Table<'_>) -> bool {
    if t.len() <= 16 {
        return t
            .iter()
            .enumerate()
            .any(|(i, (k, _))| t[..i].iter().any(|(x, _)| x.name == k.name));
    }
    let mut names: Vec<&str> = t.iter().map(|(k, _)| k.name.as_ref()).collect();
    names.sort_unstable();
    names.windows(2).any(|w| w[0] == w[1])
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// `YYYY-MM-DD` with a real calendar day.
fn plain_date(tok: &str) -> Option<Datetime> {
    let b = tok.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: Range<usize>| -> Option<u32> {
        let s = &tok[r];
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?;
    Some(Datetime {
        date: Some(Date {
            year: y as u16,
            month: m as u8,
            day: d as u8,
        }),
        time: None,
        offset: None,
    })
}

/// Decimal integer (`Some(false)`) or float (`Some(true)`) as TOML writes
/// them; `None` for anything else (hex, inf, leading zeros, misplaced `_`).
fn number_kind(tok: &str) -> Option<bool> {
    let b = tok.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    // Digits with single underscores between them.
    let digits = |i: &mut usize| -> Option<usize> {
        let start = *i;
        let mut prev_digit = false;
        while *i < b.len() {
            match b[*i] {
                b'0'..=b'9' => prev_digit = true,
                b'_' if prev_digit && b.get(*i + 1).is_some_and(u8::is_ascii_digit) => {
                    prev_digit = false
                }
                _ => break,
            }
            *i += 1;
        }
        if *i == start || !prev_digit {
            None
        } else {
            Some(*i - start)
        }
    };
    let int_start = i;
    let n = digits(&mut i)?;
    if b[int_start] == b'0' && n > 1 {
        return None;
    }
    let mut float = false;
    if b.get(i) == Some(&b'.') {
        i += 1;
        digits(&mut i)?;
        float = true;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        digits(&mut i)?;
        float = true;
    }
    (i == b.len()).then_some(float)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path, where it answers, gives what the `toml` crate gives.
    fn same_as_toml(text: &str) {
        let mut pos = 0;
        let mut fast_root: Table<'_> = Vec::new();
        let mut blocks = 0;
        while pos < text.len() {
            let Some((t, end)) = parse_block(text, pos) else {
                panic!("fast path gave up at {pos}: {text}")
            };
            assert!(end > pos || end == text.len(), "no progress at {pos}");
            let slow = DeTable::parse(&text[pos..end]).expect("valid block");
            assert_eq!(t, from_de(slow.into_inner(), pos), "block at {pos}");
            fast_root.extend(t);
            pos = end;
            blocks += 1;
        }
        assert!(blocks > 0);
    }

    #[test]
    fn agrees_with_the_toml_crate() {
        same_as_toml(
            "# c\n[plan]\ntitle = \"Plan d'\\u00e9t\\u00E9 \\\"x\\\"\" # c\nyear = 2024\n\n[[activity]]\nid = 'A1.1'\nbudget = [\n  { source = \"ETAT\", amount = 12_500_000, category = \"B\" },\n  { source = \"GAP\", quantity = 5, unit_cost = 1.5e6 }, # x\n]\nquarters = [1, 2]\nstart = 2024-02-01\nw = -0.5\nok = true\n\n[[activity.indicator]]\n\"nom complet\" = 3\n",
        );
        same_as_toml(
            "[[record]]\r\nactivity = \"A\"\r\ndate = 2024-03-31\r\nindicators = { \"Campagnes réalisées\" = 2 }\r\n",
        );
        same_as_toml("a = []\nb = [ ]\nc = {}\nd = [[1, 2], [3]]\n");
    }

    #[test]
    fn gives_up_on_what_it_does_not_know() {
        for text in [
            "a = \"\"\"x\"\"\"\n",
            "a = '''x'''\n",
            "a.b = 1\n",
            "a = 0x10\n",
            "a = 1979-05-27T07:32:00Z\n",
            "a = inf\n",
            "a = 01\n",
            "a = 1__0\n",
            "a = 1\na = 2\n",
            "a = { b = 1, }\n",
            "a = {\n b = 1 }\n",
            "a = 2024-02-30\n",
            "a = \"x\ty\u{1}\"\n",
            "a = 1 b\n",
            "[a\n",
            "a = [1,,2]\n",
        ] {
            assert!(parse_block(text, 0).is_none(), "{text:?}");
        }
    }

    #[test]
    fn stops_at_the_next_header() {
        let text = "[[record]]\na = 1\n\n[[record]]\na = 2\n";
        let (_, end) = parse_block(text, 0).unwrap();
        assert_eq!(&text[end..], "[[record]]\na = 2\n");
        let (t, end2) = parse_block(text, end).unwrap();
        assert_eq!(end2, text.len());
        assert_eq!(t[0].0.name, "record");
    }

    /// Found while timing hostile inputs: the duplicate-key check compared
    /// every key with every other, so a 1 MB block of 100 000 keys (or an
    /// inline table of as many) took 20 s to check.
    #[test]
    fn many_keys_are_checked_for_duplicates_in_n_log_n() {
        let n = 200_000;
        let body: String = (0..n).map(|i| format!("k{i} = 1\n")).collect();
        let started = std::time::Instant::now();
        let (t, _) = parse_block(&body, 0).expect("distinct keys");
        assert_eq!(t.len(), n);
        let dup = format!("{body}k7 = 2\n");
        assert!(parse_block(&dup, 0).is_none());
        let inline: Vec<String> = (0..n).map(|i| format!("k{i} = 1")).collect();
        let inline = format!("x = {{ {} }}\n", inline.join(", "));
        assert!(parse_block(&inline, 0).is_some());
        let inline_dup = inline.replacen("k1 = 1", "k0 = 1", 1);
        assert!(parse_block(&inline_dup, 0).is_none());
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    /// Found by fuzzing (`tree_differential`): a header of 90 dotted keys
    /// was read by the fast path where the `toml` crate refuses it
    /// ("recursion limit"); one of 300 000 keys (a 600 KB line) built a tree
    /// that deep, whose drop overflowed the stack and aborted `ptba check`.
    #[test]
    fn long_header_paths_are_left_to_the_crate() {
        let header = |n: usize| format!("[{}a]\nx = 1\n", "a.".repeat(n - 1));
        assert!(parse_block(&header(FAST_DEPTH), 0).is_some());
        assert!(parse_block(&header(FAST_DEPTH + 1), 0).is_none());
        assert!(DeTable::parse(&header(90)).is_err());
        assert!(parse_block(&header(300_000), 0).is_none());
    }

    #[test]
    fn deep_nesting_gives_up_without_recursing_far() {
        let text = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse_block(&text, 0).is_none());
    }
}
