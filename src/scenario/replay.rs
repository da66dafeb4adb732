//! The positioned tree read into the scenario's types, so that a file is parsed as
//! YAML once: the bounds check needs the tree, the loader needs the types, and the
//! parse is most of a small run's start-up (issue 23 measured it against a bare
//! `lakecost --version`).
//!
//! The replay hands each value to its type exactly as the YAML reader handed it to the
//! tree (`tree::Kind`), and rebuilds each `Spanned` value's locations from the tree's.
//! It is strict: whenever a type asks for something other than what the tree holds (a
//! string where the reader saw a number, an enum written as a mapping), it gives up and
//! the loader reads the text itself, which is also what explains a broken file. The
//! reference is therefore always the YAML reader; a test checks that the replay agrees
//! with it on every bundled scenario (the `init` templates are among them).

use super::tree::{Kind, Node};
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_saphyr::{Location, Spanned};
use std::fmt;

/// Why the replay gave up (never shown: the text is read instead).
#[derive(Debug)]
pub(crate) struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the tree does not replay into this type")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GaveUp
    }
}

/// `T` read from the tree parsed from `text`, or `None` where only the text can say.
pub(crate) fn replay<'de, T: serde::Deserialize<'de>>(
    tree: &'de Spanned<Node>,
    text: &'de str,
) -> Option<T> {
    T::deserialize(Replay(tree, text)).ok()
}

/// A node as a deserializer, with the text it was parsed from.
#[derive(Clone, Copy)]
struct Replay<'de>(&'de Spanned<Node>, &'de str);

/// The name `serde_saphyr::Spanned` asks its deserializer for.
const SPANNED: &str = "__yaml_spanned";
/// The key `serde_saphyr::Spanned` expects first, marking a value with its locations.
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

impl<'de> Replay<'de> {
    fn kind(&self) -> Option<Kind> {
        match &self.0.value {
            Node::Scalar(_, kind) => Some(*kind),
            _ => None,
        }
    }

    /// The scalar as written.
    fn written(&self) -> Option<&'de str> {
        let span = self.0.referenced.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        self.1.get(start..start.checked_add(len)?)
    }

    /// A number asked for by its type: the YAML reader parses it from the text with
    /// rules of its own (`0x10` is a number to the tree but not a float to a typed
    /// read, `-0` is not a `u32`), so only a number written plainly for that type
    /// replays.
    fn number<V: Visitor<'de>>(self, v: V, plain: fn(&str) -> bool) -> Result<V::Value, GaveUp> {
        if !self.written().is_some_and(plain) {
            return Err(GaveUp);
        }
        self.any_number(v)
    }

    fn any_number<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        match self.kind() {
            Some(Kind::I64(n)) => v.visit_i64(n),
            Some(Kind::U64(n)) => v.visit_u64(n),
            Some(Kind::F64(n)) => v.visit_f64(n),
            _ => Err(GaveUp),
        }
    }

    fn text<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        match &self.0.value {
            Node::Scalar(s, Kind::Str) => v.visit_borrowed_str(s),
            _ => Err(GaveUp),
        }
    }

    fn map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        match &self.0.value {
            Node::Map(entries) => v.visit_map(Entries {
                entries: entries.iter(),
                value: None,
                text: self.1,
            }),
            _ => Err(GaveUp),
        }
    }

    fn seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        match &self.0.value {
            Node::Seq(items) => v.visit_seq(Items(items.iter(), self.1)),
            _ => Err(GaveUp),
        }
    }
}

/// `-12`, `3.5`, `1e3`: digits, an optional sign, fraction and exponent.
fn plain_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (s, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    plain_count(whole) && plain_count(fraction) && exponent.is_none_or(plain_count)
}

/// `12`.
fn plain_count(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `12`, `-12`.
fn plain_integer(s: &str) -> bool {
    plain_count(s.strip_prefix('-').unwrap_or(s))
}

macro_rules! numbers {
    ($written:ident: $($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
            self.number(v, $written)
        }
    )*};
}

impl<'de> Deserializer<'de> for Replay<'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        match (&self.0.value, self.kind()) {
            (Node::Map(_), _) => self.map(v),
            (Node::Seq(_), _) => self.seq(v),
            (_, Some(Kind::Str)) => self.text(v),
            (_, Some(Kind::Bool(b))) => v.visit_bool(b),
            (_, Some(Kind::Null)) => v.visit_unit(),
            _ => self.any_number(v),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        self.deserialize_f64(v)
    }

    /// A float is read from its text, as the YAML reader reads it (`-0` is −0.0).
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        match (self.kind(), self.written()) {
            (Some(Kind::I64(_) | Kind::U64(_) | Kind::F64(_)), Some(w)) if plain_decimal(w) => {
                v.visit_f64(w.parse().map_err(|_| GaveUp)?)
            }
            _ => Err(GaveUp),
        }
    }
    numbers!(plain_integer: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64);
    numbers!(plain_count: deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64);

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        match (self.kind(), self.written()) {
            (Some(Kind::Bool(b)), Some("true" | "false")) => v.visit_bool(b),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        self.text(v)
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        self.text(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        self.text(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        match self.kind() {
            Some(Kind::Null) => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        match self.kind() {
            Some(Kind::Null) => v.visit_unit(),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, GaveUp> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, GaveUp> {
        if name == SPANNED {
            v.visit_newtype_struct(Located(self))
        } else {
            v.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        self.seq(v)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, GaveUp> {
        self.seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, GaveUp> {
        self.seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        self.map(v)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, GaveUp> {
        self.map(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, GaveUp> {
        // Only a variant written as a word; anything else is the text's to read.
        match &self.0.value {
            Node::Scalar(s, Kind::Str) => {
                v.visit_enum(de::value::BorrowedStrDeserializer::<GaveUp>::new(s))
            }
            _ => Err(GaveUp),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, _: V) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value, GaveUp> {
        Err(GaveUp)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        v.visit_unit()
    }
}

struct Entries<'de> {
    entries: std::slice::Iter<'de, (Spanned<String>, Spanned<Node>)>,
    value: Option<&'de Spanned<Node>>,
    text: &'de str,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GaveUp> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(de::value::BorrowedStrDeserializer::new(&key.value))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GaveUp> {
        seed.deserialize(Replay(self.value.take().ok_or(GaveUp)?, self.text))
    }
}

struct Items<'de>(std::slice::Iter<'de, Spanned<Node>>, &'de str);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GaveUp> {
        self.0
            .next()
            .map(|n| seed.deserialize(Replay(n, self.1)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A node as `serde_saphyr::Spanned` reads it: a mapping of the marker, the value and
/// its two locations.
struct Located<'de>(Replay<'de>);

impl<'de> Deserializer<'de> for Located<'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        v.visit_map(LocatedFields {
            node: self.0,
            at: 0,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct LocatedFields<'de> {
    node: Replay<'de>,
    at: usize,
}

const LOCATED_KEYS: [&str; 4] = [SPANNED_MARKER, "value", "referenced", "defined"];

impl<'de> MapAccess<'de> for LocatedFields<'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GaveUp> {
        match LOCATED_KEYS.get(self.at) {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GaveUp> {
        self.at += 1;
        match self.at {
            1 => seed.deserialize(().into_deserializer()),
            2 => seed.deserialize(self.node),
            3 => seed.deserialize(Fields::location(&self.node.0.referenced)),
            4 => seed.deserialize(Fields::location(&self.node.0.defined)),
            _ => Err(GaveUp),
        }
    }
}

/// A location (or its span) as the mapping `serde_saphyr::Location` deserializes from,
/// built from its public accessors.
struct Fields {
    names: &'static [&'static str],
    values: [Field; 4],
    at: usize,
}

#[derive(Clone, Copy)]
enum Field {
    Number(u64),
    Pair(u64, u64),
    Span(serde_saphyr::Span),
}

/// What `serde_saphyr::Span` stores for "no byte offsets" (its largest index).
const NO_BYTES: u64 = u32::MAX as u64;

impl Fields {
    fn location(at: &Location) -> Fields {
        Fields {
            names: &["line", "column", "span", "source_id"],
            values: [
                Field::Number(at.line()),
                Field::Number(at.column()),
                Field::Span(at.span()),
                Field::Number(at.source_id().into()),
            ],
            at: 0,
        }
    }

    fn span(span: serde_saphyr::Span) -> Fields {
        let bytes = Field::Pair(
            span.byte_offset().unwrap_or(NO_BYTES),
            span.byte_len().unwrap_or(NO_BYTES),
        );
        Fields {
            names: &["offset", "len", "byte_info"],
            values: [
                Field::Number(span.offset()),
                Field::Number(span.len()),
                bytes,
                bytes,
            ],
            at: 0,
        }
    }
}

impl<'de> Deserializer<'de> for Fields {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GaveUp> {
        v.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Fields {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GaveUp> {
        match self.names.get(self.at) {
            Some(name) => seed.deserialize(name.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GaveUp> {
        let field = *self.values.get(self.at).ok_or(GaveUp)?;
        self.at += 1;
        match field {
            Field::Number(n) => seed.deserialize(n.into_deserializer()),
            Field::Pair(a, b) => {
                seed.deserialize(de::value::SeqDeserializer::new([a, b].into_iter()))
            }
            Field::Span(span) => seed.deserialize(Fields::span(span)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::raw::RawScenario;

    /// Every bundled scenario (the `init` templates among them) reads the same through the tree as through
    /// the YAML reader, locations included.
    #[test]
    fn the_replay_agrees_with_the_yaml_reader_on_every_bundled_scenario() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
        let texts: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .map(|p| {
                (
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        assert!(texts.len() > 5);
        let mut read_whole = 0;
        for (name, text) in &texts {
            let tree: Spanned<Node> = serde_saphyr::from_str(text).unwrap();
            // A file with distributions is read into its types after they are fitted.
            let Ok(read) = serde_saphyr::from_str::<RawScenario>(text) else {
                assert!(replay::<RawScenario>(&tree, text).is_none(), "{name}");
                continue;
            };
            let replayed: RawScenario =
                replay(&tree, text).unwrap_or_else(|| panic!("{name}: the replay gave up"));
            assert_eq!(format!("{replayed:?}"), format!("{read:?}"), "{name}");
            read_whole += 1;
        }
        assert!(read_whole >= 6, "{read_whole}");
    }

    /// Values a scenario might hold where another was expected, each resolved by the
    /// YAML reader in its own way.
    const VALUES: &[&str] = &[
        "2024",
        "\"2024\"",
        "~",
        "null",
        "",
        "true",
        "yes",
        "1.5",
        "1e3",
        "0x10",
        "-1",
        ".inf",
        "[1, 2]",
        "{a: 1}",
        "2 TB",
        "'30%'",
        "4.0",
        "STANDARD",
        "bulk",
        "[]",
        "{}",
        "+1",
        "1_000",
        "01",
        "1.",
        ".5",
        "True",
        "NO",
        "-0",
        "1e400",
        "0o17",
        "'1'",
        "!!str 5",
        "&a 3",
        "*a",
        "1.0e+2",
        "-.inf",
        ".NaN",
        "0.0000001",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

        /// A bundled scenario with one value replaced (and its line perhaps written twice):
        /// whenever the replay reads it, the
        /// YAML reader reads the same (and where the reader refuses, the replay does too).
        #[test]
        fn the_replay_never_reads_what_the_reader_would_not(
            which in 0usize..8, line in 0usize..400, value in 0..VALUES.len(), double: bool
        ) {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
            let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
            files.sort();
            let text = std::fs::read_to_string(&files[which % files.len()]).unwrap();
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            let n = lines.len();
            let l = &mut lines[line % n];
            if let Some(i) = l.find(": ") {
                let end = l[i + 2..].find([',', '}', '#']).map_or(l.len(), |j| i + 2 + j);
                l.replace_range(i + 2..end, VALUES[value]);
            }
            if double {
                // A key written twice.
                let l = lines[line % n].clone();
                lines.insert(line % n, l);
            }
            let text = lines.join("\n") + "\n";
            let Ok(tree) = serde_saphyr::from_str::<Spanned<Node>>(&text) else {
                return Ok(());
            };
            let read = serde_saphyr::from_str::<RawScenario>(&text);
            if let Some(replayed) = replay::<RawScenario>(&tree, &text) {
                let read = read.expect("the replay read what the reader refuses");
                proptest::prop_assert_eq!(format!("{replayed:?}"), format!("{read:?}"));
            }
        }
    }

    /// Where the text says something the tree cannot (a number where a word is
    /// expected), the replay gives up rather than guess.
    #[test]
    fn the_replay_gives_up_rather_than_guess() {
        #[derive(serde::Deserialize, Debug)]
        struct Named {
            #[allow(dead_code)]
            name: String,
        }
        for (text, replays) in [("name: 2024\n", false), ("name: \"2024\"\n", true)] {
            let tree: Spanned<Node> = serde_saphyr::from_str(text).unwrap();
            assert_eq!(replay::<Named>(&tree, text).is_some(), replays, "{text}");
        }
    }

    /// A location rebuilt from the tree is the location the reader gives.
    #[test]
    fn locations_survive_the_replay() {
        let text = "a:\n  b: \"x é\"\n  c: [1, 2]\n";
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Inner {
            b: Spanned<String>,
            c: Spanned<Vec<Spanned<u32>>>,
        }
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Outer {
            a: Spanned<Inner>,
        }
        let tree: Spanned<Node> = serde_saphyr::from_str(text).unwrap();
        let replayed: Outer = replay(&tree, text).unwrap();
        let read: Outer = serde_saphyr::from_str(text).unwrap();
        assert_eq!(replayed, read);
    }
}
