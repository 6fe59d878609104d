//! The terminal table and the CSV of `styr check`.

use std::fmt::Write as _;

use super::rules::{Colour, Status, suffix, sv_number};
use super::{CheckResult, IndicatorRow, Provenance, StatusCounts, Trend};
use crate::domain::{Area, Direction, Measure, Period};
use crate::model::{Limits, Quartile};
use crate::tx;
use crate::workspace::catalogue::{Level, TargetValue};

/// A light: `●`, coloured with ANSI codes when `colour` is on.
pub fn light(c: Colour, colour: bool) -> String {
    if !colour {
        return "●".into();
    }
    let code = match c {
        Colour::Green => "32",
        Colour::Yellow => "33",
        Colour::Red => "31",
        Colour::Grey => "90",
    };
    format!("\x1b[{code}m●\x1b[0m")
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

fn rpad(s: &str, w: usize) -> String {
    let mut out = String::new();
    for _ in width(s)..w {
        out.push(' ');
    }
    out.push_str(s);
    out
}

fn clip(s: &str, w: usize) -> String {
    if width(s) <= w {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

const NAME_W: usize = 38;
const COL_W: usize = 17;

fn counts_line(out: &mut String, label: &str, c: StatusCounts, colour: bool) {
    let mut line = pad(&clip(label, NAME_W), NAME_W);
    for s in Status::ALL {
        let n = rpad(&c.get(s).to_string(), 5);
        let _ = write!(
            line,
            "  {} {n}{}",
            light(s.colour(), colour),
            " ".repeat(COL_W - 7)
        );
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn counts_header(out: &mut String, title: &str) {
    let mut line = pad(title, NAME_W);
    for s in Status::ALL {
        let _ = write!(line, "  {}", pad(&s.shown(), COL_W));
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn by_area<'a>(rows: impl Iterator<Item = &'a IndicatorRow> + Clone) -> Vec<(Area, StatusCounts)> {
    Area::ALL
        .iter()
        .filter_map(|a| {
            let c = StatusCounts::of(rows.clone().filter(|r| r.area == *a).map(|r| &r.status));
            (c != StatusCounts::default()).then_some((*a, c))
        })
        .collect()
}

/// The unit after a number, in the language of the run: " %", " tkr", " dagar"/" days".
fn unit_suffix(m: Measure) -> String {
    match m {
        Measure::Days => format!(" {}", tx!("check-table-days")),
        Measure::Hours => format!(" {}", tx!("check-table-hours")),
        _ => suffix(m).to_string(),
    }
}

/// A value in the indicator's unit: "6,5 %". A rolled-up value gets one more decimal, so that
/// 8,31 does not show as the 8,3 it missed.
fn value_text(r: &IndicatorRow, v: Option<f64>) -> String {
    let decimals = match r.level {
        Level::Unit(_) => r.decimals,
        _ => r.decimals.saturating_add(1),
    };
    v.map_or_else(
        || "—".into(),
        |v| format!("{}{}", sv_number(v, decimals), unit_suffix(r.measure)),
    )
}

/// The rule of a row with its limits, in the language of the run: `≥ 95 %, gult från 90 %`
/// (the model's [`Limits::rule_text`], which the reports show, in Swedish) or `≥ 95 %, yellow
/// from 90 %`. A row without a målvärde shows the row's own rule.
fn rule_text(r: &IndicatorRow) -> String {
    let (Some(target), Some(tolerance)) = (r.target, r.tolerance) else {
        return r.rule.clone();
    };
    let l = Limits::new(r.direction, target, tolerance);
    let n = |v: f64| {
        format!(
            "{}{}",
            sv_number(v, r.decimals.saturating_add(2)),
            unit_suffix(r.measure)
        )
    };
    match r.direction {
        Direction::Higher if l.has_band() => tx!(
            "check-table-rule-higher",
            "green" => n(l.green.0),
            "yellow" => n(l.yellow.0)
        ),
        Direction::Higher => format!("≥ {}", n(l.green.0)),
        Direction::Lower if l.has_band() => tx!(
            "check-table-rule-lower",
            "green" => n(l.green.1),
            "yellow" => n(l.yellow.1)
        ),
        Direction::Lower => format!("≤ {}", n(l.green.1)),
        Direction::Interval => {
            let s = unit_suffix(r.measure);
            let m = |v: f64| sv_number(v, r.decimals.saturating_add(2));
            let green = format!("{}–{}{s}", m(l.green.0), m(l.green.1));
            if l.has_band() {
                tx!(
                    "check-table-rule-interval",
                    "green" => green,
                    "yellow" => format!("{}–{}{s}", m(l.yellow.0), m(l.yellow.1))
                )
            } else {
                green
            }
        }
    }
}

/// An area's name in the language of the run.
fn area_text(a: Area) -> String {
    match a {
        Area::Ekonomi => tx!("check-area-ekonomi"),
        Area::Personal => tx!("check-area-personal"),
        Area::Kompetens => tx!("check-area-kompetens"),
        Area::Verksamhet => tx!("check-area-verksamhet"),
        Area::Malgrupp => tx!("check-area-malgrupp"),
    }
}

/// The period described in the language of the run: "tertial 1 2026 (januari-april)".
fn period_text(p: Period) -> String {
    match p {
        Period::Month { year, month } => tx!(
            "check-table-period-month",
            "month" => u32::from(month),
            "year" => year.to_string()
        ),
        Period::Tertial { year, tertial } => tx!(
            "check-table-period-tertial",
            "tertial" => u32::from(tertial),
            "year" => year.to_string()
        ),
        Period::Year(y) => tx!("check-table-period-year", "year" => y.to_string()),
        Period::Plan(y) => tx!("check-table-period-plan", "year" => y.to_string()),
    }
}

/// Kolada's status of a value in the language of the run: final, preliminary, else as given.
fn kolada_status(status: &str) -> String {
    match status.trim() {
        "" => tx!("check-peer-final"),
        s if s.eq_ignore_ascii_case("preliminary") => tx!("check-peer-preliminary"),
        s => s.to_lowercase(),
    }
}

fn quartile_text(q: Quartile) -> String {
    match q {
        Quartile::Best => tx!("check-peer-best"),
        Quartile::Middle => tx!("check-peer-middle"),
        Quartile::Worst => tx!("check-peer-worst"),
    }
}

fn signed(v: f64, decimals: u8) -> String {
    let s = sv_number(v, decimals);
    if v > 0.0 && s != "0" {
        format!("+{s}")
    } else {
        s
    }
}

fn level_label(r: &IndicatorRow) -> String {
    match &r.level {
        Level::Kommun => tx!("check-table-kommunen"),
        Level::Forvaltning(f) => f.to_string(),
        Level::Unit(u) => u.to_string(),
    }
}

/// The terminal view: counts by förvaltning and area, the kommun's rolled-up rows, the economy,
/// the goals, then every red row. `colour` turns the ANSI colours of the lights on.
/// Why the grey rows are Ej bedömt, counted by reason for each level: every grey light says
/// why, in the table too.
fn grey_reasons(out: &mut String, r: &CheckResult) {
    let levels: [(String, &[IndicatorRow]); 3] = [
        (tx!("check-table-kommunen"), &r.indicators.kommun),
        (
            tx!("check-table-forvaltningarna"),
            &r.indicators.forvaltningar,
        ),
        (tx!("check-table-enheterna"), &r.indicators.units),
    ];
    let mut lines = Vec::new();
    for (label, rows) in levels {
        let mut counts: Vec<(super::Reason, usize)> = Vec::new();
        for reason in rows.iter().filter_map(|x| x.reason) {
            match counts.iter_mut().find(|(k, _)| *k == reason) {
                Some((_, n)) => *n += 1,
                None => counts.push((reason, 1)),
            }
        }
        if counts.is_empty() {
            continue;
        }
        counts.sort();
        let parts: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{} ({n})", k.shown()))
            .collect();
        lines.push(format!("  {label}: {}", parts.join(", ")));
    }
    if !lines.is_empty() {
        out.push('\n');
        out.push_str(&tx!("check-table-why-grey"));
        out.push('\n');
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
}

/// The peer lens, apart from the verdicts: the kommun's Kolada value, the peers' median, the
/// place and Kolada's quartile, the year and status; a row without a place says why.
fn peer_table(out: &mut String, r: &CheckResult) {
    if r.peers.is_empty() {
        return;
    }
    out.push('\n');
    let _ = writeln!(out, "{}", tx!("check-peer-title"));
    let _ = writeln!(
        out,
        "  {}{}{}{}  {}{}",
        pad(&tx!("check-table-indicator"), 26),
        rpad(&tx!("check-table-kommunen"), 10),
        rpad(&tx!("check-peer-median"), 10),
        rpad(&tx!("check-peer-place"), 10),
        pad(&tx!("check-peer-quartile"), 18),
        tx!("check-peer-year"),
    );
    for p in &r.peers {
        let n = |v: Option<f64>| v.map_or_else(|| "—".into(), |v| sv_number(v, p.decimals));
        let pos = p.position.as_ref();
        let _ = writeln!(
            out,
            "  {}{}{}{}  {}{}{}",
            pad(&clip(p.indicator.as_str(), 25), 26),
            rpad(&n(p.value), 10),
            rpad(&n(pos.map(|x| x.median)), 10),
            rpad(
                &pos.and_then(|x| x.rank.map(|r| (r, x.of))).map_or_else(
                    || "—".into(),
                    |(r, of)| tx!("check-peer-rank", "rank" => r, "of" => of)
                ),
                10
            ),
            pad(
                &pos.and_then(|x| x.quartile)
                    .map_or_else(|| "—".into(), quartile_text),
                18
            ),
            match (p.year, &p.status) {
                (Some(y), Some(s)) => format!("{y}, {}", kolada_status(s)),
                (Some(y), None) => y.to_string(),
                (None, _) => "–".into(),
            },
            p.why
                .as_ref()
                .map(|w| format!(" ({})", w.text(crate::i18n::current())))
                .unwrap_or_default()
        );
    }
}

pub fn table(r: &CheckResult, colour: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        tx!("check-table-title", "kommun" => &r.kommun, "period" => period_text(r.period))
    );
    let _ = writeln!(
        out,
        "{}",
        tx!(
            "check-table-trends",
            "previous" => r.previous.to_string(),
            "last_year" => r.last_year.to_string()
        )
    );
    if let Some(f) = &r.forvaltning {
        let _ = writeln!(out, "{}", tx!("check-table-only", "id" => f.to_string()));
    }
    out.push('\n');

    counts_header(&mut out, &tx!("check-table-units-heading"));
    let forvs: Vec<(String, String)> = r
        .forvaltning_names
        .iter()
        .filter(|(f, _)| {
            r.indicators
                .units
                .iter()
                .any(|u| u.forvaltning.as_ref() == Some(f))
        })
        .map(|(f, n)| (f.to_string(), n.clone()))
        .collect();
    for (id, name) in &forvs {
        let mine = r
            .indicators
            .units
            .iter()
            .filter(|u| u.forvaltning.as_ref().is_some_and(|f| f.as_str() == id));
        let total = StatusCounts::of(mine.clone().map(|u| &u.status));
        counts_line(&mut out, &format!("{id} {name}"), total, colour);
        for (a, c) in by_area(mine) {
            counts_line(&mut out, &format!("  {}", area_text(a)), c, colour);
        }
    }
    if !r.indicators.kommun.is_empty() {
        out.push('\n');
        counts_header(&mut out, &tx!("check-table-kommun-heading"));
        let all = r.indicators.kommun.iter();
        counts_line(
            &mut out,
            &tx!("check-table-all-indicators"),
            StatusCounts::of(all.clone().map(|x| &x.status)),
            colour,
        );
        for (a, c) in by_area(all) {
            counts_line(&mut out, &format!("  {}", area_text(a)), c, colour);
        }
    }

    grey_reasons(&mut out, r);

    let eco: Vec<_> = r
        .economy
        .kommun
        .iter()
        .chain(&r.economy.forvaltningar)
        .collect();
    if !eco.is_empty() {
        out.push('\n');
        let _ = writeln!(
            out,
            "{}{}{}{}{}",
            pad(&tx!("check-table-economy"), NAME_W + 2),
            rpad(&tx!("check-table-budget"), 12),
            rpad(&tx!("check-table-forecast"), 12),
            rpad(&tx!("check-table-deviation"), 12),
            rpad("%", 9),
        );
        for e in eco {
            let label = match &e.level {
                Level::Kommun => tx!("check-table-kommunen"),
                _ => format!(
                    "{} {}",
                    e.forvaltning.as_ref().map_or("", |f| f.as_str()),
                    e.name
                ),
            };
            let n = |v: Option<f64>| v.map_or_else(|| "—".into(), |v| sv_number(v, 0));
            let missing = e
                .coverage()
                .map(|_| {
                    format!(
                        " ({})",
                        tx!(
                            "check-table-economy-coverage",
                            "n" => e.units,
                            "of" => e.units + e.missing
                        )
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{} {}{}{}{}{}  {}{missing}",
                light(e.status.colour(), colour),
                pad(&clip(&label, NAME_W), NAME_W),
                rpad(&n(e.budget_tkr), 12),
                rpad(&n(e.forecast_tkr), 12),
                rpad(
                    &e.deviation_tkr.map_or_else(|| "—".into(), |v| signed(v, 0)),
                    12
                ),
                rpad(
                    &e.deviation_pct
                        .map_or_else(|| "—".into(), |v| format!("{} %", signed(v, 1))),
                    9
                ),
                e.status.shown()
            );
        }
    }

    if !r.goals.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "{}", tx!("check-table-goals"));
        for g in &r.goals {
            let c = g.counts;
            let _ = writeln!(
                out,
                "{} {} {}: {} ({})",
                light(g.status.colour(), colour),
                g.goal,
                g.name,
                g.status.shown(),
                tx!(
                    "check-table-goal-counts",
                    "green" => c.uppfyllt,
                    "yellow" => c.delvis,
                    "red" => c.ej_uppfyllt,
                    "grey" => c.ej_bedomt
                )
            );
        }
    }

    peer_table(&mut out, r);

    let red: Vec<&IndicatorRow> = r.red_rows().collect();
    out.push('\n');
    if red.is_empty() {
        let _ = writeln!(out, "{}", tx!("check-table-no-red"));
    } else {
        let _ = writeln!(out, "{}", tx!("check-table-red", "n" => red.len()));
        let rules: Vec<String> = red.iter().map(|x| rule_text(x)).collect();
        // The rule column is as wide as its longest rule and a space (at least 31).
        let rule_w = rules.iter().map(|r| width(r) + 1).fold(31, usize::max);
        let _ = writeln!(
            out,
            "  {}{}{}   {}{}",
            pad(&tx!("check-table-level"), 22),
            pad(&tx!("check-table-indicator"), 26),
            rpad(&tx!("check-table-outcome"), 12),
            pad(&tx!("check-table-target"), rule_w),
            tx!("check-table-deviation"),
        );
        for (x, rule) in red.into_iter().zip(&rules) {
            // A deviation of a percentage is in percentage points (procentenheter).
            let unit = if x.measure == Measure::Percent {
                format!(" {}", tx!("check-table-points"))
            } else {
                unit_suffix(x.measure)
            };
            let dev = match (x.deviation, x.deviation_pct) {
                (Some(d), Some(p)) => {
                    format!("{}{unit} ({} %)", signed(d, x.decimals), signed(p, 1))
                }
                (Some(d), None) => format!("{}{unit}", signed(d, x.decimals)),
                _ => "—".into(),
            };
            let _ = writeln!(
                out,
                "{} {}{}{}   {}{}",
                light(Colour::Red, colour),
                pad(&clip(&level_label(x), 21), 22),
                pad(&clip(x.indicator.as_str(), 25), 26),
                rpad(&value_text(x, x.value), 12),
                pad(rule, rule_w),
                dev
            );
        }
    }
    out
}

fn csv_num(v: Option<f64>) -> String {
    v.filter(|x| x.is_finite())
        .map(|x| super::json::round(x).to_string())
        .unwrap_or_default()
}

/// The unit rows as CSV (comma-separated, decimal point, UTF-8, a header row).
///
/// # Errors
/// Only the CSV writer's own errors.
pub fn csv(r: &CheckResult) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "forvaltning",
        "unit",
        "unit_name",
        "indicator",
        "indicator_name",
        "area",
        "perspective",
        "measure",
        "direction",
        "period",
        "value",
        "target",
        "target_min",
        "target_max",
        "target_source",
        "status",
        "colour",
        "reason",
        "deviation",
        "deviation_pct",
        "rule",
        "previous_period",
        "previous_value",
        "previous_trend",
        "last_year_period",
        "last_year_value",
        "last_year_trend",
        "file",
        "sheet",
        "cell",
        "line",
        "sha256",
    ])?;
    for x in &r.indicators.units {
        let (point, min, max) = match x.target {
            Some(TargetValue::Point(v)) => (Some(v), None, None),
            Some(TargetValue::Interval { min, max }) => (None, Some(min), Some(max)),
            None => (None, None, None),
        };
        let (file, sheet, cell, line, sha) = match &x.provenance {
            Provenance::Cell(c) => (
                c.file.clone(),
                c.sheet.clone(),
                c.cell.clone(),
                String::new(),
                c.sha256.clone(),
            ),
            Provenance::History { file, line } => (
                file.clone(),
                String::new(),
                String::new(),
                line.map(|l| l.to_string()).unwrap_or_default(),
                String::new(),
            ),
            _ => Default::default(),
        };
        let unit = match &x.level {
            Level::Unit(u) => u.to_string(),
            _ => String::new(),
        };
        w.write_record([
            x.forvaltning
                .as_ref()
                .map(|f| f.to_string())
                .unwrap_or_default(),
            unit,
            x.name.clone(),
            x.indicator.to_string(),
            x.indicator_name.clone(),
            x.area.key().to_string(),
            x.perspective.key().to_string(),
            x.measure.key().to_string(),
            x.direction.key().to_string(),
            x.period.to_string(),
            csv_num(x.value),
            csv_num(point),
            csv_num(min),
            csv_num(max),
            x.target_source
                .as_ref()
                .map(|t| t.swedish())
                .unwrap_or_default(),
            x.status.key().to_string(),
            x.status.colour().key().to_string(),
            x.reason.map(|r| r.key().to_string()).unwrap_or_default(),
            csv_num(x.deviation),
            csv_num(x.deviation_pct),
            x.rule.clone(),
            x.previous.period.to_string(),
            csv_num(x.previous.value),
            x.previous
                .trend
                .map(Trend::key)
                .unwrap_or_default()
                .to_string(),
            x.last_year.period.to_string(),
            csv_num(x.last_year.value),
            x.last_year
                .trend
                .map(Trend::key)
                .unwrap_or_default()
                .to_string(),
            file,
            sheet,
            cell,
            line,
            sha,
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
