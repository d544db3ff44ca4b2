"""The one writer of every output file: a set of files appears whole or not at all.

Every command that writes goes through here, so its promises hold everywhere:

1. The destination is checked before any work: each target's folder exists or can be made,
   is a folder and is writable (a probe file is created and removed there).
2. Each file is written to a temporary beside its target and ``fsync``-ed.
3. The set is committed by renames while SIGINT and SIGTERM are held back; the old files are
   kept as hard links until the last rename, so a failed rename restores the complete old set.
4. Temporaries, backups and folders made for a failed write are removed on every exit path,
   Ctrl-C included.
5. ``-`` is standard output; a symlink is written through (its target is replaced, the link
   stays); a FIFO or character device (``/dev/null``, ``/dev/stdout``) is written in place and
   never replaced; any other special file is refused.

Every failure is an :class:`~kg.errors.OutputError` with one line naming the path and the cause.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import OutputError

STDOUT = "-"
TEMP_PREFIX = ".kg-"  # every temporary and backup this module makes starts with it
_HELD = (signal.SIGINT, signal.SIGTERM)


def shown(path: str | Path) -> str:
    """A path (or any text) as a message can print it: bytes of a file name that are not
    UTF-8 appear as ``\\xNN``, and a lone surrogate as ``\\udNNN``."""
    text = os.fspath(path)
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Target:
    """Where one output goes: ``kind`` is ``stdout``, ``file`` (replaced by rename) or
    ``in-place`` (a FIFO or device, opened and written, never replaced)."""

    given: str
    real: Path
    kind: str


def check(paths: Iterable[str | Path]) -> list[Target]:
    """Refuse an unwritable destination before any work; the disk is left as it was."""
    targets = [_target(p) for p in paths]
    probed: set[Path] = set()
    for t in targets:
        if t.kind == "file":
            folder = _existing_folder(t)
            if folder not in probed:
                _probe(folder, t)
                probed.add(folder)
    return targets


def _target(path: str | Path) -> Target:
    given = os.fspath(path)
    if given == STDOUT:
        return Target(given, Path(STDOUT), "stdout")
    if not given:
        raise OutputError("an empty output path")
    try:
        os.fsencode(given)
    except UnicodeEncodeError:
        raise OutputError(f"{shown(given)}: not a valid file name") from None
    real = Path(os.path.realpath(given))  # symlinks, dangling ones included, are written through
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return Target(given, real, "file")
    except NotADirectoryError:
        return Target(given, real, "file")  # a file on the way; _existing_folder names it
    except OSError as e:
        raise _error(given, e) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {shown(given)}: it is a folder")
    if stat.S_ISREG(st.st_mode):
        return Target(given, real, "file")
    if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
        return Target(given, real, "in-place")
    raise OutputError(f"cannot write {shown(given)}: it is a socket or block device")


def _existing_folder(t: Target) -> Path:
    """The nearest folder of ``t`` that exists; refuse when a file stands in the way."""
    folder = t.real.parent
    while True:
        try:
            st = os.stat(folder)
        except (FileNotFoundError, NotADirectoryError):
            folder = folder.parent
            continue
        except OSError as e:
            raise _error(folder, e) from None
        if not stat.S_ISDIR(st.st_mode):
            raise OutputError(f"cannot write {shown(t.given)}: {shown(folder)} is a file, not a folder")
        return folder


def _probe(folder: Path, t: Target) -> None:
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".probe", dir=folder)
    except OSError as e:
        raise OutputError(f"cannot write {shown(t.given)}: {shown(folder)}: {_cause(e)}") from None
    os.close(fd)
    os.unlink(name)


def write_file(path: str | Path, content: str | bytes) -> Path:
    """Write one output (``-`` for standard output) whole or not at all."""
    write_files({Path(path) if os.fspath(path) != STDOUT else STDOUT: content})
    return Path(path)


def write_files(files: Mapping[Any, str | bytes]) -> None:
    """Write a set of outputs (keys: ``str`` or ``Path``; ``-`` is standard output): after it
    returns or raises, the old set or the new set is there."""
    targets = check(files)
    contents = [_bytes(t, c) for t, c in zip(targets, files.values())]
    with _Commit() as commit:
        try:
            for t, data in zip(targets, contents):
                commit.current = t
                commit.stage(t, data)
            commit.run()
        except OSError as e:
            raise _error(commit.current.given, e) from None


def _bytes(t: Target, content: str | bytes) -> bytes:
    if isinstance(content, bytes):
        return content
    try:
        return content.encode("utf-8")
    except UnicodeEncodeError as e:
        raise OutputError(
            f"cannot write {shown(t.given)}: its text holds {e.object[e.start : e.end]!a}, "
            "which UTF-8 cannot encode"
        ) from None


def _step(name: str) -> None:
    """A point the fault-injection tests stop a write at; does nothing otherwise."""


class _Commit:
    """Temporaries, backups and made folders of one write, undone unless ``run`` finishes.

    ``current`` is the target being worked on, so a failure can name it."""

    def __init__(self) -> None:
        self.staged: list[tuple[Target, Path, bytes | None]] = []  # target, temporary, in-place data
        self.made: list[Path] = []
        self.done = False
        self.current = Target("", Path(), "")

    def __enter__(self) -> _Commit:
        return self

    def __exit__(self, *exc: object) -> None:
        with _held_signals():
            self._clean()

    def stage(self, t: Target, data: bytes) -> None:
        if t.kind != "file":
            self.staged.append((t, t.real, data))
            return
        self._make_folder(t)
        _step(f"temp {t.real.name}")
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX + t.real.name + ".", suffix=".tmp", dir=t.real.parent)
        tmp = Path(name)
        self.staged.append((t, tmp, None))
        with os.fdopen(fd, "wb") as fh:
            _step(f"write {t.real.name}")
            fh.write(data)
            fh.flush()
            _step(f"fsync {t.real.name}")
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode(t.real))
        _step(f"written {t.real.name}")

    def _make_folder(self, t: Target) -> None:
        missing: list[Path] = []
        folder = t.real.parent
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for f in reversed(missing):
            try:
                f.mkdir()
            except FileExistsError:
                continue
            self.made.append(f)

    def run(self) -> None:
        for t, _, data in self.staged:
            if data is not None:
                self.current = t
                _write_in_place(t, data)
        files = [(t, tmp) for t, tmp, data in self.staged if data is None]
        backups: list[tuple[Path, Path | None]] = []  # target, its old content (None: no old file)
        with _held_signals():
            try:
                for t, _ in files:
                    self.current = t
                    backups.append((t.real, _backup(t.real)))
                for t, tmp in files:
                    self.current = t
                    _step(f"rename {t.real.name}")
                    os.replace(tmp, t.real)
                    _step(f"renamed {t.real.name}")
            except BaseException:
                _restore(backups, files)
                raise
            self.done = True
            for _, old in backups:
                if old is not None:
                    old.unlink(missing_ok=True)
            for folder in {t.real.parent for t, _ in files}:
                _fsync_folder(folder)

    def _clean(self) -> None:
        for _, tmp, data in self.staged:
            if data is None:
                tmp.unlink(missing_ok=True)
        if not self.done:
            for folder in reversed(self.made):
                with suppress(OSError):
                    folder.rmdir()  # not empty: someone else wrote there meanwhile


def _backup(path: Path) -> Path | None:
    """Keep the old file under a second name so a failed commit can put it back: a hard link,
    or a copy where the file system has none."""
    if not path.exists():
        return None
    _step(f"backup {path.name}")
    name = Path(tempfile.mktemp(prefix=TEMP_PREFIX + path.name + ".", suffix=".old", dir=path.parent))
    try:
        os.link(path, name)
    except OSError:
        shutil.copy2(path, name)
    return name


def _restore(backups: list[tuple[Path, Path | None]], files: list[tuple[Target, Path]]) -> None:
    renamed = {t.real for t, tmp in files if not tmp.exists()}
    for target, old in backups:
        if old is not None and target.exists() and os.path.samefile(old, target):
            old.unlink()  # not replaced yet (a rename onto its own hard link would do nothing)
        elif old is not None:
            os.replace(old, target)
        elif target in renamed:
            target.unlink(missing_ok=True)


def _write_in_place(t: Target, data: bytes) -> None:
    """A FIFO or a device: open it for writing (never blocking on a FIFO with no reader)."""
    if t.kind == "stdout":
        out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
        if out is None:
            sys.stdout.write(data.decode("utf-8", "surrogateescape"))
        else:
            out.write(data)
        sys.stdout.flush()
        return
    fd = os.open(t.real, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _mode(path: Path) -> int:
    """Keep the mode of the file replaced; a new file gets 0666 less the umask, as open() would."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the renames are done
    finally:
        os.close(fd)


@contextmanager
def _held_signals() -> Iterator[None]:
    """Hold SIGINT/SIGTERM back for a few renames, then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    old: dict[signal.Signals, Any] = {}
    for s in _HELD:
        handler = signal.getsignal(s)
        if handler is not None:
            old[s] = signal.signal(s, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        for signum in caught:
            signal.raise_signal(signum)


def _cause(e: OSError) -> str:
    return (e.strerror or str(e)).lower()[:1] + (e.strerror or str(e))[1:]


def _error(path: str | Path, e: OSError) -> OutputError:
    return OutputError(f"cannot write {shown(path)}: {_cause(e)}")


# ---- spreadsheets ------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """A text a spreadsheet cannot run: one that begins like a formula gets a ``'`` (OWASP)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """CSV of ``rows`` with every text field made safe by :func:`spreadsheet_text`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow([spreadsheet_text(v) if isinstance(v, str) else v for v in row])
    return buf.getvalue()


def set_cell(cell, value: object) -> None:
    """Put ``value`` in an openpyxl cell; a text is always stored as text, never as a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
