"""Reveal.js slides of the notebooks that work with no network.

nbconvert's slides load reveal.js, require.js, jQuery and MathJax from CDNs. Here those files are
taken once from their npm packages (``npm pack``, kept in ``build/assets/``) and copied next to the
decks in ``build/slides/assets/``, and the decks point at the copies, so a deck opened from disk
in a lecture hall with no Wi-Fi is still a slideshow with typeset formulas.

    python -m course_utils.slides [NOTEBOOK ...] [--out build/slides]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from .notebooks import REPO_ROOT, all_notebooks

PACKAGES = {"reveal.js": "4.0.2", "mathjax": "2.7.9", "requirejs": "2.3.7", "jquery": "3.7.1"}
CACHE = REPO_ROOT / "build" / "assets"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# What each package contributes under assets/: (path inside the package, path under assets/).
COPIED = {
    "reveal.js": [("dist", "reveal.js/dist"), ("plugin/notes", "reveal.js/plugin/notes")],
    "mathjax": [("MathJax.js", "mathjax/MathJax.js"), ("config", "mathjax/config"), ("jax", "mathjax/jax"),
                ("extensions", "mathjax/extensions"), ("localization", "mathjax/localization"),
                ("fonts/HTML-CSS/TeX/woff", "mathjax/fonts/HTML-CSS/TeX/woff"),
                ("fonts/HTML-CSS/TeX/otf", "mathjax/fonts/HTML-CSS/TeX/otf")],
    "requirejs": [("require.js", "require.js")],
    "jquery": [("dist/jquery.min.js", "jquery.min.js")],
}
URLS = {
    "reveal_url_prefix": "assets/reveal.js",
    "require_js_url": "assets/require.js",
    "jquery_url": "assets/jquery.min.js",
    "mathjax_url": "assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
}


class AssetError(RuntimeError):
    """The slide assets could not be fetched; the message says what to do."""


def _tarball(name: str, version: str) -> Path:
    """The npm tarball of ``name@version`` in ``build/assets/``, fetched with ``npm pack`` if absent."""
    path = CACHE / f"{name}-{version}.tgz"
    if path.is_file():
        return path
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError(f"make slides needs {name}@{version} from the npm registry once, and npm is not installed. "
                         "Install Node.js (it brings npm), or copy build/assets/ from a machine that has built the slides.")
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = CACHE / "partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    result = subprocess.run([npm, "pack", f"{name}@{version}", "--pack-destination", str(partial)],
                            capture_output=True, text=True, timeout=300)
    fetched = partial / path.name
    if result.returncode != 0 or not fetched.is_file():
        shutil.rmtree(partial, ignore_errors=True)
        raise AssetError(f"could not fetch {name}@{version} with npm pack (offline?): {result.stderr.strip()[-300:]}\n"
                         "Run make slides once with a connection to the npm registry; later builds reuse build/assets/.")
    fetched.replace(path)  # only a complete download gets the final name
    shutil.rmtree(partial, ignore_errors=True)
    return path


def install_assets(out: Path) -> Path:
    """Copy reveal.js, MathJax, require.js and jQuery into ``out/assets/``; return that folder."""
    assets = out / "assets"
    for name, version in PACKAGES.items():
        with tarfile.open(_tarball(name, version)) as archive:
            members = archive.getmembers()
            for inside, target in COPIED[name]:
                prefix = f"package/{inside}"
                chosen = [m for m in members if m.name == prefix or m.name.startswith(prefix + "/")]
                if not chosen:
                    raise AssetError(f"{name}@{version} has no {inside}: delete build/assets/ and build again")
                for member in chosen:
                    if not member.isfile():
                        continue
                    destination = assets / target / member.name[len(prefix) + 1 :] if member.name != prefix else assets / target
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    destination.write_bytes(archive.extractfile(member).read())
    return assets


def external_references(html: str) -> list[str]:
    """Every ``src``/``href`` of a page that points outside the page's folder (http, https, //)."""
    import re

    return re.findall(r"""(?:src|href)=["']((?:https?:)?//[^"']+)""", html)


def export(notebook: Path, out: Path) -> Path:
    """Write ``out/<notebook>.slides.html``, a deck that loads everything from ``out/assets/``."""
    import nbformat
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    config = Config()
    for key, value in URLS.items():
        setattr(config.SlidesExporter, key, value)
    config.SlidesExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.SlidesExporter.template_name = "course_reveal"
    config.SlidesExporter.reveal_theme = "white"  # its font ships with reveal.js; most themes load web fonts
    config.SlidesExporter.reveal_scroll = True
    config.SlidesExporter.reveal_width = "1280"
    config.SlidesExporter.reveal_height = "720"
    body, _ = SlidesExporter(config=config).from_notebook_node(nbformat.read(notebook, as_version=4))
    target = out / f"{notebook.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_utils.slides", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "build" / "slides")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        install_assets(args.out)
    except AssetError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for notebook in args.notebooks or all_notebooks():
        print(f"wrote {export(notebook, args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
