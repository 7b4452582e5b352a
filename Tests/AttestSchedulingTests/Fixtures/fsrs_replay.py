"""Replays review logs through the reference FSRS implementation (PyPI `fsrs`, pinned in scripts/test).

Reads JSON on standard input: {"parameters": [21 floats], "desired_retention": float,
"reviews": [[card, grade, unix_seconds], ...]} in time order. Prints one JSON object:
{"version": ..., "parameter_count": ..., "steps": [[retrievability_before, stability, difficulty,
due_unix_seconds, retrievability_at_due], ...]}, one step per review. Fuzzing is off so due dates are exact.
"""
import json
import sys
from datetime import datetime, timezone
from importlib.metadata import version

from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

request = json.load(sys.stdin)
scheduler = Scheduler(
    parameters=request["parameters"],
    desired_retention=request["desired_retention"],
    enable_fuzzing=False,
)
cards = {}
steps = []
for card_id, grade, seconds in request["reviews"]:
    when = datetime.fromtimestamp(seconds, tz=timezone.utc)
    card = cards.get(card_id) or Card(card_id=card_id, due=when)
    before = scheduler.get_card_retrievability(card, current_datetime=when)
    card, _ = scheduler.review_card(card, Rating(grade), review_datetime=when)
    cards[card_id] = card
    at_due = scheduler.get_card_retrievability(card, current_datetime=card.due)
    steps.append([before, card.stability, card.difficulty, card.due.timestamp(), at_due])
json.dump(
    {"version": version("fsrs"), "parameter_count": len(DEFAULT_PARAMETERS), "defaults": list(DEFAULT_PARAMETERS),
     "steps": steps},
    sys.stdout,
)
