"""Spinning: typo-like tokens with a doubled letter, synonym-spun wording; and the shared
text utilities (detector/text.py) these signals stand on.

All text is invented for these tests. The spun texts come from tests/thesaurus_spinner.py,
whose thesaurus detector's code never sees.
"""
import pytest

from detector.page import Page
from detector.signals.spinning import band_counts, spinning_z, spun_wording, typo_tokens
from detector.text import (
    body_profile,
    content_words,
    declared_language,
    rare_words,
    sentence_spans,
    shares_word,
    stopword_language,
    words,
)
from thesaurus_spinner import spin_paragraphs

ENGLISH = [
 "Harbour authorities in Port Elswick said on Tuesday that a new plan to dredge the silted northern channel would begin next spring, "
 "ending a dispute with shipping firms that has dragged on for almost three years. The work is expected to cost about 40 million dollars.",
 "People who run the ferry service have long complained that vessels must wait for high tide before they can dock, and several captains told "
 "the council last week that delays were hurting trade. \"We have lost customers because of it,\" said Dana Whitlock, who manages a freight company on the quay.",
 "Under the plan, contractors will remove mud and sand from a stretch of the channel roughly two kilometres long, and the spoil will be used to rebuild "
 "a salt marsh that storms washed away. Environmental groups, which had opposed earlier proposals, said the new design was a big improvement.",
 "The harbour master, Ines Valdré, said the main problem had been money. The government agreed in March to cover half of the cost, and the rest will come "
 "from port fees. She said the project would also help the fishing fleet, whose boats often run aground near the old lighthouse.",
 "Not everyone is convinced. Residents of the waterfront streets worry about noise and heavy trucks, and a group of them asked the council to limit work "
 "to daylight hours. Officials said they would publish a report on traffic before the first machines arrive, and that the town would hold a public meeting in January.",
 "Similar projects along the coast have taken longer than planned. In Quarry Flats, dredging stopped for months after engineers found old munitions on the "
 "seabed. Valdré said surveys in Port Elswick had found nothing of the kind, but that crews would check each section before digging.",
]
GERMAN = [
    "Die Stadtwerke von Harlow haben am Montag angekündigt, die Einschränkungen bei der Gartenbewässerung um weitere sechs Wochen zu verlängern, "
    "weil der Frühling so trocken war wie seit Beginn der Aufzeichnungen nicht mehr. Der Pegel des Stausees am Kalderberg liegt bei einem Drittel.",
    "Die Vorsitzende des Verwaltungsrats, Miriam Okafor, sagte vor Journalisten, jeder Haushalt solle seinen Verbrauch um ein Fünftel senken. "
    "Wer trotz des Verbots den Rasen sprengt, muss mit einem Bußgeld rechnen; bisher habe man aber fast immer nur Verwarnungen ausgesprochen.",
    "Die Landwirte im Tal befürchten Ernteausfälle und wollen bei der nächsten öffentlichen Sitzung sprechen. Ein Obstbauer erzählte, er habe "
    "seine jungen Bäume in diesem Jahr schon dreimal von Hand gießen müssen, und die Kirschen seien kleiner als sonst.",
    "Nach Angaben der Stadtwerke ist die Versorgung mit Trinkwasser gesichert, wenn alle zusammen sparen. Man prüfe außerdem, ob ein stillgelegter "
    "Brunnen am Stadtrand wieder in Betrieb genommen werden könne. Ein Gutachten dazu soll bis zum Herbst vorliegen.",
    "Umweltverbände begrüßten die Entscheidung, forderten aber langfristige Maßnahmen. Viele Leitungen in der Altstadt seien undicht, und bei "
    "jedem Rohrbruch gehe mehr Wasser verloren, als alle Gärten der Stadt an einem Wochenende verbrauchten. Die Stadtwerke kündigten an, "
    "im kommenden Jahr mehr Geld in die Erneuerung des Netzes zu stecken und die Bürger regelmäßig über den Stand der Arbeiten zu informieren.",
    "Schon im vergangenen Sommer hatte die Stadt das Befüllen privater Schwimmbecken untersagt. Damals hielten sich die meisten daran, "
    "wie eine Umfrage später zeigte, doch einige Betriebe beklagten, sie seien zu spät gewarnt worden. Diesmal will man früher und "
    "deutlicher informieren, auch mit Aushängen in den Geschäften und kurzen Hinweisen im Lokalradio, das täglich darüber berichtet.",
    "Die nächste Sitzung des Verwaltungsrats findet am Donnerstag im Rathaus statt; Besucher sind willkommen, müssen sich aber vorher anmelden.",
]
SPANISH = [
    "El ayuntamiento de Puerto Elsa anunció el martes que ampliará durante seis semanas más las restricciones al riego de jardines, después de "
    "la primavera más seca desde que existen registros. El embalse del valle se encuentra a un tercio de su capacidad.",
    "La presidenta de la empresa municipal de aguas, Miriam Okafor, dijo a los periodistas que cada hogar debería reducir su consumo en una quinta "
    "parte. Quien riegue el césped a pesar de la prohibición podrá ser multado, aunque hasta ahora casi siempre se han dado solo advertencias.",
    "Los agricultores de la zona temen perder parte de la cosecha y piensan hablar en la próxima reunión pública. Un productor de fruta contó que "
    "este año ya ha tenido que regar a mano sus árboles jóvenes tres veces y que las cerezas son más pequeñas que de costumbre.",
    "Según la empresa, el suministro de agua potable está garantizado si todos ahorran. Además, se estudia volver a poner en marcha un pozo "
    "abandonado en las afueras de la ciudad; un informe técnico sobre esa posibilidad estará listo en otoño.",
    "Las organizaciones ecologistas celebraron la decisión, pero pidieron medidas a largo plazo. Muchas tuberías del casco antiguo tienen fugas, "
    "y en cada avería se pierde más agua de la que gastan todos los jardines de la ciudad en un fin de semana. La empresa prometió invertir "
    "más dinero el próximo año en renovar la red y mantener informados a los vecinos sobre el avance de las obras.",
    "La próxima reunión del consejo se celebrará el jueves en el edificio del ayuntamiento y estará abierta al público, con inscripción previa.",
]
FRENCH = [
    "La mairie de Port-Elsa a annoncé mardi que les restrictions d'arrosage des jardins seraient prolongées de six semaines, après le printemps "
    "le plus sec jamais enregistré dans la région. Le réservoir de la vallée n'est plus rempli qu'au tiers de sa capacité.",
    "La présidente de la régie des eaux, Miriam Okafor, a déclaré aux journalistes que chaque foyer devait réduire sa consommation d'un cinquième. "
    "Ceux qui arrosent leur pelouse malgré l'interdiction risquent une amende, même si, jusqu'ici, les agents se sont surtout contentés d'avertissements.",
    "Les agriculteurs de la vallée craignent pour leurs récoltes et comptent prendre la parole lors de la prochaine séance publique. Un arboriculteur "
    "raconte qu'il a déjà dû arroser ses jeunes arbres à la main trois fois cette année et que les cerises sont plus petites que d'habitude.",
    "Selon la régie, l'approvisionnement en eau potable reste assuré si tout le monde fait des économies. On étudie aussi la remise en service d'un "
    "ancien puits à la sortie de la ville ; une étude à ce sujet doit être rendue à l'automne.",
    "Les associations de défense de l'environnement ont salué la décision, mais réclament des mesures durables. De nombreuses conduites de la vieille "
    "ville fuient, et chaque rupture fait perdre plus d'eau que tous les jardins de la commune n'en consomment en un week-end. La régie a promis "
    "d'investir davantage l'an prochain dans la rénovation du réseau et d'informer régulièrement les habitants de l'avancement des travaux.",
    "La prochaine réunion du conseil aura lieu jeudi à l'hôtel de ville ; le public est le bienvenu, sur inscription.",
]
INDONESIAN = [
    "Pemerintah kota Pelabuhan Elsa mengumumkan pada hari Selasa bahwa pembatasan penyiraman taman akan diperpanjang selama enam minggu lagi, "
    "setelah musim kemarau paling kering sejak pencatatan dimulai. Waduk di lembah kini hanya terisi sepertiga dari kapasitasnya.",
    "Ketua perusahaan air minum daerah, Miriam Okafor, mengatakan kepada wartawan bahwa setiap rumah tangga harus mengurangi pemakaian air sebanyak "
    "seperlima. Warga yang tetap menyiram rumput meski sudah dilarang bisa dikenai denda, walaupun sejauh ini petugas hampir selalu hanya memberikan teguran.",
    "Para petani di lembah khawatir panen mereka akan gagal dan berencana berbicara dalam rapat umum berikutnya. Seorang petani buah bercerita bahwa "
    "tahun ini ia sudah tiga kali menyiram pohon-pohon mudanya dengan tangan dan buah cerinya lebih kecil daripada biasanya.",
    "Menurut perusahaan air, pasokan air bersih tetap aman jika semua orang berhemat. Perusahaan juga sedang meneliti apakah sebuah sumur tua di "
    "pinggir kota bisa digunakan kembali; laporan tentang hal itu diharapkan selesai pada akhir tahun.",
    "Kelompok pemerhati lingkungan menyambut baik keputusan itu, tetapi meminta langkah jangka panjang. Banyak pipa di kota lama bocor, dan setiap "
    "kali pipa pecah, air yang hilang lebih banyak daripada air yang dipakai semua taman di kota selama akhir pekan. Perusahaan berjanji menambah "
    "anggaran tahun depan untuk memperbaiki jaringan pipa dan akan memberi tahu warga secara berkala tentang kemajuan pekerjaan.",
    "Rapat dewan berikutnya akan diadakan pada hari Kamis di balai kota dan terbuka untuk umum, tetapi pengunjung harus mendaftar terlebih dahulu.",
]


def page(paragraphs, lang="en") -> Page:
    return Page(id="t", paragraphs=list(paragraphs), lang=lang)


def assert_evidence_quotes(p: Page, res) -> None:
    for ev in res.evidence:
        assert ev.text, ev
        assert ev.text == p.field_text(ev.field)[ev.start:ev.end]

@pytest.mark.parametrize(
    "sentence, typos",
    [
        ("The harbour crew ordered new ropes and equipmentt for the winter season.", ["equipmentt"]),
        ("The poliitical fallout reached the capital by the end of the week, aides said.", ["poliitical"]),
        ("The board said the new meetting hall would open in the spring, whatever happened.", ["meetting"]),
        # ordinary words with doubled letters, rare words, names and capitalised tokens
        ("The committee will assess the accommodation of all attendees in Tallahassee.", []),
        ("Ms Okafor, a keen birdwatcher, spotted a bittern and a goosander by the millpond.", []),
        ("Equipmentt was stacked by the pier, the harbour office said in its statement.", []),
        ("Ahh, the board said, it would look at the numbers again next week.", []),
    ],
)
def test_typo_tokens(sentence, typos):
    p = page(ENGLISH + [sentence])
    res = typo_tokens(p)
    assert [ev.text for ev in res.evidence] == typos
    assert res.fired is bool(typos)
    assert_evidence_quotes(p, res)


def test_german_words_with_doubled_letters_stay_quiet():
    assert typo_tokens(page(GERMAN, lang="de")).value == 0.0


def test_german_page_typo_judged_with_the_german_word_list():
    p = page(GERMAN + ["Die Vorsitzende sagte, die Lage sei ernnst, aber nicht bedrohlich für die Stadt."], lang="de")
    assert [ev.text for ev in typo_tokens(p).evidence] == ["ernnst"]


def test_typo_value_grows_with_density():
    one = typo_tokens(page(ENGLISH + ["Ropes and equipmentt were moved to the pier."]))
    two = typo_tokens(page(ENGLISH + ["Ropes and equipmentt were moved to the pier by poliitical order."]))
    assert 0 < one.value < two.value <= 1.0


def test_pages_without_a_word_list_stay_quiet():
    # Declared Japanese, no English/German stopwords: no word list to judge by.
    assert typo_tokens(page(["東京で新しい図書館が開館した。"], lang="ja")).value == 0.0
    assert typo_tokens(page([])).value == 0.0


def test_typo_tokens_abstain_on_short_text():
    assert typo_tokens(page(["The crew ordered ropes and equipmentt for the winter season at the harbour."])).value == 0.0


def test_typo_tokens_abstain_where_the_word_list_is_short():
    # Indonesian's word list stops at words met once per million: a token absent from it
    # may be an ordinary rare word, so nothing is called a typo.
    p = page(INDONESIAN + ["Dalam ceramahnya ia menjelaskan makna diin bagi kehidupan sehari-hari warga."], lang="id")
    assert typo_tokens(p).value == 0.0


def test_typo_tokens_abstain_on_text_in_another_language_than_declared():
    # Indonesian text declared English: judged by the English list, "diin" would look like
    # "din" with a letter doubled; the words show the text is not English.
    p = page(INDONESIAN + ["Dalam ceramahnya ia menjelaskan makna diin bagi kehidupan sehari-hari warga."], lang="en")
    assert typo_tokens(p).value == 0.0
    assert spun_wording(p).value == 0.0


def test_typo_tokens_never_flag_a_word_of_the_declared_language():
    # "diin" is listed in German: a page declared German is not flagged for it, even when
    # its stopwords would judge it in English.
    p = page(ENGLISH + ["The old word diin was found on a stone by the pier, the harbour office said."], lang="de")
    assert "diin" not in [ev.text for ev in typo_tokens(p).evidence]


# --- spun wording ----------------------------------------------------------------------------

def mean_z(paragraphs, lang, share, seeds=range(6)):
    """The measure spun_wording thresholds, averaged over a few spins at ``share``."""
    zs = [spinning_z(page(spin_paragraphs(paragraphs, lang, share, seed)[0], lang)) for seed in seeds]
    return sum(zs) / len(zs)


@pytest.mark.parametrize("paragraphs, lang", [(ENGLISH, "en"), (GERMAN, "de"), (SPANISH, "es"), (FRENCH, "fr"), (INDONESIAN, "id")])
def test_natural_text_is_judged_and_not_spun(paragraphs, lang):
    p = page(paragraphs, lang)
    assert band_counts(p) is not None  # long enough to be judged
    assert spun_wording(p).value == 0.0


@pytest.mark.parametrize("paragraphs, lang", [(ENGLISH, "en"), (SPANISH, "es"), (GERMAN, "de")])
def test_measure_grows_with_spinning(paragraphs, lang):
    # 15%, 30%, 50% and all of the words the thesaurus knows swapped.
    zs = [mean_z(paragraphs, lang, share) for share in (0.0, 0.15, 0.3, 0.5, 1.0)]
    assert zs == sorted(zs) and zs[-1] > zs[0], zs


def test_spun_wording_fires_on_heavy_spinning_and_grows():
    # The harbour story with half, then all, of the words the thesaurus knows swapped (all:
    # a sixth of its words). Half stays within natural text's range.
    values = [spun_wording(page(spin_paragraphs(ENGLISH, "en", share, seed=1)[0])).value for share in (0.5, 0.75, 1.0)]
    assert values[0] == 0.0 and values[1] <= values[2] and values[2] > 0, values
    spun = page(spin_paragraphs(ENGLISH, "en", 1.0, seed=1)[0])
    res = spun_wording(spun)
    assert_evidence_quotes(spun, res)
    quoted = [ev.text for ev in res.evidence]
    substitutes = [word for word in quoted if word not in " ".join(ENGLISH)]
    # Word by word a substitute cannot be told from a topic word; the quotes are the
    # page's uncommon words, the spinner's among them.
    assert substitutes, quoted


def test_spun_wording_abstains():
    assert band_counts(page(ENGLISH[:2])) is None  # too short
    assert spun_wording(page(ENGLISH[:2])).value == 0.0
    assert band_counts(page(ENGLISH, lang="")) is not None  # English stopwords suffice
    portuguese = ["O conselho municipal aprovou ontem o orçamento depois de um longo debate sobre as obras do porto."] * 30
    assert band_counts(page(portuguese, lang="pt")) is None  # no reference for Portuguese
    assert spun_wording(page(["東京で新しい図書館が開館した。"] * 50, lang="ja")).value == 0.0


# --- shared text utilities (detector/text.py) ------------------------------------------------

@pytest.mark.parametrize(
    "paragraphs, declared, lang, stopword_lang",
    [
        (ENGLISH, "", "en", "en"),
        (GERMAN, "", "de", "de"),
        (GERMAN, "en-US", "de", "de"),  # the text outvotes a wrong declaration
        (["Le conseil municipal a voté le budget mardi soir après un long débat."] * 5, "fr-FR", "fr", ""),
        (["東京で新しい図書館が開館した。"], "", "", ""),
    ],
)
def test_body_profile_language(paragraphs, declared, lang, stopword_lang):
    profile = body_profile(paragraphs, declared)
    assert (profile.lang, profile.stopword_lang) == (lang, stopword_lang)
    assert profile.n_words == sum(len(p.split()) for p in paragraphs)


@pytest.mark.parametrize(
    "tokens, expected",
    [
        ("the board said that it would meet in the town hall on monday and vote on the plan".split(), ""),  # < 20 tokens
        (("the board said that it would meet in the town hall on monday and vote on the plan " * 2).split(), "en"),
        (("der rat sagte dass er am montag im rathaus tagen und über den plan abstimmen werde " * 2).split(), "de"),
        (("budget municipal conseil vote mardi soir long débat ville quartier " * 3).split(), ""),
    ],
)
def test_stopword_language(tokens, expected):
    assert stopword_language(tokens) == expected


@pytest.mark.parametrize(
    "text, spans",
    [
        ("One. Two words here! And three?", ["One.", "Two words here!", "And three?"]),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ("No stop at the end", ["No stop at the end"]),
        ("Mr. Okafor arrived at 9.30 a.m. today.", ["Mr.", "Okafor arrived at 9.30 a.m. today."]),
    ],
)
def test_sentence_spans(text, spans):
    assert [text[start:end] for start, end in sentence_spans(text)] == spans


def test_words_and_content_words():
    assert words("Don't stop: the Board's 2 plans.") == ["Don't", "stop", "the", "Board's", "plans"]
    assert content_words("The Board's plans were approved by the council") == {"board", "plans", "approved", "council"}
    assert shares_word("plan", frozenset({"plans"})) and shares_word("plans", frozenset({"plan"}))
    assert not shares_word("plan", frozenset({"planet"}))


def test_rare_words_strip_punctuation_and_skip_frequent_words():
    paragraphs = ["The harbour crew ordered equipmentt, ropes and well-known Glenmoor buoys."]
    assert rare_words(paragraphs, "en") >= {"equipmentt", "glenmoor"}
    assert not rare_words(paragraphs, "en") & {"the", "harbour", "ropes", "crew"}


@pytest.mark.parametrize("declared, expected", [("en-US", "en"), ("de_DE", "de"), (" FR ", "fr"), ("", "")])
def test_declared_language(declared, expected):
    assert declared_language(declared) == expected
