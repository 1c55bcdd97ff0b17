"""The line-aware YAML loader that every start-up validation relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.yamlfile import ConfigError, load_located


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lines_of_keys_and_items_are_remembered(tmp_path: Path) -> None:
    """Each mapping key and list item knows the line it was written on."""
    doc = load_located(write(tmp_path, "a: 1\nb:\n  - x\n  - y\nc:\n  d: 2\n"))
    assert doc.data == {"a": 1, "b": ["x", "y"], "c": {"d": 2}}
    assert doc.line(("a",)) == 1
    assert doc.line(("b", 1)) == 4
    assert doc.line(("c", "d")) == 6
    assert doc.line(("c", "missing")) == 5  # falls back to the nearest ancestor


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    """A syntax error is reported with the file and the line where YAML noticed it."""
    path = write(tmp_path, "a: 1\nb: [unclosed\nc: 3\n")
    with pytest.raises(ConfigError) as exc:
        load_located(path)
    problem = exc.value.problems[0]
    assert problem.file == str(path)
    assert problem.line == 3
    assert "invalid YAML" in problem.message
    assert str(problem).startswith(f"{path}:3: ")


def test_duplicate_keys_are_an_error_not_a_silent_overwrite(tmp_path: Path) -> None:
    """PyYAML keeps the last duplicate; the loader refuses and says where both are."""
    with pytest.raises(ConfigError) as exc:
        load_located(write(tmp_path, "name: a\nother: 1\nname: b\n"))
    assert exc.value.problems[0].line == 3
    assert "duplicate key 'name' (first at line 1)" in exc.value.problems[0].message


def test_missing_file_is_a_clear_problem(tmp_path: Path) -> None:
    """A path that does not exist is reported, not raised as a bare OSError."""
    with pytest.raises(ConfigError) as exc:
        load_located(tmp_path / "nope.yaml")
    assert "cannot read file" in str(exc.value)


def test_non_utf8_file_is_a_clear_problem(tmp_path: Path) -> None:
    """A file saved in another encoding is reported as such."""
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ConfigError) as exc:
        load_located(path)
    assert "not UTF-8" in str(exc.value)
