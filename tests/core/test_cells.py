"""Formula neutralisation of spreadsheet cells and its inverse."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from partact_app.core.cells import FORMULA_STARTS, neutralise, restore


def test_formula_starts_get_an_apostrophe():
    for start in FORMULA_STARTS:
        assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("Banque Moselle") == "Banque Moselle"
    assert neutralise("'quoted") == "'quoted"
    assert neutralise("") == ""
    assert neutralise("'=x") == "''=x" and restore("''=x") == "'=x"  # an apostrophe of its own survives


@given(st.text() | st.builds(lambda a, b, c: a + b + c, st.sampled_from(["", "'", "''"]),
                               st.sampled_from(FORMULA_STARTS), st.text()))
def test_restore_undoes_neutralise(text):
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(FORMULA_STARTS)
