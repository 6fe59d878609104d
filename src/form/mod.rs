//! Form definitions: loading, checking and laying out.
//!
//! The definitions in `templates/` are embedded in the binary. A workspace may keep its own in
//! its `templates/` folder: `<kind>.toml` replaces the built-in one, and `<kind>.v<N>.toml` keeps
//! an older version so that returns made from it can still be read.

pub mod def;
pub mod layout;
pub mod schema;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::domain::{FieldType, FormKind};
use crate::toml_check::Source;
use crate::tx;

pub use def::{
    Bounds, ColumnDef, ComputeOp, ComputedDef, ContextSource, FieldDef, FieldRole, FormDef,
    Meaning, PeriodKind, Repeat, RequiredWhen, SectionDef,
};
pub use layout::{Layout, SectionLayout, Slot, fixed_keys};

/// The built-in definitions: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "verksamhetsplan.toml",
        include_str!("../../templates/verksamhetsplan.toml"),
    ),
    (
        "uppfoljning.toml",
        include_str!("../../templates/uppfoljning.toml"),
    ),
    (
        "malvarden.toml",
        include_str!("../../templates/malvarden.toml"),
    ),
    (
        "internkontroll.toml",
        include_str!("../../templates/internkontroll.toml"),
    ),
];

/// Every form definition the workspace knows, by kind and version.
#[derive(Debug, Clone, Default)]
pub struct FormSet {
    forms: BTreeMap<(FormKind, u32), FormDef>,
    current: BTreeMap<FormKind, u32>,
    /// Each definition's fingerprint, computed once at load (it serialises the whole
    /// definition; collect compares it for every file).
    fingerprints: BTreeMap<(FormKind, u32), String>,
}

impl FormSet {
    /// The built-in definitions, overridden and extended by the `.toml` files in `dir` (if it
    /// exists). `shown` is how `dir` is named in messages.
    ///
    /// # Errors
    /// Every problem in every definition, at its line and column.
    pub fn load(dir: &Path, shown: &Path) -> Result<Self, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, Source> = BTreeMap::new();
        for (name, text) in BUILTIN {
            sources.insert(
                (*name).to_string(),
                Source::new(Path::new("templates").join(name), *text),
            );
        }
        let mut errors = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut names: Vec<_> = entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect();
            names.sort();
            for name in names {
                match std::fs::read_to_string(dir.join(&name)) {
                    Ok(text) => {
                        sources.insert(name.clone(), Source::new(shown.join(&name), text));
                    }
                    Err(e) => errors.push(Diagnostic::error(
                        "C040",
                        Location::File(shown.join(&name)),
                        format!("cannot read: {e}"),
                    )),
                }
            }
        }
        let mut set = FormSet::default();
        for src in sources.values() {
            match parse(src) {
                Ok(def) => {
                    let key = (def.kind, def.version);
                    if set.forms.contains_key(&key) {
                        errors.push(Diagnostic::error(
                            "C010",
                            Location::File(src.name.clone()),
                            format!(
                                "a second definition of {} version {}",
                                def.kind.key(),
                                def.version
                            ),
                        ));
                        continue;
                    }
                    let cur = set.current.entry(def.kind).or_insert(def.version);
                    *cur = (*cur).max(def.version);
                    set.fingerprints.insert(key, def.fingerprint());
                    set.forms.insert(key, def);
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        for kind in FormKind::ALL {
            if !set.current.contains_key(kind) {
                errors.push(Diagnostic::error(
                    "C040",
                    Location::File(shown.to_path_buf()),
                    format!("no definition of the form '{}'", kind.key()),
                ));
            }
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// The built-in definitions alone.
    ///
    /// # Errors
    /// Only if the built-in definitions are broken (a test guards against it).
    pub fn builtin() -> Result<Self, Vec<Diagnostic>> {
        Self::load(
            Path::new("/nonexistent-styr-templates"),
            Path::new("templates"),
        )
    }

    /// The newest definition of a kind.
    pub fn current(&self, kind: FormKind) -> Option<&FormDef> {
        let v = self.current.get(&kind)?;
        self.forms.get(&(kind, *v))
    }

    /// A given version of a kind, if the workspace still has it.
    pub fn version(&self, kind: FormKind, version: u32) -> Option<&FormDef> {
        self.forms.get(&(kind, version))
    }

    /// The fingerprint of a given version of a kind (see [`FormDef::fingerprint`]).
    pub fn fingerprint(&self, kind: FormKind, version: u32) -> Option<&str> {
        self.fingerprints.get(&(kind, version)).map(String::as_str)
    }

    /// Versions known for a kind, oldest first.
    pub fn versions(&self, kind: FormKind) -> Vec<u32> {
        self.forms
            .keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, v)| *v)
            .collect()
    }
}

/// Where `needles` stand in `src`, each searched after the one before (the last found wins).
fn locate(src: &Source, needles: &[String]) -> Location {
    let mut pos = 0;
    let mut found = 0;
    for n in needles {
        if let Some(i) = src.text[pos..].find(n.as_str()) {
            found = pos + i;
            pos = found + n.len();
        }
    }
    src.at(found)
}

fn id_needle(id: &str) -> String {
    format!("id = \"{id}\"")
}

/// Parses and checks one definition.
///
/// # Errors
/// Every problem found, at its line and column.
pub fn parse(src: &Source) -> Result<FormDef, Vec<Diagnostic>> {
    let def: FormDef = src.parse_toml_checked(schema::schema())?;
    let mut out = Vec::new();
    for (name, values) in &def.lists {
        if values.is_empty() {
            out.push(
                Diagnostic::error(
                    "C041",
                    locate(src, &["[lists]".into(), format!("{name} =")]),
                    format!("the list '{name}' has no values"),
                )
                .hint("give the choices: name = [\"Ja\", \"Nej\"]"),
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for v in values {
            if !seen.insert(v.to_lowercase()) {
                out.push(Diagnostic::error(
                    "C041",
                    locate(src, &["[lists]".into(), format!("{name} =")]),
                    format!("the list '{name}' has '{v}' twice"),
                ));
            }
        }
    }
    check_meanings(src, &def, &mut out);
    let mut sheets = std::collections::BTreeSet::new();
    let mut section_ids = std::collections::BTreeSet::new();
    for s in &def.sections {
        let at_section = || locate(src, &[id_needle(&s.id)]);
        if !valid_name_part(&s.id) {
            out.push(bad_id(at_section(), &s.id));
        }
        if !section_ids.insert(s.id.as_str()) {
            out.push(Diagnostic::error(
                "C010",
                at_section(),
                format!("duplicate section id '{}'", s.id),
            ));
        }
        if let Some(problem) = sheet_name_problem(&s.sheet) {
            out.push(
                Diagnostic::error(
                    "C045",
                    locate(src, &[id_needle(&s.id), format!("sheet = \"{}\"", s.sheet)]),
                    format!("sheet name '{}' {problem}", s.sheet),
                )
                .hint("Excel allows up to 31 characters and none of [ ] : * ? / \\"),
            );
        }
        if !sheets.insert(s.sheet.to_lowercase()) {
            out.push(Diagnostic::error(
                "C010",
                at_section(),
                format!("two sections use the sheet '{}'", s.sheet),
            ));
        }
        if (s.repeat == Repeat::Rows) != s.rows.is_some_and(|n| n > 0) {
            out.push(
                Diagnostic::error(
                    "C047",
                    at_section(),
                    format!(
                        "section '{}': `rows` goes with repeat = \"rows\", and only there",
                        s.id
                    ),
                )
                .hint("free rows need a count: rows = 10"),
            );
        }
        let mut ids = std::collections::BTreeSet::new();
        for c in &s.columns {
            let at = || locate(src, &[id_needle(&s.id), id_needle(&c.id)]);
            if !ids.insert(c.id.as_str()) {
                out.push(Diagnostic::error(
                    "C010",
                    at(),
                    format!("duplicate id '{}' in section '{}'", c.id, s.id),
                ));
            }
            if let Some(r) = c.source.repeat()
                && r != s.repeat
            {
                out.push(Diagnostic::error(
                    "C044",
                    at(),
                    format!(
                        "column '{}' shows a value of each {:?} row, but the section repeats {:?}",
                        c.id, r, s.repeat
                    ),
                ));
            }
        }
        for f in &s.fields {
            let at = || locate(src, &[id_needle(&s.id), id_needle(&f.id)]);
            if !valid_name_part(&f.id) {
                out.push(bad_id(at(), &f.id));
            }
            if !ids.insert(f.id.as_str()) {
                out.push(Diagnostic::error(
                    "C010",
                    at(),
                    format!("duplicate id '{}' in section '{}'", f.id, s.id),
                ));
            }
            match (f.kind, &f.list) {
                (FieldType::Choice, None) => out.push(
                    Diagnostic::error(
                        "C042",
                        at(),
                        format!("choice field '{}' names no list", f.id),
                    )
                    .hint("add list = \"<name of a list in [lists]>\""),
                ),
                (FieldType::Choice, Some(l)) if !def.lists.contains_key(l) => {
                    let known: Vec<&str> = def.lists.keys().map(String::as_str).collect();
                    let d = Diagnostic::error(
                        "C043",
                        at(),
                        format!("field '{}' uses the unknown list '{l}'", f.id),
                    );
                    out.push(match crate::diag::did_you_mean(l, known.iter().copied()) {
                        Some(h) => d.hint(h),
                        None => d.hint(format!("lists: {}", known.join(", "))),
                    });
                }
                (k, Some(_)) if k != FieldType::Choice => out.push(Diagnostic::error(
                    "C042",
                    at(),
                    format!("field '{}' has a list but is of type '{}'", f.id, k.key()),
                )),
                _ => {}
            }
            if let (Some(min), Some(max)) = (f.min, f.max)
                && min > max
            {
                out.push(Diagnostic::error(
                    "C017",
                    at(),
                    format!("field '{}': min {min} is above max {max}", f.id),
                ));
            }
            let budget_role = matches!(f.role, Some(FieldRole::Forecast | FieldRole::Spent));
            if let Some([lo, hi]) = f.budget_factor
                && !(budget_role && lo.is_finite() && hi.is_finite() && 0.0 <= lo && lo < hi)
            {
                out.push(
                    Diagnostic::error(
                        "C049",
                        at(),
                        format!("field '{}': budget_factor = [{lo}, {hi}] is not a plausible range of a forecast or spent amount", f.id),
                    )
                    .hint("give [min, max] with 0 ≤ min < max, e.g. [0.5, 2.0], on a field with role = \"forecast\" or \"spent\""),
                );
            }
            if let Some(p) = f.budget_warning_pct
                && !(f.role == Some(FieldRole::Forecast) && p.is_finite() && p >= 0.0)
            {
                out.push(
                    Diagnostic::error(
                        "C049",
                        at(),
                        format!("field '{}': budget_warning_pct = {p} is not a percentage for a forecast", f.id),
                    )
                    .hint("give a percentage of 0 or more, e.g. 10, on a field with role = \"forecast\""),
                );
            }
            if f.from_import && !f.kind.is_numeric() {
                out.push(
                    Diagnostic::error(
                        "C049",
                        at(),
                        format!(
                            "field '{}' is pre-filled from an import (from_import), but is of type '{}'",
                            f.id,
                            f.kind.key()
                        ),
                    )
                    .hint("imports carry numbers: mark a number, percent or amount field, or remove from_import"),
                );
            }
            if f.bounds == Bounds::Indicator && s.repeat != Repeat::Indicator {
                out.push(Diagnostic::error(
                    "C044",
                    at(),
                    format!("field '{}' takes its bounds from the row's indicator, but the section does not repeat per indicator", f.id),
                ));
            }
            if f.required_when == Some(RequiredWhen::TargetMissed) && s.repeat != Repeat::Indicator
            {
                out.push(Diagnostic::error(
                    "C044",
                    at(),
                    format!("field '{}' is required when a target is missed, but the section has no targets", f.id),
                ));
            }
        }
        for c in &s.computed {
            let at = || locate(src, &[id_needle(&s.id), id_needle(&c.id)]);
            if !ids.insert(c.id.as_str()) {
                out.push(Diagnostic::error(
                    "C010",
                    at(),
                    format!("duplicate id '{}' in section '{}'", c.id, s.id),
                ));
            }
            let numeric = |id: &str| {
                s.fields.iter().any(|f| f.id == id && f.kind.is_numeric())
                    || s.columns
                        .iter()
                        .any(|k| k.id == id && k.source.is_numeric())
            };
            if c.of.len() != 2 || !c.of.iter().all(|id| numeric(id)) {
                out.push(
                    Diagnostic::error(
                        "C046",
                        at(),
                        format!(
                            "computed '{}' must name two numeric fields or columns of its section",
                            c.id
                        ),
                    )
                    .hint("of = [\"budget\", \"prognos\"] gives budget minus prognos"),
                );
            }
        }
    }
    if out.is_empty() { Ok(def) } else { Err(out) }
}

/// Ids become parts of defined names: lowercase ASCII letters, digits and `_`.
fn valid_name_part(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn bad_id(at: Location, id: &str) -> Diagnostic {
    Diagnostic::error("C048", at, format!("'{id}' is not a valid section or field id"))
        .hint("use lowercase a-z, digits and _, starting with a letter (it becomes part of a defined name)")
}

/// Why Excel would refuse a sheet name, if it would.
pub fn sheet_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("is empty")
    } else if name.chars().count() > 31 {
        Some("is longer than 31 characters")
    } else if name.contains(['[', ']', ':', '*', '?', '/', '\\']) {
        Some("contains a character Excel does not allow")
    } else if name.starts_with('\'') || name.ends_with('\'') {
        Some("starts or ends with an apostrophe")
    } else if name.starts_with('_') {
        Some("starts with '_', which styr keeps for its own sheets")
    } else {
        None
    }
}

/// `[meanings]`: each names a list and only its values, with a meaning; the lists of the roles
/// the reports colour give every value one, so that no report has to guess from the words.
fn check_meanings(src: &Source, def: &FormDef, out: &mut Vec<Diagnostic>) {
    let lists: Vec<&str> = def.lists.keys().map(String::as_str).collect();
    for (list, meanings) in &def.meanings {
        let at = || locate(src, &[format!("[meanings.{list}]")]);
        let Some(values) = def.lists.get(list) else {
            let d = Diagnostic::error("C043", at(), tx!("C043-meanings", "list" => list));
            out.push(
                match crate::diag::did_you_mean(list, lists.iter().copied()) {
                    Some(h) => d.hint(h),
                    None => d.hint(tx!("C043-meanings-hint", "lists" => lists.join(", "))),
                },
            );
            continue;
        };
        for value in meanings.keys() {
            if !values.contains(value) {
                let d = Diagnostic::error(
                    "C041",
                    locate(src, &[format!("[meanings.{list}]"), format!("\"{value}\"")]),
                    tx!("C041-meaning-unknown", "list" => list, "value" => value),
                );
                out.push(
                    match crate::diag::did_you_mean(value, values.iter().map(String::as_str)) {
                        Some(h) => d.hint(h),
                        None => d.hint(tx!("C041-meaning-values", "values" => values.join(", "))),
                    },
                );
            }
        }
    }
    let keys: Vec<&str> = Meaning::ALL.iter().map(|m| m.key()).collect();
    for role in FieldRole::COLOURED {
        let Some((_, field)) = def.with_role(role).into_iter().next() else {
            continue;
        };
        let Some(list) = field.list.as_deref() else {
            continue; // C042: a choice field without a list
        };
        let Some(values) = def.lists.get(list) else {
            continue; // C043: an unknown list
        };
        let given = def.meanings.get(list);
        let missing: Vec<&str> = values
            .iter()
            .filter(|v| !given.is_some_and(|g| g.contains_key(v.as_str())))
            .map(String::as_str)
            .collect();
        if let Some(first) = missing.first() {
            out.push(
                Diagnostic::error(
                    "C041",
                    locate(src, &["[lists]".into(), format!("{list} =")]),
                    tx!(
                        "C041-meaning-missing",
                        "list" => list,
                        "values" => missing.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", "),
                        "field" => field.id.as_str()
                    ),
                )
                .hint(tx!(
                    "C041-meaning-missing-hint",
                    "list" => list,
                    "value" => *first,
                    "keys" => keys.join(", ")
                )),
            );
        }
    }
}
