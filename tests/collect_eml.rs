//! Returns saved as e-mails: `collect` takes the workbooks attached to `.eml` files (forwarded
//! mails included) and registers them exactly as the same workbooks saved as files. The mails
//! are written by Python's `email` package, not by styr.

use std::path::{Path, PathBuf};
use std::process::Command;

fn styr(ws: &Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(ws)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1778572800")
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn init(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("init")
        .arg(&ws)
        .output()
        .unwrap();
    assert!(o.status.success());
    std::fs::create_dir_all(ws.join("inkommet/2026-T1")).unwrap();
    ws
}

/// Writes `out` (an .eml) holding `workbook` as attachment; `forwarded`: inside a forward.
const MAKE: &str = r#"
import sys
from email.message import EmailMessage
from email import policy
out, workbook, forwarded = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
m = EmailMessage()
m["From"] = "Åsa Öberg <asa.oberg@ekebo.se>"
m["To"] = "uppfoljning@ekebo.se"
m["Subject"] = "Svar: Uppföljning tertial 1"
m["Date"] = "Mon, 11 May 2026 09:30:00 +0200"
m.set_content("Hej! Här är vår uppföljning.")
if workbook:
    with open(workbook, "rb") as f:
        data = f.read()
    m.add_attachment(data, maintype="application",
                     subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     filename=workbook.rsplit("/", 1)[-1])
if forwarded:
    fw = EmailMessage()
    fw["From"] = "Chef <chef@ekebo.se>"
    fw["To"] = "uppfoljning@ekebo.se"
    fw["Subject"] = "VB: Svar: Uppföljning tertial 1"
    fw.set_content("Vidarebefordrar.")
    fw.add_attachment(m)
    m = fw
with open(out, "wb") as f:
    f.write(m.as_bytes(policy=policy.SMTP))
"#;

fn mail(out: &Path, workbook: Option<&Path>, forwarded: bool) {
    let o = Command::new("python3")
        .arg("-c")
        .arg(MAKE)
        .arg(out)
        .arg(
            workbook
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        )
        .arg(if forwarded { "1" } else { "0" })
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn register(ws: &Path) -> Vec<(String, String)> {
    let v: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(ws.join("data/inlamning-2026-T1.json")).unwrap())
            .unwrap();
    let mut out: Vec<(String, String)> = v
        .iter()
        .map(|e| {
            (
                e["recipient"].as_str().unwrap_or("").to_string(),
                e["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn workbooks_attached_to_mails_count_as_the_same_files_would() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/returns/2026-T1");
    let wrapped = [
        "uppfoljning-2026-T1-buf-elevhalsa.xlsx",
        "uppfoljning-2026-T1-buf-fsk-ekorren.xlsx",
    ];
    // As files.
    let a = tempfile::tempdir().unwrap();
    let plain = init(a.path());
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), plain.join("inkommet/2026-T1").join(e.file_name())).unwrap();
    }
    let (code, _, err) = styr(&plain, &["collect", "--period", "2026-T1"]);
    assert_eq!(code, 1, "{err}");
    // Two of them as mails, one forwarded; and a mail with no workbook.
    let b = tempfile::tempdir().unwrap();
    let mailed = init(b.path());
    let inbox = mailed.join("inkommet/2026-T1");
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(i) = wrapped.iter().position(|w| *w == name) {
            mail(
                &inbox.join(format!("svar-{i}.eml")),
                Some(&e.path()),
                i == 1,
            );
        } else {
            std::fs::copy(e.path(), inbox.join(&name)).unwrap();
        }
    }
    mail(&inbox.join("tom.eml"), None, false);
    let inputs: Vec<Vec<u8>> = ["svar-0.eml", "svar-1.eml", "tom.eml"]
        .iter()
        .map(|n| std::fs::read(inbox.join(n)).unwrap())
        .collect();
    let (code, out, err) = styr(&mailed, &["collect", "--period", "2026-T1"]);
    assert_eq!(code, 1, "{err}");
    // The mail without a workbook gets its own finding, not "a text file".
    let line = out
        .lines()
        .find(|l| l.contains("tom.eml"))
        .unwrap_or_else(|| panic!("the mail without a workbook is reported\n{out}"));
    assert!(
        line.contains("R015") && line.contains("utan bifogad arbetsbok"),
        "{line}"
    );
    let mut expected = register(&plain);
    let got = register(&mailed);
    // The mail without a workbook is one more rejected file; everything else is the same.
    expected.push((String::new(), "avvisad".into()));
    expected.sort();
    assert_eq!(got, expected);
    // The values stored name the attachment, and the mail's sender is kept beside it.
    for (i, w) in wrapped.iter().enumerate() {
        let staged = mailed.join(format!("data/epost-bilagor/2026-T1/svar-{i}.eml/{w}"));
        assert_eq!(
            std::fs::read(&staged).unwrap(),
            std::fs::read(src.join(w)).unwrap()
        );
        let about =
            std::fs::read_to_string(staged.parent().unwrap().join("avsandare.json")).unwrap();
        let sender = if i == 1 {
            "chef@ekebo.se"
        } else {
            "asa.oberg@ekebo.se"
        };
        assert!(
            about.contains(&format!("\"from\": \"{sender}\"")),
            "{about}"
        );
        // The store's provenance of every value of the mailed return names the mail's sender
        // and date; the values of returns saved as files name none.
        let store = styr::analysis::store::Store::load(
            &mailed.join("data").join(styr::analysis::store::STORE_FILE),
        )
        .unwrap();
        let of_file: Vec<_> = store
            .values
            .iter()
            .filter(|v| v.file.ends_with(*w))
            .collect();
        assert!(!of_file.is_empty(), "{w} stored");
        for v in of_file {
            let m = v
                .mail
                .as_ref()
                .unwrap_or_else(|| panic!("{w}: no mail provenance"));
            assert_eq!(m.from, sender);
            // The forwarding mail of the fixture has no Date header: no date, not a made-up one.
            assert!(
                if i == 0 {
                    m.date.starts_with("20")
                } else {
                    m.date.is_empty() || m.date.starts_with("20")
                },
                "{m:?}"
            );
        }
        assert!(
            store
                .values
                .iter()
                .filter(|v| !wrapped.iter().any(|w| v.file.ends_with(*w)))
                .all(|v| v.mail.is_none())
        );
    }
    // The mails themselves are never touched.
    for (n, before) in ["svar-0.eml", "svar-1.eml", "tom.eml"].iter().zip(&inputs) {
        assert_eq!(&std::fs::read(inbox.join(n)).unwrap(), before);
    }
}

#[test]
fn a_draft_written_by_send_round_trips_through_collect() {
    let d = tempfile::tempdir().unwrap();
    let ws = init(d.path());
    let (code, _, err) = styr(&ws, &["generate", "uppfoljning", "--period", "2026-T1"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = styr(
        &ws,
        &["send", "--period", "2026-T1", "--unit", "kff-bibl-huvud"],
    );
    assert_eq!(code, 0, "{err}");
    let name = "uppfoljning-2026-T1-kff-bibl-huvud";
    std::fs::copy(
        ws.join(format!("utskick/2026-T1/epost/{name}.eml")),
        ws.join("inkommet/2026-T1/svar.eml"),
    )
    .unwrap();
    let (_, out, _) = styr(&ws, &["collect", "--period", "2026-T1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{out}");
    assert_eq!(
        files[0]["file"],
        format!("data/epost-bilagor/2026-T1/svar.eml/{name}.xlsx")
    );
    assert_eq!(
        files[0]["recipient"], "kff-bibl-huvud",
        "identified by its content"
    );
    let staged = ws.join(format!("data/epost-bilagor/2026-T1/svar.eml/{name}.xlsx"));
    assert_eq!(
        std::fs::read(staged).unwrap(),
        std::fs::read(ws.join(format!("utskick/2026-T1/{name}.xlsx"))).unwrap()
    );
}

/// An Outlook `.msg` as MS-OXMSG lays it out, written with the `cfb` crate (no Outlook-compatible
/// writer installs from the package registries here): the sender's SMTP address, the subject,
/// the submit time, and one attachment, optionally inside a forwarded (embedded) message.
fn outlook_msg(workbook: &Path, forwarded: bool) -> Vec<u8> {
    use std::io::{Cursor, Write};
    type C = cfb::CompoundFile<Cursor<Vec<u8>>>;
    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }
    fn put(c: &mut C, p: &str, b: &[u8]) {
        c.create_stream(p).unwrap().write_all(b).unwrap();
    }
    fn message(c: &mut C, dir: &str, from: &str, header: usize) {
        put(c, &format!("{dir}/__substg1.0_5D01001F"), &utf16(from));
        put(
            c,
            &format!("{dir}/__substg1.0_0037001F"),
            &utf16("Svar: Uppföljning tertial 1"),
        );
        let mut props = vec![0u8; header];
        props.extend_from_slice(&((0x0039u32 << 16) | 0x0040).to_le_bytes());
        props.extend_from_slice(&[6, 0, 0, 0]);
        props.extend_from_slice(&((1_778_484_600u64 + 11_644_473_600) * 10_000_000).to_le_bytes());
        put(c, &format!("{dir}/__properties_version1.0"), &props);
    }
    let name = workbook.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(workbook).unwrap();
    let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    let mut dir = String::new();
    if forwarded {
        message(&mut c, "", "chef@ekebo.se", 32);
        c.create_storage("/__attach_version1.0_#00000000").unwrap();
        dir = "/__attach_version1.0_#00000000/__substg1.0_3701000D".into();
        c.create_storage(&dir).unwrap();
        message(&mut c, &dir, "asa.oberg@ekebo.se", 24);
    } else {
        message(&mut c, "", "asa.oberg@ekebo.se", 32);
    }
    let a = format!("{dir}/__attach_version1.0_#00000000");
    c.create_storage(&a).unwrap();
    put(&mut c, &format!("{a}/__substg1.0_3707001F"), &utf16(&name));
    put(&mut c, &format!("{a}/__substg1.0_37010102"), &bytes);
    c.flush().unwrap();
    c.into_inner().into_inner()
}

#[test]
fn workbooks_attached_to_outlook_msg_files_are_returns() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/returns/2026-T1");
    let d = tempfile::tempdir().unwrap();
    let ws = init(d.path());
    let inbox = ws.join("inkommet/2026-T1");
    let a = "uppfoljning-2026-T1-buf-elevhalsa.xlsx";
    let b = "uppfoljning-2026-T1-buf-fsk-ekorren.xlsx";
    std::fs::write(inbox.join("svar.msg"), outlook_msg(&src.join(a), false)).unwrap();
    std::fs::write(inbox.join("vb.msg"), outlook_msg(&src.join(b), true)).unwrap();
    let (_, out, err) = styr(&ws, &["collect", "--period", "2026-T1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{err}"));
    let mut got: Vec<(String, String)> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["recipient"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                format!("data/epost-bilagor/2026-T1/svar.msg/{a}"),
                "buf-elevhalsa".to_string()
            ),
            (
                format!("data/epost-bilagor/2026-T1/vb.msg/{b}"),
                "buf-fsk-ekorren".to_string()
            ),
        ]
    );
    let about =
        std::fs::read_to_string(ws.join("data/epost-bilagor/2026-T1/svar.msg/avsandare.json"))
            .unwrap();
    assert!(
        about.contains("\"from\": \"asa.oberg@ekebo.se\""),
        "{about}"
    );
    assert!(
        about.contains("\"date\": \"2026-05-11T07:30:00Z\""),
        "{about}"
    );
    let reg = register(&ws);
    assert!(
        reg.contains(&("buf-elevhalsa".to_string(), "inkommen".to_string())),
        "{reg:?}"
    );
}
