"""Questions and answers shaped like a real consultation's, for benchmarks."""

from .models import QuestionField

AGREEMENT = ["Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"]


def benchmark_questions():
    return [
        QuestionField(label="Agree", field_type="radio", choices="\n".join(AGREEMENT)),
        QuestionField(
            label="Topics", field_type="checkboxes", choices="Parks\nRoads\nBins"
        ),
        QuestionField(label="Why", field_type="multiline", required=False),
        QuestionField(label="Postcode", field_type="singleline", is_personal=True),
    ]


def benchmark_answers(n):
    return {
        "agree": AGREEMENT[n % 5],
        "topics": ["Parks", "Roads"][: n % 3],
        "why": "We use the park every day and the paths need repair. " * (1 + n % 3),
        "postcode": f"NV{n % 9} {n % 10}AB",
    }
