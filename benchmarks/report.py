"""The benchmark's tables: ratios to the floor, growth between sizes, memory per stage, targets."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from benchmarks import marks, targets

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
    "run": "run",
    "run-erreurs": "run, tous en erreur",
}
NOTES = (
    "plancher : lire chaque classeur avec python-calamine et écrire une fois chaque valeur lue avec xlsxwriter.",
    "validate, consolidate, documents, run : la commande pca-xlsx entière, comme l'utilisateur la lance "
    "(run : documents compris).",
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
STAGE_HEADERS = (
    "N",
    "commande",
    "étape",
    "durée (s)",
    "fin à (s)",
    "pic du processus (Mio)",
    "RSS en fin (Mio)",
    "pic sous-processus finis (Mio)",
    "arbre PSS max (Mio)",
)
STAGE_NOTES = (
    "mémoire par étape : le passage mémoire de chaque commande, dont le pipeline marque la fin de chaque étape "
    "(PCA_XLSX_SONDE) ; durée : depuis la marque précédente (le début du processus pour la première).",
    "pic du processus : ru_maxrss du processus principal à la fin de l'étape, un plus haut depuis le début "
    "(le pic de l'étape quand il a monté pendant elle) ; à la sortie, le plus gros processus de l'arbre.",
    "pic sous-processus finis : le plus gros des sous-processus terminés jusque-là (un processus forké part du plus "
    "haut de son parent au fork) ; arbre PSS max : la plus haute "
    "somme des PSS du processus et de ses sous-processus échantillonnée pendant l'étape.",
)


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


def growth_headers(results: dict[int, dict[str, dict]]) -> tuple[str, ...]:
    return ("étape", *(f"N={n}" for n in sorted(results)), "temps 3000/1000", "mémoire 3000→10000")


def growth_rows(results: dict[int, dict[str, dict]]) -> list[tuple[str, ...]]:
    """Per command: time and peak memory at each size, the 3,000 / 1,000 time ratio, the memory's growth
    from 3,000 to 10,000 (blank where a size was not measured)."""
    sizes = sorted(results)
    stages = [s for n in sizes for s in results[n] if s not in ("render", "copies-erreurs")]
    out = []
    for stage in dict.fromkeys(stages):
        cells = []
        for n in sizes:
            r = results[n].get(stage)
            if r is None:
                cells.append("")
            elif r.get("failed"):
                cells.append("échec")
            else:
                cells.append(f"{r['seconds']:.1f} s, {r['tree_mib']:.0f} Mio")
        ratio = targets.time_ratio(results, stage)
        growth = targets.growth_percent(results, stage)
        ratio_cell = f"{ratio:.2f}" if ratio is not None else ""
        growth_cell = f"{growth:+.1f} %" if growth is not None else ""
        out.append((LABELS[stage], *cells, ratio_cell, growth_cell))
    return out


def stage_rows(results: dict[int, dict[str, dict]]) -> list[tuple[str, ...]]:
    """The table « mémoire par étape »: each command's stages, as its probe marked them."""

    def mib(value: float | None) -> str:
        return "" if value is None else f"{value:.0f}"

    out = []
    for n in sorted(results):
        for stage, r in results[n].items():
            for row in r.get("probe") or []:
                out.append(
                    (
                        str(n),
                        LABELS[stage],
                        marks.LABELS.get(row["label"], row["label"]),
                        f"{row['seconds']:.2f}",
                        f"{row['end']:.2f}",
                        mib(row["maxrss_mib"]),
                        mib(row["rss_mib"]),
                        mib(row["children_mib"]),
                        mib(row["tree_mib"]),
                    )
                )
    return out


def _timing(repeat: int) -> str:
    if not repeat:
        return "temps du passage mémoire"
    return f"médiane de {repeat} mesure{'s' if repeat > 1 else ''}"


def _describe(machine: dict) -> str:
    k = machine.get("establishments", 1)
    return (
        f"hôpitaux synthétiques : {machine.get('rows', 50)} lignes de processus par service, "
        f"{k} établissement{'s' if k > 1 else ''}, "
        f"{'deux services sollicités par ligne (denses)' if machine.get('dense') else 'interfaces ordinaires'}"
        + "".join(f" ; N={n} : hôpital déjà généré {path}" for n, path in (machine.get("given") or {}).items())
        + (
            " ; passage mémoire : une relance (après une première exécution qui écrit l'état comparé)"
            if machine.get("rerun")
            else ""
        )
    )


def table(headers: tuple[str, ...], data: list[tuple[str, ...]], title: str) -> Table:
    t = Table(title=title)
    for h in headers:
        t.add_column(h, justify="left" if h in ("étape", "commande") else "right")
    for row in data:
        t.add_row(*row)
    return t


def _coloured(line: str) -> str:
    head, _, verdict = line.rpartition(" : ")
    if verdict in ("OK", "NON"):
        return f"{head} : [{'green' if verdict == 'OK' else 'red'}]{verdict}[/]"
    return line


FIRST_HEADERS = ("N", "commande", "1re exécution (s)", "1re exécution (Mio)", "relance (s)", "relance (Mio)")


def first_rows(results: dict[int, dict[str, dict]]) -> list[tuple[str, ...]]:
    """With ``--relance``: each command's first run (which leaves the snapshot) beside the re-run measured."""
    return [
        (
            str(n),
            LABELS[stage],
            f"{r['first_run']['seconds']:.2f}",
            f"{r['first_run']['tree_mib']:.0f}",
            f"{r['seconds']:.2f}",
            f"{r['tree_mib']:.0f}",
        )
        for n in sorted(results)
        for stage, r in results[n].items()
        if r.get("first_run") and not r.get("failed")
    ]


def show(console: Console, results: dict[int, dict[str, dict]], machine: dict) -> None:
    """Print the tables, their notes and the targets."""
    title = f"pca-xlsx : mesures ({machine['cpus']} cœurs, {machine['memory_gib']} Gio, {_timing(machine['repeat'])})"
    console.print(table(HEADERS, rows(results), title))
    for note in NOTES:
        console.print(f"[dim]{note}[/]")
    console.print(table(growth_headers(results), growth_rows(results), "Croissance (temps, mémoire)"))
    firsts = first_rows(results)
    if firsts:
        console.print(table(FIRST_HEADERS, firsts, "Première exécution et relance"))
    by_stage = stage_rows(results)
    if by_stage:
        console.print(table(STAGE_HEADERS, by_stage, "Mémoire par étape"))
        for note in STAGE_NOTES:
            console.print(f"[dim]{note}[/]")
    for line in targets.issue_30(results) + targets.earlier(results):
        console.print(_coloured(line))


def _markdown_table(headers: tuple[str, ...], data: list[tuple[str, ...]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |"]
    out.append("|" + "|".join("---" if h in ("étape", "commande") else "---:" for h in headers) + "|")
    return out + ["| " + " | ".join(row) + " |" for row in data]


def _bold_verdict(line: str) -> str:
    head, _, verdict = line.rpartition(" : ")
    return f"{head} : **{verdict}**" if verdict in ("OK", "NON") else line


def markdown(results: dict[int, dict[str, dict]], machine: dict) -> str:
    out = [
        f"Machine : {machine['cpus']} cœurs, {machine['memory_gib']} Gio, Python {machine['python']}, "
        f"{machine['platform']} ; {machine['date']} ; {_timing(machine['repeat'])} ; {_describe(machine)}.",
        "",
        *_markdown_table(HEADERS, rows(results)),
        "",
        *(f"- {note}" for note in NOTES),
        "",
        "### Croissance",
        "",
        *_markdown_table(growth_headers(results), growth_rows(results)),
        "",
        "- chaque case : temps médian, mémoire au plus haut (PSS de l'arbre) ; temps 3000/1000 : rapport des temps ; "
        "mémoire 3000→10000 : hausse de la mémoire au plus haut.",
    ]
    firsts = first_rows(results)
    if firsts:
        out += ["", "### Première exécution et relance", "", *_markdown_table(FIRST_HEADERS, firsts), ""]
        out += ["- la première exécution écrit l'état que la relance compare ; toutes deux échantillonnées."]
    by_stage = stage_rows(results)
    if by_stage:
        out += ["", "### Mémoire par étape", "", *_markdown_table(STAGE_HEADERS, by_stage), ""]
        out += [f"- {note}" for note in STAGE_NOTES]
    for title, lines in (
        ("Cibles de l'issue 30", targets.issue_30(results)),
        ("Autres cibles (DESIGN §7, issues 6 et 17)", targets.earlier(results)),
    ):
        if lines:
            out += ["", f"### {title}", "", *(f"- {_bold_verdict(line)}" for line in lines)]
    return "\n".join(out) + "\n"
