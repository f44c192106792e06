import factory
import wagtail_factories
from django.utils.text import slugify

from .models import Area, AreaIndexPage, Postcode


class AreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Ward {n}")
    slug = factory.LazyAttribute(lambda area: slugify(area.name))
    kind = "ward"

    class Meta:
        model = Area
        django_get_or_create = ("slug",)


class PostcodeFactory(factory.django.DjangoModelFactory):
    postcode = factory.Sequence(lambda n: f"NV{n % 9 + 1} {n % 10}AB")
    ward = factory.SubFactory(AreaFactory)

    class Meta:
        model = Postcode
        django_get_or_create = ("postcode",)


class AreaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Your area"
    slug = "your-area"

    class Meta:
        model = AreaIndexPage
