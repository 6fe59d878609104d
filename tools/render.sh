#!/usr/bin/env bash
# Render a workbook to PNG pictures the way LibreOffice prints it.
#
#   tools/render.sh WORKBOOK OUTDIR [PAGES]
#
# Converts a copy of WORKBOOK to PDF with a headless soffice (private profile in a temp
# dir, so no lock file is ever left next to WORKBOOK), then renders pages 1..PAGES
# (default 1; "all" for every page) at 60 dpi into OUTDIR as <stem>-<page>.png and keeps
# the PDF as OUTDIR/<stem>.pdf. Prints one PNG path per line, then "pdf: PATH" and
# "pages: N" (the PDF's page count). Exits non-zero if anything fails.
#
# The profile's locale setting is RENDER_LOCALE (default sv-SE), as for tools/lo_fill.py:
# numbers and dates show as a Swedish LibreOffice shows them (1234,5; 2026-05-08).
#
# Environment: RENDER_TIMEOUT (seconds for the conversion, default 180),
#              RENDER_DPI (default 60), RENDER_LOCALE (default sv-SE),
#              SOFFICE (default soffice).
set -euo pipefail

die() {
    printf 'render.sh: %s\n' "$*" >&2
    exit 1
}

usage() {
    printf 'usage: %s WORKBOOK OUTDIR [PAGES|all]\n' "${0##*/}" >&2
    exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || usage
workbook=$1
outdir=$2
pages=${3:-1}
timeout_s=${RENDER_TIMEOUT:-180}
dpi=${RENDER_DPI:-60}
locale=${RENDER_LOCALE:-sv-SE}
soffice=${SOFFICE:-soffice}

[[ ${pages} == all || ${pages} =~ ^[1-9][0-9]*$ ]] || die "PAGES must be a positive number or 'all', got '${pages}'"
[[ ${dpi} =~ ^[1-9][0-9]*$ ]] || die "RENDER_DPI must be a positive number"
[[ ${locale} =~ ^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$ ]] || die "RENDER_LOCALE must be a tag like sv-SE"
[[ ${timeout_s} =~ ^[1-9][0-9]*$ ]] || die "RENDER_TIMEOUT must be a positive number of seconds"
[[ -f ${workbook} ]] || die "no such file: ${workbook}"
for tool in "${soffice}" pdftoppm pdfinfo timeout; do
    command -v "${tool}" >/dev/null 2>&1 || die "'${tool}' not found; install with: apt-get install -y --no-install-recommends libreoffice-calc-nogui python3-uno poppler-utils fonts-crosextra-carlito"
done

name=$(basename -- "${workbook}")
stem=${name%.*}
[[ -n ${stem} ]] || stem=${name}
mkdir -p -- "${outdir}"
outdir=$(cd -- "${outdir}" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/styr-render.XXXXXXXX")
cleanup() {
    rm -rf -- "${tmp}"
}
trap cleanup EXIT
mkdir -p "${tmp}/in" "${tmp}/pdf" "${tmp}/profile/user"
cat >"${tmp}/profile/user/registrymodifications.xcu" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${locale}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse"><value>${locale}</value></prop></item>
</oor:items>
EOF
# keep the file name: a header or footer with the file name prints it
cp -- "${workbook}" "${tmp}/in/${name}"

# timeout(1) ends the whole process group (soffice script, oosplash, soffice.bin)
if ! timeout --kill-after=10 "${timeout_s}" "${soffice}" --headless --norestore --nolockcheck \
    "-env:UserInstallation=file://${tmp}/profile" \
    --convert-to pdf --outdir "${tmp}/pdf" "${tmp}/in/${name}" >"${tmp}/soffice.log" 2>&1; then
    cat "${tmp}/soffice.log" >&2
    die "soffice failed or timed out converting ${workbook}"
fi

# soffice exits 0 even when it could not load or convert: look for the PDF itself
pdf=${tmp}/pdf/${stem}.pdf
if [[ ! -s ${pdf} ]]; then
    cat "${tmp}/soffice.log" >&2
    die "soffice made no PDF of ${workbook}"
fi

count=$(pdfinfo "${pdf}" | awk '/^Pages:/ { print $2 }')
[[ ${count} =~ ^[0-9]+$ && ${count} -ge 1 ]] || die "cannot read the page count of the PDF of ${workbook}"

last=${count}
if [[ ${pages} != all ]]; then
    if ((pages > count)); then
        printf 'render.sh: asked for %s pages, the PDF has %s\n' "${pages}" "${count}" >&2
    else
        last=${pages}
    fi
fi

cp -- "${pdf}" "${outdir}/${stem}.pdf"
for ((page = 1; page <= last; page++)); do
    # -singlefile: exactly <stem>-<page>.png, no zero padding that depends on the page count
    pdftoppm -png -r "${dpi}" -f "${page}" -l "${page}" -singlefile "${pdf}" "${outdir}/${stem}-${page}" ||
        die "pdftoppm failed on page ${page} of ${workbook}"
    [[ -s ${outdir}/${stem}-${page}.png ]] || die "pdftoppm wrote no ${outdir}/${stem}-${page}.png"
    printf '%s\n' "${outdir}/${stem}-${page}.png"
done
printf 'pdf: %s\n' "${outdir}/${stem}.pdf"
printf 'pages: %s\n' "${count}"
