"""What a signal is: a stable name, a pure function of one Page, a value and evidence.

A signal function takes a Page and returns a ``SignalResult``. Value 0 means the
signal did not fire; higher always means more like republished content. Evidence
quotes the exact substring with its offsets inside one Page field, so a reader
can find it again.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..page import Page


@dataclass(frozen=True)
class Evidence:
    field: str  # Page field the offsets refer to: "title", "paragraphs[0]", "blocks[1].items[0].teaser"
    start: int
    end: int
    text: str  # == page.field_text(field)[start:end]
    reason: str

    @classmethod
    def at(cls, page: Page, field_name: str, start: int, end: int, reason: str) -> "Evidence":
        return cls(field_name, start, end, page.field_text(field_name)[start:end], reason)


@dataclass(frozen=True)
class SignalResult:
    name: str
    value: float
    evidence: tuple[Evidence, ...] = ()

    @property
    def fired(self) -> bool:
        return self.value > 0


@dataclass(frozen=True)
class Signal:
    name: str
    family: str  # "brand_injection", "mismatched_credit", "farm_blocks", "artifacts", "redating", "navigation", "spinning", "syndication"
    description: str
    func: Callable[[Page], SignalResult]
    strong: bool = False  # strong enough on its own for the hand-rule baseline

    def __call__(self, page: Page) -> SignalResult:
        return self.func(page)


REGISTRY: dict[str, Signal] = {}


def signal(name: str, family: str, strong: bool = False):
    """Register ``func(page) -> SignalResult`` under a stable snake_case name.

    The description is the function's docstring's first line.
    """

    def register(func: Callable[[Page], SignalResult]) -> Callable[[Page], SignalResult]:
        if name in REGISTRY:
            raise ValueError(f"signal {name!r} registered twice")
        doc = (func.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Signal(name, family, doc[0] if doc else "", func, strong)
        return func

    return register


def result(name: str, value: float, evidence: list[Evidence] | tuple[Evidence, ...] = ()) -> SignalResult:
    return SignalResult(name, float(value), tuple(evidence))
