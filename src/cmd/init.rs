//! `styr init DIR`: write a new workspace: the example (Ekebo kommun), a blank one for the
//! controller's own kommun (`--blank`), or one whose organisation comes from the workbook HR and
//! ekonomi keep (`--from-excel org.xlsx`). Every new workspace carries the JSON Schemas of its
//! files, so that an editor completes and checks keys; a new workspace is validated at once.

use std::path::{Path, PathBuf};

use crate::cmd::{Fatal, Outcome};
use crate::domain::Clock;
use crate::sample;
use crate::tx;
use crate::workspace::blank::{self, KommunInfo, Organisation};
use crate::workspace::{CATALOGUE_FILE, CONFIG_FILE, Workspace};

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create; it must not already hold a workspace.
    #[arg(value_name = "DIR")]
    pub target: PathBuf,
    /// A minimal workspace for your own kommun: one förvaltning, one unit, the årshjul, every
    /// key explained in its comment.
    #[arg(long, conflicts_with = "from_excel")]
    pub blank: bool,
    /// Your own kommun with its förvaltningar and units (chefs, e-post, budget, ansvar codes)
    /// from the organisation workbook HR and ekonomi keep.
    #[arg(long, value_name = "FILE")]
    pub from_excel: Option<PathBuf>,
    /// The kommun's name (with --blank or --from-excel).
    #[arg(long, value_name = "NAME", default_value = "Vår kommun")]
    pub name: String,
    /// The kommun's id in Kolada, four digits (with --blank or --from-excel).
    #[arg(long, value_name = "ID")]
    pub kolada_id: Option<String>,
    /// The budget year (default: this year, by the run's clock).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<u16>,
    /// Start the catalogue with a standard set of indicators most kommuner follow (sick
    /// leave, staff turnover, full-time work, budget deviation, satisfaction).
    #[arg(long)]
    pub standard_indicators: bool,
}

pub fn run(cli_dir: &Path, args: &InitArgs, clock: &Clock) -> Result<Outcome, Fatal> {
    let dir = cli_dir.join(&args.target);
    if !args.blank && args.from_excel.is_none() {
        return example(&dir);
    }
    for name in [
        CONFIG_FILE,
        CATALOGUE_FILE,
        crate::workspace::CATALOGUE_XLSX,
    ] {
        if dir.join(name).exists() {
            return Err(Fatal::new(
                tx!("init-exists", "path" => dir.join(name).display().to_string()),
            )
            .hint(tx!("init-exists-hint")));
        }
    }
    if let Some(k) = &args.kolada_id
        && !(k.len() == 4 && k.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(
            Fatal::new(tx!("init-bad-kolada-id", "id" => k)).hint(tx!("init-bad-kolada-id-hint"))
        );
    }
    let year = args.year.unwrap_or_else(|| clock.today().year());
    if !(1900..=2999).contains(&year) {
        return Err(Fatal::new(tx!("init-bad-year", "year" => year.to_string())));
    }
    let org = match &args.from_excel {
        None => Organisation::minimal(),
        Some(path) => {
            let shown = cli_dir.join(path);
            let read = crate::workspace::xlsx_organisation::read(&shown, &shown);
            for d in read.findings.iter().filter(|d| !d.is_error()) {
                eprintln!("{d}");
            }
            match read.organisation {
                Some(org) => org,
                None => {
                    let n = read.findings.iter().filter(|d| d.is_error()).count();
                    return Err(Fatal {
                        message: tx!("init-bad-organisation", "n" => n),
                        diagnostics: read.findings.into_iter().filter(|d| d.is_error()).collect(),
                        hints: vec![tx!("init-bad-organisation-hint")],
                    });
                }
            }
        }
    };
    let kommun = KommunInfo {
        name: args.name.clone(),
        kolada_id: args.kolada_id.clone(),
        year,
    };
    let files = blank::files(&kommun, &org, args.standard_indicators);
    write_files(&dir, &files)?;
    // A new workspace is valid: say so, or say what is not (a name in the workbook may make an
    // id that collides with another).
    let ws = Workspace::load(&dir)?;
    for w in &ws.warnings {
        eprintln!("{w}");
    }
    println!(
        "{}",
        tx!(
            "init-created",
            "kommun" => &ws.config.kommun.name,
            "dir" => dir.display().to_string(),
            "forvaltningar" => ws.config.forvaltningar.len(),
            "units" => ws.config.units.len(),
            "indicators" => ws.catalogue.indicators.len()
        )
    );
    println!("{}", tx!("init-next", "dir" => dir.display().to_string()));
    Ok(Outcome::Clean)
}

fn write_files(dir: &Path, files: &[(String, String)]) -> Result<(), Fatal> {
    for (name, text) in files {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Fatal::new(format!("{}: {e}", parent.display())))?;
        }
        crate::fsx::write_atomic(&p, text.as_bytes())
            .map_err(|e| Fatal::new(format!("{}: {e}", p.display())))?;
    }
    Ok(())
}

/// The example workspace, with the schemas an editor needs for its files.
fn example(dir: &Path) -> Result<Outcome, Fatal> {
    let written = sample::write_workspace(dir).map_err(|e| match e {
        sample::InitError::Exists(p) => {
            Fatal::new(tx!("init-exists", "path" => p.display().to_string()))
                .hint(tx!("init-exists-hint"))
        }
        sample::InitError::Io(p, e) => Fatal::new(format!("{}: {e}", p.display())),
    })?;
    let mut extra: Vec<(String, String)> = crate::workspace::schema::files()
        .into_iter()
        .map(|(n, t)| (format!("{}/{n}", crate::workspace::schema::SCHEMA_DIR), t))
        .collect();
    extra.push((".taplo.toml".into(), EXAMPLE_TAPLO.into()));
    write_files(dir, &extra)?;
    println!(
        "{}",
        tx!(
            "init-example",
            "dir" => dir.display().to_string(),
            "n" => written.len() + extra.len()
        )
    );
    println!(
        "{}",
        tx!("init-example-next", "dir" => dir.display().to_string())
    );
    Ok(Outcome::Clean)
}

/// The example's files carry no `#:schema` line (they are the repository's own); the editor
/// finds their schemas here.
const EXAMPLE_TAPLO: &str = concat!(
    "# Scheman för editorer med TOML-stöd (Taplo, Even Better TOML i VS Code).\n",
    "[[rule]]\n",
    "include = [\"styr.toml\"]\n",
    "schema = { path = \"./schema/styr.schema.json\" }\n",
    "\n",
    "[[rule]]\n",
    "include = [\"indikatorer.toml\"]\n",
    "schema = { path = \"./schema/indikatorer.schema.json\" }\n",
    "\n",
    "[[rule]]\n",
    "include = [\"templates/*.toml\"]\n",
    "schema = { path = \"./schema/formular.schema.json\" }\n",
);
