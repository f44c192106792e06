"""A small HTTP client for tests against a real server (a live server or
gunicorn): bounded timeouts, CSRF cookie and token handled, a response form
filled in from its own HTML."""

import http.client
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bs4 import BeautifulSoup

TIMEOUT_SECONDS = 15
HOST = "localhost"
CONFIRMATION = "response/?ref="


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    @property
    def confirmed(self) -> bool:
        return self.status == 302 and CONFIRMATION in self.location


@dataclass
class Server:
    port: int
    # gunicorn with production settings sits behind a TLS-terminating load
    # balancer: say so, as it would.
    https: bool = False
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, body=None, headers=None) -> Reply:
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=TIMEOUT_SECONDS
        )
        sent = {"Host": HOST, **(headers or {})}
        if self.https:
            sent["X-Forwarded-Proto"] = "https"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            conn.close()

    def get(self, path, headers=None) -> Reply:
        return self.request("GET", path, headers=headers)

    def origin(self) -> str:
        return f"{'https' if self.https else 'http'}://{HOST}"


@dataclass
class FilledForm:
    """A response form as a browser would send it: its CSRF cookie, and
    answers to every question (and the equality questions)."""

    path: str
    cookie: str
    data: list

    @property
    def token(self) -> str:
        return dict(self.data)["engage_token"]

    def body(self) -> bytes:
        return urlencode(self.data).encode()

    def post(self, server: Server) -> Reply:
        return server.request(
            "POST",
            self.path,
            body=self.body(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={self.cookie}",
                "Origin": server.origin(),
                "Referer": server.origin() + self.path,
            },
        )


def fill_in(server: Server, path: str) -> FilledForm:
    """GET the consultation's form and answer every question."""
    reply = server.get(path)
    assert reply.status == 200, (path, reply.status)
    cookie = SimpleCookie()
    for header in reply.headers.get_all("Set-Cookie") or []:
        cookie.load(header)
    form = BeautifulSoup(reply.body, "lxml").find(
        "input", attrs={"name": "engage_token"}
    )
    assert form is not None, f"No response form at {path}"
    form = form.find_parent("form")
    return FilledForm(path, cookie["csrftoken"].value, answers(form))


def answers(form) -> list:
    data, chosen = [], set()
    for control in form.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or name in chosen:
            continue
        kind = control.get("type", "text") if control.name == "input" else control.name
        if name == "engage_notify_outcome":
            continue  # an opt-in that needs an address, which is left blank
        if kind == "hidden":
            value = control.get("value", "")
        elif kind in ("radio", "checkbox"):
            value = control.get("value", "on")
        elif kind == "select":
            value = next(
                o["value"] for o in control.find_all("option") if o.get("value")
            )
        elif kind == "textarea":
            value = "More benches in the park, please."
        elif name in ("engage_homepage", "engage_receipt_email"):
            value = ""
        else:
            value = "AB1 2CD"
        chosen.add(name)
        data.append((name, value))
    return data
