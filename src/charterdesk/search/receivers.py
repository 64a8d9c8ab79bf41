"""The vocabulary of "did you mean" learns the words of new tickets and messages, in the
writer's transaction. (The ticket index itself is kept by database triggers:
ticket_index.py; the vocabulary only suggests, so words written by bulk SQL wait for
`charterdesk search rebuild`.)"""

from typing import Any

from charterdesk.tickets.models import Message, Ticket

from . import vocabulary


def learn_ticket_words(sender: type[Ticket], instance: Ticket, created: bool, **_: Any) -> None:
    if created:
        vocabulary.remember([instance.subject])


def learn_message_words(sender: type[Message], instance: Message, created: bool, **_: Any) -> None:
    if created:
        vocabulary.remember([instance.body])
