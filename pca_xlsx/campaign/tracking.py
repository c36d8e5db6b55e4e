"""What the campaign remembers between runs (``<output>/etat/campagne.json``) and what it says of this run.

The state holds one record per consolidating run (the ``Progression`` sheet) and, per service,
its last workbook: file, content digest, since when it has that content (« reçu le »), rows read,
errors, and since when it is missing. A service whose workbook was received before and is now
missing is « disparu depuis le <date> », with its file and the rows lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..core.files import atomic_path

STATE_FILE = Path("etat") / "campagne.json"
STATE_VERSION = 1
ARCHIVES_DIR = "archives"
#: Runs kept in the state (one row each in ``Progression``); the oldest go first.
RUNS_KEPT = 500


def state_path(output: Path) -> Path:
    return Path(output) / STATE_FILE


def load(output: Path) -> dict:
    """The saved state, or an empty one (absent, unreadable or of another version)."""
    try:
        state = json.loads(state_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return {"version": STATE_VERSION, "runs": [], "services": {}}
    return state


def save(state: dict, output: Path) -> Path:
    path = state_path(output)
    state["runs"] = state["runs"][-RUNS_KEPT:]
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def digest(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def french_date(iso: str) -> str:
    return dt.date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")


@dataclass
class Gone:
    """A workbook received at an earlier run and missing now."""

    code: str
    file: str
    since: str  # ISO date of the first run that missed it
    rows: int  # rows read from it at its last run
    archive: str = ""  # where its last copy is kept, relative to the output folder

    @property
    def status(self) -> str:
        return f"Disparu depuis le {french_date(self.since)}"

    def sentence(self) -> str:
        where = f" ; dernière copie : {self.archive}" if self.archive else ""
        return (
            f"Classeur disparu depuis le {french_date(self.since)} : {self.file} ({self.rows} ligne(s) perdue(s)"
            f"{where})."
        )


@dataclass
class Campaign:
    """This run seen against the saved state of ``output``."""

    output: Path
    now: dt.datetime
    previous: dict
    #: code -> {file, digest, since, rows, errors, archive}: this run's workbooks
    current: dict[str, dict] = field(default_factory=dict)
    gone: dict[str, Gone] = field(default_factory=dict)
    #: code -> its saved entry, kept as is: the service sent a workbook that cannot be read (not « disparu »)
    unreadable: dict[str, dict] = field(default_factory=dict)
    #: This run's archive folder, relative to the output folder (``archives/<date-heure>``).
    archive: str = ""

    @property
    def last_run(self) -> dict | None:
        runs = self.previous.get("runs") or []
        return runs[-1] if runs else None

    def received_on(self, code: str) -> dt.date | None:
        """« Reçu le » of a service's workbook: since when it has its present content."""
        entry = self.current.get(code)
        return dt.date.fromisoformat(entry["since"]) if entry else None

    def last_errors(self, code: str) -> int | None:
        """The service's errors at the last run (None: not in it)."""
        run = self.last_run
        return None if run is None else (run.get("errors_by_service") or {}).get(code)


def _archive_name(output: Path, now: dt.datetime) -> str:
    """``archives/<date-heure>``, made unique among the archives of the (final) output folder."""
    from .outputs import final_folder

    root = final_folder(output) / ARCHIVES_DIR
    name, n = f"{now:%Y-%m-%d_%H-%M-%S}", 2
    while (root / name).exists():
        name, n = f"{now:%Y-%m-%d_%H-%M-%S}-{n}", n + 1
    return f"{ARCHIVES_DIR}/{name}"


def follow(result, output: Path, now: dt.datetime | None = None) -> Campaign:
    """The campaign view of a validated run (``result``) written to ``output``."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    previous = load(output)
    before = previous.get("services", {})
    counts = result.report.counts()
    campaign = Campaign(Path(output), now, previous, archive=_archive_name(Path(output), now))
    referential = set(result.referential.service_codes)
    for wb in sorted(result.workbooks, key=lambda w: w.file):
        code = wb.service
        if not code or code in campaign.current:
            continue
        sha = digest(wb.path)
        old = before.get(code) or {}
        same = old.get("digest") == sha and not old.get("gone")
        campaign.current[code] = {
            "file": wb.file,
            "digest": sha,
            "since": old["since"] if same else now.date().isoformat(),
            "rows": sum(wb.rows_read().values()),
            "errors": counts.get(wb.file, (0, 0))[0],
            "archive": f"{campaign.archive}/{wb.file}",
        }
    sent = {wb.named for wb in result.workbooks if wb.named}  # unreadable, named for its service
    for code, old in before.items():
        if code in campaign.current or code not in referential:
            continue
        if code in sent:
            campaign.unreadable[code] = old
            continue
        since = old.get("gone") or now.date().isoformat()
        campaign.gone[code] = Gone(code, old.get("file", ""), since, int(old.get("rows", 0)), old.get("archive", ""))
    return campaign


def next_state(campaign: Campaign, record: dict) -> dict:
    """The state to save after this run: its record appended, each service's last workbook."""
    services = {code: dict(entry) for code, entry in {**campaign.unreadable, **campaign.current}.items()}
    for code, gone in campaign.gone.items():
        services[code] = {"file": gone.file, "rows": gone.rows, "gone": gone.since, "archive": gone.archive}
    return {"version": STATE_VERSION, "runs": [*campaign.previous.get("runs", []), record], "services": services}
