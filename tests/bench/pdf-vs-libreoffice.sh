#!/usr/bin/env bash
# Benchmark: the plan PDF made by Groeikoers against the same content converted to PDF by
# LibreOffice (what people would otherwise do: a document converted to PDF). Prints the
# time per document of both, the ratio, and the sizes. LibreOffice is optional: without it
# only Groeikoers is measured.
# Usage: tests/bench/pdf-vs-libreoffice.sh [RUNS]   (from the repository root, after a build)
set -euo pipefail
RUNS="${1:-5}"
CLI="${CLI:-target/release/groeikoers-cli}"
[ -x "$CLI" ] || CLI=target/debug/groeikoers-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/bench.sqlite3"
export LANG=nl_NL.UTF-8
person=$("$CLI" --db "$db" person add --name "Sanne de Boer" --role "Projectcoördinator")
plan=$("$CLI" --db "$db" plan new --person "$person" --example projectcoordinator-naar-projectleider)
"$CLI" --db "$db" plan export "$plan" -o "$work/plan.pop.json"

# The same text as HTML: every field of the plan, in the same order and headings.
python3 - "$work/plan.pop.json" "$work/plan.html" <<'PY'
import html, json, sys
d = json.load(open(sys.argv[1]))
c = d["versions"][-1]["content"]
e = html.escape
out = [f"<html><head><meta charset='utf-8'><title>{e(c['title'])}</title></head><body style='font-family:Noto Sans'>",
       f"<h1>{e(c['title'])}</h1><table>"]
for k, v in [("Medewerker", d["person"]["fullName"]), ("Functie", c["role"]), ("Leidinggevende", c["managerName"]),
             ("Periode", f"{c['periodStart']} – {c['periodEnd']}"), ("Ambitie", c["ambition"])]:
    out.append(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>")
out.append("</table>")
out.append(f"<h2>1. Ontwikkelfocus</h2><p>{e(c['focus'])}</p><h2>2. Startsituatie</h2><p>{e(c['startingSituation'])}</p>")
out.append("<h2>3–5. Doelen</h2>")
for i, g in enumerate(c["goals"], 1):
    out.append(f"<h3>Doel {i}: {e(g['title'])}</h3><p><b>Waarom</b> {e(g['why'])}</p><ul>")
    out += [f"<li>{e(a['description'])} ({e(a['owner'])}, {a['due']})</li>" for a in g["actions"]]
    out.append("</ul><ul>")
    out += [f"<li>{e(m['signal'])} ({e(m['observer'])}, {e(m['moment'])})</li>" for m in g["measures"]]
    out.append("</ul>")
out.append("<h2>6. Ondersteuning</h2><ul>")
out += [f"<li>{e(s['fromWhom'])}: {e(s['what'])}</li>" for s in c["support"]]
out.append(f"</ul><h2>7. Ritme</h2><p>{e(c['rhythm']['notes'])}</p>")
out.append("<h2>Akkoord en ondertekening</h2><p>Medewerker ____________ Leidinggevende ____________</p></body></html>")
open(sys.argv[2], "w").write("\n".join(out))
PY

now() { date +%s.%N; }
start=$(now)
for i in $(seq "$RUNS"); do "$CLI" --db "$db" plan pdf "$plan" -o "$work/gk-$i.pdf"; done
gk=$(echo "($(now) - $start) / $RUNS" | bc -l)
printf 'Groeikoers (groeikoers-cli plan pdf, whole process): %.1f ms per plan, %s bytes\n' \
  "$(echo "$gk * 1000" | bc -l)" "$(stat -c %s "$work/gk-1.pdf")"
echo "(in-process figure: cargo bench -p pop-core --bench plans, 'plan PDF of the largest example')"

if command -v soffice >/dev/null || command -v libreoffice >/dev/null; then
  lo=$(command -v soffice || command -v libreoffice)
  profile="file://$work/lo-profile"
  "$lo" -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$work/lo" "$work/plan.html" >/dev/null 2>&1 # warm-up
  start=$(now)
  for i in $(seq "$RUNS"); do
    "$lo" -env:UserInstallation="$profile" --headless --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$work/lo" "$work/plan.html" >/dev/null 2>&1
  done
  loms=$(echo "($(now) - $start) / $RUNS" | bc -l)
  printf 'LibreOffice (--headless --convert-to pdf of the same content as HTML): %.1f ms per plan, %s bytes\n' \
    "$(echo "$loms * 1000" | bc -l)" "$(stat -c %s "$work/lo/plan.pdf")"
  printf 'Groeikoers is %.0fx faster (whole process against whole process)\n' "$(echo "$loms / $gk" | bc -l)"
else
  echo "LibreOffice is not installed: apt-get install libreoffice-writer-nogui to compare."
fi
