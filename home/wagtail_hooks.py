from wagtail import hooks

from .dashboard import StatutoryReviewsPanel


@hooks.register("construct_homepage_panels")
def statutory_reviews_panel(request, panels):
    panels.append(StatutoryReviewsPanel(request))
