"""bulletin-i18n: English HTML bulletins to aligned English and Spanish editions."""

__version__ = "0.1.0"
