"""Charts of the hospital synthesis, drawn with matplotlib (Agg backend) into PNG files.

Every colour comes from :data:`PALETTE` (one place to rebrand). The three levels (good, to
watch, bad) differ in lightness *and* in hatching, so a chart printed in black and white still
tells them apart.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

#: Colours (hex) and hatching of every chart; greyscale lightness: good 24 %, bad 44 %, watch 74 %.
PALETTE = {
    "brand": "#1F4E79",
    "good": "#1B5E20",
    "watch": "#FFC107",
    "bad": "#E53935",
    "muted": "#9E9E9E",
    "text_on_dark": "#FFFFFF",
    "text_on_light": "#000000",
}
HATCH = {"good": "", "watch": "//", "bad": "xx"}
BLUE, GREEN, AMBER, RED, GREY = (PALETTE[k] for k in ("brand", "good", "watch", "bad", "muted"))


def level(value: float) -> str:
    """good (≥ 80), watch (≥ 50) or bad."""
    return "good" if value >= 80 else "watch" if value >= 50 else "bad"


def _bars(ax, labels, values, levels, **kwargs):
    """Horizontal bars coloured and hatched by level (hatch lines in the muted grey)."""
    bars = ax.barh(labels, values, color=[PALETTE[k] for k in levels], edgecolor=PALETTE["text_on_light"],
                   linewidth=0.4, **kwargs)  # fmt: skip
    for bar, key in zip(bars, levels):
        bar.set_hatch(HATCH[key])
    return bars


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
    bars = _bars(ax, [p[0] for p in pairs], [p[1] for p in pairs], [level(v) for _, v in pairs], height=0.65)
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
        ("Parade testée", "good", 1),
        ("Parade définie, non testée", "watch", 2),
        ("Sans parade ou à construire", "bad", 3),
    )
    for label, key, index in parts:
        values = []
        for r in reversed(rows):
            total = r[1] + r[2] + r[3]
            values.append(100 * r[index] / total if total else 0)
        _bars(ax, names, values, [key] * len(values), left=left, label=label, height=0.6)
        ink = PALETTE["text_on_light"] if key == "watch" else PALETTE["text_on_dark"]
        for i, v in enumerate(values):
            if v >= 8:
                ax.text(left[i] + v / 2, i, f"{v:.0f} %", ha="center", va="center", fontsize=7, color=ink,
                        bbox={"facecolor": PALETTE[key], "edgecolor": "none", "pad": 0.8})  # fmt: skip
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlim(0, 100)
    ax.set_xlabel("Part des lignes de processus touchées (%)", fontsize=8)
    ax.legend(fontsize=7, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False)
    return _save(fig, path)
