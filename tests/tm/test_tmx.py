"""TMX 1.4: placeholders as inline elements, and foreign files read back."""

from __future__ import annotations

import pytest

from bulletin_i18n.errors import InputError
from bulletin_i18n.tm.tmx import from_seg, import_tmx, to_seg


def test_placeholders_round_trip_through_seg():
    message = "<1>Read <2>more</2></1> here<3/>, and <4/>"
    seg = to_seg(message, {1: "link", 3: "image"})
    assert [(el.tag, el.get("type")) for el in seg] == [
        ("bpt", "link"), ("bpt", None), ("ept", None), ("ept", None), ("ph", "image"), ("ph", None)]
    assert from_seg(seg) == message


def test_import_of_foreign_inline_codes(tmp_path):
    path = tmp_path / "cat.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en-US" segtype="sentence" '
        'datatype="html" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/>'
        '<body><tu><tuv xml:lang="es-ES"><seg>Lea <bpt i="5">&lt;a href="x"&gt;</bpt>más'
        '<ept i="5">&lt;/a&gt;</ept><ph x="6">&lt;br/&gt;</ph> <hi>ya</hi></seg></tuv>'
        '<tuv xml:lang="en-US"><seg>Read <bpt i="5">&lt;a&gt;</bpt>more<ept i="5">&lt;/a&gt;</ept>'
        '<ph x="6">&lt;br/&gt;</ph> <hi>now</hi></seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert import_tmx(path) == [("es-ES", "Read <5>more</5><6/> now", "Lea <5>más</5><6/> ya")]


def test_foreign_tmx_with_unnumbered_codes_is_a_clear_error(tmp_path):
    path = tmp_path / "agency.tmx"
    path.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
                    '<tu><tuv xml:lang="en"><seg>Go <bpt type="link">&lt;a&gt;</bpt>here</seg></tuv>\n'
                    '<tuv xml:lang="es"><seg>Vaya aquí</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_tmx(path)
    assert str(err.value) == f"{path}:3: unusable translation unit: <bpt> needs a numeric i attribute, got None"


def test_import_says_which_units_nobody_reviewed(tmp_path):
    path = tmp_path / "aligned.tmx"
    units = "".join(
        f'<tu>{prop}<tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="es"><seg>{es}</seg></tuv></tu>'
        for prop, en, es in [('<prop type="x-review">unreviewed</prop>', "Red", "Rojo"),
                             ('<prop type="x-review">trusted</prop>', "Blue", "Azul"),
                             ("", "Green", "Verde")])
    path.write_text(f'<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>{units}</body></tmx>',
                    encoding="utf-8")
    assert import_tmx(path) == [("es", "Red", "Rojo"), ("es", "Blue", "Azul"), ("es", "Green", "Verde")]
    assert import_tmx(path, with_review=True) == [
        ("es", "Red", "Rojo", False), ("es", "Blue", "Azul", True), ("es", "Green", "Verde", True)]
