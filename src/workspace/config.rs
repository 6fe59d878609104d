//! `styr.toml`: the municipality, its förvaltningar and enheter, the årshjul and the folders.

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Location};
use crate::domain::{ControlId, Date, FormKind, ForvaltningId, Period, UnitId};
use crate::toml_check::Source;

/// The municipality.
#[derive(Debug, Clone)]
pub struct Kommun {
    pub name: String,
    pub kolada_id: Option<String>,
    pub population: Option<u32>,
}

/// A förvaltning (department).
#[derive(Debug, Clone)]
pub struct Forvaltning {
    pub id: ForvaltningId,
    pub name: String,
    pub chef: String,
    pub email: String,
    pub at: Location,
}

/// An enhet (unit): fills in the templates.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    pub forvaltning: ForvaltningId,
    /// Kind of operation ("förskola", "grundskola", "särskilt boende"...): decides which
    /// indicators the unit reports.
    pub category: String,
    pub chef: String,
    pub email: String,
    /// Annual budget (net cost) in tkr, pre-filled in follow-ups.
    pub budget_tkr: Option<f64>,
    /// Ekonomi's ansvar codes (ansvar, kostnadsställe) that belong to the unit.
    pub codes: Vec<String>,
    pub at: Location,
    pub forvaltning_at: Location,
    pub category_at: Location,
}

/// One entry of the årshjul: a period, which template goes out for it, and when.
#[derive(Debug, Clone)]
pub struct Deadline {
    pub period: Period,
    pub form: FormKind,
    pub sent: Date,
    pub deadline: Date,
    /// Where the result is presented ("Kommunstyrelsen 2026-06-10").
    pub forum: Option<String>,
    pub at: Location,
}

/// A control point of the internal control plan.
#[derive(Debug, Clone)]
pub struct Control {
    pub id: ControlId,
    pub name: String,
    pub risk: String,
    pub method: String,
    pub responsible: String,
    /// Förvaltningar whose units follow the point up; empty means all.
    pub forvaltningar: Vec<ForvaltningId>,
    pub at: Location,
}

/// Folders of the workspace, relative to its root.
#[derive(Debug, Clone)]
pub struct Folders {
    pub outgoing: PathBuf,
    pub incoming: PathBuf,
    pub data: PathBuf,
    pub reports: PathBuf,
}

/// How templates are sent out.
#[derive(Debug, Clone)]
pub struct Sending {
    /// Where units send their returns (the controller's address).
    pub contact: String,
    /// The sheet protection password. Protection stops mistakes, not people: it is no secret.
    pub password: String,
    /// The sender of e-mail to units (`Name <address>`); default: the kommun and `contact`.
    pub from: Option<String>,
    /// The texts of the e-mails (`[sending.mail]`).
    pub mail: crate::workspace::mail::MailTexts,
    /// The SMTP server of `--smtp` (`[sending.smtp]`).
    pub smtp: Option<crate::workspace::mail::Smtp>,
    /// Days a unit has to send a corrected return, counted from the later of the deadline and
    /// the day it saved the faulty return ([`DEFAULT_CORRECTION_DAYS`] unless given).
    pub correction_days: u16,
}

/// Days to correct a faulty return unless `[sending] correction_days` says otherwise.
pub const DEFAULT_CORRECTION_DAYS: u16 = 10;
/// The longest correction time accepted (a quarter of a year).
pub const MAX_CORRECTION_DAYS: i64 = 90;

/// The whole of `styr.toml`.
#[derive(Debug, Clone)]
pub struct Config {
    pub kommun: Kommun,
    pub sending: Sending,
    pub year: u16,
    pub year_at: Location,
    pub folders: Folders,
    pub forvaltningar: Vec<Forvaltning>,
    pub units: Vec<Unit>,
    pub arshjul: Vec<Deadline>,
    pub controls: Vec<Control>,
    /// The unit categories declared in `categories = [...]` (a fixed vocabulary); `None`: free.
    pub categories: Option<Vec<String>>,
    /// Where `categories` is declared (or `styr.toml` itself).
    pub categories_at: Location,
    /// `[report]`: what the reports show that the kommun chooses.
    pub report: ReportSettings,
}

/// `[report]` of `styr.toml`.
#[derive(Debug, Clone, Default)]
pub struct ReportSettings {
    /// `overview_charts`: the indicators Översikt charts per förvaltning after the economy, in
    /// order, each with where it is named; `None` when the key is left out (the default choice,
    /// see `report::uppfoljning::charts`).
    pub overview_charts: Option<Vec<(String, Location)>>,
}

/// The most indicator charts Översikt has room for beside the economy chart.
pub const MAX_OVERVIEW_CHARTS: usize = 4;

// The raw shape of `styr.toml`. Every struct here is also the JSON Schema that editors complete
// from and that the validator explains a finding with (`workspace::shape`): the Swedish
// `description`s are what a controller reads there.

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "styr.toml",
    description = "Arbetsytans inställningar: kommunen, året, förvaltningar, enheter, årshjulet, kontrollpunkter, mappar och utskick."
)]
pub(crate) struct RawConfig {
    #[schemars(description = "Kommunen: namn, Kolada-id och invånarantal.")]
    kommun: RawKommun,
    #[schemars(
        with = "u16",
        example = 2026,
        description = "Budgetåret som arbetsytan följer upp."
    )]
    year: Spanned<u16>,
    #[schemars(
        description = "Enhetskategorier som får användas (en fast lista). Utan den är kategorierna fria: varje text i en enhets `category` gäller.",
        example = ["förskola", "grundskola", "hemtjänst"],
        with = "Option<Vec<String>>"
    )]
    #[serde(default)]
    categories: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    #[schemars(description = "Mapparna i arbetsytan, relativt dess rot.")]
    folders: RawFolders,
    #[serde(default)]
    #[schemars(
        description = "Utskick: vart enheterna skickar svaren, lösenordet för bladskyddet, e-post."
    )]
    sending: RawSending,
    #[serde(default)]
    #[schemars(
        with = "Vec<RawForvaltning>",
        description = "Förvaltningarna, en [[forvaltning]] per förvaltning."
    )]
    forvaltning: Vec<Spanned<RawForvaltning>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<RawUnit>",
        description = "Enheterna som fyller i blanketterna, en [[enhet]] per enhet."
    )]
    enhet: Vec<Spanned<RawUnit>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<RawDeadline>",
        description = "Årshjulet: vilken blankett som går ut för vilken period, när och till när."
    )]
    arshjul: Vec<Spanned<RawDeadline>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<RawControl>",
        description = "Kontrollpunkterna i internkontrollplanen."
    )]
    kontrollpunkt: Vec<Spanned<RawControl>>,
    /// `[[source]]`: read by [`crate::workspace::sources`].
    #[serde(default, rename = "source")]
    #[schemars(
        rename = "source",
        with = "Option<Vec<serde_json::Map<String, serde_json::Value>>>",
        description = "Källorna som styr import läser: exporter från ekonomisystem och HR-system (se README, Numbers from the systems)."
    )]
    _sources: Option<toml::Value>,
    /// `[kolada]`: read by [`crate::workspace::sources`].
    #[serde(default, rename = "kolada")]
    #[schemars(
        rename = "kolada",
        with = "Option<serde_json::Map<String, serde_json::Value>>",
        description = "Kolada: kommunens jämförelsegrupp (peers) för styr import kolada."
    )]
    _kolada: Option<toml::Value>,
    #[serde(default)]
    #[schemars(description = "Rapporterna: vad Översikt visar.")]
    report: RawReport,
}

#[derive(Deserialize, schemars::JsonSchema, Default)]
#[serde(deny_unknown_fields)]
struct RawReport {
    #[schemars(
        description = "Indikatorerna som Översikt visar i diagram per förvaltning efter ekonomin, i den ordningen (högst fyra). Utan nyckeln: den personalindikator och den kompetensindikator som har utfall från flest förvaltningar.",
        example = ["sjukfranvaro", "kompetensutveckling-dagar"],
        with = "Option<Vec<String>>"
    )]
    #[serde(default)]
    overview_charts: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawKommun {
    #[schemars(description = "Kommunens namn.", example = "Ekebo kommun")]
    name: String,
    #[schemars(
        description = "Kommunens id i Kolada, fyra siffror som text.",
        example = "1452"
    )]
    kolada_id: Option<String>,
    #[schemars(description = "Antal invånare.", example = 12040)]
    population: Option<u32>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
struct RawSending {
    #[schemars(
        description = "Adressen som enheterna skickar sina svar till.",
        example = "uppfoljning@kommun.se"
    )]
    contact: String,
    #[schemars(description = "Lösenordet för bladskyddet: det hindrar misstag, inte människor.", example = &"styr")]
    password: String,
    #[schemars(
        description = "Avsändaren av e-post till enheterna, `Namn <adress>`.",
        example = "Controller <uppfoljning@kommun.se>"
    )]
    from: Option<String>,
    #[schemars(description = "Texterna i e-posten till enheterna.")]
    mail: RawMail,
    #[schemars(with = "Option<RawSmtp>", description = "E-postservern för `--smtp`.")]
    smtp: Option<Spanned<RawSmtp>>,
    #[schemars(
        with = "Option<i64>",
        example = 10,
        description = "Dagar som en enhet har på sig att skicka ett rättat svar, 1–90."
    )]
    correction_days: Option<Spanned<i64>>,
}

impl Default for RawSending {
    fn default() -> Self {
        Self {
            contact: String::new(),
            password: "styr".into(),
            from: None,
            mail: RawMail::default(),
            smtp: None,
            correction_days: None,
        }
    }
}

#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
struct RawMail {
    #[schemars(with = "Option<String>")]
    subject: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    body: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    reminder_subject: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    reminder_body: Option<Spanned<String>>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawSmtp {
    host: String,
    port: Option<u16>,
    security: crate::workspace::mail::Security,
    user: Option<String>,
    password_env: Option<String>,
    timeout_seconds: Option<u64>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
struct RawFolders {
    outgoing: PathBuf,
    incoming: PathBuf,
    data: PathBuf,
    reports: PathBuf,
}

impl Default for RawFolders {
    fn default() -> Self {
        Self {
            outgoing: "utskick".into(),
            incoming: "inkommet".into(),
            data: "data".into(),
            reports: "rapporter".into(),
        }
    }
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawForvaltning {
    #[schemars(description = "Förvaltningens id, kort och unikt.", example = &"BUF")]
    id: ForvaltningId,
    #[schemars(
        description = "Förvaltningens namn.",
        example = "Barn- och utbildningsförvaltningen"
    )]
    name: String,
    #[serde(default)]
    #[schemars(description = "Förvaltningschefens namn.", example = "Anna Andersson")]
    chef: String,
    #[serde(default)]
    #[schemars(
        description = "Förvaltningschefens e-post.",
        example = "anna.andersson@kommun.se"
    )]
    email: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    #[schemars(
        description = "Enhetens id, unikt i kommunen; det står i filnamnen.",
        example = "buf-fsk-solrosen"
    )]
    id: UnitId,
    #[schemars(description = "Enhetens namn.", example = "Solrosens förskola")]
    name: String,
    #[schemars(with = "ForvaltningId", description = "Id för förvaltningen som enheten hör till.", example = &"BUF")]
    forvaltning: Spanned<ForvaltningId>,
    #[schemars(
        with = "String",
        example = &"förskola",
        description = "Verksamhetens slag; avgör vilka indikatorer enheten rapporterar."
    )]
    category: Spanned<String>,
    #[serde(default)]
    #[schemars(description = "Enhetschefens namn.", example = "Bo Berg")]
    chef: String,
    #[serde(default)]
    #[schemars(
        description = "Enhetschefens e-post; dit går blanketten.",
        example = "bo.berg@kommun.se"
    )]
    email: String,
    #[schemars(
        description = "Enhetens årsbudget (nettokostnad) i tkr.",
        example = 12500
    )]
    budget_tkr: Option<f64>,
    #[serde(default)]
    #[schemars(
        description = "Ekonomins ansvarskoder (ansvar, kostnadsställe) som hör till enheten.",
        example = ["4110", "4111"]
    )]
    codes: Vec<String>,
    /// `kolada_ou = "..."`: read by [`crate::workspace::sources`].
    #[serde(default, rename = "kolada_ou")]
    #[schemars(
        rename = "kolada_ou",
        with = "Option<String>",
        description = "Enhetens id som organisatorisk enhet i Kolada (för jämförelser).",
        example = &"V15E086001201"
    )]
    _kolada_ou: Option<toml::Value>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawDeadline {
    #[schemars(description = "Perioden som blanketten gäller.", example = "2026-T1")]
    period: Period,
    #[schemars(description = "Blanketten som går ut.", example = &"uppfoljning")]
    form: FormKind,
    #[schemars(with = "TomlDate", description = "Dagen då blanketten skickas ut.")]
    sent: Spanned<toml::value::Datetime>,
    #[schemars(with = "TomlDate", description = "Sista dag för svar.")]
    deadline: Spanned<toml::value::Datetime>,
    #[schemars(
        description = "Var resultatet redovisas.",
        example = "Kommunstyrelsen 2026-06-10"
    )]
    forum: Option<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawControl {
    id: ControlId,
    name: String,
    #[serde(default)]
    risk: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    responsible: String,
    #[serde(default)]
    forvaltningar: Vec<ForvaltningId>,
}

/// A TOML date (`2026-05-08`, no quotes, no time), for the schema.
pub(crate) struct TomlDate;

impl schemars::JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "x-styr": "date",
            "description": "Ett datum utan citattecken och utan klockslag, till exempel 2026-05-08.",
            "examples": ["2026-05-08"]
        })
    }
}

/// Converts a TOML date (`2026-05-08`, no time) into a [`Date`].
///
/// # Errors
/// `C002` when the value has a time or offset, or no date part.
pub(crate) fn toml_date(
    src: &Source,
    v: &Spanned<toml::value::Datetime>,
) -> Result<Date, Diagnostic> {
    let dt = v.get_ref();
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => Date::new(d.year, d.month, d.day).ok_or_else(|| {
            Diagnostic::error("C002", src.span(&v.span()), format!("{dt} is not a date"))
        }),
        _ => Err(Diagnostic::error(
            "C002",
            src.span(&v.span()),
            format!("'{dt}' is not a plain date"),
        )
        .hint("write a date without time, e.g. 2026-05-08")),
    }
}

/// Parses `styr.toml` into a [`Config`]. Only shape errors are reported here; the references
/// between entries are checked by [`crate::workspace::validate`].
///
/// # Errors
/// Every diagnostic found: a syntax error stops at once, date errors are collected.
pub fn parse(src: &Source) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = src.parse_toml_checked(crate::workspace::schema::config())?;
    let mut errors = Vec::new();
    let mut arshjul = Vec::new();
    for d in raw.arshjul {
        let at = src.span(&d.span());
        let d = d.into_inner();
        match (toml_date(src, &d.sent), toml_date(src, &d.deadline)) {
            (Ok(sent), Ok(deadline)) => arshjul.push(Deadline {
                period: d.period,
                form: d.form,
                sent,
                deadline,
                forum: d.forum,
                at,
            }),
            (a, b) => errors.extend(a.err().into_iter().chain(b.err())),
        }
    }
    let mail = mail_texts(src, &raw.sending.mail, &mut errors);
    let smtp = raw.sending.smtp.map(|s| {
        use crate::workspace::mail::{Security, Smtp, default_port, is_localhost};
        let at = src.span(&s.span());
        let s = s.into_inner();
        if s.security == Security::None && !is_localhost(&s.host) {
            errors.push(
                Diagnostic::error(
                    "C060",
                    at,
                    format!("security = \"none\" to '{}': mail would cross the network unencrypted", s.host),
                )
                .hint("use security = \"starttls\" (port 587) or \"tls\" (port 465); \"none\" is for localhost only"),
            );
        }
        Smtp {
            port: s.port.unwrap_or(default_port(s.security)),
            host: s.host,
            security: s.security,
            user: s.user.filter(|u| !u.trim().is_empty()),
            password_env: s.password_env.unwrap_or_else(|| "STYR_SMTP_PASSWORD".into()),
            timeout_seconds: s.timeout_seconds.unwrap_or(30).max(1),
        }
    });
    let correction_days = match &raw.sending.correction_days {
        None => DEFAULT_CORRECTION_DAYS,
        Some(d) => match u16::try_from(*d.get_ref()) {
            Ok(n) if (1..=MAX_CORRECTION_DAYS).contains(&i64::from(n)) => n,
            _ => {
                errors.push(
                    Diagnostic::error(
                        "C024",
                        src.span(&d.span()),
                        format!(
                            "correction_days = {} is not a number of days from 1 to {MAX_CORRECTION_DAYS}",
                            d.get_ref()
                        ),
                    )
                    .hint(format!(
                        "the days a unit has to send a corrected return, e.g. {DEFAULT_CORRECTION_DAYS}"
                    )),
                );
                DEFAULT_CORRECTION_DAYS
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let categories_at = raw
        .categories
        .as_ref()
        .map_or_else(|| Location::File(src.name.clone()), |c| src.span(&c.span()));
    let report = ReportSettings {
        overview_charts: raw.report.overview_charts.map(|ids| {
            ids.into_iter()
                .map(|id| {
                    let at = src.span(&id.span());
                    (id.into_inner(), at)
                })
                .collect()
        }),
    };
    Ok(Config {
        report,
        categories: raw.categories.map(Spanned::into_inner),
        categories_at,
        kommun: Kommun {
            name: raw.kommun.name,
            kolada_id: raw.kommun.kolada_id,
            population: raw.kommun.population,
        },
        sending: Sending {
            contact: raw.sending.contact,
            password: raw.sending.password,
            from: raw.sending.from.filter(|f| !f.trim().is_empty()),
            mail,
            smtp,
            correction_days,
        },
        year: *raw.year.get_ref(),
        year_at: src.span(&raw.year.span()),
        folders: Folders {
            outgoing: raw.folders.outgoing,
            incoming: raw.folders.incoming,
            data: raw.folders.data,
            reports: raw.folders.reports,
        },
        forvaltningar: raw
            .forvaltning
            .into_iter()
            .map(|f| {
                let at = src.span(&f.span());
                let f = f.into_inner();
                Forvaltning {
                    id: f.id,
                    name: f.name,
                    chef: f.chef,
                    email: f.email,
                    at,
                }
            })
            .collect(),
        units: raw
            .enhet
            .into_iter()
            .map(|u| {
                let at = src.span(&u.span());
                let u = u.into_inner();
                Unit {
                    id: u.id,
                    name: u.name,
                    forvaltning_at: src.span(&u.forvaltning.span()),
                    forvaltning: u.forvaltning.into_inner(),
                    category_at: src.span(&u.category.span()),
                    category: u.category.into_inner(),
                    chef: u.chef,
                    email: u.email,
                    budget_tkr: u.budget_tkr,
                    codes: u.codes,
                    at,
                }
            })
            .collect(),
        arshjul,
        controls: raw
            .kontrollpunkt
            .into_iter()
            .map(|c| {
                let at = src.span(&c.span());
                let c = c.into_inner();
                Control {
                    id: c.id,
                    name: c.name,
                    risk: c.risk,
                    method: c.method,
                    responsible: c.responsible,
                    forvaltningar: c.forvaltningar,
                    at,
                }
            })
            .collect(),
    })
}

/// The mail texts of `[sending.mail]`, each checked; the defaults for what is left out.
fn mail_texts(
    src: &Source,
    raw: &RawMail,
    errors: &mut Vec<Diagnostic>,
) -> crate::workspace::mail::MailTexts {
    use crate::workspace::mail::{self as m, MailTemplate, MailText, MailTexts};
    let mut one = |v: &Option<Spanned<String>>, key: &str, default: &str| {
        let Some(v) = v else {
            return MailTemplate::parse(default).unwrap_or_else(|_| empty_template());
        };
        MailTemplate::parse(v.get_ref()).unwrap_or_else(|e| {
            let names: Vec<String> = m::PLACEHOLDERS
                .iter()
                .map(|(k, _)| format!("{{{k}}}"))
                .collect();
            errors.push(
                Diagnostic::error(
                    "C060",
                    src.span(&v.span()),
                    format!("[sending.mail] {key}: {e}"),
                )
                .hint(format!("the placeholders are {}", names.join(", "))),
            );
            empty_template()
        })
    };
    MailTexts {
        send: MailText {
            subject: one(&raw.subject, "subject", m::DEFAULT_SUBJECT),
            body: one(&raw.body, "body", m::DEFAULT_BODY),
        },
        remind: MailText {
            subject: one(
                &raw.reminder_subject,
                "reminder_subject",
                m::DEFAULT_REMIND_SUBJECT,
            ),
            body: one(&raw.reminder_body, "reminder_body", m::DEFAULT_REMIND_BODY),
        },
    }
}

fn empty_template() -> crate::workspace::mail::MailTemplate {
    crate::workspace::mail::MailTemplate::empty()
}

impl Config {
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id.as_str() == id)
    }

    pub fn forvaltning(&self, id: &str) -> Option<&Forvaltning> {
        self.forvaltningar.iter().find(|f| f.id.as_str() == id)
    }

    /// The årshjul entry for a form and period, if it is in the årshjul.
    pub fn deadline(&self, form: FormKind, period: Period) -> Option<&Deadline> {
        self.arshjul
            .iter()
            .find(|d| d.period == period && d.form == form)
    }
}
