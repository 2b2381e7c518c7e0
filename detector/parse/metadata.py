"""Metadata lines of a page: one lexicon and one grammar for every input format.

A metadata line declares who and what a page is: its source, publisher, section,
dates, author and tags ("来源：新华网  作者：王丽  2021年3月4日 12:30",
"By Jane Roe | Reuters | Updated March 4, 2021", "Filed under: Opinion").
Text dumps, record ``text`` fields and the lines shown around an HTML article
all go through ``parse_metadata_line``, so a label read in one format is read
in all of them.

The grammar, in short:
- a line splits into parts at tabs, pipes, bullets, spaced dashes and runs of
  two or more spaces (full-width spaces and colons count as ASCII ones);
- inside a part, a label is a known word followed by a colon (``Source:``,
  ``来源：``), a prefix phrase that needs no colon (``Filed under``, ``发表于``), or
  a byline word before a name (``By``, ``Von``, ``Par``); labels may be glued to
  the previous value, as tag stripping leaves them ("Societycategory:News");
- unlabelled text is read only for dates (a line may open with one) and
  Chinese reporter credits ("本报记者 王丽").

A line is metadata only when it is made of such parts: a label at its start,
two labels, or a date with little else. Values must look like values (short
names, a date with digits), so a sentence that mentions a source or opens with
a date stays body text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .dates import find_date, normalise_date

MAX_LINE_CHARS = 300
MAX_NAME_CHARS = 100  # a source, publisher, section or author is a name, not a sentence
MAX_NAME_WORDS = 12
MAX_DATE_CHARS = 48
MAX_DATE_RESIDUE = 12  # "更新", "阅读10544次", "Updated": what may stand beside a bare date

# Labels per field, lower-case. Order inside a field does not matter: the regex tries
# longer labels first. Sources: the conventions of news and blog sites in each language.
LABELS: dict[str, tuple[str, ...]] = {
    "source": (
        "source", "sources", "origin", "via", "originally published by",  # en ("Credit:" is a picture's)
        "来源", "來源", "稿源", "出处", "出處", "来自", "來自", "转载自", "轉載自", "转自", "文章来源", "新闻来源", "消息来源",  # zh
        "出典", "出所", "引用元", "配信元",  # ja
        "출처", "자료",  # ko
        "источник",  # ru
        "quelle", "quellen",  # de
        "provenance",  # fr (Source is shared with en)
        "fuente", "procedencia",  # es
        "fonte",  # pt, it
        "sumber",  # id
        "المصدر", "مصدر",  # ar
        "kaynak",  # tr
        "nguồn", "theo",  # vi
    ),
    "site_name": (
        "publisher", "published by", "site", "website",
        "出版者", "发布者", "發布者", "发布单位", "发布机构", "主办",
        "発行元", "発行者", "運営者",
        "발행처", "발행인",
        "издатель", "издание",
        "herausgeber", "verlag",
        "éditeur", "editeur",
        "editorial", "medio",
        "editora", "publicado por",
        "editore",
        "penerbit",
        "الناشر",
        "yayıncı",
        "nhà xuất bản",
    ),
    "category": (
        "category", "categories", "section", "filed under", "posted in", "published in", "topic", "topics",
        "分类", "分類", "栏目", "欄目", "频道", "頻道", "类别", "類別", "板块", "版块", "所属分类",
        "カテゴリー", "カテゴリ", "ジャンル",
        "카테고리", "분류", "섹션",
        "рубрика", "категория", "раздел",
        "kategorie", "rubrik", "ressort",
        "catégorie", "rubrique", "thème",
        "categoría", "sección", "tema",
        "categoria", "seção", "secção", "editoria",
        "sezione", "rubrica",
        "kategori", "rubrik", "kanal",
        "التصنيف", "القسم", "الفئة",
        "bölüm",
        "danh mục", "chuyên mục", "chuyên trang",
    ),
    "published": (
        "published", "published on", "posted", "posted on", "date", "dated", "pubdate", "publication date",
        "发布时间", "發布時間", "发布日期", "發布日期", "發佈日期", "发表时间", "發表時間", "发表日期", "发表于", "發表於",
        "发布于", "發佈於", "时间", "時間", "日期", "成文日期", "发稿时间", "发布",
        "公開日", "公開日時", "投稿日", "投稿日時", "掲載日", "配信日", "配信日時", "日付", "公開",
        "입력", "등록", "등록일", "작성일", "게시일", "발행일", "기사입력",
        "опубликовано", "дата публикации", "дата", "опубликован",
        "veröffentlicht", "veröffentlicht am", "datum", "erschienen", "erschienen am", "stand",
        "publié le", "publié", "date de publication", "mis en ligne le", "mis en ligne",
        "publicado", "publicado el", "publicado em", "fecha", "fecha de publicación", "data de publicação",
        "pubblicato", "pubblicato il", "data di pubblicazione", "data",
        "diterbitkan", "dipublikasikan", "tanggal", "terbit",
        "تاريخ", "تاريخ النشر", "نشر في", "نشر بتاريخ",
        "yayınlanma", "yayın tarihi", "yayınlanma tarihi", "tarih",
        "ngày đăng", "ngày", "đăng lúc", "đăng ngày", "thời gian",
    ),
    "updated": (
        "updated", "updated on", "last updated", "modified", "last modified",
        "更新时间", "更新時間", "更新日期", "更新于", "更新於", "最后更新", "最後更新", "修改时间",
        "更新日", "更新日時", "最終更新",
        "수정", "수정일", "업데이트", "최종수정",
        "обновлено", "обновлён", "дата обновления",
        "aktualisiert", "aktualisiert am", "zuletzt aktualisiert",
        "mis à jour", "mis à jour le", "modifié le",
        "actualizado", "actualizado el", "última actualización",
        "atualizado", "atualizado em", "última atualização",
        "aggiornato", "aggiornato il", "ultimo aggiornamento",
        "diperbarui", "pembaruan",
        "آخر تحديث", "تحديث", "تم التحديث",
        "güncellenme", "güncelleme", "son güncelleme", "güncellenme tarihi",
        "cập nhật", "cập nhật lúc",
    ),
    "byline": (
        "author", "authors", "by", "written by", "posted by", "reporter", "reporting by", "words",
        "作者", "记者", "記者", "撰文", "发文机关", "文字", "本文作者", "执笔", "發文者", "发帖人", "楼主", "原作者",
        "著者", "筆者", "執筆", "執筆者", "投稿者", "文",
        "기자", "글", "작성자", "필자", "글쓴이",
        "автор", "авторы", "корреспондент", "текст",
        "von", "autor", "autorin", "autoren", "text",
        "par", "auteur", "auteurs",
        "por", "autores", "redacción",
        "autore", "autrice", "di",
        "oleh", "penulis", "wartawan", "reporter",
        "كتبه", "الكاتب", "بقلم", "كتب",
        "yazar", "muhabir", "yazan",
        "tác giả", "phóng viên", "bài", "người viết",
    ),
    "editor": (  # read as the byline only when no author is named
        "editor", "edited by", "责任编辑", "責任編輯", "编辑", "編輯", "责编", "責編", "编者", "主编",
        "編集", "편집", "редактор", "redakteur", "redaktion", "rédacteur",
        "redaktur", "المحرر", "editör", "biên tập",
    ),
    "tags": (
        "tags", "tag", "tagged", "tagged with", "keywords", "labels",
        "标签", "標籤", "标 签", "关键词", "關鍵詞", "关键字", "關鍵字", "tag标签",
        "タグ", "キーワード", "관련 태그", "태그", "키워드",
        "теги", "метки", "ключевые слова", "тэги",
        "schlagwörter", "schlagworte", "stichwörter", "stichworte", "themen",
        "mots-clés", "mots clés", "étiquettes",
        "etiquetas", "palabras clave",
        "palavras-chave", "etiquetas",
        "parole chiave", "etichette",
        "kata kunci", "label",
        "الكلمات المفتاحية", "وسوم", "الوسوم",
        "etiketler", "anahtar kelimeler",
        "từ khóa", "thẻ", "từ khoá",
    ),
}
FIELDS = ("source", "site_name", "category", "published", "updated", "byline", "tags")

# Labels that also open a line without a colon ("Filed under Opinion", "发表于 2021-03-04",
# "By Jane Roe"): prefix phrases whose words mean nothing else at the start of a line.
PREFIX_LABELS = {
    "filed under": "category", "posted in": "category", "published in": "category",
    "published on": "published", "posted on": "published", "published": "published", "posted": "published",
    "updated": "updated", "last updated": "updated", "updated on": "updated",
    "发表于": "published", "發表於": "published", "发布于": "published", "發佈於": "published",
    "更新于": "updated", "更新於": "updated", "publié le": "published", "mis à jour le": "updated",
    "veröffentlicht am": "published", "aktualisiert am": "updated", "publicado el": "published",
    "publicado em": "published", "pubblicato il": "published", "aggiornato il": "updated",
    "cập nhật lúc": "updated", "đăng lúc": "published", "yayınlanma": "published", "güncellenme": "updated",
    "diterbitkan": "published", "diperbarui": "updated", "опубликовано": "published", "обновлено": "updated",
    "atualizado em": "updated", "actualizado el": "updated", "mis en ligne le": "published",
    "aktualisiert": "updated", "mis à jour": "updated", "actualizado": "updated", "atualizado": "updated",
}
# Byline words before a name, in the languages where a byline reads "<word> <Name>".
BYLINE_WORDS = ("by", "von", "par", "por", "oleh", "di", "door", "av", "автор", "yazan", "bởi", "بقلم", "كتب")

# A full-width space separates fields the way two spaces do.
_FULL_WIDTH = str.maketrans({"：": ":", "\u3000": "  ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
                             "｜": "|", "／": "/", "（": "(", "）": ")", "［": "[", "］": "]"})
# Parts of a line: tabs, pipes, bullets, spaced dashes, two or more spaces, "】【" runs.
_PART_SEPARATOR = re.compile(r"\t+|\s*[|•·∙◆■□▪●]\s*|\s+[-–—/]\s+|\s{2,}|\s*[\]】]\s*[\[【]\s*")
_EDGE_PUNCT = " \t,;，；、|•·-–—_=*#>»«<()[]{}【】〖〗「」『』《》\ufffd"
_URLISH = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", re.I)  # "BUSINESS.SOHU.COM" beside a date
# Counters and buttons that follow a name on the same line ("zboygirl 阅读(1660) 评论(5)").
_NAME_NOISE = re.compile(r"\s+(?:阅读|閱讀|评论|評論|点击|點擊|浏览|瀏覽|views?|comments?|reads?|follow|email|e-mail)\b.*$", re.I)
# Widgets that say "by" too: "Promoted links by Taboola".
_WIDGET_NAMES = re.compile(r"\b(?:taboola|outbrain|revcontent|zergnet|disqus|google|wordpress|addthis)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?。！？]\s*$")
_BYLINE_NAME = re.compile(
    r"[A-ZÀ-ÞĀ-ſА-ЯЁ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÞĀ-ſА-ЯЁ][\w'’.-]*|de|da|do|dos|van|von|der|den|la|le|du|del|bin|al|y|e))*"
)
_UPDATE_WORDS = ("更新", "updated", "aktualisiert", "actualizado", "atualizado", "mis à jour", "обновлено", "수정")
# Chinese reporter credits without a colon: "本报记者 王丽 李强", "新华社记者 王丽", "（记者 王丽）".
_CJK_REPORTER = re.compile(
    r"^(?:[\u4e00-\u9fff·\s]{0,14}?)(?:记者|記者|通讯员|通訊員)\s*(?P<name>[\u4e00-\u9fff]{2,4}(?:[\s、，,]+[\u4e00-\u9fff]{2,4}){0,4}?)"
    r"(?:\s*[\u4e00-\u9fff]{0,6}(?:报道|報道|摄|攝|发自|電|电)|\s*/\s*[文图圖摄攝].{0,12})?$"
)
_CJK_NAMES = r"[\u4e00-\u9fff]{2,4}(?:[ 、，,]+[\u4e00-\u9fff]{2,4}){0,4}?"
# Credits inside the text, in Chinese news style: "新华社拉萨电（记者 王丽）" opening the lede,
# "（记者 王丽）" or "（王丽 上海报道）" closing the last paragraph.
_OPENING_CREDIT = re.compile(r"^.{0,24}?[（(]\s*(?:记者|記者)\s*(?P<name>" + _CJK_NAMES + r")\s*[）)]")
_CLOSING_CREDIT = re.compile(
    r"[（(]\s*(?:[\u4e00-\u9fff]{0,6}(?:记者|記者|通讯员|通訊員))?\s*(?P<name>" + _CJK_NAMES
    + r")\s*(?:[\u4e00-\u9fff]{0,6}(?:报道|報道))?\s*[）)]\s*$"
)
_NOT_NAMES = frozenset({"附图", "完", "待续", "未完待续", "全文完", "组图", "图", "续", "上", "下", "中", "图文", "原标题", "视频"})
_CJK_WRITTEN = re.compile(r"^文\s*/\s*(?P<name>\S.{0,30})$")  # "文/王丽"


_COLON = re.compile(r"\s*:\s*")
_LABEL_FIELD = {label: name for name, labels in LABELS.items() for label in labels}
# A word that is a label in several languages and lists reads as the editor's, or as the
# author's when it names one ("Text:" is German for the writer, not a section).
_LABEL_FIELD.update({label: "editor" for label in LABELS["editor"]})
for _label in LABELS["byline"]:
    _LABEL_FIELD[_label] = "byline"
# Labels are found from the colons back: a line has few colons, and a set look-up per
# label length is much cheaper than a regex alternation of some 400 labels at every position.
_LABEL_LENGTHS = sorted({len(label) for label in _LABEL_FIELD}, reverse=True)
_PREFIX = re.compile(
    r"^(?P<label>" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(PREFIX_LABELS, key=len, reverse=True))
    + r")(?:\s+|(?=\d))",
    re.I,
)
_BYLINE_WORD = re.compile(r"^(?P<word>" + "|".join(BYLINE_WORDS) + r")\s+", re.I)
# Short labels that are common words: glued to a previous value they are not labels.
_NEEDS_BOUNDARY = frozenset({"by", "di", "von", "par", "por", "via", "site", "data", "date", "text", "tag", "tema",
                             "ngày", "bài", "theo", "tarih", "stand", "words", "label", "kanal", "medio"})


@dataclass
class Metadata:
    """Fields read from metadata lines; empty means absent."""

    source: str = ""
    site_name: str = ""
    category: str = ""
    published: str = ""  # ISO 8601 where it could be read, else as declared
    updated: str = ""
    byline: str = ""
    byline_outlet: str = ""  # "Reuters" in "By Jane Roe | Reuters"
    editor: str = ""
    tags: list[str] = field(default_factory=list)
    labelled: bool = False  # read from a label or byline word, not only from a bare date

    def set(self, name: str, value: str | list[str]) -> None:
        if value and not getattr(self, name):
            setattr(self, name, value)

    def merge(self, other: "Metadata") -> None:
        """Fill this record's empty fields from ``other``."""
        for name in ("source", "site_name", "category", "published", "updated", "byline", "byline_outlet",
                     "editor", "tags"):
            value = getattr(other, name)
            self.set(name, list(value) if name == "tags" else value)

    @property
    def credited_byline(self) -> str:
        """The byline as pages show it: the author, then the outlet ("Jane Roe, Reuters");
        an editor stands in when no author is named."""
        name = self.byline or self.editor
        if name and self.byline_outlet and self.byline:
            return f"{name}, {self.byline_outlet}"
        return name

    def as_dict(self) -> dict[str, object]:
        """The non-empty fields (the editor folded into ``byline`` when no author is named)."""
        found = {name: getattr(self, name) for name in ("source", "site_name", "category", "published", "updated",
                                                        "byline", "byline_outlet", "tags") if getattr(self, name)}
        if not self.byline and self.editor:
            found["byline"] = self.editor
        return found


def _clean_value(value: str) -> str:
    value = " ".join(value.split()).strip(_EDGE_PUNCT + ":")
    if value.count("(") > value.count(")"):  # "Jane Roe (with Max Muster)" keeps its closing bracket
        value += ")"
    return value


def _is_name(value: str) -> bool:
    """A short name, not a sentence: "Polarmoon Wealth Society", "新华网", "Jane Roe"."""
    if not value or len(value) > MAX_NAME_CHARS or any(ch in value for ch in '=<>"{}'):
        return False
    words = value.split()
    if len(words) > MAX_NAME_WORDS:
        return False
    return not (len(words) > 5 and _SENTENCE_END.search(value))


def _date_value(value: str) -> str:
    """A declared date from a labelled value: normalised, or the value itself when it is
    short and has a digit ("3 hours ago" stays as declared); "" when it is no date."""
    value = _clean_value(value)
    date = find_date(value)
    if date is not None:
        return date[0]
    if len(value) > MAX_DATE_CHARS:
        return ""
    return value if any(ch.isdigit() for ch in value) else ""


def _tags(value: str) -> list[str]:
    parts = re.split(r"\s*[,，、;；#]\s*|\s{2,}|\s+/\s+", value)
    return [part for part in (_clean_value(p) for p in parts) if part and len(part) <= MAX_NAME_CHARS][:20]


_OUTLET = re.compile(r"[\w&'’. -]{2,60}")


def _is_outlet(text: str) -> bool:
    """A publication's name after a byline: capitalised words ("The Guardian"), or a short
    lower-case agency mark ("dpa", "afp")."""
    if not text or not _OUTLET.fullmatch(text) or re.search(r"\b(?:and|und|et|y)\b", text):
        return False
    return bool(_BYLINE_NAME.fullmatch(text)) or (len(text) <= 4 and text.isalpha())


# Job titles after a byline's comma are no outlet: "Jane Roe, Senior Editor".
_ROLE_WORDS = re.compile(
    r"(?i)\b(?:editor|writer|reporter|correspondent|staff|contributor|columnist|producer|intern|desk|team"
    r"|redakteur(?:in)?|redaktion|autor(?:in)?|korrespondent(?:in)?|mitarbeiter(?:in)?|journalist(?:in)?|volontär(?:in)?"
    r"|rédact(?:eur|rice)|journaliste|envoyée? spéciale?|periodista|redactor(?:a)?|corresponsal|jornalista|wartawan)\b")


# Words that make a name a publication's, not a second author's: "Jane Roe, Diario Libre".
_NEWS_WORDS = re.compile(
    r"(?i)\b(?:news|times|post|herald|press|presse|daily|journal|gazette|gazeta|tribune|courier|kurier|chronicle"
    r"|magazine?|zeitung|zeitschrift|nachrichten|rundschau|anzeiger|blatt|diario|noticias|periódico|nouvelles"
    r"|radio|tv|online|media|medien|verlag|wire|agency|agentur|agencia|agence)\b")


_DEGREES = frozenset({"MBA", "PHD", "MSC", "BSC", "DDS", "LLM", "CPA", "MPH", "DVM", "RDN"})


def byline_outlet(byline: str) -> str:
    """The outlet a byline names after its author ("Reuters" in "Jane Roe, Reuters"), "" when the
    part after the separator may be something else: a job title, or a second author (a name of
    several words counts as an outlet only with a news word in it: "Diario Libre", not "Anna Roe";
    one word only in an agency's capitals: "EFE", not "Jane" or "PhD")."""
    _, outlet = _byline_and_outlet(byline)
    if not outlet or _ROLE_WORDS.search(outlet):
        return ""
    if _NEWS_WORDS.search(outlet):
        return outlet
    # one word: an agency's capitals ("EFE", "WDR"), not a given name ("Roe, Jane") or a degree ("MBA")
    single = outlet.split()[0] if len(outlet.split()) == 1 else ""
    return single if len(single) >= 3 and single.isupper() and single not in _DEGREES else ""


def _byline_and_outlet(value: str) -> tuple[str, str]:
    """("Jane Roe", "Reuters") from "Jane Roe, Reuters" or "Jane Roe | Reuters"; the outlet
    only when the part after the separator is a capitalised name too."""
    for separator in (",", " | ", " - ", " – ", " — ", "/"):
        if separator in value:
            name, _, rest = value.partition(separator)
            rest = _clean_value(rest)
            if name.strip() and _is_outlet(rest):
                return _clean_value(name), rest
    return _clean_value(value), ""


def _assign(found: Metadata, name: str, raw: str) -> bool:
    """Store one labelled value; False when the value does not fit the field."""
    if name in ("published", "updated"):
        value = _date_value(raw)
        if not value:
            return False
        found.set(name, value)
        return True
    value = _clean_value(raw)
    if name != "tags" and (date := find_date(value)) is not None and (date[1] == 0 or date[2] == len(value)):
        found.set("published", date[0])  # "作者：王丽 2021年3月4日": the date is a field of its own
        value = _clean_value(value[: date[1]] + value[date[2]:])
        if name == "byline" and value.isascii() and len(value.split()) == 1:
            return True  # "Donnerstag, 4. November 2021": a weekday beside the date, no name
    if name == "tags":
        tags = _tags(value)
        found.set("tags", tags)
        return bool(tags)
    if name in ("byline", "editor"):
        value = _NAME_NOISE.sub("", value)
    if not _is_name(value):
        return False
    if name == "byline":
        author, outlet = _byline_and_outlet(value)
        if not found.byline:
            found.byline, found.byline_outlet = author, outlet
        return True
    found.set(name, value)
    return True


def _read_unlabelled(text: str, found: Metadata) -> str:
    """Read a date and a byline from unlabelled text; returns what is left unread."""
    text = _clean_value(text)
    if not text:
        return ""
    prefix = _PREFIX.match(text)
    if prefix:
        rest = text[prefix.end():]
        name = PREFIX_LABELS[" ".join(prefix["label"].lower().split())]
        if _assign(found, name, rest):
            return ""
    date = find_date(text)
    if date is not None:
        iso, start, end = date
        residue = _clean_value(_URLISH.sub("", text[:start] + " " + text[end:]))
        if len(residue) <= MAX_DATE_RESIDUE and not _SENTENCE_END.search(residue) and not _BYLINE_WORD.match(residue):
            # "2005-04-27 14:32更新": a bare date marked as an update is still the page's only date.
            if any(w in residue.lower() for w in _UPDATE_WORDS):
                found.set("updated", iso)
            found.set("published", iso)
            return ""
        if start == 0 or end == len(text):  # "2024-02-01 By Tam Ruiz", "By Nora Vell April 13, 2023"
            found.set("published", iso)
            text = _clean_value(text[:start] + text[end:])
    byline = _BYLINE_WORD.match(text)
    if byline:
        rest = _NAME_NOISE.sub("", text[byline.end():])
        name = _BYLINE_NAME.match(rest)
        if (name and len(rest) <= MAX_NAME_CHARS and not (_SENTENCE_END.search(rest) and len(rest.split()) > 5)
                and not _WIDGET_NAMES.search(rest)):
            tail = _clean_value(rest[name.end():])
            if tail and len(tail.split()) > 1 and _SENTENCE_END.search(tail):
                return text  # "By Monday, the river rose." and the like: a sentence, not a byline
            author, outlet = _byline_and_outlet(rest) if tail else (_clean_value(rest), "")
            if not found.byline:
                found.byline, found.byline_outlet = (author if outlet else _clean_value(rest)), outlet
            return ""
    reporter = _CJK_REPORTER.match(text) or _CJK_WRITTEN.match(text)
    if reporter:
        found.set("byline", " ".join(re.split(r"[\s、，,]+", reporter["name"].strip())))
        return ""
    return text


def credit_in_text(paragraph: str, opening: bool) -> str:
    """A reporter credited inside the first (``opening``) or last paragraph, Chinese news style, or ""."""
    match = (_OPENING_CREDIT.match if opening else _CLOSING_CREDIT.search)(paragraph[:80] if opening else paragraph[-60:])
    if match is None or match["name"] in _NOT_NAMES:
        return ""
    return " ".join(re.split(r"[ 、，,]+", match["name"].strip()))


def _label_before(text: str, colon: int) -> str:
    """The longest known label that ends right before ``colon`` in ``text``, or ""."""
    head = text[max(0, colon - _LABEL_LENGTHS[0]): colon].lower()
    for length in _LABEL_LENGTHS:
        if length <= len(head) and head[-length:] in _LABEL_FIELD:
            label = head[-length:]
            start = colon - length
            # No word boundary is needed before a label (tag stripping glues it to the previous
            # value: "Societycategory:"), except for short common words: "Nearby:" is no "by:".
            if label in _NEEDS_BOUNDARY and start > 0 and text[start - 1].isalnum():
                continue
            return label
    return ""


def _labels_in(part: str) -> list[tuple[int, int, str]]:
    """(start, end of the label and its colon, label) of each label in ``part``."""
    labels = []
    if ":" not in part:  # most parts: the regex would try every position
        return labels
    for colon in _COLON.finditer(part):
        label = _label_before(part, colon.start())
        if label:
            labels.append((colon.start() - len(label), colon.end(), label))
    return labels


def _read_part(part: str, found: Metadata) -> tuple[int, int, int]:
    """Read one part; returns (labels read, characters left unread, of which before the first label)."""
    labels = _labels_in(part)
    lead = part[: labels[0][0]] if labels else part
    unread = lead_unread = len(_read_unlabelled(lead, found)) if lead.strip() else 0
    read = 0
    for index, (_, label_end, label) in enumerate(labels):
        end = labels[index + 1][0] if index + 1 < len(labels) else len(part)
        name = _LABEL_FIELD[label]
        value = part[label_end:end]
        if not value.strip():
            read += 1  # "来源：" with its value in the next element: still a label
            continue
        if _assign(found, name, value):
            read += 1
        else:
            unread += len(value)
    return read, unread, lead_unread


def _split_parts(text: str) -> list[str]:
    return [part for part in _PART_SEPARATOR.split(text) if part and part.strip()]


@lru_cache(maxsize=4096)
def _parse(line: str) -> Metadata | None:
    if len(line) > MAX_LINE_CHARS + 20 or not _could_be_metadata(line):  # + edge brackets and spaces
        return None
    text = line.translate(_FULL_WIDTH).strip().strip(_EDGE_PUNCT)
    if not text or len(text) > MAX_LINE_CHARS:
        return None
    found = Metadata()
    labels = unread = 0
    first_is_label = False
    byline_part = -1
    for index, part in enumerate(_split_parts(text)):
        before = (found.as_dict(), labels)
        if index and found.byline and not found.byline_outlet and byline_part == index - 1 and _is_outlet(
                _clean_value(part)):
            found.byline_outlet = _clean_value(part)  # "By Jane Roe | Reuters"
            labels += 1
            continue
        read, left, lead_left = _read_part(part, found)
        if found.byline and not before[0].get("byline"):
            byline_part = index
        if index == 0:  # the line opens with a label or a read value, not with prose ("… © Quelle: X")
            first_is_label = (read > 0 and lead_left == 0) or (left == 0 and found.as_dict() != before[0])
        labels += read
        unread += left
    if not found.as_dict() and not labels:
        return None
    found.labelled = labels > 0 or bool(found.byline or found.editor)
    # Metadata when most of the line was read: unread text is allowed beside labels
    # (view counts, share buttons), not instead of them.
    if labels >= 2 or first_is_label:
        return found if unread <= max(40, len(text) // 2) else None
    return found if unread <= MAX_DATE_RESIDUE else None


_YEAR_HINT = re.compile(r"(?<!\d)(?:1[89]|20|21)\d{2}(?!\d)")
_OPENING_WORD = re.compile(
    r"\W{0,3}(?:" + "|".join(sorted({*BYLINE_WORDS, *(p.split()[0] for p in PREFIX_LABELS)}, key=len, reverse=True))
    + r")(?:\s|\d)",
    re.I,
)
_WRITTEN_BY = re.compile(r"文\s*/")


def _could_be_metadata(text: str) -> bool:
    """Every metadata form has a colon, a year, a byline or prefix word at its start, or a
    reporter credit: most body lines are turned away before the other regexes run.
    Substring tests first: one regex alternating all of these cost twice as much."""
    return (":" in text or "：" in text or "记者" in text or "記者" in text or "通讯员" in text
            or ("文" in text and _WRITTEN_BY.search(text) is not None)
            or _has_year(text) or _OPENING_WORD.match(text) is not None)


def _has_year(text: str) -> bool:
    # The regex tries every position; a year's first two digits are four substring tests.
    return ("20" in text or "19" in text or "21" in text or "18" in text) and _YEAR_HINT.search(text) is not None


def parse_metadata_line(line: str) -> Metadata | None:
    """The metadata a line declares, or None when it is not a metadata line."""
    if len(line) > MAX_LINE_CHARS + 20:  # most body paragraphs: not worth a cache entry
        return None
    found = _parse(line)
    return None if found is None else _copy(found)


def _copy(found: Metadata) -> Metadata:
    return replace(found, tags=list(found.tags))  # parses are cached: callers get their own


def is_label_only(line: str) -> bool:
    """A line that is one label and its colon ("作者：", "Source:"): its value is on the next line."""
    if not line.rstrip().endswith((":", "：")):  # most lines, without translating them
        return False
    text = line.translate(_FULL_WIDTH).strip()
    if len(text) > 40 or not text.endswith(":"):
        return False
    colon = len(text.rstrip(": ")) 
    return _label_before(text, colon) != "" and _label_before(text, colon) == text[:colon].strip().lower()


def read_metadata_lines(lines: list[str], max_lines: int = 40, nearest_last: bool = False,
                        labelled_only: bool = False, lone_source: bool = True) -> tuple[Metadata, list[int]]:
    """Metadata of several lines, and the indexes of the lines that were metadata.

    A label alone on a line takes the next line as its value ("作者：" then "王丽").
    Earlier lines win, or later ones with ``nearest_last``; ``labelled_only`` skips
    lines that are only a bare date; without ``lone_source`` a source counts only on a
    line that declares something else too (above an article, "Source: X" alone is
    most often a picture's caption).
    """
    parsed: list[Metadata] = []
    used: list[int] = []
    index = 0
    lines = lines[-max_lines:] if nearest_last else lines[:max_lines]
    while index < len(lines):
        line = lines[index]
        step = 1
        found = None
        if index + 1 < len(lines) and is_label_only(line):
            found = _parse(line.strip() + " " + lines[index + 1].strip())
            step = 2 if found is not None else 1
        if found is None:
            found = _parse(line)
        if found is not None and not lone_source and found.source and len(found.as_dict()) == 1:
            found = None
        if found is not None and (found.labelled or not labelled_only):
            parsed.append(found)
            used.extend(range(index, index + step))
        index += step
    merged = Metadata()
    for found in reversed(parsed) if nearest_last else parsed:
        merged.merge(found)
    merged.labelled = any(found.labelled for found in parsed)
    return merged, used
