"""The command line: ``run``, ``health``, ``ask``, ``scan``, ``check``, ``audit`` and ``import-policy``.

``ask --jsonl`` and ``scan --jsonl`` are the streaming contract the evaluation
scripts rely on: one JSON object in, one out, flushed, in order. A line that is
not valid JSON (a blank line too) gets an ``{"error": ...}`` line in its place,
so the stream never falls out of step; a reader that stops reading (``| head``)
ends it quietly. A setting that cannot be used is one ``error: NAME: ...`` line,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TextIO

from bot import logs
from bot.settings import Settings
from bot.yamlfile import ConfigError, Problem

log = logging.getLogger(__name__)


BOM = b"\xef\xbb\xbf"


class _Sink(Protocol):
    def write(self, data: bytes, /) -> object: ...

    def flush(self) -> None: ...


class _TextSink:
    """A text stream without a byte layer (a caller's StringIO) behind the interface :func:`_stream` writes to."""

    def __init__(self, text: TextIO) -> None:
        self.text = text

    def write(self, data: bytes, /) -> object:
        return self.text.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.text.flush()


def _stdio_stream(answer: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """:func:`_stream` over this process's stdin and stdout, as bytes (a caller may have swapped in text streams)."""
    stdin: Iterable[bytes] = getattr(sys.stdin, "buffer", None) or (
        line.encode("utf-8", "surrogatepass") for line in sys.stdin
    )
    stdout: _Sink = getattr(sys.stdout, "buffer", None) or _TextSink(sys.stdout)
    _stream(stdin, stdout, answer)


def _stream(lines: Iterable[bytes], out: _Sink, answer: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """One output line for every input line, blank ones included, flushed, in order.

    Lines are read as bytes and split on newline only, so a stray carriage return or a line that is not UTF-8
    costs that line an ``{"error": ...}``, never the stream its alignment. A byte-order mark opening the
    stream (Windows editors write one) is not part of the first line.
    """
    first = True
    for raw in lines:
        if first and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        first = False
        result = _answer_line(raw.rstrip(b"\r\n"), answer)
        try:
            data = json.dumps(result, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a \ud800 escape in the input: escape it instead
            data = json.dumps(result).encode("ascii")
        out.write(data + b"\n")
        out.flush()


def _answer_line(raw: bytes, answer: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"error": "bad input line: not UTF-8 text"}
    if not line.strip():
        return {"error": "bad input line: empty (expected a JSON object)"}
    try:
        item = json.loads(line)
        if not isinstance(item, dict):
            raise ValueError("expected a JSON object")
        return answer(item)
    except (ValueError, TypeError) as exc:
        return {"error": f"bad input line: {exc}"}
    except RecursionError:
        return {"error": "bad input line: nested too deeply"}
    except Exception as exc:  # one line's failure must not end the stream or shift every answer after it
        log.error("jsonl: a line could not be answered (%s)", type(exc).__name__)
        return {"error": f"could not answer this line ({type(exc).__name__})"}


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.deployment import load_deployment
    from bot.guidance import load_library, render_answer_text

    # The organisation's names, aliases and venues are the organisation in questions too, and its Safeguard
    # Leads answer "who is the DSL?". A policy question needs nothing else from the deployment, so a deployment
    # that does not load (a roster file not on this machine, say) costs only those, with a warning, never the
    # answer.
    names: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()
    deployment = None
    try:
        deployment = load_deployment(args.deployment or settings.deployment_path)
        names = deployment.organisation.names
        attendees = deployment.attendees
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"warning: {problem}", file=sys.stderr)
        print("ask: answering without the organisation's names from the deployment", file=sys.stderr)
    library = load_library(args.knowledge or settings.knowledge_dir, names, attendees)
    if args.jsonl:

        def answer(item: dict[str, Any]) -> dict[str, Any]:
            question = item.get("question")
            if not isinstance(question, str):
                raise ValueError("'question' must be a string")
            return {
                "answers": [
                    {"policy": m.policy, "clause": m.clause, "score": round(m.score, 1)}
                    for m in library.match(question)
                ]
            }

        _stdio_stream(answer)
        return 0
    question = " ".join(args.question).strip()
    if not question:
        print('ask: give a question, e.g. python -m bot ask "can I accept a parent\'s friend request?"')
        return 2
    print(render_answer_text(library, question, deployment=deployment))
    return 0


def cmd_scan(args: argparse.Namespace, settings: Settings) -> int:
    from bot.citations import Citations
    from bot.deployment import load_deployment
    from bot.guidance.loader import read_policies
    from bot.scanner import Scanner, describe_findings

    deployment = load_deployment(args.deployment or settings.deployment_path)
    citations = Citations.from_policies(read_policies(args.knowledge or settings.knowledge_dir))
    scanner = Scanner(deployment, citations)

    def answer(item: dict[str, Any]) -> dict[str, Any]:
        text, images = item.get("text", ""), item.get("images", 0)
        if not isinstance(text, str) or isinstance(images, bool) or not isinstance(images, int):
            raise ValueError("'text' must be a string and 'images' a whole number")
        findings = scanner.scan(text, images)
        return {"kinds": scanner.kinds(findings), "findings": [f.as_dict() for f in findings]}

    if args.jsonl:
        _stdio_stream(answer)
        return 0
    text = " ".join(args.text)
    print(describe_findings(text, scanner.scan(text, args.images)))
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import startup_problems
    from bot.audit import load_audit_data
    from bot.database_url import parse_database_url
    from bot.deployment import load_deployment
    from bot.guidance import check_library

    problems: list[str] = [str(p) for p in getattr(args, "setting_problems", ())]
    warnings: list[str] = []
    summary: list[str] = []
    if args.deployment:
        settings = replace(settings, deployment_path=Path(args.deployment), deployment_chosen=True)
    problems.extend(str(p) for p in startup_problems(settings))
    if settings.database_url:
        warnings.extend(parse_database_url(settings.database_url).notes)
    deployment_path = settings.deployment_path
    deployment = None
    try:
        deployment = load_deployment(deployment_path)
        warnings.extend(str(note) for note in deployment.notes)
    except ConfigError as exc:
        problems.extend(str(p) for p in exc.problems)
    names = deployment.organisation.names if deployment else ()
    knowledge = args.knowledge or settings.knowledge_dir
    try:
        summary.extend(check_library(knowledge, organisation=names))
    except ConfigError as exc:
        problems.extend(str(p) for p in exc.problems)
    try:
        data = load_audit_data(knowledge)
        known = f"{len(data.references)} references and {len(data.roles)} titles"
        summary.append(f"audit: {known} known to python -m bot audit")
    except ConfigError as exc:
        problems.extend(str(p) for p in exc.problems)
    if deployment is not None:
        summary.append(
            f"deployment {deployment_path}: {deployment.organisation.name}, "
            f"{len(deployment.safeguard_leads)} Safeguard Lead(s), "
            f"{len(deployment.attendees)} attendee(s) on the roster"
        )
    for line in summary:
        print(line)
    for line in warnings:
        print(f"warning: {line}", file=sys.stderr)
    if _print_problems(problems, f"check: {len(problems)} problem(s) found"):
        return 1
    print(f"check: all good, with {len(warnings)} warning(s)" if warnings else "check: all good")
    return 0


def cmd_audit(args: argparse.Namespace, settings: Settings) -> int:
    """Every finding for every policy; exit 1 when one is at least as serious as ``--fail-on`` (an error)."""
    from bot.audit import Auditor, load_audit_data
    from bot.deployment import load_deployment
    from bot.guidance.loader import parse_month, read_policies

    today = date.today()
    if args.on:
        on = parse_month(args.on)
        if on is None:
            print(f"audit: --on {args.on!r} is not a date (give 2027-01-31, or a month: 2027-01, January 2027)")
            return 2
        today = on
    knowledge = args.knowledge or settings.knowledge_dir
    problems: list[Problem] = []
    policies = []
    try:
        policies = read_policies(knowledge)
    except ConfigError as exc:
        problems.extend(exc.problems)
    try:
        data = load_audit_data(knowledge)
    except ConfigError as exc:
        problems.extend(exc.problems)
    if problems:
        raise ConfigError(problems)
    deployment = None
    try:
        deployment = load_deployment(args.deployment or settings.deployment_path)
    except ConfigError as exc:  # the policies can be audited without it; only the leads' titles are missing
        for problem in exc.problems:
            print(f"warning: {problem}", file=sys.stderr)
        print("audit: not comparing whom the policies name with the Safeguard Leads", file=sys.stderr)
    report = Auditor(data).audit(policies, today, deployment)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            print(line)
    return 1 if report.fails(args.fail_on) else 0


def _print_problems(problems: list[str] | list[Problem], closing: str) -> bool:
    """Every problem as ``error: ...`` on stderr, then ``closing``; whether there was one."""
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(closing, file=sys.stderr)
    return bool(problems)


def cmd_import_policy(args: argparse.Namespace, settings: Settings) -> int:
    from bot.guidance.check import source_problems
    from bot.guidance.importer import ImportProblem, describe, parse_policy_text, read_policy_text, write_import
    from bot.guidance.loader import read_policy

    source = Path(args.file)
    out_dir = Path(args.out) if args.out else settings.knowledge_dir
    try:
        if not args.out and out_dir.is_file():
            raise ImportProblem(f"the knowledge setting names a file ({out_dir}), not a folder: give --out DIR")
        result = parse_policy_text(read_policy_text(source), file_name=source.name, policy_id=args.id)
        if not result.clauses:
            for line in describe(result):
                print(line, file=sys.stderr)
            raise ImportProblem(f"no numbered clauses found in {source} (expected lines such as '2.1 text')")
        written = write_import(result, source, out_dir, force=args.force)
    except ImportProblem as exc:
        print(f"import-policy: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {written.yaml_path} from {source}")
    if written.source_copied:
        print(f"copied the source text to {written.source_path}")
    for line in describe(result):
        print(line)
    try:
        problems = source_problems(read_policy(written.yaml_path))
    except ConfigError as exc:
        problems = exc.problems
    if _print_problems(problems, f"import-policy: the file was written but has {len(problems)} problem(s) to fix"):
        return 1
    print("the file loads and every clause is verbatim from the source; next, add asks and terms (docs/guidance.md)")
    return 0


def cmd_export_learned(args: argparse.Namespace, settings: Settings) -> int:
    """The phrasings leads taught (``/teach``), as YAML ``asks`` to review into the knowledge files."""
    import asyncio

    from bot.guidance import load_library
    from bot.questions.export import learned_yaml
    from bot.questions.store import QuestionStore
    from bot.reports.store import StoreUnavailable, open_store

    knowledge = Path(args.knowledge) if args.knowledge else settings.knowledge_dir
    library = load_library(knowledge)
    if args.policy and args.policy not in {p.id for p in library.policies}:
        known = ", ".join(p.id for p in library.policies)
        print(f"export-learned: no policy {args.policy!r} is loaded (loaded: {known})", file=sys.stderr)
        return 2

    async def read() -> list[tuple[str, str, str]]:
        store = await open_store(settings.store_url)
        try:
            return await QuestionStore(store.db).learned(args.policy or "")
        finally:
            await store.aclose()

    try:
        learned = asyncio.run(read())
    except StoreUnavailable as exc:
        print(f"export-learned: the store cannot be read ({exc})", file=sys.stderr)
        return 3
    text = learned_yaml(library, learned, args.policy or "")
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    import asyncio

    from bot.app import run_platforms

    if args.deployment:
        settings = replace(settings, deployment_path=Path(args.deployment))
    return asyncio.run(run_platforms(settings, console=args.console))


def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    """One line; 0 when healthy, 1 when not (what Docker's HEALTHCHECK and monitoring scripts expect)."""
    import asyncio

    from bot.health import check_running_bot

    verdict = asyncio.run(check_running_bot(settings))
    print(verdict.line())
    return 0 if verdict.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Safeguarding bot: policy guidance, private warnings in shared channels, "
        "and reports to the Safeguard Lead. With no command, runs the bot.",
    )
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="start the adapters the environment configures (the console when none)")
    run.add_argument("--deployment", help="deployment YAML file (default: $SAFEGUARDING_DEPLOYMENT)")
    run.add_argument("--console", action="store_true", help="start the console adapter even if tokens are set")
    run.set_defaults(func=cmd_run)

    health = sub.add_parser(
        "health",
        help="is the running bot well? exit 0 if so, 1 if not, with one line saying what is wrong",
        description="Checks the case store afresh (DATABASE_URL, else SAFEGUARDING_DB) with a trivial query, and "
        "reads the status file the running bot keeps beside SAFEGUARDING_DB (<name>.status.json) for its "
        "platform connections. Run it with the bot's own environment. Exits 0 when healthy, 1 when not.",
    )
    health.set_defaults(func=cmd_health)

    ask = sub.add_parser("ask", help="answer a policy question")
    ask.add_argument("question", nargs="*", help="the question, in your own words")
    ask.add_argument("--jsonl", action="store_true", help='read {"question": ...} lines, write {"answers": [...]}')
    ask.add_argument("--knowledge", help="folder of policy YAML files (default: $SAFEGUARDING_KNOWLEDGE)")
    ask.add_argument("--deployment", help="deployment file, for the organisation's names and its Safeguard Leads")
    ask.set_defaults(func=cmd_ask)

    scan = sub.add_parser("scan", help="show what a post would be warned about in a shared channel")
    scan.add_argument("text", nargs="*", help="the post's text")
    scan.add_argument("--images", type=int, default=0, help="number of images on the post")
    scan.add_argument("--jsonl", action="store_true", help='read {"text", "images"} lines, write {"kinds", ...}')
    scan.add_argument("--deployment", help="deployment YAML file (default: $SAFEGUARDING_DEPLOYMENT)")
    scan.add_argument(
        "--knowledge", help="folder of policy YAML files, for the clauses cited (default: $SAFEGUARDING_KNOWLEDGE)"
    )
    scan.set_defaults(func=cmd_scan)

    check = sub.add_parser("check", help="validate the knowledge base and the deployment file")
    check.add_argument("--knowledge", help="folder of policy YAML files")
    check.add_argument("--deployment", help="deployment YAML file")
    check.set_defaults(func=cmd_check)

    audit = sub.add_parser(
        "audit",
        help="list what is out of date or inconsistent in the policies: exit 1 when a finding is an error",
        description="For each policy: a review date that has passed (an error), citations of legislation or "
        "guidance that has been replaced, the people it tells staff to report to when they differ or are not "
        "Safeguard Leads in the deployment file (warnings), and the policies it names that are not loaded, or "
        "gaps in its numbering (notes). What replaced what is in bot/audit/data/references.yaml, extended by "
        "the knowledge folder's audit/*.yaml. Exits 0 when no finding reaches --fail-on, 1 when one does, 2 "
        "when the knowledge or the audit data cannot be read.",
    )
    audit.add_argument("--knowledge", help="folder of policy YAML files (default: $SAFEGUARDING_KNOWLEDGE)")
    audit.add_argument("--deployment", help="deployment file, for the Safeguard Leads' titles")
    audit.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    audit.add_argument(
        "--fail-on",
        choices=("error", "warning", "note"),
        default="error",
        help="exit 1 when a finding is at least this serious (default: error)",
    )
    audit.add_argument("--on", metavar="DATE", help="audit as of this day (e.g. 2027-03-31): what will be out of date")
    audit.set_defaults(func=cmd_audit)

    imp = sub.add_parser(
        "import-policy",
        help="turn a numbered plain-text policy into a knowledge file",
        description="Reads a policy saved as plain text (a header of fields such as 'Policy title', 'Issue date', "
        "'Review date', 'Author', 'Agreed by', then numbered section headings and clauses) and writes "
        "DIR/<id>.yaml with every clause verbatim, copying the text to DIR/sources/. Prints a summary and every "
        "line it could not place or found out of sequence, with its line number. Exits 1 if the file written "
        "does not load yet (a header field is missing), 2 if nothing was written.",
    )
    imp.add_argument("file", metavar="FILE.txt", help="the policy as UTF-8 plain text")
    imp.add_argument("--id", help="the policy's id and file name (default: from its title, else the file name)")
    imp.add_argument(
        "--out", metavar="DIR", help="folder to write into (default: $SAFEGUARDING_KNOWLEDGE, else knowledge/)"
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="replace an existing knowledge file of the same id (and a different source text of the same name)",
    )
    imp.set_defaults(func=cmd_import_policy)

    export = sub.add_parser(
        "export-learned",
        help="write the phrasings leads taught with /teach as YAML asks, for review into the knowledge files",
        description="Reads the learned phrasings from the bot's store (DATABASE_URL, else SAFEGUARDING_DB) and "
        "prints them per policy and clause as YAML asks, leaving out those the knowledge files already have. "
        "Exits 2 for an unknown --policy, 3 when the store cannot be read.",
    )
    export.add_argument("--policy", metavar="ID", help="only this policy's phrasings")
    export.add_argument("--knowledge", help="folder of policy YAML files (default: $SAFEGUARDING_KNOWLEDGE)")
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(func=cmd_export_learned)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["run", *(argv or [])])
    settings, setting_problems = Settings.read_env()
    if setting_problems and args.command != "check":  # check lists them with everything else it finds
        _print_problems(setting_problems, "The bot cannot start until these settings are fixed.")
        return 2
    args.setting_problems = setting_problems
    # Log lines would interleave with the console chat and with one-shot answers: quieter there by default.
    serving_platforms = args.command == "run" and not args.console and settings.platforms != ("console",)
    default_level = logging.INFO if serving_platforms else logging.WARNING
    logs.configure(settings.log_level, default_level)  # libraries' floors: see bot.logs
    try:
        code: int = args.func(args, settings)
        return code
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print("The bot cannot start until these are fixed (python -m bot check lists them).", file=sys.stderr)
        return 2
    except BrokenPipeError:
        _stdout_closed()
        return 0
    except KeyboardInterrupt:
        return 130


def _stdout_closed() -> None:
    """Whoever read our output stopped reading (``| head -1``): nothing more to say, and no traceback.

    Python would still try to flush stdout at exit and print an error about it, so stdout is pointed at
    the null device first (what the Python documentation advises for SIGPIPE).
    """
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
