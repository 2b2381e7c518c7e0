"""A small synonym spinner for tests, built on a thesaurus that detector's code never sees.

It does what cheap article spinners do: swaps a share of the words it has synonyms for,
word by word, without looking at the context, keeping only the capital of the word it
replaces. The thesaurus is written here for the tests; the signal under test must catch
its output from word frequencies alone.
"""
from __future__ import annotations

import random
import re

# word -> substitutes a context-blind thesaurus offers (inflected forms listed as words).
ENGLISH = {
    "said": ["stated", "declared", "remarked"],
    "says": ["states", "declares", "remarks"],
    "told": ["informed", "advised", "notified"],
    "asked": ["requested", "inquired", "queried"],
    "people": ["individuals", "persons", "folks"],
    "began": ["commenced", "initiated"],
    "start": ["commence", "initiate"],
    "started": ["commenced", "initiated"],
    "big": ["massive", "sizable", "hefty"],
    "large": ["huge", "substantial", "sizable"],
    "small": ["tiny", "minor", "diminutive"],
    "help": ["assist", "aid"],
    "helped": ["assisted", "aided"],
    "show": ["demonstrate", "exhibit"],
    "showed": ["demonstrated", "exhibited"],
    "buy": ["purchase", "acquire"],
    "get": ["obtain", "acquire", "procure"],
    "make": ["create", "produce", "fabricate"],
    "use": ["utilize", "employ"],
    "used": ["utilized", "employed"],
    "need": ["require", "necessitate"],
    "want": ["desire", "wish"],
    "think": ["believe", "reckon"],
    "important": ["crucial", "vital", "significant"],
    "new": ["novel", "fresh", "brand-new"],
    "old": ["aged", "elderly", "ancient"],
    "good": ["excellent", "decent", "superb"],
    "bad": ["poor", "awful", "dreadful"],
    "many": ["numerous", "countless", "myriad"],
    "very": ["extremely", "highly", "exceedingly"],
    "also": ["additionally", "furthermore", "likewise"],
    "city": ["metropolis", "municipality"],
    "home": ["residence", "dwelling", "abode"],
    "house": ["residence", "dwelling", "abode"],
    "job": ["occupation", "vocation"],
    "work": ["labor", "toil"],
    "money": ["funds", "cash", "capital"],
    "children": ["youngsters", "kids", "offspring"],
    "found": ["discovered", "located", "uncovered"],
    "tried": ["attempted", "endeavored"],
    "try": ["attempt", "endeavor"],
    "leave": ["depart", "exit"],
    "fast": ["rapid", "speedy", "swift"],
    "quickly": ["rapidly", "swiftly", "speedily"],
    "often": ["frequently", "regularly", "oftentimes"],
    "about": ["approximately", "roughly", "concerning"],
    "however": ["nevertheless", "nonetheless"],
    "government": ["administration", "authorities"],
    "country": ["nation", "land"],
    "company": ["firm", "enterprise", "corporation"],
    "problem": ["issue", "difficulty", "predicament"],
    "problems": ["issues", "difficulties", "predicaments"],
    "change": ["alteration", "modification"],
    "changes": ["alterations", "modifications"],
    "plan": ["scheme", "strategy", "blueprint"],
    "plans": ["schemes", "strategies", "blueprints"],
    "meeting": ["gathering", "assembly", "conference"],
    "women": ["ladies", "females"],
    "men": ["gentlemen", "males"],
    "area": ["region", "zone", "locality"],
    "world": ["globe", "planet"],
    "group": ["cluster", "collective"],
    "life": ["existence", "lifetime"],
    "place": ["location", "spot", "venue"],
    "increase": ["boost", "surge", "upturn"],
    "number": ["quantity", "amount"],
    "part": ["portion", "segment"],
    "officials": ["authorities", "functionaries"],
    "report": ["account", "dispatch"],
    "keep": ["retain", "maintain"],
    "give": ["provide", "grant", "bestow"],
    "gave": ["provided", "granted", "bestowed"],
    "take": ["seize", "grab"],
    "took": ["seized", "grabbed"],
    "come": ["arrive", "approach"],
    "came": ["arrived", "approached"],
    "see": ["observe", "witness"],
    "saw": ["observed", "witnessed"],
    "know": ["realize", "recognize"],
    "enough": ["sufficient", "adequate", "ample"],
    "hard": ["tough", "arduous", "strenuous"],
    "easy": ["simple", "effortless"],
    "really": ["truly", "genuinely"],
    "whole": ["entire", "complete"],
    "main": ["primary", "principal", "chief"],
    "best": ["finest", "optimal"],
    "high": ["elevated", "lofty"],
    "long": ["lengthy", "extended", "prolonged"],
    "happy": ["joyful", "glad", "content"],
    "sure": ["certain", "confident"],
    "together": ["jointly", "collectively"],
    "around": ["approximately", "roughly"],
    "after": ["following", "subsequent to"],
    "before": ["prior to", "ahead of"],
    "week": ["seven days"],
    "year": ["twelve months", "annum"],
    "last": ["final", "previous"],
    "first": ["initial", "earliest"],
    "next": ["subsequent", "following"],
    "because": ["since", "as"],
    "still": ["nonetheless", "yet"],
    "just": ["merely", "simply"],
    "way": ["method", "manner", "means"],
    "time": ["period", "moment", "occasion"],
    "day": ["date", "daytime"],
    "going": ["heading", "proceeding"],
    "look": ["appear", "seem"],
    "wanted": ["desired", "wished"],
    "thing": ["item", "object", "matter"],
    "things": ["items", "objects", "matters"],
}

GERMAN = {
    "sagte": ["äußerte", "erklärte", "meinte"],
    "Menschen": ["Personen", "Individuen", "Leute"],
    "große": ["gewaltige", "riesige", "beträchtliche"],
    "großen": ["gewaltigen", "riesigen", "beträchtlichen"],
    "neue": ["frische", "neuartige"],
    "neuen": ["frischen", "neuartigen"],
    "wichtig": ["bedeutsam", "essenziell", "maßgeblich"],
    "wichtige": ["bedeutsame", "essenzielle", "maßgebliche"],
    "begann": ["startete", "setzte ein"],
    "Stadt": ["Kommune", "Ortschaft"],
    "Kinder": ["Sprösslinge", "Nachkommen"],
    "Geld": ["Finanzmittel", "Zahlungsmittel"],
    "schnell": ["zügig", "rasch", "flott"],
    "oft": ["häufig", "vielmals"],
    "viele": ["zahlreiche", "etliche", "unzählige"],
    "sehr": ["äußerst", "überaus", "ungemein"],
    "auch": ["ebenfalls", "gleichfalls"],
    "jetzt": ["nun", "momentan", "derzeit"],
    "Arbeit": ["Tätigkeit", "Beschäftigung"],
    "Problem": ["Schwierigkeit", "Missstand"],
    "gut": ["prima", "vortrefflich"],
    "kleine": ["winzige", "geringe"],
    "helfen": ["unterstützen", "beistehen"],
    "zeigt": ["demonstriert", "offenbart"],
    "kaufen": ["erwerben", "erstehen"],
    "Haus": ["Gebäude", "Behausung", "Domizil"],
    "Unternehmen": ["Betrieb", "Konzern"],
    "Ende": ["Abschluss", "Schluss"],
    "immer": ["stets", "fortwährend"],
    "wieder": ["erneut", "abermals"],
    "bekommen": ["erhalten", "empfangen"],
    "machen": ["erledigen", "anfertigen"],
    "Frage": ["Fragestellung", "Anfrage"],
}

SPANISH = {
    "dijo": ["declaró", "expresó", "manifestó"],
    "personas": ["individuos", "sujetos"],
    "gente": ["población", "muchedumbre"],
    "grande": ["enorme", "inmenso", "colosal"],
    "nuevo": ["novedoso", "flamante"],
    "nueva": ["novedosa", "flamante"],
    "importante": ["relevante", "trascendental", "primordial"],
    "comenzó": ["inició", "emprendió"],
    "ciudad": ["urbe", "localidad"],
    "niños": ["chiquillos", "infantes", "críos"],
    "dinero": ["fondos", "caudales"],
    "rápido": ["veloz", "raudo"],
    "muchos": ["numerosos", "cuantiosos"],
    "muy": ["sumamente", "extremadamente"],
    "también": ["asimismo", "igualmente"],
    "ahora": ["actualmente", "hoy en día"],
    "trabajo": ["labor", "faena"],
    "problema": ["inconveniente", "dificultad"],
    "casa": ["vivienda", "morada"],
    "empresa": ["compañía", "firma", "corporación"],
    "ayudar": ["auxiliar", "asistir"],
    "comprar": ["adquirir"],
    "pequeño": ["diminuto", "minúsculo"],
    "buena": ["excelente", "óptima"],
    "gobierno": ["administración", "ejecutivo"],
    "país": ["nación", "estado"],
    "hacer": ["realizar", "efectuar"],
    "tiene": ["posee", "dispone de"],
    "años": ["ejercicios", "anualidades"],
    "parte": ["porción", "fracción"],
}

THESAURUS = {"en": ENGLISH, "de": GERMAN, "es": SPANISH}

_WORD = re.compile(r"[^\W\d_]+")


def _match_case(original: str, substitute: str) -> str:
    return substitute[0].upper() + substitute[1:] if original[0].isupper() else substitute


def spin(text: str, lang: str, share: float, seed: int = 0) -> tuple[str, int, int]:
    """``text`` with ``share`` of the words the thesaurus knows swapped for a random
    synonym: (spun text, words swapped, words the thesaurus knew)."""
    thesaurus = THESAURUS[lang]
    rng = random.Random(seed)
    counts = [0, 0]

    def swap(match: re.Match) -> str:
        word = match.group(0)
        # German nouns are listed capitalised; elsewhere a capital is the sentence's.
        key = word if word in thesaurus else word.lower() if word.lower() in thesaurus else None
        if key is None:
            return word
        counts[1] += 1
        if rng.random() >= share:
            return word
        counts[0] += 1
        return _match_case(word, rng.choice(thesaurus[key]))

    spun = _WORD.sub(swap, text)
    return spun, counts[0], counts[1]


def spin_paragraphs(paragraphs: list[str], lang: str, share: float, seed: int = 0) -> tuple[list[str], int, int]:
    """Every paragraph spun with one random stream: (paragraphs, words swapped, words known)."""
    out, swapped, known = [], 0, 0
    for i, paragraph in enumerate(paragraphs):
        spun, s, k = spin(paragraph, lang, share, seed=seed * 100_003 + i)
        out.append(spun)
        swapped, known = swapped + s, known + k
    return out, swapped, known
