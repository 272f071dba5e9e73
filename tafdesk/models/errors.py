"""Errors the services raise for the user to read: one clear sentence each."""


class TafdeskError(Exception):
    """Base of every error meant to be shown to the user as it is."""


class StorageError(TafdeskError):
    pass


class WrongPassphrase(StorageError):
    pass


class DatabaseTooNew(StorageError):
    pass


class NotFound(TafdeskError):
    pass


class ImportRejected(TafdeskError):
    pass


class ValidationFailed(TafdeskError):
    """A form's input was refused; ``problems`` maps field names to messages."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" if k else v for k, v in problems.items()))
