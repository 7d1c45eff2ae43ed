"""The run manifest: which `<stem>.json` in an output folder came from which input bytes.

`OUT_DIR/run_manifest.json` lists, for every article JSON the last run wrote or re-used, the
input's location and SHA-256 and the SHA-256 of the JSON bytes, under the program key
(`extractor.__version__`, the schema version, a digest of the package's own files, so a
changed rule or dictionary under an unchanged version number extracts again, and the
installed versions of its dependencies). A later run re-uses `<stem>.json` instead of
extracting again only when all of it still holds: same program key, same input location,
same input bytes, and the JSON file still has the recorded bytes (not edited, not
truncated).

The file is one JSON object, written one file entry per line as results arrive (streamed,
so a huge run does not hold it in memory) and renamed into place at the end of the run:

    {"program": "0.2.0/schema-1/1f3a…/9e34…", "files": [
    {"stem": "a", "path": "raw/a.txt", "sha256": "...", "output_sha256": "..."},
    ...
    ]}
"""

from __future__ import annotations

import hashlib
import json
import re
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from extractor import __version__, storage
from extractor.models import SCHEMA_VERSION

MANIFEST_NAME = "run_manifest.json"
# The batch's report beside it: neither file is an article.
REPORT_NAME = "run_report.json"


# The key of a package whose sources cannot be read (imported from a zip, bytecode only):
# its outputs are never re-used, as its edits could not be seen.
UNREAD_SOURCES = "unread-sources"


@cache
def package_digest(root: Path = Path(__file__).parent) -> str:
    """SHA-256 over the relative path and bytes of every file of the package (code, pattern
    tables, dictionaries), in path order: the version number alone does not change while the
    package is developed or patched in place, and a stale output would then be re-used.
    `UNREAD_SOURCES` where no Python source is found."""
    digest = hashlib.sha256()
    sources = 0
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        # Bytecode follows the sources and differs between Python versions.
        if not path.is_file() or "__pycache__" in relative.parts or path.suffix == ".pyc":
            continue
        sources += path.suffix == ".py"
        digest.update(relative.as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16] if sources else UNREAD_SOURCES


@cache
def dependency_versions(distribution: str = "digest-extractor") -> str:
    """The installed versions of the package's runtime dependencies (a new jieba dictionary
    or gazetteer release changes what is extracted), as `name==version` joined by commas."""
    try:
        required = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return ""
    names = sorted({match.group() for requirement in required
                    if "extra ==" not in requirement
                    and (match := _REQUIREMENT_NAME.match(requirement)) is not None})
    versions = []
    for name in names:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}==absent")
    return ",".join(versions)


# The distribution's name that opens a requirement ("pydantic<3,>=2.6").
_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def program_key() -> str:
    """What a re-used output must have been made by: the package and schema versions, the
    package's own files and its dependencies' versions."""
    return (f"{__version__}/schema-{SCHEMA_VERSION}/{package_digest()}/"
            f"{hashlib.sha256(dependency_versions().encode()).hexdigest()[:16]}")


@dataclass(frozen=True)
class ManifestEntry:
    """One article JSON of an output folder and the input bytes it was made from."""

    stem: str
    path: str
    sha256: str
    output_sha256: str


def read_manifest(out_dir: str) -> dict[str, ManifestEntry]:
    """The entries of `out_dir`'s manifest by stem; empty when there is none, when it cannot
    be read or when another program version wrote it (then everything is extracted again)."""
    try:
        data: Any = json.loads(storage.read_bytes(storage.join(out_dir, MANIFEST_NAME)))
    except (OSError, ValueError):
        return {}
    key = program_key()
    if not isinstance(data, dict) or data.get("program") != key or UNREAD_SOURCES in key:
        return {}
    entries: dict[str, ManifestEntry] = {}
    for item in data.get("files", []):
        try:
            entry = ManifestEntry(**{k: str(item[k]) for k in ("stem", "path", "sha256",
                                                                 "output_sha256")})
        except (KeyError, TypeError):
            continue  # a damaged line only costs its file a fresh extraction
        entries[entry.stem] = entry
    return entries


class ManifestWriter:
    """Streams manifest entries to a temporary file; `commit()` moves it into place."""

    def __init__(self, out_dir: str) -> None:
        self._stack = ExitStack()
        target = storage.join(out_dir, MANIFEST_NAME)
        self._context: AbstractContextManager[Path] = storage.writing(target)
        tmp = self._stack.enter_context(self._context)
        self._handle: IO[str] = self._stack.enter_context(tmp.open("w", encoding="utf-8"))
        self._handle.write(json.dumps({"program": program_key()})[:-1] + ', "files": [')
        self._count = 0

    def add(self, entry: ManifestEntry) -> None:
        self._handle.write(("\n" if self._count == 0 else ",\n")
                           # vars(): `asdict` deep-copies, a cost per file in the parent.
                           + json.dumps(vars(entry), ensure_ascii=False))
        self._count += 1

    def commit(self) -> None:
        """Finish the file and move it into place."""
        self._handle.write("\n]}\n")
        self._stack.close()

    def discard(self) -> None:
        """Drop the temporary file, leaving any earlier manifest as it was."""
        self._stack.__exit__(RuntimeError, RuntimeError("discarded"), None)
