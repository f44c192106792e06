"""CSV for people who open it in a spreadsheet program: cells that would run
as formulas are neutralised, and downloads stream row by row."""

import csv

from django.http import StreamingHttpResponse

# A spreadsheet program runs a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(value):
    """`value`, with a leading apostrophe if a spreadsheet would run it as a
    formula (OWASP's advice for CSV injection). Anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


class _Echo:
    """A file-like object whose write() hands back what it was given, so the
    csv module can format one row at a time for a streaming response."""

    def write(self, value):
        return value


def csv_response(filename, header, rows):
    """A streaming CSV download: `header` (a list of column headings) then
    each row of `rows` (an iterable of lists), every cell guarded."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([guard_formula(cell) for cell in header])
        for row in rows:
            yield writer.writerow([guard_formula(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
