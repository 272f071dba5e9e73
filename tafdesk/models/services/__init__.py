"""Services: everything a user can do, as plain functions over a Session. No Qt here."""
