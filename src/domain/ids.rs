//! Identifier newtypes. An id is 1-40 characters of ASCII letters, digits, `-`, `_` and `.`,
//! starting with a letter or digit. Ids end up in file names and workbook key cells, so they are
//! kept plain.

use std::fmt;

/// Why a string is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id cannot be empty")]
    Empty,
    #[error("id '{0}' is longer than 40 characters")]
    TooLong(String),
    #[error("id '{id}' contains '{ch}'; use ASCII letters, digits, '-', '_' or '.'")]
    BadChar { id: String, ch: char },
    #[error("id '{0}' must start with a letter or a digit")]
    BadStart(String),
}

/// The id alphabet as a JSON Schema pattern (the same rule as [`check_id`]).
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$";

fn check_id(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.chars().count() > 40 {
        return Err(IdError::TooLong(s.to_string()));
    }
    if let Some(ch) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(IdError::BadChar {
            id: s.to_string(),
            ch,
        });
    }
    if !s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err(IdError::BadStart(s.to_string()));
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates `s` as an identifier.
            ///
            /// # Errors
            /// [`IdError`] when `s` is empty, too long or has characters outside the id alphabet.
            pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
                let s = s.into();
                check_id(&s)?;
                Ok(Self(s))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": ID_PATTERN,
                    "x-styr": "id",
                    "description": "Ett id: 1–40 tecken, bokstäverna a–z och A–Z (utan å, ä, ö), siffror, '-', '_' och '.'; börjar med en bokstav eller siffra."
                })
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A unit (enhet): a school, a care home, a library. The unit fills in the templates.
    UnitId
);
id_type!(
    /// A förvaltning (department of the administration).
    ForvaltningId
);
id_type!(
    /// An indicator in the catalogue.
    IndicatorId
);
id_type!(
    /// A municipal development goal (utvecklingsmål) that indicators measure.
    GoalId
);
id_type!(
    /// A control point of the internal control plan.
    ControlId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids() {
        for ok in ["BUF", "buf-fsk-solrosen", "N00090", "a.b_c", "9"] {
            assert!(UnitId::new(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_bad_ids_with_reason() {
        assert_eq!(UnitId::new(""), Err(IdError::Empty));
        assert!(matches!(
            UnitId::new("solrosen förskola"),
            Err(IdError::BadChar { ch: ' ', .. })
        ));
        assert!(matches!(
            UnitId::new("å"),
            Err(IdError::BadChar { ch: 'å', .. })
        ));
        assert!(matches!(UnitId::new("-x"), Err(IdError::BadStart(_))));
        assert!(matches!(
            UnitId::new("x".repeat(41)),
            Err(IdError::TooLong(_))
        ));
    }

    #[test]
    fn serde_round_trip_and_rejection() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct T {
            id: IndicatorId,
        }
        let t = T {
            id: IndicatorId::new("sjukfranvaro").unwrap(),
        };
        let s = toml::to_string(&t).unwrap();
        assert_eq!(toml::from_str::<T>(&s).unwrap(), t);
        let err = toml::from_str::<T>("id = 'a b'").unwrap_err();
        assert!(err.to_string().contains("contains ' '"), "{err}");
    }
}
