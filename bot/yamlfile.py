"""YAML loading that remembers where every value came from.

Start-up validation must name the file, the line and the problem (a charity's
admin edits these files by hand), so the loader keeps a map from each value's
path in the document to its line, and reports duplicate keys, which plain
``yaml.safe_load`` silently overwrites.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file; ``str()`` gives ``file:line: message``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class ConfigError(Exception):
    """One or more problems found while loading configuration or knowledge."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class LocatedDocument:
    """A parsed YAML document plus the line of every mapping key and sequence item."""

    def __init__(self, file: str, data: Any, lines: dict[PathKey, int]) -> None:
        self.file = file
        self.data = data
        self._lines = lines

    def line(self, path: PathKey) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get((), 1)

    def problem(self, path: PathKey, message: str) -> Problem:
        return Problem(self.file, self.line(path), message)


def _walk(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], problems: list[Problem], file: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(file, line, f"duplicate key {key!r} (first at line {seen[key]})"))
            seen[key] = line
            lines[(*path, key)] = line
            _walk(value_node, (*path, key), lines, problems, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _walk(item, (*path, index), lines, problems, file)


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """Node tree (for line numbers) and data; libyaml when installed, a tenth of the pure-Python parser's time.

    A document libyaml refuses is parsed again by the pure-Python parser, so problems read the same either way.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return _compose_and_construct(text, fast)
        except yaml.YAMLError:
            pass
    return _compose_and_construct(text, yaml.SafeLoader)


def _compose_and_construct(text: str, loader_class: Any) -> tuple[yaml.Node | None, Any]:
    """One parse for both: the node tree, then the data built from it (not a second parse of the text)."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def load_located(path: str | Path) -> LocatedDocument:
    """Parse ``path``; raise :class:`ConfigError` naming file and line on any YAML problem."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([Problem(file, 0, f"cannot read file: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([Problem(file, 0, f"not UTF-8 text: {exc.reason}")]) from None
    try:
        node, data = _parse(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or "invalid YAML"
        raise ConfigError([Problem(file, line, f"invalid YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([Problem(file, 0, f"invalid YAML: {exc}")]) from None
    lines: dict[PathKey, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), lines, problems, file)
    if problems:
        raise ConfigError(problems)
    return LocatedDocument(file, data, lines)
