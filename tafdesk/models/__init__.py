"""The domain: case record (ORM), boundary schemas (pydantic), rules and services. No Qt here."""
