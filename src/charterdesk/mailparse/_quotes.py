"""The part of a reply its author wrote: no quoted thread, no signature.

Recognises the quote styles of Gmail and Apple Mail ("On ... wrote:", also in German,
French, Spanish, Dutch, Italian and Portuguese), Outlook ("-----Original Message-----",
"From: / Sent: / To: / Subject:" header blocks, also "Von: / Gesendet:"), lines starting
with ">", the "-- " signature delimiter and mobile signatures ("Sent from my iPhone").
"""

from __future__ import annotations

import re

_OPENERS = re.compile(r"^\s*(?:On|Am|Le|El|Op|Il|Em|Den|På)\s", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"^\s*(?:On\s.{1,300}?\swrote|Am\s.{1,300}?\sschrieb.{0,200}?|Le\s.{1,300}?\sa\s+écrit"
    r"|El\s.{1,300}?\sescribió|Op\s.{1,300}?\sschreef.{0,200}?|Il\s.{1,300}?\sha\s+scritto"
    r"|Em\s.{1,300}?\sescreveu|Den\s.{1,300}?\sskrev.{0,200}?)\s*:\s*$",
    re.IGNORECASE,
)
_ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine"
    r"|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Originalmeddelande"
    r"|Oprindelig meddelelse|Alkuperäinen viesti)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_UNDERSCORES = re.compile(r"^\s*_{20,}\s*$")
_FROM_LINE = re.compile(r"^\s*\*?(?:From|Von|De|Van|Da|Från|Fra|Od|От)\s*:", re.IGNORECASE)
_SENT_LINE = re.compile(
    r"^\s*\*?(?:Sent|Gesendet|Envoyé|Date|Datum|Enviado|Verzonden|Inviato|Skickat|Sendt"
    r"|Отправлено)\s*:",
    re.IGNORECASE,
)
_SUBJECT_LINE = re.compile(
    r"^\s*\*?(?:Subject|Betreff|Objet|Asunto|Onderwerp|Oggetto|Ämne|Emne|Тема)\s*:",
    re.IGNORECASE,
)
_FORWARDED = re.compile(
    r"forwarded message|begin forwarded message|weitergeleitete nachricht|message transféré",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^-- ?$")
_MOBILE = re.compile(
    r"^\s*(?:Sent from my \S.*|Sent from Mail for Windows.*|Sent from Yahoo Mail.*"
    r"|Get Outlook for (?:iOS|Android).*|Von meinem \S+ gesendet.*|Envoyé de mon \S.*"
    r"|Enviado desde mi \S.*|Verzonden vanaf mijn \S.*|Inviato da \S.*)\s*$",
    re.IGNORECASE,
)
_HEADER_BLOCK_SPAN = 8


def visible_text(text: str) -> str:
    """``text`` without the quoted earlier messages and the signature; never empty when
    ``text`` has content (then the full text comes back)."""
    lines = text.splitlines()
    cut = _first_cut(lines)
    kept = _without_quoted_lines(lines[:cut])
    if not kept:  # bottom-posted reply: the quote came first, the answer below
        kept = _without_quoted_lines(lines[: _signature_cut(lines)], drop_attributions=True)
    return kept or text.strip()


def _first_cut(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if _is_cut(lines, index, line):
            return index
    return len(lines)


def _is_cut(lines: list[str], index: int, line: str) -> bool:
    if _SIGNATURE.match(line) or _MOBILE.match(line) or _ORIGINAL_MESSAGE.match(line):
        return True
    if _OPENERS.match(line) and _is_attribution(lines, index):
        return True
    if _UNDERSCORES.match(line) and _is_header_block(lines, index + 1):
        return True
    return bool(_FROM_LINE.match(line)) and _is_header_block(lines, index)


def _is_attribution(lines: list[str], index: int) -> bool:
    """Gmail wraps long attributions, so look at up to three joined lines."""
    joined = ""
    for line in lines[index : index + 3]:
        joined = f"{joined} {line.strip()}" if joined else line.strip()
        if _ATTRIBUTION.match(joined):
            return True
    return False


def _is_header_block(lines: list[str], index: int) -> bool:
    block = lines[index : index + _HEADER_BLOCK_SPAN]
    if not block or not _FROM_LINE.match(block[0]):
        return False
    has_sent = any(_SENT_LINE.match(line) for line in block)
    has_subject = any(_SUBJECT_LINE.match(line) for line in block)
    return has_sent and has_subject and not _is_forwarded(lines, index)


def _is_forwarded(lines: list[str], index: int) -> bool:
    before = [line for line in lines[max(index - 3, 0) : index] if line.strip()]
    return bool(before) and _FORWARDED.search(before[-1]) is not None


def _signature_cut(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if _SIGNATURE.match(line) or _MOBILE.match(line):
            return index
    return len(lines)


def _without_quoted_lines(lines: list[str], *, drop_attributions: bool = False) -> str:
    kept = []
    for index, line in enumerate(lines):
        if line.lstrip().startswith(">"):
            continue
        if drop_attributions and _OPENERS.match(line) and _is_attribution(lines, index):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()
