#!/usr/bin/python3
"""How LibreOffice prints workbooks: pages per sheet, and every cell whose text does not fit.

Usage:  /usr/bin/python3 tools/lo_print.py WORKBOOK...

Runs only with Debian's /usr/bin/python3 (python3-uno). Uses the soffice handling of
lo_fill.py (one soffice per run, private profile, Swedish locale). See tools/README.md.

For each workbook, each sheet: whether it is visible, its print areas, the pages it prints
(LibreOffice's own page count for the sheet, as File > Print would print it: print areas,
scaling and repeated rows honoured; 0 for a hidden sheet), and the cells of its printed
range (the print areas, else the used area) whose text does not fit, measured by
LibreOffice with the cell's own font on a scratch sheet:

  "height"  wrapped text taller than its row (or its merged rows): lines are cut off
  "word"    a word of wrapped text wider than its column (or merged columns): the word is
            broken inside ("Förvaltninge / n")
  "width"   text that does not wrap and is wider than its cell, where the next cell in the
            direction it runs (right; left when right-aligned) is not empty (the text is cut
            off) or lies outside the printed range

Prints {"workbooks": [{"path", "pages", "sheets": [{"name", "visible", "print_areas":
["A1:F20"], "pages", "overflows": [{"cell", "problem", "text", "bold", "need_mm",
"have_mm"}]}]}]}.
Exit 0 ok (whatever was found), 1 a workbook could not be loaded, 2 bad usage.
"""

import json
import os
import re
import shutil
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lo_fill  # noqa: E402  (the soffice handling, shared)
from lo_fill import FillError, prop  # noqa: E402

import uno  # noqa: E402

# what LibreOffice adds to a column's optimal width beyond its text and margins (1/100 mm)
OPTIMAL_EXTRA = 200
# 1/100 mm LibreOffice may round a measured size by
TOLERANCE = 20
# the widest a character prints, per point of font size (1/100 mm): text whose every character
# could be this wide and still fit is not measured
MAX_CHAR_PER_PT = 32
CHAR_PROPS = ("CharHeight", "CharWeight", "CharPosture", "CharFontName")


def font_of(obj):
    """The font properties of a cell or range, hashable (an enum as its name)."""
    return tuple(getattr(v, "value", v) for v in (obj.getPropertyValue(k) for k in CHAR_PROPS))


def col_letters(col):
    s = ""
    col += 1
    while col > 0:
        col, rem = divmod(col - 1, 26)
        s = chr(ord("A") + rem) + s
    return s


def ref(col, row):
    return "%s%d" % (col_letters(col), row + 1)


def parse_ref(text):
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", text)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return col - 1, int(m.group(2)) - 1


def merges_by_sheet(path):
    """{sheet name: [(c0, r0, c1, r1)]} from the xlsx's mergeCell elements."""
    out = {}
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return out
    with z:
        names = set(z.namelist())
        if "xl/workbook.xml" not in names:
            return out
        wb = z.read("xl/workbook.xml").decode("utf-8")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        targets = dict(re.findall(r'<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"',
                                  rels))
        targets.update({k: v for v, k in re.findall(
            r'<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
        for name, rid in re.findall(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', wb):
            name = (name.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&quot;", '"').replace("&apos;", "'"))
            target = targets.get(rid, "")
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            if part not in names:
                continue
            xml = z.read(part).decode("utf-8")
            ranges = []
            for a, b in re.findall(r'<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"', xml):
                (c0, r0), (c1, r1) = parse_ref(a), parse_ref(b)
                ranges.append((c0, r0, c1, r1))
            out[name] = ranges
    return out


class Measure:
    """A scratch sheet on which LibreOffice lays text out in a given font and width."""

    def __init__(self, doc):
        sheets = doc.Sheets
        name = "_lo_print_measure"
        sheets.insertNewByName(name, sheets.getCount())
        self.sheet = sheets.getByName(name)
        self.cell = self.sheet.getCellByPosition(0, 0)
        self.col = self.sheet.getColumns().getByIndex(0)
        self.row = self.sheet.getRows().getByIndex(0)
        self.cache = {}

    def _set(self, text, font, wrap):
        for k, v in zip(CHAR_PROPS, font):
            if k == "CharPosture":
                v = uno.Enum("com.sun.star.awt.FontSlant", v)
            self.cell.setPropertyValue(k, v)
        self.cell.IsTextWrapped = wrap
        self.cell.setString(text)

    def width(self, text, font):
        """The width one line of `text` takes (1/100 mm)."""
        key = ("w", text, font)
        if key not in self.cache:
            self._set(text, font, False)
            self.col.OptimalWidth = True
            # the optimal width has LibreOffice's extra 2 mm (STD_EXTRA_WIDTH) on top
            self.cache[key] = self.col.Width - OPTIMAL_EXTRA
        return self.cache[key]

    def height(self, text, font, width):
        """The height `text` wrapped in `width` takes (1/100 mm)."""
        key = ("h", text, font, width)
        if key not in self.cache:
            self._set(text, font, True)
            self.col.Width = width
            self.row.OptimalHeight = True
            self.cache[key] = self.row.Height
        return self.cache[key]


def format_map(sheet, bounds):
    """{(col, row): (wrap, font)} for the cells within `bounds` (c0, r0, c1, r1), from the
    sheet's uniformly formatted ranges."""
    out = {}
    b0, b1, b2, b3 = bounds
    ranges = sheet.getCellFormatRanges()
    for i in range(ranges.getCount()):
        r = ranges.getByIndex(i)
        a = r.getRangeAddress()
        c0, r0 = max(a.StartColumn, b0), max(a.StartRow, b1)
        c1, r1 = min(a.EndColumn, b2), min(a.EndRow, b3)
        if c0 > c1 or r0 > r1:
            continue
        f = (bool(r.IsTextWrapped), font_of(r), r.HoriJustify.value)
        for c in range(c0, c1 + 1):
            for row in range(r0, r1 + 1):
                out[(c, row)] = f
    return out


def used_range(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    return (0, 0, end.EndColumn, end.EndRow)


def checked_ranges(sheet):
    """The printed range (the print areas), and the rest of the used area too: text on screen
    must fit as well."""
    areas = [(a.StartColumn, a.StartRow, a.EndColumn, a.EndRow) for a in sheet.getPrintAreas()]
    return areas, used_range(sheet)


def check_sheet(sheet, merges, measure):
    """Every cell of the used area whose text does not fit (see the module doc)."""
    overflows = []
    cols = sheet.getColumns()
    rows = sheet.getRows()
    areas, used = checked_ranges(sheet)
    c0, r0, c1, r1 = used
    # the right edge text may not pass: the printed range's, else the used area's
    right_edge = max((a[2] for a in areas), default=c1)
    formats = format_map(sheet, used)
    col_width = [cols.getByIndex(c).Width if cols.getByIndex(c).IsVisible else 0
                 for c in range(c1 + 1)]
    row_height = {}

    def rh(r):
        if r not in row_height:
            row = rows.getByIndex(r)
            row_height[r] = row.Height if row.IsVisible else 0
        return row_height[r]

    merged_at = {}
    covered = set()
    for m0, n0, m1, n1 in merges:
        merged_at[(m0, n0)] = (m1, n1)
        for c in range(m0, m1 + 1):
            for r in range(n0, n1 + 1):
                if (c, r) != (m0, n0):
                    covered.add((c, r))

    data = sheet.getCellRangeByPosition(c0, r0, c1, r1).getDataArray()
    for r, values in enumerate(data):
        if rh(r) == 0:
            continue
        row_candidates = []
        for c, value in enumerate(values):
            if not isinstance(value, str) or value == "" or (c, r) in covered:
                continue
            if col_width[c] == 0:
                continue
            ec, er = merged_at.get((c, r), (c, r))
            width = sum(col_width[x] for x in range(c, min(ec, c1) + 1))
            height = sum(rh(y) for y in range(r, er + 1))
            wrap, font, justify = formats.get((c, r), (False, None, "STANDARD"))
            if font is None:
                cell = sheet.getCellByPosition(c, r)
                font, justify = font_of(cell), cell.HoriJustify.value
            lines = value.split("\n")
            longest = max(len(line) for line in lines)
            max_char = MAX_CHAR_PER_PT * (font[0] or 11)

            bold = (font[1] or 100) > 100

            def found(problem, text, need, have, c=c, bold=bold):
                overflows.append({"cell": ref(c, r), "problem": problem, "text": text,
                                  "bold": bold, "need_mm": round(need / 100.0, 1),
                                  "have_mm": round(have / 100.0, 1)})

            if wrap:
                # LibreOffice breaks lines at spaces and after a hyphen or a slash
                words = {w for w in re.split(r"\s+|(?<=[-/])", value) if w}
                for w in sorted((w for w in words if len(w) * max_char > width),
                                key=lambda w: (-len(w), w)):
                    need = measure.width(w, font)
                    if need > width + TOLERANCE:
                        found("word", w, need, width)
                        break
            elif longest * max_char > width:
                need = max(measure.width(line, font) for line in lines)
                if need > width + TOLERANCE:
                    # text runs into the empty cells beside it: to the right, to the left when
                    # right-aligned, both ways when centred
                    def blocked_right():
                        nxt = ec + 1
                        return nxt > right_edge or (nxt <= c1 and values[nxt] != "")

                    def blocked_left():
                        return c == 0 or values[c - 1] != ""

                    blocked = {"RIGHT": blocked_left,
                               "CENTER": lambda: blocked_left() or blocked_right()}.get(
                                   justify, blocked_right)()
                    if blocked:
                        found("width", value, need, width)
            if (wrap and longest * max_char > width) or len(lines) > 1:
                if (ec, er) != (c, r):
                    # LibreOffice's optimal row height leaves merged cells out: measure
                    need = measure.height(value, font, width if wrap else 10 ** 6)
                    if need > height + TOLERANCE:
                        found("height", value, need, height)
                else:
                    row_candidates.append((len(value), c, value))
        if row_candidates:
            # the row's optimal height is what its unmerged cells need
            row = rows.getByIndex(r)
            row.OptimalHeight = True
            need = row.Height
            if need > rh(r) + TOLERANCE:
                _, c, value = max(row_candidates)
                overflows.append({"cell": ref(c, r), "problem": "height", "text": value,
                                  "bold": False, "need_mm": round(need / 100.0, 1),
                                  "have_mm": round(rh(r) / 100.0, 1)})
    return overflows


def check_workbook(office, path, workdir, index):
    copy = os.path.join(workdir, "wb-%d%s" % (index, os.path.splitext(path)[1]))
    shutil.copyfile(path, copy)
    doc = office.desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(copy), "_blank", 0,
        (prop("Hidden", True), prop("MacroExecutionMode", 0), prop("UpdateDocMode", 0)))
    if doc is None or not hasattr(doc, "Sheets"):
        raise FillError("%s could not be loaded as a spreadsheet" % path)
    try:
        merges = merges_by_sheet(path)
        names = list(doc.Sheets.getElementNames())
        sheets = []
        total = doc.getRendererCount(doc, ())
        for name in names:
            sheet = doc.Sheets.getByName(name)
            visible = bool(sheet.IsVisible)
            areas = ["%s:%s" % (ref(a.StartColumn, a.StartRow), ref(a.EndColumn, a.EndRow))
                     for a in sheet.getPrintAreas()]
            pages = doc.getRendererCount(sheet, ()) if visible else 0
            sheets.append({"name": name, "visible": visible, "print_areas": areas,
                           "pages": pages, "sheet": sheet})
        measure = Measure(doc)
        for s in sheets:
            sheet = s.pop("sheet")
            s["overflows"] = (check_sheet(sheet, merges.get(s["name"], []), measure)
                              if s["visible"] else [])
        return {"path": path, "pages": total, "sheets": sheets}
    finally:
        try:
            doc.close(True)
        except Exception:
            pass


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        sys.stderr.write(__doc__)
        return 2
    paths = [os.path.abspath(p) for p in argv[1:]]
    for p in paths:
        if not os.path.isfile(p):
            lo_fill.log("no such file: %s" % p)
            return 2
    workdir = tempfile.mkdtemp(prefix="styr-lo_print-")
    office = None
    report = {"workbooks": []}
    try:
        office = lo_fill.Office(workdir, lo_fill.DEFAULT_LOCALE, "soffice")
        office.connect(lo_fill.DEFAULT_CONNECT_TIMEOUT)
        for i, p in enumerate(paths):
            report["workbooks"].append(check_workbook(office, p, workdir, i))
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
