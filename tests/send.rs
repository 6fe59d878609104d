//! `styr send` and `styr remind` against a real SMTP server on localhost (aiosmtpd, started by
//! `tools/smtp_server.py`), and the drafts they write, parsed back with Python's `email`
//! package. Skips where aiosmtpd is missing, except in CI (`CI` set), where it fails instead.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use sha2::{Digest, Sha256};

const EPOCH: &str = "1777276800"; // 2026-04-27T08:00:00Z, the send-out day of 2026-T1

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn styr(ws: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = Command::new(env!("CARGO_BIN_EXE_styr"));
    c.env("STYR_LANG", "sv");
    c.arg("-C")
        .arg(ws)
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH);
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    let redact = |b: &[u8]| String::from_utf8_lossy(b).replace(&ws.display().to_string(), "[WS]");
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: redact(&o.stdout),
        stderr: redact(&o.stderr),
    }
}

/// The example workspace with the 2026-T1 follow-up generated.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("init")
        .arg(&ws)
        .output()
        .unwrap();
    assert!(o.status.success());
    let r = styr(
        &ws,
        &["generate", "uppfoljning", "--period", "2026-T1"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    (tmp, ws)
}

/// The units of a förvaltning in the example, with their addresses: (id, name, email).
fn units_of(ws: &Path, forvaltning: &str) -> Vec<(String, String, String)> {
    let t: toml::Value =
        toml::from_str(&std::fs::read_to_string(ws.join("styr.toml")).unwrap()).unwrap();
    t["enhet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["forvaltning"].as_str() == Some(forvaltning))
        .map(|u| {
            (
                u["id"].as_str().unwrap().to_string(),
                u["name"].as_str().unwrap().to_string(),
                u["email"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A Python with aiosmtpd: the one on PATH, or Debian's.
fn python_with_aiosmtpd() -> Option<String> {
    for p in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(p)
            .args(["-c", "import aiosmtpd"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(p.to_string());
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "python3-aiosmtpd is required in CI (installed by .ci/run)"
    );
    eprintln!("skipped: no python3 with aiosmtpd (apt-get install python3-aiosmtpd)");
    None
}

/// A real SMTP server on localhost, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Server {
    fn start(python: &str, dir: &Path, refuse: &[&str], drop: &[&str]) -> Server {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/smtp_server.py");
        let mut c = Command::new(python);
        c.arg(script).arg(dir);
        for a in refuse {
            c.args(["--refuse", a]);
        }
        for a in drop {
            c.args(["--drop", a]);
        }
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().parse().unwrap();
        Server {
            child,
            port,
            dir: dir.to_path_buf(),
        }
    }

    /// The messages received so far, in order: (envelope recipients, bytes).
    fn received(&self) -> Vec<(String, PathBuf)> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        v.sort();
        v.into_iter()
            .map(|p| {
                let rcpt = std::fs::read_to_string(p.with_extension("rcpt")).unwrap();
                (rcpt.trim().to_string(), p)
            })
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Points `[sending.smtp]` of the workspace at the local server, unencrypted.
fn use_server(ws: &Path, port: u16) {
    let p = ws.join("styr.toml");
    let mut s = std::fs::read_to_string(&p).unwrap();
    s.push_str(&format!(
        "\n[sending.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\ntimeout_seconds = 10\n"
    ));
    std::fs::write(p, s).unwrap();
}

/// A message parsed by Python's `email` package (policy.default: headers decoded).
#[derive(Debug, serde::Deserialize)]
struct Parsed {
    subject: String,
    from: String,
    to: String,
    date: String,
    message_id: String,
    unsent: Option<String>,
    body: String,
    attachments: Vec<ParsedAttachment>,
}

#[derive(Debug, serde::Deserialize)]
struct ParsedAttachment {
    filename: String,
    content_type: String,
    sha256: String,
}

const PARSE: &str = r#"
import email, email.policy, hashlib, json, sys
out = []
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    body = m.get_body(preferencelist=("plain",))
    out.append({
        "subject": str(m["subject"]), "from": str(m["from"]), "to": str(m["to"]),
        "date": str(m["date"]), "message_id": str(m["message-id"]),
        "unsent": m["x-unsent"] and str(m["x-unsent"]),
        "body": body.get_content(),
        "attachments": [{"filename": a.get_filename(), "content_type": a.get_content_type(),
                         "sha256": hashlib.sha256(a.get_payload(decode=True)).hexdigest()}
                        for a in m.iter_attachments()],
    })
print(json.dumps(out))
"#;

fn parse(paths: &[PathBuf]) -> Vec<Parsed> {
    let o = Command::new("python3")
        .arg("-c")
        .arg(PARSE)
        .args(paths)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn sha256_of(p: &Path) -> String {
    Sha256::digest(std::fs::read(p).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn workbook(ws: &Path, id: &str) -> PathBuf {
    ws.join(format!("utskick/2026-T1/uppfoljning-2026-T1-{id}.xlsx"))
}

fn log_entries(ws: &Path) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.join("data/epost-2026-T1.json")).unwrap())
            .unwrap();
    v["entries"].as_array().unwrap().clone()
}

#[test]
fn drafts_parse_back_with_swedish_text_and_the_workbook_attached() {
    let (_tmp, ws) = workspace();
    let r = styr(
        &ws,
        &["send", "--period", "2026-T1", "--forvaltning", "KFF"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("send_drafts", r.stdout);
    let units = units_of(&ws, "KFF");
    let dir = ws.join("utskick/2026-T1/epost");
    let paths: Vec<PathBuf> = units
        .iter()
        .map(|(id, _, _)| dir.join(format!("uppfoljning-2026-T1-{id}.eml")))
        .collect();
    let before: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let parsed = parse(&paths);
    for ((id, name, email), m) in units.iter().zip(&parsed) {
        assert_eq!(
            m.subject,
            format!("Uppföljning tertial 1 2026 (januari-april): {name}")
        );
        assert_eq!(m.to, format!("{name} <{email}>"));
        assert_eq!(m.from, "Ekebo kommun <uppfoljning@ekebo.se>");
        assert_eq!(m.date, "Mon, 27 Apr 2026 08:00:00 +0000");
        assert_eq!(
            m.unsent.as_deref(),
            Some("1"),
            "Outlook opens it as a draft"
        );
        assert!(m.body.contains("senast 2026-05-11"), "{}", m.body);
        assert!(
            m.body.contains("Med vänliga hälsningar\nEkebo kommun"),
            "{}",
            m.body
        );
        assert_eq!(m.attachments.len(), 1);
        let a = &m.attachments[0];
        assert_eq!(a.filename, format!("uppfoljning-2026-T1-{id}.xlsx"));
        assert_eq!(
            a.content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert_eq!(a.sha256, sha256_of(&workbook(&ws, id)), "byte-identical");
    }
    let log = log_entries(&ws);
    assert_eq!(log.len(), units.len());
    assert!(log.iter().all(|e| e["via"] == "utkast"));
    // Re-running with the same clock changes nothing, the log included.
    let log_bytes = std::fs::read(ws.join("data/epost-2026-T1.json")).unwrap();
    let r = styr(
        &ws,
        &["send", "--period", "2026-T1", "--forvaltning", "KFF"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(before, after);
    assert_eq!(
        std::fs::read(ws.join("data/epost-2026-T1.json")).unwrap(),
        log_bytes
    );
}

#[test]
fn a_template_with_an_unknown_placeholder_is_refused_with_its_location() {
    let (_tmp, ws) = workspace();
    let p = ws.join("styr.toml");
    let s = std::fs::read_to_string(&p).unwrap().replace(
        "[sending]\n",
        "[sending.mail]\nsubject = \"{formulär} {period}\"\n\n[sending]\n",
    );
    std::fs::write(&p, s).unwrap();
    let r = styr(&ws, &["send", "--period", "2026-T1"], &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("C060 [sending.mail] subject: okänd platshållare {formulär}"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("{enhet}, {chef}, {period}"),
        "{}",
        r.stderr
    );
}

#[test]
fn custom_text_from_the_workspace() {
    let (_tmp, ws) = workspace();
    let p = ws.join("styr.toml");
    let s = std::fs::read_to_string(&p).unwrap().replace(
        "[sending]\n",
        "[sending.mail]\nsubject = \"Dags för {form}: {enhet}\"\nbody = \"Hej {chef}! Senast {deadline} till {contact}. {{inte en platshållare}}\"\n\n[sending]\n",
    );
    std::fs::write(&p, s).unwrap();
    let r = styr(
        &ws,
        &["send", "--period", "2026-T1", "--unit", "kff-bibl-huvud"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let m = parse(&[ws.join("utskick/2026-T1/epost/uppfoljning-2026-T1-kff-bibl-huvud.eml")]);
    assert_eq!(m[0].subject, "Dags för Uppföljning: Huvudbiblioteket Ekebo");
    assert!(
        m[0].body.starts_with(
            "Hej Anna-Karin Borg! Senast 2026-05-11 till uppfoljning@ekebo.se. {inte en platshållare}"
        ),
        "{}",
        m[0].body
    );
}

#[test]
fn unencrypted_smtp_to_another_machine_is_refused() {
    let (_tmp, ws) = workspace();
    let p = ws.join("styr.toml");
    let mut s = std::fs::read_to_string(&p).unwrap();
    s.push_str("\n[sending.smtp]\nhost = \"smtp.ekebo.se\"\nsecurity = \"none\"\n");
    std::fs::write(&p, s).unwrap();
    let r = styr(&ws, &["send", "--period", "2026-T1", "--smtp"], &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("C060"), "{}", r.stderr);
    assert!(r.stderr.contains("okrypterad"), "{}", r.stderr);
}

#[test]
fn the_password_comes_only_from_the_environment() {
    let (_tmp, ws) = workspace();
    let p = ws.join("styr.toml");
    let mut s = std::fs::read_to_string(&p).unwrap();
    s.push_str(
        "\n[sending.smtp]\nhost = \"smtp.ekebo.se\"\nsecurity = \"starttls\"\nuser = \"uppfoljning@ekebo.se\"\npassword_env = \"STYR_TEST_SMTP_PW\"\n",
    );
    std::fs::write(&p, s).unwrap();
    let r = styr(&ws, &["send", "--period", "2026-T1", "--smtp"], &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("finns inte i miljövariabeln STYR_TEST_SMTP_PW"),
        "{}",
        r.stderr
    );
    // A password in the file is not a setting at all.
    let s = std::fs::read_to_string(&p)
        .unwrap()
        .replace("password_env = ", "password = ");
    std::fs::write(&p, s).unwrap();
    let r = styr(&ws, &["send", "--period", "2026-T1", "--smtp"], &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("C001"), "{}", r.stderr);
}

#[test]
fn smtp_delivers_each_unit_its_workbook_and_the_log_prevents_sending_twice() {
    let Some(py) = python_with_aiosmtpd() else {
        return;
    };
    let (tmp, ws) = workspace();
    let server = Server::start(&py, &tmp.path().join("mbox"), &[], &[]);
    use_server(&ws, server.port);
    let units = units_of(&ws, "KFF");
    let r = styr(
        &ws,
        &[
            "send",
            "--period",
            "2026-T1",
            "--forvaltning",
            "KFF",
            "--smtp",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got = server.received();
    assert_eq!(got.len(), units.len());
    let parsed = parse(&got.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>());
    for (((rcpt, _), m), (id, name, email)) in got.iter().zip(&parsed).zip(&units) {
        assert_eq!(rcpt, email, "envelope recipient");
        assert_eq!(m.to, format!("{name} <{email}>"));
        assert_eq!(
            m.subject,
            format!("Uppföljning tertial 1 2026 (januari-april): {name}")
        );
        assert_eq!(m.unsent, None, "a sent message is no draft");
        assert!(m.body.starts_with("Hej "), "{}", m.body);
        assert_eq!(m.attachments[0].sha256, sha256_of(&workbook(&ws, id)));
    }
    let log = log_entries(&ws);
    assert_eq!(log.len(), units.len());
    for (e, m) in log.iter().zip(&parsed) {
        assert_eq!(e["via"], "smtp");
        assert_eq!(e["at"], "2026-04-27T08:00:00Z");
        assert_eq!(e["message_id"].as_str().unwrap(), m.message_id);
    }
    // Again: nothing goes out twice.
    let r = styr(
        &ws,
        &[
            "send",
            "--period",
            "2026-T1",
            "--forvaltning",
            "KFF",
            "--smtp",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(server.received().len(), units.len());
    let port = server.port.to_string();
    insta::assert_snapshot!("send_smtp_rerun", r.stdout.replace(&port, "[PORT]"));
    // --again sends them all once more; one more unit alone with --unit.
    let r = styr(
        &ws,
        &[
            "send",
            "--period",
            "2026-T1",
            "--unit",
            "kff-bibl-huvud",
            "--smtp",
            "--again",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(server.received().len(), units.len() + 1);
    assert_eq!(log_entries(&ws).len(), units.len() + 1);
}

#[test]
fn a_refused_recipient_is_reported_and_the_others_go_on() {
    let Some(py) = python_with_aiosmtpd() else {
        return;
    };
    let (tmp, ws) = workspace();
    let units = units_of(&ws, "KFF");
    let refused = units[1].2.clone();
    let server = Server::start(&py, &tmp.path().join("mbox"), &[&refused], &[]);
    use_server(&ws, server.port);
    let r = styr(
        &ws,
        &[
            "send",
            "--period",
            "2026-T1",
            "--forvaltning",
            "KFF",
            "--smtp",
        ],
        &[],
    );
    assert_eq!(r.code, 1, "one failure is a finding\n{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "fel: uppfoljning {} <{refused}>: avvisat av servern",
            units[1].0
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("550"),
        "the server's reason\n{}",
        r.stderr
    );
    assert_eq!(server.received().len(), units.len() - 1);
    let log = log_entries(&ws);
    assert_eq!(log.len(), units.len() - 1);
    assert!(log.iter().all(|e| e["to"] != refused.as_str()));
    assert!(r.stdout.contains(&format!(
        "skickade {} av {} meddelanden",
        units.len() - 1,
        units.len()
    )));
    assert!(r.stdout.contains("; 1 misslyckades"), "{}", r.stdout);
    // The re-run tries only the one that failed.
    let r = styr(
        &ws,
        &[
            "send",
            "--period",
            "2026-T1",
            "--forvaltning",
            "KFF",
            "--smtp",
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains(&format!("{} redan skickade", units.len() - 1))
    );
    assert_eq!(server.received().len(), units.len() - 1);
}

#[test]
fn a_dropped_connection_is_reported_and_the_others_go_on() {
    let Some(py) = python_with_aiosmtpd() else {
        return;
    };
    let (tmp, ws) = workspace();
    let units = units_of(&ws, "KFF");
    let dropped = units[2].2.clone();
    let server = Server::start(&py, &tmp.path().join("mbox"), &[], &[&dropped]);
    use_server(&ws, server.port);
    let r = styr(
        &ws,
        &[
            "send",
            "--period",
            "2026-T1",
            "--forvaltning",
            "KFF",
            "--smtp",
        ],
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("fel: uppfoljning {} <{dropped}>: ", units[2].0)),
        "{}",
        r.stderr
    );
    let got = server.received();
    assert_eq!(got.len(), units.len() - 1);
    assert!(got.iter().all(|(rcpt, _)| *rcpt != dropped));
    // The units after the dropped one got theirs.
    assert!(
        got.iter()
            .any(|(rcpt, _)| *rcpt == units[units.len() - 1].2)
    );
}

/// The example with the 2026-T1 returns collected: some missing, two with errors.
fn collected() -> (tempfile::TempDir, PathBuf) {
    let (tmp, ws) = workspace();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/returns/2026-T1");
    let dst = ws.join("inkommet/2026-T1");
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
    let r = styr(&ws, &["collect", "--period", "2026-T1"], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    (tmp, ws)
}

#[test]
fn reminders_go_to_the_missing_and_the_faulty_with_the_right_workbook() {
    let (_tmp, ws) = collected();
    let register: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(ws.join("data/inlamning-2026-T1.json")).unwrap())
            .unwrap();
    let due: Vec<(String, String)> = register
        .iter()
        .filter(|e| e["status"] == "saknas" || e["status"] == "inkommen med fel")
        .map(|e| {
            (
                e["recipient"].as_str().unwrap().to_string(),
                e["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(due.iter().any(|(_, s)| s == "saknas"));
    assert!(due.iter().any(|(_, s)| s == "inkommen med fel"));
    let r = styr(&ws, &["remind", "--period", "2026-T1"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("remind_drafts", r.stdout);
    let dir = ws.join("utskick/2026-T1/epost");
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = due
        .iter()
        .map(|(id, _)| format!("paminnelse-uppfoljning-2026-T1-{id}.eml"))
        .collect();
    expected.sort();
    assert_eq!(written, expected, "one reminder to each, nobody else");
    for (id, status) in &due {
        let m = &parse(&[dir.join(format!("paminnelse-uppfoljning-2026-T1-{id}.eml"))])[0];
        assert!(
            m.subject.starts_with("Påminnelse: Uppföljning"),
            "{}",
            m.subject
        );
        let a = &m.attachments[0];
        let file = if status == "saknas" {
            workbook(&ws, id)
        } else {
            ws.join(format!(
                "utskick/2026-T1/rattelser/uppfoljning-2026-T1-{id}-rattelse.xlsx"
            ))
        };
        assert_eq!(a.filename, file.file_name().unwrap().to_string_lossy());
        assert_eq!(a.sha256, sha256_of(&file), "{id}: {status}");
    }
    let log = log_entries(&ws);
    assert_eq!(log.len(), due.len());
    assert!(log.iter().all(|e| e["kind"] == "paminnelse"));
    let status = styr(&ws, &["status", "--period", "2026-T1"], &[]);
    assert!(
        status.stdout.contains(&format!(
            "2026-T1    uppfoljning      påminnelseutkast {}",
            due.len()
        )),
        "{}",
        status.stdout
    );
}

#[test]
fn reminders_by_smtp_are_logged_and_status_shows_them() {
    let Some(py) = python_with_aiosmtpd() else {
        return;
    };
    let (tmp, ws) = collected();
    let server = Server::start(&py, &tmp.path().join("mbox"), &[], &[]);
    use_server(&ws, server.port);
    let r = styr(
        &ws,
        &[
            "send",
            "--period",
            "2026-T1",
            "--smtp",
            "--forvaltning",
            "KFF",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sent = server.received().len();
    let r = styr(&ws, &["remind", "--period", "2026-T1", "--smtp"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let reminded = server.received().len() - sent;
    assert!(reminded > 0);
    let parsed = parse(&[server.received()[sent].1.clone()]);
    assert!(
        parsed[0].subject.starts_with("Påminnelse: "),
        "{}",
        parsed[0].subject
    );
    // A second run reminds nobody twice; --again does.
    let r = styr(&ws, &["remind", "--period", "2026-T1", "--smtp"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(server.received().len(), sent + reminded);
    let status = styr(&ws, &["status", "--period", "2026-T1"], &[]);
    assert!(
        status.stdout.contains(&format!(
            "2026-T1    uppfoljning      skickat {sent} (2026-04-27T08:00:00Z), påmint {reminded} (2026-04-27T08:00:00Z)"
        )),
        "{}",
        status.stdout
    );
}

#[test]
fn starttls_is_required_not_hoped_for() {
    let Some(py) = python_with_aiosmtpd() else {
        return;
    };
    let (tmp, ws) = workspace();
    // The local server offers no STARTTLS: the message must not go out in the clear.
    let server = Server::start(&py, &tmp.path().join("mbox"), &[], &[]);
    let p = ws.join("styr.toml");
    let mut s = std::fs::read_to_string(&p).unwrap();
    s.push_str(&format!(
        "\n[sending.smtp]\nhost = \"localhost\"\nport = {}\nsecurity = \"starttls\"\ntimeout_seconds = 10\n",
        server.port
    ));
    std::fs::write(&p, s).unwrap();
    let r = styr(
        &ws,
        &[
            "send",
            "--period",
            "2026-T1",
            "--unit",
            "kff-bibl-huvud",
            "--smtp",
        ],
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("fel: uppfoljning kff-bibl-huvud"),
        "{}",
        r.stderr
    );
    assert!(server.received().is_empty());
    assert!(!ws.join("data/epost-2026-T1.json").exists() || log_entries(&ws).is_empty());
}
