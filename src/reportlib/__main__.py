"""``python -m reportlib`` is the same as ``reportlib``."""

from __future__ import annotations

import sys

from reportlib.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
