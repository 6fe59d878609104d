//! Submission to the SMTP server of `[sending.smtp]` (lettre, TLS by rustls). One connection
//! per message: a connection that drops costs one recipient, not the rest of the run.

use std::time::Duration;

use lettre::Transport;
use lettre::address::Envelope;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;

use crate::send::{Delivery, Letter};
use crate::workspace::mail::{Security, Smtp, is_localhost};

/// An SMTP server to submit to.
pub struct SmtpDelivery {
    transport: SmtpTransport,
    from: lettre::Address,
}

impl std::fmt::Debug for SmtpDelivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpDelivery")
            .field("from", &self.from)
            .finish()
    }
}

/// Prepares submission to `cfg`; the password is the value of the environment variable
/// `cfg.password_env`, read through `env`.
///
/// # Errors
/// A message when the connection would be unencrypted to another machine, or the password is
/// not in the environment.
pub fn connect(
    cfg: &Smtp,
    from: lettre::Address,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<SmtpDelivery, String> {
    let builder = match cfg.security {
        Security::None if !is_localhost(&cfg.host) => {
            return Err(crate::tx!("send-unencrypted", "host" => &cfg.host));
        }
        Security::None => SmtpTransport::builder_dangerous(cfg.host.clone()),
        Security::Starttls => {
            SmtpTransport::starttls_relay(&cfg.host).map_err(|e| e.to_string())?
        }
        Security::Tls => SmtpTransport::relay(&cfg.host).map_err(|e| e.to_string())?,
    };
    let mut builder = builder
        .port(cfg.port)
        .timeout(Some(Duration::from_secs(cfg.timeout_seconds)));
    if let Some(user) = &cfg.user {
        let password = env(&cfg.password_env)
            .filter(|p| !p.is_empty())
            .ok_or_else(
                || crate::tx!("send-no-password", "user" => user, "var" => &cfg.password_env),
            )?;
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    Ok(SmtpDelivery {
        transport: builder.build(),
        from,
    })
}

impl Delivery for SmtpDelivery {
    fn via(&self) -> &'static str {
        "smtp"
    }

    fn deliver(&mut self, _letter: &Letter, to: &str, bytes: &[u8]) -> Result<String, String> {
        let to_addr = to
            .parse::<lettre::Address>()
            .map_err(|e| crate::tx!("send-bad-address", "value" => to, "error" => e.to_string()))?;
        let envelope =
            Envelope::new(Some(self.from.clone()), vec![to_addr]).map_err(|e| e.to_string())?;
        self.transport
            .send_raw(&envelope, bytes)
            .map(|_| to.to_string())
            .map_err(|e| describe(&e))
    }
}

/// One line for a failed submission: refused, timed out or cut off, with the server's words.
fn describe(e: &lettre::transport::smtp::Error) -> String {
    let what = if e.is_timeout() {
        crate::tx!("smtp-timeout")
    } else if e.is_permanent() {
        crate::tx!("smtp-refused")
    } else if e.is_transient() {
        crate::tx!("smtp-refused-for-now")
    } else if e.is_tls() {
        crate::tx!("smtp-tls")
    } else {
        crate::tx!("smtp-failed")
    };
    let mut detail = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        src = s.source();
    }
    format!(
        "{what}: {}",
        detail.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}
