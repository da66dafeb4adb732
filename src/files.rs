//! The user's files: reading inputs with a size limit and only from regular files, and
//! writing outputs so that nothing of the user's is ever clobbered or followed.
//!
//! Reads refuse FIFOs, devices and directories before blocking on them (the file is
//! opened non-blocking and checked on the open handle), and stop at a documented limit,
//! so `/dev/zero` or a planted FIFO can neither hang lakecost nor exhaust memory.
//!
//! Writes go through [`Staged`]: every output of a run is checked first (it must be a
//! regular file or absent, not a link, not one of the run's inputs), then written to a
//! temporary file with an unpredictable name created with `O_EXCL` in the target's
//! directory, and only when all are written are they renamed into place. A run that
//! fails leaves no output and no temporary file behind; a symlink planted anywhere in
//! an output directory is replaced, never followed. New files get the permissions the
//! user's umask gives any new file.

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The largest scenario file lakecost reads (10 MiB): real scenarios are a few KB.
pub const SCENARIO_LIMIT: u64 = 10 << 20;
/// The largest snapshot file (`prices.csv`, `manifest.json`) lakecost reads (64 MiB).
pub const SNAPSHOT_LIMIT: u64 = 64 << 20;
/// The largest live-price cache file lakecost reads (64 MiB).
pub const CACHE_LIMIT: u64 = 64 << 20;

/// Why a file could not be read or written, with the path already in the message.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError(pub String);

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FileError {}

/// What a file system object is, in words for a message.
fn kind(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// Reads a UTF-8 text file of at most `limit` bytes. `what` names the file's role
/// ("scenario", "snapshot file") in messages.
pub fn read_text(path: &Path, limit: u64, what: &str) -> Result<String, FileError> {
    let bytes = read_bytes(path, limit, what)?;
    String::from_utf8(bytes)
        .map_err(|_| FileError(format!("the {what} {} is not UTF-8 text", path.display())))
}

/// `limit` as a message says it: `64 MiB`, or `64 bytes` below a MiB.
fn limit_text(limit: u64) -> String {
    if limit >= 1 << 20 {
        format!("{} MiB", limit >> 20)
    } else {
        format!("{limit} bytes")
    }
}

/// Reads a regular file of at most `limit` bytes, refusing at once (never blocking)
/// a FIFO, a device, a directory or a socket in its place.
pub fn read_bytes(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, FileError> {
    let shown = path.display();
    let (file, meta) = open_regular(path, what)?;
    if meta.len() > limit {
        return Err(FileError(format!(
            "the {what} {shown} is {} bytes, more than the {} lakecost reads",
            meta.len(),
            limit_text(limit)
        )));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError(format!("cannot read the {what} {shown}: {}", io_reason(&e))))?;
    if bytes.len() as u64 > limit {
        return Err(FileError(format!(
            "the {what} {shown} grew past the {} lakecost reads",
            limit_text(limit)
        )));
    }
    Ok(bytes)
}

/// Opens a regular file to read, refusing FIFOs, devices and directories before
/// blocking on them; for inputs read as a stream (bill exports), whatever their size.
pub fn open_regular(
    path: &Path,
    what: &str,
) -> Result<(std::fs::File, std::fs::Metadata), FileError> {
    use std::os::unix::fs::OpenOptionsExt;
    let shown = path.display();
    // Non-blocking, so that opening a FIFO with no writer returns at once; the handle's
    // own metadata then says what was opened, with no window for a swap.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| FileError(format!("cannot read the {what} {shown}: {}", io_reason(&e))))?;
    let meta = file
        .metadata()
        .map_err(|e| FileError(format!("cannot read the {what} {shown}: {}", io_reason(&e))))?;
    if !meta.file_type().is_file() {
        return Err(FileError(format!(
            "the {what} {shown} is {}, not a regular file",
            kind(meta.file_type())
        )));
    }
    Ok((file, meta))
}

/// Reads standard input (a scenario given as `-`), up to `limit` bytes of UTF-8.
pub fn read_stdin(limit: u64, what: &str) -> Result<String, FileError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            FileError(format!(
                "cannot read the {what} from standard input: {}",
                io_reason(&e)
            ))
        })?;
    if bytes.len() as u64 > limit {
        return Err(FileError(format!(
            "the {what} on standard input is more than the {} MiB lakecost reads",
            limit >> 20
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| FileError(format!("the {what} on standard input is not UTF-8 text")))
}

/// An I/O error in words, without Rust's `(os error N)` suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        StorageFull => "no space left on the device".into(),
        ReadOnlyFilesystem => "the file system is read-only".into(),
        NotADirectory => "a part of the path is not a directory".into(),
        IsADirectory => "it is a directory".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// The directory a file is written in: its parent, or `.` for a bare name.
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Whether two paths name the same file (device and inode), whatever their spelling.
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Checks that `path` may be replaced by an output: absent, or a regular file that is
/// not a symbolic link and not one of `inputs`.
pub fn check_output(path: &Path, inputs: &[&Path]) -> Result<(), FileError> {
    let shown = path.display();
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(FileError(format!(
            "cannot write {shown}: {}",
            io_reason(&e)
        ))),
        Ok(m) if m.file_type().is_symlink() => Err(FileError(format!(
            "will not write {shown}: it is a symbolic link, and lakecost replaces files rather than writing through links; give the link's target instead"
        ))),
        Ok(m) if !m.file_type().is_file() => Err(FileError(format!(
            "will not write {shown}: it is {}; --out takes a regular file or a new name (leave --out off to print to standard output)",
            kind(m.file_type())
        ))),
        Ok(_) => match inputs.iter().find(|i| same_file(path, i)) {
            Some(i) => Err(FileError(format!(
                "will not write {shown}: it is the input {}, which the report would replace",
                i.display()
            ))),
            None => Ok(()),
        },
    }
}

/// Checks that `dir` may receive output files: an existing directory (not a link to
/// one) or absent.
pub fn check_output_dir(dir: &Path) -> Result<(), FileError> {
    let shown = dir.display();
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(FileError(format!("cannot use {shown}: {}", io_reason(&e)))),
        Ok(m) if m.file_type().is_dir() => Ok(()),
        Ok(m) => Err(FileError(format!(
            "cannot write into {shown}: it is {}, not a directory",
            kind(m.file_type())
        ))),
    }
}

/// A temporary file in `dir` with an unpredictable name, created exclusively and with
/// the mode the umask gives new files (tempfile's own default is 0600).
fn temp_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .prefix(".lakecost-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
}

/// Outputs of one run, written to temporary files and renamed into place together by
/// [`Staged::commit`]. Dropped uncommitted, it removes its temporary files and the
/// directories it created.
#[derive(Default)]
pub struct Staged {
    files: Vec<(tempfile::NamedTempFile, PathBuf)>,
    created_dirs: Vec<PathBuf>,
}

impl Staged {
    pub fn new() -> Staged {
        Staged::default()
    }

    /// Creates `dir` (and its missing parents) for outputs, remembering what it made.
    pub fn make_dir(&mut self, dir: &Path) -> Result<(), FileError> {
        check_output_dir(dir)?;
        let mut missing = Vec::new();
        let mut cur = Some(dir);
        while let Some(d) = cur.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            missing.push(d.to_path_buf());
            cur = d.parent();
        }
        for d in missing.into_iter().rev() {
            std::fs::create_dir(&d).map_err(|e| {
                FileError(format!("cannot create {}: {}", d.display(), io_reason(&e)))
            })?;
            self.created_dirs.push(d);
        }
        Ok(())
    }

    /// Writes `bytes` for `path` into a temporary file beside it. `path` must already
    /// have passed [`check_output`].
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
        if self.files.iter().any(|(_, p)| p == path) {
            return Err(FileError(format!(
                "{} would be written twice in one run",
                path.display()
            )));
        }
        let failed = |e: std::io::Error| {
            FileError(format!(
                "cannot write {}: {}",
                path.display(),
                io_reason(&e)
            ))
        };
        let mut tmp = temp_in(parent_dir(path)).map_err(failed)?;
        tmp.write_all(bytes).map_err(failed)?;
        tmp.as_file().sync_all().map_err(failed)?;
        self.files.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Renames every staged file into place.
    pub fn commit(mut self) -> Result<Vec<PathBuf>, FileError> {
        let mut done = Vec::new();
        for (tmp, path) in std::mem::take(&mut self.files) {
            tmp.persist(&path).map_err(|e| {
                FileError(format!(
                    "cannot write {}: {}",
                    path.display(),
                    io_reason(&e.error)
                ))
            })?;
            done.push(path);
        }
        self.created_dirs.clear();
        Ok(done)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Temporary files remove themselves; directories made for a failed run go too,
        // innermost first, and only while empty.
        self.files.clear();
        for d in self.created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

/// Writes one file atomically: checked like any output, staged, renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    check_output(path, &[])?;
    let mut staged = Staged::new();
    staged.add(path, bytes)?;
    staged.commit().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_text(&fifo, 100, "scenario").unwrap_err();
        assert!(e.0.contains("is a FIFO, not a regular file"), "{e}");
    }

    #[test]
    fn devices_and_directories_are_refused() {
        let e = read_text(Path::new("/dev/zero"), 100, "scenario").unwrap_err();
        assert!(e.0.contains("is a device"), "{e}");
        let e = read_text(Path::new("/"), 100, "scenario").unwrap_err();
        assert!(e.0.contains("directory"), "{e}");
    }

    #[test]
    fn files_over_the_limit_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("big");
        std::fs::write(&f, vec![b'a'; 2048]).unwrap();
        assert!(read_text(&f, 2048, "scenario").is_ok());
        let e = read_text(&f, 2047, "scenario").unwrap_err();
        assert!(e.0.contains("2048 bytes"), "{e}");
    }

    #[test]
    fn outputs_must_be_regular_files_or_new() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_output(&dir.path().join("new"), &[]).is_ok());
        assert!(check_output(Path::new("/dev/null"), &[]).is_err());
        assert!(check_output(dir.path(), &[]).is_err());
        let input = dir.path().join("in.yaml");
        std::fs::write(&input, "x").unwrap();
        let spelled = dir.path().join(".").join("in.yaml");
        let e = check_output(&spelled, &[&input]).unwrap_err();
        assert!(e.0.contains("is the input"), "{e}");
    }

    #[test]
    fn a_symlink_at_the_output_is_refused_and_its_target_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(write_atomic(&link, b"report").is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    }

    #[test]
    fn an_uncommitted_run_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let charts = dir.path().join("a").join("b");
        {
            let mut s = Staged::new();
            s.make_dir(&charts).unwrap();
            s.add(&charts.join("x.svg"), b"<svg/>").unwrap();
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
