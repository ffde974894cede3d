"""The SVG charts: numbers in, escaped SVG with a title and description out."""
import csv
import xml.etree.ElementTree as ET

import pytest

from campaign.charts import svg

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

    spec = importlib.util.spec_from_file_location("build_us_map", Path(__file__).parents[2] / "tools" / "build_us_map.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    with open(shared_data / "congress" / "zccd.csv", newline="") as file:
        pairs = {(row["state_fips"].zfill(2), row["state_abbr"]) for row in csv.DictReader(file)}
    assert pairs <= set(build.FIPS.items())
    assert {abbr for _, abbr in pairs} >= set(svg.us_states()["states"])
