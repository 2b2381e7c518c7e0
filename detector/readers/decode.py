"""Bytes of one page -> str, or a short reason why the bytes are not a text page.

Order of trust: a byte-order mark, then the charset the transport declared (HTTP
Content-Type), then the page's own <meta charset> / XML declaration, then UTF-8.
When none of them decodes cleanly, an undeclared page falls back to windows-1252
(what browsers do for legacy Western pages); bytes that stay mostly invalid are
reported as undecodable instead of being turned into mojibake.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache


class UnreadableContent(ValueError):
    """The bytes are not a text page; ``str(exc)`` is the short reason."""


# How much of the start of a file is sniffed for NUL/control bytes and charset declarations.
SNIFF_BYTES = 8192
# Share of replacement characters above which a decoding is considered garbage.
MAX_INVALID_SHARE = 0.3
# Share of C0 control bytes (other than tab/newline/CR/FF/ESC) that marks binary data.
MAX_CONTROL_SHARE = 0.05

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.+-]{1,40})""")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels whose bytes browsers decode with a superset codec (WHATWG Encoding Standard),
# keyed by Python's canonical codec name.
_SUPERSETS = {
    codecs.lookup(label).name: superset
    for label, superset in (
        ("latin-1", "cp1252"),
        ("ascii", "cp1252"),
        ("iso-8859-9", "cp1254"),
        ("iso-8859-11", "cp874"),
        ("tis-620", "cp874"),
        ("gb2312", "gb18030"),
        ("gbk", "gb18030"),
        ("shift_jis", "cp932"),
        ("euc-kr", "cp949"),
        # A page that can declare UTF-16 in readable ASCII is not UTF-16.
        ("utf-16", "utf-8"),
        ("utf-16-le", "utf-8"),
        ("utf-16-be", "utf-8"),
    )
}


@lru_cache(maxsize=256)
def codec_name(label: str) -> str:
    """Python codec for a charset label ("ISO-8859-1" -> "cp1252"); "" when unknown."""
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except (LookupError, ValueError):
        return ""
    return _SUPERSETS.get(name, name)


def declared_charset(data: bytes) -> str:
    """Codec named by a <meta charset>, http-equiv meta or XML declaration near the start."""
    head = data[:SNIFF_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return codec_name(match.group(1).decode("ascii")) if match else ""


def check_not_binary(data: bytes) -> None:
    """Raise UnreadableContent("binary content") for NUL bytes or many control bytes."""
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        raise UnreadableContent("binary content")
    controls = len(sample.translate(None, _NOT_CONTROL))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise UnreadableContent("binary content")


def _invalid_share(text: str) -> float:
    return text.count("\ufffd") / len(text) if text else 0.0


def _mostly_invalid_non_ascii(text: str) -> bool:
    """True when most non-ASCII characters failed as UTF-8: a legacy single-byte page."""
    invalid = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return invalid > non_ascii - invalid


def decode_page(data: bytes, transport_charset: str = "", sniff_markup: bool = True) -> str:
    """Decode the bytes of one page; raise UnreadableContent with a short reason.

    ``transport_charset`` is the charset from an HTTP Content-Type header, if any;
    ``sniff_markup`` looks for <meta charset> / <?xml encoding> (HTML pages only).
    """
    if not data or data.isspace():  # not data.strip(): that copies the whole page
        raise UnreadableContent("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    check_not_binary(data)

    declared = [c for c in (codec_name(transport_charset) if transport_charset else "",
                            declared_charset(data) if sniff_markup else "") if c]
    for codec in dict.fromkeys([*declared, "utf-8"]):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue

    # Nothing decodes cleanly: keep a page with a few bad bytes, refuse garbage.
    as_utf8 = data.decode("utf-8", errors="replace")
    if declared:
        best = min((data.decode(declared[0], errors="replace"), as_utf8), key=_invalid_share)
    elif _invalid_share(as_utf8) <= MAX_INVALID_SHARE and _mostly_invalid_non_ascii(as_utf8):
        best = data.decode("cp1252", errors="replace")  # undeclared legacy Western page
    else:
        best = as_utf8  # UTF-8 with a few broken bytes, or garbage (rejected below)
    if _invalid_share(best) > MAX_INVALID_SHARE:
        raise UnreadableContent("undecodable bytes: mostly invalid in every tried encoding")
    return best
