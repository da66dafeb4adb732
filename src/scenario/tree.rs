//! A YAML document as a tree whose every node knows where its text is: what reads
//! distributions out of a scenario and what edits a scenario's text in place
//! (`lakecost optimize --write`) both walk it.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML node with the positions of its parts.
#[derive(Debug)]
pub(crate) enum Node {
    /// A scalar's text, and what the YAML reader took it for (so that the tree can be
    /// read into the scenario's types exactly as the text would be: `replay`).
    Scalar(String, Kind),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
}

/// What a scalar is, as the YAML reader resolved it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Kind {
    Str,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Null,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Scalar(v.into(), Kind::Str))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string(), Kind::I64(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string(), Kind::U64(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string(), Kind::F64(v)))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string(), Kind::Bool(v)))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Scalar(String::new(), Kind::Null))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = m.next_key::<Spanned<String>>()? {
                    v.push((k, m.next_value::<Spanned<Node>>()?));
                }
                Ok(Node::Map(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(e) = s.next_element::<Spanned<Node>>()? {
                    v.push(e);
                }
                Ok(Node::Seq(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// Where a node's text starts.
pub(crate) fn offset(s: &Spanned<impl Sized>) -> usize {
    s.referenced.span().byte_offset().unwrap_or(0) as usize
}

/// Where a node's text ends: after its last scalar, and after the bracket that closes
/// it when it is written in flow style.
pub(crate) fn end_of(node: &Spanned<Node>, text: &str) -> usize {
    let last = match &node.value {
        Node::Scalar(..) => {
            let sp = node.referenced.span();
            return (sp.byte_offset().unwrap_or(0) + sp.byte_len().unwrap_or(0)) as usize;
        }
        Node::Map(entries) => entries
            .iter()
            .map(|(k, v)| end_of(v, text).max(offset(k)))
            .max(),
        Node::Seq(items) => items.iter().map(|v| end_of(v, text)).max(),
    }
    .unwrap_or(offset(node));
    let start = offset(node);
    let flow = match text.as_bytes().get(start) {
        Some(b'{') => Some(b'}'),
        Some(b'[') => Some(b']'),
        _ => None,
    };
    match flow {
        Some(close) => text[last..]
            .bytes()
            .position(|b| b == close)
            .map_or(last, |i| last + i + 1),
        None => last,
    }
}
