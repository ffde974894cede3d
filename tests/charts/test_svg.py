"""The SVG charts: numbers in, escaped SVG with a title and description out."""
import csv
import re
import xml.etree.ElementTree as ET

import pytest

from campaign.features.charts import svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup):
    return ET.fromstring(str(markup))


def test_a_time_chart_is_valid_svg_with_a_title_and_one_bar_per_day_with_signatures():
    chart = parse(svg.time_chart(["Nov 1", "Nov 2", "Nov 3"], [3, 0, 5], "Per day", "Bars"))
    assert chart.get("role") == "img"
    assert chart.find(f"{SVG}title").text == "Per day"
    bars = chart.findall(f"{SVG}rect")
    assert [bar.find(f"{SVG}title").text for bar in bars] == ["Nov 1: 3", "Nov 3: 5"]


def test_a_line_chart_has_one_point_per_day():
    chart = parse(svg.time_chart(["a", "b", "c"], [1, 4, 9], "Total", "A line", kind="line"))
    assert len(chart.find(f"{SVG}polyline").get("points").split()) == 3


def test_a_single_day_still_draws_a_line_a_point_and_its_value():
    """All confirmations on one day: one point, which no line joins; the chart shows a step."""
    chart = parse(svg.time_chart(["Dec 3"], [40], "Total", "A line", kind="line"))
    points = [tuple(map(float, p.split(","))) for p in chart.find(f"{SVG}polyline").get("points").split()]
    assert len(set(points)) == 2 and points[0][1] == points[1][1]  # a flat step across the day
    assert chart.find(f"{SVG}circle/{SVG}title").text == "Dec 3: 40"
    assert "40" in [text.text for text in chart.iter(f"{SVG}text")]  # its value, beside the y axis's
    assert "Dec 3" in [text.text for text in chart.iter(f"{SVG}text")]


def test_a_single_day_is_one_bar_not_a_wall():
    chart = parse(svg.time_chart(["Dec 3"], [40], "Per day", "Bars"))
    assert float(chart.find(f"{SVG}rect").get("width")) <= svg.MAX_BAR


def state_bottom():
    """The lowest point of any state on the map (paths are absolute M/L/Z commands)."""
    return max(float(y) for state in svg.us_states()["states"].values()
               for y in re.findall(r"-?[\d.]+,(-?[\d.]+)", state["d"]))


@pytest.mark.parametrize("top", [5, 137, 2_468_013])
def test_the_maps_legend_sits_under_the_map_inside_the_picture(top):
    chart = parse(svg.us_map({"FL": top, "NY": top // 3}, "By state", "A map"))
    _, _, width, height = map(float, chart.get("viewBox").split())
    legend = chart.find(f"{SVG}g[@class='chart-legend']")
    rects, texts = legend.findall(f"{SVG}rect"), legend.findall(f"{SVG}text")
    assert len(rects) == len(texts) == len(svg.shade_steps(top)) + 1
    assert texts[0].text == "0" and texts[-1].text.endswith(f"{top:,}")
    bottom = state_bottom()  # Florida's tip among them
    for rect in rects:
        assert bottom < float(rect.get("y")) and float(rect.get("y")) + float(rect.get("height")) <= height
    for text in texts:  # each label, at its widest, inside the picture and clear of the next
        assert float(text.get("x")) + len(text.text) * svg.LEGEND_FONT * svg.LEGEND_EM <= width
        assert float(text.get("y")) <= height
    on_rows = {}
    for rect, text in zip(rects, texts, strict=True):
        on_rows.setdefault(rect.get("y"), []).append((float(rect.get("x")), text))
    for row in on_rows.values():
        for (_, text), (next_x, _) in zip(row, row[1:], strict=False):
            assert float(text.get("x")) + len(text.text) * svg.LEGEND_FONT * svg.LEGEND_EM < next_x


def test_text_is_escaped():
    markup = str(svg.bar_list([("<script>alert(1)</script>", 2)], "Top <sources>", "&"))
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    parse(markup)


def test_no_style_attributes_the_csp_would_refuse():
    markup = str(svg.us_map({"NY": 5}, "Map", "A map")) + str(svg.time_chart(["a"], [1], "t", "d"))
    assert "style=" not in markup


def test_the_map_shades_each_state_and_names_it_with_its_count():
    chart = parse(svg.us_map({"NY": 120, "CA": 3}, "By state", "A map"))
    paths = {p.find(f"{SVG}title").text: p.get("fill") for p in chart.findall(f"{SVG}path")}
    assert len(paths) == 51
    assert paths["New York: 120"] == svg.SHADES[-1]
    assert paths["Wyoming: 0"] == svg.SHADES[0]
    assert svg.SHADES[0] != paths["California: 3"] != svg.SHADES[-1]


def test_shade_steps_rise_and_never_repeat():
    assert svg.shade_steps(0) == []
    assert svg.shade_steps(2) == [1, 2]
    assert svg.shade_steps(1000) == [200, 400, 600, 800, 1000]


@pytest.mark.shared_data
def test_the_maps_state_codes_match_the_congressional_crosswalk(shared_data):
    """tools/build_us_map.py maps FIPS codes to postal codes with its own table: check it."""
    import importlib.util
    from pathlib import Path

    tool = Path(__file__).parents[2] / "tools" / "build_us_map.py"
    spec = importlib.util.spec_from_file_location("build_us_map", tool)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    with open(shared_data / "congress" / "zccd.csv", newline="") as file:
        pairs = {(row["state_fips"].zfill(2), row["state_abbr"]) for row in csv.DictReader(file)}
    assert pairs <= set(build.FIPS.items())
    assert {abbr for _, abbr in pairs} >= set(svg.us_states()["states"])
