#!/usr/bin/python3
"""Fill cells of workbooks with a headless LibreOffice Calc (the tests' "real client").

Usage:  /usr/bin/python3 tools/lo_fill.py SPEC.json      (SPEC "-" reads the spec from stdin)

Runs only with Debian's /usr/bin/python3: python3-uno is not importable from a venv.
See tools/README.md for the SPEC format and exactly what each cell kind does.

One soffice is started per run (private profile, Swedish locale by default), every job
is done on a copy of its input in a temp dir, every output is written with its filter,
and soffice is always terminated. Prints a JSON report of the cells as read back from
the document after writing on stdout; progress and errors go to stderr. Exit codes:
0 ok, 1 a fill failed, 2 bad usage or spec.
"""

import datetime
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
    from com.sun.star.uno import Exception as UnoException
    from com.sun.star.uno import RuntimeException as UnoRuntimeException
except ImportError as exc:  # pragma: no cover - depends on the interpreter
    sys.stderr.write(
        "lo_fill: cannot import python3-uno (%s).\n"
        "Run with Debian's interpreter: /usr/bin/python3 tools/lo_fill.py SPEC.json\n"
        "and install it with: apt-get install -y --no-install-recommends "
        "libreoffice-calc-nogui python3-uno\n" % exc
    )
    sys.exit(2)


DEFAULT_LOCALE = "sv-SE"
DEFAULT_CONNECT_TIMEOUT = 60.0
DEFAULT_JOB_TIMEOUT = 120.0
FILTERS_BY_EXTENSION = {
    ".xlsx": "Calc MS Excel 2007 XML",
    ".ods": "calc8",
    ".xls": "MS Excel 97",
    ".pdf": "calc_pdf_Export",
}
KINDS = ("number", "text", "date", "input", "clear")
TOP_KEYS = {"jobs", "input", "outputs", "cells", "password", "recalculate", "timeout",
            "locale", "connect_timeout", "soffice"}
JOB_KEYS = {"input", "outputs", "cells", "password", "recalculate", "timeout"}
CELL_KEYS = {"sheet", "cell", "kind", "value"}
OUTPUT_KEYS = {"path", "filter"}
CELL_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")
# com.sun.star.sheet.CellFlags: VALUE | DATETIME | STRING | FORMULA. This is what the
# Delete key removes in Calc: the content, but not the notes and not the formatting.
CLEAR_FLAGS = 1 | 2 | 4 | 16


class SpecError(Exception):
    """The spec is malformed (exit code 2)."""


class FillError(Exception):
    """A fill failed (exit code 1)."""


def log(msg):
    sys.stderr.write("lo_fill: %s\n" % msg)
    sys.stderr.flush()


# --------------------------------------------------------------------------- spec


def _check_keys(obj, allowed, where):
    if not isinstance(obj, dict):
        raise SpecError("%s must be a JSON object" % where)
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise SpecError("%s: unknown key(s) %s (allowed: %s)"
                        % (where, ", ".join(unknown), ", ".join(sorted(allowed))))


def _positive_number(value, where):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise SpecError("%s must be a positive number" % where)
    return float(value)


def parse_cell_ref(ref, where):
    m = CELL_RE.match(ref) if isinstance(ref, str) else None
    if not m:
        raise SpecError("%s: cell must be an A1 reference like \"B6\", got %r" % (where, ref))
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + (ord(ch) - ord("A") + 1)
    row = int(m.group(2))
    if col > 16384 or row > 1048576:
        raise SpecError("%s: cell %s is outside the sheet" % (where, ref))
    return col - 1, row - 1


def parse_date(value, where):
    if not isinstance(value, str):
        raise SpecError("%s: a date value must be a string \"YYYY-MM-DD\" "
                        "or \"YYYY-MM-DDTHH:MM[:SS]\"" % where)
    try:
        if len(value) == 10:
            return datetime.datetime.combine(datetime.date.fromisoformat(value),
                                             datetime.time())
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise SpecError("%s: not an ISO date: %r" % (where, value)) from None
    if parsed.tzinfo is not None:
        raise SpecError("%s: a date must not carry a time zone: %r" % (where, value))
    return parsed


def normalise_cell(cell, where):
    _check_keys(cell, CELL_KEYS, where)
    for key in ("sheet", "cell", "kind"):
        if key not in cell:
            raise SpecError("%s: missing %r" % (where, key))
    sheet, kind = cell["sheet"], cell["kind"]
    if not isinstance(sheet, str) or not sheet:
        raise SpecError("%s: sheet must be a non-empty string" % where)
    if kind not in KINDS:
        raise SpecError("%s: kind must be one of %s, got %r" % (where, ", ".join(KINDS), kind))
    col, row = parse_cell_ref(cell["cell"], where)
    value = cell.get("value")
    if kind != "clear" and "value" not in cell:
        raise SpecError("%s: kind %r needs a value" % (where, kind))
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value):
            raise SpecError("%s: a number value must be a finite JSON number, got %r"
                            % (where, value))
        value = float(value)
    elif kind in ("text", "input"):
        if not isinstance(value, str):
            raise SpecError("%s: a %s value must be a JSON string, got %r" % (where, kind, value))
    elif kind == "date":
        value = parse_date(value, where)
    elif kind == "clear" and value is not None:
        raise SpecError("%s: kind \"clear\" takes no value" % where)
    return {"sheet": sheet, "cell": cell["cell"].replace("$", "").upper(), "col": col,
            "row": row, "kind": kind, "value": value, "raw": cell.get("value")}


def normalise_output(out, where):
    if isinstance(out, str):
        out = {"path": out}
    _check_keys(out, OUTPUT_KEYS, where)
    path = out.get("path")
    if not isinstance(path, str) or not path:
        raise SpecError("%s: path must be a non-empty string" % where)
    path = os.path.abspath(path)
    filt = out.get("filter")
    if filt is None:
        filt = FILTERS_BY_EXTENSION.get(os.path.splitext(path)[1].lower())
        if filt is None:
            raise SpecError("%s: no filter given and none known for %s (known: %s)"
                            % (where, path, ", ".join(sorted(FILTERS_BY_EXTENSION))))
    elif not isinstance(filt, str) or not filt:
        raise SpecError("%s: filter must be a non-empty string" % where)
    if not os.path.isdir(os.path.dirname(path)):
        raise SpecError("%s: directory of %s does not exist" % (where, path))
    return {"path": path, "filter": filt}


def normalise_job(job, where, defaults):
    _check_keys(job, JOB_KEYS, where)
    merged = dict(defaults)
    merged.update(job)
    inp = merged.get("input")
    if not isinstance(inp, str) or not inp:
        raise SpecError("%s: input must be a non-empty string" % where)
    inp = os.path.abspath(inp)
    if not os.path.isfile(inp):
        raise SpecError("%s: input %s is not a file" % (where, inp))
    outputs = merged.get("outputs")
    if not isinstance(outputs, list) or not outputs:
        raise SpecError("%s: outputs must be a non-empty list" % where)
    outputs = [normalise_output(o, "%s.outputs[%d]" % (where, i)) for i, o in enumerate(outputs)]
    paths = [o["path"] for o in outputs]
    if len(set(paths)) != len(paths):
        raise SpecError("%s: the same output path is listed twice" % where)
    cells = merged.get("cells", [])
    if not isinstance(cells, list):
        raise SpecError("%s: cells must be a list" % where)
    cells = [normalise_cell(c, "%s.cells[%d]" % (where, i)) for i, c in enumerate(cells)]
    password = merged.get("password")
    if password is not None and not isinstance(password, str):
        raise SpecError("%s: password must be a string" % where)
    recalc = merged.get("recalculate", False)
    if not isinstance(recalc, bool):
        raise SpecError("%s: recalculate must be true or false" % where)
    timeout = _positive_number(merged.get("timeout", DEFAULT_JOB_TIMEOUT), where + ".timeout")
    return {"input": inp, "outputs": outputs, "cells": cells, "password": password,
            "recalculate": recalc, "timeout": timeout}


def load_spec(arg):
    try:
        if arg == "-":
            spec = json.load(sys.stdin)
        else:
            with open(arg, encoding="utf-8") as fh:
                spec = json.load(fh)
    except OSError as exc:
        raise SpecError("cannot read spec %s: %s" % (arg, exc)) from None
    except ValueError as exc:
        raise SpecError("spec %s is not valid JSON: %s" % (arg, exc)) from None
    _check_keys(spec, TOP_KEYS, "spec")
    locale = spec.get("locale", DEFAULT_LOCALE)
    if not isinstance(locale, str) or not re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", locale):
        raise SpecError("spec.locale must be a BCP 47 tag like \"sv-SE\", got %r" % (locale,))
    settings = {
        "locale": locale,
        "connect_timeout": _positive_number(spec.get("connect_timeout", DEFAULT_CONNECT_TIMEOUT),
                                            "spec.connect_timeout"),
        "soffice": spec.get("soffice", "soffice"),
    }
    if not isinstance(settings["soffice"], str) or not settings["soffice"]:
        raise SpecError("spec.soffice must be a string")
    if "jobs" in spec:
        if "input" in spec or "outputs" in spec or "cells" in spec:
            raise SpecError("spec: give either \"jobs\" or a single job's "
                            "\"input\"/\"outputs\"/\"cells\", not both")
        jobs = spec["jobs"]
        if not isinstance(jobs, list) or not jobs:
            raise SpecError("spec.jobs must be a non-empty list")
        # password, recalculate and timeout at the top are defaults for every job
        defaults = {k: spec[k] for k in ("password", "recalculate", "timeout") if k in spec}
        jobs = [normalise_job(j, "jobs[%d]" % i, defaults) for i, j in enumerate(jobs)]
    else:
        single = {k: spec[k] for k in JOB_KEYS if k in spec}
        jobs = [normalise_job(single, "spec", {})]
    return settings, jobs


# --------------------------------------------------------------------------- soffice


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def xml_escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


class Office:
    """One headless soffice with a private profile, reached over a named pipe."""

    def __init__(self, workdir, locale, soffice):
        self.workdir = workdir
        self.locale = locale
        self.profile = os.path.join(workdir, "profile")
        self.pipe = "styr_lo_fill_%d_%s" % (os.getpid(), uuid.uuid4().hex[:12])
        self.log_path = os.path.join(workdir, "soffice.log")
        self.proc = None
        self.desktop = None
        self.ctx = None
        self._seed_profile()
        exe = shutil.which(soffice)
        if exe is None:
            raise FillError("cannot find %r on PATH: apt-get install -y --no-install-recommends "
                            "libreoffice-calc-nogui python3-uno" % soffice)
        args = [exe, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                "--nolockcheck", "-env:UserInstallation=" + uno.systemPathToFileUrl(self.profile),
                "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe]
        env = dict(os.environ)
        env.pop("SAL_USE_VCLPLUGIN", None)
        with open(self.log_path, "wb") as logf:
            # own session: the whole process tree (soffice script, oosplash, soffice.bin)
            # is one process group that we can end by its id
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=logf,
                                         stderr=subprocess.STDOUT, env=env,
                                         start_new_session=True)

    def _seed_profile(self):
        """Write the locale into the fresh profile before soffice first reads it.

        ooSetupSystemLocale is Tools > Options > Language Settings > Languages >
        "Locale setting": it decides how typed numbers and dates are recognised
        (decimal comma, date order) and the language of the "General" number format
        given to cells of imported xlsx files."""
        user = os.path.join(self.profile, "user")
        os.makedirs(user)
        loc = xml_escape(self.locale)
        items = [
            ("/org.openoffice.Setup/L10N", "ooSetupSystemLocale", loc),
            ("/org.openoffice.Office.Linguistic/General", "DefaultLocale", loc),
            # no "recover documents" prompts, no first-start dialogs
            ("/org.openoffice.Office.Recovery/AutoSave", "Enabled", "false"),
            ("/org.openoffice.Office.Common/Misc", "FirstRun", "false"),
        ]
        with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as fh:
            fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                     '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                     'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                     'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')
            for path, name, value in items:
                fh.write('<item oor:path="%s"><prop oor:name="%s" oor:op="fuse">'
                         '<value>%s</value></prop></item>\n' % (path, name, value))
            fh.write("</oor:items>\n")

    def soffice_log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as fh:
                text = fh.read().strip()
        except OSError:
            return ""
        return text[-2000:]

    def connect(self, timeout):
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.ctx = resolver.resolve(url)
                break
            except NoConnectException:
                pass
            code = self.proc.poll()
            if code is not None:
                raise FillError("soffice exited with code %s before accepting a connection. "
                                "Its output: %s" % (code, self.soffice_log() or "(none)"))
            if time.monotonic() > deadline:
                raise FillError("soffice did not accept a connection within %.0f s. "
                                "Its output: %s" % (timeout, self.soffice_log() or "(none)"))
            time.sleep(0.1)
        smgr = self.ctx.ServiceManager
        # the desktop may not be ready in the first instant after the pipe opens
        while True:
            try:
                self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                              self.ctx)
                if self.desktop is not None:
                    break
            except UnoException:
                pass
            if time.monotonic() > deadline:
                raise FillError("soffice accepted a connection but no Desktop within %.0f s"
                                % timeout)
            time.sleep(0.1)
        actual = self.config_value("/org.openoffice.Setup/L10N", "ooSetupSystemLocale")
        if actual != self.locale:
            raise FillError("soffice runs with locale setting %r, not %r: the private profile "
                            "was not used" % (actual, self.locale))

    def config_value(self, node, name):
        provider = self.ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", self.ctx)
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess", (prop("nodepath", node),))
        return access.getByName(name)

    def kill(self):
        """End soffice's process group (ours: started with start_new_session)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def close(self):
        if self.proc is None:
            return
        if self.desktop is not None and self.proc.poll() is None:
            try:
                self.desktop.terminate()
            except Exception:  # the bridge goes away while terminate() returns
                pass
            self.desktop = None
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                log("soffice did not quit after terminate(); killing it")
        self.kill()
        # soffice.bin may outlive the oosplash we waited for: end the group for good
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


# --------------------------------------------------------------------------- filling


def content_type(cell):
    return cell.getType().value  # "EMPTY", "VALUE", "TEXT" or "FORMULA"


def describe(cell):
    kind = content_type(cell)
    out = {"type": kind, "string": cell.getString()}
    if kind in ("VALUE", "FORMULA"):
        out["value"] = cell.getValue()
    if kind == "FORMULA":
        out["formula"] = cell.getFormula()
    return out


def null_date(doc):
    nd = doc.NullDate
    return datetime.datetime(nd.Year, nd.Month, nd.Day)


def is_date_format(doc, cell):
    from com.sun.star.util.NumberFormat import DATE, DATETIME
    try:
        fmt = doc.getNumberFormats().getByKey(cell.NumberFormat)
        return bool(fmt.Type & (DATE | DATETIME))
    except UnoException:
        return False


def write_cell(doc, sheet, spec, where, protected):
    cell = sheet.getCellByPosition(spec["col"], spec["row"])
    kind, value = spec["kind"], spec["value"]
    locked = bool(cell.CellProtection.IsLocked)
    if (kind in ("input", "clear") or (kind == "text" and value == "")) and protected and locked:
        # LibreOffice ignores these (setString("") is a delete) on a locked cell of a
        # protected sheet without a word, as it stops a person typing or deleting there
        hint = ("give \"password\", or use kind number/text/date, which write through "
                "protection" if kind == "input" else "give \"password\"")
        raise FillError("%s: %s!%s is a locked cell on a protected sheet; a person cannot "
                        "%s there (%s)" % (where, spec["sheet"], spec["cell"],
                                           "type" if kind == "input" else "delete the content",
                                           hint))
    expected = None
    if kind == "number":
        cell.setValue(value)
        expected = lambda c: content_type(c) == "VALUE" and c.getValue() == value
    elif kind == "text":
        cell.setString(value)
        expected = lambda c: (content_type(c) == ("TEXT" if value else "EMPTY")
                              and c.getString() == value)
    elif kind == "date":
        serial = (value - null_date(doc)).total_seconds() / 86400.0
        cell.setValue(serial)
        expected = lambda c: content_type(c) == "VALUE" and abs(c.getValue() - serial) < 1e-9
        if not is_date_format(doc, cell):
            log("%s: %s!%s is not date-formatted: the serial %s will show as a number"
                % (where, spec["sheet"], spec["cell"], serial))
    elif kind == "input":
        # What the cell's input line does with typed text: FormulaLocal is parsed like
        # typed input, with the document's (= profile's) locale and the cell's format.
        cell.setPropertyValue("FormulaLocal", value)
    elif kind == "clear":
        cell.clearContents(CLEAR_FLAGS)
        expected = lambda c: content_type(c) == "EMPTY"
    if expected is not None and not expected(cell):
        raise FillError("%s: writing %s!%s (%s) did not take effect; the cell now holds %s%s"
                        % (where, spec["sheet"], spec["cell"], kind, json.dumps(describe(cell),
                           ensure_ascii=False),
                           " (locked cell on a protected sheet)" if protected and locked else ""))
    return {"sheet": spec["sheet"], "cell": spec["cell"], "kind": kind, "given": spec["raw"],
            "locked": locked, "sheet_protected": protected, "result": describe(cell)}


def store(doc, output, tmpdir, index, where):
    """Store the document with the output's filter into tmpdir; return that file's path."""
    ext = os.path.splitext(output["path"])[1]
    tmp_path = os.path.join(tmpdir, "out-%d%s" % (index, ext))
    try:
        doc.storeToURL(uno.systemPathToFileUrl(tmp_path),
                       (prop("FilterName", output["filter"]), prop("Overwrite", True)))
    except UnoException as exc:
        raise FillError("%s: storing %s with filter %r failed (is the filter name right?): %s"
                        % (where, output["path"], output["filter"], exc.Message or exc)) from None
    if not os.path.isfile(tmp_path) or os.path.getsize(tmp_path) == 0:
        raise FillError("%s: storing %s with filter %r produced no file"
                        % (where, output["path"], output["filter"]))
    return tmp_path


def publish(tmp_path, dest):
    """Copy next to the target, then rename over it: the target is never half written."""
    fd, staging = tempfile.mkstemp(prefix=".lo_fill-", dir=os.path.dirname(dest))
    os.close(fd)
    try:
        shutil.copyfile(tmp_path, staging)
        os.chmod(staging, 0o644)
        os.replace(staging, dest)
    except BaseException:
        if os.path.exists(staging):
            os.unlink(staging)
        raise


def run_job(office, job, index, workdir):
    where = "job %d (%s)" % (index, job["input"])
    jobdir = os.path.join(workdir, "job-%d" % index)
    os.makedirs(jobdir)
    copy = os.path.join(jobdir, os.path.basename(job["input"]))
    shutil.copyfile(job["input"], copy)
    doc = None
    try:
        doc = office.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(copy), "_blank", 0,
            (prop("Hidden", True), prop("ReadOnly", False),
             prop("MacroExecutionMode", 0),  # NEVER_EXECUTE
             prop("UpdateDocMode", 0)))  # NO_UPDATE: no external links
        if doc is None:
            raise FillError("%s: LibreOffice could not load the file" % where)
        if not hasattr(doc, "Sheets"):
            raise FillError("%s: not a spreadsheet" % where)
        sheets = doc.Sheets
        names = list(sheets.getElementNames())
        for cell in job["cells"]:
            if cell["sheet"] not in names:
                raise FillError("%s: no sheet %r; the sheets are %s"
                                % (where, cell["sheet"], ", ".join(repr(n) for n in names)))
        # unprotect the sheets we write to (if a password is given), in sheet order
        unprotected = []
        used = [n for n in names if any(c["sheet"] == n for c in job["cells"])]
        if job["password"] is not None:
            for name in used:
                sheet = sheets.getByName(name)
                if sheet.isProtected():
                    try:
                        sheet.unprotect(job["password"])
                    except UnoException:
                        raise FillError("%s: the password does not unprotect sheet %r"
                                        % (where, name)) from None
                    if sheet.isProtected():
                        raise FillError("%s: sheet %r is still protected after unprotect"
                                        % (where, name))
                    unprotected.append(name)
        results = []
        for i, cell in enumerate(job["cells"]):
            sheet = sheets.getByName(cell["sheet"])
            results.append(write_cell(doc, sheet, cell, "%s cells[%d]" % (where, i),
                                      bool(sheet.isProtected())))
        for name in unprotected:
            sheet = sheets.getByName(name)
            sheet.protect(job["password"])
            if not sheet.isProtected():
                raise FillError("%s: could not protect sheet %r again" % (where, name))
        if job["recalculate"]:
            doc.calculateAll()
        # all outputs are stored before any is put in place: a job that fails writes none
        stored = [store(doc, output, jobdir, i, where) for i, output in enumerate(job["outputs"])]
        for tmp_path, output in zip(stored, job["outputs"]):
            publish(tmp_path, output["path"])
        return {"input": job["input"], "outputs": [o["path"] for o in job["outputs"]],
                "reprotected": unprotected, "cells": results}
    finally:
        if doc is not None:
            try:
                doc.close(True)
            except Exception:
                try:
                    doc.dispose()
                except Exception:
                    pass


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 0 if len(argv) == 2 else 2
    try:
        settings, jobs = load_spec(argv[1])
    except SpecError as exc:
        log("bad spec: %s" % exc)
        return 2

    # SIGTERM/SIGINT/SIGHUP unwind through the finally below, so soffice is ended
    def on_signal(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, on_signal)

    started = time.monotonic()
    workdir = tempfile.mkdtemp(prefix="styr-lo_fill-")
    office = None
    report = {"locale": settings["locale"], "jobs": []}
    try:
        office = Office(workdir, settings["locale"], settings["soffice"])
        office.connect(settings["connect_timeout"])
        report["startup_seconds"] = round(time.monotonic() - started, 2)
        for index, job in enumerate(jobs):
            job_started = time.monotonic()
            timed_out = threading.Event()

            def on_timeout(ev=timed_out):
                ev.set()
                office.kill()
            timer = threading.Timer(job["timeout"], on_timeout)
            timer.daemon = True
            timer.start()
            try:
                result = run_job(office, job, index, workdir)
            except Exception as exc:
                if timed_out.is_set():
                    raise FillError("job %d (%s) took longer than %g s; soffice was killed"
                                    % (index, job["input"], job["timeout"])) from None
                if not isinstance(exc, (UnoException, UnoRuntimeException)):
                    raise
                raise FillError("job %d (%s): LibreOffice error %s: %s. soffice output: %s"
                                % (index, job["input"], type(exc).__name__,
                                   getattr(exc, "Message", "") or exc,
                                   office.soffice_log() or "(none)")) from None
            finally:
                timer.cancel()
            if timed_out.is_set():
                raise FillError("job %d (%s) took longer than %g s; soffice was killed"
                                % (index, job["input"], job["timeout"]))
            result["seconds"] = round(time.monotonic() - job_started, 2)
            report["jobs"].append(result)
            log("filled %s -> %s (%.2f s)" % (job["input"], ", ".join(result["outputs"]),
                                              result["seconds"]))
    except FillError as exc:
        log("FAILED: %s" % exc)
        return 1
    except KeyboardInterrupt as exc:
        log("interrupted (%s)" % exc)
        return 1
    except Exception as exc:  # anything unexpected still gives a clear one-line message
        log("FAILED: unexpected %s: %s" % (type(exc).__name__, exc))
        return 1
    finally:
        if office is not None:
            office.close()
        shutil.rmtree(workdir, ignore_errors=True)
    report["seconds"] = round(time.monotonic() - started, 2)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
