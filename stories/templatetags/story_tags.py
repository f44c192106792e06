from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def figure(value) -> str:
    """Decimal("12500.00") -> "12,500"; Decimal("62.50") -> "62.5": no
    trailing zeros a reader would stumble on, thousands separated."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():,f}"
