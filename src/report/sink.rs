//! Sinks: a command's tables as sections (columns, alignment, cells), drawn by one
//! terminal-table sink that honours `--width`, one Markdown sink that escapes every
//! cell, and one CSV sink that writes numbers unrounded. A command builds its sections
//! once; a new output format is one more sink here, not one more renderer per command.

use super::csv::spreadsheet_cell;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

/// How a column lines up in a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column: its heading for people, its name in CSV, its alignment, and whether
/// people see it (a column for machines — a code the text beside the table already
/// gives — is in CSV only).
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub heading: String,
    pub name: String,
    pub align: Align,
    pub shown: bool,
}

impl Column {
    pub fn left(heading: &str, name: &str) -> Column {
        Column {
            heading: heading.into(),
            name: name.into(),
            align: Align::Left,
            shown: true,
        }
    }

    /// A column in CSV only.
    pub fn machine(name: &str) -> Column {
        Column {
            shown: false,
            ..Column::left(name, name)
        }
    }

    pub fn right(heading: &str, name: &str) -> Column {
        Column {
            align: Align::Right,
            ..Column::left(heading, name)
        }
    }
}

/// A cell: the text people read and what CSV writes for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    csv: InCsv,
}

/// What CSV writes for a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
enum InCsv {
    /// The text, neutralised for spreadsheets.
    Text,
    /// A figure, unrounded.
    Figure(f64),
    /// Nothing: a figure that does not exist (shown as `–` or `none`).
    Empty,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            csv: InCsv::Text,
        }
    }

    /// A figure shown as `text` (rounded, with its unit) and written to CSV as `value`.
    pub fn figure(text: impl Into<String>, value: f64) -> Cell {
        Cell {
            text: text.into(),
            csv: InCsv::Figure(value),
        }
    }

    /// A figure that may not exist: shown as `text`, an empty CSV cell when absent.
    pub fn maybe(text: impl Into<String>, value: Option<f64>) -> Cell {
        Cell {
            text: text.into(),
            csv: value.map_or(InCsv::Empty, InCsv::Figure),
        }
    }
}

/// One table of a command's output; `name` tells its rows apart in CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Section {
    pub fn new(name: &'static str, columns: Vec<Column>) -> Section {
        Section {
            name,
            columns,
            rows: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The terminal table every command draws: `width` columns at most, headings, and the
/// alignment of each column.
pub fn grid(headings: &[&str], right: &[usize], width: u16) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(headings.to_vec());
    for &i in right {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// The columns people see: their headings, which are right-aligned, and each row's
/// texts for them.
fn shown(s: &Section) -> (Vec<&str>, Vec<usize>, Vec<Vec<&str>>) {
    let keep: Vec<usize> = (0..s.columns.len())
        .filter(|i| s.columns[*i].shown)
        .collect();
    let headings = keep
        .iter()
        .map(|i| s.columns[*i].heading.as_str())
        .collect();
    let right = keep
        .iter()
        .enumerate()
        .filter(|(_, i)| s.columns[**i].align == Align::Right)
        .map(|(k, _)| k)
        .collect();
    let rows = s
        .rows
        .iter()
        .map(|r| {
            keep.iter()
                .filter_map(|i| r.get(*i))
                .map(|c| c.text.as_str())
                .collect()
        })
        .collect();
    (headings, right, rows)
}

/// A section as a terminal table, without a trailing newline.
pub fn table(s: &Section, width: u16) -> String {
    let (headings, right, rows) = shown(s);
    let mut t = grid(&headings, &right, width);
    for r in rows {
        t.add_row(r);
    }
    t.to_string()
}

/// A section as a Markdown table; every cell is escaped (names and messages come from
/// the scenario and must not become markup).
pub fn markdown(s: &Section) -> String {
    let (headings, right, rows) = shown(s);
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| super::markdown::text(c)).collect())
        .collect();
    super::markdown::table(&headings, &right, &rows)
}

/// Sections as one CSV: a `section` column, then every section's columns in order of
/// first appearance (a column two sections share is one column); a row leaves the
/// columns of other sections empty. Figures are written unrounded, text is neutralised
/// for spreadsheets.
pub fn csv(sections: &[Section]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for c in sections.iter().flat_map(|s| &s.columns) {
        if !names.contains(&c.name.as_str()) {
            names.push(&c.name);
        }
    }
    let names = &names;
    let header = std::iter::once("section").chain(names.iter().copied());
    let rows = sections.iter().flat_map(|s| {
        let at: Vec<usize> = s
            .columns
            .iter()
            .map(|c| names.iter().position(|n| *n == c.name).unwrap_or(0))
            .collect();
        s.rows.iter().map(move |r| {
            let mut cells = vec![String::new(); names.len() + 1];
            cells[0] = s.name.to_string();
            for (cell, i) in r.iter().zip(&at) {
                cells[i + 1] = csv_cell(cell);
            }
            cells
        })
    });
    write_csv(header, rows)
}

/// One section as CSV: its columns only.
pub fn csv_of(s: &Section) -> String {
    let header = s.columns.iter().map(|c| c.name.as_str());
    write_csv(
        header,
        s.rows.iter().map(|r| r.iter().map(csv_cell).collect()),
    )
}

fn csv_cell(cell: &Cell) -> String {
    match cell.csv {
        InCsv::Figure(v) => v.to_string(),
        InCsv::Text => spreadsheet_cell(&cell.text).into_owned(),
        InCsv::Empty => String::new(),
    }
}

fn write_csv<'a>(
    header: impl Iterator<Item = &'a str>,
    rows: impl Iterator<Item = Vec<String>>,
) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut record = |cells: Vec<String>| {
        w.write_record(cells)
            .expect("writing CSV to memory cannot fail")
    };
    record(header.map(str::to_string).collect());
    rows.for_each(&mut record);
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("CSV of UTF-8 text")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections() -> Vec<Section> {
        let mut a = Section::new(
            "services",
            vec![
                Column::left("service", "service"),
                Column::right("cost", "cost_usd"),
            ],
        );
        a.rows
            .push(vec![Cell::text("s3"), Cell::figure("$1,234.57", 1234.5678)]);
        let mut b = Section::new(
            "lines",
            vec![
                Column::left("resource", "resource"),
                Column::right("cost", "cost_usd"),
            ],
        );
        b.rows
            .push(vec![Cell::text("=cmd|x"), Cell::maybe("none", None)]);
        vec![a, b]
    }

    #[test]
    fn csv_shares_columns_keeps_figures_unrounded_and_neutralises_text() {
        assert_eq!(
            csv(&sections()),
            "section,service,cost_usd,resource\nservices,s3,1234.5678,\nlines,,,'=cmd|x\n"
        );
    }

    #[test]
    fn markdown_escapes_cells_and_aligns_figures_right() {
        let md = markdown(&sections()[1]);
        assert!(md.starts_with("| resource | cost |\n|---|---:|\n"), "{md}");
        assert!(!md.contains("| =cmd|x |"), "{md}");
    }

    #[test]
    fn machine_columns_are_in_csv_only() {
        let mut s = sections().remove(0);
        s.columns.push(Column::machine("code"));
        s.rows[0].push(Cell::text("LC-OPT-001"));
        assert!(!table(&s, 80).contains("LC-OPT-001"));
        assert!(!markdown(&s).contains("LC-OPT-001"));
        assert!(csv_of(&s).contains(",LC-OPT-001"));
    }

    #[test]
    fn tables_keep_to_the_width() {
        let mut s = sections().remove(0);
        s.rows
            .push(vec![Cell::text("x ".repeat(80)), Cell::figure("$1", 1.0)]);
        for width in [40, 60, 100] {
            let t = table(&s, width);
            assert!(
                t.lines().all(|l| l.chars().count() <= usize::from(width)),
                "{t}"
            );
        }
    }
}
