"""What the asker and the people who answer read: plain words, references, and the buttons to act."""

from __future__ import annotations

from bot.actions import Button, Card
from bot.core import plain_text_of
from bot.guidance.model import Clause

HELPFUL = Button("Helpful", "helpful")
WRONG = Button("Not what I asked", "not-what-i-asked")
ASK_LEAD = Button("Ask the Safeguard Lead", "ask-lead", style="primary")
SCRUBBED = "Names, phone numbers, e-mail and postal addresses in it were removed before it was stored."


def feedback_buttons(key: str, covered: bool) -> tuple[Button, ...]:
    """Under every answer: was it helpful; and where the policy did not cover it, a person to ask."""
    mine = (Button(HELPFUL.label, HELPFUL.command, key), Button(WRONG.label, WRONG.command, key))
    return mine if covered else (Button(ASK_LEAD.label, ASK_LEAD.command, key, style=ASK_LEAD.style), *mine)


def thanks() -> str:
    return "Thank you: that helps me answer better."


def offer_hand_off(key: str, who: str) -> tuple[str, Card]:
    card = Card(
        title="Sorry that wasn't it",
        body=(
            "You could ask again in other words (who is involved, which app, what you want to do), "
            f"or send your question to {who}, who will answer you privately."
        ),
        colour="info",
        buttons=(Button(ASK_LEAD.label, ASK_LEAD.command, key, style=ASK_LEAD.style),),
    )
    return plain_text_of(card) + f"\n\n{ASK_LEAD.label}: /{ASK_LEAD.command} {key}", card


def forgotten(key: str) -> str:
    return (
        "I no longer have that question (I keep it only a day, and not across a restart). "
        f"Type /{ASK_LEAD.command} followed by your question to send it to the Safeguard Lead."
    )


def handed_off(ref: str, who: str) -> str:
    return (
        f"Your question went privately to {who} as {ref}. "
        "Their answer will reach you by direct message; nobody else sees it."
    )


def hand_off_failed(phone: str) -> str:
    call = f" or phone them on {phone}" if phone else ""
    return (
        "Sorry, I could not pass your question on just now, so nobody has it. "
        f"Please try again in a minute, ask your Safeguard Lead directly{call}."
    )


def nobody_to_ask(phone: str) -> str:
    call = f" Phone the Safeguard Lead on {phone}." if phone else " Please ask your Safeguard Lead directly."
    return "Nobody who answers policy questions can be messaged on this platform, so I could not pass it on." + call


def question_card(ref: str, text: str, answered: str, feedback: str, teach: tuple[Clause, ...]) -> tuple[str, Card]:
    """What a lead (or knowledge maintainer) is sent: the question, what the bot said, how to answer and teach."""
    fields = [("The bot answered", answered)]
    if feedback:
        fields.append(("The asker said", feedback))
    answer = Button("Answer", "answer", ref, prompt="Your answer", style="primary")
    buttons = (answer, *(Button(f"Teach {c.id}", "teach", f"{ref} {c.policy} {c.id}") for c in teach))
    card = Card(
        title=f"Policy question {ref}",
        body=f"Someone asked the bot this and would like a person to answer. {SCRUBBED}",
        quote=text,
        fields=tuple(fields),
        footer=(
            f"Answer with /answer {ref} followed by your answer: it reaches them privately. "
            f"To teach the bot, /teach {ref} followed by the clause number."
        ),
        colour="info",
        buttons=buttons,
    )
    lines = [plain_text_of(card), "> " + text.replace("\n", "\n> ")]
    lines.append(" · ".join(f"{b.label}: {b.typed}" for b in buttons))
    return "\n\n".join(lines), card


def answer_marker(ref: str) -> str:
    """What identifies an answer in the asker's DMs: not the bare reference, which the acknowledgement of the
    hand-off carries too (an interrupted answer must not be taken for delivered because the asker was told)."""
    return f"Answer to your question {ref}"


def answer_card(ref: str, question: str, answer: str, by: str) -> tuple[str, Card]:
    """What the asker is sent: the person's answer, with their question to remind them."""
    card = Card(
        title=answer_marker(ref),
        body=answer,
        quote=question,
        footer=f"From {by}. Only you can see this. To ask something else, use /{ASK_LEAD.command}." if by else "",
        colour="info",
    )
    return f"{card.title}\n\n{answer}\n\nYou asked:\n> {question}\n\n{card.footer}".strip(), card


def stats_card(week: dict[str, int], month: dict[str, int]) -> tuple[str, Card]:
    labels = {
        "asked": "Questions asked",
        "answered": "Answered with a clause",
        "not_covered": "Not covered by the policy",
        "helpful": "Marked helpful",
        "not_helpful": "Marked not what was asked",
        "handed_off": "Handed to a person",
        "taught": "Taught to a clause",
    }
    fields = tuple((label, f"{week[key]} in 7 days · {month[key]} in 30 days") for key, label in labels.items())
    card = Card(title="Policy questions", body="Counts only: no question's text.", fields=fields, colour="info")
    return plain_text_of(card), card
