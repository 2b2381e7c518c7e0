"""Run summaries that add up: pages, errors, labels and signal firings per shard or partition."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Summary:
    pages: int = 0
    errors: int = 0
    labels: Counter = field(default_factory=Counter)
    signals: Counter = field(default_factory=Counter)
    error_reasons: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, rows: pd.DataFrame) -> "Summary":
        """Counts for one frame of scored rows."""
        failed = rows["error"].astype(str).ne("")
        fired = Counter(name for names in rows.loc[~failed, "signals"] for name in str(names).split())
        reasons = Counter(str(e).split(":")[0] for e in rows.loc[failed, "error"])
        return cls(len(rows), int(failed.sum()), Counter(rows.loc[~failed, "label"]), fired, reasons)

    def __add__(self, other: "Summary") -> "Summary":
        return Summary(self.pages + other.pages, self.errors + other.errors, self.labels + other.labels,
                       self.signals + other.signals, self.error_reasons + other.error_reasons)

    def to_dict(self) -> dict:
        return {"pages": self.pages, "errors": self.errors, "labels": dict(self.labels),
                "signals": dict(self.signals), "error_reasons": dict(self.error_reasons)}

    @classmethod
    def from_dict(cls, data: dict) -> "Summary":
        return cls(data["pages"], data["errors"], Counter(data["labels"]), Counter(data["signals"]),
                   Counter(data.get("error_reasons", {})))

    def report(self) -> str:
        scored = self.pages - self.errors
        lines = [f"{self.pages} pages: {scored} scored, {self.errors} errors"]
        if self.labels:
            lines.append("labels: " + ", ".join(f"{k} {v}" for k, v in sorted(self.labels.items())))
        if self.signals:
            lines.append("signals fired: " + ", ".join(f"{k} {v}" for k, v in self.signals.most_common()))
        if self.error_reasons:
            lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in self.error_reasons.most_common()))
        return "\n".join(lines)
