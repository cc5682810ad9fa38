"""The caseworker's house (issue 10): one parent blueprint at /sagsbehandler with a nested
blueprint per area, each in that area's caseworker.py; one guard for every page of it; sections
of shared pages built once per request; no template global that runs a query; no module that
imports a view module."""
import ast
import pathlib

import pytest

from app.followup import overview

from .conftest import login_caseworker, login_citizen

APP = pathlib.Path(__file__).resolve().parents[1] / "app"


def _caseworker_rules(app):
    return [r for r in app.url_map.iter_rules() if r.rule.startswith("/sagsbehandler")]


def test_every_caseworker_page_is_in_the_house_and_in_its_areas_caseworker_module(app):
    rules = _caseworker_rules(app)
    assert len(rules) > 40
    for rule in rules:
        assert rule.endpoint.startswith("caseworker."), rule.endpoint
        area = rule.endpoint.split(".")[1] if rule.endpoint.count(".") == 2 else None
        module = app.view_functions[rule.endpoint].__module__
        assert module == (f"app.{area}.caseworker" if area else "app.caseworker.views"), (rule.endpoint, module)


def _concrete(rule) -> str:
    return rule.build({name: 1 for name in rule.arguments})[1]


def test_a_logged_out_visitor_of_any_caseworker_page_goes_to_the_caseworker_login(app):
    client = app.test_client()
    for rule in _caseworker_rules(app):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(_concrete(rule), method=method)
            assert response.status_code == 302, (method, rule.rule)
            assert "/log-ind/medarbejder" in response.headers["Location"], (method, rule.rule)


def test_a_citizen_gets_403_on_any_caseworker_page(app, db):
    client = app.test_client()
    login_citizen(client, db)
    for rule in _caseworker_rules(app):
        if "GET" in rule.methods:
            assert client.get(_concrete(rule)).status_code == 403, rule.rule


def test_the_guard_refuses_another_municipalitys_citizen_before_any_view(app, db):
    """Every route that names a citizen answers 404 for a citizen of another municipality."""
    other = db.execute("SELECT c.id FROM citizens c JOIN municipalities m ON m.id = c.municipality_id"
                       " WHERE m.name != (SELECT m2.name FROM caseworkers w JOIN municipalities m2"
                       " ON m2.id = w.municipality_id WHERE w.email = 'anne@fjordby.example') LIMIT 1").fetchone()[0]
    client = app.test_client()
    login_caseworker(client)
    named = [r for r in _caseworker_rules(app) if "citizen_id" in r.arguments]
    assert len(named) > 10
    for rule in named:
        url = rule.build({name: (other if name == "citizen_id" else 1) for name in rule.arguments})[1]
        method = "GET" if "GET" in rule.methods else "POST"
        assert client.open(url, method=method).status_code == 404, (method, rule.rule)


# Template globals that are plain helpers: labels, formatting, assets, texts; none reads the database.
PURE_GLOBALS = {"labels", "label", "masked_cpr", "municipality_contact", "contact_of", "conversation_texts",
                "joblog_labels", "period_name", "asset_url", "preload_fonts", "followup_choices"}


def test_no_template_global_runs_a_query(app):
    own = {name for name, value in app.jinja_env.globals.items()
           if getattr(value, "__module__", "").startswith("app.") or name in PURE_GLOBALS}
    assert own <= PURE_GLOBALS, own - PURE_GLOBALS


def _is_view_module(dotted: str) -> bool:
    path = APP.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() and (
        path.name in ("views", "views_booking") or (path.name == "caseworker" and path.parent.name != "app"))


def test_no_module_imports_a_view_module():
    """A view module is imported only to register its routes: by its package's __init__, or by the
    house (app/caseworker/areas.py) for the areas' caseworker modules."""
    for path in APP.rglob("*.py"):
        if path.name == "areas.py" or path.parent.name == "migrations":
            continue
        package = ".".join(path.relative_to(APP.parent).with_suffix("").parts[:-1])
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            if path.name == "__init__.py" and node.level == 1 and not node.module:
                continue  # a package imports its own modules to register their routes
            module = f"{base}.{node.module}" if node.module else base
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
            hit = [t for t in targets if _is_view_module(t)]
            assert not hit, f"{path.relative_to(APP)} imports {hit}"


@pytest.mark.parametrize("page", ["/min-plan", "case"])
def test_a_sick_listed_citizens_follow_up_overview_is_built_once_per_page(app, db, monkeypatch, page):
    built = []
    real = overview._build
    monkeypatch.setattr(overview, "_build", lambda *a, **k: built.append(1) or real(*a, **k))
    client = app.test_client()
    hanne = db.execute("SELECT id FROM citizens WHERE name = 'Hanne Larsen'").fetchone()[0]
    if page == "case":
        login_caseworker(client)
        url = f"/sagsbehandler/borger/{hanne}"
    else:
        login_citizen(client, db, "Hanne Larsen")
        url = page
    built.clear()
    response = client.get(url)
    assert response.status_code == 200
    assert "opfoelgning" in response.get_data(as_text=True)
    assert len(built) == 1


IMPORT_EACH = """
import importlib, pathlib, sys
failed = []
for path in sorted(pathlib.Path("app").rglob("*.py")):
    if "migrations" in path.parts:
        continue
    name = ".".join(path.with_suffix("").parts).removesuffix(".__init__")
    for loaded in [m for m in sys.modules if m == "app" or m.startswith("app.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:
        failed.append(f"{name}: {type(error).__name__}: {error}")
print("\\n".join(failed))
"""


def test_every_module_imports_on_its_own():
    """A script, a worker or the benchmark may import any module first: no order of imports
    leaves a module half-initialised (an import cycle through a package's __init__)."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", IMPORT_EACH], cwd=APP.parent, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", done.stdout[:3000]
