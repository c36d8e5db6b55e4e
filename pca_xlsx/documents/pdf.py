"""Convert Word documents to PDF with LibreOffice, many files per ``soffice`` call."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..core.files import atomic_path

#: Files converted per soffice call (one start-up cost per batch).
BATCH = 60
NO_SOFFICE = (
    "LibreOffice (soffice) est introuvable : les documents sont produits en Word uniquement, sans PDF. "
    "Installez LibreOffice puis relancez avec --pdf pour obtenir les PDF et les classeurs de crise."
)


def install_folders() -> list[Path]:
    """Where LibreOffice's installers put ``soffice`` on Windows and macOS (not always on the PATH)."""
    mac = Path("LibreOffice.app") / "Contents" / "MacOS"
    folders = [Path("/Applications") / mac]
    try:
        folders.append(Path.home() / "Applications" / mac)
    except RuntimeError:  # no home folder known
        pass
    for variable in ("PROGRAMFILES", "PROGRAMW6432", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        base = os.environ.get(variable, "").strip()
        if base:
            root = Path(base) / "Programs" if variable == "LOCALAPPDATA" else Path(base)
            folders.append(root / "LibreOffice" / "program")
    return folders


def soffice() -> str | None:
    """Path of the LibreOffice binary: on the PATH, else in its usual install folder; or None."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for folder in install_folders():
        for name in ("soffice.exe", "soffice"):
            candidate = folder / name
            if candidate.is_file():
                return str(candidate)
    return None


def _convert_batch(binary: str, sources: list[Path], outdir: Path, timeout: float) -> None:
    """One soffice call with its own throw-away user profile (so calls can run side by side)."""
    with tempfile.TemporaryDirectory(prefix="pca-lo-") as profile:
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )


def convert(
    pairs: list[tuple[Path, Path]],
    workers: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[list[Path], list[str]]:
    """Convert each (docx, pdf target); return (written PDFs, French problems).

    Sources are linked under unique names into one staging folder, converted in batches (in
    parallel when there are several), and each PDF is moved onto its target in one rename.
    """
    binary = soffice()
    if binary is None:
        return [], [NO_SOFFICE]
    report = progress or (lambda *_: None)
    total = len(pairs)
    report("Conversion PDF", 0, total)
    if not pairs:
        return [], []
    written: list[Path] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="pca-pdf-") as stage:
        stage_path = Path(stage)
        (stage_path / "out").mkdir()
        staged = []
        for i, (source, target) in enumerate(pairs):
            link = stage_path / f"d{i:06d}.docx"
            try:
                os.link(source, link)
            except OSError:
                shutil.copyfile(source, link)
            staged.append((link, target))
        workers = max(1, min(workers or os.cpu_count() or 1, math.ceil(total / 8)))
        size = min(BATCH, math.ceil(total / workers))
        batches = [staged[i : i + size] for i in range(0, total, size)]
        done = 0
        with ThreadPoolExecutor(workers) as pool:
            futures = [
                pool.submit(_convert_batch, binary, [s for s, _ in b], stage_path / "out", 120 + 10 * len(b))
                for b in batches
            ]
            for future, batch in zip(futures, batches):
                try:
                    future.result()
                except subprocess.TimeoutExpired:
                    problems.append(f"LibreOffice n'a pas terminé la conversion de {len(batch)} document(s) à temps.")
                for link, target in batch:
                    pdf = stage_path / "out" / f"{link.stem}.pdf"
                    if pdf.is_file():
                        with atomic_path(target) as tmp:
                            shutil.move(pdf, tmp)
                        written.append(target)
                    else:
                        problems.append(f"Conversion en PDF impossible : {target.name} ({target.parent.name}).")
                done += len(batch)
                report("Conversion PDF", done, total)
    return written, problems
