//! Reading a returned workbook's input cells by its form definition, validating every value.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use crate::collect::account;
use crate::collect::identify::Identity;
use crate::collect::value::{self, Problem, is_blank};
use crate::diag::{Diagnostic, Location, closest};
use crate::domain::{CellRef, FieldType, SheetCell, Value};
use crate::form::{
    Bounds, ContextSource, FieldRole, FormDef, Layout, PeriodKind, Repeat, RequiredWhen,
    SectionLayout,
};
use crate::generate::instance::{Recipient, level_chain};
use crate::model::{Limits, Verdict};
use crate::tx;
use crate::workspace::Workspace;
use crate::xlsx_read::{RawCell, RawSheet, RawWorkbook};

/// A value read from an input cell.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadValue {
    /// The ids are shared (`Arc`): a return has hundreds of values and only a few sections,
    /// rows and fields, so a value costs no allocation of its own.
    pub section: Arc<str>,
    pub key: Arc<str>,
    pub field: Arc<str>,
    pub value: Value,
    pub cell: SheetCell,
}

/// What a workbook held: accepted values and findings.
#[derive(Debug, Clone, Default)]
pub struct FormRead {
    pub values: Vec<ReadValue>,
    /// What the unit typed in cells whose value was refused, as text (for correction workbooks).
    pub refused: Vec<ReadValue>,
    /// Findings about input cells: (section id, row key, field id) and the finding.
    pub cell_findings: Vec<((String, String, String), Diagnostic)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A sheet's cells by position, sorted for binary search (readers write them row by row, so
/// sorting is one pass). Of a position given twice, which a crafted file can do, the last one
/// counts, as in the spreadsheet programs.
pub(crate) struct Grid<'a> {
    pub(crate) cells: Vec<((u32, u16), &'a RawCell)>,
}

impl<'a> Grid<'a> {
    pub(crate) fn new(sheet: &'a RawSheet) -> Self {
        let mut cells: Vec<((u32, u16), &'a RawCell)> =
            sheet.cells.iter().map(|(r, c, v)| ((*r, *c), v)).collect();
        if !cells.is_sorted_by(|a, b| a.0 < b.0) {
            cells.sort_by_key(|(at, _)| *at); // stable: equal positions keep their order
            let mut kept: Vec<((u32, u16), &'a RawCell)> = Vec::with_capacity(cells.len());
            for cell in cells {
                match kept.last_mut() {
                    Some(last) if last.0 == cell.0 => *last = cell,
                    _ => kept.push(cell),
                }
            }
            cells = kept;
        }
        Self { cells }
    }

    pub(crate) fn get(&self, cell: CellRef) -> Option<&'a RawCell> {
        self.cells
            .binary_search_by_key(&(cell.row, cell.col), |(at, _)| *at)
            .ok()
            .map(|i| self.cells[i].1)
    }

    /// The text of a cell, trimmed (a number as text), to compare with labels and keys.
    pub(crate) fn text(&self, cell: CellRef) -> Option<Cow<'a, str>> {
        match self.get(cell)? {
            RawCell::Text(t) => Some(Cow::Borrowed(t.trim())),
            RawCell::Number(n) => Some(Cow::Owned(n.to_string())),
            _ => None,
        }
    }
}

/// How well a sheet's labels match a section's (share of label cells that agree).
fn label_match(sec: &SectionLayout<'_>, grid: &Grid<'_>) -> f64 {
    let expected: Vec<(CellRef, &str)> = if sec.is_table() {
        sec.slots
            .iter()
            .enumerate()
            .map(|(c, s)| {
                (
                    CellRef::new(sec.header_row(), u16::try_from(c).unwrap_or(0)),
                    s.label(),
                )
            })
            .collect()
    } else {
        sec.slots
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    CellRef::new(
                        crate::form::layout::BODY_ROW + u32::try_from(i).unwrap_or(0),
                        crate::form::layout::LABEL_COL,
                    ),
                    s.label(),
                )
            })
            .collect()
    };
    if expected.is_empty() {
        return 0.0;
    }
    let hits = expected
        .iter()
        .filter(|(c, l)| grid.text(*c).as_deref() == Some(*l))
        .count();
    hits as f64 / expected.len() as f64
}

fn at(file: &Path, sheet: &str, cell: CellRef) -> Location {
    Location::Cell {
        file: file.to_path_buf(),
        cell: SheetCell::new(sheet, cell),
    }
}

fn diag(file: &Path, sheet: &str, cell: CellRef, p: Problem, warning: bool) -> Diagnostic {
    let loc = at(file, sheet, cell);
    let d = if warning {
        Diagnostic::warning(p.code, loc, p.message)
    } else {
        Diagnostic::error(p.code, loc, p.message)
    }
    .for_unit(p.sv);
    match p.hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// Reads every input of `raw` as form `def`, for the identity found.
pub fn read_form(
    file: &Path,
    raw: &RawWorkbook,
    def: &FormDef,
    id: &Identity,
    ws: &Workspace,
) -> FormRead {
    let mut out = FormRead::default();
    // Without the hidden `_styr` sheet the rows of each table are not in the file: they are the
    // rows styr generates for this recipient and period, and each is still found by its key.
    let generated;
    let rows = if raw.sheet(crate::xlsx_write::META_SHEET).is_none() {
        generated = generated_rows(def, id, ws);
        out.diagnostics.push(
            Diagnostic::warning(
                "R122",
                Location::File(file.to_path_buf()),
                tx!("R122", "sheet" => crate::xlsx_write::META_SHEET),
            )
            .hint(tx!("R122-hint")),
        );
        &generated
    } else {
        &id.rows
    };
    let layout = Layout::new(def, PeriodKind::of(id.period), rows);
    let known: Vec<&str> = layout.sections.iter().map(|s| s.sheet()).collect();
    let chain = match ws.config.unit(&id.recipient) {
        Some(u) => level_chain(Recipient::Unit(u)),
        None => match ws.config.forvaltning(&id.recipient) {
            Some(f) => level_chain(Recipient::Forvaltning(f)),
            None => Vec::new(),
        },
    };
    for sec in &layout.sections {
        // Find the sheet: by name, or a renamed sheet with this section's labels.
        let sheet = match raw.sheet(sec.sheet()) {
            Some(s) => s,
            None => {
                let candidate = raw
                    .sheets
                    .iter()
                    .filter(|s| {
                        s.worksheet && !known.contains(&s.name.as_str()) && !s.name.starts_with('_')
                    })
                    .map(|s| (s, label_match(sec, &Grid::new(s))))
                    .filter(|(_, m)| *m >= 0.8)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                match candidate {
                    Some((s, _)) => {
                        out.diagnostics.push(
                            Diagnostic::warning(
                                "R111",
                                Location::Sheet {
                                    file: file.to_path_buf(),
                                    sheet: s.name.clone(),
                                },
                                tx!("R111", "sheet" => sec.sheet(), "name" => &s.name),
                            )
                            .hint(tx!("R111-hint", "sheet" => sec.sheet())),
                        );
                        s
                    }
                    None => {
                        let names: Vec<&str> = raw
                            .sheets
                            .iter()
                            .filter(|s| s.visible)
                            .map(|s| s.name.as_str())
                            .collect();
                        let d = Diagnostic::error(
                            "R110",
                            Location::File(file.to_path_buf()),
                            tx!("R110", "sheet" => sec.sheet(), "title" => &sec.def.title),
                        );
                        out.diagnostics
                            .push(match closest(sec.sheet(), names.iter().copied()) {
                                Some(c) => d.hint(
                                    tx!("R110-hint-near", "name" => c, "sheet" => sec.sheet()),
                                ),
                                None => d.hint(tx!("R110-hint", "sheets" => names.join(", "))),
                            });
                        continue;
                    }
                }
            }
        };
        read_section(file, sheet, sec, def, id, ws, &chain, &mut out);
    }
    out
}

/// The row keys styr generates for the identity's recipient and period (the workspace's
/// indicators, goals and control points), for a file whose `_styr` sheet is gone.
fn generated_rows(
    def: &FormDef,
    id: &Identity,
    ws: &Workspace,
) -> std::collections::BTreeMap<String, Vec<String>> {
    let recipient = match ws.config.unit(&id.recipient) {
        Some(u) => Recipient::Unit(u),
        None => match ws.config.forvaltning(&id.recipient) {
            Some(f) => Recipient::Forvaltning(f),
            None => return id.rows.clone(),
        },
    };
    let inst = crate::generate::build(
        ws,
        def,
        recipient,
        id.period,
        std::collections::BTreeMap::new(),
        &|_, _, _| None,
    );
    let mut rows = inst.keys();
    for (k, v) in &id.rows {
        rows.insert(k.clone(), v.clone());
    }
    rows
}

#[allow(clippy::too_many_arguments)]
fn read_section(
    file: &Path,
    sheet: &RawSheet,
    sec: &SectionLayout<'_>,
    def: &FormDef,
    id: &Identity,
    ws: &Workspace,
    chain: &[crate::workspace::catalogue::Level],
    out: &mut FormRead,
) {
    let name = sheet.name.as_str();
    let grid = Grid::new(sheet);
    for (r, c, e) in &sheet.unknown_errors {
        out.diagnostics.push(diag(
            file,
            name,
            CellRef::new(*r, *c),
            value::error_value(e),
            false,
        ));
    }
    if let Some(e) = &sheet.error {
        out.diagnostics.push(
            Diagnostic::error(
                "R121",
                Location::Sheet {
                    file: file.to_path_buf(),
                    sheet: name.into(),
                },
                tx!("R121", "error" => e.to_string()),
            )
            .hint(tx!("R121-hint")),
        );
    }
    if sheet.outside > 0 {
        let first: Vec<String> = sheet
            .outside_first
            .iter()
            .map(|(r, c)| CellRef::new(*r, *c).to_string())
            .collect();
        out.diagnostics.push(
            Diagnostic::warning(
                "R120",
                Location::Sheet {
                    file: file.to_path_buf(),
                    sheet: name.into(),
                },
                tx!("R120", "n" => sheet.outside, "first" => first.join(", ")),
            )
            .hint(tx!("R120-hint")),
        );
    }
    // Columns (a table) and rows (a once section) by their labels: the unit may have inserted
    // or moved some.
    let placement = account::place(file, name, sec, &grid, &mut out.diagnostics);
    // Rows: table rows are found by their key where the section shows one (rows may have been
    // sorted or inserted); numbered rows by position, and rows the unit added below are read too.
    let column_of = |source: &[ContextSource]| {
        sec.def
            .columns
            .iter()
            .find(|c| source.contains(&c.source))
            .and_then(|c| placement.column(sec, &c.id))
    };
    let key_col = column_of(&[
        ContextSource::IndicatorId,
        ContextSource::ControlId,
        ContextSource::GoalId,
        ContextSource::PerspectiveName,
    ]);
    let name_col = column_of(&[
        ContextSource::IndicatorName,
        ContextSource::ControlName,
        ContextSource::GoalName,
    ]);
    // A perspective row shows its Swedish name, not its key.
    let shown_key = |key: &str| -> String {
        if sec.def.repeat == Repeat::Perspective {
            crate::domain::Perspective::ALL
                .iter()
                .find(|p| p.key() == key)
                .map_or_else(|| key.to_string(), |p| p.swedish().to_string())
        } else {
            key.to_string()
        }
    };
    let mut rows: Vec<(String, u32)> = Vec::new();
    if sec.is_table() {
        for (i, key) in sec.keys.iter().enumerate() {
            let expected = sec.item_row(i);
            let Some(kc) = key_col else {
                rows.push((key.clone(), expected));
                continue;
            };
            let shown = shown_key(key);
            if grid.text(CellRef::new(expected, kc)).as_deref() == Some(shown.as_str()) {
                rows.push((key.clone(), expected));
                continue;
            }
            let found = grid
                .cells
                .iter()
                .find(|((r, c), v)| {
                    *c == kc
                        && *r > sec.header_row()
                        && !rows.iter().any(|(_, taken)| taken == r)
                        && matches!(v, RawCell::Text(t) if t.trim() == shown)
                })
                .map(|((r, _), _)| *r);
            match found {
                Some(r) => {
                    out.diagnostics.push(Diagnostic::warning("R113", at(file, name, CellRef::new(r, kc)), tx!("R113", "key" => &shown, "from" => (expected + 1).to_string(), "to" => (r + 1).to_string())));
                    rows.push((key.clone(), r));
                }
                None => out.diagnostics.push(
                    Diagnostic::error(
                        "R112",
                        at(file, name, CellRef::new(expected, kc)),
                        tx!("R112", "key" => &shown),
                    )
                    .hint(tx!("R112-hint")),
                ),
            }
        }
        if sec.def.repeat == Repeat::Rows {
            // Rows added below the last numbered row (up to as many again).
            let last = sec.last_row();
            let extra_max = u32::try_from(sec.keys.len()).unwrap_or(0);
            let input_cols: Vec<u16> = sec
                .def
                .fields
                .iter()
                .filter_map(|f| placement.column(sec, &f.id))
                .collect();
            for r in (last + 1)..=(last + extra_max) {
                if input_cols
                    .iter()
                    .any(|c| !is_blank(grid.get(CellRef::new(r, *c))))
                {
                    let n = sec.keys.len() + usize::try_from(r - last).unwrap_or(0);
                    out.diagnostics.push(Diagnostic::warning(
                        "R114",
                        at(file, name, CellRef::new(r, 0)),
                        tx!("R114", "row" => (r + 1).to_string(), "n" => n.to_string()),
                    ));
                    rows.push((n.to_string(), r));
                }
            }
        }
    } else {
        rows.push((String::new(), 0));
    }
    let mut inputs: BTreeSet<CellRef> = BTreeSet::new();
    // The ids every value of this section shares.
    let section_id: Arc<str> = Arc::from(sec.def.id.as_str());
    let sheet_id: Arc<str> = Arc::from(sec.sheet());
    let field_ids: Vec<Arc<str>> = sec
        .def
        .fields
        .iter()
        .map(|f| Arc::from(f.id.as_str()))
        .collect();
    for (key, row) in &rows {
        let (key, row) = (key.clone(), *row);
        let key_id: Arc<str> = Arc::from(key.as_str());
        let cell_of = |field: &str| -> Option<CellRef> { placement.cell(sec, row, field) };
        let row_used = sec
            .def
            .fields
            .iter()
            .any(|f| cell_of(&f.id).is_some_and(|c| !is_blank(grid.get(c))));
        // The row's indicator, for bounds and for whether a target was missed.
        let indicator = (sec.def.repeat == Repeat::Indicator)
            .then(|| ws.catalogue.indicator(&key))
            .flatten();
        let current = indicator.and_then(|ind| {
            let judged = if id.period.is_follow_up() {
                id.period
            } else {
                crate::domain::Period::Year(id.period.year() - 1)
            };
            ws.catalogue
                .target_for(ind, chain, judged)
                .and_then(|t| t.limits(ind))
        });
        let mut outcome: Option<f64> = None;
        let mut row_values: Vec<(usize, ReadValue)> = Vec::new();
        let mut refused: Vec<ReadValue> = Vec::new();
        let mut row_diags: Vec<Diagnostic> = Vec::new();
        // What the unit was shown decides: the limits the workbook recorded when it was made;
        // a catalogue changed since then gives a warning (R107).
        let shown = id
            .limits
            .get(&(sec.def.id.clone(), key.clone()))
            .and_then(|r| Limits::from_record(r));
        let judge = match (indicator, shown) {
            (Some(ind), Some(shown)) => {
                if current != Some(shown) {
                    let text = |l: Option<Limits>| {
                        l.map_or_else(
                            || tx!("no-target"),
                            |l| l.rule_text(ind.measure, ind.decimals),
                        )
                    };
                    let at = sec
                        .def
                        .fields
                        .iter()
                        .find(|f| f.role == Some(FieldRole::Outcome))
                        .and_then(|f| cell_of(&f.id));
                    if let Some(cell) = at {
                        row_diags.push(diag(
                            file,
                            name,
                            cell,
                            Problem {
                                code: "R107",
                                sv: value::for_unit("R107"),
                                message: tx!(
                                    "R107",
                                    "id" => ind.id.to_string(),
                                    "shown" => text(Some(shown)),
                                    "now" => text(current)
                                ),
                                hint: Some(tx!("R107-hint")),
                            },
                            true,
                        ));
                    }
                }
                Some(shown)
            }
            _ => current,
        };
        for (fi, f) in sec.def.fields.iter().enumerate() {
            let Some(cell) = cell_of(&f.id) else { continue };
            inputs.insert(cell);
            // A cell whose shown value styr cannot know: never stored, never "empty".
            if let Some((_, _, d)) = sheet
                .damaged
                .iter()
                .find(|(r, c, _)| (*r, *c) == (cell.row, cell.col))
            {
                row_diags.push(account::damage(file, name, cell, d, true));
                continue;
            }
            let raw = grid.get(cell);
            // A value under merged cells: the unit does not see it.
            if let Some(m) = account::hidden_by(&sheet.merged, cell)
                && !is_blank(raw)
            {
                let text = raw.map(value::shown).unwrap_or_default();
                row_diags.push(diag(
                    file,
                    name,
                    cell,
                    Problem {
                        code: "R123",
                        message: tx!("R123", "range" => account::merge_text(m), "text" => &text),
                        hint: Some(tx!("R123-hint")),
                        sv: tx!("correction-R123", "range" => account::merge_text(m), "label" => &f.label),
                    },
                    false,
                ));
                continue;
            }
            if is_blank(raw) {
                let required =
                    f.required && (!sec.is_table() || row_used || sec.def.repeat != Repeat::Rows);
                let when_used = f.required_when == Some(RequiredWhen::RowUsed) && row_used;
                if required || when_used {
                    let what = if when_used { "R201-row" } else { "R201" };
                    row_diags.push(diag(
                        file,
                        name,
                        cell,
                        Problem {
                            code: "R201",
                            sv: tx!("correction-R201-label", "label" => &f.label),
                            message: tx!(what, "label" => &f.label),
                            hint: Some(if f.help.is_empty() {
                                tx!("R201-hint")
                            } else {
                                f.help.clone()
                            }),
                        },
                        false,
                    ));
                }
                continue;
            }
            let Some(raw) = raw else { continue };
            let bounds = match (f.bounds, indicator) {
                (Bounds::Indicator, Some(ind)) => (ind.min, ind.max),
                _ => (f.min, f.max),
            };
            let percent = f.kind == FieldType::Percent
                || (f.bounds == Bounds::Indicator
                    && indicator.is_some_and(|i| i.measure == crate::domain::Measure::Percent));
            let mut result = value::convert_as(f, raw, bounds, percent, &def.choices(f));
            // A fraction in a percentage field: an error when what styr knows of the indicator
            // shows it cannot be meant, a warning when nothing decides.
            if percent
                && let Ok(acc) = &result
                && let Value::Number(n) = acc.value
                && typed_plain(raw)
                && let Some(ind) = indicator
            {
                let shown = value::shown(raw);
                match fraction_rule(ind, judge.as_ref(), ws, chain, id.period, n) {
                    Some(rule) => result = Err(value::fraction(n, &shown, &rule)),
                    None => {
                        if let Some(j) = judge
                            && looks_like_fraction(ind, &j, n)
                        {
                            row_diags.push(diag(
                                file,
                                name,
                                cell,
                                Problem {
                                    code: "R215",
                                    sv: value::for_unit("R215"),
                                    message: tx!("R215", "shown" => &shown),
                                    hint: Some(tx!("R216-hint", "pct" => value_text(n * 100.0))),
                                },
                                true,
                            ));
                        }
                    }
                }
            }
            match result {
                Ok(acc) => {
                    if let Some(w) = acc.warning {
                        row_diags.push(diag(file, name, cell, w, true));
                    }
                    if f.role == Some(FieldRole::Outcome)
                        && let Value::Number(n) = acc.value
                    {
                        outcome = Some(n);
                    }
                    row_values.push((
                        fi,
                        ReadValue {
                            section: section_id.clone(),
                            key: key_id.clone(),
                            field: field_ids[fi].clone(),
                            value: acc.value,
                            cell: SheetCell::new(sheet_id.clone(), cell),
                        },
                    ));
                }
                Err(p) => {
                    refused.push(ReadValue {
                        section: section_id.clone(),
                        key: key_id.clone(),
                        field: field_ids[fi].clone(),
                        value: Value::Text(raw_text(raw)),
                        cell: SheetCell::new(sheet_id.clone(), cell),
                    });
                    row_diags.push(diag(file, name, cell, p, false));
                }
            }
        }
        // An åtgärd is required where the outcome misses its målvärde (the rule that coloured the
        // cell at entry).
        if let (Some(x), Some(j)) = (outcome, judge)
            && j.verdict(x) != Verdict::Reached
        {
            for f in sec
                .def
                .fields
                .iter()
                .filter(|f| f.required_when == Some(RequiredWhen::TargetMissed))
            {
                if let Some(cell) = cell_of(&f.id)
                    && is_blank(grid.get(cell))
                {
                    row_diags.push(diag(file, name, cell, Problem { code: "R210", sv: value::for_unit("R210"), message: tx!("R210", "value" => value_text(x), "target" => j_text(&j, indicator.map(|i| i.decimals)), "label" => &f.label), hint: Some(tx!("R210-hint")) }, false));
                }
            }
        }
        out.values.extend(row_values.into_iter().map(|(_, v)| v));
        out.refused.extend(refused);
        // Tie each finding to its field, so a fresh layout can mark the same input.
        for d in &row_diags {
            if let Location::Cell { cell, .. } = &d.location
                && let Some(f) = sec
                    .def
                    .fields
                    .iter()
                    .find(|f| cell_of(&f.id) == Some(cell.cell))
            {
                out.cell_findings
                    .push(((sec.def.id.clone(), key.clone(), f.id.clone()), d.clone()));
            }
        }
        out.diagnostics.extend(row_diags);
    }
    // Every other non-empty cell of the sheet: read above, or reported here.
    let read_rows: Vec<u32> = if sec.is_table() {
        rows.iter().map(|(_, r)| *r).collect()
    } else {
        Vec::new()
    };
    let keys: Vec<String> = rows.iter().map(|(k, _)| shown_key(k)).collect();
    let names: Vec<String> = match name_col {
        Some(nc) => read_rows
            .iter()
            .filter_map(|r| grid.text(CellRef::new(*r, nc)).map(|t| t.to_string()))
            .collect(),
        None => Vec::new(),
    };
    account::account(
        file,
        sheet,
        &grid,
        &account::Known {
            sec,
            placement: &placement,
            rows: &read_rows,
            key_col,
            keys: &keys,
            name_col,
            names: &names,
        },
        &inputs,
        &mut out.diagnostics,
    );
}

/// Whether a number was typed without a percent sign: a plain number, or text without `%`.
fn typed_plain(raw: &RawCell) -> bool {
    match raw {
        RawCell::Number(_) => true,
        RawCell::Text(t) => !t.contains('%'),
        _ => false,
    }
}

/// Which rule shows that `n` (between 0 and 1, in a percentage field) is a fraction typed for
/// `n` × 100 %: the målvärde, then the unit's latest earlier outcome. `None` when neither
/// exists or decides. A value decides when `n` × 100 is within a factor 3 of it and `n` is
/// more than a factor 10 away (0,095 against a målvärde of 8).
fn fraction_rule(
    ind: &crate::workspace::catalogue::Indicator,
    judge: Option<&Limits>,
    ws: &Workspace,
    chain: &[crate::workspace::catalogue::Level],
    period: crate::domain::Period,
    n: f64,
) -> Option<String> {
    use crate::workspace::catalogue::TargetValue;
    if !(n > 0.0 && n < 1.0) {
        return None;
    }
    // n × 100 within a factor 3 of the reference, n itself more than a factor 10 off.
    let nearer = |reference: f64| {
        reference > 1.0
            && ((n * 100.0) / reference).ln().abs() < 3f64.ln()
            && (n / reference).ln().abs() > 10f64.ln()
    };
    if let Some(j) = judge {
        let (t, text) = match j.target {
            TargetValue::Point(t) => (t, value_text(t)),
            TargetValue::Interval { min, max } => (
                (min + max) / 2.0,
                format!("{}–{}", value_text(min), value_text(max)),
            ),
        };
        if nearer(t) {
            return Some(tx!("R216-target", "target" => text));
        }
    }
    let own = chain.first()?;
    let earlier = ws
        .history
        .iter()
        .filter(|o| o.indicator == ind.id && &o.level == own && o.period < period)
        .max_by(|a, b| a.period.cmp(&b.period))?;
    nearer(earlier.value).then(|| {
        tx!(
            "R216-history",
            "value" => value_text(earlier.value),
            "period" => earlier.period.to_string()
        )
    })
}

/// A percentage typed as a fraction (0,065 for 6,5 %), judged against a målvärde above 1.
fn looks_like_fraction(ind: &crate::workspace::catalogue::Indicator, j: &Limits, n: f64) -> bool {
    ind.measure == crate::domain::Measure::Percent
        && n > 0.0
        && n < 1.0
        && matches!(j.target, crate::workspace::catalogue::TargetValue::Point(t) if t > 1.0)
}

/// A raw cell as the text a person sees.
fn raw_text(c: &RawCell) -> String {
    match c {
        RawCell::Text(t) => t.clone(),
        _ => value::shown(c),
    }
}

fn value_text(n: f64) -> String {
    crate::domain::format_number(n, None)
}

fn j_text(j: &Limits, decimals: Option<u8>) -> String {
    use crate::workspace::catalogue::TargetValue;
    let n = |v: f64| crate::domain::format_number(v, decimals);
    match j.target {
        TargetValue::Point(t) => n(t),
        TargetValue::Interval { min, max } => format!("{}–{}", n(min), n(max)),
    }
}
