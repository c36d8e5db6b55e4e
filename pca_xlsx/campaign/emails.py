"""Ready-to-send e-mail drafts: ``<output>/courriels/<code>.eml``, one per service with something to do.

A service has something to do when its workbook has errors, is incomplete or unreadable. The draft
is addressed to its referents (the e-mails of its ``Service`` sheet), from the PCA team's address
(referential), says in plain French what to correct and by when, and carries the annotated copy.
``X-Unsent: 1`` makes Outlook open it as a draft to send; Thunderbird opens it as a message to edit.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path

from ..core.files import atomic_path
from ..core.words import counted
from ..read.address import valid_address
from ..validate.completeness import INCOMPLETE as INCOMPLETE_STATUS
from ..validate.summary import TO_FIX, UNREADABLE

FOLDER = "courriels"
#: Findings listed one by one in a draft; the others are counted (the annotated copy has them all).
LISTED = 25


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ""


def _form(wb) -> dict:
    sheet = wb.sheets.get("service")
    return dict(zip(sheet.spec.all_keys, sheet.rows[0])) if sheet and sheet.rows else {}


def _finding_line(f) -> str:
    where = f"feuille « {f.sheet} »" if f.sheet else "classeur"
    if f.cell:
        where += f", cellule {f.cell}"
    return f"  - {where} : {f.message}"


def body(name: str, code: str, referents: list[str], status: str, errors: list, lacking: list[str],
         warnings: int, deadline: str, team: dict, attached: bool) -> str:  # fmt: skip
    """The draft's text, in plain French."""
    hello = "Bonjour " + (" et ".join(referents) if referents else "") + ","
    lines = [hello.replace("Bonjour ,", "Bonjour,"), ""]
    lines.append(f"Merci pour le classeur PCA du service {name} ({code}). Avant de l'intégrer au plan de "
                 "l'établissement, il reste à faire :")  # fmt: skip
    lines.append("")
    if status == UNREADABLE:
        lines.append("- Le fichier reçu ne peut pas être lu : renvoyez-le enregistré au format Excel (.xlsx).")
    if lacking:
        lines.append(f"- Compléter le classeur ({', '.join(lacking)} pour l'instant) : il faut au moins un "
                     "référent, un processus, une application et une étape de fiche réflexe.")  # fmt: skip
    if errors:
        lines.append(f"- Corriger {counted(len(errors), 'erreur')} :")
        lines += [_finding_line(f) for f in errors[:LISTED]]
        if len(errors) > LISTED:
            lines.append(f"  … et {counted(len(errors) - LISTED, 'autre')}, signalées dans la copie jointe.")
    if warnings:
        lines.append(
            f"- Vérifier {counted(warnings, 'point signalé', 'points signalés')} en jaune (avertissements : à "
            "regarder, pas bloquants)."
        )
    lines.append("")
    if attached:
        lines.append("Vous trouverez en pièce jointe votre classeur annoté : chaque cellule à reprendre est surlignée, "
                     "avec un commentaire, et la feuille « Corrections » les liste toutes. Corrigez directement ce "
                     "fichier, enregistrez-le et renvoyez-le-nous en réponse à ce message.")  # fmt: skip
    else:
        lines.append("Complétez votre classeur, enregistrez-le et renvoyez-le-nous en réponse à ce message.")
    lines.append(f"Date limite de retour : {deadline}." if deadline else "Merci de nous le renvoyer dès que possible.")
    lines += ["", "Merci pour votre contribution au plan de continuité d'activité.", "", "L'équipe PCA"]
    contact = " – ".join(str(v) for v in (team.get("pca_contact"), team.get("pca_phone")) if v)
    if contact:
        lines.append(contact)
    return "\n".join(lines) + "\n"


def write_drafts(result, output: Path) -> tuple[list[Path], list[str]]:
    """The drafts of a validated run (``result``, its annotated copies already written under
    ``output``); returns the paths and French notes (drafts without an address)."""
    from ..documents import file_name
    from ..validate.annotate import annotated_name
    from ..validate.summary import STATUS, service_rows

    team = result.referential.establishment
    sender = valid_address(team.get("pca_email"))
    deadline = team.get("return_deadline")
    deadline = _date(deadline) if isinstance(deadline, dt.date) and deadline >= dt.date.today() else ""
    by_file = result.report.by_file()
    rows = {row[2]: row for row in service_rows(result.report, result.referential, result.workbooks, {},
                                                 result.campaign) if row[2]}  # fmt: skip
    written, silent = [], []
    for wb in sorted(result.workbooks, key=lambda w: w.file):
        row = rows.get(wb.file)
        if not wb.service or row is None or row[STATUS] not in (TO_FIX, INCOMPLETE_STATUS, UNREADABLE):
            continue
        form = _form(wb)
        names = [str(form[k]).strip() for k in ("medical_referent", "paramedical_referent") if form.get(k)]
        emails = [(n, valid_address(form.get(k))) for n, k in zip(
            [form.get("medical_referent") or "", form.get("paramedical_referent") or ""],
            ("medical_email", "paramedical_email"))]  # fmt: skip
        to = [formataddr((str(n).strip(), a)) for n, a in emails if a]
        findings = by_file.get(wb.file, [])
        errors = [f for f in findings if f.is_error]
        warnings = len(findings) - len(errors)
        lacking = [p for p in str(row[-1] or "").split(", ") if p] if row[STATUS] == INCOMPLETE_STATUS else []
        copy = Path(output) / "validation" / "annotes" / annotated_name(wb.path)
        msg = EmailMessage()
        if sender:
            msg["From"] = formataddr(("Équipe PCA", sender))
        if to:
            msg["To"] = ", ".join(to)
        else:
            silent.append(wb.service)
        name = row[1] or wb.service
        when = f" avant le {deadline}" if deadline else ""
        msg["Subject"] = f"PCA – {name} ({wb.service}) : votre classeur à reprendre{when}"
        msg["X-Unsent"] = "1"
        msg.set_content(body(name, wb.service, names, row[STATUS], errors, lacking, warnings, deadline, team,
                             copy.is_file()))  # fmt: skip
        if copy.is_file():
            msg.add_attachment(copy.read_bytes(), maintype="application",
                               subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename=copy.name)  # fmt: skip
        target = Path(output) / FOLDER / f"{file_name(wb.service)}.eml"
        with atomic_path(target) as tmp:
            tmp.write_bytes(msg.as_bytes())
        written.append(target)
    notes = []
    if silent:
        notes.append(
            f"{counted(len(silent), 'brouillon')} de courriel sans destinataire (e-mails des référents absents ou "
            "invalides "
            f"dans la feuille « Service ») : {', '.join(silent)}."
        )
    return written, notes
