"""reportlib: reproducible Vietnamese indicator reports from tables, through notebooks.

The notebook imports only from here. Heavy libraries (papermill, nbconvert, WeasyPrint) are
imported inside the functions that need them, so ``import reportlib`` stays light in a kernel.
"""

from __future__ import annotations

from reportlib.engine.model import Indicator, Target
from reportlib.engine.params import ReportParams, check_params, load_params, notebook_parameters
from reportlib.engine.report import Report, prepare_report
from reportlib.engine.select import select_report
from reportlib.engine.status import Counts, assess, count_statuses
from reportlib.engine.table import IndicatorTable, read_table
from reportlib.errors import (
    DataError,
    ExecutionError,
    ExportError,
    ParamsError,
    Problem,
    ReportlibError,
)
from reportlib.render.charts import chart
from reportlib.render.frames import frame, table
from reportlib.render.narrative import Html, count_sentence, render_part
from reportlib.render.notices import notices
from reportlib.render.overview import overview
from reportlib.render.overview_charts import overview_chart
from reportlib.version import __version__

__all__ = [
    "Counts",
    "DataError",
    "ExecutionError",
    "ExportError",
    "Html",
    "Indicator",
    "IndicatorTable",
    "ParamsError",
    "Problem",
    "Report",
    "ReportParams",
    "ReportlibError",
    "Target",
    "__version__",
    "assess",
    "chart",
    "check_params",
    "count_sentence",
    "count_statuses",
    "frame",
    "load_params",
    "notebook_parameters",
    "notices",
    "overview",
    "overview_chart",
    "prepare_report",
    "read_table",
    "render_part",
    "select_report",
    "table",
]
