"""Imported by the build's fork server, first of its preloads (`workers.PRELOAD`).

The fork server (multiprocessing's) outlives the build process by its own exit: it notices that
the build is gone, then tears down papermill, nbconvert and WeasyPrint, about 0.2 s, with the
build's stdout and stderr still open, so whoever reads the build's output (a CI log, a pipe)
waits for it. The server holds nothing that needs tearing down (its workers are processes of
their own, which always end through os._exit), so it ends at once.

The build starts the server with REPORTLIB_FORK_SERVER=1 in its environment: that, and not
where the import happens, says this process is the server. Any other process that imports
this module (a worker, a test) is left alone.

In the server, jsonschema is kept from compiling a grammar no worker uses (`_jsonschema`).

The export workers that write .docx and .xlsx prepare each report again; they find its unit
as the planner resolved it (`reportlib.engine.handoff`), so nothing here loads the lists.
"""

from __future__ import annotations

import atexit
import os

VARIABLE = "REPORTLIB_FORK_SERVER"

if os.environ.get(VARIABLE) == "1":
    from reportlib.build._jsonschema import skip_iri_grammar

    os.environ.pop(VARIABLE)
    atexit.register(os._exit, 0)
    skip_iri_grammar()  # before the next preloads import nbformat
