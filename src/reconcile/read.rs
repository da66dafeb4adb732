//! Reading bill exports as streams: CSV (plain or gzip, told by the file's first
//! bytes) and Parquet (column by column, only the columns `reconcile` reads, a batch
//! of rows at a time), one file or a Data Exports directory of them. Memory stays
//! bounded by a batch and the sums, whatever the file's size.

use super::bill::{Bill, BillError, Col, Dialect, Field, Summer, Tags};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Rows read from each Parquet column at a time.
const BATCH: usize = 8192;

/// The most files a directory export may hold (a year of daily Data Exports
/// overwrites is a few hundred).
const MAX_FILES: usize = 100_000;

/// Reads a bill: `path` is one export file, or a directory whose `.parquet`, `.csv`
/// and `.csv.gz` / `.gz` files (at any depth) are the export's parts. Every part must
/// be of the same dialect. With `tags`, only rows that carry every tag are summed.
pub fn read_bill(path: &Path, tags: &Tags) -> Result<Bill, BillError> {
    let files = parts(path)?;
    let mut summer: Option<Summer> = None;
    for f in &files {
        read_file(f, &mut summer, tags)?;
    }
    summer.map(Summer::finish).ok_or_else(|| {
        BillError(format!(
            "{}: no .parquet, .csv or .csv.gz file in it",
            path.display()
        ))
    })
}

/// The files of an export, in a stable order.
fn parts(path: &Path) -> Result<Vec<PathBuf>, BillError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        BillError(format!(
            "cannot read the bill {}: {}",
            path.display(),
            crate::files::io_reason(&e)
        ))
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut dirs = vec![path.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| {
            BillError(format!(
                "cannot list {}: {}",
                d.display(),
                crate::files::io_reason(&e)
            ))
        })?;
        for e in entries.flatten() {
            // Links are not followed: an export directory holds files and folders.
            let Ok(t) = e.file_type() else { continue };
            let p = e.path();
            if t.is_dir() {
                dirs.push(p);
            } else if t.is_file() && is_part(&p) {
                if out.len() >= MAX_FILES {
                    return Err(BillError(format!(
                        "{}: more than {MAX_FILES} export files",
                        path.display()
                    )));
                }
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn is_part(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".parquet") || name.ends_with(".csv") || name.ends_with(".gz")
}

fn read_file(path: &Path, summer: &mut Option<Summer>, tags: &Tags) -> Result<(), BillError> {
    let name = path.display().to_string();
    let (mut file, _) =
        crate::files::open_regular(path, "bill").map_err(|e| BillError(e.to_string()))?;
    let mut magic = [0u8; 4];
    let n = read_up_to(&mut file, &mut magic).map_err(|e| io(&name, &e))?;
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(0)).map_err(|e| io(&name, &e))?;
    match &magic[..n] {
        b"PAR1" => parquet(file, &name, summer, tags),
        [0x1f, 0x8b, ..] => csv(flate2::read::MultiGzDecoder::new(file), &name, summer, tags),
        _ => csv(file, &name, summer, tags),
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn io(name: &str, e: &std::io::Error) -> BillError {
    BillError(format!(
        "cannot read the bill {name}: {}",
        crate::files::io_reason(e)
    ))
}

/// The summer for a file of `header`, checked against the files before it.
fn summer_for<'s>(
    summer: &'s mut Option<Summer>,
    header: &[&str],
    name: &str,
) -> Result<(&'s mut Summer, [Option<usize>; 13]), BillError> {
    let dialect = Dialect::of_header(header.iter().copied()).ok_or_else(|| {
        BillError(format!(
            "{name}: not a CUR 2.0 or FOCUS 1.2 export: it has neither `line_item_usage_type` (CUR 2.0) nor `ChargeCategory`/`BilledCost` (FOCUS)"
        ))
    })?;
    let s = summer.get_or_insert_with(|| Summer::new(dialect));
    if s.dialect() != dialect {
        return Err(BillError(format!(
            "{name}: a {} file among {} files: reconcile one export at a time",
            dialect.name(),
            s.dialect().name()
        )));
    }
    let at = Col::find(dialect, header).map_err(|col| {
        BillError(format!(
            "{name}: the {} export has no column `{col}`, which reconcile needs",
            dialect.name()
        ))
    })?;
    s.file(name);
    Ok((s, at))
}

/// `--tag` asks for tags of an export without its tag column.
fn no_tags(name: &str, d: Dialect) -> BillError {
    BillError(format!(
        "{name}: --tag: the {} export has no column `{}`: add it to the export (resource tags), or reconcile without --tag",
        d.name(),
        Tags::column(d)
    ))
}

fn csv(
    input: impl Read,
    name: &str,
    summer: &mut Option<Summer>,
    tags: &Tags,
) -> Result<(), BillError> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(input);
    let bad = |e: csv::Error| BillError(format!("{name}: not a readable CSV file: {e}"));
    let header: Vec<String> = r
        .headers()
        .map_err(bad)?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let (s, at) = summer_for(summer, &header, name)?;
    let tag_col = if tags.is_empty() {
        None
    } else {
        let column = Tags::column(s.dialect());
        Some(
            header
                .iter()
                .position(|h| *h == column)
                .ok_or_else(|| no_tags(name, s.dialect()))?,
        )
    };
    let mut record = csv::ByteRecord::new();
    let mut row = 1u64;
    while r.read_byte_record(&mut record).map_err(bad)? {
        row += 1;
        if let Some(t) = tag_col
            && !tags.keep_json(record.get(t).unwrap_or(b""))
        {
            s.skip();
            continue;
        }
        let mut f = [Field::Null; 13];
        for (i, a) in at.iter().enumerate() {
            if let Some(a) = a {
                f[i] = Field::Text(record.get(*a).unwrap_or(b""));
            }
        }
        s.add(&f, name, row)?;
    }
    Ok(())
}

/// How a Parquet column's values become fields.
#[derive(Clone, Copy)]
enum Decode {
    /// Bytes as UTF-8 text.
    Text,
    /// A number; decimals carry their scale.
    Number { scale: i32 },
    /// A decimal stored as big-endian bytes.
    DecimalBytes { scale: i32 },
    /// A timestamp of this many units a second.
    Time { per_second: i64 },
    /// Impala's INT96 timestamp.
    Int96,
    /// A date, in days since 1970.
    Date,
}

fn parquet(
    file: std::fs::File,
    name: &str,
    summer: &mut Option<Summer>,
    tags: &Tags,
) -> Result<(), BillError> {
    use parquet::basic::{LogicalType, TimeUnit, Type as Physical};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let bad = |e: parquet::errors::ParquetError| {
        BillError(format!("{name}: not a readable Parquet file: {e}"))
    };
    let len = file.metadata().map_err(|e| io(name, &e))?.len();
    let reader = SerializedFileReader::new(At {
        file: std::sync::Arc::new(file),
        len,
    })
    .map_err(bad)?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    // Top-level leaf columns by name (maps and lists such as `resource_tags` are
    // nested and never read).
    let names: Vec<String> = (0..schema.num_columns())
        .map(|i| {
            let c = schema.column(i);
            if c.path().parts().len() == 1 {
                c.name().to_string()
            } else {
                String::new()
            }
        })
        .collect();
    let header: Vec<&str> = names.iter().map(String::as_str).collect();
    let (s, at) = summer_for(summer, &header, name)?;
    let dialect = s.dialect();
    let mut decode = [None; 13];
    for (i, a) in at.iter().enumerate() {
        let Some(a) = *a else { continue };
        let c = schema.column(a);
        if c.max_rep_level() > 0 {
            return Err(BillError(format!(
                "{name}: column `{}` is a list, not a value",
                c.name()
            )));
        }
        let logical = c.logical_type_ref().cloned();
        let scale = match &logical {
            Some(LogicalType::Decimal(d)) => d.scale,
            _ => 0,
        };
        decode[i] = Some(match (c.physical_type(), &logical) {
            (Physical::BYTE_ARRAY, Some(LogicalType::Decimal(_)))
            | (Physical::FIXED_LEN_BYTE_ARRAY, Some(LogicalType::Decimal(_))) => {
                Decode::DecimalBytes { scale }
            }
            (Physical::BYTE_ARRAY, _) => Decode::Text,
            (Physical::INT64, Some(LogicalType::Timestamp(t))) => Decode::Time {
                per_second: match t.unit {
                    TimeUnit::MILLIS => 1_000,
                    TimeUnit::MICROS => 1_000_000,
                    TimeUnit::NANOS => 1_000_000_000,
                },
            },
            (Physical::INT32, Some(LogicalType::Date)) => Decode::Date,
            (Physical::INT96, _) => Decode::Int96,
            (Physical::INT32 | Physical::INT64 | Physical::FLOAT | Physical::DOUBLE, _) => {
                Decode::Number { scale }
            }
            (t, _) => {
                return Err(BillError(format!(
                    "{name}: column `{}` is of Parquet type {t}, which a {} export does not use",
                    c.name(),
                    dialect.name()
                )));
            }
        });
    }
    // Row groups are read by every core at once: worker `w` of `n` sums groups `w`,
    // `w + n`, … in order into sums of its own, and the workers' sums are merged in
    // worker order, so the totals do not depend on which thread ran first.
    let groups = reader.num_row_groups();
    let mut first_rows = Vec::with_capacity(groups);
    let mut rows = 0u64;
    for g in 0..groups {
        first_rows.push(rows);
        rows += u64::try_from(reader.metadata().row_group(g).num_rows()).unwrap_or(0);
    }
    let tag_columns = if tags.is_empty() {
        None
    } else {
        Some(
            TagColumns::find(&schema, Tags::column(dialect))
                .ok_or_else(|| no_tags(name, dialect))?,
        )
    };
    let group = Group {
        reader: &reader,
        at: &at,
        decode: &decode,
        name,
        dialect,
        tags: tag_columns.map(|c| (c, tags)),
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(groups.max(1));
    // A worker's error comes with the first row of its group, to report the first in
    // file order.
    let parts: Vec<Result<Summer, (u64, BillError)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (group, first_rows) = (&group, &first_rows);
                scope.spawn(move || {
                    let mut part = Summer::new(dialect);
                    for g in (w..groups).step_by(workers) {
                        group
                            .read(g, first_rows[g], &mut part)
                            .map_err(|e| (first_rows[g], e))?;
                    }
                    Ok(part)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err((
                        u64::MAX,
                        BillError(format!("{name}: reading a row group failed")),
                    ))
                })
            })
            .collect()
    });
    // The first error in file order is the one reported.
    let mut first_error: Option<(u64, BillError)> = None;
    let mut sums = Vec::new();
    for part in parts {
        match part {
            Ok(p) => sums.push(p),
            Err((at, e)) => {
                if first_error.as_ref().is_none_or(|(r, _)| at < *r) {
                    first_error = Some((at, e));
                }
            }
        }
    }
    if let Some((_, e)) = first_error {
        return Err(e);
    }
    for p in sums {
        s.merge(p, name)?;
    }
    Ok(())
}

/// What reading one row group of a Parquet bill needs.
struct Group<'a> {
    reader: &'a parquet::file::reader::SerializedFileReader<At>,
    at: &'a [Option<usize>; 13],
    decode: &'a [Option<Decode>; 13],
    name: &'a str,
    dialect: Dialect,
    /// With `--tag`: where the tags are, and the tags asked for.
    tags: Option<(TagColumns, &'a Tags)>,
}

/// Where a Parquet export keeps a row's tags: a map (`resource_tags`: a repeated
/// group of `key` and `value`), or a JSON object in a string (FOCUS `Tags`).
#[derive(Clone, Copy)]
enum TagColumns {
    Map { key: usize, value: usize },
    Json(usize),
}

impl TagColumns {
    fn find(schema: &parquet::schema::types::SchemaDescriptor, column: &str) -> Option<Self> {
        use parquet::basic::Type as Physical;
        let mut key = None;
        let mut value = None;
        for i in 0..schema.num_columns() {
            let c = schema.column(i);
            let parts = c.path().parts();
            if parts.first().map(String::as_str) != Some(column)
                || c.physical_type() != Physical::BYTE_ARRAY
            {
                continue;
            }
            match (parts.len(), parts.last().map(String::as_str)) {
                (1, _) => return Some(TagColumns::Json(i)),
                (3, Some("key")) => key = Some(i),
                (3, Some("value")) => value = Some(i),
                _ => {}
            }
        }
        Some(TagColumns::Map {
            key: key?,
            value: value?,
        })
    }
}

/// A row group's tags, read a batch of rows at a time.
enum TagReader {
    Map {
        key: Box<LevelColumn>,
        value: Box<LevelColumn>,
    },
    Json(Box<Column>),
}

/// A string column of a repeated group: its values with their levels.
struct LevelColumn {
    reader: parquet::column::reader::ColumnReaderImpl<parquet::data_type::ByteArrayType>,
    max_def: i16,
    defs: Vec<i16>,
    reps: Vec<i16>,
    values: Vec<parquet::data_type::ByteArray>,
}

impl LevelColumn {
    fn new(reader: parquet::column::reader::ColumnReader, max_def: i16) -> Option<Self> {
        match reader {
            parquet::column::reader::ColumnReader::ByteArrayColumnReader(reader) => {
                Some(LevelColumn {
                    reader,
                    max_def,
                    defs: Vec::new(),
                    reps: Vec::new(),
                    values: Vec::new(),
                })
            }
            _ => None,
        }
    }

    fn fill(&mut self, rows: usize) -> parquet::errors::Result<usize> {
        self.defs.clear();
        self.reps.clear();
        self.values.clear();
        let (records, _, _) = self.reader.read_records(
            rows,
            Some(&mut self.defs),
            Some(&mut self.reps),
            &mut self.values,
        )?;
        Ok(records)
    }
}

impl TagReader {
    /// Whether each of the next `rows` rows carries every tag.
    fn keep(&mut self, rows: usize, tags: &Tags) -> Result<Vec<bool>, String> {
        match self {
            TagReader::Json(c) => {
                c.fill(rows).map_err(|e| e.to_string())?;
                (0..rows)
                    .map(|k| match c.field(k)? {
                        Field::Text(t) => Ok(tags.keep_json(t)),
                        _ => Ok(tags.keep_json(b"")),
                    })
                    .collect()
            }
            TagReader::Map { key, value } => {
                let read = key.fill(rows).map_err(|e| e.to_string())?;
                if value.fill(rows).map_err(|e| e.to_string())? != read
                    || key.defs.len() != value.defs.len()
                {
                    return Err("a tag map whose keys and values disagree".into());
                }
                let mut keep = Vec::with_capacity(rows);
                let mut pairs: Vec<(&[u8], Option<&[u8]>)> = Vec::new();
                let (mut k, mut v) = (0, 0);
                for i in 0..key.defs.len() {
                    if key.reps[i] == 0 && i > 0 {
                        keep.push(tags.keep(&pairs));
                        pairs.clear();
                    }
                    if key.defs[i] == key.max_def {
                        let name = key.values.get(k).map(|b| b.data()).unwrap_or_default();
                        k += 1;
                        let val = (value.defs[i] == value.max_def).then(|| {
                            v += 1;
                            value
                                .values
                                .get(v - 1)
                                .map(|b| b.data())
                                .unwrap_or_default()
                        });
                        pairs.push((name, val));
                    }
                }
                if !key.defs.is_empty() {
                    keep.push(tags.keep(&pairs));
                }
                if keep.len() != rows {
                    return Err("a tag map with fewer rows than the row group".into());
                }
                Ok(keep)
            }
        }
    }
}

impl Group<'_> {
    /// Sums row group `g`, whose first row is the file's `first_row + 1`th, into `s`.
    fn read(&self, g: usize, first_row: u64, s: &mut Summer) -> Result<(), BillError> {
        use parquet::file::reader::FileReader;
        let name = self.name;
        let bad = |e: parquet::errors::ParquetError| {
            BillError(format!("{name}: not a readable Parquet file: {e}"))
        };
        let schema = self.reader.metadata().file_metadata().schema_descr_ptr();
        let group = self.reader.get_row_group(g).map_err(bad)?;
        let rows = usize::try_from(group.metadata().num_rows()).unwrap_or(0);
        let mut columns: Vec<Option<Column>> = Vec::with_capacity(13);
        for (i, a) in self.at.iter().enumerate() {
            columns.push(match (a, self.decode[i]) {
                (Some(a), Some(d)) => Some(Column::new(
                    group.get_column_reader(*a).map_err(bad)?,
                    schema.column(*a).max_def_level(),
                    d,
                )),
                _ => None,
            });
        }
        let mut tag_reader = match self.tags {
            None => None,
            Some((TagColumns::Json(i), tags)) => Some((
                TagReader::Json(Box::new(Column::new(
                    group.get_column_reader(i).map_err(bad)?,
                    schema.column(i).max_def_level(),
                    Decode::Text,
                ))),
                tags,
            )),
            Some((TagColumns::Map { key, value }, tags)) => {
                let level = |i: usize| {
                    LevelColumn::new(
                        group.get_column_reader(i).map_err(bad)?,
                        schema.column(i).max_def_level(),
                    )
                    .ok_or_else(|| BillError(format!("{name}: a tag map of other than strings")))
                };
                Some((
                    TagReader::Map {
                        key: Box::new(level(key)?),
                        value: Box::new(level(value)?),
                    },
                    tags,
                ))
            }
        };
        let mut row = first_row;
        let mut done = 0;
        while done < rows {
            let want = BATCH.min(rows - done);
            let keep =
                match &mut tag_reader {
                    Some((r, tags)) => Some(r.keep(want, tags).map_err(|why| {
                        BillError(format!("{name}: row group {g}: the tags: {why}"))
                    })?),
                    None => None,
                };
            for c in columns.iter_mut().flatten() {
                c.fill(want).map_err(bad)?;
                if c.len() != want {
                    return Err(BillError(format!(
                        "{name}: row group {g} ends before its {rows} rows"
                    )));
                }
            }
            for k in 0..want {
                row += 1;
                if keep.as_ref().is_some_and(|keep| !keep[k]) {
                    s.skip();
                    continue;
                }
                let mut f = [Field::Null; 13];
                for (i, c) in columns.iter().enumerate() {
                    if let Some(c) = c {
                        f[i] = c.field(k).map_err(|why| {
                            BillError(format!(
                                "{name}: row {row}: column `{}`: {why}",
                                Col::ALL[i].name(self.dialect).0
                            ))
                        })?;
                    }
                }
                s.add(&f, name, row)?;
            }
            done += want;
        }
        Ok(())
    }
}

/// A file read at offsets (`pread`): the row groups' readers on several threads never
/// move a shared cursor.
struct At {
    file: std::sync::Arc<std::fs::File>,
    len: u64,
}

impl parquet::file::reader::Length for At {
    fn len(&self) -> u64 {
        self.len
    }
}

impl parquet::file::reader::ChunkReader for At {
    type T = AtReader;

    fn get_read(&self, start: u64) -> parquet::errors::Result<AtReader> {
        Ok(AtReader {
            file: std::sync::Arc::clone(&self.file),
            at: start,
        })
    }

    fn get_bytes(&self, start: u64, length: usize) -> parquet::errors::Result<bytes::Bytes> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0; length];
        self.file
            .read_exact_at(&mut buf, start)
            .map_err(|e| parquet::errors::ParquetError::External(Box::new(e)))?;
        Ok(buf.into())
    }
}

/// A reader of an [`At`] file from an offset on.
struct AtReader {
    file: std::sync::Arc<std::fs::File>,
    at: u64,
}

impl Read for AtReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::os::unix::fs::FileExt;
        let n = self.file.read_at(buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

/// One Parquet column of a row group, read a batch at a time: the values and, for an
/// optional column, which rows have one.
struct Column {
    reader: parquet::column::reader::ColumnReader,
    max_def: i16,
    decode: Decode,
    defs: Vec<i16>,
    values: Values,
    /// For each row of the batch, its value's index, or none.
    index: Vec<Option<usize>>,
}

enum Values {
    Bytes(Vec<parquet::data_type::ByteArray>),
    Fixed(Vec<parquet::data_type::FixedLenByteArray>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    I96(Vec<parquet::data_type::Int96>),
    F32(Vec<f32>),
    F64(Vec<f64>),
}

impl Column {
    fn new(reader: parquet::column::reader::ColumnReader, max_def: i16, decode: Decode) -> Self {
        use parquet::column::reader::ColumnReader as R;
        let values = match &reader {
            R::ByteArrayColumnReader(_) => Values::Bytes(Vec::new()),
            R::FixedLenByteArrayColumnReader(_) => Values::Fixed(Vec::new()),
            R::Int32ColumnReader(_) => Values::I32(Vec::new()),
            R::Int64ColumnReader(_) => Values::I64(Vec::new()),
            R::Int96ColumnReader(_) => Values::I96(Vec::new()),
            R::FloatColumnReader(_) => Values::F32(Vec::new()),
            R::DoubleColumnReader(_) | R::BoolColumnReader(_) => Values::F64(Vec::new()),
        };
        Column {
            reader,
            max_def,
            decode,
            defs: Vec::new(),
            values,
            index: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.index.len()
    }

    /// Reads the next `n` rows.
    fn fill(&mut self, n: usize) -> parquet::errors::Result<()> {
        use parquet::column::reader::ColumnReader as R;
        self.defs.clear();
        let defs = (self.max_def > 0).then_some(&mut self.defs);
        let records = match (&mut self.reader, &mut self.values) {
            (R::ByteArrayColumnReader(r), Values::Bytes(v)) => {
                v.clear();
                r.read_records(n, defs, None, v)?.0
            }
            (R::FixedLenByteArrayColumnReader(r), Values::Fixed(v)) => {
                v.clear();
                r.read_records(n, defs, None, v)?.0
            }
            (R::Int32ColumnReader(r), Values::I32(v)) => {
                v.clear();
                r.read_records(n, defs, None, v)?.0
            }
            (R::Int64ColumnReader(r), Values::I64(v)) => {
                v.clear();
                r.read_records(n, defs, None, v)?.0
            }
            (R::Int96ColumnReader(r), Values::I96(v)) => {
                v.clear();
                r.read_records(n, defs, None, v)?.0
            }
            (R::FloatColumnReader(r), Values::F32(v)) => {
                v.clear();
                r.read_records(n, defs, None, v)?.0
            }
            (R::DoubleColumnReader(r), Values::F64(v)) => {
                v.clear();
                r.read_records(n, defs, None, v)?.0
            }
            _ => {
                return Err(parquet::errors::ParquetError::General(
                    "booleans are not bill values".into(),
                ));
            }
        };
        self.index.clear();
        let mut next = 0;
        for k in 0..records {
            if self.max_def == 0 || self.defs.get(k) == Some(&self.max_def) {
                self.index.push(Some(next));
                next += 1;
            } else {
                self.index.push(None);
            }
        }
        Ok(())
    }

    /// The `k`th row's field of the batch.
    fn field(&self, k: usize) -> Result<Field<'_>, String> {
        let Some(i) = self.index[k] else {
            return Ok(Field::Null);
        };
        let scaled = |v: f64, scale: i32| v / 10f64.powi(scale);
        Ok(match (&self.values, self.decode) {
            (Values::Bytes(v), Decode::Text) => Field::Text(v[i].data()),
            (Values::Bytes(v), Decode::DecimalBytes { scale }) => {
                Field::Number(scaled(big_endian(v[i].data())?, scale))
            }
            (Values::Fixed(v), Decode::DecimalBytes { scale }) => {
                Field::Number(scaled(big_endian(v[i].data())?, scale))
            }
            (Values::I32(v), Decode::Date) => Field::Time(i64::from(v[i]) * 86_400),
            (Values::I32(v), Decode::Number { scale }) => {
                Field::Number(scaled(f64::from(v[i]), scale))
            }
            (Values::I64(v), Decode::Time { per_second }) => {
                Field::Time(v[i].div_euclid(per_second))
            }
            (Values::I64(v), Decode::Number { scale }) => Field::Number(scaled(v[i] as f64, scale)),
            (Values::I96(v), Decode::Int96) => Field::Time(v[i].to_seconds()),
            (Values::F32(v), Decode::Number { .. }) => Field::Number(f64::from(v[i])),
            (Values::F64(v), Decode::Number { .. }) => Field::Number(v[i]),
            _ => return Err("a value of a type this column does not hold".into()),
        })
    }
}

/// A two's-complement big-endian integer (a Parquet decimal's unscaled value).
fn big_endian(b: &[u8]) -> Result<f64, String> {
    if b.is_empty() || b.len() > 16 {
        return Err("a decimal of more than 16 bytes".into());
    }
    let mut v: i128 = if b[0] & 0x80 != 0 { -1 } else { 0 };
    for &x in b {
        v = (v << 8) | i128::from(x);
    }
    Ok(v as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_twos_complement() {
        assert_eq!(big_endian(&[0x01, 0x00]).unwrap(), 256.0);
        assert_eq!(big_endian(&[0xff, 0xff]).unwrap(), -1.0);
        assert_eq!(big_endian(&[0xfe]).unwrap(), -2.0);
        assert!(big_endian(&[]).is_err());
    }
}
