"""The ``detector`` command line: score, explain, corpus, train, evaluate."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__

EXIT_SOME_ERRORS = 1


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
@click.option("--reference", type=click.Path(exists=True, file_okay=False),
              help="A reference index (`detector index build`): link pages to its known pages as well.")
@click.option("--no-link", is_flag=True, help="Score each page alone: no copy_of/cluster columns, no cross-page signals.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def score(paths, output, fmt, jobs, resume, engine, scheduler, master, model_dir, reference, no_link, quiet):
    """Score pages in PATHS (files or directories: HTML, text dumps, JSONL, CSV, Parquet, WARC).

    Rows come out in input order whatever the number of jobs. With -o DIR/ each
    input shard gets its own part and a .done marker, and --resume continues a
    killed run. Pages carrying the same text are linked (columns copy_of,
    copy_similarity, cluster, copies) once every page is scored (local engine).
    Exits 0 when every page was scored, 1 when some pages became error rows.
    """
    from . import batch

    jobs = jobs or batch.default_jobs()
    to_directory = output is not None and (output.endswith(("/", os.sep)) or Path(output).is_dir())
    if resume and not to_directory:
        raise click.UsageError("--resume needs a directory output (-o DIR/)")
    if reference and (no_link or engine != "local"):
        raise click.UsageError("--reference needs linking, which the local engine does (drop --no-link)")
    try:
        summary = batch.run(paths, output, engine=engine, fmt=fmt, jobs=jobs, resume=resume,
                            to_directory=to_directory, model_dir=model_dir, quiet=quiet,
                            link=not no_link, reference=reference, scheduler=scheduler, master=master)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        click.echo(summary.report(), err=True)
    sys.exit(EXIT_SOME_ERRORS if summary.errors else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--model-dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per page instead of text.")
def explain(paths, model_dir, as_json):
    """Explain each page: label, probabilities, and every signal that fired with its evidence."""
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
