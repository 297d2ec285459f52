//! The package's generated files: a man page for `groeikoers-cli` (from its own clap
//! definition) and one for the app, and shell completions for bash, zsh and fish. Used by
//! the packaging step (`groeikoers-cli generate-assets --out DIR`), hidden from `--help`.

use clap::{Arg, Command, CommandFactory};
use clap_complete::{generate_to, Shell};
use std::path::Path;

/// The app's command line: `groeikoers [FILE]` (a plan file opens its import preview).
fn app_command() -> Command {
    Command::new("groeikoers")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Groeikoers: personal development plans (POP) for small businesses, offline")
        .long_about(
            "Groeikoers helps small businesses and their employees make, sign and follow up \
             personal development plans (persoonlijk ontwikkelingsplan, POP). It works fully \
             offline; the data stays in one file on this computer, with automatic backups \
             beside it. The same use cases are available to scripts as groeikoers-cli(1).",
        )
        .arg(
            Arg::new("file")
                .value_name("FILE")
                .help("A plan file (.pop.json) or plan package to open in the import preview"),
        )
        .after_help(
            "ENVIRONMENT: GROEIKOERS_DB picks the data file (default: the user's data folder, \
             ~/.local/share/nl.groeikoers.desktop/groeikoers.sqlite3).",
        )
}

/// Writes the man pages into `out/man1` and the completions into `out/completions`.
pub fn generate(out: &Path) -> std::io::Result<()> {
    let man = out.join("man1");
    let completions = out.join("completions");
    std::fs::create_dir_all(&man)?;
    std::fs::create_dir_all(&completions)?;
    let mut cli = crate::Cli::command();
    cli.build();
    // groeikoers-cli(1) and a page per command group (groeikoers-cli-plan(1), …) it names.
    clap_mangen::generate_to(cli.clone(), &man)?;
    let mut bytes = Vec::new();
    clap_mangen::Man::new(app_command()).render(&mut bytes)?;
    std::fs::write(man.join("groeikoers.1"), bytes)?;
    // The hidden packaging command and clap's own `help` command have no page of their own.
    for entry in std::fs::read_dir(&man)? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| {
            let n = n.to_string_lossy();
            n.contains("generate-assets") || n.contains("-help")
        }) {
            std::fs::remove_file(path)?;
        }
    }
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        generate_to(shell, &mut cli, "groeikoers-cli", &completions)?;
    }
    Ok(())
}
