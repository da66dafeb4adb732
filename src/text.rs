//! Text that lakecost did not write — server error messages, names from scenario files
//! other people send — made safe before it reaches a terminal.
//!
//! A terminal obeys escape sequences (retitling, repainting, hyperlinks), so no control
//! character from such text is ever printed: each becomes a visible `\u{1b}` escape.
//! Server messages are data, not diagnostics we trust: they are bounded in length and
//! withheld when they echo credentials or signed headers.

/// A character that changes how the text around it is shown rather than showing
/// itself: a control character, or a bidirectional-formatting or zero-width one
/// (U+202E would make `gold.csv` read as `vsc.dlog` on a reviewer's screen).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` on one line with every hidden character (controls, including newlines, and
/// bidirectional formatting) shown as a `\u{…}` escape.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` for a terminal: line breaks and tabs kept, every other hidden character shown
/// as a `\u{…}` escape. Everything lakecost prints passes through this, so no escape
/// sequence or text-direction override from a scenario, a snapshot or a server reaches
/// the terminal.
pub fn for_terminal(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) && c != '\n' && c != '\t') {
        return s.into();
    }
    s.split('\n')
        .map(|line| {
            line.split('\t')
                .map(one_line)
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .into()
}

/// The longest server message shown, in characters.
const SERVER_MESSAGE_CHARS: usize = 300;

/// Words that only appear in a message that echoes a signed request.
const ECHOED_REQUEST: [&str; 6] = [
    "authorization",
    "x-amz-security-token",
    "signature=",
    "credential=",
    "aws4-hmac-sha256",
    "x-amz-date",
];

/// Whether a word looks like a credential: an access key id (`AKIA…`, `ASIA…`) or a
/// long run of key-like characters (secret keys, session tokens, signatures).
fn credential_shaped(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let key_id = (w.starts_with("AKIA") || w.starts_with("ASIA"))
        && w.len() >= 16
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let long_run = w.len() >= 32
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=_-".contains(c))
        && w.chars().any(|c| c.is_ascii_digit())
        && w.chars().any(|c| c.is_ascii_alphabetic());
    key_id || long_run
}

/// A message from a server, fit to print: one line, no control characters, at most
/// 300 characters, credential-shaped words replaced, and withheld entirely when it
/// echoes the request's signed headers.
pub fn server_message(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    if ECHOED_REQUEST.iter().any(|w| lower.contains(w)) {
        return "(message withheld: it echoes the signed request)".into();
    }
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            if credential_shaped(w) {
                "[redacted]".to_string()
            } else {
                one_line(w)
            }
        })
        .collect();
    let joined = words.join(" ");
    if joined.chars().count() > SERVER_MESSAGE_CHARS {
        let cut: String = joined.chars().take(SERVER_MESSAGE_CHARS).collect();
        format!("{cut}…")
    } else {
        joined
    }
}

/// `v` with at most `digits` significant digits and no trailing zeros: `1.5`,
/// The `## heading` section of a Markdown document, up to the next `## ` heading: how
/// `lakecost explain` shows a finding's or a move's documentation.
pub fn doc_section(doc: &str, heading: &str) -> Option<String> {
    let start = doc.match_indices("## ").map(|(i, _)| i).find(|i| {
        (*i == 0 || doc.as_bytes()[i - 1] == b'\n')
            && doc[i + 3..].split(['\n', ' ']).next() == Some(heading)
    })?;
    let rest = &doc[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    Some(rest[..end].trim_end().to_string())
}

/// Inserts thousands separators into the integer part of a formatted number
/// (`-1234567.5` → `-1,234,567.5`); the one grouping every report and message uses.
pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// `0.8`, `12345`, `0.0001235`. For values a reader compares, not for money.
pub fn significant(v: f64, digits: usize) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_reach_the_terminal() {
        assert_eq!(one_line("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(one_line("x\ny\u{9b}"), "x\\u{a}y\\u{9b}");
        assert_eq!(one_line("Ünïcode ok"), "Ünïcode ok");
    }

    #[test]
    fn text_direction_overrides_never_reach_a_reader() {
        // U+202E reverses what follows on screen; U+2066 starts an isolate; U+200B is
        // invisible. Each is shown for what it is, on a terminal and in Markdown.
        assert_eq!(for_terminal("gold\u{202E}vsc.csv"), "gold\\u{202e}vsc.csv");
        assert_eq!(one_line("a\u{2066}b\u{200B}"), "a\\u{2066}b\\u{200b}");
        assert_eq!(
            crate::report::markdown::text("job\u{202E}x"),
            "job\\u{202e}x"
        );
    }

    #[test]
    fn terminal_text_keeps_lines_and_tabs_only() {
        assert_eq!(for_terminal("a\tb\nc"), "a\tb\nc");
        assert_eq!(
            for_terminal("name \u{1b}[2J\r\n"),
            "name \\u{1b}[2J\\u{d}\n"
        );
    }

    #[test]
    fn server_messages_lose_credentials_and_control_characters() {
        let m = server_message("bad key AKIAFIXTUREFIXTURE00 here\u{1b}[31m red");
        assert_eq!(m, "bad key [redacted] here\\u{1b}[31m red");
        let m = server_message("token MARKERsecretDoNotPrint0123456789abcdefgh-token rejected");
        assert_eq!(m, "token [redacted] rejected");
        let m = server_message("echo: Authorization: AWS4-HMAC-SHA256 Credential=AKIA/…");
        assert!(m.contains("withheld"), "{m}");
        assert_eq!(server_message(&"x".repeat(1000)).chars().count(), 301);
    }
}
