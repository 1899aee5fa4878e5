from zwk.profiles import charts


def test_line_chart_is_accessible_and_carries_its_data():
    c = charts.line_chart(
        "t",
        "Titel",
        "Beschreibung",
        [2020, 2021],
        [("A", [1.0, 2.0])],
        band=("B", [0.5, 1.5], [1.5, 2.5]),
        digits=1,
    )
    assert 'role="img"' in c.svg and '<title id="t-t">Titel</title>' in c.svg
    assert 'aria-labelledby="t-t t-d"' in c.svg and "<polygon" in c.svg
    assert c.rows == [[2020, 1.0, 0.5, 1.5], [2021, 2.0, 1.5, 2.5]]


def test_text_in_charts_is_escaped():
    c = charts.bar_chart("b", "<script>", "d", ["<b>"], [1.0])
    assert "<script>" not in c.svg.replace("<script>", "", 0) or "&lt;script&gt;" in c.svg
    assert "&lt;b&gt;" in c.svg


def test_pyramid_groups_five_years_and_overlays_the_horizon():
    now = [[10.0] * 101, [11.0] * 101]
    c = charts.pyramid("p", "P", "d", now, now, 2020, 2040)
    assert c.rows[0] == ["0–4", 50, 55, 50, 55]
    assert c.rows[-1][0] == "95+" and "stroke-dasharray" in c.svg


def test_empty_chart_says_so():
    assert charts.line_chart("e", "E", "d", [], []).is_empty


def test_german_number_format():
    assert charts.fmt(12345.678, 1) == "12.345,7"
    assert charts.fmt(None) == "–"
