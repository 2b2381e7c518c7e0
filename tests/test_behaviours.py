"""The behaviour measuring command: firing rates by label and language, as a Markdown table."""
import pytest

from detector.evaluation.behaviours import RealParsed, iter_labelled_pages, main, markdown_table, measure, pattern_signal
from detector.page import Page
from detector.signals import REGISTRY_BY_NAME

NEW_SIGNALS = ["feed_footer", "unrendered_markup", "chatbot_leftovers", "repost_disclaimer",
               "default_account_byline", "ad_label_density", "excerpt_only", "script_mismatch"]


def item(label, lang, paragraphs, byline=""):
    return RealParsed(f"{label}/{lang}/{len(paragraphs)}", label, lang, Page(id="t", paragraphs=paragraphs, byline=byline))


def test_measure_counts_by_label_and_language_and_the_table_quotes_them():
    body = ["The harbour board met on Monday and agreed to dredge the eastern channel before the winter storms."]
    pages = [
        item("original", "en", body, byline="admin"),
        item("original", "en", body),
        item("original", "de", body),
        item("original", "pl", body, byline="admin"),
        item("syndicated", "en", body, byline="admin"),
    ]
    chinese = [item("original", "zh", ["港务局周一开会，决定在冬季风暴来临前疏浚东航道。"])]
    signal = REGISTRY_BY_NAME["default_account_byline"]
    rates = measure([signal], pages, chinese, keep_examples=5)["default_account_byline"]
    assert (rates.fired["original"], rates.total["original"]) == (2, 4)
    assert (rates.fired["original:en"], rates.total["original:en"]) == (1, 2)
    assert (rates.fired["original:other"], rates.total["original:other"]) == (1, 1)
    assert (rates.fired["syndicated"], rates.total["syndicated"]) == (1, 1)
    assert (rates.fired["zh-extra"], rates.total["zh-extra"]) == (0, 1)
    assert len(rates.examples) == 2  # originals only

    table = markdown_table([signal], {"default_account_byline": rates}).splitlines()
    assert table[0].startswith("| signal | family | originals | syndicated | orig. en | orig. de |")
    assert table[2].startswith("| `default_account_byline` | leftovers | 2/4 (50.0%) | 1/1 (100.0%) | 1/2 (50.0%) | 0/1 |")


def test_main_rejects_unknown_signals(capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path), "--signals", "no_such_signal"]) == 2
    assert "no_such_signal" in capsys.readouterr().err


@pytest.mark.shared_data
def test_new_signals_fire_on_at_most_two_percent_of_real_originals(shared_data):
    pages = list(iter_labelled_pages(shared_data))
    originals = sum(p.label == "original" for p in pages)
    assert originals > 1000
    rates = measure([REGISTRY_BY_NAME[name] for name in NEW_SIGNALS], pages, [])
    for name in NEW_SIGNALS:
        assert rates[name].share("original") <= 0.02, (name, rates[name].cell("original"))
    # The real autoblog copy in the collections keeps its importer's closing "Source link".
    assert rates["feed_footer"].fired["syndicated"] >= 1


def test_grep_pattern_counts_pages_with_a_matching_line():
    signal = pattern_signal("ad label=^(advertisement|anzeige)$")
    with_label = Page(id="a", paragraphs=["Some text about the harbour.", "ANZEIGE"])
    without = Page(id="b", paragraphs=["An advertisement campaign for the harbour festival started."])
    fired = signal(with_label)
    assert fired.value == 1.0 and fired.evidence[0].field == "paragraphs[1]" and fired.evidence[0].text == "ANZEIGE"
    assert signal(without).value == 0
    with pytest.raises(ValueError):
        pattern_signal("no equals sign")
