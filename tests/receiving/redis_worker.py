"""One worker process of the multi-process Redis test: verifies every payload of a file, as a web worker would.

argv: redis URL, payload file (JSON list of bodies), result file. A store failure (Redis restarting) is retried
with a pause, as Mailgun retries after a 503; every other outcome is written down: "accepted" or "replay".
"""

from __future__ import annotations

import json
import random
import sys
import time

from mailgun.webhook_verification import RedisTokenStore, TokenStoreError, WebhookVerificationError, verify_webhook

MAX_TRIES = 200  # 200 x 50 ms: Redis restarts in well under a second


def main() -> None:
    url, payload_path, result_path, key = sys.argv[1:5]
    with open(payload_path) as file:
        bodies: list[str] = json.load(file)
    order = list(range(len(bodies)))
    random.shuffle(order)  # every worker in its own order, so they race on different tokens at different times
    store = RedisTokenStore.from_url(url, timeout=1.0)
    outcomes: dict[int, str] = {}
    retries = 0
    for index in order:
        for _ in range(MAX_TRIES):
            try:
                verify_webhook(bodies[index], key, content_type="application/json", token_store=store)
                outcomes[index] = "accepted"
            except TokenStoreError:
                retries += 1
                time.sleep(0.05)
                continue
            except WebhookVerificationError as exc:
                outcomes[index] = "replay" if "replayed" in str(exc) else f"rejected: {exc}"
            break
        else:
            outcomes[index] = "store unavailable"
    with open(result_path, "w") as file:
        json.dump({"outcomes": outcomes, "retries": retries}, file)


if __name__ == "__main__":
    main()
