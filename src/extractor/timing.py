"""Per-stage wall-clock accounting, for the benchmark and `--verbose` runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from time import perf_counter
from types import TracebackType


@dataclass
class StageClock:
    """Accumulates seconds per stage name; pass one to `extract_article(clock=...)`."""

    seconds: dict[str, float] = field(default_factory=dict)

    def stage(self, name: str) -> _Stage:
        """A context manager adding the seconds spent inside it to `name`."""
        return _Stage(self.seconds, name)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def merge(self, other: StageClock) -> None:
        for name, seconds in other.seconds.items():
            self.add(name, seconds)


class _Stage:
    """`StageClock.stage(name)`: a plain class rather than a `@contextmanager` generator,
    which cost ~3 µs per stage, a dozen stages per entry."""

    __slots__ = ("_name", "_seconds", "_started")

    def __init__(self, seconds: dict[str, float], name: str) -> None:
        self._seconds = seconds
        self._name = name
        self._started = 0.0

    def __enter__(self) -> None:
        self._started = perf_counter()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        elapsed = perf_counter() - self._started
        self._seconds[self._name] = self._seconds.get(self._name, 0.0) + elapsed
