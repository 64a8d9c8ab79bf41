"""Take out what identifies a customer from a ticket's text before it becomes a draft
article: their names, mail addresses, organization, web addresses of their domains, phone
numbers and other numbers (order, invoice, account numbers), IP addresses."""

import re
from collections.abc import Iterable

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
URL = re.compile(r"https?://[^\s)>\]]+")
IP = re.compile(r"\b\d{1,3}(\.\d{1,3}){3}\b")
PHONE = re.compile(r"(?<!\w)\+?\d[\d ()./-]{6,}\d(?!\w)")
NUMBER = re.compile(r"\b(?=[A-Z-]*\d)[A-Z]*-?\d[\d-]{3,}\b")


def redact(text: str, *, names: Iterable[str] = (), domains: Iterable[str] = ()) -> str:
    """`text` with personal and identifying details replaced by [name], [address],
    [organization], [link], [phone], [number]; `names` holds people's and organizations'
    names (each word of a person's name is taken out on its own too)."""
    text = EMAIL.sub("[address]", text)
    domains = [d.lower() for d in domains if d]
    text = URL.sub(lambda m: "[link]" if _own(m.group(0), domains) else m.group(0), text)
    text = IP.sub("[IP address]", text)
    text = PHONE.sub("[phone]", text)
    text = NUMBER.sub("[number]", text)
    for name, label in _names(names):
        text = re.sub(rf"\b{re.escape(name)}\b", label, text, flags=re.IGNORECASE)
    return text


def _own(url: str, domains: list[str]) -> bool:
    host = url.split("/")[2].lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def _names(names: Iterable[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in names:
        label, value = name.split(":", 1) if ":" in name else ("[name]", name)
        value = value.strip()
        if not value:
            continue
        found.append((value, label))
        if label == "[name]":
            found += [(part, label) for part in value.split() if len(part) > 2]
    return sorted(found, key=lambda pair: -len(pair[0]))  # longest first
