"""Work on many bulletins spread over processes (``--jobs N``), results in order.

Each bulletin's work (parse, extract, template, merge, editions, review page)
depends only on its own files and on what the run knew at its start (the
settings, the glossary, the translation memory as loaded before the workers
start). So a worker can do it anywhere, and the parent takes the results in
the bulletins' order: what depends on the order (the memory's new pairs, the
run state, the index) is done by the parent, as a single process does it, and
the output is byte for byte the same whatever the number of jobs.

Workers are forked (on systems that have ``fork``): they inherit the parent's
objects as they are when the pool starts, and nothing of them is pickled but
the bulletins' paths and the results.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, Iterable, Iterator

from .state import HELD_LOCKS

_PR_SET_PDEATHSIG = 1
#: Bulletins handed to a worker at a time (a bulletin takes some milliseconds).
CHUNK = 4

_context: Any = None


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start(context: Any, parent: int) -> None:
    import ctypes
    import signal

    global _context
    _context = context
    # a worker dies with the run that started it (a killed run leaves no process
    # writing behind it), and does not hold the project's lock on its own
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool's own watch ends the workers
        pass
    if os.getppid() != parent:
        os._exit(1)
    for fd in list(HELD_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
    HELD_LOCKS.clear()


def _call(task: tuple[Callable, Any]):
    func, item = task
    return func(_context, item)


def each(func: Callable[[Any, Any], Any], items: Iterable, *, context: Any, jobs: int = 1) -> Iterator:
    """``func(context, item)`` for each item, yielded in the items' order.

    With ``jobs`` over 1 (and more than one item) the calls run in that many
    worker processes, each with ``context`` as it is now; otherwise here, one
    after the other, as each result is asked for.
    """
    items = list(items)
    jobs = min(jobs, len(items))
    if jobs <= 1:
        for item in items:
            yield func(context, item)
        return
    # read only when processes are started (a run with little to do starts faster)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if method is None:  # a spawned worker would need the context pickled: work here
        for item in items:
            yield func(context, item)
        return
    sys.stdout.flush()
    sys.stderr.flush()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                             initializer=_start, initargs=(context, os.getpid())) as pool:
        results = pool.map(_call, [(func, item) for item in items], chunksize=CHUNK)
        try:
            yield from results
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
