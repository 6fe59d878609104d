#!/usr/bin/env python3
"""Finishes the example returns after LibreOffice has filled them (see make_returns.sh).

For each entry of STAMPS.json:
  {"path": P, "saved": ISO}      sets the save date inside the workbook (xlsx: dcterms:modified in
                                 docProps/core.xml; ods: dc:date in meta.xml), as the unit's own
                                 save would have: styr orders and dates returns by it;
  {"copy_of": A, "path": B}      copies A to B byte for byte (a return sent twice);
  {"lock_file": P}               writes an Excel lock file (~$...) as Excel leaves one.
"""
import json
import re
import shutil
import sys
import zipfile


def rewrite(path, part, pattern, replacement):
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    out = path + ".tmp"
    with zipfile.ZipFile(out, "w") as z:
        for info, data in items:
            if info.filename == part:
                text = data.decode("utf-8")
                new, n = re.subn(pattern, replacement, text)
                if n == 0:
                    raise SystemExit(f"{path}: no save date found in {part}")
                data = new.encode("utf-8")
            z.writestr(info, data, compress_type=info.compress_type)
    shutil.move(out, path)


def main(stamps_path):
    for s in json.load(open(stamps_path)):
        if "lock_file" in s:
            # Excel's owner file: the user name padded to 165 bytes.
            name = b"ekebo\\controller"
            open(s["lock_file"], "wb").write(bytes([len(name)]) + name.ljust(164, b" ")[:164])
        elif "copy_of" in s:
            shutil.copyfile(s["copy_of"], s["path"])
        elif s["path"].endswith(".ods"):
            rewrite(s["path"], "meta.xml", r"<dc:date>[^<]*</dc:date>", f"<dc:date>{s['saved'].rstrip('Z')}</dc:date>")
        else:
            rewrite(s["path"], "docProps/core.xml",
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", r"\g<1>" + s["saved"] + r"\g<2>")


if __name__ == "__main__":
    main(sys.argv[1])
