"""Host names and registered domains of URLs, offline.

The registered domain ("bbc.co.uk" for "www.bbc.co.uk") is the unit a site is
judged and split by. The public-suffix list's private section counts too: each
blog on a shared host ("x.blogspot.com", "y.github.io") is its own site, so a
verdict on one never lands on every blog of its host, and two blogs there can be
linked as copies. tldextract is pinned to the public-suffix snapshot it ships
with, so nothing here ever touches the network and results never drift between
runs.
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# suffix_list_urls=() forbids fetching the live list; cache_dir=None forbids disk
# caching, so the bundled snapshot is the only source.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True,
                                 include_psl_private_domains=True)


@lru_cache(maxsize=65536)
def host(url: str) -> str:
    """The lower-cased host of ``url`` without port, credentials or a leading "www.".

    host("https://abcnews.go.com/x") == "abcnews.go.com"; bare hosts work too:
    host("www.bbc.co.uk") == "bbc.co.uk". Returns "" when there is no host.
    """
    text = (url or "").strip()
    if not text:
        return ""
    if "//" not in text:
        text = "//" + text  # a bare host: urlsplit only finds the netloc after "//"
    try:
        name = urlsplit(text).hostname or ""
    except ValueError:  # e.g. an unbalanced "[" in an IPv6 literal
        return ""
    name = name.rstrip(".")
    if name.startswith("www."):
        name = name[4:]
    return name


@lru_cache(maxsize=65536)
def registered_domain(url_or_host: str) -> str:
    """The registered domain (public suffix plus one label) of a URL or host.

    "https://abcnews.go.com/x" -> "go.com", "www.bbc.co.uk" -> "bbc.co.uk",
    "https://x.blogspot.com/p" -> "x.blogspot.com" (a private suffix: one blog, one site).
    Hosts without a public suffix (localhost, IP addresses) are returned whole.
    """
    name = host(url_or_host)
    if not name:
        return ""
    parts = _EXTRACT(name)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return name
