"""A second factor for every staff sign-in (QUALITY SEC-10).

Wagtail has none built in. Staff sign in with their password as before, then
with a code from an authenticator app (TOTP, django-otp), or with one of ten
single-use recovery codes when the phone is lost. Until a session has passed
the second step, the admin answers only the sign-in, sign-out and second-factor
pages, and the public site treats the person as signed out (private pages
send people through both steps: `views.private_page_sign_in`).

A person with no authenticator yet sets one up at that step, from a key kept
in their session alone until a code proves it. Replacing an authenticator, or
the recovery codes, needs the second factor given in the last ten minutes;
either change ends every other session that passed with the old device. Staff
are emailed about each change (core.staff_mail).

`ENGAGE_REQUIRE_TWO_FACTOR` (env `REQUIRE_TWO_FACTOR`, on unless turned off)
switches the requirement; `check --deploy` warns when it is off.
`manage.py reset_two_factor USERNAME` forgets a person's authenticator and
recovery codes, for when both are lost.
"""
