//! Benchmark of `styr generate`: the workbooks of N units (default 1,000, `STYR_BENCH_UNITS`),
//! made by styr and by bare rust_xlsxwriter writing the same workbooks, in the same run.
//!
//! Run with `cargo bench --bench generate` (a quick run: `STYR_BENCH_UNITS=100 cargo bench
//! --bench generate`). The workspace is sample-data with its 45 units replicated (ids
//! `<id>-<k>`, same förvaltning, category, budget, history rows and unit-level målvärden) up
//! to N. docs/generate-bench.md explains the numbers and what the baseline includes.
//!
//! For the richest form (uppföljning, 2026-T1), one workbook per unit, it prints per workbook:
//! - styr: what `generate_period` does per period, `Prepared::new` once, then per unit
//!   `Prepared::build` and `write_form` into memory; and the same plus writing each file with
//!   `fsx::write_atomic` into a fresh temporary folder;
//! - the baseline: rust_xlsxwriter alone issuing exactly the calls `write_form` issues, from a
//!   plan computed before timing (every string formatted, every `Format`, `DataValidation`,
//!   conditional format, `Formula`, `Url` and `DocProperties` built), then `save_to_buffer`;
//! - the ratio styr / baseline (target: at most 1.2), and where the time goes.
//!
//! The other kinds are measured the same way on `STYR_BENCH_OTHERS` workbooks (default N/2;
//! målvärden goes to the 5 förvaltningar, cycled). `STYR_BENCH_KINDS=malvarden,internkontroll`
//! measures only those kinds. Before any timing the bench checks that the baseline's workbook
//! is byte for byte styr's, for every recipient, so both sides write the same thing; it prints
//! a SHA-256 of all of styr's workbooks of each kind, to compare runs before and after a change.
//!
//! CPU time is `getrusage(RUSAGE_SELF)`: user and system time of the whole process, so it
//! counts the threads on which `save_to_buffer` assembles each worksheet, and it is less
//! disturbed by other work on the machine than wall time (shown too). Each measurement is the
//! best of `STYR_BENCH_RUNS` (default 5), styr and baseline alternating.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use rust_xlsxwriter::{
    ConditionalFormatFormula, DataValidation, DocProperties, Format, Formula, Url, Workbook,
    Worksheet,
};
use styr::domain::{FormKind, Period, UnitId};
use styr::form::FormDef;
use styr::generate::write_form;
use styr::generate::{self, Instance, Prepared, Recipient, Selection};
use styr::workspace::Workspace;
use styr::workspace::catalogue::Level;

/// The allocator of the `styr` binary, so that styr and the bare library are measured with it.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn tv(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// CPU time (user + system) of this process so far.
fn cpu() -> Duration {
    // SAFETY: getrusage fills the struct it is given; a zeroed rusage is a valid value.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut r) };
    tv(r.ru_utime) + tv(r.ru_stime)
}

/// CPU and wall time of one call of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (Duration, Duration, T) {
    let c0 = cpu();
    let t0 = Instant::now();
    let out = f();
    let wall = t0.elapsed();
    (cpu() - c0, wall, out)
}

/// The best (CPU, wall) of several runs.
#[derive(Clone, Copy)]
struct Best(Option<(Duration, Duration)>);

impl Best {
    fn new() -> Self {
        Best(None)
    }

    fn add(&mut self, cpu: Duration, wall: Duration) {
        if self.0.is_none_or(|(c, _)| cpu < c) {
            self.0 = Some((cpu, wall));
        }
    }

    /// (CPU, wall) in ms per workbook.
    fn per(&self, n: usize) -> (f64, f64) {
        let (c, w) = self.0.unwrap_or_default();
        let per = |d: Duration| d.as_secs_f64() * 1000.0 / n.max(1) as f64;
        (per(c), per(w))
    }
}

// ---------------------------------------------------------------------------------------------
// The workspace: sample-data with its units replicated up to N.
// ---------------------------------------------------------------------------------------------

/// sample-data with `n` units: the 45 originals, then copies `<id>-<k>` (k = 1, 2, ...) with
/// the original's förvaltning, category, budget, history and unit-level målvärden.
fn workspace(n: usize) -> Workspace {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut ws = Workspace::load(&root).expect("sample-data loads");
    let originals = ws.config.units.clone();
    let history = ws.history.clone();
    let targets = ws.catalogue.targets.clone();
    let mut units = Vec::with_capacity(n);
    for i in 0..n {
        let (k, orig) = (i / originals.len(), &originals[i % originals.len()]);
        if k == 0 {
            units.push(orig.clone());
            continue;
        }
        let id = UnitId::new(format!("{}-{k}", orig.id)).expect("a valid id");
        let mut u = orig.clone();
        u.id = id.clone();
        u.name = format!("{} {k}", orig.name);
        units.push(u);
        let own = Level::Unit(orig.id.clone());
        for o in history.iter().filter(|o| o.level == own) {
            let mut o = o.clone();
            o.level = Level::Unit(id.clone());
            ws.history.push(o);
        }
        for t in targets.iter().filter(|t| t.level == own) {
            let mut t = t.clone();
            t.level = Level::Unit(id.clone());
            ws.catalogue.targets.push(t);
        }
    }
    ws.config.units = units;
    ws
}

/// What one kind is measured on.
struct Case {
    kind: FormKind,
    period: &'static str,
    /// How many workbooks (recipients cycled if fewer).
    count: usize,
}

fn recipients<'a>(ws: &'a Workspace, case: &Case) -> Vec<Recipient<'a>> {
    let all = generate::recipients(ws, def(ws, case), &Selection::default()).expect("recipients");
    all.iter().copied().cycle().take(case.count).collect()
}

fn def<'a>(ws: &'a Workspace, case: &Case) -> &'a FormDef {
    ws.forms.current(case.kind).expect("form")
}

fn period(case: &Case) -> Period {
    Period::parse(case.period).expect("period")
}

/// One workbook's instance on its own (`generate::build`: scans the history).
fn build<'a>(ws: &'a Workspace, case: &Case, r: Recipient<'a>) -> Instance<'a> {
    generate::build(
        ws,
        def(ws, case),
        r,
        period(case),
        BTreeMap::new(),
        &|_, _, _| None,
    )
}

/// An instance as `generate_period` builds it: from the form prepared once for the period.
fn build_prepared<'a>(p: &Prepared<'a>, case: &Case, r: Recipient<'a>) -> Instance<'a> {
    p.build(r, period(case), BTreeMap::new(), &|_, _, _| None)
}

fn styr_bytes(ws: &Workspace, inst: &Instance<'_>) -> Vec<u8> {
    write_form(
        inst,
        &ws.config.sending.password,
        &ws.config.sending.contact,
    )
    .expect("write")
}

// ---------------------------------------------------------------------------------------------
// The baseline: a plan of rust_xlsxwriter calls, replayed.
// ---------------------------------------------------------------------------------------------

/// One worksheet call, with everything it needs already built. Formats are indices into the
/// shared table of [`Formats`].
enum Op {
    Name(String),
    Str(u32, u16, String, Option<u16>),
    Num(u32, u16, f64, u16),
    Blank(u32, u16, u16),
    Formula(u32, u16, Box<Formula>, u16),
    Url(u32, u16, Box<Url>, u16),
    Merge(u32, u16, u32, u16, String, u16),
    RowHeight(u32, f64),
    ColWidth(u16, f64),
    Validation(u32, u16, u32, u16, Box<DataValidation>),
    Conditional(u32, u16, u32, u16, Box<ConditionalFormatFormula>),
    Freeze(u32, u16),
    RepeatRows(u32, u32),
    Landscape,
    Paper(u8),
    FitToPages(u16, u16),
    Margins([f64; 6]),
    Header(String),
    Footer(String),
    Gridlines(bool),
    Protect,
    Hidden,
    VeryHidden,
    Active,
}

/// One workbook call.
enum WbOp {
    Sheet(Vec<Op>),
    DefineName(String, String),
}

/// Everything one workbook is, as rust_xlsxwriter calls.
struct Plan {
    properties: DocProperties,
    ops: Vec<WbOp>,
}

/// The formats of all plans, each built once.
#[derive(Default)]
struct Formats {
    table: Vec<Format>,
    index: HashMap<Format, u16>,
}

impl Formats {
    fn id(&mut self, f: Format) -> u16 {
        if let Some(i) = self.index.get(&f) {
            return *i;
        }
        let i = u16::try_from(self.table.len()).expect("few formats");
        self.table.push(f.clone());
        self.index.insert(f, i);
        i
    }
}

/// Issues the plan's calls and saves the workbook: the baseline.
fn replay(plan: Plan, formats: &[Format], password: &str) -> Vec<u8> {
    let mut wb = replay_calls(plan, formats, password);
    wb.save_to_buffer().expect("save")
}

/// The same calls without saving: what the calls themselves cost.
fn replay_calls(plan: Plan, formats: &[Format], password: &str) -> Workbook {
    let mut wb = Workbook::new();
    wb.set_properties(&plan.properties);
    for op in plan.ops {
        match op {
            WbOp::Sheet(ops) => {
                let ws = wb.add_worksheet();
                for op in ops {
                    apply(ws, op, formats, password);
                }
            }
            WbOp::DefineName(name, range) => {
                wb.define_name(name, &range).expect("name");
            }
        }
    }
    wb
}

fn apply(ws: &mut Worksheet, op: Op, f: &[Format], password: &str) {
    let fmt = |i: u16| &f[usize::from(i)];
    let done = match op {
        Op::Name(n) => ws.set_name(n).err(),
        Op::Str(r, c, s, None) => ws.write_string(r, c, s).err(),
        Op::Str(r, c, s, Some(i)) => ws.write_string_with_format(r, c, s, fmt(i)).err(),
        Op::Num(r, c, n, i) => ws.write_number_with_format(r, c, n, fmt(i)).err(),
        Op::Blank(r, c, i) => ws.write_blank(r, c, fmt(i)).err(),
        Op::Formula(r, c, x, i) => ws.write_formula_with_format(r, c, *x, fmt(i)).err(),
        Op::Url(r, c, u, i) => ws.write_url_with_format(r, c, *u, fmt(i)).err(),
        Op::Merge(r0, c0, r1, c1, s, i) => ws.merge_range(r0, c0, r1, c1, &s, fmt(i)).err(),
        Op::RowHeight(r, h) => ws.set_row_height(r, h).err(),
        Op::ColWidth(c, w) => ws.set_column_width(c, w).err(),
        Op::Validation(r0, c0, r1, c1, dv) => ws.add_data_validation(r0, c0, r1, c1, &dv).err(),
        Op::Conditional(r0, c0, r1, c1, cf) => {
            ws.add_conditional_format(r0, c0, r1, c1, &*cf).err()
        }
        Op::Freeze(r, c) => ws.set_freeze_panes(r, c).err(),
        // write_form ignores this result too.
        Op::RepeatRows(a, b) => ws.set_repeat_rows(a, b).err().and(None),
        Op::Landscape => {
            ws.set_landscape();
            None
        }
        Op::Paper(p) => {
            ws.set_paper_size(p);
            None
        }
        Op::FitToPages(w, h) => {
            ws.set_print_fit_to_pages(w, h);
            None
        }
        Op::Margins(m) => {
            ws.set_margins(m[0], m[1], m[2], m[3], m[4], m[5]);
            None
        }
        Op::Header(h) => {
            ws.set_header(h);
            None
        }
        Op::Footer(h) => {
            ws.set_footer(h);
            None
        }
        Op::Gridlines(on) => {
            ws.set_screen_gridlines(on);
            None
        }
        Op::Protect => {
            ws.protect_with_password(password);
            None
        }
        Op::Hidden => {
            ws.set_hidden(true);
            None
        }
        Op::VeryHidden => {
            ws.set_very_hidden(true);
            None
        }
        Op::Active => {
            ws.set_active(true);
            None
        }
    };
    if let Some(e) = done {
        panic!("a call recorded from a working workbook failed: {e}");
    }
}

/// The plan of a workbook: `src/generate/workbook.rs` call by call, with a recorder in place of
/// the worksheet. Everything styr decides and formats happens here, before timing; the bench
/// checks that replaying the plan gives styr's bytes.
mod planner {
    use std::collections::BTreeMap;
    use styr::xlsx_write::style;

    use rust_xlsxwriter::{
        ConditionalFormatFormula, DataValidation, DataValidationErrorStyle, DataValidationRule,
        DocProperties, ExcelDateTime, Format, Formula, Url,
    };
    use styr::domain::{CellRef, Date, FieldType, SheetCell, Value, format_number};
    use styr::form::layout::{
        BODY_ROW, HELP_ROW, HINT_COL, INFO_ROW, LABEL_COL, SectionLayout, Slot, TITLE_ROW,
        VALUE_COL,
    };
    use styr::form::{Bounds, ComputeOp, FieldDef, FormDef, RequiredWhen};
    use styr::generate::{Instance, Row, Shown};
    use styr::workspace::catalogue::Verdict;
    use styr::xlsx_write::{
        IDENTITY_KEYS, LIMITS_PREFIX, LISTS_SHEET, META_SHEET, PROPERTY_PREFIX,
    };

    use super::{Formats, Op, Plan, WbOp};

    const INSTRUCTIONS_SHEET: &str = "Instruktioner";
    const NO_VALUE: &str = "–";

    /// Records worksheet calls; formats go to the shared table.
    struct Rec<'f> {
        ops: Vec<Op>,
        formats: &'f mut Formats,
    }

    impl Rec<'_> {
        fn op(&mut self, op: Op) {
            self.ops.push(op);
        }
        fn f(&mut self, f: &Format) -> u16 {
            self.formats.id(f.clone())
        }
        fn set_name(&mut self, s: &str) {
            self.op(Op::Name(s.to_string()));
        }
        fn write_string(&mut self, r: u32, c: u16, s: impl Into<String>) {
            self.op(Op::Str(r, c, s.into(), None));
        }
        fn write_string_with_format(&mut self, r: u32, c: u16, s: impl Into<String>, f: &Format) {
            let i = self.f(f);
            self.op(Op::Str(r, c, s.into(), Some(i)));
        }
        fn write_number_with_format(&mut self, r: u32, c: u16, n: f64, f: &Format) {
            let i = self.f(f);
            self.op(Op::Num(r, c, n, i));
        }
        fn write_blank(&mut self, r: u32, c: u16, f: &Format) {
            let i = self.f(f);
            self.op(Op::Blank(r, c, i));
        }
        fn write_formula_with_format(&mut self, r: u32, c: u16, x: Formula, f: &Format) {
            let i = self.f(f);
            self.op(Op::Formula(r, c, Box::new(x), i));
        }
        fn write_url_with_format(&mut self, r: u32, c: u16, u: Url, f: &Format) {
            let i = self.f(f);
            self.op(Op::Url(r, c, Box::new(u), i));
        }
        fn merge_range(&mut self, r0: u32, c0: u16, r1: u32, c1: u16, s: &str, f: &Format) {
            let i = self.f(f);
            self.op(Op::Merge(r0, c0, r1, c1, s.to_string(), i));
        }
        fn set_row_height(&mut self, r: u32, h: f64) {
            self.op(Op::RowHeight(r, h));
        }
        fn set_column_width(&mut self, c: u16, w: f64) {
            self.op(Op::ColWidth(c, w));
        }
        fn add_data_validation(&mut self, r: u32, c: u16, dv: DataValidation) {
            self.op(Op::Validation(r, c, r, c, Box::new(dv)));
        }
        fn add_data_validation_rows(&mut self, r0: u32, r1: u32, c: u16, dv: DataValidation) {
            self.op(Op::Validation(r0, c, r1, c, Box::new(dv)));
        }
        fn add_conditional_format(&mut self, r: u32, c: u16, cf: ConditionalFormatFormula) {
            self.op(Op::Conditional(r, c, r, c, Box::new(cf)));
        }
        fn print_a4_landscape(&mut self) {
            self.op(Op::Landscape);
            self.op(Op::Paper(9));
            self.op(Op::FitToPages(1, 0));
        }
    }

    /// The plan of `inst`'s workbook (`write_form`).
    pub(super) fn plan(inst: &Instance<'_>, contact: &str, formats: &mut Formats) -> Plan {
        assert!(
            inst.marks.is_empty() && inst.general.is_empty(),
            "no correction workbooks here"
        );
        let layout = inst.layout();
        let identity = identity(inst);
        let properties = properties(inst, &identity);
        let lists = list_ranges(inst.def);
        let mut ops = Vec::new();
        let sheet = |formats: &mut Formats, f: &mut dyn FnMut(&mut Rec<'_>)| {
            let mut rec = Rec {
                ops: Vec::new(),
                formats,
            };
            f(&mut rec);
            WbOp::Sheet(rec.ops)
        };
        ops.push(sheet(formats, &mut |ws| {
            instructions(ws, inst, &layout.sections, contact);
        }));
        for sec in &layout.sections {
            ops.push(sheet(formats, &mut |ws| {
                ws.set_name(sec.sheet());
                if sec.is_table() {
                    table(ws, inst, sec, &lists);
                } else {
                    once(ws, inst, sec, &lists);
                }
                page_setup(ws, inst, sec.def.title.as_str(), sec.is_table());
                ws.op(Op::Protect);
            }));
        }
        for sec in &layout.sections {
            for f in &sec.def.fields {
                if let Some((a, b)) = sec.range_of(&f.id) {
                    let range = format!(
                        "={}!${}${}:${}${}",
                        SheetCell::quoted_sheet(sec.sheet()),
                        CellRef::col_name(a.col),
                        a.row + 1,
                        CellRef::col_name(b.col),
                        b.row + 1
                    );
                    ops.push(WbOp::DefineName(sec.name_of(&f.id), range));
                }
            }
        }
        ops.push(sheet(formats, &mut |ws| write_lists(ws, inst.def)));
        ops.push(sheet(formats, &mut |ws| write_meta(ws, inst, &identity)));
        Plan { properties, ops }
    }

    fn identity(inst: &Instance<'_>) -> Vec<(String, String)> {
        let mut out = vec![
            ("kind".to_string(), inst.def.kind.key().to_string()),
            ("version".to_string(), inst.def.version.to_string()),
            ("recipient".to_string(), inst.recipient.id().to_string()),
            ("period".to_string(), inst.period.to_string()),
            ("instance".to_string(), inst.instance_id()),
            ("fingerprint".to_string(), inst.def.fingerprint()),
        ];
        for (section, keys) in inst.keys() {
            out.push((format!("rows.{section}"), keys.join(",")));
        }
        out
    }

    fn excel_date(d: Date) -> ExcelDateTime {
        ExcelDateTime::from_ymd(d.year(), d.month(), d.day())
            .and_then(|t| t.and_hms(8, 0, 0))
            .expect("a date")
    }

    fn properties(inst: &Instance<'_>, identity: &[(String, String)]) -> DocProperties {
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
            .set_creation_datetime(&excel_date(inst.created));
        for (k, v) in identity
            .iter()
            .filter(|(k, _)| IDENTITY_KEYS.contains(&k.as_str()))
        {
            p = p.set_custom_property(format!("{PROPERTY_PREFIX}{k}"), v.as_str());
        }
        p
    }

    fn info_line(inst: &Instance<'_>) -> String {
        let mut parts = vec![inst.recipient.name().to_string()];
        if inst.forvaltning != inst.recipient.name() {
            parts.push(inst.forvaltning.clone());
        }
        parts.push(inst.period.swedish());
        if let Some(d) = inst.deadline {
            parts.push(format!("lämnas senast {}", d.deadline));
        }
        parts.join(" · ")
    }

    fn hf(s: &str) -> String {
        s.replace('&', "&&")
    }

    fn page_setup(ws: &mut Rec<'_>, inst: &Instance<'_>, title: &str, table: bool) {
        ws.print_a4_landscape();
        ws.op(Op::Margins([0.5, 0.5, 0.6, 0.6, 0.3, 0.3]));
        ws.op(Op::Header(format!(
            "&L{}&C&\"-,Bold\"{}&R{}",
            hf(&inst.kommun),
            hf(&format!("{} – {}", title, inst.recipient.name())),
            hf(&inst.period.to_string())
        )));
        ws.op(Op::Footer(format!(
            "&L{}&RSida &P av &N",
            hf(&inst.def.title)
        )));
        if table {
            ws.op(Op::RepeatRows(BODY_ROW, BODY_ROW));
        }
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

    fn list_ranges(def: &FormDef) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (i, (name, values)) in all_lists(def).iter().enumerate() {
            let col = CellRef::col_name(u16::try_from(i).unwrap_or(0));
            out.insert(
                name.clone(),
                format!("={}!${col}$2:${col}${}", LISTS_SHEET, values.len() + 1),
            );
        }
        out
    }

    fn list_key(f: &FieldDef) -> Option<String> {
        match f.kind {
            FieldType::YesNo => Some("ja_nej".into()),
            FieldType::Choice => f.list.clone(),
            _ => None,
        }
    }

    fn write_lists(ws: &mut Rec<'_>, def: &FormDef) {
        ws.set_name(LISTS_SHEET);
        for (i, (name, values)) in all_lists(def).iter().enumerate() {
            let col = u16::try_from(i).unwrap_or(0);
            ws.write_string(0, col, name);
            for (r, v) in values.iter().enumerate() {
                ws.write_string(u32::try_from(r + 1).unwrap_or(0), col, v);
            }
        }
        ws.op(Op::Hidden);
        ws.op(Op::Protect);
    }

    fn write_meta(ws: &mut Rec<'_>, inst: &Instance<'_>, identity: &[(String, String)]) {
        ws.set_name(META_SHEET);
        ws.write_string(0, 0, "nyckel");
        ws.write_string(0, 1, "värde");
        let extra = [
            ("kommun".to_string(), inst.kommun.clone()),
            ("created".to_string(), inst.created.to_string()),
            (
                "generator".to_string(),
                format!("styr {}", env!("CARGO_PKG_VERSION")),
            ),
        ];
        let limits = inst.rows.iter().flat_map(|(section, rows)| {
            rows.iter().filter_map(move |r| {
                r.target
                    .map(|l| (format!("{LIMITS_PREFIX}{section}.{}", r.key), l.record()))
            })
        });
        let extra: Vec<(String, String)> = extra.into_iter().chain(limits).collect();
        for (r, (k, v)) in (1..).zip(identity.iter().chain(extra.iter())) {
            ws.write_string(r, 0, k);
            ws.write_string(r, 1, v);
        }
        ws.op(Op::VeryHidden);
        ws.op(Op::Protect);
    }

    fn validation(
        inst: &Instance<'_>,
        f: &FieldDef,
        row: Option<&Row>,
        lists: &BTreeMap<String, String>,
    ) -> Option<DataValidation> {
        let (min, max) = match (f.bounds, row) {
            (Bounds::Indicator, Some(r)) => r.bounds,
            _ => (f.min, f.max),
        };
        let lo = min.unwrap_or(-1e15);
        let hi = max.unwrap_or(1e15);
        let range_text = |suffix: &str| match (min, max) {
            (Some(a), Some(b)) => format!(
                "Skriv ett tal mellan {} och {}{suffix}.",
                format_number(a, None),
                format_number(b, None)
            ),
            (Some(a), None) => format!(
                "Skriv ett tal som är minst {}{suffix}.",
                format_number(a, None)
            ),
            (None, Some(b)) => format!(
                "Skriv ett tal som är högst {}{suffix}.",
                format_number(b, None)
            ),
            (None, None) => format!("Skriv ett tal{suffix}."),
        };
        let (dv, error) = match f.kind {
            FieldType::Number | FieldType::Amount => (
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(lo, hi)),
                range_text(""),
            ),
            FieldType::Percent => (
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(
                    min.unwrap_or(0.0),
                    max.unwrap_or(100.0),
                )),
                range_text(" (procent, utan %-tecken)"),
            ),
            FieldType::Date => (
                DataValidation::new().allow_date(DataValidationRule::Between(
                    ExcelDateTime::from_ymd(2000, 1, 1).expect("date"),
                    ExcelDateTime::from_ymd(2100, 12, 31).expect("date"),
                )),
                "Skriv ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-05-08.".to_string(),
            ),
            FieldType::Choice | FieldType::YesNo => {
                let range = list_key(f).and_then(|k| lists.get(&k).cloned())?;
                let choices = inst.def.choices(f).join(", ");
                (
                    DataValidation::new().allow_list_formula(Formula::new(range)),
                    truncate(&format!("Välj ett av värdena i listan: {choices}."), 255),
                )
            }
            FieldType::Text | FieldType::LongText => match f.max_len {
                Some(n) => (
                    DataValidation::new()
                        .allow_text_length(DataValidationRule::LessThanOrEqualTo(n)),
                    format!("Texten får vara högst {n} tecken lång."),
                ),
                None => (DataValidation::new().allow_any_value(), String::new()),
            },
        };
        let mut dv = dv
            .set_input_title(truncate(&f.label, 32))
            .expect("title")
            .set_error_style(DataValidationErrorStyle::Stop);
        let mut msg = f.help.clone();
        if f.required {
            msg = format!("{msg} Obligatorisk.").trim().to_string();
        }
        if !msg.is_empty() {
            dv = dv.set_input_message(truncate(&msg, 255)).expect("message");
        }
        if !error.is_empty() {
            dv = dv
                .set_error_title(truncate(&format!("Ogiltigt värde: {}", f.label), 32))
                .and_then(|dv| dv.set_error_message(truncate(&error, 255)))
                .expect("error");
        }
        Some(dv)
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

    fn input_format(f: &FieldDef, row: Option<&Row>) -> Format {
        match f.kind {
            FieldType::Number => style::input_number(row.and_then(|r| r.decimals).unwrap_or(1)),
            FieldType::Percent => style::input_number(1),
            FieldType::Amount => style::input_number(0),
            FieldType::Date => style::input_date(),
            _ => style::input_text(),
        }
    }

    fn write_value(ws: &mut Rec<'_>, row: u32, col: u16, v: &Value, fmt: &Format) {
        match v {
            Value::Number(n) => ws.write_number_with_format(row, col, *n, fmt),
            Value::Text(t) => ws.write_string_with_format(row, col, t, fmt),
            Value::Date(d) => ws.write_number_with_format(row, col, d.to_excel_serial(), fmt),
        }
    }

    fn write_shown(ws: &mut Rec<'_>, row: u32, col: u16, v: Option<&Shown>) {
        match v {
            Some(Shown::Number { value, decimals }) => {
                ws.write_number_with_format(row, col, *value, &style::context_number(*decimals))
            }
            Some(Shown::Text(t)) => {
                ws.write_string_with_format(row, col, t, &style::context_text())
            }
            None => ws.write_blank(row, col, &style::context_text()),
        }
    }

    fn heading(ws: &mut Rec<'_>, inst: &Instance<'_>, sec: &SectionLayout<'_>, last_col: u16) {
        ws.write_string_with_format(TITLE_ROW, 0, &sec.def.title, &style::title());
        ws.write_string_with_format(INFO_ROW, 0, info_line(inst), &style::info());
        let help = styr::generate::workbook::section_help(inst, sec);
        if !help.is_empty() {
            ws.merge_range(HELP_ROW, 0, HELP_ROW, last_col.max(1), help, &style::help());
            let width: f64 = (0..=last_col.max(1)).map(|c| column_width(sec, c)).sum();
            ws.set_row_height(HELP_ROW, style::LINE_HEIGHT * lines(help, width) + 3.0);
        }
    }

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
            let shown = match inst.row(&sec.def.id, key) {
                Some(r) => r.shown.get(id).cloned(),
                None => inst
                    .once
                    .get(&(sec.def.id.clone(), id.to_string()))
                    .cloned(),
            };
            match shown {
                Some(Shown::Number { value, .. }) => Some(value),
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

    fn write_computed(ws: &mut Rec<'_>, row: u32, col: u16, f: Option<(String, Option<f64>)>) {
        let Some((formula, result)) = f else {
            return;
        };
        let result = result.map_or_else(|| NO_VALUE.to_string(), |r| r.to_string());
        ws.write_formula_with_format(
            row,
            col,
            Formula::new(formula).set_result(result),
            &style::computed(0),
        );
    }

    fn lines(text: &str, width: f64) -> f64 {
        style::lines(text, width)
    }

    /// The hint beside a field of a vertical form (`hint_of`).
    fn hint_of(f: &FieldDef) -> String {
        if f.required {
            format!("Obligatorisk. {}", f.help).trim().to_string()
        } else {
            f.help.clone()
        }
    }

    fn once(
        ws: &mut Rec<'_>,
        inst: &Instance<'_>,
        sec: &SectionLayout<'_>,
        lists: &BTreeMap<String, String>,
    ) {
        for c in [LABEL_COL, VALUE_COL, HINT_COL] {
            ws.set_column_width(c, column_width(sec, c));
        }
        heading(ws, inst, sec, HINT_COL);
        for (i, slot) in sec.slots.iter().enumerate() {
            let row = BODY_ROW + u32::try_from(i).unwrap_or(0);
            ws.write_string_with_format(row, LABEL_COL, slot.label(), &style::label());
            let mut need = style::lines_bold(slot.label(), column_width(sec, LABEL_COL));
            let prefilled = || {
                inst.prefill
                    .get(&(sec.def.id.clone(), String::new(), slot.id().to_string()))
            };
            if let Slot::Field(f) = slot {
                need = need.max(lines(&hint_of(f), column_width(sec, HINT_COL)) + 0.2);
                let value = match prefilled() {
                    Some(Value::Text(t)) => lines(t, column_width(sec, VALUE_COL)),
                    _ => 1.0,
                };
                let min = if f.kind == FieldType::LongText {
                    4.0
                } else {
                    1.0
                };
                need = need.max(value).max(min);
            }
            if need > 1.0 {
                ws.set_row_height(row, (style::LINE_HEIGHT * need).min(409.0));
            }
            match slot {
                Slot::Column(c) => write_shown(
                    ws,
                    row,
                    VALUE_COL,
                    inst.once.get(&(sec.def.id.clone(), c.id.clone())),
                ),
                Slot::Field(f) => {
                    let fmt = input_format(f, None);
                    match prefilled() {
                        Some(v) => write_value(ws, row, VALUE_COL, v, &fmt),
                        None => ws.write_blank(row, VALUE_COL, &fmt),
                    }
                    if let Some(dv) = validation(inst, f, None, lists) {
                        ws.add_data_validation(row, VALUE_COL, dv);
                    }
                    ws.write_string_with_format(row, HINT_COL, hint_of(f), &style::help());
                }
                Slot::Computed(c) => write_computed(
                    ws,
                    row,
                    VALUE_COL,
                    computed_formula(sec, inst, "", c.op, &c.of),
                ),
            }
        }
    }

    fn table(
        ws: &mut Rec<'_>,
        inst: &Instance<'_>,
        sec: &SectionLayout<'_>,
        lists: &BTreeMap<String, String>,
    ) {
        let last_col = sec.width().saturating_sub(1);
        for c in 0..=last_col {
            ws.set_column_width(c, column_width(sec, c));
        }
        heading(ws, inst, sec, last_col);
        let mut header_lines: f64 = 1.0;
        for (c, slot) in sec.slots.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(0);
            ws.write_string_with_format(sec.header_row(), col, slot.label(), &style::header());
            header_lines =
                header_lines.max(style::lines_bold(slot.label(), column_width(sec, col)));
        }
        ws.set_row_height(sec.header_row(), style::LINE_HEIGHT * header_lines + 2.0);
        let rows = inst.rows.get(&sec.def.id).map_or(&[][..], Vec::as_slice);
        let outcome_col = sec
            .def
            .fields
            .iter()
            .find(|f| f.bounds == Bounds::Indicator)
            .and_then(|f| sec.column(&f.id));
        // Runs of rows in a column sharing a validation (same field, same bounds).
        type Run = (u32, u32, (Option<f64>, Option<f64>), DataValidation);
        let mut runs: Vec<Option<Run>> = vec![None; sec.slots.len()];
        for (i, r) in rows.iter().enumerate() {
            let row = sec.item_row(i);
            let mut need: f64 = 1.0;
            for (c, slot) in sec.slots.iter().enumerate() {
                let col = u16::try_from(c).unwrap_or(0);
                let prefilled = || {
                    inst.prefill
                        .get(&(sec.def.id.clone(), r.key.clone(), slot.id().to_string()))
                };
                let text = match slot {
                    Slot::Column(k) => match r.shown.get(&k.id) {
                        Some(Shown::Text(t)) => Some(t.as_str()),
                        _ => None,
                    },
                    Slot::Field(_) => match prefilled() {
                        Some(Value::Text(t)) => Some(t.as_str()),
                        _ => None,
                    },
                    Slot::Computed(_) => None,
                };
                if let Some(t) = text {
                    need = need.max(lines(t, column_width(sec, col)));
                }
                match slot {
                    Slot::Column(k) => write_shown(ws, row, col, r.shown.get(&k.id)),
                    Slot::Field(f) => {
                        let fmt = input_format(f, Some(r));
                        match prefilled() {
                            Some(v) => write_value(ws, row, col, v, &fmt),
                            None => ws.write_blank(row, col, &fmt),
                        }
                        let bounds = match f.bounds {
                            Bounds::Indicator => r.bounds,
                            _ => (f.min, f.max),
                        };
                        match &mut runs[c] {
                            Some((_, last, b, _)) if *b == bounds && *last + 1 == row => {
                                *last = row;
                            }
                            run => {
                                if let Some((r0, r1, _, dv)) = run.take() {
                                    ws.add_data_validation_rows(r0, r1, col, dv);
                                }
                                if let Some(dv) = validation(inst, f, Some(r), lists) {
                                    *run = Some((row, row, bounds, dv));
                                }
                            }
                        }
                    }
                    Slot::Computed(k) => write_computed(
                        ws,
                        row,
                        col,
                        computed_formula(sec, inst, &r.key, k.op, &k.of),
                    ),
                }
            }
            if need > 1.0 {
                ws.set_row_height(row, (style::LINE_HEIGHT * need).min(409.0));
            }
            if let (Some(judge), Some(oc)) = (r.target, outcome_col) {
                let cell = format!("${}{}", CellRef::col_name(oc), row + 1);
                for (verdict, color) in [
                    (Verdict::Reached, style::GREEN),
                    (Verdict::Near, style::YELLOW),
                    (Verdict::Missed, style::RED),
                ] {
                    let cf = ConditionalFormatFormula::new()
                        .set_rule(format!("={}", judge.excel_condition(&cell, verdict)).as_str())
                        .set_format(style::fill(color));
                    ws.add_conditional_format(row, oc, cf);
                }
                for f in sec
                    .def
                    .fields
                    .iter()
                    .filter(|f| f.required_when == Some(RequiredWhen::TargetMissed))
                {
                    if let Some(ac) = sec.column(&f.id) {
                        let action = format!("${}{}", CellRef::col_name(ac), row + 1);
                        let rule = format!(
                            "=AND(NOT({}),ISNUMBER({cell}),LEN({action})=0)",
                            judge.excel_condition(&cell, Verdict::Reached)
                        );
                        let cf = ConditionalFormatFormula::new()
                            .set_rule(rule.as_str())
                            .set_format(style::fill(style::ORANGE));
                        ws.add_conditional_format(row, ac, cf);
                    }
                }
            }
        }
        for (c, run) in runs.into_iter().enumerate() {
            if let Some((r0, r1, _, dv)) = run {
                ws.add_data_validation_rows(r0, r1, u16::try_from(c).unwrap_or(0), dv);
            }
        }
        let first_input = sec
            .slots
            .iter()
            .position(|s| matches!(s, Slot::Field(_)))
            .unwrap_or(0);
        ws.op(Op::Freeze(
            sec.header_row() + 1,
            u16::try_from(first_input.min(3)).unwrap_or(0),
        ));
    }

    fn instructions(
        ws: &mut Rec<'_>,
        inst: &Instance<'_>,
        sections: &[SectionLayout<'_>],
        contact: &str,
    ) {
        ws.set_name(INSTRUCTIONS_SHEET);
        ws.set_column_width(0, 26.0);
        ws.set_column_width(1, 95.0);
        ws.op(Op::Gridlines(false));
        let title = format!("{} – {}", inst.def.title, inst.period.swedish());
        ws.write_string_with_format(0, 0, &title, &style::title().set_font_size(16));
        ws.write_string_with_format(1, 0, inst.recipient.name(), &style::subtitle());
        let mut r = 3;
        let mut facts: Vec<(&str, String)> = vec![
            ("Kommun", inst.kommun.clone()),
            ("Förvaltning", inst.forvaltning.clone()),
        ];
        if inst.forvaltning != inst.recipient.name() {
            facts.push(("Enhet", inst.recipient.name().to_string()));
        }
        facts.push(("Ansvarig", inst.recipient.chef().to_string()));
        facts.push(("Period", inst.period.swedish()));
        if let Some(d) = inst.deadline {
            facts.push(("Skickad", d.sent.to_string()));
            facts.push(("Lämnas senast", d.deadline.to_string()));
            if let Some(f) = &d.forum {
                facts.push(("Redovisas i", f.clone()));
            }
        }
        if !contact.is_empty() {
            facts.push(("Skicka filen till", contact.to_string()));
        }
        for (k, v) in facts {
            ws.write_string_with_format(r, 0, k, &style::label());
            ws.write_string_with_format(r, 1, &v, &style::context_text());
            r += 1;
        }
        r += 1;
        if !inst.def.purpose.is_empty() {
            ws.write_string_with_format(
                r,
                0,
                "Syfte",
                &style::subtitle().set_align(rust_xlsxwriter::FormatAlign::Top),
            );
            ws.write_string_with_format(r, 1, &inst.def.purpose, &style::help());
            let need = lines(&inst.def.purpose, 95.0);
            if need > 1.0 {
                ws.set_row_height(r, style::height(need));
            }
            r += 2;
        }
        ws.write_string_with_format(r, 0, "Så här fyller du i", &style::subtitle());
        r += 1;
        for (i, text) in inst.def.instructions.iter().enumerate() {
            ws.write_string_with_format(
                r,
                0,
                format!("{}.", i + 1),
                &Format::new()
                    .set_align(rust_xlsxwriter::FormatAlign::Right)
                    .set_align(rust_xlsxwriter::FormatAlign::Top),
            );
            ws.write_string_with_format(
                r,
                1,
                text,
                &Format::new()
                    .set_text_wrap()
                    .set_align(rust_xlsxwriter::FormatAlign::Top),
            );
            let need = lines(text, 95.0);
            if need > 1.0 {
                ws.set_row_height(r, style::height(need));
            }
            r += 1;
        }
        r += 1;
        // Each heading with its list: a short page on one sheet of paper (the benchmark's
        // forms are never corrections, whose long pages break before the colours).
        let end = r + 11 + u32::try_from(sections.len()).unwrap_or(0);
        assert!(end <= 42, "a page break the planner does not replay");
        ws.op(Op::FitToPages(1, 1));
        ws.write_string_with_format(r, 0, "Färger", &style::subtitle());
        r += 1;
        let legend = [
            (
                style::INPUT_FILL,
                "Fyll i",
                "Gul cell: här fyller du i. Bara gula celler går att ändra.",
            ),
            (
                style::CONTEXT_FILL,
                "Förifyllt",
                "Grå cell: förifylld av styr (målvärden, tidigare utfall, budget). Låst.",
            ),
            (
                style::GREEN,
                "Uppfyllt",
                "Utfallet når målvärdet (färgen visas när du skrivit utfallet).",
            ),
            (
                style::YELLOW,
                "Delvis",
                "Utfallet når inte målvärdet men ligger inom toleransen.",
            ),
            (
                style::RED,
                "Ej uppfyllt",
                "Utfallet ligger utanför toleransen.",
            ),
            (
                style::ORANGE,
                "Åtgärd krävs",
                "Målvärdet nås inte: beskriv åtgärden i den orange cellen.",
            ),
        ];
        for (color, name, text) in legend {
            ws.write_string_with_format(
                r,
                0,
                name,
                &style::fill(color).set_border(rust_xlsxwriter::FormatBorder::Thin),
            );
            ws.write_string(r, 1, text);
            r += 1;
        }
        r += 1;
        ws.write_string_with_format(r, 0, "Flikar", &style::subtitle());
        r += 1;
        for sec in sections {
            let url = Url::new(format!(
                "internal:{}!A1",
                SheetCell::quoted_sheet(sec.sheet())
            ))
            .set_text(sec.sheet());
            ws.write_url_with_format(r, 0, url, &style::link());
            ws.write_string(r, 1, &sec.def.title);
            r += 1;
        }
        ws.op(Op::Landscape);
        ws.op(Op::Paper(9));
        ws.op(Op::Footer(format!(
            "&L{}&RSida &P av &N",
            hf(&inst.def.title)
        )));
        ws.op(Op::Protect);
        ws.op(Op::Active);
    }
}

// ---------------------------------------------------------------------------------------------
// Measuring.
// ---------------------------------------------------------------------------------------------

struct Measured {
    styr: Best,
    styr_files: Option<Best>,
    baseline: Best,
    workbooks: usize,
    bytes: usize,
    /// Building the instances only (`Prepared::new` and `Prepared::build`).
    build: Best,
    /// The baseline's calls only, without `save_to_buffer`.
    calls: Best,
    /// `generate::build` on its own for each workbook (one run).
    alone: Best,
}

fn measure_kind(ws: &Workspace, case: &Case, runs: usize, with_files: bool) -> Measured {
    let recips = recipients(ws, case);
    let n = recips.len();
    let password = ws.config.sending.password.clone();
    let contact = ws.config.sending.contact.clone();

    // The plans (not timed), and the check that they make styr's workbooks byte for byte.
    let mut formats = Formats::default();
    let plan_all = |formats: &mut Formats| -> Vec<Plan> {
        recips
            .iter()
            .map(|r| planner::plan(&build(ws, case, *r), &contact, formats))
            .collect()
    };
    let plans = plan_all(&mut formats);
    let mut digest = sha2_digest();
    let mut bytes = 0;
    let prepared = Prepared::new(ws, def(ws, case));
    for (r, plan) in recips.iter().zip(plans) {
        // The plan comes from `generate::build`, styr's workbook from `Prepared::build`: this
        // also checks that the two agree.
        let ours = styr_bytes(ws, &build_prepared(&prepared, case, *r));
        let bare = replay(plan, &formats.table, &password);
        if ours != bare {
            // Both workbooks beside each other, to compare their parts.
            let dir = std::env::temp_dir();
            let _ = std::fs::write(dir.join("styr-bench-ours.xlsx"), &ours);
            let _ = std::fs::write(dir.join("styr-bench-bare.xlsx"), &bare);
        }
        assert!(
            ours == bare,
            "{} for {}: the baseline's workbook differs from styr's: the planner \
             (mod planner) no longer mirrors src/generate/workbook.rs",
            case.kind.key(),
            r.id()
        );
        bytes += ours.len();
        digest.update(&ours);
    }
    println!(
        "  checked: the baseline writes styr's {n} workbooks byte for byte ({} formats); \
         SHA-256 of styr's workbooks: {}",
        formats.table.len(),
        digest.hex()
    );

    let mut styr = Best::new();
    let mut instances = Best::new();
    let mut baseline = Best::new();
    let mut calls = Best::new();
    let mut files = Best::new();
    for _ in 0..runs.max(1) {
        let (c, w, total) = timed(|| {
            let prepared = Prepared::new(ws, def(ws, case));
            recips
                .iter()
                .map(|r| styr_bytes(ws, &build_prepared(&prepared, case, *r)).len())
                .sum::<usize>()
        });
        assert_eq!(total, bytes);
        styr.add(c, w);

        let (c, w, rows) = timed(|| {
            let prepared = Prepared::new(ws, def(ws, case));
            recips
                .iter()
                .map(|r| build_prepared(&prepared, case, *r).rows.len())
                .sum::<usize>()
        });
        assert!(rows > 0);
        instances.add(c, w);

        let plans = plan_all(&mut formats);
        let (c, w, total) = timed(|| {
            plans
                .into_iter()
                .map(|p| replay(p, &formats.table, &password).len())
                .sum::<usize>()
        });
        assert_eq!(total, bytes);
        baseline.add(c, w);

        let plans = plan_all(&mut formats);
        let (c, w, sheets) = timed(|| {
            plans
                .into_iter()
                .map(|p| {
                    drop(replay_calls(p, &formats.table, &password));
                    1
                })
                .sum::<usize>()
        });
        assert_eq!(sheets, n);
        calls.add(c, w);

        if with_files {
            let dir = tempfile::tempdir().expect("temporary folder");
            let period = period(case);
            let (c, w, ()) = timed(|| {
                let prepared = Prepared::new(ws, def(ws, case));
                for r in &recips {
                    let bytes = styr_bytes(ws, &build_prepared(&prepared, case, *r));
                    let path = dir
                        .path()
                        .join(generate::file_name(case.kind, period, r.id()));
                    styr::fsx::write_atomic(&path, &bytes).expect("write the file");
                }
            });
            files.add(c, w);
        }
    }
    let mut alone = Best::new();
    if with_files {
        let (c, w, rows) = timed(|| {
            recips
                .iter()
                .map(|r| build(ws, case, *r).rows.len())
                .sum::<usize>()
        });
        assert!(rows > 0);
        alone.add(c, w);
    }
    Measured {
        styr,
        styr_files: with_files.then_some(files),
        baseline,
        workbooks: n,
        bytes,
        build: instances,
        calls,
        alone,
    }
}

/// A SHA-256 over many workbooks.
struct Digest(sha2::Sha256);

fn sha2_digest() -> Digest {
    use sha2::Digest as _;
    Digest(sha2::Sha256::new())
}

impl Digest {
    fn update(&mut self, bytes: &[u8]) {
        use sha2::Digest as _;
        self.0.update(bytes);
    }

    fn hex(self) -> String {
        use sha2::Digest as _;
        self.0
            .finalize()
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

fn report(m: &Measured) {
    let (sc, sw) = m.styr.per(m.workbooks);
    let (bc, bw) = m.baseline.per(m.workbooks);
    println!(
        "  {} workbooks, {:.1} KiB each",
        m.workbooks,
        m.bytes as f64 / 1024.0 / m.workbooks.max(1) as f64
    );
    println!("  {:<48} {:>10} {:>10}", "ms per workbook", "CPU", "wall");
    println!(
        "  {:<48} {sc:>10.3} {sw:>10.3}",
        "styr: build + write_form, in memory"
    );
    if let Some(f) = m.styr_files {
        let (fc, fw) = f.per(m.workbooks);
        println!(
            "  {:<48} {fc:>10.3} {fw:>10.3}",
            "styr: the same + fsx::write_atomic to a file"
        );
    }
    println!(
        "  {:<48} {bc:>10.3} {bw:>10.3}",
        "baseline: rust_xlsxwriter alone, same calls"
    );
    let ratio = sc / bc;
    println!(
        "  {:<48} {ratio:>10.3} {:>10.3}   (target: at most 1.2{})",
        "ratio styr / baseline",
        sw / bw,
        if ratio <= 1.2 { ", met" } else { ", NOT met" }
    );
    {
        let ms = |b: &Best| b.per(m.workbooks).0;
        let (build, calls) = (ms(&m.build), ms(&m.calls));
        println!("  where the time goes, CPU ms per workbook (each best of the runs):");
        println!("    styr  Prepared::new + Prepared::build (the Instance)  {build:>8.3}");
        println!(
            "    styr  write_form (the rest)                           {:>8.3}",
            sc - build
        );
        println!("    base  the rust_xlsxwriter calls                       {calls:>8.3}");
        println!(
            "    base  save_to_buffer (XML, zip) and drop              {:>8.3}",
            bc - calls
        );
        println!(
            "    styr's own work (styr - baseline)                     {:>8.3}  ({:.0}% of the baseline)",
            sc - bc,
            100.0 * (sc - bc) / bc
        );
        if m.alone.0.is_some() {
            println!(
                "    (generate::build alone, for a single workbook: it scans the history instead: {:.3})",
                ms(&m.alone)
            );
        }
    }
}

fn main() {
    let n = env_usize("STYR_BENCH_UNITS", 1000).max(1);
    let runs = env_usize("STYR_BENCH_RUNS", 5);
    let others = env_usize("STYR_BENCH_OTHERS", (n / 2).max(1));
    let t0 = Instant::now();
    let ws = workspace(n);
    println!(
        "styr generate benchmark: {} units ({} in sample-data, replicated), {} history rows, \
         {} målvärden, best of {runs} runs (loaded in {:.1} s)",
        ws.config.units.len(),
        45.min(n),
        ws.history.len(),
        ws.catalogue.targets.len(),
        t0.elapsed().as_secs_f64()
    );
    // STYR_BENCH_KINDS=malvarden,internkontroll measures only those kinds.
    let only = std::env::var("STYR_BENCH_KINDS").unwrap_or_default();
    let cases = [
        (
            FormKind::Uppfoljning,
            "2026-T1",
            n,
            " (the richest form), one per unit",
        ),
        (FormKind::Verksamhetsplan, "2027-plan", others, ""),
        (
            FormKind::Malvarden,
            "2027-plan",
            others,
            " (one per förvaltning, the 5 cycled)",
        ),
        (FormKind::Internkontroll, "2026-T2", others, ""),
    ];
    for (kind, period, count, note) in cases {
        if !only.is_empty() && !only.split(',').any(|k| k.trim() == kind.key()) {
            continue;
        }
        let case = Case {
            kind,
            period,
            count,
        };
        println!("\n{} {period}{note}", kind.key());
        let main = kind == FormKind::Uppfoljning;
        report(&measure_kind(&ws, &case, runs, main));
    }
}
