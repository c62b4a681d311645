"""The language of what reportlib says to a person: English, or Vietnamese from one catalogue.

Messages are written in English in the code, wrapped in `gettext` (``_``), and translated
through one gettext catalogue, ``reportlib/locale/vi/LC_MESSAGES/reportlib.po``. Babel
compiles it when a Vietnamese message is first asked for (a few milliseconds, once per
process): no compiled ``.mo`` to go stale or be missing from a fresh clone. A test holds the
catalogue and the code in step (every message in the code is translated). The language is,
in order: the one `set_language` chose (the command line's ``--lang``), ``$REPORTLIB_LANG``
(which ``--lang`` also sets, so that a build's workers and kernels speak it too), then the
locale (``$LANGUAGE``, ``$LC_ALL``, ``$LC_MESSAGES``, ``$LANG``): Vietnamese when it names vi,
English otherwise.

A report's own text (its language is the params file's ``language``) is not translated here:
the report templates have one file per language.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
import os
from pathlib import Path

LANGUAGES = ("en", "vi")
DOMAIN = "reportlib"
LOCALE_FOLDER = Path(__file__).resolve().parent / "locale"
VARIABLE = "REPORTLIB_LANG"
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: str | None = None


def set_language(language: str | None) -> None:
    """Speak ``language`` ('vi' or 'en') from now on, in this process and the ones it starts.

    None forgets the choice: the environment decides again.
    """
    global _chosen
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose from {', '.join(LANGUAGES)}")
    _chosen = language
    if language is None:
        os.environ.pop(VARIABLE, None)
    else:
        os.environ[VARIABLE] = language


def language_of_locale(value: str) -> str | None:
    """Return 'vi' or 'en' for a locale setting ('vi_VN.UTF-8', 'en_US:vi', 'C'), None if blank."""
    if not value:
        return None
    first = value.split(":")[0].strip()
    if not first:
        return None
    return "vi" if first.lower().startswith("vi") else "en"


def current_language() -> str:
    """Return the language messages are given in now: 'vi' or 'en'."""
    if _chosen is not None:
        return _chosen
    configured = os.environ.get(VARIABLE, "").strip().lower()
    if configured in LANGUAGES:
        return configured
    for name in _LOCALE_VARIABLES:
        found = language_of_locale(os.environ.get(name, ""))
        if found is not None:
            return found
    return "en"


def catalogue_path(language: str) -> Path:
    """Return the path of a language's catalogue (.po)."""
    return LOCALE_FOLDER / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def _translations(language: str) -> _gettext.NullTranslations:
    if language == "en":
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalogue_path(language).open("rb") as po:
        catalogue = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def gettext(message: str) -> str:
    """Return ``message`` in the current language."""
    return _translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the singular or the plural of a message, for ``count``, in the current language."""
    return _translations(current_language()).ngettext(singular, plural, count)


_ = gettext


def format_number(value: float | int, decimals: int = 2, language: str | None = None) -> str:
    """Write a number for the terminal in the language's format: 4.850 and 285,6 (vi).

    For numbers the command line states itself (counts, seconds); a report's figures are
    written in the report's language by `reportlib.render.formatting`.
    """
    language = language or current_language()
    text = f"{value:,.{decimals}f}" if isinstance(value, float) else f"{value:,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if language == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_fixed(value: float, places: int = 1, language: str | None = None) -> str:
    """Write a measure with a fixed number of decimals for the terminal: 3.2 s, 3,2 giây (vi)."""
    text = f"{value:,.{places}f}"
    if (language or current_language()) == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
