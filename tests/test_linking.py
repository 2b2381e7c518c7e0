"""Cross-page linking: fingerprints, links, origin choice, the staged batch and the reference index."""
from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector import batch
from detector.engines import local
from detector.evaluation.linking import credited_copy, farm_copy, same_event, spin
from detector.linking.fingerprints import (MIN_SHINGLES, NUM_PERM, fingerprint, fingerprint_frame, minhash,
                                           shingle_hashes)
from detector.linking.index import add_to_index, build_index, read_index
from detector.linking.lsh import Links, candidate_pairs, link
from detector.linking.stage import annotate, link_batch
from detector.model import cached_model
from detector.parse import page_from_record
from detector.readers import iter_file_records
from detector.records import empty_record
from detector.scoring import score_rows

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"


def example_page(name: str):
    return page_from_record(next(iter_file_records(EXAMPLES / name)))


def scored_and_linked(records: list[dict], reference=None) -> pd.DataFrame:
    fingerprints: list = []
    rows = score_rows(records, cached_model(), fingerprints=fingerprints)
    linked = link_batch(fingerprint_frame(fingerprints), rows["p_scraped"].to_numpy(), reference)
    return annotate(rows, linked, cached_model()).set_index("id")


def test_signatures_estimate_jaccard_and_ignore_case_and_punctuation():
    text = " ".join(f"word{i} alpha beta, gamma." for i in range(120))
    a, b = shingle_hashes(text), shingle_hashes(text.upper().replace(",", " ;"))
    assert np.array_equal(a, b)
    half = shingle_hashes(" ".join(f"word{i} alpha beta, gamma." for i in range(60)))
    exact = len(np.intersect1d(a, half)) / len(np.union1d(a, half))
    estimate = float(np.mean(minhash(a) == minhash(half)))
    assert minhash(a).dtype == np.uint32 and len(minhash(a)) == NUM_PERM
    assert abs(estimate - exact) < 0.15


def test_short_texts_are_never_linked():
    page = example_page("original_report.html")
    page.paragraphs = page.paragraphs[:1][:80]
    short = fingerprint(page)
    assert not short.linkable and short.size == 0
    assert len(shingle_hashes(page.paragraphs[0])) < MIN_SHINGLES


def test_unspaced_scripts_use_character_shingles():
    text = "北京市政府今天宣布，明年将在城市东部新建三所学校和两座公园，以满足快速增长的人口需求。" * 3
    hashes = shingle_hashes(text)
    assert len(hashes) >= 40  # word shingles would find one "word" per sentence
    edited = text.replace("三所学校", "四所医院")
    assert float(np.mean(minhash(hashes) == minhash(shingle_hashes(edited)))) > 0.5


def _copies(page, rng):
    return {kind: farm_copy(page, kind, rng, f"copy-{kind}") for kind in ("whole", "partial", "spun", "backdated")}


def test_whole_partial_spun_and_credited_copies_link_to_their_origin_and_same_event_pages_do_not():
    rng = random.Random(3)
    original = example_page("original_report.html")
    record = next(iter_file_records(EXAMPLES / "original_report.html"))
    other = example_page("syndicated_wire.html")
    copies = _copies(original, rng)
    records = [record, credited_copy(original, rng, "credited"), *copies.values(),
               same_event(original, other, rng, "same-event")]
    rows = scored_and_linked(records)
    origin = record["id"]
    for copy_id in ["credited", *(f"copy-{k}" for k in copies)]:
        assert rows.at[copy_id, "copy_of"] == origin, copy_id
        assert rows.at[copy_id, "cluster"] == rows.at[origin, "cluster"] != ""
    assert rows.at[origin, "copy_of"] == ""
    assert rows.at["same-event", "cluster"] == "" and rows.at["same-event", "copy_of"] == ""
    assert rows.at[origin, "copies"] == 5  # the credited copy and four farm copies, each on its own site
    # the backdated copy is dated before its origin and is still not taken for it
    assert rows.at["copy-backdated", "copy_backdated"] == 1.0
    # the credited copy says where the text comes from: no cross-page signal
    assert rows.loc["credited", ["copy_credit_stripped", "copy_other_identity", "copy_backdated"]].sum() == 0
    assert rows.at["copy-whole", "copy_other_identity"] == 1.0


def test_a_partial_copy_keeps_its_link_at_sixty_percent_and_a_lightly_spun_one_too():
    original = example_page("original_report.html")
    paragraphs = original.paragraphs
    part = paragraphs[: max(1, round(len(paragraphs) * 0.6))]
    spun = spin(paragraphs, random.Random(5), 0.2)
    fps = [fingerprint(original, "o")]
    for name, text in (("part", part), ("spun", spun)):
        page = example_page("original_report.html")
        page.paragraphs, page.domain = text, f"{name}.example"
        fps.append(fingerprint(page, name))
    table = fingerprint_frame(fps)
    found = link(np.stack([f.signature for f in fps]), table["size"].to_numpy(), np.array([0, 1, 2]))
    assert {(int(a), int(b)) for a, b in zip(found.left, found.right)} >= {(0, 1), (0, 2)}


def test_the_credit_stripped_copy_of_a_wire_story_names_the_credited_copy_and_quotes_the_shared_passage():
    rows = scored_and_linked([next(iter_file_records(EXAMPLES / name))
                              for name in ("syndicated_wire.html", "farm_copy_of_wire.html")])
    copy, wire = rows.index[1], rows.index[0]
    assert rows.at[copy, "copy_of"] == wire
    assert rows.at[copy, "copy_credit_stripped"] == 1.0
    assert "copy_credit_stripped" in rows.at[copy, "signals"].split()
    assert rows.at[copy, "copy_similarity"] > 0.9


def test_explain_shows_the_relation_with_the_other_page_and_the_passage():
    from detector.api import explain_many

    explanations = {Path(e.scored.id).name: e for e in explain_many(
        [str(EXAMPLES / "syndicated_wire.html"), str(EXAMPLES / "farm_copy_of_wire.html")])}
    text = explanations["farm_copy_of_wire.html"].to_text()
    assert "coldwatergazette.com/ap/national/drought-reservoir-low" in text and "copy_credit_stripped" in text
    assert "The Tallow Creek Reservoir" in text or "largest reservoir" in text
    stripped = [r for r in explanations["farm_copy_of_wire.html"].scored.results if r.name == "copy_credit_stripped"]
    assert stripped and stripped[0].evidence and "Associated Press" in stripped[0].evidence[0].reason


def test_pages_of_one_site_are_never_linked_and_unrelated_pages_make_no_candidates():
    page = example_page("original_report.html")
    fp = fingerprint(page)
    signatures = np.stack([fp.signature, fp.signature])
    assert len(link(signatures, np.array([fp.size, fp.size]), np.array([4, 4]))) == 0
    assert len(link(signatures, np.array([fp.size, fp.size]), np.array([4, 5]))) == 1
    rng = np.random.default_rng(0)
    noise = rng.integers(0, 1 << 32, size=(2000, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    assert len(candidate_pairs(noise)) == 0


@pytest.mark.shared_data
def test_sogou_gallery_pages_that_share_only_a_template_are_not_linked(shared_data):
    text = (shared_data / "sogou-mini-news" / "news_tensite_xml.smarty.utf8.txt").read_text(errors="replace")
    docs = re.findall(r"<url>(.*?)</url>.*?<contenttitle>(.*?)</contenttitle>\s*<content>(.*?)</content>", text, re.S)
    assert len(docs) == 200
    records = [empty_record(id=f"sogou-{i}", url=url, title=title, text=f"{title}\n\n{content}")
               for i, (url, title, content) in enumerate(docs) if content.strip()]
    fps = [fingerprint(page_from_record(r), r["id"]) for r in records]
    table = fingerprint_frame(fps)
    linked = link_batch(table)
    assert (linked.columns["copy_of"] != "").sum() == 0
    # the same pages on unknown sites would be linked: the template is all they have
    anonymous = link_batch(table.assign(domain=""))
    assert (anonymous.columns["copy_of"] != "").sum() > 0


def test_index_build_add_and_score_against_it(tmp_path):
    index = tmp_path / "index"
    info = build_index([EXAMPLES / "syndicated_wire.html"], index)
    assert info["pages"] == 1 and info["linkable"] == 1
    add_to_index(index, [EXAMPLES / "original_report.html"])
    table = read_index(index)
    assert len(table) == 2 and set(table["domain"]) == {"coldwatergazette.com", "harwicksentinel.com"}
    out = tmp_path / "rows.csv"
    batch.run([EXAMPLES / "farm_copy_of_wire.html"], out, reference=index)
    rows = pd.read_csv(out, keep_default_na=False)
    assert rows.at[0, "copy_of"].endswith("syndicated_wire.html") and rows.at[0, "copies"] == 1
    with pytest.raises(ValueError):
        add_to_index(tmp_path, [EXAMPLES])


def test_directory_output_links_across_shards_and_resume_links_without_rescoring(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    wire, copy = (next(iter_file_records(EXAMPLES / n)) for n in ("syndicated_wire.html", "farm_copy_of_wire.html"))
    for number, record in enumerate((wire, copy)):  # one JSONL file per page: two shards
        pd.DataFrame([record]).to_json(inputs / f"shard-{number}.jsonl", orient="records", lines=True)
    out = tmp_path / "out"
    batch.run([inputs], out, to_directory=True, jobs=2)
    rows = batch.read_directory(out)
    assert rows.at[1, "copy_of"] == wire["id"] and rows.at[1, "copy_credit_stripped"] == 1.0
    assert (out / "part-00001.fp.parquet").exists()
    # a resumed run scores nothing again: it links from the fingerprint files
    calls = []
    original = local.score_units_linkable
    local.score_units_linkable = lambda *a, **k: calls.append(1) or original(*a, **k)
    try:
        batch.run([inputs], out, to_directory=True, resume=True)
    finally:
        local.score_units_linkable = original
    assert calls == [] and batch.read_directory(out).equals(rows)


@pytest.mark.shared_data
def test_linking_evaluation_meets_its_targets_on_held_out_sites(shared_data):
    from detector.evaluation.linking import evaluate

    metrics = evaluate(shared_data, limit=30)
    assert metrics["clusters"] >= 8
    assert metrics["link_recall"] >= 0.9 and metrics["link_precision"] >= 0.9
    assert metrics["origin_top1"] >= 0.8
    assert metrics["false_links_same_event"] <= 0.02 and metrics["false_links_boilerplate"] <= 0.02
    assert metrics["labelled_scraped_by_kind"]["stripped"] >= 0.9
    assert metrics["labelled_scraped_by_kind"]["stripped"] > metrics["labelled_scraped_alone_by_kind"]["stripped"]


def test_components_match_a_breadth_first_search_and_need_no_scipy():
    from collections import deque

    from detector.linking.lsh import Links, clusters

    rng = np.random.default_rng(7)
    for count, edges in ((1, 0), (12, 0), (60, 40), (3000, 2500)):
        left, right = rng.integers(0, count, edges), rng.integers(0, count, edges)
        got = clusters(count, Links(left, right, np.zeros(edges), np.zeros(edges)))
        neighbours = [[] for _ in range(count)]
        for a, b in zip(left, right):
            neighbours[a].append(b)
            neighbours[b].append(a)
        expected, number = np.full(count, -1), 0
        for start in range(count):  # components numbered in the order of their lowest row
            if expected[start] >= 0:
                continue
            expected[start], queue = number, deque([start])
            while queue:
                for other in neighbours[queue.popleft()]:
                    if expected[other] < 0:
                        expected[other] = number
                        queue.append(other)
            number += 1
        assert np.array_equal(got, expected)
    import inspect

    assert "scipy" not in inspect.getsource(clusters)


def _group_table(members: list[dict]) -> tuple[pd.DataFrame, Links, np.ndarray]:
    """A fingerprint table of pages that all carry the same text, linked pairwise."""
    defaults = dict(url="", domain="", site_name="", source="", published="", credits="", size=400, passages="",
                    p_scraped=0.0)
    table = pd.DataFrame([{**defaults, "id": f"page{i}", **m} for i, m in enumerate(members)])
    pairs = [(a, b) for a in range(len(members)) for b in range(a + 1, len(members))]
    left, right = (np.array(side, dtype=np.int64) for side in zip(*pairs))
    links = Links(left, right, np.ones(len(pairs)), np.ones(len(pairs)))
    signatures = np.tile(np.arange(NUM_PERM, dtype=np.uint32), (len(members), 1))
    return table, links, signatures


def test_a_farm_s_false_credit_does_not_turn_the_honest_original_into_a_stripped_copy():
    from detector.linking.origin import resolve

    table, links, signatures = _group_table([
        dict(domain="riverside-herald.example", site_name="Riverside Herald", p_scraped=0.03),
        dict(domain="quickbuzz.example", site_name="Quick Buzz", source="Morning Ledger Wire",
             credits="morning ledger wire", p_scraped=0.95),
        dict(domain="dailyfeed.example", site_name="Daily Feed", p_scraped=0.9)])
    columns, relations = resolve(table, links, signatures)
    assert columns.at[0, "copy_of"] == "" and columns.at[2, "copy_of"] == "page0"
    assert all(r.stripped_from is None for r in relations)  # the only credit comes from a farm-like page
    # the same credit from a page that looks honest: the uncredited copy is a stripped one
    table.loc[1, "p_scraped"] = 0.02
    columns, relations = resolve(table, links, signatures)
    stripped = {r.row: r.stripped_from for r in relations}
    assert stripped.get(2) == (1, "morning ledger wire")


def test_a_copy_without_a_url_whose_source_names_another_page_s_site_credits_that_page():
    from detector.linking.origin import resolve

    table, links, signatures = _group_table([
        dict(domain="boxring-news.example", site_name="Boxring News", p_scraped=0.02),
        dict(source="Boxring News", credits="boxring news", p_scraped=0.02),  # a text dump: no URL, no domain
        dict(domain="sportsnow.example", site_name="Sports Now", p_scraped=0.6)])
    columns, relations = resolve(table, links, signatures)
    by_row = {r.row: r for r in relations}
    assert columns.at[0, "copy_of"] == "" and columns.at[1, "copy_of"] == "page0"
    assert by_row[1].stripped_from is None and by_row[1].other_identity == ""  # an open, honest credit
    assert by_row[2].stripped_from == (1, "boxring news")


def test_two_blogs_on_one_shared_host_are_two_sites_and_can_be_linked():
    record = next(iter_file_records(EXAMPLES / "original_report.html"))
    pages = [dict(record, id=f"blog{n}", url=f"https://{name}.blogspot.com/2024/05/story.html")
             for n, name in enumerate(("quiet-garden", "daily-copy-desk"))]
    rows = scored_and_linked(pages)
    assert rows.at["blog1", "copy_of"] == "blog0" or rows.at["blog0", "copy_of"] == "blog1"
    assert rows.at["blog0", "cluster"] == rows.at["blog1", "cluster"] != ""


def test_fingerprint_hashes_the_body_as_shingle_hashes_does():
    # The fingerprint reuses the body the signals lowercased; it must hash exactly what
    # shingle_hashes hashes, also where lowercasing changes a text's length ("İ").
    from detector.linking import fingerprints as fp
    from detector.page import Page

    words = " ".join(f"İstanbul ΟΔΟΣ Straße word{i} alpha, beta; gamma." for i in range(40))
    page = Page(id="p", paragraphs=[words, words.upper()])
    expected = shingle_hashes("\n".join(page.paragraphs))
    found = fingerprint(page)
    assert found.size == len(expected) >= MIN_SHINGLES
    assert np.array_equal(found.signature, minhash(expected))
    long_page = Page(id="q", paragraphs=[words] * (fp.MAX_CHARS // len(words) + 2))  # "İ" past MAX_CHARS too
    assert np.array_equal(fingerprint(long_page).signature, minhash(shingle_hashes("\n".join(long_page.paragraphs))))


@pytest.fixture(scope="module")
def linked_folder(tmp_path_factory) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from linked_pages import write_linked_folder

    return write_linked_folder(tmp_path_factory.mktemp("linked") / "in")


def test_the_linked_folder_has_copies_across_shards_and_an_unlinked_template_pair(linked_folder, tmp_path):
    batch.run([linked_folder], tmp_path / "rows.parquet")
    rows = pd.read_parquet(tmp_path / "rows.parquet").set_index("id")
    origin = next(i for i in rows.index if i.endswith("original_report.html"))
    for copy in ("credited", "copy-whole", "copy-partial", "copy-spun", "copy-backdated"):
        assert rows.at[copy, "copy_of"] == origin, copy
    assert rows.at["same-event", "cluster"] == "" and rows.at["template-1", "cluster"] == ""
    assert len(batch.plan_shards([linked_folder])) == 5  # the copies in other parts than their origins


def test_a_directory_is_linked_part_by_part_to_the_rows_of_a_linked_file(linked_folder, tmp_path, monkeypatch):
    """The directory's linking reads fingerprint files a few columns at a time and never holds
    the signatures of the whole batch: at most one part's, then the candidates'."""
    from detector.linking import chunked

    batch.run([linked_folder], tmp_path / "rows.parquet")
    expected = pd.read_parquet(tmp_path / "rows.parquet")
    held, real_matrix = [], chunked.signature_matrix
    monkeypatch.setattr(chunked, "signature_matrix", lambda table: held.append(len(table)) or real_matrix(table))
    read, real_read = [], pd.read_parquet

    def reading(path, *args, **kwargs):
        read.append((Path(path).name, tuple(kwargs.get("columns") or ())))
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(pd, "read_parquet", reading)
    for fmt in ("parquet", "jsonl"):
        held.clear()
        read.clear()
        summary = batch.run([linked_folder], tmp_path / fmt, to_directory=True, fmt=fmt)
        monkeypatch.setattr(pd, "read_parquet", real_read)
        rows = batch.read_directory(tmp_path / fmt)
        monkeypatch.setattr(pd, "read_parquet", reading)
        pd.testing.assert_frame_equal(rows, expected.astype(rows.dtypes.to_dict()), check_exact=False, rtol=0,
                                      atol=1e-12)
        assert summary.pages == len(expected)
        fingerprint_reads = [columns for name, columns in read if name.endswith(".fp.parquet")]
        assert fingerprint_reads and all(columns for columns in fingerprint_reads)  # never a whole file
        parts = len(batch.plan_shards([linked_folder]))
        # one signature matrix per part (its linkable rows), one of the candidates, one of the linked rows
        assert len(held) == parts + 2 and max(held[:parts]) < sum(held[:parts]) <= len(expected)
        assert held[-1] == (expected["cluster"] != "").sum() <= held[-2] < sum(held[:parts])


def test_cluster_ids_depend_on_the_texts_only_not_on_order_origin_or_other_pages():
    rng = random.Random(3)
    original = example_page("original_report.html")
    records = [next(iter_file_records(EXAMPLES / "original_report.html")),
               *_copies(original, rng).values()]
    table = fingerprint_frame([fingerprint(page_from_record(r), r["id"]) for r in records])

    def clusters_and_origins(table, p_scraped=None):
        columns = link_batch(table, p_scraped).columns.set_index(table["id"])
        return columns["cluster"].to_dict(), set(columns["copy_of"]) - {""}

    before, origins = clusters_and_origins(table)
    assert len(set(before.values())) == 1 and "" not in before.values()
    reversed_table = table.iloc[::-1].reset_index(drop=True)
    origin_text = table.loc[table["id"].isin(origins), "signature"].iloc[0]
    farm_like_origin = (table["signature"] == origin_text).to_numpy(float)  # the origin's text now looks farm-like
    unrelated = fingerprint_frame([fingerprint(example_page("scraped_farm.txt"), "other")])
    after, other_origins = clusters_and_origins(table, farm_like_origin)
    assert other_origins != origins  # another page is taken for the origin ...
    assert after == before  # ... and the group keeps its id
    assert clusters_and_origins(reversed_table)[0] == before
    assert {k: v for k, v in clusters_and_origins(pd.concat([unrelated, table], ignore_index=True))[0].items()
            if k != "other"} == before


def test_the_distributed_steps_give_the_links_of_one_machine():
    """band_rows -> group -> neighbour_pairs -> join -> checked_pairs, as an engine runs them on
    partitions (here two pieces, groups split as a shuffle would), equal ``lsh.link``."""
    from detector.linking.distributed import band_rows, checked_pairs, links_by_row, neighbour_pairs, row_key

    rng = np.random.default_rng(4)
    signatures = rng.integers(0, 1 << 32, size=(600, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    for copy in range(1, 300, 3):  # copies of various shares of an earlier row, some on the same site
        keep = rng.random(NUM_PERM) < rng.uniform(0.3, 1.0)
        signatures[copy + 300, keep] = signatures[copy, keep]
    sizes = rng.integers(0, 900, size=600) * (rng.random(600) > 0.05)
    domains = [f"site{d}.example" if d % 7 else "" for d in rng.integers(0, 150, size=600)]
    expected = link(signatures, sizes, pd.factorize(pd.Series(domains).where(pd.Series(domains) != "", None))[0])

    keys = np.concatenate([row_key(0, range(250)), row_key(1, range(350))])
    side = pd.DataFrame({"key": keys, "size": sizes, "domain": domains, "signature": [s.tobytes().hex() for s in signatures]})
    bands = pd.concat([band_rows(side.iloc[:250]), band_rows(side.iloc[250:])])
    shuffled = [bands[bands["bkey"] % 3 == part] for part in range(3)]
    pairs = pd.concat([neighbour_pairs(part) for part in shuffled]).drop_duplicates()
    for end in ("left", "right"):
        pairs = pairs.merge(side.add_suffix(f"_{end}").rename(columns={f"key_{end}": end}), on=end)
    found = links_by_row(checked_pairs(pairs), np.array([0, 250, 600]))
    assert len(expected) > 50
    for name in ("left", "right", "jaccard", "containment"):
        assert np.array_equal(getattr(found, name), getattr(expected, name)), name


def test_a_portal_copy_whose_canonical_link_names_the_original_credits_it():
    # The example page declares its own canonical URL (harwicksentinel.com); served from a portal
    # under another URL, that canonical link is the portal's open credit of the original.
    record = next(iter_file_records(EXAMPLES / "original_report.html"))
    original = dict(record, id="original", url="https://www.harwicksentinel.com/news/2024/03/14/mill-site-homes")
    portal = dict(record, id="portal", url="https://news.quillportal-aggregator.com/a/83412")
    page = page_from_record(portal)
    assert page.canonical.startswith("https://www.harwicksentinel.com/") and page.domain == "quillportal-aggregator.com"
    assert "harwicksentinel" in " ".join(fingerprint(page).credits)
    rows = scored_and_linked([original, portal])
    assert rows.at["portal", "copy_of"] == "original" and rows.at["original", "copy_of"] == ""
    assert rows.loc["portal", ["copy_credit_stripped", "copy_other_identity"]].eq(0).all()
