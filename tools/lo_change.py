#!/usr/bin/python3
"""Change workbooks the way a person does in LibreOffice Calc, and read cells as Calc shows them.

Usage:  /usr/bin/python3 tools/lo_change.py SPEC.json      (SPEC "-" reads it from stdin)

Runs only with Debian's /usr/bin/python3 (python3-uno). Uses the soffice handling of
lo_fill.py (one soffice per run, private profile, Swedish locale). See tools/README.md.

SPEC: {"password": "...", "jobs": [{"input": PATH, "outputs": [PATH...], "ops": [...],
                                    "read": [{"sheet": S, "cell": "H6"}...]}]}

Each job loads a copy of its input, unprotects every protected sheet with the password, runs
its ops in order, protects the sheets again, stores every output (filter by extension), then
reads the cells in "read", and every non-empty cell of the sheets named in "used", from the
document as it is then. An op is one of:

  {"op": "insert_rows", "sheet": S, "row": 7, "count": 1}      rows before row 7 (1-based)
  {"op": "insert_columns", "sheet": S, "col": "H", "count": 1}  columns before column H
  {"op": "delete_sheet", "sheet": S}
  {"op": "set", "sheet": S, "cell": "H6", "kind": "number"|"text"|"input", "value": V}
        number: setValue; text: setString (never parsed); input: typed as a Swedish
        LibreOffice user would (FormulaLocal: "94%", "15/3", "0,095"). Typed into a cell
        that already has a number format, Calc keeps that format (9,5% shows as 0,1).
  {"op": "merge", "sheet": S, "range": "H6:J6"}       merge cells, keeping the hidden values
  {"op": "format", "sheet": S, "cell": "H6", "code": "0.0%"}
        sets the cell's number format (an en-US format code), as Format Cells does, and as
        Excel does when "9,5%" or "15/3" is typed into a number cell

Prints {"jobs": [{"outputs": [...], "cells": [{"sheet", "cell", "type", "string",
"value"?, "format": "percent"|"date"|"text"|"number"|"other", "hidden_by_merge": bool}]}]}.
Exit 0 ok, 1 a job failed, 2 bad usage.
"""

import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lo_fill  # noqa: E402  (the soffice handling, shared)
from lo_fill import FillError, prop  # noqa: E402

import uno  # noqa: E402


def position(ref):
    col, row = lo_fill.parse_cell_ref(ref, "cell")
    return col, row


def col_index(letters):
    col, _ = lo_fill.parse_cell_ref(letters + "1", "col")
    return col


def format_kind(doc, cell):
    from com.sun.star.util.NumberFormat import DATE, DATETIME, PERCENT, TEXT, TIME
    try:
        t = doc.getNumberFormats().getByKey(cell.NumberFormat).Type
    except Exception:
        return "other"
    if t & PERCENT:
        return "percent"
    if t & (DATE | DATETIME | TIME):
        return "date"
    if t & TEXT:
        return "text"
    return "number"


def hidden_by_merge(sheet, col, row):
    """Whether the cell lies in a merged range and is not its first cell."""
    cursor = sheet.createCursorByRange(sheet.getCellByPosition(col, row))
    cursor.collapseToMergedArea()
    a = cursor.getRangeAddress()
    merged = a.StartColumn != a.EndColumn or a.StartRow != a.EndRow
    return merged and (a.StartColumn, a.StartRow) != (col, row)


def read_cell(doc, spec):
    sheet = doc.Sheets.getByName(spec["sheet"])
    col, row = position(spec["cell"])
    cell = sheet.getCellByPosition(col, row)
    out = lo_fill.describe(cell)
    out.update({"sheet": spec["sheet"], "cell": spec["cell"],
                "format": format_kind(doc, cell),
                "hidden_by_merge": hidden_by_merge(sheet, col, row)})
    return out


def used_cells(doc, name):
    """Every non-empty cell of a sheet's used area, as read_cell describes it."""
    sheet = doc.Sheets.getByName(name)
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    data = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).getDataArray()
    out = []
    for row, values in enumerate(data):
        for col, value in enumerate(values):
            if value == "":
                continue
            ref = "%s%d" % (col_letters(col), row + 1)
            out.append(read_cell(doc, {"sheet": name, "cell": ref}))
    return out


def col_letters(col):
    s = ""
    col += 1
    while col > 0:
        col, rem = divmod(col - 1, 26)
        s = chr(ord("A") + rem) + s
    return s


def run_op(doc, op):
    sheets = doc.Sheets
    kind = op["op"]
    if kind == "delete_sheet":
        sheets.removeByName(op["sheet"])
        return
    sheet = sheets.getByName(op["sheet"])
    if kind == "insert_rows":
        sheet.Rows.insertByIndex(op["row"] - 1, op.get("count", 1))
    elif kind == "insert_columns":
        sheet.Columns.insertByIndex(col_index(op["col"]), op.get("count", 1))
    elif kind == "merge":
        sheet.getCellRangeByName(op["range"]).merge(True)
    elif kind == "format":
        from com.sun.star.lang import Locale
        col, row = position(op["cell"])
        formats = doc.getNumberFormats()
        locale = Locale("en", "US", "")
        key = formats.queryKey(op["code"], locale, False)
        if key == -1:
            key = formats.addNew(op["code"], locale)
        sheet.getCellByPosition(col, row).NumberFormat = key
    elif kind == "set":
        col, row = position(op["cell"])
        cell = sheet.getCellByPosition(col, row)
        if op["kind"] == "number":
            cell.setValue(float(op["value"]))
        elif op["kind"] == "text":
            cell.setString(op["value"])
        elif op["kind"] == "input":
            cell.setPropertyValue("FormulaLocal", op["value"])
        else:
            raise FillError("unknown set kind %r" % op["kind"])
    else:
        raise FillError("unknown op %r" % kind)


def run_job(office, job, index, workdir, password):
    jobdir = os.path.join(workdir, "job-%d" % index)
    os.makedirs(jobdir)
    copy = os.path.join(jobdir, os.path.basename(job["input"]))
    shutil.copyfile(job["input"], copy)
    doc = office.desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(copy), "_blank", 0,
        (prop("Hidden", True), prop("MacroExecutionMode", 0), prop("UpdateDocMode", 0)))
    if doc is None or not hasattr(doc, "Sheets"):
        raise FillError("job %d: %s could not be loaded as a spreadsheet" % (index, job["input"]))
    try:
        ops = job.get("ops", [])
        unprotected = []
        if ops and password is not None:
            for name in doc.Sheets.getElementNames():
                sheet = doc.Sheets.getByName(name)
                if sheet.isProtected():
                    sheet.unprotect(password)
                    unprotected.append(name)
        for op in ops:
            run_op(doc, op)
        names = set(doc.Sheets.getElementNames())
        for name in unprotected:
            if name in names:
                doc.Sheets.getByName(name).protect(password)
        outputs = []
        for i, path in enumerate(job.get("outputs", [])):
            ext = os.path.splitext(path)[1].lower()
            tmp = os.path.join(jobdir, "out-%d%s" % (i, ext))
            doc.storeToURL(uno.systemPathToFileUrl(tmp),
                           (prop("FilterName", lo_fill.FILTERS_BY_EXTENSION[ext]),
                            prop("Overwrite", True)))
            lo_fill.publish(tmp, os.path.abspath(path))
            outputs.append(os.path.abspath(path))
        cells = [read_cell(doc, c) for c in job.get("read", [])]
        for name in job.get("used", []):
            if name in names:
                cells.extend(used_cells(doc, name))
        return {"input": job["input"], "outputs": outputs, "cells": cells}
    finally:
        try:
            doc.close(True)
        except Exception:
            pass


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    try:
        with open(argv[1], encoding="utf-8") if argv[1] != "-" else sys.stdin as fh:
            spec = json.load(fh)
    except (OSError, ValueError) as exc:
        lo_fill.log("bad spec: %s" % exc)
        return 2
    workdir = tempfile.mkdtemp(prefix="styr-lo_change-")
    office = None
    report = {"jobs": []}
    try:
        office = lo_fill.Office(workdir, spec.get("locale", lo_fill.DEFAULT_LOCALE), "soffice")
        office.connect(lo_fill.DEFAULT_CONNECT_TIMEOUT)
        for i, job in enumerate(spec["jobs"]):
            report["jobs"].append(run_job(office, job, i, workdir, spec.get("password")))
    except Exception as exc:  # one clear line, whatever failed
        lo_fill.log("FAILED: %s: %s" % (type(exc).__name__, getattr(exc, "Message", "") or exc))
        return 1
    finally:
        if office is not None:
            office.close()
        shutil.rmtree(workdir, ignore_errors=True)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
