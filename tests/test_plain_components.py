"""components/plain.py: Radix's layout and text components drawn as one plain element each, with Radix's classes."""

from __future__ import annotations

import pytest
import reflex as rx

from partact_app.components import plain


def jsx(component: rx.Component) -> str:
    return str(component)


def test_a_stack_is_one_div_with_radix_flex_classes():
    out = jsx(plain.vstack(rx.el.span("a"), width="100%", spacing="2", align="center", wrap="wrap", id="s"))
    assert out.startswith('jsx("div",{className:"rt-Flex rt-r-fd-column rt-r-ai-center rt-r-fw-wrap rt-r-gap-2 '
                          'partact-full-width",id:"s"')
    # Reflex's defaults: a row aligned at the start, spacing 3
    assert 'className:"rt-Flex rt-r-fd-row rt-r-ai-start rt-r-gap-3"' in jsx(plain.hstack("a"))


def test_text_badge_and_card_carry_radix_classes_and_the_accent_colour():
    assert 'jsx("label",{className:"rt-Text rt-r-size-2 rt-r-weight-medium","data-accent-color":"gray"' in jsx(
        plain.text("a", as_="label", size="2", weight="medium", color_scheme="gray"))
    assert 'className:"rt-reset rt-Badge rt-r-size-2 rt-variant-soft","data-accent-color":""' in jsx(
        plain.badge("a", size="2"))
    assert 'className:"rt-reset rt-BaseCard rt-Card rt-r-size-3 rt-variant-surface partact-full-width"' in jsx(
        plain.card("a", size="3", width="100%"))


def test_a_class_computed_in_the_page_is_added_to_radix_classes():
    out = jsx(plain.text("a", class_name=rx.cond(rx.State.is_hydrated, "yes", "no")))
    assert 'className:("rt-Text "+(' in out


def test_a_style_argument_without_its_class_is_refused_rather_than_dropped():
    with pytest.raises(ValueError, match="width"):
        plain.vstack("a", width="50%")
