"""Keep jsonschema's IRI grammar out of the build's workers: 1.1 s of CPU a build.

jsonschema imports the format checkers of its `format-nongpl` extra where they are installed.
One of them, `rfc3987_syntax`, compiles a Lark grammar when it is imported: about 1.1 s.
JupyterLab installs that extra (through jupyter-events), so an analyst's environment pays it
in every process that imports nbformat, and papermill, nbclient and nbconvert all do. The
build's fork server imports them once before it forks the workers, so its start pays it.

Nothing in a worker checks a schema's "iri" format (nbformat validates notebooks without a
format checker). So the server marks the module absent before its imports, and jsonschema
skips that one checker, exactly as it does where the extra is not installed.

This relies on jsonschema importing the module inside `contextlib.suppress(ImportError)`.
tests/test_jsonschema_guard.py fails loudly if that changes.
"""

from __future__ import annotations

import sys

MODULE = "rfc3987_syntax"


def skip_iri_grammar() -> None:
    """Have this process's jsonschema import without `rfc3987_syntax` (before jsonschema)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault(MODULE, None)  # type: ignore[arg-type]
