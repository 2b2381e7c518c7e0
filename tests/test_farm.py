"""The farm simulator: renderers, farm families, syndication and the labelled stream.

Every story, outlet and person below is invented for these tests.
"""
from __future__ import annotations

import copy
import random
import re
from datetime import datetime

import pytest

from detector.farm import brands
from detector.farm.families import (
    FAMILIES, MORE_LABELS, NAV_CATEGORIES, SYNONYMS, _dated_like, apply_families, can_apply, glue_words,
    new_farm, rehost, scraping_artifacts, story_date,
)
from detector.farm.render import (
    HTML_LAYOUTS, LAYOUT_FIELDS, LAYOUTS, SHOW_ALL, TEXT_LAYOUTS, Show, render, render_html, render_text,
    visible_fields,
)
from detector.farm.simulate import LABELS, simulate, simulate_one
from detector.farm.syndicate import WIRES, dateline_wire, own_brand_original, syndicate
from detector.page import Block, BlockItem, Page, copy_page

STORIES = [
    ("marlowcourier.com", "Marlow Courier", "City council approves a footbridge over the Fenn river", "Local", [
        "The city council voted on Tuesday to approve a footbridge across the Fenn river, ending a debate "
        "that started in 2019 and divided shop owners on both banks of the water for years.",
        "Mayor Ruth Calder said the project would help people reach the market without a car, and that "
        "building work should start in the spring.",
        "Construction is expected to last about fourteen months, officials said on Wednesday evening.",
    ]),
    ("quillstonepost.org", "Quillstone Post", "Orchard growers expect a record apple harvest", "Business", [
        "Growers across the Brenna valley are preparing for what could be the largest apple harvest in a "
        "decade, according to a regional trade group that surveyed its members during the summer of 2022.",
        "Warm nights and a late frost that never came helped the trees, the group's chair said.",
    ]),
    ("bramblefieldnews.net", "Bramblefield News", "Library extends weekend opening hours", "Community", [
        "The central library in Bramblefield will stay open until eight in the evening on Saturdays starting "
        "next month, the board announced on Friday after a survey of more than two thousand readers.",
        "Staff will rotate weekend shifts, and the reading room gets new lamps, the board said.",
    ]),
    ("tovalegazette.com", "Tovale Gazette", "Harbor ferry returns after engine repairs", "Transport", [
        "The blue ferry that links Tovale harbor with the two outer islands is back in service after six weeks "
        "of engine repairs, the operator confirmed on Monday, to the relief of daily commuters.",
        "Tickets bought during the closure remain valid until the end of the year, a spokesperson said.",
        "The operator plans to buy a second boat in 2024 if funding is approved.",
    ]),
    ("oakhurstdaily.com", "Oakhurst Daily", "Youth orchestra wins national competition", "Culture", [
        "A youth orchestra from Oakhurst won first prize at the national school music competition on Sunday, "
        "beating forty other ensembles with a programme of folk dances arranged by its own conductor.",
        "The players, aged twelve to eighteen, rehearsed twice a week since January 2023.",
    ]),
    ("pellingtonreview.com", "Pellington Review", "Hospital opens a new children's ward", "Health", [
        "Pellington General Hospital opened a new children's ward with twenty beds on Thursday, after a "
        "fundraising drive by parents and local companies collected more than half of the building costs.",
        "Nurses helped design the rooms so that parents can stay overnight beside their children.",
    ]),
    ("wrenmoorvoice.org", "Wrenmoor Voice", "Cyclists ask for safer lanes on the ring road", "Local", [
        "Several hundred cyclists rode slowly around the Wrenmoor ring road on Saturday morning to ask the "
        "regional government for protected lanes, after two serious accidents at the same junction this spring.",
        "The transport office said a plan would be presented to the council before the summer break.",
    ]),
    ("gallowaytimesherald.com", "Galloway Times-Herald", "Bakery chain to hire two hundred workers", "Business", [
        "A family-owned bakery chain based in Galloway plans to hire two hundred workers for three new shops "
        "and a larger production site, its managing director said at a press event on Tuesday morning.",
        "Applications open next week, and the company said it would also train apprentices.",
    ]),
]


def make_page(number: int) -> Page:
    domain, site, title, category, paragraphs = STORIES[number]
    return Page(
        id=f"page-{number}", url=f"https://www.{domain}/news/story-{number}", domain=domain, site_name=site,
        title=title, published=f"202{number % 4}-0{number % 9 + 1}-1{number % 9}T08:30:00", category=category,
        byline="Nora Vell" if number % 2 else "", paragraphs=list(paragraphs), lang="en",
        blocks=[Block("Related", [BlockItem(f"{site} weekend guide", "", f"https://www.{domain}/guide")])],
    )


POOL = [make_page(i) for i in range(len(STORIES))]


def all_text(page: Page) -> str:
    return "\n".join([page.title, page.site_name, page.source, page.published, page.category, page.byline,
                      *page.paragraphs, *(b.heading for b in page.blocks),
                      *(i.title + " " + i.teaser for b in page.blocks for i in b.items)])


def content(sim) -> str:
    return sim.record["html"] or sim.record["text"]


# ---------------------------------------------------------------- brands

def test_invented_names_are_deterministic_and_shaped_like_farms():
    first = [brands.farm_brand(random.Random(n)) for n in range(50)]
    assert first == [brands.farm_brand(random.Random(n)) for n in range(50)]
    patterns = [re.compile("^" + re.escape(p).replace(re.escape("{w}"), r"[A-Z][a-z]+") + "$") for p in brands.FARM_PATTERNS]
    for name in first:
        assert any(p.match(name) for p in patterns), name
    assert len(set(first)) > 40


def test_regional_outlet_domain_matches_its_name():
    for n in range(30):
        name, domain = brands.regional_outlet(random.Random(n))
        assert domain.split(".")[0] == brands.slug(name.removeprefix("The "))


# ---------------------------------------------------------------- render

@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_carries_title_and_paragraphs(layout):
    page = POOL[0]
    out = render(page, layout, random.Random(1), SHOW_ALL)
    assert page.title in out
    for paragraph in page.paragraphs:
        assert paragraph in out


@pytest.mark.parametrize("layout", HTML_LAYOUTS)
def test_html_is_escaped(layout):
    page = copy_page(POOL[0], title='Tom & Jerry <b>live</b> "tonight"', site_name="A&B News",
                     paragraphs=["5 < 6 and <script>alert(1)</script> stays text"], byline="</script>x")
    out = render_html(page, layout, random.Random(2), SHOW_ALL)
    assert "<b>live</b>" not in out and "<script>alert" not in out
    assert "Tom &amp; Jerry &lt;b&gt;live&lt;/b&gt;" in out
    assert out.count("</script>") == out.count("<script")  # nothing closes the JSON-LD early


@pytest.mark.parametrize("layout, show, expected_line", [
    ("txt:glued", SHOW_ALL, "2021-03-04 10:15:00source:Velder Capitalcategory:Local"),
    ("txt:glued", Show(source=False), "2021-03-04 10:15:00category:Local"),
    ("txt:glued", Show(published=False, category=False), "source:Velder Capital"),
    ("txt:spaced", SHOW_ALL, "Source: Velder Capital | Category: Local | 2021-03-04 10:15"),
    ("txt:spaced", Show(category=False), "Source: Velder Capital | 2021-03-04 10:15"),
    ("txt:byline", SHOW_ALL, "By Nora Vell"),
])
def test_text_metadata_line(layout, show, expected_line):
    page = copy_page(POOL[0], source="Velder Capital", published="2021-03-04T10:15:00", byline="Nora Vell")
    lines = render_text(page, layout, random.Random(0), show).split("\n\n")
    assert lines[0] == page.title
    assert lines[1] == expected_line
    assert lines[2] == page.paragraphs[0]


def test_text_blocks_follow_the_body_as_heading_title_teaser_lines():
    page = copy_page(POOL[0], blocks=[Block("Recommend", [BlockItem("Alpha story", "Alpha teaser text"),
                                                         BlockItem("Beta story", "")]),
                                      Block("More:", [BlockItem("Contact")])])
    lines = render_text(page, "txt:byline", random.Random(0), Show(byline=False)).strip().split("\n\n")
    assert lines[-5:] == ["Recommend", "Alpha story", "Alpha teaser text", "Beta story", "More:Contact"]


@pytest.mark.parametrize("layout, show, hidden", [
    ("html:article", SHOW_ALL, set()),
    ("html:article", Show(site_name=False), set()),  # JSON-LD publisher still names the site
    ("html:article", Show(site_name=False, publisher=False), {"site_name"}),
    ("html:divsoup", Show(site_name=False, title_suffix=True), set()),
    ("html:table", Show(published=False, category=False), {"published", "category"}),
    ("html:minimal", SHOW_ALL, {"site_name", "source", "published", "category", "byline"}),
    ("txt:glued", SHOW_ALL, {"site_name", "byline"}),
    ("txt:byline", SHOW_ALL, {"site_name", "source", "published", "category"}),
])
def test_visible_fields(layout, show, hidden):
    every = {"title", "paragraphs", "blocks", "site_name", "source", "published", "category", "byline"}
    assert every - visible_fields(layout, show) == hidden


# ---------------------------------------------------------------- families

def farm_for(page: Page, seed: int):
    rng = random.Random(seed)
    ctx = new_farm(rng, page, POOL)
    return rng, ctx, rehost(page, rng, ctx)


def _brand_seen(before, after, ctx):
    return after.site_name == ctx.brand and (ctx.brand in after.title or ctx.brand in after.lede)


def _credit_mismatched(before, after, ctx):
    declared = {after.source, after.site_name}
    return ctx.other_brand in declared and ctx.other_brand not in (ctx.brand, ctx.outlet, before.source)


def _farm_block(before, after, ctx):
    block = after.blocks[-1]
    titles = {p.title for p in POOL if p.id != ctx.source_id}
    return (block.heading == ctx.block_heading and 2 <= len(block.items) <= 6
            and all(i.title in titles for i in block.items)
            and all(len(i.teaser) in (ctx.teaser_length - 1, ctx.teaser_length) for i in block.items)
            and any(len(i.teaser) == ctx.teaser_length for i in block.items))


def _artifacts(before, after, ctx):
    return after.paragraphs != before.paragraphs and after.title == before.title


def _redated(before, after, ctx):
    old, new = story_date(before), story_date(after)
    return 1 <= new.year - old.year <= 6


def _nav_category(before, after, ctx):
    return after.category in NAV_CATEGORIES and after.category != before.category


def _spun(before, after, ctx):
    changed = [(b, a) for b, a in zip(before.paragraphs, after.paragraphs) if a != b]
    doubled = any(re.search(r"([a-z])\1", a) and len(a) > len(b) for b, a in changed)
    swapped = any(s in a.lower() for b, a in changed for s in SYNONYMS.values())
    return changed and (doubled or swapped) and len(after.paragraphs) == len(before.paragraphs)


def _added_lines(before, after, ctx):
    """Tool leftovers add lines to the body and keep the article's own paragraphs."""
    added = [p for p in after.paragraphs if p not in before.paragraphs]
    return bool(added) and all(p in after.paragraphs for p in before.paragraphs)


def _default_byline(before, after, ctx):
    return after.byline.lower() in {"admin", "administrator", "wpadmin", "editor", "webmaster", "user"}


def _excerpt(before, after, ctx):
    return len(after.paragraphs) <= 3 and len(after.body) < len(before.body) and after.paragraphs[0][:30] == before.paragraphs[0][:30]


FAMILY_CHECKS = {
    "feed_leftovers": _added_lines,
    "markup_leftovers": _added_lines,
    "ai_rewrite": _added_lines,
    "ad_stuffing": _added_lines,
    "repost_disclaimer": _added_lines,
    "default_byline": _default_byline,
    "excerpt_only": _excerpt,
    "brand_injection": _brand_seen,
    "mismatched_credit": _credit_mismatched,
    "farm_blocks": _farm_block,
    "scraping_artifacts": _artifacts,
    "redating": _redated,
    "navigation_category": _nav_category,
    "spinning": _spun,
}


def test_every_family_has_a_check():
    assert set(FAMILY_CHECKS) == set(FAMILIES)


@pytest.mark.parametrize("name", list(FAMILIES))
@pytest.mark.parametrize("seed", range(12))
def test_family_changes_what_it_says_and_leaves_input_alone(name, seed):
    original = POOL[seed % len(POOL)]
    rng, ctx, page = farm_for(original, seed)
    frozen = copy.deepcopy(page)
    assert can_apply(name, page, ctx)
    after = FAMILIES[name](page, rng, ctx)
    assert page == frozen  # input untouched
    assert after is not page and after.paragraphs is not page.paragraphs
    assert FAMILY_CHECKS[name](page, after, ctx), name


def test_rehost_moves_the_page_to_the_farm():
    rng, ctx, page = farm_for(POOL[0], 3)
    assert ctx.domain in page.url and page.domain == ctx.domain and page.site_name == ctx.brand
    assert page.paragraphs == POOL[0].paragraphs and POOL[0].url.startswith("https://www.marlowcourier.com")


@pytest.mark.parametrize("text, count", [
    ("Mayor Calder was on the phone all morning", 1),
    ("The harbor board has new figures on ferry use", 3),
    ("one two", 1),
])
def test_glue_words_removes_exactly_count_spaces(text, count):
    glued = glue_words(text, random.Random(count), count)
    assert len(glued) == len(text) - count
    assert glued.replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("published, body, year", [
    ("2023-09-05T14:00:00", "Talks continue next week.", 2023),
    ("2023-09-05", "The plan dates from 2019.", 2023),
    ("", "The plan was agreed in 2021 and revised in 2022.", 2022),
    ("2020-01-02T00:00:00Z", "Figures for 2021 are expected.", 2021),
    ("not a date", "No year at all.", None),
])
def test_story_date(published, body, year):
    found = story_date(Page(id="x", published=published, paragraphs=[body]))
    assert (found.year if found else None) == year


@pytest.mark.parametrize("previous, expected", [
    ("2019-05-01", "2024-02-03"),
    ("2019-05-01T10:00:00", "2024-02-03T04:05:06"),
    ("2019-05-01T10:00:00-04:00", "2024-02-03T04:05:06-04:00"),
    ("2019-05-01T10:00:00Z", "2024-02-03T04:05:06Z"),
    ("", "2024-02-03T04:05:06"),
])
def test_redated_page_keeps_the_date_format(previous, expected):
    assert _dated_like(previous, datetime(2024, 2, 3, 4, 5, 6)) == expected


@pytest.mark.parametrize("site_headlines, expected", [
    (("Marlow bakery wins regional prize",), {"Marlow bakery wins regional prize"}),
    ((), {p.title for p in POOL[1:]}),  # no known headlines of the site: other pool stories stand in
])
def test_copied_more_lines_point_at_the_original_sites_own_stories(site_headlines, expected):
    found = set()
    for seed in range(30):
        rng = random.Random(seed)
        ctx = new_farm(rng, POOL[0], POOL, site_headlines=site_headlines)
        after = scraping_artifacts(rehost(POOL[0], rng, ctx), rng, ctx)
        # Spaces dropped: the glue trick may also hit a MORE: line.
        found |= {p.split(": ", 1)[1].replace(" ", "") for p in after.paragraphs if p.startswith(MORE_LABELS)}
    assert found and found <= {title.replace(" ", "") for title in expected}


def test_redating_is_not_offered_without_a_date_or_a_shown_date():
    undated = Page(id="u", title="Undated story", paragraphs=["Nothing here says when it happened at all today."])
    ctx = new_farm(random.Random(0), undated, POOL)
    assert not can_apply("redating", undated, ctx)
    hidden = new_farm(random.Random(0), POOL[0], POOL, visible_fields("txt:byline", SHOW_ALL))
    assert not can_apply("redating", POOL[0], hidden) and not can_apply("navigation_category", POOL[0], hidden)


def test_apply_families_runs_each_named_family_once():
    rng, ctx, page = farm_for(POOL[1], 5)
    after = apply_families(page, ["navigation_category", "brand_injection"], rng, ctx)
    assert after.category in NAV_CATEGORIES and after.site_name == ctx.brand
    assert after.published == page.published and after.paragraphs[1:] == page.paragraphs[1:]


# ---------------------------------------------------------------- simulate_one

@pytest.mark.parametrize("families, expected", [
    (("redating",), ("redating",)),
    (("spinning", "brand_injection"), ("brand_injection", "spinning")),
    (("navigation_category", "farm_blocks", "scraping_artifacts"), ("farm_blocks", "scraping_artifacts", "navigation_category")),
])
def test_simulate_one_tags_what_it_applied(families, expected):
    sim = simulate_one(POOL[2], families, random.Random(9), POOL, layout="html:article", show=SHOW_ALL)
    assert sim.families == expected and sim.main_family == expected[0]
    assert sim.label == "scraped" and sim.group == "bramblefieldnews.net" and sim.source_id == "page-2"


def test_simulate_one_drops_families_the_rendering_would_hide():
    sim = simulate_one(POOL[2], ("redating", "navigation_category", "spinning"), random.Random(1), POOL,
                       layout="html:minimal")
    assert sim.families == ("spinning",)
    with pytest.raises(ValueError):
        simulate_one(POOL[2], ("redating",), random.Random(1), POOL, layout="txt:byline")
    with pytest.raises(KeyError):
        simulate_one(POOL[2], ("teleporting",), random.Random(1), POOL)


@pytest.mark.parametrize("family, layout, marker", [
    ("navigation_category", "txt:glued", re.compile(r"category:(" + "|".join(NAV_CATEGORIES) + r")\n")),
    ("redating", "txt:spaced", re.compile(r"\| 202[1-5]-\d\d-\d\d")),
    ("brand_injection", "html:minimal", re.compile(r"(Exchange|Capital|Society|News|Hub|Network|Union|Review|Bureau|Insight|Circle|Forum)")),
    ("mismatched_credit", "txt:spaced", re.compile(r"Source: [A-Z]")),
])
def test_single_family_change_is_visible_in_the_record(family, layout, marker):
    for seed in range(10):
        sim = simulate_one(POOL[seed % 8], (family,), random.Random(seed), POOL, layout=layout, show=SHOW_ALL)
        assert marker.search(content(sim)), content(sim)[:300]


# ---------------------------------------------------------------- syndication

@pytest.mark.parametrize("seed", range(40))
def test_syndicated_copy_carries_a_dateline_and_a_matching_credit(seed):
    original = POOL[seed % len(POOL)]
    page, variant = syndicate(original, random.Random(seed), POOL)
    assert page.domain.split(".")[0] == brands.slug(page.site_name.removeprefix("The "))
    assert page.site_name != original.site_name
    if variant == "partner":
        assert page.source == original.site_name
        assert any(original.site_name in p and ("originally published" in p or "first appeared" in p)
                   for p in page.paragraphs)
        return
    tag = variant.removeprefix("wire:")
    assert dateline_wire(page.lede) == tag
    wire = WIRES[tag]
    credits = [page.source, page.byline, page.paragraphs[-1]]
    assert any(name in c for c in credits for name in wire.names)
    assert page.paragraphs[0].endswith(original.paragraphs[0])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_syndicated_credit_survives_a_rendering_that_hides_byline_and_source(layout):
    show = Show(source=False, byline=False)
    for seed in range(15):
        page, variant = syndicate(POOL[seed % 8], random.Random(seed), POOL, visible_fields(layout, show))
        if variant == "partner":
            continue
        out = render(page, layout, random.Random(seed), show)
        wire = WIRES[variant.removeprefix("wire:")]
        assert f"({wire.tag})" in out
        rest = out.replace(f"({wire.tag})", "")
        assert any(name in rest for name in wire.names), (variant, layout)


@pytest.mark.parametrize("lede, wire", [
    ("WASHINGTON (AP) — Officials met on Monday.", "AP"),
    ("LONDON (Reuters) - Prices rose.", "Reuters"),
    ("(Reuters) - Prices rose.", "Reuters"),
    ("Berlin (dpa) - Der Bundestag tagt.", "dpa"),
    ("Officials told AP on Monday that talks went on.", ""),
    ("The (AP) style guide changed.", ""),
])
def test_dateline_wire(lede, wire):
    assert dateline_wire(lede) == wire


def test_existing_wire_dateline_is_kept_not_doubled():
    wired = copy_page(POOL[0], paragraphs=["CHICAGO (AP) — Snow closed two airports on Friday."] + POOL[0].paragraphs[1:])
    for seed in range(10):
        page, variant = syndicate(wired, random.Random(seed), POOL)
        assert variant == "wire:AP" and page.lede.count("(AP)") == 1


def test_own_brand_original_is_branded_by_its_own_site():
    page = POOL[3]
    frozen = copy.deepcopy(page)
    own = own_brand_original(page, random.Random(4), ["Ferry timetable changes in winter"], title_suffix=True)
    assert page == frozen
    assert own.title.startswith(page.title) and own.title.endswith(page.site_name)
    more = [i for i, p in enumerate(own.paragraphs) if p.startswith("MORE: ")]
    assert more and all(0 < i < len(own.paragraphs) - 1 for i in more)


# ---------------------------------------------------------------- simulate

def test_simulate_is_deterministic_for_a_seed():
    first = [(s.record, s.label, s.families, s.layout) for s in simulate(POOL, seed=7)]
    again = [(s.record, s.label, s.families, s.layout) for s in simulate(POOL, seed=7)]
    other = [(s.record, s.label, s.families, s.layout) for s in simulate(POOL, seed=8)]
    assert first == again
    assert first != other


def test_simulate_counts_labels_and_groups():
    sims = list(simulate(POOL, seed=3, scraped_per_page=3, clean_per_page=1, syndicated_per_page=2))
    by_label = {label: [s for s in sims if s.label == label] for label in LABELS}
    assert [len(by_label[label]) for label in LABELS] == [8, 16, 24]
    assert {s.group for s in sims} == {p.domain for p in POOL}
    for s in sims:
        assert s.format == ("html" if s.record["html"] else "txt")
        assert bool(s.families) == (s.label == "scraped") and bool(s.main_family) == (s.label == "scraped")


def test_formats_and_layouts_are_balanced_per_label():
    pool = [copy_page(p, id=f"{p.id}-{n}") for n in range(6) for p in POOL]
    sims = list(simulate(pool, seed=11))
    for label in LABELS:
        formats = [s.format for s in sims if s.label == label]
        assert abs(formats.count("html") - formats.count("txt")) <= 1, label
        assert {s.layout for s in sims if s.label == label} == set(LAYOUTS), label


def test_scraped_pages_mix_single_and_several_families():
    pool = [copy_page(p, id=f"{p.id}-{n}") for n in range(10) for p in POOL]
    scraped = [s for s in simulate(pool, seed=5) if s.label == "scraped"]
    single = [s for s in scraped if len(s.families) == 1]
    assert 0.2 < len(single) / len(scraped) < 0.45
    # default_byline shows only where the rendering shows a byline, which these short pages rarely get alone.
    assert {s.main_family for s in single} >= set(FAMILIES) - {"default_byline"}
    for s in scraped:
        assert s.main_family == s.families[0]
        assert list(s.families) == [n for n in FAMILIES if n in s.families]


# ---------------------------------------------------------------- round trip through the parser

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("number", [0, 3])
def test_clean_render_parses_back(layout, number):
    try:
        from detector.parse import page_from_record
    except ImportError:
        pytest.skip("detector.parse is not available yet")
    teaser = "The winter timetable adds an early boat on weekdays and drops the late one on Sundays."
    page = copy_page(POOL[number], source="Velder Capital", byline="Nora Vell",
                     blocks=[Block("Related", [BlockItem("Ferry timetable changes in winter", teaser, "https://example.org/a"),
                                               BlockItem("Harbor café reopens", "", "https://example.org/b")])])
    out = render(page, layout, random.Random(number), SHOW_ALL)
    key = "html" if layout in HTML_LAYOUTS else "text"
    parsed = page_from_record({"id": "x", "url": page.url, key: out, "format": "html" if key == "html" else "txt"})
    fields = LAYOUT_FIELDS[layout]
    assert parsed.title == page.title
    # A visible credit is rendered as the body's last line ("Source: X").
    assert parsed.paragraphs in (page.paragraphs, page.paragraphs + [f"Source: {page.source}"])
    if "site_name" in fields:
        assert parsed.site_name == page.site_name
    if "source" in fields:
        assert parsed.source == page.source
    if "category" in fields:
        assert parsed.category == page.category
    if "published" in fields:
        assert parsed.published[:10] == page.published[:10]
    if "byline" in fields:
        assert parsed.byline.removeprefix("By ") == page.byline
    if "lang" in fields:
        assert parsed.lang == page.lang
    related = [b for b in parsed.blocks if b.heading == "Related"]
    assert [(i.title, i.teaser) for b in related for i in b.items] == [
        ("Ferry timetable changes in winter", teaser), ("Harbor café reopens", "")]
