"""The editions, review page and index in a real browser (headless Chromium).

Needs the Debian packages ``chromium`` and ``chromium-driver`` and the Python
package ``selenium``; without them these tests fail (CI installs them).
Screenshots go to ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from edition_project import NAME, build_project, make_project, review_state
from conftest import ROOT, SAMPLE_IMAGES

from bulletin_i18n.project import Project
from bulletin_i18n.project.publish import review_path, write_index, write_reviews
from bulletin_i18n.project.steps import build_editions, update_catalogs
from bulletin_i18n.settings import load_settings

CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1200,900")
RAW_PLACEHOLDER = re.compile(r"</?\d+/?>|[‹›]")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium is not installed: pip install -e '.[test]'")
    binary = shutil.which("chromium")
    if binary is None or not CHROMEDRIVER.is_file():
        pytest.fail("headless Chromium is needed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(15)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    settings = make_project(tmp_path_factory.mktemp("project"), glossary="")
    build_project(settings)
    write_reviews(Project(settings))
    write_index(Project(settings))
    return settings


def open_page(browser, path: Path) -> None:
    browser.get(path.resolve().as_uri())


def screenshot(browser, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def page_lang(browser) -> str:
    return browser.execute_script("return document.documentElement.lang")


def test_spanish_edition_and_its_switch_to_english(browser, project):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, project.edition_path(NAME, "es"))
    assert page_lang(browser) == "es"
    heading = browser.find_element(By.TAG_NAME, "h1")
    assert heading.is_displayed() and heading.text == "El diálogo regional de MIPYME impulsa la cooperación"
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "Vídeos" in text and "English version | abril de 2015" in text
    assert not RAW_PLACEHOLDER.findall(text)
    # the assets shared with the English edition load
    assert browser.execute_script(
        "return document.querySelector('img[src$=\"facebook.gif\"]').naturalWidth") == 16
    screenshot(browser, "edition-es")

    browser.find_element(By.CSS_SELECTOR, "a[hreflang='en']").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith(f"/en/{NAME}.html"))
    assert page_lang(browser) == "en"
    assert browser.find_element(By.TAG_NAME, "h1").text == "MSME Regional Dialogue Boosts Cooperation"
    assert not RAW_PLACEHOLDER.findall(browser.find_element(By.TAG_NAME, "body").text)


def test_review_page_statuses_and_filter(browser, project):
    from selenium.webdriver.common.by import By

    open_page(browser, review_path(project, NAME))
    rows = browser.find_elements(By.CSS_SELECTOR, "#segments tbody tr")
    statuses = [row.find_element(By.CSS_SELECTOR, "td[lang='es']").get_attribute("data-status") for row in rows]
    template = [e.msgid for e in polib.pofile(str(project.template_path(NAME)))]
    assert statuses == [review_state(i, msgid) for i, msgid in enumerate(template)]
    assert "‹1›" in rows[3].text  # "<1>»Back</1> ۩ <2>SEDI</2>" shown with markers
    screenshot(browser, "review")

    browser.find_element(By.ID, "needs-work").click()
    visible = [row for row in rows if row.is_displayed()]
    needs_work = [row for row in rows if "done" not in row.get_attribute("class").split()]
    assert visible == needs_work and 0 < len(visible) < len(rows)
    hidden = [status for status, row in zip(statuses, rows) if not row.is_displayed()]
    assert set(hidden) == {"reviewed"}
    screenshot(browser, "review-needs-work")
    browser.find_element(By.ID, "needs-work").click()
    assert all(row.is_displayed() for row in rows)


def test_index_links_to_review_and_editions(browser, project):
    from selenium.webdriver.common.by import By

    open_page(browser, project.output_path / "index.html")
    bar = browser.find_element(By.CSS_SELECTOR, "td[lang='es'] [role='progressbar']")
    assert 0 < int(bar.get_attribute("aria-valuenow")) < 100 and bar.is_displayed()
    screenshot(browser, "index")
    browser.find_element(By.LINK_TEXT, "review").click()
    assert browser.current_url.endswith(f"/review/{NAME}.html")
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Review: {NAME}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_picture_of_both_editions_loads(browser, project, lang):
    open_page(browser, project.edition_path(NAME, lang))
    images = browser.execute_script(
        "return Array.from(document.images, i => [i.getAttribute('src'), i.complete, i.naturalWidth])")
    assert len(images) == 9
    broken = [src for src, complete, width in images if not (complete and width > 0)]
    assert broken == []
    if lang == "es":
        assert all(src.startswith("../en/images/") for src, _, _ in images)


#: A page whose picture has a text for readers without scripts (issue 11); ALT is
#: its alt text as written in the page.
NOSCRIPT_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Offices</title></head>
<body><p>Our offices on a map.</p>
<noscript><img src="map.jpg" alt="ALT"></noscript>
<script>document.body.dataset.scripting = "on";</script>
</body></html>
"""
#: A text that would end the <noscript> from inside the attribute for a browser
#: running scripts (libxml2 writes "<!--...-->" in an attribute value as it is),
#: and run a script of its own.
NOSCRIPT_BREAKOUT = "<!--</noscript><img src=x onerror=alert(document.domain)>--> Mapa"


def noscript_project(root: Path, alt: str, spanish: dict[str, str]):
    """A project of NOSCRIPT_PAGE with ``alt``, its Spanish catalog holding
    ``spanish``, both editions built: the settings and the build's warnings."""
    (root / "source").mkdir()
    (root / "source" / "offices.html").write_text(NOSCRIPT_PAGE.replace("ALT", alt), encoding="utf-8")
    shutil.copy(SAMPLE_IMAGES / "tross.jpg", root / "source" / "map.jpg")
    settings = load_settings(root)
    project = Project(settings)
    source = settings.source_path / "offices.html"
    catalogs, _ = update_catalogs(project, project.load(source))
    for entry in catalogs["es"]:
        entry.msgstr = spanish.get(entry.msgid, "")
    project.write(catalogs["es"], settings.catalog_path("offices", "es"))
    _, warnings = build_editions(project, project.load(source), project.existing_catalogs("offices"))
    return settings, warnings


def opened_alerts(browser, path: Path) -> list[str]:
    """Open a page: the text of the alert it opens (accepted), if any."""
    from selenium.common.exceptions import TimeoutException, UnexpectedAlertPresentException
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        open_page(browser, path)
        WebDriverWait(browser, 2).until(expected_conditions.alert_is_present())
    except UnexpectedAlertPresentException as exc:
        return [exc.alert_text or ""]
    except TimeoutException:
        return []
    alert = browser.switch_to.alert
    text = alert.text
    alert.accept()
    return [text]


def assert_no_script_of_its_own(browser, path: Path) -> None:
    """The page runs its own script (scripting is on), and no other."""
    assert opened_alerts(browser, path) == []
    assert browser.execute_script("return document.body.dataset.scripting") == "on"
    assert browser.execute_script("return document.querySelectorAll('img[src=x]').length") == 0
    assert browser.execute_script("return document.querySelectorAll('body > img').length") == 0


def test_a_translation_cannot_end_a_noscript_of_the_spanish_edition(browser, tmp_path):
    settings, warnings = noscript_project(
        tmp_path, "Map", {"Map": NOSCRIPT_BREAKOUT, "Our offices on a map.": "Nuestras oficinas en un mapa."})
    line = next(e.line for e in Project(settings).catalog("offices", "es") if e.msgid == "Map")
    assert warnings == [
        f"locales/es/offices.po:{line}: translation not used (\"</noscript\" would end the <noscript> "
        "around this text in a browser): English kept at source/offices.html:4"]

    assert_no_script_of_its_own(browser, settings.edition_path("offices", "es"))
    assert browser.execute_script("return document.querySelector('noscript').textContent") == \
        '<img src="../en/map.jpg" alt="Map">'
    assert browser.find_element("tag name", "p").text == "Nuestras oficinas en un mapa."


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_escaped_end_tag_in_the_source_stays_text_in_both_editions(browser, tmp_path, lang):
    """The source writes the attribute escaped, harmless in a browser; the
    editions must too (libxml2 alone would write its "<!--...-->" as it is)."""
    escaped = NOSCRIPT_BREAKOUT.replace("<", "&lt;").replace(">", "&gt;")
    settings, warnings = noscript_project(tmp_path, escaped, {"Our offices on a map.": "Nuestras oficinas en un mapa."})
    assert warnings == []
    assert_no_script_of_its_own(browser, settings.edition_path("offices", lang))
    noscript = browser.execute_script("return document.querySelector('noscript').textContent")
    assert noscript.endswith(f'map.jpg" alt="{escaped}">')
