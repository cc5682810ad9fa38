"""Static files: built once into static/build/public with content-hashed names and precompressed
(.br, .gz) copies, served by WhiteNoise under /static/ with a year's immutable caching.

DKFDS's stylesheet is compiled from DKFDS's own SCSS (static/scss/minplan.scss: the borger.dk theme
with only the components the templates use) by the npm `sass` package into static/build/css, and
taken from there like any other file. DKFDS's script is not used: no component the pages use needs
it (app.js does the one enhancement, the error summary's links).

Only what the pages use leaves static/node_modules: the entries below, and every file a CSS entry
names in url() (DKFDS's icons and the font files). Source maps, axe-core, package-lock.json and the
rest of the npm packages are never copied, so they cannot be fetched over HTTP. Templates name a
file by its logical name: `asset_url("app.css")` -> /static/app.3f2a...9c.css. The manifest
(static/build/manifest.json, outside the served folder) maps one to the other.
"""
import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
BUILD = STATIC / "build"
PUBLIC = BUILD / "public"
MANIFEST = BUILD / "manifest.json"
URL_PREFIX = "/static/"
IMMUTABLE = "public, max-age=31536000, immutable"

# Where a logical name's source lives: the longest matching prefix wins.
MOUNTS = {
    "dkfds/": STATIC / "node_modules" / "dkfds" / "dist",
    "css/": BUILD / "css",
    "": STATIC,
}
# Stylesheets compiled from SCSS before the build takes them: logical name -> entry SCSS.
COMPILED = {
    "css/minplan.css": STATIC / "scss" / "minplan.scss",
}
SASS = STATIC / "node_modules" / "sass" / "sass.js"
SASS_LOAD_PATH = STATIC / "node_modules" / "dkfds" / "src" / "stylesheets"
# A compiled stylesheet is stale when its SCSS, DKFDS or sass changes (a new version).
SASS_INPUTS = (
    STATIC / "node_modules" / "dkfds" / "package.json",
    STATIC / "node_modules" / "sass" / "package.json",
)
# What the templates reference (base.html, components/macros.html).
ENTRIES = (
    "css/minplan.css",
    "dkfds/img/all-svg-icons.svg",
    "app.css",
    "app.js",
    "favicon.svg",
)
# Fonts pages preload (<link rel="preload">): the Latin-1 subsets every page uses (body text,
# headings and links, bold). Medium and the italics load when a page uses them.
PRELOAD_FONTS = (
    "dkfds/fonts/IBMPlexSans/split/woff2/IBMPlexSans-Regular-Latin1.woff2",
    "dkfds/fonts/IBMPlexSans/split/woff2/IBMPlexSans-SemiBold-Latin1.woff2",
    "dkfds/fonts/IBMPlexSans/split/woff2/IBMPlexSans-Bold-Latin1.woff2",
)
COMPRESSIBLE = (".css", ".js", ".svg")

_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+?)\1\s*\)""")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/|^//# sourceMappingURL=.*$", re.MULTILINE)


class AssetError(RuntimeError):
    pass


def source_of(name: str) -> Path:
    """The file behind a logical name, never outside its mount and never a source map."""
    prefix = max((p for p in MOUNTS if name.startswith(p)), key=len)
    root = MOUNTS[prefix].resolve()
    path = (root / name[len(prefix):]).resolve()
    forbidden = path.suffix == ".map" or "node_modules" in name or name.startswith("build/")
    if root not in path.parents or forbidden:
        raise AssetError(f"{name} is not a static file the pages may use")
    if not path.is_file():
        raise AssetError(f"{name}: {path} is missing (run `make setup`)")
    return path


def _hashed_name(name: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:16]
    folder, base = posixpath.split(name)
    stem, dot, ext = base.rpartition(".")
    return posixpath.join(folder, f"{stem}.{digest}.{ext}" if dot else f"{base}.{digest}")


def _local(url: str) -> bool:
    return not url.startswith(("data:", "http:", "https:", "//", "#", "/"))


def _target(name: str, url: str) -> str:
    """The logical name a stylesheet's relative url() names."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(name), path))


def _css_text(name: str) -> str:
    return source_of(name).read_text(encoding="utf-8")


def _compiled_path(name: str) -> Path:
    prefix = max((p for p in MOUNTS if name.startswith(p)), key=len)
    return MOUNTS[prefix] / name[len(prefix):]


def _scss_sources(entry: Path) -> list[Path]:
    """The entry and the partials beside it; DKFDS's own SCSS is covered by SASS_INPUTS."""
    return [entry, *sorted(p for p in entry.parent.rglob("*.scss") if p != entry)]


def compile_scss(entry: Path) -> bytes:
    """The compiled, compressed stylesheet (no source map) by the npm `sass` package."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None or not SASS.is_file():
        raise AssetError(f"{entry.name}: needs Node.js and the npm `sass` package (run `make setup`)")
    done = subprocess.run(
        [node, str(SASS), f"--load-path={SASS_LOAD_PATH}", "--style=compressed", "--no-source-map",
         "--quiet", "--no-color", str(entry)],
        capture_output=True, timeout=120)
    if done.returncode != 0:
        raise AssetError(f"sass could not compile {entry}: {done.stderr.decode(errors='replace')[-2000:]}")
    return done.stdout


def _write(path: Path, data: bytes) -> None:
    """Atomically, so two builders at once (or a server reading) never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.chmod(temporary, 0o644)  # readable by a web server in front (mkstemp makes it 0600)
    os.replace(temporary, path)


def _compress(path: Path) -> None:
    from whitenoise.compress import Compressor
    compressor = Compressor(quiet=True)
    for written in (path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")):
        written.unlink(missing_ok=True)
    data = path.read_bytes()
    for suffix, packed in ((".br", compressor.compress_brotli(data)), (".gz", compressor.compress_gzip(data))):
        if len(packed) < len(data) * 0.95:
            _write(path.with_name(path.name + suffix), packed)


def build() -> dict:
    """Copy, hash and compress every file the pages use; write the manifest last."""
    files: dict[str, str] = {}
    inputs: dict[str, list[int]] = {}

    def add(name: str) -> str:
        if name in files:
            return files[name]
        source = source_of(name)
        stat = source.stat()
        inputs[str(source.relative_to(ROOT))] = [stat.st_mtime_ns, stat.st_size]
        if name.endswith(".css"):
            def rewrite(match):
                quote, url = match.group(1), match.group(2).strip()
                if not _local(url):
                    return match.group(0)
                relative = posixpath.relpath(add(_target(name, url)), posixpath.dirname(name))
                fragment = "#" + url.split("#", 1)[1] if "#" in url else ""
                return f"url({quote}{relative}{fragment}{quote})"
            data = _SOURCE_MAP.sub("", _URL.sub(rewrite, _css_text(name))).encode("utf-8")
        elif name.endswith(".js"):
            data = _SOURCE_MAP.sub("", source.read_text(encoding="utf-8")).encode("utf-8")
        else:
            data = source.read_bytes()
        hashed = _hashed_name(name, data)
        target = PUBLIC / hashed
        fresh = not target.is_file() or target.read_bytes() != data
        if fresh:
            _write(target, data)
        packed = [target.with_name(target.name + suffix).is_file() for suffix in (".br", ".gz")]
        if target.suffix in COMPRESSIBLE and (fresh or not any(packed)):
            _compress(target)
        files[name] = hashed
        return hashed

    for name, entry in COMPILED.items():
        if name in ENTRIES:
            _write(_compiled_path(name), compile_scss(entry))
            for path in (*_scss_sources(entry), *SASS_INPUTS):
                stat = path.stat()
                inputs[str(path.relative_to(ROOT))] = [stat.st_mtime_ns, stat.st_size]
    for entry in ENTRIES:
        add(entry)
    for font in PRELOAD_FONTS:
        if font not in files:
            raise AssetError(f"{font} is preloaded but no stylesheet uses it")
    builder = Path(__file__)
    inputs[str(builder.relative_to(ROOT))] = [builder.stat().st_mtime_ns, builder.stat().st_size]
    previous = _read_manifest()
    manifest = {"files": files, "inputs": inputs}
    _write(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    _prune(set(files.values()) | set((previous or {}).get("files", {}).values()))
    return manifest


def _prune(keep: set[str]) -> None:
    """Remove hashed files neither this build nor the one before uses (pages a server rendered
    just before the new build still name the previous generation)."""
    for path in PUBLIC.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(PUBLIC).as_posix()
        base = name[:-3] if name.endswith((".br", ".gz")) else name
        if base not in keep:
            path.unlink(missing_ok=True)


def _read_manifest() -> dict | None:
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def is_stale(manifest: dict | None) -> bool:
    if not manifest:
        return True
    for relative, (mtime_ns, size) in manifest.get("inputs", {}).items():
        try:
            stat = (ROOT / relative).stat()
        except FileNotFoundError:
            return True
        if stat.st_mtime_ns != mtime_ns or stat.st_size != size:
            return True
    return not all((PUBLIC / hashed).is_file() for hashed in manifest["files"].values())


def load(auto_build: bool) -> dict:
    """The manifest's files; built first when missing or stale and `auto_build` (development and
    tests). Production serves what `make setup` (`flask assets build`) built."""
    manifest = _read_manifest()
    if auto_build and is_stale(manifest):
        manifest = build()
    if not manifest:
        raise AssetError("The static files are not built: run `make setup` or `flask assets build`.")
    return manifest["files"]


def _static_headers(headers, path: str, url: str) -> None:
    # Every served file has its content's hash in its name: it can be cached for good.
    headers["Cache-Control"] = IMMUTABLE
    headers["X-Content-Type-Options"] = "nosniff"


def init_app(app) -> None:
    from flask import has_request_context, request
    from whitenoise import WhiteNoise

    files = load(auto_build=app.config.get("ASSETS_AUTO_BUILD", False))
    app.extensions["minplan_assets"] = files

    def asset_url(name: str) -> str:
        try:
            hashed = files[name]
        except KeyError:
            raise AssetError(f"{name} is not in the static build (app/assets.py ENTRIES)") from None
        root = request.script_root if has_request_context() else ""
        return f"{root}{URL_PREFIX}{hashed}"

    app.jinja_env.globals.update(asset_url=asset_url, preload_fonts=PRELOAD_FONTS)
    app.wsgi_app = WhiteNoise(app.wsgi_app, root=str(PUBLIC), prefix=URL_PREFIX, max_age=None,
                              add_headers_function=_static_headers)


def main() -> None:
    """make setup: build now, whatever the configuration."""
    built = build()
    print(f"Static files built: {len(built['files'])} files in {PUBLIC.relative_to(ROOT)}")
