"""Injected file-system faults: every failed write leaves the old files byte for byte; reading never blocks.

Writing (``dump`` of a file and of a folder, ``to_csv``, ``to_parquet``,
``isscoop export -o`` and a saved picture) is run against the operating system with faults
injected at its boundary: the ``os`` functions the writer calls
(``os.open``, ``os.write``, ``os.fsync``, ``os.replace``, ``os.link``) are
wrapped to fail, for files in the test folder only, on the first write, when
the disk is full after N bytes, at the sync, when the temporary file cannot
be created, when a rename is refused (with and without hard links), and
when Ctrl-C arrives between two renames.  After each, every file that was
in the folder must be byte-identical and no temporary file may be left.

A real kill is tested in child processes: ``SIGKILL`` after each staged file
(the old files stay), ``SIGKILL`` between two renames (each file is whole,
old or new), and ``SIGTERM``/``SIGINT`` between two renames (held until
every file is renamed: all new).

Reading: FIFOs, devices, sockets, folders named ``*.json``, symlinks to
them, a FIFO swapped in between ``stat`` and ``open``, and files over the
size limit are refused quickly, by ``load``, ``load(include_bundled=True)``,
``read_csv`` and ``read_parquet``.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import attrs
import pytest

import isscoop
import isscoop.export
import isscoop.plot
from isscoop import cli

from .hostile_args import LIMIT, hard_limit, small_dataset

ROOT: Final = Path(__file__).resolve().parent.parent
KINDS: Final = ("sources", "agencies", "officials", "programs", "meetings", "agreements")


@attrs.define
class Ledger:
    """How many fault cases ran, how many bytes of old files were checked, and how many were lost."""

    cases: int = 0
    checked: int = 0
    lost: int = 0

    def report(self) -> str:
        return f"file faults: {self.cases} cases, {self.checked:,} bytes of old files checked, {self.lost} bytes lost"


LEDGER = Ledger()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    print(f"\n{LEDGER.report()}")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(".*") if p.name.endswith((".tmp", ".bak"))]


def check_unchanged(folder: Path, before: dict[str, bytes], *, temporaries_allowed: bool = False) -> None:
    """Every old file byte-identical, nothing new (temporary files aside, after a kill)."""
    after = snapshot(folder)
    LEDGER.cases += 1
    lost = 0
    for name, data in before.items():
        LEDGER.checked += len(data)
        if after.get(name) != data:
            lost += len(data) - _common_prefix(data, after.get(name, b""))
    LEDGER.lost += lost
    assert lost == 0, f"{lost} bytes lost: {[n for n in before if after.get(n) != before[n]]}"
    new = [n for n in after if n not in before and not (temporaries_allowed and Path(n).name.startswith("."))]
    assert not new, f"new files: {new}"
    if not temporaries_allowed:
        assert not leftovers(folder), leftovers(folder)


def _common_prefix(a: bytes, b: bytes) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


# -- the fault injector --------------------------------------------------------------------------------


@attrs.define
class Faults:
    """Failures injected into the ``os`` calls that write files in ``folder`` (all other calls pass through).

    ``budget``: bytes that may be written in all before ``os.write`` fails with ``write_errno`` (a
    partial write first, as a full disk does); ``fsync``: ``os.fsync`` fails; ``create``: creating a
    file fails; ``replace_at``: the n-th rename into the folder raises ``replace_error``; ``no_links``:
    ``os.link`` fails as on a file system without hard links.
    """

    folder: str
    budget: int | None = None
    write_errno: int = errno.ENOSPC
    fsync: bool = False
    create: bool = False
    replace_at: int | None = None
    replace_error: Callable[[], BaseException] = lambda: PermissionError(errno.EACCES, "Permission denied")
    no_links: bool = False
    written: int = 0
    renames: int = 0
    fds: set[int] = attrs.field(factory=set)

    def mine(self, path: object) -> bool:
        return isinstance(path, str | os.PathLike) and os.path.abspath(os.fspath(path)).startswith(self.folder)

    def install(self, mp: pytest.MonkeyPatch) -> None:
        real_open, real_write, real_close = os.open, os.write, os.close
        real_fsync, real_replace, real_link = os.fsync, os.replace, os.link

        def open_(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
            writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
            if writing and self.mine(path) and self.create:
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            fd = real_open(path, flags, mode, dir_fd=dir_fd)
            if writing and self.mine(path):
                self.fds.add(fd)
            return fd

        def write(fd: int, data: Any) -> int:
            if fd in self.fds and self.budget is not None:
                room = self.budget - self.written
                if room <= 0:
                    raise OSError(self.write_errno, os.strerror(self.write_errno))
                data = bytes(data)[:room]
            n = real_write(fd, data)
            if fd in self.fds:
                self.written += n
            return n

        def close(fd: int) -> None:
            self.fds.discard(fd)
            real_close(fd)

        def fsync(fd: int) -> None:
            if self.fsync and fd in self.fds:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            real_fsync(fd)

        def replace(src: Any, dst: Any, **kw: Any) -> None:
            if self.mine(dst) and not os.path.basename(os.fspath(dst)).startswith("."):
                self.renames += 1
                if self.renames == self.replace_at:
                    raise self.replace_error()
            real_replace(src, dst, **kw)

        def link(src: Any, dst: Any, **kw: Any) -> None:
            if self.no_links and self.mine(dst):
                raise PermissionError(errno.EPERM, "Operation not permitted")
            real_link(src, dst, **kw)

        mp.setattr(os, "open", open_)
        mp.setattr(os, "write", write)
        mp.setattr(os, "close", close)
        mp.setattr(os, "fsync", fsync)
        mp.setattr(os, "replace", replace)
        mp.setattr(os, "link", link)


# -- what is written --------------------------------------------------------------------------------------


@attrs.frozen
class Writer:
    """One way isscoop writes files: its name, how many files it writes, and the call."""

    name: str
    files: int
    write: Callable[[Path], None]
    prepare: Callable[[Path], None]


def _old_dump(target: Path) -> None:
    isscoop.dump(small_dataset(), target)


def _cli_export(folder: Path) -> None:
    status = cli.main(["export", "csv", "-o", str(folder / "out.csv")])
    if status != 0:
        raise isscoop.FileError(f"isscoop export exited with {status}")


def _picture(folder: Path) -> None:
    ds = isscoop.dataset()
    fig = isscoop.plot.timeline([ds.meetings.get("bakanov-duffy-2025")], path=folder / "picture.svg")
    import matplotlib.pyplot as plt

    plt.close(fig)


def _prepare_folder(folder: Path) -> None:
    _old_dump(folder)
    (folder / "notes.txt").write_text("not isscoop's\n", encoding="utf-8")


def _old_data_json(folder: Path) -> None:
    _old_dump(folder / "data.json")


def _old_picture(folder: Path) -> None:
    (folder / "picture.svg").write_text("<svg/>", encoding="utf-8")


def _old_csv(folder: Path) -> None:
    isscoop.export.to_csv(isscoop.agencies, folder / "out.csv")


def _ignore(_: object) -> None:
    """A writer's result is not needed: only what it leaves in the folder."""


def _old_parquet(folder: Path) -> None:
    isscoop.export.to_parquet(small_dataset(), folder)
    (folder / "notes.txt").write_text("not isscoop's\n", encoding="utf-8")


WRITERS: Final = [
    Writer("dump to a file", 1, lambda f: isscoop.dump(isscoop.dataset(), f / "data.json"), _old_data_json),
    Writer("dump to a new file", 1, lambda f: isscoop.dump(isscoop.dataset(), f / "new.json"), lambda f: None),
    Writer("dump to a folder", 6, lambda f: isscoop.dump(isscoop.dataset(), f), _prepare_folder),
    Writer("to_csv", 1, lambda f: isscoop.export.to_csv(isscoop.dataset(), f / "out.csv"), _old_csv),
    Writer("to_parquet", 9, lambda f: _ignore(isscoop.export.to_parquet(isscoop.dataset(), f)), _old_parquet),
    Writer("isscoop export -o", 1, _cli_export, _old_csv),
    Writer("a saved picture", 1, _picture, _old_picture),
]  # fmt: skip


_SIZES: dict[str, int] = {}


def written_size(writer: Writer, scratch: Path) -> int:
    """How many bytes ``writer`` writes when nothing fails (measured once)."""
    if writer.name not in _SIZES:
        scratch.mkdir(parents=True, exist_ok=True)
        writer.prepare(scratch)
        before = snapshot(scratch)
        writer.write(scratch)
        after = snapshot(scratch)
        _SIZES[writer.name] = sum(len(v) for k, v in after.items() if before.get(k) != v)
    return _SIZES[writer.name]


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    import matplotlib

    matplotlib.use("Agg")
    isscoop.dataset()


def expect_failure(
    writer: Writer, folder: Path, faults: Faults, mp: pytest.MonkeyPatch, error: type[BaseException] = isscoop.FileError
) -> BaseException:
    """Run ``writer`` with ``faults``; it must raise ``error`` and leave the folder as it was."""
    folder.mkdir(exist_ok=True)
    writer.prepare(folder)
    before = snapshot(folder)
    with mp.context() as m, contextlib.redirect_stderr(io.StringIO()):
        faults.install(m)
        with pytest.raises(error) as info, hard_limit():
            writer.write(folder)
    check_unchanged(folder, before)
    if isinstance(info.value, isscoop.FileError):
        assert len(str(info.value)) < 300
    return info.value


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_a_failure_on_the_first_write(writer: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    error = expect_failure(writer, tmp_path, Faults(str(tmp_path), budget=0, write_errno=errno.EIO), monkeypatch)
    if writer.name != "isscoop export -o":
        assert isinstance(error, OSError) and error.errno == errno.EIO


@pytest.mark.parametrize("budget", [0, 1, 4096, 20_000, 65_537, 1_000_000])
@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_the_disk_full_after_n_bytes(
    writer: Writer, budget: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if budget >= written_size(writer, tmp_path / "scratch"):
        pytest.skip(f"{writer.name} writes less than {budget} bytes")
    error = expect_failure(writer, tmp_path / "target", Faults(str(tmp_path / "target"), budget=budget), monkeypatch)
    if writer.name != "isscoop export -o":
        assert isinstance(error, OSError) and error.errno == errno.ENOSPC


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_a_failed_sync(writer: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expect_failure(writer, tmp_path, Faults(str(tmp_path), fsync=True), monkeypatch)


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_no_permission_to_create_the_temporary_file(
    writer: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expect_failure(writer, tmp_path, Faults(str(tmp_path), create=True), monkeypatch)


def _renames() -> Iterator[tuple[Writer, int]]:
    for w in WRITERS:
        for k in range(1, w.files + 1):
            yield w, k


@pytest.mark.parametrize(("writer", "k"), list(_renames()), ids=lambda x: x.name if isinstance(x, Writer) else str(x))
@pytest.mark.parametrize("links", [True, False], ids=["hard links", "no hard links"])
def test_permission_denied_at_a_rename(
    writer: Writer, k: int, links: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = expect_failure(writer, tmp_path, Faults(str(tmp_path), replace_at=k, no_links=not links), monkeypatch)
    if writer.name != "isscoop export -o":
        assert isinstance(error, isscoop.FileError) and error.errno == errno.EACCES
        assert error.filename is not None and not Path(error.filename).name.startswith(".")  # the target, by name
        assert Path(error.filename).name in str(error)


@pytest.mark.parametrize("k", range(1, 7))
def test_ctrl_c_between_renames_puts_the_folder_back(k: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder_writer = next(w for w in WRITERS if w.name == "dump to a folder")
    faults = Faults(str(tmp_path), replace_at=k, replace_error=KeyboardInterrupt)
    expect_failure(folder_writer, tmp_path, faults, monkeypatch, error=KeyboardInterrupt)


# -- without faults: what a write keeps ------------------------------------------------------------------


def test_a_replaced_file_keeps_its_permissions_and_a_link_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    _old_dump(target)
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    isscoop.dump(isscoop.dataset(), link)
    assert link.is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert isscoop.load(target) == isscoop.dataset()
    new = tmp_path / "new.json"
    isscoop.dump(isscoop.dataset(), new)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    assert not leftovers(tmp_path)


def test_a_folder_dump_replaces_every_file_and_nothing_else(tmp_path: Path) -> None:
    _prepare_folder(tmp_path)
    isscoop.dump(isscoop.dataset(), tmp_path)
    assert isscoop.load(tmp_path) == isscoop.dataset()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not isscoop's\n"
    assert not leftovers(tmp_path)


@pytest.mark.parametrize("special", ["fifo", "/dev/null", "folder"])
def test_a_target_that_is_not_a_regular_file_is_refused(special: str, tmp_path: Path) -> None:
    if special == "fifo":
        target = tmp_path / "pipe.json"
        os.mkfifo(target)
    elif special == "folder":
        target = tmp_path / "out.csv"
        target.mkdir()
    else:
        target = Path(special)
    before = snapshot(tmp_path)
    write: Callable[[], None] = (
        (lambda: isscoop.export.to_csv(isscoop.agencies, target))
        if special == "folder"
        else (lambda: isscoop.dump(isscoop.dataset(), target))
    )
    with hard_limit(), pytest.raises(isscoop.FileError, match="not a regular file"):
        write()
    check_unchanged(tmp_path, before)


# -- real kills ------------------------------------------------------------------------------------------

CHILD: Final = textwrap.dedent(
    """
    import os, signal, stat, sys
    import isscoop

    mode, k, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    ds = isscoop.dataset()
    real_fsync, real_replace = os.fsync, os.replace
    count = [0, 0]

    def fsync(fd):
        real_fsync(fd)
        if stat.S_ISREG(os.fstat(fd).st_mode):
            count[0] += 1
            if mode == "kill-after-file" and count[0] == k:
                os.kill(os.getpid(), signal.SIGKILL)

    def replace(src, dst, **kw):
        count[1] += 1
        if count[1] == k and mode.startswith("rename-"):
            os.kill(os.getpid(), {"rename-kill": signal.SIGKILL, "rename-term": signal.SIGTERM,
                                  "rename-int": signal.SIGINT}[mode])
        real_replace(src, dst, **kw)

    os.fsync, os.replace = fsync, replace
    isscoop.dump(ds, folder)
    print("finished", flush=True)
    """
)


def _child(mode: str, k: int, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(k), str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def new_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files a folder dump of the bundled dataset writes, written without faults."""
    folder = tmp_path_factory.mktemp("expected")
    isscoop.dump(isscoop.dataset(), folder)
    return snapshot(folder)


@pytest.mark.parametrize("k", range(1, 7))
def test_a_kill_between_files_leaves_the_old_folder(k: int, tmp_path: Path) -> None:
    _prepare_folder(tmp_path)
    before = snapshot(tmp_path)
    done = _child("kill-after-file", k, tmp_path)
    assert done.returncode == -signal.SIGKILL, done.stderr
    check_unchanged(tmp_path, before, temporaries_allowed=True)
    assert isscoop.load(tmp_path) == small_dataset()


@pytest.mark.parametrize("k", range(1, 7))
def test_a_kill_between_renames_leaves_every_file_whole(k: int, tmp_path: Path, new_files: dict[str, bytes]) -> None:
    """The one window the writer cannot close: each file is still wholly old or wholly new."""
    _prepare_folder(tmp_path)
    before = snapshot(tmp_path)
    done = _child("rename-kill", k, tmp_path)
    assert done.returncode == -signal.SIGKILL, done.stderr
    after = snapshot(tmp_path)
    LEDGER.cases += 1
    for name in before:
        LEDGER.checked += len(before[name])
        assert after[name] in (before[name], new_files.get(name)), name
    renamed = [n for n in before if after[n] != before[n]]
    assert len(renamed) == k - 1  # the renames before the kill; the rest are old


@pytest.mark.parametrize("mode", ["rename-term", "rename-int"])
@pytest.mark.parametrize("k", [1, 3, 6])
def test_sigterm_or_ctrl_c_between_renames_waits_until_all_are_renamed(
    mode: str, k: int, tmp_path: Path, new_files: dict[str, bytes]
) -> None:
    _prepare_folder(tmp_path)
    done = _child(mode, k, tmp_path)
    assert done.returncode != 0 and "finished" not in done.stdout  # the signal did end the program
    after = snapshot(tmp_path)
    LEDGER.cases += 1
    for name, data in new_files.items():
        assert after[name] == data, name
    assert after["notes.txt"] == b"not isscoop's\n"


# -- reading never blocks ---------------------------------------------------------------------------------


def _specials(folder: Path) -> dict[str, Path]:
    """Things that are not regular files, each in a folder of its own (devices aside)."""

    def place(name: str) -> Path:
        own = folder / name.replace(" ", "-")
        own.mkdir()
        return own / "data.json"

    fifo = place("fifo")
    os.mkfifo(fifo)
    sock_path = place("socket")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    sock.close()
    inner = place("folder")
    inner.mkdir()
    link = place("symlink to a fifo")
    link.symlink_to(fifo)
    loop = place("symlink loop")
    loop.symlink_to(loop)
    big = place("over the size limit")
    with big.open("wb") as fh:
        fh.truncate(isscoop._atomic.MAX_FILE_BYTES + 1)  # sparse: no time to write
    return {
        "fifo": fifo,
        "socket": sock_path,
        "folder": inner,
        "symlink to a fifo": link,
        "symlink loop": loop,
        "over the size limit": big,
        "/dev/zero": Path("/dev/zero"),
        "/dev/null": Path("/dev/null"),
        "/dev/urandom": Path("/dev/urandom"),
    }


def timed(call: Callable[[], object]) -> BaseException:
    import time

    start = time.perf_counter()
    with hard_limit(), pytest.raises(isscoop.IsscoopError) as info:
        call()
    assert time.perf_counter() - start < LIMIT
    return info.value


def test_load_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    for name, path in _specials(tmp_path).items():
        # the path itself (a folder is read as a folder of files), and the folder that holds it
        paths = [path.parent] if name == "folder" else [path, path.parent]
        if str(path).startswith("/dev/"):
            paths = [path]
        for p in paths:
            for bundled in (False, True):
                error = timed(lambda p=p, b=bundled: isscoop.load(p, include_bundled=b))  # type: ignore[misc]
                assert isinstance(error, isscoop.DatasetError), (name, p)
                message = error.problems[0].message
                assert "not a regular file" in message or "too large" in message or "cannot read" in message, message
                LEDGER.cases += 1
        error = timed(lambda p=path: isscoop.export.read_csv(p))  # type: ignore[misc]
        assert isinstance(error, isscoop.FileError), name
        LEDGER.cases += 1


def test_a_folder_with_a_fifo_in_it_is_refused_not_waited_for(tmp_path: Path) -> None:
    isscoop.dump(small_dataset(), tmp_path)
    os.mkfifo(tmp_path / "zz-pipe.json")
    for bundled in (False, True):
        error = timed(lambda b=bundled: isscoop.load(tmp_path, include_bundled=b))  # type: ignore[misc]
        assert isinstance(error, isscoop.DatasetError)
        assert [p.file for p in error.problems] == [str(tmp_path / "zz-pipe.json")]
    status = timed_status(["validate", str(tmp_path)])
    assert status == 1
    LEDGER.cases += 3


def test_read_parquet_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    for name, path in _specials(tmp_path).items():
        if str(path).startswith("/dev/"):
            continue
        table = path.parent / "meetings.parquet"
        os.rename(path, table)  # the special thing in the place of a table
        error = timed(lambda f=path.parent: isscoop.export.read_parquet(f))  # type: ignore[misc]
        assert isinstance(error, isscoop.FileError), name
        assert "not a regular file" in str(error) or "at most" in str(error) or "cannot read" in str(error), str(error)
        LEDGER.cases += 1


def timed_status(argv: list[str]) -> int:
    with hard_limit(), contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        return cli.main(argv)


def test_a_fifo_swapped_in_after_the_stat_is_still_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "swapped.json"
    os.mkfifo(fifo)
    regular = tmp_path / "regular.json"
    isscoop.dump(small_dataset(), regular)
    real_stat = os.stat

    def stat_(path: Any, *args: Any, **kw: Any) -> os.stat_result:
        if os.fspath(path) == str(fifo):
            return real_stat(regular)  # the FIFO arrives between the stat and the open
        return real_stat(path, *args, **kw)

    monkeypatch.setattr(os, "stat", stat_)
    error = timed(lambda: isscoop.load(fifo))
    assert isinstance(error, isscoop.DatasetError)
    assert "a FIFO, not a regular file" in error.problems[0].message
    LEDGER.cases += 1


def test_hidden_files_in_a_folder_are_not_read(tmp_path: Path) -> None:
    """As with a glob: a hidden ``.x.json`` (or a temporary file of an interrupted write) is left alone."""
    isscoop.dump(small_dataset(), tmp_path)
    (tmp_path / ".editor-backup.json").write_text("not JSON", encoding="utf-8")
    (tmp_path / ".agencies.json.0123abcd.tmp").write_text("not JSON", encoding="utf-8")
    assert isscoop.load(tmp_path) == small_dataset()


def test_nothing_is_ever_lost() -> None:
    """The sum over every case above (run in this module before this test)."""
    assert LEDGER.lost == 0
