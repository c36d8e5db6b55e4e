"""The benchmark table: ratios to the floor, growth between sizes, documents per second, targets."""

from __future__ import annotations

from rich.table import Table

LABELS = {
    "floor": "plancher",
    "validate": "validate",
    "consolidate": "consolidate",
    "validate-erreurs": "validate, tous en erreur",
    "consolidate-erreurs": "consolidate, tous en erreur",
    "documents": "documents",
    "documents-1": "documents 1 proc.",
    "render": "rendu Word",
    "copies-erreurs": "copies annotées seules",
}
NOTES = (
    "plancher : lire chaque classeur avec python-calamine et écrire une fois chaque valeur lue avec xlsxwriter.",
    "validate, consolidate, documents : la commande pca-xlsx entière, comme l'utilisateur la lance.",
    "documents 1 proc. : la même commande avec PCA_XLSX_JOBS=1 ; rendu Word : le rendu des documents seul.",
    "tous en erreur : le même hôpital où chaque classeur porte une erreur de saisie (une première campagne).",
    "copies annotées seules : 40 copies écrites en réécrivant les parties modifiées du zip, puis avec openpyxl.",
    "cellules écrites / lues : cellules des classeurs écrits par l'étape, pour une valeur lue (écrite par le plancher).",
    "mémoire : somme des PSS du processus et de ses sous-processus (pages partagées comptées une fois), au plus haut, "
    "échantillonnée toutes les 50 ms (au moins le ru_maxrss du plus gros processus), lors d'un passage à part.",
    "temps : médiane des passages suivants, non échantillonnés (lire la mémoire d'un gros processus le ralentit) ; "
    "chaque passage retrouve l'état du précédent, comme une équipe qui relance après un groupe de travail.",
)
HEADERS = (
    "N",
    "étape",
    "médiane (s)",
    "× plancher",
    "croissance",
    "mémoire (Mio)",
    "cellules écrites / lues",
    "docs/s",
)
#: Targets at the largest size (issues 6 and 17).
FLOOR_RATIO, MEMORY_MIB, GROWTH, SPEEDUP, BARE_RATIO, ERRORS_RATIO = 2.0, 1024, 4.6, 1.6, 1.3, 1.3


def rows(results: dict[int, dict[str, dict]]) -> list[tuple[str, ...]]:
    sizes = sorted(results)
    out = []
    for n in sizes:
        floor = results[n].get("floor", {}).get("seconds")
        read = results[n].get("floor", {}).get("cells")
        previous = max((m for m in sizes if m < n), default=None)
        for stage, r in results[n].items():
            if r.get("failed"):
                out.append((str(n), LABELS[stage], "échec", "", "", "", "", ""))
                continue
            seconds = r["seconds"]
            ratio = f"{seconds / floor:.2f}" if floor and stage not in ("floor", "copies-erreurs") else ""
            growth = ""
            before = results.get(previous, {}).get(stage, {}).get("seconds") if previous else None
            if before:
                growth = f"×{seconds / before:.2f} (N ×{n / previous:.3g})"
            docs = ""
            if r.get("documents"):
                docs = f"{r['documents'] / seconds:.1f}"
            if stage == "render" and r.get("docs_per_s_parallel"):
                docs = f"{r['docs_per_s_parallel']:.1f} / {r['docs_per_s_single']:.1f}"
            per_read = ""
            if r.get("cells") and read:
                per_read = f"{r['cells'] / read:.2f}" if stage != "floor" else f"{read:,}".replace(",", " ") + " lues"
            out.append((str(n), LABELS[stage], f"{seconds:.2f}", ratio, growth, f"{r['tree_mib']:.0f}", per_read, docs))
    return out


def targets(results: dict[int, dict[str, dict]]) -> list[str]:
    """One French line per target of issue 6, measured at the largest size."""
    if not results:
        return []
    n = max(results)
    r = results[n]
    lines = []

    def verdict(ok: bool) -> str:
        return "[green]atteint[/]" if ok else "[red]manqué[/]"

    floor = r.get("floor", {}).get("seconds")
    cons = r.get("consolidate", {})
    if floor and cons.get("seconds"):
        ratio = cons["seconds"] / floor
        lines.append(
            f"N={n} consolidate / plancher = {ratio:.2f} (cible ≤ {FLOOR_RATIO}) : {verdict(ratio <= FLOOR_RATIO)}"
        )
    errors = r.get("consolidate-erreurs", {}).get("seconds")
    if errors and cons.get("seconds"):
        ratio = errors / cons["seconds"]
        lines.append(
            f"N={n} consolidate tous en erreur / consolidate = {ratio:.2f} (cible ≤ {ERRORS_RATIO}) : "
            f"{verdict(ratio <= ERRORS_RATIO)}"
        )
    peaks = {s: v["tree_mib"] for s, v in r.items() if "tree_mib" in v and s != "render"}
    if peaks:
        stage, peak = max(peaks.items(), key=lambda kv: kv[1])
        lines.append(
            f"N={n} mémoire max = {peak:.0f} Mio ({stage}) (cible < {MEMORY_MIB}) : {verdict(peak < MEMORY_MIB)}"
        )
    if 240 in results and n != 240:
        for stage in ("validate", "consolidate", "documents"):
            a, b = results[240].get(stage, {}).get("seconds"), r.get(stage, {}).get("seconds")
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
    elif r.get("documents", {}).get("documents") and r.get("documents-1", {}).get("seconds"):
        s = r["documents-1"]["seconds"] / r["documents"]["seconds"]
        lines.append(f"N={n} documents parallèle / 1 processus = {s:.2f} (cible ≥ {SPEEDUP}) : {verdict(s >= SPEEDUP)}")
    if render.get("bare_ratio"):
        b = render["bare_ratio"]
        lines.append(f"N={n} document / docxtpl nu = {b:.2f} (cible ≤ {BARE_RATIO}) : {verdict(b <= BARE_RATIO)}")
    return lines


def table(data: list[tuple[str, ...]], machine: dict) -> Table:
    t = Table(
        title=f"pca-xlsx : mesures ({machine['cpus']} cœurs, {machine['memory_gib']} Gio, médiane de {machine['repeat']})"
    )
    for h in HEADERS:
        t.add_column(h, justify="left" if h == "étape" else "right")
    for row in data:
        t.add_row(*row)
    return t


def markdown(data: list[tuple[str, ...]], machine: dict, lines: list[str]) -> str:
    out = [
        f"Machine : {machine['cpus']} cœurs, {machine['memory_gib']} Gio, Python {machine['python']}, "
        f"{machine['platform']} ; {machine['date']} ; médiane de {machine['repeat']} mesures.",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join("---:" if h != "étape" else "---" for h in HEADERS) + "|",
    ]
    out += ["| " + " | ".join(row) + " |" for row in data]
    out.append("")
    out += [f"- {note}" for note in NOTES]
    out.append("")
    out += [f"- {line.replace('[green]', '**').replace('[red]', '**').replace('[/]', '**')}" for line in lines]
    return "\n".join(out) + "\n"
