"""Colour contrast inside the SVG charts (axe-core does not check SVG graphics).

Text needs 4.5:1 against the white chart background (WCAG 1.4.3), lines, bars and edges
3:1 (WCAG 1.4.11). Light fills are allowed only where an outline of sufficient contrast
bounds them (the scenario band, the pyramid bars)."""

import re

import numpy as np
import pytest

from zwk.profiles import charts


def _luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    rgb = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def contrast(colour: str, background: str = "#ffffff") -> float:
    a, b = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _all_charts():
    years = list(range(2012, 2042))
    series = [(f"Reihe {i}", [float(i + y % 7) for y in years]) for i in range(7)]
    low = [1.0] * len(years)
    high = [9.0] * len(years)
    ages = np.linspace(60, 10, 101).tolist()
    return [
        charts.line_chart("l", "L", "d", years, series, band=("Band", low, high), marker_year=2022),
        charts.pyramid("p", "P", "d", [ages, ages], [ages, ages], 2021, 2041),
        charts.bar_chart("b", "B", "d", ["Hier", "Kreis", "Land"], [1.0, None, -2.0]),
    ]


@pytest.mark.parametrize("chart", _all_charts(), ids=lambda c: c.id)
def test_chart_text_and_graphics_have_enough_contrast(chart):
    svg = chart.svg
    for colour in re.findall(r'<text[^>]*fill="(#[0-9a-fA-F]{6})"', svg):
        assert contrast(colour) >= 4.5, f"text colour {colour} in {chart.id}"
    # strokes of lines, polylines and outlines; solid fills of bars and points
    for colour in re.findall(r'stroke="(#[0-9a-fA-F]{6})"', svg):
        if colour.lower() == "#d0d0d0":  # grid lines: decoration, the values are labelled
            continue
        assert contrast(colour) >= 3, f"stroke {colour} in {chart.id}"
    for element in re.findall(r"<(?:rect|circle)[^>]*>", svg):
        fill = re.search(r'fill="(#[0-9a-fA-F]{6})"', element).group(1)
        if fill.lower() == "#ffffff":  # the background
            continue
        outlined = re.search(r'stroke="(#[0-9a-fA-F]{6})"', element)
        assert contrast(fill) >= 3 or (outlined and contrast(outlined.group(1)) >= 3), (
            f"{element} in {chart.id}"
        )
    for element in re.findall(r"<polygon[^>]*>", svg):
        edge = re.search(r'stroke="(#[0-9a-fA-F]{6})"', element)
        assert edge and contrast(edge.group(1)) >= 3, f"unbounded light area in {chart.id}"


def test_palette_is_distinct_and_dark_enough():
    assert len(set(charts.PALETTE)) == len(charts.PALETTE)
    assert all(contrast(c) >= 3 for c in charts.PALETTE)
