#!/usr/bin/env python3
"""Generates sample-data/historik.csv, the earlier outcomes of the example kommun "Ekebo".

Run from the repository root (Python 3.11 or later, standard library only):

    python3 sample-data/tools/make_historik.py

It reads sample-data/styr.toml (units, categories, budgets) and sample-data/indikatorer.toml
(indicators, målvärden) and writes sample-data/historik.csv with the columns
`indicator,level,id,period,value`:

* for every indicator reported by the units (`reported_by = "unit"`), one row per unit that
  reports it (the unit's category is in the indicator's `categories`, or it has none) for the
  periods 2024-T1, 2024-T2, 2024, 2025-T1, 2025-T2, 2025 (yearly indicators: 2024 and 2025 only);
* for every centrally reported indicator, kommun rows (`kommun,,`) for the same periods, and for
  2026-T1 as well when the indicator is reported by month or tertial (the first tertial report of
  the current year has central figures before the units' returns come in).

Month and tertial outcomes are year to date, as everywhere in styr. The values are invented but
plausible: each unit sits near the målvärde that applies to it (unit, else förvaltning, else
kommun), with a persistent unit profile (a few units clearly worse, a few better), a mild trend
that follows the targets, and noise. Cumulative indicators (`tertial_rule = "pro_rata"`) grow
through the year. The output is deterministic: every series has its own random generator seeded
from SEED and the names involved, so adding an indicator or a unit leaves the other rows as
they are. Run the script again after changing the catalogue or the units, and commit its output.
"""

from __future__ import annotations

import csv
import random
import tomllib
from pathlib import Path

SEED = 20260101
YEARS = (2024, 2025)
CURRENT = 2026
HERE = Path(__file__).resolve().parent
DATA = HERE.parent

# Units with a known situation, on a scale where 0 is ordinary and +-1 is clearly better or
# worse than the others (staff indicators follow it most, costs least). Other units get a small
# random profile.
PROFILE = {
    "sof-sabo-solgarden": -1.8,  # staff shortage, many substitutes
    "sof-hemtj-soder": -1.4,  # long distances, hard to recruit
    "buf-gr-lindas": -1.2,  # growing school in temporary premises
    "sbf-lokalvard": -1.0,
    "sof-ifo-barn": -0.8,
    "buf-fsk-larkan": 1.2,
    "kff-kulturskola": 1.0,
    "ksf-ekonomi": 0.9,
    "sof-lss-masen": 0.9,
}

# Extra budget deviation in percent of the unit's net budget (placements, extra staff...).
DEVIATION_BIAS = {
    "sof-ifo-barn": -5.0,  # costly out-of-home placements
    "sof-hemtj-soder": -2.5,
    "buf-gr-lindas": -1.5,
    "kff-anlaggningar": 1.0,
}

# Spread between units (one standard deviation) in the indicator's own unit; for the
# indicators in RELATIVE_SPREAD as a share of the target instead. Indicators not listed here
# use twice their tolerance band.
SPREAD = {
    "kostnad-per-barn-fsk": 9000,
    "kostnad-per-elev-gr": 8000,
    "kostnad-per-plats-sabo": 50,
    "resultat-skatt": 1.0,
    "nettokostnadsavvikelse": 1.5,
    "avtalstrohet": 2.5,
    "sjukfranvaro": 1.1,
    "korttidssjukfranvaro": 0.4,
    "personalomsattning": 2.2,
    "andel-heltid": 4.0,
    "hme": 3.0,
    "medarbetare-per-chef": 5.0,
    "behoriga-larare": 5.0,
    "andel-forskollarare": 6.0,
    "usk-yrkestitel": 4.0,
    "kompetensutveckling-dagar": 0.6,
    "socionomer-ifo": 6.0,
    "barn-per-arsarbetare": 0.35,
    "fallskador": 0.35,
    "felanmalningar-atgardade": 4.0,
    "utredningar-inom-tid": 3.5,
    "va-avbrott": 2.0,
    "kontinuitet-hemtjanst": 1.5,
    "nojd-hemtjanst": 4.0,
    "nojd-sabo": 4.0,
    "nojd-lss": 4.0,
    "ej-aterakt-ifo": 5.0,
    "vantetid-sabo": 12.0,
    "elevers-trygghet": 4.0,
    "nojda-vardnadshavare": 3.5,
    "meritvarde-ak9": 6.0,
    "alla-amnen-ak9": 3.0,
    "nki-stod": 4.0,
}
RELATIVE_SPREAD = {"utlan-per-invanare": 0.05, "besokare": 0.06}

# How much the unit profile weighs in an indicator (default 0.6).
PROFILE_WEIGHT = {
    "kostnad-per-barn-fsk": 0.2,
    "kostnad-per-elev-gr": 0.2,
    "kostnad-per-plats-sabo": 0.2,
    "andel-heltid": 0.3,
    "medarbetare-per-chef": 0.2,
    "sjukfranvaro": 0.8,
    "korttidssjukfranvaro": 0.8,
    "personalomsattning": 0.8,
    "hme": 0.8,
}

# Year-to-date outcomes at T1 and T2 compared with the annual outcome: an offset for levels
# (tertial_rule annual), the share of the year's total for cumulative indicators (pro_rata).
SEASON_OFFSET = {
    "sjukfranvaro": (0.7, 0.15),
    "korttidssjukfranvaro": (0.5, 0.1),
    "fallskador": (0.1, 0.05),
}
SEASON_SHARE = {
    "personalomsattning": (0.30, 0.65),
    "kompetensutveckling-dagar": (0.33, 0.60),
    "utlan-per-invanare": (0.34, 0.65),
    "besokare": (0.36, 0.62),
    "va-avbrott": (0.30, 0.62),
}

# Estimated årsarbetare: net budget divided by tkr per årsarbetare of the category, scaled so
# that the units add up to the förvaltning's (else the kommun's) target. Units whose net budget
# says little about their staff have a fixed estimate.
TKR_PER_FTE = {
    "förskola": 690,
    "grundskola": 780,
    "gymnasium": 980,
    "särskilt boende": 640,
    "hemtjänst": 610,
    "lss": 620,
    "ifo": 1250,
    "bibliotek": 900,
    "kultur och fritid": 1050,
    "teknik": 1300,
    "stöd": 900,
}
FTE_FIXED = {"sbf-va": 12, "sbf-fastighet": 15, "sbf-kost": 31, "sbf-lokalvard": 24}

# Indicators generated from the unit's budget deviation rather than from a target.
BUDGET_INDICATORS = {
    "budgetavvikelse": "to_date",
    "prognosavvikelse": "forecast",
    "prognosavvikelse-pct": "forecast_pct",
}
# Central indicators whose annual outcome is another indicator's outcome (the forecast of the
# result ends as the result).
FORECAST_OF = {"prognos-resultat": "resultat-skatt"}


def rng_for(*parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in (SEED, *parts)))


def periods(year: int, frequency: str) -> list[str]:
    if frequency == "year":
        return [str(year)]
    return [f"{year}-T1", f"{year}-T2", str(year)]


class Model:
    def __init__(self, config: dict, catalogue: dict) -> None:
        self.units = config["enhet"]
        self.indicators = catalogue["indicator"]
        self.targets: dict[tuple, object] = {}
        for t in catalogue.get("target", []):
            level = t.get("level", "kommun")
            value = t["value"] if "value" in t else ((t["min"] + t["max"]) / 2)
            self.targets[(t["indicator"], level, t.get("id"), t["period"])] = value
        self.fte_est = {
            u["id"]: FTE_FIXED.get(u["id"], (u.get("budget_tkr") or 0) / TKR_PER_FTE[u["category"]])
            for u in self.units
        }
        self.deviation_cache: dict[tuple, dict] = {}
        self.central_cache: dict[tuple, float] = {}

    # ---- targets ----

    def target(self, ind: str, unit: dict | None, period: str) -> float | None:
        """The target that applies: unit, förvaltning, kommun (for the period, else its year)."""
        candidates = [period] if period.isdigit() else [period, period[:4]]
        for p in candidates:
            keys = []
            if unit is not None:
                keys += [(ind, "enhet", unit["id"], p), (ind, "forvaltning", unit["forvaltning"], p)]
            keys.append((ind, "kommun", None, p))
            for k in keys:
                if k in self.targets:
                    return self.targets[k]
        return None

    def structural_offset(self, ind: str, unit: dict, year: int) -> float:
        """Where a förvaltning has its own target in some year but not in `year`, its distance
        from the kommun's target that year carries over (SOF's sjukfrånvaro is higher in 2024 as
        well, although only 2025 and 2026 have förvaltning targets)."""
        f = unit["forvaltning"]
        if (ind, "enhet", unit["id"], str(year)) in self.targets:
            return 0.0
        if (ind, "forvaltning", f, str(year)) in self.targets:
            return 0.0
        years = sorted(
            int(p) for (i, lvl, fid, p) in self.targets
            if i == ind and lvl == "forvaltning" and fid == f and p.isdigit()
        )
        if not years:
            return 0.0
        nearest = min(years, key=lambda y: (abs(y - year), y))
        kommun = self.targets.get((ind, "kommun", None, str(nearest)))
        if kommun is None or isinstance(kommun, tuple):
            return 0.0
        return self.targets[(ind, "forvaltning", f, str(nearest))] - kommun

    def profile(self, unit_id: str) -> float:
        return PROFILE.get(unit_id, rng_for("profile", unit_id).gauss(0, 0.5))

    # ---- unit series ----

    def unit_series(self, ind: dict, unit: dict, year: int) -> dict[str, float]:
        iid = ind["id"]
        if iid in BUDGET_INDICATORS:
            return self.budget_series(BUDGET_INDICATORS[iid], unit, year)
        if iid == self.weight_id():
            return self.fte_series(ind, unit, year)
        rng = rng_for(iid, unit["id"], year)
        base = self.target(iid, unit, str(year))
        if base is None:
            raise SystemExit(f"no målvärde for {iid} {year}: add a kommun target")
        base += self.structural_offset(iid, unit, year)
        spread = self.spread(ind, base)
        # A persistent unit effect (same every year) plus this year's noise.
        persistent = rng_for(iid, unit["id"]).gauss(0, 0.6)
        z = PROFILE_WEIGHT.get(iid, 0.6) * self.profile(unit["id"]) + persistent + rng.gauss(0, 0.35)
        if ind["direction"] == "interval":
            # Too many children per årsarbetare where the unit struggles, with random spread.
            annual = base - 0.4 * spread * self.profile(unit["id"]) + 0.9 * spread * rng.gauss(0, 1)
        else:
            sign = 1 if ind["direction"] == "higher" else -1
            annual = base + sign * (z - 0.15) * spread
        return self.through_year(ind, annual, spread, rng)

    def through_year(self, ind: dict, annual: float, spread: float, rng: random.Random) -> dict:
        iid = ind["id"]
        annual = self.clip(ind, annual)
        if ind.get("frequency", "tertial") == "year":
            return {"Y": annual}
        if ind.get("tertial_rule", "annual") == "pro_rata":
            s1, s2 = SEASON_SHARE.get(iid, (4 / 12, 8 / 12))
            t1 = annual * s1 * (1 + rng.gauss(0, 0.05))
            t2 = annual * s2 * (1 + rng.gauss(0, 0.04))
            t1, t2 = sorted((max(t1, 0), max(t2, 0)))
            return {"T1": t1, "T2": min(t2, annual), "Y": annual}
        o1, o2 = SEASON_OFFSET.get(iid, (0.0, 0.0))
        t1 = annual + o1 + rng.gauss(0, 0.4) * spread
        t2 = annual + o2 + rng.gauss(0, 0.25) * spread
        return {"T1": self.clip(ind, t1), "T2": self.clip(ind, t2), "Y": annual}

    def spread(self, ind: dict, base: float) -> float:
        iid = ind["id"]
        if iid in RELATIVE_SPREAD:
            return abs(base) * RELATIVE_SPREAD[iid]
        if iid in SPREAD:
            return SPREAD[iid]
        if "tolerance" in ind:
            return 2 * ind["tolerance"]
        return abs(base) * ind.get("tolerance_pct", 5) / 100 * 2

    def weight_id(self) -> str | None:
        weights = {i.get("weight") for i in self.indicators} - {None}
        return next(iter(sorted(weights)), None)

    def fte_series(self, ind: dict, unit: dict, year: int) -> dict[str, float]:
        iid = ind["id"]
        forv_target = self.targets.get((iid, "forvaltning", unit["forvaltning"], str(year)))
        if forv_target is not None:
            members = [u for u in self.units if u["forvaltning"] == unit["forvaltning"]]
            frame = forv_target
        else:
            members = self.units
            frame = self.target(iid, None, str(year))
        share = self.fte_est[unit["id"]] / sum(self.fte_est[u["id"]] for u in members)
        rng = rng_for(iid, unit["id"], year)
        annual = frame * share * (1 + rng.gauss(0.005, 0.02))
        return {
            "T1": annual * (1 + rng.gauss(-0.005, 0.012)),
            "T2": annual * (1 + rng.gauss(0.01, 0.015)),
            "Y": annual,
        }

    def budget_series(self, kind: str, unit: dict, year: int) -> dict[str, float]:
        key = (unit["id"], year)
        if key not in self.deviation_cache:
            budget = unit.get("budget_tkr") or 0
            rng = rng_for("budget", unit["id"], year)
            pct = 0.9 * self.profile(unit["id"]) + DEVIATION_BIAS.get(unit["id"], 0) + rng.gauss(0.1, 1.0)
            final = budget * pct / 100
            forecast = {
                "T1": final * 0.45 + budget * rng.gauss(0, 0.005),
                "T2": final * 0.8 + budget * rng.gauss(0, 0.003),
                "Y": final,
            }
            to_date = {
                "T1": final * 4 / 12 + budget * rng.gauss(0, 0.006),
                "T2": final * 8 / 12 + budget * rng.gauss(0, 0.006),
                "Y": final,
            }
            forecast = {k: round(v) for k, v in forecast.items()}
            self.deviation_cache[key] = {
                "to_date": {k: round(v) for k, v in to_date.items()},
                "forecast": forecast,
                "forecast_pct": {k: (v / budget * 100 if budget else 0.0) for k, v in forecast.items()},
            }
        return self.deviation_cache[key][kind]

    # ---- central series ----

    def central_value(self, ind: dict, period: str) -> float:
        iid = ind["id"]
        year = int(period[:4])
        if iid in FORECAST_OF and period.isdigit():
            source = next(i for i in self.indicators if i["id"] == FORECAST_OF[iid])
            return self.central_value(source, period)
        key = (iid, period)
        if key in self.central_cache:
            return self.central_cache[key]
        base = self.target(iid, None, str(year))
        if base is None:
            raise SystemExit(f"no målvärde for {iid} {year}: add a kommun target")
        spread = self.spread(ind, base)
        rng = rng_for(iid, "kommun", year)
        sign = {"higher": 1, "lower": -1}.get(ind["direction"], 0)
        annual = self.clip(ind, base + sign * (rng.gauss(0, 1) - 0.2) * spread)
        if iid in FORECAST_OF:
            # Forecasts during the year are cautious: below the year's actual outcome.
            actual = self.central_value(ind, str(year))
            series = {"T1": actual - 0.6 + rng.gauss(0, 0.3), "T2": actual - 0.3 + rng.gauss(0, 0.2), "Y": actual}
        else:
            series = self.through_year(ind, annual, spread, rng)
        for tag, v in series.items():
            p = str(year) if tag == "Y" else f"{year}-{tag}"
            self.central_cache[(iid, p)] = v
        return self.central_cache[key]

    @staticmethod
    def clip(ind: dict, v: float) -> float:
        if "min" in ind:
            v = max(v, ind["min"])
        if "max" in ind:
            v = min(v, ind["max"])
        return v


def fmt(v: float, decimals: int) -> str:
    s = f"{v:.{decimals}f}"
    return "0" if float(s) == 0 else s


def main() -> None:
    config = tomllib.loads((DATA / "styr.toml").read_text(encoding="utf-8"))
    catalogue = tomllib.loads((DATA / "indikatorer.toml").read_text(encoding="utf-8"))
    model = Model(config, catalogue)
    rows = []
    for ind in model.indicators:
        iid = ind["id"]
        decimals = ind.get("decimals", 1)
        frequency = ind.get("frequency", "tertial")
        if ind.get("reported_by", "unit") == "central":
            wanted = [p for y in YEARS for p in periods(y, frequency)]
            if frequency != "year":
                wanted.append(f"{CURRENT}-T1")
            for p in wanted:
                rows.append((iid, "kommun", "", p, fmt(model.central_value(ind, p), decimals)))
            continue
        categories = ind.get("categories", [])
        for unit in model.units:
            if categories and unit["category"] not in categories:
                continue
            for year in YEARS:
                series = model.unit_series(ind, unit, year)
                for p in periods(year, frequency):
                    tag = "Y" if p.isdigit() else p[-2:]
                    rows.append((iid, "enhet", unit["id"], p, fmt(series[tag], decimals)))
    out = DATA / "historik.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["indicator", "level", "id", "period", "value"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")


if __name__ == "__main__":
    main()
