"""The engine's text helpers verify uses, reached from one place.

Cleaning a cell's text (NFC, the legacy letters Ƣ ƣ, invisible characters), folding it for
accent-insensitive matching, and naming a legacy font encoding: the draft is read with the
same rules as the table it is checked against.
"""

from __future__ import annotations

from reportlib.engine.text import clean_text, fold, legacy_encoding

__all__ = ["clean_text", "fold", "legacy_encoding"]
