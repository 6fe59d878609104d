//! One message catalogue for everything a controller or a unit reads: Swedish by default,
//! English on request.
//!
//! The texts live in Fluent files, `i18n/sv/*.ftl` and `i18n/en/*.ftl` (see [`FILES`]), embedded
//! in the binary. A diagnostic's message and hint are keyed by its code (`R203`, `R203-hint`), other
//! messages by readable ids (`collect-summary`). The language is chosen once per process by
//! [`set`] (from `--lang`, `STYR_LANG` or the locale, see [`Lang::from_env`]) and read by [`t`];
//! a library caller that sets nothing gets Swedish.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the surfaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Swedish (svenska), the default.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Every language, Swedish first.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The catalogue's language tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// `sv` or `en` (any case), else `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sv" | "swedish" | "svenska" => Some(Lang::Sv),
            "en" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language from the environment: `STYR_LANG` (`sv` or `en`), else the first set of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` (a locale starting with `en` is English), else Swedish.
    pub fn from_env() -> Lang {
        Self::from_vars(|k| std::env::var(k).ok())
    }

    /// [`Lang::from_env`] over any source of variables (for tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(l) = var("STYR_LANG").as_deref().and_then(Lang::parse) {
            return l;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| var(k).filter(|v| !v.is_empty()));
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Sv,
        }
    }
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Chooses the language of this process; the first choice holds (called once by `main`).
pub fn set(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language of this process: as [`set`], else Swedish.
pub fn current() -> Lang {
    CURRENT.get().copied().unwrap_or_default()
}

/// The files of a language's catalogue, by area: `styr` (collect's diagnostics, the guards,
/// validate's cross-file checks), `cli` (the commands' own messages and tables), `config` (the
/// checks of styr.toml, the catalogue and the form definitions), `workbooks` (the fixed texts of
/// forms, correction workbooks and reports). A key lives in exactly one file.
pub const FILES: [&str; 4] = ["styr", "cli", "config", "workbooks"];

macro_rules! catalogue {
    ($lang:literal) => {
        [
            include_str!(concat!("../i18n/", $lang, "/styr.ftl")),
            include_str!(concat!("../i18n/", $lang, "/cli.ftl")),
            include_str!(concat!("../i18n/", $lang, "/config.ftl")),
            include_str!(concat!("../i18n/", $lang, "/workbooks.ftl")),
        ]
    };
}

/// The catalogue files of a language, in the order of [`FILES`].
pub fn sources(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Sv => catalogue!("sv"),
        Lang::En => catalogue!("en"),
    }
}

/// The whole catalogue of a language: its files one after the other.
pub fn source(lang: Lang) -> &'static str {
    static SV: OnceLock<String> = OnceLock::new();
    static EN: OnceLock<String> = OnceLock::new();
    let cell = match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    };
    cell.get_or_init(|| {
        sources(lang)
            .iter()
            .map(|s| s.trim_end())
            .collect::<Vec<_>>()
            .join("\n\n")
    })
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static SV: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    };
    cell.get_or_init(|| {
        let id: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
        let mut b = FluentBundle::new_concurrent(vec![id]);
        // No bidi isolation marks (U+2068/U+2069) around arguments: plain terminal text.
        b.set_use_isolating(false);
        // A syntax error leaves the good entries; the catalogue test reports the rest.
        let res = FluentResource::try_new(source(lang).to_string()).unwrap_or_else(|(r, _)| r);
        let _ = b.add_resource(res);
        b
    })
}

/// An argument of a message: text or a number.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        #[allow(clippy::cast_precision_loss)]
        Arg::Num(n as f64)
    }
}
impl From<i32> for Arg {
    fn from(n: i32) -> Self {
        Arg::Num(f64::from(n))
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Num(f64::from(n))
    }
}

/// The message `key` in `lang` with `args`; the key itself when the catalogue lacks it (the
/// catalogue test makes sure it never does).
pub fn tr(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let b = bundle(lang);
    let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Text(s) => fa.set(*k, FluentValue::from(s.as_str())),
            Arg::Num(n) => fa.set(*k, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    b.format_pattern(pattern, Some(&fa), &mut errors)
        .into_owned()
}

/// The message `key` in the language of this process.
pub fn t(key: &str, args: &[(&str, Arg)]) -> String {
    tr(current(), key, args)
}

/// Builds the argument list of [`t`]: `args!["file" => name, "n" => count]`.
#[macro_export]
macro_rules! args {
    ($($k:literal => $v:expr),* $(,)?) => {
        &[$(($k, $crate::i18n::Arg::from($v))),*]
    };
}

/// [`t`] with arguments: `tx!("R203", "text" => s)`.
#[macro_export]
macro_rules! tx {
    ($key:expr $(, $k:literal => $v:expr)* $(,)?) => {
        $crate::i18n::t($key, $crate::args![$($k => $v),*])
    };
}
