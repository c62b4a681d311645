"""Split the reports into N stable shares, for CI matrices and several machines."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from reportlib.errors import ParamsError


def parse_shard(text: str) -> tuple[int, int]:
    """Parse 'K/N' (1 <= K <= N) into (K, N).

    Raises
    ------
    ParamsError
        For anything else.
    """
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError:
        raise ParamsError(f"--shard: value {text!r} is not K/N, such as 1/4") from None
    if not 1 <= k <= n:
        raise ParamsError(f"--shard: value {text!r} needs 1 <= K <= N")
    return k, n


def shard_of(name: str, count: int) -> int:
    """Return the share (1..count) a report belongs to, from a hash of its params path.

    A hash, not the position in a sorted list, so that adding a report moves no other.
    """
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def take_shard(files: Sequence[Path], shard: tuple[int, int], root: Path) -> list[Path]:
    """Keep the files of share K of N, named relative to ``root``."""
    k, n = shard
    kept = []
    for file in files:
        try:
            name = file.resolve().relative_to(root).as_posix()
        except ValueError:
            name = file.as_posix()
        if shard_of(name, n) == k:
            kept.append(file)
    return kept
