"""A second, independently written content-farm page generator.

``generate(originals, seed)`` turns real original articles (Pages) into clean
re-renderings, credited syndicated copies and farm copies with named behaviours
("families"). See README.md in this folder for each behaviour and where it is
described.
"""
from .families import FAMILIES
from .generate import GeneratedPage, generate

FAMILIES = tuple(FAMILIES)

__all__ = ["FAMILIES", "GeneratedPage", "generate"]
