from dataclasses import dataclass

from django import template

from consultations.results import ChannelCounts, OptionCount, channel_counts

register = template.Library()


@register.simple_tag
def response_counts(page) -> ChannelCounts:
    """`{% response_counts page as counts %}`: the total and each channel's
    count, in one grouped query."""
    return channel_counts(page)


# Chart geometry, in SVG user units; the SVG scales to its column.
CHART_WIDTH = 480
BAR_AREA = 360  # the longest bar; the rest leaves room for "1,234 (100%)"
ROW_HEIGHT = 48
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    option: OptionCount
    row: int

    @property
    def label_y(self) -> int:
        return self.row * ROW_HEIGHT + 15

    @property
    def bar_y(self) -> int:
        return self.row * ROW_HEIGHT + 22

    @property
    def length(self) -> float:
        return round(self.option.share * BAR_AREA, 1)

    @property
    def figure_x(self) -> float:
        return self.length + 6

    @property
    def figure_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 4


@register.inclusion_tag("consultations/admin/_bar_chart.html")
def bar_chart(question):
    """A horizontal bar chart drawn on our server: no script, no outside
    service, and the same figures as the table beside it."""
    return {
        "question": question,
        "bars": [Bar(option, row) for row, option in enumerate(question.options)],
        "width": CHART_WIDTH,
        "height": len(question.options) * ROW_HEIGHT,
        "bar_height": BAR_HEIGHT,
    }
