"""The exercise's timed script: injects from the reflex steps' timing and the processes hit.

Rule (also printed in the chronogram): H+0 the alert reaches every service (expected: the
« Alerte » steps); each reflex step whose « Quand » gives a delay (« Dans les 15 minutes »,
« Dans l'heure », « H+2 »...) becomes a check by the animators at that time; the processes hit
are then played one inject each, vital ones first, in turn across services, spread from H+0:30
to H+3:30; at H+4 the resource comes back (expected: the « Retour à la normale » steps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..consolidate.exercise_plan import ExercisePlan, ServicePart
from ..core.words import joined
from ..format import fold
from ..format.vocabulary import ALERT, BACK_TO_NORMAL, VITAL

END = 240  # minutes: H+4, the resource comes back
FIRST, LAST = 30, 210  # process injects are spread over H+0:30 .. H+3:30
#: The rule, as printed in the chronogram.
SCRIPT_RULE = (
    "Construction du chronogramme : à H+0:00 l'alerte parvient à tous les services joueurs (réaction attendue : "
    "les étapes « Alerte » de leur fiche réflexe) ; chaque étape de fiche réflexe dont le « Quand » donne un délai "
    "(« Dans les 15 minutes », « Dans l'heure »...) devient un point de contrôle à cette heure ; chaque processus "
    "touché est ensuite joué par un inject, les vitaux d'abord, les services à tour de rôle, de H+0:30 à H+3:30 ; "
    "à H+4:00 la ressource revient (réaction attendue : les étapes « Retour à la normale »)."
)
STEP_MIN = 5
_WORDS = {
    "immediat": 0,
    "immediatement": 0,
    "des l'alerte": 0,
    "des la consigne": 0,
    "dans la demi-heure": 30,
    "dans la demi heure": 30,
    "dans l'heure": 60,
    "dans les 2 heures": 120,
}


def minutes(when: Any) -> int | None:
    """The delay a reflex step's « Quand » gives, in minutes, or None when it gives none."""
    text = fold(when)
    if not text:
        return None
    for words, value in _WORDS.items():
        if text.startswith(words):
            return value
    match = re.search(r"h\s*\+\s*(\d+)(?:[:h](\d{1,2}))?", text)
    if match:
        return int(match.group(1)) * 60 + int(match.group(2) or 0)
    match = re.search(r"dans les (\d+) (minute|min|heure|h)", text)
    if match:
        n = int(match.group(1))
        return n if match.group(2).startswith("min") else n * 60
    return None


def clock(offset: int) -> str:
    """``H+1:05`` for 65 minutes."""
    return f"H+{offset // 60}:{offset % 60:02d}"


@dataclass
class Inject:
    offset: int
    kind: str  # Alerte, Point de contrôle, Situation, Fin
    target: str  # service code(s) or « Tous les services »
    message: str  # what the players receive
    expected: list[str] = field(default_factory=list)  # what the animators expect (never shown to players)
    vital: bool = False

    @property
    def time(self) -> str:
        return clock(self.offset)


def _step(step: dict[str, Any]) -> str:
    who = f" ({step['who']})" if step.get("who") else ""
    return f"Étape {step.get('step')} : {step.get('action') or ''}{who}"


def _by_phase(part: ServicePart, phase: str) -> list[dict[str, Any]]:
    return [s for s in part.reflex if s.get("phase") == phase]


def _at_alert(part: ServicePart) -> list[dict[str, Any]]:
    """Steps expected at the alert: the « Alerte » phase and any step due at once (« Immédiatement »)."""
    return [
        s for s in part.reflex
        if s.get("phase") == ALERT or (s.get("phase") != BACK_TO_NORMAL and minutes(s.get("when")) == 0)
    ]  # fmt: skip


def without(resources: list[str]) -> str:
    """« sans Téléphonie ni DECT »: what the scenario takes away."""
    return f"sans {joined(resources, 'ni')}"


def unavailable(resources: list[str], again: bool = False) -> str:
    """« Téléphonie et DECT indisponibles », « DPI de nouveau disponible »."""
    state = "de nouveau disponible" if again else "indisponible"
    return f"{joined(resources)} {state}{'s' if len(resources) > 1 else ''}"


def _situation(process: dict[str, Any]) -> str:
    """What the players receive for a process hit: the process itself, whatever the service does (caring for
    a patient, delivering gas cylinders, cleaning), without what the scenario takes away."""
    return f"Situation à gérer sans {process.get('resource')} : « {process.get('process')} »."


def _reaction(process: dict[str, Any]) -> list[str]:
    out = [f"Parade attendue : {process.get('workaround') or 'aucune parade décrite dans le classeur'}"]
    if process.get("prerequisites"):
        out.append(f"Prérequis : {process['prerequisites']}")
    return out


def _interleaved(plan: ExercisePlan) -> list[tuple[ServicePart, dict[str, Any]]]:
    """Every process hit, vital first within a service, services taken in turn."""
    queues = [
        [(part, p) for p in sorted(part.processes, key=lambda p: p.get("criticality") != VITAL)]
        for part in plan.services
    ]
    out = []
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out


def _spread(i: int, count: int) -> int:
    """Minute of the ``i``-th of ``count`` process injects, evenly from H+0:30 to H+3:30 (on the
    quarter-hour grid's 5 minutes when they are that far apart)."""
    if count <= 1:
        return FIRST
    offset = FIRST + i * (LAST - FIRST) / (count - 1)
    step = STEP_MIN if (LAST - FIRST) / (count - 1) >= STEP_MIN else 1
    return int(round(offset / step) * step)


def build_script(plan: ExercisePlan) -> list[Inject]:
    """The injects of the exercise, in time order."""
    everyone = ", ".join(p.code for p in plan.services)
    injects = [
        Inject(
            0,
            "Alerte",  # the chronogram's kind of inject, not the reflex sheet's phase
            everyone,
            f"Alerte : {unavailable(plan.resources)}. {plan.description}".strip(),
            [f"{p.code} – {_step(s)}" for p in plan.services for s in _at_alert(p)]
            or ["Déclencher la fiche réflexe du service."],
        )
    ]
    for part in plan.services:
        due: dict[int, list[str]] = {}
        for step in part.reflex:
            delay = minutes(step.get("when"))
            if delay is None or step.get("phase") in (ALERT, BACK_TO_NORMAL) or delay <= 0 or delay >= END:
                continue
            due.setdefault(delay, []).append(_step(step))
        for delay, steps in sorted(due.items()):
            message = "La cellule de crise demande un point de situation au service."
            injects.append(Inject(delay, "Point de contrôle", part.code, message, steps))
    pairs = _interleaved(plan)
    for i, (part, process) in enumerate(pairs):
        injects.append(
            Inject(
                _spread(i, len(pairs)),
                "Situation",
                part.code,
                _situation(process),
                [f"N° {process.get('number')} – " + " ; ".join(_reaction(process))],
                process.get("criticality") == VITAL,
            )
        )
    injects.append(
        Inject(
            END,
            "Fin",
            everyone,
            f"Fin de l'incident : {unavailable(plan.resources, again=True)}. Fin de l'exercice.",
            [f"{p.code} – {_step(s)}" for p in plan.services for s in _by_phase(p, BACK_TO_NORMAL)]
            or ["Organiser le retour à la normale (ressaisie des données)."],
        )
    )
    order = {"Alerte": 0, "Point de contrôle": 1, "Situation": 2, "Fin": 3}
    return sorted(injects, key=lambda i: (i.offset, order[i.kind], i.target))
