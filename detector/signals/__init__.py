"""The signal registry: every signal module registers its signals on import.

``SIGNALS`` is the ordered list the feature layer, the CLI and the reports use;
its order is the column order of the output and of the model's features.
"""
from __future__ import annotations

from ..page import Page
from .base import REGISTRY, Evidence, Signal, SignalResult, signal

# Importing a family module registers its signals; the order here is the column order.
from . import brand, credit, blocks, artifacts, dates, category, spinning  # noqa: E402,F401
# Appended after the original families so the existing feature columns keep their order.
from . import leftovers, stuffing, language  # noqa: E402,F401

SIGNALS: list[Signal] = list(REGISTRY.values())
SIGNAL_NAMES: list[str] = [s.name for s in SIGNALS]
REGISTRY_BY_NAME: dict[str, Signal] = dict(REGISTRY)


def run_signals(page: Page) -> list[SignalResult]:
    """Every registered signal on one page, in registry order."""
    return [s(page) for s in SIGNALS]


__all__ = ["Evidence", "Signal", "SignalResult", "SIGNALS", "SIGNAL_NAMES", "REGISTRY_BY_NAME", "run_signals", "signal"]
