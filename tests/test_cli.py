"""The command line: help, -C, clear errors with file and line, exit statuses."""

from __future__ import annotations

import re
import subprocess
import sys

import polib

from conftest import SAMPLE_1252
from conftest import cli as run


def test_the_installed_entry_point_runs():
    result = subprocess.run([sys.executable, "-m", "bulletin_i18n.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and re.fullmatch(r"bulletin-i18n, version \d+\.\d+\.\d+\n", result.stdout)


def test_help_explains_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("extract", "build", "sync", "pretranslate", "check"):
        assert command in result.stdout
    assert "like git -C" in " ".join(result.stdout.split())
    assert "fuzzy suggestion" in run("extract", "--help").stdout


def test_extract_and_build_in_another_folder(project):
    result = run("-C", str(project), "extract")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "wrote locales/es/sedi-2015-04.po: 0 translated, 0 fuzzy, 45 untranslated, 0 obsolete\n"
    again = run("-C", str(project), "extract")
    assert again.stdout == "1 catalog unchanged (-v names them)\n"
    assert run("-C", str(project), "-v", "extract").stdout == (
        "unchanged locales/es/sedi-2015-04.po: 0 translated, 0 fuzzy, 45 untranslated, 0 obsolete\n")
    assert run("-C", str(project), "-q", "extract").stdout == ""
    result = run("-C", str(project), "build")
    assert result.returncode == 0
    es = (project / "output" / "es" / "sedi-2015-04.html").read_text(encoding="utf-8")
    assert '<html xmlns="http://www.w3.org/1999/xhtml" lang="es"' in es
    assert (project / "output" / "en" / "sedi-2015-04.html").is_file()


def test_build_warns_with_catalog_line_and_keeps_english(project):
    run("-C", str(project), "extract")
    path = project / "locales" / "es" / "sedi-2015-04.po"
    po = polib.pofile(str(path))
    entry = po.find("innovation and internationalization of <1>SMEs</1>; and")
    entry.msgstr = "innovación e internacionalización de las PYMES; y"  # placeholder dropped
    po.find("Videos").msgstr = "Vídeos"
    po.save(str(path))
    line = polib.pofile(str(path)).find(entry.msgid).linenum
    result = run("-C", str(project), "build")
    assert result.returncode == 0
    assert (f"warning: locales/es/sedi-2015-04.po:{line}: translation not used "
            "(missing placeholder <1>…</1>): English kept at source/sedi-2015-04.html:61") in result.stderr
    es = (project / "output" / "es" / "sedi-2015-04.html").read_text(encoding="utf-8")
    assert re.search(r"<h3[^>]*>Vídeos</h3>", es)
    assert "innovation and internationalization of <abbr" in es


def test_fuzzy_entries_only_with_include_fuzzy(project):
    run("-C", str(project), "extract")
    path = project / "locales" / "es" / "sedi-2015-04.po"
    po = polib.pofile(str(path))
    po.find("Videos").msgstr = "Vídeos"
    po.find("Videos").flags.append("fuzzy")
    po.save(str(path))
    run("-C", str(project), "build")
    es = project / "output" / "es" / "sedi-2015-04.html"
    assert re.search(r"<h3[^>]*>Videos</h3>", es.read_text(encoding="utf-8"))
    run("-C", str(project), "build", "--include-fuzzy")
    assert re.search(r"<h3[^>]*>Vídeos</h3>", es.read_text(encoding="utf-8"))


def test_bad_settings_name_file_and_line(project):
    (project / "bulletin-i18n.toml").write_text('source_lang = "en"\ntarget_langs = [es]\n')
    result = run("-C", str(project), "extract")
    assert result.returncode == 2
    assert "bulletin-i18n.toml:2: invalid TOML: " in result.stderr
    for text, message in [
        ('engine = "apertium"\ntarget_lang = ["es"]\n', "toml:2: setting 'target_lang' is unknown"),
        ('target_langs = []\n', "toml:1: setting 'target_langs' should be a non-empty list of language codes"),
        ('fuzzy_threshold = 500\n', "toml:1: setting 'fuzzy_threshold' should be a number from 0 to 100"),
        ('[url_map]\nes = 5\n', "toml:1: setting 'url_map' should be tables of strings per language"),
        ('[check]\nallow_fuzzy = "no"\n', "toml:2: setting 'check.allow_fuzzy' should be true or false"),
        ('[check.languages.es]\nmin_translated = 120\n',
         "toml:2: setting 'check.languages.es.min_translated' should be a number from 0 to 100"),
    ]:
        (project / "bulletin-i18n.toml").write_text(text)
        for command in ("extract", "check"):
            result = run("-C", str(project), command)
            assert result.returncode == 2 and message in result.stderr, (text, result.stderr)
    assert not (project / "locales").exists()


def test_undecodable_or_missing_bulletin(project):
    (project / "source" / "broken.html").write_bytes(b"<html><body><p>ok</p>\n<p>\xff\xfe bad</p>"
                                                     b"<meta charset='utf-8'></body></html>")
    result = run("-C", str(project), "extract")
    assert result.returncode == 2
    assert "source/broken.html:2: not valid utf-8 (byte 0xff)" in result.stderr
    result = run("-C", str(project), "build", "nonexistent")
    assert result.returncode == 2 and "nonexistent: no such bulletin under source/" in result.stderr


def test_legacy_encoding_edition_is_utf8(project):
    (project / "source" / "sedi-2015-04.html").write_bytes(SAMPLE_1252.read_bytes())
    assert run("-C", str(project), "sync", "--no-mt").returncode == 0
    es = (project / "output" / "es" / "sedi-2015-04.html").read_bytes()
    assert b'content="text/html; charset=utf-8"' in es and b"windows-1252" not in es
    assert "Jos\u00e9 Miguel Insulza".encode("utf-8") in es


def test_a_catalog_that_is_a_folder_or_a_loop_is_one_line_exit_2(project):
    (project / "locales" / "es").mkdir(parents=True)
    (project / "locales" / "es" / "sedi-2015-04.po").mkdir()
    result = run("-C", project, "sync", "--no-mt")
    assert (result.returncode, result.stderr) == (
        2, "bulletin-i18n: error: locales/es/sedi-2015-04.po: not a catalog file (a folder or a broken link?)\n")
    (project / "locales" / "es" / "sedi-2015-04.po").rmdir()
    (project / "locales" / "es" / "sedi-2015-04.po").symlink_to("sedi-2015-04.po")
    for command in ("sync", "check", "build"):
        result = run("-C", project, command)
        assert result.returncode == 2 and "Traceback" not in result.stderr, (command, result.stderr)
        assert "locales/es/sedi-2015-04.po: " in result.stderr + result.stdout  # check: a finding
    assert not (project / "output").exists()


def test_a_file_name_with_a_line_break_is_refused(project):
    (project / "source" / "bad\nname.html").write_bytes(b"<p>Hello</p>")
    result = run("-C", project, "sync", "--no-mt")
    assert result.returncode == 2
    assert "a bulletin's file name cannot hold a line break or another control character" in result.stderr
    assert not (project / "locales").exists()


def test_an_unwritable_output_is_one_line_not_a_traceback(project):
    (project / "output").mkdir()
    (project / "output" / "en").write_text("a file where the edition folder goes")
    result = run("-C", project, "sync", "--no-mt")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("bulletin-i18n: error: ") and "output/en" in result.stderr


def test_commands_in_a_folder_with_no_bulletins_stop_and_make_nothing(tmp_path):
    for folder in (tmp_path / "empty", tmp_path / "empty-source"):
        folder.mkdir()
        if folder.name == "empty-source":
            (folder / "source").mkdir()
        for command in ("check", "sync", "build", "review", "extract", "pretranslate"):
            result = run("-C", folder, command)
            assert result.returncode == 2, (command, result.stderr)
            assert result.stderr.startswith(f"bulletin-i18n: error: no bulletins in {folder}: source/ "), command
        assert sorted(p.name for p in folder.iterdir()) == ([] if folder.name == "empty" else ["source"])


def test_exit_statuses_tell_usage_from_unreadable_input(project):
    help_text = run("--help").stdout
    assert "Exit status:" in help_text
    for line in ("2   input that cannot be read or used", "3   a machine translation engine",
                 "64  the command was used wrongly", "75  try again"):
        assert line in help_text
    for args in (["sync", "--no-such-option"], ["check", "--format", "xml"], ["build", "--lang"],
                 ["check", "--min-translated", "120"], ["no-such-command"], ["-C", project / "missing", "check"]):
        result = run("-C", project, *args) if args[0] != "-C" else run(*args)
        assert result.returncode == 64, (args, result.stderr)
        assert "Error:" in result.stderr and "Traceback" not in result.stderr
    for command in ("sync", "build", "review", "check", "pretranslate", "export-tmx"):
        args = ["-o", project / "x.tmx"] if command == "export-tmx" else []
        result = run("-C", project, command, "--lang", "fr", *args)
        assert result.returncode == 64, (command, result.stderr)
        assert "--lang fr: fr is not a target language of this project" in result.stderr
    assert not (project / "locales").exists() and not (project / "output").exists()


def test_quiet_keeps_warnings_and_errors_only(project):
    assert run("-C", project, "-q", "sync", "--no-mt").stdout == ""
    path = project / "locales" / "es" / "sedi-2015-04.po"
    po = polib.pofile(str(path))
    po.find("innovation and internationalization of <1>SMEs</1>; and").msgstr = "sin marcadores"
    po.save(str(path))
    result = run("-C", project, "-q", "build")
    assert result.stdout == "" and "translation not used (missing placeholder <1>…</1>)" in result.stderr
    assert run("-C", project, "build").stdout == ("wrote output/en/sedi-2015-04.html\n"
                                                   "wrote output/es/sedi-2015-04.html\n")


def test_build_and_review_for_one_language(project):
    (project / "bulletin-i18n.toml").write_text('target_langs = ["es", "fr"]\n')
    assert run("-C", project, "sync", "--no-mt").returncode == 0
    (project / "output" / "fr" / "sedi-2015-04.html").unlink()
    result = run("-C", project, "build", "--lang", "es")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "wrote output/en/sedi-2015-04.html\nwrote output/es/sedi-2015-04.html\n"
    assert not (project / "output" / "fr" / "sedi-2015-04.html").exists()
    es = (project / "output" / "es" / "sedi-2015-04.html").read_text(encoding="utf-8")
    assert 'hreflang="fr"' in es  # the edition still names every language's edition
    assert run("-C", project, "review", "--lang", "fr").returncode == 0
    page = (project / "output" / "review" / "sedi-2015-04.html").read_text(encoding="utf-8")
    assert 'td lang="fr" data-status=' in page and 'td lang="es" data-status=' not in page


def test_a_progress_bar_on_a_terminal_only(monkeypatch):
    import io

    import click

    from bulletin_i18n import cli as command_line

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with click.Context(command_line.main) as ctx:
        ctx.meta["verbosity"] = 0
        with command_line.progress(["a", "b", "c"], "sync") as items:
            assert list(items) == ["a", "b", "c"]
        assert "sync" in screen.getvalue() and "3/3" in screen.getvalue()
        ctx.meta["verbosity"] = -1  # -q: no bar
        shown = len(screen.getvalue())
        with command_line.progress(["a", "b"], "sync") as items:
            assert list(items) == ["a", "b"]
        assert len(screen.getvalue()) == shown
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a log, not a terminal: no bar
    with click.Context(command_line.main) as ctx:
        with command_line.progress(["a", "b"], "sync") as items:
            assert list(items) == ["a", "b"] and sys.stderr.getvalue() == ""
