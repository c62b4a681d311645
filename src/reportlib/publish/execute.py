"""Run a report notebook with papermill in a fresh kernel, and say clearly why it failed.

Every report gets its own kernel: nothing one report computes can leak into the next.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlib.errors import ExecutionError, KernelStartError

_NOTICE = "notice"


@dataclass(frozen=True)
class Executed:
    """An executed notebook, and the warnings its cells printed."""

    notebook: Any
    warnings: tuple[str, ...]


def execute_report(
    notebook_path: Path,
    parameters: dict[str, Any],
    *,
    cwd: Path,
    output_path: Path | None = None,
    timeout: float = 600.0,
    kernel_name: str | None = None,
    kernel_manager: Any = None,
) -> Executed:
    """Execute the notebook with the parameters injected, in ``cwd``, and return it.

    Parameters
    ----------
    output_path
        Where papermill writes the executed notebook (a temporary file the caller renames);
        on failure it holds the notebook up to the failing cell, with the error.
    kernel_manager
        A fresh kernel started ahead of time (jupyter_client KernelManager); papermill
        starts one when None. The caller shuts it down: a kernel serves one report only.

    Raises
    ------
    ExecutionError
        When a cell raises (naming the cell and the error), a cell runs past ``timeout``
        seconds, or the kernel dies.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    _inject_readably()
    try:
        notebook = papermill.execute_notebook(
            str(notebook_path),
            str(output_path) if output_path is not None else None,
            parameters=parameters,
            cwd=str(cwd),
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            start_timeout=120,
            **({"km": kernel_manager} if kernel_manager is not None else {}),
        )
    except PapermillExecutionError as error:
        raise _failure(error, notebook_path) from None
    except KernelStartError:
        raise  # the kernel never came up: the caller may try another
    except Exception as error:
        name = type(error).__name__
        if name == "DeadKernelError":
            message = f"{notebook_path.name}: the kernel died while running the report ({error})"
        elif name in ("CellTimeoutError", "TimeoutError"):
            message = (
                f"{notebook_path.name}: a cell ran longer than the {timeout:g} s allowed "
                "(--timeout); the kernel was stopped"
            )
        else:
            message = f"{notebook_path.name}: execution failed: {name}: {error}"
        raise ExecutionError(message) from error
    return Executed(notebook, tuple(_warnings(notebook)))


def _failure(error: Any, notebook_path: Path) -> ExecutionError:
    """Turn papermill's error into ours: the cell, the error's name and its message."""
    cell = int(error.exec_count) if error.exec_count is not None else None
    evalue = str(error.evalue).strip()
    if error.ename in ("DataError", "ParamsError"):
        # reportlib's own errors already name file, row, column and value.
        message = evalue
    else:
        where = f"cell {cell}" if cell is not None else "a cell"
        message = f"{notebook_path.name}, {where}: {error.ename}: {evalue}"
    failure = ExecutionError(message, cell=cell)
    failure.ename = error.ename  # type: ignore[attr-defined]
    return failure


@functools.cache
def _inject_readably() -> None:
    """Have papermill write string parameters as Python writes them: 'Tháp Mười', not
    "Th\\xe1p M\\u01b0\\u1eddi" (its translator escapes every letter outside ASCII).

    Registered through papermill's public translator registry, for this process.
    """
    from papermill.translators import PythonTranslator, papermill_translators

    class ReadablePythonTranslator(PythonTranslator):  # type: ignore[misc]
        @classmethod
        def translate_str(cls, val: Any) -> str:
            return repr(str(val))

    papermill_translators.register("python", ReadablePythonTranslator)


def _warnings(notebook: Any) -> list[str]:
    """Return reportlib's notices (displayed for the analyst) and the kernel's warnings."""
    found: list[str] = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            role = (output.get("metadata", {}).get("reportlib") or {}).get("role")
            if role == _NOTICE:
                text = str(output.get("data", {}).get("text/plain", ""))
                found.extend(line.strip() for line in text.splitlines()[1:] if line.strip())
                continue
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                for line in str(output.get("text", "")).splitlines():
                    if "Warning:" in line:
                        found.append(line.split("Warning:", 1)[1].strip())
    return found
