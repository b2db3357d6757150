"""The gettext catalogs: the PO format (:mod:`.pofile`, :mod:`.codec`), templates
from a page's segments (:mod:`.template`) and the merge (:mod:`.merge`)."""
