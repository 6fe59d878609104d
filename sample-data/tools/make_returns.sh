#!/usr/bin/env bash
# Remakes sample-data/returns/2026-T1: the example municipality's returned tertial workbooks,
# filled and saved by LibreOffice, a few of them faulty on purpose (see
# examples/make_returns.rs). Run from the repository root whenever a form definition changes:
#
#   bash sample-data/tools/make_returns.sh
#
# Needs LibreOffice headless and python3-uno (see tools/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf sample-data/returns/2026-T1
mkdir -p sample-data/returns/2026-T1
cargo run --quiet --example make_returns -- "$work"
/usr/bin/python3 tools/lo_fill.py "$work/spec.json" > /dev/null
python3 sample-data/tools/stamp_saved.py "$work/stamps.json"
ls sample-data/returns/2026-T1 | wc -l | xargs echo "returns written:"
