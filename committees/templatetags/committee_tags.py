from django import template

register = template.Library()


@register.filter
def during(events, point_number):
    """The arrivals and departures minuted during the given key point."""
    return [event for event in events if event.during_point == point_number]


@register.filter
def not_during(events, points):
    """Arrivals and departures not tied to any of the given key points."""
    numbers = {point.number for point in points}
    return [event for event in events if event.during_point not in numbers]
