"""The ``detector`` command line: score, explain, sites, report, corpus, train, evaluate, evaluate-sites."""
from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import click

from . import __version__

EXIT_SOME_ERRORS = 1
EXIT_DIRECTORY_LOCKED = 2


class Stopped(BaseException):
    """The run was asked to stop (SIGTERM, SIGHUP): unwinds like Ctrl-C, so nothing partial stays."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_STOPPING_SIGNALS = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


def _stop_on_termination() -> dict:
    """Turn SIGTERM and SIGHUP into ``Stopped``: workers are ended, temporary files removed,
    completed parts kept for --resume. A second signal during that clean-up is ignored.
    Returns the handlers before, for ``_restore``."""

    def stop(signum, frame):
        for number in _STOPPING_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        raise Stopped(signum)

    import threading

    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        return {}
    return {number: signal.signal(number, stop) for number in _STOPPING_SIGNALS}


def _restore(handlers: dict) -> None:
    for number, handler in handlers.items():
        signal.signal(number, handler)


def _shared_data(data: str | None) -> Path:
    from .evaluation.catalog import shared_data_dir

    found = shared_data_dir(data)
    if found is None:
        raise click.ClickException(
            "the reference pages were not found: pass --data DIR or set DETECTOR_SHARED_DATA "
            "(they live in ../shared/data beside the repository)")
    return found


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detector")
def main() -> None:
    """Find content-farm pages: original reporting, credited syndication, or scraped copy."""


def use_prevalence(text: str | None) -> None:
    """Check a --prevalence value and hand it to every process that loads the model
    (worker processes inherit the environment)."""
    from .model import PREVALENCE_ENV, parse_prevalence

    if not text:
        return
    try:
        parse_prevalence(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--prevalence") from exc
    os.environ[PREVALENCE_ENV] = text


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(),
              help="Output file (.csv, .jsonl, .parquet), or a directory (ending in /) for one part per shard. "
                   "CSV to stdout if omitted.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl", "csv"]), default="parquet",
              show_default=True, help="Format of the parts when the output is a directory.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the available cores, within a container's CPU quota); "
                   "with dask/spark, local workers.")
@click.option("--resume", is_flag=True, help="With a directory output: skip shards already complete.")
@click.option("--engine", type=click.Choice(["local", "dask", "spark"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask: address of an existing scheduler (default: a local cluster).")
@click.option("--master", help="Spark: master URL (default: local[JOBS]).")
@click.option("--model-dir", type=click.Path(exists=True, file_okay=False), help="A model directory other than the shipped one.")
@click.option("--prevalence", metavar="original=P,syndicated=P,scraped=P",
              help="The class shares you expect in these pages; probabilities and labels are given at them "
                   "(default: the shares stated in the model card).")
@click.option("--page-timeout", type=click.FloatRange(min=0), default=30, show_default=True, metavar="SECONDS",
              help="A page taking longer becomes an error row \"timed out after N s\" (0: no limit).")
@click.option("--max-page-mb", type=click.IntRange(min=1), default=None, metavar="MB",
              help="Pages larger than this become error rows [default: 16]. Scoring a page takes about "
                   "18 times its size in memory at the peak.")
@click.option("--reference", type=click.Path(exists=True, file_okay=False),
              help="A reference index (`detector index build`): link pages to its known pages as well.")
@click.option("--no-link", is_flag=True, help="Score each page alone: no copy_of/cluster columns, no cross-page signals.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("--evidence", is_flag=True,
              help="Add the columns evidence (JSON list of every quoted piece of evidence), title and text, "
                   "for `detector report` and networks in `detector sites` (larger output).")
def score(paths, output, fmt, jobs, resume, engine, scheduler, master, model_dir, prevalence, page_timeout,
          max_page_mb, reference, no_link, quiet, evidence):
    """Score pages in PATHS (files or directories: HTML, text dumps, JSONL, CSV, Parquet, WARC).

    Rows come out in input order whatever the number of jobs. With -o DIR/ each
    input shard gets its own part and a .done marker, and --resume continues a
    killed or stopped run; one run at a time may write into a directory. Pages carrying the
    same text are linked (columns copy_of, copy_similarity, cluster, copies) once every page
    is scored. Exits 0 when every page was scored, 1 when some pages became error rows,
    2 when the output directory is in use by another run.
    """
    from . import batch
    from .dirlock import DirectoryLocked

    use_prevalence(prevalence)
    jobs = jobs or batch.default_jobs()
    to_directory = output is not None and (output.endswith(("/", os.sep)) or Path(output).is_dir())
    if resume and not to_directory:
        raise click.UsageError("--resume needs a directory output (-o DIR/)")
    if reference and no_link:
        raise click.UsageError("--reference needs linking (drop --no-link)")
    handlers = _stop_on_termination()
    try:
        summary = batch.run(paths, output, engine=engine, fmt=fmt, jobs=jobs, resume=resume,
                            to_directory=to_directory, model_dir=model_dir, quiet=quiet, evidence=evidence,
                            page_timeout=page_timeout, max_page_bytes=max_page_mb and max_page_mb << 20,
                            link=not no_link, reference=reference, scheduler=scheduler, master=master)
    except DirectoryLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_DIRECTORY_LOCKED)
    except Stopped as stopped:
        name = signal.Signals(stopped.signum).name
        again = " run again with --resume to finish" if to_directory else ""
        click.echo(f"stopped by {name}: nothing partial was written;{again}", err=True)
        sys.exit(128 + stopped.signum)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        _restore(handlers)
    if not quiet:
        click.echo(summary.report(), err=True)
    sys.exit(EXIT_SOME_ERRORS if summary.errors else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--model-dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per page instead of text.")
@click.option("--prevalence", metavar="original=P,syndicated=P,scraped=P",
              help="The class shares you expect in these pages (default: the model card's).")
def explain(paths, model_dir, as_json, prevalence):
    """Explain each page: label, probabilities, and every signal that fired with its evidence."""
    use_prevalence(prevalence)
    from .api import explain_many

    errors = 0
    for explanation in explain_many(list(paths), model_dir):
        errors += bool(explanation.scored.error)
        if as_json:
            s = explanation.scored
            click.echo(json.dumps({"id": s.id, "url": s.url, "label": s.label, "error": s.error,
                                   "probabilities": s.probabilities,
                                   "evidence": explanation.evidence().to_dict("records")}, ensure_ascii=False))
        else:
            click.echo(explanation.to_text())
    sys.exit(EXIT_SOME_ERRORS if errors else 0)


def _write_table(table, output) -> None:
    from .writers import RowWriter

    with RowWriter(output) as writer:
        writer.write(table)


@main.command()
@click.argument("scores", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="The site table (.csv, .jsonl, .parquet); CSV to stdout if omitted.")
@click.option("--blocklist", type=click.Path(dir_okay=False), help="Also write the farm sites to this file.")
@click.option("--blocklist-format", type=click.Choice(["plain", "ublacklist"]), default="plain", show_default=True,
              help="plain: one domain a line; ublacklist: match patterns such as *://*.example.com/*.")
@click.option("--model-dir", type=click.Path(exists=True, file_okay=False),
              help="The model the scores came from, named in the blocklist header.")
def sites(scores, output, blocklist, blocklist_format, model_dir):
    """One row per site (registered domain) of SCORES (`detector score` outputs: files or directories
    of parts): label shares with 95% intervals, top signals, copy sources, verdict and network."""
    from .sites import blocklist_lines, made_by, read_scores, site_table

    try:
        table = site_table(read_scores(scores, skip=("title", "text")))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    _write_table(table, output)
    if blocklist:
        lines = blocklist_lines(table, blocklist_format, made_by(scores, model_dir))
        Path(blocklist).write_text("\n".join(lines) + "\n", encoding="utf-8")
        click.echo(f"{len([l for l in lines if not l.startswith('#')])} farm sites written to {blocklist}", err=True)
    counts = table["verdict"].value_counts().to_dict() if len(table) else {}
    click.echo(f"{len(table)} sites: " + ", ".join(f"{v} {n}" for v, n in counts.items()), err=True)


@main.command()
@click.argument("scores", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", default="report.html", show_default=True, type=click.Path(dir_okay=False),
              help="The HTML file to write.")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False),
              help="Gold labels (CSV with id,label or JSON id -> label) for a reliability curve and ROC; "
                   "a `gold` column in the scores works too.")
@click.option("--top-pages", default=500, show_default=True, help="Pages with the highest p_scraped whose text is embedded.")
@click.option("--max-detailed", default=3000, show_default=True, help="At most this many pages with embedded text.")
def report(scores, output, gold, top_pages, max_detailed):
    """One self-contained HTML review report of SCORES (`detector score` outputs; score with --evidence
    to read pages with their evidence marked): sites with verdicts, pages, charts. Opens from disk."""
    from .report import read_gold, write_report
    from .sites import read_scores

    try:
        frame = read_scores(scores)
        facts = write_report(frame, output, scores, read_gold(gold) if gold else None,
                             top_pages=top_pages, max_detailed=max_detailed)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{output}: {facts['bytes'] / 1e6:.1f} MB, {facts['pages']} pages on {facts['sites']} sites, "
               f"text embedded for {facts['pages_with_text']}, {facts['seconds']} s", err=True)


def _need_training_extra() -> None:
    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        raise click.ClickException("training and evaluating need scikit-learn: pip install 'detector[train]'")


def _corpus(data, corpus_dir, rebuild):
    from .evaluation.corpus import build_corpus, load_corpus, write_corpus

    corpus_dir = Path(corpus_dir)
    if rebuild or not (corpus_dir / "manifest.csv").exists():
        data_dir = _shared_data(data)
        click.echo(f"building the corpus from {data_dir} into {corpus_dir} ...", err=True)
        skipped: list = []
        records, manifest = build_corpus(data_dir, skipped=skipped)
        write_corpus(records, manifest, corpus_dir, skipped)
    records, manifest = load_corpus(corpus_dir)
    info = json.loads((corpus_dir / "corpus.json").read_text())
    return records, manifest, info


corpus_options = [
    click.option("--data", type=click.Path(file_okay=False), help="The reference pages (default ../shared/data)."),
    click.option("--corpus", "corpus_dir", default="corpus", show_default=True, type=click.Path(file_okay=False),
                 help="Where the labelled corpus is built (an ignored folder)."),
]


def _with(options):
    def decorate(func):
        for option in reversed(options):
            func = option(func)
        return func
    return decorate


@main.command()
@_with(corpus_options)
def corpus(data, corpus_dir):
    """Rebuild the labelled corpus (real + simulated pages) with a manifest and summary."""
    _, manifest, info = _corpus(data, corpus_dir, rebuild=True)
    click.echo(json.dumps(info, indent=2))
    click.echo(f"manifest: {Path(corpus_dir) / 'manifest.csv'}; summary: {Path(corpus_dir) / 'summary.csv'}")


@main.command()
@_with(corpus_options)
@click.option("--out", default="models", show_default=True, type=click.Path(file_okay=False),
              help="Where to write detector.npz, model_card.json and MODEL_CARD.md.")
@click.option("--rebuild", is_flag=True, help="Rebuild the corpus even if it exists.")
@click.option("--seed", default=0, show_default=True, help="Random state of the classifier.")
def train(data, corpus_dir, out, rebuild, seed):
    """Train the classifier on the training sites and measure it on the held-out sites."""
    _need_training_extra()
    from .evaluation.card import write_card_markdown
    from .training import train as train_model

    records, manifest, info = _corpus(data, corpus_dir, rebuild)
    _, card = train_model(records, manifest, Path(out), info, random_state=seed)
    write_card_markdown(Path(out))
    click.echo(json.dumps(card["held_out_metrics"]["real"]["false_positive_rate_real_original"]), err=True)
    click.echo(f"model written to {out}/ (see {out}/MODEL_CARD.md)")


@main.command()
@_with(corpus_options)
@click.option("--model-dir", type=click.Path(exists=True, file_okay=False), help="A model other than the shipped one.")
@click.option("--report", type=click.Path(file_okay=False),
              help="Write report.md, metrics.json and the PNG plots to this folder.")
@click.option("--rebuild", is_flag=True, help="Rebuild the corpus even if it exists.")
@click.option("--no-lofo", is_flag=True, help="Skip the leave-one-family-out models (the slow part).")
@click.option("--no-baselines", is_flag=True, help="Skip the TF-IDF and hand-rule baselines.")
@click.option("--no-crossval", is_flag=True, help="Skip the site-grouped cross-validation of real pages.")
@click.option("--card", is_flag=True, help="Write the headline figures into the model's card (MODEL_CARD.md).")
@click.option("--pin", is_flag=True, help="Re-pin quality/pinned.json from this run (rebuilds the corpus first).")
@click.option("--allow-lower", is_flag=True, help="With --pin: allow loosening pinned figures (needs --reason).")
@click.option("--reason", default="", help="With --pin: why; recorded in the pinned file with the date.")
def evaluate(data, corpus_dir, model_dir, report, rebuild, no_lofo, no_baselines, no_crossval, card, pin,
             allow_lower, reason):
    """Measure a model on the held-out sites: baselines, leave-one-family-out, real-page FP, calibration."""
    _need_training_extra()
    import time

    from .evaluation.evaluate import evaluate_model
    from .evaluation.gate import PINNED_PATH, PinError, pin_from_metrics

    if (pin or card) and (no_lofo or no_baselines or no_crossval):
        raise click.UsageError("--pin and --card need the full evaluation; drop the --no-* options")
    if (allow_lower or reason) and not pin:
        raise click.UsageError("--allow-lower and --reason only apply with --pin")
    # Pinning records the corpus hash the gate test will rebuild, so it must not use a stale corpus/.
    records, manifest, info = _corpus(data, corpus_dir, rebuild=rebuild or pin)
    started = time.perf_counter()
    evaluation, text = evaluate_model(
        records, manifest, info, model_dir=model_dir, report_dir=report, lofo=not no_lofo,
        baselines=not no_baselines, crossval=not no_crossval,
        progress=lambda message: click.echo(f"[{time.perf_counter() - started:5.0f} s] {message}", err=True))
    trained_on = evaluation.metrics["model"]["trained_on_corpus_sha256"]
    if trained_on and trained_on != info.get("corpus_sha256"):
        click.echo("note: the model was trained on another corpus version; the held-out sites are the same "
                   "(split by site name), the simulated pages may differ", err=True)
    click.echo(text)
    if report:
        click.echo(f"report written to {Path(report) / 'report.md'}")
    if card:
        from .evaluation.card import attach_evaluation

        click.echo(f"model card updated: {attach_evaluation(model_dir, evaluation.metrics)}")
    if pin:
        try:
            pin_from_metrics(evaluation.metrics, PINNED_PATH, allow_lower=allow_lower, reason=reason)
        except PinError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"pinned {PINNED_PATH}")


@main.command("evaluate-sites")
@_with(corpus_options)
@click.option("--model-dir", type=click.Path(exists=True, file_okay=False), help="A model other than the shipped one.")
@click.option("--seed", default=0, show_default=True, help="Seed of the deal of scraped pages into farm sites.")
@click.option("--held-out-only", is_flag=True, help="Only pages of the sites held out of training.")
@click.option("--out", type=click.Path(file_okay=False),
              help="Write figures.json, sites.csv and scores.parquet (with evidence) to this folder.")
def evaluate_sites(data, corpus_dir, model_dir, seed, held_out_only, out):
    """Site verdicts on the real pages plus simulated farm sites: site-level AUC of farm sites
    against real publishers, and every real publisher called a farm."""
    from .evaluation.sites import evaluate_sites as run_evaluation

    records, manifest, _ = _corpus(data, corpus_dir, rebuild=False)
    figures, sites_table, scores = run_evaluation(records, manifest, model_dir, seed, held_out_only)
    click.echo(json.dumps(figures, indent=2))
    if out:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "figures.json").write_text(json.dumps(figures, indent=2) + "\n")
        sites_table.to_csv(out / "sites.csv", index=False)
        scores.to_parquet(out / "scores.parquet", index=False)
        click.echo(f"written to {out}/ (figures.json, sites.csv, scores.parquet)", err=True)


@main.group()
def index() -> None:
    """A reference index of known pages' fingerprints, for `detector score --reference INDEX/`."""


@index.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "index_dir", required=True, type=click.Path(file_okay=False),
              help="The index directory (replaced if it exists).")
def index_build(paths, index_dir):
    """Build an index from the pages in PATHS (any input format `score` reads)."""
    from .linking.index import build_index

    info = build_index(paths, index_dir)
    click.echo(f"{index_dir}: {info['pages']} pages, {info['linkable']} long enough to link, "
               f"{info['unreadable']} unreadable")


@index.command("add")
@click.argument("index_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
def index_add(index_dir, paths):
    """Add the pages in PATHS to the index INDEX_DIR."""
    from .linking.index import add_to_index

    try:
        info = add_to_index(index_dir, paths)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{index_dir}: {info['pages']} pages, {info['linkable']} long enough to link, "
               f"{info['unreadable']} unreadable in this addition")


if __name__ == "__main__":
    main()
