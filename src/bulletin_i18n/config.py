"""Project settings: where things are and how each stage behaves.

A project is a folder with ``source/``, ``locales/`` and ``output/``. Settings are
read from ``bulletin-i18n.toml`` (top-level keys) or, failing that, from the
``[tool.bulletin-i18n]`` table of ``pyproject.toml``. Every key is optional.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import InputError

CONFIG_FILE = "bulletin-i18n.toml"


@dataclass
class CheckSettings:
    """Thresholds and rules of ``check`` (per language overrides in ``languages``)."""

    min_translated: float = 100.0
    allow_fuzzy: bool = False
    rules: list[str] = field(
        default_factory=lambda: [
            "placeholders", "numbers", "urls", "glossary", "unchanged", "punctuation",
        ]
    )
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
    #: Machine translation engine for ``pretranslate`` and ``sync``.
    engine: str = "apertium"
    engine_url: str | None = None
    engine_concurrency: int = 4
    engine_timeout: float = 30.0
    engine_retries: int = 4
    #: Similarity (0-100) for fuzzy matching of changed strings and memory.
    fuzzy_threshold: float = 75.0
    #: Line width of written catalogs (gettext's own default).
    wrap_width: int = 79
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

    # -- paths ---------------------------------------------------------------
    @property
    def source_path(self) -> Path:
        return self.root / self.source_dir

    @property
    def locales_path(self) -> Path:
        return self.root / self.locales_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def glossary_path(self) -> Path | None:
        return self.root / self.glossary if self.glossary else None

    def sources(self) -> list[Path]:
        """Every English bulletin of the project, in a stable order."""
        return sorted(self.source_path.rglob("*.html"))

    def name_of(self, source: Path) -> str:
        """The bulletin name of a source file: its path under ``source/``, no suffix."""
        return source.relative_to(self.source_path).with_suffix("").as_posix()

    def template_path(self, name: str) -> Path:
        return self.locales_path / f"{name}.pot"

    def catalog_path(self, name: str, lang: str) -> Path:
        return self.locales_path / lang / f"{name}.po"

    def edition_path(self, name: str, lang: str) -> Path:
        return self.output_path / lang / f"{name}.html"

    def relative(self, path: Path) -> str:
        """A path as written in references and messages: relative to the project."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


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
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 7)"
        raise InputError(f"{path}: invalid TOML: {exc}", path=path, line=_line_of(exc)) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}", path=path) from exc


def _line_of(exc: tomllib.TOMLDecodeError) -> int | None:
    import re

    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def _apply(settings: Settings, data: dict[str, Any], origin: Path) -> None:
    known = {f.name: f for f in fields(Settings) if f.name != "root"}
    for key, value in data.items():
        attr = key.replace("-", "_")
        if attr not in known:
            raise InputError(f"{origin}: unknown setting {key!r}", path=origin)
        if attr == "check":
            settings.check = _check_settings(value, origin)
            continue
        default = getattr(settings, attr)
        if not _same_type(default, value, attr):
            raise InputError(
                f"{origin}: setting {key!r} should be {type(default).__name__}, "
                f"got {value!r}",
                path=origin,
            )
        setattr(settings, attr, value)
    if isinstance(settings.target_langs, str):
        settings.target_langs = [settings.target_langs]


def _same_type(default: Any, value: Any, attr: str) -> bool:
    if default is None or attr in ("engine_url", "base_url"):
        return value is None or isinstance(value, str)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default))


def _check_settings(value: Any, origin: Path) -> CheckSettings:
    if not isinstance(value, dict):
        raise InputError(f"{origin}: setting 'check' should be a table", path=origin)
    check = CheckSettings()
    for key, item in value.items():
        attr = key.replace("-", "_")
        if not hasattr(check, attr):
            raise InputError(f"{origin}: unknown setting 'check.{key}'", path=origin)
        setattr(check, attr, item)
    return check
