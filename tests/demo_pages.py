"""One URL of each public page type in the demo content (load_demo_content)."""

PAGE_TYPES = {
    "home": "/",
    "standard page": "/accessibility-statement/",
    "privacy notice": "/privacy-notice/",
    "consultation hub": "/have-your-say/",
    "consultation": "/have-your-say/working-with-communities-2027-2031/",
    "consultation hub filtered": "/have-your-say/?status=open&q=communities",
    "consultation hub of a place": "/have-your-say/?place=northvale-town",
    "consultation forthcoming": "/have-your-say/parks-and-open-spaces-strategy/",
    "consultation closed": "/have-your-say/town-centre-parking/",
    "consultation with outcome": "/have-your-say/library-opening-hours/",
    "committee index": "/meetings-and-decisions/",
    "committee": "/meetings-and-decisions/health-and-wellbeing-board/",
    "meeting": "/meetings-and-decisions/health-and-wellbeing-board/meeting-held/",
    "story index": "/success-stories/",
    "story": "/success-stories/community-leaders-forum-three-years/",
    "not found": "/no-such-page/",
    "story tag page": "/success-stories/tag/community-safety/",
    "story two-tag page": "/success-stories/tag/community-safety/volunteering/",
    "story with quotes, figures and video": "/success-stories/greenway-court-community-room/",
    "agenda item": (
        "/meetings-and-decisions/health-and-wellbeing-board/meeting-held/"
        "empowering-our-communities/"
    ),
    "agenda item with a public question and a vote": (
        "/meetings-and-decisions/health-and-wellbeing-board/meeting-held/"
        "community-pharmacy-opening-hours/"
    ),
    "upcoming meeting": (
        "/meetings-and-decisions/health-and-wellbeing-board/meeting-upcoming/"
    ),
    "meetings": "/meetings-and-decisions/meetings/",
    "past meetings of a committee": (
        "/meetings-and-decisions/meetings/?when=past"
        "&committee=health-and-wellbeing-board"
    ),
    "meetings with errors": "/meetings-and-decisions/meetings/?when=soon",
    "councillors": "/meetings-and-decisions/councillors/",
    "councillor": "/meetings-and-decisions/councillors/margaret-oyelaran/",
    "decisions register": "/meetings-and-decisions/decisions/",
    "decisions register filtered": (
        "/meetings-and-decisions/decisions/?committee=health-and-wellbeing-board"
        "&q=communities"
    ),
    "decisions register of a ward": "/meetings-and-decisions/decisions/?place=eastside",
    "decisions register of key decisions": (
        "/meetings-and-decisions/decisions/?key_decisions=on"
    ),
    "decisions register with errors": (
        "/meetings-and-decisions/decisions/?date_from=31%2F02%2F2026"
    ),
    "forward plan": "/meetings-and-decisions/forward-plan/",
    "forward plan of decisions taken": (
        "/meetings-and-decisions/forward-plan/?state=decided"
    ),
    "forward plan with errors": "/meetings-and-decisions/forward-plan/?state=x",
    "forward plan entry at short notice": (
        "/meetings-and-decisions/forward-plan/"
        "grant-for-the-greenway-court-community-room/"
    ),
    "forward plan entry decided": (
        "/meetings-and-decisions/forward-plan/"
        "put-communities-at-the-centre-of-the-boards-work-on-health/"
    ),
    "action tracker": "/meetings-and-decisions/actions/",
    "action tracker overdue": "/meetings-and-decisions/actions/?overdue=on",
    "action tracker of a ward": "/meetings-and-decisions/actions/?place=riverside",
    "your area": "/your-area/",
    "your area with a postcode not found": "/your-area/?postcode=NV9+9ZZ",
    "ward": "/your-area/eastside/",
    "town": "/your-area/northvale-town/",
    "search": "/search/",
    "search results": "/search/?q=communities",
    "search for a postcode": "/search/?q=NV1+4AB",
    "search results filtered": "/search/?q=communities&type=meetings",
    "search with errors": "/search/?q=communities%00",
}
