"""The command line: parse arguments, call the library, turn errors into one block and a status.

Exit status: 0 all good, 1 some reports failed (each named with its reason), 2 bad command line
or settings.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from reportlib.errors import ParamsError, ReportlibError
from reportlib.version import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportlib",
        description="Build Vietnamese indicator reports from tables and params files.",
    )
    parser.add_argument("--version", action="version", version=f"reportlib {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    parser.add_argument(
        "--lang",
        choices=("en", "vi"),
        default=None,
        help="the language of messages (default: from the locale, LANG=vi_VN.UTF-8: vi)",
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="the project root (default: found from here)"
    )
    parser.add_argument(
        "--allow-outside-data",
        action="store_true",
        help="accept input tables outside the project root",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build reports (HTML, PDF) from params files")
    build.add_argument("paths", nargs="*", metavar="PATH", help="params files or folders")
    build.add_argument("--jobs", "-j", type=int, default=None, help="parallel reports")
    build.add_argument(
        "--format",
        action="append",
        default=None,
        help="output formats, comma-separated or repeated: html, pdf, docx, xlsx "
        "(default: each params file's 'formats:', else html,pdf)",
    )
    build.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    build.add_argument("--shard", default=None, metavar="K/N", help="build the K-th of N shares")
    build.add_argument("--outputs", type=Path, default=None, help="output folder")
    build.add_argument(
        "--timeout", type=float, default=600.0, help="seconds a notebook cell may run"
    )
    build.add_argument(
        "--launch-kernels",
        action="store_true",
        help="start each kernel as a new process instead of forking it from a warm template",
    )

    check = commands.add_parser("check", help="validate params files and their tables")
    check.add_argument("paths", nargs="*", metavar="PATH", help="params files, folders or tables")

    status = commands.add_parser("status", help="show one report's statuses without building")
    status.add_argument("params", metavar="PARAMS", help="a params file")
    status.add_argument("--json", action="store_true", help="print JSON for programs")
    status.add_argument("--csv", action="store_true", help="print the indicator table as CSV")

    inspect = commands.add_parser(
        "inspect", help="show how a table's headers, rows and targets read"
    )
    inspect.add_argument("table", metavar="TABLE", help="a .csv or .xlsx table")
    inspect.add_argument("--sheet", default=None, help="the workbook's sheet")
    inspect.add_argument(
        "--params", default=None, metavar="P", help="read it as this params file does"
    )
    inspect.add_argument("--json", action="store_true", help="print JSON for programs")

    index = commands.add_parser(
        "index", help="gather outputs built elsewhere (CI jobs) and write the index page"
    )
    index.add_argument("parts", nargs="*", metavar="FOLDER", help="outputs folders to merge")
    index.add_argument("--outputs", type=Path, default=None, help="output folder")

    verify = commands.add_parser("verify", help="check a report written by hand (.docx .pdf .txt)")
    verify.add_argument("draft", type=Path, metavar="DRAFT", help="the draft to check")
    verify.add_argument("--params", type=Path, default=None, help="the report's params file")
    verify.add_argument("--json", action="store_true", help="print JSON for programs")

    preview = commands.add_parser(
        "preview", help="build one report, serve it on 127.0.0.1 and rebuild it on save"
    )
    preview.add_argument("params", type=Path, metavar="PARAMS", help="a params file")
    preview.add_argument("--port", type=int, default=8765, help="the port (0: any free one)")
    preview.add_argument(
        "--no-browser", action="store_true", help="do not open the page in a browser"
    )
    preview.add_argument(
        "--timeout", type=float, default=600.0, help="seconds a notebook cell may run"
    )

    listing = commands.add_parser("list", help="list params files, e.g. for a CI matrix")
    listing.add_argument("paths", nargs="*", metavar="PATH", help="params files or folders")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.add_argument("--shard", default=None, metavar="K/N", help="only the K-th of N shares")
    listing.add_argument(
        "--by-province",
        action="store_true",
        help="group by province (with --json: one CI job per province)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and EXIT_USAGE
    if args.lang is not None:
        from reportlib.i18n import set_language

        set_language(args.lang)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "status":
            return _status(args)
        if args.command == "list":
            return _list(args)
        if args.command == "build":
            return _build(args)
        if args.command == "inspect":
            from reportlib.cli.inspect import run_inspect

            return run_inspect(
                args.table,
                sheet=args.sheet,
                params=args.params,
                as_json=args.json,
                root=_root(args),
            )
        if args.command == "index":
            return _index(args)
        if args.command == "preview":
            return _preview(args)
        if args.command == "verify":
            from reportlib.cli.verify import run_verify

            return run_verify(args.draft, args.params, args.json, _root(args))
    except ReportlibError as error:
        if args.debug:
            raise
        print(f"reportlib: {_translated_error(error)}", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, ParamsError) else EXIT_FAILED
    except KeyboardInterrupt:
        from reportlib.i18n import gettext

        interrupted = gettext("interrupted")
        print(f"reportlib: {interrupted}", file=sys.stderr)
        return 130
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover - argparse checks
    return EXIT_USAGE  # pragma: no cover


def _translated_error(error: ReportlibError) -> str:
    """Return an error's message with its head in the language of messages."""
    from reportlib.errors import DataError

    if isinstance(error, DataError):
        return _translated_head(str(error), len(error.problems))
    return str(error)


def _translated_head(text: str, count: int, table: str | None = None) -> str:
    """Put the head of a table error ('2 problems in the input table') in the language of
    messages, naming the table when it is known.

    The detail (file, row, column, value, what was expected) stays as the error wrote it,
    in English.
    """
    from reportlib.i18n import format_number, gettext, ngettext

    english = f"{count} problem{'s' if count != 1 else ''} in the input table"
    head = ngettext("{count} problem in {table}", "{count} problems in {table}", count)
    where = table or gettext("the input table")
    return text.replace(english, head.format(count=format_number(count), table=where), 1)


def _root(args: argparse.Namespace) -> Path:
    from reportlib.engine.params import project_root

    return (args.root or project_root()).resolve()


def _check(args: argparse.Namespace) -> int:
    from reportlib.engine.check import check_paths
    from reportlib.i18n import format_number, gettext, ngettext

    result = check_paths(args.paths, _root(args), allow_outside_data=args.allow_outside_data)
    ok, warning, failed = gettext("ok"), gettext("warning"), gettext("FAILED")
    width = max(len(ok), len(warning), len(failed))
    for report in result.reports:
        if report.ok:
            facts = gettext("({unit} {year}, {months} months, {count} indicators)").format(
                unit=report.unit,
                year=report.year,
                months=report.period_months,
                count=format_number(report.indicators),
            )
            print(f"{ok:<{width}} {report.params_file} {facts}")
            for notice in report.notices:
                print(f"{warning:<{width}} {report.params_file}: {notice}")
        else:
            count = len(report.problems)
            why = (
                ngettext("{count} problem", "{count} problems", count).format(
                    count=format_number(count)
                )
                if count
                else gettext("bad params")
            )
            print(f"{failed:<{width}} {report.params_file}: {why}")
            error = report.error
            if report.problems:
                translated = _translated_head(error, len(report.problems))
                error = f"{report.params_file}:\n{translated}"
            print(error, file=sys.stderr)
    for table in result.tables.values():
        for guess in table.guesses:
            words = gettext(
                "'{indicator}': guessed kind {kind} ({kind_source}), direction {direction} "
                "({direction_source}); state it in a Loại/Chiều column or in the catalogue"
            ).format(
                indicator=guess.indicator,
                kind=guess.kind,
                kind_source=gettext(_SOURCE_WORDS[guess.kind_source]),
                direction=guess.direction,
                direction_source=gettext(_SOURCE_WORDS[guess.direction_source]),
            )
            print(f"{warning:<{width}} {table.path}: {words}")
        if table.error:
            print(_translated_head(table.error, len(table.problems), table.path), file=sys.stderr)
        elif table.problems:
            count = len(table.problems)
            listed = "\n".join(f"  - {p}" for p in table.problems)
            head = ngettext(
                "{count} problem in the table", "{count} problems in the table", count
            ).format(count=format_number(count))
            print(f"{table.path}: {head}:\n{listed}", file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FAILED


def _no_translation(message: str) -> str:
    """Mark a message for the catalogue, translated where it is shown."""
    return message


_SOURCE_WORDS = {
    "table": _no_translation("from the table"),
    "catalogue": _no_translation("from the catalogue"),
    "wording": _no_translation("from the target's wording"),
    "builtin": _no_translation("from the built-in catalogue"),
    "default": _no_translation("the default"),
}


def _status(args: argparse.Namespace) -> int:
    from reportlib.engine.params import load_params
    from reportlib.engine.report import prepare_report
    from reportlib.i18n import gettext
    from reportlib.render.summary import status_csv, status_json, status_text

    root = _root(args)
    params = load_params(args.params)
    report = prepare_report(params, root=root, allow_outside_data=args.allow_outside_data)
    for notice in report.notices:
        label = gettext("warning")
        print(f"reportlib: {label}: {notice}", file=sys.stderr)
    if args.json:
        print(json.dumps(status_json(report), ensure_ascii=False, indent=2))
    elif args.csv:
        sys.stdout.write(status_csv(report))
    else:
        print(status_text(report))
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from reportlib.build.shard import parse_shard, take_shard
    from reportlib.engine.params import find_params_files

    root = _root(args)
    files = find_params_files(args.paths, root)
    if args.shard:
        files = take_shard(files, parse_shard(args.shard), root)
    if args.by_province:
        from reportlib.build.provinces import group_by_province

        groups = group_by_province(files, root)
        if args.json:
            print(json.dumps(groups, ensure_ascii=False))
        else:
            for group in groups:
                paths = group["paths"]
                assert isinstance(paths, list)
                print(f"{group['name']}: {len(paths)} params files")
        return EXIT_OK
    shown = [_relative(p, root) for p in files]
    if args.json:
        print(json.dumps(shown, ensure_ascii=False))
    else:
        for name in shown:
            print(name)
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from reportlib.build.run import BuildOptions, build_reports
    from reportlib.engine.params import output_formats

    root = _root(args)
    formats: tuple[str, ...] | None = None
    if args.format is not None:
        problems: list[str] = []
        formats = output_formats(",".join(args.format), "--format", problems.append)
        if problems:
            raise ParamsError("\n".join(problems))
    if args.jobs is not None and args.jobs < 1:
        raise ParamsError("--jobs: expected a whole number of at least 1")
    options = BuildOptions(
        root=root,
        outputs=(args.outputs or root / "outputs").resolve(),
        formats=formats,
        force=args.force,
        jobs=args.jobs,
        shard=args.shard,
        timeout=args.timeout,
        allow_outside_data=args.allow_outside_data,
        fork_kernels=not args.launch_kernels,
    )
    summary = build_reports(args.paths, options)
    return EXIT_OK if summary.ok else EXIT_FAILED


def _preview(args: argparse.Namespace) -> int:
    from reportlib.build.plan import BuildOptions
    from reportlib.build.preview import preview

    if not args.params.is_file():
        raise ParamsError(f"{args.params}: no such params file")
    root = _root(args)
    options = BuildOptions(
        root=root,
        outputs=root / "outputs",
        formats=("html",),
        timeout=args.timeout,
        allow_outside_data=args.allow_outside_data,
        progress=False,
    )
    preview(
        args.params,
        options,
        port=args.port,
        open_browser=not args.no_browser,
        say=lambda line: print(line, file=sys.stderr, flush=True),
    )
    return EXIT_OK


def _index(args: argparse.Namespace) -> int:
    from reportlib.build.index import merge_outputs
    from reportlib.build.lock import OutputsLock

    outputs = (args.outputs or _root(args) / "outputs").resolve()
    outputs.mkdir(parents=True, exist_ok=True)
    with OutputsLock(outputs):
        manifest = merge_outputs([Path(p) for p in args.parts], outputs)
    failed = [n for n, e in manifest.reports.items() if e.status != "ok"]
    print(
        f"reportlib: {len(manifest.reports)} reports in {outputs / 'index.html'}", file=sys.stderr
    )
    for name in failed:
        print(f"  failed: {name}: {manifest.reports[name].error}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
