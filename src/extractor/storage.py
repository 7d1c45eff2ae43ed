"""Where the batch reads and writes: local paths, `file://` URLs and any fsspec URL.

A *location* is a string: a local path (`raw/a.txt`), a `file://` URL (turned into the local
path, so `file:///data/raw` and `/data/raw` give the same outputs) or another fsspec URL
(`memory://raw`, `s3://bucket/raw`, `gcs://...`) that a Dask cluster can reach from every
worker. fsspec is imported only for the last kind (it is the optional extra `dask`).

Local writes are atomic (`export.atomic_path`: temp file, fsync, rename). Object stores write
a whole object per `pipe_file`/`put_file`, which is atomic there; other fsspec file systems
get a plain write.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from extractor.export import atomic_path, atomic_write_bytes


def is_url(location: str | Path) -> bool:
    """True for `proto://...` strings (a `Path` is never a URL).

    >>> is_url("memory://raw"), is_url("file:///tmp/x"), is_url("raw/a.txt"), is_url("C:/x")
    (True, True, False, False)
    """
    return isinstance(location, str) and "://" in location


def local_path(location: str | Path) -> Path | None:
    """The local path of a plain path or a `file://` URL; None for any other URL.

    >>> local_path("file:///tmp/a%20b.txt"), local_path("raw/a.txt"), local_path("memory://x")
    (PosixPath('/tmp/a b.txt'), PosixPath('raw/a.txt'), None)
    """
    if isinstance(location, Path):
        return location
    if not is_url(location):
        return Path(location)
    parts = urlsplit(location)
    if parts.scheme in ("file", "local") and parts.netloc in ("", "localhost"):
        return Path(unquote(parts.path))
    return None


def normalize(location: str | Path) -> str:
    """The string the outputs record for a location: POSIX path for local files, the URL as
    given (without a trailing `/`) otherwise.

    >>> normalize("file:///tmp/raw/"), normalize("memory://raw/"), normalize(Path("raw"))
    ('/tmp/raw', 'memory://raw', 'raw')
    """
    path = local_path(location)
    if path is not None:
        return path.as_posix()
    return str(location).rstrip("/")


def name_of(location: str) -> str:
    """The file name of a location (`memory://raw/a.txt` -> `a.txt`)."""
    return PurePosixPath(location).name


def join(folder: str, name: str) -> str:
    """A child location of a normalized folder location."""
    return f"{folder.rstrip('/')}/{name}" if is_url(folder) else (Path(folder) / name).as_posix()


def _fs(location: str) -> tuple[Any, str]:
    import fsspec

    fs, path = fsspec.core.url_to_fs(location)
    return fs, path


class TooLargeError(ValueError):
    """A file over the size limit: refused before it is read, so it cannot exhaust memory."""


def unique_paths(paths: Iterable[Path]) -> list[Path]:
    """Each path once (by where it resolves to), in the order first seen."""
    return [path for path, _ in unique_resolved(paths)]


def unique_resolved(
    paths: Iterable[Path], folders: dict[Path, Path] | None = None
) -> list[tuple[Path, Path]]:
    """`(path, where it resolves to)` for each path once, in the order first seen
    (`folders` as in `resolved`)."""
    found: list[tuple[Path, Path]] = []
    seen: set[Path] = set()
    for path, key in resolved(paths, folders):
        if key not in seen:
            seen.add(key)
            found.append((path, key))
    return found


def resolved(
    paths: Iterable[Path], folders: dict[Path, Path] | None = None
) -> Iterator[tuple[Path, Path]]:
    """`(path, path.resolve())` for each path, resolving each folder once: `resolve` walks
    every component of the path (~0.1 ms), which thousands of files in one folder repeat.
    A path whose last component is a link (or `..`) is resolved whole. `folders` (folder ->
    where it resolves to) carries what one call learnt to the next, for one pass's paths."""
    if folders is None:
        folders = {}
    for path in paths:
        if path.name in ("", ".", "..") or path.is_symlink():
            yield path, path.resolve()
            continue
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        yield path, folder / path.name


def read_bytes(location: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a file; raises OSError (FileNotFoundError, IsADirectoryError...), or
    TooLargeError when the file is larger than `max_bytes`."""
    path = local_path(location)
    if path is not None:
        if max_bytes is not None and path.is_file():
            _check_size(location, path.stat().st_size, max_bytes)
        return path.read_bytes()
    fs, inner = _fs(location)
    if fs.isdir(inner):
        raise IsADirectoryError(21, "Is a directory", location)
    if max_bytes is not None:
        _check_size(location, int(fs.size(inner)), max_bytes)
    data: bytes = fs.cat_file(inner)
    return data


def _check_size(location: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise TooLargeError(
            f"{size} bytes is over the {max_bytes}-byte limit (raise it with --max-size)"
        )


def write_bytes(location: str, data: bytes, *, sync: bool = True) -> None:
    """Write a whole file (atomically for local paths; `sync=False`: see `sync_local_files`)."""
    path = local_path(location)
    if path is not None:
        atomic_write_bytes(path, data, sync=sync)
        return
    fs, inner = _fs(location)
    fs.pipe_file(inner, data)


def sync_local_files() -> None:
    """Flush every local file written with `sync=False` to disk (one `sync` for all of them,
    instead of two fsyncs per file). Not available on Windows, where it does nothing."""
    if hasattr(os, "sync"):
        os.sync()


def remove(location: str) -> None:
    """Delete a file if it exists."""
    path = local_path(location)
    if path is not None:
        path.unlink(missing_ok=True)
        return
    fs, inner = _fs(location)
    if fs.isfile(inner):
        fs.rm_file(inner)


def is_dir(location: str) -> bool:
    path = local_path(location)
    if path is not None:
        return path.is_dir()
    fs, inner = _fs(location)
    return bool(fs.isdir(inner))


def exists(location: str) -> bool:
    path = local_path(location)
    if path is not None:
        return path.exists()
    fs, inner = _fs(location)
    return bool(fs.exists(inner))


def make_dirs(location: str) -> None:
    path = local_path(location)
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        return
    fs, inner = _fs(location)
    fs.makedirs(inner, exist_ok=True)


def list_files(folder: str, suffixes: str | tuple[str, ...]) -> list[str]:
    """Locations of the entries of `folder` whose name ends with one of `suffixes` in any
    case (a.txt, B.TXT), sorted by name, not recursive. For a local folder every matching
    entry is kept, also a folder named `x.txt`, so that it fails visibly later instead of
    vanishing."""
    path = local_path(folder)
    if path is not None:
        return [p.as_posix() for p in local_files(path, suffixes)]
    fs, inner = _fs(folder)
    wanted = _lower_suffixes(suffixes)
    names = sorted(
        name_of(str(entry)) for entry in fs.ls(inner, detail=False)
        if str(entry).lower().endswith(wanted)
    )
    return [join(normalize(folder), name) for name in names]


def local_files(folder: Path, suffixes: str | tuple[str, ...]) -> list[Path]:
    """The entries of a local `folder` whose name ends with one of `suffixes` in any case,
    by name."""
    wanted = _lower_suffixes(suffixes)
    return sorted(p for p in folder.iterdir() if p.name.lower().endswith(wanted))


def _lower_suffixes(suffixes: str | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s.lower() for s in ((suffixes,) if isinstance(suffixes, str) else suffixes))


@contextmanager
def writing(location: str) -> Iterator[Path]:
    """Yield a local path to write; on success it becomes `location` (atomic rename locally,
    one upload otherwise). On error nothing is left behind."""
    path = local_path(location)
    if path is not None:
        with atomic_path(path) as tmp:
            yield tmp
        return
    with tempfile.TemporaryDirectory(prefix="extractor-upload-") as folder:
        tmp = Path(folder) / name_of(location)
        yield tmp
        upload(tmp, location)


def upload(local: Path, location: str) -> None:
    """Copy a finished local file to a location (a plain atomic copy for local targets)."""
    path = local_path(location)
    if path is not None:
        with atomic_path(path) as tmp:
            tmp.write_bytes(local.read_bytes())
        return
    fs, inner = _fs(location)
    fs.put_file(str(local), inner)


def upload_all(files: Iterable[Path], folder: str) -> list[str]:
    """Upload local files into a folder location; returns their new locations in order."""
    written = []
    for file in files:
        target = join(folder, file.name)
        upload(file, target)
        written.append(target)
    return written
