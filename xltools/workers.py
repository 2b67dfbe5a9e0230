"""Run one function over many files in worker processes, safely.

Results come back in input order. A file whose reader crashes the process (a native abort)
or runs past the per-file time limit costs only that file: its worker is ended and replaced,
and the file gets a failure result. Ctrl-C and a terminating signal stop every worker; a
worker whose parent has gone ends by itself. The standard library's pools cannot do both
(``ProcessPoolExecutor`` cannot end one hung task, ``multiprocessing.Pool`` hangs when a
worker dies), so this is a small scheduler over ``multiprocessing`` processes and pipes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")

DEFAULT_FILE_TIMEOUT = 300.0  # seconds; reading a 100 MB workbook takes well under a minute
WINDOW_PER_WORKER = 8  # tasks ahead of the oldest unfinished one: keeps results flowing in order


class Failure(StrEnum):
    """Why a task gave no result."""

    CRASHED = "crashed"  # the worker process died while working on it
    TIMED_OUT = "timed_out"  # it ran past the time limit


def start_method() -> str:
    """fork starts workers instantly on Linux; elsewhere (macOS, Windows) spawn is the safe one."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _serve(function: Callable[[Any], Any], conn: Connection) -> None:
    """A worker: run ``function`` on each task received until told to stop or orphaned."""
    # Ctrl-C reaches the whole process group; the parent decides, workers do not print
    # a KeyboardInterrupt each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent has gone
        if message is None:
            return
        index, task = message
        try:
            conn.send((index, function(task)))
        except (BrokenPipeError, OSError):
            return


@dataclass(slots=True)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    index: int | None = None  # the task being worked on
    started: float = 0.0


class WorkerPool(Generic[Task, Result]):
    """``jobs`` worker processes running ``function`` over tasks (see ``run``)."""

    def __init__(self, function: Callable[[Task], Result], jobs: int, *,
                 timeout: float = DEFAULT_FILE_TIMEOUT) -> None:
        """Prepare the pool; workers start when ``run`` is iterated.

        Args:
            function: a module-level function (it must be importable in a spawned worker).
            jobs: how many worker processes.
            timeout: seconds one task may take before its worker is ended.
        """
        self.function = function
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self._context = multiprocessing.get_context(start_method())
        self._workers: list[_Worker] = []

    def _start_worker(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(self.function, child), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()

    def run(self, tasks: Sequence[Task],
            on_failure: Callable[[Task, Failure], Result]) -> Iterator[Result]:
        """Yield one result per task, in task order.

        Args:
            tasks: the work, e.g. file paths with their settings.
            on_failure: makes the result of a task whose worker crashed or timed out.

        Yields:
            The results, in the order of ``tasks``.
        """
        done: dict[int, Result] = {}
        next_task = next_out = 0
        window = self.jobs * WINDOW_PER_WORKER
        try:
            for _ in range(min(self.jobs, len(tasks))):
                self._start_worker()
            while next_out < len(tasks):
                for worker in self._workers:
                    if worker.index is None and next_task < len(tasks) \
                            and next_task < next_out + window:
                        worker.index, worker.started = next_task, time.monotonic()
                        worker.conn.send((next_task, tasks[next_task]))
                        next_task += 1
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                if next_out >= len(tasks):
                    break
                self._collect(tasks, done, on_failure)
        finally:
            self.close()

    def _collect(self, tasks: Sequence[Task], done: dict[int, Result],
                 on_failure: Callable[[Task, Failure], Result]) -> None:
        busy = [w for w in self._workers if w.index is not None]
        now = time.monotonic()
        wait_for = min((w.started + self.timeout - now for w in busy), default=self.timeout)
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout=max(0.0, wait_for)))
        for worker in busy:
            index = worker.index
            assert index is not None
            if worker.conn in ready:
                try:
                    finished, result = worker.conn.recv()
                except (EOFError, OSError):
                    pass  # died while sending: handled as a crash below
                else:
                    done[finished] = result
                    worker.index = None
                    continue
            if worker.process.sentinel in ready or worker.conn in ready:
                done[index] = on_failure(tasks[index], Failure.CRASHED)
            elif time.monotonic() - worker.started > self.timeout:
                done[index] = on_failure(tasks[index], Failure.TIMED_OUT)
            else:
                continue
            self._retire(worker)
            self._start_worker()

    def close(self) -> None:
        """Stop every worker (also when the caller stops early or a signal arrives)."""
        for worker in list(self._workers):
            if worker.index is None and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 1.0
        for worker in list(self._workers):
            if worker.index is None:
                worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._retire(worker)


def run_tasks(function: Callable[[Task], Result], tasks: Sequence[Task], *, jobs: int,
              on_failure: Callable[[Task, Failure], Result],
              timeout: float = DEFAULT_FILE_TIMEOUT) -> Iterator[Result]:
    """Run ``function`` over ``tasks`` in ``jobs`` worker processes; results in task order.

    Args:
        function: a module-level function of one task.
        tasks: the work.
        jobs: worker processes (at least one: even then the main process stays free to
            merge results and is protected from a crashing or hanging reader).
        on_failure: the result of a task whose worker crashed or ran past ``timeout``.
        timeout: seconds one task may take.

    Yields:
        One result per task, in task order.
    """
    if not tasks:
        return
    yield from WorkerPool(function, jobs, timeout=timeout).run(tasks, on_failure)
