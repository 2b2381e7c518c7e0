"""One self-contained HTML review report of scored pages: sites, pages, evidence in place, charts.

Everything is inline (CSS, JS, SVG charts, the data as JSON), so the file opens
from disk with no network. Every page gets a row (label, probabilities, signals);
the page text with its evidence is embedded only for the pages a reviewer opens
first: the top ``top_pages`` by p_scraped and every page of a ``farm`` site, at
most ``max_detailed`` pages and ``max_text_chars`` characters of text in all. The
report says how large it is and what it left out.
"""
from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ..model import CLASSES
from ..sites import RULE, VERDICTS, normalise_scores, site_of, site_table
from . import charts

TOP_PAGES = 500
MAX_DETAILED = 3000
MAX_TEXT_CHARS = 12_000_000
PAGE_TEXT_CHARS = 20_000  # one page's text beyond this is cut (and said so)
PARAGRAPH_JOIN = "\n\n"  # how ``Page.body`` joins paragraphs, which ``text`` holds


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def evidence_spans(evidence: str, title: str, text: str) -> tuple[list, list, list]:
    """Where each piece of evidence sits: (spans in the title, spans in the text, evidence elsewhere),
    spans as [start, end, signal, reason]. Paragraph offsets are moved to the joined text; evidence
    in other fields (source, blocks, dates) is listed as quoted."""
    try:
        items = json.loads(evidence) if evidence else []
    except ValueError:
        items = []
    starts, position = [], 0
    for paragraph in text.split(PARAGRAPH_JOIN):
        starts.append(position)
        position += len(paragraph) + len(PARAGRAPH_JOIN)
    in_title, in_text, elsewhere = [], [], []
    for item in items:
        field, start, end = item.get("field", ""), int(item.get("start", 0)), int(item.get("end", 0))
        quote, span = item.get("text", ""), None
        if field == "title" and title[start:end] == quote:
            in_title.append([start, end, item["signal"], item.get("reason", "")])
            continue
        if field.startswith("paragraphs[") and field.endswith("]"):
            index = int(field[len("paragraphs["):-1])
            if index < len(starts) and text[starts[index] + start:starts[index] + end] == quote:
                span = [starts[index] + start, starts[index] + end]
        if span is None and field.startswith("paragraphs") and quote and text.find(quote) >= 0:
            found = text.find(quote)  # offsets that no longer line up: the first place the quote occurs
            span = [found, found + len(quote)]
        if span is not None:
            in_text.append([*span, item["signal"], item.get("reason", "")])
        else:
            elsewhere.append([field, quote, item.get("signal", ""), item.get("reason", "")])
    return in_title, in_text, elsewhere


def _gold_labels(scores: pd.DataFrame, gold: dict | None) -> pd.Series | None:
    if gold:
        return scores["id"].map(gold).fillna("")
    if "gold" in scores:
        return scores["gold"].fillna("").astype(str)
    return None


def _charts(scores: pd.DataFrame, gold: pd.Series | None) -> list[str]:
    ok = scores[scores["label"].isin(CLASSES)]
    out = [charts.bar_chart("Label mix", [(c, int((ok["label"] == c).sum()), charts.COLOURS[c]) for c in CLASSES]),
           charts.histogram("p_scraped", np.histogram(ok["p_scraped"].dropna(), bins=20, range=(0, 1))[0].tolist(),
                            "p_scraped")]
    fired = ok["signals"].str.split()
    counts = fired.explode().value_counts()
    names = counts.index[:12].tolist()
    series = {}
    for label in CLASSES:
        pages = fired[ok["label"] == label]
        series[label] = [float(pages.map(lambda s, n=name: n in s).mean()) if len(pages) else 0.0 for name in names]
    if names:
        out.append(charts.grouped_rates("Signals by label (share of pages where each fires)", names, series))
    if gold is not None:
        out += _gold_charts(ok, gold.loc[ok.index])
    return out


def _gold_charts(ok: pd.DataFrame, gold: pd.Series) -> list[str]:
    """Reliability and ROC of p_scraped against the gold labels (scraped vs the rest)."""
    known = gold.isin(CLASSES)
    if known.sum() < 2:
        return []
    truth = (gold[known] == "scraped").to_numpy()
    p = ok.loc[known, "p_scraped"].to_numpy()
    bins = np.minimum((p * 10).astype(int), 9)
    reliability = [(float(p[bins == b].mean()), float(truth[bins == b].mean())) for b in range(10) if (bins == b).any()]
    out = [charts.line_chart("Reliability: p_scraped vs observed", {"scraped": reliability},
                             "mean p_scraped in bin", "share gold scraped")]
    if 0 < truth.sum() < len(truth):
        from sklearn.metrics import roc_auc_score, roc_curve

        fpr, tpr, _ = roc_curve(truth, p)
        keep = np.unique(np.linspace(0, len(fpr) - 1, min(len(fpr), 200)).astype(int))
        auc = roc_auc_score(truth, p)
        out.append(charts.line_chart(f"ROC, scraped vs rest (AUC {auc:.3f})",
                                     {"p_scraped": list(zip(fpr[keep].tolist(), tpr[keep].tolist()))},
                                     "false positive rate", "true positive rate"))
    return out


def _detailed_rows(scores: pd.DataFrame, sites: pd.DataFrame, top_pages: int, max_detailed: int,
                   max_text_chars: int) -> tuple[list[int], dict]:
    """The rows whose text is embedded, in the order they were chosen, and what was left out."""
    farm_sites = set(sites.loc[sites["verdict"] == "farm", "site"])
    by_p = scores["p_scraped"].fillna(-1).sort_values(ascending=False, kind="stable").index
    wanted = list(dict.fromkeys([*by_p[:top_pages], *by_p[scores.loc[by_p, "site"].isin(farm_sites).to_numpy()]]))
    chosen, used = [], 0
    for row in wanted:
        if len(chosen) >= max_detailed:
            break
        size = min(len(scores.at[row, "text"]), PAGE_TEXT_CHARS) + len(scores.at[row, "title"])
        if used + size > max_text_chars:
            continue
        chosen.append(row)
        used += size
    left = {"pages_with_text": len(chosen), "pages_wanted": len(wanted), "text_chars": used,
            "pages_without_text": int(len(scores) - len(chosen)),
            "wanted_but_left_out": len(wanted) - len(chosen)}
    return chosen, left


def report_data(scores: pd.DataFrame, inputs=(), gold: dict | None = None, top_pages: int = TOP_PAGES,
                max_detailed: int = MAX_DETAILED, max_text_chars: int = MAX_TEXT_CHARS) -> tuple[dict, list[str]]:
    """(the JSON data the page's script reads, the SVG charts)."""
    scores = normalise_scores(scores).reset_index(drop=True)
    for column in ("evidence", "title", "text"):
        if column not in scores:
            scores[column] = ""
    scores["site"] = [site_of(u, i) for u, i in zip(scores["url"], scores["id"])]
    sites = site_table(scores)
    gold_labels = _gold_labels(scores, gold)
    site_index = {s: i for i, s in enumerate(sites["site"])}
    signal_names = sorted({n for s in scores["signals"] for n in s.split()})
    signal_index = {n: i for i, n in enumerate(signal_names)}
    labels = [*CLASSES, ""]
    rounded = lambda column: [None if v != v else round(float(v), 3) for v in scores[column]]  # noqa: E731
    pages = {
        "name": [(u or i)[:300] for u, i in zip(scores["url"], scores["id"])],
        "site": scores["site"].map(site_index).tolist(),
        "label": scores["label"].map(lambda v: labels.index(v) if v in labels else 3).tolist(),
        "p_original": rounded("p_original"), "p_syndicated": rounded("p_syndicated"),
        "p_scraped": rounded("p_scraped"),
        "signals": [[signal_index[n] for n in s.split()] for s in scores["signals"]],
        "error": scores["error"].str.slice(0, 200).tolist(),
    }
    if gold_labels is not None:
        pages["gold"] = gold_labels.tolist()
    chosen, left = _detailed_rows(scores, sites, top_pages, max_detailed, max_text_chars)
    details = {}
    for row in chosen:
        title, text = scores.at[row, "title"], scores.at[row, "text"]
        in_title, in_text, elsewhere = evidence_spans(scores.at[row, "evidence"], title, text)
        cut = len(text) > PAGE_TEXT_CHARS
        if cut:
            text = text[:PAGE_TEXT_CHARS]
            in_text = [s for s in in_text if s[1] <= PAGE_TEXT_CHARS]
        details[str(row)] = {"title": title, "text": text, "title_marks": in_title, "marks": in_text,
                             "other": elsewhere, "cut": cut}
    table_columns = ["site", "verdict", "pages", "pages_scored", "share_original", "share_syndicated",
                     "share_scraped", "share_scraped_low", "share_scraped_high", "mean_p_scraped", "top_signals",
                     "network", "network_size", "network_shares"]
    if "copied_from" in sites:
        table_columns.append("copied_from")
    site_data = {c: [None if isinstance(v, float) and v != v else v for v in sites[c].tolist()] for c in table_columns}
    from .. import __version__

    meta = {"tool": f"detector {__version__}", "made": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "inputs": [str(p) for p in inputs], "pages": len(scores), "sites": len(sites), "rule": RULE,
            "verdicts": list(VERDICTS), "labels": list(CLASSES), "signals": signal_names,
            "has_evidence": bool(scores["evidence"].astype(bool).any()), "left_out": left,
            "limits": {"top_pages": top_pages, "max_detailed": max_detailed, "max_text_chars": max_text_chars,
                       "page_text_chars": PAGE_TEXT_CHARS}}
    return {"meta": meta, "sites": site_data, "pages": pages, "details": details}, _charts(scores, gold_labels)


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no "</" can close it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace(
        "\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(data: dict, chart_svgs: list[str]) -> str:
    html = _asset("template.html")
    html = html.replace("/*STYLE*/", _asset("report.css")).replace("/*SCRIPT*/", _asset("report.js"))
    html = html.replace("<!--CHARTS-->", "\n".join(f'<figure>{svg}</figure>' for svg in chart_svgs))
    html = html.replace("{{DATA}}", _script_json(data))
    size = len(html.encode("utf-8"))
    return html.replace("{{SIZE}}", f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} KB", 1)


def write_report(scores: pd.DataFrame, output: str | Path, inputs=(), gold: dict | None = None, **limits) -> dict:
    """Write the report to ``output``; returns facts about it (bytes, pages, seconds)."""
    started = time.perf_counter()
    data, chart_svgs = report_data(scores, inputs, gold, **limits)
    html = render(data, chart_svgs)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    return {"bytes": output.stat().st_size, "pages": data["meta"]["pages"], "sites": data["meta"]["sites"],
            "pages_with_text": data["meta"]["left_out"]["pages_with_text"],
            "seconds": round(time.perf_counter() - started, 2)}


def read_gold(path: str | Path) -> dict:
    """A gold label file: CSV with columns id and label (or gold), or a JSON object id -> label."""
    path = Path(path)
    if path.suffix == ".json":
        return {str(k): str(v) for k, v in json.loads(path.read_text()).items()}
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    column = "gold" if "gold" in frame else "label"
    if "id" not in frame or column not in frame:
        raise ValueError(f"{path}: a gold file needs columns id and label")
    return dict(zip(frame["id"], frame[column]))
