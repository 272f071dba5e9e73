"""Services: everything a user can do, as plain functions over a Session. No Qt here."""

# A child added to a family gets a voice section in the assessment however they are added: the
# hook that does it is registered when this module loads.
from . import assessment as _assessment  # noqa: F401
