"""Property-based tests of every reader and both parsers: hostile input never raises, never
hangs, and every error row has a reason. A short pass; ``benchmarks/fuzz.py`` runs long ones."""
from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector.page import Page
from detector.parse import ParseError, page_from_record, parse_html, parse_text
from detector.records import RECORD_COLUMNS
from hostile_inputs import ARTICLE, FORMATS, SNIPPETS, input_file, mutate, problems

# A slow example is a failure (a hang check), with room for a loaded machine.
seeds = st.integers(0, 2**32)  # inputs are generated from a seed (see hostile_inputs), as in benchmarks/fuzz.py
short = settings(max_examples=25, deadline=timedelta(seconds=10), derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _write(folder: Path, fmt: str, data: bytes) -> Path:
    path = folder / f"input.{fmt}"
    path.write_bytes(data)
    return path


@short
@given(data=st.binary(max_size=3000), fmt=st.sampled_from(FORMATS))
def test_random_bytes_in_every_format_are_read_without_crashing(folder, data, fmt):
    assert problems(_write(folder, fmt, data)) == []


@short
@given(seed=seeds, fmt=st.sampled_from(FORMATS))
def test_generated_hostile_files_are_read_without_crashing(folder, seed, fmt):
    assert problems(input_file(random.Random(seed), folder, fmt)) == []


@short
@given(seed=seeds, fmt=st.sampled_from(FORMATS))
def test_truncated_files_are_read_without_crashing(folder, seed, fmt):
    rng = random.Random(seed)
    whole = input_file(rng, folder, fmt).read_bytes()
    assert problems(_write(folder, fmt, whole[: rng.randrange(len(whole) + 1)])) == []


hostile_html = st.one_of(
    st.text(max_size=2000),
    st.binary(max_size=2000).map(lambda b: b.decode("utf-8", errors="surrogateescape")),
    st.lists(st.sampled_from(SNIPPETS), max_size=30).map(lambda parts: b"".join(parts).decode("latin-1")),
    st.integers(1, 3000).map(lambda depth: "<div>" * depth + "<p>deep</p>"),
    st.integers(1, 200_000).map(lambda size: f'<p title="{"x" * size}">huge attribute</p>'),
    seeds.map(lambda seed: mutate(ARTICLE.encode(), random.Random(seed)).decode("utf-8", errors="replace")),
)


@short
@given(html=hostile_html)
def test_parse_html_never_raises(html):
    assert isinstance(parse_html(html), Page)


@short
@given(text=hostile_html)
def test_parse_text_never_raises(text):
    assert isinstance(parse_text(text), Page)


field_values = st.one_of(st.text(max_size=300), hostile_html, st.sampled_from(["", " ", "\x00", "=1+1", "\ud800"]))


@short
@given(record=st.fixed_dictionaries({}, optional={column: field_values for column in RECORD_COLUMNS}))
def test_page_from_record_gives_a_page_or_a_reason(record):
    try:
        page = page_from_record(record)
    except ParseError as exc:
        assert str(exc), "a ParseError must say why"
    else:
        assert isinstance(page, Page) and page.paragraphs


@settings(max_examples=10, deadline=timedelta(seconds=20), derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seed=seeds, fmt=st.sampled_from(FORMATS))
def test_scored_hostile_files_give_every_error_row_a_reason(folder, seed, fmt):
    from detector.model import cached_model

    path = input_file(random.Random(seed), folder, fmt)
    assert problems(path, cached_model(None)) == []
