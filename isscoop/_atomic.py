"""Writing files so that a failed write never loses data.

Each file is written to a temporary file in its target's folder, flushed
and synced to disk, and only then renamed over the target, which is
atomic: the target is either its old self or wholly new, never empty or
cut short.  Several files are written all or nothing: every one is staged
first, then all are renamed in one short step, and a failure in that step
renames the old files back.  Interrupting signals (Ctrl-C, ``SIGTERM``,
``SIGHUP``) wait until that step is over.  Only a hard kill or a power cut
within the renaming step itself -- microseconds -- can leave some files new
and some old; each one is still whole.

Temporary files are named ``.NAME.XXXXXXXX.tmp`` (and ``.bak`` for the copies
kept while renaming), so that :func:`isscoop.load` never reads them; they are
removed after a failure.  A new file gets the usual permissions (0666 less
the umask); a replaced file keeps its permissions.  A target that is a
symbolic link is followed: the file it points to is replaced.  A target that
exists but is not a regular file (a folder, a FIFO, a device) is refused.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
from collections.abc import Iterator, Sequence
from typing import Any, Final

from ._errors import FileError, NotRegular, TooLarge, cut

__all__ = ["write_files", "write_stream"]

#: How much ``os.write`` is asked to write at a time.
CHUNK = 1 << 20

_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


#: Files larger than this are refused before they are parsed.
MAX_FILE_BYTES: Final = 64 * 1024 * 1024


def read_regular(name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``name``.

    Anything else (a FIFO, a device, a socket, a folder) raises
    :class:`NotRegular` after a ``stat``, before it is opened, so that
    nothing blocks; the file is opened without blocking and checked again, in
    case it was swapped in between.  However large the file says it is, no
    more than ``limit + 1`` bytes are read; a larger file raises :class:`TooLarge`.
    """
    st = os.stat(name)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegular(f"{file_kind(st.st_mode)}, not a regular file")
    if st.st_size > limit:
        raise TooLarge(st.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(name, flags)
    with open(fd, "rb", closefd=True) as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(f"{file_kind(st.st_mode)}, not a regular file")
        data = fh.read(limit + 1)
    if len(data) > limit:  # the file grew, or claimed less than it holds
        raise TooLarge(len(data))
    return data


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words (``"a FIFO"``)."""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def write_files(files: Sequence[tuple[str, bytes]], *, what: str = "path") -> None:
    """Write every ``(path, data)`` pair, all or nothing; raise :class:`~isscoop.FileError` on failure.

    After a failure every target is as it was before, byte for byte, and no
    temporary file is left behind.
    """
    staged: list[tuple[str, str]] = []  # (temporary file, target)
    try:
        for path, data in files:
            target = _target(path, what)
            staged.append((_stage(target, data, path), target))
        _commit(staged)
        staged = []
    except FileError:
        raise
    except OSError as e:
        raise FileError(
            f"cannot write {cut(e.filename or files[0][0], 100)}: {e.strerror or e}; nothing was changed",
            cause=e,
            filename=e.filename,
        ) from None
    finally:
        for tmp, _ in staged:
            _remove(tmp)


def write_stream(stream: Any, text: str) -> None:
    """Write ``text`` to a file object: as text, or as UTF-8 to a binary one; a failure raises FileError.

    A file object is written to directly: it cannot be replaced atomically.
    """
    try:
        try:
            stream.write(text)
        except TypeError:  # a binary file
            stream.write(text.encode("utf-8"))
    except (OSError, ValueError, TypeError) as e:  # a closed file gives ValueError
        raise FileError(f"cannot write to the file object: {cut(str(e), 100)}") from None


def _target(path: str, what: str) -> str:
    """The file to replace: ``path``, or what the symbolic link ``path`` points to; must be a regular file."""
    target = os.path.realpath(path) if os.path.islink(path) else path
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(st.st_mode):
        raise FileError(
            f"{what}: {cut(path, 100)} is {file_kind(st.st_mode)}, not a regular file; nothing was written",
            filename=path,
        )
    return target


def _temp_name(target: str, suffix: str) -> str:
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name[:100]}.{secrets.token_hex(4)}.{suffix}")


def _stage(target: str, data: bytes, path: str) -> str:
    """A temporary file beside ``target`` holding ``data``, synced to disk; removed again on failure."""
    while True:
        tmp = _temp_name(target, "tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            break
        except FileExistsError:
            continue
        except OSError as e:
            e.filename = path
            raise
    try:
        try:
            _keep_mode(fd, target)
            view = memoryview(data)
            while view:
                written = os.write(fd, view[:CHUNK])
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException as e:
        _remove(tmp)
        if isinstance(e, OSError):
            e.filename = path
        raise
    return tmp


def _keep_mode(fd: int, target: str) -> None:
    """Give the new file the permissions (and, if allowed, the owner) of the file it replaces."""
    try:
        st = os.stat(target)
    except OSError:
        return
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(st.st_mode))
    if hasattr(os, "fchown"):
        with contextlib.suppress(OSError):
            os.fchown(fd, st.st_uid, st.st_gid)


def _commit(staged: list[tuple[str, str]]) -> None:
    """Rename every staged file over its target, all or nothing."""
    if len(staged) == 1:
        tmp, target = staged[0]
        _rename(tmp, target)
        _sync_folder(os.path.dirname(target))
        return
    backups: list[tuple[str, str | None]] = []  # (target, copy of the old file or None if there was none)
    with _signals_held():
        try:
            for tmp, target in staged:
                backups.append((target, _backup(target)))
                _rename(tmp, target)
        except BaseException:
            _roll_back(backups)
            raise
        for _, backup in backups:
            if backup is not None:
                _remove(backup)
    for folder in {os.path.dirname(t) for _, t in staged}:
        _sync_folder(folder)


def _rename(tmp: str, target: str) -> None:
    """Rename the staged file over its target; an error names the target, not the temporary file."""
    try:
        os.replace(tmp, target)
    except OSError as e:
        e.filename, e.filename2 = target, None
        raise


def _backup(target: str) -> str | None:
    """A second name (or copy) of the file at ``target``, to put back after a failure; ``None`` if none."""
    if not os.path.lexists(target):
        return None
    backup = _temp_name(target, "bak")
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links: copy it
        with open(target, "rb") as src:
            data = src.read()
        fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view[:CHUNK]) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    return backup


def _roll_back(backups: list[tuple[str, str | None]]) -> None:
    """Put the old files back after a failed commit (a new file that had no old one is removed)."""
    for target, backup in reversed(backups):
        with contextlib.suppress(OSError):
            if backup is None:
                os.unlink(target)
            elif os.path.samefile(backup, target):  # never replaced: rename() would do nothing and keep both
                os.unlink(backup)
            else:
                os.replace(backup, target)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM, SIGHUP and SIGQUIT until the block is over (where the platform allows)."""
    names = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
    wanted = {getattr(signal, n) for n in names if hasattr(signal, n)}
    if not hasattr(signal, "pthread_sigmask") or not wanted:
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _sync_folder(folder: str) -> None:
    """Sync a folder, so that a rename in it is on disk too (where the platform supports it)."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
