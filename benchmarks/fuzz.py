"""Fuzz the readers and parsers with generated hostile input files; report crashes and hangs.

    nice -n 19 python benchmarks/fuzz.py --inputs 100000 --workers 2      # the long run
    python benchmarks/fuzz.py --seed 0 --only 4711                         # replay one input

Input N of seed S is always the same file (``tests/hostile_inputs.py``: every reader's
format, mutated pages, broken encodings, truncated archives, hostile markup). Each worker
process reads its inputs (``problems``: properties checked) and every ``--score-every``-th
one is scored end to end with the shipped model. A crash is an exception out of reading or
parsing, or a broken property (a record not writable, a bug caught by a last-resort guard,
units and direct reading disagreeing); an input still running after ``--timeout`` seconds
is a hang: its worker is killed and a new one goes on with the next input. Inputs slower
than ``--slow`` seconds are listed too.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import tempfile
import time
import traceback
from multiprocessing.connection import wait
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import hostile_inputs  # noqa: E402  (after the path set-up)


def check_one(seed: int, index: int, folder: Path, model) -> tuple[str, list[str]]:
    """(format, problems) of input ``index``; an exception counts as a crash."""
    rng = random.Random(f"{seed}:{index}")
    path = hostile_inputs.input_file(rng, folder)
    try:
        return path.name, hostile_inputs.problems(path, model)
    except Exception:  # the very thing looked for: report it, go on
        return path.name, ["crash: " + traceback.format_exc(limit=6)[-1500:]]
    finally:
        path.unlink(missing_ok=True)


def worker(seed: int, indices: range, score_every: int, conn) -> None:
    from detector.model import cached_model

    model = cached_model(None)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        for index in indices:
            conn.send(("start", index))
            started = time.perf_counter()
            fmt, found = check_one(seed, index, Path(folder), model if index % score_every == 0 else None)
            conn.send(("done", index, fmt, found, time.perf_counter() - started))
    conn.send(("finished",))


def run(args) -> dict:
    context = multiprocessing.get_context("fork")  # the parent holds no threads or model: forking is safe
    report = {"seed": args.seed, "inputs": args.inputs, "timeout_s": args.timeout, "checked": 0, "crashes": [],
              "hangs": [], "slow": [], "by_format": {}}
    workers: dict = {}  # connection -> [process, current input, started, step indices left]

    def start(indices: range) -> None:
        if not indices:
            return
        parent, child = context.Pipe(duplex=False)
        process = context.Process(target=worker, args=(args.seed, indices, args.score_every, child), daemon=True)
        process.start()
        child.close()
        workers[parent] = [process, None, 0.0, indices]

    for k in range(args.workers):
        start(range(args.start + k, args.start + args.inputs, args.workers))
    began, last_note = time.monotonic(), time.monotonic()
    while workers:
        for conn in wait(list(workers), timeout=1.0):
            state = workers[conn]
            try:
                message = conn.recv()
            except EOFError:  # the worker died without a word: a crash of the process itself
                if state[1] is not None:
                    report["crashes"].append({"input": state[1], "problems": [f"worker died ({state[0].exitcode})"]})
                    start(range(state[1] + args.workers, state[3].stop, args.workers))
                del workers[conn]
                continue
            if message[0] == "start":
                state[1], state[2] = message[1], time.monotonic()
            elif message[0] == "done":
                _, index, fmt, found, seconds = message
                report["checked"] += 1
                report["by_format"][fmt] = report["by_format"].get(fmt, 0) + 1
                if found:
                    report["crashes"].append({"input": index, "format": fmt, "problems": found})
                    print(f"input {index} ({fmt}): {found[0][:300]}", file=sys.stderr, flush=True)
                if seconds > args.slow:
                    report["slow"].append({"input": index, "format": fmt, "seconds": round(seconds, 1)})
                state[1] = None
            else:
                state[0].join()
                del workers[conn]
        now = time.monotonic()
        for conn, (process, index, started, indices) in list(workers.items()):
            if index is not None and now - started > args.timeout:
                process.kill()
                process.join()
                report["hangs"].append({"input": index})
                print(f"input {index}: still running after {args.timeout:.0f} s (hang)", file=sys.stderr, flush=True)
                del workers[conn]
                start(range(index + args.workers, indices.stop, args.workers))
        if args.max_seconds and now - began > args.max_seconds:  # out of time: report what was reached
            for process, *_ in workers.values():
                process.kill()
                process.join()
            workers.clear()
            report["stopped_early"] = True
        if now - last_note > 60:
            last_note = now
            print(f"[{now - began:6.0f} s] {report['checked']} checked, {len(report['crashes'])} crashes, "
                  f"{len(report['hangs'])} hangs", file=sys.stderr, flush=True)
    report["seconds"] = round(time.monotonic() - began, 1)
    report["inputs_per_second"] = round(report["checked"] / max(report["seconds"], 1e-9), 1)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--start", type=int, default=0, help="First input index (to continue a run).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="Seconds after which an input is a hang.")
    parser.add_argument("--slow", type=float, default=5.0, help="Seconds after which an input is listed as slow.")
    parser.add_argument("--score-every", type=int, default=10, help="Score every Nth input end to end.")
    parser.add_argument("--max-seconds", type=float, default=0, help="Stop after this long and report the inputs reached.")
    parser.add_argument("--only", type=int, help="Check this one input here and print its problems.")
    parser.add_argument("--keep", type=Path, help="With --only: write the input file into this folder.")
    parser.add_argument("--report", type=Path, help="Write the report as JSON here.")
    args = parser.parse_args()
    if args.only is not None:
        from detector.model import cached_model

        folder = args.keep or Path(tempfile.mkdtemp(prefix="fuzz-"))
        path = hostile_inputs.input_file(random.Random(f"{args.seed}:{args.only}"), folder)
        print(path, hostile_inputs.problems(path, cached_model(None)) or "no problems")
        return
    report = run(args)
    text = json.dumps(report, indent=1)
    if args.report:
        args.report.write_text(text)
    print(text if len(text) < 20_000 else json.dumps({k: report[k] for k in report if k not in ("slow",)}, indent=1))
    sys.exit(1 if report["crashes"] or report["hangs"] else 0)


if __name__ == "__main__":
    main()
