"""Project settings: where things are and how each stage behaves.

A project is a folder with ``source/``, ``locales/`` and ``output/``. Settings are
read from ``bulletin-i18n.toml`` (top-level keys) or, failing that, from the
``[tool.bulletin-i18n]`` table of ``pyproject.toml``. Every key is optional.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InputError, line_in
from .fsutil import files_under, under

#: The shape of a BCP 47 tag: a language, then subtags (script, region, variants);
#: gettext's underscore ("pt_BR", as locale folders are named) is accepted too.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
#: Characters no file name, folder or language code of a project may hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

CONFIG_FILE = "bulletin-i18n.toml"


@dataclass
class CheckSettings:
    """Thresholds and rules of ``check`` (per language overrides in ``languages``)."""

    min_translated: float = 100.0
    allow_fuzzy: bool = False
    #: The quality rules to run (names of ``qa.rules``); None: every rule.
    rules: list[str] | None = None
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Settings:
    """Everything a project can configure, with the defaults a new project gets."""

    root: Path = Path(".")
    source_dir: str = "source"
    locales_dir: str = "locales"
    output_dir: str = "output"
    source_lang: str = "en"
    target_langs: list[str] = field(default_factory=lambda: ["es"])
    #: Glossary of approved terms (CSV ``source,target,note`` or TBX), optional.
    glossary: str = "glossary/en-es.csv"
    #: Machine translation engine for ``pretranslate`` and ``sync``; a list is a
    #: chain (e.g. ["openai", "apertium"]): what one cannot translate well, the
    #: next one does.
    engine: str | list[str] = "apertium"
    engine_url: str | None = None
    engine_concurrency: int = 4
    engine_timeout: float = 30.0
    engine_retries: int = 4
    #: The ``openai`` engine's model (else the environment's OPENAI_MODEL), and
    #: messages per request.
    openai_model: str | None = None
    openai_batch: int = 20
    #: Similarity (0-100) for fuzzy matching of changed strings and memory.
    fuzzy_threshold: float = 75.0
    #: Line width of written catalogs (gettext's own default); 0: no wrapping.
    wrap_width: int = 79
    #: References (#:) of catalog entries, as gettext's --add-location: "full"
    #: (file and line), "file" (file only), "never" (none).
    add_location: str = "full"
    project_name: str = "bulletin-i18n"
    bugs_address: str = ""
    #: Editions: absolute links when published at a base URL, else relative.
    base_url: str | None = None
    #: Prefix rewrites of links in each target edition: {lang: {from: to}}.
    url_map: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Text of the language switch pointing back to the source edition.
    switch_text: dict[str, str] = field(default_factory=lambda: {"en": "English version"})
    #: Mark translated blocks with data-i18n-id for alignment.
    segment_ids: bool = True
    check: CheckSettings = field(default_factory=CheckSettings)
    #: Per target language, the engine and its options that replace the
    #: top-level ones: {lang: {"engine": "libre", "engine_url": ...}}.
    engines: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: What is not translated in every bulletin (ITS 2.0 Translate): rules files
    #: (relative to the project), CSS selectors of elements never translated,
    #: and attribute names translated wherever they are.
    its_rules: list[str] = field(default_factory=list)
    no_translate: list[str] = field(default_factory=list)
    translate_attributes: list[str] = field(default_factory=list)

    # -- paths ---------------------------------------------------------------
    @property
    def source_path(self) -> Path:
        return _path_in(self.root, self.source_dir)

    @property
    def locales_path(self) -> Path:
        return _path_in(self.root, self.locales_dir)

    @property
    def output_path(self) -> Path:
        return _path_in(self.root, self.output_dir)

    @property
    def its_rules_paths(self) -> list[Path]:
        return [self.root / name for name in self.its_rules]

    @property
    def glossary_path(self) -> Path | None:
        return self.root / self.glossary if self.glossary else None

    @property
    def source_folder(self) -> str:
        """``str(self.source_path)``: the path is made once, and keeps its string."""
        return str(self.source_path)

    @property
    def locales_folder(self) -> str:
        return str(self.locales_path)

    @property
    def output_folder(self) -> str:
        return str(self.output_path)

    def sources(self) -> list[Path]:
        """Every English bulletin of the project, in a stable order (``rglob("*.html")``'s
        files, sorted as paths; found by one ``os.scandir`` per folder)."""
        folder = self.source_folder
        found = files_under(folder, lambda name: name.endswith(".html"))
        return [Path(under(folder, relative)) for relative in sorted(found, key=lambda r: r.split("/"))]

    def name_of(self, source: Path) -> str:
        """The bulletin name of a source file: its path under ``source/``, no suffix."""
        if isinstance(source, Path):  # the usual case, by strings (a run asks thousands of times)
            text, folder = str(source), self.source_folder
            if folder != "." and text.startswith(folder + "/") and text.endswith(".html") \
                    and not text.endswith("/.html"):
                return text[len(folder) + 1:-5]
        return _name_under(self.source_path, source)

    def template_path(self, name: str) -> Path:
        return _path_in(self.locales_path, f"{name}.pot")

    def catalog_path(self, name: str, lang: str) -> Path:
        return _path_in(self.locales_path, lang, f"{name}.po")

    def edition_path(self, name: str, lang: str) -> Path:
        return _path_in(self.output_path, lang, f"{name}.html")

    def engine_settings(self, lang: str) -> dict[str, Any]:
        """The engine of a target language and its options: the top-level keys,
        then the language's ``[engines.<lang>]`` table."""
        values = {key: getattr(self, key) for key in ENGINE_KEYS}
        values.update(self.engines.get(lang, {}))
        return values

    def relative(self, path: Path) -> str:
        """A path as written in references and messages: relative to the project."""
        if os.sep == "/" and not os.altsep:  # the same, by strings (a run asks thousands of times)
            text, root = os.fspath(path), os.fspath(self.root)
            if (text[:1] == "/") == (root[:1] == "/"):
                # both relative (to the same current folder) or both absolute: their
                # normal forms compare as their absolute ones would, without asking the
                # system for the current folder, unless one climbs out of it ("..")
                absolute, root = os.path.normpath(text), os.path.normpath(root)
                if root == ".":
                    if _climbs(absolute):
                        absolute, root = os.path.abspath(path), os.path.abspath(self.root)
                    else:
                        return absolute
                elif _climbs(absolute) or _climbs(root):
                    absolute, root = os.path.abspath(path), os.path.abspath(self.root)
            else:
                absolute, root = os.path.abspath(path), os.path.abspath(self.root)
            if absolute == root:
                return "."
            inside = root if root.endswith("/") else root + "/"
            return absolute[len(inside):] if absolute.startswith(inside) else Path(path).as_posix()
        try:  # links are not followed: a path is shown as the project names it
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return Path(path).as_posix()


def _climbs(path: str) -> bool:
    """Whether a normal relative path starts above its folder (``..``)."""
    return path == ".." or path.startswith("../")


@lru_cache(maxsize=8192)
def _path_in(folder: Path, *names: str) -> Path:
    """``folder / name / ...``, made once (paths of each bulletin are asked for many times a run)."""
    return folder.joinpath(*names)


@lru_cache(maxsize=8192)
def _name_under(folder: Path, source: Path) -> str:
    return Path(source).relative_to(folder).with_suffix("").as_posix()


def load_settings(root: Path | str = ".") -> Settings:
    """Read the settings of the project in ``root``.

    Raises :class:`InputError` naming the file and line of a syntax error, or the
    key of a wrong value.
    """
    root = Path(root)
    data: dict[str, Any] = {}
    origin = None
    own = root / CONFIG_FILE
    pyproject = root / "pyproject.toml"
    if own.is_file():
        origin = own
        data = _read_toml(own)
    elif pyproject.is_file():
        parsed = _read_toml(pyproject)
        table = parsed.get("tool", {}).get("bulletin-i18n")
        if table is not None:
            origin = pyproject
            data = table
    settings = Settings(root=root)
    if origin is not None:
        _apply(settings, data, origin)
    _check_folders(settings, origin)
    return settings


def settings_file(root: Path | str) -> str:
    """Where a project's settings are, as a person would look for them:
    ``bulletin-i18n.toml``, or ``pyproject.toml [tool.bulletin-i18n]``."""
    root = Path(root)
    if not (root / CONFIG_FILE).is_file() and (root / "pyproject.toml").is_file():
        try:
            if "bulletin-i18n" in _read_toml(root / "pyproject.toml").get("tool", {}):
                return "pyproject.toml [tool.bulletin-i18n]"
        except InputError:
            pass
    return CONFIG_FILE


def is_language_tag(code: str) -> bool:
    """A BCP 47 language tag whose language Babel knows ("es", "es-MX", "es-419", "pt-BR",
    or gettext's "pt_BR")."""
    if not _LANGUAGE_TAG.fullmatch(code):
        return False
    from babel import Locale, UnknownLocaleError  # read only when the settings name a language

    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason})", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 7)"
        line = line_in(str(exc))
        raise InputError(f"{path}:{line}: invalid TOML: {exc}", path=path, line=line) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}", path=path) from exc


# -- validation -------------------------------------------------------------------
# Each check returns what is wrong with a value, or None.


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else "should be a string"


def _optional_text(value: Any) -> str | None:
    return None if value is None or isinstance(value, str) else "should be a string"


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "should be true or false"


def _number(low: float, high: float, whole: bool = False):
    def check(value: Any) -> str | None:
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            return f"should be a {'whole ' if whole else ''}number from {low:g} to {high:g}"
        return None
    return check


def _choice(*choices: str):
    def check(value: Any) -> str | None:
        if value not in choices:
            return "should be one of " + ", ".join(f'"{c}"' for c in choices)
        return None
    return check


#: The values of ``add_location`` (gettext's ``--add-location=TYPE``).
ADD_LOCATION = ("full", "file", "never")


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not is_language_tag(value):
        return 'should be a language code (BCP 47, e.g. "es" or "es-MX") that Babel knows'
    return None


def _languages(value: Any) -> str | None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        return 'should be a non-empty list of language codes, e.g. ["es"]'
    wrong = [v for v in value if not is_language_tag(v)]
    if wrong:
        return f'should hold language codes (BCP 47, e.g. "es" or "es-MX") that Babel knows, not {wrong[0]!r}'
    if len(set(value)) != len(value):
        return "should name each language once"
    return None


def _engine(value: Any) -> str | None:
    """An engine's name, or a chain of them."""
    if isinstance(value, str):
        return None
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        return 'should be an engine\'s name or a list of them (a chain), e.g. ["openai", "apertium"]'
    if len(set(value)) != len(value):
        return "should name each engine of the chain once"
    return None


def _folder(value: Any) -> str | None:
    """A folder of the project: a relative path that stays inside it."""
    if not isinstance(value, str) or not value.strip():
        return "should be a folder of the project"
    path = Path(value)
    if path.is_absolute() or ".." in path.parts or CONTROL_CHARACTERS.search(value):
        return "should be a folder inside the project (a relative path, no '..')"
    return None


def _text_table(value: Any) -> str | None:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        return "should be a table of strings"
    return None


def _table_of_text_tables(value: Any) -> str | None:
    if not isinstance(value, dict) or any(_text_table(v) for v in value.values()):
        return 'should be tables of strings per language, e.g. [url_map.es] "from" = "to"'
    return None


_CHECKS = {
    "source_dir": _folder, "locales_dir": _folder, "output_dir": _folder, "source_lang": _language,
    "target_langs": _languages, "glossary": _text, "engine": _engine,
    "engine_url": _optional_text, "openai_model": _optional_text, "openai_batch": _number(1, 200, whole=True),
    "engine_concurrency": _number(1, 64, whole=True), "engine_timeout": _number(0.1, 3600),
    "engine_retries": _number(0, 20, whole=True), "fuzzy_threshold": _number(0, 100),
    "wrap_width": _number(0, 10000, whole=True), "add_location": _choice(*ADD_LOCATION), "project_name": _text, "bugs_address": _text,
    "base_url": _optional_text, "url_map": _table_of_text_tables, "switch_text": _text_table,
    "segment_ids": _flag,
}


def _files(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return 'should be a list of files of the project, e.g. ["rules/footer.xml"]'
    return None


def _css_selectors(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return 'should be a list of CSS selectors, e.g. ["address.footer", "code"]'
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector
    for selector in value:
        try:
            CSSSelector(selector, translator="html")
        except SelectorError as exc:
            return f"holds {selector!r}, which is not a CSS selector ({exc})"
    return None


_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.:-]*")


def _attribute_names(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and _ATTRIBUTE_NAME.fullmatch(v) for v in value):
        return 'should be a list of attribute names, e.g. ["data-title"]'
    return None


_CHECKS.update({"its_rules": _files, "no_translate": _css_selectors, "translate_attributes": _attribute_names})


def _rules(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return 'should be a list of rule names, e.g. ["placeholders", "numbers"]'
    return None


_CHECK_CHECKS = {"min_translated": _number(0, 100), "allow_fuzzy": _flag, "rules": _rules}
#: The keys an ``[engines.<lang>]`` table may set.
ENGINE_KEYS = ("engine", "engine_url", "engine_concurrency", "engine_timeout", "engine_retries",
               "openai_model", "openai_batch")


def _fail(origin: Path, key: str, problem: str) -> InputError:
    line = _key_line(origin, key)
    where = f"{origin}:{line}" if line else str(origin)
    return InputError(f"{where}: setting {key!r} {problem}", path=origin, line=line)


def _key_line(origin: Path, key: str) -> int | None:
    """The line of a key in a settings file (tomllib does not say): for a dotted
    key, the line of its last part under its table's header."""
    try:
        lines = origin.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    *table, name = key.split(".")
    start = 0
    if table:
        header = re.compile(rf"^\s*\[\s*(tool\.bulletin-i18n\.)?{re.escape('.'.join(table))}\s*\]")
        start = next((number for number, line in enumerate(lines) if header.match(line)), 0)
    pattern = re.compile(rf"""^\s*(\[[^\]]*\b{re.escape(name)}\b[^\]]*\]|["']?{re.escape(name)}["']?\s*=)""")
    return next((number for number, line in enumerate(lines[start:], start + 1) if pattern.match(line)), None)


def _apply(settings: Settings, data: dict[str, Any], origin: Path) -> None:
    for key, value in data.items():
        attr = key.replace("-", "_")
        if attr == "check":
            settings.check = _check_settings(value, origin)
            continue
        if attr == "engines":
            settings.engines = _engine_settings(value, origin)
            continue
        if attr not in _CHECKS:
            raise _fail(origin, key, "is unknown")
        problem = _CHECKS[attr](value)
        if problem:
            raise _fail(origin, key, f"{problem}, got {value!r}")
        setattr(settings, attr, value)
    if data.get("glossary") and not settings.glossary_path.is_file():
        raise _fail(origin, "glossary", f"names {data['glossary']!r}, which is not a file")
    for name, path in zip(settings.its_rules, settings.its_rules_paths):
        if not path.is_file():
            raise _fail(origin, "its_rules", f"names {name!r}, which is not a file")
    for lang in settings.engines:
        if lang not in settings.target_langs:
            raise _fail(origin, f"engines.{lang}", f"is for {lang!r}, which is not in target_langs "
                        f"{settings.target_langs}")


def _engine_settings(value: Any, origin: Path) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise _fail(origin, "engines", 'should be tables per language, e.g. [engines.fr] engine = "libre"')
    engines = {}
    for lang, table in value.items():
        engines[lang] = {}
        for key, item in table.items():
            attr = key.replace("-", "_")
            if attr not in ENGINE_KEYS:
                raise _fail(origin, f"engines.{lang}.{key}", f"is unknown (an engine table takes "
                            f"{', '.join(ENGINE_KEYS)})")
            problem = _CHECKS[attr](item)
            if problem:
                raise _fail(origin, f"engines.{lang}.{key}", f"{problem}, got {item!r}")
            engines[lang][attr] = item
    return engines


def _check_folders(settings: Settings, origin: Path | None) -> None:
    """The project's folders, where they exist, are folders."""
    for key in ("source_dir", "locales_dir", "output_dir"):
        path = settings.root / getattr(settings, key)
        if path.exists() and not path.is_dir():
            problem = f"names {getattr(settings, key)!r}, which is a file, not a folder"
            if origin is not None:
                raise _fail(origin, key, problem)
            raise InputError(f"{path}: the project's {key.removesuffix('_dir')} folder is a file", path=path)


def _check_settings(value: Any, origin: Path) -> CheckSettings:
    if not isinstance(value, dict):
        raise _fail(origin, "check", "should be a table")
    check = CheckSettings()
    for key, item in value.items():
        attr = key.replace("-", "_")
        if attr == "languages":
            if not isinstance(item, dict) or not all(isinstance(v, dict) for v in item.values()):
                raise _fail(origin, "check.languages", "should be tables per language, e.g. [check.languages.es]")
            for lang, overrides in item.items():
                _check_values(overrides, origin, f"check.languages.{lang}")
        elif attr in _CHECK_CHECKS:
            _check_values({key: item}, origin, "check")
        else:
            raise _fail(origin, f"check.{key}", "is unknown")
        setattr(check, attr, item)
    return check


def _check_values(values: dict[str, Any], origin: Path, table: str) -> None:
    for key, item in values.items():
        check = _CHECK_CHECKS.get(key.replace("-", "_"))
        if check is None:
            raise _fail(origin, f"{table}.{key}", "is unknown")
        problem = check(item)
        if problem:
            raise _fail(origin, f"{table}.{key}", f"{problem}, got {item!r}")
