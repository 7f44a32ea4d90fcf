"""`make site` builds the course website from the stored outputs; opened from disk with the network
blocked, its pages link to each other, show their figures, typeset their formulas and keep the
exercises' solutions folded."""
from pathlib import Path

import pytest

from course_utils import assets, site

REPO = Path(__file__).resolve().parent.parent
PAGES = [REPO / "notebooks" / "05_optimizers.ipynb", REPO / "notebooks" / "07_convolutions.ipynb"]


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return site.build(tmp_path_factory.mktemp("site"), notebooks=PAGES)


def offline_page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.requested, page.errors = [], []

    def offline(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            page.requested.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    return page


def test_pages_load_nothing_from_the_network(home):
    for html in home.parent.glob("*.html"):
        assert assets.external_references(html.read_text(encoding="utf-8")) == [], html.name


def test_the_site_works_offline(home, browser):
    page = offline_page(browser)
    try:
        page.goto(home.as_uri())
        titles = page.locator("table a").all_text_contents()
        assert titles == ["05 · Optimizers", "07 · Convolutions"], titles
        page.click("table a >> nth=0")
        page.wait_for_url("**/05_optimizers.html")
        page.wait_for_function("document.querySelectorAll('mjx-container').length > 20", timeout=60_000)
        assert page.evaluate("document.querySelectorAll('mjx-merror').length") == 0
        figures = page.evaluate("Array.from(document.images).map(i => i.naturalWidth)")
        assert len(figures) >= 5 and all(w > 0 for w in figures), figures
        (REPO / "build" / "browser").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(REPO / "build" / "browser" / "site-05_optimizers.png"))
        folded = page.evaluate("Array.from(document.querySelectorAll('details')).map(d => [d.open, d.textContent])")
        assert len(folded) >= 3 and not any(is_open for is_open, _ in folded), folded
        assert all("def " in text or "=" in text for _, text in folded)  # the solutions are there, folded
        page.click("a[rel=next], a:has-text('07 · Convolutions') >> nth=0")
        page.wait_for_url("**/07_convolutions.html")
        page.wait_for_function("document.querySelectorAll('mjx-container').length > 5", timeout=60_000)
        assert all(w > 0 for w in page.evaluate("Array.from(document.images).map(i => i.naturalWidth)"))
    except Exception:
        (REPO / "build").mkdir(exist_ok=True)
        page.screenshot(path=str(REPO / "build" / "site-offline-failure.png"))
        raise
    finally:
        page.close()
    assert page.requested == [] and page.errors == [], (page.requested, page.errors)
