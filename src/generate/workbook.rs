//! A form instance as a workbook: Instruktioner, one sheet per section, a hidden list sheet and
//! the hidden `_styr` identity sheet.

use crate::tx;
use std::collections::BTreeMap;

use rust_xlsxwriter::{
    ConditionalFormatFormula, DataValidation, DataValidationErrorStyle, DataValidationRule,
    DocProperties, ExcelDateTime, Format, Formula, Note, Workbook, Worksheet, XlsxError,
};

use crate::domain::{Date, FieldType, SheetCell, Value, format_number};
use crate::form::layout::{
    BODY_ROW, HELP_ROW, HINT_COL, INFO_ROW, LABEL_COL, SectionLayout, Slot, TITLE_ROW, VALUE_COL,
};
use crate::form::{Bounds, ComputeOp, FieldDef, FormDef, RequiredWhen};
use crate::generate::{Instance, Row, Shown};
use crate::workspace::catalogue::Verdict;
use crate::xlsx_write::sheets::{
    CORRECTIONS_SHEET, IDENTITY_KEYS, INSTRUCTIONS_SHEET, LIMITS_PREFIX, LISTS_SHEET, META_SHEET,
    PROPERTY_PREFIX,
};
use crate::xlsx_write::{WriteError, internal_link, style};

/// What a computed cell shows while its inputs are blank.
const NO_VALUE: &str = "–";
use style::{LINE_HEIGHT, lines};

/// Writes the workbook of `inst`.
///
/// # Errors
/// [`WriteError`] when rust_xlsxwriter refuses something (a bug in the definition checks).
pub fn write_form(
    inst: &Instance<'_>,
    password: &str,
    contact: &str,
) -> Result<Vec<u8>, WriteError> {
    let layout = inst.layout();
    let mut wb = Workbook::new();
    let identity = identity(inst);
    wb.set_properties(&properties(inst, &identity)?);

    let lists = list_ranges(inst.def);
    let mut formats = CellFormats::new();
    write_instructions(
        wb.add_worksheet(),
        inst,
        &layout.sections,
        contact,
        password,
    )?;
    if !inst.marks.is_empty() || !inst.general.is_empty() {
        write_corrections(wb.add_worksheet(), inst, &layout.sections, password)?;
    }
    for sec in &layout.sections {
        let ws = wb.add_worksheet();
        ws.set_name(sec.sheet())?;
        if sec.is_table() {
            write_table(ws, inst, sec, &lists, &mut formats)?;
        } else {
            write_once(ws, inst, sec, &lists, &mut formats)?;
        }
        page_setup(ws, inst, sec.def.title.as_str(), sec.is_table());
        ws.protect_with_password(password);
    }
    // Defined names are added after all sheets exist.
    for sec in &layout.sections {
        for f in &sec.def.fields {
            if let Some((a, b)) = sec.range_of(&f.id) {
                let range = format!(
                    "={}!${}${}:${}${}",
                    SheetCell::quoted_sheet(sec.sheet()),
                    crate::domain::CellRef::col_name(a.col),
                    a.row + 1,
                    crate::domain::CellRef::col_name(b.col),
                    b.row + 1
                );
                wb.define_name(sec.name_of(&f.id), &range)?;
            }
        }
    }
    write_lists(wb.add_worksheet(), inst.def, password)?;
    write_meta(wb.add_worksheet(), inst, &identity, password)?;
    Ok(wb.save_to_buffer()?)
}

/// (key, value) pairs identifying the workbook, in [`IDENTITY_KEYS`] order plus the rows.
fn identity(inst: &Instance<'_>) -> Vec<(String, String)> {
    let mut out = vec![
        ("kind".to_string(), inst.def.kind.key().to_string()),
        ("version".to_string(), inst.def.version.to_string()),
        ("recipient".to_string(), inst.recipient.id().to_string()),
        ("period".to_string(), inst.period.to_string()),
        ("instance".to_string(), inst.instance_id()),
        ("fingerprint".to_string(), inst.fingerprint.clone()),
    ];
    for (section, keys) in inst.keys() {
        out.push((format!("rows.{section}"), keys.join(",")));
    }
    out
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year(), d.month(), d.day())?.and_hms(8, 0, 0)
}

fn properties(
    inst: &Instance<'_>,
    identity: &[(String, String)],
) -> Result<DocProperties, XlsxError> {
    let mut p = DocProperties::new()
        .set_title(format!(
            "{} {} – {}",
            inst.def.title,
            inst.period,
            inst.recipient.name()
        ))
        .set_subject(inst.def.purpose.clone())
        .set_company(inst.kommun.clone())
        .set_author("styr")
        .set_creation_datetime(&excel_date(inst.created)?);
    for (k, v) in identity
        .iter()
        .filter(|(k, _)| IDENTITY_KEYS.contains(&k.as_str()))
    {
        p = p.set_custom_property(format!("{PROPERTY_PREFIX}{k}"), v.as_str());
    }
    Ok(p)
}

fn info_line(inst: &Instance<'_>) -> String {
    let mut parts = vec![inst.recipient.name().to_string()];
    if inst.forvaltning != inst.recipient.name() {
        parts.push(inst.forvaltning.clone());
    }
    parts.push(inst.period.shown());
    match (
        inst.deadline,
        inst.correction_deadline.filter(|_| inst.is_correction()),
    ) {
        (_, Some(c)) => parts.push(tx!("form-info-correction-due", "date" => c.to_string())),
        (Some(d), None) => parts.push(tx!("form-info-due", "date" => d.deadline.to_string())),
        (None, None) => {}
    }
    parts.join(" · ")
}

/// Header and footer text with `&` escaped.
fn hf(s: &str) -> String {
    s.replace('&', "&&")
}

fn page_setup(ws: &mut Worksheet, inst: &Instance<'_>, title: &str, table: bool) {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_header(format!(
        "&L{}&C&\"-,Bold\"{}&R{}",
        hf(&inst.kommun),
        hf(&format!("{} – {}", title, inst.recipient.name())),
        hf(&inst.period.to_string())
    ));
    ws.set_footer(format!("&L{}&R{}", hf(&inst.def.title), tx!("report-page")));
    if table {
        let _ = ws.set_repeat_rows(BODY_ROW, BODY_ROW);
    }
}

/// The list sheet: one column per list, values from row 2.
fn list_ranges(def: &FormDef) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (i, (name, values)) in all_lists(def).iter().enumerate() {
        let col = crate::domain::CellRef::col_name(u16::try_from(i).unwrap_or(0));
        out.insert(
            name.clone(),
            format!("={}!${col}$2:${col}${}", LISTS_SHEET, values.len() + 1),
        );
    }
    out
}

fn all_lists(def: &FormDef) -> Vec<(String, Vec<String>)> {
    let mut v: Vec<(String, Vec<String>)> = def
        .lists
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    v.push(("ja_nej".into(), vec!["Ja".into(), "Nej".into()]));
    v
}

fn list_key(f: &FieldDef) -> Option<String> {
    match f.kind {
        FieldType::YesNo => Some("ja_nej".into()),
        FieldType::Choice => f.list.clone(),
        _ => None,
    }
}

fn write_lists(ws: &mut Worksheet, def: &FormDef, password: &str) -> Result<(), WriteError> {
    ws.set_name(LISTS_SHEET)?;
    for (i, (name, values)) in all_lists(def).iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(0);
        ws.write_string(0, col, name)?;
        for (r, v) in values.iter().enumerate() {
            ws.write_string(u32::try_from(r + 1).unwrap_or(0), col, v)?;
        }
    }
    ws.set_hidden(true);
    ws.protect_with_password(password);
    Ok(())
}

fn write_meta(
    ws: &mut Worksheet,
    inst: &Instance<'_>,
    identity: &[(String, String)],
    password: &str,
) -> Result<(), WriteError> {
    ws.set_name(META_SHEET)?;
    ws.write_string(0, 0, "nyckel")?;
    ws.write_string(0, 1, "värde")?;
    let extra = [
        ("kommun".to_string(), inst.kommun.clone()),
        ("created".to_string(), inst.created.to_string()),
        (
            "generator".to_string(),
            format!("styr {}", env!("CARGO_PKG_VERSION")),
        ),
    ];
    // The limits each row's outcome was coloured by: collect judges by what the unit was shown.
    let limits = inst.rows.iter().flat_map(|(section, rows)| {
        rows.iter().filter_map(move |r| {
            r.target
                .map(|l| (format!("{LIMITS_PREFIX}{section}.{}", r.key), l.record()))
        })
    });
    let extra: Vec<(String, String)> = extra.into_iter().chain(limits).collect();
    for (r, (k, v)) in (1..).zip(identity.iter().chain(extra.iter())) {
        ws.write_string(r, 0, k)?;
        ws.write_string(r, 1, v)?;
    }
    ws.set_very_hidden(true);
    ws.protect_with_password(password);
    Ok(())
}

/// The allowed range of a field's numbers (min, max).
type NumberRange = (Option<f64>, Option<f64>);

/// The allowed range of a field's numbers: its own, or the row's indicator's.
fn bounds_of(f: &FieldDef, row: Option<&Row>) -> NumberRange {
    match (f.bounds, row) {
        (Bounds::Indicator, Some(r)) => r.bounds,
        _ => (f.min, f.max),
    }
}

/// Validation, input message and error message of a field with the range `(min, max)`.
fn validation(
    inst: &Instance<'_>,
    f: &FieldDef,
    (min, max): NumberRange,
    lists: &BTreeMap<String, String>,
) -> Result<Option<DataValidation>, XlsxError> {
    let lo = min.unwrap_or(-1e15);
    let hi = max.unwrap_or(1e15);
    let range_text = |suffix: String| match (min, max) {
        (Some(a), Some(b)) => tx!(
            "form-valid-between",
            "min" => format_number(a, None),
            "max" => format_number(b, None),
            "suffix" => suffix
        ),
        (Some(a), None) => tx!(
            "form-valid-at-least",
            "min" => format_number(a, None),
            "suffix" => suffix
        ),
        (None, Some(b)) => tx!(
            "form-valid-at-most",
            "max" => format_number(b, None),
            "suffix" => suffix
        ),
        (None, None) => tx!("form-valid-number", "suffix" => suffix),
    };
    let (dv, error) = match f.kind {
        FieldType::Number | FieldType::Amount => (
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(lo, hi)),
            range_text(String::new()),
        ),
        FieldType::Percent => (
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(
                min.unwrap_or(0.0),
                max.unwrap_or(100.0),
            )),
            range_text(format!(" {}", tx!("form-valid-percent"))),
        ),
        FieldType::Date => (
            DataValidation::new().allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1)?,
                ExcelDateTime::from_ymd(2100, 12, 31)?,
            )),
            tx!("form-valid-date"),
        ),
        FieldType::Choice | FieldType::YesNo => {
            let Some(range) = list_key(f).and_then(|k| lists.get(&k).cloned()) else {
                return Ok(None);
            };
            let choices = inst.def.choices(f).join(", ");
            (
                DataValidation::new().allow_list_formula(Formula::new(range)),
                truncate(&tx!("form-valid-choice", "choices" => choices), 255),
            )
        }
        FieldType::Text | FieldType::LongText => match f.max_len {
            Some(n) => (
                DataValidation::new().allow_text_length(DataValidationRule::LessThanOrEqualTo(n)),
                tx!("form-valid-length", "n" => n),
            ),
            None => (DataValidation::new().allow_any_value(), String::new()),
        },
    };
    let mut dv = dv
        .set_input_title(truncate(&f.label, 32))?
        .set_error_style(DataValidationErrorStyle::Stop);
    let mut msg = f.help.clone();
    if f.required {
        msg = format!("{msg} {}", tx!("form-required")).trim().to_string();
    }
    if !msg.is_empty() {
        dv = dv.set_input_message(truncate(&msg, 255))?;
    }
    if !error.is_empty() {
        dv = dv
            .set_error_title(truncate(
                &tx!("form-invalid-title", "label" => &f.label),
                32,
            ))?
            .set_error_message(truncate(&error, 255))?;
    }
    Ok(Some(dv))
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The formats of input and context cells, each built once per workbook rather than per cell.
struct CellFormats {
    context_text: Format,
    context_number: BTreeMap<u8, Format>,
    input_text: Format,
    input_number: BTreeMap<u8, Format>,
    input_date: Format,
}

impl CellFormats {
    fn new() -> Self {
        CellFormats {
            context_text: style::context_text(),
            context_number: BTreeMap::new(),
            input_text: style::input_text(),
            input_number: BTreeMap::new(),
            input_date: style::input_date(),
        }
    }

    fn context_number(&mut self, decimals: u8) -> &Format {
        self.context_number
            .entry(decimals)
            .or_insert_with(|| style::context_number(decimals))
    }

    fn input_number(&mut self, decimals: u8) -> &Format {
        self.input_number
            .entry(decimals)
            .or_insert_with(|| style::input_number(decimals))
    }

    /// The format of a field's input cell.
    fn input(&mut self, f: &FieldDef, row: Option<&Row>) -> &Format {
        match f.kind {
            FieldType::Number => self.input_number(row.and_then(|r| r.decimals).unwrap_or(1)),
            FieldType::Percent => self.input_number(1),
            FieldType::Amount => self.input_number(0),
            FieldType::Date => &self.input_date,
            _ => &self.input_text,
        }
    }
}

fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &Value,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match v {
        Value::Number(n) => ws.write_number_with_format(row, col, *n, fmt)?,
        // Text from a unit is written as text, never as a formula.
        Value::Text(t) => ws.write_string_with_format(row, col, t, fmt)?,
        Value::Date(d) => ws.write_number_with_format(row, col, d.to_excel_serial(), fmt)?,
    };
    Ok(())
}

fn write_shown(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<&Shown>,
    formats: &mut CellFormats,
) -> Result<(), XlsxError> {
    match v {
        Some(Shown::Number { value, decimals }) => {
            ws.write_number_with_format(row, col, *value, formats.context_number(*decimals))?
        }
        Some(Shown::Text(t)) => ws.write_string_with_format(row, col, t, &formats.context_text)?,
        None => ws.write_blank(row, col, &formats.context_text)?,
    };
    Ok(())
}

fn write_heading(
    ws: &mut Worksheet,
    inst: &Instance<'_>,
    sec: &SectionLayout<'_>,
    last_col: u16,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(TITLE_ROW, 0, &sec.def.title, &style::title())?;
    ws.write_string_with_format(INFO_ROW, 0, info_line(inst), &style::info())?;
    let help = section_help(inst, sec);
    if !help.is_empty() {
        ws.merge_range(HELP_ROW, 0, HELP_ROW, last_col.max(1), help, &style::help())?;
        // A merged cell does not grow with its text: give the help row room for its lines.
        let width: f64 = (0..=last_col.max(1)).map(|c| column_width(sec, c)).sum();
        ws.set_row_height(HELP_ROW, LINE_HEIGHT * lines(help, width) + 3.0)?;
    }
    Ok(())
}

/// A section's help: for free rows that styr had nothing to pre-fill (no plan to carry over),
/// the definition's `help_unfilled` when it has one, so the sheet never says the rows are
/// pre-filled when they are empty.
pub fn section_help<'d>(inst: &Instance<'_>, sec: &SectionLayout<'d>) -> &'d str {
    let filled = || inst.prefill.keys().any(|(s, _, _)| *s == sec.def.id);
    match &sec.def.help_unfilled {
        Some(h) if sec.def.repeat == crate::form::Repeat::Rows && !filled() => h,
        _ => &sec.def.help,
    }
}

/// A column's width: the definition's, or by the field's type; a table's column is widened
/// where a word of its header would otherwise be broken inside.
fn column_width(sec: &SectionLayout<'_>, col: u16) -> f64 {
    if sec.is_table() {
        sec.slots.get(usize::from(col)).map_or(12.0, |s| {
            s.width()
                .unwrap_or(match s {
                    Slot::Field(f) if f.kind == FieldType::LongText => 40.0,
                    Slot::Field(f) if f.kind == FieldType::Text => 24.0,
                    _ => 12.0,
                })
                .max(style::unbroken_width_bold(s.label()))
        })
    } else {
        match col {
            LABEL_COL => 42.0,
            VALUE_COL => 70.0,
            _ => 48.0,
        }
    }
}

fn computed_formula(
    sec: &SectionLayout<'_>,
    inst: &Instance<'_>,
    key: &str,
    op: ComputeOp,
    of: &[String],
) -> Option<(String, Option<f64>)> {
    let (a, b) = (of.first()?, of.get(1)?);
    let ca = sec.cell(key, a)?;
    let cb = sec.cell(key, b)?;
    let value_of = |id: &str| -> Option<f64> {
        let row = inst.row(&sec.def.id, key);
        let shown = match row {
            Some(r) => r.shown.get(id).cloned(),
            None => inst
                .once
                .get(&(sec.def.id.clone(), id.to_string()))
                .cloned(),
        };
        let imported = inst
            .imported
            .get(&(sec.def.id.clone(), key.to_string(), id.to_string()))
            .map(|i| i.value);
        match shown {
            Some(Shown::Number { value, .. }) => Some(value),
            _ if imported.is_some() => imported,
            _ => match inst
                .prefill
                .get(&(sec.def.id.clone(), key.to_string(), id.to_string()))
            {
                Some(Value::Number(n)) => Some(*n),
                _ => None,
            },
        }
    };
    match op {
        ComputeOp::Difference => Some((
            format!("=IF(AND(ISNUMBER({ca}),ISNUMBER({cb})),{ca}-{cb},\"{NO_VALUE}\")"),
            value_of(a).zip(value_of(b)).map(|(x, y)| x - y),
        )),
    }
}

fn write_computed(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    f: Option<(String, Option<f64>)>,
) -> Result<(), XlsxError> {
    let Some((formula, result)) = f else {
        return Ok(());
    };
    // The cached result is what a reader without recalculation shows: compute it here.
    let result = result.map_or_else(|| NO_VALUE.to_string(), |r| r.to_string());
    ws.write_formula_with_format(
        row,
        col,
        Formula::new(formula).set_result(result),
        &style::computed(0),
    )?;
    Ok(())
}

/// The hint beside a field of a vertical form.
fn hint_of(f: &FieldDef) -> String {
    if f.required {
        format!("{} {}", tx!("form-required"), f.help)
            .trim()
            .to_string()
    } else {
        f.help.clone()
    }
}

fn write_once(
    ws: &mut Worksheet,
    inst: &Instance<'_>,
    sec: &SectionLayout<'_>,
    lists: &BTreeMap<String, String>,
    formats: &mut CellFormats,
) -> Result<(), WriteError> {
    for c in [LABEL_COL, VALUE_COL, HINT_COL] {
        ws.set_column_width(c, column_width(sec, c))?;
    }
    write_heading(ws, inst, sec, HINT_COL)?;
    for (i, slot) in sec.slots.iter().enumerate() {
        let row = BODY_ROW + u32::try_from(i).unwrap_or(0);
        ws.write_string_with_format(row, LABEL_COL, slot.label(), &style::label())?;
        let mut need = style::lines_bold(slot.label(), column_width(sec, LABEL_COL));
        if let Slot::Field(f) = slot {
            need = need.max(lines(&hint_of(f), column_width(sec, HINT_COL)) + 0.2);
            let value = match inst
                .prefill
                .get(&(sec.def.id.clone(), String::new(), f.id.clone()))
            {
                Some(Value::Text(t)) => lines(t, column_width(sec, VALUE_COL)),
                _ => 1.0,
            };
            // A long text gets room to write in.
            let min = if f.kind == FieldType::LongText {
                4.0
            } else {
                1.0
            };
            need = need.max(value).max(min);
        }
        if need > 1.0 {
            ws.set_row_height(row, (LINE_HEIGHT * need).min(409.0))?;
        }
        match slot {
            Slot::Column(c) => {
                write_shown(
                    ws,
                    row,
                    VALUE_COL,
                    inst.once.get(&(sec.def.id.clone(), c.id.clone())),
                    formats,
                )?;
            }
            Slot::Field(f) => {
                let fmt = formats.input(f, None);
                match inst
                    .prefill
                    .get(&(sec.def.id.clone(), String::new(), f.id.clone()))
                {
                    Some(v) => write_value(ws, row, VALUE_COL, v, fmt)?,
                    None => {
                        ws.write_blank(row, VALUE_COL, fmt)?;
                    }
                }
                if let Some(dv) = validation(inst, f, bounds_of(f, None), lists)? {
                    ws.add_data_validation(row, VALUE_COL, row, VALUE_COL, &dv)?;
                }
                ws.write_string_with_format(row, HINT_COL, hint_of(f), &style::help())?;
            }
            Slot::Computed(c) => {
                write_computed(
                    ws,
                    row,
                    VALUE_COL,
                    computed_formula(sec, inst, "", c.op, &c.of),
                )?;
            }
        }
    }
    mark_imported(ws, inst, sec, formats)?;
    mark_errors(ws, inst, sec, formats)?;
    Ok(())
}

/// Correction workbooks: every faulty input of `sec` gets the error style (kept for errors,
/// never a målvärde colour) and a note with the problem and the field's help, in Swedish.
fn mark_errors(
    ws: &mut Worksheet,
    inst: &Instance<'_>,
    sec: &SectionLayout<'_>,
    formats: &mut CellFormats,
) -> Result<(), WriteError> {
    for (key, f, cell) in sec.inputs() {
        let k = (sec.def.id.clone(), key.to_string(), f.id.clone());
        let Some(problems) = inst.marks.get(&k) else {
            continue;
        };
        let row = inst
            .rows
            .get(&sec.def.id)
            .and_then(|rows| rows.iter().find(|r| r.key == key));
        let fmt = style::error_input(formats.input(f, row).clone());
        match inst.prefill.get(&k) {
            Some(v) => write_value(ws, cell.row, cell.col, v, &fmt)?,
            None => {
                ws.write_blank(cell.row, cell.col, &fmt)?;
            }
        }
        let note = note_text(problems, f);
        let height = (lines(&note, 40.0) * LINE_HEIGHT + 10.0).min(400.0);
        ws.insert_note(
            cell.row,
            cell.col,
            &Note::new(note)
                .set_author("styr")
                .add_author_prefix(false)
                .set_width(300)
                .set_height(height as u32),
        )?;
    }
    Ok(())
}

/// Inputs pre-filled from the data store (`from_import`): the value, read-only in the context
/// style, with a note giving its source and date (in a vertical form also beside it, where the
/// help stands). Without a stored value the cell stays an input.
fn mark_imported(
    ws: &mut Worksheet,
    inst: &Instance<'_>,
    sec: &SectionLayout<'_>,
    formats: &mut CellFormats,
) -> Result<(), WriteError> {
    if inst.imported.is_empty() {
        return Ok(());
    }
    for (key, f, cell) in sec.inputs() {
        let k = (sec.def.id.clone(), key.to_string(), f.id.clone());
        let Some(imported) = inst.imported.get(&k) else {
            continue;
        };
        let decimals = match f.kind {
            FieldType::Amount => 0,
            _ => inst
                .rows
                .get(&sec.def.id)
                .and_then(|rows| rows.iter().find(|r| r.key == key))
                .and_then(|r| r.decimals)
                .unwrap_or(1),
        };
        ws.write_number_with_format(
            cell.row,
            cell.col,
            imported.value,
            formats.context_number(decimals),
        )?;
        let note = imported.note();
        ws.insert_note(
            cell.row,
            cell.col,
            &Note::new(&note)
                .set_author("styr")
                .add_author_prefix(false)
                .set_width(300)
                .set_height((lines(&note, 40.0) * LINE_HEIGHT + 10.0).min(400.0) as u32),
        )?;
        if !sec.def.is_table() {
            ws.write_string_with_format(
                cell.row,
                HINT_COL,
                tx!("form-prefilled-from", "source" => &imported.source, "date" => &imported.date),
                &style::help(),
            )?;
        }
    }
    Ok(())
}

/// The note of a faulty cell: what is wrong, then how to fill the cell in.
fn note_text(problems: &[String], f: &FieldDef) -> String {
    let mut text = tx!("correction-note", "problems" => problems.join("\n"));
    if !f.help.is_empty() {
        text.push_str("\n\n");
        text.push_str(&tx!("correction-note-help"));
        text.push(' ');
        text.push_str(&f.help);
    }
    text
}

/// One problem of a correction workbook, where it is and what it is.
struct Listed {
    sheet: String,
    cell: crate::domain::CellRef,
    what: String,
    text: String,
}

/// The problems of a correction workbook at their cells, in sheet and row order.
fn listed(inst: &Instance<'_>, sections: &[SectionLayout<'_>]) -> Vec<Listed> {
    let mut out = Vec::new();
    for sec in sections {
        for (key, f, cell) in sec.inputs() {
            let k = (sec.def.id.clone(), key.to_string(), f.id.clone());
            if let Some(problems) = inst.marks.get(&k) {
                out.push(Listed {
                    sheet: sec.sheet().to_string(),
                    cell,
                    what: if key.is_empty() {
                        f.label.clone()
                    } else {
                        format!("{} ({key})", f.label)
                    },
                    text: problems.join("\n"),
                });
            }
        }
    }
    out
}

/// The prefilled values of a section by (row key, field id), to look up without allocating.
fn prefill_of<'i>(
    inst: &'i Instance<'_>,
    section: &str,
) -> BTreeMap<(&'i str, &'i str), &'i Value> {
    inst.prefill
        .iter()
        .filter(|((s, _, _), _)| s == section)
        .map(|((_, key, field), v)| ((key.as_str(), field.as_str()), v))
        .collect()
}

fn write_table(
    ws: &mut Worksheet,
    inst: &Instance<'_>,
    sec: &SectionLayout<'_>,
    lists: &BTreeMap<String, String>,
    formats: &mut CellFormats,
) -> Result<(), WriteError> {
    let last_col = sec.width().saturating_sub(1);
    for c in 0..=last_col {
        ws.set_column_width(c, column_width(sec, c))?;
    }
    write_heading(ws, inst, sec, last_col)?;
    let mut header_lines: f64 = 1.0;
    let header = style::header();
    for (c, slot) in sec.slots.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(0);
        ws.write_string_with_format(sec.header_row(), col, slot.label(), &header)?;
        header_lines = header_lines.max(style::lines_bold(slot.label(), column_width(sec, col)));
    }
    ws.set_row_height(sec.header_row(), LINE_HEIGHT * header_lines + 2.0)?;
    let rows = inst.rows.get(&sec.def.id).map_or(&[][..], Vec::as_slice);
    let outcome_col = sec
        .def
        .fields
        .iter()
        .find(|f| f.bounds == Bounds::Indicator)
        .and_then(|f| sec.column(&f.id));
    let prefill = prefill_of(inst, &sec.def.id);
    // Per column, the validations made so far by bounds: a field's validation differs from row
    // to row only in the row's bounds, and rows share a few bounds (0-100 for percentages).
    let mut validations: Vec<Vec<(NumberRange, Option<DataValidation>)>> =
        vec![Vec::new(); sec.slots.len()];
    // Per column, the run of rows sharing one validation not yet added: one `dataValidation`
    // for the run (`C10:C39`) instead of one per cell keeps the sheet small for Excel, for
    // LibreOffice and for collect, which inflates every part to verify its CRC.
    let mut runs: Vec<Option<(u32, u32, usize)>> = vec![None; sec.slots.len()];
    for (i, r) in rows.iter().enumerate() {
        let row = sec.item_row(i);
        let mut need: f64 = 1.0;
        for (c, slot) in sec.slots.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(0);
            let prefilled = prefill.get(&(r.key.as_str(), slot.id())).copied();
            let text = match slot {
                Slot::Column(k) => match r.shown.get(&k.id) {
                    Some(Shown::Text(t)) => Some(t.as_str()),
                    _ => None,
                },
                Slot::Field(_) => match prefilled {
                    Some(Value::Text(t)) => Some(t.as_str()),
                    _ => None,
                },
                Slot::Computed(_) => None,
            };
            if let Some(t) = text {
                need = need.max(lines(t, column_width(sec, col)));
            }
            match slot {
                Slot::Column(k) => write_shown(ws, row, col, r.shown.get(&k.id), formats)?,
                Slot::Field(f) => {
                    let fmt = formats.input(f, Some(r));
                    match prefilled {
                        Some(v) => write_value(ws, row, col, v, fmt)?,
                        None => {
                            ws.write_blank(row, col, fmt)?;
                        }
                    }
                    let bounds = bounds_of(f, Some(r));
                    let made = &mut validations[c];
                    let at = match made.iter().position(|(b, _)| *b == bounds) {
                        Some(at) => at,
                        None => {
                            made.push((bounds, validation(inst, f, bounds, lists)?));
                            made.len() - 1
                        }
                    };
                    match &mut runs[c] {
                        Some((_, last, same)) if *same == at && *last + 1 == row => *last = row,
                        run => {
                            if let Some((first, last, which)) = run.replace((row, row, at)) {
                                add_validation(ws, first, last, col, &made[which].1)?;
                            }
                        }
                    }
                }
                Slot::Computed(k) => write_computed(
                    ws,
                    row,
                    col,
                    computed_formula(sec, inst, &r.key, k.op, &k.of),
                )?,
            }
        }
        if need > 1.0 {
            ws.set_row_height(row, (LINE_HEIGHT * need).min(409.0))?;
        }
        // Colours at entry: the outcome against the row's målvärde; åtgärd required when missed.
        if let (Some(judge), Some(oc)) = (r.target, outcome_col) {
            let cell = format!("${}{}", crate::domain::CellRef::col_name(oc), row + 1);
            for (verdict, color) in [
                (Verdict::Reached, style::GREEN),
                (Verdict::Near, style::YELLOW),
                (Verdict::Missed, style::RED),
            ] {
                let cf = ConditionalFormatFormula::new()
                    .set_rule(format!("={}", judge.excel_condition(&cell, verdict)).as_str())
                    .set_format(style::fill(color));
                ws.add_conditional_format(row, oc, row, oc, &cf)?;
            }
            for f in sec
                .def
                .fields
                .iter()
                .filter(|f| f.required_when == Some(RequiredWhen::TargetMissed))
            {
                if let Some(ac) = sec.column(&f.id) {
                    let action = format!("${}{}", crate::domain::CellRef::col_name(ac), row + 1);
                    let rule = format!(
                        "=AND(NOT({}),ISNUMBER({cell}),LEN({action})=0)",
                        judge.excel_condition(&cell, Verdict::Reached)
                    );
                    let cf = ConditionalFormatFormula::new()
                        .set_rule(rule.as_str())
                        .set_format(style::fill(style::ORANGE));
                    ws.add_conditional_format(row, ac, row, ac, &cf)?;
                }
            }
        }
    }
    for (c, run) in runs.into_iter().enumerate() {
        if let Some((first, last, which)) = run {
            let col = u16::try_from(c).unwrap_or(0);
            add_validation(ws, first, last, col, &validations[c][which].1)?;
        }
    }
    let first_input = sec
        .slots
        .iter()
        .position(|s| matches!(s, Slot::Field(_)))
        .unwrap_or(0);
    ws.set_freeze_panes(
        sec.header_row() + 1,
        u16::try_from(first_input.min(3)).unwrap_or(0),
    )?;
    mark_imported(ws, inst, sec, formats)?;
    mark_errors(ws, inst, sec, formats)?;
    Ok(())
}

/// Adds `dv`, if the field has one, to rows `first..=last` of column `col`.
fn add_validation(
    ws: &mut Worksheet,
    first: u32,
    last: u32,
    col: u16,
    dv: &Option<DataValidation>,
) -> Result<(), XlsxError> {
    if let Some(dv) = dv {
        ws.add_data_validation(first, col, last, col, dv)?;
    }
    Ok(())
}

/// The "Att rätta" sheet of a correction workbook: every problem with a link to its cell.
fn write_corrections(
    ws: &mut Worksheet,
    inst: &Instance<'_>,
    sections: &[SectionLayout<'_>],
    password: &str,
) -> Result<(), WriteError> {
    // Widths in characters; texts wrap within them and rows are made tall enough (estimated
    // with room to spare: a row too short would let its text run under the next one).
    const WIDTHS: [f64; 4] = [24.0, 8.0, 30.0, 70.0];
    const FILL: f64 = 0.75;
    ws.set_name(CORRECTIONS_SHEET)?;
    for (c, w) in (0u16..).zip(WIDTHS) {
        ws.set_column_width(c, w)?;
    }
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.write_string_with_format(0, 0, tx!("correction-title"), &style::title())?;
    let intro = correction_intro(inst);
    ws.merge_range(1, 0, 1, 3, &intro, &wrap)?;
    let total: f64 = WIDTHS.iter().sum();
    ws.set_row_height(1, style::height(lines(&intro, total * FILL)))?;
    let mut r = 3;
    let heads = [
        tx!("report-col-sheet"),
        tx!("report-col-cell"),
        tx!("report-col-field"),
        tx!("correction-col-problem"),
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(r, u16::try_from(c).unwrap_or(0), h, &style::header())?;
    }
    r += 1;
    for g in &inst.general {
        ws.write_string_with_format(r, 0, tx!("correction-whole-file"), &style::label())?;
        ws.merge_range(r, 1, r, 3, g, &wrap)?;
        ws.set_row_height(r, style::height(lines(g, (total - WIDTHS[0]) * FILL)))?;
        r += 1;
    }
    for p in listed(inst, sections) {
        ws.write_url_with_format(
            r,
            0,
            internal_link(&p.sheet, p.cell).set_text(&p.sheet),
            &style::link()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
        )?;
        ws.write_string_with_format(r, 1, p.cell.to_string(), &wrap)?;
        ws.write_string_with_format(r, 2, &p.what, &wrap)?;
        ws.write_string_with_format(r, 3, &p.text, &wrap)?;
        let need = lines(&p.text, WIDTHS[3] * FILL)
            .max(lines(&p.what, WIDTHS[2] * FILL))
            .max(lines(&p.sheet, WIDTHS[0] * FILL));
        ws.set_row_height(r, style::height(need))?;
        r += 1;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.protect_with_password(password);
    Ok(())
}

/// What a correction workbook tells the unit first: it is a correction, how the faulty cells
/// look, by when to send it.
fn correction_intro(inst: &Instance<'_>) -> String {
    let mut t = tx!("correction-intro", "style" => tx!("correction-error-style"));
    if let Some(d) = inst.correction_deadline {
        t.push(' ');
        t.push_str(&tx!("correction-intro-due", "date" => d.to_string()));
    }
    t
}

/// The correction block of the Instruktioner sheet from row `r`: it is a correction, the new
/// deadline, the problems. Returns the next free row.
fn write_correction_summary(
    ws: &mut Worksheet,
    inst: &Instance<'_>,
    sections: &[SectionLayout<'_>],
    mut r: u32,
) -> Result<u32, WriteError> {
    let strong = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
        .set_font_color(rust_xlsxwriter::Color::RGB(style::ERROR_BORDER));
    ws.write_string_with_format(
        r,
        0,
        tx!("correction-heading"),
        &style::subtitle().set_align(rust_xlsxwriter::FormatAlign::Top),
    )?;
    let intro = correction_intro(inst);
    ws.write_string_with_format(r, 1, &intro, &strong)?;
    ws.set_row_height(r, style::height(lines(&intro, INSTRUCTIONS_TEXT_WIDTH)))?;
    r += 1;
    let problems = listed(inst, sections);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for g in &inst.general {
        ws.write_string_with_format(r, 0, tx!("correction-whole-file"), &style::label())?;
        ws.write_string_with_format(r, 1, g, &wrap)?;
        ws.set_row_height(r, style::height(lines(g, 95.0 * 0.75)))?;
        r += 1;
    }
    for p in &problems {
        let target = SheetCell::new(p.sheet.as_str(), p.cell);
        ws.write_url_with_format(
            r,
            0,
            internal_link(&p.sheet, p.cell).set_text(target.to_string()),
            &style::link().set_align(rust_xlsxwriter::FormatAlign::Top),
        )?;
        let text = format!("{}: {}", p.what, p.text);
        ws.write_string_with_format(r, 1, &text, &wrap)?;
        ws.set_row_height(r, style::height(lines(&text, INSTRUCTIONS_TEXT_WIDTH)))?;
        r += 1;
    }
    Ok(r + 1)
}

/// The width of the Instruktioner sheet's text column.
const INSTRUCTIONS_TEXT_WIDTH: f64 = 95.0;
/// The rows of the Instruktioner sheet that print on one landscape page at no less than about
/// four fifths of their size.
const ONE_PAGE_ROWS: u32 = 42;

fn write_instructions(
    ws: &mut Worksheet,
    inst: &Instance<'_>,
    sections: &[SectionLayout<'_>],
    contact: &str,
    password: &str,
) -> Result<(), WriteError> {
    ws.set_name(INSTRUCTIONS_SHEET)?;
    ws.set_column_width(0, 26.0)?;
    ws.set_column_width(1, INSTRUCTIONS_TEXT_WIDTH)?;
    ws.set_screen_gridlines(false);
    let title = format!("{} – {}", inst.def.title, inst.period.shown());
    ws.write_string_with_format(0, 0, &title, &style::title().set_font_size(16))?;
    ws.write_string_with_format(1, 0, inst.recipient.name(), &style::subtitle())?;
    let mut r = 3;
    let mut facts: Vec<(String, String)> = vec![
        (tx!("form-fact-kommun"), inst.kommun.clone()),
        (tx!("report-col-forvaltning"), inst.forvaltning.clone()),
    ];
    if inst.forvaltning != inst.recipient.name() {
        facts.push((tx!("report-col-unit"), inst.recipient.name().to_string()));
    }
    facts.push((tx!("enhet-col-owner"), inst.recipient.chef().to_string()));
    facts.push((tx!("report-col-period"), inst.period.shown()));
    if let Some(d) = inst.deadline {
        facts.push((tx!("form-fact-sent"), d.sent.to_string()));
        match inst.correction_deadline.filter(|_| inst.is_correction()) {
            Some(c) => {
                facts.push((tx!("form-fact-correction-due"), c.to_string()));
                facts.push((tx!("form-fact-first-due"), d.deadline.to_string()));
            }
            None => facts.push((tx!("form-fact-due"), d.deadline.to_string())),
        }
        if let Some(f) = &d.forum {
            facts.push((tx!("form-fact-forum"), f.clone()));
        }
    }
    if !contact.is_empty() {
        facts.push((tx!("form-fact-send-to"), contact.to_string()));
    }
    for (k, v) in facts {
        ws.write_string_with_format(r, 0, &k, &style::label())?;
        ws.write_string_with_format(r, 1, &v, &style::context_text())?;
        r += 1;
    }
    r += 1;
    if inst.is_correction() {
        r = write_correction_summary(ws, inst, sections, r)?;
    }
    if !inst.def.purpose.is_empty() {
        ws.write_string_with_format(
            r,
            0,
            tx!("form-purpose"),
            &style::subtitle().set_align(rust_xlsxwriter::FormatAlign::Top),
        )?;
        ws.write_string_with_format(r, 1, &inst.def.purpose, &style::help())?;
        let need = lines(&inst.def.purpose, INSTRUCTIONS_TEXT_WIDTH);
        if need > 1.0 {
            ws.set_row_height(r, style::height(need))?;
        }
        r += 2;
    }
    ws.write_string_with_format(r, 0, tx!("form-how-to"), &style::subtitle())?;
    r += 1;
    for (i, text) in inst.def.instructions.iter().enumerate() {
        ws.write_string_with_format(
            r,
            0,
            format!("{}.", i + 1),
            &Format::new()
                .set_align(rust_xlsxwriter::FormatAlign::Right)
                .set_align(rust_xlsxwriter::FormatAlign::Top),
        )?;
        ws.write_string_with_format(
            r,
            1,
            text,
            &Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
        )?;
        let need = lines(text, INSTRUCTIONS_TEXT_WIDTH);
        if need > 1.0 {
            ws.set_row_height(r, style::height(need))?;
        }
        r += 1;
    }
    r += 1;
    // Each heading stays with its list: a short page prints on one sheet of paper; a long one
    // (a correction with many problems) prints the colours and the sheets on a page of their
    // own (heading, six colours, the sheets: less than a page).
    let colours = r;
    let end = r + 11 + u32::try_from(sections.len()).unwrap_or(0);
    if end <= ONE_PAGE_ROWS {
        ws.set_print_fit_to_pages(1, 1);
    } else {
        ws.set_print_fit_to_pages(1, 0);
        ws.set_page_breaks(&[colours])?;
    }
    ws.write_string_with_format(r, 0, tx!("form-colours"), &style::subtitle())?;
    r += 1;
    let legend = [
        (
            style::INPUT_FILL,
            tx!("form-colour-input"),
            tx!("form-colour-input-text"),
        ),
        (
            style::CONTEXT_FILL,
            tx!("form-colour-context"),
            tx!("form-colour-context-text"),
        ),
        (
            style::GREEN,
            tx!("report-status-met"),
            tx!("form-colour-met-text"),
        ),
        (
            style::YELLOW,
            tx!("form-colour-partly"),
            tx!("form-colour-partly-text"),
        ),
        (
            style::RED,
            tx!("report-status-not-met"),
            tx!("form-colour-not-met-text"),
        ),
        (
            style::ORANGE,
            tx!("form-colour-action"),
            tx!("form-colour-action-text"),
        ),
    ];
    for (color, name, text) in legend {
        ws.write_string_with_format(
            r,
            0,
            &name,
            &style::fill(color).set_border(rust_xlsxwriter::FormatBorder::Thin),
        )?;
        ws.write_string(r, 1, &text)?;
        r += 1;
    }
    if inst.is_correction() {
        ws.write_string_with_format(
            r,
            0,
            tx!("correction-title"),
            &style::error_input(Format::new().set_align(rust_xlsxwriter::FormatAlign::Top)),
        )?;
        let text = tx!("correction-legend", "style" => tx!("correction-error-style"));
        ws.write_string_with_format(
            r,
            1,
            &text,
            &Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
        )?;
        ws.set_row_height(r, style::height(lines(&text, INSTRUCTIONS_TEXT_WIDTH)))?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, tx!("form-sheets"), &style::subtitle())?;
    r += 1;
    for sec in sections {
        let url =
            internal_link(sec.sheet(), crate::domain::CellRef::new(0, 0)).set_text(sec.sheet());
        ws.write_url_with_format(r, 0, &url, &style::link())?;
        ws.write_string(r, 1, &sec.def.title)?;
        r += 1;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_footer(format!("&L{}&R{}", hf(&inst.def.title), tx!("report-page")));
    ws.protect_with_password(password);
    ws.set_active(true);
    Ok(())
}
