"""The editions, review page and index in a real browser (headless Chromium).

Needs the Debian packages ``chromium`` and ``chromium-driver`` and the Python
package ``selenium``; without them these tests fail (CI installs them).
Screenshots go to ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest

from edition_project import NAME, build_project, make_project, review_state
from conftest import ROOT, cli

from bulletin_i18n.project import Project
from bulletin_i18n.project.publish import review_path, write_index, write_reviews

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select
except ImportError:  # the browser fixture says what to install
    By = Keys = Select = None

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


SMES = "innovation and internationalization of <1>SMEs</1>; and"
FINDING = "Also in this issue:"  # reviewed, with a punctuation warning of check


@pytest.fixture(scope="module")
def review_project(tmp_path_factory):
    """The test project, with one reviewed translation whose placeholders a translator broke."""
    settings = make_project(tmp_path_factory.mktemp("review"), glossary="")
    build_project(settings)
    path = settings.catalog_path(NAME, "es")
    po = polib.pofile(str(path))
    po.find(SMES).msgstr = "innovación e internacionalización de las PYME; y"
    po.save(str(path))
    assert cli("-C", settings.root, "review").returncode == 0
    return settings


def expected_statuses(settings) -> list[str]:
    template = [e.msgid for e in polib.pofile(str(settings.template_path(NAME)))]
    return ["not-used" if msgid == SMES else "findings" if msgid == FINDING else review_state(i, msgid)
            for i, msgid in enumerate(template)]


def shown_rows(browser) -> list[int]:
    return [int(row.find_element(By.CSS_SELECTOR, "td.number").text)
            for row in browser.find_elements(By.CSS_SELECTOR, "#segments tbody tr") if row.is_displayed()]


def test_review_page_badges_say_what_readers_see(browser, review_project):
    open_page(browser, review_path(review_project, NAME))
    rows = browser.find_elements(By.CSS_SELECTOR, "#segments tbody tr")
    cells = [row.find_element(By.CSS_SELECTOR, "td[lang='es']") for row in rows]
    statuses = [cell.get_attribute("data-status") for cell in cells]
    assert statuses == expected_statuses(review_project)
    broken = cells[statuses.index("not-used")]
    badge = broken.find_element(By.CSS_SELECTOR, ".status")
    assert badge.text == "not used: English shown" and badge.is_displayed()
    assert broken.find_element(By.CSS_SELECTOR, ".reason").text == "why: missing placeholder <1>…</1>"
    # the badge is not green: its colour is the "not used" one
    assert badge.value_of_css_property("background-color") == "rgba(176, 0, 32, 1)"
    assert cells[statuses.index("findings")].find_element(By.CSS_SELECTOR, ".status").text == "has findings"
    assert "‹1›" in rows[3].text  # "<1>»Back</1> ۩ <2>SEDI</2>" shown with markers
    summary = browser.find_element(By.CSS_SELECTOR, ".summary li[data-lang='es']").text
    assert "not used: English shown: 1" in summary and "has findings: 1" in summary
    assert browser.find_element(By.ID, "shown").text == f"{len(rows)} of {len(rows)} rows shown"
    screenshot(browser, "review")


def test_review_page_filters_and_search(browser, review_project):
    open_page(browser, review_path(review_project, NAME))
    statuses = expected_statuses(review_project)
    every = list(range(1, len(statuses) + 1))
    assert shown_rows(browser) == every
    # untick every status but "not used"
    for box in browser.find_elements(By.CSS_SELECTOR, "input[name='status']"):
        if box.get_attribute("value") != "not-used":
            box.click()
    assert shown_rows(browser) == [statuses.index("not-used") + 1]
    assert browser.find_element(By.ID, "shown").text == f"1 of {len(statuses)} rows shown"
    screenshot(browser, "review-not-used")
    for box in browser.find_elements(By.CSS_SELECTOR, "input[name='status']"):
        if box.get_attribute("value") != "not-used":
            box.click()
    assert shown_rows(browser) == every
    # by finding: the punctuation warning, then any finding
    Select(browser.find_element(By.ID, "finding")).select_by_value("punctuation")
    assert shown_rows(browser) == [statuses.index("findings") + 1]
    Select(browser.find_element(By.ID, "finding")).select_by_value("*")
    assert shown_rows(browser) == sorted([statuses.index("findings") + 1, statuses.index("not-used") + 1])
    Select(browser.find_element(By.ID, "finding")).select_by_value("")
    # search, in English or in Spanish, any case
    search = browser.find_element(By.ID, "search")
    search.send_keys("DIÁLOGO REGIONAL")
    assert [statuses[n - 1] for n in shown_rows(browser)] == ["reviewed"]
    search.clear()
    search.send_keys("twitter")
    assert len(shown_rows(browser)) == 1
    search.send_keys(Keys.CONTROL, "a")
    search.send_keys(Keys.DELETE)
    assert shown_rows(browser) == every
    # needs work only: what is reviewed without findings goes
    browser.find_element(By.ID, "needs-work").click()
    assert shown_rows(browser) == [n for n in every if statuses[n - 1] != "reviewed"]
    screenshot(browser, "review-needs-work")
    browser.find_element(By.ID, "needs-work").click()
    assert shown_rows(browser) == every


def test_index_figures_are_checks(browser, review_project):
    """The index says what `check --format json` says, for reviewed, machine, fuzzy and untranslated entries."""
    report = json.loads(cli("-C", review_project.root, "check", "--format", "json").stdout)
    [catalog] = report["catalogs"]
    open_page(browser, review_project.output_path / "index.html")
    cell = browser.find_element(By.CSS_SELECTOR, "td.figures[lang='es']")
    entries, words, machine = catalog["entries"], catalog["words"], catalog["machine"]
    assert entries["translated"] and machine["entries"] and entries["fuzzy"] > machine["entries"]
    assert entries["untranslated"]
    errors = sum(f["severity"] == "error" for f in report["findings"] if f["path"] == catalog["path"])
    warnings = sum(f["severity"] == "warning" for f in report["findings"] if f["path"] == catalog["path"])
    assert cell.text.splitlines() == [
        f"{entries['translated']}/{entries['total']} entries reviewed ({catalog['percent']['entries']:.1f}%)",
        f"{words['translated']}/{words['total']} words reviewed ({catalog['percent']['words']:.1f}%)",
        f"{machine['entries']} machine drafts, {entries['fuzzy'] - machine['entries']} other fuzzy, "
        f"{entries['untranslated']} untranslated",
        f"check: failed, {errors} errors ({entries['fuzzy']} of them fuzzy entries), {warnings} warning"]
    # each bar's parts are as wide as their share
    for bar, counts, drafts in (("entries", entries, machine["entries"]), ("words", words, machine["words"])):
        stack = cell.find_element(By.CSS_SELECTOR, f".stack.{bar}")
        total = stack.size["width"]
        widths = [part.size["width"] for part in stack.find_elements(By.TAG_NAME, "span")]
        shares = [counts["translated"], drafts, counts["fuzzy"] - drafts, counts["untranslated"]]
        assert widths == pytest.approx([total * share / counts["total"] for share in shares], abs=1.5)
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
