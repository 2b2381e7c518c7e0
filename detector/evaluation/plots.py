"""The report's plots as matplotlib Figures, drawn on the Agg canvas.

Figures are built without pyplot, so no global backend is switched: the same
functions write PNGs in a batch run and display inline in a notebook.
"""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from sklearn.metrics import precision_recall_curve, roc_curve

from ..model import CLASSES

TASKS = (  # (panel title, what is ranked: p_scraped, or score = 1 - p_original)
    ("p_scraped: scraped vs rest", "scraped"),
    ("score: scraped or syndicated vs original", "score"),
)
STYLES = {"model": dict(color="#1f4e9c", lw=2.2), "tfidf_logreg": dict(color="#d9822b", lw=1.5, ls="--"),
          "hand_rules": dict(color="#3a8f3a", lw=1.5, ls=":")}


def png_bytes(figure: Figure) -> bytes:
    """The figure as PNG bytes (for files and for notebooks' ``IPython.display.Image``)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def new_figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _task_arrays(labels: np.ndarray, proba: np.ndarray, task: str) -> tuple[np.ndarray, np.ndarray]:
    if task == "scraped":
        return labels == "scraped", proba[:, CLASSES.index("scraped")]
    return labels != "original", 1 - proba[:, CLASSES.index("original")]


def _curve_figure(labels: np.ndarray, proba: dict[str, np.ndarray], titles: dict[str, str], kind: str) -> Figure:
    figure = new_figure(10, 4.4)
    for axes, (title, column) in zip(figure.subplots(1, 2), TASKS):
        for method, p in proba.items():
            y, s = _task_arrays(labels, p, column)
            if len(set(y)) < 2:
                continue
            if kind == "roc":
                x_values, y_values, _ = roc_curve(y, s)
            else:
                y_values, x_values, _ = precision_recall_curve(y, s)
            axes.plot(x_values, y_values, label=titles.get(method, method), **STYLES.get(method, {}))
        if kind == "roc":
            axes.plot([0, 1], [0, 1], color="grey", lw=0.8, ls="-.")
            axes.set(xlabel="false-positive rate", ylabel="true-positive rate")
        else:
            axes.set(xlabel="recall", ylabel="precision")
        axes.set(title=title, xlim=(0, 1), ylim=(0, 1.02))
        axes.grid(alpha=0.3)
        axes.legend(loc="lower right" if kind == "roc" else "lower left", fontsize=8)
    figure.suptitle(("ROC" if kind == "roc" else "Precision-recall") + " curves, held-out sites")
    return figure


def roc_figure(labels: np.ndarray, proba: dict[str, np.ndarray], titles: dict[str, str]) -> Figure:
    """ROC curves of every method for p_scraped and for score."""
    return _curve_figure(np.asarray(labels), proba, titles, "roc")


def pr_figure(labels: np.ndarray, proba: dict[str, np.ndarray], titles: dict[str, str]) -> Figure:
    """Precision-recall curves of every method for p_scraped and for score."""
    return _curve_figure(np.asarray(labels), proba, titles, "pr")


def reliability_figure(calibration: dict[str, dict], titles: dict[str, str]) -> Figure:
    """Observed share of scraped pages against mean p_scraped per bin, with the page counts below."""
    figure = new_figure(6, 6.2)
    top, bottom = figure.subplots(2, 1, height_ratios=(3, 1), sharex=True)
    top.plot([0, 1], [0, 1], color="grey", lw=0.8, ls="-.", label="perfectly calibrated")
    width = 1 / max(len(next(iter(calibration.values()))["bins"]), 1) / (len(calibration) + 1)
    for offset, (method, figures) in enumerate(calibration.items()):
        bins = [b for b in figures["bins"] if b["pages"]]
        label = f"{titles.get(method, method)} (ECE {figures['ece']:.3f})"
        top.plot([b["mean_predicted"] for b in bins], [b["observed"] for b in bins], marker="o",
                 label=label, **STYLES.get(method, {}))
        bottom.bar([b["low"] + (offset + 0.5) * width for b in figures["bins"]],
                   [b["pages"] for b in figures["bins"]], width=width,
                   color=STYLES.get(method, {}).get("color"), label=titles.get(method, method))
    top.set(ylabel="observed share scraped", xlim=(0, 1), ylim=(0, 1), title="Reliability of p_scraped, held-out sites")
    top.grid(alpha=0.3)
    top.legend(fontsize=8, loc="upper left")
    bottom.set(xlabel="predicted p_scraped (bin)", ylabel="pages", yscale="log")
    return figure


def firing_figure(firing: pd.DataFrame, pages: str = "held-out pages") -> Figure:
    """Per-signal firing rate by label/origin group, one bar per group."""
    signals, groups = list(firing.index), list(firing.columns)
    figure = new_figure(10, 0.42 * len(signals) + 1.6)
    axes = figure.subplots()
    height = 0.8 / max(len(groups), 1)
    colours = {"original/real": "#1f4e9c", "original/simulated": "#7fa7e0", "syndicated/real": "#3a8f3a",
               "syndicated/simulated": "#9fd49f", "scraped/real": "#a02020", "scraped/simulated": "#e08080"}
    positions = np.arange(len(signals))
    for i, group in enumerate(groups):
        axes.barh(positions + i * height, firing[group].to_numpy(), height=height, label=group,
                  color=colours.get(group))
    axes.set_yticks(positions + height * (len(groups) - 1) / 2, signals)
    axes.invert_yaxis()
    axes.set(xlabel="share of pages where the signal fires", xlim=(0, 1),
             title=f"Signal firing rate by class (label/origin), {pages}")
    axes.grid(axis="x", alpha=0.3)
    axes.legend(fontsize=8, loc="lower right")
    return figure

