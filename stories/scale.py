"""Success stories, tagged, at the sizes a council reaches."""

import datetime

from django.utils.text import slugify
from taggit.models import Tag
from wagtail.rich_text import RichText

from core.scale import add_children, in_batches

from .models import StoryIndexPage, StoryPage, StoryTag

THEMES = [
    "Volunteering",
    "Community safety",
    "Green spaces",
    "Young people",
    "Older people",
    "Housing",
    "Health",
    "Transport",
    "Arts and culture",
    "Jobs and skills",
]
TAGS_PER_STORY = (1, 4)


def build(scale, home):
    rng = scale.rng
    index = StoryIndexPage.objects.child_of(home).get()
    names = [
        THEMES[n % len(THEMES)] + ("" if n < len(THEMES) else f" {n // len(THEMES)}")
        for n in range(scale.tags)
    ]
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    Tag.objects.bulk_create(
        Tag(name=name, slug=slugify(name)) for name in names if name not in existing
    )
    tags = list(Tag.objects.filter(name__in=names))

    progress = scale.progress("stories", scale.stories)
    first_day = scale.now.date() - datetime.timedelta(days=5 * 365)
    stories = add_children(
        index,
        (
            StoryPage(
                title=f"A neighbourhood project makes a difference ({n + 1})",
                slug=f"scale-story-{n + 1}",
                published_on=first_day
                + datetime.timedelta(days=rng.randint(0, 5 * 365)),
                summary="What changed, and who made it happen.",
                body=[("rich_text", RichText("<p>How the community did it.</p>"))],
            )
            for n in range(scale.stories)
        ),
        progress,
    )
    progress.finish()
    if tags:
        in_batches(
            (
                StoryTag(content_object=story, tag=tag)
                for story in stories
                for tag in rng.sample(
                    tags, min(len(tags), rng.randint(*TAGS_PER_STORY))
                )
            ),
            StoryTag,
        )
