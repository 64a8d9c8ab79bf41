"""A limit reached: how often someone may do something in a window. Pages show the
message; the API answers 429 problem+json with `Retry-After`."""


class RateLimitError(Exception):
    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)
