import factory
import wagtail_factories
from wagtail.rich_text import RichText

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Have your say in Northvale"
    slug = "home"
    intro = "<p>Consultations, council decisions and the difference they make.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    summary = "A page of information."
    body = factory.LazyFunction(
        lambda: [("rich_text", RichText("<p>Information for residents.</p>"))]
    )

    class Meta:
        model = StandardPage
