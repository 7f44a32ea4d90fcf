"""`make slides` writes reveal.js decks that work with no network: opened from disk with every
other request blocked, a deck is a slideshow, its formulas are typeset and its figures fit."""
from pathlib import Path

import pytest

from course_utils import assets, slides

REPO = Path(__file__).resolve().parent.parent
DECK_NOTEBOOK = REPO / "notebooks" / "01_perceptron.ipynb"


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("slides")
    slides.install_assets(out)
    return slides.export(DECK_NOTEBOOK, out)


def test_a_deck_loads_nothing_from_the_network(deck):
    html = deck.read_text(encoding="utf-8")
    assert assets.external_references(html) == []
    loaded = ["assets/reveal.js/dist/reveal.js", "assets/reveal.js/dist/reveal.css", "assets/reveal.js/plugin/notes/notes.js",
              "assets/reveal.js/dist/theme/white.css", "assets/require.js", "assets/jquery.min.js", "assets/mathjax/MathJax.js"]
    for url in loaded:
        assert f'"{url}' in html and (deck.parent / url).is_file(), url
    assert assets.external_references((deck.parent / "assets/reveal.js/dist/theme/white.css").read_text()) == []


def test_external_references_finds_what_a_page_would_load():
    page = ('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//cdn.example/y.css">'
            '<img src="assets/a.png"><a href="https://example.org/paper">a paper</a>'
            '<style>@import url(https://fonts.example/z.css);</style>')
    assert assets.external_references(page) == ["https://cdn.example/x.js", "//cdn.example/y.css", "https://fonts.example/z.css"]


# For each formula of the slide on screen: how many typeset copies its MathJax frame holds, and
# whether MathJax's quick preview of it is still visible beside them.
DRAWN_ON_PRESENT_SLIDE = """() => [...document.querySelectorAll('section.present script[type^="math/tex"]')].map(script => {
    const frame = document.getElementById(script.id + '-Frame');
    const preview = frame && frame.previousElementSibling;  // MathJax's preview, just before the formula it stands in for
    const shown = preview && preview.classList.contains('MathJax_Preview') && preview.getBoundingClientRect().width > 0;
    return [frame ? frame.querySelectorAll('.mjx-math').length : 0, Boolean(shown)];
})"""


def test_the_deck_is_a_slideshow_offline(deck, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requested = []

    def offline(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    # a slower processor for the first slide change, so that it surely comes while MathJax is still
    # typesetting the deck, as it does for a presenter who moves on in the first seconds
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    try:
        page.goto(deck.as_uri())
        page.wait_for_selector(".reveal.ready", timeout=30_000)
        title = page.locator("section.present h1").first.text_content()
        typesetting = page.evaluate("!(window.MathJax && MathJax.isReady) || MathJax.Hub.queue.pending > 0 || MathJax.Hub.queue.running > 0")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("location.hash === '#/1'", timeout=10_000)
        second = page.evaluate("document.querySelector('section.present h2').textContent")
        page.wait_for_function("window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0", timeout=60_000)
        drawn = page.evaluate(DRAWN_ON_PRESENT_SLIDE)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        typeset = page.evaluate("document.querySelectorAll('.MathJax_CHTML').length")
        math_errors = page.evaluate("document.querySelectorAll('.MathJax_Error, .mjx-merror').length")
        figures = page.evaluate("Array.from(document.querySelectorAll('.reveal img')).map(i => [i.naturalWidth, i.naturalHeight])")
        (REPO / "build" / "browser").mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(2000)  # let the slide transition and the web fonts settle for the picture
        page.screenshot(path=str(REPO / "build" / "browser" / "slides-offline.png"))
    except Exception:
        (REPO / "build").mkdir(exist_ok=True)
        page.screenshot(path=str(REPO / "build" / "slides-offline-failure.png"))
        raise
    finally:
        page.close()
    assert title.startswith("01 · The Perceptron") and second.strip() and second != title, (title, second)
    assert typeset >= 20 and math_errors == 0, (typeset, math_errors)
    # the slide changed while MathJax was still typesetting the deck: each formula is still drawn once
    assert typesetting, "MathJax had finished before the slide change: this run did not test it"
    assert len(drawn) >= 5 and all(copies == 1 and not preview for copies, preview in drawn), drawn
    assert requested == [] and errors == [], (requested, errors)
    assert figures and all(w <= 1280 and h <= 720 for w, h in figures), figures


def test_offline_without_cached_assets_says_what_to_do_and_leaves_nothing(tmp_path, monkeypatch):
    failing_npm = tmp_path / "npm"
    failing_npm.write_text("#!/bin/sh\necho 'npm error network request failed' >&2\nexit 1\n")
    failing_npm.chmod(0o755)
    monkeypatch.setattr(assets, "CACHE", tmp_path / "assets")
    monkeypatch.setattr(assets.shutil, "which", lambda name: str(failing_npm))
    with pytest.raises(assets.AssetError, match="could not fetch reveal.js@4.0.2 with npm pack .*network request failed"):
        slides.install_assets(tmp_path / "out")
    assert list((tmp_path / "assets").iterdir()) == []
    monkeypatch.setattr(assets.shutil, "which", lambda name: None)
    with pytest.raises(assets.AssetError, match="npm is not installed"):
        slides.install_assets(tmp_path / "out")
