"""What the kernel template (the zygote) imports and warms up before it forks any kernel.

Everything loaded here is shared, copy-on-write, by every kernel forked later: a kernel finds
ipykernel, matplotlib's fonts, reportlib's templates and the official unit lists in memory.
"""

from __future__ import annotations


def preload() -> None:
    """Import and warm up what every report kernel needs (in the zygote, before any fork)."""
    # What IPKernelApp.initialize imports: the debugger alone (debugpy, pdb, http.server)
    # took 0.09 of a forked kernel's 0.13 CPU-seconds of start-up when left to each kernel.
    import faulthandler  # noqa: F401
    import pdb  # noqa: F401
    import sqlite3  # noqa: F401

    import ipykernel.debugger
    import ipykernel.ipkernel
    import ipykernel.kernelapp
    import ipykernel.zmqshell  # noqa: F401
    import IPython.extensions  # noqa: F401
    import markdown_it
    import nh3
    import tornado.platform.asyncio  # noqa: F401
    from matplotlib.figure import Figure

    import reportlib
    import reportlib.engine.provenance
    import reportlib.engine.report
    import reportlib.engine.units
    import reportlib.render.charts
    import reportlib.render.phone_charts
    from reportlib.render.narrative import _environment

    # Compiling a Jinja template takes 0.08 s: the Vietnamese report's here, once; the English
    # report's and the province overview's in the few kernels that need them.
    _environment().get_template("vi.html.j2")
    # Not the official lists of units (0.7 s, on the path of every build's first report): a
    # kernel finds its unit as the build's planner resolved it (reportlib.engine.handoff).
    markdown_it.MarkdownIt("commonmark").render("**ấm**")
    nh3.clean("<p>ấm</p>")
    # Load the fonts and the PNG writer once: every kernel forked later finds them in memory.
    # A Figure drawn by its own canvas: no pyplot, so no backend is chosen here.
    figure = Figure(figsize=(2, 1), dpi=72)
    axes = figure.add_subplot()
    axes.set_title("Ước tính ĐẠT", fontweight="bold")
    axes.text(0.5, 0.5, "Tháp Mười 01/11", fontsize=8)
    axes.barh([0], [1], hatch="///")
    reportlib.render.charts.png_bytes(figure)
    # Draw a text of every size and weight the charts write in: matplotlib caches the font it
    # finds for each size, and each lookup a kernel made itself cost about a millisecond.
    sizes = Figure(figsize=(2, 1), dpi=72)
    for size in (6, 6.5, 7, 7.5, 8, 8.5, 9, 10, 11, 12):
        for weight in ("normal", "bold"):
            sizes.text(0.5, 0.5, "ấ", fontsize=size, fontweight=weight)
    reportlib.render.charts.png_bytes(sizes)
    # The analyst's own cells (the notebook's example among them) use pandas through rl.frame
    # and rl.table: 0.15 s of import and Styler templates, once here instead of in each kernel.
    import pandas

    from reportlib.render.frames import table

    table(pandas.DataFrame({"a": [1.5]}), language="vi")
    # Move everything loaded so far out of the collector's reach: a kernel's garbage
    # collections would otherwise write to every object's header and copy the whole heap,
    # page by page, out of memory it shares with the zygote.
    import gc

    gc.collect()
    gc.freeze()
