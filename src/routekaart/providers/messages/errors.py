from collections.abc import Sequence


class MessageRefused(Exception):
    """A received message breaks the schema or a rule of the standard: answered with these retour codes."""

    def __init__(self, codes: Sequence[str], detail: str = "") -> None:
        super().__init__(detail or ", ".join(codes))
        self.codes = tuple(codes)
        self.detail = detail
