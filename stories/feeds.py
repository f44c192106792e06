"""RSS 2.0 feed of the newest stories, for all stories or for a tag filter."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape, strip_tags

from core.models import SiteSettings


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed
    limit = 20

    def __init__(self, index, tags):
        super().__init__()
        # A new feed object per request (see StoryIndexPage.feed), so keeping
        # the request here is safe.
        self.index = index
        self.tags = tags
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        council = SiteSettings.for_request(self.request).council_name
        topic = " and ".join(tag.name for tag in self.tags)
        heading = f"{index.title}: {topic}" if topic else index.title
        return f"{heading} - {council}" if council else heading

    def link(self, index):
        url = index.get_full_url(self.request)
        return url + index.tag_subpath(self.tags) if self.tags else url

    def feed_url(self, index):
        return self.link(index) + "feed/"

    def description(self, index):
        return strip_tags(index.intro).strip() or index.title

    def items(self, index):
        stories = index.stories().prefetch_related("tags")
        if self.tags:
            stories = stories.tagged_with_all([tag.slug for tag in self.tags])
        return stories[: self.limit]

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        # RSS readers treat the description as HTML; the summary is plain text.
        return escape(story.summary)

    def item_link(self, story):
        return story.get_full_url(self.request)

    def item_pubdate(self, story):
        # The story's own date, at the start of that day in UK time.
        return timezone.make_aware(
            datetime.datetime.combine(story.published_on, datetime.time())
        )

    def item_categories(self, story):
        return [tag.name for tag in story.tags.all()]
