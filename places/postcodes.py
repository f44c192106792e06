"""UK postcodes as residents type them: any case, any spacing."""

import re

# The outward code (area, district) then the inward code (sector, unit), as
# Royal Mail writes them; "GIR 0AA" is the one historic exception.
POSTCODE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][A-Z]{2}$")
LONGEST = 8  # "SW1A 1AA"


def normalise(text: str) -> str | None:
    """ "sw1a1aa " -> "SW1A 1AA", the form postcodes are stored in, or None
    if `text` is not shaped like a postcode."""
    squashed = re.sub(r"\s+", "", text or "").upper()
    if len(squashed) > LONGEST - 1 or not POSTCODE.match(squashed):
        return None
    return f"{squashed[:-3]} {squashed[-3:]}"
