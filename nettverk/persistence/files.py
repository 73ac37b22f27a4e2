"""Files that hold personal data: created for the owner only (0600), never written through
anything but a regular file of ours."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from nettverk.domain.errors import DomainError

PRIVATE_MODE = 0o600


def create_private(path: Path) -> bool:
    """Create the file empty with mode 0600 if it does not exist; True if it was created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     PRIVATE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def check_target(path: Path, field: str, force: bool) -> None:
    """Refuse a path where something exists, unless `force` and it is a regular file."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    except ValueError:
        raise DomainError(field, "filnavnet kan ikke inneholde nulltegn") from None
    except OSError as exc:
        raise DomainError(field, f"kan ikke bruke {path}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(found.st_mode):
        raise DomainError(field, f"{path} er en symbolsk lenke; velg en ny fil")
    if not stat.S_ISREG(found.st_mode):
        raise DomainError(field, f"{path} finnes og er ikke en vanlig fil; velg en ny fil")
    if not force:
        raise DomainError(field, f"{path} finnes allerede; bruk --force for å erstatte den")


def write_private(path: Path, write: Callable[[Path], None], *, field: str = "path",
                  force: bool = False) -> Path:
    """Write a new file at the path through `write(temporary_path)`, mode 0600.

    The content is written to a temporary file next to it, then put in place: with `force` it
    replaces a regular file (a rename, which never writes through a link or into a device);
    without, an existing path is refused, also one that appears meanwhile."""
    check_target(path, field, force)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private(temporary)
    except OSError as exc:
        raise DomainError(field, f"kan ikke skrive i {path.parent}: {exc.strerror or exc}"
                          ) from None
    try:
        write(temporary)
        os.chmod(temporary, PRIVATE_MODE)
        if force:
            check_target(path, field, force)
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise DomainError(
                    field, f"{path} finnes allerede; bruk --force for å erstatte den") from None
            except OSError:  # a file system without hard links
                check_target(path, field, force)
                os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return path
