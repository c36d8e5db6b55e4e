"""A list schedule of the IT rebuild after a cyber attack: which resource is rebuilt on which days.

The rule (said in the plan, :data:`SCHEDULE_RULE`): from the day the gates open, each day the
team starts, in priority order, every resource whose dependencies are back, while fewer than
``capacity`` resources are being rebuilt; a resource takes its rebuild days; a resource exposed to
the Internet starts only once every resource not exposed is back. A resource of 0 days comes
back as soon as what it depends on is back. A loop of dependencies is broken at its first member
in priority order.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEDULE_RULE = (
    "Ordonnancement par liste : à partir du jour d'ouverture des barrières, l'équipe commence chaque jour, dans "
    "l'ordre de priorité, toute ressource dont les ressources nécessaires (« Dépend de ») sont rétablies, tant que "
    "moins de {capacity} reconstructions sont en cours ; une ressource prend ses jours de reconstruction ; une "
    "ressource exposée à Internet (ou qui dépend d'une ressource exposée) ne commence qu'une fois toutes les "
    "autres rétablies. Une ressource de 0 jour revient dès que ce dont elle dépend est rétabli."
)


@dataclass(frozen=True)
class Job:
    """One resource to rebuild: ``days`` to rebuild it, ``exposed`` to the Internet, ``needs`` the
    resources it depends on (names of other jobs)."""

    name: str
    days: int
    exposed: bool
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Slot:
    start: int
    end: int
    forced: bool = False  # started before a dependency (a loop broken)


def list_schedule(jobs: list[Job], start: int, capacity: int) -> dict[str, Slot]:
    """Start and end day of each job (``jobs`` in priority order; days counted from the attack)."""
    capacity = max(1, int(capacity))
    names = {j.name for j in jobs}
    exposed = {j.name: j.exposed for j in jobs}
    pending = list(jobs)
    ended: dict[str, int] = {}
    running: dict[str, int] = {}
    out: dict[str, Slot] = {}
    day = start
    while pending or running:
        for name, end in list(running.items()):
            if end <= day:
                ended[name] = end
                del running[name]
        started = True
        while started:
            started = False
            gate = all(j.exposed for j in pending) and all(exposed[n] for n in running)
            for job in list(pending):
                if job.exposed and not gate:
                    continue
                if any(d in names and d != job.name and ended.get(d, day + 1) > day for d in job.needs):
                    continue
                if job.days > 0 and len(running) >= capacity:
                    continue
                pending.remove(job)
                out[job.name] = Slot(day, day + job.days)
                if job.days > 0:
                    running[job.name] = day + job.days
                else:
                    ended[job.name] = day
                started = True
                break  # the gate and the readiness may have changed: look again from the top
        if running:
            day = min(running.values())
        elif pending:  # nothing can start: a loop of dependencies; break it at the first job
            job = pending.pop(0)
            out[job.name] = Slot(day, day + job.days, forced=True)
            running[job.name] = day + job.days
            if job.days == 0:
                del running[job.name]
                ended[job.name] = day
    return out
