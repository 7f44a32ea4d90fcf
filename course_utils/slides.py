"""Reveal.js slides of the notebooks that work with no network.

nbconvert's slides load reveal.js, require.js, jQuery and MathJax from CDNs. Here those files are
taken once from their npm packages (``npm pack``, kept in ``build/assets/``) and copied next to the
decks in ``build/slides/assets/``, and the decks point at the copies, so a deck opened from disk
in a lecture hall with no Wi-Fi is still a slideshow with typeset formulas.

    python -m course_utils.slides [NOTEBOOK ...] [--out build/slides]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import assets
from .assets import AssetError
from .notebooks import REPO_ROOT, all_notebooks

TEMPLATES = Path(__file__).resolve().parent / "templates"
URLS = {
    "reveal_url_prefix": "assets/reveal.js",
    "require_js_url": "assets/require.js",
    "jquery_url": "assets/jquery.min.js",
    "mathjax_url": "assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
}


def install_assets(out: Path) -> Path:
    """Copy reveal.js, MathJax, require.js and jQuery into ``out/assets/``; return that folder."""
    return assets.install(out / "assets")


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
