"""Phone numbers, e-mail addresses and postal addresses, and the numbers that are none of these."""

from __future__ import annotations

import pytest

from bot.deployment import Deployment, Organisation, SafeguardLead
from bot.scanner import Scanner


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    """A deployment whose own public number and e-mail address are on the allow-list."""
    org = Organisation("Harbour Lights Club", website="harbourlights.example")
    allow = ("0161 496 0000", "hello@otherdomain.example", "hello@harbourlights.example", "1 Quay Street")
    return Scanner(Deployment(org, (SafeguardLead("Lead"),), allow=allow))


def kinds(scanner: Scanner, text: str) -> list[str]:
    return scanner.kinds(scanner.scan(text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ring me on 07911 123456", id="mobile-spaced"),
        pytest.param("ring me on 07911123456", id="mobile-run-together"),
        pytest.param("office 020 7946 0321", id="london"),
        pytest.param("(0161) 496-0321 after 5", id="brackets-dashes"),
        pytest.param("+44 (0)7911 123456", id="international-with-trunk"),
        pytest.param("0044 7911 123456", id="double-zero-prefix"),
        pytest.param("call +1 415 555 2671", id="other-country"),
        pytest.param("drama number 07700 900555", id="ofcom-drama-range"),
        pytest.param("07911.123.456", id="dots"),
        pytest.param("the booking line is 0161 496 0321", id="label-word-not-right-before-the-number"),
    ],
)
def test_phone_numbers_found(scanner: Scanner, text: str):
    """Numbers in the shapes people type them are phone numbers."""
    assert kinds(scanner, text) == ["phone"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Meeting moved to 12/04/2024 at 10:00", id="date-slashes"),
        pytest.param("Back on 01.02.2025 at 10.30", id="date-dots"),
        pytest.param("Quote was £1,250.00 inc VAT", id="money"),
        pytest.param("Order 4471902 shipped", id="order-number"),
        pytest.param("Charity number 1187654", id="charity-number"),
        pytest.param("Your code is 482913", id="verification-code"),
        pytest.param("Flight BA2490 lands 14:35", id="flight"),
        pytest.param("Version 10.0.19045 installed", id="version"),
        pytest.param("Final score 3-2", id="score"),
        pytest.param("Founded in 2016", id="year"),
        pytest.param("Invoice INV-2024-0042", id="reference"),
        pytest.param("IP address is 192.168.0.1", id="ip-address"),
        pytest.param("Call 999 or 111", id="emergency-numbers"),
        pytest.param("Meeting ID 0123 4567", id="too-short"),
        pytest.param("Slots 09.30 - 10.30 - 11.30", id="time-slots"),
        pytest.param("Booking ref 0192837465 for the coach", id="labelled-reference-shaped-like-a-number"),
        pytest.param("ISBN 978-0-14-044913-6", id="tail-of-a-longer-number"),
        pytest.param("Account no. 01632 960123", id="labelled-account"),
        pytest.param("Tracking number: 0034 5678 9012 3456", id="labelled-tracking"),
    ],
)
def test_other_numbers_quiet(scanner: Scanner, text: str):
    """Dates, money, references, codes, versions and scores are not phone numbers."""
    assert kinds(scanner, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("email me at jo.bloggs@gmail.com", id="plain"),
        pytest.param("karen+forms@example.co.uk please", id="plus-tag"),
        pytest.param("JO.BLOGGS@GMAIL.COM", id="capitals"),
        pytest.param("jo [at] gmail [dot] com", id="bracketed"),
        pytest.param("jo at gmail dot com", id="spoken"),
        pytest.param("jo\u200b@gmail.com", id="zero-width"),
        pytest.param("jo(at)gmail.com", id="bracketed-at-only"),
        pytest.param("jo.bloggs @ gmail.com", id="spaced-at"),
    ],
)
def test_emails_found(scanner: Scanner, text: str):
    """E-mail addresses, including disguised ones."""
    assert kinds(scanner, text) == ["email"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("@sam.jones can you cover?", id="mention-with-dot"),
        pytest.param("thanks @priya", id="mention"),
        pytest.param("ping @ everyone", id="spaced-at-without-domain"),
        pytest.param("meet at the cafe", id="word-at"),
        pytest.param("a@b", id="no-domain"),
        pytest.param("The form is at forms.example.com/feedback", id="word-at-before-a-website"),
    ],
)
def test_not_emails(scanner: Scanner, text: str):
    """@-mentions and the word "at" are not e-mail addresses."""
    assert kinds(scanner, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("I live at 12 Orchard Close, Ipswich", id="street-close"),
        pytest.param("Drop it to 7a Church Lane", id="house-letter"),
        pytest.param("she lives at 4 mill road now", id="lower-case-strong-street-word"),
        pytest.param("Flat 2, 15 Harbour View", id="flat"),
        pytest.param("Pick up from IP4 2AB", id="postcode"),
        pytest.param("postcode sw1a 1aa", id="postcode-lower-case"),
        pytest.param("M1 1AE is the one", id="one-letter-area"),
        pytest.param("Meet at 22 High St", id="abbreviated-street"),
        pytest.param("she lives on Orchard Close now", id="lives-on-a-street"),
        pytest.param("her house is on Mill Road", id="house-on-a-street"),
        pytest.param("Rose Cottage, Mill Lane, Ipswich", id="house-name-and-street"),
    ],
)
def test_addresses_found(scanner: Scanner, text: str):
    """Street addresses and full UK postcodes."""
    assert kinds(scanner, text) == ["address"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Room 101 is booked", id="room"),
        pytest.param("We need 24 chairs and 6 tables", id="counts"),
        pytest.param("we need 5 more lane ropes", id="street-word-without-cue"),
        pytest.param("3 new park benches arrived", id="weak-street-word-lower-case"),
        pytest.param("PO box deliveries are late", id="po-box"),
        pytest.param("Q3 budget is 12,500", id="quarter"),
        pytest.param("Starts at 5pm", id="time"),
        pytest.param("Flight BA2490", id="flight"),
        pytest.param("The minibus reg is AB12 CDE", id="number-plate"),
        pytest.param("I live in Ipswich", id="town-is-not-an-address"),
        pytest.param("Grove Farm Lane is muddy", id="street-name-with-a-house-word"),
        pytest.param("I'm in the Mill Lane car park", id="street-without-a-number-or-a-home"),
    ],
)
def test_not_addresses(scanner: Scanner, text: str):
    """Counts, rooms, times and half-postcode-looking codes are not addresses."""
    assert kinds(scanner, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("call us on 0161 496 0000", id="allowed-phone"),
        pytest.param("call us on +44 161 496 0000", id="allowed-phone-other-format"),
        pytest.param("write to hello@otherdomain.example", id="allowed-email"),
        pytest.param("come to 1 Quay Street", id="allowed-address"),
    ],
)
def test_allow_list_is_never_a_finding(scanner: Scanner, text: str):
    """The organisation's own public details on the allow-list are not findings, whatever their format."""
    assert scanner.scan(text) == []


def test_allow_list_does_not_hide_the_organisation(scanner: Scanner):
    """An allowed e-mail address on the organisation's website is not a contact finding but still names it (6.15)."""
    assert kinds(scanner, "write to hello@harbourlights.example") == ["organisation"]


def test_allow_list_does_not_hide_other_numbers(scanner: Scanner):
    """Only the allowed number is let through; another number in the same post is still found."""
    assert kinds(scanner, "0161 496 0000 or my mobile 07911 123456") == ["phone"]
