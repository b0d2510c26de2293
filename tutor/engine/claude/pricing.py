"""What Claude calls cost: list prices, the cost of recorded usage, and estimates of requests.

Prices are USD per million tokens (input, output, cache write, cache read), from the public
price list at the time of writing; they are an assumption to check against the current list.
Message Batches are billed at half price. Estimates count about four characters per token and
take each request's ``max_tokens`` as its output, so they are upper bounds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from tutor.engine.claude.usage import UsageRecord

PRICES: dict[str, tuple[float, float, float, float]] = {
    "claude-sonnet-4-6": (3.00, 15.00, 3.75, 0.30),
    "claude-haiku-4-5": (1.00, 5.00, 1.25, 0.10),
}
DEFAULT_PRICE = PRICES["claude-sonnet-4-6"]
BATCH_DISCOUNT = 0.5
CHARS_PER_TOKEN = 4


def price_of(model: str) -> tuple[float, float, float, float]:
    return PRICES.get(model, DEFAULT_PRICE)


def cost_usd(records: Iterable[UsageRecord]) -> float:
    """The list-price cost of recorded calls (batch calls at half price)."""
    total = 0.0
    for record in records:
        p_in, p_out, p_write, p_read = price_of(record.model)
        scale = BATCH_DISCOUNT if record.batch else 1.0
        total += scale * (record.input_tokens * p_in + record.output_tokens * p_out
                          + record.cache_write_tokens * p_write
                          + record.cache_read_tokens * p_read) / 1e6
    return total


class CostEstimate(BaseModel):
    """The most a set of requests can cost (no prompt cache counted)."""

    requests: int
    input_tokens: int
    output_tokens: int
    """The sum of the requests' ``max_tokens``."""
    usd_batch: float
    usd_interactive: float

    @property
    def billable_tokens(self) -> int:
        """Tokens as the budgets count them (:attr:`UsageRecord.billable_tokens`)."""
        return self.input_tokens + self.output_tokens


def _prompt_chars(params: Mapping[str, Any]) -> int:
    system = params.get("system") or []
    text = system if isinstance(system, str) else "".join(b.get("text", "") for b in system)
    rest = json.dumps(params.get("messages", []), ensure_ascii=False)
    rest += json.dumps(params.get("output_config") or {}, ensure_ascii=False)
    return len(text) + len(rest)


def estimate_cost(requests: Mapping[str, Mapping[str, Any]]) -> CostEstimate:
    """The upper-bound cost of ``requests`` (``custom_id`` -> Messages API parameters)."""
    tokens_in = tokens_out = 0
    usd = 0.0
    for params in requests.values():
        p_in, p_out, _, _ = price_of(str(params.get("model", "")))
        size_in = _prompt_chars(params) // CHARS_PER_TOKEN
        size_out = int(params.get("max_tokens", 0))
        tokens_in += size_in
        tokens_out += size_out
        usd += (size_in * p_in + size_out * p_out) / 1e6
    return CostEstimate(requests=len(requests), input_tokens=tokens_in, output_tokens=tokens_out,
                        usd_batch=round(usd * BATCH_DISCOUNT, 4), usd_interactive=round(usd, 4))
