"""The CaRE domain 2 framework as CISO Assistant publishes it (library ``ans-care-domaine2``), and what our
plan says about each requirement.

Identifiers (URNs, ref_ids) as published in CISO Assistant's library
``backend/library/libraries/ans-care-domaine2.yaml`` (version 1, 14/03/2026). The wording of the
requirements must be checked against the current official text of the programme.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..consolidate.national import MET, NOT_APPLICABLE, NOT_MET, SOURCES

FRAMEWORK_URN = "urn:lulustucru-dsn:risk:framework:ans-care:d2"
NODE_PREFIX = "urn:lulustucru-dsn:risk:req_node:ans-care:"
#: ref_id, assessable, name — in the framework's order.
NODES: tuple[tuple[str, bool, str], ...] = (
    ("d2.p", False, "Prérequis"),
    ("d2.p1", True, "Disposer d'une Politique de Sécurité des Systèmes d'Information (PSSI) formalisée et à jour"),
    (
        "d2.p2",
        True,
        "Décrire l'organisation prévue pour la mise en œuvre du Plan de Continuité et de Reprise d'Activité",
    ),
    (
        "d2.o1",
        False,
        "Inclure la gestion de la Continuité et Reprise d'activité dans la gouvernance des établissements",
    ),
    ("d2.o1.a", True, "Mettre en place une gouvernance pour la Continuité et la Reprise d'Activité"),
    ("d2.o1.b", True, "Décrire les procédures de réponse à la gestion de crise cyber"),
    ("d2.o1.c", True, "Formaliser un plan de continuité d'activité (PCA) et un plan de reprise d'activité (PRA)"),
    ("d2.o1.d", True, "Tester la mise en œuvre d'un Plan de Continuité d'Activité (PCA) dans un exercice terrain"),
    (
        "d2.o2",
        False,
        "Définir, documenter et tenir à jour la politique et le (s) plan (s) de sauvegarde et de restauration",
    ),
    ("d2.o2.a", True, "Définir une politique de sauvegarde et de restauration et la maintenir à jour"),
    ("d2.o2.b", True, "Formaliser un/ des plan (s) de sauvegarde et de restauration et le (s) maintenir à jour"),
    ("d2.o3", False, "Construire un système de sauvegarde sécurisé"),
    ("d2.o3.a", True, "Mettre en œuvre une authentification sécurisée pour les infrastructures de sauvegarde"),
    ("d2.o3.b", True, "S'inscrire dans une trajectoire pour un cloisonnement de son infrastructure de sauvegarde"),
    ("d2.o3.c", True, "S'inscrire dans une trajectoire pour la mise en œuvre du 3-2-1"),
    ("d2.o3.d", True, "Mettre en place une supervision des sauvegardes"),
    ("d2.o4", True, "Tester la sauvegarde et la restauration"),
)
#: ref_id → name.
NAMES = {ref_id: name for ref_id, _, name in NODES}
#: Requirement → the rules of our « Exigences nationales » table that decide it (keys of ``national.SOURCES``).
INFORMED = {
    "d2.o1.c": ("care", "admin", "platform", "ght"),
    "d2.o1.d": ("field", "schedule"),
}
COMPLIANT, PARTIAL, NON_COMPLIANT, NOT_ASSESSED = "compliant", "partially_compliant", "non_compliant", "not_assessed"
CAVEAT = (
    "Évaluation préparée par pca-xlsx à partir du PCA consolidé ; le libellé suit les exigences CaRE domaine 2 "
    "telles que publiées et doit être vérifié au regard du texte officiel en vigueur."
)


@dataclass
class Requirement:
    ref_id: str
    assessable: bool
    name: str
    result: str = ""  # CISO Assistant's compliance_result (assessable requirements only)
    observation: str = ""

    @property
    def urn(self) -> str:
        return NODE_PREFIX + self.ref_id


def _rows_by_key(national: pd.DataFrame) -> dict[str, dict]:
    keys = {text: key for key, text in SOURCES.items()}
    return {keys[r["source"]]: r for r in national.to_dict("records") if r.get("source") in keys}


def _organisation(referential, synthesis: pd.DataFrame) -> Requirement:
    req = Requirement("d2.p2", True, NAMES["d2.p2"])
    contact = str(referential.establishment.get("pca_contact") or "").strip()
    received = synthesis.loc[synthesis["received"].astype(bool)] if "received" in synthesis else synthesis.iloc[0:0]
    both = received.loc[
        received["medical_referent"].fillna("").astype(str).str.strip().ne("")
        & received["paramedical_referent"].fillna("").astype(str).str.strip().ne("")
    ]
    req.observation = (
        f"Équipe PCA : {contact or 'non renseignée dans le référentiel'}. {len(both)} service(s) sur "
        f"{len(received)} ayant rendu leur classeur nomment un référent médical et un référent paramédical ; "
        f"{len(synthesis)} service(s) au référentiel. {CAVEAT}"
    )
    req.result = COMPLIANT if contact and len(received) and len(both) == len(received) else PARTIAL
    return req


def _crisis(referential, reflex: pd.DataFrame, synthesis: pd.DataFrame) -> Requirement:
    req = Requirement("d2.o1.b", True, NAMES["d2.o1.b"])
    cells = len(referential.crisis_directory)
    with_sheet = reflex["code"].nunique() if not reflex.empty else 0
    received = int(synthesis["received"].astype(bool).sum()) if "received" in synthesis else 0
    req.observation = (
        f"Annuaire de crise : {cells} fonction(s) avec un numéro hors réseau ; fiches réflexes : {with_sheet} "
        f"service(s) sur {received} ayant rendu leur classeur. L'intégration du risque numérique au plan blanc "
        f"n'est pas évaluée par pca-xlsx. {CAVEAT}"
    )
    req.result = PARTIAL if cells and with_sheet else NOT_ASSESSED
    return req


def assess(national: pd.DataFrame, referential, synthesis: pd.DataFrame, reflex: pd.DataFrame) -> list[Requirement]:
    """Every node of the framework; the requirements our plan informs get a result and an observation."""
    rows = _rows_by_key(national)
    out = []
    for ref_id, assessable, name in NODES:
        if ref_id == "d2.p2":
            out.append(_organisation(referential, synthesis))
            continue
        if ref_id == "d2.o1.b":
            out.append(_crisis(referential, reflex, synthesis))
            continue
        req = Requirement(ref_id, assessable, name, NOT_ASSESSED if assessable else "")
        keys = [k for k in INFORMED.get(ref_id, ()) if k in rows]
        decided = [rows[k] for k in keys if rows[k]["status"] != NOT_APPLICABLE]
        if decided:
            met = sum(r["status"] == MET for r in decided)
            not_met = sum(r["status"] == NOT_MET for r in decided)
            req.result = COMPLIANT if met == len(decided) else NON_COMPLIANT if not_met == len(decided) else PARTIAL
            req.observation = " ".join(f"{r['rule']} : {r['status']}. {r['evidence']}" for r in decided) + " " + CAVEAT
        out.append(req)
    return out
