"""The spinning signals on the real originals of ../shared/data (read in place, never copied):
how often they fire there (false alarms), and what share of those pages, spun with the
test thesaurus (tests/thesaurus_spinner.py), spun_wording catches."""
from __future__ import annotations

from collections import Counter

import pytest

from detector.evaluation.catalog import iter_real_originals
from detector.page import Page
from detector.signals.spinning import spinning_z, spun_wording, typo_tokens
from thesaurus_spinner import spin_paragraphs

pytestmark = pytest.mark.shared_data
MAX_FIRING_RATE = 0.02


@pytest.fixture(scope="module")
def originals(shared_data) -> list[tuple[Page, str]]:
    pages = [(page, "" if lang == "?" else lang) for page, lang in iter_real_originals(shared_data)]
    assert len(pages) > 1000
    return pages


@pytest.mark.parametrize("signal", [spun_wording, typo_tokens], ids=["spun_wording", "typo_tokens"])
def test_spinning_signals_rarely_fire_on_real_originals(originals, signal):
    pages, fired = Counter(), Counter()
    for page, lang in originals:
        pages[lang] += 1
        fired[lang] += signal(page).fired
    rates = {lang: fired[lang] / n for lang, n in pages.items() if n >= 25}
    print(f"\n{signal.__name__} fires on {sum(fired.values())} of {len(originals)} real originals;",
          {lang: f"{rate:.1%}" for lang, rate in rates.items()})
    assert sum(fired.values()) <= MAX_FIRING_RATE * len(originals)
    assert all(rate <= MAX_FIRING_RATE for rate in rates.values()), rates


def test_spun_wording_recall_on_spun_real_originals(originals):
    """Real originals in en/de/es spun at growing shares: the share of pages caught grows
    with the share of words swapped, and spinning raises the measure on nearly every page."""
    judged = [(page, lang) for page, lang in originals if lang in ("en", "de", "es") and spinning_z(page) is not None]
    caught, raised = Counter(), Counter()
    for page, lang in judged:
        before = spinning_z(page)
        for share in (0.3, 0.5, 1.0):
            spun = Page(id=page.id, paragraphs=spin_paragraphs(page.paragraphs, lang, share, seed=7)[0], lang=page.lang)
            caught[share] += spun_wording(spun).fired
            after = spinning_z(spun)
            raised[share] += after is not None and after >= before
    n = len(judged)
    recall = {share: caught[share] / n for share in (0.3, 0.5, 1.0)}
    print(f"\nspun_wording on {n} real originals spun at 30/50/100% of the thesaurus's words: "
          + ", ".join(f"{share:.0%}: recall {r:.1%}" for share, r in recall.items()))
    originals_rate = sum(spun_wording(page).fired for page, _ in judged) / n
    assert recall[0.3] <= recall[0.5] <= recall[1.0]
    assert recall[1.0] > 2 * originals_rate
    assert raised[1.0] >= 0.95 * n
