"""Atomic, durable file replacement: temporary file, fsync, rename, directory fsync."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from watchlist.storage.errors import UnusablePath

Signature = tuple[int, int, int, int]
"""What identifies one version of a file on disk: device, inode, size, mtime."""


def signature(path: Path) -> Signature | None:
    """The file's current signature, or None when it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def real_path(path: Path) -> Path:
    """The file a save replaces: a symbolic link's final target, else `path` itself.

    Saving through a link must replace the target (in a synced or dotfiles
    folder, say), not turn the link into a plain file beside it.
    """
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=True)
    except FileNotFoundError:
        raise UnusablePath(
            f"{path} is a symbolic link to {os.readlink(path)}, which does not exist; "
            "create the target or point --db elsewhere"
        ) from None
    except (RuntimeError, OSError) as error:  # a loop (RuntimeError before Python 3.13)
        if isinstance(error, OSError) and error.errno != errno.ELOOP:
            raise UnusablePath(f"cannot follow the link {path}: {error.strerror}") from None
        raise UnusablePath(f"{path} is a symbolic link that loops back on itself") from None


def check_database_path(path: Path, *, make_folder: bool = False) -> None:
    """Refuse, before anything is created or renamed, a database path that cannot be a
    database: anything but a regular file (a folder, a device, a pipe, a socket), or a
    missing file in a folder that does not exist (the default data folder, and only it,
    is made: `make_folder`)."""
    if not str(path) or str(path) == ".":
        raise UnusablePath("the database path is empty: give a file, such as watchlist.json")
    target = real_path(path)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise UnusablePath(f"cannot use {path} as the database: {error.strerror}") from None
    if mode is not None:
        if not stat.S_ISREG(mode):
            raise UnusablePath(
                f"{path} is {_kind(mode)}, not a database file; give a file, such as watchlist.json"
            )
        return
    folder = target.parent
    if make_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UnusablePath(f"cannot make the folder {folder}: {error.strerror}") from None
    if not folder.is_dir():
        raise UnusablePath(
            f"the folder {folder} does not exist: make it first, or give another path"
        )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def cannot_write(path: Path) -> str | None:
    """Why `path` cannot be saved (a read-only file or folder), or None."""
    target = real_path(path)
    if target.exists() and not os.access(target, os.W_OK):
        return f"the file {path} is read-only"
    folder = target.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only"
    return None


def temp_name(path: Path) -> Path:
    # os.urandom rather than secrets: the same bytes, without 7 ms of imports.
    return path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")


def stale_temps(path: Path, *others: Path) -> list[Path]:
    """Temporary files a killed writer left next to `path` (and next to `others`, files
    in the same folder: one look at the folder serves them all).

    Writers only create them while holding the database lock, so any found by
    a holder of the lock are abandoned.
    """
    prefixes, suffix = tuple(f".{p.name}." for p in (path, *others)), ".tmp"
    try:
        names = [entry.name for entry in os.scandir(path.parent)]
    except FileNotFoundError:
        return []
    return sorted(
        path.parent / name for name in names if name.startswith(prefixes) and name.endswith(suffix)
    )


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def fsync_directory(directory: Path, fd: int | None = None) -> None:
    """Make a rename inside `directory` durable (through `fd` when one is kept open)."""
    if fd is not None:
        os.fsync(fd)
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(
    path: Path,
    payload: bytes | Iterable[bytes | memoryview],
    *,
    keep_previous: bool = False,
    directory_fd: int | None = None,
) -> Signature:
    """Replace `path` with `payload` so that a crash leaves the old or the new file, whole.

    `payload` may come in pieces, written as they are made (a large database is then
    never held whole as bytes); a failure while making them leaves the file untouched.

    With `keep_previous`, the file being replaced stays reachable as `<name>.bak`
    (a hard link, so it costs no copy): the last good copy used for recovery.
    `directory_fd`, an open descriptor of the folder, saves opening it per save.
    A symbolic link is followed: its target is replaced, in the target's folder.
    """
    path = real_path(path)
    temp = temp_name(path)
    try:
        mode = os.stat(path).st_mode & 0o7777  # the replacement keeps the file's mode
    except FileNotFoundError:
        mode = 0o600
    # Made with the file's own mode, so that it is set again (a metadata write, about
    # 25 us) only where the umask took bits away from it.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            if os.fstat(fd).st_mode & 0o7777 != mode:
                os.fchmod(fd, mode)
            _write_all(fd, [payload] if isinstance(payload, bytes) else payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_previous:
            _link_backup(path)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_directory(path.parent, directory_fd)
    result = signature(path)
    assert result is not None
    return result


WRITTEN_AT_ONCE = 1 << 20
"""Bytes of pieces gathered for one system call: a small library's file in one, while
a large one's freshly encoded pieces are written as they come, never held all at once."""


def _pieces_at_once() -> int:
    """Buffers a `writev` may take: the system's limit (POSIX allows no fewer than 16;
    Linux and macOS, 1,024), at most 64, as a save has about twenty pieces."""
    try:
        limit = os.sysconf("SC_IOV_MAX")
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        limit = -1
    return min(limit, 64) if limit >= 16 else 16


_PIECES_AT_ONCE = _pieces_at_once()


def _write_all(fd: int, pieces: Iterable[bytes | memoryview]) -> None:
    """Write every piece, in order: gathered into one `writev` a batch, so a file saved
    table by table (its unchanged tables as the bytes read) costs a small library one
    system call, as a single encoding would."""
    batch: list[memoryview] = []
    size = 0
    for piece in pieces:
        view = memoryview(piece)
        if not view:
            continue
        batch.append(view)
        size += len(view)
        if size >= WRITTEN_AT_ONCE or len(batch) >= _PIECES_AT_ONCE:
            _write_batch(fd, batch)
            batch, size = [], 0
    _write_batch(fd, batch)


def _write_batch(fd: int, views: list[memoryview]) -> None:
    at = 0  # the first view not wholly written
    while at < len(views):
        # (os.write where there is no writev: a piece a call)
        written = _writev(fd, views[at:]) if _writev else os.write(fd, views[at])
        # A short write (a signal, a quota) goes on from where it stopped.
        while at < len(views) and written >= len(views[at]):
            written -= len(views[at])
            at += 1
        if written:
            views[at] = views[at][written:]


_writev = getattr(os, "writev", None)


def _link_backup(path: Path) -> None:
    backup = backup_path(path)
    link = temp_name(backup)
    try:
        os.link(path, link)
        os.replace(link, backup)
    except FileNotFoundError:
        return  # the first save: nothing to keep yet
    except OSError:
        # A filesystem without hard links only loses the backup, never the save.
        with contextlib.suppress(OSError):
            os.unlink(link)


SET_ASIDE = ".damaged-"
"""Between a damaged file's name and the stamp it is set aside under."""
KEPT = ".undo-"
"""Between a file's name and the random part of a version kept for an undo."""


def copy_of(name: str, original: str) -> bool:
    """Whether `name` is a file set aside or kept for an undo from the file `original`."""
    return name.startswith((original + SET_ASIDE, f".{original}{KEPT}"))


def kept_prefix(path: Path) -> str:
    """How the names of `path`'s versions kept for an undo begin."""
    return f".{path.name}{KEPT}"


def set_aside(path: Path, stamp: str) -> Path:
    """Rename a damaged file out of the way, never overwriting anything."""
    for attempt in range(1000):
        suffix = SET_ASIDE + stamp + (f"-{attempt}" if attempt else "")
        target = path.with_name(path.name + suffix)
        try:
            # link + unlink instead of rename: link fails if the target exists.
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError:
            if target.exists():
                continue
            os.rename(path, target)  # no hard links on this filesystem
        else:
            os.unlink(path)
        fsync_directory(path.parent)
        return target
    raise OSError(f"could not find a free name to set {path.name} aside")


def keep_version(path: Path) -> Path:
    """Keep the file's current version under a new name beside it (a hard link, else a
    copy), for an undo to put back."""
    kept = path.with_name(kept_prefix(path) + os.urandom(4).hex())
    try:
        os.link(path, kept)
    except OSError:
        import shutil  # deferred: only where hard links do not exist

        shutil.copy2(path, kept)
    fsync_directory(path.parent)
    return kept


def restore_kept(kept: Path, path: Path) -> None:
    """Put a kept version back in place, atomically; the kept name stays until the undo
    is saved."""
    write_atomically(path, kept.read_bytes())
