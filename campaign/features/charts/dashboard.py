"""An action's charts for its organizer page: the numbers, their SVG pictures, their tables."""
from dataclasses import dataclass, field
from itertools import accumulate

from markupsafe import Markup

from . import queries, svg


@dataclass
class PetitionCharts:
    days: list = field(default_factory=list)        # [(date, confirmed that day, running total)]
    sources: list = field(default_factory=list)     # [(source label, n)]
    states: list = field(default_factory=list)      # [(abbr, n)], largest first
    pending: int = 0
    daily_svg: Markup = Markup("")
    cumulative_svg: Markup = Markup("")
    map_svg: Markup = Markup("")
    sources_svg: Markup = Markup("")


def _label(day):
    return day.strftime("%b %-d")


def petition_charts(petition_id, regions, pending):
    """The charts of a petition, from its confirmations per day, its tallies by state and its sources."""
    per_day = queries.confirmed_per_day(petition_id)
    totals = list(accumulate(n for _, n in per_day))
    labels = [_label(day) for day, _ in per_day]
    states = sorted(((abbr, n) for abbr, n in regions.items() if abbr in svg.us_states()["states"]),
                    key=lambda item: (-item[1], item[0]))
    sources = [(source or "(none)", n) for source, n in queries.top_sources(petition_id)]
    charts = PetitionCharts(days=[(day, n, total) for (day, n), total in zip(per_day, totals, strict=True)],
                            sources=sources, states=states, pending=pending)
    if per_day:
        span = f"from {labels[0]} to {labels[-1]}"
        charts.daily_svg = svg.time_chart(
            labels, [n for _, n in per_day], "Confirmed signatures per day",
            f"Bars, one per day {span}; the most in a day: {max(n for _, n in per_day):,}.")
        charts.cumulative_svg = svg.time_chart(
            labels, totals, "Confirmed signatures in total",
            f"A line rising {span} to {totals[-1]:,}.", kind="line")
    charts.map_svg = svg.us_map(
        dict(states), "Confirmed signatures by state",
        "A map of the United States, each state shaded darker the more signatures it has; "
        f"{len(states)} states have at least one.")
    if sources:
        charts.sources_svg = svg.bar_list(sources, "Top sources", "Confirmed signatures by the source of the link.")
    return charts
