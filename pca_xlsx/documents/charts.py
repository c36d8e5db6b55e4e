"""Charts of the hospital synthesis, drawn with matplotlib (Agg backend) into PNG files."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

BLUE = "#1F4E79"
GREEN = "#2E7D32"
AMBER = "#F9A825"
RED = "#C62828"
GREY = "#9E9E9E"
#: Bars shown at most on a per-service chart; beyond, the chart keeps the lowest values.
MAX_BARS = 40


def _figure(rows: int):
    height = min(max(2.0, 0.2 * rows + 1.1), 8.0)
    fig, ax = plt.subplots(figsize=(7.2, height), dpi=150)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    return fig, ax


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, format="png")
    plt.close(fig)
    return path


def _empty(path: Path, message: str) -> Path:
    fig, ax = plt.subplots(figsize=(7.2, 1.2), dpi=150)
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color=GREY)
    return _save(fig, path)


def horizontal_bars(
    path: Path, labels: list[str], values: list[float | None], xlabel: str, title: str, empty: str
) -> Path:
    """One bar per label (0–100 scale), highest at the top, value printed at the end of the bar.

    Beyond :data:`MAX_BARS` labels, the lowest values are kept.
    """
    pairs = sorted(((lab, v) for lab, v in zip(labels, values) if v is not None), key=lambda p: (p[1], p[0]))
    if not pairs:
        return _empty(path, empty)
    if len(pairs) > MAX_BARS:
        pairs = pairs[:MAX_BARS]
        title += f" ({MAX_BARS} valeurs les plus basses)"
    pairs.sort(key=lambda p: p[0], reverse=True)  # barh draws upwards: ties read A→Z from the top
    pairs.sort(key=lambda p: p[1])
    fig, ax = _figure(len(pairs))
    colours = [GREEN if v >= 80 else AMBER if v >= 50 else RED for _, v in pairs]
    bars = ax.barh([p[0] for p in pairs], [p[1] for p in pairs], color=colours, height=0.65)
    for bar, (_, v) in zip(bars, pairs):
        ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{v:.0f}", va="center", fontsize=7)
    ax.set_xlim(0, 108)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_title(title, fontsize=10, loc="left")
    return _save(fig, path)


def coverage_by_scenario(path: Path, rows: list[tuple[str, int, int, int]], empty: str) -> Path:
    """Stacked bars per scenario: (scenario, tested, defined not tested, without workaround) in %."""
    if not rows:
        return _empty(path, empty)
    fig, ax = _figure(len(rows) + 1)
    names = [r[0] for r in reversed(rows)]
    left = [0.0] * len(rows)
    parts = (
        ("Parade testée", GREEN, 1),
        ("Parade définie, non testée", AMBER, 2),
        ("Sans parade ou à construire", RED, 3),
    )
    for label, colour, index in parts:
        values = []
        for r in reversed(rows):
            total = r[1] + r[2] + r[3]
            values.append(100 * r[index] / total if total else 0)
        ax.barh(names, values, left=left, color=colour, label=label, height=0.6)
        for i, v in enumerate(values):
            if v >= 8:
                ax.text(left[i] + v / 2, i, f"{v:.0f} %", ha="center", va="center", fontsize=7, color="white")
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlim(0, 100)
    ax.set_xlabel("Part des lignes de processus touchées (%)", fontsize=8)
    ax.legend(fontsize=7, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False)
    return _save(fig, path)
