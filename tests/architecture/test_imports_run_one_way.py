"""The layering of docs/architecture.md holds: the import contracts pass, and no import is
hidden where the contracts' readers (and newcomers) would not look for it."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "charterdesk"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def _app_of(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _imported(node: ast.Import | ast.ImportFrom, path: Path) -> list[str]:
    """Dotted names an import statement reaches (relative ones resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module or ""]
    package = list(path.relative_to(SRC.parent).with_suffix("").parts)[: -node.level]
    return [".".join([*package, node.module] if node.module else package)]


def _other_apps(node: ast.Import | ast.ImportFrom, path: Path) -> set[str]:
    apps = set()
    for name in _imported(node, path):
        parts = name.split(".")
        if parts[0] == "charterdesk" and len(parts) > 1 and parts[1] != _app_of(path):
            apps.add(parts[1])
    return apps


def _is_ready(function: ast.AST, path: Path) -> bool:
    """`AppConfig.ready` registers hooks: Django forbids model imports at the top of apps.py."""
    return path.name == "apps.py" and getattr(function, "name", "") == "ready"


def _parse(source: str, path: Path) -> ast.Module:
    """ast.parse, once more when CPython 3.11 trips over its own recursion bookkeeping
    ("AST constructor recursion depth mismatch", after a RecursionError elsewhere in the
    process): the source is fine, the parser's counter was not."""
    try:
        return ast.parse(source, str(path))
    except SystemError:
        return ast.parse(source, str(path))


def _local_imports(path: Path, source: str | None = None) -> list[str]:
    found = []
    tree = _parse(source if source is not None else path.read_text(), path)
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if _is_ready(function, path):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom) and _other_apps(node, path):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def _type_checking_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(_parse(path.read_text(), path)):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom) and _other_apps(inner, path):
                    found.append(f"{path.relative_to(SRC)}:{inner.lineno}")
    return found


def test_no_app_imports_another_inside_a_function():
    hidden = [where for path in _modules() for where in _local_imports(path)]
    assert hidden == [], "import at the top of the module (or offer a hook): " + ", ".join(hidden)


def test_no_app_imports_another_only_for_type_checking():
    hidden = [where for path in _modules() for where in _type_checking_imports(path)]
    assert hidden == [], "a real import, or a hook if it would point upward: " + ", ".join(hidden)


def test_the_check_finds_an_import_hidden_in_a_function():
    module = SRC / "tickets" / "selectors.py"
    hidden = "from .models import Ticket\n\n\ndef f():\n    from charterdesk.sla import services\n"
    assert _local_imports(module, hidden) == ["tickets/selectors.py:5"]
    same_app = "def f():\n    from .models import Ticket\n"
    assert _local_imports(module, same_app) == []


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
def test_the_import_contracts_pass():
    result = subprocess.run(  # noqa: S603 - our own venv's command
        [str(LINT_IMPORTS), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=SRC.parents[1],
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
