"""The fork server's guard against jsonschema's IRI grammar (reportlib.build._jsonschema)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

SCRIPT = """
import json, sys
from reportlib.build._jsonschema import MODULE, skip_iri_grammar
if sys.argv[1] == "guarded":
    skip_iri_grammar()
import jsonschema, nbformat
nbformat.validate(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]))
print(json.dumps({"loaded": sys.modules.get(MODULE) is not None,
                  "iri": "iri" in jsonschema.FormatChecker.checkers}))
"""


def run(mode: str) -> dict[str, bool]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"jsonschema or nbformat failed under the guard:\n{done.stderr}"
    result: dict[str, bool] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_jsonschema_and_nbformat_work_without_the_grammar() -> None:
    guarded = run("guarded")
    assert guarded == {"loaded": False, "iri": False}


def test_the_guard_still_has_something_to_skip() -> None:
    """Where the extra is installed (JupyterLab's environments), jsonschema must still be the
    one importing it at import time; if a release stops doing so, remove the guard."""
    plain = run("plain")
    installed = importlib.util.find_spec("rfc3987_syntax") is not None
    assert plain["loaded"] is installed
    assert plain["iri"] is installed


def test_the_fork_server_applies_the_guard_before_its_imports() -> None:
    from reportlib.build.workers import PRELOAD

    assert PRELOAD[0] == "reportlib.build._fork_server"
    script = (
        "import os, sys\n"
        "os.environ['REPORTLIB_FORK_SERVER'] = '1'\n"
        "import reportlib.build._fork_server\n"
        "import nbformat\n"
        "print(sys.modules.get('rfc3987_syntax', 'absent') is None, flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "True", done.stderr
