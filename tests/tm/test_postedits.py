"""Post-edits learned from an aligned archive (tm/postedits.py), on plain data."""

from __future__ import annotations

import pytest

from bulletin_i18n.tm.postedits import RulesError, Rule, apply, dropped_rules, dumps, learn, loads, relearn

# (machine draft, published Spanish, page): the engine's heading and the site's own
EXAMPLES = [
    ("Lectura más lejana", "Lecturas complementarias", "a"),
    ("Lectura más lejana", "Lecturas complementarias", "b"),
    ("Narró enlaces", "Enlaces relacionados", "a"),
    ("Narró enlaces", "Enlaces relacionados", "b"),
    ("Aun así, el atributo funciona.", "Sin embargo, el atributo funciona.", "a"),
    ("Aun así, nada cambia.", "Sin embargo, nada cambia.", "c"),
    ("Use la etiqueta de lengua.", "Use la etiqueta de idioma.", "a"),  # once: no rule
]


def test_edits_made_on_two_pages_become_rules_with_their_context():
    rules = {(r.before, r.draft, r.after): r for r in learn(EXAMPLES)}
    assert rules[("^", ("Lectura", "más", "lejana"), "$")].published == "Lecturas complementarias"
    assert rules[("^", ("Aun", "así"), ",")] == Rule("^", ("Aun", "así"), ",", "Sin embargo", 2, 2)
    assert not any("lengua" in r.draft for r in rules.values())
    # the same edit twice on one page is not enough
    assert learn([("Narró enlaces", "Enlaces relacionados", "a")] * 3) == []


def test_an_edit_made_in_less_than_half_the_drafts_is_not_learned():
    kept = [("Lectura más lejana", "Lectura más lejana", page) for page in "defgh"]
    assert not any(r.draft == ("Lectura", "más", "lejana") for r in learn(EXAMPLES + kept))


def test_rules_change_the_words_between_placeholders_and_keep_the_rest():
    rules = learn(EXAMPLES)
    assert apply("Aun así, <1>el atributo</1> no basta.", rules) == "Sin embargo, <1>el atributo</1> no basta."
    assert apply("Lectura más lejana", rules) == "Lecturas complementarias"
    # out of context, or across a placeholder: unchanged
    assert apply("Una lectura más lejana", rules) == "Una lectura más lejana"
    assert apply("<1>Lectura más lejana</1>", rules) == "<1>Lectura más lejana</1>"
    assert apply("Narró <1/> enlaces", rules) == "Narró <1/> enlaces"
    assert apply("", rules) == "" and apply("Aun así, nada.", []) == "Aun así, nada."


def test_the_rules_file_reads_back_and_names_a_bad_line():
    rules = learn(EXAMPLES)
    text = dumps(rules, "apertium")
    assert text.startswith("# Post-edits learned by `bulletin-i18n align`: apertium drafts")
    assert "^\tLectura más lejana\t$\tLecturas complementarias\t2\t2\n" in text
    assert loads(text) == ("apertium", rules)
    with pytest.raises(RulesError, match=r"memory/postedits-es.tsv:5: not a rule") as caught:
        loads(text.replace("\t2\t2\n", "\t2\n", 1), "memory/postedits-es.tsv")
    assert caught.value.line == 5


def test_learning_again_keeps_what_a_person_did_to_the_rules():
    learned = learn(EXAMPLES)
    text = dumps(learned, "apertium")
    lines = text.splitlines()
    # a person drops "Narró enlaces", rewrites the published words of "Aun así", adds a rule
    edited = [("#" + line if line.startswith("^\tNarró") else line) for line in lines]
    edited = [line.replace("\tSin embargo\t", "\tNo obstante\t") for line in edited]
    edited.append("^\tBoletín\t$\tNoticias\t0\t0")
    text = "\n".join(edited) + "\n"
    _, kept = loads(text)
    dropped = dropped_rules(text)
    assert [r.draft for r in dropped] == [("Narró", "enlaces")]
    rules, dropped = relearn(learn(EXAMPLES), kept, dropped)
    by_draft = {r.draft: r for r in rules}
    assert ("Narró", "enlaces") not in by_draft
    assert by_draft[("Aun", "así")].published == "No obstante" and by_draft[("Aun", "así")].times == 2
    assert by_draft[("Boletín",)].published == "Noticias"
    again = dumps(rules, "apertium", dropped)
    assert "#^\tNarró enlaces\t$\tEnlaces relacionados\t2\t2\n" in again
    assert loads(again)[1] == rules and dropped_rules(again) == dropped
    assert apply("Narró enlaces", rules) == "Narró enlaces"
