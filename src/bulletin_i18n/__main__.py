"""``python -m bulletin_i18n``: the ``bulletin-i18n`` command, for when scripts are not on PATH."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
