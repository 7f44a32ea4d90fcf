"""Web assets the course's static pages load (reveal.js, MathJax, require.js, jQuery), taken from
their npm packages so that slides and the website work with no network.

Each package is fetched once with ``npm pack`` into ``build/assets/`` (a download that fails leaves
nothing there) and its needed parts are copied next to the pages that load them.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from .notebooks import REPO_ROOT

# name: (npm package, version). The slides' template speaks MathJax 2; the website's Sphinx, MathJax 3.
PACKAGES = {"reveal.js": ("reveal.js", "4.0.2"), "mathjax": ("mathjax", "2.7.9"), "mathjax3": ("mathjax", "3.2.2"),
            "requirejs": ("requirejs", "2.3.7"), "jquery": ("jquery", "3.7.1")}
CACHE = REPO_ROOT / "build" / "assets"
# What each package contributes under the assets folder: (path inside the package, path under assets/).
COPIED = {
    "reveal.js": [("dist", "reveal.js/dist"), ("plugin/notes", "reveal.js/plugin/notes")],
    "mathjax": [("MathJax.js", "mathjax/MathJax.js"), ("config", "mathjax/config"), ("jax", "mathjax/jax"),
                ("extensions", "mathjax/extensions"), ("localization", "mathjax/localization"),
                ("fonts/HTML-CSS/TeX/woff", "mathjax/fonts/HTML-CSS/TeX/woff"),
                ("fonts/HTML-CSS/TeX/otf", "mathjax/fonts/HTML-CSS/TeX/otf")],
    "mathjax3": [("es5/tex-mml-chtml.js", "mathjax3/tex-mml-chtml.js"), ("es5/input", "mathjax3/input"),
                 ("es5/output", "mathjax3/output"), ("es5/a11y", "mathjax3/a11y"), ("es5/ui", "mathjax3/ui")],
    "requirejs": [("require.js", "require.js")],
    "jquery": [("dist/jquery.min.js", "jquery.min.js")],
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
        raise AssetError(f"the course's slides and website need {name}@{version} from the npm registry once, and npm is not installed. "
                         "Install Node.js (it brings npm), or copy build/assets/ from a machine that has built them.")
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
                         "Build once with a connection to the npm registry; later builds reuse build/assets/.")
    fetched.replace(path)  # only a complete download gets the final name
    shutil.rmtree(partial, ignore_errors=True)
    return path


def install(assets: Path, names: tuple[str, ...] = ("reveal.js", "mathjax", "requirejs", "jquery")) -> Path:
    """Copy the parts of the named packages that pages load into ``assets``; return it."""
    for key in names:
        name, version = PACKAGES[key]
        with tarfile.open(_tarball(name, version)) as archive:
            members = archive.getmembers()
            for inside, target in COPIED[key]:
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
    """What a page would load from off the machine (http, https, //): every ``src``, every
    ``<link href>`` and every CSS ``@import``. Links a reader may click (``<a href>``) do not count."""
    remote = r"""["']?((?:https?:)?//[^"')\s]+)"""
    return (re.findall(r"\bsrc=" + remote, html) + re.findall(r"<link\b[^>]*\bhref=" + remote, html)
            + re.findall(r"@import\s+(?:url\()?" + remote, html))
