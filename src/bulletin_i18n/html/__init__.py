"""HTML pages: reading (:mod:`.page`), segments out (:mod:`.extract`),
translations in (:mod:`.apply`), and what makes an edition (:mod:`.editions`)."""
