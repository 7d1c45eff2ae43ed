"""Running one function over many items on an executor, results in input order.

`ordered_map` keeps at most `window` items in flight, so memory does not grow with the number
of items, and yields each item's result (or the exception that its task raised) in input
order, so outputs are the same bytes whatever the number of workers.

`process_pool` makes the local pool. On POSIX it forks: the workers start with whatever the
parent has already loaded (the gazetteer, the jieba dictionaries: seconds of start-up and
~300 MB), shared copy-on-write; a cold parent's workers each pay the lazy loads once, on
their first article. `gc.freeze()` before the fork keeps the garbage collector from touching
(and so copying) the shared objects. Elsewhere the pool spawns fresh interpreters.

`dask_executor` connects to a Dask distributed scheduler and gives its
`concurrent.futures`-style executor (`distributed` is the optional extra `dask`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Items in flight per worker: enough to keep every worker busy while the parent waits for
# the oldest one (input order), small enough that results waiting in memory stay few.
WINDOW_PER_WORKER = 8
# How often a worker checks that the run that started it is still alive.
PARENT_CHECK_SECONDS = 0.5
# For an executor whose size is unknown (a Dask cluster, a caller's executor).
DEFAULT_WINDOW = 128


def default_workers() -> int:
    """The number of cores this process may use (`os.cpu_count()` if affinity is unknown)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on macOS / Windows
        return os.cpu_count() or 1


def window_for(executor: Executor) -> int:
    """How many items to keep in flight on `executor`."""
    workers = getattr(executor, "_max_workers", None)
    if isinstance(workers, int) and workers > 0:
        return WINDOW_PER_WORKER * workers
    return DEFAULT_WINDOW


def ordered_map(
    fn: Callable[[T], R], items: Iterable[T], executor: Executor | None = None,
    window: int | None = None,
) -> Iterator[tuple[T, R | Exception]]:
    """`(item, fn(item))` in input order; an exception raised by a task is yielded in place of
    its result (a lost worker fails its items, not the run). Without an executor the items
    run one by one in this process. Pending tasks are cancelled if the consumer stops early.
    """
    if executor is None:
        for item in items:
            try:
                yield item, fn(item)
            except Exception as exc:
                yield item, exc
        return
    size = window or window_for(executor)
    pending: deque[tuple[T, Future[R]]] = deque()
    source = iter(items)
    try:
        for item in islice(source, size):
            pending.append((item, _submit(executor, fn, item)))
        while pending:
            item, future = pending.popleft()
            outcome: R | Exception
            try:
                outcome = future.result()
            except Exception as exc:
                outcome = exc
            for following in islice(source, 1):
                pending.append((following, _submit(executor, fn, following)))
            yield item, outcome
    finally:
        for _, future in pending:
            future.cancel()


def _submit(executor: Executor, fn: Callable[[T], R], item: T) -> Future[R]:
    """`executor.submit`, or a failed future when the executor refuses (a broken pool)."""
    try:
        return executor.submit(fn, item)
    except Exception as exc:
        future: Future[R] = Future()
        future.set_exception(exc)
        return future


@contextmanager
def process_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A local process pool of `workers` processes (forked where possible, see above)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
            yield pool
    finally:
        gc.unfreeze()


def exit_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this worker once the run that started it is gone.

    A pool's workers wait on a queue that a killed parent never closes, so after SIGKILL they
    would live on, idle, for good (and keep the run's spool folder locked).
    """
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextmanager
def dask_executor(address: str) -> Iterator[Executor]:
    """An executor running tasks on the Dask distributed scheduler at `address`
    (`tcp://host:8786`, or a `LocalCluster`'s address). Tasks are not `pure`: they write
    files, so Dask must never answer one from a cached result."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise RuntimeError(
            "the dask engine needs the optional extra: pip install 'digest-extractor[dask]'"
        ) from exc
    connect: Any = Client  # distributed is only partly typed
    client = connect(address)
    try:
        executor: Executor = client.get_executor(pure=False)
        yield executor
    finally:
        client.close()
