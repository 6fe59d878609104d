#!/usr/bin/env python3
"""Seeds fuzz/corpus/import from the example returns (run from the repository root).

    python3 fuzz/seed_corpus.py [DIR...]

Each DIR adds its files (recursively) as whole-file seeds: the hostile fixtures written by
`cargo test --test guard` to target/tmp/fuzz-seeds, and the folder `cargo test --test
collect_hostile` keeps in target/tmp/collect-hostile.

The `import` target reads its first byte as a mode (see fuzz_targets/import.rs): even, the rest
is a whole file; odd, the second byte picks a return and one of its parts, and the rest is that
part's new content. One seed per whole return, and one per part of the returns the target
mutates part by part, so that mutations start from real XML.
"""
import os
import sys
import zipfile

RETURNS = "sample-data/returns/2026-T1"
# The returns the target rezips, in its order.
PARTWISE = [
    "uppfoljning-2026-T1-ksf-ekonomi.xlsx",
    "uppfoljning-2026-T1-buf-fsk-blaklockan.xlsx",
    "uppfoljning-2026-T1-sbf-kost.ods",
]
OUT = "fuzz/corpus/import"

os.makedirs(OUT, exist_ok=True)
n = 0
for name in sorted(os.listdir(RETURNS)):
    path = os.path.join(RETURNS, name)
    if os.path.isfile(path):
        open(os.path.join(OUT, f"file-{n:03}"), "wb").write(b"\x00" + open(path, "rb").read())
        n += 1
for r, name in enumerate(PARTWISE):
    with zipfile.ZipFile(os.path.join(RETURNS, name)) as z:
        parts = [z.read(i) for i in z.infolist()]
    for i, data in enumerate(parts):
        pick = next((p for p in range(256) if p % len(PARTWISE) == r and (p // 4) % len(parts) == i), None)
        if pick is not None:
            open(os.path.join(OUT, f"part-{r}-{i:02}"), "wb").write(bytes([1, pick]) + data)
            n += 1
for extra in sys.argv[1:]:
    for root, _, files in sorted(os.walk(extra)):
        for name in sorted(files):
            data = open(os.path.join(root, name), "rb").read()
            if len(data) <= 4 << 20:
                open(os.path.join(OUT, f"file-{n:03}"), "wb").write(b"\x00" + data)
                n += 1
print(f"{n} seeds in {OUT}")
