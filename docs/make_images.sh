#!/usr/bin/env bash
# Remakes the pictures in docs/ that the README shows: the example workspace is built with
# `styr demo`, then workbooks are printed to PDF by LibreOffice and the pages turned into PNG
# (tools/render.sh). Run from the repository root after a layout changes:
#
#   bash docs/make_images.sh
#
# STYR names a styr binary to use instead of building one (e.g. target/debug/styr).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${STYR:-}" ]; then
  "$STYR" demo --out "$work/demo" > /dev/null
else
  cargo run --quiet --release -- demo --out "$work/demo" > /dev/null
fi
demo="$work/demo"
render() { # workbook, page, name
  bash tools/render.sh "$1" "$work/png" "$2" > /dev/null
  stem=$(basename "$1" .xlsx)
  cp "$work/png/$stem-$2.png" "docs/$3.png"
  echo "docs/$3.png"
}
render "$demo/utskick/2026-T1/uppfoljning-2026-T1-buf-gr-bjorkvall.xlsx" 1 uppfoljning-1
render "$demo/utskick/2026-T1/uppfoljning-2026-T1-buf-gr-bjorkvall.xlsx" 3 uppfoljning-indikatorer
render "$demo/utskick/2027-plan/verksamhetsplan-2027-plan-buf-gr-bjorkvall.xlsx" 1 verksamhetsplan-1
render "$demo/utskick/2027-plan/malvarden-2027-plan-BUF.xlsx" 1 malvarden-1
render "$demo/utskick/2026-T2/internkontroll-2026-T2-buf-gr-bjorkvall.xlsx" 1 internkontroll-1
render "$demo/utskick/2026-T1/rattelser/uppfoljning-2026-T1-kff-bibl-stensjo-rattelse.xlsx" 1 rattelse-instruktioner
render "$demo/utskick/2026-T1/rattelser/uppfoljning-2026-T1-kff-bibl-stensjo-rattelse.xlsx" 3 rattelse-att-ratta
render "$demo/utskick/2026-T1/rattelser/uppfoljning-2026-T1-kff-bibl-stensjo-rattelse.xlsx" 4 rattelse-cell
render "$demo/rapporter/2026-T1/inlamning.xlsx" 1 inlamning
if [ -f "$demo/rapporter/2026-T1/uppfoljning-2026-T1.xlsx" ]; then
  render "$demo/rapporter/2026-T1/uppfoljning-2026-T1.xlsx" 1 rapport-oversikt
  render "$demo/rapporter/2026-T1/uppfoljning-2026-T1.xlsx" 2 rapport-omrade
  render "$demo/rapporter/2026-03/uppfoljning-2026-03.xlsx" 1 rapport-oversikt-manad
fi
