"""The direction of dependencies between apps (docs/architecture.md, "Dependency direction").

    core ← accounts ← reports ← review, exporting, notifications, drafts, consistency, proofreading ← sheets
    parsing (pure Python, imports no other app) ← reports, drafts, exporting, proofreading, sheets

An app may import only the apps listed for it below, lazy imports inside functions included;
an app that needs something from an app above it calls a hook (apps/reports/hooks.py).
Tests and migrations are exempt: a test may build data of any app.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APPS_DIR = Path(__file__).resolve().parents[1] / "apps"

ALLOWED = {
    "core": set(),
    "parsing": set(),
    "accounts": {"core"},
    "notifications": {"core", "accounts"},
    "reports": {"core", "accounts", "parsing"},
    "review": {"core", "accounts", "reports", "notifications"},
    "exporting": {"core", "accounts", "reports", "parsing", "drafts"},
    "drafts": {"core", "accounts", "reports", "parsing"},
    "consistency": {"core", "accounts", "reports"},
    "sheets": {"core", "accounts", "reports", "parsing", "consistency"},  # consistency: its pure rules only
    "proofreading": {"core", "accounts", "reports", "parsing", "drafts"},
}


# Known debts: modules allowed an import against the direction until it is inverted through hooks
# (apps/reports/hooks.py). Empty: keep it so.
KNOWN_DEBTS: dict[str, set[str]] = {}


def _app_modules(app: str):
    for path in sorted((APPS_DIR / app).rglob("*.py")):
        parts = path.relative_to(APPS_DIR).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """``(app, line)`` for every ``apps.<app>`` this module imports, at any depth of the code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "apps":  # from apps import reports
                names = [f"apps.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "apps" and len(parts) > 1:
                found.add((parts[1], node.lineno))
    return found


def test_every_app_is_in_the_table():
    apps = {p.name for p in APPS_DIR.iterdir() if (p / "__init__.py").exists()}
    assert apps == set(ALLOWED)


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_what_is_below_it(app):
    wrong = [
        f"{path.relative_to(APPS_DIR.parent)}:{line} imports apps.{other}"
        for path in _app_modules(app)
        for other, line in sorted(imported_apps(path))
        if other != app
        and other not in ALLOWED[app]
        and other not in KNOWN_DEBTS.get(str(path.relative_to(APPS_DIR.parent)), ())
    ]
    assert not wrong, "imports against the dependency direction:\n" + "\n".join(wrong)


def test_the_check_sees_lazy_imports(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from apps.review.models import Assignment\n    import apps.drafts.tasks\n")
    assert imported_apps(module) == {("review", 2), ("drafts", 3)}


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_services_never_import_tasks():
    """Tasks call services; a service enqueues by name (apps.core.tasks.enqueue), so there is no cycle."""
    wrong = [
        f"{path.relative_to(APPS_DIR.parent)} imports {name}"
        for app in ALLOWED
        for path in _app_modules(app)
        if path.name.startswith(("services", "selectors"))
        for name in _imported_modules(path)
        if name.endswith(".tasks") and name.startswith("apps.") and name != "apps.core.tasks"
    ]
    assert not wrong, "\n".join(wrong)
