"""HTTP behaviour of the runtime: compressed responses, hashed static files cached for good and
nothing else of node_modules reachable, /healthz, and X-Forwarded-For trusted only when configured."""
import gzip
import re
import sqlite3

import brotli
import pytest
from flask import template_rendered

from app import assets, create_app, demo
from app.db import connect

from .conftest import login_caseworker, login_citizen

IMMUTABLE = "public, max-age=31536000, immutable"


def _asset_urls(html: str) -> list[str]:
    return sorted(set(re.findall(r'(?:href|src)="(/static/[^"#]+)', html)))


def _decoded(response) -> bytes:
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(response.data)
    if encoding == "gzip":
        return gzip.decompress(response.data)
    return response.data


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_html_is_compressed(client, encoding):
    response = client.get("/log-ind", headers={"Accept-Encoding": f"{encoding}"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    page = _decoded(response).decode()
    assert "<title>" in page and "Min Plan" in page
    assert len(response.data) < len(page.encode()) / 2


def test_brotli_is_preferred_and_no_accept_encoding_gets_plain_html(client):
    assert client.get("/log-ind", headers={"Accept-Encoding": "gzip, deflate, br"}).headers["Content-Encoding"] == "br"
    plain = client.get("/log-ind", headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers and b"<html" in plain.data


def test_a_logged_in_page_is_compressed_and_never_cached(client, db):
    login_citizen(client, db)
    response = client.get("/min-plan", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_css_is_served_compressed_with_the_immutable_header(client, encoding):
    page = client.get("/log-ind").get_data(as_text=True)
    stylesheets = [url for url in _asset_urls(page) if url.endswith(".css")]
    assert len(stylesheets) == 2  # DKFDS and app.css
    for url in stylesheets:
        response = client.get(url, headers={"Accept-Encoding": encoding})
        assert response.status_code == 200, url
        assert response.headers["Content-Encoding"] == encoding
        assert response.headers["Cache-Control"] == IMMUTABLE
        assert response.headers["Content-Type"].startswith("text/css")
        assert b"{" in _decoded(response)


def test_every_static_url_a_page_names_is_hashed_served_and_immutable(client, db):
    login_citizen(client, db)
    urls = _asset_urls(client.get("/min-plan").get_data(as_text=True))
    # Stylesheets, scripts, the favicon, the icon sprite and the preloaded fonts.
    assert len(urls) >= 7, urls
    for url in urls:
        assert re.search(r"\.[0-9a-f]{16}\.[a-z0-9]+$", url), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == IMMUTABLE, url
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_urls_inside_the_stylesheets_are_hashed_and_served(client):
    page = client.get("/log-ind").get_data(as_text=True)
    for url in [u for u in _asset_urls(page) if u.endswith(".css")]:
        css = client.get(url).get_data(as_text=True)
        base = url.rsplit("/", 1)[0]
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            if ref.startswith("data:"):
                continue
            target = "/".join([base, ref.split("#")[0]])
            while "/../" in target:
                target = re.sub(r"/[^/]+/\.\./", "/", target, count=1)
            assert client.get(target).status_code == 200, (url, ref)


def test_fonts_are_the_latin1_subsets_preloaded(client):
    page = client.get("/log-ind").get_data(as_text=True)
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', page)
    assert len(preloads) == 3 and all("-Latin1." in url for url in preloads)
    css = client.get(next(u for u in _asset_urls(page) if "/app." in u and u.endswith(".css"))).get_data(as_text=True)
    assert css.count("font-display: optional;") == 8
    fonts = re.findall(r'url\("([^"]+\.woff2)"\)', css)
    assert len(fonts) == 8 and all("/split/woff2/" in f and "-Latin1." in f for f in fonts)
    for url in preloads:
        assert url.removeprefix("/static/") in fonts  # the preload is the file the CSS asks for
    dkfds = client.get(next(u for u in _asset_urls(page) if "/css/minplan." in u)).get_data(as_text=True)
    assert "/complete/" not in dkfds and "@font-face" not in dkfds  # DKFDS's complete (56 KB) fonts are not used


@pytest.mark.parametrize("url", [
    "/static/node_modules/axe-core/axe.min.js",
    "/static/node_modules/dkfds/dist/css/dkfds-borgerdk.min.css",
    "/static/node_modules/dkfds/dist/css/dkfds-borgerdk.min.css.map",
    "/static/node_modules/dkfds/dist/js/dkfds.min.js.map",
    "/static/node_modules/.package-lock.json",
    "/static/package-lock.json",
    "/static/package.json",
    "/static/app.css",  # only the hashed name is served
    "/static/manifest.json",
    "/static/build/manifest.json",
    "/static/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2",
])
def test_nothing_else_of_static_or_node_modules_is_reachable(client, url):
    assert client.get(url).status_code == 404


def test_the_build_holds_only_what_pages_use():
    files = list(assets.PUBLIC.rglob("*"))
    names = [p.relative_to(assets.PUBLIC).as_posix() for p in files if p.is_file()]
    assert not [n for n in names if n.endswith(".map") or "axe" in n or "package" in n or "/complete/" in n]
    assert not [n for n in names if n.endswith((".eot", ".ttf", ".woff"))]
    with pytest.raises(assets.AssetError):
        assets.source_of("node_modules/axe-core/axe.min.js")
    with pytest.raises(assets.AssetError):
        assets.source_of("dkfds/css/dkfds-borgerdk.min.css.map")
    with pytest.raises(assets.AssetError):
        assets.source_of("dkfds/../../axe-core/axe.min.js")


def test_a_changed_source_is_rebuilt_under_a_new_name(tmp_path, monkeypatch):
    source = tmp_path / "static"
    (source / "dkfds" / "css").mkdir(parents=True)
    (source / "dkfds" / "img").mkdir(parents=True)
    (source / "dkfds" / "img" / "i.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (source / "dkfds" / "css" / "d.css").write_text("a{background:url(../img/i.svg#x)}" * 50 + "/*# sourceMappingURL=d.css.map*/")
    (source / "app.css").write_text("body{color:red}" * 50)
    monkeypatch.setattr(assets, "ROOT", tmp_path)
    monkeypatch.setattr(assets, "MOUNTS", {"dkfds/": source / "dkfds", "": source})
    monkeypatch.setattr(assets, "ENTRIES", ("dkfds/css/d.css", "app.css"))
    monkeypatch.setattr(assets, "PRELOAD_FONTS", ())
    monkeypatch.setattr(assets, "BUILD", tmp_path / "build")
    monkeypatch.setattr(assets, "PUBLIC", tmp_path / "build" / "public")
    monkeypatch.setattr(assets, "MANIFEST", tmp_path / "build" / "manifest.json")
    monkeypatch.setattr(assets, "__file__", str(tmp_path / "static" / "app.css"))
    first = assets.load(auto_build=True)
    css = (assets.PUBLIC / first["dkfds/css/d.css"]).read_text()
    assert f"url({first['dkfds/img/i.svg'].removeprefix('dkfds/').replace('img/', '../img/')}#x)" in css
    assert "sourceMappingURL" not in css
    assert (assets.PUBLIC / (first["app.css"] + ".br")).is_file()
    assert assets.load(auto_build=True) == first  # unchanged: not rebuilt
    (source / "app.css").write_text("body{color:blue}" * 50)
    second = assets.load(auto_build=True)
    assert second["app.css"] != first["app.css"] and second["dkfds/css/d.css"] == first["dkfds/css/d.css"]
    (source / "app.css").write_text("body{color:green}" * 50)
    third = assets.load(auto_build=True)
    # The generation before is kept (pages rendered just before still name it), older ones go.
    assert (assets.PUBLIC / second["app.css"]).is_file() and not (assets.PUBLIC / first["app.css"]).is_file()
    assert (assets.PUBLIC / third["app.css"]).is_file()


def test_production_needs_a_build_and_does_not_make_one(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "MANIFEST", tmp_path / "none.json")
    with pytest.raises(assets.AssetError, match="not built"):
        create_app({"ENV_NAME": "production", "SECRET_KEY": "x", "ASSETS_AUTO_BUILD": False,
                    "DATABASE": str(tmp_path / "p.sqlite")})


# /healthz -------------------------------------------------------------------------------------

def test_healthz_answers_without_database_template_or_login(app, client, db, monkeypatch):
    login_caseworker(client)  # even with a logged-in session cookie, no user is loaded
    rendered = []

    def refuse(*_args, **_kwargs):
        raise AssertionError("/healthz touched the database")

    monkeypatch.setattr(sqlite3, "connect", refuse)
    with template_rendered.connected_to(lambda _app, template, context: rendered.append(template), app):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.data == b"ok\n" and response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"
    assert rendered == []


def test_healthz_needs_no_login(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "s", "DATABASE": str(tmp_path / "h.sqlite")})
    response = app.test_client().get("/healthz")
    assert response.status_code == 200 and "Location" not in response.headers


# Behind a reverse proxy -----------------------------------------------------------------------

def _failed_login_addresses(client, db, forwarded: str | None) -> list[str]:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    client.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example", "password": "wrong"},
                headers=headers)
    return [r[0] for r in db.execute("SELECT key FROM login_attempts WHERE key LIKE 'ip:%'")]


def test_x_forwarded_for_is_ignored_without_proxy_config(client, db):
    assert _failed_login_addresses(client, db, "203.0.113.7") == ["ip:127.0.0.1"]


@pytest.fixture
def proxied(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "s", "WTF_CSRF_ENABLED": False,
                      "DATABASE": str(tmp_path / "proxy.sqlite"), "PROXY_FIX_X_FOR": 1})
    db = connect(app.config["DATABASE"])
    demo.load(db)
    yield app, db
    db.conn.close()


def test_x_forwarded_for_is_honoured_with_one_trusted_hop(proxied):
    app, db = proxied
    # One proxy: the address it appended (the last) is the client; a spoofed earlier one is not.
    assert _failed_login_addresses(app.test_client(), db, "198.51.100.99, 203.0.113.7") == ["ip:203.0.113.7"]


def test_the_login_rate_limit_sees_the_forwarded_address(proxied):
    app, db = proxied
    client = app.test_client()
    limit = app.config["LOGIN_MAX_FAILURES"] * 4  # the per-address limit (app/auth/service.py)
    for n in range(limit):
        response = client.post("/log-ind/medarbejder", data={"email": f"x{n}@fjordby.example", "password": "w"},
                               headers={"X-Forwarded-For": "203.0.113.7"})
        assert response.status_code == 401
    locked = client.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example", "password": demo.DEMO_PASSWORD},
                         headers={"X-Forwarded-For": "203.0.113.7"})
    assert locked.status_code == 429
    # Another client behind the same proxy (same REMOTE_ADDR) is not locked out.
    other = client.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example", "password": demo.DEMO_PASSWORD},
                        headers={"X-Forwarded-For": "203.0.113.8"})
    assert other.status_code == 302


def test_dkfds_is_compiled_from_its_scss_with_only_the_components_used(client, db):
    login_citizen(client, db)
    page = client.get("/min-plan").get_data(as_text=True)
    urls = _asset_urls(page)
    # No DKFDS script: no component the pages use needs it; app.js is the one script.
    assert [u for u in urls if u.endswith(".js")] == [next(u for u in urls if "/app." in u and u.endswith(".js"))]
    assert "dkfds.min" not in page and "dkfds-borgerdk" not in page
    css = client.get(next(u for u in urls if "/css/minplan." in u)).get_data(as_text=True)
    for used in (".form-select", ".form-radio", ".step-indicator", ".fds-modal", ".alert-success", ".badge",
                 ".pagination", ".language-switcher", ".details-summary", ".table--responsive-scroll"):
        assert used in css, used
    assert "#44831e" in css.lower()  # the borger.dk theme's primary colour
    for unused in (".breadcrumbs", ".toast", ".accordion-button", ".card-content", ".toggle-switch",
                   ".back-to-top-button", ".cookie-message", ".overflow-menu-inner", ".spinner"):
        assert unused not in css, unused
    dist = (assets.STATIC / "node_modules" / "dkfds" / "dist" / "css" / "dkfds-borgerdk.min.css").stat().st_size
    assert len(css.encode()) < dist * 0.6


def test_a_changed_scss_entry_is_compiled_again_under_a_new_name(tmp_path, monkeypatch):
    source = tmp_path / "static"
    (source / "scss").mkdir(parents=True)
    entry = source / "scss" / "site.scss"
    entry.write_text("@use 'components/tags';\n")
    monkeypatch.setattr(assets, "ROOT", tmp_path)
    monkeypatch.setattr(assets, "MOUNTS", {"css/": tmp_path / "build" / "css", "dkfds/": assets.MOUNTS["dkfds/"], "": source})
    monkeypatch.setattr(assets, "COMPILED", {"css/site.css": entry})
    monkeypatch.setattr(assets, "SASS_INPUTS", ())
    monkeypatch.setattr(assets, "ENTRIES", ("css/site.css",))
    monkeypatch.setattr(assets, "PRELOAD_FONTS", ())
    monkeypatch.setattr(assets, "BUILD", tmp_path / "build")
    monkeypatch.setattr(assets, "PUBLIC", tmp_path / "build" / "public")
    monkeypatch.setattr(assets, "MANIFEST", tmp_path / "build" / "manifest.json")
    monkeypatch.setattr(assets, "__file__", str(entry))
    first = assets.load(auto_build=True)
    css = (assets.PUBLIC / first["css/site.css"]).read_text(encoding="utf-8-sig")
    assert ".tag{" in css and ".alert" not in css and "sourceMappingURL" not in css
    assert assets.load(auto_build=True) == first  # unchanged: not compiled again
    entry.write_text("@use 'components/tags';\n.app-x{color:red}\n")
    second = assets.load(auto_build=True)
    assert second["css/site.css"] != first["css/site.css"]
    assert ".app-x{color:red}" in (assets.PUBLIC / second["css/site.css"]).read_text(encoding="utf-8-sig")
    entry.write_text("@use 'components/nothing-of-that-name';\n")
    with pytest.raises(assets.AssetError, match="sass could not compile"):
        assets.load(auto_build=True)
