"""Metadata conventions: how a page states its date, author, category and source.

Labels per language ("Source:", "SOURCE -", "来源：", "Quelle:", "Fuente:", "Sumber:"),
their case, the separators between label and value, the joiners between fields
(tabs, pipes, dashes, bullets, nothing at all when tag stripping glued them) and
the date formats sites print.
"""
from __future__ import annotations

import random
from datetime import datetime

LABELS = {
    "en": {"source": ["Source", "Credit", "Via", "From"], "date": ["Published", "Posted", "Date", "Updated"],
           "author": ["By", "Author", "Written by"], "category": ["Category", "Section", "In"]},
    "de": {"source": ["Quelle"], "date": ["Veröffentlicht", "Datum", "Stand"], "author": ["Von", "Autor"],
           "category": ["Kategorie", "Rubrik", "Ressort"]},
    "es": {"source": ["Fuente"], "date": ["Publicado", "Fecha", "Actualizado"], "author": ["Por", "Autor"],
           "category": ["Categoría", "Sección"]},
    "fr": {"source": ["Source"], "date": ["Publié le", "Date", "Mis à jour"], "author": ["Par", "Auteur"],
           "category": ["Catégorie", "Rubrique"]},
    "id": {"source": ["Sumber"], "date": ["Diterbitkan", "Tanggal", "Diposting"], "author": ["Oleh", "Penulis", "Reporter"],
           "category": ["Kategori", "Rubrik"]},
    "zh": {"source": ["来源", "文章来源"], "date": ["发布时间", "时间", "发布日期"], "author": ["作者", "编辑", "责任编辑"],
           "category": ["栏目", "所属栏目", "分类"]},
}
POSTED_BY = {
    "en": "Posted by {author} on {date} in {category}", "de": "Veröffentlicht von {author} am {date} in {category}",
    "es": "Publicado por {author} el {date} en {category}", "fr": "Publié par {author} le {date} dans {category}",
    "id": "Diposting oleh {author} pada {date} di {category}", "zh": "{author} 发表于 {date} 分类：{category}",
}
FILED_UNDER = {"en": "Filed under {category}", "de": "Abgelegt unter {category}", "es": "Archivado en {category}",
               "fr": "Classé dans {category}", "id": "Diarsipkan di {category}", "zh": "归档于：{category}"}
LABEL_SEPARATORS = [": ", ":", " - ", " – ", "：", " "]
FIELD_JOINERS = ["\t", " | ", " - ", " • ", " · ", "  ", " / "]
# Navigation words a CMS puts in the category slot when the theme is misconfigured.
NAV_CATEGORIES = ["Contact", "Home", "Uncategorized", "News", "Latest", "Allgemein", "General", "Sin categoría",
                  "Non classé", "Berita", "未分类", "首页"]
CATEGORIES = {"en": ["World", "Politics", "Business", "Health", "Tech", "Lifestyle"],
              "de": ["Politik", "Wirtschaft", "Panorama", "Kultur", "Gesundheit"],
              "es": ["Internacional", "Política", "Economía", "Sociedad", "Cultura"],
              "fr": ["Monde", "Politique", "Économie", "Société", "Culture"],
              "id": ["Nasional", "Internasional", "Ekonomi", "Gaya Hidup", "Teknologi"],
              "zh": ["国际", "财经", "社会", "科技", "健康"]}

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"],
}
_ID_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def parse_iso(value: str) -> datetime | None:
    """A naive datetime from an ISO-ish string, or None."""
    value = (value or "").strip()
    for cut in (19, 16, 10):
        try:
            return datetime.fromisoformat(value[:cut].replace("T", " "))
        except ValueError:
            continue
    return None


def format_date(when: datetime, lang: str, rng: random.Random) -> str:
    """``when`` as a site in ``lang`` might print it."""
    m = when.month - 1
    choices = [when.strftime("%Y-%m-%d %H:%M:%S"), when.strftime("%Y-%m-%d"), when.strftime("%Y/%m/%d %H:%M")]
    if lang == "en":
        choices += [f"{_MONTHS['en'][m]} {when.day}, {when.year}", f"{_MONTHS['en'][m][:3]} {when.day}, {when.year} {when:%I:%M %p}"]
    elif lang == "de":
        choices += [f"{when:%d.%m.%Y}, {when:%H:%M} Uhr", f"{when.day}. {_MONTHS['de'][m]} {when.year}"]
    elif lang in ("es", "fr"):
        joiner = " de " if lang == "es" else " "
        choices += [f"{when.day}{joiner}{_MONTHS[lang][m]}{joiner}{when.year}", f"{when:%d/%m/%Y %H:%M}"]
    elif lang == "id":
        choices += [f"{_ID_DAYS[when.weekday()]}, {when.day} {_MONTHS['id'][m]} {when.year} {when:%H:%M} WIB"]
    elif lang == "zh":
        choices += [f"{when.year}年{when.month:02d}月{when.day:02d}日 {when:%H:%M}", f"{when.year}-{when.month:02d}-{when.day:02d} {when:%H:%M}"]
    return rng.choice(choices)


def labeled(kind: str, lang: str, rng: random.Random) -> str:
    """A field label in one of its spellings: "Source", "SOURCE", "source"."""
    label = rng.choice(LABELS[lang][kind])
    if lang != "zh":
        label = rng.choice([label, label, label.upper(), label.lower()])
    return label


def meta_line(fields: dict[str, str], lang: str, style: str, rng: random.Random) -> str:
    """One metadata line for the fields present (author, date, category, source, extra).

    Styles: "labeled" (Label: value joined by a joiner), "glued" (what tag stripping of a
    CMS meta bar leaves), "posted_by", "byline" ("By X | date"), "filed", "zh".
    """
    author, date, category, source = (fields.get(k, "") for k in ("author", "date", "category", "source"))
    extra = fields.get("extra", "")
    if style == "posted_by" and author and date and category:
        line = POSTED_BY[lang].format(author=author, date=date, category=category)
        return line + (rng.choice(FIELD_JOINERS) + labeled("source", lang, rng) + ": " + source if source else "")
    if style == "filed" and category:
        parts = [FILED_UNDER[lang].format(category=category)] + [v for v in (date, author and f"{labeled('author', lang, rng)} {author}") if v]
        if source:
            parts.append(f"{labeled('source', lang, rng)}: {source}")
        return rng.choice([" · ", " | ", " — "]).join(parts)
    if style == "byline":
        parts = [f"{LABELS[lang]['author'][0]} {author}" if author else "", date, source]
        return rng.choice([" | ", " — ", "  ", "\n"]).join(p for p in parts if p)
    if style == "zh":
        parts = [f"{k}：{v}" for k, v in (("发布时间", date), ("所属栏目", category), ("来源", source), ("作者", author)) if v]
        return "  ".join(parts + ([extra] if extra else []))
    sep = rng.choice(LABEL_SEPARATORS) if style == "labeled" else ":"
    parts = []
    for kind, value in (("date", date), ("author", author), ("source", source), ("category", category)):
        if not value:
            continue
        if kind == "date" and (style == "glued" or rng.random() < 0.4):
            parts.append(value)  # many themes print the bare date
        else:
            label = labeled(kind, lang, rng) if style == "labeled" else rng.choice(LABELS[lang][kind]).lower()
            parts.append(f"{label}{'：' if lang == 'zh' and style == 'glued' else sep}{value}")
    if extra:
        parts.append(extra)
    joiner = "" if style == "glued" else rng.choice(FIELD_JOINERS)
    return joiner.join(parts)
