"""Render Word templates with docxtpl: strict, escaped, atomic, in parallel across cores.

A template lives in the package's ``templates/`` folder (a folder given by ``--modeles`` or
``$PCA_XLSX_TEMPLATES`` replaces it, so a hospital can restyle them). Rendering
always autoescapes (``&``, ``<``, ``>`` come out as typed), strips characters XML forbids, and
treats an undefined variable as an error (:class:`DocumentError`, French message).
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined, TemplateError, UndefinedError

from ..core.collector import give_back_memory
from ..core.errors import StartError
from ..core.files import atomic_path
from ..core.pool import Batch, fork_context
from .compiled import compiled, plain_properties, render_with_images
from .text import clean

#: Below this many documents (or with one worker) rendering stays in this process.
PARALLEL_MIN = 12
#: Documents per task sent to a worker, at most.
MAX_CHUNK = 25


class DocumentError(StartError):
    """A Word template cannot be rendered (missing, damaged, unknown variable); French message."""

    title = "Documents impossibles à produire"


#: The Word templates shipped with the package (the fallback of a wheel install).
PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: The establishment's own templates: a folder of this name beside the workbooks folder.
LOCAL_TEMPLATES = "templates"


def templates_folder(chosen: Path | None = None, workbooks: Path | None = None) -> Path:
    """Where the Word templates are: ``chosen``, else ``$PCA_XLSX_TEMPLATES``, else the folder
    ``templates/`` beside the ``workbooks`` folder when it exists, else the package's own."""
    env = os.environ.get("PCA_XLSX_TEMPLATES", "").strip()
    if chosen:
        return Path(chosen)
    if env:
        return Path(env)
    if workbooks is not None:
        local = Path(workbooks).resolve().parent / LOCAL_TEMPLATES
        if local.is_dir():
            return local
    return PACKAGE_TEMPLATES


@dataclass(frozen=True)
class Later:
    """A context built by the process that renders the document: ``function(sources, *args)``, with
    the ``sources`` given to :func:`render_all` (the workers get them through the fork, unpickled).
    Building the contexts was the serial part of the documents: about 2 ms each, in this process."""

    function: Callable[..., dict]
    args: tuple = ()


@dataclass
class Job:
    """One document: template file name, context (or :class:`Later`), target path, images
    (variable → (png, width mm))."""

    template: str
    context: dict | Later
    target: Path
    images: dict[str, tuple[str, float]] = field(default_factory=dict)


_SOURCES: Any = None  # the sources of the render_all running, for Later contexts (inherited by forked workers)


def context_of(job: Job, sources: Any = None) -> dict:
    """The job's context, built now when it is :class:`Later`."""
    if isinstance(job.context, Later):
        return job.context.function(_SOURCES if sources is None else sources, *job.context.args)
    return job.context


class _Environment(Environment):
    """Compiles each template source once per process (docxtpl compiles every part of every
    document from a string; the same template gives the same strings)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self.compiled.get(source)
        if template is None:
            template = self.compiled[source] = super().from_string(source)
        return template


_ENV: Environment | None = None


def environment() -> Environment:
    """The Jinja environment every document uses: autoescape on, undefined variables are errors."""
    global _ENV
    if _ENV is None:
        _ENV = _Environment(autoescape=True, undefined=StrictUndefined)
    return _ENV


_CACHE: dict[Path, bytes] = {}


def _read(path: Path) -> bytes:
    """The template file's bytes, read once per process."""
    data = _CACHE.get(path)
    if data is None:
        if not path.is_file():
            raise DocumentError(
                f"Modèle Word introuvable : {path}. Vérifiez le dossier des modèles (option --modeles ou "
                "variable PCA_XLSX_TEMPLATES) ; ceux fournis avec pca-xlsx servent quand aucun n'est indiqué."
            )
        data = _CACHE[path] = path.read_bytes()
    return data


def render_one(job: Job, folder: Path) -> Path:
    """Render ``job`` and write it atomically; return the target. A document is rendered from the template
    prepared once (:mod:`.compiled`), one with images from its body as rendered
    (:func:`~.compiled.render_with_images`), else (footnotes, a body docxtpl's tree must fix) by docxtpl's
    full path."""
    path = folder / job.template
    data = _read(path)
    context = clean(context_of(job))
    content, tpl = None, None
    try:
        ready = None if job.images else compiled(path, data)
        if ready is not None and ready.fast:
            content = ready.render(context, environment())
        elif job.images:
            content = render_with_images(_with_images(data, job, context), context, environment())
        if content is None:
            tpl = _with_images(data, job, context)
            tpl.render(context, environment(), autoescape=True)
            plain_properties(tpl.docx)
    except UndefinedError as exc:
        raise DocumentError(
            f"Modèle Word « {job.template} » : variable inconnue ({exc}). "
            "Vérifiez les balises {{ … }} du modèle : seules les variables documentées sont disponibles."
        ) from exc
    except TemplateError as exc:
        raise DocumentError(f"Modèle Word « {job.template} » : balise incorrecte ({exc}).") from exc
    except Exception as exc:  # noqa: BLE001 - a damaged .docx must not crash the run
        raise DocumentError(f"Modèle Word « {job.template} » illisible ou endommagé ({exc}).") from exc
    with atomic_path(job.target) as tmp:
        if tpl is None:
            tmp.write_bytes(content)
        else:
            tpl.save(tmp)
    return job.target


def _with_images(data: bytes, job: Job, context: dict) -> DocxTemplate:
    """A fresh docxtpl template, ``context`` holding the job's images (inserted into it as rendered)."""
    tpl = DocxTemplate(io.BytesIO(data))
    for key, (png, width) in job.images.items():
        context[key] = InlineImage(tpl, png, width=Mm(width))
    return tpl


def render_chunk(jobs: list[Job], folder: Path) -> list[Path]:
    """Worker entry point: render several documents with the per-process template cache, then
    give the memory freed meanwhile back to the system."""
    try:
        return [render_one(job, folder) for job in jobs]
    finally:
        give_back_memory(collect=True)


def render_all(
    jobs: list[Job],
    folder: Path | None = None,
    workers: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    label: str = "Documents Word",
    sources: Any = None,
    meanwhile: Callable[[], Any] | None = None,
) -> list[Path]:
    """Render every job, in parallel when worthwhile; return the written paths in job order.
    ``sources``: what :class:`Later` contexts are built from; ``meanwhile``: work this process does
    while the workers render (the hospital-wide documents), else before them."""
    global _SOURCES
    _SOURCES = sources
    try:
        return _render_all(jobs, folder or templates_folder(), workers, progress, label, meanwhile or (lambda: None))
    finally:
        _SOURCES = None


def _render_all(jobs, folder, workers, progress, label, meanwhile) -> list[Path]:
    total = len(jobs)
    workers = max(1, min(workers or os.cpu_count() or 1, total or 1))
    report = progress or (lambda *_: None)
    if workers == 1 or total < PARALLEL_MIN:
        meanwhile()
        report(label, 0, total)
        out = []
        for i, job in enumerate(jobs, 1):
            out.append(render_one(job, folder))
            report(label, i, total)
        return out
    report(label, 0, total)
    context = fork_context()
    if context.get_start_method() != "fork":  # spawned workers don't inherit the sources
        jobs = [replace(job, context=context_of(job)) for job in jobs]
    size = max(1, min(MAX_CHUNK, math.ceil(total / (workers * 4))))
    chunks = [jobs[i : i + size] for i in range(0, total, size)]
    # workers - 1 processes, forked before this work's memory; this one renders the hospital-wide documents
    # meanwhile, then the chunks no worker has started: a worker forked from a large process keeps as its own
    # every page either side touches (README « Une région sur une machine », 4ᵉ passe)
    batch = Batch(partial(render_chunk, folder=folder), chunks, workers)
    try:
        meanwhile()
    except BaseException:
        batch.close()
        raise
    batch.run(lambda done: report(label, done, total))
    return [job.target for job in jobs]
