"""The shared per-page text helpers give what their plain definitions give."""
from detector.text import body_vocabulary, vocabulary

PARAGRAPHS = [
    "The council's well-known plan (approved 2019) was delayed again, officials said on Tuesday.",
    "Residents — about 4,000 of them — wrote to the mayor's office: \"Fix the bridge!\"",
    "ΟΔΟΣ ΠΑΝΕΠΙΣΤΗΜΙΟΥ: η Αθήνα και ο Πειραιάς. Straße, Größe, naïve café 3rd-quarter R&D x2y.",
]


def test_body_vocabulary_is_the_vocabulary_of_title_and_body():
    title = "Bridge Repairs: Council's Plan Slips To 2026"
    expected = vocabulary(title + "\n" + "\n".join(PARAGRAPHS))
    assert body_vocabulary(PARAGRAPHS, title) == expected
    assert {"council", "well", "known", "bridge", "repairs", "οδος", "straße", "naïve", "rd", "quarter"} <= expected
    assert body_vocabulary(PARAGRAPHS) == vocabulary("\n".join(PARAGRAPHS))
