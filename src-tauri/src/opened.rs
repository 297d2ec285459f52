//! Plan files opened from outside the app: given on the command line (`groeikoers FILE`, which
//! is what a double-click on a `.pop.json` runs through the desktop entry) or handed over by a
//! second launch. One window per data file: a second `groeikoers` on the same data file gives
//! its file to the running one, which shows the import preview, and exits.

use crate::commands::files::Granted;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

/// Files waiting for the window to ask for them (the page may not have loaded yet).
#[derive(Default)]
pub struct OpenedFiles(Mutex<Vec<PathBuf>>);

impl OpenedFiles {
    pub fn push(&self, files: Vec<PathBuf>) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend(files);
    }

    fn take(&self) -> Option<PathBuf> {
        let mut queue = self.0.lock().unwrap_or_else(|p| p.into_inner());
        (!queue.is_empty()).then(|| queue.remove(0))
    }
}

/// The files among a launch's arguments (the program name and options left out), made
/// absolute against the directory the launch ran in. A `file://` URI (what some file managers
/// pass) becomes its path.
pub fn file_args(argv: &[String], cwd: &Path) -> Vec<PathBuf> {
    argv.iter()
        .skip(1)
        .filter(|a| !a.is_empty() && !a.starts_with('-'))
        .map(|a| {
            let p = match a.strip_prefix("file://") {
                Some(rest) => PathBuf::from(percent_decode(rest)),
                None => PathBuf::from(a),
            };
            if p.is_absolute() {
                p
            } else {
                cwd.join(p)
            }
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The D-Bus name that makes one instance per data file: two data files (a test run, a second
/// user's store given with `GROEIKOERS_DB`) may each have their window.
pub fn instance_id(db: &Path) -> String {
    let absolute = std::path::absolute(db).unwrap_or_else(|_| db.to_owned());
    // FNV-1a: stable across builds and platforms, which the standard hasher does not promise.
    let hash = absolute
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("nl.groeikoers.desktop.store{hash:016x}")
}

/// A second launch on the same data file: its files join the queue, the window comes to the
/// front and the page is told to ask for them.
pub fn second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    let files = file_args(&argv, Path::new(&cwd));
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    if files.is_empty() {
        return;
    }
    if let Some(queue) = app.try_state::<OpenedFiles>() {
        queue.push(files);
    }
    let _ = app.emit("file-opened", ());
}

/// The next file opened from outside, if any; reading it is allowed as if chosen in the file
/// dialog.
#[tauri::command]
pub fn take_opened_file(
    opened: State<'_, OpenedFiles>,
    files: State<'_, Granted>,
) -> Option<String> {
    let path = opened.take()?;
    files.grant(&path, crate::commands::files::Access::Read);
    Some(path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn files_are_the_arguments_that_are_not_options_made_absolute() {
        let cwd = Path::new("/home/zoe/Downloads");
        assert_eq!(
            file_args(&args(&["groeikoers", "--hidden", "plan.pop.json"]), cwd),
            vec![PathBuf::from("/home/zoe/Downloads/plan.pop.json")]
        );
        assert_eq!(
            file_args(&args(&["/usr/bin/groeikoers", "/tmp/a b.pop.json"]), cwd),
            vec![PathBuf::from("/tmp/a b.pop.json")]
        );
        assert!(file_args(&args(&["groeikoers"]), cwd).is_empty());
        assert!(file_args(&args(&["groeikoers", "--hidden", ""]), cwd).is_empty());
    }

    #[test]
    fn a_file_uri_becomes_its_path() {
        let cwd = Path::new("/");
        assert_eq!(
            file_args(
                &args(&["groeikoers", "file:///tmp/POP%20Zo%C3%AB%20v1.pop.json"]),
                cwd
            ),
            vec![PathBuf::from("/tmp/POP Zoë v1.pop.json")]
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn one_instance_name_per_data_file_and_a_valid_bus_name() {
        let a = instance_id(Path::new("/home/zoe/.local/share/groeikoers.sqlite3"));
        let b = instance_id(Path::new("/tmp/test/groeikoers.sqlite3"));
        assert_ne!(a, b);
        assert_eq!(
            a,
            instance_id(Path::new("/home/zoe/.local/share/groeikoers.sqlite3"))
        );
        // A bus name's elements: letters, digits, '_' and '-', not starting with a digit.
        assert!(a
            .split('.')
            .all(|e| !e.is_empty() && !e.starts_with(|c: char| c.is_ascii_digit())));
        assert!(a.len() < 255);
    }

    #[test]
    fn files_are_taken_in_the_order_they_came() {
        let q = OpenedFiles::default();
        q.push(vec![PathBuf::from("/a"), PathBuf::from("/b")]);
        assert_eq!(q.take(), Some(PathBuf::from("/a")));
        assert_eq!(q.take(), Some(PathBuf::from("/b")));
        assert_eq!(q.take(), None);
    }
}
