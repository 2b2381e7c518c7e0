"""Invented pages for batch tests: many distinct pages in every input format, written here.

Outlets, people, places and events are made up; each page differs by its index
so that no two rows are alike.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

TOWNS = ["Harlow Bend", "Quarry Flats", "East Tamsin", "Millbrook Landing", "Oster Falls", "Pine Hollow"]
PEOPLE = ["Ines Valdré", "Tobias Karrow", "Wren Adeyemi", "Lotte Brannigan", "Casimir Oduya", "Hale Sorensen"]
TOPICS = ["a new footbridge", "the library budget", "a bus route", "the flood wall", "a school roof", "street lighting"]


def _pick(items: list[str], index: int, step: int = 1) -> str:
    return items[(index * step) % len(items)]


def _page_script(size: int) -> str:
    """A made-up inline configuration script of about ``size`` characters, as real pages carry."""
    if size <= 0:
        return ""
    entry = '{"slot": "ad-%d", "sizes": [[300, 250], [728, 90]], "lazy": true},'
    return "<script>window.adSlots = [" + "".join(entry % i for i in range(size // 60 + 1)) + "];</script>"


def original_html(index: int, padding: int = 0) -> str:
    town, person, topic = _pick(TOWNS, index), _pick(PEOPLE, index, 5), _pick(TOPICS, index, 7)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{_page_script(padding)}
<title>{town} council votes on {topic} ({index}) | The {town} Ledger</title>
<meta property="og:site_name" content="The {town} Ledger">
<meta property="article:published_time" content="2024-0{1 + index % 9}-1{index % 10}T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article>
<h1>{town} council votes on {topic} ({index})</h1>
<p>By {person}</p>
<p>The {town} council voted {4 + index % 5} to 2 on Tuesday night to spend {120 + index} thousand dollars
on {topic}, ending a debate that had filled the town hall for three meetings in a row.</p>
<p>Council member {person} said the plan had been trimmed twice since spring and that residents who
spoke at the hearings had changed its shape more than any consultant.</p>
<p>Work is expected to begin in {_pick(["March", "June", "October"], index)}, and the town will publish a
schedule of road closures two weeks before crews arrive, the clerk's office said.</p>
</article>
<footer>Contact the newsroom</footer>
</body></html>
"""


def wire_html(index: int, padding: int = 0) -> str:
    town, person = _pick(TOWNS, index, 3), _pick(PEOPLE, index, 2)
    return f"""<html><head>{_page_script(padding)}<title>Storm closes mountain pass for {index % 4 + 2} days - Valley Courier</title>
<meta property="og:site_name" content="Valley Courier"></head><body>
<div class="story"><h1>Storm closes mountain pass for {index % 4 + 2} days</h1>
<div class="story-body">
<p>{town.upper()} (AP) — A late spring storm dropped more than {20 + index % 30} inches of snow on the
Granite Pass highway, and state crews said it would stay closed for several days.</p>
<p>"We have plows working around the clock," transportation spokesperson {person} said on Monday.</p>
<p>Copyright 2024 The Associated Press. All rights reserved.</p>
</div></div></body></html>
"""


def farm_text(index: int) -> str:
    town, person, topic = _pick(TOWNS, index, 5), _pick(PEOPLE, index), _pick(TOPICS, index, 11)
    return f"""Silverline Wealth Circle-{town} residents pack hearing over {topic} ({index})

2025-0{1 + index % 9}-0{1 + index % 9} 0{index % 10}:12:44source:Brightmoor Capital Societycategory:Contact

The Silverline Wealth Circle{town} residents filled the hearing room on Wednesday to argue about {topic}, and
officials told ABC News the vote had been delayed for a second time.

"We heard every comment and we will come back with a better plan," said {person}, who chairs the panel.

MORE: Roadwork on the river bridge slips to autumn

More:Contact

Recommend

Lawmakers trade barbs over ferry fares
The ferry board raised prices twice this year and riders are not happ

Nine-year-old wins regional spelling bee with a word nobody knew
A fourth-grader from the coast beat forty older students on Saturday whil
"""


def write_jsonl(path: Path, start: int, count: int, error_every: int = 0, padding: int = 0) -> list[str]:
    """A JSONL file of ``count`` pages (HTML and text by turns); returns the ids in order.

    With ``error_every``, every n-th line is broken JSON, which becomes an error row;
    ``padding`` adds that many characters of inline script to each HTML page.
    """
    ids = []
    with open(path, "w", encoding="utf-8") as out:
        for offset in range(count):
            index = start + offset
            if error_every and offset % error_every == error_every - 1:
                out.write('{"id": "broken\n')
                ids.append(f"{path}:{offset + 1}")
                continue
            page_id = f"page-{index:06d}"
            record = {"id": page_id, "url": f"https://pages.example/{index}"}
            if index % 3 == 0:
                record["text"] = farm_text(index)
            elif index % 3 == 1:
                record["html"] = original_html(index, padding)
            else:
                record["html"] = wire_html(index, padding)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            ids.append(page_id)
    return ids


def write_jsonl_shards(directory: Path, files: int, per_file: int, error_every: int = 0, padding: int = 0) -> list[str]:
    """``files`` JSONL shards in ``directory``; returns every page id in input order."""
    directory.mkdir(parents=True, exist_ok=True)
    ids = []
    for number in range(files):
        ids += write_jsonl(directory / f"shard-{number:03d}.jsonl", number * per_file, per_file, error_every, padding)
    return ids


def write_page_files(directory: Path, count: int) -> list[str]:
    """Single-page files (.html and .txt by turns) in ``directory``; returns their ids (paths) in input order."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        if index % 2:
            path = directory / f"p{index:05d}.html"
            path.write_text(original_html(index) if index % 4 == 1 else wire_html(index), encoding="utf-8")
        else:
            path = directory / f"p{index:05d}.txt"
            path.write_text(farm_text(index), encoding="utf-8")
        paths.append(str(path))
    return sorted(paths)


def _warc_member(kind: str, number: int, uri: str, block: bytes) -> bytes:
    """One WARC/1.0 record as its own gzip member, as crawlers write them."""
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{number:06d}>\r\n"
            f"WARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(block)}\r\n\r\n")
    return gzip.compress(head.encode() + block + b"\r\n\r\n", mtime=0)


def write_warc(path: Path, count: int) -> list[str]:
    """A .warc.gz of ``count`` responses (a request before each, an image every fifth);
    returns the response record ids in order."""
    ids = []
    with open(path, "wb") as out:
        for index in range(count):
            uri = f"https://crawl.example/{index}"
            out.write(_warc_member("request", index, uri, f"GET /{index} HTTP/1.1\r\n\r\n".encode()))
            body, kind = ((b"\x89PNG\r\n\x1a\n", "image/png") if index % 5 == 4
                          else ((original_html if index % 2 else wire_html)(index).encode(), "text/html"))
            http = f"HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
            out.write(_warc_member("response", index, uri, http))
            ids.append(f"<urn:uuid:response-{index:06d}>")
    return ids
