"""``pca-xlsx upgrade``: rewrite every workbook of an older template version into the current one.

For each older workbook of the folder, ``<output>/mises_a_jour/<same name>`` is the current
template of that service (from the referential: lists, help, protection) filled with every value
of the old one, row by row; ``rapport_mise_a_jour.xlsx`` lists what moved and what to check.
Inputs are never modified; current workbooks are left alone; a workbook open in Excel or
LibreOffice (lock file beside it) is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..format import versions
from ..read import Referential, discover, read_service_workbook
from ..validate.versions import service_category
from .carry import Carried, Check, Move, carry

FOLDER = "mises_a_jour"
REPORT = "rapport_mise_a_jour.xlsx"

UPGRADED = "Mis à jour"
CURRENT = "Déjà au modèle actuel"
LOCKED = "Ignoré : ouvert dans un tableur"
UNREADABLE = "Illisible"
NEWER = "Ignoré : modèle plus récent que l'outil"
RELISTED = "Listes mises à jour"  # --listes: a current workbook rewritten from the current referential
IGNORED = "Ignoré : pas un classeur de service"


@dataclass
class Entry:
    """What happened to one file."""

    file: str
    service: str
    version: str  # « Version du modèle » as read, or the version recognised
    status: str
    detail: str = ""
    written: Path | None = None
    values: int = 0
    checks: int = 0


@dataclass
class UpgradeResult:
    entries: list[Entry] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    report: Path | None = None

    @property
    def upgraded(self) -> list[Entry]:
        return [e for e in self.entries if e.status in (UPGRADED, RELISTED)]


def lock_file(path: Path) -> Path | None:
    """The lock file an office suite leaves beside ``path`` while it is open, if any."""
    folder, name = path.parent, path.name
    for candidate in (f"~${name}", f"~${name[2:]}", f".~lock.{name}#"):
        if (folder / candidate).exists():
            return folder / candidate
    return None


def upgrade_one(
    path: Path, referential: Referential, folder: Path, lists: bool = False
) -> tuple[Entry, Carried | None, list[Finding]]:
    """Upgrade one file into ``folder``; the entry says what was done. ``lists`` (``--listes``): current
    workbooks too are rewritten, so their drop-down lists and pre-filled labels are the current
    referential's, and every name of the referential's ``Renommages`` is replaced by the new one."""
    lock = lock_file(path)
    if lock is not None:
        detail = f"le fichier {lock.name} indique qu'il est ouvert : fermez-le puis relancez pca-xlsx upgrade"
        return Entry(path.name, "", "", LOCKED, detail), None, []
    wb = read_service_workbook(path)
    if wb.skipped:  # a referential copy, one of our outputs, a Word file: nothing to upgrade
        return Entry(path.name, "", "", IGNORED, wb.skipped), None, []
    label = "" if wb.version_label is None else str(wb.version_label)
    shown = label or (f"{versions.VERSIONS.get(wb.version, '')} (d'après les en-têtes)" if wb.version else "")
    if not wb.readable or not wb.sheets:
        errors = [f for f in wb.findings if f.is_error]
        detail = errors[0].message if errors else "aucune feuille du modèle n'a été trouvée"
        return Entry(path.name, wb.service, shown, UNREADABLE, detail), None, wb.findings
    futur = [f for f in wb.findings if f.code == "modele-futur"]
    if futur:
        return Entry(path.name, wb.service, shown, NEWER, futur[0].message), None, futur
    if wb.version >= versions.current() and not lists:
        return Entry(path.name, wb.service, shown, CURRENT, "laissé tel quel"), None, []
    from ..validate.renames import apply_to_workbooks
    from ..write.template import write_service_workbook

    renamed = apply_to_workbooks(referential, [wb]) if lists else []

    carried = carry(wb, service_category(referential, wb))
    code = wb.service
    target = folder / f"{path.stem}.xlsx"
    write_service_workbook(target, referential, code, carried.content, carried.marks)
    status = UPGRADED if wb.version < versions.current() else RELISTED
    detail = f"modèle {versions.current_label()}"
    if lists:
        detail += ", listes et libellés du référentiel actuel"
    if renamed:
        detail += " ; anciens noms remplacés (feuille Renommages) : " + ", ".join(f"« {f.value} »" for f in renamed)
    if code and code not in referential.service_codes:
        detail += f" ; le service « {code} » n'est pas dans le référentiel : nom et pôle non vérifiés"
    entry = Entry(path.name, code, shown, status, detail, target, carried.values, len(carried.checks))
    return entry, carried, []


def upgrade_folder(
    workbooks: Path, referential: Referential, output: Path, progress=None, lists: bool = False
) -> UpgradeResult:
    """Upgrade every older workbook of ``workbooks`` (with ``lists``, every workbook) into
    ``<output>/mises_a_jour/`` and write the report."""
    from .report import write_upgrade_report

    folder = Path(output) / FOLDER
    result = UpgradeResult()
    paths = discover(workbooks, referential.path)
    for i, path in enumerate(paths, 1):
        entry, carried, findings = upgrade_one(path, referential, folder, lists)
        result.entries.append(entry)
        result.findings.extend(findings)
        if carried is not None:
            result.moves.extend(carried.moves)
            result.checks.extend(carried.checks)
        if progress:
            progress("Mise à jour des classeurs", i, len(paths))
    result.report = write_upgrade_report(result, folder / REPORT)
    return result


__all__ = ["Entry", "UpgradeResult", "lock_file", "upgrade_folder", "upgrade_one"]
