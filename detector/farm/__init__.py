"""The content-farm simulator: labelled original, syndicated and scraped pages made from real originals.

Used to build the training and evaluation corpus and in tests; scoring never imports it.
"""
from .families import FAMILIES, FarmContext, apply_families, can_apply, new_farm
from .render import HTML_LAYOUTS, LAYOUT_FIELDS, LAYOUTS, SHOW_ALL, TEXT_LAYOUTS, Show, render, render_html, render_text
from .simulate import SimulatedPage, simulate, simulate_one
from .syndicate import WIRES, own_brand_original, syndicate

__all__ = [
    "FAMILIES", "FarmContext", "apply_families", "can_apply", "new_farm",
    "HTML_LAYOUTS", "LAYOUT_FIELDS", "LAYOUTS", "SHOW_ALL", "TEXT_LAYOUTS", "Show", "render", "render_html", "render_text",
    "SimulatedPage", "simulate", "simulate_one", "WIRES", "own_brand_original", "syndicate",
]
