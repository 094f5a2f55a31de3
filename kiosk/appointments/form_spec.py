"""The call-back form, declared once: its fields in order, their limits and choices, and the
names of the delivery channels. Validation (request.py), storage (schema.py, outbox.py),
export (export.py), delivery and the form screen all read these; none writes its own copy.

No Qt here (the staff commands run with no display)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

BestTime = Literal["morning", "afternoon", "evening"]
BEST_TIMES: Final[tuple[str, ...]] = get_args(BestTime)

# Where a saved request is sent. "none" in the settings means no channel at all.
ChannelName = Literal["email", "fhir"]
CHANNELS: Final[tuple[str, ...]] = get_args(ChannelName)
EMAIL: Final = "email"
FHIR: Final = "fhir"
NO_CHANNEL: Final = "none"

NAME_MAX: Final = 60
NOTE_MAX: Final = 200
EMAIL_MAX: Final = 254  # RFC 5321 path limit
PHONE_INPUT_MAX: Final = 40  # far above any real number with separators

# "name": letters without the digit row (a name has no digits), which leaves the field more
# room above the keyboard on a short screen.
KeyboardMode = Literal["text", "name", "phone"]


@dataclass(frozen=True)
class TextField:
    """A field the patient types into: the most characters the screen takes, which keys the
    on-screen keyboard shows, and whether it starts with a capital letter."""

    name: str
    max_length: int
    keyboard: KeyboardMode = "text"
    capital: bool = False


TEXT_FIELDS: Final[dict[str, TextField]] = {
    f.name: f
    for f in (
        TextField("first_name", NAME_MAX, keyboard="name", capital=True),
        TextField("last_name", NAME_MAX, keyboard="name", capital=True),
        TextField("phone", PHONE_INPUT_MAX, keyboard="phone"),
        TextField("email", EMAIL_MAX),
        TextField("note", NOTE_MAX, capital=True),
    )
}
# Picked from a list: best time from BEST_TIMES, reason from the content's reasons.
CHOICE_FIELDS: Final = ("best_time", "reason")

# Every field in the form's order (and the export's).
FIELDS: Final = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "best_time",
    "reason",
    "note",
    "consent",
)
# The form as the patient meets it: one question a screen, then a review (issue 18). Each
# step lists the fields it asks for.
STEPS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("name", ("first_name", "last_name")),
    ("phone", ("phone", "email")),
    ("best_time", ("best_time",)),
    ("reason", ("reason", "note")),
    ("consent", ("consent",)),
)
# Checked only for being filled in while the patient goes through the steps: whether a phone
# number is valid depends on the kiosk's region, which only the save knows.
REQUIRED_ONLY: Final = frozenset({"phone"})
# Text a patient typed freely (a spreadsheet must not run it as a formula).
FREE_TEXT: Final = frozenset({"first_name", "last_name", "email", "note"})
