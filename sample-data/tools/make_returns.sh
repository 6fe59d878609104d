#!/usr/bin/env bash
# Remakes the example municipality's returned workbooks, filled and saved by LibreOffice (see
# examples/make_returns.rs). Run from the repository root whenever a form definition changes:
#
#   bash sample-data/tools/make_returns.sh                     # sample-data/returns/2027-plan
#   bash sample-data/tools/make_returns.sh --period 2027-plan  # the same
#   bash sample-data/tools/make_returns.sh --period 2026-T1    # sample-data/returns/2026-T1
#
# 2027-plan: the förvaltningar's målvärden and eight units' verksamhetsplaner.
# 2026-T1: the tertial returns, a few of them faulty on purpose. tests/collect_sample.rs
# snapshots what collecting them gives, so this folder is only remade when asked for by name:
# review the snapshot (cargo insta review) after remaking it.
#
# Needs LibreOffice headless and python3-uno (see tools/README.md).
set -euo pipefail
period=2027-plan
while [[ $# -gt 0 ]]; do
    case $1 in
        --period) period=${2:?--period needs a value}; shift 2 ;;
        --period=*) period=${1#--period=}; shift ;;
        *) echo "usage: $0 [--period 2027-plan|2026-T1]" >&2; exit 2 ;;
    esac
done
case $period in
    2026-T1 | 2027-plan) ;;
    *) echo "make_returns.sh: no example returns are defined for $period (2027-plan or 2026-T1)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "sample-data/returns/$period"
mkdir -p "sample-data/returns/$period"
cargo run --quiet --example make_returns -- "$work" "$period"
/usr/bin/python3 tools/lo_fill.py "$work/spec.json" > /dev/null
/usr/bin/python3 tools/lo_change.py "$work/changes.json" > /dev/null
python3 sample-data/tools/stamp_saved.py "$work/stamps.json"
ls "sample-data/returns/$period" | wc -l | xargs echo "returns written:"
