"""Declared metadata of an HTML page: <meta> tags and JSON-LD.

<meta> values are read from ``content=`` or ``value=`` (some archives re-serialise
pages that way). JSON-LD is parsed defensively: broken JSON is skipped, and
``@graph`` containers, lists and ``@id`` references are followed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable

from selectolax.lexbor import LexborNode

from .textutil import one_line


def meta_values(metas: Iterable[LexborNode]) -> dict[str, str]:
    """Lower-cased meta key (property, name, itemprop or http-equiv) -> first non-empty value,
    from the page's <meta> elements in document order.

    A property attribute may list several keys ("og:title twitter:title").
    """
    values: dict[str, str] = {}
    for node in metas:
        attrs = node.attributes  # one dict built in C: cheaper than several attrs.get() calls
        value = attrs.get("content") or attrs.get("value")
        if not value or not value.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            keys = attrs.get(attr)
            if keys:
                for key in keys.lower().split():
                    values.setdefault(key, value.strip())
    return values


def first_meta(meta: dict[str, str], keys: tuple[str, ...]) -> str:
    for key in keys:
        if meta.get(key):
            return meta[key]
    return ""


@dataclass
class JsonLd:
    """What the page's JSON-LD declares about the article (empty strings when absent)."""

    headline: str = ""
    publisher: str = ""
    site_name: str = ""  # WebSite name, a fallback for the publisher
    published: str = ""
    modified: str = ""
    keywords: str = ""
    authors: str = ""
    section: str = ""
    based_on: str = ""  # isBasedOn / sourceOrganization: a declared source
    breadcrumb: list[str] | None = None


_ARTICLE_TYPES = ("Article", "BlogPosting", "Posting", "Report")
_MAX_DEPTH = 4


def _types(obj: dict) -> list[str]:
    kind = obj.get("@type", "")
    return [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]


def _flatten(data: object, out: list[dict], depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _flatten(item, out, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            out.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], out, depth + 1)


JSON_LD_SELECTOR = 'script[type*="ld+json" i]'


def json_ld_objects(scripts: Iterable[LexborNode]) -> list[dict]:
    """Every typed object in the page's JSON-LD scripts; broken JSON is skipped."""
    objects: list[dict] = []
    for script in scripts:
        raw = script.text(deep=True)
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):  # broken or absurdly nested JSON is not fatal
            continue
        _flatten(data, objects)
    return objects


def _name(value: object, by_id: dict[str, dict]) -> str:
    """Name of a JSON-LD value that may be a string, an object, an @id reference or a list."""
    if isinstance(value, list):
        names = [n for n in (_name(v, by_id) for v in value) if n]
        return ", ".join(dict.fromkeys(names))
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str) and value["@id"] in by_id:
            value = by_id[value["@id"]]
        name = value.get("name")
        if isinstance(name, (str, list)):
            return _name(name, by_id)
    return ""


def _text(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return one_line(value) if isinstance(value, str) else ""


def _breadcrumb(obj: dict) -> list[str]:
    items = obj.get("itemListElement")
    if not isinstance(items, list):
        return []
    named = []
    for item in items:
        if not isinstance(item, dict):
            continue
        inner = item.get("item")
        name = item.get("name") or (inner.get("name") if isinstance(inner, dict) else "")
        if isinstance(name, str) and name.strip():
            named.append((item.get("position") if isinstance(item.get("position"), int) else len(named), one_line(name)))
    return [name for _, name in sorted(named, key=lambda pair: pair[0])]


def read_json_ld(objects: list[dict]) -> JsonLd:
    found = JsonLd()
    if not objects:
        return found
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    articles = [o for o in objects if any(t.endswith(_ARTICLE_TYPES) for t in _types(o))]
    pages = [o for o in objects if any(t.endswith("Page") for t in _types(o))]
    for obj in articles + pages:
        found.headline = found.headline or _text(obj.get("headline")) or (
            _text(obj.get("name")) if obj in articles else "")
        found.publisher = found.publisher or _name(obj.get("publisher"), by_id)
        found.published = found.published or _text(obj.get("datePublished"))
        found.modified = found.modified or _text(obj.get("dateModified"))
        keywords = obj.get("keywords")
        found.keywords = found.keywords or (", ".join(k for k in keywords if isinstance(k, str))
                                            if isinstance(keywords, list) else _text(keywords))
        found.authors = found.authors or _name(obj.get("author"), by_id)
        found.section = found.section or _text(obj.get("articleSection"))
        found.based_on = found.based_on or _name(obj.get("isBasedOn"), by_id) \
            or _name(obj.get("sourceOrganization"), by_id)
        if found.breadcrumb is None and isinstance(obj.get("breadcrumb"), dict):
            found.breadcrumb = _breadcrumb(obj["breadcrumb"]) or None
    for obj in objects:
        kinds = _types(obj)
        if "WebSite" in kinds and not found.site_name:
            found.site_name = _text(obj.get("name"))
        if "BreadcrumbList" in kinds and found.breadcrumb is None:
            found.breadcrumb = _breadcrumb(obj) or None
    return found
