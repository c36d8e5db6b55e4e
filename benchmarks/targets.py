"""The targets checked on a benchmark's results: one French line each, ending in « OK » or « NON »."""

from __future__ import annotations

#: Issue 30: consolidate within 2× the floor at these sizes; its 3,000 / 1,000 time ratio.
FLOOR_SIZES, FLOOR_RATIO, LINEAR = (1000, 3000), 2.0, 3.2
#: Issue 30: peak memory of `run`, its growth from 3,000 to 10,000, its time at 10,000; a first campaign.
RUN_MEMORY_MIB, MEMORY_GROWTH, RUN_MINUTES, ERRORS_RATIO = 1536, 10.0, 20, 1.3
#: Earlier targets (DESIGN §7, issues 6 and 17), at the largest size.
MEMORY_MIB, GROWTH, SPEEDUP, BARE_RATIO = 1024, 4.6, 1.6, 1.3


def verdict(ok: bool) -> str:
    return "OK" if ok else "NON"


def _seconds(results: dict, n: int, stage: str) -> float | None:
    r = results.get(n, {}).get(stage, {})
    return None if r.get("failed") else r.get("seconds")


def _memory(results: dict, n: int, stage: str) -> float | None:
    r = results.get(n, {}).get(stage, {})
    return None if r.get("failed") else r.get("tree_mib")


def growth_percent(results: dict, stage: str, small: int = 3000, large: int = 10000) -> float | None:
    """How much more memory ``stage`` takes at ``large`` services than at ``small``, in %."""
    a, b = _memory(results, small, stage), _memory(results, large, stage)
    return 100 * (b / a - 1) if a and b else None


def time_ratio(results: dict, stage: str, small: int = 1000, large: int = 3000) -> float | None:
    a, b = _seconds(results, small, stage), _seconds(results, large, stage)
    return b / a if a and b else None


def issue_30(results: dict[int, dict[str, dict]]) -> list[str]:
    """The targets of issue 30 that these results measure (a size not measured is not checked)."""
    lines = []
    for n in FLOOR_SIZES:
        floor, cons = _seconds(results, n, "floor"), _seconds(results, n, "consolidate")
        if floor and cons:
            ratio = cons / floor
            lines.append(
                f"N={n} consolidate / plancher = {ratio:.2f} (cible ≤ {FLOOR_RATIO:g}) : {verdict(ratio <= FLOOR_RATIO)}"
            )
    ratio = time_ratio(results, "consolidate")
    if ratio is not None:
        lines.append(f"consolidate N=3000 / N=1000 = {ratio:.2f} (cible ≤ {LINEAR:g}) : {verdict(ratio <= LINEAR)}")
    for n in sorted(results):
        peak = _memory(results, n, "run")
        if peak:
            lines.append(
                f"N={n} run : mémoire max = {peak:.0f} Mio (cible < {RUN_MEMORY_MIB} Mio = 1.5 Gio) : "
                f"{verdict(peak < RUN_MEMORY_MIB)}"
            )
    growth = growth_percent(results, "run")
    if growth is not None:
        lines.append(
            f"run : mémoire N=3000 → N=10000 = {growth:+.1f} % (cible < {MEMORY_GROWTH:g} %) : "
            f"{verdict(growth < MEMORY_GROWTH)}"
        )
    seconds = _seconds(results, 10000, "run")
    if seconds:
        minutes = seconds / 60
        lines.append(f"N=10000 run = {minutes:.1f} min (cible < {RUN_MINUTES} min) : {verdict(minutes < RUN_MINUTES)}")
    for n in sorted(results):
        for stage in ("consolidate", "run"):
            clean, first = _seconds(results, n, stage), _seconds(results, n, f"{stage}-erreurs")
            if clean and first:
                ratio = first / clean
                lines.append(
                    f"N={n} {stage} tous en erreur / {stage} = {ratio:.2f} (cible ≤ {ERRORS_RATIO:g}) : "
                    f"{verdict(ratio <= ERRORS_RATIO)}"
                )
    return lines


def earlier(results: dict[int, dict[str, dict]]) -> list[str]:
    """The earlier targets (DESIGN §7, issues 6 and 17), at the largest size."""
    if not results:
        return []
    n = max(results)
    r = results[n]
    lines = []
    peaks = {s: v["tree_mib"] for s, v in r.items() if "tree_mib" in v and s != "render"}
    if peaks:
        stage, peak = max(peaks.items(), key=lambda kv: kv[1])
        lines.append(
            f"N={n} mémoire max = {peak:.0f} Mio ({stage}) (cible < {MEMORY_MIB}) : {verdict(peak < MEMORY_MIB)}"
        )
    if 240 in results and n != 240:
        for stage in ("validate", "consolidate", "documents"):
            a, b = _seconds(results, 240, stage), _seconds(results, n, stage)
            if a and b:
                lines.append(f"{stage} N={n} / N=240 = {b / a:.2f} (cible ≤ {GROWTH}) : {verdict(b / a <= GROWTH)}")
    copies = r.get("copies-erreurs", {})
    if copies.get("zip_ms_median"):
        lines.append(
            f"N={n} copie annotée : {copies['zip_ms_median']:.1f} ms (zip) contre {copies['openpyxl_ms_median']:.1f} ms "
            f"(openpyxl), ×{copies['ratio']:.1f} plus rapide (médianes sur {copies['copies']} copies)"
        )
    render = r.get("render", {})
    if render.get("speedup"):
        s = render["speedup"]
        lines.append(
            f"N={n} rendu Word parallèle / 1 processus = {s:.2f} (cible ≥ {SPEEDUP}) : {verdict(s >= SPEEDUP)}"
        )
    elif (
        _seconds(results, n, "documents")
        and r.get("documents", {}).get("documents")
        and _seconds(results, n, "documents-1")
    ):
        s = r["documents-1"]["seconds"] / r["documents"]["seconds"]
        lines.append(f"N={n} documents parallèle / 1 processus = {s:.2f} (cible ≥ {SPEEDUP}) : {verdict(s >= SPEEDUP)}")
    if render.get("bare_ratio"):
        b = render["bare_ratio"]
        lines.append(f"N={n} document / docxtpl nu = {b:.2f} (cible ≤ {BARE_RATIO}) : {verdict(b <= BARE_RATIO)}")
    return lines
