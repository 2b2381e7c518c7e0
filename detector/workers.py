"""Worker processes that never outlive the run and never hang it on one page.

``WorkerPool.map(tasks)`` runs ``func(task, page_errors=..., on_page=...)`` in worker
processes and yields the results in task order. Each worker takes one task at a time
over its own pipe and reports each page (its index in the task) before starting it,
so the pool knows which page every worker is on and since when:

- a page that runs past ``page_timeout`` seconds gets its worker killed and replaced;
  the task goes to a worker again with that page marked as an error row
  ("timed out after N s"), the others are scored again (a task is small, a timeout
  rare). Killing is the only way out: the HTML parser's C code cannot be interrupted.
- a worker that dies on a page (out of memory, a crash in C code) is handled the
  same way: the page becomes an error row and the rest of the task is not lost.

A worker exits as soon as the main process is gone, whatever ended it (SIGKILL
included): it watches the main process (a pidfd on Linux, else polling) and asks
the kernel to kill it with its parent (PR_SET_PDEATHSIG, Linux).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator

WATCH_INTERVAL = 0.5  # seconds between checks where no pidfd can watch the main process
FAILED_STARTS = 3  # workers in a row that die before they are ready fail the run


class WorkerFailed(RuntimeError):
    """Workers keep dying before they are ready (a broken install, no memory at start-up)."""


def die_with_main_process(main_pid: int) -> None:
    """End this process as soon as ``main_pid`` ends, whatever ends it."""
    _kill_me_with_my_parent()
    parent = os.getppid()
    try:
        watched = os.pidfd_open(main_pid)  # Linux 5.3+: readable once the process has ended
    except (AttributeError, OSError):
        watched = None
        if not _alive(main_pid):
            os._exit(1)

    def watch():
        if watched is not None:
            select.select([watched], [], [])
        else:
            while _alive(main_pid) and os.getppid() == parent:
                time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="main-process-watch", daemon=True).start()


def _kill_me_with_my_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # the watch thread still covers it


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # the pid now belongs to someone else's process
        return False
    return True


def _worker_main(conn, main_pid: int, func: Callable, initializer: Callable | None, initargs: tuple) -> None:
    die_with_main_process(main_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle: it ends the workers
    if initializer is not None:
        initializer(*initargs)
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        number, task, page_errors = message

        def on_page(index: int, number=number) -> None:
            conn.send(("page", number, index, time.monotonic()))

        try:
            result = func(task, page_errors=page_errors, on_page=on_page)
        except Exception as exc:  # the main process raises it in its turn, as a pool would
            conn.send(("failed", number, exc))
        else:
            conn.send(("done", number, result))


class _Worker:
    def __init__(self, context, func, initializer, initargs):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, daemon=True,
                                       args=(child, os.getpid(), func, initializer, initargs))
        self.process.start()
        child.close()
        self.ready = False  # set up (its initializer has run)
        self.task: int | None = None  # the task number it holds
        self.page: int | None = None  # the page of that task it is on, and since when (time.monotonic)
        self.since = 0.0

    def give(self, number: int, task, page_errors: dict[int, str]) -> None:
        self.task, self.page = number, None
        try:
            self.conn.send((number, task, page_errors))
        except OSError:
            pass  # it died while idle: its sentinel tells, and the task is sent again

    def stop(self, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class WorkerPool:
    """``jobs`` supervised worker processes; see the module docstring."""

    def __init__(self, jobs: int, func: Callable, context, page_timeout: float = 0,
                 initializer: Callable | None = None, initargs: tuple = (), window: int | None = None):
        self.jobs, self.func, self.context = jobs, func, context
        self.page_timeout = page_timeout
        self.initializer, self.initargs = initializer, initargs
        self.window = window or 2 * jobs  # tasks sent or done but not yet yielded: bounds memory
        self.failed_starts = 0
        self.workers = [self._start() for _ in range(jobs)]

    def _start(self) -> _Worker:
        return _Worker(self.context, self.func, self.initializer, self.initargs)

    def map(self, tasks: Iterable) -> Iterator:
        tasks = iter(tasks)
        held: dict[int, list] = {}  # task number -> [task, page errors]
        queue: deque[int] = deque()  # numbers waiting for a worker (new or sent again)
        results: dict[int, tuple[bool, object]] = {}
        next_number = next_yield = 0
        exhausted = False
        while True:
            while next_yield in results:
                ok, result = results.pop(next_yield)
                held.pop(next_yield)
                next_yield += 1
                if not ok:
                    raise result
                yield result
            while not exhausted and len(held) < self.window:
                try:
                    task = next(tasks)
                except StopIteration:
                    exhausted = True
                    break
                held[next_number] = [task, {}]
                queue.append(next_number)
                next_number += 1
            if exhausted and not held:
                return
            for worker in self.workers:
                if worker.task is None and queue:
                    number = queue.popleft()
                    worker.give(number, *held[number])
            self._wait(held, queue, results)

    def _wait(self, held, queue, results) -> None:
        busy = [w for w in self.workers if w.task is not None]
        timeout = 1.0
        if self.page_timeout:
            now = time.monotonic()
            for w in busy:
                if w.page is not None:
                    timeout = min(timeout, max(0.0, w.since + self.page_timeout - now))
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        for index, worker in enumerate(self.workers):
            if worker.task is None:
                continue
            if worker.conn in ready or worker.process.sentinel in ready:
                if not self._read(worker, results):
                    self._replace(index, worker, self._death_reason(worker), held, queue)
                    continue
            if (self.page_timeout and worker.page is not None
                    and time.monotonic() - worker.since > self.page_timeout):
                self._replace(index, worker, f"timed out after {self.page_timeout:g} s", held, queue)

    def _read(self, worker: _Worker, results) -> bool:
        """Take in what the worker sent; False when it is gone without finishing its task."""
        try:
            while worker.task is not None and worker.conn.poll():
                kind, number, *rest = worker.conn.recv()
                if kind == "ready":
                    worker.ready, self.failed_starts = True, 0
                elif kind == "page":
                    worker.page, worker.since = rest
                else:
                    results[number] = (kind == "done", rest[0])
                    worker.task = worker.page = None
        except (EOFError, OSError):
            return False
        return worker.task is None or worker.process.is_alive()

    def _death_reason(self, worker: _Worker) -> str:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        how = f"exit code {code}"
        if code is not None and code < 0:
            try:
                how = f"killed by {signal.Signals(-code).name}"
            except ValueError:
                how = f"killed by signal {-code}"
        hint = " (out of memory?)" if code == -signal.SIGKILL else ""
        return f"worker process died on this page: {how}{hint}"

    def _replace(self, index: int, worker: _Worker, reason: str, held, queue) -> None:
        """Kill ``worker``, start another, and send its task again with its page as an error row
        (a worker that died before its first page of the task loses nothing)."""
        number, page = worker.task, worker.page
        worker.stop(kill=True)
        if not worker.ready:
            self.failed_starts += 1
            if self.failed_starts >= FAILED_STARTS:
                raise WorkerFailed(f"worker processes keep dying as they start ({reason})")
        self.workers[index] = self._start()
        if page is not None:
            held[number][1] = {**held[number][1], page: reason}
        queue.appendleft(number)

    def close(self, kill: bool = False) -> None:
        for worker in self.workers:
            worker.stop(kill=kill or worker.task is not None)
        self.workers = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(kill=exc_type is not None)
