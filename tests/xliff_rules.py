"""The structural rules of the XLIFF 1.2 and 2.0 specifications, for the tests.

No package ships the OASIS schemas (XLIFF 1.2 transitional, 2.0 core); these
checks are the rules a schema would check, and those it cannot (unique ids,
inline codes paired and matching the source).
"""

from __future__ import annotations

from lxml import etree

from bulletin_i18n.tm.xliff import NS_12, NS_20

STATES_12 = {"final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
             "needs-review-translation", "needs-translation", "new", "signed-off", "translated"}
STATES_20 = {"initial", "translated", "reviewed", "final"}
#: XLIFF 1.2 ctype values of paired and of atomic codes (besides x-…); XLIFF 2.0 types.
CTYPES_PAIRED = {"bold", "italic", "underlined", "link"}
CTYPES_ATOMIC = {"image", "pb", "lb"}
TYPES_20 = {"fmt", "ui", "quote", "link", "image", "other"}


def codes(element, ns: str) -> list[tuple[str, str]]:
    """(element, id) of every inline code in a source or target, in document order."""
    return [(etree.QName(e).localname, e.get("id")) for e in element.iter()
            if e is not element and etree.QName(e).namespace == ns]


def check_structure(data: bytes) -> int:
    """The structural rules of the XLIFF 1.2 or 2.0 specification that a schema would
    check, and those it cannot (unique ids, inline codes paired and matching the
    source); returns how many units were checked. A rule broken fails the test."""
    root = etree.fromstring(data)
    version = root.get("version")
    ns = {"1.2": NS_12, "2.0": NS_20}[version]
    assert etree.QName(root).namespace == ns and etree.QName(root).localname == "xliff"
    units = 0
    if version == "1.2":
        for file in root.iterchildren(f"{{{ns}}}file"):
            assert file.get("original") and file.get("source-language") and file.get("datatype")
            children = [etree.QName(c).localname for c in file]
            assert children[-1] == "body" and children.count("body") == 1 and children[:1] in (["header"], ["body"])
            ids = [u.get("id") for u in file.iter(f"{{{ns}}}trans-unit")]
            assert all(ids) and len(ids) == len(set(ids)), "trans-unit ids unique in their file"
            for unit in file.iter(f"{{{ns}}}trans-unit"):
                units += 1
                assert unit.get("approved") in (None, "yes", "no")
                names = [etree.QName(c).localname for c in unit]
                assert names[0] == "source" and names.count("source") == 1 and names.count("target") <= 1
                assert "target" not in names or names.index("target") == 1
                source, target = unit.find(f"{{{ns}}}source"), unit.find(f"{{{ns}}}target")
                for text in (source, target):
                    if text is None:
                        continue
                    found = codes(text, ns)
                    assert all(code_id for _, code_id in found), "inline codes carry an id"
                    opened = [i for kind, i in found if kind == "bpt"]
                    assert sorted(opened) == sorted(i for kind, i in found if kind == "ept"), "bpt/ept paired"
                    for kind, element in ((k, e) for e in text.iter() for k in [etree.QName(e).localname]
                                          if e is not text):
                        ctype = element.get("ctype")
                        allowed = CTYPES_PAIRED if kind in ("bpt", "g") else CTYPES_ATOMIC
                        assert ctype is None or ctype in allowed or ctype.startswith("x-"), ctype
                if target is not None:
                    assert target.get("state") in STATES_12
                    if "".join(target.itertext()):
                        assert sorted(codes(target, ns)) == sorted(codes(source, ns)), "codes match the source"
    else:
        assert root.get("srcLang")
        file_ids = [f.get("id") for f in root.iterchildren(f"{{{ns}}}file")]
        assert all(file_ids) and len(file_ids) == len(set(file_ids))
        for file in root.iterchildren(f"{{{ns}}}file"):
            ids = [u.get("id") for u in file.iter(f"{{{ns}}}unit")]
            assert all(ids) and len(ids) == len(set(ids)), "unit ids unique in their file"
            for unit in file.iter(f"{{{ns}}}unit"):
                units += 1
                names = [etree.QName(c).localname for c in unit if isinstance(c.tag, str)]
                assert "segment" in names and names[: names.index("segment")] in ([], ["notes"])
                for segment in unit.iterchildren(f"{{{ns}}}segment"):
                    assert segment.get("state", "initial") in STATES_20
                    parts = [etree.QName(c).localname for c in segment]
                    assert parts[0] == "source" and parts in (["source"], ["source", "target"])
                    source, target = segment.find(f"{{{ns}}}source"), segment.find(f"{{{ns}}}target")
                    if segment.get("state", "initial") != "initial":
                        assert target is not None, "a target when the state is not initial"
                    found = codes(source, ns)
                    assert all(i for _, i in found) and len({i for _, i in found}) == len(found)
                    for element in source.iter(f"{{{ns}}}pc", f"{{{ns}}}ph"):
                        assert element.get("type") in TYPES_20
                    if target is not None:
                        assert sorted(codes(target, ns)) == sorted(found), "codes match the source"
    return units


