"""Reach the engine's text helpers from one place, wherever the engine keeps them.

The helpers that clean a cell's text (NFC, the legacy letters Ƣ ƣ, invisible characters),
fold it for accent-insensitive matching and name a legacy font encoding live in
``reportlib.engine.cells`` on this branch and in ``reportlib.engine.text`` on main. Every
module of verify imports them from here, so that the merge touches this file only.
"""

from __future__ import annotations

try:
    from reportlib.engine.text import (  # type: ignore[import-not-found, unused-ignore]
        clean_text,
        fold,
        legacy_encoding,
    )
except ImportError:
    from reportlib.engine.cells import clean_text, fold, legacy_encoding

__all__ = ["clean_text", "fold", "legacy_encoding"]
