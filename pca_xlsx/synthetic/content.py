"""One service's workbook content: each sheet's rows drawn from the service's own generator, the later
template versions' columns from generators of their own (a version added changes none of the earlier
draws), and at most one realistic input mistake.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from typing import Any

from ..format import MATURITY_QUESTIONS, versions
from ..format.service import (
    ACTION_ORIGINS,
    ACTION_STATUSES,
    ANSWERS,
    CRITICALITY,
    DATA_LOSS,
    DEGRADED,
    DEPENDENCY,
    DOCUMENT_STATES,
    EXERCISE_TYPES,
    INTERRUPTION,
    OFF_NETWORK,
    PHASES,
    RESULTS,
    TELECOM_MEANS,
    WORKAROUND_STATUS,
)
from . import catalogue as cat

#: Faults a service may carry (one each), injected with probability ``faults``.
FAULTS = ("unknown-resource", "bad-choice", "missing-action", "text-quantity", "unknown-interface", "case-spaces")


def service_content(
    seed: int,
    code: str,
    kind: tuple,
    today: dt.date,
    interfaces: list[str],
    rows: int | None,
    dense: bool,
    faults: float,
) -> dict[str, Any]:
    """Content of the workbook of ``code`` (sheet key -> rows), for ``write_service_workbook``, drawn from
    generators seeded with ``(seed, code)``: ``kind`` is its row of ``cat.SERVICE_TYPES``, ``interfaces`` the
    services its process rows may name, ``rows``, ``dense`` and ``faults`` as in :class:`.hospital.Hospital`."""
    rng = random.Random(f"{seed}:{code}")
    content = {
        "service": _service(rng, kind, today),
        "maturite": [{"answer": rng.choice(ANSWERS)} for _ in MATURITY_QUESTIONS],
        "applications": _applications(rng),
        "processus": _processes(rng, interfaces, versions.interface_target(kind[2]), rows, dense),
        "telecom": _telecom(rng),
        "biomedical": _biomedical(rng, kind[2]),
        "documents": _documents(rng),
        "fiche_reflexe": _reflex(rng),
        "exercices": _exercises(rng, today),
    }
    _version_2(random.Random(f"{seed}:{code}:v2"), content, today)
    content["service"]["duty_phone"] = duty_phone(code)  # version 3; draws nothing: the rest is unchanged
    _version_3(random.Random(f"{seed}:{code}:v3"), content)
    if rng.random() < faults:
        _inject(rng, content)
    return content


def _person(rng: random.Random) -> str:
    return f"{rng.choice(cat.FIRST_NAMES)} {rng.choice(cat.LAST_NAMES)}"


def duty_phone(code: str) -> str:
    """A service's on-duty phone (a landline: never one of the referents' 06 mobiles), fixed by its code."""
    digits = f"{zlib.crc32(code.encode()) % 10**8:08d}"
    return "04 " + " ".join(digits[i : i + 2] for i in range(0, 8, 2))


def _phone(rng: random.Random) -> str:
    return "06 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


def _service(rng: random.Random, kind: tuple, today: dt.date) -> dict[str, Any]:
    _, name, _, capacity, ambition = kind
    return {
        "medical_referent": f"Dr {_person(rng)}",
        "medical_phone": _phone(rng),
        "paramedical_referent": _person(rng),
        "paramedical_phone": _phone(rng),
        "capacity": max(0, capacity + rng.randint(-5, 5)) if capacity else 0,
        "ambition": max(0, min(100, ambition - rng.choice((0, 0, 10, 20)))),
        "kept_activities": "Urgences vitales et patients déjà hospitalisés",
        "suspended_activities": rng.choice(("Activité programmée non urgente", "Consultations", None)),
        "degraded_capacity": rng.choice(("Moitié des lits", "Accueil des urgences seulement", None)),
        "degraded_organisation": f"{name} : circuits papier, renfort d'un coursier, point toutes les 2 h",
        "updated": today - dt.timedelta(days=rng.randint(5, 300)),
    }


def _band(drawn: str | None, bands: tuple, dependency: str) -> str | None:
    """A band drawn from ``bands`` moved into the two the dependency level makes likely (the more
    critical, the stricter): the draw itself is unchanged, so the rest of the generator is too."""
    strict = DEPENDENCY[::-1].index(dependency)  # Critique 0 ... Faible 3
    return bands[strict + bands.index(drawn) % 2]


def _applications(rng: random.Random) -> list[dict[str, Any]]:
    chosen = rng.sample(cat.RESOURCES, rng.randint(3, 10))
    rows = []
    for name, _, description in chosen:
        dependency = rng.choice(DEPENDENCY)
        rows.append(
            {
                "resource": name,
                "usage": description,
                "dependency": dependency,
                "tolerable": _band(rng.choice(INTERRUPTION), INTERRUPTION, dependency),
                "degraded": rng.choice(DEGRADED),
                "comment": rng.choice((None, None, "Kit papier en salle de soins")),
            }
        )
    return rows


def _processes(
    rng: random.Random, interfaces: list[str], column: str, rows: int | None, dense: bool = False
) -> list[dict[str, Any]]:
    """Process rows; the other services involved go to ``column`` (relies_on for care, serves for support)."""
    target = rng.randint(10, 50)
    if rows is not None:  # the worst case: every service at the account's maximum
        target = rows
    candidates = [(p, r, w, q, "") for p, rs, w, q in cat.PROCESSES for r in rs]
    rng.shuffle(candidates)
    variants = (" (nuit)", " (week-end)", " (urgence)")
    extra = [(p, r, w, q, v) for v in variants for p, r, w, q, _ in candidates]
    rows = []
    for number, (process, resource, workaround, prerequisites, variant) in enumerate((candidates + extra)[:target], 1):
        status = rng.choice(WORKAROUND_STATUS)
        k = rng.choice((0, 0, 1, 1, 2)) if interfaces else 0
        if dense:  # the choice is still drawn: the usual hospital stays the same, seed for seed
            k = 2
        rows.append(
            {
                "number": number,
                "process": process + variant,
                "criticality": rng.choice(CRITICALITY),
                "resource": resource,
                "workaround": None if status == "À construire" and rng.random() < 0.5 else workaround,
                column: "; ".join(rng.sample(interfaces, min(k, len(interfaces)))) or None,
                "prerequisites": prerequisites or None,
                "owner": rng.choice(cat.OWNERS),
                "status": status,
            }
        )
    return rows


def _telecom(rng: random.Random) -> list[dict[str, Any]]:
    return [
        {"means": means, "quantity": rng.randint(1, 6), "usage": rng.choice(cat.TELECOM_USAGES)}
        for means in rng.sample(TELECOM_MEANS, rng.randint(1, 4))
    ]


def _biomedical(rng: random.Random, category: str) -> list[dict[str, Any]]:
    count = rng.randint(2, 8) if category == "Critique" else rng.randint(0, 3)
    return [
        {
            "device": device,
            "quantity": rng.randint(1, 20),
            "connected": rng.choice(("Oui", "Non")),
            "offline": rng.choice(OFF_NETWORK),
            "dependency": rng.choice((None, "Centrale de surveillance", "Réseau")),
        }
        for device in rng.sample(cat.DEVICES, count)
    ]


def _documents(rng: random.Random) -> list[dict[str, Any]]:
    return [
        {
            "document": name,
            "type": kind,
            "quantity": rng.choice((50, 100, 200, 500)),
            "location": "Classeur PCA, bureau infirmier",
            "owner": rng.choice(cat.OWNERS),
        }
        for name, kind in rng.sample(cat.DOCUMENTS, rng.randint(2, 10))
    ]


def _reflex(rng: random.Random) -> list[dict[str, Any]]:
    count = rng.randint(8, 15)
    # At least one step per phase, the rest spread, in phase order.
    per_phase = [1] * len(PHASES)
    for _ in range(count - len(PHASES)):
        per_phase[rng.randrange(len(PHASES))] += 1
    rows = []
    for phase, k in zip(PHASES, per_phase):
        actions = cat.REFLEX_ACTIONS[phase]
        for j in range(k):
            rows.append(
                {
                    "step": len(rows) + 1,
                    "phase": phase,
                    "action": actions[j % len(actions)] + ("" if j < len(actions) else " (suite)"),
                    "who": rng.choice(cat.OWNERS),
                    "when": rng.choice(cat.WHEN),
                }
            )
    return rows


def _exercises(rng: random.Random, today: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "date": today - dt.timedelta(days=rng.randint(10, 700)),
            "scenario": rng.choice(cat.SCENARIOS)[0],
            "type": rng.choice(EXERCISE_TYPES),
            "participants": "Cadre, IDE, médecin",
            "result": rng.choice(RESULTS),
            "actions": rng.choice((None, "Imprimer les bons de demande", "Mettre à jour l'annuaire")),
        }
        for _ in range(rng.randint(0, 3))
    ]


def _version_2(rng: random.Random, content: dict[str, Any], today: dt.date) -> None:
    """The template version 2 content (own generator: version-1 content stays as it was)."""
    service = content["service"]
    if rng.random() < 0.5:
        service["validated_by"] = f"Dr {_person(rng)}"
        service["validated_on"] = min(today, service["updated"] + dt.timedelta(days=rng.randint(0, 30)))
    for row in content["applications"]:
        drawn = rng.choice((None, *DATA_LOSS))
        known = row["dependency"] in DEPENDENCY
        row["data_loss"] = _band(drawn, (*DATA_LOSS, None), row["dependency"]) if known else drawn
    for row in content["documents"]:
        row["state"] = rng.choice((None, *DOCUMENT_STATES))
        if row["state"] == DOCUMENT_STATES[-1]:
            row["checked_on"] = today - dt.timedelta(days=rng.randint(1, 200))
    content["plan_actions"] = [
        {
            "action": rng.choice(cat.ACTIONS),
            "origin": rng.choice(ACTION_ORIGINS),
            "owner": rng.choice(cat.OWNERS),
            "due": today + dt.timedelta(days=rng.randint(-60, 240)),
            "status": rng.choice(ACTION_STATUSES),
        }
        for _ in range(rng.randint(0, 4))
    ]


def _version_3(rng: random.Random, content: dict[str, Any]) -> None:
    """The template version 3 content: paper records per day and whether they are re-keyed, copies used per day."""
    from ..format.paper import is_paper

    for row in content["processus"]:
        row["rekey"] = "Oui" if is_paper(row["workaround"]) else "Non"
        row["volume_per_day"] = rng.randint(5, 120) if row["rekey"] == "Oui" else None
    for row in content["documents"]:
        row["consumption_per_day"] = rng.randint(0, 60)


def _inject(rng: random.Random, content: dict[str, Any]) -> None:
    """One realistic input mistake, recorded under ``_fault`` (not written)."""
    fault = rng.choice(FAULTS)
    processes = content["processus"]
    row = processes[rng.randrange(len(processes))]
    if fault == "unknown-resource":
        row["resource"] = "Logiciel inconnu"
    elif fault == "bad-choice":
        row["criticality"] = "Très grave"
    elif fault == "missing-action":
        content["fiche_reflexe"][0]["action"] = None
    elif fault == "text-quantity":
        content["telecom"][0]["quantity"] = "beaucoup"
    elif fault == "unknown-interface":
        row["relies_on"] = "ZZZ99"
    else:
        row["criticality"] = f"  {row['criticality'].lower()} "
    content["_fault"] = fault
