import factory
import wagtail_factories


class TaggedPageFactory(wagtail_factories.PageFactory):
    """`SomePageFactory(tags=["Parks", "Roads"])`: tag names, made if new."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(page, create, extracted, **kwargs):
        if extracted:
            page.tags.add(*extracted)
            if create:
                page.save()
