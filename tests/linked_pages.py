"""A folder of pages with copies across shards, for the linking stage of every engine and output.

Built at test time from the repository's own example pages: an original report with a
credited copy and whole, partial, spun and backdated farm copies; a wire story and a farm
copy that strips its credit; another article on the same event; two pages of one site that
share a long template paragraph (never linked: same registered domain); and invented
pages, some of which share most of their text. The copies sit in other shards than their origins, and the shards are of
several formats (JSONL files, single HTML and text files).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from detector.evaluation.linking import credited_copy, farm_copy, same_event
from detector.parse import page_from_record
from detector.readers import iter_file_records
from detector.records import empty_record

from generated_pages import write_page_files

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"

# A site's own standing paragraph, long enough to link two pages that carried nothing else.
TEMPLATE = ("The Quarry Flats Courier is published every weekday by the Courier Cooperative, a reader-owned "
            "newsroom founded by its subscribers. Letters to the editor may be sent by post or handed in at "
            "the front desk of our office on Mill Lane, which is open from nine until five. Corrections are "
            "printed on page two of the following edition and kept in the online archive beside the story. ")


def _write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def _template_pages() -> list[dict]:
    pages = []
    for number, topic in enumerate(("the harvest fair", "a road closure")):
        text = (f"Courier notes on {topic}\n\n" + f"A short note on {topic} from the newsroom, number {number}.\n\n"
                + TEMPLATE * 2)
        pages.append(empty_record(id=f"template-{number}", url=f"https://quarryflatscourier.example/n/{number}",
                                  text=text))
    return pages


def write_linked_folder(root: Path) -> Path:
    """Write the folder under ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    original = next(iter_file_records(EXAMPLES / "original_report.html"))
    page = page_from_record(original)
    other = page_from_record(next(iter_file_records(EXAMPLES / "scraped_farm.txt")))
    copies = [farm_copy(page, kind, rng, f"copy-{kind}") for kind in ("whole", "partial", "spun", "backdated")]
    (root / "a_original_report.html").write_bytes((EXAMPLES / "original_report.html").read_bytes())
    _write_jsonl(root / "b_copies.jsonl", [credited_copy(page, rng, "credited"), *copies[:2]])
    write_page_files(root / "c_unrelated", 4)
    _write_jsonl(root / "d_more.jsonl", [*copies[2:], same_event(page, other, rng, "same-event"),
                                         *_template_pages()])
    (root / "e_wire.html").write_bytes((EXAMPLES / "syndicated_wire.html").read_bytes())
    (root / "f_wire_copy.html").write_bytes((EXAMPLES / "farm_copy_of_wire.html").read_bytes())
    return root
