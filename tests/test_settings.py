"""Settings: every value checked where it is read, with the file and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bulletin_i18n.errors import InputError
from bulletin_i18n.settings import Settings, is_language_tag, load_settings


def settings_error(tmp_path, text: str | bytes) -> str:
    path = tmp_path / "bulletin-i18n.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(InputError) as err:
        load_settings(tmp_path)
    return str(err.value)


@pytest.mark.parametrize("code, valid", [
    ("es", True), ("es-MX", True), ("es-419", True), ("pt-BR", True), ("zh-Hans", True), ("pt_BR", True),
    ("xx", False), ("../../x", False), ('es"><script>alert(1)</script>', False), ("", False), ("e s", False),
])
def test_language_codes_are_bcp47_tags_babel_knows(code, valid):
    assert is_language_tag(code) is valid


@pytest.mark.parametrize("text, message", [
    ('target_langs = ["../../../x"]\n', "toml:1: setting 'target_langs' should hold language codes"),
    ('target_langs = ["es\\"><script>"]\n', "toml:1: setting 'target_langs' should hold language codes"),
    ('target_langs = ["es", "es"]\n', "toml:1: setting 'target_langs' should name each language once"),
    ('\nsource_lang = "english"\n', "toml:2: setting 'source_lang' should be a language code"),
    ('output_dir = "../elsewhere"\n', "toml:1: setting 'output_dir' should be a folder inside the project"),
    ('locales_dir = "/etc"\n', "toml:1: setting 'locales_dir' should be a folder inside the project"),
    ('glossary = "terms/missing.csv"\n', "toml:1: setting 'glossary' names 'terms/missing.csv', which is not a file"),
    ('engine = 4\n', "toml:1: setting 'engine' should be an engine's name or a list of them (a chain)"),
    ('\nengine = ["openai", "openai"]\n', "toml:2: setting 'engine' should name each engine of the chain once"),
    ('engine = []\n', "toml:1: setting 'engine' should be an engine's name or a list of them (a chain)"),
    ('\n\nopenai_batch = 0\n', "toml:3: setting 'openai_batch' should be a whole number from 1 to 200"),
    ('openai_model = 4\n', "toml:1: setting 'openai_model' should be a string"),
    ('\nits_rules = ["rules/missing.xml"]\n', "toml:2: setting 'its_rules' names 'rules/missing.xml', which is not a file"),
    ('its_rules = "rules.xml"\n', "toml:1: setting 'its_rules' should be a list of files of the project"),
    ('\n\nno_translate = ["p..legal"]\n', "toml:3: setting 'no_translate' holds 'p..legal', which is not a CSS selector"),
    ('no_translate = "code"\n', "toml:1: setting 'no_translate' should be a list of CSS selectors"),
    ('translate_attributes = ["data-title\']"]\n', "toml:1: setting 'translate_attributes' should be a list of attribute names"),
])
def test_bad_values_are_refused_with_file_and_line(tmp_path, text, message):
    def made_above() -> set:  # what the folders above the project hold (others may write there too)
        return {(folder, p.name) for folder in tmp_path.parents[:3] for p in folder.iterdir()}

    before = made_above()
    assert message in settings_error(tmp_path, text)
    assert not (tmp_path / "locales").exists()
    assert not [name for _, name in made_above() - before if name == "x"]  # no folder made outside


def test_settings_that_are_not_utf8(tmp_path):
    assert settings_error(tmp_path, b'project_name = "Bolet\xedn"\n').endswith(
        "bulletin-i18n.toml: not UTF-8 (invalid continuation byte)")


def test_a_project_folder_that_is_a_file(tmp_path):
    (tmp_path / "output").write_text("not a folder")
    with pytest.raises(InputError, match="the project's output folder is a file"):
        load_settings(tmp_path)
    (tmp_path / "site").write_text("not a folder")
    assert "toml:1: setting 'output_dir' names 'site', which is a file, not a folder" in settings_error(
        tmp_path, 'output_dir = "site"\n')


def test_the_default_glossary_may_be_missing(tmp_path):
    assert load_settings(tmp_path).glossary_path == tmp_path / "glossary" / "en-es.csv"


def test_an_engine_per_target_language(tmp_path):
    (tmp_path / "bulletin-i18n.toml").write_text(
        'target_langs = ["es", "fr"]\nengine_timeout = 12\n\n[engines.fr]\nengine = "libre"\n'
        'engine_url = "http://127.0.0.1:5000/"\n')
    settings = load_settings(tmp_path)
    assert settings.engine_settings("es") == {"engine": "apertium", "engine_url": None, "engine_concurrency": 4,
                                              "engine_timeout": 12, "engine_retries": 4,
                                              "openai_model": None, "openai_batch": 20}
    assert settings.engine_settings("fr") == {"engine": "libre", "engine_url": "http://127.0.0.1:5000/",
                                              "engine_concurrency": 4, "engine_timeout": 12, "engine_retries": 4,
                                              "openai_model": None, "openai_batch": 20}


@pytest.mark.parametrize("text, message", [
    ('target_langs = ["es", "fr"]\nengine = "apertium"\n[engines.fr]\nengine = 5\n',
     "toml:4: setting 'engines.fr.engine' should be an engine's name or a list of them (a chain)"),
    ('target_langs = ["es", "fr"]\n[engines.es]\nengine = "google"\n[engines.fr]\nengine_timeout = -1\n',
     "toml:5: setting 'engines.fr.engine_timeout' should be a number from 0.1 to 3600"),
    ('target_langs = ["es", "fr"]\n[engines.fr]\nspeed = "fast"\n',
     "toml:3: setting 'engines.fr.speed' is unknown (an engine table takes engine, engine_url, "),
    ('[engines.de]\nengine = "libre"\n', "toml:1: setting 'engines.de' is for 'de', which is not in target_langs"),
    ('engines = "libre"\n', "toml:1: setting 'engines' should be tables per language"),
])
def test_engine_tables_are_checked_with_file_and_line(tmp_path, text, message):
    assert message in settings_error(tmp_path, text)


def test_an_engine_chain_and_the_language_model_are_settings(tmp_path):
    (tmp_path / "bulletin-i18n.toml").write_text(
        'target_langs = ["es", "fr"]\nengine = ["openai", "apertium"]\nopenai_model = "llama3.1"\n'
        'openai_batch = 10\n\n[engines.fr]\nengine = "openai"\nopenai_model = "mistral"\n', encoding="utf-8")
    settings = load_settings(tmp_path)
    es, fr = settings.engine_settings("es"), settings.engine_settings("fr")
    assert (es["engine"], es["openai_model"], es["openai_batch"]) == (["openai", "apertium"], "llama3.1", 10)
    assert (fr["engine"], fr["openai_model"], fr["openai_batch"]) == ("openai", "mistral", 10)


def test_sources_and_names_are_those_of_pathlib(tmp_path):
    """The bulletins are found by os.scandir and named by strings, as rglob and
    relative_to would find and name them: hidden files, dots, subfolders, a
    folder named like a page, a linked folder not entered, path order."""
    source = tmp_path / "source"
    (source / "sub" / ".h").mkdir(parents=True)
    (source / "d.html").mkdir()
    for name in ["a.html", "b.tar.html", ".html", "sub/x.html", "sub/.h/y.html", "sub-x.html", "sub/notes.txt",
                 "A.html", "sub/.html"]:
        (source / name).write_text("<p>x</p>")
    (source / "link").symlink_to(source / "sub")
    for root in [tmp_path, Path(os.path.relpath(tmp_path))]:
        settings = load_settings(root)
        found = settings.sources()
        assert found == sorted(settings.source_path.rglob("*.html"))
        assert [settings.name_of(path) for path in found] == [
            path.relative_to(settings.source_path).with_suffix("").as_posix() for path in found]
        assert [settings.name_of(path) for path in found] == [
            ".html", "A", "a", "b.tar", "d", "sub/.h/y", "sub/.html", "sub/x", "sub-x"]


def test_relative_names_a_path_as_the_project_does(tmp_path, monkeypatch):
    """relative() (written by strings on POSIX) says what Path.relative_to says."""
    import os
    from pathlib import Path

    def expected(root, path):
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            return Path(path).as_posix()

    monkeypatch.chdir(tmp_path)
    cases = ["a/b.po", str(tmp_path / "x" / "y"), str(tmp_path), str(tmp_path) + "/", "x/../y", "../z", "/",
             ".", str(tmp_path) + "x/a", str(tmp_path) + "//x//y/", tmp_path / "a b" / "c",
             f"../{tmp_path.name}/q", f"../{tmp_path.name}/wa/q", "wa", "wa/q", "wa/../wa/q", "./wa//q/",
             "wab/q", "..", Path("wa") / "q"]
    for root in (tmp_path, Path("."), Path("/"), Path("x/.."), Path("wa"), Path("./wa/"), Path(".."),
                 Path(f"../{tmp_path.name}/wa"), Path("wa/..")):
        settings = Settings(root=root)
        assert [settings.relative(case) for case in cases] == [expected(root, case) for case in cases]


def test_relative_paths_are_named_without_asking_for_the_current_folder(tmp_path, monkeypatch):
    """A project named by a relative path (the usual ``bulletin-i18n build`` in its
    folder): relative() is a matter of strings (a build asks thousands of times)."""
    monkeypatch.chdir(tmp_path)

    def no(*args):
        raise AssertionError("os.getcwd called")

    monkeypatch.setattr(os, "getcwd", no)
    settings = Settings(root=Path("."))
    assert settings.relative(settings.catalog_path("sub/a", "es")) == "locales/es/sub/a.po"
    assert Settings(root=Path("site")).relative(Path("site/source/a.html")) == "source/a.html"
    assert Settings(root=tmp_path).relative(tmp_path / "locales" / "es" / "a.po") == "locales/es/a.po"
