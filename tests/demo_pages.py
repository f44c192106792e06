"""One URL of each public page type in the demo content (load_demo_content)."""

PAGE_TYPES = {
    "home": "/",
    "standard page": "/accessibility-statement/",
    "consultation hub": "/have-your-say/",
    "consultation": "/have-your-say/working-with-communities-2027-2031/",
    "committee index": "/meetings-and-decisions/",
    "committee": "/meetings-and-decisions/health-and-wellbeing-board/",
    "meeting": "/meetings-and-decisions/health-and-wellbeing-board/meeting-held/",
    "story index": "/success-stories/",
    "story": "/success-stories/community-leaders-forum-three-years/",
    "not found": "/no-such-page/",
}
