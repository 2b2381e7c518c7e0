"""One run at a time per output directory.

A run writing into a directory holds an exclusive ``flock`` on ``DIR/.detector.lock``
for as long as it runs, and writes into the file who it is (pid, host, start time,
command). A second run into the directory finds the lock taken and refuses, naming the
holder. The kernel drops the lock when its process ends, however it ends, so a lock file
left behind by a dead run is simply taken over. The file itself stays: removing it would
let a third run lock a new file while a second still holds the old one.

``flock`` is reliable on local file systems; on NFS it depends on the mount.
Where ``fcntl`` is missing (Windows) runs are not locked.
"""
from __future__ import annotations

import json
import os
import socket
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

LOCK_FILE = ".detector.lock"


class DirectoryLocked(RuntimeError):
    """Another run is writing into the output directory."""


def _holder(path: Path) -> str:
    """Who holds the lock, from what it wrote into the lock file."""
    for _ in range(5):  # the holder may be between emptying the file and writing it
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            return (f"pid {info['pid']} on {info['host']}, started {info['started']} "
                    f"({' '.join(info.get('command', []))})")
        except (OSError, ValueError, KeyError, TypeError):
            time.sleep(0.05)
    return "a run that did not say who it is"


@contextmanager
def locked_directory(out_dir: str | os.PathLike) -> Iterator[Path]:
    """Hold ``out_dir``'s lock while the block runs; raise ``DirectoryLocked`` if another run holds it."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_FILE
    if fcntl is None:
        yield path
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DirectoryLocked(f"{out_dir} is in use by another run: {_holder(path)}. "
                                  "Wait for it to end, or write to another directory.") from None
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"), "command": sys.argv}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing drops the lock
